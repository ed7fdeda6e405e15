"""Keeping resident memory down in the long-lived processes (the window, its proposer)."""

from __future__ import annotations

import sys

M_ARENA_MAX = -8  # glibc mallopt parameter


def limit_malloc_arenas(n: int = 2) -> bool:
    """glibc gives every thread that allocates its own malloc arena and keeps their fragments
    resident; with decode, inference and thumbnail threads that is ~100 MB. Call before the
    threads start. A no-op (False) off glibc."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(M_ARENA_MAX, n))
    except (OSError, AttributeError):
        return False
