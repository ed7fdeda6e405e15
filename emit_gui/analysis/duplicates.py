"""Near-duplicate photos: the same picture re-encoded, resized, slightly cropped or mirrored.

Candidates are each photo's nearest neighbours by the model's embedding, plus every pair whose
perceptual hashes (photo against photo, and against the mirror) are close. A candidate is a
duplicate when a logistic rule over five measurements says so: the hash distance, the distance
of 8 x 8 colour thumbnails, the embeddings' cosine and the L1 distances of two colour histograms
(the photo's own and the model's). The
last two are what tell the same shot in another colour (same grey-level hash) from a copy.
The rule was fitted on constructed copies of half of 225 products' photos, among all 1,500 shared
products as negatives (same-colour garments on white are the hard ones); the benchmark reports
precision and recall on the other half: ``python tests/benchmarks/bench_search.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from emit_gui.analysis.index import PhotoIndex
from emit_gui.analysis.phash import hamming, thumb_distance

MODEL_HIST = 64
NEIGHBOURS = 8  # embedding neighbours per photo that become candidates
HASH_CANDIDATE_BITS = 10  # and every pair with hashes this close
# fitted by bench_search.py --fit-duplicates: feature means, spreads, weights (last: bias)
RULE_MEAN = np.array([0.20995721448698823, 0.5383265844713501, 0.39233192076293266, 1.884630538052673,
                      2.1922809291237644])
RULE_STD = np.array([0.11964820765721253, 0.3028271709460109, 0.38519704698681095, 1.006972506843592,
                     1.2680500187852097])
RULE_WEIGHTS = np.array([-1.7002061942849878, 0.32267720969845315, 2.1543778464019843, -0.9833857222507705,
                         -10.6303233824257, -19.73486932953166])
THRESHOLD = 0.5


@dataclass(frozen=True)
class DuplicatePair:
    a: int  # positions in the index, a < b
    b: int
    bits: int  # hash distance (to the mirror when that is closer)
    mirrored: bool
    similarity: float  # embedding cosine
    probability: float  # the rule's belief that the two are one picture


def candidates(index: PhotoIndex, neighbours: int = NEIGHBOURS, chunk: int = 1024) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (a < b) from embedding neighbours and close hashes."""
    n = len(index)
    feats = index.unit_feats
    h, hm = index.hashes[:, 0], index.hashes[:, 1]
    found = []
    k = min(neighbours, n - 1)
    for start in range(0, n, chunk):
        rows = np.arange(start, min(n, start + chunk))
        if k > 0:
            sims = feats[rows] @ feats.T
            sims[np.arange(len(rows)), rows] = -np.inf
            near = np.argpartition(-sims, k - 1, axis=1)[:, :k]
            found.append(np.stack([np.repeat(rows, k), near.reshape(-1)], 1))
        bits = np.minimum(hamming(h[rows, None], h[None, :]), hamming(h[rows, None], hm[None, :]))
        ri, cj = np.nonzero(bits <= HASH_CANDIDATE_BITS)
        found.append(np.stack([rows[ri], cj], 1))
    pairs = np.concatenate(found) if found else np.zeros((0, 2), np.int64)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    pairs = np.unique(np.sort(pairs, axis=1), axis=0)
    return pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64)


def pair_features(index: PhotoIndex, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(X (P, 5), mirrored (P,)): hash bits / 64, thumbnail distance / 64, embedding cosine,
    L1 distance of the photos' colour histograms (square-rooted shares), and of the model's."""
    h, hm = index.hashes[:, 0], index.hashes[:, 1]
    direct, mirror = hamming(h[a], h[b]), hamming(h[a], hm[b])
    bits = np.minimum(direct, mirror)
    thumbs = thumb_distance(index.thumbs[a], index.thumbs[b])
    cos = np.einsum("nd,nd->n", index.unit_feats[a], index.unit_feats[b])
    hist = np.abs(index.hists[a].astype(np.float32) - index.hists[b].astype(np.float32)).sum(1)
    f = index.feats  # the model's own colour histogram closes the features (letterboxed input)
    model_hist = (np.abs(f[a, -MODEL_HIST:].astype(np.float32) - f[b, -MODEL_HIST:].astype(np.float32)).sum(1) / 4.0
                  if f.shape[1] > 1280 + MODEL_HIST else np.zeros(len(a), np.float32))
    return np.stack([bits / 64.0, thumbs / 64.0, cos, hist, model_hist], 1).astype(np.float64), mirror < direct


def probability(X: np.ndarray, mean=None, std=None, weights=None) -> np.ndarray:
    mean = RULE_MEAN if mean is None else mean
    std = RULE_STD if std is None else std
    weights = RULE_WEIGHTS if weights is None else weights
    z = np.c_[(X - mean) / std, np.ones(len(X))]
    return 1.0 / (1.0 + np.exp(-np.clip(z @ weights, -30, 30)))


def fit_rule(X: np.ndarray, y: np.ndarray, l2: float = 1e-2, iters: int = 40) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Logistic regression by Newton's method on standardised features: (mean, std, weights)."""
    mean, std = X.mean(0), X.std(0) + 1e-9
    z = np.c_[(X - mean) / std, np.ones(len(X))]
    w = np.zeros(z.shape[1])
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30, 30)))
        hess = z.T @ (z * (p * (1 - p) + 1e-9)[:, None]) + l2 * np.eye(len(w))
        w -= np.linalg.solve(hess, z.T @ (p - y) + l2 * w)
    return mean, std, w


def find_duplicates(index: PhotoIndex, threshold: float = THRESHOLD) -> list[DuplicatePair]:
    if len(index) < 2:
        return []
    a, b = candidates(index)
    if not len(a):
        return []
    X, mirrored = pair_features(index, a, b)
    prob = probability(X)
    keep = np.flatnonzero(prob >= threshold)
    return [DuplicatePair(int(a[i]), int(b[i]), int(round(X[i, 0] * 64)), bool(mirrored[i]), float(X[i, 2]),
                          float(prob[i])) for i in keep]


def duplicates_of(pairs: list[DuplicatePair], position: int) -> list[int]:
    return sorted({p.b if p.a == position else p.a for p in pairs if position in (p.a, p.b)})


def groups(pairs: list[DuplicatePair]) -> list[list[int]]:
    """Connected groups of duplicate photos (positions), each sorted, largest first."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        ra, rb = find(p.a), find(p.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    out: dict[int, list[int]] = {}
    for x in parent:
        out.setdefault(find(x), []).append(x)
    return sorted((sorted(g) for g in out.values()), key=lambda g: (-len(g), g[0]))


def conflicts(index: PhotoIndex, pairs: list[DuplicatePair], decided: dict[tuple[str, str], str]) -> list[tuple]:
    """Duplicate pairs whose photos carry different decided tags: (pair, tag of a, tag of b).
    Tags of two products that differ only in wording (same labels: ``Black`` and ``black``) agree."""
    vocab = index.model.vocab
    out = []
    for p in pairs:
        pa, pb = index.photos[p.a], index.photos[p.b]
        ta, tb = decided.get((pa.pid, pa.name)), decided.get((pb.pid, pb.name))
        if ta and tb and ta != tb and set(vocab.known_labels(ta)) != set(vocab.known_labels(tb)):
            out.append((p, ta, tb))
    return out
