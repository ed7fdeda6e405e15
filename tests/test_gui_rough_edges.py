"""Six rough edges a new labeler met at the keyboard, each driven by real clicks and keys on the
real window (fixtures and helpers from tests/test_gui_input.py): a click in the product list
kept the keyboard there; a search matching nothing left a blank pane; Qt's own dialogs were
half English in Chinese; ⚠ meant two things; the export's folder picker could not make a
folder from the keyboard; a message about one product stayed on the next."""

from __future__ import annotations

import re
import shutil

import pytest

pytest.importorskip("PySide6")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QFileDialog,
    QFileSystemModel,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QToolButton,
)

from tests.helpers.gui import type_text  # noqa: E402
from tests.test_gui_input import (  # noqa: E402, F401 - window is the fixture
    CTRL,
    DIALOG_ERRORS,
    SHIFT,
    _on_next_dialog,
    _pids,
    _ready,
    _settle,
    _slice,
    _stored,
    window,
)

NO_MOD = Qt.KeyboardModifier.NoModifier
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _keys_to_window(qtbot, w) -> None:
    if QApplication.activeWindow() is not w:  # the offscreen platform does not hand it back after a dialog
        w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5_000)


def _press(qtbot, w, key, mod=NO_MOD) -> None:
    """A key where the keyboard is (the widget that has the focus), as a person presses it."""
    _keys_to_window(qtbot, w)
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, mod)


def _click_product(qtbot, w, row: int) -> None:
    rect = w.product_list.visualRect(w.product_model.index(row))
    QTest.mouseClick(w.product_list.viewport(), Qt.MouseButton.LeftButton, NO_MOD, rect.center())


def _opened(qtbot, window, tmp_path, n: int):  # noqa: F811 - the fixture, passed on
    root = _slice(tmp_path, _pids(n))
    w = window()
    w.open_folder(str(root))
    _ready(qtbot, w)
    _keys_to_window(qtbot, w)
    return w, root


# ------------------------------------------------------------------ 1. a click in the list
def test_a_click_on_a_product_gives_its_photos_the_keys_and_tab_keeps_the_list(qtbot, window, tmp_path):  # noqa: F811
    w, _root = _opened(qtbot, window, tmp_path, 4)
    rows = list(w.product_model.rows)
    row = next(r for r, pid in enumerate(rows) if r > 0 and len(w.session.product(pid).images) >= 2)
    pid = rows[row]
    _click_product(qtbot, w, row)
    assert w.current_pid == pid
    assert w.grid.hasFocus(), QApplication.focusWidget()
    assert w.grid.currentIndex().row() == 0
    _press(qtbot, w, Qt.Key.Key_Right)  # arrows move between the photos, not the products
    assert (w.current_pid, w.grid.currentIndex().row()) == (pid, 1)
    _press(qtbot, w, Qt.Key.Key_Down)
    assert w.current_pid == pid
    _press(qtbot, w, Qt.Key.Key_Left)
    assert (w.current_pid, w.grid.currentIndex().row()) == (pid, 0)
    name = w.photo_model.photos[0].name
    _press(qtbot, w, Qt.Key.Key_2)  # a digit gives the photo an option
    _settle(qtbot, w)
    assert _stored(w)[(pid, name)][0] == w.session.product(pid).optional_tags[1]
    assert w.grid.currentIndex().row() == 1  # and moves on to the next photo

    # Tab (Shift+Tab) into the list: there the arrows move between products, as in any list
    for _ in range(12):
        if w.product_list.hasFocus():
            break
        _press(qtbot, w, Qt.Key.Key_Backtab, SHIFT)
    assert w.product_list.hasFocus(), QApplication.focusWidget()
    _press(qtbot, w, Qt.Key.Key_Down)
    assert w.current_pid == rows[row + 1] and w.product_list.hasFocus()


# ------------------------------------------------------------------ 2. a search matching nothing
def test_a_search_matching_nothing_says_so_and_escape_brings_the_products_back(qtbot, window, tmp_path):  # noqa: F811
    from emit_gui.ui.app import remove_translation, setup_translation

    w, _root = _opened(qtbot, window, tmp_path, 3)
    everything = list(w.product_model.rows)
    _click_product(qtbot, w, 1)
    _press(qtbot, w, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(lambda: w.search.hasFocus())
    type_text(w.search, "zzqx")
    assert w.product_model.rowCount() == 0
    assert w.empty_label.isVisible() and "No product matches “zzqx”" in w.empty_label.text()
    assert "zzqx" in w.title.text() and not w.photo_model.rowCount()
    qtbot.keyClick(w.search, Qt.Key.Key_Backspace)  # the message follows the search
    assert "“zzq”" in w.empty_label.text()
    qtbot.keyClick(w.search, Qt.Key.Key_Escape)  # Esc clears a search that matches nothing
    assert w.search.text() == "" and list(w.product_model.rows) == everything
    assert not w.empty_label.isVisible() and w.current_pid == everything[1]  # where the labeler was
    assert w.current_pid in w.title.text() and w.grid.hasFocus()

    # a search that narrows the list keeps its text on Esc (the photos get the keys)
    _press(qtbot, w, Qt.Key.Key_F, CTRL)
    type_text(w.search, everything[1])
    qtbot.keyClick(w.search, Qt.Key.Key_Escape)
    assert w.search.text() == everything[1] and not w.empty_label.isVisible()
    w.search.clear()

    setup_translation(QApplication.instance(), "zh_CN")  # the message in Chinese, a Chinese query
    try:
        _press(qtbot, w, Qt.Key.Key_F, CTRL)
        type_text(w.search, "不存在的颜色")
        assert "没有商品符合“不存在的颜色”" in w.empty_label.text(), w.empty_label.text()
        qtbot.keyClick(w.search, Qt.Key.Key_Escape)
        assert not w.empty_label.isVisible() and w.product_model.rowCount() == len(everything)
    finally:
        remove_translation(QApplication.instance())


# ------------------------------------------------------------------ 3. Qt's own texts in Chinese
def _latin_texts(widget) -> list[str]:
    found = []
    for child in [*widget.findChildren(QLabel), *widget.findChildren(QPushButton)]:
        if child.isVisible() and LATIN_WORD.search(child.text().replace("&", "")):
            found.append(child.text())
    return found


def _check_qt_speaks_chinese(qapp, tmp_path) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "emit-gui", "?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel)
    assert [box.button(b).text() for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No,
                                           QMessageBox.StandardButton.Cancel)] == ["是(&Y)", "否(&N)", "取消"]
    edit = QLineEdit("abc")
    menu = edit.createStandardContextMenu()  # a text field's right-click menu
    words = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert words and not [t for t in words if LATIN_WORD.search(t)], words
    (tmp_path / "a folder").mkdir(exist_ok=True)
    dlg = QFileDialog(None, "导出", str(tmp_path))  # Qt's own dialog, as Linux without a desktop's has it
    dlg.setFileMode(QFileDialog.FileMode.Directory)
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog)
    dlg.show()
    try:
        QTest.qWait(300)
        assert not _latin_texts(dlg), _latin_texts(dlg)  # "Look in:", "Files of type:" were English
        model = dlg.findChildren(QFileSystemModel)[0]
        _wait_until(lambda: model.index(str(tmp_path / "a folder")).isValid())
        assert model.type(model.index(str(tmp_path / "a folder"))) == "文件夹"  # the type column said "Folder"
    finally:
        dlg.close()
        dlg.deleteLater()


def _wait_until(cond, seconds: float = 5.0) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not cond():
        assert time.monotonic() < deadline
        QTest.qWait(20)


def test_qt_own_dialogs_and_menus_are_chinese_in_chinese(qapp, tmp_path, monkeypatch):
    from emit_gui.ui.app import remove_translation, setup_translation

    try:
        assert setup_translation(qapp, "zh_CN") == "zh_CN"
        _check_qt_speaks_chinese(qapp, tmp_path)
    finally:
        remove_translation(qapp)
    assert QMessageBox(QMessageBox.Icon.Question, "t", "?", QMessageBox.StandardButton.Cancel).button(
        QMessageBox.StandardButton.Cancel).text() == "Cancel"  # and back to English, for the other tests


def test_the_installed_apps_layout_finds_qts_chinese_beside_ours(qapp, tmp_path, monkeypatch):
    """The installed app (PyInstaller) need not have Qt's translations folder where QLibraryInfo
    says: the spec bundles qtbase_zh_CN.qm in resources/i18n, and the app finds it there."""
    import PySide6
    from PySide6.QtCore import QLibraryInfo

    from emit_gui.paths import resources_dir
    from emit_gui.ui.app import remove_translation, setup_translation

    real_qt = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    bundled = tmp_path / "resources" / "i18n"
    shutil.copytree(resources_dir() / "i18n", bundled)
    shutil.copy(f"{real_qt}/qtbase_zh_CN.qm", bundled)
    monkeypatch.setenv("EMIT_GUI_RESOURCES", str(tmp_path / "resources"))
    assert resources_dir() == tmp_path / "resources"
    monkeypatch.setattr(QLibraryInfo, "path", lambda *_a: str(tmp_path / "no-qt-here"))
    monkeypatch.setattr(PySide6, "__file__", str(tmp_path / "frozen" / "PySide6" / "__init__.py"))
    try:
        setup_translation(qapp, "zh_CN")
        _check_qt_speaks_chinese(qapp, tmp_path)
    finally:
        remove_translation(qapp)


def test_the_spec_bundles_qts_chinese_and_ours():
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    spec = (repo / "packaging" / "emit-gui.spec").read_text()
    assert '"qtbase_zh_CN.qm"' in spec and '(RES / "i18n").glob("*.qm")' in spec
    assert (repo / "resources" / "i18n" / "qt_extra_zh_CN.qm").is_file()


# ------------------------------------------------------------------ 4. ⚠ means one thing
def test_flagged_and_unsure_products_carry_different_marks(qtbot, window, tmp_path):  # noqa: F811
    from emit_gui.app.session import Flag

    w, _root = _opened(qtbot, window, tmp_path, 8)
    s = w.session
    rows = list(w.product_model.rows)
    flagged = [pid for pid in rows if s.needs_look(pid)]
    assert flagged, "no product of the slice fails full cover or splits the members: nothing to tell apart"
    plain = next(pid for pid in rows if not s.flags(pid) and s.product(pid).usable)

    # a photo of a product nobody flagged, marked "unsure, look later" with U
    _click_product(qtbot, w, rows.index(plain))
    _press(qtbot, w, Qt.Key.Key_U)
    _settle(qtbot, w)
    assert s.flags(plain) == [Flag.UNSURE]

    def text(pid):
        return w.product_model.index(rows.index(pid)).data(Qt.ItemDataRole.DisplayRole)

    def tip(pid):
        return w.product_model.index(rows.index(pid)).data(Qt.ItemDataRole.ToolTipRole)

    assert text(plain).startswith("？") and "⚠" not in text(plain)
    assert "marked unsure" in tip(plain) and "flagged" not in tip(plain)
    for pid in flagged:
        assert text(pid).startswith("⚠")
        reasons = [w.flag_text(f) for f in s.flags(pid) if f is not Flag.UNSURE]
        assert "flagged: " in tip(pid) and all(r in tip(pid) for r in reasons), tip(pid)
    assert w.flags_label.text().startswith("？ ") and "⚠" not in w.flags_label.text()

    # the filter: "flagged ⚠" lists the flagged products alone, "unsure photos ?" the unsure one
    w.filter_box.setFocus()
    for key, shown in (("flagged", set(flagged)), ("unsure", {plain} | {p for p in flagged if Flag.UNSURE in s.flags(p)})):
        while w.filter_box.currentData() != key:
            _press(qtbot, w, Qt.Key.Key_Down)
        assert set(w.product_model.rows) == shown, (key, w.product_model.rows)
        assert w.filter_box.currentText().endswith("⚠" if key == "flagged" else "？")


# ------------------------------------------------------------------ 5. a folder to write into
def test_the_export_folder_picker_makes_a_new_folder_from_the_keyboard(qtbot, window, tmp_path):  # noqa: F811
    w, _root = _opened(qtbot, window, tmp_path, 2)
    exports = tmp_path / "exports"
    exports.mkdir()
    seen = {}

    def answer(dlg):
        seen["read_only"] = dlg.testOption(QFileDialog.Option.ReadOnly)
        seen["mode"] = dlg.fileMode()
        dlg.setDirectory(str(exports))
        QTest.qWait(200)
        seen["tip"] = dlg.findChild(QToolButton, "newFolderButton").toolTip()
        QTest.keyClick(dlg, Qt.Key.Key_N, CTRL | SHIFT)  # a new folder, its name ready to type over
        _wait_until(lambda: len(list(exports.iterdir())) == 1)
        editor = QApplication.focusWidget()
        assert isinstance(editor, QLineEdit), editor
        editor.selectAll()
        type_text(editor, "spring batch")
        QTest.keyClick(editor, Qt.Key.Key_Return)
        _wait_until(lambda: (exports / "spring batch").is_dir())
        QTest.qWait(200)
        choose = next(b for b in dlg.findChildren(QPushButton) if b.isVisible() and b.isEnabled()
                      and b.text().replace("&", "") == "Choose")
        if not dlg.selectedFiles() or dlg.selectedFiles()[0] != str(exports / "spring batch"):
            raise AssertionError(f"selected {dlg.selectedFiles()}")
        QTest.mouseClick(choose, Qt.MouseButton.LeftButton)

    guard = {"on": True}  # a warning box from the picker (it should not come) is closed, never left waiting
    _on_next_dialog(answer, QFileDialog, seconds=30)
    _on_next_dialog(lambda box: box.reject() if guard["on"] else None, QMessageBox, seconds=30)
    _press(qtbot, w, Qt.Key.Key_E, CTRL)
    guard["on"] = False  # (the watch may outlive this test: it must leave a later test's box alone)
    assert not DIALOG_ERRORS, DIALOG_ERRORS
    assert seen["read_only"] is False and seen["mode"] == QFileDialog.FileMode.Directory
    assert "Ctrl+Shift+N" in seen["tip"]
    qtbot.waitUntil(lambda: (exports / "spring batch" / "final.json").exists() and not w.busy, timeout=30_000)

    # the folder of products is only read: its picker offers no new folder (nor rename, delete)
    def look(dlg):
        seen["open_read_only"] = dlg.testOption(QFileDialog.Option.ReadOnly)
        QTest.qWait(200)
        button = dlg.findChild(QToolButton, "newFolderButton")
        seen["open_new_folder"] = button is not None and button.isEnabled()
        QTest.keyClick(dlg, Qt.Key.Key_Escape)

    _on_next_dialog(look, QFileDialog, seconds=30)
    _press(qtbot, w, Qt.Key.Key_O, CTRL)
    assert not DIALOG_ERRORS, DIALOG_ERRORS
    assert seen["open_read_only"] is True and seen["open_new_folder"] is False


# ------------------------------------------------------------------ 6. messages about a product
def test_a_message_about_one_product_goes_when_the_next_opens(qtbot, window, tmp_path):  # noqa: F811
    w, _root = _opened(qtbot, window, tmp_path, 8)
    s = w.session
    rows = list(w.product_model.rows)
    small = next(r for r, pid in enumerate(rows[:-1]) if len(s.product(pid).optional_tags) < 9)
    _click_product(qtbot, w, small)
    _press(qtbot, w, Qt.Key.Key_9)  # past the product's options: says so, about this product
    message = w.statusBar().currentMessage()
    assert "there is no option 9" in message
    _press(qtbot, w, Qt.Key.Key_N)
    assert w.current_pid == rows[small + 1]
    assert w.statusBar().currentMessage() == "", w.statusBar().currentMessage()

    flagged = next(r for r, pid in enumerate(rows[:-1]) if s.needs_look(pid))
    _click_product(qtbot, w, flagged)
    _press(qtbot, w, Qt.Key.Key_A)  # a flagged product: the red bar asks for a second A
    _settle(qtbot, w)
    assert w.message_bar.isVisible() and "flagged" in w.message_label.text()
    _press(qtbot, w, Qt.Key.Key_N)
    assert w.current_pid == rows[flagged + 1]
    assert not w.message_bar.isVisible()
    _press(qtbot, w, Qt.Key.Key_P)
    _press(qtbot, w, Qt.Key.Key_A)  # the question starts again: one A does not accept it
    _settle(qtbot, w)
    assert w.current_pid == rows[flagged] and w.message_bar.isVisible()
    assert not any(s.pid_of_image(i) == rows[flagged] for i in s.decisions)


def test_catalog_problems_speak_the_interfaces_language_and_name_their_file(qapp, tmp_path):
    """Every catalog problem code has its meaning in Chinese in the Chinese interface (the
    catalog's detail stays, in brackets); in English the detail alone; the file is named."""
    from pathlib import Path

    from emit_gui.catalog.model import Problem
    from emit_gui.ui.app import remove_translation, setup_translation
    from emit_gui.ui.text import _problem_summaries, problem_text

    folder = tmp_path / "p1"
    bad = Problem("profile_bad_json", "malformed JSON: Expecting value at line 2 column 1", folder / "profile.json")
    assert problem_text(bad, folder) == "profile.json: malformed JSON: Expecting value at line 2 column 1"
    cover = Problem("cover_impossible", "2 usable photo(s) for 3 options", folder)
    assert problem_text(cover, folder) == "2 usable photo(s) for 3 options"  # about the folder: no file named
    catalog_codes = set()
    for src in (Path(__file__).resolve().parents[1] / "emit_gui" / "catalog").glob("*.py"):
        catalog_codes |= set(re.findall(r'"((?:image|profile|product|tag)_[a-z_0-9]+|single_option|no_images|'
                                        r'no_products|not_a_product|cover_impossible|labels_break_cover)"',
                                        src.read_text(encoding="utf-8")))
    assert catalog_codes and catalog_codes <= set(_problem_summaries()), catalog_codes - set(_problem_summaries())
    try:
        assert setup_translation(qapp, "zh_CN") == "zh_CN"
        assert problem_text(bad, folder) == ("profile.json: profile 文件格式错误（malformed JSON: Expecting value at "
                                             "line 2 column 1）")
        assert all(not text.isascii() for text in _problem_summaries().values())  # every code translated
    finally:
        remove_translation(qapp)
