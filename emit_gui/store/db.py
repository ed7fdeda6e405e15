"""Opening the SQLite database: WAL, foreign keys, a busy timeout, and migrations to head."""

from __future__ import annotations

import os
import sqlite3
import stat
import urllib.parse
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError

from alembic import command
from emit_gui.errors import UserError, printable

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 15_000


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def make_engine(path: Path, *, immediate: bool) -> Engine:
    """An engine whose transactions are ``BEGIN IMMEDIATE`` (writers) or ``BEGIN`` (readers).

    Taking the write lock at the start of a write transaction is what lets two processes
    write one database at once: the second waits (busy timeout) instead of failing on a
    read-to-write upgrade.
    """
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = FULL")  # a decision acknowledged is on disk
        cur.close()

    begin = "BEGIN IMMEDIATE" if immediate else "BEGIN"

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        conn.exec_driver_sql(begin)

    return engine


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


OUR_TABLES = {"workspaces", "products", "images", "decisions", "history"}
SQLITE_HEADER = b"SQLite format 3\x00"


def _damaged(path: Path, detail: str) -> UserError:
    return UserError(
        f"{printable(str(path))}: the database is damaged ({detail}); nothing was changed. Move it aside and "
        "start a new one (or give another --db); `sqlite3 FILE .recover` can salvage its decisions")


def check_existing(path: Path) -> None:
    """Refuse, before SQLAlchemy or Alembic touch it, a file that is not an emit-gui store:
    not a regular file, not SQLite, another program's SQLite database (tables, none of ours),
    or a damaged one (``PRAGMA quick_check``)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UserError(f"{printable(str(path))}: cannot open the database ({exc.strerror or exc})") from None
    if not stat.S_ISREG(st.st_mode):
        raise UserError(f"{printable(str(path))}: not a regular file; --db must name a database file")
    if st.st_size == 0:
        return
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise UserError(f"{printable(str(path))}: cannot read the database ({exc.strerror or exc})") from None
    if head != SQLITE_HEADER:
        raise UserError(f"{printable(str(path))}: not an emit-gui database (not SQLite at all); "
                        "give another --db, the file was not changed")
    # read-only; and where no write-ahead log is there, immutable too, so that checking a file
    # leaves nothing beside it (a WAL database opened even read-only grows -wal and -shm files)
    wal = Path(str(path) + "-wal")
    quiet = "&immutable=1" if not wal.exists() or wal.stat().st_size == 0 else ""
    uri = "file:" + urllib.parse.quote(str(Path(path).resolve())) + "?mode=ro" + quiet
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise UserError(f"{printable(str(path))}: cannot open the database ({exc})") from None
    try:
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            if "locked" in str(exc):
                return  # another emit-gui is writing; the normal path waits on it
            tables = None
            listing_error = str(exc)
        if tables is None:
            try:
                rows = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
            except sqlite3.DatabaseError as exc:
                rows = [str(exc)]
            raise _damaged(path, f"{listing_error}; PRAGMA quick_check: " + "; ".join(map(str, rows))[:300])
        if tables and "alembic_version" not in tables and not tables & OUR_TABLES:
            shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
            raise UserError(f"{printable(str(path))}: not an emit-gui database (it is another program's, with "
                            f"tables {shown}); give another --db, the file was not changed")
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
        except sqlite3.DatabaseError as exc:
            if "locked" in str(exc):
                return
            raise _damaged(path, f"PRAGMA quick_check: {exc}") from None
        if rows != ["ok"]:
            raise _damaged(path, "PRAGMA quick_check: " + "; ".join(str(r) for r in rows)[:300])
    finally:
        conn.close()


def open_engines(path: Path) -> tuple[Engine, Engine]:
    """(writer, reader) engines on an up-to-date database; a clear UserError if that fails."""
    path = Path(path)
    check_existing(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"{path}: cannot create the database folder ({exc.strerror or exc})") from None
    writer = make_engine(path, immediate=True)
    try:
        rev = current_revision(writer)
        script = ScriptDirectory.from_config(alembic_config())
        known = {s.revision for s in script.walk_revisions()}
        if rev is not None and rev not in known:
            raise UserError(
                f"{path}: this database was written by a newer emit-gui (schema {rev}); "
                "update emit-gui or choose another database with --db"
            )
        if rev != script.get_current_head():
            migrate(writer)
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        writer.dispose()
        text = str(getattr(exc, "orig", exc))
        if "not a database" in text or "malformed" in text:
            raise _damaged(path, text) from None
        if isinstance(exc, OperationalError) and "locked" in text:
            raise UserError(f"{path}: the database is locked by another program; try again") from None
        raise UserError(f"{path}: cannot open the database ({text})") from None
    return writer, make_engine(path, immediate=False)
