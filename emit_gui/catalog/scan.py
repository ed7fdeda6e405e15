"""Scanning a folder of products in the EMIT layout.

A scan reads every ``profile.json`` and ``lstat``s every listed photo; it never decodes an
image, so 10,000 products open in a second or two. Everything wrong with the data becomes a
:class:`Problem` attached to the product or photo it concerns, and the scan goes on.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from emit_gui.catalog.images import IMAGE_EXTENSIONS
from emit_gui.catalog.model import Catalog, ImageEntry, Problem, Product, Severity
from emit_gui.errors import FileRefused, UserError, parse_json, printable, read_regular_file

DEFAULT_PROFILE = "profile.json"
# A profile is a few kilobytes; anything over this is not one (and would only cost memory).
PROFILE_LIMIT = 4 * 1024 * 1024
# Characters that change nothing on screen: a tag that differs from another only by these (or
# by Unicode normalisation, NFC "Café" vs NFD "Café") is the same option written twice.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)


def _short(value) -> str:
    """A short printable view of a JSON value for a message (never recurses deeply)."""
    if isinstance(value, (dict, list)):
        return f"a JSON {'object' if isinstance(value, dict) else 'list'} of {len(value)}"
    try:
        return printable(json.dumps(value, ensure_ascii=False))[:60]
    except (ValueError, RecursionError):
        return type(value).__name__


def _twin_key(tag: str) -> str:
    return unicodedata.normalize("NFC", tag.translate(_INVISIBLE)).strip()


def _natural_key(name: str) -> list:
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", name)]


def _unsafe_name(name: str) -> str | None:
    """Why an image name from a profile may not be used as a file name, or None if it may."""
    if not name or not name.strip():
        return "empty image name"
    if "\x00" in name:
        return "image name contains a NUL character"
    if name in (".", ".."):
        return f'image name "{name}" is not a file'
    if "/" in name or "\\" in name:
        return f'image name "{name}" contains a path separator (only plain file names are allowed)'
    if os.path.isabs(name) or re.match(r"^[A-Za-z]:", name):
        return f'image name "{name}" is an absolute path'
    try:
        os.fsencode(name)
    except UnicodeError:
        return f'image name "{printable(name)}" is not valid Unicode (a lone surrogate)'
    return None


def resolve_root(path: str | os.PathLike) -> Path:
    """The folder to open, or a :class:`UserError` saying in one line why it cannot be opened."""
    root = Path(path).expanduser()
    try:
        st = root.stat()
    except FileNotFoundError:
        raise UserError(f"{root}: no such folder") from None
    except PermissionError:
        raise UserError(f"{root}: permission denied") from None
    except OSError as exc:
        raise UserError(f"{root}: cannot open ({exc.strerror or exc})") from None
    if not stat.S_ISDIR(st.st_mode):
        raise UserError(f"{root}: not a folder")
    if not os.access(root, os.R_OK | os.X_OK):
        raise UserError(f"{root}: permission denied")
    return root


def _is_product_folder(folder: Path, profile_name: str) -> bool:
    if (folder / profile_name).exists():
        return True
    try:
        with os.scandir(folder) as it:
            return any(e.name.lower().endswith(IMAGE_EXTENSIONS) for e in it)
    except OSError:
        return False


def _inside(path: Path, root_real: Path) -> bool:
    try:
        real = Path(os.path.realpath(path))
    except (OSError, ValueError):
        return False
    return real == root_real or root_real in real.parents


def iter_product_folders(root: Path, profile_name: str) -> Iterator[Path]:
    """The product folders under ``root``, sorted; ``root`` itself when it is one product."""
    if (root / profile_name).exists():
        yield root
        return
    try:
        entries = sorted(os.scandir(root), key=lambda e: _natural_key(e.name))
    except PermissionError:
        raise UserError(f"{root}: permission denied") from None
    subdirs = [e for e in entries if not e.name.startswith(".") and _is_dir(e)]
    if not subdirs and any(e.name.lower().endswith(IMAGE_EXTENSIONS) for e in entries):
        yield root
        return
    for e in subdirs:
        yield Path(e.path)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError:
        return False


def _dangling_links(root: Path) -> list[Problem]:
    """Links in the root that lead nowhere or round in a loop: named, not silently skipped."""
    out = []
    try:
        with os.scandir(root) as it:
            links = [e for e in it if e.is_symlink() and not e.name.startswith(".")]
    except OSError:
        return out
    for e in links:
        try:
            os.stat(e.path)
        except OSError as exc:
            what = ("a symbolic link loop" if exc.errno == errno.ELOOP
                    else f"a broken symbolic link ({exc.strerror or exc})")
            out.append(Problem("product_symlink_loop" if exc.errno == errno.ELOOP else "product_symlink_broken",
                               f"{what}; skipped", Path(e.path), Severity.WARNING))
    return out


def _read_profile(product: Product, path: Path) -> dict | None:
    def fail(code: str, message: str) -> None:
        product.problems.append(Problem(code, message, path, Severity.ERROR))

    try:
        raw = read_regular_file(path, PROFILE_LIMIT)
    except FileNotFoundError:
        fail("profile_missing", f"no {path.name}: the product has no option tags")
        return None
    except FileRefused as exc:
        fail("profile_unreadable", str(exc))
        return None
    try:
        data = parse_json(raw)
    except FileRefused as exc:
        fail("profile_not_utf8" if str(exc).startswith("not UTF-8") else "profile_bad_json", str(exc))
        return None
    if not isinstance(data, dict):
        fail("profile_wrong_type", f"expected a JSON object, found {type(data).__name__}")
        return None
    return data


def _parse_imgs_tags(product: Product, profile_path: Path, value) -> list[tuple[str, object]] | None:
    """``imgs_tags`` as (name, tag) pairs; accepts the EMIT list of one-key objects or one object."""
    if isinstance(value, dict):
        return list(value.items())
    if not isinstance(value, list):
        product.problems.append(
            Problem(
                "profile_wrong_type",
                f"imgs_tags must be a list of {{image: tag}} objects, found {type(value).__name__}",
                profile_path,
            )
        )
        return None
    pairs: list[tuple[str, object]] = []
    for i, item in enumerate(value):
        if isinstance(item, dict) and len(item) >= 1:
            pairs.extend(item.items())
        elif isinstance(item, str):
            pairs.append((item, None))
        else:
            product.problems.append(
                Problem(
                    "profile_wrong_type",
                    f"imgs_tags[{i}] must be an {{image: tag}} object, found {_short(item)}",
                    profile_path,
                    Severity.WARNING,
                )
            )
    return pairs


def _check_file(entry: ImageEntry, root_real: Path) -> None:
    path = entry.path
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        entry.problems.append(Problem("image_missing", "listed in the profile but not found", path))
        return
    except OSError as exc:
        entry.problems.append(Problem("image_unreadable", f"cannot read: {exc.strerror or exc}", path))
        return
    if stat.S_ISLNK(st.st_mode):
        if not _inside(path, root_real):
            entry.problems.append(
                Problem("image_symlink_outside", "symbolic link that leads outside the opened folder", path)
            )
            return
        try:
            st = os.stat(path)
        except OSError:
            entry.problems.append(Problem("image_missing", "broken symbolic link", path))
            return
    if stat.S_ISDIR(st.st_mode):
        entry.problems.append(Problem("image_not_file", "is a folder, not an image", path))
    elif not stat.S_ISREG(st.st_mode):
        entry.problems.append(Problem("image_not_file", "not a regular file", path))
    elif st.st_size == 0:
        entry.problems.append(Problem("image_empty", "file is empty (0 bytes)", path))


def scan_product(folder: Path, profile_name: str = DEFAULT_PROFILE, root_real: Path | None = None) -> Product:
    product = Product(pid=printable(folder.name), folder=folder)
    if product.pid != folder.name:
        product.problems.append(
            Problem("name_not_utf8", f"folder name is not UTF-8 (a zip made with another encoding?); "
                    f'shown as "{product.pid}"', folder, Severity.WARNING)
        )
    root_real = root_real or Path(os.path.realpath(folder))
    if folder.is_symlink():
        real = Path(os.path.realpath(folder))
        if real == root_real or real in root_real.parents:
            product.problems.append(
                Problem("product_symlink_loop", "product folder is a link back to the opened folder "
                        "or above it (a loop); skipped", folder)
            )
            return product
        if not _inside(folder, root_real):
            product.problems.append(
                Problem("product_symlink_outside", "product folder is a link that leads outside the opened folder",
                        folder)
            )
            return product

    profile_path = folder / profile_name
    data = _read_profile(product, profile_path)
    pairs: list[tuple[str, object]] | None = None
    if data is not None:
        tags_value = data.get("optional_tags")
        if tags_value is None:
            product.problems.append(Problem("profile_no_tags", "no optional_tags in the profile", profile_path))
        elif not isinstance(tags_value, list):
            product.problems.append(
                Problem(
                    "profile_wrong_type",
                    f"optional_tags must be a list of strings, found {type(tags_value).__name__}",
                    profile_path,
                )
            )
        else:
            seen: set[str] = set()
            twins: dict[str, str] = {}
            for i, tag in enumerate(tags_value):
                if not isinstance(tag, str):
                    product.problems.append(
                        Problem("tag_wrong_type", f"optional_tags[{i}] is not a string: {_short(tag)}",
                                profile_path, Severity.WARNING)
                    )
                    continue
                clean = _clean_tag(product, profile_path, i, tag)
                key = _twin_key(clean)
                if clean and not key:
                    clean = ""  # nothing but invisible characters
                if not clean:
                    product.problems.append(
                        Problem("tag_empty", f"optional_tags[{i}] is empty; ignored", profile_path, Severity.WARNING)
                    )
                elif clean in seen:
                    product.problems.append(
                        Problem("tag_duplicate", f"option tag {clean!r} is listed twice; kept once",
                                profile_path, Severity.WARNING)
                    )
                else:
                    if key in twins:
                        product.problems.append(
                            Problem("tag_twin", f"option tags {twins[key]!r} and {clean!r} differ only by invisible "
                                    "characters or Unicode normalisation; both kept", profile_path,
                                    Severity.WARNING)
                        )
                    twins.setdefault(key, clean)
                    seen.add(clean)
                    product.optional_tags.append(clean)
            if not product.optional_tags:
                product.problems.append(Problem("profile_no_tags", "optional_tags is empty", profile_path))
        if "imgs_tags" in data:
            pairs = _parse_imgs_tags(product, profile_path, data["imgs_tags"])

    if pairs is None:
        # No (usable) imgs_tags: the product takes the photos in its folder, unlabelled.
        try:
            names = sorted(
                (e.name for e in os.scandir(folder)
                 if e.name.lower().endswith(IMAGE_EXTENSIONS) and not e.name.startswith(".")),
                key=_natural_key,
            )
        except OSError as exc:
            product.problems.append(Problem("product_unreadable", f"cannot list folder: {exc.strerror or exc}", folder))
            names = []
        pairs = [(n, None) for n in names]
        for n in names:
            if printable(n) != n:
                product.problems.append(
                    Problem("name_not_utf8", f"photo name is not UTF-8 (a zip made with another encoding?); "
                            f'shown as "{printable(n)}"', folder / n, Severity.WARNING)
                )

    tag_set = set(product.optional_tags)
    seen_names: set[str] = set()
    for name, tag in pairs:
        why = _unsafe_name(name) if isinstance(name, str) else "image name is not a string"
        if why:
            product.problems.append(Problem("image_unsafe_name", f"{why}; ignored", profile_path))
            continue
        if name in seen_names:
            product.problems.append(
                Problem("image_duplicate_entry", f"image {name!r} is listed twice; kept once", profile_path,
                        Severity.WARNING)
            )
            continue
        seen_names.add(name)
        entry = ImageEntry(name=printable(name), path=folder / name)
        if isinstance(tag, str) and tag.strip():
            clean = printable(tag).strip()
            if clean in tag_set:
                entry.tag = clean
            else:
                entry.problems.append(
                    Problem("tag_unknown", f"labelled {clean!r}, which is not among the option tags; "
                            "treated as unlabelled", entry.path, Severity.WARNING)
                )
        elif tag is not None and not isinstance(tag, str):
            entry.problems.append(
                Problem("tag_wrong_type", f"tag is not a string: {_short(tag)}", entry.path,
                        Severity.WARNING)
            )
        _check_file(entry, root_real)
        product.images.append(entry)

    _check_cover(product, profile_path)
    return product


def _clean_tag(product: Product, profile_path: Path, i: int, tag: str) -> str:
    clean = printable(tag)
    if clean != tag:
        product.problems.append(
            Problem("tag_bad_unicode", f"optional_tags[{i}] is not valid Unicode (a lone surrogate); "
                    f'shown as "{clean.strip()}"', profile_path, Severity.WARNING)
        )
    return clean.strip()


def cover_problem(product: Product) -> Problem | None:
    """"Full cover is impossible" where the product has fewer usable photos than options."""
    n_opts, usable = len(product.optional_tags), len(product.usable_images)
    if not n_opts or usable >= n_opts:
        return None
    return Problem("cover_impossible", f"{usable} usable photo(s) for {n_opts} options: full cover is impossible",
                   product.folder, Severity.WARNING)


def _check_cover(product: Product, profile_path: Path) -> None:
    n_opts = len(product.optional_tags)
    if not product.images:
        product.problems.append(Problem("no_images", "the product has no photos", product.folder))
        return
    if not n_opts:
        return
    problem = cover_problem(product)
    if problem is not None:
        product.problems.append(problem)
    if n_opts == 1:
        product.problems.append(
            Problem("single_option", "only one option: every photo takes it", product.folder, Severity.INFO)
        )
    labelled = [im for im in product.images if im.tag]
    if labelled and len(labelled) == len(product.images):
        missing = [t for t in product.optional_tags if t not in {im.tag for im in labelled}]
        if missing:
            product.problems.append(
                Problem("labels_break_cover",
                        f"labelled photos leave option(s) without a photo: {', '.join(missing)}",
                        profile_path, Severity.WARNING)
            )


def scan_iter(path: str | os.PathLike, profile_name: str = DEFAULT_PROFILE) -> Iterator[Catalog]:
    """Scan, yielding the same growing :class:`Catalog` after every product (the window shows
    the first products while the rest are read). The last yield is the complete catalog."""
    root = resolve_root(path)
    if _unsafe_name(profile_name) or profile_name in ("", ".", ".."):
        raise UserError(f"--profile must be a plain file name, not {profile_name!r}")
    root_real = Path(os.path.realpath(root))
    catalog = Catalog(root=root, profile_name=profile_name)
    catalog.problems.extend(_dangling_links(root))
    for folder in iter_product_folders(root, profile_name):
        if folder != root and folder.is_symlink():
            real = Path(os.path.realpath(folder))
            if real == root_real or real in root_real.parents:
                catalog.problems.append(
                    Problem("product_symlink_loop", "a link back to the opened folder or above it "
                            "(a loop); skipped", folder, Severity.WARNING))
                continue
        if folder != root and not _is_product_folder(folder, profile_name):
            catalog.problems.append(
                Problem("not_a_product", f"no {profile_name} and no photos; skipped", folder, Severity.WARNING)
            )
            continue
        catalog.products.append(scan_product(folder, profile_name, root_real))
        yield catalog
    _finish(catalog, root, profile_name)
    yield catalog


def scan(
    path: str | os.PathLike,
    profile_name: str = DEFAULT_PROFILE,
    progress: Callable[[int], None] | None = None,
) -> Catalog:
    """Scan a root folder of products (or a single product folder). Never decodes an image."""
    catalog = None
    for catalog in scan_iter(path, profile_name):
        if progress is not None:
            progress(len(catalog.products))
    return catalog


def _finish(catalog: Catalog, root: Path, profile_name: str) -> None:
    if not catalog.products:
        catalog.problems.append(
            Problem("no_products", f"no product folders (with {profile_name} or photos) found", root,
                    Severity.WARNING)
        )
