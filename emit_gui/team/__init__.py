"""Team mode: several labelers on one catalogue through a shared PostgreSQL store (no Qt).

- :mod:`emit_gui.team.roles`: ``db init`` (schema, roles, grants, row-level security), ``add-user``
- :mod:`emit_gui.team.work`: leases on products ("next product"), heartbeats, who holds what,
  blind double labelling, reviews
- :mod:`emit_gui.team.listen`: other people's changes, as they happen
- :mod:`emit_gui.team.report`: throughput, corrections, agreement, progress

On SQLite the same API serves one person (leases still work between processes on one machine).
"""

from emit_gui.team.listen import Change, ChangeListener, fetch_decisions
from emit_gui.team.session import TeamSession
from emit_gui.team.work import Lease, LeaseLost, Team

__all__ = ["Change", "ChangeListener", "Lease", "LeaseLost", "Team", "TeamSession", "fetch_decisions"]
