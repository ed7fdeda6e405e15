"""What every sub-command shares: the registry the ``@command`` decorator fills, and the options
several commands take (``--db``, ``--model``/``--provider``, ``--profile``, ``--json``), each
defined once here. :mod:`emit_gui.cli` reads :data:`COMMANDS`; no command imports the CLI."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from emit_gui.catalog import DEFAULT_PROFILE

# name -> (help, add_arguments, run); filled by the @command decorator in the command modules.
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {}


def command(name: str, help: str):  # noqa: A002 - argparse's word
    def wrap(fn):
        COMMANDS[name] = (help, getattr(fn, "arguments", lambda p: None), fn)
        return fn

    return wrap


def arguments(add: Callable[[argparse.ArgumentParser], None]):
    def wrap(fn):
        fn.arguments = add
        return fn

    return wrap


def add_profile(p: argparse.ArgumentParser) -> None:
    p.add_argument("--profile", default=DEFAULT_PROFILE, metavar="NAME",
                   help=f"name of each product's profile file (default {DEFAULT_PROFILE})")


def add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH|URL", help="database file or a team's postgresql:// URL "
                   "(default: $EMIT_GUI_DB, else the user's data folder)")


def add_model(p: argparse.ArgumentParser) -> None:
    """``--model`` (resolved by ``emit_gui.registry.resolve_model``) and ``--provider``."""
    p.add_argument("--model", metavar="DIR",
                   help="model folder (default: $EMIT_GUI_MODEL, else the active version, else the bundled one)")
    p.add_argument("--provider", choices=["auto", "cpu", "cuda"], default="auto",
                   help="inference provider (default auto: CUDA if it really works, else CPU)")


def add_json(p: argparse.ArgumentParser, help: str = "print one JSON object") -> None:  # noqa: A002
    p.add_argument("--json", action="store_true", help=help)
