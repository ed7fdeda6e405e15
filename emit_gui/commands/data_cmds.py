"""``inspect`` and ``export``: reading folders and writing decided labels."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from emit_gui.catalog import Severity, check_image, scan
from emit_gui.catalog.scan import cover_problem
from emit_gui.commands.options import add_db, add_json, add_profile, arguments, command
from emit_gui.errors import printable


def _inspect_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="a folder of products, or one product folder")
    add_profile(p)
    add_json(p)
    p.add_argument("--deep", action="store_true", help="decode every image fully (slower)")


@command("inspect", "count products and photos and list every problem found in a folder")
@arguments(_inspect_args)
def inspect_cmd(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    catalog = scan(args.path, args.profile)
    images = [im for p in catalog.products for im in p.images if im.usable]
    for im in images:  # serial: the cheap check is ~50 us a photo and Pillow holds the GIL
        im.problems.extend(check_image(im.path, deep=args.deep))
    for p in catalog.products:  # a photo the check found unreadable can leave an option without one
        cover = None if any(pr.code == "cover_impossible" for pr in p.problems) else cover_problem(p)
        if cover is not None:
            p.problems.append(cover)
    problems = catalog.all_problems()
    elapsed = time.perf_counter() - t0
    n_labelled = sum(1 for p in catalog.products for im in p.images if im.tag)
    summary = {
        "root": printable(str(catalog.root)),
        "profile": catalog.profile_name,
        "products": len(catalog.products),
        "images": catalog.n_images,
        "labelled_images": n_labelled,
        "usable_products": sum(p.usable for p in catalog.products),
        "problems": len(problems),
        "by_code": dict(Counter(p.code for p in problems)),
        "seconds": round(elapsed, 3),
    }
    if args.json:
        print(json.dumps({**summary, "problem_list": [p.to_json() for p in problems]}, ensure_ascii=False))
        return 0
    print(f"{summary['root']}: {summary['products']} products, {summary['images']} images "
          f"({n_labelled} labelled), checked in {elapsed:.2f} s{' (deep)' if args.deep else ''}")
    if not problems:
        print("no problems")
        return 0
    counts = Counter(p.severity for p in problems)
    print(", ".join(f"{counts[s]} {s.value}(s)" for s in Severity if counts[s]))
    for p in problems:
        print(f"  {p}")
    return 0


def _export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="the folder of products whose decisions to export")
    p.add_argument("--out", required=True, metavar="DIR", help="where to write (must be outside PATH)")
    add_profile(p)
    add_db(p)
    p.add_argument("--no-images", action="store_true", help="write profile files only, not the photos")


@command("export", "write the decided labels in the EMIT layout, with a combined final.json")
@arguments(_export_args)
def export_cmd(args: argparse.Namespace) -> int:
    from emit_gui.commands.safety import existing_db, store_can_record
    from emit_gui.export import export, prepare_out
    from emit_gui.store import open_store

    catalog = scan(args.path, args.profile)
    prepare_out(Path(args.out), catalog.root)
    existing_db(args.db, "export")
    store_can_record(catalog.root)
    with open_store(args.db) as store:
        summary = export(catalog, store, Path(args.out), copy_images=not args.no_images)
    for note in summary.notes:
        print(f"  {note}", file=sys.stderr)
    extra = "".join([f"; {summary.unsure} marked unsure, exported without a label" if summary.unsure else "",
                     f"; {summary.left_out} left out (unreadable, or their product has no options: above)"
                     if summary.left_out else ""])
    print(f"wrote {summary.products} products to {summary.out}: {summary.labelled} of {summary.images} photos "
          f"labelled, {summary.decided} decided here, {summary.from_folder} the folder's own labels (not reviewed)"
          f"{extra}")
    return 0


def _import_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="a folder of products whose profile files carry labels (imgs_tags)")
    add_profile(p)
    add_db(p)


@command("import", "record the labels a folder already has (its profile's imgs_tags) as decisions")
@arguments(_import_args)
def import_cmd(args: argparse.Namespace) -> int:
    from emit_gui.store import open_store

    catalog = scan(args.path, args.profile)
    labelled = sum(1 for p in catalog.products for im in p.images if im.tag and im.tag in p.optional_tags)
    with open_store(args.db) as store:
        index = store.sync_workspace(catalog)
        recorded = store.import_labels(catalog, index)
    print(f"{labelled} labelled photos in {catalog.root} ({args.profile}); recorded {len(recorded)} as decisions "
          f"from the file ({labelled - len(recorded)} already decided or unreadable); undo in the window with Ctrl+Z")
    return 0
