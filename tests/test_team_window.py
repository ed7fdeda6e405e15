"""Team mode in the review window: two real windows, two PostgreSQL roles, one folder. Keys are
pressed on the windows (qtbot.keyClick), never slots called. Needs a PostgreSQL server
(EMIT_GUI_TEST_PG; `.ci/pg-cluster start DIR PORT` prints one): skipped without it."""

from __future__ import annotations

import json
import shutil
import time
import uuid
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from emit_gui.registry import resolve_model  # noqa: E402
from emit_gui.store import Store  # noqa: E402
from tests.conftest import PG_ADMIN_URL, shared_products  # noqa: E402


def _slice(tmp_path: Path, n: int) -> Path:
    src = shared_products()
    root = tmp_path / "products"
    root.mkdir()
    for p in sorted(x for x in src.iterdir() if x.is_dir()):
        tags = json.loads((p / "profile_zh.json").read_text(encoding="utf-8"))["optional_tags"]
        if 2 <= len(tags) <= 6:
            shutil.copytree(p, root / p.name)
            n -= 1
        if n == 0:
            break
    return root


@pytest.fixture
def team(pg_db):
    """A team database after `db init`: two labelers and a reviewer, each a role with its URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    from emit_gui.team.roles import add_user, init_team_database

    init_team_database(pg_db)
    tag = uuid.uuid4().hex[:6]
    users = {"a": (f"ann_{tag}", "labeler"), "b": (f"bob_{tag}", "labeler"), "rev": (f"rev_{tag}", "reviewer")}
    for name, role in users.values():
        add_user(pg_db, name, role)
    yield {k: (name, make_url(pg_db).set(username=name, password=None).render_as_string(hide_password=False))
           for k, (name, _r) in users.items()}
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        for name, _r in users.values():
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')


@pytest.fixture
def windows(qtbot, tmp_path):
    from emit_gui.ui.main_window import MainWindow

    made = []

    def factory(url: str, name: str):
        store = Store(url)
        settings = QSettings(str(tmp_path / f"settings-{name}.ini"), QSettings.Format.IniFormat)
        w = MainWindow(store, model_path=str(resolve_model().path), profile="profile_zh.json", provider="cpu",
                       settings=settings)
        qtbot.addWidget(w)
        w.resize(1200, 800)
        w.show()
        qtbot.waitExposed(w)
        made.append((w, store))
        return w

    yield factory
    for w, store in made:
        if w.isVisible():
            w.close()
        w.cancel_work(wait=True)
        store.close()


def _ready(qtbot, w):
    qtbot.waitUntil(lambda: w.session is not None and w.session.index.workspace_id >= 0 and not w.busy
                    and not w.store_worker.busy and w.team.mine == w.current_pid, timeout=180_000)


def _activate(qtbot, w):
    if QApplication.activeWindow() is not w:
        w.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5_000)


def _key(qtbot, w, k):
    _activate(qtbot, w)
    qtbot.keyClick(w.grid, k)
    qtbot.waitUntil(lambda: not w.store_worker.busy and not w.session.pending, timeout=20_000)


def _list_text(w, pid):
    return w.product_model.index(w.product_model.row_of(pid)).data(Qt.ItemDataRole.DisplayRole)


@pytest.mark.skipif(not PG_ADMIN_URL, reason="EMIT_GUI_TEST_PG is not set (.ci/pg-cluster start prints a URL for it)")
def test_two_windows_share_a_folder_on_postgresql(qtbot, windows, team, tmp_path):
    from emit_gui.team import Team

    root = _slice(tmp_path, 6)
    (ann, ann_url), (bob, bob_url), (_rev, rev_url) = team["a"], team["b"], team["rev"]
    wa = windows(ann_url, "a")
    wa.open_folder(str(root))
    _ready(qtbot, wa)
    wb = windows(bob_url, "b")
    wb.open_folder(str(root))
    qtbot.waitUntil(lambda: wb.session is not None and wb.session.index.workspace_id >= 0 and not wb.busy
                    and not wb.store_worker.busy, timeout=180_000)
    assert wa.session.user == ann and wb.session.user == bob  # the server's role, not the OS login
    first = wa.current_pid
    # B opened the folder on the product A holds: shown read-only, with who holds it
    qtbot.waitUntil(lambda: wb.team.read_only(first), timeout=5_000)
    assert wb.team.bar.isVisible() and ann in wb.team.bar_label.text()

    # N in each window, in turn: never the same product in both
    seen_a, seen_b = [first], []
    for _ in range(2):
        _key(qtbot, wa, Qt.Key.Key_N)
        qtbot.waitUntil(lambda: wa.team.mine == wa.current_pid and wa.current_pid != seen_a[-1], timeout=5_000)
        seen_a.append(wa.current_pid)
        _key(qtbot, wb, Qt.Key.Key_N)
        qtbot.waitUntil(lambda: wb.team.mine is not None and wb.team.mine == wb.current_pid
                        and (not seen_b or wb.current_pid != seen_b[-1]), timeout=5_000)
        seen_b.append(wb.current_pid)
        assert wa.current_pid != wb.current_pid
        holders = wa.team.team.holders()
        assert holders[wa.current_pid].holder == ann and holders[wb.current_pid].holder == bob
    # each list shows the other's product as held
    qtbot.waitUntil(lambda: f"held by {ann}" in _list_text(wb, wa.current_pid), timeout=5_000)
    qtbot.waitUntil(lambda: f"held by {bob}" in _list_text(wa, wb.current_pid), timeout=5_000)

    # a decision by a real key press in A reaches B within 2 s
    pid_a = wa.current_pid
    photo = wa.photo_model.photos[wa.grid.currentIndex().row()].name
    option = wa.session.product(pid_a).optional_tags[0]
    iid = wa.session.image_id(pid_a, photo)
    wb.poll_timer.stop()  # the server's NOTIFY brings it, not the 1.5 s poll of the history
    _key(qtbot, wa, Qt.Key.Key_1)
    assert wa.session.decisions[iid].tag == option
    t0 = time.monotonic()
    qtbot.waitUntil(lambda: iid in wb.session.decisions and wb.session.decisions[iid].tag == option, timeout=2_000)
    print(f"decision seen in the other window after {time.monotonic() - t0:.2f} s")
    wb.poll_timer.start()
    assert [e.user for e in wb.store.history(wb.session.index.workspace_id) if e.image_id == iid] == [ann]

    # B clicks A's product in the list: read-only, a key press decides nothing
    row = wb.product_model.row_of(pid_a)
    rect = wb.product_list.visualRect(wb.product_model.index(row))
    _activate(qtbot, wb)
    QTest.mouseClick(wb.product_list.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     rect.center())
    qtbot.waitUntil(lambda: wb.current_pid == pid_a and wb.team.read_only(pid_a) and wb.team.bar.isVisible(),
                    timeout=5_000)
    assert ann in wb.team.bar_label.text()
    before = dict(wb.store.decisions(wb.session.index.workspace_id))
    _key(qtbot, wb, Qt.Key.Key_2)
    assert wb.store.decisions(wb.session.index.workspace_id) == before

    # a reviewer corrects A's photo: the correction and its comment reach A's bar
    rev_store = Store(rev_url)
    try:
        other = wa.session.product(pid_a).optional_tags[1]
        Team(rev_store, wa.session.index.workspace_id).correct(iid, other, "the collar is grey, not black")
    finally:
        rev_store.close()
    qtbot.waitUntil(lambda: wa.team.bar.isVisible() and "the collar is grey" in wa.team.bar_label.text(),
                    timeout=5_000)
    assert other in wa.team.bar_label.text()
    qtbot.waitUntil(lambda: iid in wa.session.decisions and wa.session.decisions[iid].tag == other, timeout=3_000)
    _activate(qtbot, wa)
    QTest.mouseClick(wa.team.seen_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wa.team.bar.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: wa.team.team.corrections() == [], timeout=5_000)

    # closing a window gives its product back
    held_b = wb.team.mine or seen_b[-1]
    wb.close()
    assert held_b not in Team(wa.store, wa.session.index.workspace_id).holders()


def test_database_setting_refuses_a_password(qtbot, tmp_path):
    """File ▸ Database…: a URL with a password is refused (pgpass or a service file instead)."""
    from emit_gui.ui.team import DatabaseDialog

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dlg = DatabaseDialog(settings, "x.sqlite3")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.edit.setFocus()
    qtbot.keyClicks(dlg.edit, "postgresql://ann:secret@db.shop.lan/catalogue")
    qtbot.keyClick(dlg.edit, Qt.Key.Key_Return)
    assert dlg.isVisible() and ".pgpass" in dlg.error.text()
    assert settings.value("database", "") == ""
    dlg.edit.clear()
    qtbot.keyClicks(dlg.edit, "postgresql://ann@db.shop.lan/catalogue")
    qtbot.keyClick(dlg.edit, Qt.Key.Key_Return)
    assert not dlg.isVisible()
    assert settings.value("database", "") == "postgresql://ann@db.shop.lan/catalogue"
