"""The duplicate finder measured the way it is used: copies planted into a real folder.

    python tests/benchmarks/bench_duplicates.py [--products DIR] [--fit] [--fit-pixels] [--limit N] [--montage DIR]

One photo of every shared product gets five copies (JPEG quality 35, half size, an 88-95% crop,
mirrored, a small watermark; tests/helpers/duplicate_set.py), each in a product of its own,
planted beside all the products with all their photos. Prints precision and recall over pairs:
the rules (the 48 px rule, --fit; the pixel check's rule, --fit-pixels, which was fitted with
--limit 400) are fitted on the products of one half and measured on the other half, then on
the whole planted folder; for the pixel rule, pairs of two originals that are not in the by-eye
list are the look-alikes it learns to reject. A pair of two original photos is counted right only when it is in
tests/benchmarks/duplicates_by_eye.txt (pairs of the shared folder judged the same picture by
eye); otherwise wrong. Then the unplanted folder: every pair it reports, and with --montage DIR
a PNG of them side by side to look at.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from emit_gui.analysis import duplicates as dup
from emit_gui.analysis.index import build_signature_index
from emit_gui.catalog import scan
from tests.helpers.duplicate_set import VARIANTS, kind_of, make_duplicate_set

BY_EYE = Path(__file__).with_name("duplicates_by_eye.txt")


def by_eye() -> set[frozenset]:
    out = set()
    if BY_EYE.is_file():
        for line in BY_EYE.read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            if "=" in line:
                a, b = (tuple(x.strip().split("/")) for x in line.split("="))
                out.add(frozenset((a, b)))
    return out


def truth_of(groups, real: set[frozenset]):
    """Pair -> right?: two members of one planted group, or a by-eye pair of originals (and the
    copies of those originals, which are the same picture again)."""
    group_of = {}
    for k, g in enumerate(groups):
        for x in g:
            group_of[x] = k
    orig_of = {x: next(y for y in g if "c" not in y[0]) for g in groups for x in g}
    real_pairs = {frozenset(p) for p in real}

    def right(x, y) -> bool:
        if x in group_of and y in group_of and group_of[x] == group_of[y]:
            return True
        return frozenset((orig_of.get(x, x), orig_of.get(y, y))) in real_pairs

    return right


def measure(index, v, prob, threshold, right, groups, mask=None, label="", parity=None):
    key = [(p.pid, p.name) for p in index.photos]
    a, b = v.a, v.b
    m = np.ones(len(a), bool) if mask is None else mask
    pred = m & (prob >= threshold)
    ok = np.array([right(key[i], key[j]) for i, j in zip(a[pred], b[pred])], bool)
    where = {k: i for i, k in enumerate(key)}
    found = {(int(i), int(j)) for i, j in zip(a[pred], b[pred])}
    per_kind = {k: [0, 0] for k in VARIANTS}
    for g in groups:
        orig = next(x for x in g if "c" not in x[0])
        if orig not in where:
            continue
        oi = where[orig]
        if parity is not None and int(orig[0]) % 2 != parity:
            continue
        for x in g:
            if x == orig or x not in where:
                continue
            pair = (min(oi, where[x]), max(oi, where[x]))
            per_kind[kind_of(x[1])][1] += 1
            per_kind[kind_of(x[1])][0] += pair in found
    got, total = sum(v[0] for v in per_kind.values()), sum(v[1] for v in per_kind.values())
    precision = ok.mean() if len(ok) else float("nan")
    print(f"{label}: {int(pred.sum())} pairs reported, {int(ok.sum())} right: precision {precision:.3f}; "
          f"recall {got / max(1, total):.3f} ({got} of {total} original-copy pairs)")
    print("    by kind: " + ", ".join(f"{k} {g}/{t}" for k, (g, t) in per_kind.items()))
    return precision, got / max(1, total)


def planted(products: Path, fit: bool, n: int | None, keep: Path | None, fit_pixels: bool = False) -> None:
    pids = sorted(p for p in products.iterdir() if p.is_dir())[:n]
    out = Path(tempfile.mkdtemp(prefix="emit-planted-")) if keep is None else keep
    try:
        t0 = time.perf_counter()
        groups = make_duplicate_set(pids, out / "products")
        index = build_signature_index(scan(out / "products"))
        t1 = time.perf_counter()
        a, b = dup.candidates(index)
        t2 = time.perf_counter()
        key = [(p.pid, p.name) for p in index.photos]
        right = truth_of(groups, by_eye())
        y = np.array([right(key[i], key[j]) for i, j in zip(a, b)])
        both_orig = np.array(["c" not in key[i][0] and "c" not in key[j][0] for i, j in zip(a, b)])
        half = np.array([int(key[i][0].split("c")[0]) % 2 for i in a]) * 2 + np.array(
            [int(key[j][0].split("c")[0]) % 2 for j in b])
        print(f"planted folder: {len(index)} photos ({len(groups)} originals with {len(VARIANTS)} copies each); "
              f"written and signed in {t1 - t0:.1f} s; {len(a)} candidate pairs in {t2 - t1:.1f} s hold "
              f"{int(y.sum())} right pairs")
        if fit:
            fit_on = (half == 0) & ~(both_orig & ~y)  # unjudged pairs of two originals stay out of the fit
            v0 = dup.verify(index, a, b, refine=False)
            dup.RULE_MEAN, dup.RULE_STD, dup.RULE_WEIGHTS = dup.fit_rule(v0.X[fit_on], y[fit_on].astype(float))
        t3 = time.perf_counter()
        v = dup.verify(index, a, b)
        t4 = time.perf_counter()
        print(f"verified {len(a)} pairs in {t4 - t3:.1f} s")
        if fit:
            mean, std, w = dup.fit_rule(v.X[fit_on], y[fit_on].astype(float))
            dup.RULE_MEAN, dup.RULE_STD, dup.RULE_WEIGHTS = mean, std, w
            np.set_printoptions(precision=8, suppress=True, linewidth=110)
            print(f"RULE_MEAN = np.array({mean.tolist()})\nRULE_STD = np.array({std.tolist()})\n"
                  f"RULE_WEIGHTS = np.array({w.tolist()})")
        prob = dup.probability(v.X)
        for t in sorted({0.3, 0.5, 0.7, 0.9}):
            print(f"-- the 48 px rule alone at {t}")
            measure(index, v, prob, t, right, groups, half == 0, "  fitted half  ", 0)
            measure(index, v, prob, t, right, groups, half == 3, "  held-out half", 1)
        rows = np.flatnonzero(prob >= dup.PIXEL_GATE)
        t5 = time.perf_counter()
        pixel_prob, measured = dup.check_pixels(index, v, rows, prob[rows])
        t6 = time.perf_counter()
        print(f"pixel check of the {len(rows)} pairs at {dup.PIXEL_GATE} or more: {t6 - t5:.1f} s")
        if fit_pixels:  # pairs of two originals not judged the same by eye are taken as look-alikes here
            ok = np.array([bool(m) for m in measured])
            Xp = np.stack([dup.pixel_features(m, prob[i]) if m else np.zeros(len(dup.PIXEL_FEATURES))
                           for i, m in zip(rows, measured)])
            on = ok & (half[rows] == 0)
            mean, std, w = dup.fit_rule(Xp[on], y[rows][on].astype(float), l2=1.0)
            dup.PIXEL_MEAN, dup.PIXEL_STD, dup.PIXEL_WEIGHTS = mean, std, w
            pixel_prob = np.where(ok, dup.pixel_probability(Xp), 0.0)
            print(f"PIXEL_MEAN = np.array({mean.tolist()})\nPIXEL_STD = np.array({std.tolist()})\n"
                  f"PIXEL_WEIGHTS = np.array({w.tolist()})")
        final = np.zeros(len(a))
        final[rows] = pixel_prob
        for t in sorted({0.5, 0.9, dup.THRESHOLD, 0.99}):
            print(f"-- with the pixel check, threshold {t}")
            measure(index, v, final, t, right, groups, half == 0, "  fitted half  ", 0)
            measure(index, v, final, t, right, groups, half == 3, "  held-out half", 1)
        print(f"-- the whole planted folder at the threshold in use ({dup.THRESHOLD}), pairs as listed:")
        pairs = dup.pairs_of(index, v, prob, rows, pixel_prob, measured)
        shown = dup.grouped_pairs(pairs)
        ok = [right(key[p.a], key[p.b]) for p in shown]
        wrong = [p for p, r in zip(shown, ok) if not r]
        found = {frozenset((key[p.a], key[p.b])) for p in shown}
        total = got = 0
        for g in groups:
            orig = next(x for x in g if "c" not in x[0])
            for x in g - {orig}:
                total += 1
                got += frozenset((orig, x)) in found
        print(f"  {len(shown)} pairs in {len(dup.groups(pairs))} groups (of {len(pairs)} verified): "
              f"precision {np.mean(ok):.3f}, recall {got / total:.3f} ({got} of {total} original-copy pairs)")
        for p in wrong[:20]:
            print(f"  wrong: {'/'.join(key[p.a])} = {'/'.join(key[p.b])}: {p.describe()}")
    finally:
        if keep is None:
            shutil.rmtree(out, ignore_errors=True)


def unplanted(products: Path, montage: Path | None) -> None:
    t0 = time.perf_counter()
    index = build_signature_index(scan(products))
    t1, c1 = time.perf_counter(), time.process_time()
    pairs = dup.find_duplicates(index)
    t2, c2 = time.perf_counter(), time.process_time()
    gr = dup.groups(pairs)
    shown = dup.grouped_pairs(pairs)
    ph = index.photos
    print(f"unplanted folder: {len(index)} photos signed in {t1 - t0:.1f} s; {len(shown)} pairs in {len(gr)} groups "
          f"found in {t2 - t1:.1f} s ({c2 - c1:.1f} s of CPU)")
    for k, p in enumerate(shown):
        print(f"  {k:3d} {ph[p.a].pid}/{ph[p.a].name} = {ph[p.b].pid}/{ph[p.b].name}: {p.describe()}")
    if montage is not None:
        from PIL import Image, ImageDraw

        montage.mkdir(parents=True, exist_ok=True)
        cell_w, cell_h = 270, 160
        per = 24
        for page in range(0, len(shown), per):
            sheet = Image.new("RGB", (cell_w * 4, cell_h * (per // 4)), "white")
            for q, p in enumerate(shown[page:page + per]):
                tile = Image.new("RGB", (cell_w, cell_h), (235, 235, 235))
                for s, pos in enumerate((p.a, p.b)):
                    with Image.open(ph[pos].path) as im:
                        im = im.convert("RGB")
                        im.thumbnail((130, 130))
                        tile.paste(im, (s * 135, 0))
                ImageDraw.Draw(tile).text((2, 132), f"#{page + q} p={p.probability:.2f} {ph[p.a].pid}/{ph[p.b].pid}\n"
                                                   f"{'; '.join(p.evidence)[:44]}", fill=(0, 0, 0))
                sheet.paste(tile, ((q % 4) * cell_w, (q // 4) * cell_h))
            sheet.save(montage / f"pairs_{page // per:02d}.png")
        print(f"  montages in {montage}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", default=str(REPO.parent / "shared" / "datasets" / "products"))
    ap.add_argument("--fit", action="store_true", help="fit the 48 px rule on one half and print its constants")
    ap.add_argument("--fit-pixels", action="store_true", help="fit the pixel rule on one half and print its constants")
    ap.add_argument("--limit", type=int, help="only the first N products")
    ap.add_argument("--montage", type=Path, help="write the unplanted folder's pairs side by side into this folder")
    ap.add_argument("--keep", type=Path, help="build the planted folder here and keep it")
    ap.add_argument("--skip-planted", action="store_true")
    ap.add_argument("--skip-unplanted", action="store_true")
    args = ap.parse_args()
    products = Path(args.products)
    if not args.skip_planted:
        planted(products, args.fit, args.limit, args.keep, args.fit_pixels)
    if not args.skip_unplanted:
        unplanted(products, args.montage)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
