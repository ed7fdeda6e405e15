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


def _problem_summaries() -> dict[str, str]:
    """What each catalog problem code means, in the interface's language (the detail the
    catalog gives stays as it is: paths, JSON positions and decoder texts are not translated)."""
    from PySide6.QtCore import QCoreApplication

    return {
        "image_not_file": QCoreApplication.translate("Problems", "not an image file"),
        "image_missing": QCoreApplication.translate("Problems", "photo not found"),
        "image_unreadable": QCoreApplication.translate("Problems", "photo cannot be read"),
        "image_empty": QCoreApplication.translate("Problems", "photo file is empty"),
        "image_corrupt": QCoreApplication.translate("Problems", "photo is damaged"),
        "image_truncated": QCoreApplication.translate("Problems", "photo is cut short"),
        "image_not_image": QCoreApplication.translate("Problems", "not an image"),
        "image_too_large": QCoreApplication.translate("Problems", "photo is too large"),
        "image_metadata_bomb": QCoreApplication.translate("Problems", "photo's metadata is oversized"),
        "image_symlink_outside": QCoreApplication.translate("Problems", "link leads outside the folder"),
        "image_unsafe_name": QCoreApplication.translate("Problems", "unsafe photo name"),
        "image_duplicate_entry": QCoreApplication.translate("Problems", "photo listed twice"),
        "profile_missing": QCoreApplication.translate("Problems", "no profile file"),
        "profile_unreadable": QCoreApplication.translate("Problems", "profile file cannot be read"),
        "profile_bad_json": QCoreApplication.translate("Problems", "profile file is malformed"),
        "profile_not_utf8": QCoreApplication.translate("Problems", "profile file is not UTF-8"),
        "profile_wrong_type": QCoreApplication.translate("Problems", "profile file has the wrong layout"),
        "profile_no_tags": QCoreApplication.translate("Problems", "no option tags"),
        "tag_wrong_type": QCoreApplication.translate("Problems", "an option tag is not text"),
        "tag_empty": QCoreApplication.translate("Problems", "an option tag is empty"),
        "tag_duplicate": QCoreApplication.translate("Problems", "an option tag is listed twice"),
        "tag_twin": QCoreApplication.translate("Problems", "two option tags look the same"),
        "tag_bad_unicode": QCoreApplication.translate("Problems", "an option tag is not valid text"),
        "tag_unknown": QCoreApplication.translate("Problems", "a label is not an option"),
        "single_option": QCoreApplication.translate("Problems", "only one option"),
        "no_images": QCoreApplication.translate("Problems", "no photos"),
        "cover_impossible": QCoreApplication.translate("Problems", "fewer photos than options: full cover is impossible"),
        "labels_break_cover": QCoreApplication.translate("Problems", "the labels leave an option without a photo"),
        "product_unreadable": QCoreApplication.translate("Problems", "product folder cannot be read"),
        "product_symlink_outside": QCoreApplication.translate("Problems", "link leads outside the folder"),
        "product_symlink_loop": QCoreApplication.translate("Problems", "link loops"),
        "product_symlink_broken": QCoreApplication.translate("Problems", "broken link"),
        "not_a_product": QCoreApplication.translate("Problems", "not a product"),
        "no_products": QCoreApplication.translate("Problems", "no products"),
    }


def problem_text(problem, folder) -> str:
    """A catalog problem as the window shows it: prefixed by the file it is about (the profile,
    a photo) unless it is about the product folder itself ("malformed JSON: …" did not say which
    file); in a translated interface the code's meaning comes first, the catalog's English
    detail after it in brackets."""
    from emit_gui.errors import printable

    try:
        about_folder = problem.path == folder
    except TypeError:
        about_folder = False
    text = problem.message
    summary = _problem_summaries().get(getattr(problem, "code", ""), "")
    if summary and not summary.isascii():  # the interface speaks another language than the detail
        text = f"{summary}（{problem.message}）"
    return text if about_folder or not problem.path else f"{printable(problem.path.name)}: {text}"
