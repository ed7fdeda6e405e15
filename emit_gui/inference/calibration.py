"""Calibrated confidence: the probability that a proposed tag is right.

Two stages, both fitted on validation products: a temperature ``T`` that turns the ensemble's
mean costs into a distribution over a product's tags (fitted by likelihood of the true tag),
then a logistic map to the chance that the proposal is right (Platt scaling).

``method`` says which probability of the proposed tag the map reads:

- ``"marginal"`` (models trained since issue 15): the photo's marginal probability of the tag
  over every labelling of the product that gives each option a photo
  (:mod:`emit_gui.inference.marginals`): the product as a set, so a photo whose tag every
  plausible full-cover labelling agrees on is sure, and one of a swappable pair is not. The map
  is monotone (the logit alone), so it keeps that ranking.
- ``"softmax"`` (older models): the photo's own tempered distribution, with the share of
  members that agree with the proposal as a second feature.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def softmax_neg(costs: np.ndarray, temperature: float) -> np.ndarray:
    z = -costs / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


@dataclass
class Calibration:
    temperature: float = 1.0
    a: float = 1.0  # weight of the logit of the proposal's probability
    b: float = 0.0  # weight of member agreement
    c: float = 0.0  # bias
    method: str = "softmax"  # or "marginal"

    def distribution(self, mean_costs: np.ndarray) -> np.ndarray:
        """(N, T) each photo's probability of each tag, as this calibration reads them."""
        if self.method == "marginal":
            from emit_gui.inference.marginals import tag_marginals

            return tag_marginals(mean_costs, self.temperature)
        return softmax_neg(mean_costs, self.temperature)

    def features(self, mean_costs: np.ndarray, proposal: np.ndarray, agree: np.ndarray,
                 dist: np.ndarray | None = None) -> np.ndarray:
        probs = self.distribution(mean_costs) if dist is None else dist
        p = probs[np.arange(len(proposal)), proposal]
        second = np.zeros(len(proposal)) if self.method == "marginal" else np.asarray(agree, dtype=np.float64)
        return np.stack([_logit(p), second], axis=1)

    def confidence(self, mean_costs: np.ndarray, proposal: np.ndarray, agree: np.ndarray,
                   dist: np.ndarray | None = None) -> np.ndarray:
        f = self.features(mean_costs, proposal, agree, dist)
        return 1.0 / (1.0 + np.exp(-(self.a * f[:, 0] + self.b * f[:, 1] + self.c)))

    def to_json(self) -> dict:
        return {"temperature": self.temperature, "a": self.a, "b": self.b, "c": self.c, "method": self.method}

    @classmethod
    def from_json(cls, data: dict | None) -> Calibration:
        data = data or {}
        out = cls(**{k: float(v) for k, v in data.items() if k in ("temperature", "a", "b", "c")})
        if data.get("method") in ("softmax", "marginal"):
            out.method = data["method"]
        return out


def fit_temperature(cost_list: list[np.ndarray], truth_list: list[np.ndarray]) -> float:
    """The T that maximises the likelihood of the true tags (a grid, then a finer grid)."""
    def nll(t: float) -> float:
        total = 0.0
        for costs, truth in zip(cost_list, truth_list, strict=True):
            p = softmax_neg(costs, t)[np.arange(len(truth)), truth]
            total -= float(np.log(np.clip(p, 1e-12, 1)).sum())
        return total

    grid = np.exp(np.linspace(np.log(0.01), np.log(10), 60))
    best = min(grid, key=nll)
    fine = np.exp(np.linspace(np.log(best / 1.2), np.log(best * 1.2), 25))
    return float(min(fine, key=nll))


def fit_platt(features: np.ndarray, correct: np.ndarray, l2: float = 1e-3, iters: int = 100) -> tuple[float, float, float]:
    """Logistic regression by Newton's method; returns (a, b, c)."""
    x = np.concatenate([features, np.ones((len(features), 1))], axis=1)
    y = correct.astype(np.float64)
    w = np.array([1.0, 0.0, 0.0])
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + l2 * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(3)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), float(w[1]), float(w[2])


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = 15) -> float:
    if len(confidence) == 0:
        return 0.0
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        sel = idx == b
        if sel.any():
            ece += sel.mean() * abs(confidence[sel].mean() - correct[sel].mean())
    return float(ece)
