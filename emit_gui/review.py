"""A review session: one opened folder, its proposals and the people's decisions (no Qt).

The window is a view of this object; tests and scripts can drive it directly. Every decision
goes to the store before the method returns; proposals never overwrite a decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from emit_gui.catalog import Catalog, Product, Severity
from emit_gui.inference.propose import PhotoProposal, ProductProposal
from emit_gui.store import ACCEPTED, CORRECTED, DecisionState, Store, WorkspaceIndex


class Status(str, Enum):
    PROBLEM = "problem"  # the catalog found an error in the product
    FLAGGED = "flagged"  # the proposal fails full cover or the members disagree
    PENDING = "pending"  # proposals, not yet (fully) reviewed
    WAITING = "waiting"  # no proposal yet
    REVIEWED = "reviewed"  # every photo has a decision


STATUS_ORDER = [Status.PROBLEM, Status.FLAGGED, Status.PENDING, Status.WAITING, Status.REVIEWED]


@dataclass
class PhotoState:
    name: str
    proposal: PhotoProposal | None
    decision: DecisionState | None
    problem: str | None

    @property
    def tag(self) -> str | None:
        """What the photo is labelled now: the decision, else the proposal."""
        if self.decision and self.decision.tag:
            return self.decision.tag
        return self.proposal.tag if self.proposal else None

    @property
    def disagrees(self) -> bool:
        """A human decision the current model would not have made."""
        return bool(self.decision and self.decision.tag and self.proposal and self.proposal.tag
                    and self.proposal.tag != self.decision.tag)


class ReviewSession:
    def __init__(self, store: Store, catalog: Catalog, index: WorkspaceIndex, user: str | None = None):
        self.store = store
        self.catalog = catalog
        self.index = index
        self.user = user
        self.products: list[Product] = list(catalog.products)
        self._by_pid = {p.pid: p for p in self.products}
        self.proposals: dict[str, ProductProposal] = {}
        # a folder not yet indexed (workspace -1) has no decisions: no query on the GUI thread
        self.decisions: dict[int, DecisionState] = (
            store.decisions(index.workspace_id) if index.workspace_id >= 0 else {})
        self.model_version_id: int | None = None
        self._suggestion_ids: dict[int, int] = {}
        self._usable_ids: set[int] | None = None
        self._pid_of: dict[int, str] = {iid: pid for (pid, _n), iid in index.image_ids.items()}

    # ---------------------------------------------------------------- reading
    def product(self, pid: str) -> Product:
        return self._by_pid[pid]

    def image_id(self, pid: str, name: str) -> int | None:
        return self.index.image_ids.get((pid, name))

    def photos(self, pid: str) -> list[PhotoState]:
        product = self._by_pid[pid]
        prop = self.proposals.get(pid)
        by_name = {ph.name: ph for ph in prop.photos} if prop else {}
        out = []
        for im in product.images:
            iid = self.image_id(pid, im.name)
            problem = next((str(p.message) for p in im.problems if p.severity is Severity.ERROR), None)
            pp = by_name.get(im.name)
            if pp is not None and pp.problem is not None and problem is None:
                problem = pp.problem.message
            out.append(PhotoState(im.name, pp if pp and pp.tag else None,
                                  self.decisions.get(iid) if iid is not None else None, problem))
        return out

    def tag_counts(self, pid: str) -> dict[str, int]:
        counts = {t: 0 for t in self._by_pid[pid].optional_tags}
        for ph in self.photos(pid):
            if ph.tag in counts:
                counts[ph.tag] += 1
        return counts

    def status(self, pid: str) -> Status:
        product = self._by_pid[pid]
        if not product.usable:
            return Status.PROBLEM
        photos = self.photos(pid)
        usable = [ph for ph in photos if not ph.problem]
        if usable and all(ph.decision and ph.decision.tag for ph in usable):
            return Status.REVIEWED
        prop = self.proposals.get(pid)
        if prop is None:
            return Status.WAITING
        if prop.flagged or any(n == 0 for n in self.tag_counts(pid).values()):
            return Status.FLAGGED
        return Status.PENDING

    def min_confidence(self, pid: str) -> float:
        prop = self.proposals.get(pid)
        return prop.min_confidence if prop else 2.0  # unproposed products sort last

    def stats(self) -> dict:
        """Counts for the status bar; O(decisions), it runs on every decision and proposal batch."""
        if self._usable_ids is None:
            self._usable_ids = {self.image_id(p.pid, im.name) for p in self.products for im in p.images
                                if im.usable} - {None}
        decided = [d for i, d in self.decisions.items() if i in self._usable_ids and d.tag]
        accepted = sum(1 for d in decided if d.kind == ACCEPTED)
        return {"photos": len(self._usable_ids), "reviewed": len(decided),
                "accepted_share": accepted / len(decided) if decided else 0.0}

    def next_needing_review(self, after: str | None) -> str | None:
        """The next product (in list order) that still needs a person, wrapping around."""
        pids = [p.pid for p in self.products]
        start = pids.index(after) + 1 if after in self._by_pid else 0
        for pid in pids[start:] + pids[:start]:
            if pid != after and self.status(pid) in (Status.FLAGGED, Status.PENDING, Status.WAITING):
                return pid
        return None

    # ---------------------------------------------------------------- proposals
    def add_proposal(self, proposal: ProductProposal) -> None:
        self.proposals[proposal.pid] = proposal

    def note_saved(self, model_version_id: int, suggestion_ids: dict[int, int]) -> None:
        """Proposals the proposer stored, so that decisions link to the suggestion they follow."""
        self.model_version_id = model_version_id
        self._suggestion_ids.update(suggestion_ids)

    # ---------------------------------------------------------------- decisions
    def _kind(self, pid: str, name: str, tag: str) -> str:
        prop = {ph.name: ph for ph in self.proposals[pid].photos} if pid in self.proposals else {}
        return ACCEPTED if name in prop and prop[name].tag == tag else CORRECTED

    def decide(self, pid: str, items: list[tuple[str, str]]) -> list[int]:
        """Give photos (by name) tags, as one undoable action. Returns the image ids touched."""
        product = self._by_pid[pid]
        rows = []
        for name, tag in items:
            if tag not in product.optional_tags:
                raise ValueError(f"{tag!r} is not an option of {pid}")
            iid = self.image_id(pid, name)
            if iid is not None:
                rows.append((iid, tag, self._kind(pid, name, tag)))
        if not rows:
            return []
        self.store.decide_many(self.index.workspace_id, rows, user=self.user,
                               suggestion_ids={i: self._suggestion_ids[i] for i, _, _ in rows
                                               if i in self._suggestion_ids})
        for iid, tag, kind in rows:
            self.decisions[iid] = DecisionState(tag, kind)
        return [r[0] for r in rows]

    def accept_photo(self, pid: str, name: str) -> list[int]:
        ph = next((p for p in self.photos(pid) if p.name == name), None)
        if ph is None or not ph.tag:
            return []
        return self.decide(pid, [(name, ph.tag)])

    def accept_product(self, pid: str) -> list[int]:
        """Accept every photo's current label (decision or proposal) in one action."""
        items = [(ph.name, ph.tag) for ph in self.photos(pid)
                 if ph.tag and not ph.problem and not (ph.decision and ph.decision.tag)]
        return self.decide(pid, items) if items else []

    def _refresh(self, ids: list[int]) -> None:
        fresh = self.store.decisions(self.index.workspace_id)
        for i in ids:
            if i in fresh:
                self.decisions[i] = fresh[i]
            else:
                self.decisions.pop(i, None)

    def undo(self) -> list[int]:
        ids = self.store.undo(self.index.workspace_id, user=self.user)
        self._refresh(ids)
        return ids

    def redo(self) -> list[int]:
        ids = self.store.redo(self.index.workspace_id, user=self.user)
        self._refresh(ids)
        return ids

    def pid_of_image(self, image_id: int) -> str | None:
        return self._pid_of.get(image_id)


def suggestion_rows(proposals: Iterable[ProductProposal], image_id) -> list[dict]:
    """Store rows for proposals; ``image_id(pid, name)`` gives a photo's id (None: skip it)."""
    rows = []
    for prop in proposals:
        for ph in prop.photos:
            iid = image_id(prop.pid, ph.name)
            if iid is not None and ph.tag:
                rows.append({"image_id": iid, "tag": ph.tag, "confidence": ph.confidence,
                             "runner_up": ph.runner_up,
                             "member_scores": {"votes": ph.votes, "agreement": ph.agreement}})
    return rows
