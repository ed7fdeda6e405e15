"""Writing decided labels back out in the EMIT layout."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from emit_gui.catalog.images import check_image
from emit_gui.catalog.model import Catalog, Severity
from emit_gui.errors import FileRefused, UserError, printable, read_json_file
from emit_gui.paths import fsync_dir
from emit_gui.store import NOT_OPTION, UNSURE, Store


@dataclass
class ExportSummary:
    products: int
    images: int
    decided: int  # photos whose option comes from a stored decision (made or recorded in the store)
    out: Path
    notes: list[str] = field(default_factory=list)
    from_folder: int = 0  # photos undecided in the store that keep the folder's own label (nobody reviewed them)
    left_out: int = 0  # photos that cannot be read, and photos of products without options: not exported
    unsure: int = 0  # photos marked "unsure": exported without a label, whatever the folder said

    @property
    def labelled(self) -> int:
        """Every photo the export gives an option: decided ones and the folder's own labels."""
        return self.decided + self.from_folder


FINAL = "final.json"


def _atomic_write_json(path: Path, data) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8", "backslashreplace"))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _place_image(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst, follow_symlinks=True)  # cheap when on the same disk
    except OSError:
        shutil.copyfile(src, dst, follow_symlinks=True)


def _earlier_export(out: Path) -> bool:
    """Whether ``out`` holds nothing but an earlier export: final.json and its product folders."""
    try:
        final = read_json_file(out / FINAL, 1 << 30)
        names = os.listdir(out)
    except (OSError, FileRefused):
        return False
    if not isinstance(final, dict):
        return False
    return all(n == FINAL or n in final for n in names)


def prepare_out(out: Path, root: Path) -> None:
    root_real = Path(os.path.realpath(root))
    out_real = Path(os.path.realpath(out))
    if out_real == root_real or root_real in out_real.parents or out_real in root_real.parents:
        raise UserError(f"{printable(str(out))}: the export folder must be outside the input folder "
                        f"{printable(str(root))}")
    if out.is_symlink():
        raise UserError(f"{printable(str(out))}: is a symbolic link; give a real folder for the export")
    if out.exists():
        if not out.is_dir():
            raise UserError(f"{printable(str(out))}: exists and is not a folder")
        if any(os.scandir(out)) and not _earlier_export(out):
            raise UserError(f"{printable(str(out))}: is not empty and is not an earlier export; "
                            "choose a new folder (an export never mixes with other files)")
    if not out.parent.is_dir():
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"{printable(str(out))}: cannot create the export folder ({exc.strerror or exc})") from None


def export(catalog: Catalog, store: Store, out: Path, *, copy_images: bool = True) -> ExportSummary:
    """Write ``out/<pid>/profile.json`` (imgs_tags from decisions; undecided photos keep the
    folder's own label, photos marked unsure go out without one), the photos beside them, and
    ``out/final.json`` keyed by product id. Photos that cannot be read and products without
    option tags are left out, each with a note. Never writes into the input.

    Everything is written into a staging folder beside ``out`` and renamed into place at the
    end: a full disk or a kill leaves no partial export (and an earlier export at ``out`` is
    replaced whole, never written through: links in it are not followed)."""
    out = Path(out)
    prepare_out(out, catalog.root)

    # read-only: an export never changes what the store knows (a renamed photo or a moved
    # folder keeps its decisions for the next open)
    index = store.resolve(catalog)
    decisions = store.decisions(index.workspace_id) if index is not None else {}
    image_ids = index.image_ids if index is not None else {}
    final: dict[str, dict] = {}
    notes: list[str] = []
    n_images = n_decided = n_folder = n_left = n_unsure = 0
    try:
        stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    except OSError as exc:
        raise UserError(f"{printable(str(out))}: cannot write beside it ({exc.strerror or exc})") from None
    try:
        for product in catalog.products:
            if not product.optional_tags:  # a missing or malformed profile: nothing to pair photos with
                why = next((p.message for p in product.problems), "no option tags")
                notes.append(f"{printable(product.pid)}/{catalog.profile_name}: {why}; product not exported")
                n_left += len(product.images)
                continue
            imgs_tags, kept = [], []
            for im in product.images:
                problems = [p for p in (im.problems if not im.usable else check_image(im.path))
                            if p.severity is Severity.ERROR]
                if problems:  # an export is training data: a photo nobody can open has no place in it
                    notes.append(f"{printable(str(im.path))}: {problems[0].message}; left out of the export")
                    n_left += 1
                    continue
                state = decisions.get(image_ids.get((product.pid, im.name), -1))
                if state is not None and state.kind == NOT_OPTION:
                    tag = ""
                elif state is not None and state.labelled and state.tag in product.optional_tags:
                    tag = state.tag
                    n_decided += 1
                elif state is not None and state.kind == UNSURE:  # a person doubted it: no label goes out
                    tag = ""
                    n_unsure += 1
                else:  # undecided: the folder's own label, if it had one
                    tag = im.tag if im.tag in product.optional_tags else ""
                    n_folder += bool(tag)
                imgs_tags.append({im.name: tag})
                kept.append(im)
                n_images += 1
            profile = {"optional_tags": product.optional_tags, "imgs_tags": imgs_tags}
            final[product.pid] = profile
            if product.pid == FINAL or product.pid.startswith(".") or "/" in product.pid:
                notes.append(f"{product.pid}: a product folder cannot be named like that in an export; "
                             f"its labels are in {FINAL} only")
                continue
            folder = stage / product.pid
            folder.mkdir()
            _atomic_write_json(folder / catalog.profile_name, profile)
            if copy_images:
                for im in kept:
                    if im.name != catalog.profile_name:
                        try:
                            _place_image(im.path, folder / im.name)
                        except FileNotFoundError:
                            notes.append(f"{printable(str(im.path))}: gone since the folder was read; not copied")
        _atomic_write_json(stage / FINAL, final)
        fsync_dir(stage)
        old = None
        if out.exists():
            old = out.with_name(f".{out.name}.old-{os.getpid()}")
            os.replace(out, old)
        os.replace(stage, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)  # rmtree unlinks links, never follows them
    except OSError as exc:
        shutil.rmtree(stage, ignore_errors=True)
        raise UserError(f"{printable(str(out))}: cannot write the export ({exc.strerror or exc}); "
                        "nothing was written there") from None
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return ExportSummary(products=len(final), images=n_images, decided=n_decided, out=out, notes=notes,
                         from_folder=n_folder, left_out=n_left, unsure=n_unsure)

