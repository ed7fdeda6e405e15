"""Draw the application icon (a price tag over a photo frame) to resources/icons/.

    python packaging/make_icon.py

The PNG is committed; this script is how it was made, so it can be redrawn at other sizes.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def draw(size: int = 256) -> Image.Image:
    s = size / 256
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    # photo frame
    d.rounded_rectangle([16 * s, 28 * s, 200 * s, 212 * s], radius=22 * s, fill=(38, 70, 120, 255))
    d.rounded_rectangle([30 * s, 42 * s, 186 * s, 198 * s], radius=12 * s, fill=(232, 238, 246, 255))
    d.polygon([(40 * s, 186 * s), (92 * s, 110 * s), (128 * s, 160 * s), (150 * s, 134 * s),
               (178 * s, 186 * s)], fill=(82, 140, 200, 255))
    d.ellipse([140 * s, 60 * s, 168 * s, 88 * s], fill=(242, 178, 60, 255))
    # price tag, tilted, in front
    tag = [(118 * s, 150 * s), (196 * s, 104 * s), (244 * s, 150 * s), (244 * s, 236 * s), (118 * s, 236 * s)]
    d.polygon(tag, fill=(214, 64, 64, 255))
    d.ellipse([206 * s, 132 * s, 226 * s, 152 * s], fill=(255, 255, 255, 255))
    for y in (176, 198, 218):
        d.rounded_rectangle([136 * s, y * s, 226 * s, (y + 9) * s], radius=4 * s, fill=(255, 236, 236, 255))
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(OUT / "emit-gui.png", optimize=True)
    draw(64).save(OUT / "emit-gui-64.png", optimize=True)


if __name__ == "__main__":
    main()
