"""The Find panel: photos ranked by a tag-like text or by likeness to a photo, near-duplicate
conflicts; and the heat-map overlay of the zoom view. The photo index is built in a worker
(cached per model version on disk), so the GUI thread only ranks and paints."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from emit_gui.ui.workers import ImageLoader

if TYPE_CHECKING:
    from emit_gui.app.session import Plan, ReviewSession
    from emit_gui.registry import Resolved
    from emit_gui.ui.photo_grid import PhotoGrid, PhotoModel
    from emit_gui.ui.workers import Task

RESULT_THUMB = 96
PhotoKeyRole = Qt.ItemDataRole.UserRole + 20


class FindPanel(QDockWidget):
    """Search box and results; activating a result opens that product with the photo selected."""

    query_entered = Signal(str)
    photo_chosen = Signal(str, str)  # pid, photo name

    def __init__(self, loader: ImageLoader, parent=None):
        super().__init__(self.tr("Find photos"), parent)
        self.setObjectName("find-panel")
        self.loader = loader
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.query = QLineEdit(body)
        self.query.setPlaceholderText(self.tr("Photos that look like a tag: 军绿, 黑白条纹, dark blue…"))
        self.query.setClearButtonEnabled(True)
        self.info = QLabel("", body)
        self.info.setWordWrap(True)
        self.results = QListWidget(body)
        self.results.setViewMode(QListWidget.ViewMode.IconMode)
        self.results.setIconSize(QSize(RESULT_THUMB, RESULT_THUMB))
        self.results.setGridSize(QSize(RESULT_THUMB + 24, RESULT_THUMB + 44))
        self.results.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.results.setMovement(QListWidget.Movement.Static)
        self.results.setWordWrap(True)
        layout.addWidget(self.query)
        layout.addWidget(self.info)
        layout.addWidget(self.results, 1)
        self.setWidget(body)
        self.query.returnPressed.connect(lambda: self.query_entered.emit(self.query.text().strip()))
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)
        loader.loaded.connect(self._thumb_loaded)
        self._paths: dict[str, list[QListWidgetItem]] = {}

    def show_results(self, title: str, rows: list[tuple[str, str, object, str]]) -> None:
        """rows: (pid, photo name, path, caption)."""
        self.results.clear()
        self._paths = {}
        self.info.setText(title)
        for pid, name, path, caption in rows:
            item = QListWidgetItem(caption)
            item.setData(PhotoKeyRole, (pid, name))
            item.setToolTip(f"{pid}/{name}\n{caption}")
            img = self.loader.get(path, RESULT_THUMB)
            if img is not None:
                item.setIcon(QIcon(QPixmap.fromImage(img)))
            self._paths.setdefault(str(path), []).append(item)
            self.results.addItem(item)
        self.show()
        self.raise_()

    def _thumb_loaded(self, key: str, size: int) -> None:
        if size != RESULT_THUMB or key not in self._paths:
            return
        img = self.loader.get(key, RESULT_THUMB)
        if img is not None:
            for item in self._paths[key]:
                item.setIcon(QIcon(QPixmap.fromImage(img)))

    def _activated(self, item: QListWidgetItem) -> None:
        pid, name = item.data(PhotoKeyRole)
        self.photo_chosen.emit(pid, name)


def heat_qimage(heat: np.ndarray) -> QImage:
    """A heat map (H, W) in [0, 1] as a translucent RGBA image to lay over the photo."""
    from emit_gui.analysis.cam import heat_rgba

    rgba = np.ascontiguousarray(heat_rgba(heat))
    img = QImage(rgba.data, rgba.shape[1], rgba.shape[0], rgba.shape[1] * 4, QImage.Format.Format_RGBA8888)
    return img.copy()  # own the pixels


class FindHost(Protocol):
    """What the Find panel, the duplicate offers and the heat maps use of the window, and all
    they use (besides QMainWindow's own ``tr``, ``addDockWidget``, ``statusBar``, ``sender``):
    ``tests/test_layers.py`` checks that :class:`FindMixin` reaches for nothing else."""

    session: ReviewSession | None
    current_pid: str | None
    provider: str
    loader: ImageLoader
    tasks: list[Task]
    grid: PhotoGrid
    photo_model: PhotoModel

    def resolved_model(self) -> Resolved: ...

    def start_task(self, task: Task) -> None: ...

    def select_product(self, pid: str) -> None: ...

    def show_product(self, pid: str) -> None: ...

    def commit(self, plan: Plan, after=None) -> bool: ...

    def zoom_selected(self, heat: bool = False) -> None: ...


class FindMixin:
    """The main window's search, duplicate and heat-map behaviour (mixed into MainWindow, which
    provides :class:`FindHost`)."""

    def _build_find(self) -> None:
        self.photo_index = None
        self.dup_pairs = None
        self.analysis_engine = None
        self.explainer = None
        self._find_generation = 0  # counts _forget_index: a heat-map worker started before one is stale
        self._index_task = None
        self._index_waiters: list = []
        self._dup_offer: tuple[str, list[str], str] | None = None
        self.find_panel = FindPanel(self.loader, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.find_panel)
        self.find_panel.hide()
        self.find_panel.query_entered.connect(self.search_photos)
        self.find_panel.photo_chosen.connect(self.goto_photo)
        from emit_gui.ui.duplicates_view import DuplicateOfferBar, DuplicatesPanel

        self.dup_bar = DuplicateOfferBar(self)  # the main window places it above the grid
        self.dup_label, self.dup_button = self.dup_bar.label, self.dup_bar.apply_button
        self.dup_button.clicked.connect(self.apply_to_duplicates)
        self.dup_panel = DuplicatesPanel(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dup_panel)
        self.dup_panel.hide()
        self.dup_panel.give.connect(self.give_duplicate_tag)

    def _find_handlers(self) -> dict:
        return {"search_photos": self.focus_find, "like_photo": self.like_selected, "heat_map": lambda: self.zoom_selected(heat=True),
                "duplicates": self.check_duplicates, "apply_duplicates": self.apply_to_duplicates}

    def _forget_index(self) -> None:
        self._find_generation += 1
        self.photo_index = self.dup_pairs = self.explainer = self.analysis_engine = None
        self._index_waiters = []
        self.dup_bar.setVisible(False)

    # ---------------------------------------------------------------- the index
    def with_index(self, then) -> None:
        """Run ``then()`` once the photo index of the open folder exists (built in a worker)."""
        if self.session is None:
            return
        if self.photo_index is not None:
            then()
            return
        self._index_waiters.append(then)
        if self._index_task is not None and self._index_task in self.tasks:
            return
        import os

        from emit_gui.analysis.duplicates import find_duplicates
        from emit_gui.analysis.index import build_index
        from emit_gui.inference.engine import Engine
        from emit_gui.inference.model_dir import load_model_dir

        catalog, model_path, provider = self.session.catalog, self.resolved_model().path, self.provider

        def build(report):
            report.progress(0, 0, self.tr("Loading model…"))
            engine = Engine(load_model_dir(model_path), provider=provider, threads=max(1, (os.cpu_count() or 2) - 1))
            index = build_index(engine, catalog, cancel=report.cancel_event, workers=1,
                                progress=lambda d, t: report.progress(d, t, self.tr("Indexing photos for search…")))
            report.progress(0, 0, self.tr("Looking for near-duplicates…"))
            from emit_gui.analysis.duplicates import grouped_pairs

            return engine, index, grouped_pairs(find_duplicates(index))

        from emit_gui.ui.workers import Task

        task = self._index_task = Task(build, "index", self)
        task.succeeded.connect(self._index_ready)
        task.failed.connect(self._index_failed)
        self.start_task(task)

    def _index_ready(self, result) -> None:
        if result is None or self.sender() not in self.tasks:
            return
        self.analysis_engine, self.photo_index, self.dup_pairs = result
        waiters, self._index_waiters = self._index_waiters, []
        for fn in waiters:
            fn()

    def _index_failed(self, message: str) -> None:
        self._index_waiters = []
        self.find_panel.info.setText(message)
        self.statusBar().showMessage(message, 8000)

    # ---------------------------------------------------------------- search
    def focus_find(self) -> None:
        self.find_panel.show()
        self.find_panel.raise_()
        self.find_panel.query.setFocus()
        self.find_panel.query.selectAll()

    def search_photos(self, query: str) -> None:
        if not query or self.session is None:
            return
        self.find_panel.show()
        self.find_panel.info.setText(self.tr("Searching…"))

        def run():
            from emit_gui.analysis.search import search_text
            from emit_gui.errors import UserError

            try:
                hits = search_text(self.photo_index, query, 60)
            except UserError as exc:
                self.find_panel.show_results(str(exc), [])
                return
            labels = ", ".join(self.photo_index.model.vocab.known_labels(query))
            self.find_panel.show_results(
                self.tr("%1 photos that fit “%2” best (labels: %3), best first").replace("%1", str(len(hits)))
                .replace("%2", query).replace("%3", labels),
                [(h.photo.pid, h.photo.name, h.photo.path, f"{h.photo.pid}\n{self._shown_tag(h.photo.pid, h.photo.name)}")
                 for h in hits])

        self.with_index(run)

    def like_selected(self) -> None:
        idx = self.grid.currentIndex()
        if self.session is None or self.current_pid is None or not idx.isValid():
            return
        pid, name = self.current_pid, self.photo_model.photos[idx.row()].name

        def run():
            from emit_gui.analysis.search import search_like

            pos = self.photo_index.position(pid, name)
            if pos is None:
                self.find_panel.show_results(self.tr("%1 could not be read").replace("%1", name), [])
                return
            hits = search_like(self.photo_index, pos, 60)
            self.find_panel.show_results(
                self.tr("Photos most like %1/%2").replace("%1", pid).replace("%2", name),
                [(h.photo.pid, h.photo.name, h.photo.path, f"{h.photo.pid}\n{self._shown_tag(h.photo.pid, h.photo.name)}")
                 for h in hits])

        self.find_panel.show()
        self.find_panel.info.setText(self.tr("Searching…"))
        self.with_index(run)

    def _shown_tag(self, pid: str, name: str) -> str:
        for ph in self.session.photos(pid):
            if ph.name == name:
                return ph.tag or "—"
        return "—"

    def goto_photo(self, pid: str, name: str) -> None:
        from PySide6.QtCore import QItemSelectionModel

        self.select_product(pid)
        if self.current_pid != pid:
            self.show_product(pid)
        for row, ph in enumerate(self.photo_model.photos):
            if ph.name == name:
                self.grid.selectionModel().setCurrentIndex(self.photo_model.index(row),
                                                           QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.grid.setFocus()
                break

    # ---------------------------------------------------------------- duplicates
    def _decided_tags(self) -> dict[tuple[str, str], str]:
        decisions = self.session.shown_decisions()  # never those of products I see blind
        return {key: decisions[iid].tag for key, iid in self.session.index.image_ids.items()
                if iid in decisions and decisions[iid].tag}

    def _evidence_text(self, p) -> str:
        """The pair's evidence in the interface's language."""
        parts = []
        if p.mirrored:
            parts.append(self.tr("mirrored"))
        if p.cropped_side:
            parts.append(self.tr("cropped to %1 × %2").replace("%1", f"{p.crop[0]:.0%}").replace("%2", f"{p.crop[1]:.0%}"))
        if any(e.startswith("resized") for e in p.evidence):
            parts.append(self.tr("resized"))
        if any(e.startswith("one region") for e in p.evidence):
            parts.append(self.tr("a small mark differs"))
        if not parts:
            parts.append(self.tr("same picture"))
        px = p.pixels or {}
        if "detail_corr" in px and "compared" in px:  # what the pixel check saw, which decided
            return (self.tr("%1 — sure %2; compared at %3 px: fine detail correlation %4, edge pixels differing %5")
                    .replace("%1", ", ".join(parts)).replace("%2", f"{p.probability:.2f}")
                    .replace("%3", f"{px['compared'][0]}×{px['compared'][1]}")
                    .replace("%4", f"{px['detail_corr']:.3f}").replace("%5", f"{px['edge_pixels_differing']:.1%}"))
        return self.tr("%1 — sure %2; grey correlation %3, colour difference %4").replace("%1", ", ".join(parts)) \
            .replace("%2", f"{p.probability:.2f}").replace("%3", f"{p.grey_corr:.3f}").replace("%4", f"{p.colour_difference:.3f}")

    def check_duplicates(self) -> None:
        if self.session is None:
            return
        self.dup_panel.show()
        self.dup_panel.raise_()
        self.dup_panel.info.setText(self.tr("Looking for near-duplicates…"))

        def run():
            from emit_gui.analysis.duplicates import conflicts, groups

            index, pairs = self.photo_index, self.dup_pairs
            decided = self._decided_tags()
            bad = conflicts(index, pairs, decided)
            shown = [p for p, _ta, _tb in bad][:100] or pairs[:60]  # thumbnails decode on this thread: keep it short
            rows = []
            for p in shown:
                a, b = index.photos[p.a], index.photos[p.b]
                rows.append({"a": (a.pid, a.name, a.path, decided.get((a.pid, a.name)) or ""),
                             "b": (b.pid, b.name, b.path, decided.get((b.pid, b.name)) or ""),
                             "evidence": self._evidence_text(p), "conflict": bool(bad)})
            within = sum(index.photos[p.a].pid == index.photos[p.b].pid for p in pairs)
            head = self.tr("%1 near-duplicate pair(s) (%2 inside a product) in %3 group(s); %4 pair(s) carry different "
                           "decided tags (shown; when none, every pair is shown)").replace("%1", str(len(pairs))) \
                .replace("%2", str(within)).replace("%3", str(len(groups(pairs)))).replace("%4", str(len(bad)))
            self.dup_panel.show_pairs(head, rows)

        self.with_index(run)

    def give_duplicate_tag(self, pid: str, name: str, tag: str) -> None:
        """From the consistency list: give one photo of a pair the other's tag."""
        if self.session is None:
            return
        self.commit(self.session.plan(pid, [(name, tag)]), after=self.check_duplicates)

    def offer_duplicates(self, pid: str, names: list[str], tag: str) -> None:
        """After a decision: offer the same tag for the photo's near-duplicates in this product,
        with the photos side by side."""
        self.dup_bar.setVisible(False)
        self._dup_offer = None
        if self.photo_index is None or not self.dup_pairs:
            return
        from emit_gui.analysis.duplicates import duplicates_of

        current = {ph.name: ph for ph in self.session.photos(pid)}
        targets, sources = [], []
        for name in names:
            pos = self.photo_index.position(pid, name)
            if pos is None:
                continue
            for other in duplicates_of(self.dup_pairs, pos):
                ph = self.photo_index.photos[other]
                state = current.get(ph.name)
                if ph.pid == pid and ph.name not in names and state is not None and \
                        not (state.decision and state.decision.tag == tag):
                    targets.append(ph.name)
                    sources.append(name)
        targets = sorted(set(targets))
        if not targets:
            return
        self._dup_offer = (pid, targets, tag)
        first = sources[0]
        photos = [(self.photo_index.photos[self.photo_index.position(pid, first)].path, f"{first}\n{tag}")]
        for t in targets:
            photos.append((self.photo_index.photos[self.photo_index.position(pid, t)].path, t))
        self.dup_bar.show_offer(
            self.tr("%1 near-duplicate(s) of this photo in this product (%2): give them “%3” too?")
            .replace("%1", str(len(targets))).replace("%2", ", ".join(targets)).replace("%3", tag), photos)

    def apply_to_duplicates(self) -> None:
        if not self._dup_offer or self.session is None:
            return
        pid, names, tag = self._dup_offer
        self._dup_offer = None
        self.dup_bar.setVisible(False)
        self.commit(self.session.plan(pid, [(nm, tag) for nm in names]))

    # ---------------------------------------------------------------- heat maps
    def explain_photo(self, path, tag: str, parts: str, done) -> None:
        """Compute a heat map in a worker; ``done`` gets a QImage or an error message."""
        from emit_gui.ui.workers import Task

        model_path, provider = self.resolved_model().path, self.provider
        # the worker gets what it needs as values and hands its explainer back to this thread,
        # which keeps it only if the index was not dropped meanwhile (a model switch)
        explainer, engine, generation = self.explainer, self.analysis_engine, self._find_generation
        no_features = self.tr("This model cannot draw heat maps (no 'features' output)")
        unknown = self.tr("“%1” has no label the model knows: nothing to show").replace("%1", tag)

        def job(_report):
            from emit_gui.analysis.cam import Explainer
            from emit_gui.errors import UserError
            from emit_gui.inference.engine import Engine
            from emit_gui.inference.model_dir import load_model_dir

            ex = explainer
            if ex is None:
                eng = engine or Engine(load_model_dir(model_path), provider=provider)
                if not eng.has_features:
                    raise UserError(no_features)
                ex = Explainer(eng)
            if not ex.engine.model.vocab.known_labels(tag):
                raise UserError(unknown)
            return ex, heat_qimage(ex.explain(path, tag, 1024, parts).heat)

        def finished(result) -> None:
            ex, image = result
            if self.explainer is None and generation == self._find_generation:
                self.explainer = ex
            done(image)

        task = Task(job, "explain", self)
        task.succeeded.connect(finished)
        task.failed.connect(done)
        self.start_task(task)
