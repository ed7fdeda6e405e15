"""Planted near-duplicates for measuring the duplicate finder the way it is used: copies of one
photo of each chosen product (re-encoded at JPEG quality 35, resized to half, cropped to 88-95%
of each side, mirrored, a small watermark), each in a product of its own, planted into a folder
of real products that keep all their other photos (the same garment in other colours, and
look-alike garments of other products: the negatives)."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

VARIANTS = ("reencoded", "resized", "cropped", "mirrored", "watermarked")


def watermark(im: Image.Image, rng: random.Random) -> Image.Image:
    """A small semi-transparent text mark with a box around it in a random corner, about a
    quarter of the photo's width."""
    out = im.convert("RGBA")
    layer = Image.new("RGBA", out.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    font = ImageFont.load_default()
    text = rng.choice(("© shop", "SAMPLE", "wm 2024", "@store"))
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    tw, th = right - left, bottom - top
    m = max(2, out.width // 40)
    x = m if rng.random() < 0.5 else out.width - tw - 3 * m
    y = m if rng.random() < 0.5 else out.height - th - 3 * m
    colour = rng.choice(((255, 255, 255), (40, 40, 40), (200, 30, 30)))
    draw.rectangle((x - m, y - m, x + tw + m, y + th + m), outline=colour + (150,))
    draw.text((x - left, y - top), text, font=font, fill=colour + (170,))
    return Image.alpha_composite(out, layer).convert("RGB")


def variant(im: Image.Image, kind: str, rng: random.Random) -> Image.Image:
    if kind == "resized":
        return im.resize((max(1, im.width // 2), max(1, im.height // 2)), Image.Resampling.BILINEAR)
    if kind == "cropped":
        fx, fy = rng.uniform(0.88, 0.95), rng.uniform(0.88, 0.95)
        w, h = int(im.width * fx), int(im.height * fy)
        x, y = rng.randint(0, im.width - w), rng.randint(0, im.height - h)
        return im.crop((x, y, x + w, y + h))
    if kind == "mirrored":
        return ImageOps.mirror(im)
    if kind == "watermarked":
        return watermark(im, rng)
    return im


def make_duplicate_set(products: list[Path], out: Path, per_product: int = 1, seed: int = 0,
                       profile: str = "profile.json", others: list[Path] = (), link: bool = True) -> list[set[tuple[str, str]]]:
    """Copy (hard-link when possible) ``products`` and ``others`` into ``out`` and add copies of
    one photo (drawn with ``seed``) of each of ``products``, in products of their own named
    ``<pid>c<k>``. Returns the duplicate groups as sets of (pid, photo name). Never writes
    into the source folders."""
    rng = random.Random(seed)
    groups = []
    for src in others:
        _copy_product(src, out / src.name, link)
    for src in products:
        _copy_product(src, out / src.name, link)
        prof = json.loads((src / profile).read_text(encoding="utf-8"))
        entries = [next(iter(d.items())) for d in prof["imgs_tags"]]
        picked = rng.sample(range(len(entries)), min(per_product, len(entries)))
        for e in picked:
            name, tag = entries[e]
            pid = f"{src.name}c{name.rsplit('_', 1)[-1].split('.')[0]}"
            folder = out / pid
            folder.mkdir()
            group = {(src.name, name)}
            imgs = []
            with Image.open(src / name) as im:
                im = im.convert("RGB")
                for k, kind in enumerate(VARIANTS):
                    fname = f"{pid}_{k}.jpg"
                    variant(im, kind, rng).save(folder / fname, quality=35 if kind == "reencoded" else 90)
                    group.add((pid, fname))
                    imgs.append({fname: tag})
            (folder / profile).write_text(json.dumps({"optional_tags": [tag], "imgs_tags": imgs}, ensure_ascii=False),
                                          encoding="utf-8")
            groups.append(group)
    return groups


def _copy_product(src: Path, dst: Path, link: bool) -> None:
    dst.mkdir(parents=True)
    for f in src.iterdir():
        if not f.is_file():
            continue
        if link:
            try:
                (dst / f.name).hardlink_to(f)
                continue
            except OSError:
                pass
        shutil.copy2(f, dst / f.name)


def kind_of(name: str) -> str:
    """The variant a planted copy's file name stands for."""
    return VARIANTS[int(name.rsplit("_", 1)[-1].split(".")[0])]


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
