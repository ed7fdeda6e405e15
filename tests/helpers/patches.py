"""Pasted colour patches: does a heat map for a colour peak on a patch of that colour?"""

from __future__ import annotations

import random
from pathlib import Path

PATCH_COLOURS = {"red": (220, 20, 30), "green": (30, 160, 60), "yellow": (250, 220, 30), "blue": (30, 60, 200),
                 "红": (220, 20, 30), "绿": (30, 160, 60), "黄": (250, 220, 30), "蓝": (30, 60, 200)}


def patch_hits(explainer, photos: list[Path], colours: dict, rng: random.Random, parts: str = "colour",
               share: float = 0.3) -> tuple[int, int]:
    """Paste a square (``share`` of the shorter side) of each colour at a random place on each
    photo and count the maps for that colour's tag that peak on it (within one map cell)."""
    from emit_gui.catalog.images import decode_image

    hits = total = 0
    for path in photos:
        photo = decode_image(path, 512)
        for tag, rgb in colours.items():
            w, h = photo.size
            side = int(min(w, h) * share)
            x0, y0 = rng.randrange(0, w - side), rng.randrange(0, h - side)
            patched = photo.copy()
            patched.paste(rgb, (x0, y0, x0 + side, y0 + side))
            hm = explainer.explain_image(patched, tag, size=max(w, h), parts=parts)
            cell = max(w, h) / 32  # the map's resolution
            px, py = hm.peak
            hits += x0 - cell <= px <= x0 + side + cell and y0 - cell <= py <= y0 + side + cell
            total += 1
    return hits, total
