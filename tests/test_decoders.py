from __future__ import annotations

import itertools

import numpy as np
import pytest

from emit_gui.inference.decoders import DECODERS, cover_assignment, decode, hungarian


def brute_force_cover(cost: np.ndarray) -> float:
    n, t = cost.shape
    best = np.inf
    for labels in itertools.product(range(t), repeat=n):
        if len(set(labels)) == t:
            best = min(best, sum(cost[i, j] for i, j in enumerate(labels)))
    return best


def test_hungarian_matches_brute_force():
    rng = np.random.default_rng(0)
    for _ in range(30):
        n = int(rng.integers(1, 6))
        m = int(rng.integers(n, 7))
        c = rng.random((n, m))
        cols = hungarian(c)
        assert len(set(cols)) == n
        best = min(sum(c[i, p[i]] for i in range(n)) for p in itertools.permutations(range(m), n))
        assert c[np.arange(n), cols].sum() == pytest.approx(best)


@pytest.mark.parametrize("n, t", [(2, 2), (3, 2), (5, 3), (6, 4), (7, 3)])
def test_cover_is_exact_optimum(n, t):
    rng = np.random.default_rng(n * 10 + t)
    for _ in range(10):
        cost = rng.random((n, t)) * 5
        tags = cover_assignment(cost)
        assert set(tags) == set(range(t))
        assert cost[np.arange(n), tags].sum() == pytest.approx(brute_force_cover(cost))


def test_cover_fixes_an_argmin_that_leaves_a_tag_out():
    # photos 0 and 1 both look most like tag 0; photo 1 is less sure, so it takes tag 1
    costs = np.array([[[0.1, 2.0], [0.5, 0.9]]])
    assert list(decode(costs, "argmin").tags) == [0, 0]
    out = decode(costs, "cover")
    assert list(out.tags) == [0, 1] and out.covers and not out.fallback


def test_twelve_photos_six_options():
    rng = np.random.default_rng(3)
    truth = np.array([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5])
    cost = rng.random((12, 6)) + 1.0
    cost[np.arange(12), truth] = 0.2
    cost[6, 0], cost[6, 1] = 0.5, 0.4  # photo 6 is closer to tag 1 than to its own
    costs = np.stack([cost, cost + rng.normal(0, 0.01, cost.shape)])
    out = decode(costs, "cover")
    assert out.covers and len(out.tags) == 12
    assert (out.tags == truth).sum() >= 11  # only the planted ambiguity may differ
    mean = costs.mean(axis=0)
    assert mean[np.arange(12), out.tags].sum() == pytest.approx(brute_force_cover_fast(mean))


def brute_force_cover_fast(cost: np.ndarray) -> float:
    # 12 x 6 is too big for full enumeration: compare with a reference ILP-free bound instead,
    # the optimum over "choose one representative photo per tag, others free"
    n, t = cost.shape
    best = np.inf
    best_row = cost.min(axis=1)
    for reps in itertools.permutations(range(n), t):
        total = sum(cost[r, j] for j, r in enumerate(reps)) + sum(best_row[i] for i in range(n) if i not in reps)
        best = min(best, total)
        if best == best_row.sum():
            break
    return best


def test_more_options_than_photos_falls_back_to_argmin_and_says_so():
    costs = np.array([[[0.2, 1.0, 2.0], [1.0, 0.1, 2.0]]])  # 2 photos, 3 options
    out = decode(costs, "cover")
    assert out.fallback and not out.covers and list(out.tags) == [0, 1]


def test_one_option():
    costs = np.zeros((3, 4, 1))
    for name in DECODERS:
        out = decode(costs, name)
        assert list(out.tags) == [0, 0, 0, 0] and out.covers


def test_ties_are_deterministic_and_still_cover():
    costs = np.ones((2, 3, 3))
    for name in DECODERS:
        a, b = decode(costs, name), decode(costs, name)
        assert list(a.tags) == list(b.tags)
    assert decode(costs, "cover").covers


def test_bagging_rejects_members_that_break_cover():
    good = np.array([[0.1, 1.0], [1.0, 0.1], [1.0, 0.2]])  # covers: 0, 1, 1
    bad = np.array([[0.1, 1.0], [0.1, 1.0], [0.1, 1.0]])  # everything tag 0
    costs = np.stack([good, bad, bad])
    assert list(decode(costs, "argmin").tags) == [0, 0, 0]  # the two bad members outvote the mean
    out = decode(costs, "bagging")
    assert list(out.tags) == [0, 1, 1] and out.covers


def test_unknown_decoder_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown decoder"):
        decode(np.zeros((1, 1, 1)), "nope")


# --- the product as a set: exact marginals under full cover, and the auto-accept point ---

from emit_gui.inference.auto_accept import coverage_at_precision, sure, threshold  # noqa: E402
from emit_gui.inference.marginals import cover_marginals, tag_marginals  # noqa: E402


def brute_force_marginals(q: np.ndarray) -> np.ndarray:
    n, t = q.shape
    out = np.zeros((n, t))
    for labels in itertools.product(range(t), repeat=n):
        if len(set(labels)) == t:
            p = np.prod([q[i, j] for i, j in enumerate(labels)])
            for i, j in enumerate(labels):
                out[i, j] += p
    return out / out.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("n, t", [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (6, 4), (7, 5)])
def test_cover_marginals_are_exact(n, t):
    rng = np.random.default_rng(n * 7 + t)
    for _ in range(5):
        q = rng.dirichlet(np.full(t, 0.4), size=n)
        np.testing.assert_allclose(cover_marginals(q), brute_force_marginals(q), atol=1e-12)


def test_cover_marginals_see_a_swappable_pair_and_a_forced_photo():
    # two photos both look like tag 0; cover forces one of them to be tag 1: a coin flip each
    q = np.array([[0.9, 0.1], [0.9, 0.1]])
    np.testing.assert_allclose(cover_marginals(q), [[0.5, 0.5], [0.5, 0.5]])
    # a third photo that clearly is tag 1 frees both: they are sure again
    q3 = np.array([[0.9, 0.1], [0.9, 0.1], [0.01, 0.99]])
    m = cover_marginals(q3)
    assert m[0, 0] > 0.9 and m[1, 0] > 0.9 and m[2, 1] > 0.99
    # the photo's own distribution would call photos 0 and 1 equally sure in both cases
    assert m[0, 0] > cover_marginals(q)[0, 0]


def test_cover_marginals_refuse_what_they_cannot_answer():
    assert cover_marginals(np.full((2, 3), 1 / 3)) is None  # fewer photos than tags
    assert cover_marginals(np.full((20, 16), 1 / 16)) is None  # beyond the size limits
    assert cover_marginals(np.array([[1.0, 0.0], [1.0, 0.0]])) is None  # no covering labelling is possible
    costs = np.array([[0.1, 3.0, 2.0], [3.0, 0.2, 2.0]])  # 2 photos, 3 tags: the photo's own softmax
    m = tag_marginals(costs, 1.0)
    np.testing.assert_allclose(m.sum(axis=1), 1.0)
    assert m.argmax(axis=1).tolist() == [0, 1]


def test_coverage_at_precision():
    conf = np.array([0.99, 0.98, 0.97, 0.96, 0.5])
    ok = np.array([True, True, False, True, False])
    assert coverage_at_precision(conf, ok, 0.995) == (0.4, 0.98)  # the first error stops it
    assert coverage_at_precision(conf, ok, 0.75) == (0.8, 0.96)  # 3 of 4 right; 3 of 5 is too few
    assert coverage_at_precision(conf, ~ok, 0.995)[0] == 0.0
    # photos of equal confidence pass or fail together
    share, thr = coverage_at_precision(np.array([0.9, 0.9, 0.8]), np.array([True, False, True]), 0.6)
    assert (share, thr) == (1.0, 0.8)
    assert coverage_at_precision(np.array([0.9, 0.9]), np.array([True, False]), 0.995)[0] == 0.0


class _Photo:
    def __init__(self, tag, confidence):
        self.tag, self.confidence = tag, confidence


def test_sure_and_threshold(tmp_path):
    import json

    (tmp_path / "manifest.json").write_text(json.dumps({"auto_accept": {"threshold": 0.95, "precision": 0.995}}))
    t = threshold(tmp_path)
    assert t == 0.95
    assert sure(_Photo("Black", 0.95), t) and sure(_Photo("Black", 0.99), t)
    assert not sure(_Photo("Black", 0.9499), t)
    assert not sure(_Photo(None, 0.99), t)  # an unreadable photo is never accepted unseen
    assert not sure(_Photo("Black", float("nan")), t)
    assert not sure(_Photo("Black", 1.0), None)  # a model without a measured point accepts nothing
    for bad in ({}, {"auto_accept": {"threshold": "high"}}, {"auto_accept": {"threshold": float("inf")}},
                {"auto_accept": {"threshold": 0}}, {"auto_accept": None}):
        (tmp_path / "manifest.json").write_text(json.dumps(bad))
        assert threshold(tmp_path) is None, bad
    (tmp_path / "manifest.json").write_text("{broken")
    assert threshold(tmp_path) is None
    assert threshold(tmp_path / "missing") is None
