from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
from PySide6.QtCore import QSettings, Qt  # noqa: E402

from emit_gui.registry import resolve_model  # noqa: E402
from emit_gui.app.session import Status  # noqa: E402
from emit_gui.store import open_store  # noqa: E402
from tests.conftest import shared_products  # noqa: E402
from tests.faults import build_broken_root  # noqa: E402


def _model_or_skip() -> str:
    path = resolve_model().path
    if not (path / "manifest.json").exists():
        pytest.skip("no default model in resources/models/default")
    return str(path)


@pytest.fixture
def make_window(qtbot, tmp_path):
    """A real main window with its own settings and database (labelme's e2e habit)."""
    from emit_gui.ui.main_window import MainWindow

    made = []

    def factory(db: Path | None = None):
        store = open_store(db or tmp_path / "gui.db")
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        w = MainWindow(store, model_path=_model_or_skip(), profile="profile_zh.json", provider="cpu",
                       settings=settings)
        qtbot.addWidget(w)
        w.resize(1200, 800)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        made.append((w, store))
        return w

    yield factory
    for w, store in made:
        if w.isVisible():
            w.close()
        w.cancel_work(wait=True)
        store.close()


def _slice(tmp_path: Path, n: int = 12) -> Path:
    src = shared_products()
    root = tmp_path / "products"
    root.mkdir()
    for pid in sorted(p.name for p in src.iterdir() if p.is_dir())[:n]:
        shutil.copytree(src / pid, root / pid)
    return root


def _wait_proposals(qtbot, w, timeout=120_000):
    qtbot.waitUntil(lambda: w.session is not None and w.session.index.workspace_id >= 0 and not w.busy
                    and not w.store_worker.busy, timeout=timeout)


def _settle(qtbot, w, timeout=20_000):
    """Until every decision pressed so far has reached the store and the window."""
    qtbot.waitUntil(lambda: not w.store_worker.busy and not w.session.pending, timeout=timeout)


def test_review_loop_with_keyboard_undo_redo_and_reopen(qtbot, make_window, tmp_path):
    root = _slice(tmp_path)
    db = tmp_path / "gui.db"
    w = make_window(db)
    w.open_folder(str(root))
    _wait_proposals(qtbot, w)
    s = w.session
    assert len(s.proposals) == 12
    assert w.provider_label.text().startswith("inference: CPU")
    assert w.model_label.text().endswith("(--model)")  # which model, and why: the window was given --model

    # the first product is shown; give its first photo option 2 with the keyboard
    pid = w.current_pid
    tags = s.product(pid).optional_tags
    first = w.photo_model.photos[0].name
    qtbot.keyClick(w.grid, Qt.Key.Key_2)
    _settle(qtbot, w)
    iid = s.image_id(pid, first)
    assert s.decisions[iid].tag == tags[1]
    # the selection moved to the next photo; accept its proposal with Space
    second = w.photo_model.photos[1]
    qtbot.keyClick(w.grid, Qt.Key.Key_Space)
    _settle(qtbot, w)
    assert s.decisions[s.image_id(pid, second.name)].tag == second.proposal.tag
    assert s.decisions[s.image_id(pid, second.name)].kind == "accepted"

    # undo both, redo one
    qtbot.keyClick(w.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    _settle(qtbot, w)
    qtbot.keyClick(w.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    _settle(qtbot, w)
    assert s.image_id(pid, first) not in s.decisions
    qtbot.keyClick(w.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    _settle(qtbot, w)
    assert s.decisions[iid].tag == tags[1]

    # accept the whole product (twice if it is flagged: the first A only warns)
    w._select_pid(pid)
    qtbot.keyClick(w.grid, Qt.Key.Key_A)
    if w.current_pid == pid:
        assert w.message_bar.isVisible()
        qtbot.keyClick(w.grid, Qt.Key.Key_A)
    _settle(qtbot, w)
    assert all(ph.reviewed for ph in s.photos(pid))
    assert w.current_pid != pid
    decided = {k: v for k, v in s.decisions.items()}
    decided_current = w.current_pid
    w.close()

    # reopen: every decision is back, and undo still reaches the decisions made before
    w2 = make_window(db)
    w2.open_folder(str(root))
    _wait_proposals(qtbot, w2)
    assert w2.session.decisions == decided
    assert w2.current_pid == decided_current  # the window opens where the labeler stopped
    assert w2.actions_["undo"].isEnabled()
    qtbot.keyClick(w2.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # "accept product" of the last run
    _settle(qtbot, w2)
    assert not all(ph.reviewed for ph in w2.session.photos(pid))
    assert w2.session.decisions[iid].tag == tags[1]  # the earlier decision stays
    assert w2.current_pid == pid  # undo shows the product it changed


def test_new_proposals_never_overwrite_a_decision(qtbot, make_window, tmp_path):
    root = _slice(tmp_path, 3)
    w = make_window()
    w.open_folder(str(root))
    _wait_proposals(qtbot, w)
    s = w.session
    pid = s.products[0].pid
    ph = s.photos(pid)[0]
    other = next(t for t in s.product(pid).optional_tags if t != ph.proposal.tag)
    s.decide(pid, [(ph.name, other)])  # as another process would: straight to the store
    w.start_proposals()  # the model proposes again
    _wait_proposals(qtbot, w)
    again = s.photos(pid)[0]
    assert again.tag == other and again.decision.kind == "corrected" and again.disagrees


def test_cover_failure_and_broken_images_are_marked(qtbot, make_window, tmp_path):
    root = tmp_path / "broken"
    build_broken_root(root, tmp_path / "outside")
    src = shared_products()
    # a real product with one photo removed from its profile: 3 options, 2 photos
    pid = next(p.name for p in sorted(src.iterdir()) if p.is_dir()
               and len(json.loads((p / "profile_zh.json").read_text())["optional_tags"]) == 3
               and len(json.loads((p / "profile_zh.json").read_text())["imgs_tags"]) == 3)
    shutil.copytree(src / pid, root / pid)
    prof = json.loads((root / pid / "profile_zh.json").read_text())
    prof["imgs_tags"] = prof["imgs_tags"][:2]
    (root / pid / "profile_zh.json").write_text(json.dumps(prof, ensure_ascii=False))
    for p in root.iterdir():  # the fault products use profile.json; open them with the zh name too
        if p.is_dir() and (p / "profile.json").exists() and not (p / "profile_zh.json").exists():
            shutil.copy(p / "profile.json", p / "profile_zh.json")
    w = make_window()
    w.open_folder(str(root))
    _wait_proposals(qtbot, w)
    s = w.session
    assert s.status(pid) is Status.FLAGGED
    from emit_gui.app.session import Flag

    assert Flag.COVER_IMPOSSIBLE in s.flags(pid)
    assert s.status("badjson") is Status.PROBLEM
    w._select_pid("truncated")
    qtbot.waitUntil(lambda: any(ph.problem for ph in w.photo_model.photos), timeout=10_000)
    bad = [ph for ph in w.photo_model.photos if ph.problem]
    assert bad and bad[0].name == "truncated_1.jpg"
    w.product_model.filter = "problems"
    w.product_model.refilter()
    assert "badjson" in w.product_model.rows and pid not in w.product_model.rows


def test_closing_while_proposing_cancels_cleanly(qtbot, make_window, tmp_path):
    root = _slice(tmp_path, 30)
    w = make_window()
    w.open_folder(str(root))
    qtbot.waitUntil(lambda: w.busy, timeout=10_000)
    w.close()
    assert not w.busy


def test_retrain_action_reports_in_the_window(qtbot, make_window, tmp_path):
    """Ctrl+Shift+R retrains in its own process; with a handful of decisions the gate refuses
    before training, and the window says so in a dialog (not CLI text, not the status bar)."""
    root = _slice(tmp_path, 3)
    w = make_window()
    w.open_folder(str(root))
    _wait_proposals(qtbot, w)
    qtbot.keyClick(w.grid, Qt.Key.Key_A)  # a handful of decisions: too few to retrain on
    qtbot.keyClick(w.grid, Qt.Key.Key_A)
    _settle(qtbot, w)
    qtbot.keyClick(w.grid, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: w.retrain is not None and not w.retrain.running and w.retrain.dialog is not None
                    and w.retrain.dialog.isVisible(), timeout=180_000)
    text = w.retrain.dialog.text()
    assert "--min-corrections" not in text and "decisions" in text.lower()
    w.retrain.dialog.close()
    assert not w.busy and w.retrain_process is None


def test_find_panel_duplicate_offer_and_heat_map(qtbot, make_window, tmp_path):
    """Search by tag text and by photo, jump to a hit, get offered a decision for a photo's
    near-duplicate, and see the heat map in the zoom view."""
    root = _slice(tmp_path, 10)
    # plant a near-duplicate inside the first product: its first photo re-encoded, as an extra photo
    from PIL import Image

    first = sorted(p for p in root.iterdir() if p.is_dir())[0]
    prof = json.loads((first / "profile_zh.json").read_text(encoding="utf-8"))
    name0, tag0 = next(iter(prof["imgs_tags"][0].items()))
    with Image.open(first / name0) as im:
        im.convert("RGB").save(first / f"{first.name}_dup.jpg", quality=60)
    prof["imgs_tags"].append({f"{first.name}_dup.jpg": tag0})
    (first / "profile_zh.json").write_text(json.dumps(prof, ensure_ascii=False), encoding="utf-8")

    w = make_window()
    w.open_folder(str(root))
    _wait_proposals(qtbot, w)

    # text search fills the panel from a worker-built index; a click opens the product
    w.search_photos("黑色")
    qtbot.waitUntil(lambda: w.find_panel.results.count() > 0, timeout=120_000)
    assert w.photo_index is not None and len(w.photo_index) >= 20
    item = w.find_panel.results.item(0)
    pid, name = item.data(Qt.ItemDataRole.UserRole + 20)
    w.find_panel.photo_chosen.emit(pid, name)
    assert w.current_pid == pid
    assert w.photo_model.photos[w.grid.currentIndex().row()].name == name

    # photos like the planted copy: its original comes first
    w._select_pid(first.name)
    names = [ph.name for ph in w.photo_model.photos]
    w.grid.setCurrentIndex(w.photo_model.index(names.index(f"{first.name}_dup.jpg")))
    w.like_selected()
    qtbot.waitUntil(lambda: w.find_panel.info.text().startswith("Photos most like"), timeout=30_000)
    assert w.find_panel.results.item(0).data(Qt.ItemDataRole.UserRole + 20) == (first.name, name0)

    # deciding the original offers the same tag for its duplicate; Ctrl+D applies it
    w.grid.setCurrentIndex(w.photo_model.index(names.index(name0)))
    w.grid.selectionModel().select(w.photo_model.index(names.index(name0)),
                                   w.grid.selectionModel().SelectionFlag.ClearAndSelect)
    option = prof["optional_tags"].index(tag0) + 1
    qtbot.keyClick(w.grid, getattr(Qt.Key, f"Key_{option}"))
    _settle(qtbot, w)
    assert w.dup_bar.isVisible() and f"{first.name}_dup.jpg" in w.dup_label.text()
    qtbot.keyClick(w.grid, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    _settle(qtbot, w)
    state = {ph.name: ph for ph in w.session.photos(first.name)}
    assert state[f"{first.name}_dup.jpg"].decision.tag == tag0
    qtbot.keyClick(w.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one undo takes the duplicate's back
    _settle(qtbot, w)
    state = {ph.name: ph for ph in w.session.photos(first.name)}
    assert state[f"{first.name}_dup.jpg"].decision is None or state[f"{first.name}_dup.jpg"].decision.tag != tag0

    # the zoom view shows the heat map of the photo's tag
    from emit_gui.ui.zoom import ZoomDialog

    w.zoom_selected(heat=True)
    dialog = [d for d in w.findChildren(ZoomDialog) if d.isVisible()][-1]
    qtbot.waitUntil(lambda: dialog.heat_item.isVisible(), timeout=30_000)
    assert "colour" in dialog.heat_images and not dialog.heat_item.pixmap().isNull()
    dialog.toggle_heat("colour")
    assert not dialog.heat_item.isVisible()
    dialog.close()


def test_proposer_process_failure_is_said_in_the_window(qtbot, tmp_path):
    """The ensemble runs in a child process; when it cannot start, the window says why."""
    from emit_gui.ui.main_window import MainWindow

    store = open_store(tmp_path / "gui.db")
    w = MainWindow(store, model_path=str(tmp_path / "no-model"), profile="profile_zh.json", provider="cpu",
                   settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    try:
        w.open_folder(str(_slice(tmp_path, 2)))
        qtbot.waitUntil(lambda: w.message_bar.isVisible() and "Proposals failed" in w.message_label.text(),
                        timeout=60_000)
        assert "no-model" in w.message_label.text()
        qtbot.waitUntil(lambda: not w.busy, timeout=30_000)
        assert w.session is not None and not w.session.proposals
    finally:
        w.close()
        w.cancel_work(wait=True)
        store.close()


def test_tag_bar_marks_an_option_without_photos(qtbot):
    from emit_gui.ui.tag_bar import TagBar

    bar = TagBar()
    qtbot.addWidget(bar)
    bar.resize(600, 40)
    bar.show_counts({"黑色": 2, "白色上衣+黑色套装裙子": 0, "Dark Blue": 1})
    bar.show()
    qtbot.waitExposed(bar)
    assert len(bar.chips) == 3 and bar.sizeHint().height() > 10
    img = bar.grab().toImage()
    red_chip = bar.chips[1].toRect()
    reds = sum(1 for x in range(red_chip.left(), red_chip.right(), 2)
               for y in range(red_chip.top(), red_chip.bottom(), 2)
               if img.pixelColor(x, y).red() > 180 and img.pixelColor(x, y).green() < 100)
    blues = sum(1 for x in range(bar.chips[0].toRect().left(), bar.chips[0].toRect().right(), 2)
                for y in range(bar.chips[0].toRect().top(), bar.chips[0].toRect().bottom(), 2)
                if img.pixelColor(x, y).red() > 180 and img.pixelColor(x, y).green() < 100)
    assert reds > 10 and blues == 0  # the uncovered option is drawn red, the others are not
