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

from tests.helpers.gui import on_next_dialog, type_text  # noqa: E402

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


# ------------------------------------------------------------------ the loose ends of #16
def _pick(pattern: str, word: str = "黑色") -> list[str]:
    """Products in folder order whose options do (B) or do not (N) contain ``word``, following
    ``pattern`` (e.g. "BNNBBN"); 2-6 options and at least as many photos as options."""
    src = shared_products()
    picked: list[str] = []
    for p in sorted(x for x in src.iterdir() if x.is_dir()):
        if len(picked) == len(pattern):
            break
        prof = json.loads((p / "profile_zh.json").read_text(encoding="utf-8"))
        tags = prof["optional_tags"]
        if not 2 <= len(tags) <= 6 or len(prof.get("imgs_tags", [])) < len(tags):
            continue
        if (pattern[len(picked)] == "B") == any(word in t for t in tags):
            picked.append(p.name)
    assert len(picked) == len(pattern)
    return picked


def _copy(tmp_path: Path, pids: list[str]) -> Path:
    root = tmp_path / "products"
    root.mkdir()
    for pid in pids:
        shutil.copytree(shared_products() / pid, root / pid)
    return root


def _lease_as(url: str, ws: int, pid: str):
    """Another labeler takes a product (their own connection, their role)."""
    from emit_gui.team import Team

    store = Store(url)
    return store, Team(store, ws).lease(pid)


def _label_by_keys(qtbot, w, labels: list[int]) -> None:
    """Give the product's photos, from the first, the options numbered ``labels`` by key presses."""
    _activate(qtbot, w)
    w.grid.setFocus()
    rect = w.grid.visualRect(w.photo_model.index(0))
    QTest.mouseClick(w.grid.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    for row, n in enumerate(labels):
        assert w.grid.currentIndex().row() == row
        _key(qtbot, w, getattr(Qt.Key, f"Key_{n}"))


@pytest.mark.skipif(not PG_ADMIN_URL, reason="EMIT_GUI_TEST_PG is not set (.ci/pg-cluster start prints a URL for it)")
def test_next_product_follows_the_lists_filter_and_order(qtbot, windows, team, tmp_path):
    """N takes the next product in the list as shown (search, order), skipping those others hold."""
    pids = _pick("BNNBBN")
    b0, n1, _n2, b1, b2, _n3 = pids
    root = _copy(tmp_path, pids)
    (ann, ann_url), (bob, bob_url) = team["a"], team["b"]
    w = windows(ann_url, "a")
    w.open_folder(str(root))
    _ready(qtbot, w)
    assert w.current_pid == b0
    ws = w.session.index.workspace_id
    bob_store, _lease = _lease_as(bob_url, ws, b1)
    try:
        # the list shows only the products with a black option: b0, b1 (bob's), b2
        _activate(qtbot, w)
        qtbot.keyClick(w.grid, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert w.search.hasFocus()
        type_text(w.search, "黑色")
        qtbot.waitUntil(lambda: w.product_model.rows == [b0, b1, b2], timeout=5_000)
        w.grid.setFocus()
        _key(qtbot, w, Qt.Key.Key_N)
        # not n1 (the folder's next, hidden by the search), not b1 (bob holds it)
        qtbot.waitUntil(lambda: w.team.mine == w.current_pid == b2, timeout=5_000)
        holders = w.team.team.holders()
        assert holders[b2].holder == ann and holders[b1].holder == bob and b0 not in holders
        _key(qtbot, w, Qt.Key.Key_N)  # wraps round the list, past bob's product again
        qtbot.waitUntil(lambda: w.team.mine == w.current_pid == b0, timeout=5_000)

        # the whole folder, lowest confidence first: N follows that order
        _activate(qtbot, w)
        qtbot.keyClick(w.grid, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        w.search.selectAll()
        qtbot.keyClick(w.search, Qt.Key.Key_Delete)
        qtbot.waitUntil(lambda: len(w.product_model.rows) == 6, timeout=5_000)
        w.order_box.setFocus()
        while w.order_box.currentData() != "lowest confidence":
            qtbot.keyClick(w.order_box, Qt.Key.Key_Down)
        rows = list(w.product_model.rows)
        w.grid.setFocus()
        for _ in range(3):
            at = rows.index(w.current_pid)
            expected = next(p for p in rows[at + 1:] + rows[:at] if p != b1)
            _key(qtbot, w, Qt.Key.Key_N)
            qtbot.waitUntil(lambda e=expected: w.team.mine == w.current_pid == e, timeout=5_000)
        assert n1 in rows
    finally:
        bob_store.close()


@pytest.mark.skipif(not PG_ADMIN_URL, reason="EMIT_GUI_TEST_PG is not set (.ci/pg-cluster start prints a URL for it)")
def test_accept_sure_leaves_out_products_others_hold(qtbot, windows, team, tmp_path):
    """Ctrl+Shift+A accepts sure photos only in products nobody else holds, and says how many
    it left out; a product taken while the question is open is left out too."""
    from PySide6.QtWidgets import QMessageBox

    root = _slice(tmp_path, 8)
    (ann, ann_url), (_bob, bob_url) = team["a"], team["b"]
    w = windows(ann_url, "a")
    w.open_folder(str(root))
    _ready(qtbot, w)
    s, ws = w.session, w.session.index.workspace_id
    assert w.auto_accept is not None and s.proposals
    sure = {pid: s.plan_sure([pid], w.auto_accept).rows for pid in w.product_model.rows}
    with_sure = [pid for pid, rows in sure.items() if rows and pid != w.current_pid]
    assert len(with_sure) >= 3, "too few products with sure photos in the slice: the test cannot tell"
    held_first, held_late = with_sure[0], with_sure[1]
    bob_store, _l = _lease_as(bob_url, ws, held_first)
    late_store = None
    try:
        qtbot.waitUntil(lambda: held_first in w.team.held, timeout=5_000)
        expected = {iid: tag for pid, rows in sure.items() if pid not in (held_first, held_late)
                    for iid, tag, _k in rows}
        errors: list[str] = []

        def yes(box):
            nonlocal late_store
            n = sum(len(rows) for pid, rows in sure.items() if pid != held_first)
            assert f"Accept {n} photos" in box.text(), box.text()
            assert "Left out: products other labelers hold (1)." in box.text(), box.text()
            late_store, _l2 = _lease_as(bob_url, ws, held_late)  # bob takes one more meanwhile
            QTest.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)

        on_next_dialog(yes, QMessageBox, errors)
        _activate(qtbot, w)
        qtbot.keyClick(w.grid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: not w.store_worker.busy and not s.pending, timeout=20_000)
        assert not errors, errors
        stored = w.store.decisions(ws)
        assert {i: d.tag for i, d in stored.items()} == expected
        assert all(d.user == ann for d in stored.values())
        for pid in (held_first, held_late):
            assert not any(s.image_id(pid, im.name) in stored for im in s.product(pid).images)
        assert "left out: products other labelers hold (2)" in w.statusBar().currentMessage()
        assert {i: d.tag for i, d in s.decisions.items()} == expected  # the window shows what is stored
    finally:
        bob_store.close()
        if late_store is not None:
            late_store.close()


@pytest.mark.skipif(not PG_ADMIN_URL, reason="EMIT_GUI_TEST_PG is not set (.ci/pg-cluster start prints a URL for it)")
def test_blind_second_round_in_the_window_and_the_report_adds_up(qtbot, windows, team, pg_db, tmp_path):
    """Two windows label one product: ann first, bob blind (he sees neither her decisions nor the
    proposals); his labels are blind labels, not decisions, and `team report` counts them."""
    from emit_gui.store.schema import BlindLabel
    from emit_gui.team import Team
    from emit_gui.team.report import team_report

    root = _slice(tmp_path, 3)
    (ann, ann_url), (bob, bob_url) = team["a"], team["b"]
    lead = Store(pg_db)
    try:
        Team(lead, 0).set_setting("double_share", 1.0)  # every product is labelled twice
        wa = windows(ann_url, "a")
        wa.open_folder(str(root))
        _ready(qtbot, wa)
        p0 = wa.current_pid
        ws = wa.session.index.workspace_id
        options = wa.session.product(p0).optional_tags
        n_opt, n_photo = len(options), len(wa.photo_model.photos)
        assert wa.session.status(p0).value == "pending"  # the proposal gives every option a photo
        ann_tags = {wa.session.image_id(p0, ph.name): ph.tag for ph in wa.photo_model.photos}
        ann_labels = [options.index(ph.tag) + 1 for ph in wa.photo_model.photos]
        # A accepts the product and takes the next one at once: p0 counts as finished by what
        # the store has, not by what the window has taken in when the next product is asked for
        _key(qtbot, wa, Qt.Key.Key_A)
        assert {i: wa.session.decisions[i].tag for i in ann_tags} == ann_tags
        qtbot.waitUntil(lambda: wa.team.mine == wa.current_pid and wa.current_pid != p0, timeout=5_000)
        assert not wa.session.is_blind(p0)  # the first labeler sees her own decisions

        wb = windows(bob_url, "b")
        wb.open_folder(str(root))
        _ready(qtbot, wb)
        assert wb.current_pid == p0 and wb.team.mine == p0 and wb.team.team.blind
        # bob's window knows ann's decisions but shows none, nor the model's proposals
        assert {i: wb.session.decisions[i].tag for i in ann_tags} == ann_tags
        assert p0 in wb.session.proposals
        assert all(ph.decision is None and ph.proposal is None and ph.tag is None for ph in wb.photo_model.photos)
        assert set(wb.session.tag_counts(p0).values()) == {0}
        assert "blind" in wb.title.text()
        assert "✓" not in _list_text(wb, p0)
        # bob labels blind by keys: his first photo differs from ann's, the rest agree
        bob_labels = [ann_labels[0] % n_opt + 1] + ann_labels[1:]
        _label_by_keys(qtbot, wb, bob_labels)
        shown = [ph.tag for ph in wb.photo_model.photos]
        assert shown == [wb.session.product(p0).optional_tags[n - 1] for n in bob_labels]
        with lead._reader.connect() as conn:
            blind = {r.image_id: (r.tag, r.user) for r in conn.execute(
                BlindLabel.__table__.select().where(BlindLabel.workspace_id == ws))}
        assert blind == {wb.session.image_id(p0, ph.name): (t, bob)
                         for ph, t in zip(wb.photo_model.photos, shown)}
        stored = lead.decisions(ws)
        assert {i: stored[i].tag for i in ann_tags} == ann_tags and all(d.user == ann for d in stored.values())
        assert not any(e.user == bob for e in lead.history(ws))  # blind labels are not decisions
        _key(qtbot, wb, Qt.Key.Key_N)  # p0's second round is done; the next free product is not blind
        qtbot.waitUntil(lambda: wb.team.mine == wb.current_pid and wb.current_pid not in (p0, wa.current_pid),
                        timeout=5_000)
        assert not wb.team.team.blind
        qtbot.waitUntil(lambda: not wb.session.is_blind(p0), timeout=5_000)  # now bob may see ann's decisions

        r = team_report(lead)
        agreed = n_photo - 1
        assert (r["agreement"]["compared"], r["agreement"]["agreed"]) == (n_photo, agreed)
        by = {u["user"]: u for u in r["labelers"]}
        assert by[ann]["blind_compared"] == by[bob]["blind_compared"] == n_photo
        assert by[ann]["agreement"] == by[bob]["agreement"] == round(agreed / n_photo, 4)
        assert by[ann]["decisions"] == n_photo and bob not in {f for d in r["folders"] for f in d["by_labeler"]}
        assert sum(c["compared"] for c in r["agreement"]["by_option"].values()) == n_photo
        (folder,) = r["folders"]
        assert (Path(folder["root"]), folder["profile"]) == (root.resolve(), "profile_zh.json")
    finally:
        lead.close()


@pytest.mark.skipif(not PG_ADMIN_URL, reason="EMIT_GUI_TEST_PG is not set (.ci/pg-cluster start prints a URL for it)")
def test_lost_hold_bar_is_translated_and_loses_no_decision(qtbot, windows, team, pg_db, tmp_path):
    """The hold expires while the labeler is away and bob takes the product over: the next key
    press shows the bar (in Chinese here), and every decision made, that one included, is kept;
    the product is read-only from then on. Without a key press the 2 s look at the holders says
    the same."""
    import psycopg
    from PySide6.QtCore import QCoreApplication, QTranslator

    from emit_gui.paths import resources_dir

    translator = QTranslator()
    assert translator.load(str(resources_dir() / "i18n" / "emit_gui_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    root = _slice(tmp_path, 4)
    (ann, ann_url), (bob, bob_url) = team["a"], team["b"]
    stores = []

    def away_and_taken(pid: str) -> None:
        with psycopg.connect(pg_db, autocommit=True) as conn:  # the lease runs out while ann is away
            conn.execute("UPDATE work_items SET expires_at = now() - interval '1 minute' "
                         "WHERE holder = %s AND product_id = (SELECT id FROM products WHERE pid = %s)", (ann, pid))
        stores.append(_lease_as(bob_url, ws, pid)[0])  # and bob takes it over

    try:
        w = windows(ann_url, "a")
        w.team.lease_seconds = 4  # renewed on a key press once a quarter of it has gone
        w.open_folder(str(root))
        _ready(qtbot, w)
        s, ws, p0 = w.session, w.session.index.workspace_id, w.current_pid
        names = [ph.name for ph in w.photo_model.photos]
        tags = s.product(p0).optional_tags
        _label_by_keys(qtbot, w, [1])
        w.team.holders_timer.stop()  # the machine sleeps: no timer runs while ann is away
        away_and_taken(p0)
        qtbot.wait(1_500)
        _key(qtbot, w, Qt.Key.Key_2)  # ann is back and decides the next photo
        source = ("Your hold on this product expired and %1 took it over while you were away: every decision you "
                  "made is kept; the product is read-only now. Press N for a free product.")
        expected = QCoreApplication.translate("TeamController", source).replace("%1", bob)
        assert expected != source.replace("%1", bob) and "接手" in expected
        qtbot.waitUntil(lambda: w.team.bar.isVisible() and w.team.bar_label.text() == expected, timeout=5_000)
        w.team.holders_timer.start()
        stored = w.store.decisions(ws)
        decided = {n: (stored[s.image_id(p0, n)].tag, stored[s.image_id(p0, n)].user)
                   for n in names if s.image_id(p0, n) in stored}
        assert decided == {names[0]: (tags[0], ann), names[1]: (tags[1], ann)}  # nothing ann decided is lost
        assert {n: s.decisions[s.image_id(p0, n)].tag for n in names[:2]} == {names[0]: tags[0], names[1]: tags[1]}
        qtbot.waitUntil(lambda: w.team.read_only(p0), timeout=5_000)
        _key(qtbot, w, Qt.Key.Key_1)  # read-only now: decides nothing
        assert w.store.decisions(ws) == stored
        qtbot.wait(2_500)  # the holders' refresh keeps the bar as it is
        assert w.team.bar.isVisible() and w.team.bar_label.text() == expected

        _key(qtbot, w, Qt.Key.Key_N)  # a free product: the bar goes
        qtbot.waitUntil(lambda: w.team.mine == w.current_pid and w.current_pid != p0, timeout=5_000)
        qtbot.waitUntil(lambda: not w.team.bar.isVisible(), timeout=5_000)
        p1 = w.current_pid
        away_and_taken(p1)  # the same, found by the window's own look at the holders
        qtbot.waitUntil(lambda: w.team.bar.isVisible() and w.team.bar_label.text() == expected, timeout=6_000)
        assert w.team.read_only(p1)
    finally:
        QCoreApplication.removeTranslator(translator)
        for st in stores:
            st.close()


def _mirrored_copy(root: Path, pid: str) -> tuple[str, str]:
    """Give a product a mirrored copy of its first photo as its last photo (a near-duplicate)."""
    from PIL import Image, ImageOps

    prof_path = root / pid / "profile_zh.json"
    prof = json.loads(prof_path.read_text(encoding="utf-8"))
    name0 = next(iter(prof["imgs_tags"][0]))
    copy = f"{pid}_copy.jpg"
    with Image.open(root / pid / name0) as im:
        ImageOps.mirror(im.convert("RGB")).save(root / pid / copy, quality=70)
    prof["imgs_tags"].append({copy: ""})
    prof_path.write_text(json.dumps(prof, ensure_ascii=False), encoding="utf-8")
    return name0, copy


@pytest.mark.skipif(not PG_ADMIN_URL, reason="EMIT_GUI_TEST_PG is not set (.ci/pg-cluster start prints a URL for it)")
def test_double_share_product_shows_others_nothing_while_its_first_round_runs(qtbot, windows, team, pg_db, tmp_path):
    """ann labels a product of the double share by keys while bob's window shows it: bob sees
    none of her decisions (grid, tooltips, the list's state, the status bar's counts, the
    near-duplicate list's tags) nor her note, from her first key on, though his window has received them; ann
    sees her own; the reviewer sees the product blind too until both rounds are done."""
    from emit_gui.analysis.duplicates import conflicts
    from emit_gui.team import Team

    root = _slice(tmp_path, 3)
    p0 = sorted(p.name for p in root.iterdir())[0]
    original, copy = _mirrored_copy(root, p0)
    (_ann, ann_url), (_bob, bob_url), (_rev, rev_url) = team["a"], team["b"], team["rev"]
    lead = Store(pg_db)
    rev_store = None
    try:
        Team(lead, 0).set_setting("double_share", 1.0)  # every product is labelled twice
        wa = windows(ann_url, "a")
        wa.open_folder(str(root))
        _ready(qtbot, wa)
        assert wa.current_pid == p0 and wa.team.mine == p0
        ws, sa = wa.session.index.workspace_id, wa.session
        # ann notes something about the product (M): a note may name the tags
        from PySide6.QtWidgets import QPlainTextEdit

        from emit_gui.ui.note import NoteDialog

        errors: list[str] = []

        def write_note(dlg):
            edit = dlg.findChild(QPlainTextEdit)
            edit.setFocus()
            QTest.keyClicks(edit, "the first photo is the black one")
            dlg.accept()

        on_next_dialog(write_note, NoteDialog, errors)
        _key(qtbot, wa, Qt.Key.Key_M)
        assert not errors, errors
        qtbot.waitUntil(lambda: "black one" in wa.note_label.text() and wa.note_label.isVisible(), timeout=5_000)
        wb = windows(bob_url, "b")
        wb.open_folder(str(root))
        qtbot.waitUntil(lambda: wb.session is not None and wb.session.index.workspace_id >= 0 and not wb.busy
                        and not wb.store_worker.busy and wb.current_pid == p0 and wb.team.read_only(p0), timeout=180_000)
        sb = wb.session
        qtbot.waitUntil(lambda: sb.is_blind(p0), timeout=5_000)  # blind before ann decided anything
        assert wb.team.blind_note(p0) and "blind" in wb.title.text()
        assert "black one" in sb.notes.get(p0, "")  # bob's window has the note, and does not show it
        assert not wb.note_label.isVisible() and "black one" not in wb.note_label.text()

        # bob's window is sampled all along: nothing of ann's ever shows, not even for a moment
        leaks: list[str] = []

        def sample():
            if any(ph.decision is not None for ph in wb.photo_model.photos):
                leaks.append("grid")
            if not wb.counts_label.text().startswith("reviewed 0 /"):
                leaks.append(wb.counts_label.text())
            if "✓" in _list_text(wb, p0):
                leaks.append(_list_text(wb, p0))

        from PySide6.QtCore import QTimer

        sampler = QTimer()
        sampler.setInterval(10)
        sampler.timeout.connect(sample)
        sampler.start()

        # ann labels every photo by keys, every option covered: the original 1, its copy 2
        names = [ph.name for ph in wa.photo_model.photos]
        n_opt, n_photo = len(sa.product(p0).optional_tags), len(names)
        assert names[0] == original and names[-1] == copy and n_photo > n_opt
        labels = [1] + [k % n_opt + 1 for k in range(1, n_photo - 1)] + [2]
        _label_by_keys(qtbot, wa, labels)
        ids = [sa.image_id(p0, n) for n in names]
        assert wa.team.mine == p0 and sa.status(p0).value == "reviewed"  # ann's own, all shown to her
        assert [ph.tag for ph in wa.photo_model.photos] == [sa.product(p0).optional_tags[n - 1] for n in labels]
        assert wa.counts_label.text().startswith(f"reviewed {n_photo} /")
        # bob's window has received every one of ann's decisions ...
        qtbot.waitUntil(lambda: all(i in sb.decisions for i in ids), timeout=5_000)
        qtbot.wait(500)
        sampler.stop()
        assert not leaks, leaks[:5]
        # ... and shows none of them: grid, photo tooltips, the list's state and tooltip, the counts
        assert all(ph.decision is None and ph.tag is None and ph.proposal is None for ph in wb.photo_model.photos)
        tips = [wb.photo_model.index(r).data(Qt.ItemDataRole.ToolTipRole) for r in range(n_photo)]
        assert not any("decided" in t or "proposed" in t for t in tips), tips
        assert sb.status(p0).value != "reviewed" and "✓" not in _list_text(wb, p0)
        list_tip = wb.product_model.index(wb.product_model.row_of(p0)).data(Qt.ItemDataRole.ToolTipRole)
        assert "reviewed" not in list_tip and "lowest confidence" not in list_tip, list_tip
        assert wb.counts_label.text().startswith("reviewed 0 /"), wb.counts_label.text()
        # the reviewer sees it blind as well while the second round is open
        rev_store = Store(rev_url)
        assert p0 in Team(rev_store, ws).blind_for_me()

        # Ctrl+Shift+D in bob's window: the copy and the original are a pair whose tags ann made
        # disagree, but bob's list shows neither tag and counts no disagreement
        _activate(qtbot, wb)
        qtbot.keyClick(wb.grid, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: wb.dup_pairs is not None and "pair(s)" in wb.dup_panel.info.text()
                        and wb.dup_panel.rows.count() > 0, timeout=180_000)
        index, pairs = wb.photo_index, wb.dup_pairs
        assert any({index.photos[p.a].name, index.photos[p.b].name} == {original, copy} for p in pairs)
        everyone = {key: sb.decisions[i].tag for key, i in sb.index.image_ids.items() if i in sb.decisions}
        assert conflicts(index, pairs, everyone), "the test cannot tell: ann's tags do not disagree on the pair"
        assert " 0 pair(s) carry different" in wb.dup_panel.info.text(), wb.dup_panel.info.text()
        ann_tags = set(sa.product(p0).optional_tags[:2])
        for r in range(wb.dup_panel.rows.count()):
            row = wb.dup_panel.rows.itemWidget(wb.dup_panel.rows.item(r))
            texts = " ".join(lbl.text() for lbl in row.findChildren(type(wb.title)))
            if p0 in texts:
                assert not any(t in texts for t in ann_tags), texts
    finally:
        lead.close()
        if rev_store is not None:
            rev_store.close()


@pytest.mark.skipif(not PG_ADMIN_URL, reason="EMIT_GUI_TEST_PG is not set (.ci/pg-cluster start prints a URL for it)")
def test_only_the_lead_is_offered_the_folders_labels(qtbot, windows, team, pg_db, tmp_path):
    """On a team database, using the folder's own labels is the lead's decision: a labeler's
    window does not offer it; the lead's does, and a click on "Use them" records them as the lead's."""
    import psycopg
    from sqlalchemy.engine import make_url

    from emit_gui.store import FROM_FILE
    from emit_gui.team.roles import add_user

    root = _slice(tmp_path, 3)
    (_ann, ann_url) = team["a"]
    lead = f"lead_{uuid.uuid4().hex[:6]}"
    add_user(pg_db, lead, "lead")
    try:
        wa = windows(ann_url, "a")
        wa.open_folder(str(root))
        _ready(qtbot, wa)
        n = wa.session.file_labels()
        assert n > 0, "the slice has no folder labels: the test cannot tell"
        qtbot.wait(500)
        assert not wa.file_bar.isVisible() and not wa.team.lead
        ws = wa.session.index.workspace_id
        assert wa.store.decisions(ws) == {}

        wl = windows(make_url(pg_db).set(username=lead, password=None).render_as_string(hide_password=False), "lead")
        wl.open_folder(str(root))
        qtbot.waitUntil(lambda: wl.session is not None and wl.session.index.workspace_id >= 0 and not wl.busy
                        and not wl.store_worker.busy, timeout=180_000)
        assert wl.team.lead and wl.file_bar.isVisible() and str(n) in wl.file_label.text()
        use = next(b for b in wl.file_bar.findChildren(type(wl.retry_button)) if b.text() == "Use them")
        _activate(qtbot, wl)
        QTest.mouseClick(use, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not wl.store_worker.busy and len(wl.store.decisions(ws)) == n, timeout=20_000)
        assert {(d.kind, d.user) for d in wl.store.decisions(ws).values()} == {(FROM_FILE, lead)}
        assert not wl.file_bar.isVisible()
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP ROLE IF EXISTS "{lead}"')


@pytest.mark.skipif(not PG_ADMIN_URL, reason="EMIT_GUI_TEST_PG is not set (.ci/pg-cluster start prints a URL for it)")
def test_a_long_status_message_never_runs_under_the_counts(qtbot, windows, team, tmp_path):
    """1024 px wide: a key on a product bob holds says so in the status bar; the figures on the
    right give way (or the message ends in "…", whole in the tooltip) instead of the message
    running under them, and they come back when it goes."""
    root = _slice(tmp_path, 2)
    (_ann, ann_url), (_bob, bob_url) = team["a"], team["b"]
    w = windows(ann_url, "a")
    w.open_folder(str(root))
    _ready(qtbot, w)
    p1 = w.product_model.rows[1]
    bob_store, _l = _lease_as(bob_url, w.session.index.workspace_id, p1)
    try:
        w.resize(1024, 700)
        qtbot.waitUntil(lambda: w.width() == 1024 and p1 in w.team.held, timeout=5_000)
        sb = w.statusBar()
        figures = [w.counts_label, w.model_label, w.provider_label]
        assert all(f.isVisible() for f in figures) and w.counts_label.text().startswith("reviewed ")
        rect = w.product_list.visualRect(w.product_model.index(1))
        _activate(qtbot, w)
        QTest.mouseClick(w.product_list.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         rect.center())
        qtbot.waitUntil(lambda: w.current_pid == p1 and w.team.read_only(p1), timeout=5_000)
        w.grid.setFocus()
        _key(qtbot, w, Qt.Key.Key_1)
        message = sb.currentMessage()
        assert message.startswith("Someone else is working on this product"), message
        fm = sb.fontMetrics()
        assert fm.horizontalAdvance(message) > 1024 - sum(f.sizeHint().width() for f in figures) - 40, \
            "the message fits beside every figure: the test cannot tell"
        shown = sb.shown_text()
        assert shown == message or (shown.endswith("…") and sb.toolTip() == message)
        visible = [f for f in figures if f.isVisible()]
        assert not all(f.isVisible() for f in figures)  # the figures gave way ...
        assert all(sb.message_rect().left() + fm.horizontalAdvance(shown) < f.x() for f in visible)  # ... not overlapped
        assert w.provider_label not in visible  # the least useful goes first
        qtbot.waitUntil(lambda: not sb.currentMessage(), timeout=10_000)
        qtbot.waitUntil(lambda: all(f.isVisible() for f in figures), timeout=2_000)  # back when it goes
    finally:
        bob_store.close()
