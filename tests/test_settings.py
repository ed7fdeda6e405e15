"""One typed settings object for the environment, and the window's preferences in an INI file
inside the data folder ($EMIT_GUI_HOME moves them), with an earlier version's Qt settings read
once into it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from emit_gui import paths, settings
from tests.conftest import REPO


def test_settings_are_typed_and_follow_the_environment(tmp_path, monkeypatch):
    for name in settings.VARIABLES:
        monkeypatch.delenv(name, raising=False)
    empty = settings.current()
    assert (empty.home, empty.db, empty.model, empty.propose_in_thread, empty.version) == (None, "", None, False,
                                                                                         settings.VERSION)
    assert settings.current() is empty  # read once while nothing changes
    monkeypatch.setenv("EMIT_GUI_HOME", str(tmp_path / "h"))
    monkeypatch.setenv("EMIT_GUI_MODEL", str(tmp_path / "m"))
    monkeypatch.setenv("EMIT_GUI_PROVIDER", " CPU ")
    monkeypatch.setenv("EMIT_GUI_PROPOSE_IN_THREAD", "1")
    got = settings.current()
    assert (got.home, got.model, got.provider, got.propose_in_thread) == (tmp_path / "h", tmp_path / "m", "cpu", True)
    with pytest.raises(AttributeError):
        got.home = None  # frozen: nobody changes it behind the others' backs
    assert paths.data_dir() == tmp_path / "h" / "data" and paths.settings_file() == tmp_path / "h" / "data" / "settings.ini"


def _window_settings(home: Path, config: Path, code: str) -> subprocess.CompletedProcess:
    """Qt reads the legacy location from XDG_CONFIG_HOME once per process: each case gets its own."""
    env = {**os.environ, "EMIT_GUI_HOME": str(home), "XDG_CONFIG_HOME": str(config), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", "from emit_gui.ui.settings_store import open_settings\n" + code],
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=120)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's legacy file is a Linux path")
def test_window_settings_live_in_the_data_folder_and_earlier_ones_are_read_once(tmp_path):
    pytest.importorskip("PySide6")
    legacy = tmp_path / "config" / "emit-gui" / "emit-gui.conf"
    legacy.parent.mkdir(parents=True)
    legacy.write_text("[General]\nlanguage=zh_CN\nteam%20database=/srv/team.sqlite3\n", encoding="utf-8")
    before = legacy.read_bytes()
    home = tmp_path / "home"
    run = _window_settings(home, tmp_path / "config",
                           "from emit_gui.ui.settings_store import keep_qt_settings_inside\n"
                           "keep_qt_settings_inside()  # as the app does first: the earlier file is still found\n"
                           "s = open_settings(); print(s.value('language')); print(s.fileName())\n"
                           "s.setValue('recent', ['/photos/a']); s.sync()")
    assert run.returncode == 0, run.stderr
    language, where = run.stdout.split()
    assert language == "zh_CN" and Path(where) == home / "data" / "settings.ini"
    assert legacy.read_bytes() == before  # the earlier file is read, never written
    # once the new file exists, the earlier one is no longer read (a change there is not taken)
    legacy.write_text("[General]\nlanguage=en\n", encoding="utf-8")
    again = _window_settings(home, tmp_path / "config",
                             "s = open_settings(); print(s.value('language'), s.value('recent'), "
                             "s.value('settings_version'))")
    assert again.returncode == 0, again.stderr
    assert again.stdout.split() == ["zh_CN", "/photos/a", "1"]
    # another EMIT_GUI_HOME is another set of settings; no earlier file: nothing is written
    other = _window_settings(tmp_path / "other", tmp_path / "no-config", "print(open_settings().value('language', 'system'))")
    assert other.stdout.split() == ["system"] and not (tmp_path / "other" / "data" / "settings.ini").exists()
    assert not (tmp_path / "no-config").exists()


def test_qt_own_settings_stay_in_the_data_folder(tmp_path):
    """Qt's file dialog keeps its history in QSettings("QtProject"): ~/.config/QtProject.conf,
    outside the folders the README names, until the app points Qt's settings inside."""
    pytest.importorskip("PySide6")
    home, config = tmp_path / "home", tmp_path / "config"
    run = _window_settings(home, config,
                           "from PySide6.QtCore import QSettings\n"
                           "from emit_gui.ui.app import ensure_app\n"
                           "ensure_app()\n"
                           "q = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, 'QtProject')\n"
                           "q.setValue('FileDialog/history', ['/photos']); q.sync(); print(q.fileName())")
    assert run.returncode == 0, run.stderr
    assert Path(run.stdout.split()[-1]).is_relative_to(home)
    assert not config.exists() or not any(config.rglob("*.conf"))
