"""Sub-commands; importing this package registers them with :mod:`emit_gui.cli`."""

from emit_gui.commands import analysis_cmds, data_cmds, model_cmds, tags_cmds, team_cmds, ui_cmds  # noqa: F401
