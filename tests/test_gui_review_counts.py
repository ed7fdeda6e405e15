"""What the review window tells a labeler must match what was decided: the export's counts, what
"accept sure photos" takes, and which confidence bars are green. Driven by real keys and clicks
on the real window, as in tests/test_gui_input.py (whose fixtures and helpers these reuse)."""

from __future__ import annotations

import dataclasses
import json

import pytest

pytest.importorskip("PySide6")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from emit_gui.store import LABEL_KINDS  # noqa: E402
from tests.test_gui_input import (  # noqa: E402, F401 - window is the fixture
    CTRL,
    DIALOG_ERRORS,
    SHIFT,
    _on_next_dialog,
    _pids,
    _ready,
    _select_photo,
    _settle,
    _slice,
    _stored,
    window,
)


def _key(qtbot, w, k, mod=Qt.KeyboardModifier.NoModifier):
    if QApplication.activeWindow() is not w:  # the offscreen platform does not hand it back after a dialog
        w.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5_000)
    qtbot.keyClick(w.grid, k, mod)
    _settle(qtbot, w)


def test_export_message_tells_decided_from_the_folders_own_labels(qtbot, window, tmp_path, monkeypatch):  # noqa: F811
    pids = _pids(4, max_options=3)
    root = _slice(tmp_path, pids)  # every product keeps the labels it came with
    w = window()
    w.open_folder(str(root))
    _ready(qtbot, w)
    s = w.session
    # the labeler decides two photos in the first product by keys; the rest is left as the folder had it
    w.grid.setFocus()
    for row in (0, 1):
        _select_photo(qtbot, w, row)
        _key(qtbot, w, Qt.Key.Key_2)
    stored = _stored(w)
    decided_here = {k for k, (tag, kind) in stored.items()
                    if kind in LABEL_KINDS and tag in s.product(k[0]).optional_tags}
    assert len(decided_here) == 2
    folder_own = {(p.pid, im.name) for p in s.products for im in p.images
                  if im.tag in p.optional_tags and (p.pid, im.name) not in stored}
    assert folder_own, "the slice carries no folder labels: the check cannot tell anything"

    out = tmp_path / "export"
    monkeypatch.setattr("emit_gui.ui.folders.choose_folder_to_write", lambda *a, **k: str(out))
    _key(qtbot, w, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: (out / "final.json").exists() and not w.busy, timeout=30_000)
    final = json.loads((out / "final.json").read_text(encoding="utf-8"))
    labelled = sum(1 for prof in final.values() for d in prof["imgs_tags"] for tag in d.values() if tag)
    assert labelled == len(decided_here) + len(folder_own)
    assert w.statusBar().currentMessage() == (
        f"Exported {labelled} labelled photos to {out}: {len(decided_here)} decided here, "
        f"{len(folder_own)} the folder's own labels (not reviewed)")


def test_accept_sure_by_keys_leaves_flagged_products_out(qtbot, window, tmp_path):  # noqa: F811
    pids = _pids(8, max_options=3)
    root = _slice(tmp_path, pids)
    w = window()
    w.open_folder(str(root))
    _ready(qtbot, w)
    s = w.session
    assert w.auto_accept is not None

    def sure_photos(pid):
        return {(pid, ph.name): ph.proposal.tag for ph in s.photos(pid)
                if ph.proposal and not ph.reviewed and not ph.unsure and not ph.problem
                and ph.proposal.confidence >= w.auto_accept}

    def needs_look(pid):
        return any(f.value != "unsure" for f in s.flags(pid))

    with_sure = [pid for pid in w.product_model.rows if sure_photos(pid) and not needs_look(pid)]
    assert len(with_sure) >= 2, "the slice needs two unflagged products with sure photos"
    # the ensemble members disagree on one of them: it shows ⚠ and must not go to ✓ unseen
    flagged_pid = with_sure[0]
    s.proposals[flagged_pid] = dataclasses.replace(s.proposals[flagged_pid], members_disagree=True)
    assert needs_look(flagged_pid)
    flagged = [pid for pid in w.product_model.rows if sure_photos(pid) and needs_look(pid)]
    expected = {k: t for pid in w.product_model.rows if not needs_look(pid) for k, t in sure_photos(pid).items()}
    before = _stored(w)

    def yes(box):
        assert f"Accept {len(expected)} photos in " in box.text(), box.text()
        assert f"Left out: flagged products ({len(flagged)})." in box.text(), box.text()
        QTest.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)

    w.grid.setFocus()
    _on_next_dialog(yes, QMessageBox)
    _key(qtbot, w, Qt.Key.Key_A, CTRL | SHIFT)
    assert not DIALOG_ERRORS, DIALOG_ERRORS
    after = _stored(w)
    # stored as accepted unseen: retrain neither learns from nor judges by the model's own sure proposals
    assert {k: v for k, v in after.items() if k not in before} == {k: (t, "unseen") for k, t in expected.items()}
    assert not any(pid == flagged_pid for pid, _name in after)
    n_products = len({pid for pid, _name in expected})
    assert w.statusBar().currentMessage() == (f"Accepted {len(expected)} sure photos in {n_products} products; "
                                              "one Ctrl+Z takes them back")


def test_confidence_bar_is_green_only_at_the_auto_accept_point(qtbot, window, tmp_path):  # noqa: F811
    pids = _pids(8, max_options=3)
    root = _slice(tmp_path, pids)
    w = window()
    w.open_folder(str(root))
    _ready(qtbot, w)
    s = w.session
    thr = w.auto_accept
    assert thr is not None and thr > 0.9  # the bug: green started at 90 %, below the sure point
    green, amber = QColor("#27ae60"), QColor("#f39c12")
    seen = {"sure": 0, "below": 0, "band": 0}  # band: 90 % up to the sure point, green before
    for pid in w.product_model.rows:
        photos = s.photos(pid)
        if not any(ph.proposal and 0.6 <= ph.proposal.confidence for ph in photos if not ph.reviewed):
            continue
        idx = w.product_model.index(w.product_model.rows.index(pid), 0)  # click the product in the list
        w.product_list.scrollTo(idx)
        QTest.mouseClick(w.product_list.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         w.product_list.visualRect(idx).center())
        qtbot.waitUntil(lambda: w.photo_model.pid == pid, timeout=5_000)  # noqa: B023
        w.grid.scrollToTop()
        for row, ph in enumerate(w.photo_model.photos):
            if not ph.proposal or ph.proposal.confidence < 0.6 or ph.problem:
                continue
            w.grid.scrollTo(w.photo_model.index(row))
            QApplication.processEvents()
            rect = w.grid.visualRect(w.photo_model.index(row))
            image = w.grid.viewport().grab().toImage()
            # the bar: 6 px in from the tile's frame, 28 px under the thumbnail (photo_grid.PhotoDelegate.paint)
            r = rect.adjusted(4, 4, -4, -4)
            x, y = r.left() + 8, r.top() + 4 + 160 - 1 + 6 + 22 + 4
            got = image.pixelColor(x, y)
            is_sure = ph.proposal.confidence >= thr
            assert got == (green if is_sure else amber), (pid, ph.name, ph.proposal.confidence, got.name())
            seen["sure" if is_sure else "below"] += 1
            seen["band"] += 0.9 <= ph.proposal.confidence < thr
    assert seen["sure"] and seen["band"], seen


def test_squeezed_status_figures_end_in_an_ellipsis_during_a_retrain(qtbot, window, tmp_path):  # noqa: F811
    """During a retrain its progress bar, text and Cancel share the status bar with the counts,
    the model and the provider: each figure squeezed ends in "…" with its whole text in the
    tooltip (they were cut mid-word and ran into each other: "accepted unchang model: …")."""
    root = _slice(tmp_path, _pids(4, max_options=3))
    w = window()
    w.open_folder(str(root))
    _ready(qtbot, w)
    w.resize(900, 700)
    qtbot.waitUntil(lambda: w.width() == 900, timeout=5_000)
    _key(qtbot, w, Qt.Key.Key_R, CTRL | SHIFT)
    assert w.retrain is not None and w.retrain.running and w.progress.isVisible()
    long = "The new model v001-20261122-213748 was kept aside; the model in use is unchanged."
    w.retrain.progress.emit(long)  # what the retrain process reports, through its controller's signal
    labels = [w.eta, w.counts_label, w.model_label, w.provider_label]
    _settle(qtbot, w)
    qtbot.wait(50)
    for lab in labels:
        lab.repaint()
    fm = w.eta.fontMetrics()
    squeezed = [lab for lab in labels if lab.isVisible() and fm.horizontalAdvance(lab.text()) > lab.contentsRect().width()]
    assert squeezed, "nothing is squeezed at this width: the test cannot tell"
    for lab in squeezed:
        shown = lab.shown_text()
        assert shown.endswith("…") and lab.toolTip() == lab.text(), (lab.text(), shown)
        assert fm.horizontalAdvance(shown) <= lab.contentsRect().width()
    shown_boxes = sorted((lab.geometry() for lab in labels if lab.isVisible()), key=lambda r: r.left())
    assert all(a.right() < b.left() for a, b in zip(shown_boxes, shown_boxes[1:], strict=False))  # no overlap
    _key(qtbot, w, Qt.Key.Key_Escape)  # Esc stops the retrain, which says so without a dialog
    qtbot.waitUntil(lambda: not w.retrain.running, timeout=30_000)


def test_folder_labels_bar_counts_on_closes_with_esc_and_stays_declined(qtbot, window, tmp_path):  # noqa: F811
    """The "use the folder's labels?" bar: its count follows the decisions made; Esc closes it
    without cancelling the folder's proposals (Esc did nothing there, and cancelled the work);
    declined, it is not offered again for the folder."""
    root = _slice(tmp_path, _pids(6, max_options=3))
    w = window()
    w.open_folder(str(root))
    qtbot.waitUntil(lambda: w.file_bar.isVisible(), timeout=60_000)
    n = w.session.file_labels()
    assert n > 2 and f"already has {n} labelled photos" in w.file_label.text()
    assert w.busy  # the proposals are running
    _key(qtbot, w, Qt.Key.Key_Escape)
    assert not w.file_bar.isVisible()
    _ready(qtbot, w)  # not cancelled: every product still gets its proposals
    # declined for this folder: a new window on it does not offer it again
    w.close()
    w2 = window()
    w2.open_folder(str(root))
    _ready(qtbot, w2)
    assert not w2.file_bar.isVisible()


def test_folder_labels_bar_count_follows_decisions(qtbot, window, tmp_path):  # noqa: F811
    root = _slice(tmp_path, _pids(6, max_options=3))
    w = window()
    w.open_folder(str(root))
    _ready(qtbot, w)
    n = w.session.file_labels()
    assert w.file_bar.isVisible() and f"already has {n} labelled photos" in w.file_label.text()
    w.grid.setFocus()
    _select_photo(qtbot, w, 0)
    _key(qtbot, w, Qt.Key.Key_1)
    assert w.session.file_labels() == n - 1
    assert f"already has {n - 1} labelled photos" in w.file_label.text(), w.file_label.text()


def test_a_broken_profile_is_named_in_the_window(qtbot, window, tmp_path):  # noqa: F811
    """The product pane and the list's tooltip name the file a problem is about ("malformed
    JSON: …" did not say which file); the other products are proposed as usual."""
    pids = _pids(4, max_options=3)
    root = _slice(tmp_path, pids)
    broken = pids[1]
    (root / broken / "profile_zh.json").write_text('{"optional_tags": ["红", \n', encoding="utf-8")
    w = window()
    w.open_folder(str(root))
    _ready(qtbot, w)
    row = w.product_model.row_of(broken)
    assert row >= 0
    rect = w.product_list.visualRect(w.product_model.index(row))
    QTest.mouseClick(w.product_list.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     rect.center())
    qtbot.waitUntil(lambda: w.current_pid == broken, timeout=5_000)
    assert "profile_zh.json: malformed JSON" in w.flags_label.text(), w.flags_label.text()
    tip = w.product_model.data(w.product_model.index(row), Qt.ItemDataRole.ToolTipRole)
    assert "profile_zh.json: malformed JSON" in tip, tip
    assert len(w.session.proposals) == len(pids) - 1
