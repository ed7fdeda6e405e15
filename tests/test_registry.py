"""The model registry and the one model resolver, without Qt: which model every command, retrain
and the window use (and why), versions switched atomically, damaged or missing versions
passed over with a message."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from emit_gui import registry
from emit_gui.cli import main
from emit_gui.errors import UserError
from emit_gui.inference.model_dir import ONNX_FILE
from tests.conftest import REPO


def _version(name: str) -> Path:
    """A real, verifiable copy of the bundled model registered as version ``name``."""
    dst = registry.models_dir() / name
    shutil.copytree(registry.bundled_default(), dst)
    return dst


def _pointer_text() -> str:
    return (registry.models_dir() / "active.json").read_text(encoding="utf-8")


def test_precedence_option_env_active_bundled(tmp_path, monkeypatch):
    monkeypatch.delenv("EMIT_GUI_MODEL", raising=False)
    first = registry.resolve_model()
    assert (first.path, first.source, first.version, first.note) == (registry.bundled_default(), "bundled", "default", "")
    _version("v001-a")
    registry.set_active("v001-a")
    active = registry.resolve_model()
    assert (active.path, active.source, active.version) == (registry.models_dir() / "v001-a", "active", "v001-a")
    assert not active.pinned and "v001-a (active version)" == active.describe()
    env_model = tmp_path / "env-model"
    monkeypatch.setenv("EMIT_GUI_MODEL", str(env_model))
    env = registry.resolve_model()
    assert (env.path, env.source, env.pinned) == (env_model, "env", True)
    option = registry.resolve_model(tmp_path / "chosen")
    assert (option.path, option.source) == (tmp_path / "chosen", "option")
    assert registry.resolve_model("").source == "env"  # an empty --model is no choice
    monkeypatch.delenv("EMIT_GUI_MODEL")
    registry.set_active("default")
    assert registry.resolve_model().source == "active" and registry.resolve_model().path == registry.bundled_default()


def test_damaged_active_version_falls_back_with_a_message(monkeypatch, capsys):
    monkeypatch.delenv("EMIT_GUI_MODEL", raising=False)
    folder = _version("v002-x")
    registry.set_active("v002-x")
    with open(folder / ONNX_FILE, "ab") as fh:  # truncated or changed after the switch
        fh.write(b"\0")
    got = registry.resolve_model()
    assert (got.path, got.source, got.passed_over) == (registry.bundled_default(), "bundled", "v002-x")
    assert "v002-x" in got.note and "checksum" in got.note
    assert json.loads(_pointer_text())["version"] == "v002-x"  # resolving never rewrites the pointer
    assert main(["models"]) == 0  # the listing says which model is in use, and why not the active one
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "in use: default (bundled default)" and "v002-x cannot be used" in out[1]
    (folder / ONNX_FILE).write_bytes((registry.bundled_default() / ONNX_FILE).read_bytes())  # repaired
    os.utime(folder / ONNX_FILE, ns=(1, 1))
    again = registry.resolve_model()
    assert (again.source, again.version, again.note) == ("active", "v002-x", "")


def test_missing_pointer_target_is_ignored(monkeypatch):
    monkeypatch.delenv("EMIT_GUI_MODEL", raising=False)
    (registry.models_dir() / "active.json").write_text(json.dumps({"version": "v009-gone"}), encoding="utf-8")
    assert registry.active_version() == "default"
    got = registry.resolve_model()
    assert got.path == registry.bundled_default() and "v009-gone" in got.note and "missing" in got.note
    for bad in ("../../etc", "/tmp/x", ".hidden"):  # a pointer never leads out of the models folder
        (registry.models_dir() / "active.json").write_text(json.dumps({"version": bad}), encoding="utf-8")
        assert registry.resolve_model().path == registry.bundled_default()
    (registry.models_dir() / "active.json").write_text("{not json", encoding="utf-8")
    assert registry.resolve_model().source == "bundled" and registry.active_version() == "default"


def test_set_active_is_atomic_and_refuses_a_damaged_version(monkeypatch):
    _version("v001-a")
    registry.set_active("v001-a")
    before = _pointer_text()
    broken = _version("v002-b")
    (broken / ONNX_FILE).write_bytes(b"not a graph")
    with pytest.raises(UserError, match="checksum"):
        registry.set_active("v002-b")
    assert _pointer_text() == before  # unchanged, and no half-written pointer beside it
    assert not [p.name for p in registry.models_dir().iterdir() if ".tmp-" in p.name]

    def killed(src, dst):  # the process dies at the rename: the old pointer is still whole
        raise OSError("killed")

    monkeypatch.setattr(registry.os, "replace", killed)
    with pytest.raises(OSError):
        registry.set_active("default")
    assert _pointer_text() == before and registry.active_version() == "v001-a"


def test_new_version_name_counts_past_the_highest():
    assert re.fullmatch(r"v001-\d{8}-\d{6}", registry.new_version_name())
    for name in ("v001-20260101-000000", "v007-20260102-000000", "notes", ".v009.staging-1"):
        (registry.models_dir() / name).mkdir()
    (registry.models_dir() / "v050-a-file").write_text("")  # files are not versions
    assert registry.new_version_name().startswith("v008-")


def test_models_list_says_which_model_is_in_use_and_why(monkeypatch, capsys):
    monkeypatch.delenv("EMIT_GUI_MODEL", raising=False)
    assert main(["models"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "in use: default (bundled default)"
    monkeypatch.setenv("EMIT_GUI_MODEL", str(registry.bundled_default()))
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"in use: {registry.bundled_default()} ($EMIT_GUI_MODEL)"
    assert "overrides the active version" in out


def test_retrain_and_predict_resolve_the_same_model_with_emit_gui_model_set(tmp_path, monkeypatch, capsys):
    """The issue's case: with $EMIT_GUI_MODEL set, the app proposed with one model while retrain
    tuned the active one. Both now take the same answer, and the report says why."""
    pytest.importorskip("torch")
    from emit_gui.store import Store

    pinned = tmp_path / "pinned-model"
    shutil.copytree(registry.bundled_default(), pinned)
    _version("v001-a")
    registry.set_active("v001-a")  # an active version that is *not* the one in use
    monkeypatch.setenv("EMIT_GUI_MODEL", str(pinned))
    sample = REPO / "resources" / "sample"
    assert main(["predict", str(sample), "--out", str(tmp_path / "p.json"), "--provider", "cpu"]) == 0
    err = capsys.readouterr().err
    assert f"model {pinned} ($EMIT_GUI_MODEL;" in err
    db = tmp_path / "d.sqlite3"
    Store(db).close()
    report = tmp_path / "r.json"
    assert main(["retrain", "--db", str(db), "--report", str(report)]) == 2  # too few decisions: refused
    rep = json.loads(report.read_text(encoding="utf-8"))
    assert rep["decision"] == "refused"
    assert (rep["model"], rep["model_source"], rep["active_version"]) == (str(pinned), "env", "v001-a")
