"""Datasets for training: labelled EMIT folders in one or more tag languages, split by product."""

from __future__ import annotations

import random
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from emit_gui.catalog import ImageDecodeError, scan
from emit_gui.inference.preprocess import load_input


@dataclass
class LabelledProduct:
    pid: str
    paths: list[Path]
    # per profile name: (option tags, the tag of each photo)
    tags: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)


def load_labelled(roots: list[Path], profiles: list[str], log=print) -> list[LabelledProduct]:
    """Products labelled in every given profile, with every photo usable and full cover holding."""
    out: list[LabelledProduct] = []
    skipped = 0
    for root in roots:
        catalogs = {prof: scan(root, prof).by_pid() for prof in profiles}
        first = catalogs[profiles[0]]
        for pid, product in first.items():
            views = [catalogs[prof].get(pid) for prof in profiles]
            if any(v is None or not v.usable or not v.labelled or not all(im.usable for im in v.images)
                   for v in views):
                skipped += 1
                continue
            names = [im.name for im in product.images]
            if any([im.name for im in v.images] != names for v in views):
                skipped += 1
                continue
            lp = LabelledProduct(pid=f"{root.name}/{pid}" if len(roots) > 1 else pid,
                                 paths=[im.path for im in product.images])
            for prof, v in zip(profiles, views, strict=True):
                lp.tags[prof] = (list(v.optional_tags), [im.tag for im in v.images])
            out.append(lp)
    if skipped:
        log(f"skipped {skipped} products that are not fully labelled in {', '.join(profiles)} or have bad photos")
    return out


def split_products(products: list[LabelledProduct], val_share: float, seed: int):
    """Products (never photos) into train and validation, the same for the same seed."""
    order = sorted(products, key=lambda p: p.pid)
    random.Random(seed).shuffle(order)
    n_val = int(round(len(order) * val_share))
    return order[n_val:], order[:n_val]


def _load(args):
    path, size = args
    try:
        return load_input(path, size)
    except ImageDecodeError as exc:
        return str(exc.problem)


def decode_all(paths: list[Path], size: int, workers: int = 2, log=print) -> tuple[np.ndarray, list[int]]:
    """uint8 (N, 3, size, size) for every decodable photo, and the indices that failed."""
    out = np.zeros((len(paths), 3, size, size), dtype=np.uint8)
    bad: list[int] = []
    jobs = [(p, size) for p in paths]
    if workers > 1 and len(paths) > 200:
        with ProcessPoolExecutor(workers) as pool:
            results = pool.map(_load, jobs, chunksize=64)
            for i, r in enumerate(results):
                if isinstance(r, str):
                    bad.append(i)
                    log(f"skipped: {r}")
                else:
                    out[i] = r
    else:
        for i, job in enumerate(jobs):
            r = _load(job)
            if isinstance(r, str):
                bad.append(i)
                log(f"skipped: {r}")
            else:
                out[i] = r
    return out, bad


def eprint(*a) -> None:
    print(*a, file=sys.stderr, flush=True)
