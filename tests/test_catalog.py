from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from emit_gui.catalog import ImageDecodeError, check_image, decode_image, scan
from emit_gui.errors import UserError
from tests.faults import build_broken_root, jpeg_bytes, write_product


@pytest.fixture
def broken(tmp_path: Path):
    root = tmp_path / "broken"
    expect = build_broken_root(root, tmp_path / "outside")
    return root, expect


def _inspect_json(path: Path, *extra: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "emit_gui", "inspect", str(path), "--json", *extra],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    return json.loads(out.stdout)


def test_inspect_reports_every_planted_fault_by_file_name(broken):
    root, expect = broken
    report = _inspect_json(root)
    problems = report["problem_list"]
    for fault, (code, name) in expect.items():
        hits = [p for p in problems if p["code"] == code and (name in p["path"] or name in p["message"])]
        assert hits, f"{fault}: no {code} problem naming {name}; got {[(p['code'], p['path']) for p in problems]}"
    # the good product is untouched and everything else still loaded
    assert not [p for p in problems if "/good/" in p["path"] or p["path"].endswith("/good")]
    assert report["products"] == 19


def test_inspect_text_output_lists_problems_and_exits_zero(broken):
    root, _ = broken
    out = subprocess.run([sys.executable, "-m", "emit_gui", "inspect", str(root)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0
    assert "image_truncated" in out.stdout and "truncated_1.jpg" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


@pytest.mark.parametrize("make, message", [
    (lambda tmp: tmp / "nope", "no such folder"),
    (lambda tmp: (tmp / "file.txt").write_text("x") and tmp / "file.txt", "not a folder"),
])
def test_inspect_unreadable_root_is_one_line_and_nonzero(tmp_path, make, message):
    out = subprocess.run([sys.executable, "-m", "emit_gui", "inspect", str(make(tmp_path))],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_inspect_permission_denied(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        with pytest.raises(UserError, match="permission denied"):
            scan(locked)
    finally:
        locked.chmod(0o755)


def test_deep_check_finds_corruption_the_cheap_check_cannot(tmp_path):
    data = bytearray(jpeg_bytes(size=(256, 256)))
    mid = len(data) // 2
    data[mid : mid + 200] = os.urandom(200)  # scramble entropy-coded data, keep the end marker
    path = tmp_path / "x.jpg"
    path.write_bytes(bytes(data))
    assert check_image(path) == []
    # a deep decode either fails or at least does not crash; Pillow may decode noise silently,
    # so plant a structural fault it must notice: cut the scan data and re-append the marker
    cut = bytes(data[: len(data) // 3]) + b"\xff\xd9"
    path.write_bytes(cut)
    assert check_image(path) == []  # end marker present: cheap check passes
    problems = check_image(path, deep=True)
    assert problems and problems[0].code in ("image_truncated", "image_corrupt")


def test_single_product_folder_and_folder_without_imgs_tags(tmp_path):
    folder = write_product(tmp_path, "p1", ["a", "b"], {"p1_1.jpg": jpeg_bytes(), "p1_10.jpg": jpeg_bytes(),
                                                        "p1_2.jpg": jpeg_bytes()})
    data = json.loads((folder / "profile.json").read_text())
    del data["imgs_tags"]
    (folder / "profile.json").write_text(json.dumps(data))
    catalog = scan(folder)
    assert [p.pid for p in catalog.products] == ["p1"]
    assert [im.name for im in catalog.products[0].images] == ["p1_1.jpg", "p1_2.jpg", "p1_10.jpg"]
    assert all(im.tag is None for im in catalog.products[0].images)


def test_alternative_profile_name(shared):
    catalog = scan(shared, "profile_zh.json")
    assert len(catalog) == 1500 and catalog.n_images == 4743
    assert not catalog.all_problems()
    assert any("色" in t for p in catalog.products[:20] for t in p.optional_tags)


def test_shared_dataset_scans_clean_and_fast(shared):
    report = _inspect_json(shared)
    assert (report["products"], report["images"], report["problems"]) == (1500, 4743, 0)


def test_scan_never_decodes_images(tmp_path, monkeypatch):
    for i in range(30):
        write_product(tmp_path / "root", f"p{i}", ["a", "b"], {f"p{i}_0.jpg": jpeg_bytes(), f"p{i}_1.jpg": jpeg_bytes()})

    def boom(*a, **k):
        raise AssertionError("scan opened an image")

    monkeypatch.setattr(Image, "open", boom)
    catalog = scan(tmp_path / "root")
    assert catalog.n_images == 60


# ---------------------------------------------------------------- decoding odd images


def _save(tmp_path: Path, im: Image.Image, name: str, **kw) -> Path:
    path = tmp_path / name
    im.save(path, **kw)
    return path


def test_decode_odd_modes_to_rgb(tmp_path):
    cases = {
        "cmyk.jpg": Image.new("CMYK", (40, 30), (0, 255, 255, 0)),  # red in CMYK
        "palette.png": Image.new("RGB", (40, 30), (255, 0, 0)).convert("P"),
        "gray.png": Image.new("L", (40, 30), 128),
        "bw.png": Image.new("1", (40, 30), 1),
    }
    for name, im in cases.items():
        out = decode_image(_save(tmp_path, im, name))
        assert out.mode == "RGB" and out.size == (40, 30), name
    r, g, b = decode_image(tmp_path / "cmyk.jpg").getpixel((5, 5))
    assert r > 200 and g < 60 and b < 60


def test_decode_16bit_is_scaled_not_clipped(tmp_path):
    im = Image.new("I;16", (20, 20), 32768)  # half of full scale
    out = decode_image(_save(tmp_path, im, "deep.png"))
    v = out.getpixel((3, 3))
    assert out.mode == "RGB" and 120 <= v[0] <= 135


def test_decode_alpha_composites_on_white(tmp_path):
    im = Image.new("RGBA", (20, 20), (255, 0, 0, 0))  # fully transparent red
    out = decode_image(_save(tmp_path, im, "alpha.png"))
    assert out.getpixel((1, 1)) == (255, 255, 255)
    pal = Image.new("P", (20, 20), 0)
    pal.putpalette([0, 0, 0] * 256)
    pal.info["transparency"] = 0
    out = decode_image(_save(tmp_path, pal, "pal_alpha.png", transparency=0))
    assert out.getpixel((1, 1)) == (255, 255, 255)


def test_decode_applies_exif_rotation(tmp_path):
    im = Image.new("RGB", (60, 20), (0, 0, 255))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    path = _save(tmp_path, im, "rot.jpg", exif=exif.tobytes())
    assert decode_image(path).size == (20, 60)


def test_decode_large_jpeg_uses_draft_and_target_size(tmp_path):
    path = _save(tmp_path, Image.new("RGB", (4000, 3000), (10, 200, 10)), "big.jpg", quality=80)
    out = decode_image(path, 256)
    assert max(out.size) == 256 and out.size == (256, 192)


def test_decode_refuses_bomb_and_garbage_with_problem(tmp_path):
    buf = io.BytesIO()
    Image.new("1", (30000, 30000)).save(buf, "PNG")
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(buf.getvalue())
    with pytest.raises(ImageDecodeError) as info:
        decode_image(bomb, 128)
    assert info.value.problem.code == "image_too_large" and info.value.problem.path == bomb
    junk = tmp_path / "junk.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0garbage")
    with pytest.raises(ImageDecodeError):
        decode_image(junk, 128)


def test_inspect_says_when_an_unreadable_photo_breaks_full_cover(tmp_path):
    """A product of two options whose second photo is cut short: `inspect` says the photo ends
    early (Pillow's "image file is truncated (0 bytes not processed)" reads as if nothing were
    missing) and that full cover is now impossible, as the window and `predict` say."""
    from tests.faults import jpeg_bytes, write_product

    big = jpeg_bytes((10, 10, 200), size=(400, 300))
    write_product(tmp_path / "root", "half", ["红", "蓝"],
                  {"half_0.jpg": jpeg_bytes(), "half_1.jpg": big[: len(big) // 2]})
    problems = _inspect_json(tmp_path / "root")["problem_list"]
    cut = [p for p in problems if p["path"].endswith("half_1.jpg")]
    assert cut and cut[0]["code"] == "image_truncated" and "cut short" in cut[0]["message"], cut
    assert [p for p in problems if p["code"] == "cover_impossible" and p["path"].endswith("half")], problems
