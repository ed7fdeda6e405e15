"""The window's status bar: a message never runs under the figures on the right.

Qt paints a status message up to the first permanent widget and cuts it there, mid-word. Here a
message that does not fit makes the figures give way, least useful first (inference provider,
model, then the counts), while it is shown; if it still does not fit it ends in "…" and the whole
text is the status bar's tooltip. The figures come back when the message goes.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QWidget

MARGIN = 6  # Qt's own left margin for the message
GAP = 12  # between the message and the first figure


class StatusBar(QStatusBar):
    def __init__(self, parent=None):
        super().__init__(parent)
        # as QMainWindow.statusBar() makes its own: the window's width is the window's, never the figures'
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.give_way: list[QWidget] = []  # permanent widgets that hide for a long message, in this order
        self._hidden: list[QWidget] = []
        self.messageChanged.connect(self._fit)

    def _fit(self, text: str) -> None:
        for w in self._hidden:
            w.setVisible(True)
        self._hidden = []
        self.setToolTip("")
        if not text:
            return
        need = self.fontMetrics().horizontalAdvance(text) + MARGIN + GAP
        shown = [w for w in self.give_way if w.isVisible()]
        spacing = max(self.layout().spacing(), 0) + 6
        room = self.width() - 18 - sum(w.sizeHint().width() + spacing for w in shown)
        for w in shown:
            if room >= need:
                break
            w.setVisible(False)
            self._hidden.append(w)
            room += w.sizeHint().width() + spacing
        if room < need:
            self.setToolTip(text)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.currentMessage():
            self._fit(self.currentMessage())

    def message_rect(self) -> QRect:
        """Where the message is painted: from Qt's margin to just before the first figure shown."""
        right = self.width() - 12
        for w in self.give_way:
            if w.isVisible():
                right = min(right, w.x() - GAP)
        return QRect(MARGIN, 0, max(0, right - MARGIN), self.height())

    def shown_text(self) -> str:
        """The message as painted: whole, or elided to the room it has."""
        return self.fontMetrics().elidedText(self.currentMessage(), Qt.TextElideMode.ElideRight,
                                             self.message_rect().width())

    def paintEvent(self, event) -> None:  # noqa: N802
        if not self.currentMessage():
            super().paintEvent(event)
            return
        p = QPainter(self)
        p.setPen(self.palette().windowText().color())
        p.drawText(self.message_rect(), Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
                   | Qt.TextFlag.TextSingleLine, self.shown_text())
        p.end()


class ElidedLabel(QLabel):
    """A status-bar figure that, squeezed (a retrain's progress beside the counts, a narrow
    window), ends in "…" with its whole text as the tooltip, instead of being cut mid-word and
    running into its neighbour."""

    MIN_CHARS = 8  # what it keeps before giving way entirely

    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("M" * self.MIN_CHARS)), hint.height())

    def shown_text(self) -> str:
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def paintEvent(self, event) -> None:  # noqa: N802
        shown = self.shown_text()
        self.setToolTip(self.text() if shown != self.text() else "")
        p = QPainter(self)
        p.setPen(self.palette().windowText().color())
        p.drawText(self.contentsRect(), int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter), shown)
        p.end()
