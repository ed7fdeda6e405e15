"""Build a folder of products with every kind of planted fault, and what inspect must say."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

from PIL import Image


def jpeg_bytes(color=(200, 30, 30), size=(64, 48), **save) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG", quality=90, **save)
    return buf.getvalue()


def png_bytes(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def write_product(root: Path, pid: str, tags: list, images: dict[str, bytes | None], *,
                  imgs_tags=None, profile_text: str | bytes | None = None) -> Path:
    folder = root / pid
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in images.items():
        if data is not None:
            (folder / name).write_bytes(data)
    if profile_text is not None:
        data = profile_text if isinstance(profile_text, bytes) else profile_text.encode("utf-8")
        (folder / "profile.json").write_bytes(data)
    else:
        if imgs_tags is None:
            imgs_tags = [{n: ""} for n in images]
        (folder / "profile.json").write_text(
            json.dumps({"optional_tags": tags, "imgs_tags": imgs_tags}, ensure_ascii=False), encoding="utf-8")
    return folder


def build_broken_root(root: Path, outside: Path) -> dict[str, tuple[str, str]]:
    """Plant one fault per product. Returns {fault: (code, file name the report must name)}."""
    root.mkdir(parents=True, exist_ok=True)
    ok = jpeg_bytes()
    blue = jpeg_bytes((20, 20, 200))
    expect: dict[str, tuple[str, str]] = {}

    write_product(root, "good", ["红色", "蓝色"], {"good_0.jpg": ok, "good_1.jpg": blue},
                  imgs_tags=[{"good_0.jpg": "红色"}, {"good_1.jpg": "蓝色"}])

    folder = root / "noprofile"
    folder.mkdir()
    (folder / "noprofile_0.jpg").write_bytes(ok)
    expect["missing profile"] = ("profile_missing", "noprofile/profile.json")

    write_product(root, "badjson", [], {"badjson_0.jpg": ok}, profile_text='{"optional_tags": ["a", ')
    expect["malformed json"] = ("profile_bad_json", "badjson/profile.json")

    write_product(root, "badtype", [], {"badtype_0.jpg": ok}, profile_text='{"optional_tags": "red"}')
    expect["wrong types"] = ("profile_wrong_type", "badtype/profile.json")

    write_product(root, "latin1", [], {"latin1_0.jpg": ok},
                  profile_text='{"optional_tags": ["caf\xe9"]}'.encode("latin-1"))
    expect["not utf-8"] = ("profile_not_utf8", "latin1/profile.json")

    write_product(root, "emptytag", ["红", "", "蓝"], {"emptytag_0.jpg": ok, "emptytag_1.jpg": blue})
    expect["empty tag"] = ("tag_empty", "emptytag/profile.json")

    write_product(root, "duptag", ["红", "蓝", "红"], {"duptag_0.jpg": ok, "duptag_1.jpg": blue})
    expect["duplicate tag"] = ("tag_duplicate", "duptag/profile.json")

    write_product(root, "unknowntag", ["红", "蓝"], {"unknowntag_0.jpg": ok, "unknowntag_1.jpg": blue},
                  imgs_tags=[{"unknowntag_0.jpg": "绿"}, {"unknowntag_1.jpg": "蓝"}])
    expect["tag not among options"] = ("tag_unknown", "unknowntag/unknowntag_0.jpg")

    write_product(root, "missingimg", ["红", "蓝"], {"missingimg_0.jpg": ok, "missingimg_1.jpg": None,
                                                    "missingimg_2.jpg": blue})
    expect["missing image"] = ("image_missing", "missingimg/missingimg_1.jpg")

    write_product(root, "zerobyte", ["红", "蓝"], {"zerobyte_0.jpg": ok, "zerobyte_1.jpg": b"",
                                                  "zerobyte_2.jpg": blue})
    expect["zero-byte image"] = ("image_empty", "zerobyte/zerobyte_1.jpg")

    big = jpeg_bytes(size=(640, 480))
    write_product(root, "truncated", ["红", "蓝"], {"truncated_0.jpg": ok, "truncated_1.jpg": big[: len(big) // 2],
                                                   "truncated_2.jpg": blue})
    expect["truncated image"] = ("image_truncated", "truncated/truncated_1.jpg")

    write_product(root, "notimage", ["红", "蓝"], {"notimage_0.jpg": ok, "notimage_1.jpg": b"hello, not a jpeg",
                                                  "notimage_2.jpg": blue})
    expect["not an image"] = ("image_not_image", "notimage/notimage_1.jpg")

    # A decompression bomb: a tiny PNG claiming 30000 x 30000 pixels.
    bomb = png_bytes(Image.new("1", (30000, 30000)))
    write_product(root, "bomb", ["红", "蓝"], {"bomb_0.jpg": ok, "bomb_1.png": bomb, "bomb_2.jpg": blue})
    expect["decompression bomb"] = ("image_too_large", "bomb/bomb_1.png")

    write_product(root, "escape", ["红", "蓝"], {"escape_0.jpg": ok, "escape_1.jpg": blue},
                  imgs_tags=[{"escape_0.jpg": ""}, {"escape_1.jpg": ""}, {"../good/good_0.jpg": ""}])
    expect["name with .."] = ("image_unsafe_name", "../good/good_0.jpg")

    write_product(root, "absolute", ["红", "蓝"], {"absolute_0.jpg": ok, "absolute_1.jpg": blue},
                  imgs_tags=[{"absolute_0.jpg": ""}, {"absolute_1.jpg": ""}, {"/etc/passwd": ""}])
    expect["absolute path"] = ("image_unsafe_name", "/etc/passwd")

    write_product(root, "separator", ["红", "蓝"], {"separator_0.jpg": ok, "separator_1.jpg": blue},
                  imgs_tags=[{"separator_0.jpg": ""}, {"separator_1.jpg": ""}, {"sub\\x.jpg": ""}])
    expect["name with separator"] = ("image_unsafe_name", "sub\\x.jpg")

    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.jpg").write_bytes(ok)
    folder = write_product(root, "symlink", ["红", "蓝"], {"symlink_0.jpg": ok, "symlink_2.jpg": blue},
                           imgs_tags=[{"symlink_0.jpg": ""}, {"symlink_1.jpg": ""}, {"symlink_2.jpg": ""}])
    os.symlink(outside / "secret.jpg", folder / "symlink_1.jpg")
    expect["symlink outside root"] = ("image_symlink_outside", "symlink/symlink_1.jpg")

    write_product(root, "fewphotos", ["红", "蓝", "绿"], {"fewphotos_0.jpg": ok, "fewphotos_1.jpg": blue})
    expect["fewer photos than options"] = ("cover_impossible", "fewphotos")

    write_product(root, "oneoption", ["红"], {"oneoption_0.jpg": ok, "oneoption_1.jpg": ok})
    expect["one option"] = ("single_option", "oneoption")
    return expect
