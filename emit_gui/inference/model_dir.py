"""Model folders: what is in one, and loading it with every file's checksum verified."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from emit_gui.errors import UserError
from emit_gui.hashing import sha256_file
from emit_gui.inference.calibration import Calibration
from emit_gui.tags import Vocabulary

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
ONNX_FILE = "ensemble.onnx"
WEIGHTS_FILE = "weights.safetensors"


def default_model_path() -> Path:
    """``$EMIT_GUI_MODEL``, else the active version (``emit-gui models use``), else the model
    that ships in ``resources/models/default``."""
    env = os.environ.get("EMIT_GUI_MODEL")
    if env:
        return Path(env)
    from emit_gui.registry import active_path

    return active_path()


@dataclass
class ModelDir:
    path: Path
    manifest: dict
    vocab: Vocabulary
    masks: np.ndarray  # (M, L)
    size: int
    calibration: Calibration
    val_products: list[str] = field(default_factory=list)

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


def load_model_dir(path: str | Path | None = None, *, verify: bool = True) -> ModelDir:
    """Read and verify a model folder; a UserError names the file and what is wrong with it."""
    path = Path(path) if path else default_model_path()
    manifest_path = path / MANIFEST
    if not path.is_dir():
        raise UserError(f"{path}: no such model folder")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"{manifest_path}: missing; not a model folder") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"{manifest_path}: damaged ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format_version") != FORMAT_VERSION:
        raise UserError(f"{manifest_path}: unsupported model format {manifest.get('format_version')!r}"
                        if isinstance(manifest, dict) else f"{manifest_path}: not a model manifest")
    files = manifest.get("files") or {}
    for name in (ONNX_FILE, WEIGHTS_FILE):
        if name not in files:
            raise UserError(f"{manifest_path}: lists no checksum for {name}")
        if not (path / name).is_file():
            raise UserError(f"{path / name}: missing from the model folder")
        if verify and sha256_file(path / name) != files[name]:
            raise UserError(f"{path / name}: checksum mismatch; the model was changed or truncated, refusing it")
    try:
        vocab = Vocabulary.from_json(manifest["vocabulary"])
        masks = np.array([m["mask"] for m in manifest["members"]], dtype=np.float32)
        size = int(manifest["input"]["size"])
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(f"{manifest_path}: damaged ({type(exc).__name__}: {exc})") from None
    if masks.ndim != 2 or masks.shape[1] != len(vocab):
        raise UserError(f"{manifest_path}: member masks do not match the vocabulary")
    return ModelDir(path=path, manifest=manifest, vocab=vocab, masks=masks, size=size,
                    calibration=Calibration.from_json(manifest.get("calibration")),
                    val_products=list(manifest.get("training", {}).get("val_products", [])))
