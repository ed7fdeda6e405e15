"""The installed app's hand-off of training to a trainer environment, and the packaging files
that the installer build relies on (the build itself runs in packaging/smoke-test.sh)."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from emit_gui import cli, trainer

REPO = Path(__file__).resolve().parent.parent


def _fake_trainer(tmp_path: Path) -> Path:
    """A 'Python' that records how it was called and exits 3."""
    record = tmp_path / "called.json"
    script = tmp_path / "python"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        f"json.dump({{'argv': sys.argv[1:], 'resources': os.environ.get('EMIT_GUI_RESOURCES')}}, open({str(record)!r}, 'w'))\n"
        "sys.exit(3)\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_retrain_without_torch_hands_over_to_the_trainer(tmp_path, monkeypatch):
    monkeypatch.setattr(trainer, "can_train_here", lambda: "torch")
    monkeypatch.setenv("EMIT_GUI_TRAINER", str(_fake_trainer(tmp_path)))
    code = cli.main(["retrain", "--db", str(tmp_path / "x.db"), "--epochs", "2"])
    called = json.loads((tmp_path / "called.json").read_text())
    assert code == 3  # the trainer's exit code is the command's
    assert called["argv"] == ["-m", "emit_gui", "retrain", "--db", str(tmp_path / "x.db"), "--epochs", "2"]
    assert called["resources"] and Path(called["resources"], "models", "default").is_dir()


def test_frozen_app_without_trainer_says_what_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(trainer, "can_train_here", lambda: "torch")
    monkeypatch.setattr(trainer, "default_trainer_dir", lambda: tmp_path / "no-trainer")
    monkeypatch.delenv("EMIT_GUI_TRAINER", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    code = cli.main(["retrain"])
    err = capsys.readouterr().err
    assert code != 0
    assert "emit-gui-setup-trainer" in err and "Traceback" not in err


def test_source_install_without_torch_says_pip_extra(monkeypatch, capsys):
    monkeypatch.setattr(trainer, "can_train_here", lambda: "torch")
    monkeypatch.delenv("EMIT_GUI_TRAINER", raising=False)
    assert cli.main(["train", "somewhere", "--out", "x"]) != 0
    assert "emit-gui[train]" in capsys.readouterr().err


def test_a_trainer_path_that_is_not_there_is_named(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(trainer, "can_train_here", lambda: "torch")
    monkeypatch.setenv("EMIT_GUI_TRAINER", str(tmp_path / "nope" / "python"))
    assert cli.main(["retrain"]) != 0
    assert str(tmp_path / "nope" / "python") in capsys.readouterr().err


def test_spec_bundles_what_the_app_loads_from_files():
    """Files read at run time by path (not imported) must be in the spec's data, or the installed
    app fails where the source checkout works."""
    spec = (REPO / "packaging" / "emit-gui.spec").read_text()
    for needed in ('"models" / "default"', '"sample"', '"tags"', '"icons"', '"i18n"', '"migrations"',
                   'JIEBA / "dict.txt"', "EMIT_GUI_FONT_DIR"):
        assert needed in spec, needed
    for path in ("resources/models/default/manifest.json", "resources/tags/fashion_dict.txt",
                 "resources/icons/emit-gui.png", "resources/i18n/emit_gui_zh_CN.qm",
                 "emit_gui/store/migrations/env.py"):
        assert (REPO / path).is_file(), path


@pytest.mark.skipif(os.name != "posix", reason="shell scripts")
def test_packaging_scripts_are_valid_shell():
    import subprocess

    for script in ("build-linux.sh", "smoke-test.sh", "setup-trainer.sh"):
        path = REPO / "packaging" / script
        assert os.access(path, os.X_OK), script
        shell = "sh" if script == "setup-trainer.sh" else "bash"
        subprocess.run([shell, "-n", str(path)], check=True)
