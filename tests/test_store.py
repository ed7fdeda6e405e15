from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from emit_gui.catalog import scan
from emit_gui.errors import UserError
from emit_gui.store import ACCEPTED, CORRECTED, Store, open_store
from emit_gui.store.db import current_revision, head_revision, make_engine, migrate, resolve_db, upgrade_database
from emit_gui.store.schema import Base
from tests.faults import jpeg_bytes, write_product

REPO = Path(__file__).resolve().parent.parent


def small_root(tmp_path: Path, n: int = 3) -> Path:
    root = tmp_path / "root"
    for i in range(n):
        write_product(root, f"p{i}", ["红", "蓝"],
                      {f"p{i}_0.jpg": jpeg_bytes((200, 10, i)), f"p{i}_1.jpg": jpeg_bytes((10, 10, 200 - i))})
    return root


def test_migrations_from_first_schema_reach_the_models(empty_db):
    engine = make_engine(empty_db, immediate=True)
    migrate(engine, "0001")
    with engine.begin() as conn:  # data written under the first schema survives the upgrades
        conn.exec_driver_sql("INSERT INTO workspaces (root, profile_name, created_at, opened_at) "
                             "VALUES ('/x', 'profile.json', '2026-01-01', '2026-01-01')")
        conn.exec_driver_sql("INSERT INTO products (workspace_id, pid) VALUES (1, 'p')")
        conn.exec_driver_sql("INSERT INTO images (product_id, name, content_hash) VALUES (1, 'a.jpg', 'h')")
    migrate(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn)
        assert ctx.get_current_revision() == head_revision()
        diff = compare_metadata(ctx, Base.metadata)
        assert diff == [], f"models and migrations disagree: {diff}"
        assert conn.exec_driver_sql("SELECT name, content_hash, size FROM images").one() == ("a.jpg", "h", None)
    engine.dispose()


def test_database_settings(tmp_path):
    store = Store(tmp_path / "s.db")
    with store._writer.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_newer_or_foreign_database_is_a_clear_error(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(UserError, match="not an emit-gui database"):
        open_store(junk)
    newer = tmp_path / "newer.db"
    Store(newer).close()
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(UserError, match="newer emit-gui"):
        open_store(newer)


def test_db_option_names_a_file_or_a_team_url(tmp_path, monkeypatch):
    file = resolve_db(str(tmp_path / "a.db"))
    assert file.kind == "sqlite" and file.path == tmp_path / "a.db"
    monkeypatch.setenv("EMIT_GUI_DB", "postgresql://ann:secret@db.example:5433/catalogue?sslmode=verify-full")
    team = resolve_db(None)  # $EMIT_GUI_DB when --db is not given
    assert team.is_postgres and team.url.drivername == "postgresql+psycopg"
    assert team.url.query["sslmode"] == "verify-full" and team.url.port == 5433
    assert "secret" not in str(team)  # messages never show the password
    assert resolve_db(str(tmp_path / "b.db")).path == tmp_path / "b.db"  # --db wins over the variable
    monkeypatch.delenv("EMIT_GUI_DB")
    assert resolve_db(None).path.name == "emit-gui.sqlite3"
    with pytest.raises(UserError, match="only postgresql"):
        resolve_db("mysql://x/y")


def test_a_client_never_migrates_a_team_database(empty_db):
    if not empty_db.startswith("postgresql"):
        Store(empty_db).close()  # one person's SQLite file is migrated when opened
        return
    with pytest.raises(UserError, match="emit-gui db upgrade"):
        Store(empty_db)
    engine = make_engine(empty_db)
    migrate(engine, "0001")  # an older team database: still refused, still untouched
    with pytest.raises(UserError, match="is at schema 0001.*emit-gui db upgrade"):
        Store(empty_db)
    assert current_revision(engine) == "0001"
    engine.dispose()
    assert upgrade_database(empty_db) == ("0001", head_revision())
    Store(empty_db).close()


def test_decisions_undo_redo_survive_restart(tmp_path, any_db):
    root = small_root(tmp_path)
    db = any_db
    catalog = scan(root)
    with Store(db) as store:
        ix = store.sync_workspace(catalog)
        a, b = ix.image_id("p0", "p0_0.jpg"), ix.image_id("p0", "p0_1.jpg")
        store.decide(ix.workspace_id, a, "红", ACCEPTED)
        store.decide_many(ix.workspace_id, [(a, "蓝", CORRECTED), (b, "红", CORRECTED)])  # one action
    with Store(db) as store:  # a restart
        ix = store.sync_workspace(catalog)
        assert store.decisions(ix.workspace_id)[a].tag == "蓝"
        assert sorted(store.undo(ix.workspace_id)) == sorted([a, b])  # the group goes back at once
        d = store.decisions(ix.workspace_id)
        assert d[a].tag == "红" and d[a].kind == ACCEPTED and b not in d
    with Store(db) as store:
        ix = store.sync_workspace(catalog)
        store.redo(ix.workspace_id)
        assert store.decisions(ix.workspace_id)[b].tag == "红"
        store.undo(ix.workspace_id)
        store.undo(ix.workspace_id)
        assert store.decisions(ix.workspace_id) == {}
        assert not store.can_undo(ix.workspace_id) and store.can_redo(ix.workspace_id)
        store.decide(ix.workspace_id, a, "蓝", CORRECTED)  # a new action clears the redo stack
        assert not store.can_redo(ix.workspace_id)
        actions = [e.action for e in store.history(ix.workspace_id)]
        assert actions.count("undo") == 2 + 2 + 1 and actions.count("redo") == 2  # append-only, per photo


def test_renamed_photo_and_moved_folder_keep_decisions(tmp_path, any_db):
    root = small_root(tmp_path)
    with Store(any_db) as store:
        ix = store.sync_workspace(scan(root))
        store.decide(ix.workspace_id, ix.image_id("p1", "p1_0.jpg"), "红", ACCEPTED)
        (root / "p1" / "p1_0.jpg").rename(root / "p1" / "p1_9.jpg")
        profile = root / "p1" / "profile.json"
        profile.write_text(profile.read_text().replace("p1_0.jpg", "p1_9.jpg"))
        ix2 = store.sync_workspace(scan(root))
        assert store.decisions(ix2.workspace_id)[ix2.image_id("p1", "p1_9.jpg")].tag == "红"
        moved = tmp_path / "moved"
        shutil.move(root, moved)
        ix3 = store.sync_workspace(scan(moved))
        assert ix3.workspace_id == ix.workspace_id and ix3.relocated_from
        assert store.decisions(ix3.workspace_id)[ix3.image_id("p1", "p1_9.jpg")].tag == "红"


def _workspace_with_images(tmp_path: Path, db: str, n_products: int = 50) -> tuple[str, int, int]:
    root = small_root(tmp_path, n_products)
    with Store(db) as store:
        ix = store.sync_workspace(scan(root))
        first = min(ix.image_ids.values())
    return db, ix.workspace_id, first


def _decider(db: str, ws: int, first: int, count: int, prefix: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", "tests.helpers.decider", str(db), str(ws), str(first),
                             str(count), prefix], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=REPO, env=env)


def test_sigkill_loses_no_acknowledged_decision(tmp_path, any_db):
    db, ws, first = _workspace_with_images(tmp_path, any_db)
    rng = random.Random(7)
    acked: dict[int, str] = {}
    for round_ in range(5):
        proc = _decider(db, ws, first, 100_000, f"r{round_}-")
        got_one = False
        deadline = None
        while deadline is None or time.monotonic() < deadline:
            line = proc.stdout.readline()  # blocks until the child acknowledges a decision
            if not line:
                break
            if line.startswith("ACK "):
                _, image_id, tag = line.split()
                acked[int(image_id)] = tag
                if not got_one:  # kill at a random moment once decisions are flowing
                    got_one = True
                    deadline = time.monotonic() + rng.uniform(0.05, 1.0)
        assert got_one, proc.stderr.read()
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        for line in rest.splitlines():  # written before the kill: acknowledged too
            if line.startswith("ACK "):
                _, image_id, tag = line.split()
                acked[int(image_id)] = tag
        assert proc.returncode == -signal.SIGKILL
        with Store(db) as store:
            assert store.integrity_check() == "ok"
            state = store.decisions(ws)
            events = [(e.image_id, e.after_tag) for e in store.history(ws)]
        position = {ev: i for i, ev in enumerate(events)}
        last = {image_id: (i, tag) for i, (image_id, tag) in enumerate(events)}
        for image_id, tag in acked.items():
            # the newest acknowledged decision was committed, and the photo's state is the newest
            # committed decision: the acknowledged one, or one committed after it whose
            # acknowledgement the kill cut off (in this round or an earlier one)
            assert (image_id, tag) in position
            newest_index, newest_tag = last[image_id]
            assert position[(image_id, tag)] <= newest_index
            assert state[image_id].tag == newest_tag
    assert len(acked) >= 5


def test_two_processes_write_one_database(tmp_path, any_db):
    db, ws, first = _workspace_with_images(tmp_path, any_db)
    procs = [_decider(db, ws, first, 300, "a"), _decider(db, ws + 0, first + 50, 300, "b")]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert out.count("ACK ") == 300
    with Store(db) as store:
        assert store.integrity_check() == "ok"
        events = store.history(ws)
        assert sum(e.after_tag.startswith("a") for e in events) == 300
        assert sum(e.after_tag.startswith("b") for e in events) == 300
