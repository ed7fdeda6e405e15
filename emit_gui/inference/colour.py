"""Colour evidence for decoding (issue 15): what colour a photo's garment is, what colour an
option tag names, and how well the two match.

- A **colour lexicon** (``resources/tags/colour_lexicon.tsv``, found through
  :func:`emit_gui.paths.resources_dir`, so also in the packaged app) maps English and Chinese colour
  words to colour names with a hand-set sRGB anchor; ``light``/``dark``/``浅``/``深`` shift the
  colour they stand next to. ``resources/tags/colour_anchors.tsv``, where present, replaces a
  name's anchor with the median garment colour of the ``products_extra`` photos labelled with
  it (fitted by ``tests/benchmarks/bench_quality.py --fit-anchors``, never on the validation
  products).
- A photo's **garment colour**: the model input (uint8 CHW, letterboxed on white) at 32 x 32
  in CIE Lab, the background removed by the photo's own border colour, centre-weighted.
- The **colour cost** of (photo, tag): minus the log of the share of the garment's weight within
  a few Lab units of the tag's anchor; tags that name no colour cost the photo's mean over the
  tags that do. The **shade cost** asks that, within a product, lighter photos take the tags
  whose anchors are lighter (the palest of three greys is "Light Grey").

Numpy only: no torch, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

LEXICON_NAME, ANCHORS_NAME = "colour_lexicon.tsv", "colour_anchors.tsv"  # in resources/tags
GRID = 32  # the garment is read at 32 x 32
SIGMA = 14.0  # Lab units: how near a pixel must be to an anchor to count as that colour
SHADE_STEP = 16.0  # L* units a "light"/"dark" modifier moves a colour without its own anchor
EPS = 0.02  # floor of the matched share: one colour never rules a tag out entirely


# ---- colour spaces -------------------------------------------------------------------------

_RGB_XYZ = (np.array([[0.4124564, 0.3575761, 0.1804375],
                      [0.2126729, 0.7151522, 0.0721750],
                      [0.0193339, 0.1191920, 0.9503041]]) / np.array([0.95047, 1.0, 1.08883])[:, None]).T


def srgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """(..., 3) sRGB in 0..255 -> (..., 3) CIE Lab (D65)."""
    c = np.asarray(rgb, dtype=np.float64) / 255.0
    c = np.where(c > 0.04045, ((c + 0.055) / 1.055) ** 2.4, c / 12.92)
    xyz = c @ _RGB_XYZ
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], axis=-1)


def _hex_lab(text: str) -> np.ndarray:
    text = text.lstrip("#")
    return srgb_to_lab(np.array([int(text[i:i + 2], 16) for i in (0, 2, 4)], dtype=np.float64))


# ---- the lexicon -----------------------------------------------------------------------------

_MISS = object()


@dataclass(frozen=True)
class Lexicon:
    terms: dict[str, str]  # term (lower case) -> colour name, or "light"/"dark"
    anchors: dict[str, np.ndarray]  # colour name -> Lab
    _parsed: dict = field(default_factory=dict, compare=False, repr=False)  # tag -> parse(tag)

    def parse(self, tag: str) -> str | None:
        """The colour a tag names ("light beige", "navy blue"), or None where it names none.

        The first colour word found decides (in "Black Stripe" the ground colour); a shade
        modifier right before it (or anywhere before it in Chinese) shifts it. Remembered per
        tag: a folder repeats its tags, and matching ~150 terms costs ~0.3 ms a tag."""
        hit = self._parsed.get(tag, _MISS)
        if hit is _MISS:
            hit = self._parse(tag)
            if len(self._parsed) < 100_000:
                self._parsed[tag] = hit
        return hit  # type: ignore[return-value]

    def _parse(self, tag: str) -> str | None:
        text = tag.lower()
        found = []  # (start, end, name)
        taken = np.zeros(len(text) + 1, dtype=bool)
        for term in sorted(self.terms, key=len, reverse=True):
            ascii_term = term.isascii()
            pattern = (r"(?<![a-z])" + re.escape(term) + r"(?![a-z])") if ascii_term else re.escape(term)
            for m in re.finditer(pattern, text):
                if not taken[m.start():m.end()].any():
                    taken[m.start():m.end()] = True
                    found.append((m.start(), m.end(), self.terms[term]))
        found.sort()
        modifier = None
        for _, _, name in found:
            if name in ("light", "dark"):
                modifier = modifier or name
                continue
            if modifier and not name.startswith(("light ", "dark ")):
                return f"{modifier} {name}"
            return name
        return None

    def anchor(self, name: str | None) -> np.ndarray | None:
        if name is None:
            return None
        if name in self.anchors:
            return self.anchors[name]
        for mod, sign in (("light ", 1.0), ("dark ", -1.0)):
            if name.startswith(mod) and name[len(mod):] in self.anchors:
                base = self.anchors[name[len(mod):]].copy()
                base[0] = float(np.clip(base[0] + sign * SHADE_STEP, 5.0, 97.0))
                base[1:] *= 0.8 if sign > 0 else 0.9
                return base
        return None


def tags_dir() -> Path:
    from emit_gui.paths import resources_dir

    return resources_dir() / "tags"


def read_lexicon(lexicon: Path | None = None, anchors: Path | None | bool = True) -> Lexicon:
    """The lexicon (default: the shipped one) with the fitted anchors (``anchors=True``: the
    shipped ones; None or False: the hand anchors alone). A missing file is an empty lexicon:
    no tag names a colour, and the colour decoder decodes as cover."""
    lexicon = lexicon or tags_dir() / LEXICON_NAME
    if anchors is True:
        anchors = tags_dir() / ANCHORS_NAME
    terms: dict[str, str] = {}
    hand: dict[str, np.ndarray] = {}
    try:
        text = lexicon.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            continue  # a damaged line costs that word, not the decoder
        term, name, hexcode = (x.strip() for x in parts[:3])
        terms[term.lower()] = name
        if re.fullmatch(r"#?[0-9a-fA-F]{6}", hexcode):
            hand.setdefault(name, _hex_lab(hexcode))
    try:
        fitted = anchors.read_text(encoding="utf-8") if anchors else ""
    except (OSError, UnicodeDecodeError):
        fitted = ""
    if fitted:
        for line in fitted.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            try:
                lab = np.array([float(x) for x in parts[1:4]])
            except ValueError:
                continue
            if lab.shape == (3,) and np.isfinite(lab).all():
                hand[parts[0].strip()] = lab
    return Lexicon(terms, hand)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return read_lexicon()


# ---- a photo's garment colour ----------------------------------------------------------------

@dataclass
class PhotoColour:
    lab: np.ndarray  # (K, 3) garment pixels in Lab
    weight: np.ndarray  # (K,) centre weights, summing to 1
    lightness: float  # weighted median L*


def _shrink(img: np.ndarray, size: int) -> np.ndarray:
    """CHW (3, S, S) -> float HWC (size, size, 3) by block means (S a multiple of size)."""
    img = np.asarray(img)
    s = img.shape[1]
    k = max(1, s // size)
    x = img[:, :k * size, :k * size]
    if k > 1:  # rows then columns: two small reductions are ~4x faster than one over (2, 4)
        acc = np.uint32 if x.dtype == np.uint8 else np.float64
        x = x.reshape(3, size, k, k * size).sum(axis=2, dtype=acc)
        x = x.reshape(3, size, size, k).sum(axis=3, dtype=acc)
    return x.transpose(1, 2, 0).astype(np.float64) / (k * k)


_YY, _XX = np.mgrid[0:GRID, 0:GRID]
_CENTRE = np.exp(-(((_YY - (GRID - 1) / 2) ** 2 + (_XX - (GRID - 1) / 2) ** 2) / (2 * (0.3 * GRID) ** 2))).reshape(-1)


def _weighted_median(values: np.ndarray, weight: np.ndarray) -> float:
    order = np.argsort(values)
    cum = np.cumsum(weight[order])
    return float(values[order[min(int(np.searchsorted(cum, 0.5 * cum[-1])), len(order) - 1)]])


def garment_colour(img: np.ndarray, bg_delta: float = 12.0) -> PhotoColour:
    """The garment's pixels of a model input (uint8 (3, S, S), letterboxed on white; S a
    multiple of 32, or a (3, 32, 32) float array of its 32 x 32 block means).

    The background is the median colour of the photo's outer ring (inside the white letterbox);
    pixels farther than ``bg_delta`` from it, and not letterbox white, are the garment, weighted
    by a Gaussian around the centre. A photo where almost nothing differs from the background (a
    white shirt on white) keeps every pixel."""
    size = GRID
    rgb = _shrink(img, size)
    flat = rgb.reshape(-1, 3)
    lab = srgb_to_lab(flat)
    pad = (flat >= 250).all(axis=1)  # the letterbox (and pure white background)
    grid_pad = pad.reshape(size, size)
    rows = np.flatnonzero(~grid_pad.all(axis=1))
    cols = np.flatnonzero(~grid_pad.all(axis=0))
    if len(rows) and len(cols):  # the photo's own border: outermost rows/columns not letterbox
        r0, r1, c0, c1 = rows[0], rows[-1], cols[0], cols[-1]
        yy, xx = _YY, _XX
        inner = (yy >= r0) & (yy <= r1) & (xx >= c0) & (xx <= c1)
        ring = (inner & ((yy <= r0 + 1) | (yy >= r1 - 1) | (xx <= c0 + 1) | (xx >= c1 - 1))).reshape(-1)
        bg = np.median(lab[ring], axis=0)
    else:
        bg = np.array([100.0, 0.0, 0.0])
    d2 = ((lab - bg) ** 2).sum(axis=1)
    fg = (d2 > bg_delta * bg_delta) & ~pad
    centre = _CENTRE
    if centre[fg].sum() < 0.03 * centre.sum():
        fg = ~pad if (~pad).any() else np.ones_like(pad)
    w = centre[fg]
    w = w / w.sum()
    sel = lab[fg]
    return PhotoColour(sel, w, _weighted_median(sel[:, 0], w))


def dominant_lab(colour: PhotoColour) -> np.ndarray:
    """The weighted per-channel median of the garment (what anchors are fitted on)."""
    return np.array([_weighted_median(colour.lab[:, ch], colour.weight) for ch in range(3)])


# ---- costs ---------------------------------------------------------------------------------

def tag_anchors(tags: list[str], lexicon: Lexicon | None = None) -> list[np.ndarray | None]:
    lex = lexicon or default_lexicon()
    return [lex.anchor(lex.parse(t)) for t in tags]


def colour_costs(photos: list[PhotoColour], tags: list[str], lexicon: Lexicon | None = None,
                 sigma: float = SIGMA) -> np.ndarray:
    """(N, T) colour-match cost: -log(share of the garment within ``sigma`` of the tag's anchor).

    Tags that name no known colour take each photo's mean over the tags that do (zeros where
    no tag of the product names one), so they neither attract nor repel."""
    anchors = tag_anchors(tags, lexicon)
    n, t = len(photos), len(tags)
    out = np.full((n, t), np.nan)
    known = [j for j, a in enumerate(anchors) if a is not None]
    if not known:
        return np.zeros((n, t))
    a = np.stack([anchors[j] for j in known])  # (K, 3)
    for i, ph in enumerate(photos):
        d2 = ((ph.lab[:, None, :] - a[None, :, :]) ** 2).sum(axis=2)  # (P, K)
        share = ph.weight @ np.exp(-d2 / (2 * sigma * sigma))
        out[i, known] = -np.log(share + EPS)
    fill = np.nanmean(out[:, known], axis=1)
    for j in range(t):
        if anchors[j] is None:
            out[:, j] = fill
    return out


def shade_costs(photos: list[PhotoColour], tags: list[str], lexicon: Lexicon | None = None) -> np.ndarray:
    """(N, T) relative shade: minus the product of the photo's lightness and the tag anchor's
    lightness, both centred and scaled within the product, so a covering assignment of least
    cost puts the lighter photos on the lighter tags. Zero where fewer than two tags name a
    colour or the photos do not differ in lightness."""
    anchors = tag_anchors(tags, lexicon)
    n, t = len(photos), len(tags)
    known = [j for j, a in enumerate(anchors) if a is not None]
    out = np.zeros((n, t))
    if len(known) < 2 or n < 2:
        return out
    la = np.array([anchors[j][0] for j in known])
    lp = np.array([p.lightness for p in photos])
    if la.std() < 1e-6 or lp.std() < 1e-6:
        return out
    za = (la - la.mean()) / 50.0  # L* spans 0..100: a fixed scale, not the product's spread
    zp = (lp - lp.mean()) / max(lp.std(), 5.0)
    out[:, known] = -zp[:, None] * za[None, :]
    return out


# ---- what the decoder reads ------------------------------------------------------------------

def colour_settings(manifest: dict | None) -> tuple[float, float] | None:
    """(weight, sigma) of the colour evidence from a model manifest's ``decoder.colour`` block,
    or None where the model has none (older models: they decode as ``cover``). The weight is in
    the units of the model's mean costs, fitted on training products (:func:`fit_weight`; `train`
    writes it, `retrain` carries its base's along with the base's calibration)."""
    block = (manifest or {}).get("decoder") if isinstance(manifest, dict) else None
    colour = block.get("colour") if isinstance(block, dict) else None
    if not isinstance(colour, dict):
        return None
    w, s = colour.get("weight"), colour.get("sigma", SIGMA)
    ok = all(isinstance(v, (int, float)) and not isinstance(v, bool) and np.isfinite(v) for v in (w, s))
    if not ok or w <= 0 or s <= 0:
        return None
    return float(w), float(s)


def colour_evidence(manifest: dict | None, colours: list[PhotoColour | None], tags: list[str],
                    lexicon: Lexicon | None = None) -> np.ndarray | None:
    """(N, T) weighted colour cost to add to a product's mean costs, or None where the model
    has no colour weight or a photo's colour is unknown."""
    settings = colour_settings(manifest)
    if settings is None or not colours or any(c is None for c in colours) or not tags:
        return None
    weight, sigma = settings
    return weight * colour_costs(colours, tags, lexicon, sigma)  # type: ignore[arg-type]


def fit_anchors(samples: dict[str, list[np.ndarray]], min_photos: int = 10) -> dict[str, np.ndarray]:
    """Colour name -> the per-channel median of the dominant garment colours of its photos, for
    names with at least ``min_photos`` photos."""
    return {name: np.median(np.stack(v), axis=0) for name, v in samples.items() if len(v) >= min_photos}


def write_anchors(path: Path, anchors: dict[str, np.ndarray], counts: dict[str, int], source: str) -> None:
    lines = [f"# Colour anchors fitted on {source}: the median garment colour (CIE Lab) of the photos",
             "# labelled with each colour name (at least 10 photos). name<TAB>L<TAB>a<TAB>b<TAB>photos"]
    for name in sorted(anchors, key=lambda n: -counts.get(n, 0)):
        a = anchors[name]
        lines.append(f"{name}\t{a[0]:.1f}\t{a[1]:.1f}\t{a[2]:.1f}\t{counts.get(name, 0)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---- fitting the colour weight ---------------------------------------------------------------

WEIGHT_GRID = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)  # tempered colour weights tried
BETA_GRID = (1.3, 1.45, 1.55, 1.65, 1.8)  # inverse temperatures tried alongside


@dataclass
class WeightFit:
    tempered: float  # the colour weight relative to the model's fitted inverse temperature
    beta: float  # that inverse temperature
    loglik: float  # per-photo log-likelihood of the true tags with the colour cost
    loglik_without: float  # ... and the best without it
    photos: int

    def in_cost_units(self, temperature: float) -> float:
        """The weight to add to a model's mean costs whose calibrated temperature is ``temperature``."""
        return self.tempered * temperature


def fit_weight(records: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
               betas: tuple[float, ...] = BETA_GRID, weights: tuple[float, ...] = WEIGHT_GRID) -> WeightFit:
    """How much the colour cost should count, from labelled products the model may have trained
    on: ``records`` are (mean costs (N, T), colour costs (N, T), true tag index (N,)) per product.

    A weight chosen by accuracy on a model's own training products is pushed to zero (its costs
    there are far sharper than on unseen products), so the weight is fitted by the likelihood of
    the true tags, softmax over the product's tags of -(beta x cost + w x colour cost), with the
    temperature free: w is then relative to the model's own sharpness there and is applied at the
    temperature calibrated on unseen products (:meth:`WeightFit.in_cost_units`)."""
    def loglik(beta: float, w: float) -> float:
        tot = 0.0
        for mean, col, truth in records:
            z = -(beta * mean + w * col)
            z = z - z.max(axis=1, keepdims=True)
            lp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
            tot += float(lp[np.arange(len(truth)), truth].sum())
        return tot

    grid = [(loglik(b, w), b, w) for b in betas for w in weights]
    best = max(grid)
    base = max(g for g in grid if g[2] == 0.0) if 0.0 in weights else (float("nan"), 0.0, 0.0)
    return WeightFit(tempered=best[2], beta=best[1], loglik=best[0], loglik_without=base[0],
                     photos=sum(len(r[2]) for r in records))
