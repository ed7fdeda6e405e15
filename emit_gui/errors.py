"""Errors that are meant for the person at the keyboard, not for a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can act on; the CLI prints its message on one line and exits non-zero."""

    exit_code = 2
