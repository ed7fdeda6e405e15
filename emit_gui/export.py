"""Writing decided labels back out in the EMIT layout."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from emit_gui.catalog.model import Catalog
from emit_gui.errors import UserError
from emit_gui.store import NOT_OPTION, Store


@dataclass
class ExportSummary:
    products: int
    images: int
    decided: int
    out: Path


def _atomic_write_json(path: Path, data) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _place_image(src: Path, dst: Path) -> None:
    if dst.exists():
        dst.unlink()
    try:
        os.link(src, dst)  # cheap when on the same disk
    except OSError:
        shutil.copy2(src, dst)


def export(catalog: Catalog, store: Store, out: Path, *, copy_images: bool = True) -> ExportSummary:
    """Write ``out/<pid>/profile.json`` (imgs_tags from decisions, undecided left empty), the
    photos beside them, and ``out/final.json`` keyed by product id. Never writes into the input."""
    out = Path(out)
    root_real = Path(os.path.realpath(catalog.root))
    out_real = Path(os.path.realpath(out))
    if out_real == root_real or root_real in out_real.parents or out_real in root_real.parents:
        raise UserError(f"{out}: the export folder must be outside the input folder {catalog.root}")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"{out}: cannot create the export folder ({exc.strerror or exc})") from None

    # read-only: an export never changes what the store knows (a renamed photo or a moved
    # folder keeps its decisions for the next open)
    index = store.resolve(catalog)
    decisions = store.decisions(index.workspace_id) if index is not None else {}
    image_ids = index.image_ids if index is not None else {}
    final: dict[str, dict] = {}
    n_images = n_decided = 0
    for product in catalog.products:
        imgs_tags = []
        for im in product.images:
            state = decisions.get(image_ids.get((product.pid, im.name), -1))
            if state is not None and state.kind == NOT_OPTION:
                tag = ""
            elif state is not None and state.labelled and state.tag in product.optional_tags:
                tag = state.tag
            else:  # undecided (or "unsure"): the folder's own label, if it had one
                tag = im.tag if im.tag in product.optional_tags else ""
            imgs_tags.append({im.name: tag})
            n_images += 1
            n_decided += bool(tag)
        profile = {"optional_tags": product.optional_tags, "imgs_tags": imgs_tags}
        final[product.pid] = profile
        folder = out / product.pid
        folder.mkdir(exist_ok=True)
        _atomic_write_json(folder / catalog.profile_name, profile)
        if copy_images:
            for im in product.images:
                if im.usable:
                    _place_image(im.path, folder / im.name)
    _atomic_write_json(out / "final.json", final)
    return ExportSummary(products=len(catalog.products), images=n_images, decided=n_decided, out=out)
