"""Sub-commands; importing this package registers them in :data:`emit_gui.commands.options.COMMANDS`."""

from emit_gui.commands import analysis_cmds, data_cmds, model_cmds, tags_cmds, team_cmds, ui_cmds  # noqa: F401
