"""Where the model looks: class activation maps for a tag, from the ensemble graph's own tensors.

Every head is linear over the parts the model manifest's ``network`` block declares, in its
order (today [pooled trunk features | 4 x 4 colour grid | colour histogram]), and each part is a
spatial average: the trunk's feature map pooled, the grid's cells, and the
histogram's per-pixel palette assignments (its square root is h / sqrt(h), a sum over pixels).
So a head's logit splits exactly into a map over the photo whose mean is the logit (less the
bias). A tag's map is the gradient of its log-likelihood under the member, sum over labels of
(target - probability) x the label's map, averaged over the members: the regions that raise
this tag's labels against the others. Positive parts are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from emit_gui.analysis.weights import read_tensors
from emit_gui.catalog.images import decode_image
from emit_gui.errors import UserError
from emit_gui.inference.engine import Engine
from emit_gui.inference.network_layout import (
    GRID_MEAN,
    HISTOGRAM,
    POOLED,
    NetworkLayout,
    manifest_layout,
)
from emit_gui.inference.preprocess import letterbox
from emit_gui.inference.scoring import member_targets

GRID = 32  # the map's resolution on the model input where no colour histogram sets its own grid


@dataclass
class HeatMap:
    heat: np.ndarray  # (H, W) in [0, 1] over the photo as displayed (upright), at ``size``
    peak: tuple[int, int]  # (x, y) of the maximum, in photo pixels at ``size``
    tag: str
    parts: str = "colour"


class Explainer:
    """Heat maps for one model; the heads' weights are read once from weights.safetensors."""

    def __init__(self, engine: Engine):
        self.engine = engine
        model = engine.model
        self.layout: NetworkLayout = getattr(model, "network", None) or manifest_layout(model.manifest)
        tensors = read_tensors(model.weights_path, lambda name: name.startswith("heads."))
        m = model.n_members
        self.w = np.stack([tensors[f"heads.{k}.weight"] for k in range(m)])  # (M, L, D)
        if self.w.shape[2] != self.layout.dim:  # load_model_dir refuses such a folder; say so here too
            raise UserError(f"{model.weights_path}: the heads read {self.w.shape[2]} features but the manifest's "
                            f"network layout declares {self.layout.dim}; no heat maps")
        unknown = [f.name for f in self.layout.features if f.kind not in (POOLED, GRID_MEAN, HISTOGRAM)]
        if unknown:
            raise UserError(f"{model.path}: this version cannot draw heat maps for the feature part(s) "
                            f"{', '.join(unknown)}")
        hist = self.layout.of_kind(HISTOGRAM)
        self.grid = hist[0]["side"] if hist else GRID
        self.cell_masks = {}  # per colour-grid part: which map cells each of its features covers
        self.palettes = {}  # per histogram part: its (K, 3) palette
        for f in self.layout.features:
            if f.kind == GRID_MEAN:
                self.cell_masks[f.name] = self._cell_masks(f["cells"], f["channels"])
            elif f.kind == HISTOGRAM:
                steps = f["palette"]
                grid = (np.arange(steps, dtype=np.float32) + 0.5) / steps
                self.palettes[f.name] = np.stack(np.meshgrid(grid, grid, grid, indexing="ij"), -1).reshape(-1, 3)

    def _cell_masks(self, cells: int, channels: int) -> np.ndarray:
        """(channels x cells x cells, G, G): the map cells each colour-grid feature covers, valued
        at the number of cells (the mean over the map is then the feature)."""
        g = self.grid // cells
        masks = np.zeros((channels * cells ** 2, self.grid, self.grid), np.float32)
        for c in range(channels):
            for i in range(cells):
                for j in range(cells):
                    masks[(c * cells + i) * cells + j, i * g:(i + 1) * g, j * g:(j + 1) * g] = cells ** 2
        return masks

    # ---------------------------------------------------------------- the parts
    def _part_maps(self, raw: np.ndarray, fmap: np.ndarray) -> np.ndarray:
        """(D, GRID, GRID) 'feature densities', the manifest's parts in its order: feature d's
        value is the mean of its map, so a head's logit map is w . maps (exact up to the
        histogram's epsilon)."""
        return np.concatenate([self._part_map(f, raw, fmap) for f in self.layout.features], axis=0)

    def _part_map(self, f, raw: np.ndarray, fmap: np.ndarray) -> np.ndarray:
        grid, s = self.grid, raw.shape[1]
        if f.kind == POOLED:
            # each of the h x w cells carries the local features; nearest upsampling keeps means
            if fmap.shape[0] != f.dim:
                raise UserError(f"{self.engine.model.path}: the graph's feature map has {fmap.shape[0]} channels, "
                                f"the manifest's network layout {f.dim} {f.name} features")
            h = fmap.shape[1]
            return np.repeat(np.repeat(fmap, grid // h, axis=1), grid // h, axis=2)
        if f.kind == GRID_MEAN:
            # cell value x (number of cells), spread over the cell
            cells, channels = f["cells"], f["channels"]
            x = (raw.astype(np.float32) - f.get("mean", 0.0)) / f.get("std", 1.0)
            b = s // cells
            means = x.reshape(channels, cells, b, cells, b).mean(axis=(2, 4))
            return means.reshape(channels * cells ** 2)[:, None, None] * self.cell_masks[f.name]
        # palette histogram: each pixel's soft palette assignment, foreground-weighted
        palette = self.palettes[f.name]
        q = s // grid
        px = raw.astype(np.float32).reshape(3, grid, q, grid, q).mean(axis=(2, 4)) / 255.0  # (3, G, G)
        d2 = ((px[None] - palette[:, :, None, None]) ** 2).sum(1)  # (K, G, G)
        a = np.exp(-(d2 - d2.min(0, keepdims=True)) / f["tau"])
        assign = a / a.sum(0, keepdims=True)
        fg = 1.0 - 1.0 / (1.0 + np.exp(-(px.min(0) - f["white"]) / f["white_soft"]))
        total = fg.sum() + 1e-3
        hist = (assign * fg).sum((1, 2)) / total
        per_pixel = assign * fg / total * (grid * grid)  # mean over the grid = hist
        return f["scale"] * per_pixel / np.sqrt(hist + 1e-6)[:, None, None]

    def tag_map(self, raw: np.ndarray, tag: str, parts: str = "colour") -> np.ndarray:
        """(GRID, GRID) on the model input: where the photo supports ``tag`` (positive) or
        speaks against it (negative).

        ``parts="colour"`` (the default) maps the colour evidence, the histogram and the colour
        grid, which is pixel-precise and is what tells one option from another; ``"all"`` adds the
        trunk's shape and texture evidence, exact too but only 4 x 4 cells at the model's 128 px,
        so it smears: on photos with a pasted colour patch the colour map peaks on the patch for
        95% of them, the full map for 77% (tests/test_analysis.py, bench_search.py)."""
        model = self.engine.model
        probs, _feats, fmap = self.engine.infer_maps(raw[None])
        targets = member_targets(model.vocab, model.masks, [tag])[:, 0, :]  # (M, L)
        direction = targets - probs[0]  # d log p(tag) / d logits, per member
        w = np.einsum("ml,mld->d", direction, self.w) / model.n_members
        maps = self._part_maps(raw, fmap[0])
        if parts == "colour":  # every part but the trunk's
            keep = np.concatenate([np.arange(a, b) for f, a, b in self.layout.spans() if f.kind != POOLED] or
                                  [np.zeros(0, int)])
            return np.tensordot(w[keep], maps[keep], axes=1)
        return np.tensordot(w, maps, axes=1)

    # ---------------------------------------------------------------- on a photo
    def explain(self, path: Path, tag: str, size: int = 512, parts: str = "colour") -> HeatMap:
        """The tag's heat map over the photo (upright), its longer side at ``size``."""
        photo = decode_image(path, max(size, self.engine.model.size))
        return self.explain_image(photo, tag, size, parts)

    def explain_image(self, photo: Image.Image, tag: str, size: int = 512, parts: str = "colour") -> HeatMap:
        s = self.engine.model.size
        raw = letterbox(photo, s)
        grid_map = np.maximum(self.tag_map(raw, tag, parts), 0.0)
        up = np.asarray(Image.fromarray(grid_map.astype(np.float32), mode="F").resize((s, s), Image.Resampling.BILINEAR))
        scale = s / max(photo.size)
        w, h = max(1, round(photo.width * scale)), max(1, round(photo.height * scale))
        x0, y0 = (s - w) // 2, (s - h) // 2
        crop = up[y0:y0 + h, x0:x0 + w]
        k = size / max(photo.size)
        out_w, out_h = max(1, round(photo.width * k)), max(1, round(photo.height * k))
        heat = np.asarray(Image.fromarray(np.ascontiguousarray(crop), mode="F").resize((out_w, out_h), Image.Resampling.BILINEAR))
        top = float(heat.max())
        heat = heat / top if top > 0 else np.zeros_like(heat)
        y, x = np.unravel_index(int(np.argmax(heat)), heat.shape)
        return HeatMap(heat=heat.astype(np.float32), peak=(int(x), int(y)), tag=tag, parts=parts)


def heat_rgba(heat: np.ndarray, alpha: float = 0.55) -> np.ndarray:
    """(H, W) in [0, 1] -> uint8 (H, W, 4): blue -> yellow -> red, more opaque where hotter."""
    h = np.clip(heat, 0, 1)[..., None]
    colour = np.concatenate([np.clip(2 * h, 0, 1), np.clip(2 - 2 * h, 0, 1) * np.clip(2 * h, 0, 1), 1 - h], -1)
    a = alpha * np.clip(h * 1.5, 0, 1)
    return (np.concatenate([colour, a], -1) * 255).astype(np.uint8)


def overlay(photo: Image.Image, heat: np.ndarray, alpha: float = 0.55) -> Image.Image:
    """The photo with the heat map laid over it."""
    base = photo.convert("RGB").resize((heat.shape[1], heat.shape[0]), Image.Resampling.BILINEAR)
    rgba = heat_rgba(heat, alpha).astype(np.float32) / 255
    a = rgba[..., 3:]
    mixed = np.asarray(base, np.float32) / 255 * (1 - a) + rgba[..., :3] * a
    return Image.fromarray((mixed * 255).astype(np.uint8))
