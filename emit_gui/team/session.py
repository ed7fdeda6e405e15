"""What the review window needs in team mode, in one Qt-free object (the window wires it).

    team = TeamSession(review_session)          # after the folder is indexed
    pid = team.next_product(after=current_pid, order=list_rows)  # N / A: the next one nobody holds
    team.blind                                   # the lease is a blind second round
    team.label_blind(pid, {image_id: tag})       #   -> record blind labels, not decisions
    team.blind_for_me()                          # products shown blind (first round hidden)
    holder = team.open_product(pid)              # a click in the list: None, or who holds it
    team.keep_alive()                            # on each key press, and a 60 s timer (cheap)
    team.leave_product()                         # on leaving the product
    ids = team.wait_changes(1.0)                 # a worker thread, in a loop: others' changes
    review_session.refresh(ids)                  #   -> show them (my pending ones stay mine)
    team.holders()                               # the product list's "held by" column
    team.corrections()                           # reviewers' corrections of my photos, unseen

Every call may raise :class:`~emit_gui.team.work.LeaseLost` (keep_alive, when the lease was
lost while the machine slept) or a :class:`~emit_gui.errors.UserError` with one line to show.
"""

from __future__ import annotations

import threading

from emit_gui.errors import UserError
from emit_gui.team.listen import ChangeListener
from emit_gui.team.work import LEASE_SECONDS, Holding, Lease, LeaseLost, Team


class TeamSession:
    def __init__(self, session, *, lease_seconds: float = LEASE_SECONDS):
        self.session = session
        self.store = session.store
        self.workspace_id = session.index.workspace_id
        self.team = Team(self.store, self.workspace_id, user=session.user, lease_seconds=lease_seconds)
        self.me = self.team.me
        self.lease: Lease | None = None
        self.lost: Lease | None = None  # the lease keep_alive found lost (its product is someone else's now)
        self._listener: ChangeListener | None = None
        self._listener_lock = threading.Lock()  # one thread waits on it at a time

    # ---------------------------------------------------------------- leases
    def next_product(self, after: str | None = None, order: list[str] | None = None) -> str | None:
        """Release the current product (finished if every photo is settled) and lease the next
        one nobody holds: in ``order`` (the window's list, as filtered and sorted on screen)
        when given, else in the folder's; None when nothing is left there."""
        self.leave_product()
        if order is not None:
            self.lease = self.team.next_in(order, after=after)
        else:
            self.lease = self.team.next_product(after=after)
        return self.lease.pid if self.lease else None

    @property
    def blind(self) -> bool:
        """The product I hold is a blind second round (record it with :meth:`label_blind`)."""
        return self.lease is not None and self.lease.blind

    def label_blind(self, pid: str, labels: dict[int, str]) -> bool:
        """Blind second-round labels (image id -> tag, "" for "not an option photo") on the
        product I hold blind; a UserError when I never held it. Returns False when the lease
        was lost meanwhile: the labels are stored all the same (they are mine, beside anyone
        else's), and the product is no longer mine."""
        lease = self.lease
        if lease is None and self.lost is not None and self.lost.pid == pid and self.lost.blind:
            self.team.write_blind(labels)  # the hold was lost just now: what I decided is kept
            return False
        if lease is None or lease.pid != pid or not lease.blind:
            raise UserError(f"{pid}: not held as a blind second round: press N for a free product")
        try:
            self.team.label_blind(lease, labels)
        except LeaseLost:
            self.lost, self.lease = lease, None
            self.team.write_blind(labels)
            return False
        return True

    def blind_for_me(self) -> dict[str, dict[int, str]]:
        """pid -> my blind labels so far, for every product I would label blind."""
        return self.team.blind_for_me()

    def open_product(self, pid: str) -> str | None:
        """Lease a product the labeler picked; returns the holder's name if someone else has
        it (the window then shows it read-only), None when it is mine now."""
        if self.lease is not None and self.lease.pid == pid:
            return None
        try:
            lease = self.team.lease(pid)
        except LeaseLost as exc:  # I keep the product I had
            holding = self.team.holders().get(pid)
            return holding.holder if holding else str(exc)
        self.leave_product()
        self.lease = lease
        return None

    def keep_alive(self) -> None:
        if self.lease is not None:
            try:
                self.team.keep_alive(self.lease)
            except LeaseLost:
                self.lost, self.lease = self.lease, None
                raise

    def leave_product(self) -> None:
        self.lost = None
        if self.lease is None:
            return
        lease, self.lease = self.lease, None
        self.team.release(lease, done=self.finished(lease))

    def finished(self, lease: Lease) -> bool:
        """Whether the leased round is finished, as the store has it (the window may not have
        taken in the decisions it just stored): every readable photo decided and every option
        given a photo; in a blind round, every readable photo has my blind label."""
        from emit_gui.team.listen import fetch_decisions

        s = self.session
        ids = [s.image_id(lease.pid, ph.name) for ph in s.photos(lease.pid) if not ph.problem]
        ids = [i for i in ids if i is not None]
        if not ids:
            return False
        if lease.blind:
            return set(ids) <= set(self.team.my_blind_labels(ids))
        states = fetch_decisions(self.store, ids).values()
        if not all(st.reviewed for st in states):
            return False
        labelled = {st.tag for st in states if st.labelled}
        return all(t in labelled for t in s.product(lease.pid).optional_tags)

    def holders(self) -> dict[str, Holding]:
        """pid -> who holds it, for everyone's live leases (mine included)."""
        return self.team.holders()

    # ---------------------------------------------------------------- others' changes
    def wait_changes(self, timeout: float = 1.0) -> list[int]:
        """Block up to ``timeout`` (a worker thread) for others' changes in this folder;
        returns the photos (image ids) to refresh. Reviews of my photos come too."""
        with self._listener_lock:
            if self._listener is None:
                self._listener = ChangeListener(self.store, self.workspace_id, me=self.me)
            changes = self._listener.poll(timeout)
        return sorted({c.image_id for c in changes})

    def corrections(self) -> list[dict]:
        """Reviewers' corrections of my decisions I have not seen (mark them with mark_seen)."""
        return self.team.corrections_for_me()

    def mark_seen(self, review_ids) -> None:
        self.team.mark_seen(review_ids)

    def close(self) -> None:
        try:
            self.leave_product()
        finally:
            with self._listener_lock:
                if self._listener is not None:
                    self._listener.close()
                    self._listener = None
