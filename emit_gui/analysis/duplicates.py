"""Near-duplicate photos: the same picture re-encoded, resized, slightly cropped, mirrored or
with a small mark on it; not the same garment in another colour, nor a look-alike garment.

Product photos on white are alike in outline and colour, so the decision rests on the pictures
themselves, aligned, not on the model's features:

1. Candidates: each photo's nearest neighbours (as is and mirrored) by two coarse pictures, the
   whole frame and the frame cut to the garment (so a crop of the white margin moves nothing),
   plus every pair whose perceptual hashes are close.
2. Alignment: for each candidate pair and each way round (which photo may be a crop of the
   other) and mirror, the crop (scale and offset on each axis, 86-100%) that best maps one
   photo's row and column profiles onto the other's; then a few refining steps on the 2-D
   difference.
3. Verification on the aligned 48 x 48 grey and 16 x 16 colour pictures: correlation of grey
   levels and of fine detail, the difference relative to the photo's own contrast, over the
   whole picture and over its second-worst of 16 tiles (one tile may hold a watermark), and the
   colour difference. A logistic rule over these (fitted on planted copies in half of the
   shared products, measured on the other half by ``tests/benchmarks/bench_duplicates.py``)
   gives the probability that the two are one picture.
4. The pixel check: at 48 x 48 two photos of dark trousers from one studio differ less than a
   copy at JPEG quality 35 differs from its original, so every pair the rule above lets through
   (at ``PIXEL_GATE``) is checked again on the photos themselves: both decoded (up to 256 px),
   the smaller one compared with the region of the larger one it shows, at the smaller one's own
   resolution (at most ``PIXEL_SIDE`` px), from the coarse alignment, from it mirrored the other
   way (symmetric garments fool the coarse mirror test) and from a same-scale crop, the region's
   four edges moved by 2, 1, 0.5 and 0.25 pixels while the trimmed grey difference drops; then
   the aligned pictures' fine detail
   (correlation, and the detail difference relative to the detail there is, over the whole and
   per tile, so a small watermark counts little), their grey and colour differences and the share
   of edge pixels that disagree. A second logistic rule over these and the first rule's belief
   (fitted on planted copies and the look-alike pairs of half the products, measured on the
   other half) decides; a pair is reported only when it says "same picture" (``THRESHOLD``).
5. Groups are cliques: a photo joins a group only if it is a verified duplicate of every
   member, so one loose pair cannot chain two families together.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from emit_gui.analysis.index import PhotoIndex
from emit_gui.analysis.phash import COPY_COLOUR, COPY_GRID, hamming
from emit_gui.catalog.images import ImageDecodeError, decode_image

G, C = COPY_GRID, COPY_COLOUR
NEIGHBOURS = 8  # nearest neighbours per photo and descriptor that become candidates
HASH_BITS = 6  # and every pair whose hashes (as is or mirrored) are this close
PROFILE = 32  # length of the row / column profiles the crop search runs on
SCALES = np.round(np.arange(0.86, 1.0001, 0.02), 4)  # crop kept per side: 86-100%
CHUNK = 4096

# fitted by tests/benchmarks/bench_duplicates.py --fit (on the planted half): feature means,
# spreads and weights (last: bias) of the logistic rule over ``FEATURES``
FEATURES = ("grey correlation", "detail correlation", "difference / contrast", "worst tiles / contrast",
            "colour difference / contrast", "colour worst tiles / contrast", "colour difference",
            "colour worst tiles", "log contrast", "colour histogram distance", "garment colour difference")
RULE_MEAN = np.array([0.8656687621539567, 0.41211022902471595, 0.2776626816951912, 0.5412083499762768, 0.281627350912197,
                      0.5476305237426777, 0.05925584345424777, 0.11944216991751995, -1.4914945425039314, 1.080832407947858,
                      0.1966319191902623])
RULE_STD = np.array([0.1889157730007605, 0.3256809114890242, 0.2704627861380878, 0.5466866680128238, 0.27495002738199126,
                     0.5532943771147436, 0.054090121666905654, 0.12070739884388633, 0.6174049846493381, 0.944129251832323,
                     0.2302122435194118])
RULE_WEIGHTS = np.array([0.9909911848100408, 1.9720989348662303, -2.686904953648515, 1.5872252600371204, -7.882286674943772,
                         6.833682376043644, -6.130350339383139, -1.7169602279306564, -0.8007013051669265, -4.813740801096207,
                         1.5346888366177087, -9.115997743524723])
PREFILTER = 0.02  # candidates below this before the refining steps are not refined
PIXEL_GATE = 0.3  # pairs the coarse rule believes at least this much are checked on the photos
PIXEL_SIDE = 96  # the photos are compared at the smaller one's resolution, at most this many px
PIXEL_DECODE = 256  # photos are decoded with their longer side at most this
# the pixel rule, fitted on the candidate pairs whose first photo has an even product id: the
# first 400 shared products with their planted copies (copies, and look-alikes of two different
# originals) and the look-alike pairs of the whole unplanted folder (the odd ids are where it is
# measured; ``tests/benchmarks/bench_duplicates.py --fit-pixels`` refits on a planted folder's
# even half alone): means, spreads and weights (last: bias) over PIXEL_FEATURES
PIXEL_FEATURES = ("detail correlation", "log detail difference / detail", "log tile detail ratio (3rd worst)",
                  "edge pixels that disagree", "log mean difference", "log 3rd-worst tile difference",
                  "log median tile difference", "atanh grey correlation", "log trimmed colour difference",
                  "pixels that disagree", "log median tile detail ratio", "coarse rule's log odds")
PIXEL_MEAN = np.array([0.6979959560280214, -0.6948954721658401, -0.8653003698317907, 0.18007904174720632, -4.375225046495455,
                       -3.98758879145387, -4.750762794808571, 2.828272992301614, -4.870500361051845, 0.031236622229103058,
                       -0.8727415182937699, 3.6694301051878457])
PIXEL_STD = np.array([0.27810358573527166, 0.49303320467222944, 0.5363784703775352, 0.1860947006469508, 0.8616129921720742,
                      1.0530369933690964, 0.9405218842622813, 1.1238841070793604, 0.693012000096415, 0.03488634687235307,
                      0.516582237129884, 3.2757200143881082])
PIXEL_WEIGHTS = np.array([1.6702365234531031, -1.596815220676012, 1.802138607361568, -4.409388708528934, -0.1085783381729746,
                          -2.778347895821384, -0.27111744776737134, -0.8538389929633642, -2.6150254458026674,
                          1.7533785964303026, 2.129582116561291, 1.004772357026282, 2.844765908570315])
THRESHOLD = 0.99  # the pixel rule's belief from which a pair is reported
# and a copy keeps the photo's fine detail: below this detail correlation the rule's belief is 0
# (two different white garments on white differ too little anywhere else; 1 of 1,852 planted
# copies the rule passed on 400 products is below it)
MIN_DETAIL_CORR = 0.5


@dataclass(frozen=True)
class DuplicatePair:
    a: int  # positions in the index, a < b
    b: int
    probability: float  # the pixel rule's belief that the two are one picture
    mirrored: bool
    crop: tuple[float, float]  # share of the larger picture's width and height the other shows (pixel check)
    cropped_side: str  # "a" or "b": which photo is the crop of the other ("" when neither)
    area_ratio: float  # pixels of b / pixels of a
    grey_corr: float  # correlation of the aligned grey pictures
    detail_corr: float  # correlation of their fine detail
    difference: float  # mean grey difference relative to the photo's contrast
    worst_tile: float  # second-worst tile's difference relative to the contrast
    colour_difference: float  # mean colour difference, 0-1
    evidence: tuple[str, ...] = field(default=())
    coarse_probability: float = float("nan")  # the 48 x 48 rule's belief, before the pixel check
    pixels: dict = field(default_factory=dict)  # the pixel check's measurements (see pixel_check)

    def describe(self) -> str:
        """One line: the transforms and the scores."""
        px = self.pixels
        pixel = (f"; on the pixels at {px['compared'][0]}x{px['compared'][1]}: detail corr {px['detail_corr']:.3f}, "
                 f"detail diff / detail {px['detail_ratio']:.2f}, mean diff {px['mean_difference']:.4f}, "
                 f"edge pixels differing {px['edge_pixels_differing']:.1%}") if px else ""
        return (f"{', '.join(self.evidence)}; p {self.probability:.2f} (48 px rule {self.coarse_probability:.2f}){pixel}; "
                f"48 px: grey corr {self.grey_corr:.3f}, detail corr {self.detail_corr:.2f}, diff {self.difference:.3f}, "
                f"worst tile {self.worst_tile:.3f}, colour diff {self.colour_difference:.3f}")

    def as_dict(self) -> dict:
        return {"probability": round(self.probability, 4), "coarse_probability": round(self.coarse_probability, 4),
                "pixels": {k: (round(v, 4) if isinstance(v, float) else [round(x, 2) for x in v] if isinstance(v, list) else v)
                           for k, v in self.pixels.items()},
                "transforms": list(self.evidence),
                "mirrored": self.mirrored, "crop": [round(self.crop[0], 3), round(self.crop[1], 3)],
                "cropped": self.cropped_side or None, "area_ratio": round(self.area_ratio, 3),
                "grey_corr": round(self.grey_corr, 4), "detail_corr": round(self.detail_corr, 4),
                "difference": round(self.difference, 4), "worst_tile": round(self.worst_tile, 4),
                "colour_difference": round(self.colour_difference, 4)}


# ---------------------------------------------------------------- pictures
def _grey(index: PhotoIndex, rows) -> np.ndarray:
    """(P, G, G) float32 darkness (1 - grey) of the photos at ``rows``."""
    return 1.0 - index.copies[rows, :G * G].reshape(-1, G, G).astype(np.float32) / 255.0


def _colour(index: PhotoIndex, rows) -> np.ndarray:
    return index.copies[rows, G * G:].reshape(-1, C, C, 3).astype(np.float32) / 255.0


def _resample_matrix(n_in: int, n_out: int) -> np.ndarray:
    """(n_in, n_out) area averaging from n_in samples to n_out."""
    m = np.zeros((n_in, n_out), np.float32)
    edges = np.linspace(0, n_in, n_out + 1)
    for j in range(n_out):
        for i in range(int(np.floor(edges[j])), int(np.ceil(edges[j + 1]))):
            m[i, j] = max(0.0, min(i + 1, edges[j + 1]) - max(i, edges[j]))
    return m / m.sum(0, keepdims=True)


_TO_PROFILE = _resample_matrix(G, PROFILE)


def _hypotheses(n: int = PROFILE) -> np.ndarray:
    return np.array([(s, o) for s in SCALES for o in np.arange(0, 1 - s + 1e-9, 1 / (2 * n))], np.float32)


_HYPS = _hypotheses()


def _interp_matrix(hyps: np.ndarray, n: int = PROFILE) -> np.ndarray:
    """(n, H * n): profile of the larger photo -> its part [o, o + s] resampled to n."""
    w = np.zeros((n, len(hyps), n), np.float32)
    u = (np.arange(n) + 0.5) / n
    for h, (s, o) in enumerate(hyps):
        x = np.clip((o + s * u) * n - 0.5, 0, n - 1)
        j0 = np.floor(x).astype(int)
        j1 = np.minimum(j0 + 1, n - 1)
        f = x - j0
        np.add.at(w, (j0, h, np.arange(n)), 1 - f)
        np.add.at(w, (j1, h, np.arange(n)), f)
    return w.reshape(n, -1)


_INTERP = _interp_matrix(_HYPS)


def _ncc(a: np.ndarray, b: np.ndarray, axis=-1) -> np.ndarray:
    a = a - a.mean(axis, keepdims=True)
    b = b - b.mean(axis, keepdims=True)
    return (a * b).sum(axis) / np.sqrt((a * a).sum(axis) * (b * b).sum(axis) + 1e-9)


def _best_1d(big: np.ndarray, small: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Profiles (P, n): the (scale, offset) of ``big`` that best matches ``small``, and its score."""
    p = len(big)
    r = (big @ _INTERP).reshape(p, len(_HYPS), PROFILE)
    c = _ncc(r, small[:, None, :])
    h = c.argmax(1)
    return _HYPS[h].copy(), c[np.arange(p), h]


def _coords(so: np.ndarray, n: int, n_img: int) -> np.ndarray:
    """Sample positions (P, n) in an n_img grid of the part [o, o + s] of each photo."""
    u = (np.arange(n) + 0.5) / n
    return np.clip((so[:, 1:2] + so[:, 0:1] * u[None]) * n_img - 0.5, 0, n_img - 1)


def _sample(img: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Bilinear samples of img (P, n, n[, 3]) at columns xs (P, w) and rows ys (P, h)."""
    p, n = img.shape[:2]
    x0 = np.floor(xs).astype(np.int32)
    y0 = np.floor(ys).astype(np.int32)
    x1, y1 = np.minimum(x0 + 1, n - 1), np.minimum(y0 + 1, n - 1)
    fx, fy = (xs - x0)[:, None, :], (ys - y0)[:, :, None]
    if img.ndim == 4:
        fx, fy = fx[..., None], fy[..., None]
    r = np.arange(p)[:, None, None]

    def at(yy, xx):
        return img[r, yy[:, :, None], xx[:, None, :]]

    top = at(y0, x0) * (1 - fx) + at(y0, x1) * fx
    bottom = at(y1, x0) * (1 - fx) + at(y1, x1) * fx
    return top * (1 - fy) + bottom * fy


def _detail(x: np.ndarray) -> np.ndarray:
    return x - 0.25 * (np.roll(x, 1, 1) + np.roll(x, -1, 1) + np.roll(x, 1, 2) + np.roll(x, -1, 2))


# ---------------------------------------------------------------- candidates
def _frame_descriptor(grey: np.ndarray, colour: np.ndarray) -> np.ndarray:
    g = grey[:, 3:45, 3:45].reshape(len(grey), 7, 6, 7, 6).mean((2, 4)).reshape(len(grey), -1)
    c = colour[:, 1:15, 1:15].reshape(len(colour), 7, 2, 7, 2, 3).mean((2, 4)).reshape(len(colour), -1)
    return np.concatenate([g, 0.5 * c], 1).astype(np.float32)


def _garment_box(g: np.ndarray) -> tuple[float, float, float, float]:
    """The box holding 2-98% of the photo's contrast against its border, along each axis."""
    border = np.concatenate([g[0], g[-1], g[:, 0], g[:, -1]])
    w = np.maximum(np.abs(g - np.median(border)) - 0.04, 0)
    if w.sum() < 1e-3:
        return 0.0, 0.0, float(G), float(G)

    def span(p):
        c = np.cumsum(p) / p.sum()
        return float(np.searchsorted(c, 0.02)), float(np.searchsorted(c, 0.98) + 1)

    x0, x1 = span(w.sum(0))
    y0, y1 = span(w.sum(1))
    return x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)


def _garment_descriptor(grey: np.ndarray, colour: np.ndarray) -> np.ndarray:
    out = np.zeros((len(grey), 64 + 48), np.float32)
    k = C / G
    for i, (g, c) in enumerate(zip(grey, colour)):
        box = _garment_box(g)
        small = np.asarray(Image.fromarray(g, "F").resize((8, 8), Image.Resampling.BOX, box=box))
        cbox = tuple(v * k for v in box)
        cs = np.stack([np.asarray(Image.fromarray(np.ascontiguousarray(c[..., j]), "F")
                                  .resize((4, 4), Image.Resampling.BOX, box=cbox)) for j in range(3)], -1)
        out[i] = np.concatenate([small.reshape(-1), 0.5 * cs.reshape(-1)])
    return out


def _mirror_frame(grey, colour):
    return grey[:, :, ::-1], colour[:, :, ::-1]


def _neighbours(d: np.ndarray, dm: np.ndarray, k: int, found: list) -> None:
    n = len(d)
    k = min(k, n - 1)
    if k < 1:
        return
    sq = (d * d).sum(1)
    for start in range(0, n, 2048):
        rows = np.arange(start, min(n, start + 2048))
        dist = np.minimum(sq[rows, None] + sq[None] - 2 * d[rows] @ d.T, sq[rows, None] + sq[None] - 2 * d[rows] @ dm.T)
        dist[np.arange(len(rows)), rows] = np.inf
        near = np.argpartition(dist, k - 1, axis=1)[:, :k]
        found.append(np.stack([np.repeat(rows, k), near.reshape(-1)], 1))


def candidates(index: PhotoIndex, neighbours: int = NEIGHBOURS) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (a < b)."""
    n = len(index)
    found: list[np.ndarray] = []
    everything = np.arange(n)
    grey, colour = _grey(index, everything), _colour(index, everything)
    _neighbours(_frame_descriptor(grey, colour), _frame_descriptor(*_mirror_frame(grey, colour)), neighbours, found)
    _neighbours(_garment_descriptor(grey, colour), _garment_descriptor(*_mirror_frame(grey, colour)), neighbours, found)
    h, hm = index.hashes[:, 0], index.hashes[:, 1]
    for start in range(0, n, 1024):
        rows = np.arange(start, min(n, start + 1024))
        bits = np.minimum(hamming(h[rows, None], h[None, :]), hamming(h[rows, None], hm[None, :]))
        ri, cj = np.nonzero(bits <= HASH_BITS)
        found.append(np.stack([rows[ri], cj], 1))
    pairs = np.concatenate(found) if found else np.zeros((0, 2), np.int64)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    if not len(pairs):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    pairs = np.unique(np.sort(pairs, axis=1), axis=0)
    return pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64)


# ---------------------------------------------------------------- alignment and verification
@dataclass
class _Aligned:
    big: np.ndarray  # (P,) position of the photo the other may be a crop of
    small: np.ndarray
    mirrored: np.ndarray  # (P,) bool
    sx: np.ndarray  # (P, 2) scale, offset on the big photo's width
    sy: np.ndarray


def _align(index: PhotoIndex, a: np.ndarray, b: np.ndarray) -> _Aligned:
    grey_a, grey_b = _grey(index, a), _grey(index, b)
    col = {k: g.mean(1) @ _TO_PROFILE for k, g in (("a", grey_a), ("b", grey_b))}
    row = {k: g.mean(2) @ _TO_PROFILE for k, g in (("a", grey_a), ("b", grey_b))}
    best = None
    for big, small in (("a", "b"), ("b", "a")):
        sy, cy = _best_1d(row[big], row[small])
        for mirrored in (False, True):
            sx, cx = _best_1d(col[big], col[small][:, ::-1] if mirrored else col[small])
            score = cx + cy
            cand = (score, np.full(len(a), big == "a"), np.full(len(a), mirrored), sx, sy)
            if best is None:
                best = list(cand)
            else:
                better = score > best[0]
                best = [np.where(better[:, None] if v.ndim == 2 else better, v, o) for v, o in zip(cand, best)]
    _, a_big, mirrored, sx, sy = best
    return _Aligned(np.where(a_big, a, b), np.where(a_big, b, a), mirrored, sx, sy)


def _compare(index: PhotoIndex, al: _Aligned, n: int = G) -> tuple[np.ndarray, np.ndarray]:
    """(features (P, 9), per-pair details (P, 4): grey corr, detail corr, diff, worst tile)."""
    p = len(al.big)
    big, small = _grey(index, al.big), _grey(index, al.small)
    small = np.where(al.mirrored[:, None, None], small[:, :, ::-1], small)
    crop = _sample(big, _coords(al.sx, n, G), _coords(al.sy, n, G))
    if n != G:
        small = _sample(small, _coords(np.tile([[1.0, 0.0]], (p, 1)), n, G), _coords(np.tile([[1.0, 0.0]], (p, 1)), n, G))
    diff = np.abs(crop - small)
    t = n // 4
    tiles = np.sort(diff.reshape(p, 4, t, 4, t).mean((2, 4)).reshape(p, -1), 1)
    contrast = small.reshape(p, -1).std(1) + 0.02
    grey_corr = _ncc(crop.reshape(p, -1), small.reshape(p, -1))
    detail_corr = _ncc(_detail(crop)[:, 1:-1, 1:-1].reshape(p, -1), _detail(small)[:, 1:-1, 1:-1].reshape(p, -1))
    cbig, csmall = _colour(index, al.big), _colour(index, al.small)
    csmall = np.where(al.mirrored[:, None, None, None], csmall[:, :, ::-1], csmall)
    ccrop = _sample(cbig, _coords(al.sx, C, C), _coords(al.sy, C, C))
    cdiff = np.abs(ccrop - csmall).mean(-1)
    ctiles = np.sort(cdiff.reshape(p, 4, C // 4, 4, C // 4).mean((2, 4)).reshape(p, -1), 1)
    ccontrast = csmall.reshape(p, -1, 3).std(1).mean(-1) + 0.02
    # alignment-free colour: the histograms of the photos' non-white pixels, and the garment's mean
    # colour (pixels weighted by how far they are from the white background)
    hist = np.abs(index.hists[al.big].astype(np.float32) - index.hists[al.small].astype(np.float32)).sum(1)
    garment = np.abs(_garment_colour(ccrop) - _garment_colour(csmall)).sum(1)
    feats = np.stack([grey_corr, detail_corr, diff.mean((1, 2)) / contrast, tiles[:, -2] / contrast,
                      cdiff.mean((1, 2)) / ccontrast, ctiles[:, -2] / ccontrast, cdiff.mean((1, 2)), ctiles[:, -2],
                      np.log(contrast), hist, garment], 1).astype(np.float64)
    details = np.stack([grey_corr, detail_corr, diff.mean((1, 2)) / contrast, tiles[:, -2] / contrast], 1)
    return feats, details


def _garment_colour(colour: np.ndarray) -> np.ndarray:
    """(P, 3) mean colour of the pixels that are not the near-white background."""
    w = np.clip((0.94 - colour.min(-1)) / 0.1, 0, 1)[..., None]
    return (colour * w).sum((1, 2)) / (w.sum((1, 2)) + 1e-3)


def _refine(index: PhotoIndex, al: _Aligned, rounds: int = 1) -> _Aligned:
    """Coordinate steps on each of the four crop numbers that lower the 2-D difference."""
    def cost(a: _Aligned) -> np.ndarray:
        f, _ = _compare(index, a, 24)
        return f[:, 2] + f[:, 4]

    current = cost(al)
    steps = [(0, 0, 0.01), (0, 1, 1 / 96), (1, 0, 0.01), (1, 1, 1 / 96)]
    for _ in range(rounds):
        for axis, j, step in steps:
            for sign in (-1, 1):
                trial = _Aligned(al.big, al.small, al.mirrored, al.sx.copy(), al.sy.copy())
                arr = trial.sx if axis == 0 else trial.sy
                arr[:, j] += sign * step
                arr[:, 0] = np.clip(arr[:, 0], SCALES[0] - 0.02, 1.0)
                arr[:, 1] = np.clip(arr[:, 1], 0.0, 1.0 - arr[:, 0])
                c = cost(trial)
                better = c < current - 1e-6
                al.sx[better], al.sy[better], current[better] = trial.sx[better], trial.sy[better], c[better]
    return al


def probability(X: np.ndarray, mean=None, std=None, weights=None) -> np.ndarray:
    mean = RULE_MEAN if mean is None else mean
    std = RULE_STD if std is None else std
    weights = RULE_WEIGHTS if weights is None else weights
    z = np.c_[(X - mean) / std, np.ones(len(X))]
    return 1.0 / (1.0 + np.exp(-np.clip(z @ weights, -30, 30)))


def fit_rule(X: np.ndarray, y: np.ndarray, l2: float = 1e-1, iters: int = 40) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Logistic regression by Newton's method on standardised features: (mean, std, weights)."""
    mean, std = X.mean(0), X.std(0) + 1e-9
    z = np.c_[(X - mean) / std, np.ones(len(X))]
    w = np.zeros(z.shape[1])
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30, 30)))
        hess = z.T @ (z * (p * (1 - p) + 1e-9)[:, None]) + l2 * np.eye(len(w))
        w -= np.linalg.solve(hess, z.T @ (p - y) + l2 * w)
    return mean, std, w


@dataclass
class Verified:
    """Every candidate pair with its measurements (what the benchmark fits and measures on)."""
    a: np.ndarray
    b: np.ndarray
    X: np.ndarray  # (P, len(FEATURES))
    details: np.ndarray  # (P, 4)
    aligned: _Aligned


def verify(index: PhotoIndex, a: np.ndarray, b: np.ndarray, refine: bool = True) -> Verified:
    """Align and measure the pairs (a[i], b[i]), in chunks."""
    xs, ds, parts = [], [], []
    for start in range(0, len(a), CHUNK):
        ca, cb = a[start:start + CHUNK], b[start:start + CHUNK]
        al = _align(index, ca, cb)
        X, det = _compare(index, al)
        if refine:
            todo = np.flatnonzero(probability(X) >= PREFILTER)
            if len(todo):
                sub = _refine(index, _Aligned(al.big[todo], al.small[todo], al.mirrored[todo], al.sx[todo].copy(),
                                              al.sy[todo].copy()))
                X2, det2 = _compare(index, sub)
                keep = X2[:, 2] + X2[:, 4] <= X[todo, 2] + X[todo, 4]
                idx = todo[keep]
                X[idx], det[idx] = X2[keep], det2[keep]
                al.sx[idx], al.sy[idx] = sub.sx[keep], sub.sy[keep]
        xs.append(X)
        ds.append(det)
        parts.append(al)
    if not parts:
        empty = np.zeros(0, np.int64)
        return Verified(a, b, np.zeros((0, len(FEATURES))), np.zeros((0, 4)),
                        _Aligned(empty, empty, np.zeros(0, bool), np.zeros((0, 2)), np.zeros((0, 2))))
    al = _Aligned(*(np.concatenate([getattr(p, k) for p in parts]) for k in ("big", "small", "mirrored", "sx", "sy")))
    return Verified(a, b, np.concatenate(xs), np.concatenate(ds), al)


def _evidence(index: PhotoIndex, a: int, b: int, big: int, mirrored: bool, sx: float, sy: float,
              det: np.ndarray, colour_diff: float, pixels: dict | None = None) -> tuple[tuple[str, ...], float, str]:
    ev = []
    area_a = float(np.prod(index.sizes[a])) or 1.0
    area_b = float(np.prod(index.sizes[b])) or 1.0
    ratio = area_b / area_a
    if mirrored:
        ev.append("mirrored")
    cropped = ""
    if min(sx, sy) < 0.975:
        cropped = "b" if big == a else "a"
        ev.append(f"{cropped} is a crop of the other ({sx:.0%} x {sy:.0%})")
    expected = sx * sy if cropped == "b" else 1 / (sx * sy) if cropped == "a" else 1.0
    if abs(np.log(max(ratio, 1e-6) / expected)) > np.log(1.25):
        ev.append(f"resized ({np.sqrt(ratio / expected):.2f}x linear)")
    if pixels:  # one of 16 tiles differs 4 times more than the median tile (two thirds of
        # planted watermarks, none of 240 other planted copies)
        mark = pixels["worst_tile"] > 4 * pixels["median_tile"] and pixels["worst_tile"] > 0.02
    else:
        mark = det[3] > 2.5 * max(det[2], 0.01) and det[3] > 0.08
    if mark:
        ev.append("one region differs (a mark or watermark)")
    if not ev:
        ev.append("same picture" if det[2] < 0.02 and colour_diff < 0.01 else "same picture, re-encoded")
    return tuple(ev), ratio, cropped


# ---------------------------------------------------------------- the pixel check
def _grey_array(im: Image.Image) -> np.ndarray:
    return np.asarray(im, np.float32) / 255.0


def _detail_2d(x: np.ndarray) -> np.ndarray:
    p = np.pad(x, 1, mode="edge")
    return x - 0.25 * (p[:-2, 1:-1] + p[2:, 1:-1] + p[1:-1, :-2] + p[1:-1, 2:])


def _ncc_1(x: np.ndarray, y: np.ndarray) -> float:
    x, y = x - x.mean(), y - y.mean()
    return float((x * y).sum() / np.sqrt((x * x).sum() * (y * y).sum() + 1e-12))


def _sorted_tiles(x: np.ndarray, k: int = 4) -> np.ndarray:
    return np.sort(np.array([t.mean() for r in np.array_split(x, k, 0) for t in np.array_split(r, k, 1)]))


_MOVES = tuple(np.array(m, float) for m in ((1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1), (1, 0, 1, 0), (0, 1, 0, 1)))


class _Search:
    """The region of ``big_grey`` that best matches ``small_grey``: edges moved by 2, 1, 0.5 and
    0.25 pixels while the trimmed mean grey difference drops, compared at the smaller one's size."""

    def __init__(self, big_grey: Image.Image, small_grey: Image.Image, box: np.ndarray, side: int):
        self.big_grey = big_grey
        self.wa, self.ha = big_grey.size
        wb, hb = small_grey.size
        f = min(1.0, side / max(wb, hb), max(box[2] - box[0], 1.0) / wb, max(box[3] - box[1], 1.0) / hb)
        self.size = (max(8, round(wb * f)), max(8, round(hb * f)))
        self.target = _grey_array(small_grey if self.size == (wb, hb) else small_grey.resize(self.size, Image.Resampling.BILINEAR))
        self.keep = int(0.9 * self.target.size)
        self.box = box
        self.best = self.cost(box)

    def render(self, bx: np.ndarray) -> np.ndarray:
        return _grey_array(self.big_grey.resize(self.size, Image.Resampling.BILINEAR, box=tuple(bx)))

    def cost(self, bx: np.ndarray) -> float:
        d = np.abs(self.render(bx) - self.target).reshape(-1)
        return float(np.partition(d, self.keep)[:self.keep].mean())

    def run(self) -> _Search:
        box, best = self.box, self.best
        for step in (2.0, 1.0, 0.5, 0.25):
            for _ in range(4):
                improved = False
                for m in _MOVES:
                    for sign in (-1, 1):
                        t = box + sign * step * m
                        if t[0] < 0 or t[1] < 0 or t[2] > self.wa or t[3] > self.ha or t[2] - t[0] < 4 or t[3] - t[1] < 4:
                            continue
                        c = self.cost(t)
                        if c < best - 1e-7:
                            best, box, improved = c, t, True
                if not improved:
                    break
        self.box, self.best = box, best
        return self


def pixel_check(big: Image.Image, small: Image.Image, mirrored: bool, sx, sy, side: int = PIXEL_SIDE) -> dict:
    """Compare ``small`` with the region of ``big`` that it shows, on the decoded photos. The
    search starts from the coarse alignment (``sx``, ``sy``: scale and offset along each axis,
    as shares of ``big``; ``mirrored``), from the same with ``small`` mirrored the other way (a
    symmetric garment fools the coarse mirror test), and, when ``small`` fits inside ``big``, from
    a crop at the same scale (``small``'s own size in ``big``'s pixels) around the same centre;
    the two starts that differ least are searched (region edges moved by 2, 1, 0.5 and 0.25
    pixels of ``big`` while the trimmed mean grey difference, the 10% worst pixels left out for a
    watermark, drops), at the smaller one's own size (its longer side at most ``side``).
    Returns the measurements the pixel rule reads, the region and the mirroring found."""
    wa, ha = big.size
    wb, hb = small.size
    big_grey = big.convert("L")
    coarse = np.clip(np.array([sx[1] * wa, sy[1] * ha, (sx[1] + sx[0]) * wa, (sy[1] + sy[0]) * ha], np.float64), 0,
                     [wa, ha, wa, ha])
    boxes = [coarse]
    if wb <= wa and hb <= ha and max(abs(coarse[2] - coarse[0] - wb), abs(coarse[3] - coarse[1] - hb)) > 2:
        x0 = float(np.clip((coarse[0] + coarse[2] - wb) / 2, 0, wa - wb))
        y0 = float(np.clip((coarse[1] + coarse[3] - hb) / 2, 0, ha - hb))
        boxes.append(np.array([x0, y0, x0 + wb, y0 + hb]))
    flips = {}
    for flip in (mirrored, not mirrored):
        flips[flip] = small.transpose(Image.Transpose.FLIP_LEFT_RIGHT) if flip else small
    greys = {flip: im.convert("L") for flip, im in flips.items()}
    starts = [(_Search(big_grey, greys[flip], box, side), flip) for flip in flips for box in boxes]
    starts.sort(key=lambda t: t[0].best)
    found = sorted(((s.run(), flip) for s, flip in starts[:2]), key=lambda t: t[0].best)
    search, mirrored = found[0]
    small = flips[mirrored]
    box, best, target = search.box, search.best, search.target
    (tw, th), render, keep = search.size, search.render, search.keep
    r = render(box)
    d = np.abs(r - target)
    dr, dt = _detail_2d(r)[1:-1, 1:-1], _detail_2d(target)[1:-1, 1:-1]
    dd = np.abs(dr - dt)
    struct = np.maximum(np.abs(dr), np.abs(dt))
    tile_d, tile_dd, tile_struct = _sorted_tiles(d), _sorted_tiles(dd), _sorted_tiles(struct)
    ratio3 = tile_dd / (tile_struct + 5e-3)  # quantile by quantile: the detail difference's over the detail's
    cr = _grey_array(big.convert("RGB").resize((tw, th), Image.Resampling.BILINEAR, box=tuple(box)))
    cs = _grey_array(small.convert("RGB").resize((tw, th), Image.Resampling.BILINEAR))
    cd = np.sort(np.abs(cr - cs).mean(-1).reshape(-1))
    edges = np.pad(struct, 1) > 0.03
    return {
        "compared": [tw, th], "region": [float(x) for x in box], "larger_size": [wa, ha], "mirrored": bool(mirrored),
        "trimmed_difference": best, "mean_difference": float(d.mean()), "median_tile": float(np.median(tile_d)),
        "tile3": float(tile_d[-3]), "worst_tile": float(tile_d[-1]), "detail_corr": _ncc_1(dr, dt), "detail_ratio": float(dd.mean() / (struct.mean() + 1e-4)),
        "tile_detail_ratio": float(np.median(tile_dd / (tile_struct + 1e-3))), "tile_detail_ratio3": float(np.sort(ratio3)[-3]),
        "grey_corr": _ncc_1(r, target), "colour_difference": float(cd[:keep].mean()),
        "pixels_differing": float((d > 0.1).mean()),
        "edge_pixels_differing": float(((d > 0.1) & edges).sum() / max(1, edges.sum())),
    }


def pixel_features(m: dict, coarse: float) -> np.ndarray:
    """The pixel rule's inputs (``PIXEL_FEATURES``) from :func:`pixel_check`'s measurements."""
    return np.array([m["detail_corr"], np.log(m["detail_ratio"] + 0.02), np.log(m["tile_detail_ratio3"] + 0.02),
                     m["edge_pixels_differing"], np.log(m["mean_difference"] + 1e-3), np.log(m["tile3"] + 1e-3),
                     np.log(m["median_tile"] + 1e-3), np.arctanh(min(m["grey_corr"], 0.99999)),
                     np.log(m["colour_difference"] + 1e-3), m["pixels_differing"],
                     np.log(m["tile_detail_ratio"] + 0.02), np.log(coarse / (1 - coarse + 1e-9))])


def pixel_probability(X: np.ndarray) -> np.ndarray:
    return probability(np.atleast_2d(X), PIXEL_MEAN, PIXEL_STD, PIXEL_WEIGHTS)


class _Photos:
    """Decoded photos of the index, each decoded once per check (None: it cannot be decoded now)."""

    def __init__(self, index: PhotoIndex):
        self.index = index
        self.cache: dict[int, Image.Image | None] = {}

    def __getitem__(self, i: int) -> Image.Image | None:
        if i not in self.cache:
            try:
                self.cache[i] = decode_image(self.index.photos[i].path, PIXEL_DECODE)
            except (ImageDecodeError, OSError):
                self.cache[i] = None
        return self.cache[i]


def check_pixels(index: PhotoIndex, v: Verified, rows: np.ndarray, coarse: np.ndarray,
                 photos: _Photos | None = None) -> tuple[np.ndarray, list[dict]]:
    """The pixel rule's belief and measurements for the verified pairs at ``rows`` (a pair whose
    photo cannot be decoded any more, or whose aligned detail correlates less than
    ``MIN_DETAIL_CORR``, gets 0)."""
    photos = photos or _Photos(index)
    probs = np.zeros(len(rows))
    found: list[dict] = []
    for k, i in enumerate(rows):
        big, small = photos[int(v.aligned.big[i])], photos[int(v.aligned.small[i])]
        if big is None or small is None:
            found.append({})
            continue
        m = pixel_check(big, small, bool(v.aligned.mirrored[i]), v.aligned.sx[i], v.aligned.sy[i])
        if m["detail_corr"] >= MIN_DETAIL_CORR:
            probs[k] = float(pixel_probability(pixel_features(m, float(coarse[k])))[0])
        found.append(m)
    return probs, found


def find_duplicates(index: PhotoIndex, threshold: float = THRESHOLD) -> list[DuplicatePair]:
    if len(index) < 2:
        return []
    a, b = candidates(index)
    if not len(a):
        return []
    v = verify(index, a, b)
    prob = probability(v.X)
    rows = np.flatnonzero(prob >= PIXEL_GATE)
    pixel_prob, measured = check_pixels(index, v, rows, prob[rows])
    return pairs_of(index, v, prob, rows, pixel_prob, measured, threshold)


def pairs_of(index: PhotoIndex, v: Verified, prob: np.ndarray, rows: np.ndarray, pixel_prob: np.ndarray,
             measured: list[dict], threshold: float = THRESHOLD) -> list[DuplicatePair]:
    """The reported pairs: those of ``rows`` whose pixel check reached ``threshold``."""
    a, b = v.a, v.b
    out = []
    for i, p_pixel, m in zip(rows, pixel_prob, measured):
        if p_pixel < threshold:
            continue
        ia, ib = int(a[i]), int(b[i])
        big = int(v.aligned.big[i])
        sx, sy = float(v.aligned.sx[i, 0]), float(v.aligned.sy[i, 0])
        if m:  # the crop the pixel check settled on, to a quarter pixel
            (x0, y0, x1, y1), (wa, ha) = m["region"], m["larger_size"]
            sx, sy = min(1.0, (x1 - x0) / wa), min(1.0, (y1 - y0) / ha)
        mirrored = bool(m["mirrored"]) if m else bool(v.aligned.mirrored[i])
        ev, ratio, cropped = _evidence(index, ia, ib, big, mirrored, sx, sy, v.details[i], float(v.X[i, 6]), m)
        out.append(DuplicatePair(ia, ib, float(p_pixel), mirrored, (sx, sy), cropped, ratio,
                                 float(v.details[i, 0]), float(v.details[i, 1]), float(v.details[i, 2]),
                                 float(v.details[i, 3]), float(v.X[i, 6]), ev, float(prob[i]),
                                 {**m, "larger": "a" if big == ia else "b"}))
    return out


def duplicates_of(pairs: list[DuplicatePair], position: int) -> list[int]:
    return sorted({p.b if p.a == position else p.a for p in pairs if position in (p.a, p.b)})


def groups(pairs: list[DuplicatePair]) -> list[list[int]]:
    """Groups of photos that are all duplicates of each other (cliques of verified pairs), each
    sorted, largest first. Pairs are taken surest first; a photo joins a group only when it is
    a verified duplicate of every member, so a loose pair cannot chain two families into one.
    A verified pair that joins no group (it links two groups, or one photo of a group and an
    outsider) is a group of its own two: every verified pair is in some group, and no group
    holds two photos that were not verified as duplicates."""
    verified = {(p.a, p.b) for p in pairs}

    def linked(x: int, y: int) -> bool:
        return (min(x, y), max(x, y)) in verified

    group_of: dict[int, int] = {}
    members: list[list[int]] = []
    loose: list[list[int]] = []
    for p in sorted(pairs, key=lambda p: (-p.probability, p.a, p.b)):
        ga, gb = group_of.get(p.a), group_of.get(p.b)
        if ga is None and gb is None:
            group_of[p.a] = group_of[p.b] = len(members)
            members.append([p.a, p.b])
        elif ga is not None and gb is not None:
            if ga == gb:
                continue
            if all(linked(x, y) for x in members[ga] for y in members[gb]):
                for y in members[gb]:
                    group_of[y] = ga
                members[ga].extend(members[gb])
                members[gb] = []
            else:
                loose.append([p.a, p.b])
        else:
            g, new = (ga, p.b) if ga is not None else (gb, p.a)
            if all(linked(new, x) for x in members[g]):
                group_of[new] = g
                members[g].append(new)
            else:
                loose.append([p.a, p.b])
    out = [sorted(m) for m in members if m]
    inside = {frozenset((x, y)) for m in out for i, x in enumerate(m) for y in m[i + 1:]}
    out += [sorted(m) for m in loose if frozenset(m) not in inside]
    return sorted(out, key=lambda m: (-len(m), m[0]))


def grouped_pairs(pairs: list[DuplicatePair]) -> list[DuplicatePair]:
    """The pairs in the order the list shows them: group by group (largest first), surest
    first inside a group."""
    order = {}
    for k, g in enumerate(groups(pairs)):
        for i, x in enumerate(g):
            for y in g[i + 1:]:
                order.setdefault((x, y), k)
    return sorted(pairs, key=lambda p: (order.get((p.a, p.b), len(order)), -p.probability))


def conflicts(index: PhotoIndex, pairs: list[DuplicatePair], decided: dict[tuple[str, str], str]) -> list[tuple]:
    """Duplicate pairs whose photos carry different decided tags: (pair, tag of a, tag of b).
    Tags of two products that differ only in wording (same labels: ``Black`` and ``black``) agree."""
    vocab = index.model.vocab if index.model is not None else None
    out = []
    for p in pairs:
        pa, pb = index.photos[p.a], index.photos[p.b]
        ta, tb = decided.get((pa.pid, pa.name)), decided.get((pb.pid, pb.name))
        if not ta or not tb or ta == tb:
            continue
        if vocab is not None and set(vocab.known_labels(ta)) == set(vocab.known_labels(tb)):
            continue
        if vocab is None and ta.strip().casefold() == tb.strip().casefold():
            continue
        out.append((p, ta, tb))
    return out
