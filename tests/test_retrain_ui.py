"""The window's retrain: RetrainController runs a retrain process, reads its typed progress and
JSON report, and switches the model only when the person clicks "Use the new model".

The retrain process here is a stand-in script speaking the same protocol as
``emit-gui retrain --progress-json --report FILE`` (the real command's report is tested in
test_retrain.py), so these tests take seconds."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QMessageBox, QWidget  # noqa: E402

from emit_gui import promotion, registry  # noqa: E402

FAKE = textwrap.dedent("""
    import json, sys, time
    args = sys.argv[1:]
    assert args[0] == "retrain" and "--no-promote" in args and "--progress-json" in args, args
    report_path = args[args.index("--report") + 1]
    spec = json.load(open(sys.argv[0] + ".json", encoding="utf-8"))
    for stage, done, total in [("prepare", 0, 0), ("learn", 1, 4), ("learn", 4, 4), ("judge", 2, 2)]:
        print(json.dumps({"event": "progress", "stage": stage, "done": done, "total": total}), flush=True)
        print("a human log line on stderr", file=sys.stderr, flush=True)
        time.sleep(0.05)
    print("not a JSON line: never interpreted", flush=True)
    if spec.get("hang"):
        time.sleep(60)
    if spec.get("report") is not None:
        json.dump(spec["report"], open(report_path, "w", encoding="utf-8"))
    if spec.get("stderr"):
        print(spec["stderr"], file=sys.stderr, flush=True)
    sys.exit(spec.get("code", 0))
""")


def fake_command(tmp_path: Path, spec: dict) -> list[str]:
    script = tmp_path / "fake_retrain.py"
    script.write_text(FAKE, encoding="utf-8")
    (tmp_path / "fake_retrain.py.json").write_text(json.dumps(spec), encoding="utf-8")
    return [sys.executable, str(script)]


def stage_version(name: str) -> str:
    """A real, verifiable model folder in the registry, as retrain --no-promote leaves it."""
    shutil.copytree(registry.bundled_default(), registry.models_dir() / name)
    return name


def a_set(before: tuple[int, int], after: tuple[int, int], photos: int, products: int, verdict: str,
          newly_right=(), newly_wrong=(), **extra) -> dict:
    def fig(right, exact):
        return {"photos": photos, "products": products, "right": right, "exact": exact,
                "acc": right / photos, "em": exact / products, "ece": 0.05, "cover_rate": 1.0}

    return {"label": "x", "photos": photos, "products": products, "before": fig(*before), "after": fig(*after),
            "newly_right": list(newly_right), "newly_wrong": list(newly_wrong), "verdict": verdict, **extra}


def report(decision: str, code: str, version: str | None, sets: dict, params: dict | None = None) -> dict:
    return promotion.new_report(decision=decision, reason={"code": code, "text": "CLI TEXT: lower --min-corrections",
                                                           "params": params or {}},
                                version=version, base_version="default", sets=sets, new_labels=["onyx"])


@pytest.fixture
def parent(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    w.resize(400, 300)
    w.show()
    return w


def controller(parent, tmp_path, spec):
    from emit_gui.ui.retrain import RetrainController

    ctrl = RetrainController(parent, store_path=tmp_path / "d.db", command=fake_command(tmp_path, spec))
    seen = {"progress": [], "finished": [], "switched": [], "failed": []}
    ctrl.progress.connect(seen["progress"].append)
    ctrl.finished.connect(seen["finished"].append)
    ctrl.model_switched.connect(seen["switched"].append)
    ctrl.failed.connect(seen["failed"].append)
    return ctrl, seen


def visible_dialog(qtbot, ctrl) -> QMessageBox:
    try:
        qtbot.waitUntil(lambda: ctrl.dialog is not None and ctrl.dialog.isVisible(), timeout=120_000)
    except Exception as exc:  # say what the controller saw, so an intermittent failure can be read
        proc = ctrl.process
        raise AssertionError(f"no dialog: process={proc and (proc.state(), proc.error(), proc.errorString())} "
                             f"report={ctrl.report} stderr={ctrl._stderr[-5:]}") from exc
    return ctrl.dialog


def button(box: QMessageBox, text: str):
    hits = [b for b in box.buttons() if b.text() == text]
    assert hits, [b.text() for b in box.buttons()]
    return hits[0]


SETS = {promotion.HELD_OUT: a_set((26, 6), (29, 8), 31, 9, "better", ["p1", "p2"]),
        promotion.BASE_VALIDATION: a_set((667, 190), (666, 189), 745, 225, "same", ["p3"], ["p4", "p5"],
                                         profile="profile.json")}


@pytest.mark.parametrize("answer", ["Use the new model", "Keep the current model"])
def test_new_model_is_used_only_after_the_person_says_yes(qtbot, parent, tmp_path, answer):
    version = stage_version("v001-20260101-000000")
    ctrl, seen = controller(parent, tmp_path, {"report": report("needs_confirmation", "not_worse", version, SETS)})
    assert ctrl.start()
    box = visible_dialog(qtbot, ctrl)
    assert not ctrl.running and seen["finished"][0]["version"] == version
    assert box.textFormat() == Qt.TextFormat.PlainText
    text = box.text()
    # what gets better and what does not, in plain words, then the question
    assert "Gets better:" in text and "26 → 29" in text and "83.9% → 93.5%" in text and "6 → 8" in text
    assert "2 product(s) become fully right." in text and "no longer" not in text.split("About the same")[0]
    assert "About the same" in text and "667 → 666" in text
    assert "1 product(s) become fully right. 2 product(s) are no longer fully right." in text
    assert "onyx" in text and text.rstrip().endswith("Use the new model?")
    assert "CLI TEXT" not in text
    # typed progress reached the status line; the child's log and non-JSON lines did not
    assert any("learning from your decisions (100%)" in p for p in seen["progress"])
    assert not any("human log" in p or "not a JSON" in p for p in seen["progress"])
    assert registry.active_version() == "default"  # nothing switched before the answer
    QTest.mouseClick(button(box, answer), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5_000)
    if answer == "Use the new model":
        assert registry.active_version() == version and seen["switched"] == [version]
    else:
        assert registry.active_version() == "default" and seen["switched"] == []
    assert seen["failed"] == []


@pytest.mark.parametrize("code, params, expect", [
    ("too_few_decisions", {"decisions": 48, "needed": 50, "min_photos": 30},
     "there are 48, and retraining needs at least 50"),
    ("too_little_evidence", {"products": 5, "needed_products": 9}, "cover only 5 products"),
])
def test_too_little_evidence_is_a_translated_warning(qtbot, parent, tmp_path, code, params, expect):
    ctrl, seen = controller(parent, tmp_path, {"report": report("refused", code, None, {}, params), "code": 2,
                                               "stderr": "emit-gui: error: ... lower --min-corrections"})
    ctrl.start()
    box = visible_dialog(qtbot, ctrl)
    assert box.icon() == QMessageBox.Icon.Warning and box.textFormat() == Qt.TextFormat.PlainText
    assert expect in box.text() and "--" not in box.text() and "CLI TEXT" not in box.text()
    assert [b.text() for b in box.buttons()] == ["OK"]
    QTest.mouseClick(button(box, "OK"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5_000)
    assert registry.active_version() == "default" and seen["switched"] == []
    assert seen["finished"][0]["decision"] == "refused"


def test_a_worse_model_is_refused_with_what_got_worse(qtbot, parent, tmp_path):
    sets = {promotion.HELD_OUT: a_set((26, 6), (29, 8), 31, 9, "better"),
            promotion.BASE_VALIDATION: a_set((667, 190), (661, 186), 745, 225, "worse", [], ["p1", "p2", "p3", "p4"],
                                             profile="profile.json")}
    ctrl, seen = controller(parent, tmp_path, {"report": report("refused", "worse", None, sets), "code": 3})
    ctrl.start()
    box = visible_dialog(qtbot, ctrl)
    text = box.text()
    assert box.icon() == QMessageBox.Icon.Warning
    assert text.startswith("The new model was not used: it is worse")
    assert text.index("Gets worse:") < text.index("Gets better:")  # the reason first
    assert "667 → 661" in text and "4 product(s) are no longer fully right" in text
    QTest.mouseClick(button(box, "OK"), Qt.MouseButton.LeftButton)
    assert registry.active_version() == "default" and seen["switched"] == []


def test_a_crash_without_report_fails_with_its_last_line(qtbot, parent, tmp_path):
    ctrl, seen = controller(parent, tmp_path, {"report": None, "code": 1,
                                               "stderr": "emit-gui: internal error: boom (details in x.log)"})
    ctrl.start()
    box = visible_dialog(qtbot, ctrl)
    assert "exit code 1" in box.text() and "boom" in box.text()
    assert seen["failed"] and not seen["switched"]
    QTest.mouseClick(button(box, "OK"), Qt.MouseButton.LeftButton)


def test_cancel_stops_the_process_and_changes_nothing(qtbot, parent, tmp_path):
    ctrl, seen = controller(parent, tmp_path, {"hang": True, "report": report("needs_confirmation", "not_worse",
                                                                              "v009", SETS)})
    cancelled = []
    ctrl.cancelled.connect(lambda: cancelled.append(True))
    ctrl.start()
    qtbot.waitUntil(lambda: any("100%" in p for p in seen["progress"]), timeout=120_000)
    assert not ctrl.start()  # one at a time
    ctrl.cancel()
    qtbot.waitUntil(lambda: not ctrl.running, timeout=10_000)
    assert cancelled and ctrl.dialog is None and seen["finished"] == [{"decision": "cancelled"}]
    assert "cancelled" in seen["progress"][-1] and registry.active_version() == "default"


def test_an_installation_without_the_trainer_says_what_to_do(qtbot, parent, tmp_path):
    rep = promotion.new_report(decision="failed", reason={"code": "needs_trainer", "text": "CLI TEXT", "params": {}})
    ctrl, seen = controller(parent, tmp_path, {"report": rep, "code": 2})
    ctrl.start()
    box = visible_dialog(qtbot, ctrl)
    assert "emit-gui-setup-trainer" in box.text() and "CLI TEXT" not in box.text()
    assert seen["failed"] == [box.text()] and not seen["switched"]
    QTest.mouseClick(button(box, "OK"), Qt.MouseButton.LeftButton)
