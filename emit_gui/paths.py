"""Where emit-gui keeps its files: platformdirs, with environment overrides.

``EMIT_GUI_HOME`` moves everything (data, logs, settings) under one folder, which tests and
portable installs use; ``EMIT_GUI_DB`` names the database file alone.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "emit-gui"


def data_dir() -> Path:
    home = os.environ.get("EMIT_GUI_HOME")
    path = Path(home) / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    home = os.environ.get("EMIT_GUI_HOME")
    path = Path(home) / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    env = os.environ.get("EMIT_GUI_DB")
    if env:
        return Path(env)
    return data_dir() / "emit-gui.sqlite3"


def resources_dir() -> Path:
    """The folder of shipped resources: models, dictionaries, translations, sample products."""
    env = os.environ.get("EMIT_GUI_RESOURCES")
    if env:
        return Path(env)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
