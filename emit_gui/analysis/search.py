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


# how the folder's option lists weigh in (tests/benchmarks/bench_search.py measured these best)
NOT_OFFERED = 5.0  # a product none of whose options shares the query's labels (scaled by the share missing)
NOT_EXACT = 1.0  # a product without an option spelled like the query
COLUMN = 0.5  # weight of "this photo, rather than its product's other photos, shows the query"


def _softmin(x: np.ndarray, axis: int) -> np.ndarray:
    m = x.min(axis=axis, keepdims=True)
    return (m - np.log(np.exp(-(x - m)).sum(axis=axis, keepdims=True))).squeeze(axis)


def text_scores(index: PhotoIndex, query: str, model_only: bool = False) -> np.ndarray:
    """(N,) how well each photo answers a tag-like query, lower is better.

    With the folder's option lists (``index.options``, set when the index is built from a
    catalog) the photo is scored as the decoder sees it: the query's cost against the other
    options of the photo's product (the posterior of the query among them), plus how much more
    than its product's other photos it shows the query, with products that offer an option of
    the query's labels (better: spelled like it) first. ``model_only`` (or no option lists)
    ranks by the model's cost alone, as in Rubio et al."""
    costs = text_costs(index, query)
    options = getattr(index, "options", None)
    if model_only or not options:
        return costs
    model = index.model
    wanted = set(model.vocab.known_labels(query))
    q = query.strip().casefold()
    names = sorted({o for opts in options.values() for o in opts})
    col = {o: k for k, o in enumerate(names)}
    cache = index.__dict__.setdefault("_option_costs", {})
    if "softmin" not in cache:  # per photo: the soft minimum cost over its product's options
        targets = member_targets(model.vocab, model.masks, names) if names else None
        soft = np.full(len(index), np.inf, np.float32)
        if targets is not None:
            keeps = targets[:, :, model.vocab.other_index] < 1.0
            weights = keeps.astype(np.float32)
            weights[:, weights.sum(0) == 0] = 1.0
            by_pid: dict[str, list[int]] = {}
            for i, ph in enumerate(index.photos):
                by_pid.setdefault(ph.pid, []).append(i)
            for pid, rows in by_pid.items():
                cols = [col[o] for o in options.get(pid, ())]
                if not cols:
                    continue
                c = -np.einsum("mnl,mtl->mnt", index.log_probs[:, rows], targets[:, cols])
                c = np.einsum("mnt,mt->nt", c, weights[:, cols]) / weights[:, cols].sum(0)
                soft[rows] = _softmin(c, 1)
        cache["softmin"] = soft
        cache["pid"] = np.array([ph.pid for ph in index.photos])
    soft, pids = cache["softmin"], cache["pid"]
    row_post = costs - np.where(np.isfinite(soft), -np.logaddexp(-soft, -costs), costs)
    # column: the query's cost against the product's photos
    uniq, inverse = np.unique(pids, return_inverse=True)
    m = np.full(len(uniq), np.inf)
    np.minimum.at(m, inverse, costs)
    sums = np.zeros(len(uniq))
    np.add.at(sums, inverse, np.exp(-(costs - m[inverse])))
    col_post = costs - (m - np.log(sums))[inverse]
    if "option_labels" not in cache:  # each option's labels and spelling, once per index
        cache["option_labels"] = {o: (frozenset(model.vocab.known_labels(o)), o.strip().casefold()) for o in names}
    option_labels = cache["option_labels"]
    score = {}
    for o, (labs, spelled) in option_labels.items():
        share = len(wanted & labs) / max(1, len(wanted | labs)) if (wanted or labs) else 0.0
        score[o] = (share, float(spelled == q))
    offered = np.zeros(len(uniq))
    exact = np.zeros(len(uniq))
    for k, pid in enumerate(uniq):
        for o in options.get(str(pid), ()):
            share, same = score.get(o, (0.0, 0.0))
            offered[k] = max(offered[k], share)
            exact[k] = max(exact[k], same)
    return (row_post + COLUMN * col_post + NOT_OFFERED * (1 - offered[inverse]) + NOT_EXACT * (1 - exact[inverse]))


def search_text(index: PhotoIndex, query: str, top: int = 20, model_only: bool = False) -> list[Hit]:
    costs = text_scores(index, query, model_only)
    order = np.argsort(costs, kind="stable")[:top]
    return [Hit(r + 1, int(i), index.photos[i], float(costs[i])) for r, i in enumerate(order)]


def search_like(index: PhotoIndex, position: int, top: int = 20) -> list[Hit]:
    """Photos whose embedding is closest (cosine) to the photo at ``position``, itself left out."""
    sims = index.unit_feats @ index.unit_feats[position]
    sims[position] = -np.inf
    order = np.argsort(-sims, kind="stable")[:top]
    return [Hit(r + 1, int(i), index.photos[i], float(sims[i])) for r, i in enumerate(order)]


def retrieval_quality(index: PhotoIndex, truth: dict[tuple[str, str], str], model_only: bool = False) -> dict:
    """As in Rubio et al.: each labelled photo's own tag is the query; the photo's rank among all
    photos of the collection, as a share of the collection. Returns the median rank share and
    recall at the top 1%, 5% and 10%, over the photos that have a true tag; and the median a
    perfect ranking would reach (every photo of the query's tag ahead of all others: a tag that 150
    photos share puts them at ranks 1..150, so the median cannot reach 0), and the median share of
    photos of another tag ranked ahead of the photo."""
    by_tag: dict[str, list[int]] = {}
    for (pid, name), tag in truth.items():
        pos = index.position(pid, name)
        if pos is not None and tag and index.model.vocab.known_labels(tag):
            by_tag.setdefault(tag, []).append(pos)
    shares, best, wrong = [], [], []
    n = len(index)
    for tag, positions in by_tag.items():
        costs = text_scores(index, tag, model_only)
        order = np.argsort(costs, kind="stable")
        rank_of = np.empty(n, dtype=np.int64)
        rank_of[order] = np.arange(1, n + 1)
        shares.extend(rank_of[p] / n for p in positions)
        # the photos sharing the query's tag rank ahead of each other: at best they take ranks 1..k
        best.extend(np.arange(1, len(positions) + 1) / n)
        same = np.sort(rank_of[positions])
        wrong.extend((same - np.arange(1, len(same) + 1)) / n)  # other-tag photos ranked ahead of each
    shares_a = np.array(shares)
    return {
        "photos": len(shares_a), "collection": n, "queries": len(by_tag),
        "median_rank_share": float(np.median(shares_a)) if len(shares_a) else float("nan"),
        # the median a perfect ranking would get (a frequent tag's photos push each other down)
        "best_median_rank_share": float(np.median(best)) if best else float("nan"),
        "median_wrong_ahead_share": float(np.median(wrong)) if wrong else float("nan"),
        "recall_at_1pct": float((shares_a <= 0.01).mean()) if len(shares_a) else float("nan"),
        "recall_at_5pct": float((shares_a <= 0.05).mean()) if len(shares_a) else float("nan"),
        "recall_at_10pct": float((shares_a <= 0.10).mean()) if len(shares_a) else float("nan"),
    }


def like_quality(index: PhotoIndex, truth: dict[tuple[str, str], str]) -> dict:
    """"Photos like this one" measured: for every photo that has another photo of the same
    option in its product (the same tag), the rank of those photos among all others by
    likeness, as a share of the collection; median and recall at the top 1%, 5%, 10%."""
    where: dict[tuple[str, str], list[int]] = {}
    for i, ph in enumerate(index.photos):
        tag = truth.get((ph.pid, ph.name))
        if tag:
            where.setdefault((ph.pid, tag), []).append(i)
    n = len(index)
    shares = []
    for members in where.values():
        if len(members) < 2:
            continue
        for q in members:
            sims = index.unit_feats @ index.unit_feats[q]
            sims[q] = np.inf
            order = np.argsort(-sims, kind="stable")
            rank_of = np.empty(n, dtype=np.int64)
            rank_of[order] = np.arange(0, n)  # the photo itself takes rank 0
            shares.extend(rank_of[r] / (n - 1) for r in members if r != q)
    a = np.array(shares)
    nan = float("nan")
    return {"pairs": len(a), "collection": n,
            "median_rank_share": float(np.median(a)) if len(a) else nan,
            "recall_at_1pct": float((a <= 0.01).mean()) if len(a) else nan,
            "recall_at_5pct": float((a <= 0.05).mean()) if len(a) else nan,
            "recall_at_10pct": float((a <= 0.10).mean()) if len(a) else nan}
