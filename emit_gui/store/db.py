"""Opening the database: SQLite (the default) or a team's PostgreSQL, migrated with Alembic.

One place turns what the user typed (``--db``, ``$EMIT_GUI_DB``) into an engine URL:
:func:`resolve_db`. SQLite runs in WAL with ``BEGIN IMMEDIATE`` writers and is migrated to
head when opened (one person's file). A PostgreSQL database is shared by a team: a client
never migrates it; the lead runs ``emit-gui db upgrade``. Credentials come from the URL the
user typed or from libpq's own files (``~/.pgpass``, ``~/.pg_service.conf`` through
``?service=NAME``), which psycopg reads; emit-gui never writes them anywhere. TLS is chosen
with the URL's options (``?sslmode=verify-full&sslrootcert=...``).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, InterfaceError, OperationalError

from alembic import command
from emit_gui.errors import UserError, printable
from emit_gui.settings import current as current_settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 15_000
PG_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


@dataclass(frozen=True)
class DbTarget:
    """Where the store lives: a SQLite file or a PostgreSQL URL."""

    kind: str  # "sqlite" | "postgresql"
    url: URL  # the SQLAlchemy URL (postgresql+psycopg://... or sqlite:///...)
    path: Path | None = None  # the SQLite file

    @property
    def is_postgres(self) -> bool:
        return self.kind == "postgresql"

    @property
    def locator(self) -> str:
        """What to hand another emit-gui process as ``--db`` (the URL keeps any password the
        user typed; a service file or pgpass keeps it out)."""
        if self.path is not None:
            return str(self.path)
        return self.url.set(drivername="postgresql").render_as_string(hide_password=False)

    def __str__(self) -> str:  # for messages: never a password
        if self.path is not None:
            return str(self.path)
        return self.url.set(drivername="postgresql").render_as_string(hide_password=True)


def is_db_url(text: str) -> bool:
    return str(text).split("://", 1)[0].lower() in PG_SCHEMES and "://" in str(text)


def resolve_db(value: str | os.PathLike | DbTarget | None = None) -> DbTarget:
    """``--db`` (a path or a ``postgresql://`` URL), else ``$EMIT_GUI_DB``, else the user's
    SQLite file."""
    if isinstance(value, DbTarget):
        return value
    text = os.fspath(value) if value not in (None, "") else current_settings().db
    if text and is_db_url(text):
        try:
            url = make_url(text)
        except ArgumentError:
            raise UserError(f"--db: not a database URL: {text.split('@')[-1]}") from None
        return DbTarget("postgresql", url.set(drivername="postgresql+psycopg"))
    if text and "://" in text:
        raise UserError(f"--db {text.split('://')[0]}://...: only postgresql:// URLs or a file path are supported")
    if not text:
        from emit_gui.paths import data_dir

        path = data_dir() / "emit-gui.sqlite3"
    else:
        path = Path(text).expanduser()
    return DbTarget("sqlite", URL.create("sqlite", database=str(path)), path)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def make_engine(path: Path | DbTarget | str, *, immediate: bool = True) -> Engine:
    """An engine on the target. SQLite: transactions are ``BEGIN IMMEDIATE`` (writers) or
    ``BEGIN`` (readers); taking the write lock at the start of a write transaction is what
    lets two processes write one database at once: the second waits (busy timeout) instead
    of failing on a read-to-write upgrade. PostgreSQL: a small pool, connections checked
    before use (a team server restarts), READ COMMITTED."""
    target = path if isinstance(path, DbTarget) else resolve_db(str(path))
    if target.is_postgres:
        return create_engine(
            target.url, pool_pre_ping=True, pool_size=2, max_overflow=4,
            connect_args={"application_name": "emit-gui", "connect_timeout": 10},
        )
    engine = create_engine(
        f"sqlite:///{target.path}",
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


def _known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def _connection_error(target: DbTarget, exc: Exception) -> UserError:
    text = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if target.is_postgres:
        return UserError(f"{target}: cannot use the team database ({text})")
    if ("not a database" in text or "malformed" in text) and target.path is not None:
        return _damaged(target.path, text)
    if isinstance(exc, OperationalError) and "locked" in text:
        return UserError(f"{target}: the database is locked by another program; try again")
    return UserError(f"{target}: cannot open the database ({text})")


def upgrade_database(value: str | os.PathLike | DbTarget | None = None) -> tuple[str | None, str]:
    """``emit-gui db upgrade``: migrate the database to this emit-gui's schema.
    Returns (revision before, revision after)."""
    target = resolve_db(value)
    if target.path is not None:
        target.path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(target, immediate=True)
    try:
        before = current_revision(engine)
        if before is not None and before not in _known_revisions():
            raise UserError(f"{target}: this database was written by a newer emit-gui (schema {before}); "
                            "update emit-gui")
        migrate(engine)
        return before, current_revision(engine)
    except (DatabaseError, InterfaceError, sqlite3.DatabaseError) as exc:
        raise _connection_error(target, exc) from None
    finally:
        engine.dispose()


def open_engines(path: str | os.PathLike | DbTarget) -> tuple[Engine, Engine]:
    """(writer, reader) engines on an up-to-date database; a clear UserError if that fails."""
    target = resolve_db(path)
    if target.path is not None:
        check_existing(target.path)
        try:
            target.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"{target}: cannot create the database folder ({exc.strerror or exc})") from None
    writer = make_engine(target, immediate=True)
    try:
        rev = current_revision(writer)
        head = head_revision()
        if rev is not None and rev not in _known_revisions():
            raise UserError(
                f"{target}: this database was written by a newer emit-gui (schema {rev}); "
                "update emit-gui or choose another database with --db"
            )
        if rev != head:
            if target.is_postgres:  # a team database is never migrated by surprise
                state = "has no emit-gui schema yet" if rev is None else f"is at schema {rev}, this emit-gui needs {head}"
                raise UserError(f"{target}: the team database {state}; the lead runs "
                                f"`emit-gui db upgrade --db URL` (or `emit-gui db init` for a new team)")
            migrate(writer)
    except UserError:
        writer.dispose()
        raise
    except (DatabaseError, InterfaceError, sqlite3.DatabaseError) as exc:
        writer.dispose()
        raise _connection_error(target, exc) from None
    if target.is_postgres:
        return writer, writer
    return writer, make_engine(target, immediate=False)
