"""The photo index: for every readable photo of an opened folder, the ensemble's label
distributions, the photo's embedding and its perceptual hashes.

Kept on disk per model version (``<data dir>/index/<model id>.npz``), keyed by the photo's
sha256, so a second search, a reopened folder or a moved folder costs no model run. The review
window builds it in a worker the first time a search, "photos like this" or the duplicate check
needs it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from PIL import Image

from emit_gui.analysis.phash import COPY_BYTES, copy_signature, signature
from emit_gui.catalog import Catalog, Problem
from emit_gui.catalog.images import ImageDecodeError, decode_image
from emit_gui.errors import UserError
from emit_gui.hashing import sha256_file
from emit_gui.inference.engine import Engine
from emit_gui.inference.pipeline import run_images
from emit_gui.paths import data_dir


@dataclass(frozen=True)
class IndexedPhoto:
    pid: str
    name: str
    path: Path
    key: str  # sha256 of the file


class PhotoIndex:
    def __init__(self, model, photos: list[IndexedPhoto], probs: np.ndarray, feats: np.ndarray,
                 hashes: np.ndarray, thumbs: np.ndarray, hists: np.ndarray | None = None, problems: list[tuple[str, str, Problem]] | None = None,
                 computed: int = 0, copies: np.ndarray | None = None, sizes: np.ndarray | None = None):
        self.model = model
        self.photos = photos
        self.probs = probs  # (N, M, L) float16
        self.feats = feats  # (N, D) float16
        self.hashes = hashes  # (N, 2) uint64: perceptual hash of the photo and of its mirror
        self.thumbs = thumbs  # (N, 192) uint8: 8 x 8 RGB thumbnails
        self.hists = hists if hists is not None else np.zeros((len(photos), 64), np.float16)  # colour histograms
        # what the duplicate check aligns: grey 48 x 48 and colour 16 x 16 pictures, and the photos' sizes
        self.copies = copies if copies is not None else np.zeros((len(photos), COPY_BYTES), np.uint8)
        self.sizes = sizes if sizes is not None else np.zeros((len(photos), 2), np.int32)
        self.options: dict[str, list[str]] | None = None  # each product's option tags, when known
        self.problems = problems or []
        self.computed = computed  # photos the model ran on to build this index (the rest came from the cache)
        self._where = {(p.pid, p.name): i for i, p in enumerate(photos)}

    def __len__(self) -> int:
        return len(self.photos)

    def position(self, pid: str, name: str) -> int | None:
        return self._where.get((pid, name))

    @cached_property
    def log_probs(self) -> np.ndarray:
        """(M, N, L) float32 log-probabilities, what tag scoring multiplies with."""
        return np.log(np.clip(self.probs.astype(np.float32), 1e-7, 1.0)).transpose(1, 0, 2).copy()

    @cached_property
    def unit_feats(self) -> np.ndarray:
        """Embeddings centred on the folder's mean and scaled to unit length (cosine = dot)."""
        f = self.feats.astype(np.float32)
        f = f - f.mean(axis=0, keepdims=True) if len(f) > 1 else f
        return f / (np.linalg.norm(f, axis=1, keepdims=True) + 1e-8)


class IndexCache:
    """Rows by photo sha256 for one model version, in one .npz (no pickles)."""

    def __init__(self, path: Path | None):
        self.path = path  # None: in memory only
        # probs, feats, hashes, thumbs, hists, copies, size; a cache written before the duplicate
        # check aligned photos has no copies/sizes: those rows keep the model's outputs and only
        # the photo's signature is computed again
        self.rows: dict[str, tuple[np.ndarray, ...]] = {}
        self._lock = threading.Lock()
        if path is not None and path.is_file():
            try:
                with np.load(path, allow_pickle=False) as z:
                    n = len(z["keys"])
                    copies = z["copies"] if "copies" in z.files else [None] * n
                    sizes = z["sizes"] if "sizes" in z.files else [None] * n
                    for row in zip(z["keys"], z["probs"], z["feats"], z["hashes"], z["thumbs"], z["hists"], copies, sizes):
                        self.rows[str(row[0])] = row[1:]
            except Exception:  # noqa: BLE001 - a damaged cache is rebuilt, never trusted
                self.rows = {}

    @classmethod
    def for_model(cls, model) -> IndexCache:
        folder = data_dir() / "index"
        folder.mkdir(parents=True, exist_ok=True)
        return cls(folder / f"{model.version_id}.npz")

    def save(self) -> None:
        with self._lock:
            if not self.rows or self.path is None:
                return
            keys = [k for k, r in self.rows.items() if r[5] is not None]
            tmp = self.path.with_name(f".{self.path.stem}.{os.getpid()}.{threading.get_ident()}.tmp.npz")
            np.savez(tmp, keys=np.array(keys), probs=np.stack([self.rows[k][0] for k in keys]),
                     feats=np.stack([self.rows[k][1] for k in keys]), hashes=np.stack([self.rows[k][2] for k in keys]),
                     thumbs=np.stack([self.rows[k][3] for k in keys]), hists=np.stack([self.rows[k][4] for k in keys]),
                     copies=np.stack([self.rows[k][5] for k in keys]), sizes=np.stack([self.rows[k][6] for k in keys]))
            os.replace(tmp, self.path)


def _photos_of(catalog: Catalog) -> list[tuple[str, str, Path]]:
    return [(p.pid, im.name, im.path) for p in catalog.products for im in p.images if im.usable]


def build_index(
    engine: Engine,
    catalog: Catalog,
    *,
    use_cache: bool = True,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
    batch: int = 32,
    workers: int = 2,
) -> PhotoIndex:
    """Index every readable photo of ``catalog``; only photos not in the cache meet the model."""
    if not engine.has_features:
        raise UserError(f"{engine.model.path}: this model predates search and heat maps (its graph has no "
                        "'features' output); add them with `python -m model.onnx_outputs "
                        f"{engine.model.path}` or retrain")
    listed = _photos_of(catalog)
    cache = IndexCache.for_model(engine.model) if use_cache else IndexCache(None)
    problems: list[tuple[str, str, Problem]] = []
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="emit-hash") as pool:
        hashed = list(pool.map(_key, [t[2] for t in listed]))
        keys: list[str | None] = []
        for (pid, name, _path), (key, problem) in zip(listed, hashed):
            keys.append(key)
            if problem is not None:
                problems.append((pid, name, problem))
        # only photos the cache does not know (or knows without their signature) are decoded (small)
        todo = [i for i, k in enumerate(keys) if k is not None and k not in cache.rows]
        resign = [i for i, k in enumerate(keys) if k is not None and k in cache.rows and cache.rows[k][5] is None]
        for i, (sig, problem) in zip(resign, pool.map(_signature, [listed[i][2] for i in resign])):
            if problem is None:
                cache.rows[keys[i]] = (*cache.rows[keys[i]][:2], *sig)
            else:
                problems.append((listed[i][0], listed[i][1], problem))
                keys[i] = None
        signatures: dict[str, tuple[np.ndarray, ...]] = {}
        for i, (sig, problem) in zip(todo, pool.map(_signature, [listed[i][2] for i in todo])):
            if problem is not None:
                problems.append((listed[i][0], listed[i][1], problem))
                keys[i] = None
            else:
                signatures[keys[i]] = sig
    todo = [i for i in todo if keys[i] is not None]

    def infer(arr: np.ndarray) -> list:
        probs, feats = engine.infer_features(arr)
        return [(probs[r].astype(np.float16), feats[r].astype(np.float16)) for r in range(len(arr))]

    for n, row, problem in run_images(engine, [listed[i][2] for i in todo], batch=batch, workers=workers,
                                      cancel=cancel, progress=progress, infer=infer):
        i = todo[n]
        if problem is not None:
            problems.append((listed[i][0], listed[i][1], problem))
            keys[i] = None
        else:
            cache.rows[keys[i]] = (*row, *signatures[keys[i]])
    if todo or resign:
        cache.save()
    keep = [i for i, k in enumerate(keys) if k is not None and k in cache.rows]
    photos = [IndexedPhoto(listed[i][0], listed[i][1], listed[i][2], keys[i]) for i in keep]
    n_members, n_labels = engine.model.n_members, len(engine.model.vocab)
    rows = [cache.rows[keys[i]] for i in keep]
    if rows:
        probs, feats, hashes, thumbs, hists, copies, sizes = (np.stack([r[j] for r in rows]) for j in range(7))
    else:
        probs = np.zeros((0, n_members, n_labels), np.float16)
        feats, hashes, thumbs = np.zeros((0, 1), np.float16), np.zeros((0, 2), np.uint64), np.zeros((0, 192), np.uint8)
        hists, copies, sizes = np.zeros((0, 64), np.float16), np.zeros((0, COPY_BYTES), np.uint8), np.zeros((0, 2), np.int32)
    if progress is not None and not todo:
        progress(len(listed), len(listed))
    index = PhotoIndex(engine.model, photos, probs, feats, hashes, thumbs, hists, problems, computed=len(todo),
                       copies=copies, sizes=sizes)
    index.options = {p.pid: list(p.optional_tags) for p in catalog.products}
    return index


def build_signature_index(catalog: Catalog, *, workers: int = 2) -> PhotoIndex:
    """An index of the photos' signatures only (no model, nothing cached): all the duplicate
    check needs. Search and heat maps need :func:`build_index`."""
    listed = _photos_of(catalog)
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="emit-hash") as pool:
        done = list(pool.map(_signature, [t[2] for t in listed]))
    photos, rows, problems = [], [], []
    for (pid, name, path), (sig, problem) in zip(listed, done):
        if problem is not None:
            problems.append((pid, name, problem))
        else:
            photos.append(IndexedPhoto(pid, name, path, ""))
            rows.append(sig)
    n = len(photos)

    def col(j, empty):
        return np.stack([r[j] for r in rows]) if rows else empty

    return PhotoIndex(None, photos, np.zeros((n, 0, 0), np.float16), np.zeros((n, 0), np.float16),
                      col(0, np.zeros((0, 2), np.uint64)), col(1, np.zeros((0, 192), np.uint8)),
                      col(2, np.zeros((0, 64), np.float16)), problems,
                      copies=col(3, np.zeros((0, COPY_BYTES), np.uint8)), sizes=col(4, np.zeros((0, 2), np.int32)))


def _key(path: Path) -> tuple[str | None, Problem | None]:
    try:
        return sha256_file(path), None
    except OSError as exc:
        return None, Problem("unreadable", f"could not be read ({exc.strerror or exc})", path)


def _signature(path: Path) -> tuple[tuple | None, Problem | None]:
    """Perceptual hashes, thumbnail, colour histogram and the duplicate check's pictures from a
    small decode (JPEG draft mode makes it cheap), with the photo's size; or the photo's problem."""
    try:
        photo = decode_image(path, 128)
    except ImageDecodeError as exc:
        return None, exc.problem
    try:
        with Image.open(path) as im:
            size = np.array(im.size, np.int32)  # the stored size (only its area is compared)
    except Exception:  # noqa: BLE001 - it decoded above; the size is only evidence
        size = np.array(photo.size, np.int32)
    h, hm, thumb, hist = signature(photo)
    return (np.array([h, hm], dtype=np.uint64), thumb, hist, copy_signature(photo), size), None
