"""A small sample of products, drawn by code (not the shared catalogue photos), that ships in
``resources/sample`` so that ``emit-gui demo`` and the README's first command work anywhere.

Regenerate with ``python -m emit_gui.sample resources/sample``.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

# (tag, RGB) pairs a Taobao seller might write; the colours are what the tag says.
COLOURS = {
    "黑色": (25, 25, 28), "白色": (240, 240, 236), "藏青色": (30, 40, 85), "酒红色": (120, 20, 40),
    "卡其色": (190, 170, 120), "焦糖色": (170, 100, 40), "浅粉色": (245, 190, 200), "军绿色": (85, 95, 50),
    "浅蓝色": (150, 190, 230), "灰色": (128, 128, 128), "黄色": (235, 200, 40), "紫色": (120, 60, 150),
}
GARMENTS = ["T恤", "卫衣", "连衣裙", "长裤"]


def _draw_garment(kind: str, colour: tuple[int, int, int], rng: random.Random, size: int = 160) -> Image.Image:
    im = Image.new("RGB", (size, size), (247, 247, 245))
    d = ImageDraw.Draw(im)
    s = size / 160
    dx, dy = rng.randint(-8, 8) * s, rng.randint(-6, 6) * s

    def poly(points):
        d.polygon([(x * s + dx, y * s + dy) for x, y in points], fill=colour, outline=(60, 60, 60))

    if kind in ("T恤", "卫衣"):
        poly([(50, 30), (70, 25), (90, 25), (110, 30), (140, 55), (125, 70), (112, 60), (112, 135), (48, 135),
              (48, 60), (35, 70), (20, 55)])
        if kind == "卫衣":
            d.ellipse([(65 * s + dx, 15 * s + dy), (95 * s + dx, 40 * s + dy)], outline=(60, 60, 60), width=2)
    elif kind == "连衣裙":
        poly([(62, 20), (98, 20), (100, 60), (125, 140), (35, 140), (60, 60)])
    else:
        poly([(50, 20), (110, 20), (115, 145), (88, 145), (80, 60), (72, 145), (45, 145)])
    return im.filter(ImageFilter.GaussianBlur(0.6))


def generate(out: Path, n_products: int = 12, seed: int = 2026) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    names = list(COLOURS)
    for i in range(n_products):
        pid = f"demo{i + 1:03d}"
        folder = out / pid
        folder.mkdir(exist_ok=True)
        garment = rng.choice(GARMENTS)
        n_opts = rng.choice([2, 2, 3, 3, 4])
        tags = rng.sample(names, n_opts)
        photos = tags + rng.choices(tags, k=rng.randint(0, 2))
        rng.shuffle(photos)
        code = f"{rng.choice('ABKLMXY')}{rng.randint(1000, 9999)}"
        pretty = {t: rng.choice([t, f"{code}{t}", f"{t}{garment}", f"{t}【现货】"]) for t in tags}
        imgs_tags = []
        for k, tag in enumerate(photos):
            name = f"{pid}_{k}.jpg"
            _draw_garment(garment, COLOURS[tag], rng).save(folder / name, "JPEG", quality=85)
            imgs_tags.append({name: ""})
        truth = [{f"{pid}_{k}.jpg": pretty[t]} for k, t in enumerate(photos)]
        (folder / "profile.json").write_text(json.dumps(
            {"optional_tags": [pretty[t] for t in tags], "imgs_tags": imgs_tags}, ensure_ascii=False, indent=1),
            encoding="utf-8")
        (folder / "truth.json").write_text(json.dumps(
            {"optional_tags": [pretty[t] for t in tags], "imgs_tags": truth}, ensure_ascii=False, indent=1),
            encoding="utf-8")


if __name__ == "__main__":
    generate(Path(sys.argv[1] if len(sys.argv) > 1 else "resources/sample"))
