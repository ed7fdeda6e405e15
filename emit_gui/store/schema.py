"""The database schema: SQLAlchemy 2.0 typed models.

Changing a model means adding an Alembic revision under ``migrations/versions`` (a test
compares the migrated schema with these models, so a forgotten migration fails CI).
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    BigInteger,
    JSON,
    LargeBinary,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class Workspace(Base):
    """An opened root folder of products."""

    __tablename__ = "workspaces"
    id: Mapped[int] = mapped_column(primary_key=True)
    root: Mapped[str] = mapped_column(Text, unique=True)
    profile_name: Mapped[str] = mapped_column(String(255), default="profile.json")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    products: Mapped[list[Product]] = relationship(back_populates="workspace", cascade="all, delete-orphan")


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (UniqueConstraint("workspace_id", "pid"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    pid: Mapped[str] = mapped_column(String(255))
    workspace: Mapped[Workspace] = relationship(back_populates="products")
    images: Mapped[list[Image]] = relationship(back_populates="product", cascade="all, delete-orphan")
    tags: Mapped[list[OptionTag]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="OptionTag.position"
    )


class Image(Base):
    """A photo, known by its file name and by its content, so renamed or moved photos keep
    their decisions."""

    __tablename__ = "images"
    __table_args__ = (UniqueConstraint("product_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(1024))
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    # size and mtime let a re-open skip hashing files that have not changed
    size: Mapped[int | None] = mapped_column(BigInteger)
    mtime_ns: Mapped[int | None] = mapped_column(BigInteger)
    product: Mapped[Product] = relationship(back_populates="images")


class OptionTag(Base):
    __tablename__ = "option_tags"
    __table_args__ = (UniqueConstraint("product_id", "tag"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    tag: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    product: Mapped[Product] = relationship(back_populates="tags")


class ModelVersion(Base):
    __tablename__ = "model_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    metrics: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Suggestion(Base):
    """A model's proposal for one photo."""

    __tablename__ = "suggestions"
    __table_args__ = (Index("ix_suggestions_image_model", "image_id", "model_version_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    image_id: Mapped[int] = mapped_column(ForeignKey("images.id", ondelete="CASCADE"))
    model_version_id: Mapped[int] = mapped_column(ForeignKey("model_versions.id", ondelete="CASCADE"))
    tag: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    runner_up: Mapped[str | None] = mapped_column(Text)
    member_scores: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Decision(Base):
    """The current human decision for a photo (one row per photo; history keeps every change)."""

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    image_id: Mapped[int] = mapped_column(ForeignKey("images.id", ondelete="CASCADE"), unique=True)
    tag: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))  # emit_gui.store.repo.KINDS: "accepted", "unseen", "corrected", …
    user: Mapped[str] = mapped_column(String(255))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    suggestion_id: Mapped[int | None] = mapped_column(ForeignKey("suggestions.id", ondelete="SET NULL"))


class HistoryEvent(Base):
    """Append-only log of every change to a decision; undo/redo replay it across restarts.

    ``action`` is "decide", "undo" or "redo"; ``before_*`` and ``after_*`` give the decision
    before and after the event (``None`` tag = undecided); ``reverts`` points at the event an
    undo reverses or a redo re-applies.
    """

    __tablename__ = "history"
    __table_args__ = (Index("ix_history_user", "user"),)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    image_id: Mapped[int] = mapped_column(ForeignKey("images.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(16))
    before_tag: Mapped[str | None] = mapped_column(Text)
    before_kind: Mapped[str | None] = mapped_column(String(16))
    after_tag: Mapped[str | None] = mapped_column(Text)
    after_kind: Mapped[str | None] = mapped_column(String(16))
    suggestion_id: Mapped[int | None] = mapped_column(ForeignKey("suggestions.id", ondelete="SET NULL"))
    reverts: Mapped[int | None] = mapped_column(ForeignKey("history.id"))
    group_id: Mapped[str | None] = mapped_column(String(64))  # one user action that touched many photos
    user: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ProductNote(Base):
    """A labeler's note on a product ("two designs under one name", "ask the shop")."""

    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), unique=True)
    text: Mapped[str] = mapped_column(Text)
    user: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# ------------------------------------------------------------------ team mode (emit_gui.team)


class WorkItem(Base):
    """One product to label (round 1) or to label blind a second time (round 2).

    ``holder`` leases it until ``expires_at`` (kept alive by heartbeats); ``done_by`` finished it.
    """

    __tablename__ = "work_items"
    __table_args__ = (
        UniqueConstraint("product_id", "round"),
        Index("ix_work_items_open", "round", "product_id",
              postgresql_where=sql_text("done_at IS NULL"), sqlite_where=sql_text("done_at IS NULL")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    round: Mapped[int] = mapped_column(Integer)
    holder: Mapped[str | None] = mapped_column(String(255), index=True)
    leased_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_by: Mapped[str | None] = mapped_column(String(255))
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Review(Base):
    """A reviewer's verdict on a decided photo: "approved", or "corrected" (with a comment the
    labeler sees; ``seen_at`` is when they did)."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    image_id: Mapped[int] = mapped_column(ForeignKey("images.id", ondelete="CASCADE"), index=True)
    user: Mapped[str] = mapped_column(String(255))  # the reviewer
    labeler: Mapped[str | None] = mapped_column(String(255), index=True)
    verdict: Mapped[str] = mapped_column(String(16))
    before_tag: Mapped[str | None] = mapped_column(Text)
    after_tag: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class BlindLabel(Base):
    """A second, blind label of a photo by another labeler: agreement is measured against the
    decision."""

    __tablename__ = "blind_labels"
    __table_args__ = (UniqueConstraint("image_id", "user"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    image_id: Mapped[int] = mapped_column(ForeignKey("images.id", ondelete="CASCADE"))
    user: Mapped[str] = mapped_column(String(255))
    tag: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TeamSetting(Base):
    __tablename__ = "team_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict | list | float | str | None] = mapped_column(JSON)


class ModelBlob(Base):
    """A model version folder published to a team store: a tar archive and its SHA-256."""

    __tablename__ = "model_blobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    user: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
