"""Turning a product's photo x tag costs into one tag per photo.

Every decoder takes ``costs``: an (M, N, T) array of per-member cross-entropies (M members,
N photos, T option tags; lower is better) and returns an :class:`Assignment`. They are
registered by name so that evaluation runs them all side by side and the CLI picks one.

- ``argmin``: each photo takes its best tag under the ensemble's mean cost (the paper's
  single-model inference, applied to the ensemble).
- ``bagging``: the paper's heuristic: members whose own argmin breaks full cover are
  rejected; the rest vote (ties broken by mean cost); if every member breaks cover, all vote.
- ``cover``: the assignment of least total mean cost in which every tag gets at least one
  photo, exact, by a Hungarian assignment on an augmented matrix; where a product has fewer
  photos than tags, it falls back to ``argmin`` and says so.
- ``colour`` (default): ``cover`` on the mean cost plus the colour evidence (an (N, T) cost
  of each photo's garment colour against the colour each tag names, weighted as the model's
  manifest says; :mod:`emit_gui.inference.colour`). Without evidence (no pixels at hand, or a
  model without a fitted colour weight) it is ``cover`` exactly.

A decoder is called as ``fn(costs, evidence)``; ``evidence`` is None or an (N, T) array in the
units of the costs, which only ``colour`` reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass
class Assignment:
    tags: np.ndarray  # (N,) tag index per photo
    covers: bool  # every tag has at least one photo
    fallback: bool = False  # cover was impossible and argmin was used instead


DECODERS: dict[str, Callable[..., Assignment]] = {}
DEFAULT_DECODER = "colour"
EVIDENCE_DECODERS = {"colour"}  # the decoders that read colour evidence
NONFINITE_COST = 1e6  # what a NaN or infinite cost counts as (real costs are below 20)


def decoder(name: str):
    def wrap(fn):
        DECODERS[name] = fn
        return fn

    return wrap


def _covers(tags: np.ndarray, n_tags: int) -> bool:
    return len(np.unique(tags)) == n_tags


def hungarian(cost: np.ndarray) -> np.ndarray:
    """Minimum-cost perfect assignment of rows to columns (rows <= columns).

    Returns the column of each row. O(n^2 m) shortest augmenting paths (Kuhn-Munkres with
    potentials); products have at most a few dozen photos, so plain Python is quick.
    """
    n, m = cost.shape
    if n > m:
        raise ValueError("more rows than columns")
    if not np.isfinite(cost).all():  # NaN compares false everywhere: the search would never end
        raise ValueError("costs must be finite")
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)  # p[j]: row matched to column j (1-based), 0 = free
    way = [0] * (m + 1)
    c = cost.tolist()
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = inf
            j1 = 0
            row = c[i0 - 1]
            ui0 = u[i0]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - ui0 - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    out = np.zeros(n, dtype=np.int64)
    for j in range(1, m + 1):
        if p[j]:
            out[p[j] - 1] = j - 1
    return out


def cover_assignment(cost: np.ndarray) -> np.ndarray:
    """Exact least-cost labelling of N photos with T <= N tags, every tag used at least once.

    Columns 0..T-1 say "this photo is tag j's representative"; the N-T further columns say
    "this photo is free and takes its cheapest tag". Any labelling that covers every tag is
    such a matching (pick one photo per tag as representative), and vice versa, so the
    optimal matching is the optimal covering labelling.
    """
    n, t = cost.shape
    best = cost.min(axis=1)
    square = np.concatenate([cost, np.repeat(best[:, None], n - t, axis=1)], axis=1)
    cols = hungarian(square)
    return np.where(cols < t, cols, cost.argmin(axis=1))


@decoder("argmin")
def decode_argmin(costs: np.ndarray, evidence: np.ndarray | None = None) -> Assignment:
    mean = costs.mean(axis=0)
    tags = mean.argmin(axis=1)
    return Assignment(tags=tags, covers=_covers(tags, mean.shape[1]))


@decoder("bagging")
def decode_bagging(costs: np.ndarray, evidence: np.ndarray | None = None) -> Assignment:
    m, n, t = costs.shape
    picks = costs.argmin(axis=2)  # (M, N)
    keep = [k for k in range(m) if _covers(picks[k], t)] or list(range(m))
    votes = np.zeros((n, t))
    for k in keep:
        votes[np.arange(n), picks[k]] += 1
    mean = costs[keep].mean(axis=0)
    # most votes first, lower mean cost breaks ties
    tags = np.array([min(range(t), key=lambda j, i=i: (-votes[i, j], mean[i, j])) for i in range(n)],
                    dtype=np.int64)
    return Assignment(tags=tags, covers=_covers(tags, t))


@decoder("cover")
def decode_cover(costs: np.ndarray, evidence: np.ndarray | None = None) -> Assignment:
    return _cover_on(costs.mean(axis=0))


def _cover_on(cost: np.ndarray) -> Assignment:
    """Full cover on an (N, T) cost; with fewer photos than tags, each photo its cheapest tag."""
    n, t = cost.shape
    if n < t:
        tags = cost.argmin(axis=1)
        return Assignment(tags=tags, covers=_covers(tags, t), fallback=True)
    return Assignment(tags=cover_assignment(cost), covers=True)


@decoder("colour")
def decode_colour(costs: np.ndarray, evidence: np.ndarray | None = None) -> Assignment:
    mean = costs.mean(axis=0)
    return _cover_on(mean if evidence is None else mean + evidence)


def mixed_costs(costs: np.ndarray, evidence: np.ndarray | None, name: str = DEFAULT_DECODER) -> np.ndarray:
    """(N, T) what a decoder's confidence reads: the ensemble's mean cost, plus the colour
    evidence for the decoders that use it."""
    mean = np.asarray(costs, dtype=np.float64).mean(axis=0)
    if evidence is None or name not in EVIDENCE_DECODERS:
        return mean
    return mean + _finite(np.asarray(evidence, dtype=np.float64))


def _finite(a: np.ndarray) -> np.ndarray:
    if not np.isfinite(a).all():  # a model's NaN: the worst possible cost, never a hang
        a = np.nan_to_num(a, nan=NONFINITE_COST, posinf=NONFINITE_COST, neginf=NONFINITE_COST)
    return a


def decode(costs: np.ndarray, name: str = DEFAULT_DECODER, evidence: np.ndarray | None = None) -> Assignment:
    try:
        fn = DECODERS[name]
    except KeyError:
        raise ValueError(f"unknown decoder {name!r}; choose from {', '.join(DECODERS)}") from None
    costs = _finite(np.asarray(costs, dtype=np.float64))
    if evidence is not None:
        evidence = _finite(np.asarray(evidence, dtype=np.float64))
        if evidence.shape != costs.shape[1:]:
            raise ValueError(f"evidence of shape {evidence.shape} for costs of shape {costs.shape}")
    return fn(costs, evidence)
