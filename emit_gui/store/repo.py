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
from emit_gui.settings import current as current_settings
from emit_gui.store.db import DbTarget, open_engines, resolve_db
from emit_gui.store.schema import (
    Decision,
    HistoryEvent,
    Image,
    ModelVersion,
    OptionTag,
    Product,
    ProductNote,
    Suggestion,
    Workspace,
    utcnow,
)

ACCEPTED = "accepted"  # a person took the model's proposal
ACCEPTED_UNSEEN = "unseen"  # a person accepted the model's sure proposals without looking (Ctrl+Shift+A)
CORRECTED = "corrected"  # a person chose another option
FROM_FILE = "file"  # the label that came with the folder (profile.json), recorded on request
UNSURE = "unsure"  # "look at this later": the photo is not reviewed yet
NOT_OPTION = "not_option"  # the photo shows no option (size chart, packaging, detail shot)
KINDS = (ACCEPTED, ACCEPTED_UNSEEN, CORRECTED, FROM_FILE, UNSURE, NOT_OPTION)
LABEL_KINDS = (ACCEPTED, ACCEPTED_UNSEEN, CORRECTED, FROM_FILE)  # decisions that give the photo an option
PERSON_KINDS = (ACCEPTED, ACCEPTED_UNSEEN, CORRECTED)  # an option a person chose (looking or not)


def default_user() -> str:
    try:
        return current_settings().user or getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some systems
        return "unknown"


DEFAULT_PROFILE = "profile.json"
KEY_SEP = "\x1f"  # between a folder and a non-default profile name in a workspace's key


def workspace_key(root: str | os.PathLike, profile: str) -> str:
    """A workspace is a folder read with one profile file: the same folder opened with
    profile_zh.json is another workspace, so its options never mix with profile.json's."""
    real = str(Path(os.path.realpath(root)))
    return real if profile == DEFAULT_PROFILE else f"{real}{KEY_SEP}{profile}"


def workspace_folder(key: str) -> str:
    return key.split(KEY_SEP, 1)[0]


def _chunks(items: list, n: int):
    for i in range(0, len(items), n):
        yield items[i : i + n]


@dataclass(frozen=True)
class DecisionState:
    tag: str | None
    kind: str | None
    user: str | None = None

    @property
    def labelled(self) -> bool:
        """The photo has an option from a person (or from the folder's own labels)."""
        return bool(self.tag) and self.kind in LABEL_KINDS

    @property
    def reviewed(self) -> bool:
        """A person has settled the photo: an option, or "not an option photo"."""
        return self.labelled or self.kind == NOT_OPTION

    def key(self) -> tuple[str | None, str | None]:
        """What the decision means, for "did anything change": undecided is one state, and an
        accepted or corrected decision with the same tag is the same decision."""
        if self.kind in (NOT_OPTION, UNSURE):
            return self.tag or "", self.kind
        if not self.tag:
            return None, None
        return self.tag, "person" if self.kind in PERSON_KINDS else self.kind


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
        self.server_user: str | None = None  # on a team database: the role the server stamps rows with
        if self.target.is_postgres:
            with self._reader.connect() as conn:
                self.server_user = conn.exec_driver_sql("SELECT current_user").scalar()

    def _who(self, user: str | None) -> str:
        """Who acts: on a team database the server's role whatever the caller claims (rows are
        stamped with it, so per-labeler undo must look for it), else the caller's or the login."""
        return self.server_user or user or default_user()

    def close(self) -> None:
        self._writer.dispose()
        self._reader.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---------------------------------------------------------------- workspaces

    def _hashes(self, catalog: Catalog, known: dict, *, hash_images: bool, only_unknown: bool = False,
                progress: Callable[[int, int], None] | None = None) -> dict:
        """(pid, name) -> (sha256, size, mtime_ns) for the catalog's readable photos; a photo
        whose size and mtime match what the store knows is not read again."""
        hashes: dict[tuple[str, str], tuple[str | None, int | None, int | None]] = {}
        total = catalog.n_images
        done = 0
        for product in catalog.products:
            for im in product.images:
                done += 1
                key = (product.pid, im.name)
                if not hash_images or not im.usable or (only_unknown and key in known):
                    hashes[key] = known.get(key, (None, None, None))
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
        return hashes

    @staticmethod
    def _known(s: Session, ws_id: int) -> dict[tuple[str, str], tuple[str | None, int | None, int | None]]:
        rows = s.execute(
            select(Product.pid, Image.name, Image.content_hash, Image.size, Image.mtime_ns)
            .join(Image, Image.product_id == Product.id)
            .where(Product.workspace_id == ws_id)
        )
        return {(pid, name): (h, sz, mt) for pid, name, h, sz, mt in rows}

    @staticmethod
    def _find_workspace(s: Session, catalog: Catalog) -> Workspace | None:
        key = workspace_key(catalog.root, catalog.profile_name)
        ws = s.scalar(select(Workspace).where(Workspace.root == key))
        if ws is None and catalog.profile_name != DEFAULT_PROFILE:
            # written before the profile was part of a folder's identity
            ws = s.scalar(select(Workspace).where(Workspace.root == workspace_key(catalog.root, DEFAULT_PROFILE),
                                                  Workspace.profile_name == catalog.profile_name))
        return ws

    @staticmethod
    def _match_renamed(rows: dict[str, Image], current_names: set[str], name: str, h: str | None) -> Image | None:
        """The stored photo this new name is a renamed copy of: same content, old name gone.
        With several identical photos, the one whose name disappeared is the one renamed."""
        if not h:
            return None
        for row in rows.values():
            if row.content_hash == h and row.name not in current_names:
                return row
        return None

    def resolve(self, catalog: Catalog) -> WorkspaceIndex | None:
        """Read-only: which stored photos this folder's photos are (by name, else by content
        for renamed photos, and a moved folder by its photos' content). Writes nothing, so a
        read command (export, duplicates) never detaches or loses a decision. None: the store
        has never seen this folder (with this profile)."""
        with self._read() as s:
            ws = self._find_workspace(s, catalog)
            if ws is None:
                hashes = self._hashes(catalog, {}, hash_images=True)
                ws = self._find_moved_workspace(s, catalog, hashes)
                if ws is None:
                    return None
            known = self._known(s, ws.id)
            hashes = self._hashes(catalog, known, hash_images=True, only_unknown=True)
            products = {p.pid: p.id for p in s.scalars(select(Product).where(Product.workspace_id == ws.id))}
            ids: dict[tuple[str, str], int] = {}
            for cp in catalog.products:
                if cp.pid not in products:
                    continue
                rows = {r.name: r for r in s.scalars(select(Image).where(Image.product_id == products[cp.pid]))}
                current = {im.name for im in cp.images}
                taken: set[int] = set()
                for im in cp.images:
                    row = rows.get(im.name)
                    if row is None:
                        row = self._match_renamed({n: r for n, r in rows.items() if r.id not in taken}, current,
                                                  im.name, hashes.get((cp.pid, im.name), (None,))[0])
                    if row is not None:
                        taken.add(row.id)
                        ids[(cp.pid, im.name)] = row.id
            return WorkspaceIndex(workspace_id=ws.id, image_ids=ids)

    def sync_workspace(
        self,
        catalog: Catalog,
        *,
        hash_images: bool = True,
        progress: Callable[[int, int], None] | None = None,
    ) -> WorkspaceIndex:
        """Record an opened folder's products, photos and tags; return their ids. Only the
        window's open does this: read commands use :meth:`resolve`.

        Photos are known by content hash as well as by name: a renamed photo keeps its
        decision, and a moved folder (its old path gone) is recognised as the same workspace.
        A folder is one workspace per profile file: its English and Chinese options never mix.
        """
        root = workspace_key(catalog.root, catalog.profile_name)
        with self._read() as s:
            ws = self._find_workspace(s, catalog)
            known = self._known(s, ws.id) if ws is not None else {}
        hashes = self._hashes(catalog, known, hash_images=hash_images, progress=progress)

        relocated_from = None
        with self._write.begin() as s:
            ws = self._find_workspace(s, catalog)
            if ws is None:
                ws = self._find_moved_workspace(s, catalog, hashes)
                if ws is not None:
                    relocated_from = workspace_folder(ws.root)
                else:
                    ws = Workspace(root=root, profile_name=catalog.profile_name)
                    s.add(ws)
                    s.flush()
            ws.root = root
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
                current_names = {im.name for im in cp.images}
                for im in cp.images:
                    h, size, mtime = hashes.get((cp.pid, im.name), (None, None, None))
                    row = rows.get(im.name)
                    if row is None:
                        row = self._match_renamed(rows, current_names, im.name, h)
                        if row is not None:  # the same photo under a new name: keep its decision
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
        """A workspace (same profile) whose folder is gone and whose photos match this
        catalog's by content."""
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
            if ws is not None and ws.profile_name == catalog.profile_name and n >= max(1, len(sample) // 2) \
                    and not Path(workspace_folder(ws.root)).exists():
                return ws
        return None

    def workspace_for(self, root: str | os.PathLike, profile: str = "profile.json") -> int | None:
        with self._read() as s:
            return s.scalar(select(Workspace.id).where(Workspace.root == workspace_key(root, profile)))

    # ---------------------------------------------------------------- decisions

    def _state(self, s: Session, image_id: int) -> DecisionState:
        d = s.scalar(select(Decision).where(Decision.image_id == image_id))
        return DecisionState(d.tag, d.kind, d.user) if d else DecisionState(None, None)

    @staticmethod
    def _apply(s: Session, image_id: int, state: DecisionState, user: str, suggestion_id: int | None) -> None:
        d = s.scalar(select(Decision).where(Decision.image_id == image_id))
        if state.tag is None or (not state.tag and state.kind not in (NOT_OPTION, UNSURE)):
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
    ) -> list[int]:
        """Record (image id, tag, kind) decisions as one undoable action; ``tag=None`` clears
        (``kind`` "not_option" or "unsure" may come with an empty tag).

        Committed (and synced to disk) before it returns. A photo whose decision would not
        change is left alone (no history event, nothing to undo). Returns the ids changed.
        """
        user = self._who(user)
        group = uuid.uuid4().hex
        changed: list[int] = []
        with self._write.begin() as s:
            for image_id, tag, kind in items:
                if (tag is not None or kind in (NOT_OPTION, UNSURE)) and kind not in KINDS:
                    raise ValueError(f"decision kind must be one of {KINDS}, not {kind!r}")
                before = self._state(s, image_id)
                if kind in (NOT_OPTION, UNSURE):
                    after = DecisionState(tag or "", kind)
                else:
                    after = DecisionState(tag, kind if tag is not None else None)
                if before.key() == after.key():
                    continue
                changed.append(image_id)
                sid = (suggestion_ids or {}).get(image_id)
                self._apply(s, image_id, after, user, sid)
                s.add(HistoryEvent(
                    workspace_id=workspace_id, image_id=image_id, action="decide",
                    before_tag=before.tag, before_kind=before.kind,
                    after_tag=after.tag, after_kind=after.kind,
                    suggestion_id=sid, group_id=group, user=user,
                ))
        return changed

    def decide(self, workspace_id: int, image_id: int, tag: str | None, kind: str | None = CORRECTED,
               *, user: str | None = None, suggestion_id: int | None = None) -> list[int]:
        return self.decide_many(
            workspace_id, [(image_id, tag, kind)], user=user,
            suggestion_ids={image_id: suggestion_id} if suggestion_id else None,
        )

    def _stacks(self, s: Session, workspace_id: int, user: str | None = None) -> tuple[list[str], list[str]]:
        """Replay one labeler's history into (undo stack, redo stack) of group ids: undo and
        redo reach only what this labeler did, never another person's (or process's) work."""
        undo: list[str] = []
        redo: list[str] = []
        last: tuple[str, str] | None = None
        for action, group in s.execute(
            select(HistoryEvent.action, HistoryEvent.group_id)
            .where(HistoryEvent.workspace_id == workspace_id, HistoryEvent.user == self._who(user))
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

    def stack_depths(self, workspace_id: int, user: str | None = None) -> tuple[int, int]:
        """(actions that can be undone, actions that can be redone), from the stored history."""
        with self._read() as s:
            undo, redo = self._stacks(s, workspace_id, user)
            return len(undo), len(redo)

    def can_undo(self, workspace_id: int, user: str | None = None) -> bool:
        return self.stack_depths(workspace_id, user)[0] > 0

    def can_redo(self, workspace_id: int, user: str | None = None) -> bool:
        return self.stack_depths(workspace_id, user)[1] > 0

    def _replay(self, workspace_id: int, *, undo: bool, user: str | None) -> list[int]:
        """Undo or redo this labeler's latest action. A photo that someone else has changed
        since is left as it is (their work is never reverted by my undo)."""
        user = self._who(user)
        with self._write.begin() as s:
            undo_stack, redo_stack = self._stacks(s, workspace_id, user)
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
                expected = (DecisionState(ev.after_tag, ev.after_kind) if undo
                            else DecisionState(ev.before_tag, ev.before_kind))
                target = (DecisionState(ev.before_tag, ev.before_kind) if undo
                          else DecisionState(ev.after_tag, ev.after_kind))
                conflict = before.key() != expected.key() or (before.user is not None and before.user != user)
                if conflict:
                    target = before  # another person's newer decision stays; the event still pops the stack
                else:
                    self._apply(s, ev.image_id, target, user, ev.suggestion_id)
                s.add(HistoryEvent(
                    workspace_id=workspace_id, image_id=ev.image_id, action="undo" if undo else "redo",
                    before_tag=before.tag, before_kind=before.kind,
                    after_tag=target.tag, after_kind=target.kind,
                    suggestion_id=ev.suggestion_id, reverts=ev.id, group_id=group, user=user,
                ))
                if not conflict:
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
                select(Decision.image_id, Decision.tag, Decision.kind, Decision.user)
                .join(Image, Image.id == Decision.image_id)
                .join(Product, Product.id == Image.product_id)
                .where(Product.workspace_id == workspace_id)
            )
            return {i: DecisionState(t, k, u) for i, t, k, u in rows}

    def last_event_id(self, workspace_id: int) -> int:
        with self._read() as s:
            return s.scalar(select(func.max(HistoryEvent.id)).where(HistoryEvent.workspace_id == workspace_id)) or 0

    def changes_since(self, workspace_id: int, event_id: int) -> tuple[int, dict[int, DecisionState | None]]:
        """Decisions changed (by anyone, any process) after history event ``event_id``:
        (newest event id, image id -> current state, None where it is now undecided)."""
        with self._read() as s:
            ids = sorted(set(s.scalars(select(HistoryEvent.image_id).where(
                HistoryEvent.workspace_id == workspace_id, HistoryEvent.id > event_id))))
            newest = s.scalar(select(func.max(HistoryEvent.id)).where(
                HistoryEvent.workspace_id == workspace_id)) or event_id
            out: dict[int, DecisionState | None] = {i: None for i in ids}
            for chunk in _chunks(ids, 500):
                for i, t, k, u in s.execute(select(Decision.image_id, Decision.tag, Decision.kind, Decision.user)
                                            .where(Decision.image_id.in_(chunk))):
                    out[i] = DecisionState(t, k, u)
            return newest, out

    def decision_count(self) -> int:
        with self._read() as s:
            return s.scalar(select(func.count(Decision.id))) or 0

    def history(self, workspace_id: int) -> list[HistoryEvent]:
        with self._read() as s:
            return list(s.scalars(
                select(HistoryEvent).where(HistoryEvent.workspace_id == workspace_id).order_by(HistoryEvent.id)
            ))

    def import_labels(self, catalog: Catalog, index: WorkspaceIndex, *, user: str | None = None) -> list[int]:
        """Record the folder's own labels (profile.json's imgs_tags) as decisions of kind
        "file" for photos nobody has decided; one undoable action. Returns the ids recorded."""
        current = self.decisions(index.workspace_id)
        rows = []
        for p in catalog.products:
            for im in p.images:
                iid = index.image_ids.get((p.pid, im.name))
                if iid is not None and im.tag and im.tag in p.optional_tags and iid not in current:
                    rows.append((iid, im.tag, FROM_FILE))
        return self.decide_many(index.workspace_id, rows, user=user) if rows else []

    # ---------------------------------------------------------------- notes

    def _product_id(self, s: Session, workspace_id: int, pid: str) -> int | None:
        return s.scalar(select(Product.id).where(Product.workspace_id == workspace_id, Product.pid == pid))

    def set_note(self, workspace_id: int, pid: str, text: str, *, user: str | None = None) -> None:
        with self._write.begin() as s:
            prod = self._product_id(s, workspace_id, pid)
            if prod is None:
                raise UserError(f"{pid}: not a product of this folder")
            row = s.scalar(select(ProductNote).where(ProductNote.product_id == prod))
            if not text.strip():
                if row is not None:
                    s.delete(row)
                return
            if row is None:
                row = ProductNote(product_id=prod, text=text, user=self._who(user))
                s.add(row)
            row.text, row.user, row.at = text, self._who(user), utcnow()

    def notes(self, workspace_id: int) -> dict[str, str]:
        with self._read() as s:
            return dict(s.execute(select(Product.pid, ProductNote.text)
                                  .join(ProductNote, ProductNote.product_id == Product.id)
                                  .where(Product.workspace_id == workspace_id)).all())

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

    def stored_suggestions(self, model_name: str, image_ids: Iterable[int]) -> dict[int, dict]:
        """The newest stored proposal of model version ``model_name`` for each photo."""
        ids = list(image_ids)
        out: dict[int, dict] = {}
        with self._read() as s:
            version = s.scalar(select(ModelVersion.id).where(ModelVersion.name == model_name))
            if version is None:
                return out
            for chunk in _chunks(ids, 500):
                for row in s.scalars(select(Suggestion).where(Suggestion.model_version_id == version,
                                                             Suggestion.image_id.in_(chunk))
                                     .order_by(Suggestion.id)):
                    out[row.image_id] = {"tag": row.tag, "confidence": row.confidence, "runner_up": row.runner_up,
                                         "member_scores": row.member_scores, "suggestion_id": row.id,
                                         "model_version_id": version}
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
                .where(Decision.kind.in_(LABEL_KINDS), Decision.tag != "")
                .order_by(Decision.decided_at)
            ).all()
            tags: dict[int, list[str]] = defaultdict(list)
            for pid_id, tag in s.execute(
                select(OptionTag.product_id, OptionTag.tag).order_by(OptionTag.product_id, OptionTag.position)
            ):
                tags[pid_id].append(tag)
        return [
            {"root": workspace_folder(r), "profile": pf, "pid": pid, "name": name, "content_hash": h, "tag": tag,
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
