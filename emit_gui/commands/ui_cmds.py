"""``open`` and ``demo``: the review window."""

from __future__ import annotations

import argparse

from emit_gui.commands.options import add_db, add_model, add_profile, arguments, command


def _window_args(p: argparse.ArgumentParser) -> None:
    add_model(p)
    p.add_argument("--lang", choices=["system", "en", "zh_CN"], help="interface language (default: settings)")
    p.add_argument("--screenshot", metavar="PNG", help=argparse.SUPPRESS)


def _open_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", nargs="?", help="a folder of products to open")
    add_profile(p)
    add_db(p)
    _window_args(p)


@command("open", "open the review window (the default when no command is given)")
@arguments(_open_args)
def open_cmd(args: argparse.Namespace) -> int:
    from emit_gui.ui.app import run_window

    return run_window(args.path, db=args.db, model=args.model, profile=args.profile, provider=args.provider,
                      language=args.lang, screenshot=args.screenshot)


@command("demo", "open the bundled sample with the default model: the whole loop in one command")
@arguments(_window_args)
def demo_cmd(args: argparse.Namespace) -> int:
    from emit_gui.paths import data_dir, resources_dir
    from emit_gui.ui.app import run_window

    return run_window(str(resources_dir() / "sample"), db=str(data_dir() / "demo.sqlite3"), model=args.model,
                      profile="profile.json", provider=args.provider, language=args.lang,
                      screenshot=args.screenshot)
