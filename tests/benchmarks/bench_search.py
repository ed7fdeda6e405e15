"""Search, near-duplicates and heat maps on the shared products: quality and speed.

    python tests/benchmarks/bench_search.py [--products DIR] [--fit-duplicates]

Prints:
- retrieval quality as in Rubio et al. (each photo's own tag as the query; the photo's rank in
  the collection as a share of it; median and recall at the top 5% and 10%), on the model's
  validation products (never trained on), English and Chinese tags, and on all 1,500 products;
- query time on a 10,000-photo index (first query after the index loads, then warm);
- near-duplicate precision and recall on constructed pairs (tests/helpers/duplicate_set.py):
  the rule is fitted on the copies of half the products and measured on the other half
  (--fit-duplicates prints the fitted constants for emit_gui/analysis/duplicates.py);
- how often the heat map for a colour peaks on a pasted patch of that colour.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
os.environ.setdefault("EMIT_GUI_HOME", tempfile.mkdtemp(prefix="emit-bench-search-"))

from emit_gui.analysis import duplicates as dup  # noqa: E402
from emit_gui.analysis.cam import Explainer  # noqa: E402
from emit_gui.analysis.index import PhotoIndex, build_index  # noqa: E402
from emit_gui.analysis.search import retrieval_quality, search_like, search_text  # noqa: E402
from emit_gui.catalog import scan  # noqa: E402
from emit_gui.inference.engine import Engine  # noqa: E402
from emit_gui.inference.model_dir import load_model_dir  # noqa: E402
from tests.helpers.duplicate_set import make_duplicate_set, original_pairs, pair_truth  # noqa: E402
from tests.helpers.patches import PATCH_COLOURS, patch_hits  # noqa: E402



def subset(index: PhotoIndex, pids: set[str]) -> PhotoIndex:
    keep = [i for i, p in enumerate(index.photos) if p.pid in pids]
    return PhotoIndex(index.model, [index.photos[i] for i in keep], index.probs[keep], index.feats[keep],
                      index.hashes[keep], index.thumbs[keep], index.hists[keep])


def retrieval(engine: Engine, products: Path) -> None:
    model = engine.model
    for profile in ("profile.json", "profile_zh.json"):
        catalog = scan(products, profile)
        t0 = time.perf_counter()
        index = build_index(engine, catalog)
        built = time.perf_counter() - t0
        truth = {(p.pid, im.name): im.tag for p in catalog.products for im in p.images if im.tag}
        for name, idx in (("validation products", subset(index, set(model.val_products))), ("all products", index)):
            q = retrieval_quality(idx, truth)
            print(f"retrieval {profile:16s} {name:20s}: {q['photos']} photos, {q['queries']} distinct tags; "
                  f"median rank {100 * q['median_rank_share']:.2f}% of {q['collection']}; "
                  f"R@5% {q['recall_at_5pct']:.3f}  R@10% {q['recall_at_10pct']:.3f}")
        print(f"  (index of {len(index)} photos built in {built:.1f} s, {index.computed} through the model)")
    return index


def query_speed(index: PhotoIndex, n: int = 10_000) -> None:
    reps = -(-n // len(index))
    big = PhotoIndex(index.model, (index.photos * reps)[:n], np.concatenate([index.probs] * reps)[:n],
                     np.concatenate([index.feats] * reps)[:n], np.concatenate([index.hashes] * reps)[:n],
                     np.concatenate([index.thumbs] * reps)[:n], np.concatenate([index.hists] * reps)[:n])
    search_text(big, "black")  # jieba and the vocabulary warm up outside the timing
    big = PhotoIndex(big.model, big.photos, big.probs, big.feats, big.hashes, big.thumbs, big.hists)
    t0 = time.perf_counter()
    search_text(big, "dark blue", 50)
    first = time.perf_counter() - t0
    times = []
    for q in ("军绿", "黑白条纹", "light grey", "酒红", "beige"):
        t0 = time.perf_counter()
        search_text(big, q, 50)
        times.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    search_like(big, 0, 50)
    like_first = time.perf_counter() - t0
    t0 = time.perf_counter()
    search_like(big, 1, 50)
    like = time.perf_counter() - t0
    print(f"query on {n} photos: text first {first * 1000:.0f} ms (log-probabilities computed once), "
          f"then median {1000 * float(np.median(times)):.1f} ms; photos-like first {like_first * 1000:.0f} ms, "
          f"then {like * 1000:.1f} ms")
    t0 = time.perf_counter()
    pairs = dup.find_duplicates(big)
    print(f"duplicate scan of {n} photos (every photo repeated: {len(pairs)} pairs): {time.perf_counter() - t0:.1f} s")


def duplicates(engine: Engine, products: Path, n_products: int, fit: bool) -> None:
    model = engine.model
    rng = random.Random(0)
    pids = sorted(model.val_products)
    rng.shuffle(pids)
    chosen = [products / p for p in pids[:n_products]]
    # every other product is there too: a folder's worth of different photos as negatives
    others = sorted(p for p in products.iterdir() if p.is_dir() and p.name not in set(pids[:n_products]))
    out = Path(tempfile.mkdtemp(prefix="emit-dupes-"))
    groups = make_duplicate_set(chosen, out, others=others)
    index = build_index(engine, scan(out))
    truth = pair_truth(groups)
    half = {p.name: i % 2 for i, p in enumerate(chosen + others)}

    def half_of(pid: str) -> int:
        return half[pid.split("c")[0]]

    a, b = dup.candidates(index)
    X, _ = dup.pair_features(index, a, b)
    key = [(p.pid, p.name) for p in index.photos]
    y = np.array([frozenset((key[i], key[j])) in truth for i, j in zip(a, b)])
    ha = np.array([half_of(index.photos[i].pid) for i in a])
    hb = np.array([half_of(index.photos[j].pid) for j in b])
    print(f"duplicates: {len(index)} photos ({len(groups)} originals with 4 copies each, the rest of the products "
          f"as they are), {len(truth)} true pairs; "
          f"{len(a)} candidate pairs hold {int(y.sum())} of them")
    if fit:
        mean, std, w = dup.fit_rule(X[(ha == 0) & (hb == 0)], y[(ha == 0) & (hb == 0)].astype(float))
        np.set_printoptions(precision=4, suppress=True)
        print(f"RULE_MEAN = np.array({mean.tolist()})\nRULE_STD = np.array({std.tolist()})\n"
              f"RULE_WEIGHTS = np.array({w.tolist()})")
        dup.RULE_MEAN, dup.RULE_STD, dup.RULE_WEIGHTS = mean, std, w
    prob = dup.probability(X)
    positives = original_pairs(groups)
    is_positive = np.array([frozenset((key[i], key[j])) in positives for i, j in zip(a, b)])
    for h in (0, 1):
        m = (ha == h) & (hb == h)
        n_pos = sum(1 for g in positives if all(half_of(pid) == h for pid, _ in g))
        pred = prob[m] >= dup.THRESHOLD
        right = int((pred & y[m]).sum())  # any two pictures of one group, copies of each other included
        found = int((pred & is_positive[m]).sum())
        label = "fitted on" if h == 0 else "held out "
        print(f"  {label} half: precision {right / max(1, pred.sum()):.3f}  recall {found / max(1, n_pos):.3f}  "
              f"({found} of {n_pos} original-copy pairs found; {int(pred.sum())} pairs predicted, {right} right)")
    # recall per kind of copy, held-out half: the original against each of its copies
    where = {k: i for i, k in enumerate(key)}
    found = {(int(i), int(j)): float(p) for i, j, p in zip(a, b, prob)}
    for k, kind in enumerate(("reencoded", "resized", "cropped", "mirrored")):
        got = total = 0
        for g in groups:
            orig = next(x for x in g if "c" not in x[0])
            if half_of(orig[0]) != 1:
                continue
            copy = next(x for x in g if x[0] != orig[0] and x[1].endswith(f"_{k}.jpg"))
            if orig not in where or copy not in where:
                continue
            total += 1
            got += found.get(tuple(sorted((where[orig], where[copy]))), 0.0) >= dup.THRESHOLD
        print(f"    original vs {kind:9s} copy: found {got} of {total}")


def heat_maps(engine: Engine, products: Path, n: int = 40) -> None:
    explainer = Explainer(engine)
    rng = random.Random(0)
    photos = [sorted((products / pid).glob("*.jpg"))[0] for pid in sorted(engine.model.val_products)[:n]]
    for parts in ("colour", "all"):
        hits, total = patch_hits(explainer, photos, PATCH_COLOURS, rng, parts)
        print(f"heat map ({parts} evidence) peaks on the pasted patch: {hits} of {total} ({hits / total:.1%})")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", default=str(REPO.parent / "shared" / "datasets" / "products"))
    ap.add_argument("--dup-products", type=int, default=300)
    ap.add_argument("--fit-duplicates", action="store_true")
    args = ap.parse_args()
    products = Path(args.products)
    engine = Engine(load_model_dir())
    print(f"model {engine.model.path.name} {engine.model.version_id}; inference on {engine.choice}")
    index = retrieval(engine, products)
    query_speed(index)
    duplicates(engine, products, args.dup_products, args.fit_duplicates)
    heat_maps(engine, products)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
