"""The ``emit-gui`` command line. Every command reports problems in one line, never a traceback."""

from __future__ import annotations

import argparse
import errno
import sys
import traceback
from datetime import datetime

from emit_gui import __version__
from emit_gui.commands.options import COMMANDS
from emit_gui.errors import UserError


def _version_text() -> str:
    text = f"emit-gui {__version__}"
    try:
        from emit_gui.inference.providers import describe_provider

        text += f"\ninference: {describe_provider()}"
    except ImportError:
        pass
    return text


def build_parser() -> argparse.ArgumentParser:
    import emit_gui.commands  # noqa: F401 - registers the commands

    parser = argparse.ArgumentParser(
        prog="emit-gui",
        description="Pair product photos with their option tags, and review the pairing.",
    )
    parser.add_argument("--version", dest="show_version", action="store_true",
                        help="print the version and the inference provider")
    parser.add_argument("--purge-user-data", action="store_true",
                        help="delete this user's emit-gui data, models, logs, settings, cache and "
                             "trainer (asks first; see README 'What emit-gui stores, and where')")
    parser.add_argument("--yes", action="store_true", help="with --purge-user-data: do not ask")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, add, _run) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        add(p)
    return parser


def _log_crash(exc: BaseException) -> str:
    try:
        from emit_gui.paths import log_dir

        path = log_dir() / f"crash-{datetime.now():%Y%m%d-%H%M%S}.log"
        path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        return str(path)
    except Exception:  # noqa: BLE001 - logging must not fail the error path
        return "(no log written)"


# disk full, read-only, permissions, quota, I/O: the machine's state, said in one line
_ENVIRONMENT_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG, errno.EIO,
                       getattr(errno, "EDQUOT", errno.ENOSPC)}


def _safe_streams() -> None:
    """Names in another encoding (surrogate escapes) print as ``\\xb0``, never crash a print,
    and what is printed stays valid UTF-8 (JSON included: ``\\udcb0`` is a JSON escape)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass


def _check_home() -> None:
    import os

    from emit_gui.settings import current

    home = current().home
    if home and os.path.exists(home) and not os.path.isdir(home):
        raise UserError(f"EMIT_GUI_HOME={home} is a file, not a folder; point it to a folder or unset it")


def main(argv: list[str] | None = None) -> int:
    _safe_streams()
    try:
        _check_home()
        parser = build_parser()
        args = parser.parse_args(argv)
        args.raw_argv = list(sys.argv[1:] if argv is None else argv)
        if args.show_version:
            print(_version_text())
            return 0
        if args.purge_user_data:
            from emit_gui.paths import purge_user_data

            return purge_user_data(args.yes)
        if not args.command:
            if "open" not in COMMANDS:
                parser.print_help()
                return 0
            args = parser.parse_args(["open"])
        return int(COMMANDS[args.command][2](args) or 0)
    except UserError as exc:
        print(f"emit-gui: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("emit-gui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if exc.errno not in _ENVIRONMENT_ERRNOS:
            log = _log_crash(exc)
            print(f"emit-gui: internal error: {type(exc).__name__}: {exc} (details in {log})", file=sys.stderr)
            return 1
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"emit-gui: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback for users
        log = _log_crash(exc)
        print(f"emit-gui: internal error: {type(exc).__name__}: {exc} (details in {log})", file=sys.stderr)
        return 1
