"""Constructed near-duplicates for measuring the duplicate finder: for each chosen photo, four
copies (re-encoded at JPEG quality 35, resized to half, cropped to 88-95% of each side,
mirrored) in a product of their own, beside the original products with all their other photos
(the same garment in other colours: the hardest negatives)."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from PIL import Image, ImageOps

VARIANTS = ("reencoded", "resized", "cropped", "mirrored")


def _variant(im: Image.Image, kind: str, rng: random.Random) -> Image.Image:
    if kind == "resized":
        return im.resize((max(1, im.width // 2), max(1, im.height // 2)), Image.Resampling.BILINEAR)
    if kind == "cropped":
        fx, fy = rng.uniform(0.88, 0.95), rng.uniform(0.88, 0.95)
        w, h = int(im.width * fx), int(im.height * fy)
        x, y = rng.randint(0, im.width - w), rng.randint(0, im.height - h)
        return im.crop((x, y, x + w, y + h))
    if kind == "mirrored":
        return ImageOps.mirror(im)
    return im


def make_duplicate_set(products: list[Path], out: Path, per_product: int = 1, seed: int = 0,
                       profile: str = "profile.json", others: list[Path] = ()) -> list[set[tuple[str, str]]]:
    """Copy ``products`` into ``out`` and add copies of ``per_product`` photos of each; copy
    ``others`` too, unchanged, as negatives. Returns the duplicate groups as sets of
    (pid, photo name)."""
    rng = random.Random(seed)
    groups = []
    for src in others:
        shutil.copytree(src, out / src.name)
    for src in products:
        shutil.copytree(src, out / src.name)
        prof = json.loads((src / profile).read_text(encoding="utf-8"))
        entries = [next(iter(d.items())) for d in prof["imgs_tags"]]
        for name, tag in entries[:per_product]:
            pid = f"{src.name}c{name.rsplit('_', 1)[-1].split('.')[0]}"
            folder = out / pid
            folder.mkdir()
            group = {(src.name, name)}
            imgs = []
            with Image.open(src / name) as im:
                im = im.convert("RGB")
                for k, kind in enumerate(VARIANTS):
                    fname = f"{pid}_{k}.jpg"
                    _variant(im, kind, rng).save(folder / fname, quality=35 if kind == "reencoded" else 90)
                    group.add((pid, fname))
                    imgs.append({fname: tag})
            (folder / profile).write_text(json.dumps({"optional_tags": [tag], "imgs_tags": imgs}, ensure_ascii=False),
                                          encoding="utf-8")
            groups.append(group)
    return groups


def pair_truth(groups: list[set[tuple[str, str]]]) -> set[frozenset]:
    out = set()
    for g in groups:
        items = sorted(g)
        out.update(frozenset((a, b)) for i, a in enumerate(items) for b in items[i + 1:])
    return out


def original_pairs(groups: list[set[tuple[str, str]]]) -> set[frozenset]:
    """The positives as constructed: each original with each of its copies (copies live in a
    product whose id is the original's plus 'c<k>')."""
    out = set()
    for g in groups:
        orig = next(x for x in g if "c" not in x[0])
        out.update(frozenset((orig, x)) for x in g if x != orig)
    return out
