"""Search the photos of a folder by tag text (the ensemble's own tag score) or by a photo."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from emit_gui.analysis.index import IndexedPhoto, PhotoIndex
from emit_gui.errors import UserError
from emit_gui.inference.scoring import member_targets


@dataclass(frozen=True)
class Hit:
    rank: int  # 1-based
    position: int  # in the index
    photo: IndexedPhoto
    score: float  # text: cross-entropy (lower is closer); photo: cosine similarity (higher is closer)


def text_costs(index: PhotoIndex, query: str) -> np.ndarray:
    """(N,) the EMIT cost of ``query`` as a tag for every photo: the members' cross-entropy
    between the photo's label distribution and the query's target, averaged over the members
    that keep at least one of the query's labels."""
    model = index.model
    known = model.vocab.known_labels(query)
    if not known:
        sample = ", ".join(lbl for lbl in model.vocab.labels[:12] if lbl != "other")
        raise UserError(f"{query!r}: none of its words is a label this model knows "
                        f"(it knows {len(model.vocab) - 1} labels, such as {sample})")
    targets = member_targets(model.vocab, model.masks, [query])[:, 0, :]  # (M, L)
    keeps = targets[:, model.vocab.other_index] < 1.0
    members = np.flatnonzero(keeps) if keeps.any() else np.arange(len(targets))
    return -np.einsum("mnl,ml->n", index.log_probs[members], targets[members]) / len(members)


def search_text(index: PhotoIndex, query: str, top: int = 20) -> list[Hit]:
    costs = text_costs(index, query)
    order = np.argsort(costs, kind="stable")[:top]
    return [Hit(r + 1, int(i), index.photos[i], float(costs[i])) for r, i in enumerate(order)]


def search_like(index: PhotoIndex, position: int, top: int = 20) -> list[Hit]:
    """Photos whose embedding is closest (cosine) to the photo at ``position``, itself left out."""
    sims = index.unit_feats @ index.unit_feats[position]
    sims[position] = -np.inf
    order = np.argsort(-sims, kind="stable")[:top]
    return [Hit(r + 1, int(i), index.photos[i], float(sims[i])) for r, i in enumerate(order)]


def retrieval_quality(index: PhotoIndex, truth: dict[tuple[str, str], str]) -> dict:
    """As in Rubio et al.: each labelled photo's own tag is the query; the photo's rank among all
    photos of the collection, as a share of the collection. Returns the median rank share and
    recall at the top 5% and 10%, over the photos that have a true tag."""
    by_tag: dict[str, list[int]] = {}
    for (pid, name), tag in truth.items():
        pos = index.position(pid, name)
        if pos is not None and tag and index.model.vocab.known_labels(tag):
            by_tag.setdefault(tag, []).append(pos)
    shares = []
    n = len(index)
    for tag, positions in by_tag.items():
        costs = text_costs(index, tag)
        order = np.argsort(costs, kind="stable")
        rank_of = np.empty(n, dtype=np.int64)
        rank_of[order] = np.arange(1, n + 1)
        shares.extend(rank_of[p] / n for p in positions)
    shares_a = np.array(shares)
    return {
        "photos": len(shares_a), "collection": n, "queries": len(by_tag),
        "median_rank_share": float(np.median(shares_a)) if len(shares_a) else float("nan"),
        "recall_at_5pct": float((shares_a <= 0.05).mean()) if len(shares_a) else float("nan"),
        "recall_at_10pct": float((shares_a <= 0.10).mean()) if len(shares_a) else float("nan"),
    }
