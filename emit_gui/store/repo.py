"""The store's API. Every decision is committed before the call returns.

Widgets never hold a Session: the UI calls these methods (from a worker where they may wait
on the disk) and gets plain values back.
"""

from __future__ import annotations

import getpass
import os
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from emit_gui.catalog.model import Catalog
from emit_gui.errors import UserError
from emit_gui.hashing import sha256_file
from emit_gui.store.db import DbTarget, open_engines, resolve_db
from emit_gui.store.schema import (
    Decision,
    HistoryEvent,
    Image,
    ModelVersion,
    OptionTag,
    Product,
    Suggestion,
    Workspace,
    utcnow,
)

ACCEPTED = "accepted"
CORRECTED = "corrected"
KINDS = (ACCEPTED, CORRECTED)


def default_user() -> str:
    try:
        return os.environ.get("EMIT_GUI_USER") or getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some systems
        return "unknown"


def _chunks(items: list, n: int):
    for i in range(0, len(items), n):
        yield items[i : i + n]


@dataclass(frozen=True)
class DecisionState:
    tag: str | None
    kind: str | None


@dataclass
class WorkspaceIndex:
    """What :meth:`Store.sync_workspace` returns: ids for the catalog's products and photos."""

    workspace_id: int
    image_ids: dict[tuple[str, str], int]  # (pid, image name) -> image id
    relocated_from: str | None = None

    def image_id(self, pid: str, name: str) -> int:
        return self.image_ids[(pid, name)]


class Store:
    def __init__(self, path: str | os.PathLike | DbTarget):
        self.target = resolve_db(path)  # a SQLite file or a team's postgresql:// URL
        # the file, or the URL as text (what another emit-gui process takes as --db)
        self.path = self.target.path if self.target.path is not None else self.target.locator
        self._writer, self._reader = open_engines(self.target)
        self._write = sessionmaker(self._writer, expire_on_commit=False)
        self._read = sessionmaker(self._reader, expire_on_commit=False)

    def close(self) -> None:
        self._writer.dispose()
        self._reader.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---------------------------------------------------------------- workspaces

    def sync_workspace(
        self,
        catalog: Catalog,
        *,
        hash_images: bool = True,
        progress: Callable[[int, int], None] | None = None,
    ) -> WorkspaceIndex:
        """Record an opened folder's products, photos and tags; return their ids.

        Photos are known by content hash as well as by name: a renamed photo keeps its
        decision, and a moved folder (its old path gone) is recognised as the same workspace.
        """
        root = str(Path(os.path.realpath(catalog.root)))
        hashes: dict[tuple[str, str], tuple[str | None, int | None, int | None]] = {}
        with self._read() as s:
            ws = s.scalar(select(Workspace).where(Workspace.root == root))
            known: dict[tuple[str, str], tuple[str | None, int | None, int | None]] = {}
            if ws is not None:
                rows = s.execute(
                    select(Product.pid, Image.name, Image.content_hash, Image.size, Image.mtime_ns)
                    .join(Image, Image.product_id == Product.id)
                    .where(Product.workspace_id == ws.id)
                )
                known = {(pid, name): (h, sz, mt) for pid, name, h, sz, mt in rows}
        total = catalog.n_images
        done = 0
        for product in catalog.products:
            for im in product.images:
                done += 1
                key = (product.pid, im.name)
                if not hash_images or not im.usable:
                    hashes[key] = (None, None, None)
                    continue
                try:
                    st = os.stat(im.path)
                except OSError:
                    hashes[key] = (None, None, None)
                    continue
                old = known.get(key)
                if old and old[0] and old[1] == st.st_size and old[2] == st.st_mtime_ns:
                    hashes[key] = old
                else:
                    try:
                        hashes[key] = (sha256_file(im.path), st.st_size, st.st_mtime_ns)
                    except OSError:
                        hashes[key] = (None, None, None)
                if progress is not None and done % 256 == 0:
                    progress(done, total)

        relocated_from = None
        with self._write.begin() as s:
            ws = s.scalar(select(Workspace).where(Workspace.root == root))
            if ws is None:
                ws = self._find_moved_workspace(s, catalog, hashes)
                if ws is not None:
                    relocated_from = ws.root
                    ws.root = root
                else:
                    ws = Workspace(root=root, profile_name=catalog.profile_name)
                    s.add(ws)
                    s.flush()
            ws.opened_at = utcnow()
            ws.profile_name = catalog.profile_name
            products = {p.pid: p for p in s.scalars(select(Product).where(Product.workspace_id == ws.id))}
            new_products = [Product(workspace_id=ws.id, pid=cp.pid) for cp in catalog.products
                            if cp.pid not in products]
            s.add_all(new_products)
            s.flush()
            products.update({p.pid: p for p in new_products})
            product_ids = [p.id for p in products.values()]
            image_rows: dict[int, dict[str, Image]] = defaultdict(dict)
            tag_rows: dict[int, dict[str, OptionTag]] = defaultdict(dict)
            for chunk in _chunks(product_ids, 500):
                for img in s.scalars(select(Image).where(Image.product_id.in_(chunk))):
                    image_rows[img.product_id][img.name] = img
                for t in s.scalars(select(OptionTag).where(OptionTag.product_id.in_(chunk))):
                    tag_rows[t.product_id][t.tag] = t
            placed: list[tuple[tuple[str, str], Image]] = []
            for cp in catalog.products:
                prow = products[cp.pid]
                existing_tags = tag_rows[prow.id]
                for pos, tag in enumerate(cp.optional_tags):
                    row = existing_tags.get(tag)
                    if row is None:
                        s.add(OptionTag(product_id=prow.id, tag=tag, position=pos))
                    elif row.position != pos:
                        row.position = pos
                rows = image_rows[prow.id]
                by_hash = {r.content_hash: r for r in rows.values() if r.content_hash}
                current_names = {im.name for im in cp.images}
                for im in cp.images:
                    h, size, mtime = hashes.get((cp.pid, im.name), (None, None, None))
                    row = rows.get(im.name)
                    if row is None and h and h in by_hash and by_hash[h].name not in current_names:
                        row = by_hash[h]  # the same photo under a new name: keep its decision
                        del rows[row.name]
                        row.name = im.name
                        rows[im.name] = row
                        s.flush()  # the rename must reach the table before a new row may take the old name
                    if row is None:
                        row = Image(product_id=prow.id, name=im.name)
                        s.add(row)
                        rows[im.name] = row
                    if h and (row.content_hash, row.size, row.mtime_ns) != (h, size, mtime):
                        row.content_hash, row.size, row.mtime_ns = h, size, mtime
                    placed.append(((cp.pid, im.name), row))
            s.flush()
            ids = {key: row.id for key, row in placed}
            return WorkspaceIndex(workspace_id=ws.id, image_ids=ids, relocated_from=relocated_from)

    @staticmethod
    def _find_moved_workspace(s: Session, catalog: Catalog, hashes) -> Workspace | None:
        """A workspace whose folder is gone and whose photos match this catalog's by content."""
        sample = [(pid, h) for (pid, _name), (h, _sz, _mt) in hashes.items() if h][:200]
        if not sample:
            return None
        votes: dict[int, int] = defaultdict(int)
        for pid, h in sample:
            for ws_id in s.scalars(
                select(Product.workspace_id)
                .join(Image, Image.product_id == Product.id)
                .where(Image.content_hash == h, Product.pid == pid)
            ):
                votes[ws_id] += 1
        for ws_id, n in sorted(votes.items(), key=lambda kv: -kv[1]):
            ws = s.get(Workspace, ws_id)
            if ws is not None and n >= max(1, len(sample) // 2) and not Path(ws.root).exists():
                return ws
        return None

    def workspace_for(self, root: str | os.PathLike) -> int | None:
        with self._read() as s:
            return s.scalar(select(Workspace.id).where(Workspace.root == str(Path(os.path.realpath(root)))))

    # ---------------------------------------------------------------- decisions

    def _state(self, s: Session, image_id: int) -> DecisionState:
        d = s.scalar(select(Decision).where(Decision.image_id == image_id))
        return DecisionState(d.tag, d.kind) if d else DecisionState(None, None)

    @staticmethod
    def _apply(s: Session, image_id: int, state: DecisionState, user: str, suggestion_id: int | None) -> None:
        d = s.scalar(select(Decision).where(Decision.image_id == image_id))
        if state.tag is None:
            if d is not None:
                s.delete(d)
            return
        if d is None:
            d = Decision(image_id=image_id, tag=state.tag, kind=state.kind, user=user)
            s.add(d)
        d.tag, d.kind, d.user, d.decided_at, d.suggestion_id = state.tag, state.kind, user, utcnow(), suggestion_id

    def decide_many(
        self,
        workspace_id: int,
        items: Iterable[tuple[int, str | None, str | None]],
        *,
        user: str | None = None,
        suggestion_ids: dict[int, int] | None = None,
    ) -> str:
        """Record (image id, tag, kind) decisions as one undoable action; ``tag=None`` clears.

        Committed (and synced to disk) before it returns; returns the action's group id.
        """
        user = user or default_user()
        group = uuid.uuid4().hex
        with self._write.begin() as s:
            for image_id, tag, kind in items:
                if tag is not None and kind not in KINDS:
                    raise ValueError(f"decision kind must be one of {KINDS}, not {kind!r}")
                before = self._state(s, image_id)
                after = DecisionState(tag, kind if tag is not None else None)
                sid = (suggestion_ids or {}).get(image_id)
                self._apply(s, image_id, after, user, sid)
                s.add(HistoryEvent(
                    workspace_id=workspace_id, image_id=image_id, action="decide",
                    before_tag=before.tag, before_kind=before.kind,
                    after_tag=after.tag, after_kind=after.kind,
                    suggestion_id=sid, group_id=group, user=user,
                ))
        return group

    def decide(self, workspace_id: int, image_id: int, tag: str | None, kind: str | None = CORRECTED,
               *, user: str | None = None, suggestion_id: int | None = None) -> str:
        return self.decide_many(
            workspace_id, [(image_id, tag, kind)], user=user,
            suggestion_ids={image_id: suggestion_id} if suggestion_id else None,
        )

    def _stacks(self, s: Session, workspace_id: int) -> tuple[list[str], list[str]]:
        """Replay the history into (undo stack, redo stack) of group ids."""
        undo: list[str] = []
        redo: list[str] = []
        last: tuple[str, str] | None = None
        for action, group in s.execute(
            select(HistoryEvent.action, HistoryEvent.group_id)
            .where(HistoryEvent.workspace_id == workspace_id)
            .order_by(HistoryEvent.id)
        ):
            if (action, group) == last:
                continue  # the other photos of the same action
            last = (action, group)
            if action == "decide":
                undo.append(group)
                redo.clear()
            elif action == "undo" and undo and undo[-1] == group:
                redo.append(undo.pop())
            elif action == "redo" and redo and redo[-1] == group:
                undo.append(redo.pop())
        return undo, redo

    def stack_depths(self, workspace_id: int) -> tuple[int, int]:
        """(actions that can be undone, actions that can be redone), from the stored history."""
        with self._read() as s:
            undo, redo = self._stacks(s, workspace_id)
            return len(undo), len(redo)

    def can_undo(self, workspace_id: int) -> bool:
        with self._read() as s:
            return bool(self._stacks(s, workspace_id)[0])

    def can_redo(self, workspace_id: int) -> bool:
        with self._read() as s:
            return bool(self._stacks(s, workspace_id)[1])

    def _replay(self, workspace_id: int, *, undo: bool, user: str | None) -> list[int]:
        user = user or default_user()
        with self._write.begin() as s:
            undo_stack, redo_stack = self._stacks(s, workspace_id)
            stack = undo_stack if undo else redo_stack
            if not stack:
                return []
            group = stack[-1]
            events = list(s.scalars(
                select(HistoryEvent)
                .where(HistoryEvent.workspace_id == workspace_id, HistoryEvent.group_id == group,
                       HistoryEvent.action == "decide")
                .order_by(HistoryEvent.id)
            ))
            if undo:
                events.reverse()
            touched = []
            for ev in events:
                before = self._state(s, ev.image_id)
                target = (DecisionState(ev.before_tag, ev.before_kind) if undo
                          else DecisionState(ev.after_tag, ev.after_kind))
                self._apply(s, ev.image_id, target, user, ev.suggestion_id)
                s.add(HistoryEvent(
                    workspace_id=workspace_id, image_id=ev.image_id, action="undo" if undo else "redo",
                    before_tag=before.tag, before_kind=before.kind,
                    after_tag=target.tag, after_kind=target.kind,
                    suggestion_id=ev.suggestion_id, reverts=ev.id, group_id=group, user=user,
                ))
                touched.append(ev.image_id)
            return touched

    def undo(self, workspace_id: int, *, user: str | None = None) -> list[int]:
        """Revert the latest action not yet undone (even one from before a restart)."""
        return self._replay(workspace_id, undo=True, user=user)

    def redo(self, workspace_id: int, *, user: str | None = None) -> list[int]:
        return self._replay(workspace_id, undo=False, user=user)

    def decisions(self, workspace_id: int) -> dict[int, DecisionState]:
        with self._read() as s:
            rows = s.execute(
                select(Decision.image_id, Decision.tag, Decision.kind)
                .join(Image, Image.id == Decision.image_id)
                .join(Product, Product.id == Image.product_id)
                .where(Product.workspace_id == workspace_id)
            )
            return {i: DecisionState(t, k) for i, t, k in rows}

    def decision_count(self) -> int:
        with self._read() as s:
            return s.scalar(select(func.count(Decision.id))) or 0

    def history(self, workspace_id: int) -> list[HistoryEvent]:
        with self._read() as s:
            return list(s.scalars(
                select(HistoryEvent).where(HistoryEvent.workspace_id == workspace_id).order_by(HistoryEvent.id)
            ))

    # ---------------------------------------------------------------- models and suggestions

    def register_model(self, name: str, path: str, sha256: str | None = None, metrics: dict | None = None) -> int:
        with self._write.begin() as s:
            row = s.scalar(select(ModelVersion).where(ModelVersion.name == name))
            if row is None:
                row = ModelVersion(name=name, path=path, sha256=sha256, metrics=metrics)
                s.add(row)
            else:
                row.path, row.sha256, row.metrics = path, sha256, metrics
            s.flush()
            return row.id

    def add_suggestions(self, model_version_id: int, rows: Iterable[dict]) -> dict[int, int]:
        """Store proposals (dicts with image_id, tag, confidence, runner_up, member_scores);
        replaces that model's earlier proposals for the same photos. Returns image id -> row id."""
        rows = list(rows)
        out: dict[int, int] = {}
        with self._write.begin() as s:
            ids = [r["image_id"] for r in rows]
            if ids:
                s.execute(delete(Suggestion).where(
                    Suggestion.model_version_id == model_version_id, Suggestion.image_id.in_(ids)))
            for r in rows:
                row = Suggestion(model_version_id=model_version_id, image_id=r["image_id"], tag=r["tag"],
                                 confidence=float(r["confidence"]), runner_up=r.get("runner_up"),
                                 member_scores=r.get("member_scores"))
                s.add(row)
                s.flush()
                out[r["image_id"]] = row.id
        return out

    def labelled_decisions(self) -> list[dict]:
        """Every human decision with where its photo lives: what retraining learns from."""
        with self._read() as s:
            rows = s.execute(
                select(Workspace.root, Workspace.profile_name, Product.pid, Image.name, Image.content_hash,
                       Decision.tag, Decision.kind, Decision.decided_at, Product.id)
                .join(Product, Product.workspace_id == Workspace.id)
                .join(Image, Image.product_id == Product.id)
                .join(Decision, Decision.image_id == Image.id)
                .order_by(Decision.decided_at)
            ).all()
            tags: dict[int, list[str]] = defaultdict(list)
            for pid_id, tag in s.execute(
                select(OptionTag.product_id, OptionTag.tag).order_by(OptionTag.product_id, OptionTag.position)
            ):
                tags[pid_id].append(tag)
        return [
            {"root": r, "profile": pf, "pid": pid, "name": name, "content_hash": h, "tag": tag,
             "kind": kind, "decided_at": at, "optional_tags": tags[prod_id]}
            for r, pf, pid, name, h, tag, kind, at, prod_id in rows
        ]

    def integrity_check(self) -> str:
        with self._reader.connect() as conn:
            if self.target.is_postgres:  # the server checks its own pages; reachable is what we can say
                return "ok" if conn.exec_driver_sql("SELECT 1").scalar() == 1 else "unreachable"
            return conn.exec_driver_sql("PRAGMA integrity_check").scalar()


def open_store(path: str | os.PathLike | None = None) -> Store:
    target = resolve_db(path)  # --db, else $EMIT_GUI_DB, else the user's data folder
    if target.path is not None and target.path.is_dir():
        raise UserError(f"{target}: is a folder; --db must name a database file or a postgresql:// URL")
    return Store(target)
