"""Text from folders, tags and files is shown as plain text: Qt guesses rich text from a '<',
and a folder named ``<h1>…`` or a tag ``<img src=…>`` would be rendered (and load a local file)."""

from __future__ import annotations

import html


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` literally (tooltips have no plain-text switch)."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text).replace("\n", "<br>") + "</p>"


def plain_label(label):
    """Make a QLabel (or QMessageBox) show its text literally."""
    from PySide6.QtCore import Qt

    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def problem_text(problem, folder) -> str:
    """A catalog problem as the window shows it: prefixed by the file it is about (the profile,
    a photo) unless it is about the product folder itself. ("malformed JSON: …" did not say
    which file.)"""
    from emit_gui.errors import printable

    try:
        about_folder = problem.path == folder
    except TypeError:
        about_folder = False
    return problem.message if about_folder or not problem.path else f"{printable(problem.path.name)}: {problem.message}"
