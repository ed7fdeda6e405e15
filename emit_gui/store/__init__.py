"""Persistence: SQLite through SQLAlchemy, every decision committed when it is made (no Qt)."""

from emit_gui.store.repo import (
    ACCEPTED,
    ACCEPTED_UNSEEN,
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

__all__ = ["ACCEPTED", "ACCEPTED_UNSEEN", "CORRECTED", "FROM_FILE", "LABEL_KINDS", "NOT_OPTION", "UNSURE", "DecisionState", "Store",
           "WorkspaceIndex", "default_user", "open_store"]
