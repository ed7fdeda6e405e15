"""The window's preferences (language, database, geometry, recent folders, where each folder's
review stopped): one Qt INI file in the data folder (``emit_gui.paths.settings_file``), so
``$EMIT_GUI_HOME`` moves them with the rest. The only place that makes a ``QSettings``.

Earlier versions kept them where Qt puts an application's settings (``~/.config/emit-gui/
emit-gui.conf`` on Linux, the registry on Windows, a plist on macOS): those are read once into
the new file when it does not exist yet, and never written or removed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings

from emit_gui.paths import legacy_settings_folder, settings_file
from emit_gui.settings import VERSION

VERSION_KEY = "settings_version"


def legacy_settings() -> QSettings | None:
    """Where earlier versions kept the settings, if anything is there."""
    if sys.platform.startswith("linux") and not (legacy_settings_folder() / "emit-gui.conf").is_file():
        return None  # Qt's default file for organisation and application "emit-gui"
    old = QSettings("emit-gui", "emit-gui")
    return old if old.allKeys() else None


def open_settings() -> QSettings:
    """The window's settings file, with an earlier version's settings copied in the first time."""
    path = settings_file()
    fresh = not path.exists()
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    if fresh:
        old = legacy_settings()
        if old is not None:
            for key in old.allKeys():
                settings.setValue(key, old.value(key))
            settings.setValue(VERSION_KEY, VERSION)
            settings.sync()
    elif settings.value(VERSION_KEY, VERSION, type=int) != VERSION:
        settings.setValue(VERSION_KEY, VERSION)  # later versions convert older keys here
    return settings
