"""Checking and decoding photos, one at a time, on demand.

Nothing here runs while a folder is scanned: scanning only reads ``profile.json`` files and
``lstat``s.  ``check_image`` is the cheap per-file check ``inspect`` runs (header, pixel count,
end-of-file marker); ``decode_image`` is what thumbnails and the model use.
"""

from __future__ import annotations

import os
import stat
import warnings
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from emit_gui.catalog.model import Problem, Severity

# A photo over this many pixels is refused before it is decoded (decompression-bomb guard).
# 64 MP covers any real camera or catalogue photo (an 8000 x 8000 image).
DEFAULT_MAX_PIXELS = 64_000_000

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".bmp")

# Never let Pillow silently pad a truncated file with grey.
ImageFile.LOAD_TRUNCATED_IMAGES = False

# The formats a photo may be in, whatever its extension says. Everything else Pillow could open
# (EPS, which runs Ghostscript; PSD; FITS; ...) is refused: fewer decoders, fewer surprises.
FORMATS = ("JPEG", "PNG", "WEBP", "BMP", "DIB", "GIF", "TIFF", "PPM", "ICO", "TGA")


class ImageDecodeError(Exception):
    """A photo that could not be used; carries the :class:`Problem` to show for it."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def _problem(path: Path, code: str, message: str) -> Problem:
    return Problem(code=code, message=message, path=path, severity=Severity.ERROR)


def _open(path: Path, max_pixels: int) -> Image.Image:
    """Open (header only) and refuse what is not an image or is too large to decode."""
    not_file = _not_regular(path)
    if not_file is not None:
        raise ImageDecodeError(not_file)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(path, formats=FORMATS)
    except FileNotFoundError:
        raise ImageDecodeError(_problem(path, "image_missing", "file not found")) from None
    except IsADirectoryError:
        raise ImageDecodeError(_problem(path, "image_not_file", "is a folder, not an image")) from None
    except PermissionError:
        raise ImageDecodeError(_problem(path, "image_unreadable", "permission denied")) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageDecodeError(
            _problem(path, "image_too_large", f"refused: too many pixels ({exc})")
        ) from None
    except UnidentifiedImageError:
        size = _size_or_none(path)
        if size == 0:
            raise ImageDecodeError(_problem(path, "image_empty", "file is empty (0 bytes)")) from None
        raise ImageDecodeError(
            _problem(path, "image_not_image", "not an image file Pillow can read")
        ) from None
    except OSError as exc:
        raise ImageDecodeError(_decode_problem(path, exc)) from None
    except Exception as exc:  # noqa: BLE001 - ValueError (an inflating PNG chunk), SyntaxError, ...
        raise ImageDecodeError(_decode_problem(path, exc)) from None
    w, h = im.size
    if w <= 0 or h <= 0:
        im.close()
        raise ImageDecodeError(_problem(path, "image_corrupt", f"invalid size {w}x{h}"))
    if w * h > max_pixels:
        im.close()
        raise ImageDecodeError(
            _problem(
                path,
                "image_too_large",
                f"refused: {w}x{h} = {w * h / 1e6:.0f} MP is over the {max_pixels / 1e6:.0f} MP limit",
            )
        )
    return im


def _decode_problem(path: Path, exc: BaseException) -> Problem:
    text = (str(exc) or type(exc).__name__).splitlines()[0][:200]
    if isinstance(exc, ValueError) and "too large" in text.lower():
        # a zTXt / iTXt / iCCP chunk that inflates past Pillow's limit: metadata, not pixels
        return _problem(path, "image_metadata_bomb",
                        f"refused: a metadata chunk (text or ICC profile) inflates past the safe limit ({text})")
    if isinstance(exc, MemoryError):
        return _problem(path, "image_too_large", "refused: not enough memory to decode it")
    if "truncat" in text.lower():  # Pillow's "image file is truncated (0 bytes not processed)" reads as if all was read
        return _problem(path, "image_truncated", f"the file ends before the image does (cut short); decoder: {text}")
    return _problem(path, "image_corrupt", f"cannot decode: {text}")


def _not_regular(path: Path) -> Problem | None:
    """A problem for anything that is not a regular file (a FIFO would block the reader forever)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return _problem(path, "image_missing", "file not found")
    except OSError as exc:
        return _problem(path, "image_unreadable", f"cannot read: {exc.strerror or exc}")
    if stat.S_ISDIR(st.st_mode):
        return _problem(path, "image_not_file", "is a folder, not an image")
    if not stat.S_ISREG(st.st_mode):
        return _problem(path, "image_not_file", "not a regular file")
    return None


def _size_or_none(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _tail(path: Path, n: int) -> bytes:
    with open(path, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - n))
        return fh.read()


def _truncated(path: Path, fmt: str | None) -> bool:
    """Cheap end-of-file check: the format's end marker must be near the end of the file."""
    if fmt == "JPEG":
        return b"\xff\xd9" not in _tail(path, 4096)
    if fmt == "PNG":
        return b"IEND" not in _tail(path, 64)
    if fmt == "WEBP":
        with open(path, "rb") as fh:
            head = fh.read(8)
        declared = int.from_bytes(head[4:8], "little") + 8
        return (_size_or_none(path) or 0) < declared
    if fmt == "BMP":
        with open(path, "rb") as fh:
            head = fh.read(6)
        declared = int.from_bytes(head[2:6], "little")
        return (_size_or_none(path) or 0) < declared
    return False


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _fast_header(path: Path) -> tuple[str, int, int, bool] | None:
    """(format, width, height, truncated) read straight from a JPEG or PNG's bytes.

    Several times cheaper than Pillow's full header parse; None means "ask Pillow"
    (another format, or anything unexpected, which Pillow then judges).
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(32)
            size = os.fstat(fh.fileno()).st_size
            if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
                w, h = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
                fh.seek(max(0, size - 64))
                return "PNG", w, h, b"IEND" not in fh.read()
            if head[:2] != b"\xff\xd8":
                return None
            pos = 2
            for _ in range(256):  # a JPEG has a handful of segments before its frame header
                fh.seek(pos)
                seg = fh.read(9)
                if len(seg) < 4 or seg[0] != 0xFF:
                    return None
                marker = seg[1]
                if marker == 0xFF:  # fill byte
                    pos += 1
                    continue
                if marker in _SOF:
                    if len(seg) < 9:
                        return None
                    h = int.from_bytes(seg[5:7], "big")
                    w = int.from_bytes(seg[7:9], "big")
                    fh.seek(max(0, size - 4096))
                    return "JPEG", w, h, b"\xff\xd9" not in fh.read()
                length = int.from_bytes(seg[2:4], "big")
                if marker == 0xDA or length < 2:
                    return None
                pos += 2 + length
            return None
    except OSError:
        return None


def _png_metadata_bomb(path: Path) -> str | None:
    """Why Pillow will refuse a PNG's metadata (a zTXt / iTXt / iCCP chunk before the pixels
    inflating past its limits), or None. Inflates at most one byte past the limit per chunk."""
    from PIL import PngImagePlugin

    limit, budget = PngImagePlugin.MAX_TEXT_CHUNK, PngImagePlugin.MAX_TEXT_MEMORY
    total = 0
    try:
        with open(path, "rb") as fh:
            pos = 8
            for _ in range(64):
                fh.seek(pos)
                head = fh.read(8)
                if len(head) < 8:
                    return None
                length, kind = int.from_bytes(head[:4], "big"), head[4:8]
                if kind in (b"IDAT", b"IEND"):
                    return None
                if kind in (b"zTXt", b"iTXt", b"iCCP") and length <= 64 * 1024 * 1024:
                    data = fh.read(length)
                    key, _, rest = data.partition(b"\0")
                    if kind == b"iTXt":
                        if rest[:1] != b"\1":  # not compressed
                            total += len(rest)
                            pos += 12 + length
                            continue
                        rest = rest[2:].split(b"\0", 2)[-1]
                    else:
                        rest = rest[1:]
                    try:
                        out = zlib.decompressobj().decompress(rest, limit + 1)
                    except zlib.error:
                        return None  # damaged: Pillow's own reading will say so
                    total += len(out)
                    if len(out) > limit:
                        what = "ICC profile" if kind == b"iCCP" else f"{kind.decode()} text"
                        return f"refused: its {what} chunk inflates past {limit:,} bytes"
                    if total > budget:
                        return f"refused: its text chunks inflate past {budget:,} bytes in all"
                elif kind in (b"tEXt",):
                    total += length
                pos += 12 + length
    except OSError:
        return None
    return None


def check_image(path: Path, *, deep: bool = False, max_pixels: int = DEFAULT_MAX_PIXELS) -> list[Problem]:
    """Problems with one photo. Cheap unless ``deep``, which decodes every pixel."""
    not_file = _not_regular(path)
    if not_file is not None:
        return [not_file]
    try:
        if _size_or_none(path) == 0:
            return [_problem(path, "image_empty", "file is empty (0 bytes)")]
        if not deep:
            fast = _fast_header(path)
            if fast is not None:
                fmt, w, h, truncated = fast
                if w * h > max_pixels:
                    return [_problem(path, "image_too_large",
                                     f"refused: {w}x{h} = {w * h / 1e6:.0f} MP is over the "
                                     f"{max_pixels / 1e6:.0f} MP limit")]
                if w == 0 or h == 0:
                    return [_problem(path, "image_corrupt", f"invalid size {w}x{h}")]
                bomb = _png_metadata_bomb(path) if fmt == "PNG" else None
                if bomb:
                    return [_problem(path, "image_metadata_bomb", bomb)]
                if truncated:
                    # no end marker where it belongs: truncated, or bytes appended after it
                    # (cameras and shop tools do that); only decoding tells which
                    return _decode_check(path, max_pixels, fmt)
                return []
        im = _open(path, max_pixels)
    except ImageDecodeError as exc:
        return [exc.problem]
    try:
        fmt = im.format
        if not deep and _truncated(path, fmt):
            im.close()
            return _decode_check(path, max_pixels, fmt)
        if deep:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    im.load()
            except Exception as exc:  # noqa: BLE001 - any decoder failure is this photo's problem
                return [_decode_problem(path, exc)]
    except Exception as exc:  # noqa: BLE001 - any reader failure is this photo's problem
        return [_decode_problem(path, exc)]
    finally:
        im.close()
    return []


def _decode_check(path: Path, max_pixels: int, fmt: str | None) -> list[Problem]:
    """Decode a photo whose end marker is not at its end: fine if every pixel decodes."""
    try:
        im = _open(path, max_pixels)
    except ImageDecodeError as exc:
        return [exc.problem]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im.load()
    except Exception as exc:  # noqa: BLE001
        problem = _decode_problem(path, exc)
        if problem.code == "image_corrupt":
            problem = _problem(path, "image_truncated", f"truncated {fmt} file: no end marker ({problem.message})")
        return [problem]
    finally:
        im.close()
    return []


def _to_rgb(im: Image.Image) -> Image.Image:
    """Any mode to 8-bit RGB: alpha composited on white, 16-bit and float scaled, CMYK converted."""
    mode = im.mode
    if mode == "RGB":
        return im
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        arr = np.asarray(im, dtype=np.float64)
        if mode == "F":
            lo, hi = float(np.nanmin(arr)), float(np.nanmax(arr))
            arr = (arr - lo) / (hi - lo) if hi > lo else np.zeros_like(arr)
        else:
            top = 65535.0 if mode.startswith("I;16") else max(255.0, float(arr.max()))
            arr = arr / top
        grey = np.clip(arr * 255.0 + 0.5, 0, 255).astype(np.uint8)
        return Image.fromarray(grey, mode="L").convert("RGB")
    has_alpha = mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        mode == "P" and "transparency" in im.info
    ) or (mode in ("L", "RGB") and "transparency" in im.info)
    if has_alpha:
        rgba = im.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return im.convert("RGB")


def decode_image(
    path: Path,
    size: int | None = None,
    *,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> Image.Image:
    """Decode a photo to RGB, upright (EXIF orientation applied), its longer side at most ``size``.

    JPEGs are decoded in draft mode at the smallest scale that still covers ``size``, which is
    what keeps thumbnails of large shop photos cheap. Raises :class:`ImageDecodeError`.
    """
    im = _open(path, max_pixels)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            if size is not None and im.format == "JPEG":
                im.draft("RGB", (size, size))
            im.load()
            im = ImageOps.exif_transpose(im) or im
            rgb = _to_rgb(im)
            if size is not None and max(rgb.size) > size:
                rgb.thumbnail((size, size), Image.Resampling.BILINEAR, reducing_gap=2.0)
            if rgb is im:
                rgb = rgb.copy()
            return rgb
    except ImageDecodeError:
        raise
    except Exception as exc:  # noqa: BLE001 - any decoder failure is this photo's problem
        raise ImageDecodeError(_decode_problem(path, exc)) from None
    finally:
        im.close()
