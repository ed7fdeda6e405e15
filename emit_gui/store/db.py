"""Opening the SQLite database: WAL, foreign keys, a busy timeout, and migrations to head."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError

from alembic import command
from emit_gui.errors import UserError

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


def open_engines(path: Path) -> tuple[Engine, Engine]:
    """(writer, reader) engines on an up-to-date database; a clear UserError if that fails."""
    path = Path(path)
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
            raise UserError(f"{path}: not an emit-gui database, or it is damaged ({text})") from None
        if isinstance(exc, OperationalError) and "locked" in text:
            raise UserError(f"{path}: the database is locked by another program; try again") from None
        raise UserError(f"{path}: cannot open the database ({text})") from None
    return writer, make_engine(path, immediate=False)
