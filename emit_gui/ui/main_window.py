"""The review window: product list on the left, the product's options and photos on the right."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from emit_gui.catalog import DEFAULT_PROFILE, Catalog
from emit_gui.catalog.scan import scan_iter
from emit_gui.export import export
from emit_gui.inference.engine import Engine
from emit_gui.inference.model_dir import load_model_dir
from emit_gui.review import ReviewSession
from emit_gui.store import Store, WorkspaceIndex
from emit_gui.ui.actions import make_actions
from emit_gui.ui.find import FindMixin
from emit_gui.ui.models import PidRole, ProductListModel
from emit_gui.ui.photo_grid import PhotoGrid, PhotoModel, PhotoRole
from emit_gui.ui.workers import ImageLoader, Task
from emit_gui.ui.zoom import ZoomDialog


class DecisionCommand(QUndoCommand):
    """One user decision on the undo stack; undo and redo go through the stored history, so
    commands restored after a restart undo exactly what they did before it."""

    def __init__(self, window: MainWindow, text: str, apply=None):
        super().__init__(text)
        self.window, self.apply = window, apply

    def redo(self) -> None:
        if self.window.replaying:
            return
        if self.apply is not None:
            ids, self.apply = self.apply(), None
        else:
            ids = self.window.session.redo()
        self.window.decisions_changed(ids)

    def undo(self) -> None:
        if self.window.replaying:
            return
        self.window.decisions_changed(self.window.session.undo())


class TagBar(QWidget):
    """The product's options as chips: number key, tag, how many photos it has (an option with
    none is red). Painted in one widget: rebuilding a label with a style sheet per option on
    every product cost the GUI thread up to 20 ms of style polishing per step."""

    PAD_X, PAD_Y, GAP, RADIUS = 8, 4, 8, 6

    def __init__(self, parent=None):
        super().__init__(parent)
        self.counts: list[tuple[str, int]] = []
        self.chips: list = []  # QRectF per option, for tooltips and tests
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._font = QFont(self.font())
        self._font.setPixelSize(13)
        self._bold = QFont(self._font)
        self._bold.setBold(True)

    def show_counts(self, counts: dict[str, int]) -> None:
        items = list(counts.items())
        if items == self.counts:
            return
        self.counts = items
        self._layout_chips()
        self.updateGeometry()
        self.update()

    def _layout_chips(self) -> None:
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QFontMetrics

        fm, fb = QFontMetrics(self._font), QFontMetrics(self._bold)
        h = max(fm.height(), fb.height()) + 2 * self.PAD_Y
        x, y, width = 0.0, 0.0, max(self.width(), 200)
        self.chips = []
        for n, (tag, count) in enumerate(self.counts, start=1):
            w = fb.horizontalAdvance(str(n)) + fm.horizontalAdvance(f"  {tag}  ×{count}") + 2 * self.PAD_X + 4
            if x > 0 and x + w > width:
                x, y = 0.0, y + h + self.GAP / 2
            self.chips.append(QRectF(x + 1, y + 1, w, h))
            x += w + self.GAP
        self._height = int((self.chips[-1].bottom() if self.chips else 0) + 3)

    def sizeHint(self):  # noqa: N802
        return QSize(400, getattr(self, "_height", 0))

    def minimumSizeHint(self):  # noqa: N802
        return self.sizeHint()

    def resizeEvent(self, event) -> None:  # noqa: N802
        old = getattr(self, "_height", 0)
        self._layout_chips()
        if self._height != old:
            self.updateGeometry()
        super().resizeEvent(event)

    def paintEvent(self, _event) -> None:  # noqa: N802
        from PySide6.QtGui import QColor, QPainter, QPen

        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        for rect, (n, (tag, count)) in zip(self.chips, enumerate(self.counts, start=1)):
            empty = count == 0
            p.setPen(QPen(QColor("#c0392b" if empty else "#c9d6e3"), 2 if empty else 1))
            p.setBrush(QColor("#fdecea" if empty else "#eef3f8"))
            p.drawRoundedRect(rect, self.RADIUS, self.RADIUS)
            p.setPen(QColor("#c0392b" if empty else "#2c3e50"))
            x = rect.x() + self.PAD_X
            baseline = rect.y() + self.PAD_Y + p.fontMetrics().ascent()
            p.setFont(self._bold)
            p.drawText(int(x), int(baseline), str(n))
            x += p.fontMetrics().horizontalAdvance(str(n))
            p.setFont(self._font)
            p.drawText(int(x), int(baseline), f"  {tag}  ×{count}")
        p.end()

    def event(self, e) -> bool:
        from PySide6.QtCore import QEvent, QPointF
        from PySide6.QtWidgets import QToolTip

        if e.type() == QEvent.Type.ToolTip:
            for n, rect in enumerate(self.chips, start=1):
                if rect.contains(QPointF(e.pos())):
                    QToolTip.showText(e.globalPos(), self.tr("Key %1 gives the selected photos this option")
                                      .replace("%1", str(n)), self)
                    return True
            QToolTip.hideText()
            return True
        return super().event(e)


class MainWindow(FindMixin, QMainWindow):
    def __init__(self, store: Store, *, model_path: str | None = None, profile: str = DEFAULT_PROFILE,
                 provider: str = "auto", settings: QSettings | None = None):
        super().__init__()
        self.store = store
        self.model_path = model_path
        self.profile = profile
        self.provider = provider
        self.settings = settings or QSettings("emit-gui", "emit-gui")
        self.session: ReviewSession | None = None
        self.current_pid: str | None = None
        self.tasks: list[Task] = []
        self.replaying = False
        self.provider_text = self.tr("not started")
        self.model_text = "-"
        self.loader = ImageLoader(self)
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle("emit-gui")
        self.setAcceptDrops(True)
        self._build()
        self.restoreGeometry(self.settings.value("geometry", b""))
        self._update_status()

    # ---------------------------------------------------------------- building
    def _build(self) -> None:
        self.actions_ = make_actions(self)
        menus: dict[str, object] = {}
        for act in self.actions_.values():
            name = act.data()
            if name not in menus:
                menus[name] = self.menuBar().addMenu(name)
            menus[name].addAction(act)
            self.addAction(act)
        self.recent_menu = menus[self.actions_["open"].data()].addMenu(self.tr("Open &recent"))
        self._fill_recent()
        handlers = {
            "open": self.choose_folder, "export": self.export_dialog, "quit": self.close,
            "undo": self.undo_stack.undo, "redo": self.undo_stack.redo, "find": self._focus_search,
            "accept_photo": self.accept_selected, "accept_product": self.accept_product,
            "next_product": lambda: self.step_product(1), "prev_product": lambda: self.step_product(-1),
            "zoom": self.zoom_selected, "details": self.toggle_details, "cancel": self.cancel_work,
            "retrain": self.start_retrain,
        }
        self._build_find()
        handlers.update(self._find_handlers())
        for n in range(1, 10):
            handlers[f"tag_{n}"] = lambda n=n: self.give_option(n)
        for key, fn in handlers.items():
            self.actions_[key].triggered.connect(fn)
        self.undo_stack.canUndoChanged.connect(self.actions_["undo"].setEnabled)
        self.undo_stack.canRedoChanged.connect(self.actions_["redo"].setEnabled)
        self.actions_["undo"].setEnabled(False)
        self.actions_["redo"].setEnabled(False)

        left = QWidget(self)
        lv = QVBoxLayout(left)
        self.search = QLineEdit(left)
        self.search.setPlaceholderText(self.tr("Search tags or product ids…"))
        self.search.setClearButtonEnabled(True)
        self.filter_box = QComboBox(left)
        self.order_box = QComboBox(left)
        filter_names = {"all": self.tr("all"), "needs review": self.tr("needs review"), "flagged": self.tr("flagged"),
                        "problems": self.tr("problems"), "reviewed": self.tr("reviewed")}
        order_names = {"name": self.tr("name"), "lowest confidence": self.tr("lowest confidence"),
                       "status": self.tr("status")}
        for key in ProductListModel.FILTERS:
            self.filter_box.addItem(filter_names[key], key)
        for key in ProductListModel.ORDERS:
            self.order_box.addItem(order_names[key], key)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Show"), left))
        row.addWidget(self.filter_box, 1)
        row.addWidget(QLabel(self.tr("Order"), left))
        row.addWidget(self.order_box, 1)
        self.product_model = ProductListModel(self)
        self.product_list = QListView(left)
        self.product_list.setModel(self.product_model)
        self.product_list.setUniformItemSizes(True)
        lv.addWidget(self.search)
        lv.addLayout(row)
        lv.addWidget(self.product_list, 1)

        right = QWidget(self)
        rv = QVBoxLayout(right)
        self.title = QLabel(self.tr("Open a folder of products (Ctrl+O) or drop one here."), right)
        self.title.setStyleSheet("font-size:16px;font-weight:bold;")
        self.flags_label = QLabel("", right)
        self.flags_label.setStyleSheet("color:#c0392b;")
        self.tag_bar = TagBar(right)
        self.photo_model = PhotoModel(self.loader, self)
        self.grid = PhotoGrid(self.photo_model, right)
        self.grid.doubleClicked.connect(lambda _i: self.zoom_selected())
        rv.addWidget(self.title)
        rv.addWidget(self.flags_label)
        rv.addWidget(self.tag_bar)
        rv.addWidget(self.dup_bar)
        rv.addWidget(self.grid, 1)

        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([330, 900])
        self.setCentralWidget(split)

        self.search.textChanged.connect(self._refilter)
        self.filter_box.currentIndexChanged.connect(self._refilter)
        self.order_box.currentIndexChanged.connect(self._refilter)
        self.product_list.selectionModel().currentChanged.connect(self._product_chosen)

        sb = self.statusBar()
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.eta = QLabel("", self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_work)
        self.counts_label = QLabel("", self)
        self.model_label = QLabel("", self)
        self.provider_label = QLabel("", self)
        for w in (self.progress, self.eta, self.cancel_button):
            sb.addWidget(w)
        for w in (self.counts_label, self.model_label, self.provider_label):
            sb.addPermanentWidget(w)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.value("recent", [], type=list)[:10]:
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _=False, p=path: self.open_folder(p))

    # ---------------------------------------------------------------- opening
    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Open a folder of products"))
        if path:
            self.open_folder(path)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        for url in event.mimeData().urls():
            if url.isLocalFile() and Path(url.toLocalFile()).is_dir():
                self.open_folder(url.toLocalFile())
                return

    def open_folder(self, path: str) -> None:
        self.cancel_work(wait=True)
        self.undo_stack.clear()
        self.current_pid = None
        self._forget_index()
        recent = [path, *[p for p in self.settings.value("recent", [], type=list) if p != path]][:10]
        self.settings.setValue("recent", recent)
        self._fill_recent()
        profile, store = self.profile, self.store

        def load(report):
            # The scan and the store sync allocate hundreds of thousands of objects, and the
            # cyclic GC's full passes over them ran with the GIL held for 100-200 ms, freezing
            # the window. They make little cyclic garbage, so the GC rests until the session
            # holds them (and freezes them, _catalog_indexed).
            was_enabled = gc.isenabled()
            gc.disable()
            try:
                return load_folder(report)
            finally:
                if was_enabled:
                    gc.enable()

        def load_folder(report):
            report.progress(0, 0, self.tr("Reading folder…"))
            shown = False
            catalog = None
            for catalog in scan_iter(path, profile):
                if not shown and len(catalog.products) >= 60:  # enough to fill the list: show it now
                    report.item(("catalog", Catalog(catalog.root, catalog.profile_name, list(catalog.products))))
                    shown = True
                if report.cancelled:
                    return None
            report.item(("catalog", catalog))
            index = store.sync_workspace(catalog, progress=lambda d, t: report.progress(d, t, self.tr("Indexing photos…")))
            return catalog, index

        task = Task(load, "load", self)
        task.item.connect(self._catalog_scanned)
        task.succeeded.connect(self._catalog_indexed)
        self._start(task)

    def _live(self) -> bool:
        """Whether the task sending the current signal still belongs to this window's work."""
        return self.sender() in self.tasks

    def _catalog_scanned(self, payload) -> None:
        if not self._live():
            return
        _kind, catalog = payload
        # show the list at once; decisions arrive when the photos are indexed
        self.session = ReviewSession(self.store, catalog, WorkspaceIndex(-1, {}))
        self.setWindowTitle(f"emit-gui — {catalog.root}")
        self.product_model.set_session(self.session)
        if self.current_pid is None or self.product_model.row_of(self.current_pid) < 0:
            self._select_row(0)
        else:
            self._select_pid(self.current_pid)

    def _catalog_indexed(self, result) -> None:
        if result is None or not self._live():
            return
        catalog, index = result
        self.session = ReviewSession(self.store, catalog, index)
        self.product_model.set_session(self.session)
        # The catalog and index live as long as the session: keep the cyclic GC from walking
        # their tens of thousands of objects again and again (full passes stalled for 200 ms).
        gc.freeze()
        self._restore_undo_stack()
        self._select_pid(self.current_pid) if self.current_pid else self._select_row(0)
        self._update_status()
        self.start_proposals()

    def _restore_undo_stack(self) -> None:
        undo_n, redo_n = self.store.stack_depths(self.session.index.workspace_id)
        self.replaying = True
        try:
            for _ in range(undo_n + redo_n):
                self.undo_stack.push(DecisionCommand(self, self.tr("earlier decision")))
            for _ in range(redo_n):
                self.undo_stack.undo()
        finally:
            self.replaying = False

    def start_proposals(self) -> None:
        session = self.session
        model_path, provider, store = self.model_path, self.provider, self.store
        # EMIT_GUI_PROPOSE_IN_THREAD=1 keeps the ensemble in this process (debugging, profiling)
        in_child = os.environ.get("EMIT_GUI_PROPOSE_IN_THREAD", "") not in ("1", "true")

        def propose(report):
            from emit_gui.inference import proposer_process

            report.progress(0, 0, self.tr("Loading model…"))
            # leave a core to the GUI thread and the thumbnails: proposals are background work
            spare = max(1, (os.cpu_count() or 2) - 1)

            def relay(kind, value):
                if kind == "progress":
                    report.progress(value[0], value[1], self.tr("Proposing…"))
                elif kind == "engine":
                    report.item(("engine", value[:3]))
                elif kind == "proposals":
                    report.item(("proposals", value))

            products = [p for p in session.products if p.usable]
            if in_child:  # the default: a child process proposes and stores; this thread relays
                proposer_process.run_in_child(
                    root=str(session.catalog.root), profile=session.catalog.profile_name,
                    pids=[p.pid for p in products], image_ids=dict(session.index.image_ids), model_path=model_path,
                    provider=provider, threads=spare, db_path=str(store.path),
                    cancelled=lambda: report.cancelled, on_message=relay)
            else:
                engine = Engine(load_model_dir(model_path), provider=provider, threads=spare)
                proposer_process.propose_and_store(engine, store, products, session.index.image_ids, relay,
                                                   cancel=report.cancel_event)
            return None

        task = Task(propose, "propose", self)
        task.item.connect(self._proposal_item)
        task.failed.connect(lambda msg: self.statusBar().showMessage(self.tr("Proposals failed: %1").replace("%1", msg)))
        self._start(task)

    def _proposal_item(self, payload) -> None:
        if not self._live():
            return
        kind, value = payload
        if kind == "engine":
            name, version, provider = value
            self.model_text = f"{name} {version}"
            self.provider_text = provider
        elif kind == "proposals" and self.session is not None:
            value, ids, version = value  # the proposals, their suggestion ids, the model version id
            self.session.note_saved(version, ids)
            for prop in value:
                self.session.add_proposal(prop)
            self.product_model.refresh_pids(p.pid for p in value)
            if self.current_pid in {p.pid for p in value}:
                self._show_product(self.current_pid, keep_selection=True)
        self._update_status()

    # ---------------------------------------------------------------- tasks
    def _start(self, task: Task) -> None:
        self.tasks.append(task)
        task.progress.connect(self._task_progress)
        task.failed.connect(lambda msg: QMessageBox.warning(self, "emit-gui", msg) if task.objectName() == "load" else None)
        task.finished.connect(lambda: self._task_finished(task))
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        task.start()

    def _task_progress(self, done: int, total: int, text: str) -> None:
        task = self.sender()
        self.progress.setMaximum(max(total, 0))
        self.progress.setValue(done)
        eta = ""
        if total and done and isinstance(task, Task):
            rate = done / max(time.monotonic() - task.started_at, 1e-6)
            eta = self.tr("%1 s left").replace("%1", f"{(total - done) / rate:.0f}")
        self.eta.setText(f"{text} {done}/{total} {eta}" if total else text)

    def _task_finished(self, task: Task) -> None:
        if task not in self.tasks:
            return  # already retired by cancel_work
        self.tasks.remove(task)
        task.deleteLater()
        if not self.tasks:
            self.progress.setVisible(False)
            self.cancel_button.setVisible(False)
            self.eta.setText("")
        self._update_status()

    def cancel_work(self, wait: bool = False) -> None:
        proc = getattr(self, "retrain_process", None)
        if proc is not None:
            proc.terminate()  # a retrain killed at any point leaves the active model as it was
            if wait and not proc.waitForFinished(15000):
                proc.kill()
        for task in list(self.tasks):
            task.cancel()
            if wait and task.wait(30000):
                self._task_finished(task)  # its queued signals are ignored from now on

    @property
    def busy(self) -> bool:
        """Work in flight, including results a finished worker queued but the GUI thread has
        not handled yet: a task leaves the list on its ``finished`` signal, which Qt delivers
        after the worker's other signals."""
        return bool(self.tasks)

    # ---------------------------------------------------------------- navigation
    def _refilter(self) -> None:
        self.product_model.search = self.search.text()
        self.product_model.filter = self.filter_box.currentData()
        self.product_model.order = self.order_box.currentData()
        self.product_model.refilter()
        if self.current_pid:
            self._select_pid(self.current_pid)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.product_model.rowCount():
            idx = self.product_model.index(row)
            self.product_list.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _select_pid(self, pid: str) -> None:
        row = self.product_model.row_of(pid)
        if row >= 0:
            self._select_row(row)
        else:
            self._show_product(pid)

    def _product_chosen(self, current, _previous) -> None:
        if current.isValid():
            self._show_product(current.data(PidRole))

    def step_product(self, step: int) -> None:
        row = self.product_list.currentIndex().row() + step
        self._select_row(max(0, min(row, self.product_model.rowCount() - 1)))

    def _show_product(self, pid: str | None, keep_selection: bool = False) -> None:
        if self.session is None or pid is None:
            return
        selected = [i.row() for i in self.grid.selectionModel().selectedIndexes()] if keep_selection else []
        self.current_pid = pid
        product = self.session.product(pid)
        self.title.setText(self.tr("%1 — %2 photos, %3 options").replace("%1", pid)
                           .replace("%2", str(len(product.images))).replace("%3", str(len(product.optional_tags))))
        reasons = [p.message for p in product.problems]
        prop = self.session.proposals.get(pid)
        codes = {p.code for p in product.problems}
        if prop is not None:
            reasons += [r for r in prop.reasons() if not ("impossible" in r and "cover_impossible" in codes)]
        self.flags_label.setText("⚠ " + "; ".join(reasons) if reasons else "")
        self.photo_model.set_product(self.session, pid)
        self.tag_bar.show_counts(self.session.tag_counts(pid))
        rows = selected or [0]
        for r in rows:
            if 0 <= r < self.photo_model.rowCount():
                self.grid.selectionModel().select(self.photo_model.index(r), QItemSelectionModel.SelectionFlag.Select)
        if self.photo_model.rowCount():
            self.grid.setCurrentIndex(self.photo_model.index(rows[0]))
            self.grid.setFocus()

    # ---------------------------------------------------------------- decisions
    def _selected_names(self) -> list[str]:
        rows = sorted({i.row() for i in self.grid.selectionModel().selectedIndexes()})
        if not rows and self.grid.currentIndex().isValid():
            rows = [self.grid.currentIndex().row()]
        return [self.photo_model.photos[r].name for r in rows if not self.photo_model.photos[r].problem]

    def _push(self, text: str, apply) -> None:
        if self.session is None or self.session.index.workspace_id < 0:
            self.statusBar().showMessage(self.tr("Still indexing the folder; try again in a moment"), 3000)
            return
        self.undo_stack.push(DecisionCommand(self, text, apply))

    def give_option(self, n: int) -> None:
        if self.session is None or self.current_pid is None:
            return
        tags = self.session.product(self.current_pid).optional_tags
        names = self._selected_names()
        if n > len(tags) or not names:
            return
        pid, tag = self.current_pid, tags[n - 1]
        self._push(self.tr("give %1").replace("%1", tag), lambda: self.session.decide(pid, [(nm, tag) for nm in names]))
        self.offer_duplicates(pid, names, tag)
        self._advance_photo()

    def accept_selected(self) -> None:
        if self.session is None or self.current_pid is None:
            return
        pid = self.current_pid
        items = []
        for ph in self.photo_model.photos:
            if ph.name in self._selected_names() and ph.tag:
                items.append((ph.name, ph.tag))
        if items:
            self._push(self.tr("accept"), lambda: self.session.decide(pid, items))
            if len({t for _n, t in items}) == 1:
                self.offer_duplicates(pid, [n for n, _t in items], items[0][1])
        self._advance_photo()

    def accept_product(self) -> None:
        if self.session is None or self.current_pid is None:
            return
        pid = self.current_pid
        self._push(self.tr("accept product"), lambda: self.session.accept_product(pid))
        nxt = self.session.next_needing_review(pid)
        if nxt:
            self._select_pid(nxt)

    def _advance_photo(self) -> None:
        row = self.grid.currentIndex().row()
        if 0 <= row < self.photo_model.rowCount() - 1:
            nxt = self.photo_model.index(row + 1)
            self.grid.selectionModel().setCurrentIndex(nxt, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def decisions_changed(self, image_ids: list[int]) -> None:
        if self.session is None:
            return
        pids = {self.session.pid_of_image(i) for i in image_ids}
        self.product_model.refresh_pids(pids)
        if self.current_pid in pids:
            self.photo_model.refresh()
            self.tag_bar.show_counts(self.session.tag_counts(self.current_pid))
        elif pids and self.current_pid not in pids:
            pid = next(iter(pids))
            if pid:
                self._select_pid(pid)
        self._update_status()

    # ---------------------------------------------------------------- view
    def zoom_selected(self, heat: bool = False) -> None:
        idx = self.grid.currentIndex()
        if not idx.isValid():
            return
        ph = idx.data(PhotoRole)
        dlg = ZoomDialog(self.loader, self.photo_model.paths[idx.row()], f"{self.current_pid} / {ph.name}", self,
                         tag=ph.tag, explain=self.explain_photo, heat=heat)
        self.zoom_dialog = dlg
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()

    def toggle_details(self) -> None:
        self.photo_model.show_details = not self.photo_model.show_details
        self.grid.doItemsLayout()
        self.grid.viewport().update()

    def _update_status(self) -> None:
        if self.session is not None:
            st = self.session.stats()
            self.counts_label.setText(self.tr("reviewed %1 / %2 photos").replace("%1", str(st["reviewed"]))
                                      .replace("%2", str(st["photos"])) + "  ·  "
                                      + self.tr("accepted unchanged %1").replace("%1", f"{st['accepted_share']:.0%}"))
        self.model_label.setText(self.tr("model: %1").replace("%1", self.model_text))
        self.provider_label.setText(self.tr("inference: %1").replace("%1", self.provider_text))

    # ---------------------------------------------------------------- retrain
    def start_retrain(self) -> None:
        """Run ``emit-gui retrain`` in its own process (training must not share the GUI's), show
        its progress and report, and on promotion propose again: decisions are never touched."""
        import sys

        from PySide6.QtCore import QProcess

        if getattr(self, "retrain_process", None) is not None:
            return
        proc = QProcess(self)
        proc.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        self.retrain_log: list[str] = []
        self.retrain_process = proc

        def read() -> None:
            text = bytes(proc.readAllStandardOutput()).decode("utf-8", "replace")
            for part in text.replace("\r", "\n").splitlines():
                if part.strip():
                    self.retrain_log.append(part.strip())
                    self.eta.setText(self.tr("Retraining: %1").replace("%1", part.strip()[:90]))

        def finished(code: int, _status) -> None:
            read()
            self.retrain_process = None
            self.progress.setVisible(bool(self.tasks))
            self.cancel_button.setVisible(bool(self.tasks))
            report = "\n".join(line for line in self.retrain_log if "->" in line or "promoted" in line
                               or "refused" in line or "error" in line or "grows" in line)
            self.retrain_report = report or "\n".join(self.retrain_log[-8:])
            QMessageBox.information(self, self.tr("Retrain"), self.retrain_report)
            if code == 0 and self.session is not None:
                self.model_path = None  # the newly active version
                self._forget_index()
                self.start_proposals()

        proc.readyReadStandardOutput.connect(read)
        proc.finished.connect(finished)
        args = ["-m", "emit_gui", "retrain", "--db", str(self.store.path)]
        program = sys.executable
        if getattr(sys, "frozen", False):
            program, args = sys.executable, args[2:]
        self.progress.setVisible(True)
        self.progress.setMaximum(0)
        self.cancel_button.setVisible(True)
        proc.start(program, args)

    # ---------------------------------------------------------------- export, close
    def export_dialog(self) -> None:
        if self.session is None:
            return
        out = QFileDialog.getExistingDirectory(self, self.tr("Export decisions to folder"))
        if out:
            self.export_to(out)

    def export_to(self, out: str) -> Task | None:
        catalog, store = self.session.catalog, self.store
        task = Task(lambda report: export(catalog, store, Path(out)), "export", self)
        task.succeeded.connect(lambda s: self.statusBar().showMessage(
            self.tr("Exported %1 decided photos to %2").replace("%1", str(s.decided)).replace("%2", str(s.out)), 8000))
        task.failed.connect(lambda msg: QMessageBox.warning(self, "emit-gui", msg))
        self._start(task)
        return task

    def closeEvent(self, event) -> None:  # noqa: N802
        self.cancel_work(wait=True)
        self.loader.shutdown()
        self.settings.setValue("geometry", self.saveGeometry())
        super().closeEvent(event)
