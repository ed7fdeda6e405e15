"""Search by tag text and by photo, measured on the shared products: one command, one table.

    python tests/benchmarks/bench_search.py [--products DIR] [--model DIR] [--heat-maps]

On the model's validation products (never trained on), English and Chinese tags:
- text search as in Rubio et al.: each labelled photo's own tag is the query; the photo's rank
  in the collection as a share of it; median, recall at the top 1%, 5% and 10%. Two rankings:
  the model's cost alone ("model only"), and what `search` uses: the same cost read the way the
  decoder reads it, against the other options of the photo's product, with products that offer
  the query first ("with options");
- photos like this one: for every photo with another photo of the same option in its product,
  the rank of that photo by likeness;
then query times on a 10,000-photo index, and (--heat-maps) how often the heat map for a colour
peaks on a pasted patch of that colour. The near-duplicate finder has its own benchmark:
tests/benchmarks/bench_duplicates.py.
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

from emit_gui.analysis.index import PhotoIndex, build_index
from emit_gui.analysis.search import like_quality, retrieval_quality, search_like, search_text
from emit_gui.catalog import scan
from emit_gui.inference.engine import Engine
from emit_gui.inference.model_dir import load_model_dir
from emit_gui.registry import resolve_model


def subset(index: PhotoIndex, pids: set[str]) -> PhotoIndex:
    keep = [i for i, p in enumerate(index.photos) if p.pid in pids]
    out = PhotoIndex(index.model, [index.photos[i] for i in keep], index.probs[keep], index.feats[keep],
                     index.hashes[keep], index.thumbs[keep], index.hists[keep], copies=index.copies[keep],
                     sizes=index.sizes[keep])
    out.options = {pid: opts for pid, opts in (index.options or {}).items() if pid in pids}
    return out


def row(name: str, q: dict, count: str) -> str:
    bound = (f"{100 * q['best_median_rank_share']:.2f}% | {100 * q['median_wrong_ahead_share']:.2f}%"
             if "best_median_rank_share" in q else "- | -")
    return (f"| {name} | {100 * q['median_rank_share']:.2f}% | {q['recall_at_1pct']:.3f} | {q['recall_at_5pct']:.3f} "
            f"| {q['recall_at_10pct']:.3f} | {bound} | {count} |")


def retrieval(engine: Engine, products: Path) -> PhotoIndex:
    model = engine.model
    print("| validation products | median rank | R@1% | R@5% | R@10% | perfect ranking's median | median other-tag photos ahead | queries |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    index = None
    for profile, lang in (("profile.json", "English"), ("profile_zh.json", "Chinese")):
        catalog = scan(products, profile)
        index = build_index(engine, catalog)
        truth = {(p.pid, im.name): im.tag for p in catalog.products for im in p.images if im.tag}
        val = subset(index, set(model.val_products))
        for name, model_only in (("model only", True), ("with options (search)", False)):
            q = retrieval_quality(val, truth, model_only=model_only)
            print(row(f"text, {lang}, {name}", q, f"{q['photos']} photos of {q['collection']}"))
        if profile == "profile.json":
            q = like_quality(val, truth)
            print(row("photos like this one (same option, same product)", q, f"{q['pairs']} pairs of {q['collection']}"))
    return index


def query_speed(index: PhotoIndex, n: int = 10_000) -> None:
    reps = -(-n // len(index))
    big = PhotoIndex(index.model, (index.photos * reps)[:n], np.concatenate([index.probs] * reps)[:n],
                     np.concatenate([index.feats] * reps)[:n], np.concatenate([index.hashes] * reps)[:n],
                     np.concatenate([index.thumbs] * reps)[:n], np.concatenate([index.hists] * reps)[:n])
    big.options = index.options
    search_text(big, "black")  # jieba, the vocabulary and the option costs warm up outside the timing
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
    print(f"query on {n} photos: text median {1000 * float(np.median(times)):.1f} ms; photos-like {like * 1000:.1f} ms "
          f"(the first {like_first * 1000:.0f} ms: the embeddings are normalised once)")


def heat_maps(engine: Engine, products: Path, n: int = 40) -> None:
    from emit_gui.analysis.cam import Explainer
    from tests.helpers.patches import PATCH_COLOURS, patch_hits

    explainer = Explainer(engine)
    rng = random.Random(0)
    photos = [sorted((products / pid).glob("*.jpg"))[0] for pid in sorted(engine.model.val_products)[:n]]
    for parts in ("colour", "all"):
        hits, total = patch_hits(explainer, photos, PATCH_COLOURS, rng, parts)
        print(f"heat map ({parts} evidence) peaks on the pasted patch: {hits} of {total} ({hits / total:.1%})")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", default=str(REPO.parent / "shared" / "datasets" / "products"))
    ap.add_argument("--model", help="model folder (default: the active model)")
    ap.add_argument("--heat-maps", action="store_true")
    args = ap.parse_args()
    products = Path(args.products)
    engine = Engine(load_model_dir(resolve_model(args.model).path))
    print(f"model {engine.model.path.name} {engine.model.version_id}; inference on {engine.choice}")
    index = retrieval(engine, products)
    query_speed(index)
    if args.heat_maps:
        heat_maps(engine, products)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
