"""Errors that are meant for the person at the keyboard, not for a traceback, and the small
guards every reader of user files shares (regular files only, bounded sizes, printable names)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path


class UserError(Exception):
    """A problem the user can act on; the CLI prints its message on one line and exits non-zero."""

    exit_code = 2


class FileRefused(Exception):
    """A user file that will not be read: not a regular file, too large, unreadable, bad JSON."""


def printable(text: str) -> str:
    """``text`` as valid UTF-8: a name the file system gave us in another encoding (GBK zips:
    surrogate escapes) or a lone surrogate from JSON becomes a visible ``\\xb0`` / ``\\udcb0``."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
            return raw.decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return text.encode("utf-8", "backslashreplace").decode("utf-8")


def read_regular_file(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Never blocks on a FIFO or a
    device (opened non-blocking and checked before the first read)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise FileRefused("is a folder, not a file") from None
    except OSError as exc:
        raise FileRefused(f"cannot read: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise FileRefused("is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused("not a regular file (a pipe, socket or device); refused")
        if st.st_size > limit:
            raise FileRefused(f"{st.st_size:,} bytes is over the {limit:,}-byte limit for this file")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise FileRefused(f"over the {limit:,}-byte limit for this file")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def parse_json(raw: bytes):
    """JSON from bytes, or :class:`FileRefused` saying why not, in words: bad UTF-8, bad
    syntax, nesting too deep, a number too long to convert."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRefused(f"not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileRefused(f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise FileRefused("JSON nested too deeply to read") from None
    except (ValueError, OverflowError) as exc:  # a 5,000-digit integer, for one
        if "digits" in str(exc):
            raise FileRefused("malformed JSON: a number too long to read (over 4,300 digits)") from None
        raise FileRefused(f"malformed JSON: {str(exc).splitlines()[0][:120]}") from None


def read_json_file(path: str | os.PathLike, limit: int):
    return parse_json(read_regular_file(Path(path), limit))
