"""Guards against Qt binding bugs that would crash a long review session."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("PySide6")


def test_process_events_does_not_leak_references_to_none(qapp):
    # PySide6 6.12.0 lost one reference to None per processEvents() call: the interpreter
    # aborted ("deallocating None") after a few thousand calls. pyproject pins it out.
    before = sys.getrefcount(None)
    for _ in range(3000):
        qapp.processEvents()
    assert abs(sys.getrefcount(None) - before) < 100
