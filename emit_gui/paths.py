"""Where emit-gui keeps its files: platformdirs, with environment overrides.

``EMIT_GUI_HOME`` moves data, logs, caches and the window's settings under one folder, which
tests and portable installs use; ``EMIT_GUI_DB`` names the database file alone (the variables are
read by :mod:`emit_gui.settings`). The window's settings are an INI file in the data folder
(:func:`settings_file`). README "What emit-gui stores, and where" lists every place;
:func:`user_folders` is that list for ``emit-gui --purge-user-data``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from emit_gui.settings import current as current_settings

APP_NAME = "emit-gui"


def _home_or(sub: str, platform_dir) -> Path:
    home = current_settings().home
    return home / sub if home else Path(platform_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    path = _home_or("data", platformdirs.user_data_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = _home_or("logs", platformdirs.user_log_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Caches that are rebuilt when missing (jieba's dictionary cache)."""
    path = _home_or("cache", platformdirs.user_cache_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def settings_file() -> Path:
    """The window's preferences (language, database, geometry, recent folders): Qt's INI format,
    in the data folder, so ``EMIT_GUI_HOME`` moves them with everything else."""
    return data_dir() / "settings.ini"


def legacy_settings_folder() -> Path:
    """Where Qt kept the window's settings before they moved into the data folder (Linux:
    ``~/.config/emit-gui``); read once into :func:`settings_file`, never written."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_folders() -> list[tuple[str, Path]]:
    """What emit-gui itself writes for this user, as (what, folder); nothing is created."""
    from emit_gui.trainer import default_trainer_dir

    data = _home_or("data", platformdirs.user_data_dir)
    logs = _home_or("logs", platformdirs.user_log_dir)
    if logs.name == "log" and logs.parent.name == APP_NAME:  # Linux: ~/.local/state/emit-gui/log
        logs = logs.parent
    trainer = default_trainer_dir()
    inside = data in trainer.parents
    folders = [("data: decisions database, retrained models, search index" + (", trainer" if inside else ""), data),
               ("logs", logs),
               ("cache", _home_or("cache", platformdirs.user_cache_dir))]
    if sys.platform.startswith("linux"):  # elsewhere Qt kept settings in the registry / a plist
        folders.append(("window settings of earlier versions", legacy_settings_folder()))
    if not inside:
        folders.append(("trainer (PyTorch)", trainer))
    return folders


def default_db_path() -> Path:
    env = current_settings().db
    if env:
        return Path(env)
    return data_dir() / "emit-gui.sqlite3"


def resources_dir() -> Path:
    """The folder of shipped resources: models, dictionaries, translations, sample products."""
    env = current_settings().resources
    if env:
        return env
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def _size(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += (Path(root) / name).lstat().st_size
            except OSError:
                pass
    return total


def purge_user_data(yes: bool, ask=input) -> int:
    """``emit-gui --purge-user-data``: delete what emit-gui wrote for this user (the folders of
    :func:`user_folders`), after a confirmation unless ``yes``. Photos and exports are the user's
    own and are never touched; neither is a database named with ``--db`` or ``$EMIT_GUI_DB``."""
    import shutil

    from emit_gui.errors import UserError

    present = [(what, path) for what, path in user_folders() if path.exists() or path.is_symlink()]
    if not present:
        print("emit-gui: no user data to remove (looked in: "
              + ", ".join(str(p) for _w, p in user_folders()) + ")")
        return 0
    print("emit-gui --purge-user-data removes:")
    for what, path in present:
        print(f"  {path}  ({what}, {_size(path) / 1e6:.1f} MB)")
    if current_settings().db:
        print(f"  (not {current_settings().db}: $EMIT_GUI_DB names it; delete it yourself if wanted)")
    if not sys.platform.startswith("linux"):
        print("  (window settings of earlier versions are Qt's: the registry key HKCU\\Software\\emit-gui on "
              "Windows, ~/Library/Preferences/com.emit-gui.emit-gui.plist on macOS)")
    if not yes:
        if not sys.stdin or not sys.stdin.isatty():
            raise UserError("--purge-user-data asks before deleting; add --yes to run it without a terminal")
        answer = ask("Delete these, decisions included? This cannot be undone. Type yes: ")
        if answer.strip().lower() != "yes":
            print("emit-gui: nothing removed")
            return 1
    failed = 0
    for _what, path in present:
        try:
            if path.is_symlink() or path.is_file():
                path.unlink()
            else:
                shutil.rmtree(path)
            print(f"removed {path}")
        except OSError as exc:
            failed += 1
            print(f"emit-gui: could not remove {path}: {exc.strerror or exc}", file=sys.stderr)
    return 1 if failed else 0


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in ``path`` durable (best effort: some systems refuse)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
