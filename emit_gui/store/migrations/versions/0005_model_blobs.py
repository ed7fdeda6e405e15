"""Team mode: model versions published to the store as checksummed blobs, so that every
workstation uses the team's active model (cached locally by checksum).

Revision ID: 0005_model_blobs
Revises: 0004_team
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_model_blobs"
down_revision = "0004_team"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "model_blobs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(255), nullable=False, unique=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("user", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE TRIGGER emit_gui_stamp_user BEFORE INSERT OR UPDATE ON model_blobs "
                   "FOR EACH ROW EXECUTE FUNCTION emit_gui_stamp_user()")


def downgrade() -> None:
    op.drop_table("model_blobs")
