"""A large, zoomable view of one photo (mouse wheel or +/- to zoom, Esc to close)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import QDialog, QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QLabel, QVBoxLayout

from emit_gui.ui.workers import ImageLoader

ZOOM_SIZE = 2048


class ZoomView(QGraphicsView):
    def wheelEvent(self, event) -> None:  # noqa: N802
        factor = 1.25 if event.angleDelta().y() > 0 else 0.8
        self.scale(factor, factor)


class ZoomDialog(QDialog):
    def __init__(self, loader: ImageLoader, path, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.loader, self.path = loader, path
        self.scene = QGraphicsScene(self)
        self.view = ZoomView(self.scene, self)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.item)
        self.info = QLabel(self.tr("Loading…"), self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.info)
        self.resize(900, 760)
        QShortcut(QKeySequence("+"), self, lambda: self.view.scale(1.25, 1.25))
        QShortcut(QKeySequence("-"), self, lambda: self.view.scale(0.8, 0.8))
        QShortcut(QKeySequence("Z"), self, self.close)
        loader.loaded.connect(self._loaded)
        self._show()

    def _loaded(self, key: str, size: int) -> None:
        if size == ZOOM_SIZE and key == str(self.path):
            self._show()

    def _show(self) -> None:
        img = self.loader.get(self.path, ZOOM_SIZE)
        err = self.loader.error(self.path, ZOOM_SIZE)
        if err:
            self.info.setText(err)
        elif img is not None:
            self.item.setPixmap(QPixmap.fromImage(img))
            self.scene.setSceneRect(self.item.boundingRect())
            self.view.fitInView(self.item, Qt.AspectRatioMode.KeepAspectRatio)
            self.info.setText(self.tr("%1 × %2 px — wheel or +/− to zoom, drag to pan, Esc to close")
                              .replace("%1", str(img.width())).replace("%2", str(img.height())))
