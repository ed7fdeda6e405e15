"""Qt item models over a :class:`ReviewSession` (adapters; widgets never see the store)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from emit_gui.ui.text import plain_tip, problem_text
from emit_gui.app.session import STATUS_ORDER, Flag, ReviewSession, Status

STATUS_COLOURS = {
    Status.PROBLEM: QColor("#c0392b"),
    Status.FLAGGED: QColor("#d35400"),
    Status.PENDING: QColor("#2c3e50"),
    Status.WAITING: QColor("#7f8c8d"),
    Status.REVIEWED: QColor("#27ae60"),
}
STATUS_MARKS = {Status.PROBLEM: "✖", Status.FLAGGED: "⚠", Status.PENDING: "○", Status.WAITING: "…",
                Status.REVIEWED: "✓"}
# A product whose only reason for a look is photos the labeler marked "unsure, look later": not
# flagged ⚠ (that is the proposal failing full cover, the members disagreeing, an option left
# without a photo), which A asks twice about and "accept sure photos" leaves out.
UNSURE_MARK, UNSURE_COLOUR = "？", QColor("#b9770e")  # full width: the marks line up as ○ ⚠ ✓ do

PidRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2


class ProductListModel(QAbstractListModel):
    """The products, filtered, searched and ordered; rows are product ids."""

    FILTERS = ("all", "needs review", "flagged", "unsure", "problems", "reviewed")
    ORDERS = ("name", "lowest confidence", "status")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session: ReviewSession | None = None
        self.rows: list[str] = []
        self.filter = "all"
        self.order = "name"
        self.search = ""
        self.held: dict[str, str] = {}  # team mode: pid -> who else holds it
        self.flag_words = lambda flag: flag.value  # the window's words for a flag (its translation)

    def set_session(self, session: ReviewSession | None) -> None:
        self.session = session
        self.refilter()

    def refilter(self) -> None:
        self.beginResetModel()
        self.rows = self._compute_rows()
        self.endResetModel()

    def _compute_rows(self) -> list[str]:
        s = self.session
        if s is None:
            return []
        wanted = {
            "all": None,
            "needs review": {Status.FLAGGED, Status.PENDING, Status.WAITING},
            "flagged": {Status.FLAGGED},
            "unsure": None,
            "problems": {Status.PROBLEM},
            "reviewed": {Status.REVIEWED},
        }[self.filter]
        needle = self.search.strip().lower()
        rows = []
        for p in s.products:  # the cheap name match first: typing pays the flags of matches only
            if needle and needle not in p.pid.lower() and not any(needle in t.lower() for t in p.optional_tags):
                continue
            if wanted is not None and s.status(p.pid) not in wanted:
                continue
            if self.filter == "flagged" and not s.needs_look(p.pid):
                continue  # only unsure photos: shown under "unsure", marked ?
            if self.filter == "unsure" and Flag.UNSURE not in s.flags(p.pid):
                continue
            rows.append(p.pid)
        if self.order == "lowest confidence":
            rows.sort(key=s.min_confidence)
        elif self.order == "status":
            rows.sort(key=lambda pid: STATUS_ORDER.index(s.status(pid)))
        return rows

    def refresh_pids(self, pids) -> None:
        wanted = set(pids)
        for row, pid in enumerate(self.rows):
            if pid in wanted:
                idx = self.index(row)
                self.dataChanged.emit(idx, idx)

    def row_of(self, pid: str) -> int:
        try:
            return self.rows.index(pid)
        except ValueError:
            return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.session is None:
            return None
        pid = self.rows[index.row()]
        s = self.session
        if role == PidRole:
            return pid
        if role == StatusRole:
            return s.status(pid).value
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole):
            return None  # the view asks for a dozen roles per row and paint: the status only for these
        status = s.status(pid)
        only_unsure = status is Status.FLAGGED and not s.needs_look(pid)
        if role == Qt.ItemDataRole.DisplayRole:
            p = s.product(pid)
            text = QCoreApplication.translate("ProductListModel", "%1 photos, %2 options")
            mark = UNSURE_MARK if only_unsure else STATUS_MARKS[status]
            shown = (f"{mark}  {pid}   ("
                     + text.replace("%1", str(len(p.images))).replace("%2", str(len(p.optional_tags))) + ")")
            holder = self.held.get(pid)
            if holder:
                shown += "  ⊘ " + QCoreApplication.translate("ProductListModel", "held by %1").replace("%1", holder)
            return shown
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(UNSURE_COLOUR if only_unsure else STATUS_COLOURS[status])
        if role == Qt.ItemDataRole.ToolTipRole:
            p = s.product(pid)
            names = {Status.PROBLEM: self.tr("problem"), Status.FLAGGED: self.tr("flagged"), Status.PENDING: self.tr("to review"),
                     Status.WAITING: self.tr("waiting for proposals"), Status.REVIEWED: self.tr("reviewed")}
            flags = s.flags(pid)
            if only_unsure:
                state = self.tr("photos marked unsure, to look at again")
            elif status is Status.FLAGGED:  # ⚠ says why
                state = f"{STATUS_MARKS[status]} {names[status]}: " + "; ".join(
                    self.flag_words(f) for f in flags if f is not Flag.UNSURE)
            else:
                state = f"{STATUS_MARKS[status]} {names[status]}"
            shown = p.optional_tags[:12] + (["…"] if len(p.optional_tags) > 12 else [])
            lines = [f"{pid}: {state}", self.tr("options: %1").replace("%1", " | ".join(shown))]
            if Flag.UNSURE in flags:
                unsure = sum(ph.unsure for ph in s.photos(pid))
                lines.append(f"{UNSURE_MARK} " + self.tr("%1 photo(s) marked unsure").replace("%1", str(unsure)))
            prop = None if s.is_blind(pid) else s.proposals.get(pid)
            if prop is not None:
                lines.append(self.tr("lowest confidence %1").replace("%1", f"{prop.min_confidence:.0%}"))
            lines += [problem_text(pr, p.folder) for pr in p.all_problems()[:6]]
            return plain_tip("\n".join(lines))
        return None
