"""Team mode in the review window (a shared PostgreSQL store): leases on the product being
worked on, who holds what in the product list, other labelers' decisions as they happen, and
reviewers' corrections. The window creates a :class:`TeamController` only on a team database;
every call into :class:`emit_gui.team.TeamSession` may wait on the server, so it goes through
the window's store worker (decisions and leases stay in the order the keys were pressed), and
others' changes are waited for on a thread of their own (LISTEN/NOTIFY)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from emit_gui.ui.text import plain_label

KEEP_ALIVE_MS = 60_000
HOLDERS_MS = 2_000
DB_SETTING = "database"


class _Lost:
    """A worker's answer: the lease was lost (LeaseLost is typed away by the worker's errors)."""

    def __init__(self, pid: str | None, holder: str | None):
        self.pid = pid
        self.holder = holder


class TeamController(QObject):
    """Wires :class:`emit_gui.team.TeamSession` into a :class:`MainWindow`."""

    changes = Signal(object)  # image ids changed by others (from the listener thread)

    def __init__(self, window, lease_seconds: float | None = None):
        super().__init__(window)
        from emit_gui.team.work import LEASE_SECONDS

        self.w = window
        self.lease_seconds = lease_seconds or LEASE_SECONDS
        self.team = None  # TeamSession, once the folder is indexed
        self.session = None
        self.mine: str | None = None  # the product I hold
        self.held: dict[str, str] = {}  # pid -> holder, for products others hold
        self.lost: tuple[str, str | None] | None = None  # (pid, who took it): my hold was lost
        self.lead = False  # I lead the team (asked when a folder is loaded): the folder's labels are mine to use
        self._holders_busy = False
        self._next_busy = False  # a held N asks once at a time (its repeats would queue leases)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.bar, self.bar_label, (self.seen_button, close) = window._make_bar(
            window.message_bar.parentWidget(), [(self.tr("Seen"), self._mark_seen),
                                                (self.tr("Close"), lambda: self.bar.setVisible(False))])
        self.bar.setStyleSheet("background:#fff4e0;")
        layout = window.message_bar.parentWidget().layout()
        layout.insertWidget(layout.indexOf(window.message_bar), self.bar)
        self._unseen: list[int] = []
        self.changes.connect(self._changed)
        self.keep_timer = QTimer(self)
        self.keep_timer.setInterval(KEEP_ALIVE_MS)
        self.keep_timer.timeout.connect(self.keep_alive)
        self.holders_timer = QTimer(self)
        self.holders_timer.setInterval(HOLDERS_MS)
        self.holders_timer.timeout.connect(self.refresh_holders)

    # ---------------------------------------------------------------- life
    def start(self, session) -> None:
        """A folder was indexed: a team session on it (the previous one is closed)."""
        from emit_gui.team import TeamSession

        self.stop_listening()
        old = self.team
        if old is not None:
            self.w.store_worker.submit(old.close, lambda _r: None, lambda _f: None)
        self.session = session
        self.team = TeamSession(session, lease_seconds=self.lease_seconds)
        session.blind_writer = self.team.label_blind
        self.mine = None
        self.lost = None
        self.held = {}
        self.w.product_model.held = self.held
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._listen, args=(self.team, self._stop),
                                        name="emit-gui-team-listen", daemon=True)
        self._thread.start()
        self.keep_timer.start()
        self.holders_timer.start()
        self.refresh_holders()

    def prepare(self, session) -> None:
        """On the folder's loading thread: which products are blind to me, before any is shown."""
        from emit_gui.team import Team

        team = Team(session.store, session.index.workspace_id, user=session.user)
        try:
            session.set_blind(team.blind_for_me())
        except Exception:  # noqa: BLE001 - the 2 s refresh asks again
            pass
        try:
            self.lead = team.is_lead()  # only the lead is offered the folder's own labels
        except Exception:  # noqa: BLE001 - not known: not offered
            self.lead = False

    def stop_listening(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def shutdown(self) -> None:
        """The window closes: stop listening, give the product back (on the worker, before it stops)."""
        self.keep_timer.stop()
        self.holders_timer.stop()
        self.stop_listening()
        if self.team is not None:
            team, self.team = self.team, None
            self.w.store_worker.submit(team.close, lambda _r: None, lambda _f: None)

    def _listen(self, team, stop: threading.Event) -> None:
        """Others' changes, as the server announces them (a thread of its own)."""
        while not stop.is_set():
            try:
                ids = team.wait_changes(1.0)
            except Exception:  # noqa: BLE001 - the server went away: try again shortly
                stop.wait(2.0)
                continue
            if ids and not stop.is_set():
                self.changes.emit(ids)

    def _changed(self, ids) -> None:
        session = self.session
        if session is None or session is not self.w.session or self.team is None:
            return
        from emit_gui.team import fetch_decisions

        ids = [i for i in ids if session.pid_of_image(i) is not None]

        team = self.team

        def work():
            # which products are blind is asked after the decisions: a product another labeler
            # just started shows none of their decisions, not even for a moment
            return fetch_decisions(session.store, ids), team.blind_for_me()

        def done(result) -> None:
            if session is self.w.session:
                states, blind = result
                self._apply_blind(session, blind)
                changed = session.apply_states(states)
                if changed:
                    self.w.decisions_changed(changed)

        if ids:
            self.w.store_worker.submit(work, done, lambda _f: None)
        self.refresh_holders()  # a review of my photos comes this way too

    # ---------------------------------------------------------------- leases
    def read_only(self, pid: str | None) -> bool:
        """Keys decide nothing here: someone else holds it, or it is a blind round not mine."""
        if pid is None or pid == self.mine:
            return False
        return pid in self.held or (self.session is not None and self.session.is_blind(pid))

    def next_product(self) -> None:
        """N / A: the next product nobody else holds, in the order and filter the list shows
        (the current one is released first)."""
        if self._next_busy:
            return
        team, after = self.team, self.w.current_pid
        order = list(self.w.product_model.rows)
        session = self.session
        self._next_busy = True

        def work():
            pid = team.next_product(after=after, order=order)
            return pid, team.blind_for_me()

        def failed(failure) -> None:
            self._next_busy = False
            self._failed(failure)

        def done(result) -> None:
            self._next_busy = False
            if team is not self.team:
                return
            pid, blind = result
            self.lost = None
            self._apply_blind(session, blind, reshow=pid is None)
            if pid is None:
                self.mine = None
                self.w.statusBar().showMessage(
                    self.tr("No free product left in this list: the team holds or has finished the others "
                            "(change the list's filter or search for more)"), 8000)
                return
            self.mine = pid
            self.held.pop(pid, None)
            self.w._select_pid(pid)
            self.w.grid.setFocus()
            self.refresh_holders()

        self.w.store_worker.submit(work, done, failed)

    def product_shown(self, pid: str) -> None:
        """The window shows a product (a click in the list, P, a resume): take it, or say who has it."""
        team = self.team
        if team is None or pid == self.mine:
            self._show_holder(pid)
            return

        session = self.session

        def work():
            return team.open_product(pid), team.blind_for_me()

        def done(result) -> None:
            if team is not self.team:
                return
            holder, blind = result
            if holder is None:
                self.mine = pid
                self.held.pop(pid, None)
                if self.lost and self.lost[0] == pid:
                    self.lost = None
            else:
                self.held[pid] = holder
                if self.mine == pid:
                    self.mine = None
            self.w.product_model.refresh_pids([pid])
            self._apply_blind(session, blind)
            self._show_holder(self.w.current_pid)

        self.w.store_worker.submit(work, done, self._failed)

    def _apply_blind(self, session, blind, *, reshow: bool = True) -> None:
        """Products shown blind (their first round hidden) as the server says now."""
        if session is None or session is not self.w.session:
            return
        changed = session.set_blind(blind)
        if not changed:
            return
        self.w.product_model.refresh_pids(changed)
        if reshow and self.w.current_pid in changed:
            self.w._show_product(self.w.current_pid, keep_selection=True)
        self.w._update_status()

    def blind_note(self, pid: str | None) -> str:
        """The product title's note on a blind second-round product ("" otherwise)."""
        if pid is None or self.session is None or not self.session.is_blind(pid):
            return ""
        return self.tr("blind second label: the first labeler's decisions and the model's proposals are hidden")

    def _show_holder(self, pid) -> None:
        if self.lost is not None and pid == self.lost[0]:
            self._say(self.lost_text(self.lost[1] or self.held.get(pid)), seen=False)
        elif self.read_only(pid) and pid in self.held:
            self._say(self.tr("Held by %1: this product is shown read-only while they work on it.")
                      .replace("%1", self.held[pid]), seen=False)
        elif self.bar.isVisible() and not self._unseen:
            self.bar.setVisible(False)

    def lost_text(self, holder: str | None) -> str:
        if holder:
            return self.tr("Your hold on this product expired and %1 took it over while you were away: every "
                           "decision you made is kept; the product is read-only now. Press N for a free product."
                           ).replace("%1", holder)
        return self.tr("Your hold on this product expired and someone else took it: your decisions "
                       "so far are kept; press N for a free product.")

    def keep_alive(self) -> None:
        """On each decision and every minute: the lease stays mine while I work."""
        team = self.team
        if team is None:
            return
        from emit_gui.team import LeaseLost

        def work():
            lease = team.lease
            try:
                team.keep_alive()
            except LeaseLost:
                holding = team.holders().get(lease.pid) if lease is not None else None
                return _Lost(lease.pid if lease is not None else None, holding.holder if holding else None)
            return None

        def done(result) -> None:
            if isinstance(result, _Lost) and team is self.team:
                self.mine = None
                self.lost = (result.pid, result.holder)
                if result.pid is not None and result.holder and result.holder != team.me:
                    self.held[result.pid] = result.holder
                    self.w.product_model.refresh_pids([result.pid])
                self._say(self.lost_text(result.holder), seen=False)
                self.refresh_holders()

        self.w.store_worker.submit(work, done, lambda _f: None)

    def _failed(self, failure) -> None:
        self.w._show_message(self.w.store_problem_text(failure))

    # ---------------------------------------------------------------- Ctrl+Shift+A
    def others_hold(self, pids) -> set[str]:
        """Of these products, those another labeler holds (as last seen: every 2 s)."""
        return {pid for pid in pids if pid in self.held and pid != self.mine}

    def leave_out_held(self, plan) -> None:
        """On the worker, just before a many-product plan is stored: drop the rows of products
        someone else holds now (the window's view of the holders may be 2 s old)."""
        team, session = self.team, self.session
        if team is None or not plan.rows:
            return
        held = {pid for pid, h in team.holders().items() if h.holder != team.me}
        keep = [r for r in plan.rows if session.pid_of_image(r[0]) not in held]
        plan.left_out = [r[0] for r in plan.rows if session.pid_of_image(r[0]) in held]
        plan.rows = keep
        plan.suggestion_ids = {i: s for i, s in plan.suggestion_ids.items() if i not in set(plan.left_out)}

    # ---------------------------------------------------------------- who holds what, corrections
    def refresh_holders(self) -> None:
        team, session = self.team, self.session
        if team is None or self._holders_busy:
            return
        self._holders_busy = True

        def work():
            return team.holders(), team.corrections(), team.blind_for_me()

        def done(result) -> None:
            self._holders_busy = False
            if team is not self.team:
                return
            holders, corrections, blind = result
            self._apply_blind(session, blind)
            before = dict(self.held)
            self.held.clear()
            self.held.update({pid: h.holder for pid, h in holders.items() if h.holder != team.me})
            if self.mine is not None and self.mine in holders and holders[self.mine].holder != team.me:
                self.lost = (self.mine, holders[self.mine].holder)  # my hold expired and was taken over
                self.mine = None
            changed = {p for p in set(before) | set(self.held) if before.get(p) != self.held.get(p)}
            if changed:
                self.w.product_model.refresh_pids(changed)
                self._show_holder(self.w.current_pid)
            fresh = [c for c in corrections if c["id"] not in self._unseen]
            if fresh:
                self._unseen += [c["id"] for c in fresh]
                self._show_corrections(session, corrections)

        def failed(_f) -> None:
            self._holders_busy = False

        self.w.store_worker.submit(work, done, failed)

    def _show_corrections(self, session, corrections) -> None:
        name_of = {iid: f"{pid}/{name}" for (pid, name), iid in session.index.image_ids.items()}
        lines = []
        for c in corrections[-3:]:
            line = (self.tr("%1: %2 → %3 by %4").replace("%1", name_of.get(c["image_id"], str(c["image_id"])))
                    .replace("%2", c["before_tag"] or "-").replace("%3", c["after_tag"] or "-")
                    .replace("%4", c["user"] or "?"))
            if c.get("comment"):
                line += " — “" + c["comment"] + "”"
            lines.append(line)
        head = self.tr("A reviewer corrected %1 of your photos:").replace("%1", str(len(corrections)))
        self._say(head + "\n" + "\n".join(lines), seen=True)

    def _say(self, text: str, *, seen: bool) -> None:
        self.bar_label.setText(text)
        self.seen_button.setVisible(seen)
        self.bar.setVisible(True)

    def _mark_seen(self) -> None:
        team, ids = self.team, list(self._unseen)
        self.bar.setVisible(False)
        if team is None or not ids:
            return
        self.w.store_worker.submit(lambda: team.mark_seen(ids), lambda _r: None, self._failed)


# -------------------------------------------------------------------- the database setting
def saved_database(settings: QSettings | None = None) -> str:
    """The database chosen in File ▸ Database… (used at the next start), or ""."""
    if settings is None:
        from emit_gui.ui.settings_store import open_settings

        settings = open_settings()
    return str(settings.value(DB_SETTING, "", type=str) or "")


def database_problem(text: str) -> str | None:
    """Why a database setting cannot be saved (English key; the dialog translates), or None."""
    from emit_gui.store.db import is_db_url

    text = text.strip()
    if not text or not is_db_url(text):
        if "://" in text:
            return "scheme"
        return None
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(text)
    except ArgumentError:
        return "bad"
    if url.password:
        return "password"
    return None


class DatabaseDialog(QDialog):
    """File ▸ Database…: a SQLite file or a postgresql:// URL, saved for the next start. A
    password is never stored: libpq's ~/.pgpass or a service file carries it."""

    def __init__(self, settings: QSettings, current: str, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Database"))
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label(QLabel(self.tr("A database file, or a team database as postgresql://user@host/dbname "
                                                 "(empty: the default file). Used from the next start."), self)))
        lay.addWidget(plain_label(QLabel(self.tr("In use now: %1").replace("%1", current), self)))
        self.edit = QLineEdit(saved_database(settings), self)
        self.edit.setPlaceholderText(self.tr("path or postgresql:// URL"))
        lay.addWidget(self.edit)
        self.error = plain_label(QLabel("", self))
        self.error.setStyleSheet("color:#c0392b;")
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def save(self) -> None:
        text = self.edit.text().strip()
        problem = database_problem(text)
        if problem == "password":
            self.error.setText(self.tr("A password in the URL would be stored in plain text: remove it and put it "
                                       "in ~/.pgpass or a PostgreSQL service file (~/.pg_service.conf)."))
            return
        if problem == "scheme":
            self.error.setText(self.tr("Only a file path or a postgresql:// URL is supported."))
            return
        if problem == "bad":
            self.error.setText(self.tr("This is not a database URL."))
            return
        self.settings.setValue(DB_SETTING, text)
        self.accept()


def choose_database(window) -> None:
    dlg = DatabaseDialog(window.settings, str(window.store.target), window)
    window.database_dialog = dlg
    if dlg.exec():
        window.statusBar().showMessage(window.tr("The database setting is saved: it is used at the next start."), 8000)
