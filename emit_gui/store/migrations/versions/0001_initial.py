"""The first schema: workspaces, products, images, tags, models, suggestions, decisions, history.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "workspaces",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("root", sa.Text, nullable=False, unique=True),
        sa.Column("profile_name", sa.String(255), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("opened_at", TZ, nullable=False),
    )
    op.create_table(
        "products",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
        sa.Column("pid", sa.String(255), nullable=False),
        sa.UniqueConstraint("workspace_id", "pid"),
    )
    op.create_index("ix_products_workspace_id", "products", ["workspace_id"])
    op.create_table(
        "images",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("product_id", sa.Integer, sa.ForeignKey("products.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(1024), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=True),
        sa.UniqueConstraint("product_id", "name"),
    )
    op.create_index("ix_images_product_id", "images", ["product_id"])
    op.create_index("ix_images_content_hash", "images", ["content_hash"])
    op.create_table(
        "option_tags",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("product_id", sa.Integer, sa.ForeignKey("products.id", ondelete="CASCADE"), nullable=False),
        sa.Column("tag", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.UniqueConstraint("product_id", "tag"),
    )
    op.create_index("ix_option_tags_product_id", "option_tags", ["product_id"])
    op.create_table(
        "model_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(255), nullable=False, unique=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("metrics", sa.JSON, nullable=True),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("image_id", sa.Integer, sa.ForeignKey("images.id", ondelete="CASCADE"), nullable=False),
        sa.Column("model_version_id", sa.Integer, sa.ForeignKey("model_versions.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("tag", sa.Text, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("runner_up", sa.Text, nullable=True),
        sa.Column("member_scores", sa.JSON, nullable=True),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_suggestions_image_model", "suggestions", ["image_id", "model_version_id"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("image_id", sa.Integer, sa.ForeignKey("images.id", ondelete="CASCADE"), nullable=False,
                  unique=True),
        sa.Column("tag", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("user", sa.String(255), nullable=False),
        sa.Column("decided_at", TZ, nullable=False),
        sa.Column("suggestion_id", sa.Integer, sa.ForeignKey("suggestions.id", ondelete="SET NULL"), nullable=True),
    )
    op.create_table(
        "history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("workspace_id", sa.Integer, sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
        sa.Column("image_id", sa.Integer, sa.ForeignKey("images.id", ondelete="CASCADE"), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("before_tag", sa.Text, nullable=True),
        sa.Column("before_kind", sa.String(16), nullable=True),
        sa.Column("after_tag", sa.Text, nullable=True),
        sa.Column("after_kind", sa.String(16), nullable=True),
        sa.Column("suggestion_id", sa.Integer, sa.ForeignKey("suggestions.id", ondelete="SET NULL"), nullable=True),
        sa.Column("reverts", sa.Integer, sa.ForeignKey("history.id"), nullable=True),
        sa.Column("group_id", sa.String(64), nullable=True),
        sa.Column("user", sa.String(255), nullable=False),
        sa.Column("at", TZ, nullable=False),
    )
    op.create_index("ix_history_workspace_id", "history", ["workspace_id"])


def downgrade() -> None:
    for table in ("history", "decisions", "suggestions", "model_versions", "option_tags", "images",
                  "products", "workspaces"):
        op.drop_table(table)
