"""A note per product, written by labelers.

(Decision kinds "file", "unsure" and "not_option" and the folder+profile workspace key need no
schema change: kinds are strings, and the key lives in ``workspaces.root``.)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("product_id", sa.Integer, sa.ForeignKey("products.id", ondelete="CASCADE"), nullable=False,
                  unique=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("user", sa.String(255), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("notes")
