"""Team mode on a shared store: roles and row-level security, leases, seeing each other's
changes, review and blind double labelling. Run on PostgreSQL (EMIT_GUI_TEST_PG) and, where the
behaviour has a single-user meaning, on SQLite too."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm.exc import StaleDataError

from emit_gui.catalog import scan
from emit_gui.errors import UserError
from emit_gui.store import ACCEPTED, CORRECTED, Store
from emit_gui.team import ChangeListener, LeaseLost, Team, fetch_decisions
from emit_gui.team.roles import add_user, init_team_database
from tests.conftest import PG_ADMIN_URL
from tests.faults import jpeg_bytes, write_product


def make_root(tmp_path, n=6):
    root = tmp_path / "root"
    for i in range(n):
        write_product(root, f"p{i}", ["红", "蓝"],
                      {f"p{i}_0.jpg": jpeg_bytes((200, 10, i)), f"p{i}_1.jpg": jpeg_bytes((10, 10, 200 - i))})
    return root


def as_user(url: str, name: str) -> str:
    return make_url(url).set(username=name, password=None).render_as_string(hide_password=False)


@pytest.fixture
def team_db(pg_db):
    """A team database after `db init`, with a labeler pair, a reviewer and their URLs."""
    init_team_database(pg_db)
    tag = uuid.uuid4().hex[:6]
    users = {"ann": f"ann_{tag}", "bob": f"bob_{tag}", "rev": f"rev_{tag}"}
    add_user(pg_db, users["ann"], "labeler")
    add_user(pg_db, users["bob"], "labeler")
    add_user(pg_db, users["rev"], "reviewer")
    yield pg_db, {k: (v, as_user(pg_db, v)) for k, v in users.items()}
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        for name in users.values():
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')


def open_team(url, root):
    store = Store(url)
    ix = store.sync_workspace(scan(root))
    return store, ix, Team(store, ix.workspace_id, lease_seconds=60)


def test_decisions_carry_the_server_role_and_labelers_cannot_rewrite_each_other(tmp_path, team_db):
    _admin, users = team_db
    root = make_root(tmp_path)
    (ann, ann_url), (_bob, bob_url), (rev, rev_url) = users["ann"], users["bob"], users["rev"]
    sa, ix, ta = open_team(ann_url, root)
    sb, _, tb = open_team(bob_url, root)
    img = ix.image_id("p0", "p0_0.jpg")
    sa.decide(ix.workspace_id, img, "红", ACCEPTED, user="somebody-else")  # the claimed name is ignored
    assert [e.user for e in sa.history(ix.workspace_id)] == [ann]
    # what a labeler's window does besides deciding is granted: proposals, undo, redo
    mv = sa.register_model("m-1", "/models/m-1")
    sa.add_suggestions(mv, [{"image_id": img, "tag": "红", "confidence": 0.9}])
    sa.add_suggestions(mv, [{"image_id": img, "tag": "蓝", "confidence": 0.8}])  # replaces: a delete
    assert sa.undo(ix.workspace_id) == [img] and img not in sa.decisions(ix.workspace_id)
    assert sa.redo(ix.workspace_id) == [img]
    assert {e.user for e in sa.history(ix.workspace_id)} == {ann}
    with pytest.raises(StaleDataError):  # row-level security: bob's update of ann's decision finds no row
        sb.decide(ix.workspace_id, img, "蓝", CORRECTED)
    with pytest.raises(ProgrammingError, match="permission denied"), sb._writer.begin() as conn:
        conn.exec_driver_sql("UPDATE history SET after_tag = 'x'")  # nor touch the history
    with pytest.raises(ProgrammingError, match="permission denied"), sb._writer.begin() as conn:
        conn.exec_driver_sql("DELETE FROM history")
    assert sa.decisions(ix.workspace_id)[img].tag == "红"
    sr, _, tr = open_team(rev_url, root)
    tr.correct(img, "蓝", "the strap is blue")  # a reviewer may
    assert sa.decisions(ix.workspace_id)[img].tag == "蓝"
    seen = ta.corrections_for_me()
    assert [(c["before_tag"], c["after_tag"], c["comment"], c["user"]) for c in seen] == [
        ("红", "蓝", "the strap is blue", rev)]
    ta.mark_seen([c["id"] for c in seen])
    assert ta.corrections_for_me() == []
    with pytest.raises(UserError, match="only a reviewer"):  # a labeler cannot pose as a reviewer
        tb.correct(img, "红", "no")
    assert sa.decisions(ix.workspace_id)[img].tag == "蓝"
    for s in (sa, sb, sr):
        s.close()


def test_add_user_needs_a_team_database(tmp_path):
    with pytest.raises(UserError, match="needs a team database"):
        add_user(str(tmp_path / "a.db"), "ann", "labeler")


def test_two_labelers_never_hold_one_product(tmp_path, team_db):
    _admin, users = team_db
    root = make_root(tmp_path, 6)
    sa, ix, ta = open_team(users["ann"][1], root)
    sb, _, tb = open_team(users["bob"][1], root)
    a1 = ta.next_product()
    b1 = tb.next_product()
    assert a1.pid != b1.pid
    assert tb.holders()[a1.pid].holder == users["ann"][0]
    with pytest.raises(LeaseLost, match=users["ann"][0]):
        tb.lease(a1.pid)
    ta.decide(a1, [(ix.image_id(a1.pid, f"{a1.pid}_0.jpg"), "红", ACCEPTED)])
    ta.release(a1, done=True)
    taken = {a1.pid, b1.pid}
    while (lease := ta.next_product()) is not None:  # the rest, one at a time; bob keeps his
        assert lease.pid not in taken
        taken.add(lease.pid)
        ta.release(lease, done=True)
    assert len(taken) == 6 and tb.holders().keys() == {b1.pid}
    sa.close()
    sb.close()


def test_expired_lease_comes_back(tmp_path, any_db):
    root = make_root(tmp_path, 2)
    store = Store(any_db)
    ix = store.sync_workspace(scan(root))
    t1 = Team(store, ix.workspace_id, user="ann", lease_seconds=0.5)
    t2 = Team(store, ix.workspace_id, user="bob", lease_seconds=60)
    if store.target.is_postgres:  # one role here: leases are told apart by lease, not name
        t2.me = "bob"
        t1.me = "ann"
    first = t1.next_product()
    second = t2.next_product()
    assert second.pid != first.pid
    t2.release(second)
    time.sleep(1.0)  # ann went idle: her lease expires
    again = t2.next_product()
    assert again.pid == first.pid
    with pytest.raises(LeaseLost):
        t1.heartbeat(first)
    store.close()


def test_concurrent_takers_get_distinct_products(tmp_path, pg_db):
    root = make_root(tmp_path, 30)
    store = Store(pg_db)
    ix = store.sync_workspace(scan(root))
    store.close()
    got: list[str] = []
    errors: list[BaseException] = []

    def worker(k: int) -> None:
        try:
            s = Store(pg_db)
            t = Team(s, ix.workspace_id)
            t.me = f"w{k}"  # one server role; distinct holders stand in for labelers
            for _ in range(5):
                lease = t.next_product(keep_others=True)
                got.append(lease.pid)
            s.close()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors, errors
    assert len(got) == 30 and len(set(got)) == 30


def test_listener_sees_another_writers_decision_within_two_seconds(tmp_path, any_db):
    root = make_root(tmp_path, 2)
    store = Store(any_db)
    ix = store.sync_workspace(scan(root))
    img = ix.image_id("p1", "p1_0.jpg")
    with ChangeListener(store, ix.workspace_id, me="nobody") as listener:
        other = Store(any_db)  # another workstation
        t0 = time.monotonic()
        other.decide(ix.workspace_id, img, "蓝", CORRECTED, user="bob")
        seen: list = []
        while not seen and time.monotonic() - t0 < 2.0:
            seen = listener.poll(timeout=0.5)
        assert time.monotonic() - t0 < 2.0
        assert [(c.table, c.image_id) for c in seen] == [("history", img)]
        assert fetch_decisions(store, [c.image_id for c in seen])[img].tag == "蓝"
        assert listener.poll(timeout=0.2) == []  # nothing new
        other.close()
    store.close()


def test_listener_leaves_out_my_own_changes(tmp_path, any_db):
    root = make_root(tmp_path, 1)
    store = Store(any_db)
    ix = store.sync_workspace(scan(root))
    me = "ann"
    if store.target.is_postgres:
        with store._reader.connect() as conn:
            me = conn.exec_driver_sql("SELECT current_user").scalar()
    with ChangeListener(store, ix.workspace_id, me=me) as listener:
        store.decide(ix.workspace_id, ix.image_id("p0", "p0_0.jpg"), "红", ACCEPTED, user="ann")
        assert listener.poll(timeout=0.8) == []
    store.close()


def test_blind_second_label_review_and_report_add_up(tmp_path, team_db):
    from emit_gui.team.report import team_report

    admin, users = team_db
    root = make_root(tmp_path, 1)
    (ann, ann_url), (bob, bob_url), (rev, rev_url) = users["ann"], users["bob"], users["rev"]
    lead = Store(admin)
    ix = lead.sync_workspace(scan(root))
    Team(lead, ix.workspace_id).set_setting("double_share", 1.0)  # every product labelled twice
    sa, _, ta = open_team(ann_url, root)
    sb, _, tb = open_team(bob_url, root)
    img0, img1 = ix.image_id("p0", "p0_0.jpg"), ix.image_id("p0", "p0_1.jpg")
    first = ta.next_product()
    assert (first.pid, first.blind) == ("p0", False)
    assert tb.next_product() is None  # the blind round waits for the first to finish
    ta.decide(first, [(img0, "红", ACCEPTED), (img1, "蓝", CORRECTED)])
    ta.release(first, done=True)
    assert ta.next_product() is None  # never my own product twice
    second = tb.next_product()
    assert (second.pid, second.blind) == ("p0", True)
    with pytest.raises(UserError, match="blind"):
        tb.decide(second, [(img0, "红", ACCEPTED)])
    tb.label_blind(second, {img0: "红", img1: "红"})
    tb.release(second, done=True)
    assert sa.decisions(ix.workspace_id)[img1].tag == "蓝"  # a blind label is not a decision
    sr, _, tr = open_team(rev_url, root)
    assert sorted(i for i, _t, _u in tr.to_review()) == sorted([img0, img1])
    tr.approve([img0])
    tr.correct(img1, "红", "both photos show the red one")
    assert tr.to_review() == []
    r = team_report(lead)
    by = {u["user"]: u for u in r["labelers"]}
    assert by[ann]["decisions"] == 2 and by[ann]["current_decisions"] == 1
    assert by[ann]["reviewed"] == 2 and by[ann]["correction_rate"] == 0.5
    assert by[ann]["agreement"] == 0.5 and by[bob]["agreement"] == 0.5
    assert r["agreement"]["by_option"] == {"红": {"compared": 1, "rate": 1.0}, "蓝": {"compared": 1, "rate": 0.0}}
    assert r["reviewers"] == [{"user": rev, "approved": 1, "corrected": 1, "correction_rate": 0.5}]
    (folder,) = r["folders"]
    assert (folder["images"], folder["decided"], folder["by_labeler"]) == (2, 2, {ann: 1, rev: 1})
    for s in (lead, sa, sb, sr):
        s.close()


def test_double_share_products_are_blind_to_others_from_the_first_labelers_start(tmp_path, team_db):
    """A product labelled twice hides its first round from everyone else from the moment its
    first labeler takes it (not only once they finish), the first labeler sees their own, a
    product nobody touched is not blind, and after the second round everyone sees it."""
    admin, users = team_db
    root = make_root(tmp_path, 3)
    (_ann, ann_url), (_bob, bob_url), (_rev, rev_url) = users["ann"], users["bob"], users["rev"]
    lead = Store(admin)
    ix = lead.sync_workspace(scan(root))
    Team(lead, ix.workspace_id).set_setting("double_share", 1.0)
    sa, _, ta = open_team(ann_url, root)
    sb, _, tb = open_team(bob_url, root)
    sr, _, tr = open_team(rev_url, root)
    try:
        assert ta.blind_for_me() == tb.blind_for_me() == tr.blind_for_me() == {}  # nobody started anything
        first = ta.lease("p0")
        assert set(tb.blind_for_me()) == set(tr.blind_for_me()) == {"p0"} and ta.blind_for_me() == {}
        img0, img1 = ix.image_id("p0", "p0_0.jpg"), ix.image_id("p0", "p0_1.jpg")
        ta.decide(first, [(img0, "红", ACCEPTED)])
        assert "p0" in tb.blind_for_me() and "p0" not in ta.blind_for_me()
        ta.release(first)  # left unfinished: ann's decision still makes her its first labeler
        assert set(tb.blind_for_me()) == {"p0"} and ta.blind_for_me() == {}
        # a photo decided outside any lease (Ctrl+Shift+A, import) counts the same
        img_p2 = ix.image_id("p2", "p2_0.jpg")
        sa.decide(ix.workspace_id, img_p2, "红", ACCEPTED)
        assert set(tb.blind_for_me()) == {"p0", "p2"} and ta.blind_for_me() == {}
        first = ta.lease("p0")
        ta.decide(first, [(img1, "蓝", CORRECTED)])
        ta.release(first, done=True)
        assert set(tb.blind_for_me()) == {"p0", "p2"} and "p0" not in ta.blind_for_me()
        assert tr.to_review() == []  # the reviewer waits for the second round too
        second = tb.lease("p0")
        assert second.blind
        tb.label_blind(second, {img0: "红"})
        assert tb.blind_for_me()["p0"] == {img0: "红"}  # my blind labels so far
        tb.label_blind(second, {img1: "红"})
        tb.release(second, done=True)
        assert "p0" not in tb.blind_for_me() and "p0" not in tr.blind_for_me()  # both rounds done
        assert sorted(i for i, _t, _u in tr.to_review()) == sorted([img0, img1])
    finally:
        for s in (lead, sa, sb, sr):
            s.close()


def test_team_report_command_on_one_persons_store(tmp_path, capsys):
    import json

    from emit_gui.cli import main

    root = make_root(tmp_path, 2)
    db = str(tmp_path / "one.db")
    with Store(db) as store:
        ix = store.sync_workspace(scan(root))
        store.decide(ix.workspace_id, ix.image_id("p0", "p0_0.jpg"), "红", ACCEPTED, user="ann")
        store.decide(ix.workspace_id, ix.image_id("p1", "p1_0.jpg"), "蓝", ACCEPTED, user="ann")
    assert main(["team", "report", "--json", "--db", db]) == 0
    r = json.loads(capsys.readouterr().out)
    assert [(u["user"], u["decisions"]) for u in r["labelers"]] == [("ann", 2)]
    assert (r["folders"][0]["decided"], r["folders"][0]["images"]) == (2, 4)
    assert main(["team", "add-user", "bob", "--db", db]) == 2
    assert "needs a team database" in capsys.readouterr().err


def test_team_who_prints_the_folder_and_its_profile_apart(tmp_path, capsys):
    """`team who` names the folder as the labeler knows it, the profile beside it (the store's
    workspace key glues them: '/x/rootprofile_zh.json' was printed)."""
    import shutil

    from emit_gui.cli import main

    root = make_root(tmp_path, 2)
    for p in root.iterdir():
        shutil.copy(p / "profile.json", p / "profile_zh.json")
    db = str(tmp_path / "one.db")
    with Store(db) as store:
        ix = store.sync_workspace(scan(root, "profile_zh.json"))
        Team(store, ix.workspace_id, user="ann").lease("p1")
    assert main(["team", "who", "--db", db]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    where, pid, holder, kind, until = line.split("\t")
    assert where == f"{root.resolve()} (profile_zh.json)"
    assert (pid, holder, kind) == ("p1", "ann", "label") and until.startswith("until ")


def test_a_published_model_reaches_every_workstation_checked(tmp_path, any_db, monkeypatch):
    import tarfile

    from emit_gui.store.schema import ModelBlob
    from emit_gui.team import models

    folder = tmp_path / "m1"
    (folder / "sub").mkdir(parents=True)
    (folder / "manifest.json").write_text('{"version_id": "v7"}')
    (folder / "ensemble.onnx").write_bytes(bytes(range(256)) * 100)
    (folder / "sub" / "notes.txt").write_text("x")
    with Store(any_db) as lead:
        assert models.team_model_path(lead) is None  # no team model: the workstation's own applies
        name, digest, _size = models.publish_model(lead, folder)
        assert name == "v7"
        assert models.publish_model(lead, folder)[1] == digest  # idempotent
        (folder / "ensemble.onnx").write_bytes(b"changed")
        with pytest.raises(UserError, match="already published"):
            models.publish_model(lead, folder)
        models.set_team_model(lead, "v7")
    monkeypatch.setenv("EMIT_GUI_HOME", str(tmp_path / "other-workstation"))
    with Store(any_db) as ws:
        path = models.team_model_path(ws)
        assert path.name == digest and (path / "ensemble.onnx").read_bytes() == bytes(range(256)) * 100
        assert (path / "sub" / "notes.txt").read_text() == "x"
        assert models.team_model_path(ws) == path  # cached
    # a blob whose bytes do not match its checksum, or that escapes its folder, is never unpacked
    evil = tmp_path / "evil.tar"
    with tarfile.open(evil, "w") as tar:
        tar.add(folder / "manifest.json", arcname="manifest.json")
        tar.add(folder / "manifest.json", arcname="../outside.json")
    data = evil.read_bytes()
    import hashlib

    monkeypatch.setenv("EMIT_GUI_HOME", str(tmp_path / "third"))
    with Store(any_db) as ws:
        with ws._write.begin() as s:
            row = s.query(ModelBlob).filter_by(name="v7").one()
            row.data = b"tampered"
        with pytest.raises(UserError, match="checksum mismatch"):
            models.team_model_path(ws)
        with ws._write.begin() as s:
            row = s.query(ModelBlob).filter_by(name="v7").one()
            row.data, row.sha256 = data, hashlib.sha256(data).hexdigest()
        models.set_team_model(ws, "v7")
        with pytest.raises(UserError, match="outside|not used|unreadable"):
            models.team_model_path(ws)
    assert not (tmp_path / "third" / "data" / "outside.json").exists()


def test_undo_is_each_labelers_own_on_a_team_database(tmp_path, team_db):
    _admin, users = team_db
    root = make_root(tmp_path, 2)
    sa, ix, _ta = open_team(users["ann"][1], root)
    sb, _, _tb = open_team(users["bob"][1], root)
    a, b = ix.image_id("p0", "p0_0.jpg"), ix.image_id("p1", "p1_0.jpg")
    sa.decide(ix.workspace_id, a, "红", ACCEPTED, user="claimed-name")  # the window's name is not the role
    sb.decide(ix.workspace_id, b, "蓝", CORRECTED)
    assert sa.stack_depths(ix.workspace_id, "claimed-name") == (1, 0)
    assert sa.undo(ix.workspace_id) == [a]  # ann's Ctrl+Z takes back her decision, not bob's newer one
    d = sb.decisions(ix.workspace_id)
    assert a not in d and d[b].tag == "蓝"
    # what `retrain --db postgresql://...` learns from: everyone's decisions
    assert [(r["pid"], r["tag"]) for r in sa.labelled_decisions()] == [("p1", "蓝")]
    assert sb.undo(ix.workspace_id) == [b]
    sa.close()
    sb.close()


def test_two_labelers_and_a_reviewer_label_one_folder_together(tmp_path, team_db):
    """The issue's scenario without the windows: the window's team hooks (TeamSession) on two
    labelers' review sessions and a reviewer, one PostgreSQL database."""
    from emit_gui.app.session import ReviewSession
    from emit_gui.team import TeamSession
    from emit_gui.team.report import team_report

    _admin, users = team_db
    root = make_root(tmp_path, 4)
    catalog = scan(root)
    people = {}
    for who in ("ann", "bob"):
        store = Store(users[who][1])
        session = ReviewSession(store, catalog, store.sync_workspace(catalog), user="whoever")
        people[who] = (store, session, TeamSession(session, lease_seconds=60))
    (_sa, ann_s, ann), (_sb, bob_s, bob) = people["ann"], people["bob"]
    pa, pb = ann.next_product(), bob.next_product()
    assert pa != pb and bob.open_product(pa) == users["ann"][0]  # ann's: bob sees it is held
    assert ann.holders()[pb].holder == users["bob"][0]
    bob.wait_changes(0.1)  # bob's window starts listening
    t0 = time.monotonic()
    ann_s.decide(pa, [(f"{pa}_0.jpg", "红"), (f"{pa}_1.jpg", "蓝")])
    seen: list[int] = []
    while len(seen) < 2 and time.monotonic() - t0 < 2.0:
        seen += bob.wait_changes(0.5)
    assert time.monotonic() - t0 < 2.0
    assert bob_s.refresh(seen) and bob_s.status(pa).value == "reviewed"  # ann's work shows in bob's view
    bob_s.decide(pb, [(f"{pb}_0.jpg", "蓝"), (f"{pb}_1.jpg", "红")])
    assert bob.next_product() not in (pa, pb)  # pb finished: released as done
    ann.leave_product()
    # the reviewer corrects one of ann's photos; ann is told, with the comment
    sr = Store(users["rev"][1])
    rev = Team(sr, ann_s.index.workspace_id)
    rev.approve([ann_s.image_id(pa, f"{pa}_0.jpg")])
    rev.correct(ann_s.image_id(pa, f"{pa}_1.jpg"), "红", "the second photo is red too")
    (note,) = ann.corrections()
    assert (note["after_tag"], note["comment"]) == ("红", "the second photo is red too")
    r = team_report(sr)
    by = {u["user"]: u for u in r["labelers"]}
    assert by[users["ann"][0]]["decisions"] == 2 and by[users["bob"][0]]["decisions"] == 2
    assert by[users["ann"][0]]["correction_rate"] == 0.5
    assert r["folders"][0]["decided"] == 4 and r["folders"][0]["images"] == 8
    for store, _s, team in people.values():
        team.close()
        store.close()
    sr.close()
