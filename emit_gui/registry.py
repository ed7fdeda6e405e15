"""Model versions: the bundled default plus every model ``retrain`` promoted.

Versions live in ``<data>/models/<version>/``; ``<data>/models/active.json`` names the one in
use. A version folder is complete before the pointer names it (write, verify, then switch
the pointer with an atomic rename), so a kill at any moment leaves the previous model active
and intact.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from emit_gui.errors import UserError
from emit_gui.paths import data_dir, fsync_dir, resources_dir

DEFAULT = "default"


def models_dir() -> Path:
    path = data_dir() / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _pointer() -> Path:
    return models_dir() / "active.json"


def bundled_default() -> Path:
    return resources_dir() / "models" / "default"


def version_path(version: str) -> Path:
    return bundled_default() if version == DEFAULT else models_dir() / version


def active_version() -> str:
    try:
        data = json.loads(_pointer().read_text(encoding="utf-8"))
        version = str(data["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return DEFAULT
    if version != DEFAULT and not (version_path(version) / "manifest.json").is_file():
        return DEFAULT  # a pointer to a missing folder is never followed
    return version


def active_path() -> Path:
    return version_path(active_version())


def set_active(version: str) -> None:
    """Switch the active model atomically (after verifying the version loads)."""
    from emit_gui.inference.model_dir import load_model_dir

    load_model_dir(version_path(version))  # raises a UserError for a missing or damaged version
    tmp = _pointer().with_name(f"active.json.tmp-{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"version": version, "at": datetime.now(timezone.utc).isoformat()}, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, _pointer())
    fsync_dir(models_dir())


def new_version_name() -> str:
    existing = [p.name for p in models_dir().iterdir() if p.is_dir() and p.name.startswith("v")]
    n = 1 + max((int(name[1:4]) for name in existing if name[1:4].isdigit()), default=0)
    return f"v{n:03d}-{datetime.now():%Y%m%d-%H%M%S}"


@dataclass
class VersionInfo:
    version: str
    path: Path
    active: bool
    created: str
    figures: dict
    ok: bool
    note: str = ""


def list_versions() -> list[VersionInfo]:
    from emit_gui.inference.model_dir import load_model_dir

    active = active_version()
    names = [DEFAULT] + sorted(p.name for p in models_dir().iterdir() if p.is_dir() and not p.name.startswith("."))
    out = []
    for name in names:
        path = version_path(name)
        try:
            model = load_model_dir(path)
            m = model.manifest
            report = m.get("retrain_report", {})
            figures = report.get("new") or m.get("validation_figures") or {}
            if "sets" in report:  # a report of format 1: each set's figures after retraining
                figures = {k: v.get("after", {}) for k, v in report["sets"].items()}
            note = report.get("decision", "")
            if note == "needs_confirmation":
                note = "confirmed" if name == active else "staged: `emit-gui models use` switches to it"
            out.append(VersionInfo(name, path, name == active, m.get("created", ""), figures, True, note))
        except UserError as exc:
            out.append(VersionInfo(name, path, name == active, "", {}, False, str(exc)))
    return out


def base_datasets(manifest: dict, model_path: Path, explicit: list[str] | None = None) -> tuple[list[Path], str]:
    """The dataset(s) a model was trained on, where they can be found, and a note on what was
    not: ``explicit`` (``retrain --base``) first, else the manifest's ``training.datasets``, a
    relative one looked up from the working folder, the project folder (beside the bundled
    resources) and the model folder's parents. A dataset counts only if it holds at least one
    of the model's validation products (the same split it was trained with)."""
    training = manifest.get("training", {}) if isinstance(manifest, dict) else {}
    val = [str(v) for v in training.get("val_products", []) or []]
    if explicit:
        found = [Path(d) for d in explicit]
        missing = [str(d) for d in found if not d.is_dir()]
        if missing:
            raise UserError(f"--base {missing[0]}: no such folder")
        return found, ""
    named = [str(d) for d in training.get("datasets", []) or [] if isinstance(d, str)]
    if not named:
        return [], "the model names no training dataset"
    roots = [Path.cwd(), resources_dir().parent, model_path, *model_path.parents]
    found, lost = [], []
    for d in named:
        candidates = [Path(d)] if Path(d).is_absolute() else [r / d for r in roots]
        hit = next((c.resolve() for c in candidates
                    if c.is_dir() and (not val or any((c / pid).is_dir() for pid in val[:50]))), None)
        (found.append(hit) if hit is not None else lost.append(d))
    note = (f"the model's training data ({', '.join(lost)}) was not found: its validation products take no "
            "part in the judgement (--base DATASET names it)") if lost else ""
    return found, note


def check_version_name(version: str) -> str:
    if version != DEFAULT and (not version or "/" in version or "\\" in version or version.startswith(".")):
        raise UserError(f"{version!r} is not a model version name")
    if not (version_path(version) / "manifest.json").is_file():
        raise UserError(f"no model version {version!r}; `emit-gui models` lists them")
    return version
