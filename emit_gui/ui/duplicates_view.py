"""Near-duplicates in the window: both photos side by side before anything is applied.

Two places use the same verified pairs (``duplicates.grouped_pairs``: every pair inside a group
of photos that are all duplicates of each other):
- the offer bar after a decision: "give this tag to its duplicate(s) too?", with the photo and
  its duplicate(s) shown side by side;
- the consistency list (Ctrl+Shift+D): pairs whose decided tags disagree (or, when none do,
  every pair), each with both photos, both tags, the evidence (transform and scores) and one
  button per side to give that side's tag to the other photo.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

THUMB = 110


def photo_pixmap(path, size: int = THUMB) -> QPixmap:
    """A small picture of the photo (JPEG decoded at a reduced scale); empty when unreadable."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    full = reader.size()
    if full.isValid() and max(full.width(), full.height()) > size:
        reader.setScaledSize(full.scaled(QSize(size, size), Qt.AspectRatioMode.KeepAspectRatio))
    img = reader.read()
    return QPixmap.fromImage(img) if not img.isNull() else QPixmap()


def _thumb(path, caption: str, parent: QWidget) -> QWidget:
    box = QWidget(parent)
    v = QVBoxLayout(box)
    v.setContentsMargins(2, 2, 2, 2)
    pic = QLabel(box)
    pic.setObjectName("duplicate-thumb")
    pic.setFixedSize(THUMB, THUMB)
    pic.setAlignment(Qt.AlignmentFlag.AlignCenter)
    pix = photo_pixmap(path)
    if not pix.isNull():
        pic.setPixmap(pix)
    text = QLabel(caption, box)
    text.setWordWrap(True)
    text.setMaximumWidth(THUMB + 20)
    v.addWidget(pic)
    v.addWidget(text)
    return box


class DuplicateOfferBar(QFrame):
    """After a decision: the decided photo and its near-duplicate(s) in this product side by
    side, and a button to give them the same tag."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("duplicate-offer")
        self.setStyleSheet("#duplicate-offer{background:#fff6d6;}")
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 4, 4, 4)
        self.pictures = QWidget(self)
        self.pictures_row = QHBoxLayout(self.pictures)
        self.pictures_row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel("", self)
        self.label.setWordWrap(True)
        self.apply_button = QPushButton(self.tr("Apply (Ctrl+D)"), self)
        self.dismiss_button = QPushButton(self.tr("Not now"), self)
        self.dismiss_button.clicked.connect(lambda: self.setVisible(False))
        row.addWidget(self.pictures)
        row.addWidget(self.label, 1)
        row.addWidget(self.apply_button)
        row.addWidget(self.dismiss_button)
        self.setVisible(False)

    def show_offer(self, text: str, photos: list[tuple[object, str]]) -> None:
        """photos: (path, caption), the decided photo first."""
        while self.pictures_row.count():
            item = self.pictures_row.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for path, caption in photos[:4]:
            self.pictures_row.addWidget(_thumb(path, caption, self.pictures))
        self.label.setText(text)
        self.setVisible(True)

    def thumbnails(self) -> list[QLabel]:
        return [w for w in self.pictures.findChildren(QLabel, "duplicate-thumb") if not w.pixmap().isNull()]


class DuplicatesPanel(QDockWidget):
    """The consistency list: one row per pair, both photos side by side."""

    give = Signal(str, str, str)  # pid, photo name, tag: give this photo that tag
    photo_chosen = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(self.tr("Near-duplicates"), parent)
        self.setObjectName("duplicates-panel")
        body = QWidget(self)
        v = QVBoxLayout(body)
        self.info = QLabel("", body)
        self.info.setWordWrap(True)
        self.rows = QListWidget(body)
        self.rows.setObjectName("duplicate-rows")
        v.addWidget(self.info)
        v.addWidget(self.rows, 1)
        self.setWidget(body)

    def show_pairs(self, title: str, pairs: list[dict]) -> None:
        """pairs: dicts with a/b: (pid, name, path, tag or ''), evidence: str, conflict: bool."""
        self.rows.clear()
        self.info.setText(title)
        for p in pairs:
            item = QListWidgetItem(self.rows)
            row = self._row(p)
            item.setSizeHint(row.sizeHint())
            self.rows.setItemWidget(item, row)
        self.show()
        self.raise_()

    def _row(self, p: dict) -> QWidget:
        row = QFrame(self.rows)
        row.setObjectName("duplicate-row")
        h = QHBoxLayout(row)
        h.setContentsMargins(4, 4, 4, 4)
        (pa, na, patha, ta), (pb, nb, pathb, tb) = p["a"], p["b"]
        none = self.tr("(no tag)")
        h.addWidget(_thumb(patha, f"{pa}/{na}\n{ta or none}", row))
        h.addWidget(_thumb(pathb, f"{pb}/{nb}\n{tb or none}", row))
        side = QVBoxLayout()
        evidence = QLabel(p["evidence"], row)
        evidence.setWordWrap(True)
        side.addWidget(evidence)
        if ta:
            left = QPushButton(self.tr("Give “%1” to the right photo").replace("%1", ta), row)
            left.setObjectName("give-left")
            left.clicked.connect(lambda _=False, pid=pb, name=nb, tag=ta: self.give.emit(pid, name, tag))
            side.addWidget(left)
        if tb:
            right = QPushButton(self.tr("Give “%1” to the left photo").replace("%1", tb), row)
            right.setObjectName("give-right")
            right.clicked.connect(lambda _=False, pid=pa, name=na, tag=tb: self.give.emit(pid, name, tag))
            side.addWidget(right)
        h.addLayout(side, 1)
        return row
