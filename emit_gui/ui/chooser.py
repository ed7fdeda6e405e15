"""Type to choose an option: for products with more options than digit keys (key O)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from emit_gui.ui.text import plain_tip


class OptionChooser(QDialog):
    def __init__(self, tags: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose option"))
        self.tags = tags
        self.chosen: str | None = None
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Type part of the option, Enter gives it"))
        self.list = QListWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        self.filter.textChanged.connect(self._refill)
        self.filter.returnPressed.connect(self._choose_current)
        self.list.itemActivated.connect(self._choose)
        self.filter.installEventFilter(self)
        self._refill("")
        self.resize(420, 480)

    def _refill(self, text: str) -> None:
        needle = text.strip().lower()
        self.list.clear()
        for n, tag in enumerate(self.tags, start=1):
            if needle and needle not in tag.lower() and needle != str(n):
                continue
            item = QListWidgetItem(f"{n}  {tag}")
            item.setData(Qt.ItemDataRole.UserRole, tag)
            item.setToolTip(plain_tip(tag))
            self.list.addItem(item)
            if self.list.count() >= 500:  # enough to scroll through; typing narrows the rest
                break
        if self.list.count():
            self.list.setCurrentRow(0)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.filter and event.type() == QEvent.Type.KeyPress and event.isAutoRepeat():
            return True  # the O that opened the chooser, still held, must not type "ooooo"
        if obj is self.filter and event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.list.keyPressEvent(event)  # arrows move in the list while typing
            return True
        return False

    def _choose_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._choose(item)

    def _choose(self, item: QListWidgetItem) -> None:
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
