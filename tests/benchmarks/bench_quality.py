"""What a labeler gains from a model, per decoder and tag language, on its validation products.

    python tests/benchmarks/bench_quality.py [--model DIR] [--products DIR] [--n 1500] [--json FILE]

For each decoder and each profile (English ``profile.json``, Chinese ``profile_zh.json``) it prints:

- Acc (photos right) and EM (products entirely right);
- corrections per 100 photos: the photos a labeler has to change (100 x (1 - Acc));
- the share of photos that can be accepted unseen at 99.5 % and at 99 % precision: photos are
  taken in order of the confidence the app shows, and the share is the longest such prefix whose
  precision is still at least the target (the threshold is the confidence of its last photo);
- Acc*, EM* and the same two shares ("clean@") without the label-noise products the model card lists (``label_noise`` in
  the manifest, or ``--noise FILE`` with one product id a line): products whose label
  contradicts the photo cap what any ranking can reach on raw labels;
- end-to-end photos/s (and photos per CPU-second, steadier on a shared machine): ``propose_catalog`` (decode, resize, ONNX Runtime, decoding, confidence)
  over the first ``--n`` shared photos, as the app and ``emit-gui predict`` run it.

The proposals come from :func:`emit_gui.inference.propose.propose_product`, so the figures are
those of what the window shows. Takes about a minute on 2 CPU cores.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from emit_gui.catalog import scan  # noqa: E402
from emit_gui.inference.auto_accept import coverage_at_precision  # noqa: E402
from emit_gui.inference.decoders import DECODERS  # noqa: E402
from emit_gui.inference.engine import Engine  # noqa: E402
from emit_gui.inference.model_dir import load_model_dir  # noqa: E402
from emit_gui.registry import resolve_model  # noqa: E402
from emit_gui.inference.pipeline import run_images  # noqa: E402
from emit_gui.inference.propose import propose_catalog, propose_product  # noqa: E402

PROFILES = ("profile.json", "profile_zh.json")
TARGETS = (0.995, 0.99)


def quality(model, catalogs: dict[str, dict], pids: list[str], probs: dict, decoder: str, noise: set[str]) -> dict:
    """Figures of one decoder in one language from the model's outputs."""
    rows = []  # (pid, confidence, correct)
    exact = exact_clean = 0
    for pid in pids:
        product = catalogs[pid]
        ps = [probs.get((pid, im.name)) for im in product.images]
        prop = propose_product(model, product, ps, [None] * len(ps), decoder)
        ok_all = True
        for im, ph in zip(product.images, prop.photos, strict=True):
            ok = ph.tag is not None and ph.tag == im.tag
            ok_all &= ok
            rows.append((pid, ph.confidence, ok))
        exact += ok_all
        exact_clean += ok_all and pid not in noise
    conf = np.array([r[1] for r in rows])
    correct = np.array([r[2] for r in rows])
    clean = np.array([r[0] not in noise for r in rows])
    out = {"photos": len(rows), "products": len(pids), "acc": float(correct.mean()), "em": exact / len(pids),
           "corrections_per_100": 100.0 * (1 - float(correct.mean()))}
    for p in TARGETS:
        share, thr = coverage_at_precision(conf, correct, p)
        share_clean, thr_clean = coverage_at_precision(conf[clean], correct[clean], p)
        out[f"auto_{p}"] = share
        out[f"threshold_{p}"] = thr
        out[f"auto_{p}_clean"] = share_clean
        out[f"threshold_{p}_clean"] = thr_clean
    out["clean_photos"] = int(clean.sum())
    out["clean_acc"] = float(correct[clean].mean()) if clean.any() else 0.0
    out["clean_em"] = exact_clean / max(1, len([p for p in pids if p not in noise]))
    return out


def throughput(engine: Engine, products: list, decoder: str, n: int) -> tuple[float, float]:
    """(photos per second of wall time, photos per CPU-second of this process): on a machine
    shared with other work the second is the steadier figure; two free cores give up to twice it."""
    chosen, count = [], 0
    for p in products:
        if count >= n:
            break
        chosen.append(p)
        count += sum(im.usable for im in p.images)
    t, c = time.perf_counter(), time.process_time()
    photos = sum(len(prop.photos) for prop in propose_catalog(engine, chosen, decoder=decoder, batch=64))
    return photos / (time.perf_counter() - t), photos / (time.process_time() - c)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--products", default=str(REPO.parent / "shared" / "datasets" / "products"))
    ap.add_argument("--model", help="model folder (default: the active model)")
    ap.add_argument("--n", type=int, default=1500, help="shared photos for the photos/s figure (0: skip it)")
    ap.add_argument("--noise", help="file of label-noise product ids (default: the manifest's label_noise)")
    ap.add_argument("--decoder", action="append", help="only these decoders")
    ap.add_argument("--json", help="also write every figure to this JSON file")
    ap.add_argument("--provider", default="cpu")
    args = ap.parse_args(argv)

    model = load_model_dir(resolve_model(args.model).path)
    engine = Engine(model, provider=args.provider)
    if args.noise:
        noise = {line.strip() for line in Path(args.noise).read_text().splitlines() if line.strip()}
    else:
        noise = set(model.manifest.get("label_noise", {}).get("products", []))
    decoders = args.decoder or list(DECODERS)
    catalogs = {prof: scan(args.products, prof).by_pid() for prof in PROFILES}
    wanted = [pid for pid in model.val_products if all(
        pid in catalogs[prof] and catalogs[prof][pid].labelled and catalogs[prof][pid].usable for prof in PROFILES)]
    if not wanted:
        print(f"none of the model's validation products is in {args.products}", file=sys.stderr)
        return 2
    first = catalogs[PROFILES[0]]
    keys = [(pid, im.name) for pid in wanted for im in first[pid].images]
    probs = {keys[i]: pr for i, pr, _ in run_images(engine, [first[pid].images[j].path for pid in wanted
                                                              for j in range(len(first[pid].images))])
             if pr is not None}
    print(f"model {model.path} ({model.version_id}, {model.n_members} members, input {model.size} px); "
          f"{len(wanted)} validation products, {len(keys)} photos; {len(noise & set(wanted))} marked label noise; "
          f"{os.cpu_count()} CPU cores, {engine.choice}")
    report: dict = {"model": str(model.path), "version": model.version_id, "products": len(wanted),
                    "noise_products": sorted(noise & set(wanted)), "figures": {}}
    all_products = scan(args.products, PROFILES[0]).products
    head = (f"{'tags':<8}{'decoder':<10}{'Acc':>7}{'EM':>7}{'corr/100':>9}{'auto@99.5':>10}{'auto@99':>9}"
            f"{'Acc*':>7}{'EM*':>7}{'clean@99.5':>11}{'clean@99':>9}{'thr@99.5':>9}{'photos/s':>9}{'/cpu-s':>10}")
    print(head)
    for prof in PROFILES:
        for dec in decoders:
            f = quality(model, catalogs[prof], wanted, probs, dec, noise)
            if args.n:
                prods = all_products if prof == PROFILES[0] else scan(args.products, prof).products
                f["photos_per_s"], f["photos_per_cpu_s"] = throughput(engine, prods, dec, args.n)
            report["figures"][f"{prof}:{dec}"] = f
            lang = "English" if prof == "profile.json" else "Chinese" if prof == "profile_zh.json" else prof
            print(f"{lang:<8}{dec:<10}{f['acc']:>7.3f}{f['em']:>7.3f}{f['corrections_per_100']:>9.1f}"
                  f"{f['auto_0.995']:>10.1%}{f['auto_0.99']:>9.1%}{f['clean_acc']:>7.3f}{f['clean_em']:>7.3f}"
                  f"{f['auto_0.995_clean']:>11.1%}"
                  f"{f['auto_0.99_clean']:>9.1%}{f['threshold_0.995']:>9.4f}{f.get('photos_per_s', 0):>9.0f}"
                  f"{f.get('photos_per_cpu_s', 0):>10.0f}",
                  flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
