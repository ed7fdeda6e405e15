"""A corpus of hostile files and folders, drawn here (no shop photos): what real catalogue
folders, zips made on other systems, broken model folders and careless users produce.

    python tests/hostile/make_corpus.py OUT

writes ``OUT/products`` (a folder of products, most of them hostile, a few good ones so that
"the rest of the work goes on" can be seen), ``OUT/models/<case>`` (model folders that are not
what they say), ``OUT/db`` (stores that are not emit-gui's, or damaged) and ``OUT/misc``.
:func:`build` returns what was planted: each case's class and the file a report must name.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import shutil
import sqlite3
import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parents[2]
DEFAULT_MODEL = REPO / "resources" / "models" / "default"


@dataclass(frozen=True)
class Planted:
    name: str  # the case
    cls: str  # its class (what kind of hostility)
    culprit: str  # what a report must name: a path relative to the corpus, or a name
    where: str = "products"  # products | models | db | misc


# ----------------------------------------------------------------------------- drawing


def photo(color, size=(64, 48), shape="ellipse") -> Image.Image:
    im = Image.new("RGB", size, (250, 250, 250))
    d = ImageDraw.Draw(im)
    box = (size[0] // 6, size[1] // 6, size[0] * 5 // 6, size[1] * 5 // 6)
    (d.ellipse if shape == "ellipse" else d.rectangle)(box, fill=color)
    return im


def jpeg(color=(200, 30, 30), size=(64, 48)) -> bytes:
    buf = io.BytesIO()
    photo(color, size).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def png(color=(30, 30, 200), size=(64, 48)) -> bytes:
    buf = io.BytesIO()
    photo(color, size, "rect").save(buf, "PNG")
    return buf.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_with_chunk(kind: bytes, data: bytes) -> bytes:
    """A valid small PNG with one more chunk right after IHDR (before the pixels)."""
    base = png()
    cut = 8 + 25  # signature + IHDR chunk
    return base[:cut] + png_chunk(kind, data) + base[cut:]


def metadata_bomb(kind: bytes) -> bytes:
    """A PNG whose text or ICC chunk is 2 KB on disk and inflates to 4 MB (Pillow's limit is 1 MB)."""
    blob = zlib.compress(b"A" * (4 << 20), 9)
    if kind == b"zTXt":
        return png_with_chunk(kind, b"Comment\x00\x00" + blob)
    if kind == b"iTXt":
        return png_with_chunk(kind, b"Comment\x00\x01\x00en\x00Comment\x00" + blob)
    return png_with_chunk(b"iCCP", b"icc\x00\x00" + blob)


def pixel_bomb(w=30000, h=30000) -> bytes:
    """A PNG header claiming w x h pixels (900 MP), with a token of pixel data."""
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
            + png_chunk(b"IDAT", zlib.compress(b"\x00" * 4096)) + png_chunk(b"IEND", b""))


def bad_crc_png() -> bytes:
    data = bytearray(png())
    i = data.index(b"IDAT")
    data[i + 10] ^= 0xFF  # inside the compressed pixels: the CRC no longer matches
    return bytes(data)


# ----------------------------------------------------------------------------- products


def _write(folder: Path, name: str | bytes, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), name))) if isinstance(name, bytes) else folder / name
    path.write_bytes(data)
    return path


def _profile(folder: Path, tags, imgs_tags=None, text: str | bytes | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if text is None:
        text = json.dumps({"optional_tags": tags, **({"imgs_tags": imgs_tags} if imgs_tags is not None else {})},
                          ensure_ascii=False)
    (folder / "profile.json").write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def _product(root: Path, pid: str, photos: dict[str, bytes], tags=("红色", "蓝色"), labels=None) -> Path:
    folder = root / pid
    for name, data in photos.items():
        _write(folder, name, data)
    names = list(photos)
    labels = labels or [""] * len(names)
    _profile(folder, list(tags), [{n: t} for n, t in zip(names, labels, strict=True)])
    return folder


def build_products(root: Path, planted: list[Planted]) -> None:
    red, blue, dark = jpeg((200, 30, 30)), jpeg((30, 30, 200)), jpeg((12, 12, 12))

    def plant(name, cls, culprit):
        planted.append(Planted(name, cls, f"products/{culprit}"))

    # good products (labelled): the work that must go on around the hostile ones
    _product(root, "good1", {"good1_0.jpg": red, "good1_1.jpg": blue}, labels=["红色", "蓝色"])
    _product(root, "good2", {"good2_0.jpg": blue, "good2_1.png": png((200, 30, 30))}, labels=["蓝色", "红色"])
    _product(root, "dark", {"dark_0.jpg": dark, "dark_1.jpg": red}, tags=("黑色", "红色"), labels=["黑色", "红色"])

    # photos that inflate, lie about their size, stop early or carry extra bytes
    for kind, cls in ((b"zTXt", "png_text_bomb"), (b"iTXt", "png_text_bomb"), (b"iCCP", "png_icc_bomb")):
        n = kind.decode().lower()
        _product(root, f"meta_{n}", {f"meta_{n}_0.png": metadata_bomb(kind), f"meta_{n}_1.jpg": blue})
        plant(f"metadata bomb {kind.decode()}", cls, f"meta_{n}/meta_{n}_0.png")
    _product(root, "bomb", {"bomb_0.png": pixel_bomb(), "bomb_1.jpg": blue})
    plant("decompression bomb (900 MP header)", "decompression_bomb", "bomb/bomb_0.png")
    big = jpeg(size=(320, 240))
    _product(root, "trunc", {"trunc_0.jpg": big[: len(big) // 2], "trunc_1.png": png()[:-40], "trunc_2.jpg": blue})
    plant("truncated JPEG", "truncated", "trunc/trunc_0.jpg")
    plant("truncated PNG", "truncated", "trunc/trunc_1.png")
    _product(root, "crc", {"crc_0.png": bad_crc_png(), "crc_1.jpg": blue})
    plant("PNG with a damaged pixel chunk", "corrupt", "crc/crc_0.png")
    _product(root, "eps", {"eps_0.jpg": b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n", "eps_1.jpg": blue})
    plant("PostScript named .jpg (never handed to Ghostscript)", "not_an_image", "eps/eps_0.jpg")
    # trailing bytes after the end marker: the photos decode, so nothing may be said about them
    _product(root, "trail", {"trail_0.jpg": red + os.urandom(9000), "trail_1.png": png() + b"\x00" * 300},
             labels=["红色", "蓝色"])
    plant("bytes after the JPEG / PNG end marker (they decode: never called truncated)", "trailing_bytes", "trail")

    # names from another encoding (a zip made on Chinese Windows): GBK bytes, not UTF-8
    gbk = root / "gbkphoto"
    _write(gbk, "红色_0.jpg".encode("gbk"), red)
    _write(gbk, b"gbkphoto_1.jpg", blue)
    _profile(gbk, ["红色", "蓝色"])  # no imgs_tags: the folder's photos are taken
    plant("photo name in GBK", "non_utf8_name", "gbkphoto")
    gbk_pid = os.fsdecode("产品".encode("gbk"))
    _product(root, gbk_pid, {"p_0.jpg": red, "p_1.jpg": blue})
    plant("product folder name in GBK", "non_utf8_name", r"\xb2\xfa\xc6\xb7")
    _product(root, "surrogate", {"surrogate_0.jpg": red, "surrogate_1.jpg": blue})
    _profile(root / "surrogate", None, text='{"optional_tags": ["\\ud800red", "蓝色"], '
             '"imgs_tags": [{"surrogate_0.jpg": "\\ud800red"}, {"surrogate_1.jpg": ""}, {"\\udfff.jpg": ""}]}')
    plant("lone surrogate in a tag and a name", "non_utf8_tag", "surrogate/profile.json")
    _product(root, "twins", {"twins_0.jpg": red, "twins_1.jpg": blue, "twins_2.jpg": red},
             tags=("Caf\u00e9", "Cafe\u0301", "\u200b红色"))
    plant("NFC/NFD and zero-width twin tags", "tag_twins", "twins/profile.json")

    # profiles that hang, blow the stack or the integer parser, or are far too large
    fifo = root / "fifo"
    _write(fifo, "fifo_0.jpg", red)
    os.mkfifo(fifo / "profile.json")
    plant("profile.json is a FIFO", "fifo", "fifo/profile.json")
    _product(root, "deep", {"deep_0.jpg": red})
    _profile(root / "deep", None, text="[" * 100_000 + "]" * 100_000)
    plant("profile nested 100,000 deep", "json_deep", "deep/profile.json")
    _product(root, "digits", {"digits_0.jpg": red})
    _profile(root / "digits", None, text='{"optional_tags": ["a"], "n": ' + "9" * 5000 + "}")
    plant("5,000-digit number in profile", "json_number", "digits/profile.json")
    _product(root, "huge", {"huge_0.jpg": red})
    _profile(root / "huge", None, text='{"optional_tags": ["a"]' + " " * (5 << 20) + "}")
    plant("5 MB profile", "json_size", "huge/profile.json")
    _product(root, "nested", {"nested_0.jpg": red, "nested_1.jpg": blue})
    _profile(root / "nested", None, text='{"optional_tags": ["红色", ' + "[" * 500 + "]" * 500
             + '], "imgs_tags": [' + "{" * 0 + '[[[["x"]]]]' + "]}")
    plant("nested values where strings belong", "json_types", "nested/profile.json")

    # folders that loop, lead nowhere, or are named like the export's own file
    os.symlink("loop", root / "loop")
    plant("product folder is a symlink to itself", "symlink_loop", "loop")
    os.symlink(".", root / "selflink")
    plant("product folder is a symlink to the root", "symlink_loop", "selflink")
    os.symlink("../products", root / "parentlink")
    plant("product folder is a symlink to its parent", "symlink_loop", "parentlink")
    _write(root / "imgfifo", "imgfifo_1.jpg", blue)
    os.mkfifo(root / "imgfifo" / "imgfifo_0.jpg")
    _profile(root / "imgfifo", ["红色", "蓝色"], [{"imgfifo_0.jpg": ""}, {"imgfifo_1.jpg": ""}])
    plant("photo is a FIFO", "fifo", "imgfifo/imgfifo_0.jpg")
    _product(root, "final.json", {"f_0.jpg": red, "f_1.jpg": blue})
    plant("product folder named final.json", "export_name", "final.json")


# ----------------------------------------------------------------------------- models


def tiny_onnx(path: Path, *, size=64, members=2, labels=4, nan="never", input_size=None, out_labels=None,
              out_members=None) -> None:
    """A small graph with the app's interface: uint8 images (N, 3, S, S) -> probs (N, M, L),
    uniform. ``nan``: "never", "always", or "dark" (NaN for photos darker than a threshold)."""
    import onnx
    from onnx import TensorProto, helper

    s_in = input_size or size
    m = out_members or members
    n_lab = out_labels or labels
    uniform = np.full((1, m, n_lab), 1.0 / n_lab, np.float32)
    nodes = [
        helper.make_node("Cast", ["images"], ["xf"], to=TensorProto.FLOAT),
        helper.make_node("ReduceMean", ["xf"], ["mean"], axes=[1, 2, 3], keepdims=1),  # (N,1,1,1)
        helper.make_node("Squeeze", ["mean", "ax3"], ["mean3"]),  # (N,1,1)
        helper.make_node("Mul", ["mean3", "zero"], ["z"]),
        helper.make_node("Add", ["z", "uniform"], ["ok"]),  # (N, M, L)
    ]
    inits = [helper.make_tensor("ax3", TensorProto.INT64, [1], [3]),
             helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0]),
             helper.make_tensor("uniform", TensorProto.FLOAT, list(uniform.shape), uniform.ravel().tolist())]
    if nan == "never":
        nodes.append(helper.make_node("Identity", ["ok"], ["probs"]))
    else:
        threshold = 1e9 if nan == "always" else 60.0
        nodes += [helper.make_node("Less", ["mean3", "thr"], ["dark"]),
                  helper.make_node("Where", ["dark", "nanv", "ok"], ["probs"])]
        inits += [helper.make_tensor("thr", TensorProto.FLOAT, [], [threshold]),
                  helper.make_tensor("nanv", TensorProto.FLOAT, [], [float("nan")])]
    graph = helper.make_graph(
        nodes, "tiny",
        [helper.make_tensor_value_info("images", TensorProto.UINT8, ["N", 3, s_in, s_in])],
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["N", m, n_lab])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, str(path))


def safetensors_bytes() -> bytes:
    header = json.dumps({"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}).encode()
    header += b" " * (-len(header) % 8)
    return struct.pack("<Q", len(header)) + header + struct.pack("<f", 1.0)


class _Canary:
    """Unpickling this writes a marker file: proof that a pickle was (never) loaded."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tiny_manifest(labels=4, members=2, size=64, **changes) -> dict:
    vocab_labels = [f"l{i}" for i in range(labels - 1)] + ["<other>"]
    masks = [[1] * labels for _ in range(members)]
    manifest = {"format_version": 1, "name": "tiny",
                "vocabulary": {"labels": vocab_labels, "min_count": 1, "top_k": labels - 1},
                "members": [{"index": k, "mask": m} for k, m in enumerate(masks)],
                "input": {"size": size}, "calibration": {"temperature": 1.0, "a": 1.0, "b": 0.0, "c": 0.0}}
    manifest.update(changes)
    return manifest


def write_model(folder: Path, manifest: dict | None = None, *, onnx_kw=None, onnx_bytes=None, weights=None,
                manifest_text: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if onnx_bytes is not None:
        (folder / "ensemble.onnx").write_bytes(onnx_bytes)
    else:
        tiny_onnx(folder / "ensemble.onnx", **(onnx_kw or {}))
    (folder / "weights.safetensors").write_bytes(weights if weights is not None else safetensors_bytes())
    manifest = manifest or tiny_manifest()
    manifest["files"] = {f: _sha(folder / f) for f in ("ensemble.onnx", "weights.safetensors")}
    (folder / "manifest.json").write_text(manifest_text if manifest_text is not None else json.dumps(manifest),
                                          encoding="utf-8")
    return folder


def build_models(root: Path, planted: list[Planted], canary: Path) -> None:
    def plant(name, cls):
        planted.append(Planted(name, cls, f"models/{name}", "models"))

    write_model(root / "tiny_ok")  # a sound model: the control
    write_model(root / "nan_outputs", onnx_kw={"nan": "always"})
    plant("nan_outputs", "model_nan")
    write_model(root / "nan_on_dark", onnx_kw={"nan": "dark", "size": 64})  # passes the probe; NaN on dark photos
    bad = tiny_manifest()
    bad["members"][1]["mask"][2] = float("nan")
    write_model(root / "nan_masks", bad)
    plant("nan_masks", "model_nan")
    write_model(root / "wrong_input_size", onnx_kw={"input_size": 32})
    plant("wrong_input_size", "model_mismatch")
    write_model(root / "wrong_width", onnx_kw={"out_labels": 5})
    plant("wrong_width", "model_mismatch")
    write_model(root / "wrong_members", onnx_kw={"out_members": 3})
    plant("wrong_members", "model_mismatch")
    write_model(root / "garbage_onnx", onnx_bytes=b"\x08" + os.urandom(4000))
    plant("garbage_onnx", "model_garbage")
    ext = root / "external_data"
    write_model(ext)
    import onnx

    m = onnx.load(str(ext / "ensemble.onnx"))
    for t in m.graph.initializer:  # its weights "live" in a file outside the model folder
        if t.name == "uniform":
            t.ClearField("float_data")
            t.data_location = onnx.TensorProto.EXTERNAL
            for k, v in (("location", "../../products/good1/good1_0.jpg"), ("offset", "0"), ("length", "32")):
                entry = t.external_data.add()
                entry.key, entry.value = k, v
    write_model(ext, onnx_bytes=m.SerializeToString())
    plant("external_data", "model_garbage")
    write_model(root / "pickle_weights", weights=pickle.dumps(_Canary(str(canary))))
    plant("pickle_weights", "model_pickle")
    for name, size in (("size_0", 0), ("size_minus5", -5), ("size_100000", 100_000)):
        write_model(root / name, tiny_manifest(input={"size": size}))
        plant(name, "model_sizes")
    write_model(root / "temperature_0", tiny_manifest(calibration={"temperature": 0.0}))
    plant("temperature_0", "model_calibration")
    write_model(root / "temperature_nan", tiny_manifest(calibration={"temperature": float("nan")}))
    plant("temperature_nan", "model_calibration")
    fifo = write_model(root / "manifest_fifo")
    os.unlink(fifo / "manifest.json")
    os.mkfifo(fifo / "manifest.json")
    plant("manifest_fifo", "fifo")
    write_model(root / "manifest_deep", manifest_text="[" * 100_000 + "]" * 100_000)
    plant("manifest_deep", "json_deep")
    write_model(root / "manifest_members_huge", tiny_manifest(members=100))
    plant("manifest_members_huge", "model_sizes")


# ----------------------------------------------------------------------------- stores and the rest


def build_dbs(root: Path, planted: list[Planted]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(root / "foreign.sqlite") as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('Ada')")
    conn.close()
    planted.append(Planted("foreign.sqlite", "foreign_db", "db/foreign.sqlite", "db"))
    (root / "text.db").write_text("not a database at all\n", encoding="utf-8")
    planted.append(Planted("text.db", "foreign_db", "db/text.db", "db"))
    os.mkfifo(root / "fifo.db")
    planted.append(Planted("fifo.db", "fifo", "db/fifo.db", "db"))
    # an emit-gui store, then damaged in its middle pages
    from emit_gui.store import Store

    with Store(root / "damaged.sqlite3"):
        pass
    for suffix in ("-wal", "-shm"):
        (root / f"damaged.sqlite3{suffix}").unlink(missing_ok=True)
    data = bytearray((root / "damaged.sqlite3").read_bytes())
    page = 4096
    for off in range(page * 2, len(data), page):
        data[off:off + 64] = b"\xff" * 64  # every page after the second: its header smashed
    (root / "damaged.sqlite3").write_bytes(bytes(data))
    planted.append(Planted("damaged.sqlite3", "damaged_db", "db/damaged.sqlite3", "db"))
    with Store(root / "empty.sqlite3"):
        pass
    for suffix in ("-wal", "-shm"):
        (root / f"empty.sqlite3{suffix}").unlink(missing_ok=True)


def build_misc(root: Path, planted: list[Planted]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "home_is_a_file").write_text("EMIT_GUI_HOME points here\n", encoding="utf-8")
    planted.append(Planted("home_is_a_file", "env", "misc/home_is_a_file", "misc"))
    (root / "nolabels").mkdir()
    _product(root / "nolabels", "u1", {"u1_0.jpg": jpeg(), "u1_1.jpg": jpeg((30, 30, 200))})
    planted.append(Planted("nolabels", "evaluate_no_labels", "misc/nolabels", "misc"))
    gbk_root = root / os.fsdecode("根目录".encode("gbk"))
    _product(gbk_root, "g1", {"g1_0.jpg": jpeg(), "g1_1.jpg": jpeg((30, 30, 200))}, labels=["红色", "蓝色"])
    planted.append(Planted("folder opened has a GBK name", "non_utf8_name", r"misc/\xb8\xf9", "misc"))


def build(out: Path) -> list[Planted]:
    """Write the corpus under ``out`` (which must not exist yet); return what was planted."""
    out = Path(out)
    out.mkdir(parents=True)
    planted: list[Planted] = []
    build_products(out / "products", planted)
    build_models(out / "models", planted, out.parent / f"{out.name}-pickle-was-loaded")
    build_dbs(out / "db", planted)
    build_misc(out / "misc", planted)
    return planted


def corpus_hashes(out: Path) -> dict[str, str]:
    """Every regular file's sha256 and every link's target, never following links or opening FIFOs."""
    seen: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(os.fsencode(out), followlinks=False):
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            rel = os.fsdecode(os.path.relpath(p, os.fsencode(out)))
            st = os.lstat(p)
            if os.path.islink(p):
                seen[rel] = "link:" + os.fsdecode(os.readlink(p))
            elif os.path.isfile(p):
                with open(p, "rb") as fh:
                    seen[rel] = hashlib.sha256(fh.read()).hexdigest()
            elif not os.path.isdir(p):
                seen[rel] = f"special:{st.st_mode:o}"
    return seen


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/hostile/make_corpus.py OUT")
    sys.path.insert(0, str(REPO))
    target = Path(sys.argv[1])
    if target.exists():
        shutil.rmtree(target)
    cases = build(target)
    classes = sorted({c.cls for c in cases})
    print(f"{len(cases)} hostile cases in {len(classes)} classes under {target}: {', '.join(classes)}")
