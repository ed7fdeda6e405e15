"""Team mode: work items (leases and blind double labelling), reviews, blind labels, settings;
on PostgreSQL, the writer's role stamped by the server and a notification per change.

Revision ID: 0004_team
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_team"
down_revision = "0003"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)

# who wrote a row is the database role, not what the client claims
STAMP_USER = """
CREATE OR REPLACE FUNCTION emit_gui_stamp_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."user" := current_user;
  RETURN NEW;
END $$;
"""
# every change to the history (and every review) wakes the other windows: LISTEN emit_gui
NOTIFY = """
CREATE OR REPLACE FUNCTION emit_gui_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('emit_gui', json_build_object(
    'table', TG_TABLE_NAME, 'id', NEW.id, 'ws', NEW.workspace_id, 'image', NEW.image_id,
    'user', NEW."user")::text);
  RETURN NULL;
END $$;
"""
STAMPED = ("decisions", "history", "reviews", "blind_labels", "notes")
NOTIFYING = ("history", "reviews")


def upgrade() -> None:
    op.create_table(
        "work_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("product_id", sa.Integer, sa.ForeignKey("products.id", ondelete="CASCADE"), nullable=False),
        sa.Column("round", sa.Integer, nullable=False),
        sa.Column("holder", sa.String(255), nullable=True),
        sa.Column("leased_at", TZ, nullable=True),
        sa.Column("expires_at", TZ, nullable=True),
        sa.Column("done_by", sa.String(255), nullable=True),
        sa.Column("done_at", TZ, nullable=True),
        sa.UniqueConstraint("product_id", "round"),
    )
    op.create_index("ix_work_items_holder", "work_items", ["holder"])
    # the queue: open items in hand-out order ("next product" walks it and stops at the first free one)
    op.create_index("ix_work_items_open", "work_items", ["round", "product_id"],
                    postgresql_where=sa.text("done_at IS NULL"), sqlite_where=sa.text("done_at IS NULL"))
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
        sa.Column("image_id", sa.Integer, sa.ForeignKey("images.id", ondelete="CASCADE"), nullable=False),
        sa.Column("user", sa.String(255), nullable=False),
        sa.Column("labeler", sa.String(255), nullable=True),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("before_tag", sa.Text, nullable=True),
        sa.Column("after_tag", sa.Text, nullable=True),
        sa.Column("comment", sa.Text, nullable=True),
        sa.Column("at", TZ, nullable=False),
        sa.Column("seen_at", TZ, nullable=True),
    )
    op.create_index("ix_reviews_image_id", "reviews", ["image_id"])
    op.create_index("ix_reviews_labeler", "reviews", ["labeler"])
    op.create_table(
        "blind_labels",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
        sa.Column("image_id", sa.Integer, sa.ForeignKey("images.id", ondelete="CASCADE"), nullable=False),
        sa.Column("user", sa.String(255), nullable=False),
        sa.Column("tag", sa.Text, nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.UniqueConstraint("image_id", "user"),
    )
    op.create_table(
        "team_settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.JSON, nullable=True),
    )
    with op.batch_alter_table("history") as batch:
        batch.create_index("ix_history_user", ["user"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(STAMP_USER)
        op.execute(NOTIFY)
        for table in STAMPED:
            when = "INSERT" if table == "reviews" else "INSERT OR UPDATE"  # a labeler marks a review seen
            op.execute(f"CREATE TRIGGER emit_gui_stamp_user BEFORE {when} ON {table} "
                       f'FOR EACH ROW EXECUTE FUNCTION emit_gui_stamp_user()')
        for table in NOTIFYING:
            op.execute(f'CREATE TRIGGER emit_gui_notify AFTER INSERT ON {table} '
                       f'FOR EACH ROW EXECUTE FUNCTION emit_gui_notify()')


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in NOTIFYING:
            op.execute(f"DROP TRIGGER IF EXISTS emit_gui_notify ON {table}")
        for table in STAMPED:
            op.execute(f"DROP TRIGGER IF EXISTS emit_gui_stamp_user ON {table}")
        op.execute("DROP FUNCTION IF EXISTS emit_gui_notify()")
        op.execute("DROP FUNCTION IF EXISTS emit_gui_stamp_user()")
    with op.batch_alter_table("history") as batch:
        batch.drop_index("ix_history_user")
    for table in ("team_settings", "blind_labels", "reviews", "work_items"):
        op.drop_table(table)
