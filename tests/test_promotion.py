"""Retrain's promotion gate without training (Qt-free, torch-free): which decisions judge, when
they are too few to tell, the half-point rule, the figures counted as `emit-gui evaluate` counts."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from emit_gui import promotion, registry
from emit_gui.errors import UserError
from emit_gui.inference.calibration import Calibration
from emit_gui.inference.evaluate import UNSCORED, Tally, score_product
from tests.conftest import shared_products


def groups(sizes: list[int]) -> list[tuple[str, int, int]]:
    """Products p0, p1, ... decided in that order (p0 oldest), with these many decisions."""
    return [(f"p{i}", i, n) for i, n in enumerate(sizes)]


def test_held_out_is_the_newest_whole_products_and_enough_to_tell():
    g = groups([3] * 40)  # 120 decisions on 40 products
    held = promotion.hold_out(g, 120, 0.2)
    assert held.products[:3] == ["p39", "p38", "p37"]  # newest first, whole products
    assert held.photos == 30 and len(held.products) == 10 and held.train == 90
    assert promotion.evidence_problem(held, 120, 40) is None
    # 0.2 of 400 decisions is more than the minimum: the share rules
    held = promotion.hold_out(groups([4] * 100), 400, 0.2)
    assert held.photos == 80 and held.train == 320


def test_the_case_from_the_issue_48_decisions_is_refused_before_training():
    g = groups([3] * 16)
    held = promotion.hold_out(g, 48, 0.2)
    reason = promotion.evidence_problem(held, 48, 16)
    assert reason.code == promotion.TOO_FEW_DECISIONS
    assert reason.params["decisions"] == 48 and reason.params["needed"] == 50
    assert "min-corrections" not in reason.text


def test_many_decisions_on_few_products_are_too_little_evidence():
    g = groups([20] * 5)  # 100 decisions, but only 5 products
    held = promotion.hold_out(g, 100, 0.2)
    reason = promotion.evidence_problem(held, 100, 5)
    assert reason.code == promotion.TOO_LITTLE_EVIDENCE and reason.params["needed_products"] == 9
    # enough products, but the rest too few to learn from
    held = promotion.hold_out(groups([1] * 15 + [40]), 55, 0.2)
    assert held.photos == 47 and held.train == 8
    reason = promotion.evidence_problem(held, 55, 16)
    assert reason.code == promotion.TOO_FEW_DECISIONS and reason.params["needed"] == 67


def test_force_holds_out_the_share_only():
    held = promotion.hold_out(groups([3] * 10), 30, 0.2, strict=False)
    assert held.photos == 6 and len(held.products) == 2


class FakeTally(Tally):
    @classmethod
    def of(cls, right: int, photos: int, exact: dict) -> FakeTally:
        t = cls()
        t.right, t.photos, t.exact = right, photos, exact
        return t


def a_set(before_right: int, after_right: int, photos: int = 1000):
    keys = {f"k{i}": True for i in range(10)}
    return promotion.compare_set("s", FakeTally.of(before_right, photos, keys), FakeTally.of(after_right, photos, keys))


@pytest.mark.parametrize("after, verdict", [(896, "same"), (891, "same"), (889, "worse"), (901, "better")])
def test_half_a_point_is_noise(after, verdict):
    assert a_set(895, after)["verdict"] == verdict


def test_worse_on_any_set_refuses_and_force_or_confirmation_say_so():
    held_better, base_worse = a_set(800, 900), a_set(895, 887)
    sets = {promotion.HELD_OUT: held_better, promotion.BASE_VALIDATION: base_worse}
    decision, reason = promotion.judge(sets, force=False, promote=True)
    assert decision == promotion.REFUSED and reason.code == promotion.WORSE
    assert reason.params["sets"] == [promotion.BASE_VALIDATION] and "0.895 -> 0.887" in reason.text
    assert promotion.judge(sets, force=True, promote=True)[1].code == promotion.FORCED
    fine = {promotion.HELD_OUT: held_better, promotion.BASE_VALIDATION: a_set(895, 893)}
    assert promotion.judge(fine, force=False, promote=True)[0] == promotion.PROMOTED
    assert promotion.judge(fine, force=False, promote=False)[0] == promotion.NEEDS_CONFIRMATION


def test_newly_right_and_newly_wrong_products():
    before = FakeTally.of(5, 6, {"a": True, "b": False, "c": True})
    after = FakeTally.of(5, 6, {"a": True, "b": True, "c": False})
    s = promotion.compare_set("s", before, after)
    assert s["newly_right"] == ["b"] and s["newly_wrong"] == ["c"]


def test_only_decided_photos_count_but_every_photo_is_decoded():
    # 3 photos, 3 options; photo 2 undecided. Member costs make the cover decoder give 0, 1, 2.
    costs = np.array([[[0.1, 2, 2], [2, 0.1, 2], [2, 2, 0.1]]] * 2, dtype=np.float32)  # (M=2, N=3, T=3)
    cal = Calibration.from_json(None)
    s = score_product(costs, np.array([0, 2, UNSCORED]), cal)
    assert s.ok.tolist() == [True, False] and not s.exact
    t = Tally()
    t.add("p", s)
    t.add("q", score_product(costs, np.array([0, 1, 2]), cal))
    t.add("nothing known", score_product(costs, np.array([UNSCORED] * 3), cal))
    fig = t.figures()
    assert fig["photos"] == 5 and fig["right"] == 4 and fig["products"] == 2 and fig["em"] == 0.5


def test_report_is_written_whole_and_read_back(tmp_path):
    path = tmp_path / "r.json"
    rep = promotion.new_report(decision=promotion.REFUSED, reason={"code": "worse", "text": "t", "params": {}})
    promotion.write_report(path, rep)
    assert promotion.read_report(path) == rep
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]
    path.write_text(json.dumps({"decision": "promoted"}))
    assert promotion.read_report(path) is None  # not a report of ours
    assert promotion.read_report(tmp_path / "missing.json") is None
    assert promotion.exit_code(rep) == 3


def test_base_dataset_is_found_from_the_models_manifest(tmp_path):
    shared = shared_products()
    model = registry.bundled_default()
    manifest = json.loads((model / "manifest.json").read_text(encoding="utf-8"))
    found, note = registry.base_datasets(manifest, model)
    assert found == [shared.resolve()] and note == ""
    lost = {"training": {"datasets": ["../nowhere"], "val_products": ["1"]}}
    found, note = registry.base_datasets(lost, tmp_path)
    assert found == [] and "../nowhere" in note and "--base" in note
    with pytest.raises(UserError, match="no such folder"):
        registry.base_datasets(manifest, model, [str(tmp_path / "nope")])
    assert registry.base_datasets(manifest, model, [str(tmp_path)]) == ([Path(tmp_path)], "")
