"""Roles, grants and row-level security for a team database (PostgreSQL only).

``emit_labeler`` decides photos and writes the history as itself; ``emit_reviewer`` (a
labeler too) approves or corrects anyone's decisions; ``emit_lead`` (a reviewer too) owns the
settings. The server stamps every decision, history event, review and blind label with
``current_user`` (triggers in revision 0004_team), and the policies below let a role change only
its own decisions, never the history. The migrating role (the lead's admin login, which owns the
tables) is not subject to the policies.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from emit_gui.errors import UserError
from emit_gui.store.db import DbTarget, make_engine, resolve_db, upgrade_database

LABELER, REVIEWER, LEAD = "emit_labeler", "emit_reviewer", "emit_lead"
ROLE_OF = {"labeler": LABELER, "reviewer": REVIEWER, "lead": LEAD}
IS_REVIEWER = f"pg_has_role(current_user, '{REVIEWER}', 'MEMBER')"

SECURITY = f"""
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{LABELER}') THEN CREATE ROLE {LABELER} NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{REVIEWER}') THEN CREATE ROLE {REVIEWER} NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{LEAD}') THEN CREATE ROLE {LEAD} NOLOGIN; END IF;
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO {LABELER}', current_database());
END $$;
GRANT {LABELER} TO {REVIEWER};
GRANT {REVIEWER} TO {LEAD};
GRANT USAGE ON SCHEMA public TO {LABELER};
GRANT SELECT ON ALL TABLES IN SCHEMA public TO {LABELER};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {LABELER};
-- opening a folder records its products; the proposer stores proposals
GRANT INSERT, UPDATE ON workspaces, products, images, option_tags, model_versions, suggestions TO {LABELER};
GRANT DELETE ON suggestions TO {LABELER};
GRANT INSERT, UPDATE, DELETE ON decisions TO {LABELER};
GRANT INSERT, UPDATE, DELETE ON notes TO {LABELER};
GRANT INSERT ON history, blind_labels, work_items TO {LABELER};
GRANT UPDATE (holder, leased_at, expires_at, done_by, done_at) ON work_items TO {LABELER};
GRANT UPDATE (seen_at) ON reviews TO {LABELER};
GRANT UPDATE (tag, at) ON blind_labels TO {LABELER};
GRANT INSERT ON reviews TO {REVIEWER};
GRANT INSERT, UPDATE, DELETE ON team_settings, model_blobs TO {LEAD};
GRANT UPDATE, DELETE ON work_items TO {LEAD};

ALTER TABLE decisions ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS emit_read ON decisions;
DROP POLICY IF EXISTS emit_insert ON decisions;
DROP POLICY IF EXISTS emit_update ON decisions;
DROP POLICY IF EXISTS emit_delete ON decisions;
CREATE POLICY emit_read ON decisions FOR SELECT USING (true);
CREATE POLICY emit_insert ON decisions FOR INSERT WITH CHECK ("user" = current_user);
CREATE POLICY emit_update ON decisions FOR UPDATE
  USING ("user" = current_user OR {IS_REVIEWER}) WITH CHECK ("user" = current_user);
CREATE POLICY emit_delete ON decisions FOR DELETE USING ("user" = current_user OR {IS_REVIEWER});

ALTER TABLE history ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS emit_read ON history;
DROP POLICY IF EXISTS emit_insert ON history;
CREATE POLICY emit_read ON history FOR SELECT USING (true);
CREATE POLICY emit_insert ON history FOR INSERT WITH CHECK ("user" = current_user);

ALTER TABLE blind_labels ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS emit_read ON blind_labels;
DROP POLICY IF EXISTS emit_insert ON blind_labels;
DROP POLICY IF EXISTS emit_update ON blind_labels;
CREATE POLICY emit_read ON blind_labels FOR SELECT USING (true);
CREATE POLICY emit_insert ON blind_labels FOR INSERT WITH CHECK ("user" = current_user);
CREATE POLICY emit_update ON blind_labels FOR UPDATE USING ("user" = current_user);

ALTER TABLE reviews ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS emit_read ON reviews;
DROP POLICY IF EXISTS emit_insert ON reviews;
DROP POLICY IF EXISTS emit_seen ON reviews;
CREATE POLICY emit_read ON reviews FOR SELECT USING (true);
CREATE POLICY emit_insert ON reviews FOR INSERT WITH CHECK ("user" = current_user AND {IS_REVIEWER});
CREATE POLICY emit_seen ON reviews FOR UPDATE USING (labeler = current_user OR {IS_REVIEWER});

-- a lease held by someone else, and not expired, cannot be taken over
ALTER TABLE work_items ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS emit_read ON work_items;
DROP POLICY IF EXISTS emit_insert ON work_items;
DROP POLICY IF EXISTS emit_lease ON work_items;
DROP POLICY IF EXISTS emit_lead ON work_items;
CREATE POLICY emit_read ON work_items FOR SELECT USING (true);
CREATE POLICY emit_insert ON work_items FOR INSERT WITH CHECK (holder IS NULL);
CREATE POLICY emit_lease ON work_items FOR UPDATE
  USING (holder IS NULL OR holder = current_user OR expires_at < now())
  WITH CHECK (holder IS NULL OR holder = current_user);
CREATE POLICY emit_lead ON work_items FOR ALL
  USING (pg_has_role(current_user, '{LEAD}', 'MEMBER'));
"""

_NAME = re.compile(r"^[a-z_][a-z0-9_.\-]{0,62}$")


def _require_pg(target: DbTarget, what: str) -> None:
    if not target.is_postgres:
        raise UserError(f"{target}: {what} needs a team database (--db postgresql://...); "
                        "a SQLite file has one user")


def apply_security(conn: Connection) -> None:
    cur = conn.connection.dbapi_connection.cursor()
    cur.execute(SECURITY)  # no parameters: psycopg sends the statements as they are


def roles_exist(conn: Connection) -> bool:
    return bool(conn.execute(text("SELECT count(*) FROM pg_roles WHERE rolname IN (:a, :b, :c)"),
                             {"a": LABELER, "b": REVIEWER, "c": LEAD}).scalar() == 3)


def init_team_database(db: str | None) -> tuple[str | None, str]:
    """``emit-gui db init``: the schema, the three roles, their grants and policies."""
    target = resolve_db(db)
    _require_pg(target, "db init")
    revs = upgrade_database(target)
    engine = make_engine(target)
    try:
        with engine.begin() as conn:
            apply_security(conn)
    except Exception as exc:  # noqa: BLE001 - one line for the lead
        raise UserError(f"{target}: cannot create the team roles ({_first_line(exc)}); run db init as the "
                        "database owner with CREATEROLE (e.g. the postgres login)") from None
    finally:
        engine.dispose()
    return revs


def refresh_security(target: DbTarget) -> bool:
    """After ``db upgrade`` on a team database: grants and policies for any new table."""
    engine = make_engine(target)
    try:
        with engine.begin() as conn:
            if not roles_exist(conn):
                return False
            apply_security(conn)
            return True
    finally:
        engine.dispose()


def add_user(db: str | None, name: str, role: str, password: str | None = None) -> str:
    """``emit-gui team add-user NAME --role labeler|reviewer|lead``: a login role in the team's
    group role. A password, if given, goes to the server (which keeps only its hash); emit-gui
    stores none: the user puts it in ~/.pgpass or a service file."""
    target = resolve_db(db)
    _require_pg(target, "team add-user")
    if role not in ROLE_OF:
        raise UserError(f"--role must be one of {', '.join(ROLE_OF)}, not {role!r}")
    if not _NAME.match(name):
        raise UserError(f"{name!r}: a user name is lower-case letters, digits, '_', '.', '-' (at most 63)")
    group = ROLE_OF[role]
    engine = make_engine(target)
    try:
        with engine.begin() as conn:
            if not roles_exist(conn):
                raise UserError(f"{target}: no team roles yet; run `emit-gui db init --db URL` first")
            cur = conn.connection.dbapi_connection.cursor()
            from psycopg import sql

            exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).scalar()
            verb = "ALTER" if exists else "CREATE"
            cur.execute(sql.SQL("{} ROLE {} LOGIN").format(sql.SQL(verb), sql.Identifier(name)))
            for other in ROLE_OF.values():
                if other != group:
                    cur.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(other), sql.Identifier(name)))
            cur.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name)))
            if role == "lead":  # a lead adds the team's users
                cur.execute(sql.SQL("ALTER ROLE {} CREATEROLE").format(sql.Identifier(name)))
            if password:
                cur.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(name), sql.Literal(password)))
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise UserError(f"{target}: cannot add {name} ({_first_line(exc)})") from None
    finally:
        engine.dispose()
    return "updated" if exists else "created"


def _first_line(exc: BaseException) -> str:
    text_ = str(getattr(exc, "orig", exc)).strip()
    return text_.splitlines()[0] if text_ else type(exc).__name__
