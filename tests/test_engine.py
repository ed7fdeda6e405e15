"""The inference engine's batching, Qt-free, on the bundled model and resources/sample.

On CUDA every run is padded to one shape (cuDNN picks algorithms per shape: 0.3-1.3 s each on
an H100). The same code path is forced here on the CPU, where it must give the rows the plain
session gives, and must never show the session another shape."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from emit_gui.inference.engine import Engine
from emit_gui.inference.model_dir import load_model_dir
from emit_gui.inference.pipeline import run_images
from emit_gui.inference.preprocess import load_input
from emit_gui.registry import resolve_model

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "sample"


@pytest.fixture(scope="module")
def photos():
    model = load_model_dir(resolve_model().path)
    paths = sorted(SAMPLE.rglob("*.jpg"))[:13]
    return model, paths, np.stack([load_input(p, model.size) for p in paths])


class ShapeRecorder:
    def __init__(self, session):
        self.session, self.shapes = session, []

    def run(self, names, feeds):
        self.shapes.append(feeds["images"].shape[0])
        return self.session.run(names, feeds)

    def __getattr__(self, name):
        return getattr(self.session, name)


def test_fixed_batch_gives_the_plain_rows_and_one_shape(photos):
    model, _paths, batch = photos
    plain = Engine(model, provider="cpu")
    fixed = Engine(model, provider="cpu")
    fixed.fixed_batch = 8
    fixed.session = ShapeRecorder(fixed.session)
    for n in (1, 8, 13):
        want = plain.infer(batch[:n])
        got = fixed.infer(batch[:n])
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    probs, feats, fmap = fixed.infer_maps(batch[:5])
    p2, f2, m2 = plain.infer_maps(batch[:5])
    np.testing.assert_allclose(feats, f2, rtol=1e-5, atol=1e-6)
    assert fmap.shape == m2.shape and probs.shape == p2.shape
    assert fixed.infer(batch[:0]).shape[0] == 0
    assert set(fixed.session.shapes) == {8}, fixed.session.shapes


def test_pipeline_decodes_with_the_engines_worker_count(photos, monkeypatch):
    model, paths, _batch = photos
    engine = Engine(model, provider="cpu")
    assert engine.decode_workers == 2  # a CPU session keeps the cores for itself
    engine.fixed_batch = 8  # as on CUDA: decoding is what limits, so more threads
    seen = []
    import emit_gui.inference.pipeline as pipeline

    real = pipeline.ThreadPoolExecutor

    def recording(max_workers, **kw):
        seen.append(max_workers)
        return real(max_workers=max_workers, **kw)

    monkeypatch.setattr(pipeline, "ThreadPoolExecutor", recording)
    monkeypatch.setattr("os.cpu_count", lambda: 16)
    rows = list(run_images(engine, paths, batch=5))
    assert seen == [8]
    assert [i for i, _p, _problem in rows] == list(range(len(paths)))
    assert all(p is not None for _i, p, _problem in rows)


def test_cuda_runs_one_shape_and_agrees_with_the_cpu(photos):
    """Only where CUDA really works (the GPU machine); elsewhere the CPU was chosen and said why."""
    model, _paths, batch = photos
    auto = Engine(model, provider="auto")
    if auto.provider != "CUDA":
        assert auto.provider_note  # the reason is said, not silent
        pytest.skip(f"no CUDA here: {auto.provider_note}")
    assert auto.fixed_batch
    auto.session = ShapeRecorder(auto.session)
    cpu = Engine(model, provider="cpu")
    for n in (1, 13, auto.fixed_batch + 3):
        rows = np.concatenate([batch] * (1 + n // len(batch)))[:n]
        np.testing.assert_allclose(auto.infer(rows), cpu.infer(rows), atol=1e-3)
    assert set(auto.session.shapes) == {auto.fixed_batch}


def test_stored_proposals_are_keyed_by_the_decoding_too(tmp_path):
    """A colour weight fitted or a recalibration leaves the ONNX file (and version_id) alone;
    proposals stored under the old decoding must not be reused under the new one."""
    import json
    import shutil

    from emit_gui.inference.decoders import DEFAULT_DECODER

    model = load_model_dir(resolve_model().path)
    again = load_model_dir(resolve_model().path)
    assert model.proposal_key(DEFAULT_DECODER) == again.proposal_key(DEFAULT_DECODER)
    assert model.proposal_key(DEFAULT_DECODER) != model.proposal_key("cover" if DEFAULT_DECODER != "cover" else "argmin")
    copy = tmp_path / "m"
    shutil.copytree(model.path, copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["auto_accept"] = {**manifest.get("auto_accept", {}), "threshold": 0.5}
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    changed = load_model_dir(copy)
    assert changed.version_id == model.version_id
    assert changed.proposal_key(DEFAULT_DECODER) != model.proposal_key(DEFAULT_DECODER)


def test_cpu_threads_do_not_busy_wait_between_runs():
    """ONNX Runtime's intra-op threads spin between runs by default, taking the cores the
    decoding threads, the colour read and the window need (15-25 % fewer photos per CPU-second
    on 2 cores); the CPU session turns it off, and still answers."""
    from emit_gui.inference.engine import SPINNING

    engine = Engine(load_model_dir(resolve_model(None).path), provider="cpu", threads=2)
    assert engine.session.get_session_options().get_session_config_entry(SPINNING) == "0"
    size = engine.model.size
    out = engine.infer(np.full((3, 3, size, size), 200, np.uint8))
    assert out.shape[0] == 3 and np.isfinite(out).all()
