"""The window's near-duplicates, driven by real clicks and keys: the offer after a decision and
the consistency list (Ctrl+Shift+D) show both photos side by side and apply only on a click."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
from PIL import Image, ImageOps
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from emit_gui.registry import resolve_model
from emit_gui.store import open_store
from tests.conftest import shared_products


def _folder(tmp_path: Path) -> tuple[Path, str, str, str]:
    """Eight shared products; the first gets a mirrored copy of its first photo as an extra photo."""
    src = shared_products()
    root = tmp_path / "products"
    root.mkdir()
    for pid in sorted(p.name for p in src.iterdir() if p.is_dir())[:8]:
        shutil.copytree(src / pid, root / pid)
    first = sorted(p for p in root.iterdir() if p.is_dir())[0]
    prof = json.loads((first / "profile_zh.json").read_text(encoding="utf-8"))
    name0, _tag = next(iter(prof["imgs_tags"][0].items()))
    copy = f"{first.name}_copy.jpg"
    with Image.open(first / name0) as im:
        ImageOps.mirror(im.convert("RGB")).save(first / copy, quality=70)
    prof["imgs_tags"].append({copy: ""})
    (first / "profile_zh.json").write_text(json.dumps(prof, ensure_ascii=False), encoding="utf-8")
    return root, first.name, name0, copy


def _click_photo(w, name: str) -> None:
    row = [ph.name for ph in w.photo_model.photos].index(name)
    rect = w.grid.visualRect(w.photo_model.index(row))
    QTest.mouseClick(w.grid.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())


def test_offer_and_consistency_list_show_both_photos_and_apply_on_click(qtbot, tmp_path):
    if not (resolve_model().path / "manifest.json").exists():
        pytest.skip("no default model")
    from emit_gui.ui.main_window import MainWindow

    root, pid, original, copy = _folder(tmp_path)
    store = open_store(tmp_path / "gui.db")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(store, model_path=str(resolve_model().path), profile="profile_zh.json", provider="cpu", settings=settings)
    qtbot.addWidget(w)
    try:
        w.resize(1200, 800)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        w.open_folder(str(root))
        qtbot.waitUntil(lambda: w.session is not None and w.session.index.workspace_id >= 0 and not w.busy, timeout=120_000)
        # the index (and the duplicate check) is built in a worker: Ctrl+Shift+D asks for it
        qtbot.keyClick(w.grid, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: w.dup_pairs is not None and w.dup_panel.rows.count() > 0, timeout=120_000)
        keys = {(w.photo_index.photos[p.a].name, w.photo_index.photos[p.b].name) for p in w.dup_pairs}
        assert (original, copy) in keys or (copy, original) in keys
        pair = next(p for p in w.dup_pairs if {w.photo_index.photos[p.a].name, w.photo_index.photos[p.b].name} == {original, copy})
        assert pair.mirrored
        # no other photo of this product is called a duplicate of the original (other colours)
        assert all(w.photo_index.photos[p.a].pid != pid or {w.photo_index.photos[p.a].name, w.photo_index.photos[p.b].name}
                   == {original, copy} for p in w.dup_pairs)

        # decide the original with the keyboard: the offer shows both photos before anything is applied
        if w.current_pid != pid:
            w._select_pid(pid)
        tags = w.session.product(pid).optional_tags
        _click_photo(w, original)
        qtbot.keyClick(w.grid, Qt.Key.Key_1)
        settle = lambda: qtbot.waitUntil(lambda: not w.store_worker.busy and not w.session.pending,  # noqa: E731
                                         timeout=20_000)
        settle()
        assert w.dup_bar.isVisible() and copy in w.dup_label.text()
        assert len(w.dup_bar.thumbnails()) == 2
        state = {ph.name: ph for ph in w.session.photos(pid)}
        assert state[copy].decision is None  # nothing applied yet
        given = state[original].decision.tag
        QTest.mouseClick(w.dup_button, Qt.MouseButton.LeftButton)
        settle()
        state = {ph.name: ph for ph in w.session.photos(pid)}
        assert state[copy].decision.tag == given
        assert not w.dup_bar.isVisible()

        # now make them disagree: the copy gets option 2; the consistency list shows the pair side by side
        if len(tags) < 2:
            return
        # (set up directly: the option keys are the main window's business, tested in test_gui.py)
        other = next(t for t in tags if t != given)
        w.session.decide(pid, [(copy, other)])
        qtbot.keyClick(w.grid, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: "1 pair(s) carry different" in w.dup_panel.info.text(), timeout=30_000)
        assert w.dup_panel.rows.count() == 1
        row = w.dup_panel.rows.itemWidget(w.dup_panel.rows.item(0))
        thumbs = [lbl for lbl in row.findChildren(type(w.dup_bar.label)) if lbl.objectName() == "duplicate-thumb"]
        assert len(thumbs) == 2 and all(not t.pixmap().isNull() for t in thumbs)
        buttons = {b.objectName(): b for b in row.findChildren(QPushButton)}
        a_name = w.photo_index.photos[pair.a].name
        assert {ph.decision.tag for ph in w.session.photos(pid) if ph.name in (original, copy)} != {given}
        # give the original's tag to the copy, whichever side it is on
        button = buttons["give-left"] if a_name == original else buttons["give-right"]
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        settle()
        state = {ph.name: ph for ph in w.session.photos(pid)}
        assert state[copy].decision.tag == given == state[original].decision.tag
        qtbot.waitUntil(lambda: "0 pair(s) carry different" in w.dup_panel.info.text(), timeout=30_000)
    finally:
        w.close()
        w.cancel_work(wait=True)
        store.close()
