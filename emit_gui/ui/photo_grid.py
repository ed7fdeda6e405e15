"""The photos of one product as thumbnails: proposed tag, confidence bar, decision, errors."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate

from emit_gui.app.session import PhotoState, ReviewSession
from emit_gui.inference.auto_accept import sure
from emit_gui.ui.text import plain_tip
from emit_gui.ui.workers import ImageLoader

THUMB = 160
PhotoRole = Qt.ItemDataRole.UserRole + 10


class PhotoModel(QAbstractListModel):
    def __init__(self, loader: ImageLoader, parent=None):
        super().__init__(parent)
        self.loader = loader
        self.session: ReviewSession | None = None
        self.pid: str | None = None
        self.photos: list[PhotoState] = []
        self.paths: list = []
        self.show_details = False
        # the model's auto-accept point (its measured 99.5 %-precision confidence): only a bar at or
        # above it is green, the same photos "accept sure photos" takes; None: no photo is sure
        self.sure_at: float | None = None
        loader.loaded.connect(self._image_loaded)

    def set_product(self, session: ReviewSession | None, pid: str | None) -> None:
        self.beginResetModel()
        self.session, self.pid = session, pid
        self._reload()
        self.endResetModel()

    def _reload(self) -> None:
        if self.session is None or self.pid is None:
            self.photos, self.paths = [], []
            return
        self.photos = self.session.photos(self.pid)
        product = self.session.product(self.pid)
        self.paths = [im.path for im in product.images]

    def refresh(self) -> None:
        self._reload()
        if self.photos:
            self.dataChanged.emit(self.index(0), self.index(len(self.photos) - 1))

    def _image_loaded(self, key: str, size: int) -> None:
        if size != THUMB:
            return
        for row, path in enumerate(self.paths):
            if str(path) == key:
                idx = self.index(row)
                self.dataChanged.emit(idx, idx)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.photos)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        ph = self.photos[index.row()]
        if role == PhotoRole:
            return ph
        if role == Qt.ItemDataRole.DecorationRole:
            return self.loader.get(self.paths[index.row()], THUMB)
        if role == Qt.ItemDataRole.DisplayRole:
            return ph.name
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [ph.name]
            if ph.problem:
                lines.append(self.tr("problem: %1").replace("%1", ph.problem))
            if ph.proposal:
                p = ph.proposal
                lines.append(self.tr("proposed: %1 (%2)").replace("%1", p.tag).replace("%2", f"{p.confidence:.0%}"))
                if p.runner_up:
                    lines.append(self.tr("runner-up: %1 (%2)").replace("%1", p.runner_up).replace("%2", f"{p.runner_up_prob:.0%}"))
                lines.append(self.tr("member votes: %1").replace("%1", ", ".join(p.votes)))
            if ph.not_option:
                lines.append(self.tr("not an option photo"))
            elif ph.unsure:
                lines.append(self.tr("marked unsure: look again"))
            elif ph.decision and ph.decision.labelled:
                lines.append(self.tr("decided: %1 (%2)").replace("%1", ph.decision.tag).replace("%2", kind_text(ph.decision.kind)))
            if ph.file_tag and not (ph.decision and ph.decision.labelled):
                lines.append(self.tr("the folder's label: %1").replace("%1", ph.file_tag))
            return plain_tip("\n".join(lines))
        return None


def kind_text(kind: str | None) -> str:
    return {
        "accepted": QCoreApplication.translate("PhotoModel", "accepted"),
        "unseen": QCoreApplication.translate("PhotoModel", "accepted unseen (sure)"),
        "corrected": QCoreApplication.translate("PhotoModel", "corrected"),
        "file": QCoreApplication.translate("PhotoModel", "from file"),
        "unsure": QCoreApplication.translate("PhotoModel", "unsure"),
        "not_option": QCoreApplication.translate("PhotoModel", "not an option photo"),
    }.get(kind or "", kind or "")


SURE_GREEN, UNSURE_AMBER, LOW_RED = "#27ae60", "#f39c12", "#e74c3c"


def bar_colour(proposal, sure_at: float | None) -> QColor:
    """Green only where the model is sure (at or above its auto-accept point: the photos
    "accept sure photos" takes), amber below it, red where the proposal is likely a guess."""
    if sure(proposal, sure_at):
        return QColor(SURE_GREEN)
    return QColor(UNSURE_AMBER) if proposal.confidence >= 0.6 else QColor(LOW_RED)


class PhotoDelegate(QStyledItemDelegate):
    def __init__(self, model: PhotoModel, parent=None):
        super().__init__(parent)
        self.model = model

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        return QSize(THUMB + 16, THUMB + (118 if self.model.show_details else 70))

    def paint(self, painter: QPainter, option, index) -> None:
        ph: PhotoState = index.data(PhotoRole)
        image = index.data(Qt.ItemDataRole.DecorationRole)
        r = option.rect.adjusted(4, 4, -4, -4)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillRect(r, QColor("#dbe9f7") if selected else QColor("#ffffff"))
        border = QColor("#2f80ed") if selected else QColor("#d0d0d0")
        painter.setPen(QPen(border, 3 if selected else 1))
        painter.drawRect(r)
        img_rect = QRect(r.left() + 4, r.top() + 4, r.width() - 8, THUMB)
        error = ph.problem or self.model.loader.error(self.model.paths[index.row()], THUMB)
        if error:
            painter.fillRect(img_rect, QColor("#fdecea"))
            painter.setPen(QColor("#c0392b"))
            painter.drawText(img_rect.adjusted(6, 6, -6, -6), Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignCenter,
                             f"✖ {ph.name}\n{error}")
        elif image is not None and not image.isNull():
            scaled = image.scaled(img_rect.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
            x = img_rect.left() + (img_rect.width() - scaled.width()) // 2
            y = img_rect.top() + (img_rect.height() - scaled.height()) // 2
            painter.drawImage(x, y, scaled)
        else:
            painter.fillRect(img_rect, QColor("#f2f2f2"))
            painter.setPen(QColor("#999999"))
            painter.drawText(img_rect, Qt.AlignmentFlag.AlignCenter, "…")
        y = img_rect.bottom() + 6
        text_rect = QRect(r.left() + 6, y, r.width() - 12, 20)
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        fm = painter.fontMetrics()
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if ph.pending:
            painter.setPen(QColor("#7f8c8d"))
            painter.drawText(text_rect, left, fm.elidedText(self.tr("saving…"), Qt.TextElideMode.ElideRight, text_rect.width()))
        elif ph.not_option:
            painter.setPen(QColor("#7f8c8d"))
            painter.drawText(text_rect, left, fm.elidedText("∅ " + self.tr("not an option"), Qt.TextElideMode.ElideRight,
                                                            text_rect.width()))
        elif ph.decision and ph.decision.labelled:
            painter.setPen(QColor("#1e8449"))
            mark = {"accepted": "✓", "unseen": "✓", "file": "✓"}.get(ph.decision.kind, "✎")
            text = f"{mark} {ph.decision.tag}"
            if ph.decision.kind == "file":
                text += "  " + self.tr("(file)")
            painter.drawText(text_rect, left, fm.elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width()))
        elif ph.proposal:
            painter.setPen(QColor("#b9770e") if ph.unsure else QColor("#2c3e50"))
            text = ("? " if ph.unsure else "") + ph.proposal.tag
            painter.drawText(text_rect, left, fm.elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width()))
        elif ph.unsure:
            painter.setPen(QColor("#b9770e"))
            painter.drawText(text_rect, left, "? " + self.tr("unsure"))
        font.setBold(False)
        painter.setFont(font)
        fm = painter.fontMetrics()
        y += 22
        if ph.proposal:
            conf = ph.proposal.confidence
            bar = QRect(r.left() + 6, y, r.width() - 12, 8)
            painter.fillRect(bar, QColor("#ececec"))
            colour = bar_colour(ph.proposal, self.model.sure_at)
            painter.fillRect(QRect(bar.left(), bar.top(), int(bar.width() * conf), bar.height()), colour)
            painter.setPen(QColor("#555555"))
            small = QRect(r.left() + 6, y + 10, r.width() - 12, 16)
            note = f"{conf:.0%}"
            if ph.disagrees:
                note += "  " + self.tr("model: %1").replace("%1", ph.proposal.tag)
            painter.drawText(small, Qt.AlignmentFlag.AlignLeft, fm.elidedText(note, Qt.TextElideMode.ElideRight, small.width()))
            if self.model.show_details:
                votes = Counter(ph.proposal.votes).most_common()
                lines = [self.tr("2nd: %1").replace("%1", ph.proposal.runner_up or "-"),
                         self.tr("votes: %1").replace("%1", ", ".join(f"{tag} ×{n}" for tag, n in votes))]
                for k, line in enumerate(lines):
                    row = QRect(r.left() + 6, y + 28 + 18 * k, r.width() - 12, 16)
                    painter.drawText(row, Qt.AlignmentFlag.AlignLeft,
                                     fm.elidedText(line, Qt.TextElideMode.ElideRight, row.width()))
        painter.restore()


class PhotoGrid(QListView):
    def __init__(self, model: PhotoModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(PhotoDelegate(model, self))
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSpacing(4)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
