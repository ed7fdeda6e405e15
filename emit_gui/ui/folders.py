"""Choosing a folder the window will write into (the export's destination).

Such a picker must be able to make the folder: Qt's own file dialog (Linux without a desktop
file-dialog service, and the installed app) has a "Create New Folder" button, but only for the
mouse; here Ctrl+Shift+N (as in file managers) does the same, and its tooltip says so. Desktop
dialogs (Windows, macOS, GTK, portals) have their own "New folder". Folders the window only reads
are chosen read-only (main_window.choose_folder).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QToolButton, QWidget

NEW_FOLDER_KEYS = "Ctrl+Shift+N"


def folder_dialog(parent: QWidget | None, title: str, start: str = "") -> QFileDialog:
    """A folder picker that can create folders (never read-only)."""
    dlg = QFileDialog(parent, title, start)
    dlg.setFileMode(QFileDialog.FileMode.Directory)
    dlg.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dlg.setOption(QFileDialog.Option.ReadOnly, False)
    dlg.setObjectName("write-folder-dialog")
    new_folder = QAction(QCoreApplication.translate("FolderDialog", "New folder"), dlg)
    new_folder.setShortcut(QKeySequence(NEW_FOLDER_KEYS))
    new_folder.triggered.connect(lambda: _new_folder(dlg))
    dlg.addAction(new_folder)
    dlg.new_folder_action = new_folder
    return dlg


def _new_folder_button(dlg: QFileDialog) -> QToolButton | None:
    return dlg.findChild(QToolButton, "newFolderButton")  # Qt's own dialog's button (widget dialog only)


def _new_folder(dlg: QFileDialog) -> None:
    """Qt's own "Create New Folder": a folder named "New Folder" in the directory shown, its name
    ready to type over (Enter keeps it)."""
    button = _new_folder_button(dlg)
    if button is not None and button.isEnabled():
        button.click()


def mark_new_folder_keys(dlg: QFileDialog) -> None:
    button = _new_folder_button(dlg)
    if button is not None and NEW_FOLDER_KEYS not in button.toolTip():
        button.setToolTip(f"{button.toolTip()} ({QKeySequence(NEW_FOLDER_KEYS).toString(QKeySequence.SequenceFormat.NativeText)})")


def choose_folder_to_write(parent: QWidget | None, title: str, start: str = "") -> str:
    """The folder chosen, or "" when the person cancelled."""
    dlg = folder_dialog(parent, title, start)
    QTimer.singleShot(0, lambda: mark_new_folder_keys(dlg))  # Qt's own dialog builds its widgets when shown
    try:
        if not dlg.exec():
            return ""
        chosen = dlg.selectedFiles()
        return chosen[0] if chosen else ""
    finally:
        dlg.deleteLater()
