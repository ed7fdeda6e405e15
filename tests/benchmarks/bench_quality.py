"""What a labeler gains from a model, per decoder and tag language, on its validation products.

    python tests/benchmarks/bench_quality.py [--model DIR] [--products DIR] [--n 1500] [--json FILE]
        [--cache FILE] [--fit-colour DIR [--write-anchors]] [--calibrate [--write-manifest]]

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
those of what the window shows (with each photo's garment colour for the ``colour`` decoder).
Takes about a minute on 2 CPU cores; ``--cache FILE`` keeps the model's outputs and the photos'
32 x 32 colours of the validation photos (and of ``--fit-colour``'s folder, in ``FILE.fit.npz``),
so that a later run with ``--n 0`` takes seconds.

Colour evidence (issue 15):

- ``--fit-colour DIR`` (``../shared/datasets/products_extra``, never the validation products):
  fits each colour name's anchor (the median garment colour of its photos, both tag languages)
  and the weight of the colour cost against the model's cost, by the likelihood of the true
  tags with the model's temperature free (the model trained on these products, so its costs
  there are sharper than on unseen ones; the fitted weight is therefore taken relative to the
  fitted temperature and applied at the manifest's). ``--write-anchors`` writes
  ``resources/tags/colour_anchors.tsv``.
- ``--calibrate``: refits the confidence of the default decoder on the validation products
  with the existing calibration code (temperature, Platt map, 99.5 % auto-accept point, each
  also fitted on one half and measured on the other), as ``model/export.py`` does;
  ``--write-manifest`` writes those fields (and ``decoder``) into the model's manifest.
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
from emit_gui.inference import colour as colour_mod  # noqa: E402
from emit_gui.inference.auto_accept import coverage_at_precision  # noqa: E402
from emit_gui.inference.calibration import (Calibration, expected_calibration_error, fit_platt,  # noqa: E402
                                            fit_temperature)
from emit_gui.inference.decoders import DECODERS, DEFAULT_DECODER, decode, mixed_costs  # noqa: E402
from emit_gui.inference.engine import Engine  # noqa: E402
from emit_gui.inference.model_dir import load_model_dir  # noqa: E402
from emit_gui.registry import resolve_model  # noqa: E402
from emit_gui.inference.pipeline import run_images  # noqa: E402
from emit_gui.inference.propose import propose_catalog, propose_product  # noqa: E402
from emit_gui.inference.scoring import member_costs, member_targets  # noqa: E402

PROFILES = ("profile.json", "profile_zh.json")
TARGETS = (0.995, 0.99)


def model_outputs(engine: Engine, paths: list[Path]) -> list[tuple[np.ndarray, np.ndarray] | None]:
    """Per photo (probs (M, L), 32 x 32 block means (3, 32, 32) float32), None for a bad photo."""
    g = colour_mod.GRID

    def infer(arr: np.ndarray) -> list:
        k = arr.shape[-1] // g
        small = arr.reshape(len(arr), 3, g, k, g, k).mean(axis=(3, 5), dtype=np.float64).astype(np.float32)
        return list(zip(engine.infer(arr), small, strict=True))

    out: list = [None] * len(paths)
    for i, pr, _ in run_images(engine, paths, infer=infer):
        out[i] = pr
    return out


def cached_outputs(engine: Engine, keys: list[tuple[str, str]], paths: list[Path], cache: str | None) -> dict:
    """(pid, name) -> (probs, colour) for every readable photo, from ``cache`` when it holds
    this model's outputs for these photos, else computed (and written there)."""
    if cache and Path(cache).is_file():
        with np.load(cache, allow_pickle=False) as z:  # each z[...] reads the whole array: once each
            stored = [tuple(k.split("/", 1)) for k in z["keys"]]
            version, probs, small, ok = str(z["version"]), z["probs"], z["small"], z["ok"]
        if version == engine.model.version_id and set(keys) <= set(stored):
            return {k: (probs[i], colour_mod.garment_colour(small[i])) for i, k in enumerate(stored) if ok[i]}
    res = model_outputs(engine, paths)
    ok = np.array([r is not None for r in res])
    m, lab = engine.model.n_members, len(engine.model.vocab)
    probs = np.stack([r[0] if r is not None else np.zeros((m, lab), np.float32) for r in res])
    small = np.stack([r[1] if r is not None else np.zeros((3, colour_mod.GRID, colour_mod.GRID), np.float32)
                      for r in res])
    if cache:
        np.savez_compressed(cache, keys=np.array([f"{a}/{b}" for a, b in keys]), probs=probs, small=small, ok=ok,
                            version=np.array(engine.model.version_id))
    return {k: (probs[i], colour_mod.garment_colour(small[i])) for i, k in enumerate(keys) if ok[i]}


def quality(model, catalogs: dict[str, dict], pids: list[str], outputs: dict, decoder: str, noise: set[str]) -> dict:
    """Figures of one decoder in one language from the model's outputs."""
    rows = []  # (pid, confidence, correct)
    exact = exact_clean = 0
    for pid in pids:
        product = catalogs[pid]
        got = [outputs.get((pid, im.name)) for im in product.images]
        ps = [g[0] if g is not None else None for g in got]
        cols = [g[1] if g is not None else None for g in got]
        prop = propose_product(model, product, ps, [None] * len(ps), decoder, cols)
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


def _records(model, catalogs: dict[str, dict], pids: list[str], outputs: dict) -> list[tuple]:
    """(product index, member costs, truth, colours) per product and tag language."""
    recs = []
    for i, pid in enumerate(pids):
        for prof, cat in catalogs.items():
            product = cat.get(pid)
            if product is None or not product.labelled or not product.optional_tags:
                continue
            got = [outputs.get((pid, im.name)) for im in product.images]
            if any(g is None for g in got):
                continue
            tags = product.optional_tags
            costs = member_costs(np.stack([g[0] for g in got]), member_targets(model.vocab, model.masks, tags))
            recs.append((i, costs, np.array([tags.index(im.tag) for im in product.images]), [g[1] for g in got],
                         tags, prof))
    return recs


def fit_colour(model, engine: Engine, folder: str, cache: str | None, write_anchors: bool) -> dict:
    """Anchors and the colour weight fitted on ``folder`` (products_extra), both tag languages."""
    catalogs = {prof: scan(folder, prof).by_pid() for prof in PROFILES}
    first = catalogs[PROFILES[0]]
    pids = sorted(pid for pid in first if all(pid in catalogs[p] and catalogs[p][pid].labelled
                                              and catalogs[p][pid].usable for p in PROFILES))
    keys = [(pid, im.name) for pid in pids for im in first[pid].images]
    paths = [im.path for pid in pids for im in first[pid].images]
    t = time.perf_counter()
    outputs = cached_outputs(engine, keys, paths, f"{cache}.fit.npz" if cache else None)
    print(f"fit-colour: {len(pids)} products, {len(keys)} photos of {folder} ({time.perf_counter() - t:.0f} s)")
    recs = _records(model, catalogs, pids, outputs)
    hand = colour_mod.read_lexicon(anchors=None)
    samples: dict[str, list] = {}
    for _, _, truth, cols, tags, _ in recs:
        for col, j in zip(cols, truth, strict=True):
            name = hand.parse(tags[j])
            if name:
                samples.setdefault(name, []).append(colour_mod.dominant_lab(col))
    anchors = colour_mod.fit_anchors(samples)
    counts = {k: len(v) for k, v in samples.items()}
    if write_anchors:
        target = colour_mod.tags_dir() / colour_mod.ANCHORS_NAME
        colour_mod.write_anchors(target, anchors, counts,
                                 f"{Path(folder).name} ({len(pids)} products, {len(keys)} photos, English and Chinese tags)")
        print(f"wrote {target} ({len(anchors)} colours)")
    lex = colour_mod.Lexicon(hand.terms, {**hand.anchors, **anchors})
    per = [(r[1].mean(axis=0), colour_mod.colour_costs(r[3], r[4], lex), r[2]) for r in recs]

    fit = colour_mod.fit_weight(per)
    weight = fit.in_cost_units(model.calibration.temperature)  # relative to the model's calibrated cost
    print(f"fit-colour: log-likelihood {fit.loglik_without:.1f} without colour, {fit.loglik:.1f} with "
          f"(1/T {fit.beta}, colour weight {fit.tempered}); weight in cost units at the manifest's T "
          f"{model.calibration.temperature:.4f}: {weight:.4f}")
    return {"name": "colour", "colour": {
        "weight": round(weight, 4), "sigma": colour_mod.SIGMA, "tempered_weight": fit.tempered,
        "fitted_on": f"{Path(folder).name}: {len(pids)} products x 2 tag languages, per-photo likelihood of the "
                     "true tag with the temperature free; anchors resources/tags/colour_anchors.tsv"}}


def recalibrate(model, recs: list[tuple], decoder: str = DEFAULT_DECODER) -> dict:
    """The confidence refitted with the decoder's own costs, as model/export.py's calibrate does
    (halves of the products for the held-out figures, then all of them)."""
    from emit_gui.inference.auto_accept import PRECISION

    rows = []
    for i, costs, truth, cols, tags, _ in recs:
        ev = colour_mod.colour_evidence(model.manifest, cols, tags)
        res = decode(costs, decoder, ev)
        agree = (costs.argmin(axis=2) == res.tags[None, :]).mean(axis=0)
        rows.append((i, mixed_costs(costs, ev, decoder), res.tags, agree, truth))

    def fit(rs) -> Calibration:
        cal = Calibration(temperature=fit_temperature([r[1] for r in rs], [r[4] for r in rs]), method="marginal")
        feats = np.concatenate([cal.features(r[1], r[2], r[3]) for r in rs])
        cal.a, cal.b, cal.c = fit_platt(feats, np.concatenate([r[2] == r[4] for r in rs]))
        return cal

    def scored(cal: Calibration, rs) -> tuple[np.ndarray, np.ndarray]:
        return (np.concatenate([cal.confidence(r[1], r[2], r[3]) for r in rs]),
                np.concatenate([r[2] == r[4] for r in rs]))

    halves = [r for r in rows if r[0] % 2 == 0], [r for r in rows if r[0] % 2 == 1]
    eces, held = [], []
    for fit_on, test_on in (halves, halves[::-1]):
        cal_h = fit(fit_on)
        eces.append(expected_calibration_error(*scored(cal_h, test_on)))
        _, t_h = coverage_at_precision(*scored(cal_h, fit_on), PRECISION)
        conf, correct = scored(cal_h, test_on)
        passed = conf >= t_h
        held.append((float(correct[passed].mean()) if passed.any() else 1.0, float(passed.mean())))
    cal = fit(rows)
    conf, correct = scored(cal, rows)
    share, thr = coverage_at_precision(conf, correct, PRECISION)
    products = len({r[0] for r in rows})
    return {"calibration": cal.to_json(), "ece_held_out": float(np.mean(eces)),
            "ece_in_sample": expected_calibration_error(conf, correct),
            "auto_accept": {"threshold": thr, "precision": PRECISION, "coverage": share,
                            "measured_on": f"{products} validation products x {len(PROFILES)} tag languages, "
                                           f"{len(conf)} photos (decoder {decoder})",
                            "held_out": {"precision": float(np.mean([h[0] for h in held])),
                                         "coverage": float(np.mean([h[1] for h in held])),
                                         "note": "threshold measured on one half of the validation products, "
                                                 "applied to the other; mean of both ways"}}}


def throughput(engine: Engine, products: list, decoder: str, n: int) -> tuple[float, float]:
    """(photos per second of wall time, photos per CPU-second of this process): on a machine
    shared with other work the second is the steadier figure; two free cores give up to twice it."""
    chosen, count = [], 0
    for p in products:
        if count >= n:
            break
        chosen.append(p)
        count += sum(im.usable for im in p.images)
    for _ in propose_catalog(engine, chosen[:30], decoder=decoder, batch=64):  # warm: first runs allocate
        pass
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
    ap.add_argument("--cache", help="keep the model's outputs here (a .npz; reused when it matches the model)")
    ap.add_argument("--fit-colour", metavar="DIR", help="fit the colour anchors and weight on DIR (products_extra)")
    ap.add_argument("--write-anchors", action="store_true", help="with --fit-colour: write colour_anchors.tsv")
    ap.add_argument("--calibrate", action="store_true", help="refit the confidence of the default decoder")
    ap.add_argument("--write-manifest", action="store_true",
                    help="with --calibrate: write calibration, auto_accept, ECE and decoder into the manifest")
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
    probs = cached_outputs(engine, keys, [im.path for pid in wanted for im in first[pid].images], args.cache)
    fields: dict = {}
    if args.fit_colour:
        colour_mod.default_lexicon.cache_clear()
        fields["decoder"] = fit_colour(model, engine, args.fit_colour, args.cache, args.write_anchors)
        colour_mod.default_lexicon.cache_clear()
        model.manifest["decoder"] = fields["decoder"]
    if args.calibrate:
        fields.update(recalibrate(model, _records(model, catalogs, wanted, probs)))
        model.calibration = Calibration.from_json(fields["calibration"])
        model.manifest.update({k: v for k, v in fields.items() if k != "calibration"})
        print("recalibrated:", json.dumps(fields, ensure_ascii=False))
        if args.write_manifest:
            path = Path(model.path) / "manifest.json"
            manifest = json.loads(path.read_text(encoding="utf-8"))
            if "decoder" in fields and "decoder" not in manifest:  # beside the calibration, not at the end
                manifest = {k2: v2 for k, v in manifest.items()
                            for k2, v2 in ([(k, v), ("decoder", None)] if k == "auto_accept" else [(k, v)])}
            manifest.update(fields)
            path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"wrote {', '.join(fields)} into {path}")
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
