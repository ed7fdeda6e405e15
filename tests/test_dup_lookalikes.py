"""The duplicate finder on real look-alikes: different photos of same-coloured garments on the
same studio background are not reported, real duplicates in the shared products are."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from emit_gui.analysis import duplicates as dup
from emit_gui.analysis.index import build_signature_index
from emit_gui.catalog import scan
from tests.conftest import shared_products

# pairs of different pictures that the 48 px rule alone believes 0.90-0.99 the same, found on
# the unplanted shared folder and looked at by eye: grey joggers, beige trousers, black
# sweatshirts, black and navy trousers, black trousers, light beige trousers, grey trousers, and
# the pair the pixel rule comes closest to taking (0.949): two different black trousers
LOOKALIKES = [
    ("10001407/10001407_1.jpg", "10001407/10001407_3.jpg"),
    ("10002010/10002010_0.jpg", "10002300/10002300_2.jpg"),
    ("10000651/10000651_1.jpg", "10001466/10001466_2.jpg"),
    ("10000207/10000207_0.jpg", "10000207/10000207_1.jpg"),
    ("10001392/10001392_0.jpg", "10001585/10001585_0.jpg"),
    ("10002010/10002010_0.jpg", "10002437/10002437_3.jpg"),
    ("10000554/10000554_4.jpg", "10002247/10002247_2.jpg"),
    ("10000043/10000043_5.jpg", "10002413/10002413_2.jpg"),
]
# the same picture twice in the shared products (tests/benchmarks/duplicates_by_eye.txt)
REAL = [
    ("10000891/10000891_2.jpg", "10000891/10000891_6.jpg"),
    ("20000416/20000416_0.jpg", "20000416/20000416_1.jpg"),
    ("20001758/20001758_0.jpg", "20001758/20001758_1.jpg"),
]


def _folder(tmp_path: Path) -> tuple[Path, dict[str, tuple[str, str]]]:
    """Every photo of the pairs in a product of its own (named after it), plus a half-size and a
    mirrored copy of one look-alike photo."""
    src = shared_products()
    root = tmp_path / "products"
    where = {}
    photos = sorted({x for pair in LOOKALIKES + REAL for x in pair})
    for k, rel in enumerate(photos):
        pid = f"{k:03d}"
        (root / pid).mkdir(parents=True)
        shutil.copy(src / rel, root / pid / f"{pid}_0.jpg")
        (root / pid / "profile.json").write_text(json.dumps({"optional_tags": ["x"], "imgs_tags": [{f"{pid}_0.jpg": ""}]}))
        where[rel] = (pid, f"{pid}_0.jpg")
    copies = root / "copies"
    copies.mkdir()
    with Image.open(src / LOOKALIKES[0][0]) as im:
        im = im.convert("RGB")
        im.resize((im.width // 2, im.height // 2), Image.Resampling.BILINEAR).save(copies / "copies_0.jpg", quality=90)
        ImageOps.mirror(im).save(copies / "copies_1.jpg", quality=90)
    (copies / "profile.json").write_text(json.dumps({"optional_tags": ["x"], "imgs_tags": [{"copies_0.jpg": ""}, {"copies_1.jpg": ""}]}))
    where["half"], where["mirror"] = ("copies", "copies_0.jpg"), ("copies", "copies_1.jpg")
    return root, where


def test_lookalike_garments_are_not_duplicates_and_real_copies_are(tmp_path):
    root, where = _folder(tmp_path)
    index = build_signature_index(scan(root))
    pos = {rel: index.position(*key) for rel, key in where.items()}
    found = {frozenset((p.a, p.b)): p for p in dup.find_duplicates(index)}

    # the look-alikes are close enough that the 48 px rule alone takes them for one picture ...
    a = np.array([min(pos[x], pos[y]) for x, y in LOOKALIKES])
    b = np.array([max(pos[x], pos[y]) for x, y in LOOKALIKES])
    coarse = dup.probability(dup.verify(index, a, b).X)
    assert (coarse >= 0.895).all(), coarse
    # ... and the pixel check says they are not
    wrong = [pair for pair in LOOKALIKES if frozenset((pos[pair[0]], pos[pair[1]])) in found]
    assert not wrong, wrong

    # real duplicates of the shared folder, and copies of a look-alike photo, are reported
    orig = LOOKALIKES[0][0]
    expected = REAL + [(orig, "half"), (orig, "mirror"), ("half", "mirror")]
    missing = [pair for pair in expected if frozenset((pos[pair[0]], pos[pair[1]])) not in found]
    assert not missing, missing
    mirrored = found[frozenset((pos[orig], pos["mirror"]))]
    assert mirrored.mirrored and mirrored.probability >= dup.THRESHOLD
    # the evidence of the pixel check travels with each pair (and so into --json)
    px = mirrored.as_dict()["pixels"]
    assert px["detail_corr"] > 0.9 and px["compared"][0] >= 32 and len(px["region"]) == 4
    # nothing else: the look-alike photos' other pairings are not reported either
    assert len(found) == len(expected), [(index.photos[p.a].pid, index.photos[p.b].pid) for p in found.values()]


def test_a_photo_gone_since_the_index_was_built_drops_its_pairs_and_nothing_else(tmp_path):
    """The pixel check decodes the photos again: one that was removed (or damaged) after
    indexing loses its pairs; the other pairs are still checked and reported."""
    src = shared_products()
    root = tmp_path / "products"
    names = {}
    for k, rel in enumerate(REAL[0] + REAL[1]):
        pid = f"{k:03d}"
        (root / pid).mkdir(parents=True)
        shutil.copy(src / rel, root / pid / f"{pid}_0.jpg")
        (root / pid / "profile.json").write_text(json.dumps({"optional_tags": ["x"], "imgs_tags": [{f"{pid}_0.jpg": ""}]}))
        names[rel] = pid
    index = build_signature_index(scan(root))
    assert len(dup.find_duplicates(index)) == 2
    (root / names[REAL[0][1]] / f"{names[REAL[0][1]]}_0.jpg").write_bytes(b"\xff\xd8\xff\xe0 damaged")
    (root / names[REAL[1][1]] / f"{names[REAL[1][1]]}_0.jpg").unlink()
    assert dup.find_duplicates(index) == []
    # put one back: its pair is found again, the damaged one stays out
    shutil.copy(src / REAL[1][1], root / names[REAL[1][1]] / f"{names[REAL[1][1]]}_0.jpg")
    pairs = dup.find_duplicates(index)
    assert [{index.photos[p.a].pid, index.photos[p.b].pid} for p in pairs] == [{names[REAL[1][0]], names[REAL[1][1]]}]


def test_each_pair_names_the_transform_the_pixel_check_found(tmp_path):
    """A 90% crop says which photo is the crop and by how much (to the pixel), a half-size copy
    says resized and no crop, a mirrored copy says mirrored; none of them claims a mark."""
    src = shared_products() / LOOKALIKES[3][0]
    root = tmp_path / "products" / "p"
    root.mkdir(parents=True)
    with Image.open(src) as im:
        im = im.convert("RGB")
        w, h = int(im.width * 0.9), int(im.height * 0.9)
        copies = {"orig.jpg": im, "crop.jpg": im.crop((3, 7, 3 + w, 7 + h)),
                  "half.jpg": im.resize((im.width // 2, im.height // 2), Image.Resampling.BILINEAR),
                  "mirror.jpg": ImageOps.mirror(im)}
        for name, pic in copies.items():
            pic.save(root / name, quality=92)
        share = (w / im.width, h / im.height)
    (root / "profile.json").write_text(json.dumps({"optional_tags": ["x"], "imgs_tags": [{n: ""} for n in copies]}))
    index = build_signature_index(scan(root.parent))
    pos = {n: index.position("p", n) for n in copies}
    found = {frozenset((p.a, p.b)): p for p in dup.find_duplicates(index)}
    pair = {n: found[frozenset((pos["orig.jpg"], pos[n]))] for n in ("crop.jpg", "half.jpg", "mirror.jpg")}
    crop = pair["crop.jpg"]
    assert crop.cropped_side == ("b" if pos["crop.jpg"] == crop.b else "a")
    assert abs(crop.crop[0] - share[0]) < 0.02 and abs(crop.crop[1] - share[1]) < 0.02, (crop.crop, share)
    assert any(e.startswith("resized") for e in pair["half.jpg"].evidence) and not pair["half.jpg"].cropped_side
    assert pair["mirror.jpg"].mirrored and "mirrored" in pair["mirror.jpg"].evidence
    assert not any(e.startswith("one region") for p in pair.values() for e in p.evidence), [p.evidence for p in pair.values()]


def test_white_garments_on_white_need_their_detail_to_match(tmp_path):
    """White trousers and a white top on white differ little anywhere: the pixel rule alone took
    a half-size copy of the trousers for the top (0.99 on the whole planted folder); the detail
    correlation (0.25) keeps it out, and the copy is still found beside its original."""
    src = shared_products()
    root = tmp_path / "products" / "p"
    root.mkdir(parents=True)
    shutil.copy(src / "20000342/20000342_1.jpg", root / "trousers.jpg")
    shutil.copy(src / "20001002/20001002_0.jpg", root / "top.jpg")
    with Image.open(root / "trousers.jpg") as im:
        im.convert("RGB").resize((im.width // 2, im.height // 2), Image.Resampling.BILINEAR).save(root / "half.jpg", quality=90)
    names = ["trousers.jpg", "top.jpg", "half.jpg"]
    (root / "profile.json").write_text(json.dumps({"optional_tags": ["x"], "imgs_tags": [{n: ""} for n in names]}))
    index = build_signature_index(scan(root.parent))
    found = {frozenset(index.photos[i].name for i in (p.a, p.b)) for p in dup.find_duplicates(index)}
    assert found == {frozenset(("trousers.jpg", "half.jpg"))}
