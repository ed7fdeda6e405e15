from __future__ import annotations

import json
import subprocess
import sys

from emit_gui.catalog import scan
from emit_gui.store import ACCEPTED, CORRECTED, Store
from tests.test_store import small_root


def test_export_writes_decisions_in_emit_layout(tmp_path):
    root = small_root(tmp_path)
    prof = json.loads((root / "p2" / "profile.json").read_text(encoding="utf-8"))
    prof["imgs_tags"] = [{"p2_0.jpg": "蓝"}, {"p2_1.jpg": ""}]  # a label the folder came with
    (root / "p2" / "profile.json").write_text(json.dumps(prof, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "e.db"
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    with Store(db) as store:
        ix = store.sync_workspace(scan(root))
        store.decide(ix.workspace_id, ix.image_id("p0", "p0_0.jpg"), "红", ACCEPTED)
        store.decide(ix.workspace_id, ix.image_id("p0", "p0_1.jpg"), "蓝", CORRECTED)
        store.decide(ix.workspace_id, ix.image_id("p2", "p2_1.jpg"), "红", CORRECTED)
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "emit_gui", "export", str(root), "--out", str(out), "--db", str(db)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    decided = {("p0", "p0_0.jpg"), ("p0", "p0_1.jpg"), ("p2", "p2_1.jpg")}
    folder_own = sum(1 for p in scan(root).products for im in p.images
                     if im.tag in p.optional_tags and (p.pid, im.name) not in decided)
    assert folder_own == 1  # the folder's own label goes out, never counted as decided
    assert ("4 of 6 photos labelled, 3 decided here, 1 the folder's own labels (not reviewed)"
            in run.stdout), run.stdout
    p0 = json.loads((out / "p0" / "profile.json").read_text(encoding="utf-8"))
    assert p0 == {"optional_tags": ["红", "蓝"], "imgs_tags": [{"p0_0.jpg": "红"}, {"p0_1.jpg": "蓝"}]}
    p1 = json.loads((out / "p1" / "profile.json").read_text(encoding="utf-8"))
    assert p1["imgs_tags"] == [{"p1_0.jpg": ""}, {"p1_1.jpg": ""}]  # undecided stays empty
    final = json.loads((out / "final.json").read_text(encoding="utf-8"))
    assert set(final) == {"p0", "p1", "p2"} and final["p2"]["imgs_tags"] == [{"p2_0.jpg": "蓝"}, {"p2_1.jpg": "红"}]
    assert (out / "p0" / "p0_0.jpg").read_bytes() == (root / "p0" / "p0_0.jpg").read_bytes()
    assert scan(out).products[0].images[0].tag == "红"  # the export is itself a valid EMIT folder
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert after == before


def test_export_refuses_to_write_into_the_input(tmp_path):
    root = small_root(tmp_path)
    for target in (root, root / "inside"):
        run = subprocess.run([sys.executable, "-m", "emit_gui", "export", str(root), "--out", str(target),
                              "--db", str(tmp_path / "e.db")], capture_output=True, text=True, timeout=120)
        assert run.returncode != 0 and "outside the input folder" in run.stderr
        assert "Traceback" not in run.stderr
    assert not (root / "inside").exists()


def test_export_leaves_out_what_cannot_be_trained_on_and_says_so(tmp_path):
    """An export is training data: a truncated or empty photo is left out (not linked in with
    the folder's label, not listed without its file), a photo a person marked unsure goes out
    without the folder's label, and a product whose profile is malformed is not exported with
    no options; each is named in a note, and the summary line counts them."""
    from emit_gui.store import UNSURE

    root = small_root(tmp_path, n=4)
    for pid in ("p0", "p1", "p2"):  # the folder's own labels
        prof = json.loads((root / pid / "profile.json").read_text(encoding="utf-8"))
        prof["imgs_tags"] = [{f"{pid}_0.jpg": "红"}, {f"{pid}_1.jpg": "蓝"}]
        (root / pid / "profile.json").write_text(json.dumps(prof, ensure_ascii=False), encoding="utf-8")
    whole = (root / "p0" / "p0_0.jpg").read_bytes()
    (root / "p0" / "p0_0.jpg").write_bytes(whole[: len(whole) // 2])  # truncated
    (root / "p1" / "p1_1.jpg").write_bytes(b"")  # empty
    (root / "p3" / "profile.json").write_text('{"optional_tags": ["红", ', encoding="utf-8")  # malformed
    db = tmp_path / "e.db"
    with Store(db) as store:
        ix = store.sync_workspace(scan(root))
        store.decide(ix.workspace_id, ix.image_id("p2", "p2_0.jpg"), "红", UNSURE)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "emit_gui", "export", str(root), "--out", str(out), "--db", str(db)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    final = json.loads((out / "final.json").read_text(encoding="utf-8"))
    assert set(final) == {"p0", "p1", "p2"}  # p3 has no readable options
    assert final["p0"]["imgs_tags"] == [{"p0_1.jpg": "蓝"}] and not (out / "p0" / "p0_0.jpg").exists()
    assert final["p1"]["imgs_tags"] == [{"p1_0.jpg": "红"}] and not (out / "p1" / "p1_1.jpg").exists()
    assert final["p2"]["imgs_tags"] == [{"p2_0.jpg": ""}, {"p2_1.jpg": "蓝"}]  # unsure: no label
    assert not (out / "p3").exists()
    for name in ("p0_0.jpg", "p1_1.jpg", "p3"):
        assert name in run.stderr, run.stderr
    assert "1 marked unsure, exported without a label; 4 left out" in run.stdout, run.stdout
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before
