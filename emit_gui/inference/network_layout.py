"""The network's feature layout, as the model manifest declares it (``"network"``).

Every head of the ensemble is linear over one feature vector made of parts side by side: the
trunk's pooled features, a grid of mean colours, a foreground colour histogram. The manifest
says which parts, in which order, how wide, and with which constants, for example::

    "network": {"trunk": "efficientnet-lite0", "features": [
        {"name": "trunk", "kind": "pooled", "dim": 1280, "tensor": "trunk._conv_head.weight"},
        {"name": "colour_grid", "kind": "grid_mean", "dim": 48, "cells": 4, "channels": 3,
         "mean": 127.0, "std": 128.0},
        {"name": "colour_hist", "kind": "palette_histogram", "dim": 64, "palette": 4, "side": 32,
         "tau": 0.02, "scale": 4.0, "white": 0.9, "white_soft": 0.02}]}

Heat maps read it instead of constants, and a model folder whose layout disagrees with its
weights' shapes is refused when it loads. Manifests written before the block existed get
theirs from ``compat_layout``, the one place that still knows the old constants.
No PyTorch here: the app reads it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

POOLED, GRID_MEAN, HISTOGRAM = "pooled", "grid_mean", "palette_histogram"
MAX_DIM = 1_000_000


class LayoutError(ValueError):
    """What is wrong with a layout, in words (the caller adds the file's name)."""


@dataclass(frozen=True)
class Feature:
    name: str
    kind: str
    dim: int
    params: dict = field(default_factory=dict)

    def __getitem__(self, key):
        return self.params[key]

    def get(self, key, default=None):
        return self.params.get(key, default)


@dataclass(frozen=True)
class NetworkLayout:
    trunk: str
    features: tuple[Feature, ...]
    declared: bool = True  # False: derived from an older manifest by compat_layout

    @property
    def dim(self) -> int:
        return sum(f.dim for f in self.features)

    def spans(self) -> list[tuple[Feature, int, int]]:
        """Each part with its [start, end) in the feature vector."""
        out, start = [], 0
        for f in self.features:
            out.append((f, start, start + f.dim))
            start += f.dim
        return out

    def of_kind(self, kind: str) -> list[Feature]:
        return [f for f in self.features if f.kind == kind]

    def to_json(self) -> dict:
        return {"trunk": self.trunk,
                "features": [{"name": f.name, "kind": f.kind, "dim": f.dim, **f.params} for f in self.features]}


def _int(value, what: str, low: int = 1, high: int = MAX_DIM) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise LayoutError(f"{what} must be a whole number from {low} to {high}, found {_short(value)}")
    return value


def _num(value, what: str, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise LayoutError(f"{what} must be a finite number, found {_short(value)}")
    if positive and value <= 0:
        raise LayoutError(f"{what} must be over 0, found {value}")
    return float(value)


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _feature(data, i: int) -> Feature:
    if not isinstance(data, dict):
        raise LayoutError(f"network feature {i} is not a JSON object")
    name, kind = data.get("name"), data.get("kind")
    if not isinstance(name, str) or not name:
        raise LayoutError(f"network feature {i} has no name")
    if not isinstance(kind, str) or not kind:
        raise LayoutError(f"network feature {name!r} has no kind")
    params = {k: v for k, v in data.items() if k not in ("name", "kind", "dim")}
    dim = data.get("dim")
    if kind == GRID_MEAN:
        cells = _int(params.get("cells"), f"{name} cells", 1, 256)
        channels = _int(params.get("channels"), f"{name} channels", 1, 16)
        _num(params.get("mean", 0.0), f"{name} mean")
        _num(params.get("std", 1.0), f"{name} std", positive=True)
        want = channels * cells * cells
    elif kind == HISTOGRAM:
        steps = _int(params.get("palette"), f"{name} palette", 1, 64)
        _int(params.get("side"), f"{name} side", 1, 1024)
        for key in ("tau", "scale", "white_soft"):
            _num(params.get(key), f"{name} {key}", positive=True)
        _num(params.get("white"), f"{name} white")
        want = steps ** 3
    else:  # the trunk, or a kind this version does not draw: its width is all it needs to say
        want = None
        if kind == POOLED and "tensor" in params and not isinstance(params["tensor"], str):
            raise LayoutError(f"{name} tensor must be a tensor name")
    if dim is None and want is not None:
        dim = want
    dim = _int(dim, f"{name} dim")
    if want is not None and dim != want:
        raise LayoutError(f"{name} dim is {dim} but its {kind} parameters make {want}")
    return Feature(name=name, kind=kind, dim=dim, params=params)


def parse_layout(data, declared: bool = True) -> NetworkLayout:
    """A manifest's ``network`` block, checked for itself; LayoutError says what is wrong."""
    if not isinstance(data, dict):
        raise LayoutError("network is not a JSON object")
    trunk = data.get("trunk")
    if not isinstance(trunk, str) or not trunk:
        raise LayoutError("network names no trunk")
    raw = data.get("features")
    if not isinstance(raw, list) or not 1 <= len(raw) <= 64:
        raise LayoutError("network features must be a list of 1 to 64 parts")
    features = tuple(_feature(f, i) for i, f in enumerate(raw))
    names = [f.name for f in features]
    if len(set(names)) != len(names):
        raise LayoutError("network features repeat a name")
    if len(features[0:1]) and features[0].kind != POOLED:
        raise LayoutError("network features must start with the trunk's pooled features")
    if len([f for f in features if f.kind == POOLED]) != 1:
        raise LayoutError("network features must hold one pooled trunk part")
    return NetworkLayout(trunk=trunk, features=features, declared=declared)


# ------------------------------------------------------------------ older manifests
# What every model folder written before the manifest declared its layout was built with:
# an EfficientNet-Lite trunk (1280 pooled features), the 4 x 4 mean-colour grid of the
# normalised input and, where ``training.architecture.colour_histogram`` says so, the 4 x 4 x 4
# palette histogram (scaled by 4). The only place these constants remain.
_OLD_TRUNK_DIM, _OLD_CELLS, _OLD_PALETTE = 1280, 4, 4


def compat_layout(manifest: dict, head_width: int | None = None) -> dict:
    """The ``network`` block an older manifest (without one) stands for. Where its training
    record does not say whether the histogram is there, the heads' width (``head_width``, from
    the weights) decides, as heat maps used to."""
    training = manifest.get("training") if isinstance(manifest.get("training"), dict) else {}
    arch = training.get("architecture") if isinstance(training.get("architecture"), dict) else {}
    trunk = arch.get("trunk") if isinstance(arch.get("trunk"), str) and arch.get("trunk") else "efficientnet-lite0"
    features = [
        {"name": "trunk", "kind": POOLED, "dim": _OLD_TRUNK_DIM, "tensor": "trunk._conv_head.weight"},
        {"name": "colour_grid", "kind": GRID_MEAN, "dim": 3 * _OLD_CELLS ** 2, "cells": _OLD_CELLS, "channels": 3,
         "mean": 127.0, "std": 128.0},
    ]
    with_hist = _OLD_TRUNK_DIM + 3 * _OLD_CELLS ** 2 + _OLD_PALETTE ** 3
    if arch.get("colour_histogram", "colour_histogram" not in arch and head_width == with_hist):
        features.append({"name": "colour_hist", "kind": HISTOGRAM, "dim": _OLD_PALETTE ** 3, "palette": _OLD_PALETTE,
                         "side": 32, "tau": 0.02, "scale": 4.0, "white": 0.9, "white_soft": 0.02})
    return {"trunk": trunk, "features": features}


def manifest_layout(manifest: dict, head_width: int | None = None) -> NetworkLayout:
    """The layout a manifest declares, else the one its older form stands for."""
    if "network" in manifest:
        return parse_layout(manifest["network"])
    return parse_layout(compat_layout(manifest, head_width), declared=False)


def head_width(shapes: dict) -> int | None:
    """The width of the features the first head reads, from the weights' tensor shapes."""
    shape = shapes.get("heads.0.weight")
    return shape[1] if isinstance(shape, list) and len(shape) == 2 and isinstance(shape[1], int) else None


def check_against_weights(layout: NetworkLayout, shapes: dict[str, list], n_members: int) -> None:
    """LayoutError where the weights' tensor shapes (name -> shape, from the safetensors header)
    disagree with the layout. A declared layout needs the heads to check against; a derived one
    is checked where the file has them."""
    heads = [f"heads.{k}.weight" for k in range(n_members)]
    if not any(h in shapes for h in heads):
        if layout.declared:
            raise LayoutError(f"the weights hold no {heads[0]} to check the network layout against")
        return
    for name in heads:
        shape = shapes.get(name)
        if not isinstance(shape, list) or len(shape) != 2:
            raise LayoutError(f"the weights' {name} is {'missing' if shape is None else f'shaped {shape}'}, "
                              f"not (labels, {layout.dim})")
        if shape[1] != layout.dim:
            raise LayoutError(f"the network layout declares {layout.dim} features "
                              f"({' + '.join(f'{f.name} {f.dim}' for f in layout.features)}) "
                              f"but the weights' {name} reads {shape[1]}")
    for f in layout.of_kind(POOLED):
        tensor = f.get("tensor")
        shape = shapes.get(tensor) if tensor else None
        if isinstance(shape, list) and shape and shape[0] != f.dim:
            raise LayoutError(f"the network layout declares {f.dim} {f.name} features "
                              f"but the weights' {tensor} makes {shape[0]}")
