"""Photos a labeler can accept without looking: the model's measured 99.5 %-precision point.

A model folder's manifest carries ``"auto_accept": {"threshold": t, "precision": 0.995,
"coverage": c, ...}``: on the model's validation products, photos whose calibrated confidence is
at least ``t`` were right at least 99.5 % of the time, and they were the share ``c`` of all
photos. The window's "accept every photo the model is sure of" and ``emit-gui predict`` use
:func:`threshold` and :func:`sure`. No Qt, no torch.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

PRECISION = 0.995


def coverage_at_precision(conf: np.ndarray, correct: np.ndarray, precision: float = PRECISION) -> tuple[float, float]:
    """(share, threshold): the most photos that can pass unseen, most confident first, with the
    passed photos' precision still >= ``precision``. Photos of equal confidence pass together.
    (0.0, inf) when not even the most confident photo qualifies."""
    conf = np.asarray(conf, dtype=np.float64)
    correct = np.asarray(correct, dtype=bool)
    if len(conf) == 0:
        return 0.0, math.inf
    order = np.argsort(-conf, kind="stable")
    c, ok = conf[order], correct[order].astype(np.float64)
    prec = np.cumsum(ok) / np.arange(1, len(ok) + 1)
    last_of_tie = np.r_[c[1:] != c[:-1], True]  # a cut may only fall between different values
    good = np.flatnonzero((prec >= precision - 1e-12) & last_of_tie)
    if len(good) == 0:
        return 0.0, math.inf
    k = int(good[-1])
    return (k + 1) / len(c), float(c[k])


def threshold(model_dir) -> float | None:
    """The confidence at or above which a photo's proposal may be accepted unseen, from a model
    folder (a path, or a loaded :class:`~emit_gui.inference.model_dir.ModelDir`); None where the
    model has no measured point (older models): then no photo is "sure"."""
    manifest = getattr(model_dir, "manifest", None)
    if manifest is None:
        try:
            manifest = json.loads((Path(model_dir) / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
    entry = manifest.get("auto_accept") if isinstance(manifest, dict) else None
    if not isinstance(entry, dict):
        return None
    t = entry.get("threshold")
    if isinstance(t, bool) or not isinstance(t, (int, float)) or not math.isfinite(t) or not 0.0 < t <= 1.0:
        return None
    return float(t)


def sure(photo_proposal, threshold_value: float | None) -> bool:
    """Whether a photo's proposal (anything with ``tag`` and ``confidence``) may be accepted
    unseen: it has a tag and its confidence reaches the threshold. Never with no threshold."""
    if threshold_value is None:
        return False
    tag = getattr(photo_proposal, "tag", None)
    conf = getattr(photo_proposal, "confidence", None)
    if tag is None or conf is None:
        return False
    try:
        conf = float(conf)
    except (TypeError, ValueError):
        return False
    return math.isfinite(conf) and conf >= threshold_value
