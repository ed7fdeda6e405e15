"""A review session: one opened folder, its proposals and the people's decisions (no Qt).

The window is a view of this object; tests and scripts drive it directly. A decision is made
in three steps so that the window's thread never waits on the database: :meth:`plan` (what
would change, on the caller's thread), :meth:`store_plan` (the write, on a worker; nothing is
shown as stored before it returns) and :meth:`apply` (the in-memory state, on the caller's
thread). :meth:`decide` does all three for scripts. Proposals never overwrite a decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from emit_gui.catalog import Catalog, Product, Severity
from emit_gui.inference.propose import PhotoProposal, ProductProposal
from emit_gui.store import (
    ACCEPTED,
    ACCEPTED_UNSEEN,
    CORRECTED,
    NOT_OPTION,
    UNSURE,
    DecisionState,
    Store,
    WorkspaceIndex,
    default_user,
)


class Status(str, Enum):
    PROBLEM = "problem"  # the catalog found an error in the product
    FLAGGED = "flagged"  # the proposal fails full cover or the members disagree
    PENDING = "pending"  # proposals, not yet (fully) reviewed
    WAITING = "waiting"  # no proposal yet
    REVIEWED = "reviewed"  # every photo has a decision


STATUS_ORDER = [Status.PROBLEM, Status.FLAGGED, Status.PENDING, Status.WAITING, Status.REVIEWED]
NEEDS_REVIEW = (Status.FLAGGED, Status.PENDING, Status.WAITING)


class Flag(str, Enum):
    """Why a product is flagged; the window translates these codes."""

    COVER_IMPOSSIBLE = "cover_impossible"  # fewer readable photos than options
    PROPOSAL_LEAVES_OPTION = "proposal_leaves_option"  # the proposal leaves an option without a photo
    MEMBERS_DISAGREE = "members_disagree"  # most ensemble members back another tag somewhere
    DECISIONS_LEAVE_OPTION = "decisions_leave_option"  # the decisions leave an option without a photo
    UNSURE = "unsure"  # a photo was marked "look later"


@dataclass
class Plan:
    """A decision about to be stored: (image id, tag, kind) rows, one undoable action."""

    pid: str
    rows: list[tuple[int, str | None, str]]
    suggestion_ids: dict[int, int] = field(default_factory=dict)
    changed: list[int] = field(default_factory=list)  # filled in by store_plan
    blind: bool = False  # blind second-round labels (team mode), not decisions
    left_out: list[int] = field(default_factory=list)  # rows dropped just before storing (others hold them)
    flagged: list[str] = field(default_factory=list)  # products with sure photos left out: flagged, they need a look


@dataclass
class PhotoState:
    name: str
    proposal: PhotoProposal | None
    decision: DecisionState | None
    problem: str | None

    file_tag: str | None = None  # the label that came with the folder, if any
    pending: bool = False  # a decision on its way to the store (not shown as stored yet)

    @property
    def tag(self) -> str | None:
        """What the photo counts as now: the decided option, else the proposal; None for a
        photo marked "not an option photo"."""
        if self.decision and self.decision.kind == NOT_OPTION:
            return None
        if self.decision and self.decision.labelled:
            return self.decision.tag
        return self.proposal.tag if self.proposal else None

    @property
    def reviewed(self) -> bool:
        return bool(self.decision and self.decision.reviewed)

    @property
    def unsure(self) -> bool:
        return bool(self.decision and self.decision.kind == UNSURE)

    @property
    def not_option(self) -> bool:
        return bool(self.decision and self.decision.kind == NOT_OPTION)

    @property
    def disagrees(self) -> bool:
        """A human decision the current model would not have made."""
        return bool(self.decision and self.decision.labelled and self.proposal and self.proposal.tag
                    and self.proposal.tag != self.decision.tag)


class ReviewSession:
    def __init__(self, store: Store, catalog: Catalog, index: WorkspaceIndex, user: str | None = None):
        self.store = store
        self.catalog = catalog
        self.index = index
        self.user = user or default_user()
        self.products: list[Product] = list(catalog.products)
        self._by_pid = {p.pid: p for p in self.products}
        self.proposals: dict[str, ProductProposal] = {}
        # a folder not yet indexed (workspace -1) has no decisions: no query on the GUI thread
        self.decisions: dict[int, DecisionState] = (
            store.decisions(index.workspace_id) if index.workspace_id >= 0 else {})
        self.model_version_id: int | None = None
        self.notes: dict[str, str] = store.notes(index.workspace_id) if index.workspace_id >= 0 else {}
        self.last_event_id: int = store.last_event_id(index.workspace_id) if index.workspace_id >= 0 else 0
        self.pending: set[int] = set()  # image ids with a decision on its way to the store (mark_pending)
        self._photo_cache: dict[str, list[PhotoState]] = {}  # pid -> photos(pid), dropped when they change
        self._suggestion_ids: dict[int, int] = {}
        self._usable_ids: set[int] | None = None
        self._file_label_ids: set[int] | None = None  # photos the folder labels (file_labels)
        self._pid_of: dict[int, str] = {iid: pid for (pid, _n), iid in index.image_ids.items()}
        # team mode: products I label blind (a second round), pid -> my blind labels (image id ->
        # tag, "" = not an option photo). Their decisions, proposals and folder labels are not
        # shown: what others said stays hidden until the second round is done.
        self.blind: dict[str, dict[int, str]] = {}
        self.blind_writer = None  # (pid, {image id: tag}) -> None: stores blind labels (team mode)

    # ---------------------------------------------------------------- reading
    def product(self, pid: str) -> Product:
        return self._by_pid[pid]

    def image_id(self, pid: str, name: str) -> int | None:
        return self.index.image_ids.get((pid, name))

    def photos(self, pid: str) -> list[PhotoState]:
        """The product's photos as they stand; cached until a decision, a proposal or a pending
        mark touches the product (status, flags and counts ask for them many times per paint,
        and a product may list 100,000 photos)."""
        cached = self._photo_cache.get(pid)
        if cached is None:
            cached = self._photo_cache[pid] = self._compute_photos(pid)
        return cached

    def _changed(self, image_ids: Iterable[int] = (), pids: Iterable[str] = ()) -> None:
        for pid in {self._pid_of.get(i) for i in image_ids} | set(pids):
            self._photo_cache.pop(pid, None)

    def mark_pending(self, image_ids: Iterable[int], on: bool = True) -> None:
        ids = list(image_ids)
        (self.pending.update if on else self.pending.difference_update)(ids)
        self._changed(ids)

    def set_blind(self, blind: dict[str, dict[int, str]]) -> set[str]:
        """Which products are shown blind now (team mode), with my blind labels; returns the
        products whose view changed."""
        changed = {pid for pid in set(blind) | set(self.blind) if blind.get(pid) != self.blind.get(pid)}
        changed &= set(self._by_pid)
        self.blind = {pid: dict(labels) for pid, labels in blind.items() if pid in self._by_pid}
        self._changed(pids=changed)
        return changed

    def is_blind(self, pid: str | None) -> bool:
        return pid in self.blind

    def _compute_photos(self, pid: str) -> list[PhotoState]:
        if pid in self.blind:
            return self._blind_photos(pid)
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
                                  self.decisions.get(iid) if iid is not None else None, problem,
                                  file_tag=im.tag if im.tag in product.optional_tags else None,
                                  pending=iid in self.pending))
        return out

    def _blind_photos(self, pid: str) -> list[PhotoState]:
        """A blind product: my blind labels only; no proposal, decision or folder label."""
        labels = self.blind[pid]
        out = []
        for im in self._by_pid[pid].images:
            iid = self.image_id(pid, im.name)
            problem = next((str(p.message) for p in im.problems if p.severity is Severity.ERROR), None)
            tag = labels.get(iid) if iid is not None else None
            state = None if tag is None else (DecisionState("", NOT_OPTION, self.user) if tag == ""
                                              else DecisionState(tag, CORRECTED, self.user))
            out.append(PhotoState(im.name, None, state, problem, pending=iid in self.pending))
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
        flags = self.flags(pid)
        photos = [ph for ph in self.photos(pid) if not ph.problem]
        if photos and all(ph.reviewed for ph in photos):
            # every photo settled: reviewed only when the decisions give every option a photo
            return Status.FLAGGED if Flag.DECISIONS_LEAVE_OPTION in flags else Status.REVIEWED
        if pid not in self.proposals or pid in self.blind:
            return Status.FLAGGED if Flag.UNSURE in flags else Status.WAITING
        return Status.FLAGGED if flags else Status.PENDING

    def flags(self, pid: str) -> list[Flag]:
        """Why the product needs a closer look, as codes (the window translates them)."""
        out: list[Flag] = []
        photos = [ph for ph in self.photos(pid) if not ph.problem]
        options = self._by_pid[pid].optional_tags
        prop = None if pid in self.blind else self.proposals.get(pid)
        if prop is not None and not prop.cover_possible:
            out.append(Flag.COVER_IMPOSSIBLE)
        if prop is not None and prop.members_disagree:
            out.append(Flag.MEMBERS_DISAGREE)
        if photos and all(ph.reviewed for ph in photos):
            labelled = {ph.decision.tag for ph in photos if ph.decision.labelled}
            if any(t not in labelled for t in options):
                out.append(Flag.DECISIONS_LEAVE_OPTION)
        elif prop is not None and prop.cover_possible and any(n == 0 for n in self.tag_counts(pid).values()):
            out.append(Flag.PROPOSAL_LEAVES_OPTION)
        if any(ph.unsure for ph in photos):
            out.append(Flag.UNSURE)
        return out

    def min_confidence(self, pid: str) -> float:
        prop = None if pid in self.blind else self.proposals.get(pid)
        return prop.min_confidence if prop else 2.0  # unproposed products sort last

    def stats(self) -> dict:
        """Counts for the status bar; O(decisions), it runs on every decision and proposal batch."""
        if self._usable_ids is None:
            self._usable_ids = {self.image_id(p.pid, im.name) for p in self.products for im in p.images
                                if im.usable} - {None}
        usable = self._usable_ids
        mine_blind = 0
        if self.blind:  # products I see blind count by my blind labels, never by others' decisions
            pid_of = self._pid_of
            decided = [d for i, d in self.decisions.items()
                       if i in usable and d.reviewed and pid_of.get(i) not in self.blind]
            mine_blind = sum(1 for labels in self.blind.values() for i in labels if i in usable)
        else:
            decided = [d for i, d in self.decisions.items() if i in usable and d.reviewed]
        people = [d for d in decided if d.kind in (ACCEPTED, CORRECTED)]
        accepted = sum(1 for d in people if d.kind == ACCEPTED)
        return {"photos": len(usable), "reviewed": len(decided) + mine_blind,
                "accepted_share": accepted / len(people) if people else 0.0}

    def shown_decisions(self) -> dict[int, DecisionState]:
        """The decisions this window may show: those of products I see blind (another
        labeler's first round of a double-labelled product) left out."""
        if not self.blind:
            return self.decisions
        return {i: d for i, d in self.decisions.items() if self._pid_of.get(i) not in self.blind}

    def next_needing_review(self, after: str | None, order: Sequence[str] | None = None) -> str | None:
        """The next product that still needs a person, in ``order`` (what the list shows;
        default: the folder's order), wrapping around."""
        pids = list(order) if order is not None else [p.pid for p in self.products]
        start = pids.index(after) + 1 if after in pids else 0
        for pid in pids[start:] + pids[:start]:
            if pid != after and self.status(pid) in NEEDS_REVIEW:
                return pid
        return None

    def file_labels(self) -> int:
        """Photos whose folder label (profile.json) no decision covers yet. The window asks on
        every decision while its bar shows: the labelled photos are found once, then a set
        difference counts them."""
        if self._file_label_ids is None:
            self._file_label_ids = {self.image_id(p.pid, im.name) for p in self.products for im in p.images
                                    if im.tag and im.tag in p.optional_tags and im.usable} - {None}
        return len(self._file_label_ids - self.decisions.keys())

    # ---------------------------------------------------------------- proposals
    def add_proposal(self, proposal: ProductProposal) -> None:
        self.proposals[proposal.pid] = proposal
        self._changed(pids=[proposal.pid])

    def note_saved(self, model_version_id: int, suggestion_ids: dict[int, int]) -> None:
        """Proposals the proposer stored, so that decisions link to the suggestion they follow."""
        self.model_version_id = model_version_id
        self._suggestion_ids.update(suggestion_ids)

    # ---------------------------------------------------------------- decisions
    def _kind(self, pid: str, name: str, tag: str) -> str:
        if pid in self.blind:
            return CORRECTED  # a blind label follows no proposal
        prop = {ph.name: ph for ph in self.proposals[pid].photos} if pid in self.proposals else {}
        return ACCEPTED if name in prop and prop[name].tag == tag else CORRECTED

    def plan(self, pid: str, items: Iterable[tuple[str, str | None]], kind: str | None = None) -> Plan:
        """The rows that giving photos (by name) these tags would write, leaving out photos
        already decided that way. ``kind`` "unsure" / "not_option" marks photos instead."""
        product = self._by_pid[pid]
        blind = pid in self.blind
        if blind and kind == UNSURE:
            raise ValueError("a blind label is an option or \"not an option photo\", never unsure")
        shown = {ph.name: ph.decision for ph in self.photos(pid)} if blind else {}
        rows: list[tuple[int, str | None, str]] = []
        for name, tag in items:
            if kind is None and tag not in product.optional_tags:
                raise ValueError(f"{tag!r} is not an option of {pid}")
            iid = self.image_id(pid, name)
            if iid is None:
                continue
            k = kind or self._kind(pid, name, tag)
            new = DecisionState("" if kind == NOT_OPTION else (tag or "") if kind else tag, k)
            old = (shown.get(name) if blind else self.decisions.get(iid)) or DecisionState(None, None)
            if old.key() == new.key():
                continue
            rows.append((iid, new.tag, k))
        if blind:
            return Plan(pid, rows, blind=True)
        return Plan(pid, rows, {i: self._suggestion_ids[i] for i, _, _ in rows if i in self._suggestion_ids})

    def store_plan(self, plan: Plan) -> Plan:
        """Write the plan (a worker may call this: it touches only the store)."""
        if plan.blind:
            if self.blind_writer is None:
                raise ValueError(f"{plan.pid}: blind labels need a team database")
            self.blind_writer(plan.pid, {iid: tag or "" for iid, tag, _k in plan.rows})
            plan.changed = [iid for iid, _t, _k in plan.rows]
            return plan
        plan.changed = self.store.decide_many(self.index.workspace_id, plan.rows, user=self.user,
                                              suggestion_ids=plan.suggestion_ids) if plan.rows else []
        return plan

    def apply(self, plan: Plan) -> list[int]:
        """Show a stored plan (on the thread that reads the session)."""
        changed = set(plan.changed)
        labels = self.blind.get(plan.pid) if plan.blind else None
        for iid, tag, kind in plan.rows:
            self.pending.discard(iid)
            if iid in changed and plan.blind:
                if labels is not None:
                    labels[iid] = tag or ""
            elif iid in changed:
                self.decisions[iid] = DecisionState(tag, kind, self.user)
        self._changed(iid for iid, _t, _k in plan.rows)
        return list(plan.changed)

    def decide(self, pid: str, items: list[tuple[str, str]], kind: str | None = None) -> list[int]:
        """Plan, store and apply at once (scripts, the command line). Returns the ids changed."""
        return self.apply(self.store_plan(self.plan(pid, items, kind)))

    def accept_photo(self, pid: str, name: str) -> list[int]:
        ph = next((p for p in self.photos(pid) if p.name == name), None)
        if ph is None or not ph.tag:
            return []
        return self.decide(pid, [(name, ph.tag)])

    def accept_items(self, pid: str) -> list[tuple[str, str]]:
        """What accepting the whole product gives: every readable photo not yet settled, its
        current label (decision or proposal)."""
        return [(ph.name, ph.tag) for ph in self.photos(pid)
                if ph.tag and not ph.problem and not ph.reviewed]

    def needs_look(self, pid: str) -> bool:
        """Flagged for a reason a photo's own confidence cannot show (the members disagree, the
        proposal fails full cover or leaves an option without a photo): accepting the product
        takes a second press, and nothing in it is accepted unseen. ("Unsure" photos are left
        out one by one instead.)"""
        return any(f is not Flag.UNSURE for f in self.flags(pid))

    def plan_sure(self, pids: Iterable[str], threshold: float | None) -> Plan:
        """One action accepting, in these products, every unsettled photo whose proposal the
        model is sure of (confidence at its measured 99.5 %-precision point). Flagged products
        are left out whole; ``Plan.flagged`` names those that had sure photos."""
        from emit_gui.inference.auto_accept import sure

        rows: list[tuple[int, str | None, str]] = []
        flagged: list[str] = []
        for pid in pids:
            if pid not in self.proposals or pid in self.blind:
                continue
            items = [(ph.name, ph.proposal.tag) for ph in self.photos(pid)
                     if ph.proposal and not ph.problem and not ph.reviewed and not ph.unsure
                     and sure(ph.proposal, threshold)]
            planned = self.plan(pid, items).rows
            if planned and self.needs_look(pid):
                flagged.append(pid)
                continue
            rows += [(i, t, ACCEPTED_UNSEEN) for i, t, _k in planned]  # retrain tells them from a person's look
        return Plan("", rows, {i: self._suggestion_ids[i] for i, _, _ in rows if i in self._suggestion_ids},
                    flagged=flagged)

    def accept_product(self, pid: str) -> list[int]:
        """Accept every photo's current label (decision or proposal) in one action."""
        items = self.accept_items(pid)
        return self.decide(pid, items) if items else []

    def import_file_labels(self) -> list[int]:
        """Record the folder's own labels as decisions "from the file" (one undoable action)."""
        ids = self.store.import_labels(self.catalog, self.index, user=self.user)
        self.refresh(ids)
        return ids

    # ---------------------------------------------------------------- the store's view
    def read_states(self, ids: Iterable[int]) -> dict[int, DecisionState | None]:
        """The stored state of these photos (a worker may call this)."""
        fresh = self.store.decisions(self.index.workspace_id)
        return {i: fresh.get(i) for i in ids}

    def apply_states(self, states: dict[int, DecisionState | None]) -> list[int]:
        """Take stored states into the session; returns the ids whose state changed."""
        changed = []
        for i, state in states.items():
            if i in self.pending:
                continue  # my own decision on its way: it lands with its plan
            if state is None:
                if self.decisions.pop(i, None) is not None:
                    changed.append(i)
            elif self.decisions.get(i) != state:
                self.decisions[i] = state
                changed.append(i)
        self._changed(changed)
        return changed

    def refresh(self, ids: Iterable[int]) -> list[int]:
        return self.apply_states(self.read_states(ids))

    def poll_changes(self) -> tuple[int, dict[int, DecisionState | None]]:
        """What changed in the store since this session last looked (a worker may call this)."""
        return self.store.changes_since(self.index.workspace_id, self.last_event_id)

    def take_changes(self, result: tuple[int, dict[int, DecisionState | None]]) -> list[int]:
        newest, states = result
        self.last_event_id = max(self.last_event_id, newest)
        return self.apply_states({i: st for i, st in states.items() if i in self._pid_of})

    def undo_in_store(self) -> dict[int, DecisionState | None]:
        """Undo this labeler's latest action in the store (a worker may call this)."""
        return self.read_states(self.store.undo(self.index.workspace_id, user=self.user))

    def redo_in_store(self) -> dict[int, DecisionState | None]:
        return self.read_states(self.store.redo(self.index.workspace_id, user=self.user))

    def undo(self) -> list[int]:
        states = self.undo_in_store()
        self.apply_states(states)
        return list(states)

    def redo(self) -> list[int]:
        states = self.redo_in_store()
        self.apply_states(states)
        return list(states)

    def stack_depths(self) -> tuple[int, int]:
        return self.store.stack_depths(self.index.workspace_id, self.user)

    def set_note(self, pid: str, text: str) -> None:
        """Store a product's note (a worker may call this); then :meth:`note_stored`."""
        self.store.set_note(self.index.workspace_id, pid, text, user=self.user)

    def note_stored(self, pid: str, text: str) -> None:
        if text.strip():
            self.notes[pid] = text
        else:
            self.notes.pop(pid, None)

    def pid_of_image(self, image_id: int) -> str | None:
        return self._pid_of.get(image_id)
