"""Retrain's promotion gate and its report: which decisions judge a new model, whether there is
enough of them to tell, and whether the new model may replace the one in use.

Qt-free and torch-free: ``model/retrain.py`` (the trainer) applies it and writes the report;
the window reads the report (``emit-gui retrain --report FILE``) and never parses output text.

The rule (README, ``retrain``): the new model is used only if it is not worse, by more than
half a point of Acc or EM (run-to-run noise), on *every* evaluation set: the newest decisions,
held out from training, and the base model's validation products when its dataset is found.
Before any training, the held-out decisions must be enough to tell: at least
``MIN_HELD_OUT_PHOTOS`` photos of ``MIN_HELD_OUT_PRODUCTS`` products, with at least
``min_train`` decisions left to learn from.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

TOLERANCE = 0.005  # "not worse": within half a point, to not refuse on rounding noise
MIN_HELD_OUT_PHOTOS = 30  # below this one photo moves Acc by more than 3 points: too small to tell
MIN_HELD_OUT_PRODUCTS = 8
MIN_TRAIN = 20
REPORT_FORMAT = "emit-gui.retrain-report"
REPORT_VERSION = 1

# decisions
PROMOTED, NEEDS_CONFIRMATION, REFUSED, FAILED = "promoted", "needs_confirmation", "refused", "failed"
# reason codes (the window translates each; ``text`` is the English line for the CLI)
NOT_WORSE, FORCED = "not_worse", "forced"
WORSE, TOO_FEW_DECISIONS, TOO_LITTLE_EVIDENCE, ERROR = "worse", "too_few_decisions", "too_little_evidence", "error"
NEEDS_TRAINER = "needs_trainer"  # an installed app without PyTorch and no trainer set up

HELD_OUT = "held_out"
BASE_VALIDATION = "base_validation"


@dataclass
class Reason:
    code: str
    text: str
    params: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"code": self.code, "text": self.text, "params": self.params}


# ---------------------------------------------------------------- which decisions judge


@dataclass
class HeldOut:
    """Products (never single photos: the other photos of a product would leak into training)
    whose decisions are held out, newest first."""

    products: list  # product keys
    photos: int
    train: int  # decisions left to learn from


def hold_out(groups: Iterable[tuple[object, object, int]], total: int, share: float, *, strict: bool = True,
             min_photos: int = MIN_HELD_OUT_PHOTOS, min_products: int = MIN_HELD_OUT_PRODUCTS) -> HeldOut:
    """``groups``: (product key, newest decision time, decisions) per product. The newest
    products are held out until they hold ``share`` of the decisions and (``strict``) at least
    ``min_photos`` decisions of ``min_products`` products; one product at least is always left
    to learn from."""
    order = sorted(groups, key=lambda g: g[1], reverse=True)
    want = max(1, int(round(total * share)))
    if strict:
        want = max(want, min_photos)
    keys, photos = [], 0
    for key, _at, n in order[:-1]:
        if photos >= want and (not strict or len(keys) >= min_products):
            break
        keys.append(key)
        photos += n
    return HeldOut(products=keys, photos=photos, train=total - photos)


def evidence_problem(held: HeldOut, total: int, n_products: int, min_train: int = MIN_TRAIN,
                     min_photos: int = MIN_HELD_OUT_PHOTOS, min_products: int = MIN_HELD_OUT_PRODUCTS
                     ) -> Reason | None:
    """Why these decisions cannot judge a new model, or None when they can."""
    base = {"decisions": total, "products": n_products, "held_out_photos": held.photos,
            "held_out_products": len(held.products), "min_train": min_train, "min_photos": min_photos,
            "min_products": min_products + 1}
    if total < min_photos + min_train:
        need = min_photos + min_train
        return Reason(TOO_FEW_DECISIONS,
                      f"only {total} usable decisions; retrain needs at least {need} ({min_photos} held out to "
                      f"judge the new model, at least {min_train} to learn from): review more photos, then retrain",
                      {**base, "needed": need})
    if held.photos < min_photos or len(held.products) < min_products:
        return Reason(TOO_LITTLE_EVIDENCE,
                      f"the {total} decisions cover only {n_products} product(s); judging a new model needs "
                      f"decisions on at least {min_products + 1} products ({min_photos} photos of {min_products} "
                      "products held out, the rest to learn from); review photos of more products, then retrain",
                      {**base, "needed_products": min_products + 1})
    if held.train < min_train:
        need = held.photos + min_train
        return Reason(TOO_FEW_DECISIONS,
                      f"only {total} usable decisions: the newest {held.photos} ({len(held.products)} products) "
                      f"judge the new model, leaving {held.train} to learn from; retrain needs at least "
                      f"{min_train} to learn from, about {need} decisions in all (review more photos, then retrain)",
                      {**base, "needed": need})
    return None


# ---------------------------------------------------------------- before / after on one set


def compare_set(label: str, before, after, extra: dict | None = None) -> dict:
    """One evaluation set: figures before and after (``Tally`` from ``inference.evaluate``),
    the products newly right and newly wrong (every scored photo right, or not), and the verdict."""
    b, a = before.figures(), after.figures()
    newly_right = sorted(str(k) for k, ok in after.exact.items() if ok and not before.exact.get(k, False))
    newly_wrong = sorted(str(k) for k, ok in before.exact.items() if ok and not after.exact.get(k, False))
    worse = [m for m in ("acc", "em") if a[m] < b[m] - TOLERANCE]
    better = [m for m in ("acc", "em") if a[m] > b[m] + TOLERANCE]
    keep = ("photos", "products", "right", "exact", "acc", "em", "ece", "cover_rate")
    return {"label": label, "photos": a["photos"], "products": a["products"],
            "before": {k: b[k] for k in keep}, "after": {k: a[k] for k in keep},
            "newly_right": newly_right, "newly_wrong": newly_wrong,
            "worse_in": worse, "better_in": better,
            "verdict": "worse" if worse else "better" if better else "same", **(extra or {})}


def judge(sets: dict[str, dict], *, force: bool, promote: bool) -> tuple[str, Reason]:
    """The decision on a trained model from its evaluation sets (``compare_set``)."""
    worse = [name for name, s in sets.items() if s["verdict"] == "worse"]
    go = PROMOTED if promote else NEEDS_CONFIRMATION
    if worse and not force:
        what = "; ".join(f"{sets[n]['label']}: " + ", ".join(
            f"{m.upper() if m == 'em' else 'Acc'} {sets[n]['before'][m]:.3f} -> {sets[n]['after'][m]:.3f}"
            for m in sets[n]["worse_in"]) for n in worse)
        return REFUSED, Reason(WORSE, f"the new model is worse ({what})", {"sets": worse})
    if worse:
        return go, Reason(FORCED, "promoted by --force although it is worse", {"sets": worse})
    return go, Reason(NOT_WORSE, "the new model is not worse on any evaluation set", {})


def exit_code(report: dict) -> int:
    decision, code = report.get("decision"), (report.get("reason") or {}).get("code")
    if decision in (PROMOTED, NEEDS_CONFIRMATION):
        return 0
    if decision == REFUSED and code == WORSE:
        return 3
    return 2


# ---------------------------------------------------------------- the report file


def new_report(**fields) -> dict:
    return {"format": REPORT_FORMAT, "format_version": REPORT_VERSION, "decision": None, "reason": None,
            "version": None, "base_version": None, "active_version": None, "sets": {}, "notes": [], **fields}


def write_report(path: str | os.PathLike, report: dict) -> None:
    """Written whole or not at all (a reader never sees half a report)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def read_report(path: str | os.PathLike) -> dict | None:
    """The report, or None when there is none (the process died before writing it) or it is not one."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != REPORT_FORMAT or not data.get("decision"):
        return None
    return data
