"""Handing out work: leases on products, blind double labelling and reviews (no Qt).

"Next product" takes a lease on a product nobody else holds: on PostgreSQL the candidate row is
locked with ``SELECT ... FOR UPDATE SKIP LOCKED`` (twenty labelers asking at once get twenty
different products, none waits), on SQLite the write lock (``BEGIN IMMEDIATE``) serialises the
takers. A lease lasts ``lease_seconds`` past the last heartbeat (the window sends one while the
labeler works, every ``lease_seconds / 4``), is released on leaving the product, and anyone may
take it over once it expired. Times are the server's (``now()``), never a workstation's clock.

A configurable share of products (``team set double-share 0.1``) is labelled a second time,
blind, by another labeler: that second round records :class:`BlindLabel` rows, not decisions,
and ``team report`` measures agreement on them.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, exists, func, literal, not_, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import aliased
from sqlalchemy.orm.exc import StaleDataError

from emit_gui.errors import UserError
from emit_gui.store import CORRECTED, Store, default_user
from emit_gui.store.schema import (
    BlindLabel,
    Decision,
    Image,
    Product,
    Review,
    TeamSetting,
    WorkItem,
    utcnow,
)

LEASE_SECONDS = 300
APPROVED = "approved"


def _clock() -> float:
    """Seconds that keep counting while the machine sleeps (a lease does too)."""
    boot = getattr(time, "CLOCK_BOOTTIME", None)
    return time.clock_gettime(boot) if boot is not None else time.monotonic()


class LeaseLost(UserError):
    """The lease expired and someone else took the product."""


@dataclass(frozen=True)
class Lease:
    item_id: int
    product_id: int
    pid: str
    round: int  # 1: label; 2: the blind second label
    holder: str
    expires_at: datetime

    @property
    def blind(self) -> bool:
        """Label without seeing the first labeler's decisions; record with :meth:`Team.label_blind`."""
        return self.round == 2


@dataclass(frozen=True)
class Holding:
    pid: str
    round: int
    holder: str
    expires_at: datetime


def in_double_share(pid: str, share: float) -> bool:
    """Whether a product is labelled twice: a stable draw from its id."""
    h = int(hashlib.sha256(pid.encode("utf-8")).hexdigest()[:8], 16) / 0x1_0000_0000
    return h < share


class Team:
    """One labeler's (or reviewer's) view of the team's work on one workspace."""

    def __init__(self, store: Store, workspace_id: int, *, user: str | None = None,
                 lease_seconds: float = LEASE_SECONDS):
        self.store = store
        self.workspace_id = workspace_id
        self.lease_seconds = lease_seconds
        self.pg = store.target.is_postgres
        self._engine = store._writer
        self.expires: dict[int, datetime] = {}  # lease item -> expiry, from the server's last answer
        self._renewed: dict[int, float] = {}  # lease item -> monotonic time the renewal was asked
        # who I am is the server's answer (current_user) on a team database, not a name I claim
        self.me = store.server_user or user or default_user()

    # ---------------------------------------------------------------- helpers
    def _now(self):
        return func.now() if self.pg else literal(utcnow())

    def _expiry(self):
        return func.now() + timedelta(seconds=self.lease_seconds) if self.pg else \
            literal(utcnow() + timedelta(seconds=self.lease_seconds))

    def _insert(self):
        return pg_insert(WorkItem) if self.pg else sqlite_insert(WorkItem)

    # ---------------------------------------------------------------- settings
    def setting(self, key: str, default=None, conn: Connection | None = None):
        if conn is None:
            with self.store._reader.connect() as c:
                return self.setting(key, default, c)
        value = conn.execute(select(TeamSetting.value).where(TeamSetting.key == key)).scalar()
        return default if value is None else value

    def set_setting(self, key: str, value) -> None:
        with self._engine.begin() as conn:
            ins = (pg_insert if self.pg else sqlite_insert)(TeamSetting).values(key=key, value=value)
            conn.execute(ins.on_conflict_do_update(index_elements=["key"], set_={"value": value}))

    def double_share(self, conn: Connection | None = None) -> float:
        return float(self.setting("double_share", 0.0, conn) or 0.0)

    # ---------------------------------------------------------------- work items
    def ensure_items(self, conn: Connection | None = None) -> int:
        """A round-1 item for every product of the workspace, a round-2 item for the double
        share. Idempotent; several labelers may run it at once."""
        if conn is None:
            with self._engine.begin() as c:
                return self.ensure_items(c)
        if self.pg:  # one labeler creates the items, the others wait for it instead of colliding
            conn.execute(select(func.pg_advisory_xact_lock(0x656D6974, self.workspace_id)))
        share = self.double_share(conn)
        products = conn.execute(
            select(Product.id, Product.pid).where(Product.workspace_id == self.workspace_id)
            .where(~exists().where(WorkItem.product_id == Product.id, WorkItem.round == 1))
        ).all()
        rows = [{"product_id": pid_id, "round": 1} for pid_id, _ in products]
        if share > 0:
            have2 = set(conn.execute(
                select(WorkItem.product_id).join(Product, Product.id == WorkItem.product_id)
                .where(Product.workspace_id == self.workspace_id, WorkItem.round == 2)).scalars())
            for pid_id, pid in conn.execute(
                    select(Product.id, Product.pid).where(Product.workspace_id == self.workspace_id)):
                if pid_id not in have2 and in_double_share(pid, share):
                    rows.append({"product_id": pid_id, "round": 2})
        if rows:
            conn.execute(self._insert().values(rows).on_conflict_do_nothing(
                index_elements=["product_id", "round"]))
        return len(rows)

    def _candidates(self, now):
        """Open work items nobody holds: walked in (round, product id) order along a partial
        index of the open items, so the first free one is found without reading the rest."""
        first = aliased(WorkItem)
        second_ok = exists().where(
            first.product_id == WorkItem.product_id, first.round == 1,
            first.done_at.is_not(None), first.done_by != self.me)
        return (
            select(WorkItem.id, WorkItem.product_id, WorkItem.round, Product.pid)
            .join(Product, Product.id == WorkItem.product_id)
            .where(Product.workspace_id == self.workspace_id, WorkItem.done_at.is_(None))
            .where(or_(WorkItem.holder.is_(None), WorkItem.expires_at < now))
            .where(or_(WorkItem.round == 1, and_(WorkItem.round == 2, second_ok)))
        )

    def next_product(self, *, keep_others: bool = False, after: str | None = None) -> Lease | None:
        """Lease the next product nobody else holds (round-1 work first, in the folder's order,
        after ``after`` if given, wrapping round); my other leases are released unless
        ``keep_others``. A product whose photos all have decisions already (made outside a
        lease) is marked done on the way. ``None`` when nothing is left to do."""
        ensured = False
        for _ in range(64):
            asked = _clock()
            with self._engine.begin() as conn:
                now = self._now()
                q = self._candidates(now).order_by(WorkItem.round, WorkItem.product_id).limit(1)
                if after is not None:
                    q = q.where(Product.pid > after)
                if self.pg:
                    q = q.with_for_update(of=WorkItem, skip_locked=True)
                row = conn.execute(q).first()
                if row is None:
                    if not ensured:  # new products, or items another labeler just committed
                        ensured = True
                        self.ensure_items(conn)
                        continue
                    if after is not None:
                        after = None
                        continue
                    if not keep_others:
                        self._release_mine(conn)
                    return None
                if row.round == 1:
                    open_photo = conn.execute(
                        select(Image.id).where(Image.product_id == row.product_id)
                        .where(~exists().where(Decision.image_id == Image.id)).limit(1)).first()
                    if open_photo is None:  # decided already: out of the queue
                        by = conn.execute(select(Decision.user).join(Image, Image.id == Decision.image_id)
                                          .where(Image.product_id == row.product_id).limit(1)).scalar()
                        conn.execute(update(WorkItem).where(WorkItem.id == row.id)
                                     .values(done_at=self._now(), done_by=by or self.me))
                        continue
                if not keep_others:
                    self._release_mine(conn, except_id=row.id)
                got = conn.execute(
                    update(WorkItem).where(WorkItem.id == row.id)
                    .values(holder=self.me, leased_at=self._now(), expires_at=self._expiry())
                    .returning(WorkItem.expires_at)).first()
                if got is None:  # a policy refused it: someone else's live lease
                    continue
                self._renewed[row.id] = asked
                self.expires[row.id] = got.expires_at
                return Lease(row.id, row.product_id, row.pid, row.round, self.me, got.expires_at)
        return None

    def next_in(self, order: list[str], *, after: str | None = None, keep_others: bool = False,
                chunk: int = 200) -> Lease | None:
        """Lease the next product nobody else holds in a given order (what the window's list
        shows, its filter and sort applied): the first one after ``after``, wrapping round, with
        ``after`` itself last. Products outside ``order`` are never taken. Each product offers
        its open round (round 1, or the blind round 2 once someone else finished round 1); a
        round-1 product whose photos all have decisions leaves the queue on the way. The take
        is a conditional UPDATE (free or expired), so two labelers asking at once never get one
        product. ``None`` when no product of ``order`` is free (my other leases are then kept
        unless ``keep_others`` is false)."""
        pids = list(dict.fromkeys(order))
        if after in pids:
            i = pids.index(after)
            pids = pids[i + 1:] + pids[:i] + [after]
        self.ensure_items()
        for start in range(0, len(pids), chunk):
            part = pids[start:start + chunk]
            rank = {pid: k for k, pid in enumerate(part)}
            with self.store._reader.connect() as conn:
                rows = conn.execute(self._candidates(self._now()).where(Product.pid.in_(part))).all()
            for row in sorted(rows, key=lambda r: (rank[r.pid], r.round)):
                lease = self._take(row, keep_others=keep_others)
                if lease is not None:
                    return lease
        if not keep_others:
            with self._engine.begin() as conn:
                self._release_mine(conn)
        return None

    def _take(self, row, *, keep_others: bool) -> Lease | None:
        """Take one candidate work item if it is still free (None: taken meanwhile, or decided)."""
        asked = _clock()
        with self._engine.begin() as conn:
            if row.round == 1:
                open_photo = conn.execute(
                    select(Image.id).where(Image.product_id == row.product_id)
                    .where(~exists().where(Decision.image_id == Image.id)).limit(1)).first()
                if open_photo is None:  # decided already (outside a lease): out of the queue
                    by = conn.execute(select(Decision.user).join(Image, Image.id == Decision.image_id)
                                      .where(Image.product_id == row.product_id).limit(1)).scalar()
                    conn.execute(update(WorkItem).where(WorkItem.id == row.id, WorkItem.done_at.is_(None))
                                 .values(done_at=self._now(), done_by=by or self.me))
                    return None
            got = conn.execute(
                update(WorkItem)
                .where(WorkItem.id == row.id, WorkItem.done_at.is_(None),
                       or_(WorkItem.holder.is_(None), WorkItem.expires_at < self._now()))
                .values(holder=self.me, leased_at=self._now(), expires_at=self._expiry())
                .returning(WorkItem.expires_at)).first()
            if got is None:
                return None
            if not keep_others:
                self._release_mine(conn, except_id=row.id)
        self._renewed[row.id] = asked
        self.expires[row.id] = got.expires_at
        return Lease(row.id, row.product_id, row.pid, row.round, self.me, got.expires_at)

    def lease(self, pid: str, round_: int | None = None) -> Lease:
        """Take a given product (the labeler opened it by hand); LeaseLost if someone holds it.
        Without ``round_``: its blind second round when someone else finished the first and
        the second is still open, else its first round."""
        with self._engine.begin() as conn:
            self.ensure_items(conn)
            q = (select(WorkItem.id, WorkItem.product_id, WorkItem.round, WorkItem.done_at, WorkItem.done_by)
                 .join(Product, Product.id == WorkItem.product_id)
                 .where(Product.workspace_id == self.workspace_id, Product.pid == pid))
            # no FOR UPDATE: row-level security hides a row locked that way from whoever may not
            # update it; the conditional UPDATE below is the atomic test
            items = {r.round: r for r in conn.execute(q)}
            if round_ is None:
                first, second = items.get(1), items.get(2)
                blind = (first is not None and first.done_at is not None and first.done_by != self.me
                         and second is not None and second.done_at is None)
                round_ = 2 if blind else 1
            row = items.get(round_)
            if row is None:
                raise UserError(f"{pid}: no such product in this workspace")
            got = conn.execute(
                update(WorkItem)
                .where(WorkItem.id == row.id,
                       or_(WorkItem.holder.is_(None), WorkItem.holder == self.me, WorkItem.expires_at < self._now()))
                .values(holder=self.me, leased_at=self._now(), expires_at=self._expiry())
                .returning(WorkItem.expires_at)).first()
            if got is None:
                holder = conn.execute(select(WorkItem.holder).where(WorkItem.id == row.id)).scalar()
                raise LeaseLost(f"{pid}: {holder} is working on it")
            self._renewed[row.id] = _clock()
            self.expires[row.id] = got.expires_at
            return Lease(row.id, row.product_id, pid, round_, self.me, got.expires_at)

    def heartbeat(self, lease: Lease) -> Lease:
        """Keep the lease alive; LeaseLost if it expired and someone else took it."""
        asked = _clock()
        with self._engine.begin() as conn:
            got = conn.execute(
                update(WorkItem)
                .where(WorkItem.id == lease.item_id,
                       or_(WorkItem.holder == self.me, and_(WorkItem.holder.is_(None), WorkItem.done_at.is_(None))))
                .values(holder=self.me, expires_at=self._expiry())
                .returning(WorkItem.expires_at)).first()
        if got is None:
            raise LeaseLost(f"{lease.pid}: the lease expired and someone else took the product")
        self._renewed[lease.item_id] = asked
        self.expires[lease.item_id] = got.expires_at
        return Lease(lease.item_id, lease.product_id, lease.pid, lease.round, self.me, got.expires_at)

    def keep_alive(self, lease: Lease) -> None:
        """Renew the lease when a quarter of its time has gone since the last renewal (the
        window calls this on every key press, and from a timer); until it expires nobody else can
        take it, so a fresh lease needs no round trip."""
        renewed = self._renewed.get(lease.item_id)
        if renewed is None or _clock() - renewed > self.lease_seconds / 4:
            self.heartbeat(lease)

    def release(self, lease: Lease, *, done: bool = False) -> None:
        """Give the product back (``done``: finished; it leaves the queue)."""
        self._renewed.pop(lease.item_id, None)
        self.expires.pop(lease.item_id, None)
        values = {"holder": None, "expires_at": None}
        if done:
            values.update(done_by=self.me, done_at=self._now())
        with self._engine.begin() as conn:
            conn.execute(update(WorkItem).where(WorkItem.id == lease.item_id, WorkItem.holder == self.me)
                         .values(**values))

    def _release_mine(self, conn: Connection, except_id: int | None = None) -> None:
        q = update(WorkItem).where(WorkItem.holder == self.me).where(
            WorkItem.product_id.in_(select(Product.id).where(Product.workspace_id == self.workspace_id)))
        if except_id is not None:
            q = q.where(WorkItem.id != except_id)
        conn.execute(q.values(holder=None, expires_at=None))

    def holders(self) -> dict[str, Holding]:
        """Live leases of the workspace: pid -> who holds it (for the product list)."""
        with self.store._reader.connect() as conn:
            rows = conn.execute(
                select(Product.pid, WorkItem.round, WorkItem.holder, WorkItem.expires_at)
                .join(Product, Product.id == WorkItem.product_id)
                .where(Product.workspace_id == self.workspace_id, WorkItem.holder.is_not(None),
                       WorkItem.expires_at >= self._now())).all()
        return {pid: Holding(pid, r, h, e) for pid, r, h, e in rows}

    def blind_for_me(self) -> dict[str, dict[int, str]]:
        """Products I would label blind: their second round is open and someone else finished
        the first. pid -> my blind labels so far (image id -> tag; "" = not an option photo).
        The window hides the first labeler's decisions (and the proposals) on them."""
        first = aliased(WorkItem)
        with self.store._reader.connect() as conn:
            pids = conn.execute(
                select(Product.id, Product.pid).join(WorkItem, WorkItem.product_id == Product.id)
                .where(Product.workspace_id == self.workspace_id, WorkItem.round == 2, WorkItem.done_at.is_(None))
                .where(exists().where(first.product_id == WorkItem.product_id, first.round == 1,
                                      first.done_at.is_not(None), first.done_by != self.me))).all()
            out: dict[str, dict[int, str]] = {pid: {} for _id, pid in pids}
            if out:
                for pid, image_id, tag in conn.execute(
                        select(Product.pid, BlindLabel.image_id, BlindLabel.tag)
                        .join(Image, Image.id == BlindLabel.image_id).join(Product, Product.id == Image.product_id)
                        .where(BlindLabel.user == self.me, Product.id.in_([i for i, _p in pids]))):
                    out[pid][image_id] = tag
        return out

    def my_blind_labels(self, image_ids) -> dict[int, str]:
        """My blind labels of these photos (image id -> tag)."""
        ids = sorted(set(image_ids))
        out: dict[int, str] = {}
        with self.store._reader.connect() as conn:
            for start in range(0, len(ids), 500):
                out.update(conn.execute(select(BlindLabel.image_id, BlindLabel.tag)
                                        .where(BlindLabel.user == self.me,
                                               BlindLabel.image_id.in_(ids[start:start + 500]))).all())
        return out

    def remaining(self) -> int:
        with self.store._reader.connect() as conn:
            return conn.execute(select(func.count()).select_from(self._candidates(self._now()).subquery())).scalar()

    # ---------------------------------------------------------------- deciding under a lease
    def decide(self, lease: Lease, items, *, suggestion_ids=None) -> str:
        """Record (image id, tag, kind) decisions on the leased product, refreshing the lease;
        LeaseLost if the product is no longer mine. On a team database another labeler's
        decision is not mine to overwrite: that is a clear error, not a crash."""
        if lease.blind:
            raise UserError(f"{lease.pid}: a blind second label is recorded with label_blind")
        self.keep_alive(lease)
        try:
            return self.store.decide_many(self.workspace_id, items, user=self.me, suggestion_ids=suggestion_ids)
        except StaleDataError:
            raise UserError(f"{lease.pid}: a photo was decided by someone else; a reviewer may change it") from None

    def label_blind(self, lease: Lease, labels: dict[int, str]) -> None:
        """The blind second round: my labels beside (not over) the first labeler's."""
        if not lease.blind:
            raise UserError(f"{lease.pid}: not a blind round")
        self.keep_alive(lease)
        self.write_blind(labels)

    def write_blind(self, labels: dict[int, str]) -> None:
        """Store blind labels (mine: the server stamps them) whatever the lease's state."""
        if not labels:
            return
        rows = [{"workspace_id": self.workspace_id, "image_id": i, "user": self.me, "tag": t, "at": utcnow()}
                for i, t in labels.items()]
        ins = (pg_insert if self.pg else sqlite_insert)(BlindLabel).values(rows)
        with self._engine.begin() as conn:
            conn.execute(ins.on_conflict_do_update(index_elements=["image_id", "user"],
                                                   set_={"tag": ins.excluded.tag, "at": ins.excluded.at}))

    # ---------------------------------------------------------------- review
    def to_review(self, limit: int = 500) -> list[tuple[int, str, str]]:
        """Decided photos with no review since their decision: (image id, tag, labeler)."""
        reviewed = exists().where(Review.image_id == Decision.image_id, Review.at >= Decision.decided_at)
        with self.store._reader.connect() as conn:
            return [tuple(r) for r in conn.execute(
                select(Decision.image_id, Decision.tag, Decision.user)
                .join(Image, Image.id == Decision.image_id).join(Product, Product.id == Image.product_id)
                .where(Product.workspace_id == self.workspace_id, not_(reviewed))
                .order_by(Product.pid, Image.name).limit(limit))]

    def approve(self, image_ids) -> int:
        with self._engine.begin() as conn:
            rows = conn.execute(select(Decision.image_id, Decision.tag, Decision.user)
                                .where(Decision.image_id.in_(list(image_ids)))).all()
            for image_id, tag, labeler in rows:
                conn.execute(Review.__table__.insert().values(
                    workspace_id=self.workspace_id, image_id=image_id, user=self.me, labeler=labeler,
                    verdict=APPROVED, before_tag=tag, after_tag=tag, at=utcnow()))
        return len(rows)

    def correct(self, image_id: int, tag: str, comment: str | None = None) -> None:
        """A reviewer's correction: the decision changes (as the reviewer's), and the labeler
        sees the comment (:meth:`corrections_for_me`)."""
        with self.store._reader.connect() as conn:
            before = conn.execute(select(Decision.tag, Decision.user).where(Decision.image_id == image_id)).first()
        try:
            self.store.decide(self.workspace_id, image_id, tag, CORRECTED, user=self.me)
        except StaleDataError:
            raise UserError("only a reviewer may change another labeler's decision") from None
        with self._engine.begin() as conn:
            conn.execute(Review.__table__.insert().values(
                workspace_id=self.workspace_id, image_id=image_id, user=self.me,
                labeler=before.user if before else None, verdict=CORRECTED,
                before_tag=before.tag if before else None, after_tag=tag, comment=comment, at=utcnow()))

    def corrections_for_me(self, *, unseen: bool = True) -> list[dict]:
        q = (select(Review).where(Review.workspace_id == self.workspace_id, Review.labeler == self.me,
                                  Review.verdict == CORRECTED).order_by(Review.id))
        if unseen:
            q = q.where(Review.seen_at.is_(None))
        with self.store._reader.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q.with_only_columns(*Review.__table__.c))]

    def mark_seen(self, review_ids) -> None:
        with self._engine.begin() as conn:
            conn.execute(update(Review).where(Review.id.in_(list(review_ids)), Review.labeler == self.me)
                         .values(seen_at=self._now()))
