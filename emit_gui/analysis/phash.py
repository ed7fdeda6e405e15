"""Perceptual hash (pHash): the signs of the low-frequency DCT of a 32 x 32 grey image, as 64 bits,
and a tiny colour thumbnail beside it.

A horizontal mirror flips the sign of the odd horizontal frequencies, so the mirror's hash comes
from the same transform; comparing a photo's hash with another's and with its mirror's catches
mirrored copies.
"""

from __future__ import annotations

import numpy as np

SIDE = 32
LOW = 8


def _dct_matrix(n: int) -> np.ndarray:
    k = np.arange(n)[:, None]
    x = np.arange(n)[None, :]
    m = np.cos(np.pi * (2 * x + 1) * k / (2 * n)) * np.sqrt(2.0 / n)
    m[0] /= np.sqrt(2.0)
    return m


_DCT = _dct_matrix(SIDE)
_MIRROR = np.where(np.arange(LOW) % 2 == 1, -1.0, 1.0)[None, :]  # (-1)^v on horizontal frequency v
_BITS = (1 << np.arange(64, dtype=np.uint64)).astype(np.uint64)


THUMB = 8  # the tiny colour picture that confirms a hash match: 8 x 8 RGB


def _pack(low: np.ndarray) -> np.uint64:
    flat = low.reshape(-1)
    bits = flat > np.median(flat[1:])  # the DC term would dominate the median
    return np.uint64((bits.astype(np.uint64) * _BITS).sum())


_STEPS = 4  # a 4 x 4 x 4 RGB palette for the colour histogram


def colour_histogram(rgb: np.ndarray) -> np.ndarray:
    """Share of the photo's non-white pixels in each of 64 RGB bins (square-rooted): the same
    for a copy mirrored, resized or slightly cropped, different for the garment in another colour."""
    px = rgb.reshape(-1, 3).astype(np.int32)
    fg = px.min(axis=1) < 235  # not the white studio background
    if not fg.any():
        fg[:] = True
    bins = (px[fg] * _STEPS // 256)
    idx = bins[:, 0] * _STEPS * _STEPS + bins[:, 1] * _STEPS + bins[:, 2]
    hist = np.bincount(idx, minlength=_STEPS ** 3).astype(np.float32)
    return np.sqrt(hist / hist.sum())


def signature(photo) -> tuple[int, int, np.ndarray, np.ndarray]:
    """(hash, hash of the horizontal mirror, 8 x 8 RGB thumbnail as 192 uint8, colour histogram
    (64,)) of a decoded photo (PIL, RGB, upright), over the photo itself, not the letterboxed
    model input."""
    from PIL import Image

    grey = np.asarray(photo.convert("L").resize((SIDE, SIDE), Image.Resampling.BILINEAR), np.float32)
    coeffs = _DCT @ grey @ _DCT.T
    low = coeffs[:LOW, :LOW]
    rgb = photo.convert("RGB")
    thumb = np.asarray(rgb.resize((THUMB, THUMB), Image.Resampling.BOX), np.uint8)
    hist = colour_histogram(np.asarray(rgb.resize((SIDE, SIDE), Image.Resampling.BOX), np.uint8))
    return int(_pack(low)), int(_pack(low * _MIRROR)), thumb.reshape(-1).copy(), hist.astype(np.float16)


def thumb_distance(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """RMS difference of 8 x 8 RGB thumbnails (N, 192), the smaller of b as is and mirrored."""
    a = a.astype(np.float32)
    b3 = b.astype(np.float32).reshape(-1, THUMB, THUMB, 3)
    direct = np.sqrt(((a - b3.reshape(len(b3), -1)) ** 2).mean(-1))
    mirror = np.sqrt(((a - b3[:, :, ::-1, :].reshape(len(b3), -1)) ** 2).mean(-1))
    return np.minimum(direct, mirror)


def hamming(a: np.ndarray | int, b: np.ndarray | int) -> np.ndarray:
    """Bit differences between uint64 hashes (broadcasting)."""
    x = np.bitwise_xor(np.asarray(a, dtype=np.uint64), np.asarray(b, dtype=np.uint64))
    if hasattr(np, "bitwise_count"):  # NumPy 2
        return np.bitwise_count(x)
    flat = np.atleast_1d(x)
    counts = _POP[flat.view(np.uint8).reshape(*flat.shape, 8)].sum(axis=-1)
    return counts.reshape(x.shape)


_POP = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


COPY_GRID = 48  # the grey picture the duplicate check aligns, stretched to a square
COPY_COLOUR = 16  # and its colour picture
COPY_BYTES = COPY_GRID * COPY_GRID + COPY_COLOUR * COPY_COLOUR * 3


def copy_signature(photo) -> np.ndarray:
    """The pictures the duplicate check compares after aligning two photos: the photo's grey
    levels at 48 x 48 and its colours at 16 x 16 (both stretched over the whole photo), as
    COPY_BYTES uint8 (about 3 KB)."""
    from PIL import Image

    rgb = photo.convert("RGB")
    grey = np.asarray(rgb.convert("L").resize((COPY_GRID, COPY_GRID), Image.Resampling.BOX), np.uint8)
    colour = np.asarray(rgb.resize((COPY_COLOUR, COPY_COLOUR), Image.Resampling.BOX), np.uint8)
    return np.concatenate([grey.reshape(-1), colour.reshape(-1)])
