"""The product as a set: per-photo probabilities under full cover, exactly.

Each photo i has a distribution q_i over the product's T tags (the ensemble's, tempered). A
labelling a (one tag per photo) has probability proportional to prod_i q_i(a_i), and only
labellings that give every tag a photo are possible. The probability that photo i is tag j is
then the sum over every covering labelling with a_i = j, divided by the sum over all covering
labellings: the marginal that the labeler cares about ("how sure is the model of this photo,
given everything it knows about the others").

Exact, by dynamic programming over the set of tags covered so far (2^T states): photos are
added one at a time, a state's mass moves to the state with the photo's tag added, and every
quantity is a sum of products of probabilities (no alternating signs, no cancellation). One
pass per photo leaves that photo out, all passes run side by side as one (N, 2^T) array, so
the cost is N x N x T x 2^T additions: a product of 10 photos and 6 tags takes well under a
millisecond. Products have a handful of tags; above ``MAX_TAGS`` tags, or with more work than
``MAX_WORK``, or fewer photos than tags, there is no answer (None) and callers fall back to the
photo's own distribution.
"""

from __future__ import annotations

import numpy as np

MAX_TAGS = 12
MAX_WORK = 20_000_000


def softmax_rows(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def cover_marginals(q: np.ndarray) -> np.ndarray | None:
    """(N, T) per-photo tag probabilities (rows sum to 1) -> (N, T) marginals under full cover.

    None where full cover is impossible (N < T), where the sizes are beyond the limits, or where
    no covering labelling has any probability (a tag every photo rules out entirely)."""
    q = np.asarray(q, dtype=np.float64)
    n, t = q.shape
    if t == 0 or n < t or t > MAX_TAGS or n * n * t * (1 << t) > MAX_WORK:
        return None
    if t == 1:
        return np.ones((n, 1))
    s = 1 << t
    states = np.arange(s)
    with_tag = [states[(states >> j) & 1 == 1] for j in range(t)]
    f = np.zeros((n, s))
    f[:, 0] = 1.0  # pass i: nothing covered yet
    rows = np.arange(n)
    for k in range(n):
        new = np.zeros_like(f)
        for j in range(t):
            u = with_tag[j]
            new[:, u] += q[k, j] * (f[:, u] + f[:, u ^ (1 << j)])
        keep = rows == k  # pass k leaves photo k out
        new[keep] = f[keep]
        f = new
    full = s - 1
    # photo i takes tag j: the others must cover every tag but j, or all of them
    m = np.stack([f[:, full] + f[:, full ^ (1 << j)] for j in range(t)], axis=1) * q
    z = m.sum(axis=1, keepdims=True)
    if not np.all(z > 0) or not np.all(np.isfinite(z)):
        return None
    return m / z


def tag_marginals(mean_costs: np.ndarray, temperature: float) -> np.ndarray:
    """Per-photo tag probabilities from mean EMIT costs (N, T): the cover marginals where they
    exist, else each photo's own tempered distribution."""
    q = softmax_rows(-np.asarray(mean_costs, dtype=np.float64) / max(temperature, 1e-6))
    m = cover_marginals(q)
    return q if m is None else m
