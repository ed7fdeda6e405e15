"""A registered trunk (``model.backbones``: EfficientNet-Lite0, 1 or 2) with one head per
ensemble member.

The members share the trunk and differ where the EMIT paper's bagging makes them differ:
each has its own label selection (a mask over the vocabulary), its own data dropout (the
products it trains on) and its own initialisation. Sharing the trunk makes the ensemble cost
one network at inference on a CPU instead of N; the heads still vote and are still rejected
one by one when their predictions break full cover.
"""

from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn import functional as F

from model import backbones
from model.backbones import DEFAULT_TRUNK

BN = {"eps": 1e-3, "momentum": 0.01}
COLOUR_GRID = 4  # the mean colour of a 4 x 4 grid joins the features: colour is the signal
PALETTE_STEPS = 4  # a 4 x 4 x 4 RGB palette for the foreground colour histogram
HIST_SCALE = 4.0  # the histogram's features are multiplied by this: on the scale of the others
MEAN, STD = 127.0, 128.0  # the input's normalisation, inside the graph
WHITE, WHITE_SOFT = 0.9, 0.02  # pixels whose darkest channel is above 0.9 are background (soft edge)


class ColourHistogram(nn.Module):
    """The share of the garment's pixels near each of 64 palette colours.

    Each pixel is softly assigned to the palette (a 1x1 convolution computes the distances),
    near-white pixels (background, letterbox padding) are masked out, and the assignments are
    averaged. Fixed, not learned, and plain convolutions and pooling, so it exports to ONNX.
    """

    def __init__(self, steps: int = PALETTE_STEPS, side: int = 32, tau: float = 0.02):
        super().__init__()
        grid = (torch.arange(steps, dtype=torch.float32) + 0.5) / steps
        palette = torch.cartesian_prod(grid, grid, grid)  # (K, 3)
        self.register_buffer("weight", (-2.0 * palette)[:, :, None, None])
        self.register_buffer("bias", (palette ** 2).sum(1))
        self.steps, self.side, self.tau = steps, side, tau
        self.bins = palette.shape[0]

    def forward(self, raw: torch.Tensor) -> torch.Tensor:
        x = F.adaptive_avg_pool2d(raw, self.side) / 255.0
        d2 = F.conv2d(x, self.weight, self.bias) + (x * x).sum(1, keepdim=True)
        assign = torch.softmax(-d2 / self.tau, dim=1)
        fg = 1.0 - torch.sigmoid((x.min(dim=1, keepdim=True).values - WHITE) / WHITE_SOFT)
        hist = (assign * fg).sum((2, 3)) / (fg.sum((2, 3)) + 1e-3)
        return torch.sqrt(hist + 1e-6)


class MBConv(nn.Module):
    def __init__(self, cin: int, cout: int, expand: int, kernel: int, stride: int):
        super().__init__()
        mid = cin * expand
        self.has_expand = expand != 1
        if self.has_expand:
            self._expand_conv = nn.Conv2d(cin, mid, 1, bias=False)
            self._bn0 = nn.BatchNorm2d(mid, **BN)
        self._depthwise_conv = nn.Conv2d(mid, mid, kernel, stride, kernel // 2, groups=mid, bias=False)
        self._bn1 = nn.BatchNorm2d(mid, **BN)
        self._project_conv = nn.Conv2d(mid, cout, 1, bias=False)
        self._bn2 = nn.BatchNorm2d(cout, **BN)
        self.residual = stride == 1 and cin == cout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = x
        if self.has_expand:
            y = F.relu6(self._bn0(self._expand_conv(y)))
        y = F.relu6(self._bn1(self._depthwise_conv(y)))
        y = self._bn2(self._project_conv(y))
        return x + y if self.residual else y


class LiteTrunk(nn.Module):
    """EfficientNet-Lite0/1/2 up to global pooling; parameter names match the published weights
    (and every model folder's weights.safetensors: ``trunk._blocks.3._depthwise_conv.weight``)."""

    feature_dim = 1280

    def __init__(self, name: str = DEFAULT_TRUNK) -> None:
        super().__init__()
        entry = backbones.get(name)
        stages, self.feature_dim = entry.stages, entry.feature_dim
        self.name = name
        self._conv_stem = nn.Conv2d(3, 32, 3, 2, 1, bias=False)
        self._bn0 = nn.BatchNorm2d(32, **BN)
        blocks = []
        cin = 32
        for expand, kernel, stride, cout, repeats in stages:
            for i in range(repeats):
                blocks.append(MBConv(cin, cout, expand, kernel, stride if i == 0 else 1))
                cin = cout
        self._blocks = nn.ModuleList(blocks)
        self._conv_head = nn.Conv2d(cin, self.feature_dim, 1, bias=False)
        self._bn1 = nn.BatchNorm2d(self.feature_dim, **BN)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu6(self._bn0(self._conv_stem(x)))
        for block in self._blocks:
            x = block(x)
        x = F.relu6(self._bn1(self._conv_head(x)))
        return x.mean(dim=(2, 3))


Lite0Trunk = LiteTrunk  # the name older code imports


def imagenet_state(name: str) -> dict:
    """The ImageNet weights of a registered trunk (see ``Backbone.imagenet_state``)."""
    return backbones.get(name).imagenet_state()


def load_imagenet_weights(trunk: nn.Module) -> int:
    """Load the trunk's ImageNet weights. Returns how many tensors loaded."""
    state = imagenet_state(getattr(trunk, "name", DEFAULT_TRUNK))
    own = trunk.state_dict()
    loadable = {k: v for k, v in state.items() if k in own and own[k].shape == v.shape}
    missing = [k for k in own if k not in loadable and not k.endswith("num_batches_tracked")]
    if missing:
        raise RuntimeError(f"ImageNet weights do not fit the trunk: {missing[:5]}")
    trunk.load_state_dict(loadable, strict=False)
    return len(loadable)


class Ensemble(nn.Module):
    """uint8 images (B, 3, S, S) -> per-member label distributions (B, M, L).

    ``masks`` (M, L) is each member's label selection: labels outside it get no probability.
    ``trunk`` names a registered backbone (``model.backbones``).
    """

    def __init__(self, n_labels: int, masks: torch.Tensor, dropout: float = 0.2, histogram: bool = True,
                 trunk: str = DEFAULT_TRUNK):
        super().__init__()
        backbone = backbones.get(trunk)
        self.trunk = backbone.build()
        self.trunk.name = trunk  # retrain and the manifest read the trunk's name from the module
        self.n_labels = n_labels
        self.histogram = ColourHistogram() if histogram else None
        feat = backbone.feature_dim + 3 * COLOUR_GRID * COLOUR_GRID + (self.histogram.bins if histogram else 0)
        self.heads = nn.ModuleList(nn.Linear(feat, n_labels) for _ in range(masks.shape[0]))
        self.dropout = nn.Dropout(dropout)
        self.register_buffer("masks", masks.float())
        self.register_buffer("mean", torch.full((1, 3, 1, 1), MEAN))
        self.register_buffer("std", torch.full((1, 3, 1, 1), STD))
        for head in self.heads:
            nn.init.normal_(head.weight, std=1.0 / math.sqrt(feat))
            nn.init.zeros_(head.bias)

    @property
    def n_members(self) -> int:
        return len(self.heads)

    @property
    def backbone(self) -> backbones.Backbone:
        return backbones.get(self.trunk.name)

    def features(self, images: torch.Tensor) -> torch.Tensor:
        raw = images.float()
        x = (raw - self.mean) / self.std
        parts = [self.trunk(x), F.adaptive_avg_pool2d(x, COLOUR_GRID).flatten(1)]
        if self.histogram is not None:
            parts.append(self.histogram(raw) * HIST_SCALE)
        return torch.cat(parts, dim=1)

    def layout(self) -> dict:
        """The feature layout the heads read, as the model manifest declares it (``network``):
        the parts of ``features`` in order, with their widths and constants."""
        backbone = self.backbone
        trunk = {"name": "trunk", "kind": "pooled", "dim": backbone.feature_dim}
        if backbone.head_tensor:
            trunk["tensor"] = f"trunk.{backbone.head_tensor}"
        parts = [trunk, {"name": "colour_grid", "kind": "grid_mean", "dim": 3 * COLOUR_GRID ** 2,
                         "cells": COLOUR_GRID, "channels": 3, "mean": MEAN, "std": STD}]
        if self.histogram is not None:
            h = self.histogram
            parts.append({"name": "colour_hist", "kind": "palette_histogram", "dim": h.bins, "palette": h.steps,
                          "side": h.side, "tau": h.tau, "scale": HIST_SCALE, "white": WHITE, "white_soft": WHITE_SOFT})
        return {"trunk": self.trunk.name, "features": parts}

    def member_logits(self, feats: torch.Tensor) -> torch.Tensor:
        feats = self.dropout(feats)
        logits = torch.stack([head(feats) for head in self.heads], dim=1)  # (B, M, L)
        return logits.masked_fill(self.masks.unsqueeze(0) < 0.5, -1e4)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.member_logits(self.features(images)), dim=-1)


def from_network(n_labels: int, masks: torch.Tensor, network: dict) -> Ensemble:
    """The network a manifest's ``network`` block declares; ValueError where this code builds
    something else (a constant or a part it does not know)."""
    histogram = any(f.get("kind") == "palette_histogram" for f in network.get("features", []))
    net = Ensemble(n_labels, masks, histogram=histogram, trunk=network.get("trunk") or DEFAULT_TRUNK)
    if net.layout() != network:
        raise ValueError(f"this version builds {net.layout()} for the declared network {network}")
    return net


def from_architecture(n_labels: int, masks: torch.Tensor, arch: dict | None) -> Ensemble:
    """The network a model folder's ``training.architecture`` describes (older folders: Lite0),
    or a manifest's ``network`` block."""
    arch = arch or {}
    if "features" in arch:
        return from_network(n_labels, masks, arch)
    return Ensemble(n_labels, masks, histogram=bool(arch.get("colour_histogram", False)),
                    trunk=arch.get("trunk") or DEFAULT_TRUNK)
