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

from emit_gui.paths import data_dir, legacy_settings_folder, settings_file
from emit_gui.settings import VERSION

VERSION_KEY = "settings_version"


def keep_qt_settings_inside() -> None:
    """Qt's own settings (the file dialog's history and sidebar, ``QtProject.conf``) go to the
    data folder too: by default Qt writes them to ``~/.config``, outside the folders the README
    names (a new labeler's export dialog did)."""
    folder = str(data_dir())
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)


def legacy_settings() -> QSettings | None:
    """Where earlier versions kept the settings, if anything is there (also for a user who set
    ``$EMIT_GUI_HOME``: earlier versions ignored it for these)."""
    if sys.platform.startswith("linux"):
        path = legacy_settings_folder() / "emit-gui.conf"  # Qt's file for "emit-gui", "emit-gui"
        if not path.is_file():
            return None
        old = QSettings(str(path), QSettings.Format.IniFormat)  # by path: Qt's own now points inside
    else:
        old = QSettings("emit-gui", "emit-gui")  # the registry or a plist, which setPath leaves alone
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
