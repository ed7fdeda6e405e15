"""The product's options as chips: number key, tag, how many photos each has (an option with
none is red). Painted in one widget: a styled label per option cost the GUI thread up to 20 ms
of style polishing per product. A click on a chip gives that option; past ``MAX_CHIPS`` options
the bar ends in one "+N more" chip (the chooser, key O, reaches them all)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from emit_gui.ui.text import plain_tip

MAX_CHIPS = 30
MAX_TAG_PX = 260  # a longer tag is elided in its chip (the tooltip has it whole)


class TagBar(QWidget):
    chosen = Signal(int)  # the option's number, 1-based
    more = Signal()  # the "+N more" chip

    PAD_X, PAD_Y, GAP, RADIUS = 8, 4, 8, 6

    def __init__(self, parent=None):
        super().__init__(parent)
        self.counts: list[tuple[str, int]] = []
        self.chips: list[QRectF] = []  # one per shown option (and the "+N more" chip last)
        self.texts: list[str] = []
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._font = QFont(self.font())
        self._font.setPixelSize(13)
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self._height = 0

    def show_counts(self, counts: dict[str, int]) -> None:
        items = list(counts.items())
        if items == self.counts:
            return
        self.counts = items
        self._layout_chips()
        self.updateGeometry()
        self.update()

    @property
    def hidden(self) -> int:
        return max(0, len(self.counts) - MAX_CHIPS)

    def _layout_chips(self) -> None:
        fm, fb = QFontMetrics(self._font), QFontMetrics(self._bold)
        h = max(fm.height(), fb.height()) + 2 * self.PAD_Y
        x, y, width = 0.0, 0.0, max(self.width(), 200)
        self.chips, self.texts = [], []
        labels = [(str(n) if n <= 9 else "", f"  {fm.elidedText(tag, Qt.TextElideMode.ElideRight, MAX_TAG_PX)}  ×{count}")
                  for n, (tag, count) in enumerate(self.counts[:MAX_CHIPS], start=1)]
        if self.hidden:
            labels.append(("", self.tr("+%1 more (O)").replace("%1", str(self.hidden))))
        for key, text in labels:
            w = fb.horizontalAdvance(key) + fm.horizontalAdvance(text) + 2 * self.PAD_X + 4
            w = min(w, max(width - 2, 60))
            if x > 0 and x + w > width:
                x, y = 0.0, y + h + self.GAP / 2
            self.chips.append(QRectF(x + 1, y + 1, w, h))
            self.texts.append(text)
            x += w + self.GAP
        self._height = int((self.chips[-1].bottom() if self.chips else 0) + 3)

    def sizeHint(self):  # noqa: N802
        return QSize(200, self._height)

    def minimumSizeHint(self):  # noqa: N802
        return QSize(60, self._height)

    def resizeEvent(self, event) -> None:  # noqa: N802
        old = self._height
        self._layout_chips()
        if self._height != old:
            self.updateGeometry()
        super().resizeEvent(event)

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        for i, (rect, text) in enumerate(zip(self.chips, self.texts)):
            n = i + 1
            more = i >= len(self.counts[:MAX_CHIPS])
            empty = not more and self.counts[i][1] == 0
            p.setPen(QPen(QColor("#c0392b" if empty else "#c9d6e3"), 2 if empty else 1))
            p.setBrush(QColor("#fdecea" if empty else "#f4f4f4" if more else "#eef3f8"))
            p.drawRoundedRect(rect, self.RADIUS, self.RADIUS)
            p.setPen(QColor("#c0392b" if empty else "#2c3e50"))
            x = rect.x() + self.PAD_X
            p.setFont(self._bold)
            baseline = rect.y() + self.PAD_Y + p.fontMetrics().ascent()
            key = str(n) if n <= 9 and not more else ""
            p.drawText(int(x), int(baseline), key)
            x += p.fontMetrics().horizontalAdvance(key)
            p.setFont(self._font)
            room = int(rect.right() - x - self.PAD_X / 2)
            p.drawText(int(x), int(baseline), p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room))
        p.end()

    def chip_at(self, pos: QPointF) -> int:
        """The option number under ``pos`` (1-based), 0 for the "+N more" chip, -1 for none."""
        for i, rect in enumerate(self.chips):
            if rect.contains(pos):
                return 0 if i >= len(self.counts[:MAX_CHIPS]) else i + 1
        return -1

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            n = self.chip_at(event.position())
            if n > 0:
                self.chosen.emit(n)
            elif n == 0:
                self.more.emit()
        super().mousePressEvent(event)

    def event(self, e) -> bool:
        if e.type() == QEvent.Type.ToolTip:
            n = self.chip_at(QPointF(e.pos()))
            if n > 0:
                tag, count = self.counts[n - 1]
                tip = (self.tr("Key %1 gives the selected photos this option").replace("%1", str(n)) if n <= 9
                       else self.tr("Click gives the selected photos this option"))
                QToolTip.showText(e.globalPos(), plain_tip(f"{tag} ×{count}\n{tip}"), self)
                return True
            QToolTip.hideText()
            return True
        return super().event(e)
