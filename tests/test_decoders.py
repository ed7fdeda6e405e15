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
