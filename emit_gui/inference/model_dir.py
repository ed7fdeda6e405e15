"""Model folders: what is in one, and loading it with every file's checksum verified."""

from __future__ import annotations

import json
import math
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from emit_gui.errors import FileRefused, UserError, printable, read_json_file
from emit_gui.hashing import sha256_file
from emit_gui.inference.calibration import Calibration
from emit_gui.inference.network_layout import (
    LayoutError,
    NetworkLayout,
    _short,
    check_against_weights,
    head_width,
    manifest_layout,
)
from emit_gui.tags import Vocabulary

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
ONNX_FILE = "ensemble.onnx"
WEIGHTS_FILE = "weights.safetensors"


@dataclass
class ModelDir:
    path: Path
    manifest: dict
    vocab: Vocabulary
    masks: np.ndarray  # (M, L)
    size: int
    calibration: Calibration
    val_products: list[str] = field(default_factory=list)
    network: NetworkLayout | None = None  # the feature layout the heads read (manifest "network")

    @property
    def onnx_path(self) -> Path:
        return self.path / ONNX_FILE

    @property
    def weights_path(self) -> Path:
        return self.path / WEIGHTS_FILE

    @property
    def n_members(self) -> int:
        return int(self.masks.shape[0])

    @property
    def name(self) -> str:
        return self.manifest.get("name") or self.path.name

    @property
    def version_id(self) -> str:
        """Short identity: the ONNX file's checksum."""
        return self.manifest["files"][ONNX_FILE][:12]

    def proposal_key(self, decoder: str) -> str:
        """What stored proposals are keyed by: the network, and everything that turns its
        outputs into a proposal (decoder, its manifest block, calibration, the auto-accept
        point). Changing any of these (a colour weight fitted, a recalibration) leaves the ONNX
        checksum alone, and must not bring back proposals the previous decoding made."""
        import hashlib

        decoding = {k: self.manifest.get(k) for k in ("decoder", "calibration", "auto_accept")}
        digest = hashlib.sha256(json.dumps([decoder, decoding], sort_keys=True, default=str).encode()).hexdigest()
        return f"{self.name}-{self.version_id}-{digest[:8]}"


MANIFEST_LIMIT = 32 * 1024 * 1024  # a manifest is some kilobytes; vocabularies grow, not that much
FILE_LIMIT = 2 * 1024 ** 3  # ONNX (protobuf) cannot be larger; no weights file of ours comes close
INPUT_SIZES = (16, 1024)
MAX_MEMBERS = 64
MAX_LABELS = 100_000


def _refuse(path: Path, why: str) -> UserError:
    return UserError(f"{printable(str(path))}: {why}; refusing the model")


def _regular_size(path: Path) -> int:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise UserError(f"{printable(str(path))}: missing from the model folder") from None
    except OSError as exc:
        raise _refuse(path, f"cannot read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(st.st_mode):
        raise _refuse(path, "not a regular file")
    if st.st_size > FILE_LIMIT:
        raise _refuse(path, f"{st.st_size:,} bytes is over the {FILE_LIMIT:,}-byte limit")
    return st.st_size


def check_safetensors(path: Path) -> dict:
    """A safetensors file is an 8-byte header length, a JSON header, then raw tensors. Anything
    else (a pickle or a PyTorch checkpoint renamed) is refused by looking, never by loading.
    Returns the header (tensor name -> dtype, shape, offsets)."""
    size = _regular_size(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(9)
            n = int.from_bytes(head[:8], "little") if len(head) >= 8 else -1
            if head[:1] == b"\x80" or head[:2] == b"PK":
                raise _refuse(path, "is a Python pickle or a PyTorch checkpoint, not safetensors (it was not loaded)")
            if n < 2 or n > min(size - 8, 100 * 1024 * 1024) or head[8:9] != b"{":
                raise _refuse(path, "is not a safetensors file (no valid header)")
            header = json.loads((b"{" + fh.read(n - 1)).decode("utf-8"))
    except UserError:
        raise
    except (OSError, ValueError, RecursionError) as exc:
        raise _refuse(path, f"is not a safetensors file ({type(exc).__name__})") from None
    if not isinstance(header, dict):
        raise _refuse(path, "is not a safetensors file (its header is not a JSON object)")
    return header


def _network(manifest: dict, manifest_path: Path, header: dict, n_members: int) -> NetworkLayout:
    """The manifest's feature layout (or, for an older manifest, the one it stands for), checked
    against the weights' tensor shapes."""
    shapes = {k: v.get("shape") for k, v in header.items() if isinstance(v, dict)}
    try:
        layout = manifest_layout(manifest, head_width(shapes))
        check_against_weights(layout, shapes, n_members)
    except LayoutError as exc:
        raise _refuse(manifest_path, printable(str(exc))[:300]) from None
    return layout


def _check_onnx_file(path: Path) -> None:
    _regular_size(path)
    marker = b"\n\x08location"  # a TensorProto's external_data entry {key: "location"}
    with open(path, "rb") as fh:
        tail = b""
        first = True
        while chunk := fh.read(1 << 22):
            if first and not chunk.startswith(b"\x08"):  # ModelProto opens with ir_version (field 1)
                raise _refuse(path, "is not an ONNX model")
            first = False
            if marker in tail + chunk:
                raise _refuse(path, "keeps its weights in external files; emit-gui only loads "
                                    "self-contained models")
            tail = chunk[-len(marker):]
    if first:
        raise _refuse(path, "is empty")


def _finite_number(value, what: str, manifest_path: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _refuse(manifest_path, f"{what} is not a number ({type(value).__name__})")
    x = float(value)
    if not math.isfinite(x):
        raise _refuse(manifest_path, f"{what} is not finite ({value})")
    return x


def _calibration(data, manifest_path: Path) -> Calibration:
    if data is None:
        return Calibration()
    if not isinstance(data, dict):
        raise _refuse(manifest_path, "calibration is not a JSON object")
    values = {k: _finite_number(data[k], f"calibration {k}", manifest_path)
              for k in ("temperature", "a", "b", "c") if k in data}
    t = values.get("temperature", 1.0)
    if not 1e-4 <= t <= 1e4:
        raise _refuse(manifest_path, f"calibration temperature must be over 0 (1e-4 to 1e4), found {t}")
    method = data.get("method", "softmax")
    if method not in ("softmax", "marginal"):
        raise _refuse(manifest_path, f"calibration method must be softmax or marginal, found {method!r}")
    return Calibration(**values, method=method)


def load_model_dir(path: str | Path, *, verify: bool = True) -> ModelDir:
    """Read and verify a model folder as a whole; a UserError names the file and what is wrong
    with it. The graph itself (inputs, outputs, a probe batch) is checked by the Engine.
    Which folder is ``emit_gui.registry.resolve_model``'s answer."""
    if path in (None, ""):
        raise TypeError("load_model_dir needs a folder: emit_gui.registry.resolve_model() says which")
    path = Path(path)
    manifest_path = path / MANIFEST
    if not path.is_dir():
        raise UserError(f"{printable(str(path))}: no such model folder")
    try:
        manifest = read_json_file(manifest_path, MANIFEST_LIMIT)
    except FileNotFoundError:
        raise UserError(f"{printable(str(manifest_path))}: missing; not a model folder") from None
    except FileRefused as exc:
        raise _refuse(manifest_path, f"damaged ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format_version") != FORMAT_VERSION:
        raise UserError(f"{manifest_path}: unsupported model format {_short(manifest.get('format_version'))}"
                        if isinstance(manifest, dict) else f"{manifest_path}: not a model manifest")
    files = manifest.get("files") or {}
    if not isinstance(files, dict):
        raise _refuse(manifest_path, "files is not a JSON object")
    for name in (ONNX_FILE, WEIGHTS_FILE):
        if name not in files:
            raise UserError(f"{manifest_path}: lists no checksum for {name}")
        _regular_size(path / name)
        if verify and sha256_file(path / name) != files[name]:
            raise UserError(f"{path / name}: checksum mismatch; the model was changed or truncated, refusing it")
    header = check_safetensors(path / WEIGHTS_FILE)
    _check_onnx_file(path / ONNX_FILE)
    try:
        vocab = Vocabulary.from_json(manifest["vocabulary"])
        members = manifest["members"]
        if not isinstance(members, list) or not 1 <= len(members) <= MAX_MEMBERS:
            raise ValueError(f"members must be a list of 1 to {MAX_MEMBERS}")
        masks = np.array([m["mask"] for m in members], dtype=np.float32)
        size_value = manifest["input"]["size"]
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError, OverflowError) as exc:
        raise _refuse(manifest_path, f"damaged ({type(exc).__name__}: {printable(str(exc))[:160]})") from None
    if len(vocab) > MAX_LABELS:
        raise _refuse(manifest_path, f"{len(vocab):,} labels is over the {MAX_LABELS:,} limit")
    if masks.ndim != 2 or masks.shape[1] != len(vocab):
        raise UserError(f"{manifest_path}: member masks do not match the vocabulary")
    if not np.isfinite(masks).all() or not np.isin(masks, (0.0, 1.0)).all():
        raise _refuse(manifest_path, "member masks must hold only 0 and 1")
    size = _finite_number(size_value, "input size", manifest_path)
    if size != int(size) or not INPUT_SIZES[0] <= size <= INPUT_SIZES[1]:
        raise _refuse(manifest_path, f"input size must be a whole number of pixels from {INPUT_SIZES[0]} "
                                     f"to {INPUT_SIZES[1]}, found {size_value}")
    network = _network(manifest, manifest_path, header, len(masks))
    val = (manifest.get("training") or {}).get("val_products", []) if isinstance(manifest.get("training"), dict) else []
    return ModelDir(path=path, manifest=manifest, vocab=vocab, masks=masks, size=int(size),
                    calibration=_calibration(manifest.get("calibration"), manifest_path),
                    val_products=[str(v) for v in val] if isinstance(val, list) else [], network=network)


