"""Model input: the one definition that training and the app share (numpy, no torch).

A photo is decoded upright to RGB, its longer side scaled to ``size``, and centred on a
``size`` x ``size`` canvas of ``PAD`` (letterboxing keeps the whole garment: a centre crop
would cut the option's colour off a long dress). The result is uint8 CHW; the network
normalises in-graph, so the app hands it bytes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from emit_gui.catalog.images import decode_image

PAD = (255, 255, 255)  # catalogue photos sit on white or near-white


def letterbox(im: Image.Image, size: int) -> np.ndarray:
    if max(im.size) != size:
        scale = size / max(im.size)
        w, h = max(1, round(im.width * scale)), max(1, round(im.height * scale))
        im = im.resize((w, h), Image.Resampling.BILINEAR, reducing_gap=2.0)
    canvas = Image.new("RGB", (size, size), PAD)
    canvas.paste(im, ((size - im.width) // 2, (size - im.height) // 2))
    return np.asarray(canvas, dtype=np.uint8).transpose(2, 0, 1).copy()


def load_input(path: Path, size: int) -> np.ndarray:
    """uint8 array (3, size, size); raises ImageDecodeError for a bad photo."""
    return letterbox(decode_image(path, size), size)
