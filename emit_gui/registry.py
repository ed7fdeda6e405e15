"""Model versions, and the one answer to "which model": :func:`resolve_model`.

Versions are the bundled default plus every model ``retrain`` promoted; they live in
``<data>/models/<version>/`` and ``<data>/models/active.json`` names the one in use. A version
folder is complete before the pointer names it (write, verify, then switch the pointer with an
atomic rename), so a kill at any moment leaves the previous model active and intact.

Every command, retrain and the window take their model from :func:`resolve_model`: ``--model``,
else ``$EMIT_GUI_MODEL``, else the active version, else the bundled default; the answer says
which of these it was, so the window and ``emit-gui models`` can say why a model is in use.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from emit_gui.errors import UserError, printable
from emit_gui.inference.model_dir import MANIFEST, load_model_dir
from emit_gui.paths import data_dir, fsync_dir, resources_dir
from emit_gui.settings import current as current_settings

DEFAULT = "default"
SOURCES = ("option", "env", "active", "bundled")
SOURCE_WORDS = {"option": "--model", "env": "$EMIT_GUI_MODEL", "active": "active version",
                "bundled": "bundled default"}


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


def _pointed_version() -> str | None:
    """The version ``active.json`` names, as written (None: no pointer, or an unreadable one)."""
    try:
        data = json.loads(_pointer().read_text(encoding="utf-8"))
        version = str(data["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if version != DEFAULT and (not version or "/" in version or "\\" in version or version.startswith(".")):
        return None  # never a path out of the models folder
    return version


def active_version() -> str:
    version = _pointed_version() or DEFAULT
    if version != DEFAULT and not (version_path(version) / MANIFEST).is_file():
        return DEFAULT  # a pointer to a missing folder is never followed
    return version


def active_path() -> Path:
    return version_path(active_version())


@dataclass(frozen=True)
class Resolved:
    """Which model, and why: ``source`` is ``option`` (``--model``), ``env``
    (``$EMIT_GUI_MODEL``), ``active`` (``emit-gui models use`` / a promotion) or ``bundled``.
    ``note`` says why the active version was passed over, when it was."""

    path: Path
    source: str
    version: str
    note: str = ""
    passed_over: str = ""  # the active version that could not be used

    @property
    def pinned(self) -> bool:
        """Chosen outside the registry: a switch of the active version does not change it."""
        return self.source in ("option", "env")

    def describe(self) -> str:
        """One line: ``v003 (active version)``, ``/m/x (--model)``."""
        where = self.version if self.source in ("active", "bundled") else printable(str(self.path))
        return f"{where} ({SOURCE_WORDS[self.source]})"


_CHECKED: dict[tuple, str] = {}  # a version folder's files (name, size, mtime) -> "" or its problem


def _problem(path: Path) -> str:
    """Why a version folder cannot be used ("" when it loads with every checksum right);
    remembered while its files are unchanged, so resolving again costs a few stat calls."""
    try:
        key = (str(path), *((e.name, st.st_size, st.st_mtime_ns) for e in sorted(path.iterdir()) for st in [e.stat()]))
    except OSError as exc:
        return exc.strerror or str(exc)
    if key not in _CHECKED:
        try:
            load_model_dir(path)
            _CHECKED[key] = ""
        except UserError as exc:
            _CHECKED[key] = str(exc)
    return _CHECKED[key]


def resolve_model(explicit: str | os.PathLike | None = None) -> Resolved:
    """The model to use: ``explicit`` (``--model DIR``), else ``$EMIT_GUI_MODEL``, else the
    active version, else the bundled default. An explicit or environment folder is returned as
    given (loading it says what is wrong with it); an active version that is missing or does
    not load is passed over for the bundled default, and ``note`` says so."""
    if explicit not in (None, ""):
        path = Path(explicit)
        return Resolved(path, "option", path.name)
    env = current_settings().model
    if env is not None:
        return Resolved(env, "env", env.name)
    pointed = _pointed_version()
    if pointed is None or pointed == DEFAULT:
        return Resolved(bundled_default(), "bundled" if pointed is None else "active", DEFAULT)
    path = version_path(pointed)
    why = "its folder is missing" if not (path / MANIFEST).is_file() else _problem(path)
    if not why:
        return Resolved(path, "active", pointed)
    return Resolved(bundled_default(), "bundled", DEFAULT, passed_over=pointed,
                    note=f"the active model {pointed} cannot be used ({why}); using the bundled default "
                         "(`emit-gui models` lists the versions, `emit-gui models use VERSION` switches)")


def set_active(version: str) -> None:
    """Switch the active model atomically (after verifying the version loads)."""
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


@contextlib.contextmanager
def retrain_lock():
    """Held while a retrain runs. Taking it means no other retrain is running, so staging
    folders (``.vNNN.staging-*``, ``.vNNN.old-*``) left by a killed one are stale: they are
    removed, and how many is yielded."""
    import shutil

    folder = models_dir()
    try:
        import fcntl
    except ImportError:  # Windows: no cleanup, no lock
        yield 0
        return
    with open(folder / ".retrain.lock", "a+") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise UserError("another retrain is running on this data folder; wait for it to finish") from None
        cleaned = 0
        for entry in folder.iterdir():
            if (entry.name.startswith(".") and (".staging-" in entry.name or ".old-" in entry.name)
                    and entry.is_dir() and not entry.is_symlink()):
                shutil.rmtree(entry, ignore_errors=True)
                cleaned += 1
        try:
            yield cleaned
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
