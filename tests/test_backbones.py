"""The backbone registry and the network's feature layout declared in the model manifest.

Qt-free; CPU PyTorch, the bundled default model and resources/sample (no shared dataset).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
from torch import nn

from emit_gui.analysis.cam import Explainer
from emit_gui.errors import UserError
from emit_gui.inference.engine import Engine
from emit_gui.inference.model_dir import MANIFEST, ONNX_FILE, WEIGHTS_FILE, load_model_dir
from emit_gui.inference.network_layout import compat_layout, parse_layout
from emit_gui.inference.preprocess import load_input
from model import backbones
from model.args import add_train_arguments
from model.network import Ensemble, from_architecture, from_network
from model.train import set_trainable, train_mode

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO / "resources" / "models" / "default"
SAMPLE_PHOTOS = [(REPO / "resources/sample/demo001/demo001_0.jpg", "浅蓝色【现货】"),
                 (REPO / "resources/sample/demo002/demo002_1.jpg", "black"),
                 (REPO / "resources/sample/demo005/demo005_0.jpg", "白色")]


def _masks(n_members: int, n_labels: int) -> torch.Tensor:
    return torch.ones(n_members, n_labels)


def _train_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser()
    add_train_arguments(p)
    return p


def _model_copy(tmp_path: Path, edit) -> Path:
    """The default model folder with its manifest edited (the big files linked, not copied)."""
    folder = tmp_path / "model"
    folder.mkdir()
    for name in (ONNX_FILE, WEIGHTS_FILE):
        os.symlink(DEFAULT / name, folder / name)
    manifest = json.loads((DEFAULT / MANIFEST).read_text(encoding="utf-8"))
    edit(manifest)
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def default_engine() -> Engine:
    return Engine(load_model_dir(DEFAULT), provider="cpu", threads=1)


# ---------------------------------------------------------------- the registry
def test_registry_round_trip():
    names = backbones.names()
    assert {"efficientnet-lite0", "efficientnet-lite1", "efficientnet-lite2"} <= set(names)
    assert _train_parser().parse_args(["d", "--out", "o"]).trunk == backbones.DEFAULT_TRUNK
    for name in names:
        entry = backbones.get(name)
        assert entry.name == name
        assert _train_parser().parse_args(["d", "--out", "o", "--trunk", name]).trunk == name
        net = Ensemble(5, _masks(2, 5), trunk=name)
        block = net.layout()
        assert block["trunk"] == name and block["features"][0]["dim"] == entry.feature_dim
        assert parse_layout(block).to_json() == block  # manifest block -> layout -> manifest block
        again = from_network(5, _masks(2, 5), json.loads(json.dumps(block)))  # through JSON, as a manifest
        assert {k: v.shape for k, v in again.state_dict().items()} == {k: v.shape for k, v in net.state_dict().items()}
    with pytest.raises(ValueError, match="efficientnet-lite0"):
        backbones.get("resnet-50")
    with pytest.raises(SystemExit):
        _train_parser().parse_args(["d", "--out", "o", "--trunk", "resnet-50"])


def test_lite1_builds_with_its_feature_dim_stages_and_frozen_blocks():
    entry = backbones.get("efficientnet-lite1")
    net = Ensemble(7, _masks(3, 7), trunk="efficientnet-lite1")
    assert len(net.trunk._blocks) == sum(stage[4] for stage in entry.stages) != len(
        Ensemble(7, _masks(3, 7)).trunk._blocks)
    with torch.no_grad():
        feats = net.eval().features(torch.full((1, 3, 64, 64), 200, dtype=torch.uint8))
    block = net.layout()
    layout = parse_layout(block)
    assert feats.shape == (1, layout.dim) == (1, entry.feature_dim + 3 * 4 * 4 + 4 ** 3)
    assert [f.name for f in layout.features] == ["trunk", "colour_grid", "colour_hist"]
    assert net.state_dict()[block["features"][0]["tensor"]].shape[0] == entry.feature_dim
    # freezing goes through the registry: the stem and the first 8 blocks, nothing else
    set_trainable(net)
    frozen = {id(p) for m in entry.frozen_modules(net.trunk) for p in m.parameters()}
    assert frozen == {id(p) for m in [net.trunk._conv_stem, net.trunk._bn0, *net.trunk._blocks[:8]]
                      for p in m.parameters()}
    assert all(not p.requires_grad for p in net.parameters() if id(p) in frozen)
    assert all(p.requires_grad for p in net.parameters() if id(p) not in frozen)
    assert {id(p) for p in entry.trainable(net.trunk)} == {id(p) for p in net.trunk.parameters()} - frozen
    train_mode(net)
    assert not net.trunk._blocks[7]._bn1.training and net.trunk._blocks[8]._bn1.training and net.heads.training


# ---------------------------------------------------------------- the bundled model
def test_default_model_loads_bit_identically_and_matches_its_onnx(default_engine):
    from safetensors.torch import load_file

    model = default_engine.model
    assert model.network.declared and model.network.trunk == "efficientnet-lite0"
    net = from_network(len(model.vocab), torch.from_numpy(model.masks), model.manifest["network"])
    state = load_file(str(model.weights_path))
    net.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in state.items()}, strict=True)
    own = net.state_dict()
    assert set(own) == set(state)  # the tensor names did not move
    for name, tensor in state.items():
        assert torch.equal(own[name], tensor.float() if tensor.is_floating_point() else tensor), name
    raw = np.stack([load_input(p, model.size) for p, _ in SAMPLE_PHOTOS])
    with torch.no_grad():
        ref_probs = net.eval()(torch.from_numpy(raw)).numpy()
        ref_feats = net.features(torch.from_numpy(raw)).numpy()
    probs, feats, fmap = default_engine.infer_maps(raw)
    assert feats.shape[1] == model.network.dim and fmap.shape[1] == model.network.features[0].dim
    # the ONNX graph was exported from the fp32 network; the file keeps fp16 weights
    np.testing.assert_allclose(probs, ref_probs, atol=2e-3)
    np.testing.assert_allclose(feats, ref_feats, atol=2e-2, rtol=1e-2)
    assert (probs.argmax(-1) == ref_probs.argmax(-1)).mean() > 0.99


def test_default_manifest_block_is_what_the_old_manifest_stood_for():
    manifest = json.loads((DEFAULT / MANIFEST).read_text(encoding="utf-8"))
    old = {k: v for k, v in manifest.items() if k != "network"}
    assert compat_layout(old) == manifest["network"]
    net = from_architecture(len(manifest["vocabulary"]["labels"]), _masks(5, len(manifest["vocabulary"]["labels"])),
                            manifest["training"]["architecture"])
    assert net.layout() == manifest["network"]


def test_heat_maps_from_the_manifest_layout_equal_the_old_constant_path(default_engine, monkeypatch):
    declared = Explainer(default_engine)
    older = copy.copy(default_engine.model)
    older.manifest = {k: v for k, v in older.manifest.items() if k != "network"}
    older.network = None  # as a folder written before the block: derived by compat_layout
    engine = copy.copy(default_engine)
    engine.model = older
    derived = Explainer(engine)
    assert not derived.layout.declared and declared.layout.declared
    for photo, tag in SAMPLE_PHOTOS:
        raw = load_input(photo, default_engine.model.size)
        for parts in ("colour", "all"):
            a, b = declared.tag_map(raw, tag, parts), derived.tag_map(raw, tag, parts)
            assert np.abs(a).sum() > 0
            np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(declared.explain(photo, tag, 128).heat, derived.explain(photo, tag, 128).heat)


# ---------------------------------------------------------------- refusing a wrong layout
def _set_trunk_dim(dim):
    def edit(m):
        m["network"]["features"][0]["dim"] = dim
    return edit


def test_a_manifest_whose_layout_disagrees_with_the_weights_is_refused(tmp_path):
    bad = _model_copy(tmp_path, _set_trunk_dim(1408))
    with pytest.raises(UserError) as err:
        load_model_dir(bad)
    line = str(err.value)
    assert str(bad / MANIFEST) in line and "1520" in line and "1392" in line and "\n" not in line


def test_the_trunk_tensor_is_checked_when_the_total_still_adds_up(tmp_path):
    def edit(m):
        m["network"]["features"][0]["dim"] = 1264
        m["network"]["features"].append({"name": "later", "kind": "something_new", "dim": 16})

    with pytest.raises(UserError, match=r"trunk\._conv_head\.weight makes 1280"):
        load_model_dir(_model_copy(tmp_path, edit))


@pytest.mark.parametrize("network, words", [
    ("efficientnet-lite0", "not a JSON object"),
    ({"trunk": "efficientnet-lite0", "features": []}, "list of 1 to 64"),
    ({"trunk": "efficientnet-lite0", "features": [{"name": "trunk", "kind": "pooled", "dim": 1280},
                                                  {"name": "colour_grid", "kind": "grid_mean", "dim": 49,
                                                   "cells": 4, "channels": 3}]}, "make 48"),
])
def test_a_malformed_network_block_is_refused_in_one_line(tmp_path, network, words):
    def edit(m):
        m["network"] = network

    bad = _model_copy(tmp_path, edit)
    with pytest.raises(UserError, match=words) as err:
        load_model_dir(bad)
    assert str(bad / MANIFEST) in str(err.value)


def test_predict_refuses_the_wrong_layout_in_one_line_naming_the_file(tmp_path):
    bad = _model_copy(tmp_path, _set_trunk_dim(1281))
    run = subprocess.run([sys.executable, "-m", "emit_gui", "predict", str(REPO / "resources/sample"),
                          "--model", str(bad), "--out", str(tmp_path / "out.json")],
                         check=False, capture_output=True, text=True, cwd=REPO, timeout=120)
    assert run.returncode != 0 and not (tmp_path / "out.json").exists()
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad / MANIFEST) in lines[0] and "Traceback" not in run.stderr, run.stderr


def test_an_older_manifest_without_the_block_still_loads(tmp_path):
    folder = _model_copy(tmp_path, lambda m: m.pop("network"))
    model = load_model_dir(folder)
    assert not model.network.declared and model.network.to_json() == load_model_dir(DEFAULT).network.to_json()


# ---------------------------------------------------------------- a new trunk, registered in the test only
class TinyTrunk(nn.Module):
    """A 6-wide trunk: one strided convolution, pooled by a spatial mean like the Lite trunks."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 6, 3, 4, 1, bias=False)
        self.bn = nn.BatchNorm2d(6)
        self.out = nn.Conv2d(6, 6, 1, bias=False)

    def forward(self, x):
        return torch.relu(self.out(torch.relu(self.bn(self.conv(x))))).mean(dim=(2, 3))


@pytest.fixture
def tiny_trunk():
    entry = backbones.register(backbones.Backbone(
        name="test-tiny", build=TinyTrunk, feature_dim=6, frozen=lambda t: [t.conv, t.bn], head_tensor="out.weight"))
    yield entry
    backbones.unregister(entry.name)


def test_a_trunk_added_to_the_registry_trains_exports_loads_and_explains(tmp_path, tiny_trunk):
    from emit_gui.tags import OTHER, Vocabulary
    from model.export import write_model_dir

    assert _train_parser().parse_args(["d", "--out", "o", "--trunk", "test-tiny"]).trunk == "test-tiny"
    vocab = Vocabulary(labels=("black", "white", OTHER))
    masks = np.ones((2, 3), np.float32)
    net = Ensemble(3, torch.from_numpy(masks), trunk="test-tiny")
    set_trainable(net)
    assert not net.trunk.conv.weight.requires_grad and net.trunk.out.weight.requires_grad
    train_mode(net)
    assert not net.trunk.bn.training
    folder = write_model_dir(tmp_path / "tiny", net.eval(), vocab, masks, 32, {}, np.zeros((0, 3, 32, 32), np.uint8),
                             [], ["profile.json"], log=lambda *a: None)
    model = load_model_dir(folder)
    assert model.manifest["network"]["trunk"] == "test-tiny"
    assert model.network.dim == 6 + 48 + 64 and model.network.features[0].get("tensor") == "trunk.out.weight"
    explainer = Explainer(Engine(model, provider="cpu", threads=1))
    photo, _tag = SAMPLE_PHOTOS[0]
    raw = load_input(photo, 32)
    _p, feats, fmap = explainer.engine.infer_maps(raw[None])
    maps = explainer._part_maps(raw, fmap[0])
    np.testing.assert_allclose(maps.mean(axis=(1, 2)), feats[0], atol=2e-2)  # the decomposition is exact
    assert explainer.explain(photo, "black", 64).heat.shape[0] > 0
