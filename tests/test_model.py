from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from emit_gui.catalog import scan  # noqa: E402
from emit_gui.errors import UserError  # noqa: E402
from emit_gui.inference.engine import Engine  # noqa: E402
from emit_gui.inference.evaluate import evaluate_products  # noqa: E402
from emit_gui.inference.model_dir import ONNX_FILE, WEIGHTS_FILE, load_model_dir  # noqa: E402
from emit_gui.inference.pipeline import run_images  # noqa: E402
from tests.conftest import REPO, shared_products  # noqa: E402


@pytest.fixture(scope="module")
def quick_model(tmp_path_factory) -> Path:
    shared = shared_products()
    out = tmp_path_factory.mktemp("model") / "quick"
    run = subprocess.run(
        [sys.executable, "-m", "emit_gui", "train", str(shared), "--profile", "profile.json",
         "--profile", "profile_zh.json", "--out", str(out), "--quick", "--limit", "80", "--epochs", "5"],
        capture_output=True, text=True, timeout=900, cwd=REPO)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "ONNX Runtime matches PyTorch" in run.stdout
    return out


def test_model_folder_is_complete_and_verified(quick_model):
    model = load_model_dir(quick_model)
    m = model.manifest
    assert m["onnx_vs_torch_max_abs_diff"] <= 1e-4
    assert set(m["files"]) == {ONNX_FILE, WEIGHTS_FILE}
    assert m["vocabulary"]["labels"][-1] == "<other>"
    assert any(lab.isascii() for lab in m["vocabulary"]["labels"][:-1])  # English labels
    assert any(not lab.isascii() for lab in m["vocabulary"]["labels"][:-1])  # and Chinese ones
    assert len(m["training"]["val_products"]) > 0 and model.n_members == 2
    assert not list(quick_model.parent.glob(".*staging*"))


def test_trained_folder_decodes_with_colour_weighted_on_its_training_products(quick_model):
    """`train` fits the colour decoder's weight on training products (never the validation
    ones) and calibrates the confidence on what that decoder reads: the folder needs no
    separate benchmark step to propose as the app's default decoder does."""
    from emit_gui.inference.colour import colour_settings

    m = load_model_dir(quick_model).manifest
    block = m["decoder"]
    assert block["name"] == "colour" and "training products" in block["colour"]["fitted_on"]
    weight, _sigma = colour_settings(m)
    assert weight == pytest.approx(block["colour"]["tempered_weight"] * _cover_temperature(quick_model), rel=1e-3)
    assert m["calibration"]["temperature"] != pytest.approx(_cover_temperature(quick_model))  # refitted


def _cover_temperature(folder: Path) -> float:
    """The temperature `train` fitted on the cover decoder's costs, at which the colour weight was set."""
    return float(json.loads((folder / "manifest.json").read_text())["decoder"]["colour"]["cover_temperature"])


def test_predict_marks_exactly_the_photos_at_the_measured_point(quick_model, shared_slice, tmp_path):
    from emit_gui.inference.auto_accept import threshold

    model = load_model_dir(quick_model)
    assert model.calibration.method == "marginal"  # confidence from the product as a set
    cut = threshold(quick_model)
    entry = model.manifest.get("auto_accept")
    if entry is not None:  # a tiny model may never reach 99.5 %: then it has no point and accepts nothing
        assert entry["precision"] == 0.995 and 0 < entry["coverage"] <= 1 and cut == entry["threshold"]
    out = tmp_path / "pred.json"
    run = subprocess.run([sys.executable, "-m", "emit_gui", "predict", str(shared_slice), "--model", str(quick_model),
                          "--out", str(out)], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert run.returncode == 0, run.stderr
    data = json.loads(out.read_text())
    assert data["auto_accept_threshold"] == cut
    marks = confs = 0
    for prod in data["products"].values():
        if "confidence" not in prod:
            continue
        for conf, mark, tag in zip(prod["confidence"], prod["auto_accept"], prod["imgs_tags"], strict=True):
            (name, c), (name2, m), (name3, t) = *conf.items(), *mark.items(), *tag.items()
            assert name == name2 == name3
            if cut is None or not t:
                assert m is False
            elif m:  # the file rounds confidences to 4 places
                assert c >= cut - 5e-5, (name, c, cut)
            else:
                assert c <= cut + 5e-5, (name, c, cut)
            marks += m
            confs += 1
    assert confs > 0


def test_weights_load_without_unpickling(quick_model):
    from safetensors.torch import load_file

    from model.network import Ensemble

    model = load_model_dir(quick_model)
    state = load_file(str(quick_model / WEIGHTS_FILE))
    net = Ensemble(len(model.vocab), torch.from_numpy(model.masks))
    net.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in state.items()})


def test_tampered_or_truncated_model_is_refused(quick_model, tmp_path):
    import shutil

    bad = tmp_path / "bad"
    shutil.copytree(quick_model, bad)
    data = bytearray((bad / ONNX_FILE).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (bad / ONNX_FILE).write_bytes(bytes(data))
    with pytest.raises(UserError, match="checksum mismatch"):
        load_model_dir(bad)
    (bad / ONNX_FILE).write_bytes(bytes(data[:1000]))
    with pytest.raises(UserError, match="checksum mismatch"):
        load_model_dir(bad)
    (bad / "manifest.json").write_text("{not json")
    with pytest.raises(UserError, match="damaged"):
        load_model_dir(bad)


def test_tiny_ensemble_is_far_better_than_chance_on_its_training_products(quick_model):
    model = load_model_dir(quick_model)
    engine = Engine(model, provider="cpu")
    val = set(model.val_products)
    products = [p for p in scan(shared_products(), "profile.json").products[:80] if p.pid not in val]
    keys = [(p.pid, im.name) for p in products for im in p.images]
    probs = {keys[i]: pr for i, pr, _ in run_images(engine, [im.path for p in products for im in p.images])}
    report = evaluate_products(model, products, probs)
    # chance is about 0.35 per image on this data
    assert report["decoders"]["cover"]["acc"] >= 0.7, report
    assert report["decoders"]["cover"]["cover_rate"] == 1.0


def test_ctrl_c_leaves_nothing_half_written(tmp_path):
    shared = shared_products()
    out = tmp_path / "interrupted"
    proc = subprocess.Popen(
        [sys.executable, "-m", "emit_gui", "train", str(shared), "--out", str(out), "--quick", "--limit", "200",
         "--epochs", "30"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO)
    deadline = time.monotonic() + 300
    seen = ""
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        seen += line
        if line.startswith("training ") or not line:
            break
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    rest, _ = proc.communicate(timeout=120)
    assert proc.returncode == 130, seen + rest
    assert "interrupted" in rest and "Traceback" not in rest
    assert not out.exists() and not [p for p in tmp_path.iterdir() if "staging" in p.name]


def test_failed_export_comparison_writes_nothing(tmp_path, monkeypatch):
    from model import export as export_mod
    from model.network import Ensemble
    from emit_gui.tags import OTHER, Vocabulary

    def boom(*a, **k):
        raise export_mod.ExportMismatch("differs")

    monkeypatch.setattr(export_mod, "compare_with_torch", boom)
    vocab = Vocabulary(labels=("a", OTHER))
    masks = np.ones((1, 2), np.float32)
    net = Ensemble(2, torch.from_numpy(masks))
    with pytest.raises(export_mod.ExportMismatch):
        export_mod.write_model_dir(tmp_path / "m", net, vocab, masks, 32, {}, np.zeros((0, 3, 32, 32), np.uint8),
                                   [], ["profile.json"])
    assert os.listdir(tmp_path) == []


def test_train_without_torch_says_what_to_install():
    code = ("import sys; sys.modules['torch'] = None\n"
            "from emit_gui.cli import main\n"
            "raise SystemExit(main(['train', 'x', '--out', 'y']))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert run.returncode == 2 and "PyTorch" in run.stderr and "Traceback" not in run.stderr


def test_app_modules_never_import_torch():
    code = ("import sys\nimport emit_gui.cli, emit_gui.inference.propose, emit_gui.inference.evaluate, "
            "emit_gui.store, emit_gui.catalog, emit_gui.tags\n"
            "from emit_gui.cli import build_parser\nbuild_parser()\n"
            "assert 'torch' not in sys.modules, 'torch imported'\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert run.returncode == 0, run.stderr
