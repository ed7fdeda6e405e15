"""Every setting emit-gui takes from its environment, typed, in one object.

The ``EMIT_GUI_*`` variables are read here and only here (``tests/test_layers.py`` checks it);
the rest of the code asks :func:`current`. The object is built once per set of values: a
process that changes a variable (a test, a portable launcher) gets a new one on its next call,
everything else reuses the first. Folders (platformdirs, moved by ``EMIT_GUI_HOME``) are in
:mod:`emit_gui.paths`; the window's own preferences (language, database, geometry, recent
folders) are a Qt INI file in the data folder (``emit_gui/ui/settings_store.py``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

VERSION = 1  # bump when a field changes meaning; the window's INI file records the version it was written with

VARIABLES = ("EMIT_GUI_HOME", "EMIT_GUI_DB", "EMIT_GUI_MODEL", "EMIT_GUI_PROVIDER", "EMIT_GUI_CUDA_DIR",
             "EMIT_GUI_RESOURCES", "EMIT_GUI_TRAINER", "EMIT_GUI_TRAINER_DIR", "EMIT_GUI_TRUNK_WEIGHTS",
             "EMIT_GUI_USER", "EMIT_GUI_PROPOSE_IN_THREAD", "EMIT_GUI_TEST_PAUSE")


def _path(value: str) -> Path | None:
    return Path(value) if value else None


@dataclass(frozen=True)
class Settings:
    """What the environment says; ``None`` / ``""`` / ``False`` where it says nothing."""

    home: Path | None = None  # EMIT_GUI_HOME: data, logs, cache and window settings under one folder
    db: str = ""  # EMIT_GUI_DB: a database file or a team's postgresql:// URL
    model: Path | None = None  # EMIT_GUI_MODEL: a model folder that overrides the active version
    provider: str = ""  # EMIT_GUI_PROVIDER=cpu: never try CUDA when asked for "auto"
    cuda_dir: Path | None = None  # EMIT_GUI_CUDA_DIR: CUDA and cuDNN libraries shipped beside the app
    resources: Path | None = None  # EMIT_GUI_RESOURCES: the shipped resources (models, i18n, sample)
    trainer: Path | None = None  # EMIT_GUI_TRAINER: a Python with emit-gui[train]
    trainer_dir: Path | None = None  # EMIT_GUI_TRAINER_DIR: where emit-gui-setup-trainer makes one
    trunk_weights: Path | None = None  # EMIT_GUI_TRUNK_WEIGHTS: ImageNet weights without the packages
    user: str = ""  # EMIT_GUI_USER: the name decisions are recorded under (default: the login)
    propose_in_thread: bool = False  # EMIT_GUI_PROPOSE_IN_THREAD=1: the ensemble in the window's process
    test_pause: str = ""  # EMIT_GUI_TEST_PAUSE: where retrain stops for the kill tests
    version: int = VERSION

    @classmethod
    def from_environ(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def get(name: str) -> str:
            return env.get(f"EMIT_GUI_{name}", "") or ""

        return cls(
            home=_path(get("HOME")), db=get("DB"), model=_path(get("MODEL")),
            provider=get("PROVIDER").strip().lower(), cuda_dir=_path(get("CUDA_DIR")),
            resources=_path(get("RESOURCES")), trainer=_path(get("TRAINER")), trainer_dir=_path(get("TRAINER_DIR")),
            trunk_weights=_path(get("TRUNK_WEIGHTS")), user=get("USER"),
            propose_in_thread=get("PROPOSE_IN_THREAD").strip().lower() in ("1", "true", "yes"),
            test_pause=get("TEST_PAUSE"),
        )


_cached: tuple[tuple[str, ...], Settings] | None = None


def current() -> Settings:
    """The settings of this process's environment (read again only when a variable changed)."""
    global _cached
    key = tuple(os.environ.get(name, "") for name in VARIABLES)
    if _cached is None or _cached[0] != key:
        _cached = (key, Settings.from_environ())
    return _cached[1]
