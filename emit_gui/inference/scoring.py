"""EMIT scoring: the cross-entropy between a photo's predicted label distribution and a tag's
target, per ensemble member (each member sees the tag through its own label selection)."""

from __future__ import annotations

import numpy as np

from emit_gui.tags import Vocabulary

EPS = 1e-7


def member_targets(vocab: Vocabulary, masks: np.ndarray, tags: list[str]) -> np.ndarray:
    """(M, T, L): each member's normalised target for each tag.

    A tag none of whose labels a member keeps becomes that member's ``<other>``.
    """
    hot = np.stack([vocab.multi_hot(t) for t in tags]) if tags else np.zeros((0, len(vocab)), np.float32)
    per = hot[None, :, :] * masks[:, None, :]  # (M, T, L)
    empty = per.sum(axis=2) == 0
    per[:, :, vocab.other_index] = np.where(empty, 1.0, per[:, :, vocab.other_index])
    return (per / per.sum(axis=2, keepdims=True)).astype(np.float32)


def member_costs(probs: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """(M, N, T) cross-entropies from probs (N, M, L) and targets (M, T, L); lower is better."""
    logp = np.log(np.clip(probs, EPS, 1.0)).transpose(1, 0, 2)  # (M, N, L)
    return -np.einsum("mnl,mtl->mnt", logp, targets)
