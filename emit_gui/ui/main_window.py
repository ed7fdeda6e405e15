"""The review window: product list on the left, the product's options and photos on the right."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
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
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from emit_gui.catalog import DEFAULT_PROFILE, Catalog
from emit_gui.catalog.scan import scan_iter
from emit_gui.export import export
from emit_gui.inference.engine import Engine
from emit_gui.inference.model_dir import load_model_dir
from emit_gui.app.jobs import StoreFailure, StoreProblem
from emit_gui.app.session import Flag, Plan, ReviewSession
from emit_gui.settings import current as current_settings
from emit_gui.store import NOT_OPTION, UNSURE, Store, WorkspaceIndex
from emit_gui.ui.actions import make_actions
from emit_gui.ui.find import FindMixin
from emit_gui.ui.models import UNSURE_COLOUR, UNSURE_MARK, PidRole, ProductListModel
from emit_gui.ui.photo_grid import PhotoGrid, PhotoModel, PhotoRole
from emit_gui.ui.settings_store import open_settings
from emit_gui.ui.tag_bar import TagBar
from emit_gui.ui.text import plain_label, problem_text
from emit_gui.ui.workers import ImageLoader, StoreWorker, Task, TextFieldGuard
from emit_gui.ui.zoom import ZoomDialog

POLL_MS = 1500  # how often the window looks for decisions other processes stored


class MainWindow(FindMixin, QMainWindow):
    def __init__(self, store: Store, *, model_path: str | None = None, profile: str = DEFAULT_PROFILE,
                 provider: str = "auto", settings: QSettings | None = None):
        super().__init__()
        self.store = store
        self.model_path = model_path  # --model, when given; resolved_model() says which model is in use and why
        self.profile = profile
        self.provider = provider
        self.settings = settings if settings is not None else open_settings()
        self.session: ReviewSession | None = None
        self.current_pid: str | None = None
        self.tasks: list[Task] = []
        self.provider_text = self.tr("not started")
        self.model_text = "-"
        self.loader = ImageLoader(self)
        self.store_worker = StoreWorker(self)
        self.failed_plans: list[Plan] = []
        self.retrain = None
        self.auto_accept: float | None = None  # the model's measured 99.5%-precision confidence
        self.undo_depths = (0, 0)
        self._confirm_accept: str | None = None  # a flagged product whose A waits for a second press
        # the product a status message or the red bar speaks of: opening another product clears it
        self._status_about: tuple[str, str] | None = None  # (pid, message)
        self._bar_about: str | None = None
        self._search_origin: str | None = None  # the product shown when the search began
        self._polling = False
        self.team = None  # team mode (a PostgreSQL store): emit_gui.ui.team.TeamController
        self.text_guard = TextFieldGuard(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self.text_guard)
        self.setWindowTitle("emit-gui")
        self.setAcceptDrops(True)
        self._build()
        self.restoreGeometry(self.settings.value("geometry", b""))
        self._update_status()
        self.grid.setFocus()  # the review keys work from the start; Ctrl+F reaches the search box
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self._poll_store)
        self.poll_timer.start()
        if store.target.is_postgres:
            from emit_gui.ui.team import TeamController

            self.team = TeamController(self)

    # ---------------------------------------------------------------- building
    def _build(self) -> None:
        self._build_find()
        handlers = {
            "open": self.choose_folder, "export": self.export_dialog, "quit": self.close,
            "undo": self.undo, "redo": self.redo, "find": self._focus_search,
            "accept_photo": self.accept_selected, "accept_product": self.accept_product,
            "next_product": lambda: self.step_product(1), "prev_product": lambda: self.step_product(-1),
            "zoom": self.zoom_selected, "details": self.toggle_details, "cancel": self.escape,
            "retrain": self.start_retrain, "choose_option": self.choose_option, "unsure": self.mark_unsure, "accept_sure": self.accept_sure,
            "not_option": self.mark_not_option, "note": self.edit_note, "import_labels": self.import_labels,
            **self._find_handlers(),
            **{f"tag_{n}": (lambda n=n: self.give_option(n)) for n in range(1, 10)},
        }
        self.actions_ = make_actions(self, handlers)
        menus: dict[str, object] = {}
        for act in self.actions_.values():
            name = act.data()
            if name not in menus:
                menus[name] = self.menuBar().addMenu(name)
            menus[name].addAction(act)
            self.addAction(act)
        self.recent_menu = menus[self.actions_["open"].data()].addMenu(self.tr("Open &recent"))
        self.database_action = menus[self.actions_["open"].data()].addAction(self.tr("&Database…"))
        self.database_action.triggered.connect(self.choose_database)
        self._fill_recent()
        self.actions_["undo"].setEnabled(False)
        self.actions_["redo"].setEnabled(False)

        left = QWidget(self)
        lv = QVBoxLayout(left)
        self.search = QLineEdit(left)
        self.search.setPlaceholderText(self.tr("Search tags or product ids…"))
        self.search.setClearButtonEnabled(True)
        self.filter_box = QComboBox(left)
        self.order_box = QComboBox(left)
        filter_names = {"all": self.tr("all"), "needs review": self.tr("needs review"), "flagged": self.tr("flagged ⚠"),
                        "unsure": self.tr("unsure photos %1").replace("%1", UNSURE_MARK), "problems": self.tr("problems ✖"), "reviewed": self.tr("reviewed ✓")}
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
        self.product_model.flag_words = self.flag_text
        # a search or filter that leaves no product says so, instead of a blank list and pane
        self.empty_label = plain_label(QLabel("", left))
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color:#7f8c8d;padding:6px;")
        self.empty_label.setVisible(False)
        lv.addWidget(self.search)
        lv.addLayout(row)
        lv.addWidget(self.empty_label)
        lv.addWidget(self.product_list, 1)

        right = QWidget(self)
        rv = QVBoxLayout(right)
        self.title = plain_label(QLabel(self.tr("Open a folder of products (Ctrl+O) or drop one here."), right))
        self.title.setStyleSheet("font-size:16px;font-weight:bold;")
        self.title.setWordWrap(True)
        self.flags_label = plain_label(QLabel("", right))
        self.flags_label.setStyleSheet("color:#c0392b;")
        self.flags_label.setWordWrap(True)
        self.note_label = plain_label(QLabel("", right))
        self.note_label.setStyleSheet("color:#6c5b00;background:#fffbe6;padding:2px;")
        self.note_label.setWordWrap(True)
        self.note_label.setVisible(False)
        self.tag_bar = TagBar(right)
        self.tag_bar.chosen.connect(self.give_option)
        self.tag_bar.more.connect(self.choose_option)
        self.message_bar, self.message_label, (self.retry_button, self.discard_button) = self._make_bar(right, [
            (self.tr("Retry"), self.retry_failed), (self.tr("Discard"), self.discard_failed)])
        self.message_bar.setStyleSheet("background:#fdecea;")
        self.file_bar, self.file_label, file_buttons = self._make_bar(right, [
            (self.tr("Use them"), self.import_labels), (self.tr("Not now"), self.decline_file_labels)])
        self.file_bar.setStyleSheet("background:#e8f4fd;")
        self.photo_model = PhotoModel(self.loader, self)
        self.grid = PhotoGrid(self.photo_model, right)
        self.grid.doubleClicked.connect(lambda _i: self.zoom_selected())
        self.grid.selectionModel().currentChanged.connect(self._sync_zoom)
        self.photo_model.dataChanged.connect(self._sync_zoom)
        rv.addWidget(self.title)
        rv.addWidget(self.flags_label)
        rv.addWidget(self.note_label)
        rv.addWidget(self.message_bar)
        rv.addWidget(self.file_bar)
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
        self.search.returnPressed.connect(self._leave_search)  # the list is filtered as typed: Enter goes to the photos
        self.filter_box.currentIndexChanged.connect(self._refilter)
        self.order_box.currentIndexChanged.connect(self._refilter)
        self.product_list.selectionModel().currentChanged.connect(self._product_chosen)
        # a click on a product opens it for the keys: arrows move between its photos, digits give
        # options (after a click the list kept the keyboard, and arrows moved between products)
        self.product_list.clicked.connect(self._product_clicked)

        from emit_gui.ui.status_bar import ElidedLabel, StatusBar

        sb = StatusBar(self)  # a long message makes the figures on the right give way, then elides
        self.setStatusBar(sb)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.eta = ElidedLabel("", self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_work)
        self.counts_label = ElidedLabel("", self)  # squeezed, each ends in "…" (whole text in its tooltip)
        self.model_label = ElidedLabel("", self)
        self.provider_label = ElidedLabel("", self)
        for w in (self.progress, self.eta, self.cancel_button):
            sb.addWidget(w)
        for w in (self.counts_label, self.model_label, self.provider_label):
            sb.addPermanentWidget(w)
        sb.give_way = [self.provider_label, self.model_label, self.counts_label]

    def _make_bar(self, parent, buttons=()):
        """A one-line bar with a message and buttons, hidden until used."""
        bar = QWidget(parent)
        row = QHBoxLayout(bar)
        row.setContentsMargins(4, 2, 4, 2)
        label = plain_label(QLabel("", bar))
        label.setWordWrap(True)
        row.addWidget(label, 1)
        made = []
        for text, fn in buttons:
            b = QPushButton(text, bar)
            b.clicked.connect(lambda _=False, fn=fn: fn())
            row.addWidget(b)
            made.append(b)
        bar.setVisible(False)
        return bar, label, made

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.value("recent", [], type=list)[:10]:
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _=False, p=path: self.open_folder(p))

    # ---------------------------------------------------------------- opening
    def choose_folder(self) -> None:
        # a folder the window only reads: the dialog offers no new folder, rename or delete in it
        path = QFileDialog.getExistingDirectory(self, self.tr("Open a folder of products"), "",
                                                QFileDialog.Option.ShowDirsOnly | QFileDialog.Option.ReadOnly)
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
        self.current_pid = None
        self.failed_plans = []
        self.message_bar.setVisible(False)
        self.file_bar.setVisible(False)
        self._set_depths((0, 0))
        self._forget_index()
        recent = [path, *[p for p in self.settings.value("recent", [], type=list) if p != path]][:10]
        self.settings.setValue("recent", recent)
        self._fill_recent()
        profile, store = self.profile, self.store

        team = self.team

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
            # the session reads its decisions, notes and undo depth here, not on the GUI thread
            session = ReviewSession(store, catalog, index, user=store.server_user)
            if team is not None:
                team.prepare(session)  # blind second rounds hidden from the first paint
            return session, session.stack_depths()

        task = Task(load, "load", self)
        task.item.connect(self._catalog_scanned)
        task.succeeded.connect(self._catalog_indexed)
        self._start(task)

    def _live(self) -> bool:
        """Whether the task sending the current signal still belongs to this window's work."""
        return self.sender() in self.tasks

    def _declined_key(self, catalog) -> str:
        """Where "Not now" to the folder's own labels is remembered: the bar is not offered again
        for this folder (Review > Use the folder's labels still does it)."""
        return self._resume_key(catalog).replace("resume/", "file-labels-declined/", 1)

    def _show_file_labels(self, n: int) -> None:
        """The "use the folder's labels?" bar with the photos it would still label, or hidden."""
        if n:
            self.file_label.setText(self.tr("This folder already has %1 labelled photos. Use them as decisions "
                                            "(marked “from file”; one Ctrl+Z takes them back)?").replace("%1", str(n)))
        self.file_bar.setVisible(bool(n))

    def decline_file_labels(self) -> None:
        """ "Not now" (or Esc): hide the bar and do not offer it again for this folder."""
        self.file_bar.setVisible(False)
        if self.session is not None:
            self.settings.setValue(self._declined_key(self.session.catalog), True)

    def _resume_key(self, catalog) -> str:
        import hashlib

        key = f"{os.path.realpath(catalog.root)}\n{catalog.profile_name}".encode("utf-8", "surrogateescape")
        return "resume/" + hashlib.sha1(key).hexdigest()

    def _catalog_scanned(self, payload) -> None:
        if not self._live():
            return
        _kind, catalog = payload
        # show the list at once; decisions arrive when the photos are indexed
        self.session = ReviewSession(self.store, catalog, WorkspaceIndex(-1, {}), user=self.store.server_user)
        # the profile is part of what is open (another profile is another set of decisions)
        self.setWindowTitle(f"emit-gui — {catalog.root}" + (f" ({catalog.profile_name})"
                                                            if catalog.profile_name != DEFAULT_PROFILE else ""))
        self.product_model.set_session(self.session)
        resume = self.current_pid or self.settings.value(self._resume_key(catalog), "", type=str)
        if resume and self.product_model.row_of(resume) >= 0:
            self._select_pid(resume)
        else:
            self._select_row(0)
        self._show_empty_note()

    def _catalog_indexed(self, result) -> None:
        if result is None or not self._live():
            return
        self.session, depths = result
        catalog = self.session.catalog
        if self.team is not None:
            self.team.start(self.session)
        self.product_model.set_session(self.session)
        # The catalog and index live as long as the session: keep the cyclic GC from walking
        # their tens of thousands of objects again and again (full passes stalled for 200 ms).
        gc.freeze()
        self._set_depths(depths)
        resume = self.current_pid or self.settings.value(self._resume_key(catalog), "", type=str)
        if resume and self.product_model.row_of(resume) >= 0:
            self._select_pid(resume)
        else:
            self._select_row(0)
        self._show_empty_note()
        focus = QApplication.focusWidget()
        if not (isinstance(focus, QLineEdit) and focus.text()):  # never take the keyboard from typing
            self.grid.setFocus()
        # on a team database, using the folder's labels is the lead's decision: nobody else is asked
        asked = self.team is None or self.team.lead
        declined = self.settings.value(self._declined_key(catalog), False, type=bool)
        self._show_file_labels(self.session.file_labels() if asked and not declined else 0)
        self._update_status()
        self.start_proposals()

    def start_proposals(self) -> None:
        session = self.session
        chosen, provider, store = self.model_path, self.provider, self.store
        # EMIT_GUI_PROPOSE_IN_THREAD=1 keeps the ensemble in this process (debugging, profiling)
        in_child = not current_settings().propose_in_thread

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

            from emit_gui.registry import resolve_model

            # which model, on this thread: resolving an active version verifies its checksums
            resolved = resolve_model(chosen)
            report.item(("resolved", resolved))
            model_path = str(resolved.path)
            products = [p for p in session.products if p.usable]
            products = self._stored_proposals(session, products, model_path, report)
            if not products:
                return None
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
        task.failed.connect(lambda msg: self._show_message(self.tr("Proposals failed: %1").replace("%1", msg)))
        task.succeeded.connect(lambda _r: self._after_proposals())
        self._start(task)

    def _after_proposals(self) -> None:
        """Once proposals are in, build the photo index in the background, so the duplicate
        offer after a decision works without asking for it first."""
        if self.session is not None and self.photo_index is None:
            self.with_index(lambda: None)

    def provider_words(self, text: str) -> str:
        """The engine's "CPU (why)" in the interface's language."""
        name, _, note = text.partition(" (")
        note = note[:-1] if note.endswith(")") else note
        if not note:
            return name
        known = {
            "chosen": self.tr("chosen"),
            "this onnxruntime has no CUDA provider": self.tr("this onnxruntime has no CUDA provider"),
            "no NVIDIA driver found (libcuda)": self.tr("no NVIDIA driver found (libcuda)"),
            "no usable NVIDIA GPU or CUDA libraries; CUDA provider fell back":
                self.tr("no usable NVIDIA GPU or CUDA libraries; CUDA provider fell back"),
            "CUDA results differ from the CPU's; not trusted": self.tr("CUDA results differ from the CPU's; not trusted"),
        }
        if note in known:
            note = known[note]
        elif note.startswith("CUDA provider failed to start: "):
            note = self.tr("CUDA provider failed to start: %1").replace("%1", note.split(": ", 1)[1])
        elif note.startswith("CUDA run failed: "):
            note = self.tr("CUDA run failed: %1").replace("%1", note.split(": ", 1)[1])
        return f"{name} ({note})"

    def _stored_proposals(self, session, products, model_path, report) -> list:
        """Send the proposals the store already holds for this model version (a reopen runs
        the model only on products it has not seen); returns the products still to propose.
        Runs in the proposal worker."""
        from emit_gui.app.proposals import proposal_from_rows
        from emit_gui.inference.model_dir import load_model_dir

        try:
            model = load_model_dir(model_path)
        except Exception:  # noqa: BLE001 - the proposer reports a bad model itself
            return products
        from emit_gui.inference.auto_accept import threshold

        report.item(("auto_accept", threshold(model)))
        image_ids = session.index.image_ids
        from emit_gui.inference.decoders import DEFAULT_DECODER

        stored = self.store.stored_suggestions(model.proposal_key(DEFAULT_DECODER), image_ids.values())
        if not stored:
            return products
        found, ids, version, rest = [], {}, None, []
        for product in products:
            rows = {im.name: stored.get(image_ids.get((product.pid, im.name), -1)) for im in product.images}
            prop = proposal_from_rows(product, {k: v for k, v in rows.items() if v is not None})
            if prop is None:
                rest.append(product)
                continue
            found.append(prop)
            for im in product.images:
                row = rows.get(im.name)
                if row is not None:
                    ids[image_ids[(product.pid, im.name)]] = row["suggestion_id"]
                    version = row["model_version_id"]
        if found:
            if not rest:
                report.item(("engine", (model.name, model.version_id, self.tr("not needed (stored proposals)"))))
            report.item(("proposals", (found, ids, version)))
        return rest

    def _proposal_item(self, payload) -> None:
        if not self._live():
            return
        kind, value = payload
        if kind == "resolved":
            self._take_resolved(value)
        elif kind == "auto_accept":
            self.auto_accept = self.photo_model.sure_at = value  # green bars mean "sure" by this point
            self.grid.viewport().update()
        elif kind == "engine":
            name, version, provider = value
            self.model_text = f"{name} {version} ({self._model_source_words()})"
            self.provider_text = self.provider_words(provider)
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

    def escape(self) -> None:
        """Escape leaves a text field (the search box, the Find box) for the photos; elsewhere
        it cancels background work. (From the search box it cancelled the folder's proposals,
        and the keyboard stayed in the box, where the review keys type letters.)"""
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit):
            if focus is self.search and self.search.text() and not self.product_model.rowCount():
                # a search that matches nothing: Esc brings the products back, at the product the
                # labeler was on when the search began
                origin = self._search_origin
                self.search.clear()
                if origin and self.product_model.row_of(origin) >= 0:
                    self._select_pid(origin)
            self._leave_search()
            return
        # a question bar is closed first; the work goes on (Esc cancelled the folder's proposals)
        if self.message_bar.isVisible() and not self.retry_button.isVisible():
            self.message_bar.setVisible(False)
            return
        if self.file_bar.isVisible():
            self.decline_file_labels()
            return
        self.cancel_work()

    def _leave_search(self) -> None:
        self.grid.setFocus()
        if self.grid.currentIndex().row() < 0 and self.photo_model.rowCount():
            self.grid.setCurrentIndex(self.photo_model.index(0))

    def cancel_work(self, wait: bool = False) -> None:
        if self.retrain is not None and self.retrain.running:
            self.retrain.cancel(wait=wait)  # a retrain stopped at any point leaves the active model as it was
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
        if self.search.text() and not self.product_model.search:
            self._search_origin = self.current_pid  # where the labeler was when the search began
        self.product_model.search = self.search.text()
        self.product_model.filter = self.filter_box.currentData()
        self.product_model.order = self.order_box.currentData()
        self.product_model.refilter()
        if self.current_pid and self.product_model.row_of(self.current_pid) >= 0:
            self._select_pid(self.current_pid)
        elif self.product_model.rowCount():
            self._select_row(0)  # the photo pane follows the list: never a product the list hides
        else:
            self._show_product(None)
        self._show_empty_note()

    def _show_empty_note(self) -> None:
        """Say why the list is empty (a search matching nothing, a filter leaving nothing), in the
        list and in the photo pane; nothing while a folder is loading or has products shown."""
        text = ""
        if self.session is not None and not self.product_model.rowCount() and self.session.products:
            query = self.search.text().strip()
            if query:
                text = self.tr("No product matches “%1”.").replace("%1", query)
                if self.filter_box.currentData() != "all":
                    text += " " + self.tr("(The list shows only: %1.)").replace("%1", self.filter_box.currentText())
                text += "\n" + self.tr("Esc in the search box clears the search.")
            else:
                text = self.tr("No product in this list: %1.").replace("%1", self.filter_box.currentText())
        self.empty_label.setText(text)
        self.empty_label.setVisible(bool(text))
        if text:
            self.title.setText(text)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.product_model.rowCount():
            idx = self.product_model.index(row)
            self.product_list.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.product_list.scrollTo(idx)

    def _select_pid(self, pid: str) -> None:
        row = self.product_model.row_of(pid)
        if row >= 0:
            self._select_row(row)
        else:
            self._show_product(pid)

    def _product_chosen(self, current, _previous) -> None:
        if current.isValid():
            self._show_product(current.data(PidRole))

    def _product_clicked(self, index) -> None:
        """A click on a product gives its photos the keyboard (Tab into the list and the arrow
        keys move between products there, as in any list)."""
        if index.isValid() and index.data(PidRole) == self.current_pid:
            self._leave_search()

    def step_product(self, step: int) -> None:
        if step > 0 and self.team is not None and self.team.team is not None:
            self.team.next_product()  # the next product nobody holds
            return
        row = self.product_list.currentIndex().row() + step
        self._select_row(max(0, min(row, self.product_model.rowCount() - 1)))
        self.grid.setFocus()

    def _show_product(self, pid: str | None, keep_selection: bool = False) -> None:
        """Show a product in the photo pane. Never moves the keyboard focus: typing in a text
        field goes on while the list and the pane follow."""
        if self.session is None or pid is None:
            self._forget_product_messages()
            self.photo_model.set_product(None, None)
            self.tag_bar.show_counts({})
            self.title.setText("")
            self.flags_label.setText("")
            self.note_label.setVisible(False)
            return
        selected = [i.row() for i in self.grid.selectionModel().selectedIndexes()] if keep_selection else []
        current = self.grid.currentIndex().row() if keep_selection else -1
        if pid != self.current_pid:
            self._confirm_accept = None
            self._forget_product_messages()
        self.current_pid = pid
        self.settings.setValue(self._resume_key(self.session.catalog), pid)
        product = self.session.product(pid)
        self.title.setText(self.tr("%1 — %2 photos, %3 options").replace("%1", pid)
                           .replace("%2", str(len(product.images))).replace("%3", str(len(product.optional_tags)))
                           + (" · " + self.team.blind_note(pid) if self.team is not None and self.team.blind_note(pid)
                              else ""))
        self._show_flags(pid)
        # a product I see blind shows no note either: the first labeler's note may name their tags
        note = "" if self.session.is_blind(pid) else self.session.notes.get(pid, "")
        self.note_label.setText(self.tr("Note: %1").replace("%1", note))
        self.note_label.setVisible(bool(note))
        self.photo_model.set_product(self.session, pid)
        self.tag_bar.show_counts(self.session.tag_counts(pid))
        if self.team is not None and self.session.index.workspace_id >= 0:
            self.team.product_shown(pid)
        rows = selected or [0]
        for r in rows:
            if 0 <= r < self.photo_model.rowCount():
                self.grid.selectionModel().select(self.photo_model.index(r), QItemSelectionModel.SelectionFlag.Select)
        if self.photo_model.rowCount():
            cur = current if 0 <= current < self.photo_model.rowCount() else rows[0]
            self.grid.selectionModel().setCurrentIndex(self.photo_model.index(cur), QItemSelectionModel.SelectionFlag.NoUpdate)

    def say(self, text: str, ms: int) -> None:
        """A status message about the product shown: it goes when another product opens.
        (Messages about the folder or the list use statusBar().showMessage and may stay.)"""
        self._status_about = (self.current_pid, text)
        self.statusBar().showMessage(text, ms)

    def _forget_product_messages(self) -> None:
        """Another product opens: what was said about the last one goes (its status message,
        the red bar's question about it, the offer to tag its near-duplicates). A decision that
        could not be saved stays in the red bar, with Retry, whichever product is shown."""
        if self._status_about is not None and self.statusBar().currentMessage() == self._status_about[1]:
            self.statusBar().clearMessage()
        self._status_about = None
        if self._bar_about is not None and not self.failed_plans:
            self.message_bar.setVisible(False)
        self._bar_about = None
        if self.dup_bar.isVisible():
            self.dup_bar.setVisible(False)
            self._dup_offer = None

    def flag_text(self, flag: Flag) -> str:
        return {
            Flag.COVER_IMPOSSIBLE: self.tr("fewer readable photos than options: full cover impossible"),
            Flag.PROPOSAL_LEAVES_OPTION: self.tr("the labels so far (proposals and decisions) leave an option without a photo"),
            Flag.MEMBERS_DISAGREE: self.tr("the ensemble members disagree"),
            Flag.DECISIONS_LEAVE_OPTION: self.tr("the decisions leave an option without a photo"),
            Flag.UNSURE: self.tr("a photo is marked unsure"),
        }[flag]

    def _show_flags(self, pid: str) -> None:
        product = self.session.product(pid)
        flags = self.session.flags(pid)
        reasons = [problem_text(p, product.folder) for p in product.problems]
        reasons += [self.flag_text(f) for f in flags if f is not Flag.UNSURE
                    and not (f is Flag.COVER_IMPOSSIBLE and any(p.code == "cover_impossible" for p in product.problems))]
        # ⚠ is a reason to look at the product; ? only photos the labeler left for later (as in the list)
        shown = ["⚠ " + "; ".join(reasons)] if reasons else []
        if Flag.UNSURE in flags:
            shown.append(UNSURE_MARK + " " + self.flag_text(Flag.UNSURE))
        self.flags_label.setText("   ".join(shown))
        # red for a reason to look; amber, as the list's mark, when only unsure photos wait
        self.flags_label.setStyleSheet("color:#c0392b;" if reasons else f"color:{UNSURE_COLOUR.name()};")

    # ---------------------------------------------------------------- decisions
    def _selected_rows(self) -> list[int]:
        rows = sorted({i.row() for i in self.grid.selectionModel().selectedIndexes()})
        if not rows and self.grid.currentIndex().isValid():
            rows = [self.grid.currentIndex().row()]
        return [r for r in rows if not self.photo_model.photos[r].problem]

    def _selected_names(self) -> list[str]:
        return [self.photo_model.photos[r].name for r in self._selected_rows()]

    def _ready(self) -> bool:
        if self.session is None or self.current_pid is None:
            return False
        if self.session.index.workspace_id < 0:
            self.statusBar().showMessage(self.tr("Still indexing the folder; try again in a moment"), 3000)
            return False
        if self.team is not None and self.team.read_only(self.current_pid):
            self.say(self.tr("Someone else is working on this product: press N for a free one"), 4000)
            return False
        return True

    def _commit(self, plan: Plan, after=None, prepare=None) -> bool:
        """Store a decision on the store's worker. Nothing shows as stored, and nothing can be
        undone, before the store has it; a failure is shown and can be retried. ``prepare(plan)``
        runs on the worker first and may leave rows out (``plan.left_out``)."""
        if not plan.rows:
            return False
        session = self.session
        session.mark_pending(iid for iid, _t, _k in plan.rows)
        self.photo_model.refresh()
        if self.team is not None:
            self.team.keep_alive()

        def work():
            if prepare is not None:
                prepare(plan)
            session.store_plan(plan)
            return plan, session.stack_depths()

        self.store_worker.submit(work, lambda result: self._stored(session, result, after),
                                 lambda failure: self._store_failed(session, plan, failure))
        return True

    def _stored(self, session: ReviewSession, result, after=None) -> None:
        if session is not self.session:
            return
        plan, depths = result
        session.apply(plan)
        if plan.left_out:
            session.mark_pending(plan.left_out, on=False)
        self._set_depths(depths)
        self.decisions_changed([iid for iid, _t, _k in plan.rows] + plan.left_out)
        if not self.failed_plans:
            self.message_bar.setVisible(False)
        if after is not None:
            after()

    def store_problem_text(self, failure: StoreFailure) -> str:
        return {
            StoreProblem.LOCKED: self.tr("The database is busy: another program is writing to it."),
            StoreProblem.FULL: self.tr("The disk is full: the database cannot grow."),
            StoreProblem.DAMAGED: self.tr("The database is damaged; close emit-gui and restore its backup."),
            StoreProblem.READ_ONLY: self.tr("The database cannot be written (read-only file or folder)."),
            StoreProblem.OTHER: self.tr("The database refused the change."),
        }[failure.problem]

    def _store_failed(self, session: ReviewSession, plan: Plan, failure: StoreFailure) -> None:
        if session is not self.session:
            return
        session.mark_pending([iid for iid, _t, _k in plan.rows] + plan.left_out, on=False)
        self.failed_plans.append(plan)
        self.decisions_changed([iid for iid, _t, _k in plan.rows] + plan.left_out)
        self._show_message(self.store_problem_text(failure) + " "
                           + self.tr("%1 decision(s) not saved; they are not shown as made. Retry when it is fixed.")
                           .replace("%1", str(sum(len(p.rows) for p in self.failed_plans))), retry=True)

    def retry_failed(self) -> None:
        plans, self.failed_plans = self.failed_plans, []
        self.message_bar.setVisible(False)
        for plan in plans:
            self._commit(plan)

    def discard_failed(self) -> None:
        self.failed_plans = []
        self.message_bar.setVisible(False)

    def _show_message(self, text: str, *, retry: bool = False, about: str | None = None) -> None:
        """The red bar; ``about``: the product it speaks of (it goes when another one opens)."""
        self._bar_about = about
        self.message_label.setText(text)
        self.retry_button.setVisible(retry)
        self.discard_button.setText(self.tr("Discard") if retry else self.tr("Close"))
        self.message_bar.setVisible(True)

    def give_option(self, n: int) -> None:
        if not self._ready():
            return
        tags = self.session.product(self.current_pid).optional_tags
        if not 1 <= n <= len(tags):
            self.say(self.tr("This product has %1 options: there is no option %2")
                                         .replace("%1", str(len(tags))).replace("%2", str(n)), 4000)
            return
        self._give(tags[n - 1])

    def _give(self, tag: str) -> None:
        names = self._selected_names()
        if not names:
            return
        pid = self.current_pid
        if self._commit(self.session.plan(pid, [(nm, tag) for nm in names])):
            self.offer_duplicates(pid, names, tag)
        self._advance_photo()

    def accept_selected(self) -> None:
        if not self._ready():
            return
        items = [(ph.name, ph.tag) for r in self._selected_rows() for ph in [self.photo_model.photos[r]] if ph.tag]
        if items and self._commit(self.session.plan(self.current_pid, items)) and len({t for _n, t in items}) == 1:
            self.offer_duplicates(self.current_pid, [n for n, _t in items], items[0][1])
        self._advance_photo()

    def _mark(self, kind: str) -> None:
        if not self._ready():
            return
        if kind == UNSURE and self.session.is_blind(self.current_pid):
            self.say(self.tr("A blind second label is an option or “not an option photo”: "
                                                 "“unsure” does not apply"), 5000)
            return
        photos = [self.photo_model.photos[r] for r in self._selected_rows()]
        items = [(ph.name, (ph.proposal.tag if ph.proposal else "") or "") for ph in photos]
        if items:
            self._commit(self.session.plan(self.current_pid, items, kind))
        self._advance_photo()

    def mark_unsure(self) -> None:
        self._mark(UNSURE)

    def mark_not_option(self) -> None:
        self._mark(NOT_OPTION)

    def accept_product(self) -> None:
        if not self._ready():
            return
        pid = self.current_pid
        flags = [f for f in self.session.flags(pid) if f is not Flag.UNSURE]
        if (flags or not self.session.product(pid).usable) and self._confirm_accept != pid:
            self._confirm_accept = pid
            reasons = "; ".join(self.flag_text(f) for f in flags) or self.tr("the product has a problem")
            self._show_message(self.tr("This product is flagged (%1). Look at it, or press A again to accept it "
                                       "anyway.").replace("%1", reasons), about=pid)
            return
        self._confirm_accept = None
        self.message_bar.setVisible(bool(self.failed_plans))
        self._commit(self.session.plan(pid, self.session.accept_items(pid)))
        if self.team is not None and self.team.team is not None:
            self.team.next_product()  # after the decisions, on the same worker: the next free product
            return
        nxt = self.session.next_needing_review(pid, self.product_model.rows)
        if nxt:
            self._select_pid(nxt)
            self.grid.setFocus()
        else:
            self.statusBar().showMessage(self.tr("No other product needs review in this list"), 5000)

    def accept_sure(self) -> None:
        """Accept, in every product the list shows, the photos the model is sure of: the count
        is shown first, and one undo takes the whole step back."""
        if self.session is None or self.session.index.workspace_id < 0:
            return
        if self.auto_accept is None:
            self._show_message(self.tr("This model has no measured 99.5%-precision point: accept photos one by one."))
            return
        rows, held = list(self.product_model.rows), set()
        if self.team is not None and self.team.team is not None:  # never in a product another labeler holds
            held = self.team.others_hold(rows)
            rows = [pid for pid in rows if pid not in held]
        plan = self.session.plan_sure(rows, self.auto_accept)
        skipped = {self.session.pid_of_image(i) for i, _t, _k in self.session.plan_sure(held, self.auto_accept).rows}
        skipped_text = (" " + self.tr("Left out: products other labelers hold (%1).").replace("%1", str(len(skipped)))
                        if skipped else "")
        if plan.flagged:  # flagged ⚠ products take a look first, as A on one takes a second press
            skipped_text += " " + self.tr("Left out: flagged products (%1).").replace("%1", str(len(plan.flagged)))
        if not plan.rows:
            self.statusBar().showMessage(self.tr("No photo in this list is sure enough to accept unseen")
                                         + skipped_text, 6000)
            return
        pids = {self.session.pid_of_image(i) for i, _t, _k in plan.rows}
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Accept sure photos"),
                          self.tr("Accept %1 photos in %2 products without looking? Their confidence is at least %3, "
                                  "where the model was right 99.5% of the time on photos it never saw. One Ctrl+Z "
                                  "takes them all back.").replace("%1", str(len(plan.rows))).replace("%2", str(len(pids)))
                          .replace("%3", f"{self.auto_accept:.0%}") + skipped_text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.sure_dialog = box
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        if self.team is None or self.team.team is None:
            self._commit(plan, after=lambda: self.statusBar().showMessage(
                self.tr("Accepted %1 sure photos in %2 products; one Ctrl+Z takes them back")
                .replace("%1", str(len(plan.rows))).replace("%2", str(len(pids))), 8000))
            return

        def said() -> None:  # how many were accepted, and how many products others held were left out
            left = {self.session.pid_of_image(i) for i in plan.left_out} | skipped
            self.statusBar().showMessage(
                self.tr("Accepted %1 sure photos; left out: products other labelers hold (%2)")
                .replace("%1", str(len(plan.rows))).replace("%2", str(len(left))), 8000)

        self._commit(plan, after=said, prepare=self.team.leave_out_held)

    def choose_option(self) -> None:
        """Type to find an option: for products with more options than digit keys."""
        if not self._ready():
            return
        from emit_gui.ui.chooser import OptionChooser

        tags = self.session.product(self.current_pid).optional_tags
        dlg = OptionChooser(tags, self)
        if dlg.exec() and dlg.chosen is not None:
            self._give(dlg.chosen)

    def edit_note(self) -> None:
        if not self._ready():
            return

        pid, session = self.current_pid, self.session
        if session.is_blind(pid):  # the product's one note is the first labeler's, hidden from me
            self.say(self.tr("A blind second label has no note: the product's note stays "
                                                 "the first labeler's"), 6000)
            return
        from emit_gui.ui.note import NoteDialog

        dlg = NoteDialog(pid, session.notes.get(pid, ""), self)
        if not dlg.exec():
            return
        text = dlg.note()

        def stored(_none) -> None:
            if session is self.session:
                session.note_stored(pid, text)
                if self.current_pid == pid:
                    self._show_product(pid, keep_selection=True)

        self.store_worker.submit(lambda: session.set_note(pid, text), stored,
                                 lambda f: self._show_message(self.store_problem_text(f) + " "
                                                              + self.tr("The note was not saved.")))

    def import_labels(self) -> None:
        """Record the folder's own labels as decisions "from file" (one undoable action)."""
        if self.session is None or self.session.index.workspace_id < 0:
            return
        session = self.session
        self.file_bar.setVisible(False)
        if self.team is not None and not self.team.lead:
            self.statusBar().showMessage(self.tr("On a team database the lead decides whether the folder's own "
                                                 "labels are used"), 8000)
            return

        def work():
            ids = session.store.import_labels(session.catalog, session.index, user=session.user)
            return session.read_states(ids), session.stack_depths()

        def done(result) -> None:
            if session is not self.session:
                return
            states, depths = result
            session.apply_states(states)
            self._set_depths(depths)
            self.decisions_changed(list(states))
            self.statusBar().showMessage(self.tr("Recorded %1 labels from the folder's files").replace("%1", str(len(states))), 6000)

        self.store_worker.submit(work, done, lambda f: self._show_message(self.store_problem_text(f)))

    def _advance_photo(self) -> None:
        row = self.grid.currentIndex().row()
        if 0 <= row < self.photo_model.rowCount() - 1:
            nxt = self.photo_model.index(row + 1)
            self.grid.selectionModel().setCurrentIndex(nxt, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    # ---------------------------------------------------------------- undo, and the store's view
    def _set_depths(self, depths: tuple[int, int]) -> None:
        self.undo_depths = depths
        self.actions_["undo"].setEnabled(depths[0] > 0)
        self.actions_["redo"].setEnabled(depths[1] > 0)

    def undo(self) -> None:
        self._replay(undo=True)

    def redo(self) -> None:
        self._replay(undo=False)

    def _replay(self, *, undo: bool) -> None:
        """Undo or redo this labeler's latest action, through the stored history (so it reaches
        decisions made before a restart, and never another person's)."""
        if self.session is None or self.session.index.workspace_id < 0:
            return
        if self.session.is_blind(self.current_pid):
            self.say(self.tr("Blind labels have no undo: give the photo another option to "
                                                 "change its label"), 5000)
            return
        session = self.session

        def work():
            states = session.undo_in_store() if undo else session.redo_in_store()
            return states, session.stack_depths()

        def done(result) -> None:
            if session is not self.session:
                return
            states, depths = result
            self._set_depths(depths)
            session.apply_states(states)
            if not states:
                self.statusBar().showMessage(self.tr("Nothing changed: those photos were decided again since"), 5000)
                return
            self.decisions_changed(list(states))
            first = min(states)
            pid = session.pid_of_image(first)
            name = next((n for (p, n), i in session.index.image_ids.items() if i == first), None)
            if pid and name:
                self.goto_photo(pid, name)  # show what the undo changed

        self.store_worker.submit(work, done, lambda f: self._show_message(
            self.store_problem_text(f) + " " + self.tr("Nothing was undone."), retry=False))

    def _poll_store(self) -> None:
        """Take in decisions another window or process stored (on the store's worker)."""
        if self.session is None or self.session.index.workspace_id < 0 or self._polling or self.store_worker.busy:
            return
        session = self.session
        team = self.team.team if self.team is not None else None
        self._polling = True

        def work():
            changes = session.poll_changes()
            # team mode: what is blind to me, asked after the changes (none shows, even briefly)
            return changes, (team.blind_for_me() if team is not None and changes[1] else None)

        def done(result) -> None:
            self._polling = False
            if session is self.session:
                changes, blind = result
                if blind is not None and self.team is not None:
                    self.team._apply_blind(session, blind)
                changed = session.take_changes(changes)
                if changed:
                    self.decisions_changed(changed)

        def failed(_f) -> None:
            self._polling = False

        self.store_worker.submit(work, done, failed)

    def decisions_changed(self, image_ids: list[int]) -> None:
        if self.session is None:
            return
        pids = {self.session.pid_of_image(i) for i in image_ids} - {None}
        self.product_model.refresh_pids(pids)
        if self.current_pid in pids:
            self.photo_model.refresh()
            self.tag_bar.show_counts(self.session.tag_counts(self.current_pid))
            self._show_flags(self.current_pid)
        self._update_status()

    # ---------------------------------------------------------------- view
    def zoom_selected(self, heat: bool = False) -> None:
        idx = self.grid.currentIndex()
        if not idx.isValid():
            return
        dlg = ZoomDialog(self.loader, self.photo_model.paths[idx.row()], "", self,
                         tag=None, explain=self.explain_photo, heat=False)
        # the review keys work in the zoom view too (its own Z, H, +, - stay its own)
        dlg.addActions([a for k, a in self.actions_.items() if k not in ("zoom", "heat_map", "cancel")])
        self.zoom_dialog = dlg
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.destroyed.connect(lambda _=None: setattr(self, "zoom_dialog", None))
        # beside the photos, over the product list: the grid stays in sight
        geo = self.geometry()
        dlg.resize(min(900, max(420, geo.width() // 2)), max(400, geo.height() - 60))
        dlg.move(geo.left(), geo.top() + 30)
        self._sync_zoom()
        dlg.show()
        if heat:
            dlg.toggle_heat("colour")

    def _sync_zoom(self, *_args) -> None:
        """The zoom view follows the selected photo and shows its tag and confidence."""
        dlg = getattr(self, "zoom_dialog", None)
        idx = self.grid.currentIndex()
        if dlg is None or not idx.isValid() or self.current_pid is None:
            return
        ph = idx.data(PhotoRole)
        if ph.not_option:
            state = self.tr("not an option photo")
        elif ph.decision and ph.decision.labelled:
            state = self.tr("decided: %1").replace("%1", ph.decision.tag)
        elif ph.proposal:
            state = self.tr("proposed: %1 (%2)").replace("%1", ph.proposal.tag).replace("%2", f"{ph.proposal.confidence:.0%}")
        else:
            state = self.tr("no proposal yet")
        dlg.show_photo(self.photo_model.paths[idx.row()], ph.tag, f"{self.current_pid} / {ph.name} — {state}")

    def toggle_details(self) -> None:
        self.photo_model.show_details = not self.photo_model.show_details
        self.grid.doItemsLayout()
        self.grid.viewport().update()

    def _update_status(self) -> None:
        if self.session is not None and self.file_bar.isVisible():  # its count follows the decisions made
            self._show_file_labels(self.session.file_labels())
        if self.session is not None:
            st = self.session.stats()
            self.counts_label.setText(self.tr("reviewed %1 / %2 photos").replace("%1", str(st["reviewed"]))
                                      .replace("%2", str(st["photos"])) + "  ·  "
                                      + self.tr("accepted unchanged %1").replace("%1", f"{st['accepted_share']:.0%}"))
        self.model_label.setText(self.tr("model: %1").replace("%1", self.model_text))
        self.provider_label.setText(self.tr("inference: %1").replace("%1", self.provider_text))

    # ---------------------------------------------------------------- retrain
    def start_retrain(self) -> None:
        """Retrain in its own process (emit_gui.ui.retrain): typed progress, a JSON report, and
        the person asked before the new model is used; decisions are never touched."""
        if self.retrain is None:
            from emit_gui.ui.retrain import RetrainController

            self.retrain = RetrainController(self, store_path=self.store.path, model_path=self.model_path)
            self.retrain.progress.connect(lambda text: self.eta.setText(text))
            self.retrain.progress_value.connect(self._retrain_progress)
            self.retrain.finished.connect(lambda _r: self._retrain_done())
            self.retrain.failed.connect(lambda _m: self._retrain_done())
            self.retrain.cancelled.connect(self._retrain_done)
            self.retrain.model_switched.connect(self._model_switched)
        if self.retrain.running:
            return
        self.retrain.model_path = Path(self.model_path) if self.model_path else None
        if self.retrain.start():
            self.progress.setVisible(True)
            self.progress.setMaximum(0)
            self.cancel_button.setVisible(True)

    @property
    def retrain_process(self):
        return self.retrain.process if self.retrain is not None and self.retrain.running else None

    def _retrain_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 0))
        self.progress.setValue(done)

    def _retrain_done(self) -> None:
        self.progress.setVisible(bool(self.tasks))
        self.cancel_button.setVisible(bool(self.tasks))
        self.eta.setText("")

    def resolved_model(self):
        """The model in use and why (``--model``, ``$EMIT_GUI_MODEL``, the active version, the
        bundled default): the same answer the commands and retrain get. Says so once when the
        active version could not be used."""
        from emit_gui.registry import resolve_model

        return self._take_resolved(resolve_model(self.model_path))

    def _take_resolved(self, resolved):
        self._model_source = resolved.source
        if resolved.note and resolved.note != getattr(self, "_model_note", ""):
            self._show_message(self.tr("The active model %1 cannot be used; the bundled default model is used instead.")
                               .replace("%1", resolved.passed_over))
        self._model_note = resolved.note
        return resolved

    def _model_source_words(self) -> str:
        return {"option": self.tr("--model"), "env": self.tr("$EMIT_GUI_MODEL"), "active": self.tr("active version"),
                "bundled": self.tr("bundled default")}.get(getattr(self, "_model_source", ""), "")

    # ---------------------------------------------------------------- what FindMixin uses (find.FindHost)
    def start_task(self, task: Task) -> None:
        self._start(task)

    def select_product(self, pid: str) -> None:
        self._select_pid(pid)

    def show_product(self, pid: str) -> None:
        self._show_product(pid)

    def commit(self, plan: Plan, after=None) -> bool:
        return self._commit(plan, after=after)

    def _model_switched(self, version: str) -> None:
        self.model_path = None  # the newly active version
        # (without --model, $EMIT_GUI_MODEL alone outranks the active version: no resolve, which
        # verifies the new version's checksums, on the GUI thread)
        if current_settings().model is not None:
            self._show_message(self.tr("The new model %1 is active, but $EMIT_GUI_MODEL chooses the model in use: "
                                       "unset it to use the new one.").replace("%1", version))
        self._forget_index()
        if self.session is not None:
            self.start_proposals()

    def choose_database(self) -> None:
        from emit_gui.ui.team import choose_database

        choose_database(self)

    # ---------------------------------------------------------------- export, close
    def export_dialog(self) -> None:
        if self.session is None:
            return
        from emit_gui.ui.folders import choose_folder_to_write

        out = choose_folder_to_write(self, self.tr("Export decisions to folder"))
        if out:
            self.export_to(out)

    def export_to(self, out: str) -> Task | None:
        catalog, store = self.session.catalog, self.store
        task = Task(lambda report: export(catalog, store, Path(out)), "export", self)
        # the folder's own labels go out too, where nobody decided: say how many, never count them as decided
        task.succeeded.connect(lambda s: self.statusBar().showMessage(
            self.tr("Exported %1 labelled photos to %2: %3 decided here, %4 the folder's own labels (not reviewed)")
            .replace("%1", str(s.labelled)).replace("%2", str(s.out)).replace("%3", str(s.decided))
            .replace("%4", str(s.from_folder))
            + ("; " + self.tr("%1 marked unsure, exported without a label").replace("%1", str(s.unsure))
               if s.unsure else "")
            + ("; " + self.tr("%1 left out: unreadable, or their product has no options").replace("%1", str(s.left_out))
               if s.left_out else ""), 12000))
        task.failed.connect(lambda msg: QMessageBox.warning(self, "emit-gui", msg))
        self._start(task)
        return task

    def closeEvent(self, event) -> None:  # noqa: N802
        self.cancel_work(wait=True)
        self.poll_timer.stop()
        if self.team is not None:
            self.team.shutdown()  # gives the product back, on the worker, before it stops
        self.store_worker.stop()  # every decision submitted reaches the store before we go
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self.text_guard)
        self.loader.shutdown()
        self.settings.setValue("geometry", self.saveGeometry())
        super().closeEvent(event)
