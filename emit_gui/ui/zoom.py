"""A large, zoomable view of one photo (mouse wheel or +/- to zoom, Esc to close), with the
heat map of where the model sees the photo's tag laid over it on demand (H; Shift+H adds the
coarse shape evidence)."""

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
    def __init__(self, loader: ImageLoader, path, title: str, parent=None, *, tag: str | None = None,
                 explain=None, heat: bool = False):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.loader, self.path = loader, path
        self.tag, self.explain = tag, explain  # explain(path, tag, parts, done(QImage | str))
        self.heat_item = QGraphicsPixmapItem()
        self.heat_item.setVisible(False)
        self.heat_parts: str | None = None
        self.heat_images: dict[str, object] = {}
        self.scene = QGraphicsScene(self)
        self.view = ZoomView(self.scene, self)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.item)
        self.scene.addItem(self.heat_item)
        self.info = QLabel(self.tr("Loading…"), self)
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.caption = QLabel(title, self)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setStyleSheet("font-size:15px;font-weight:bold;")
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.view)
        layout.addWidget(self.info)
        self.resize(900, 760)
        QShortcut(QKeySequence("+"), self, lambda: self.view.scale(1.25, 1.25))
        QShortcut(QKeySequence("-"), self, lambda: self.view.scale(0.8, 0.8))
        QShortcut(QKeySequence("Z"), self, self.close)
        QShortcut(QKeySequence("H"), self, lambda: self.toggle_heat("colour"))
        QShortcut(QKeySequence("Shift+H"), self, lambda: self.toggle_heat("all"))
        loader.loaded.connect(self._loaded)
        self._show()
        if heat:
            self.toggle_heat("colour")

    def show_photo(self, path, tag: str | None, title: str) -> None:
        """Show another photo (the window's selection moved) with its tag and state."""
        self.setWindowTitle(title)
        self.caption.setText(title)
        if path != self.path or tag != self.tag:
            self.path, self.tag = path, tag
            self.heat_images = {}
            self.heat_item.setVisible(False)
            self.heat_parts = None
            self._show()

    def toggle_heat(self, parts: str = "colour") -> None:
        """Show or hide the heat map of the photo's tag; computed once per kind, in a worker."""
        if self.explain is None or not self.tag:
            self.info.setText(self.tr("No heat map: the photo has no tag yet, or the model cannot explain"))
            return
        if self.heat_item.isVisible() and self.heat_parts == parts:
            self.heat_item.setVisible(False)
            return
        self.heat_parts = parts
        if parts in self.heat_images:
            self._place_heat(self.heat_images[parts])
            return
        self.info.setText(self.tr("Computing where the model sees “%1”…").replace("%1", self.tag))
        self.explain(self.path, self.tag, parts, lambda result, parts=parts: self._heat_done(parts, result))

    def _heat_done(self, parts: str, result) -> None:
        if isinstance(result, str):
            self.info.setText(result)
            return
        self.heat_images[parts] = result
        if self.heat_parts == parts:
            self._place_heat(result)

    def _place_heat(self, image) -> None:
        pix = QPixmap.fromImage(image)
        rect = self.item.boundingRect()
        self.heat_item.setPixmap(pix)
        self.heat_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        if not rect.isEmpty() and pix.width():
            self.heat_item.setScale(rect.width() / pix.width())  # the map keeps its detail when zoomed in
        self.heat_item.setVisible(not rect.isEmpty())
        self.scene.setSceneRect(rect)
        what = self.tr("colour evidence") if self.heat_parts == "colour" else self.tr("colour and shape evidence")
        self.info.setText(self.tr("Heat map of “%1” (%2): red is where the model sees it most. H toggles, "
                                  "Shift+H adds shape evidence").replace("%1", self.tag).replace("%2", what))

    def showEvent(self, event) -> None:  # noqa: N802 - fit once the view has its real size
        super().showEvent(event)
        if not self.item.pixmap().isNull():
            self.view.fitInView(self.item, Qt.AspectRatioMode.KeepAspectRatio)

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
            if self.heat_item.isVisible() and self.heat_parts in self.heat_images:
                self._place_heat(self.heat_images[self.heat_parts])
            self.info.setText(self.tr("%1 × %2 px — wheel or +/− to zoom, drag to pan, Esc to close")
                              .replace("%1", str(img.width())).replace("%2", str(img.height())))
