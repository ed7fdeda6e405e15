from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED_PRODUCTS = Path(os.environ.get("EMIT_SHARED_PRODUCTS", REPO.parent / "shared" / "datasets" / "products"))


def shared_products() -> Path:
    if not (SHARED_PRODUCTS / "manifest.jsonl").exists():
        pytest.skip(f"shared dataset not found at {SHARED_PRODUCTS}")
    return SHARED_PRODUCTS


@pytest.fixture
def shared() -> Path:
    return shared_products()


@pytest.fixture
def shared_slice(tmp_path: Path) -> Path:
    """The first 40 shared products, linked (not copied) into a private root folder."""
    src = shared_products()
    root = tmp_path / "slice"
    root.mkdir()
    pids = sorted(p for p in os.listdir(src) if (src / p).is_dir())[:40]
    for pid in pids:
        dst = root / pid
        dst.mkdir()
        for f in os.listdir(src / pid):
            os.link(src / pid / f, dst / f) if _same_fs(src, tmp_path) else _copy(src / pid / f, dst / f)
    return root


def _same_fs(a: Path, b: Path) -> bool:
    return os.stat(a).st_dev == os.stat(b).st_dev


def _copy(a: Path, b: Path) -> None:
    b.write_bytes(a.read_bytes())


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the real user's data folder or database."""
    home = tmp_path / "emit-home"
    monkeypatch.setenv("EMIT_GUI_HOME", str(home))
    monkeypatch.delenv("EMIT_GUI_DB", raising=False)
    return home


_QTHREADS: list = []


def _track_qthreads() -> None:
    """Record every QThread started, so a test that leaves one running fails (Python's
    threading module never sees Qt's threads)."""
    try:
        from PySide6.QtCore import QThread
    except ImportError:
        return
    if getattr(QThread.start, "_tracked", False):
        return
    original = QThread.start

    def start(self, *args):
        _QTHREADS.append(self)
        return original(self, *args)

    start._tracked = True
    QThread.start = start


@pytest.fixture(autouse=True)
def no_dangling_threads():
    """Fail a test that leaves a Python thread or a QThread running (napari's habit)."""
    _track_qthreads()
    _QTHREADS.clear()
    before = set(threading.enumerate())
    yield
    import time

    deadline = time.monotonic() + 10
    running = []
    for t in list(_QTHREADS):
        try:
            while t.isRunning() and time.monotonic() < deadline:
                time.sleep(0.02)
            if t.isRunning():
                running.append(t.objectName() or type(t).__name__)
        except RuntimeError:  # the C++ object is gone: the thread ended and was deleted
            pass
    _QTHREADS.clear()
    assert not running, f"QThreads outlived the test: {running}"
    leftover = [t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon]
    for t in leftover:
        t.join(timeout=5)
    leftover = [t for t in leftover if t.is_alive()]
    assert not leftover, f"threads outlived the test: {leftover}"


# ------------------------------------------------------------------ one suite, two engines
# The store's tests run on SQLite and on PostgreSQL. EMIT_GUI_TEST_PG names a server where the
# tests may create and drop databases (.ci/pg-cluster starts a private one); without it the
# PostgreSQL cases skip with that reason.
PG_ADMIN_URL = os.environ.get("EMIT_GUI_TEST_PG", "")


def _pg_admin():
    import psycopg

    return psycopg.connect(PG_ADMIN_URL, autocommit=True)


def new_pg_database() -> tuple[str, str]:
    """(name, URL) of a new empty database on the test server."""
    import uuid

    from sqlalchemy.engine import make_url

    name = f"emit_test_{uuid.uuid4().hex[:12]}"
    with _pg_admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name, make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(name: str) -> None:
    with _pg_admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request: pytest.FixtureRequest, tmp_path: Path):
    """What ``--db`` takes for a new, empty database: a SQLite file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.sqlite3")
        return
    if not PG_ADMIN_URL:
        pytest.skip("EMIT_GUI_TEST_PG is not set (.ci/pg-cluster start prints a URL for it)")
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[team]')")
    name, url = new_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(name)


@pytest.fixture
def any_db(empty_db: str) -> str:
    """An up-to-date database on each engine (PostgreSQL migrated as the lead would)."""
    from emit_gui.store.db import upgrade_database

    upgrade_database(empty_db)
    return empty_db


@pytest.fixture
def pg_db(tmp_path: Path):
    """A migrated PostgreSQL database only (team features that need the server)."""
    if not PG_ADMIN_URL:
        pytest.skip("EMIT_GUI_TEST_PG is not set (.ci/pg-cluster start prints a URL for it)")
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[team]')")
    from emit_gui.store.db import upgrade_database

    name, url = new_pg_database()
    try:
        upgrade_database(url)
        yield url
    finally:
        drop_pg_database(name)
