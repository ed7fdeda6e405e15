"""Hostile files, broken models and unsafe paths (issue 14).

Every CLI command runs in a subprocess over a corpus drawn by tests/hostile/make_corpus.py:
no run may hang, print a traceback or end in an internal error; each names its culprit; no
input file changes by a byte. Then hypothesis fuzzes profile.json parsing and the image
header readers, and the window opens the corpus folder.
"""

from __future__ import annotations

import errno
import io
import json
import os
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from emit_gui.catalog import Problem, check_image, decode_image, scan, scan_product
from emit_gui.catalog.images import ImageDecodeError, _fast_header
from emit_gui.errors import UserError
from tests.hostile.cases import CASES, prepare, run_case, summary
from tests.hostile.make_corpus import build, corpus_hashes, jpeg, png

RESULTS = []


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    root = base / "corpus"
    planted = build(root)
    prepare(root, base / "work")
    return root, base, planted, corpus_hashes(root)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_command_over_the_corpus(corpus, case, tmp_path):
    root, base, _planted, _ = corpus
    result = run_case(case, root, tmp_path / "out", base / "home")
    RESULTS.append(result)
    assert not result.failures, (f"{case.id}: {'; '.join(result.failures)}\n--- stdout\n{result.stdout[-1500:]}"
                                 f"\n--- stderr\n{result.stderr[-1500:]}")


def test_no_input_changed_and_no_pickle_loaded(corpus):
    root, _base, planted, before = corpus
    after = corpus_hashes(root)
    # misc/earlier_export is an export folder that a case replaces on purpose (it is output)
    changed = sorted(k for k in set(before) | set(after)
                     if before.get(k) != after.get(k) and not k.startswith("misc/earlier_export"))
    assert not changed, f"input files changed: {changed}"
    assert not (root.parent / f"{root.name}-pickle-was-loaded").exists(), "a pickle named .safetensors was loaded"
    classes = {p.cls for p in planted}
    assert len(planted) >= 40 and len(classes) >= 20
    if RESULTS:
        print("\n" + summary(RESULTS, planted, not changed))


# ----------------------------------------------------------------------------- in-process


def test_export_on_a_full_disk_leaves_nothing_behind(tmp_path, monkeypatch):
    from emit_gui import export as export_mod
    from emit_gui.store import Store

    root = tmp_path / "in"
    for pid in ("a", "b"):
        (root / pid).mkdir(parents=True)
        (root / pid / f"{pid}_0.jpg").write_bytes(jpeg())
        (root / pid / "profile.json").write_text(json.dumps({"optional_tags": ["红色"]}), encoding="utf-8")
    real = export_mod._atomic_write_json

    def full(path, data):
        if path.name == "final.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    monkeypatch.setattr(export_mod, "_atomic_write_json", full)
    out = tmp_path / "exports" / "out"
    with Store(tmp_path / "s.db") as store, pytest.raises(UserError, match="No space left"):
        export_mod.export(scan(root), store, out)
    assert not out.exists()
    assert os.listdir(tmp_path / "exports") == []  # no staging folder left
    monkeypatch.setattr(export_mod, "_atomic_write_json", real)
    with Store(tmp_path / "s.db") as store:
        export_mod.export(scan(root), store, out)
    assert json.loads((out / "final.json").read_text(encoding="utf-8")).keys() == {"a", "b"}


def test_nan_costs_never_hang_the_decoders():
    from emit_gui.inference.decoders import DECODERS, decode, hungarian

    costs = np.random.default_rng(0).random((3, 6, 4))
    costs[1, 2, :] = np.nan
    costs[:, 4, 1] = np.inf
    for name in DECODERS:
        out = decode(costs, name)
        assert out.tags.shape == (6,) and ((0 <= out.tags) & (out.tags < 4)).all()
    with pytest.raises(ValueError, match="finite"):
        hungarian(np.full((3, 3), np.nan))


def test_bytes_after_the_end_marker_are_not_truncation(tmp_path):
    for name, data in (("a.jpg", jpeg() + os.urandom(6000)), ("b.png", png() + b"\0" * 200)):
        (tmp_path / name).write_bytes(data)
        assert check_image(tmp_path / name) == []
        assert check_image(tmp_path / name, deep=True) == []
    cut = jpeg(size=(320, 240))
    (tmp_path / "c.jpg").write_bytes(cut[: len(cut) // 2])
    assert [p.code for p in check_image(tmp_path / "c.jpg")] == ["image_truncated"]


# ----------------------------------------------------------------------------- fuzzing

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12))
_json = st.recursive(_json_leaf, lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                        st.dictionaries(st.text(max_size=8), kids, max_size=4)),
                     max_leaves=30)
_names = st.sampled_from(["p_0.jpg", "p_1.png", "../x.jpg", "/etc/passwd", "", "a\\b.jpg", "\ud800.jpg",
                          "\udcb0.jpg", "nul\x00.jpg", ".", "profile.json"])
_profiles = st.fixed_dictionaries({}, optional={
    "optional_tags": st.one_of(st.lists(st.one_of(st.text(max_size=10), _json), max_size=6), _json),
    "imgs_tags": st.one_of(st.lists(st.one_of(st.dictionaries(_names, st.one_of(st.text(max_size=6), _json),
                                                              max_size=2), _names, _json), max_size=5), _json),
})


def _check_product(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "p"
        folder.mkdir()
        (folder / "p_0.jpg").write_bytes(b"\xff\xd8\xff\xd9")
        (folder / "profile.json").write_bytes(raw)
        product = scan_product(folder)
        for problem in product.all_problems():
            assert isinstance(problem, Problem)
            str(problem).encode("utf-8")  # printable: valid UTF-8 whatever the profile held
            json.dumps(problem.to_json(), ensure_ascii=False).encode("utf-8")
        for tag in product.optional_tags:
            tag.encode("utf-8")
        for im in product.images:
            im.name.encode("utf-8")


@FUZZ
@given(_profiles)
def test_fuzz_profile_structures(profile):
    _check_product(json.dumps(profile, ensure_ascii=True).encode("utf-8"))


@FUZZ
@given(st.binary(max_size=400), st.sampled_from([b"", b"{", b'{"optional_tags": [', b"\xef\xbb\xbf{", b"[" * 50]))
def test_fuzz_profile_bytes(junk, prefix):
    _check_product(prefix + junk)


_SEEDS = [jpeg(), png(), jpeg(size=(40, 30)) + b"tail"]
_buf = io.BytesIO()
Image.new("RGB", (8, 8), (1, 2, 3)).save(_buf, "WEBP")
_SEEDS.append(_buf.getvalue())
_buf = io.BytesIO()
Image.new("RGB", (8, 8), (1, 2, 3)).save(_buf, "BMP")
_SEEDS.append(_buf.getvalue())


@FUZZ
@given(st.sampled_from(range(len(_SEEDS))),
       st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8),
       st.one_of(st.none(), st.integers(0, 2000)))
def test_fuzz_image_readers(seed, flips, cut):
    data = bytearray(_SEEDS[seed])
    for pos, value in flips:
        data[pos % len(data)] = value
    if cut is not None:
        data = data[:cut]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.jpg"
        path.write_bytes(bytes(data))
        head = _fast_header(path)
        assert head is None or (isinstance(head[1], int) and isinstance(head[2], int))
        for deep in (False, True):
            problems = check_image(path, deep=deep)
            assert all(isinstance(p, Problem) for p in problems)
        try:
            im = decode_image(path, 64)
            assert im.mode == "RGB" and max(im.size) <= 64
        except ImageDecodeError as exc:
            assert isinstance(exc.problem, Problem)


# ----------------------------------------------------------------------------- the window


def test_window_opens_the_hostile_folder(qtbot, corpus, tmp_path):
    pytest.importorskip("PySide6")
    from PySide6.QtCore import QSettings, Qt

    from emit_gui.registry import resolve_model
    from emit_gui.app.session import Status
    from emit_gui.store import open_store
    from emit_gui.ui.main_window import MainWindow

    model = resolve_model().path
    if not (model / "manifest.json").exists():
        pytest.skip("no default model")
    root = corpus[0] / "products"
    store = open_store(tmp_path / "gui.db")
    w = MainWindow(store, model_path=str(model), profile="profile.json", provider="cpu",
                   settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1100, 750)
    w.show()
    qtbot.waitExposed(w)
    try:
        w.open_folder(str(root))
        qtbot.waitUntil(lambda: w.session is not None and w.session.index.workspace_id >= 0 and not w.busy,
                        timeout=120_000)
        s = w.session
        pids = {p.pid for p in s.catalog.products}
        assert {"good1", "trail", "deep", "fifo", "meta_ztxt", "\\xb2\\xfa\u01b7"} <= pids
        assert s.status("deep") is Status.PROBLEM and s.status("fifo") is Status.PROBLEM
        assert "good1" in s.proposals and "trail" in s.proposals  # the rest of the work went on
        problems = " ".join(str(p) for p in s.catalog.all_problems())
        for culprit in ("deep/profile.json", "fifo/profile.json", "products/loop", "imgfifo_0.jpg"):
            assert culprit in problems
        w.product_model.filter = "problems"  # the list of products with problems names the culprits
        w.product_model.refilter()
        assert {"deep", "fifo", "digits", "huge"} <= set(w.product_model.rows) and "good1" not in w.product_model.rows
        w.product_model.filter = "all"
        w.product_model.refilter()
        w.product_list.setFocus()
        for _ in range(len(pids) + 2):  # walk every product with the keyboard: nothing may crash
            qtbot.keyClick(w, Qt.Key.Key_N)
        qtbot.wait(200)
        assert w.isVisible()
    finally:
        w.close()
        w.cancel_work(wait=True)
        store.close()
