"""What window tests do as a person would: type (Chinese as an input method commits it) and
answer the next modal dialog."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog


def type_text(widget, text: str) -> None:
    """Latin keys as key presses; other characters as an input method commits them (QTest's
    key clicks know only Latin-1)."""
    from PySide6.QtGui import QInputMethodEvent

    for ch in text:
        if ord(ch) < 128:
            QTest.keyClick(widget, ch)
        else:
            ev = QInputMethodEvent("", [])
            ev.setCommitString(ch)
            QApplication.sendEvent(widget, ev)


def on_next_dialog(fn, kind=QDialog, errors: list | None = None, seconds: float = 60.0) -> None:
    """Run ``fn(dialog)`` on the next modal dialog of ``kind`` once it is shown (exec() blocks
    the test); a failure inside is appended to ``errors`` and the dialog closed, so the test can
    report it. The watch ends after ``seconds``: a watcher left running would close a later
    test's dialog."""
    deadline = time.monotonic() + seconds

    def poll():
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, kind) or not dlg.isVisible():
            if time.monotonic() < deadline:
                QTimer.singleShot(50, poll)
            return
        try:
            fn(dlg)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            if errors is not None:
                errors.append(repr(exc))
            dlg.reject()

    QTimer.singleShot(50, poll)
