"""The product note dialog: several lines, saved from the keyboard.

``QInputDialog.getMultiLineText`` could only be confirmed with the mouse: Enter is a new line,
Tab typed a tab and Ctrl+Enter did nothing, so a keyboard-first labeler was stuck in it."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from emit_gui.ui.text import plain_label


class NoteDialog(QDialog):
    def __init__(self, pid: str, text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Product note"))
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(QLabel(self.tr("Note on %1:").replace("%1", pid), self)))
        self.edit = QPlainTextEdit(self)
        self.edit.setPlainText(text)
        self.edit.setTabChangesFocus(True)  # Tab moves to the buttons, as in every other field
        layout.addWidget(self.edit)
        hint = QLabel(self.tr("Ctrl+Enter saves; Escape leaves the note as it was."), self)
        hint.setEnabled(False)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        self.edit.setFocus()
        self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)
        self.resize(460, 240)

    def note(self) -> str:
        """The text as stored: without the trailing new lines Enter leaves behind."""
        return self.edit.toPlainText().rstrip()
