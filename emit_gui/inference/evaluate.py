"""Figures for labelled products: every decoder side by side, as the paper's ablation.

This is the one place Acc, EM and calibration error are counted: ``emit-gui evaluate`` and
retrain's promotion gate both score a product with :func:`score_product` and add it to a
:class:`Tally`, so the gate's figures are the figures ``evaluate`` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from emit_gui.catalog import Product
from emit_gui.inference.auto_accept import PRECISION, coverage_at_precision
from emit_gui.inference.calibration import Calibration, expected_calibration_error
from emit_gui.inference.colour import colour_evidence
from emit_gui.inference.decoders import DECODERS, DEFAULT_DECODER, decode, mixed_costs
from emit_gui.inference.model_dir import ModelDir
from emit_gui.inference.scoring import member_costs, member_targets

UNSCORED = -1  # a photo without a known tag: decoded with its product, not counted


def precision_at_coverage(conf: np.ndarray, correct: np.ndarray, share: float) -> tuple[float, float]:
    """(threshold, precision) when the ``share`` most confident proposals pass unreviewed."""
    if len(conf) == 0:
        return 1.0, 0.0
    order = np.argsort(-conf, kind="stable")
    k = max(1, int(round(share * len(conf))))
    return float(conf[order[k - 1]]), float(correct[order[:k]].mean())


@dataclass
class Scored:
    """One product's outcome: per scored photo whether it is right and its confidence."""

    ok: np.ndarray  # (S,) bool, the scored photos only
    confidence: np.ndarray  # (S,)
    covers: bool

    @property
    def exact(self) -> bool:
        return bool(self.ok.all())


def score_product(costs: np.ndarray, truth: np.ndarray, calibration: Calibration,
                  decoder: str = DEFAULT_DECODER, evidence: np.ndarray | None = None) -> Scored:
    """Decode one product from its (M, N, T) member costs and compare with ``truth`` (N,), the
    true tag index per photo or ``UNSCORED``. Every photo takes part in decoding (full cover is a
    product-wide constraint); only the scored ones count. ``evidence``: the colour decoder's
    (N, T) colour cost (None: it decodes as cover)."""
    res = decode(costs, decoder, evidence)
    agree = (costs.argmin(axis=2) == res.tags[None, :]).mean(axis=0)
    conf = calibration.confidence(mixed_costs(costs, evidence, decoder), res.tags, agree)
    scored = truth != UNSCORED
    return Scored(ok=(res.tags == truth)[scored], confidence=np.asarray(conf)[scored], covers=bool(res.covers))


@dataclass
class Tally:
    """Acc (share of photos right), EM (share of products with every scored photo right), cover
    rate and ECE over the products added; ``exact`` remembers each product's EM outcome, which is
    what "products newly right / newly wrong" compare."""

    right: int = 0
    photos: int = 0
    covers: int = 0
    exact: dict = field(default_factory=dict)  # product key -> every scored photo right
    _conf: list = field(default_factory=list)
    _ok: list = field(default_factory=list)

    def add(self, key, scored: Scored) -> None:
        if len(scored.ok) == 0:
            return  # nothing of this product is known: it takes no part in any figure
        self.right += int(scored.ok.sum())
        self.photos += len(scored.ok)
        self.covers += int(scored.covers)
        self.exact[key] = scored.exact
        self._conf.append(scored.confidence)
        self._ok.append(scored.ok)

    @property
    def products(self) -> int:
        return len(self.exact)

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        conf = np.concatenate(self._conf) if self._conf else np.zeros(0)
        ok = np.concatenate(self._ok) if self._ok else np.zeros(0, bool)
        return conf, ok

    def figures(self) -> dict:
        conf, ok = self.arrays()
        return {"photos": self.photos, "products": self.products, "right": self.right,
                "exact": int(sum(self.exact.values())),
                "acc": self.right / max(self.photos, 1), "em": sum(self.exact.values()) / max(self.products, 1),
                "cover_rate": self.covers / max(self.products, 1), "ece": expected_calibration_error(conf, ok)}


def evaluate_products(model: ModelDir, products: list[Product], probs: dict[tuple[str, str], np.ndarray],
                      colours: dict | None = None) -> dict:
    """``probs`` maps (pid, image name) to the model's (M, L) output; ``colours`` the same keys
    to each photo's garment colour (the colour decoder reads it; without it, it scores as cover)."""
    usable = [p for p in products if p.optional_tags and p.labelled
              and all((p.pid, im.name) in probs for im in p.images)]
    out: dict = {"images": sum(len(p.images) for p in usable), "products": len(usable), "decoders": {}}
    costs = {p.pid: member_costs(np.stack([probs[(p.pid, im.name)] for im in p.images]),
                                 member_targets(model.vocab, model.masks, p.optional_tags)) for p in usable}
    truth = {p.pid: np.array([p.optional_tags.index(im.tag) for im in p.images]) for p in usable}
    evidence = {p.pid: colour_evidence(model.manifest, [colours.get((p.pid, im.name)) for im in p.images],
                                       p.optional_tags) if colours else None for p in usable}
    for name in DECODERS:
        tally = Tally()
        for p in usable:
            tally.add(p.pid, score_product(costs[p.pid], truth[p.pid], model.calibration, name, evidence[p.pid]))
        fig = tally.figures()
        conf, correct = tally.arrays()
        t50, p50 = precision_at_coverage(conf, correct, 0.5)
        t80, p80 = precision_at_coverage(conf, correct, 0.8)
        auto, auto_t = coverage_at_precision(conf, correct, PRECISION)
        out["decoders"][name] = {
            "acc": fig["acc"], "em": fig["em"], "cover_rate": fig["cover_rate"], "ece": fig["ece"],
            "precision_at_50": p50, "threshold_at_50": t50,
            "precision_at_80": p80, "threshold_at_80": t80,
            "auto_accept_share": auto, "auto_accept_threshold": auto_t,
        }
    default = out["decoders"][DEFAULT_DECODER]
    out.update({"decoder": DEFAULT_DECODER, "acc": default["acc"], "em": default["em"],
                "cover_rate": default["cover_rate"], "ece": default["ece"]})
    return out
