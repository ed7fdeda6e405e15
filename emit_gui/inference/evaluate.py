"""Figures for labelled products: every decoder side by side, as the paper's ablation."""

from __future__ import annotations

import numpy as np

from emit_gui.catalog import Product
from emit_gui.inference.auto_accept import PRECISION, coverage_at_precision
from emit_gui.inference.calibration import expected_calibration_error
from emit_gui.inference.decoders import DECODERS, DEFAULT_DECODER, decode
from emit_gui.inference.model_dir import ModelDir
from emit_gui.inference.scoring import member_costs, member_targets


def precision_at_coverage(conf: np.ndarray, correct: np.ndarray, share: float) -> tuple[float, float]:
    """(threshold, precision) when the ``share`` most confident proposals pass unreviewed."""
    if len(conf) == 0:
        return 1.0, 0.0
    order = np.argsort(-conf, kind="stable")
    k = max(1, int(round(share * len(conf))))
    return float(conf[order[k - 1]]), float(correct[order[:k]].mean())


def evaluate_products(model: ModelDir, products: list[Product], probs: dict[tuple[str, str], np.ndarray]) -> dict:
    """``probs`` maps (pid, image name) to the model's (M, L) output."""
    usable = [p for p in products if p.optional_tags and p.labelled
              and all((p.pid, im.name) in probs for im in p.images)]
    out: dict = {"images": sum(len(p.images) for p in usable), "products": len(usable), "decoders": {}}
    for name in DECODERS:
        right = exact = covers = 0
        confs, corrects = [], []
        for p in usable:
            tags = p.optional_tags
            costs = member_costs(np.stack([probs[(p.pid, im.name)] for im in p.images]),
                                 member_targets(model.vocab, model.masks, tags))
            res = decode(costs, name)
            truth = np.array([tags.index(im.tag) for im in p.images])
            ok = res.tags == truth
            right += int(ok.sum())
            exact += int(ok.all())
            covers += int(res.covers)
            agree = (costs.argmin(axis=2) == res.tags[None, :]).mean(axis=0)
            confs.append(model.calibration.confidence(costs.mean(axis=0), res.tags, agree))
            corrects.append(ok)
        conf = np.concatenate(confs) if confs else np.zeros(0)
        correct = np.concatenate(corrects) if corrects else np.zeros(0, bool)
        t50, p50 = precision_at_coverage(conf, correct, 0.5)
        t80, p80 = precision_at_coverage(conf, correct, 0.8)
        auto, auto_t = coverage_at_precision(conf, correct, PRECISION)
        out["decoders"][name] = {
            "acc": right / max(out["images"], 1),
            "em": exact / max(out["products"], 1),
            "cover_rate": covers / max(out["products"], 1),
            "ece": expected_calibration_error(conf, correct),
            "precision_at_50": p50, "threshold_at_50": t50,
            "precision_at_80": p80, "threshold_at_80": t80,
            "auto_accept_share": auto, "auto_accept_threshold": auto_t,
        }
    default = out["decoders"][DEFAULT_DECODER]
    out.update({"decoder": DEFAULT_DECODER, "acc": default["acc"], "em": default["em"],
                "cover_rate": default["cover_rate"], "ece": default["ece"]})
    return out
