"""Guards the commands share: outputs never land in an input, sizes stay within limits, a
store that only gets read must already exist."""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path

from emit_gui.errors import UserError, printable


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` (symbolic links resolved, existing or not) is ``folder`` or lies in it."""
    p, f = _real(path), _real(folder)
    return p == f or f in p.parents


def refuse_output_in_inputs(out: Path, inputs: list[tuple[Path, str]], option: str = "--out") -> None:
    """A UserError when ``out`` (links followed) lands inside one of the input folders/files."""
    for folder, what in inputs:
        if folder is None:
            continue
        if inside(out, folder):
            raise UserError(f"{option} {printable(str(out))}: lands inside the {what} {printable(str(folder))}; "
                            "emit-gui never writes into its inputs, choose a path outside it")


def write_file_atomic(out: Path, data: bytes, option: str = "--out") -> None:
    """Write through a fresh temporary file beside ``out`` and rename it into place: a link or a
    file already at ``out`` is replaced, never written through; a full disk leaves ``out`` as it was."""
    out = Path(out)
    if out.is_dir():
        raise UserError(f"{option} {printable(str(out))}: is a folder; give a file name")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise UserError(f"{option} {printable(str(out))}: the folder {printable(str(parent))} does not exist")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
        tmp = None
    except OSError as exc:
        raise UserError(f"{printable(str(out))}: cannot write ({exc.strerror or exc}); nothing was written") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def check_int(option: str, value: int, lo: int, hi: int) -> int:
    if not lo <= value <= hi:
        raise UserError(f"{option} must be between {lo} and {hi:,}, not {value}")
    return value


def check_float(option: str, value: float, lo: float, hi: float, *, open_low: bool = False) -> float:
    if not math.isfinite(value) or value > hi or value < lo or (open_low and value == lo):
        bound = f"over {lo}" if open_low else f"at least {lo}"
        raise UserError(f"{option} must be a number {bound} and at most {hi}, not {value}")
    return value


def store_can_record(root: Path) -> None:
    """The store keeps a folder's path as text: a path in another encoding (GBK bytes from a
    zip) cannot be recorded yet, so say so in one line instead of failing inside the store."""
    real = os.path.realpath(root)
    if printable(real) != real:
        raise UserError(f"{printable(real)}: the folder's path is not valid UTF-8 (a name from another encoding); "
                        "the decisions store cannot record it yet: rename the folder (names inside it may stay)")


def existing_db(path: str | None, command: str) -> None:
    """Commands that only read decisions never create a database: a typo in --db is an error,
    not an empty store."""
    if path and not os.path.exists(path):
        raise UserError(f"--db {printable(path)}: no such database; {command} only reads decisions "
                        "(the review window creates the database)")
