"""Other people's changes as they happen (no Qt).

On PostgreSQL every history event and review sends ``NOTIFY emit_gui`` (a trigger, on commit
only), and :class:`ChangeListener` holds one ``LISTEN`` connection of its own; on SQLite it polls
the newest history id (writers commit in id order there). Either way :meth:`ChangeListener.poll`
returns within ``timeout`` with the changes since the last call: the window runs it in a worker
thread and refreshes the photos named, leaving alone what its own user is doing.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from sqlalchemy import select

from emit_gui.store import Store
from emit_gui.store.schema import HistoryEvent, Review

CHANNEL = "emit_gui"
POLL_SECONDS = 0.5


@dataclass(frozen=True)
class Change:
    table: str  # "history" (a decision changed) or "reviews" (a reviewer's verdict)
    row_id: int
    workspace_id: int
    image_id: int
    user: str


class ChangeListener:
    """``poll(timeout)`` -> the changes by others (or all, with ``include_mine``) since the last call.

    A dropped connection is reopened; the changes missed meanwhile are read back from the
    history, so nothing committed is skipped (``resync`` tells the window to reload when the
    gap cannot be filled, e.g. after a server restart).
    """

    def __init__(self, store: Store, workspace_id: int | None = None, *, me: str | None = None,
                 include_mine: bool = False):
        self.store = store
        self.workspace_id = workspace_id
        self.include_mine = include_mine
        self.pg = store.target.is_postgres
        self._conn = None
        self.resync = False
        with store._reader.connect() as conn:
            if me is None and self.pg:
                me = conn.exec_driver_sql("SELECT current_user").scalar()
            self._last_history = conn.execute(select(HistoryEvent.id).order_by(HistoryEvent.id.desc()).limit(1)).scalar() or 0
            self._last_review = conn.execute(select(Review.id).order_by(Review.id.desc()).limit(1)).scalar() or 0
        self.me = me
        if self.pg:
            self._connect()

    def _connect(self) -> None:
        import psycopg

        self._conn = psycopg.connect(self.store.target.locator.replace("postgresql+psycopg", "postgresql"),
                                     autocommit=True, application_name="emit-gui listener")
        self._conn.execute(f"LISTEN {CHANNEL}")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> ChangeListener:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _keep(self, c: Change) -> bool:
        if self.workspace_id is not None and c.workspace_id != self.workspace_id:
            return False
        return self.include_mine or c.user != self.me

    def poll(self, timeout: float = 1.0) -> list[Change]:
        if self.pg:
            return self._poll_pg(timeout)
        return self._poll_sqlite(timeout)

    def _poll_pg(self, timeout: float) -> list[Change]:
        import psycopg

        out: list[Change] = []
        try:
            if self._conn is None:
                self._connect()
                out = self._catch_up()
                self.resync = True  # ids may commit out of order: the window reloads once
            # wait for the first notification (the generator holds the connection: close it
            # before the next), then drain what is already queued and return at once
            first = self._conn.notifies(timeout=timeout, stop_after=1)
            out.extend(self._parse(n.payload) for n in first)
            if out:
                out.extend(self._parse(n.payload) for n in self._conn.notifies(timeout=0.02))
        except psycopg.OperationalError:
            self.close()  # reconnect and catch up from the history on the next call
            time.sleep(min(timeout, 1.0))
            return []
        for c in out:
            if c.table == "history":
                self._last_history = max(self._last_history, c.row_id)
            else:
                self._last_review = max(self._last_review, c.row_id)
        return [c for c in out if self._keep(c)]

    @staticmethod
    def _parse(payload: str) -> Change:
        d = json.loads(payload)
        return Change(d["table"], int(d["id"]), int(d["ws"]), int(d["image"]), d["user"])

    def _catch_up(self) -> list[Change]:
        """Changes committed since the newest one seen (after a reconnect, or on SQLite)."""
        with self.store._reader.connect() as conn:
            hist = conn.execute(
                select(HistoryEvent.id, HistoryEvent.workspace_id, HistoryEvent.image_id, HistoryEvent.user)
                .where(HistoryEvent.id > self._last_history).order_by(HistoryEvent.id)).all()
            revs = conn.execute(
                select(Review.id, Review.workspace_id, Review.image_id, Review.user)
                .where(Review.id > self._last_review).order_by(Review.id)).all()
        out = [Change("history", *r) for r in hist] + [Change("reviews", *r) for r in revs]
        if hist:
            self._last_history = hist[-1][0]
        if revs:
            self._last_review = revs[-1][0]
        return out

    def _poll_sqlite(self, timeout: float) -> list[Change]:
        deadline = time.monotonic() + timeout
        while True:
            got = [c for c in self._catch_up() if self._keep(c)]
            if got or time.monotonic() >= deadline:
                return got
            time.sleep(min(POLL_SECONDS, max(0.0, deadline - time.monotonic())))


def fetch_decisions(store: Store, image_ids) -> dict[int, object]:
    """The current decision of each photo named (``DecisionState(None, None)`` when undecided):
    what the window merges into its session after :meth:`ChangeListener.poll`."""
    from emit_gui.store import DecisionState
    from emit_gui.store.schema import Decision

    ids = sorted(set(image_ids))
    out = {i: DecisionState(None, None) for i in ids}
    with store._reader.connect() as conn:
        for start in range(0, len(ids), 500):
            for i, tag, kind in conn.execute(select(Decision.image_id, Decision.tag, Decision.kind)
                                             .where(Decision.image_id.in_(ids[start:start + 500]))):
                out[i] = DecisionState(tag, kind)
    return out
