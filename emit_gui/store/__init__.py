"""Persistence: SQLite through SQLAlchemy, every decision committed when it is made (no Qt)."""

from emit_gui.store.repo import (
    ACCEPTED,
    CORRECTED,
    FROM_FILE,
    LABEL_KINDS,
    NOT_OPTION,
    UNSURE,
    DecisionState,
    Store,
    WorkspaceIndex,
    default_user,
    open_store,
)

__all__ = ["ACCEPTED", "CORRECTED", "FROM_FILE", "LABEL_KINDS", "NOT_OPTION", "UNSURE", "DecisionState", "Store",
           "WorkspaceIndex", "default_user", "open_store"]
