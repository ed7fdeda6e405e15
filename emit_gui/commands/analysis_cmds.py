"""``search``, ``duplicates`` and ``explain``: find, group and explain photos."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from emit_gui.catalog import scan
from emit_gui.commands.model_cmds import _open_engine, _progress
from emit_gui.commands.options import add_db, add_model, add_profile, arguments, command
from emit_gui.errors import UserError, printable


def _index(args):
    from emit_gui.analysis.index import build_index

    catalog = scan(args.path, args.profile)
    engine = _open_engine(args)
    t0 = time.perf_counter()
    index = build_index(engine, catalog, use_cache=not args.no_cache, progress=_progress)
    if sys.stderr.isatty():
        sys.stderr.write("\r")
    print(f"indexed {len(index)} photos in {time.perf_counter() - t0:.2f} s "
          f"({index.computed} through the model, {len(index) - index.computed} from the cache)", file=sys.stderr)
    for pid, name, problem in index.problems:
        print(f"  skipped {pid}/{name}: {problem.message}", file=sys.stderr)
    return catalog, index


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="a folder of products")
    add_profile(p)
    add_model(p)
    p.add_argument("--no-cache", action="store_true", help="run the model on every photo, ignoring the index cache")
    p.add_argument("--json", action="store_true", help="print JSON")


def _search_args(p: argparse.ArgumentParser) -> None:
    _common(p)
    p.add_argument("query", nargs="?", help="tag-like text: 军绿, 黑白条纹, 'dark blue'")
    p.add_argument("--like", metavar="PID/PHOTO", help="photos like this one instead of a text query")
    p.add_argument("--top", type=int, default=20, metavar="K")


@command("search", "rank every photo of a folder by a tag-like text, or by likeness to one photo")
@arguments(_search_args)
def search_cmd(args: argparse.Namespace) -> int:
    from emit_gui.analysis.search import search_like, search_text

    if not args.query and not args.like:
        raise UserError("give a QUERY, or --like PID/PHOTO")
    from emit_gui.commands.safety import check_int

    check_int("--top", args.top, 1, 1_000_000)
    _catalog, index = _index(args)
    if args.query:  # cut the query into labels first: jieba's dictionary loads once (about 1 s)
        index.model.vocab.known_labels(args.query)
    t0 = time.perf_counter()
    if args.like:
        pid, _, name = args.like.replace("\\", "/").partition("/")
        pos = index.position(pid, name)
        if pos is None:
            raise UserError(f"{printable(args.like)}: no such readable photo in {printable(args.path)} "
                            "(give PID/PHOTO, e.g. 10000002/10000002_0.jpg)")
        hits, what, better = search_like(index, pos, args.top), f"photos like {args.like}", "cosine, higher is closer"
    else:
        hits, what, better = search_text(index, args.query, args.top), f"{args.query!r}", "cost, lower is closer"
        labels = index.model.vocab.known_labels(args.query)
        print(f"query {args.query!r} -> labels {', '.join(labels)}", file=sys.stderr)
    dt = time.perf_counter() - t0
    if args.json:
        print(json.dumps({"query": args.query, "like": args.like, "seconds": dt, "hits": [
            {"rank": h.rank, "pid": h.photo.pid, "photo": h.photo.name, "path": str(h.photo.path), "score": round(h.score, 5)}
            for h in hits]}, ensure_ascii=False, indent=1))
    else:
        print(f"top {len(hits)} of {len(index)} photos for {what} ({better}); ranked in {dt * 1000:.1f} ms")
        for h in hits:
            print(f"{h.rank:4d}  {h.score:8.4f}  {h.photo.pid}/{h.photo.name}")
    return 0


def _dup_args(p: argparse.ArgumentParser) -> None:
    _common(p)
    add_db(p)


@command("duplicates", "find near-duplicate photos (the same picture re-encoded, resized, cropped, mirrored or marked) and duplicates whose decided tags disagree")
@arguments(_dup_args)
def duplicates_cmd(args: argparse.Namespace) -> int:
    from emit_gui.analysis.duplicates import conflicts, find_duplicates, grouped_pairs, groups
    from emit_gui.commands.safety import existing_db

    existing_db(args.db, "duplicates")
    catalog, index = _index(args)
    t0 = time.perf_counter()
    pairs = find_duplicates(index)
    dt = time.perf_counter() - t0
    # the folder's own labels, overridden by people's decisions in the store when --db is given
    decided = {(p.pid, im.name): im.tag for p in catalog.products for im in p.images if im.tag}
    if args.db:
        from emit_gui.commands.safety import store_can_record
        from emit_gui.store import open_store

        store_can_record(catalog.root)
        with open_store(args.db) as store:
            ix = store.resolve(catalog)  # read-only: never detaches a decision
            key_of = {image_id: key for key, image_id in ix.image_ids.items()} if ix else {}
            for image_id, state in (store.decisions(ix.workspace_id) if ix else {}).items():
                if image_id in key_of and state.labelled:
                    decided[key_of[image_id]] = state.tag
    pairs = grouped_pairs(pairs)
    bad = conflicts(index, pairs, decided)
    grouped = groups(pairs)
    ph = index.photos

    def name(i: int) -> str:
        return f"{ph[i].pid}/{ph[i].name}"

    if args.json:
        print(json.dumps({
            "photos": len(index), "seconds": dt,
            "groups": [[name(i) for i in g] for g in grouped],
            "pairs": [{"a": name(p.a), "b": name(p.b), **p.as_dict()} for p in pairs],
            "conflicts": [{"a": name(p.a), "tag_a": ta, "b": name(p.b), "tag_b": tb} for p, ta, tb in bad],
        }, ensure_ascii=False, indent=1))
        return 0
    within = sum(ph[p.a].pid == ph[p.b].pid for p in pairs)
    print(f"{len(pairs)} near-duplicate pair(s) in {len(grouped)} group(s) among {len(index)} photos "
          f"({within} inside a product, {len(pairs) - within} across products); found in {dt:.2f} s")
    by_pair = {(p.a, p.b): p for p in pairs}
    for k, g in enumerate(grouped, 1):
        print(f"group {k}: " + "  =  ".join(name(i) for i in g))
        for i, x in enumerate(g):
            for y in g[i + 1:]:
                p = by_pair.get((x, y))
                if p is not None:
                    print(f"    {name(p.a)} ~ {name(p.b)}: {p.describe()}")
    if bad:
        print(f"{len(bad)} duplicate pair(s) carry different tags:")
        for p, ta, tb in bad:
            print(f"  {name(p.a)} [{ta}]  vs  {name(p.b)} [{tb}]")
    return 0


EXPLAIN_SIZES = (16, 4096)
HEAT_MAP_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".bmp": "BMP"}


def _explain_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("photo", help="a photo file")
    p.add_argument("--tag", required=True, help="the tag to explain (an option tag or any tag-like text)")
    add_model(p)
    p.add_argument("--out", metavar="PNG", help="write the photo with the heat map over it")
    p.add_argument("--all-parts", action="store_true",
                   help="include the trunk's shape evidence (coarse: 4 x 4 cells) besides the colour evidence")
    p.add_argument("--size", type=int, default=512, help=f"longer side of the output image ({EXPLAIN_SIZES[0]}-{EXPLAIN_SIZES[1]})")


@command("explain", "heat map of where the model sees a tag in a photo")
@arguments(_explain_args)
def explain_cmd(args: argparse.Namespace) -> int:
    from emit_gui.analysis.cam import Explainer, overlay
    from emit_gui.catalog.images import ImageDecodeError, decode_image
    from emit_gui.commands.safety import check_int, refuse_output_in_inputs

    path = Path(args.photo)
    if not path.is_file():
        raise UserError(f"{printable(str(path))}: no such photo")
    check_int("--size", args.size, *EXPLAIN_SIZES)
    out = Path(args.out) if args.out else None
    if out is not None:
        fmt = HEAT_MAP_FORMATS.get(out.suffix.lower())
        if fmt is None:
            raise UserError(f"--out {printable(args.out)}: name a {', '.join(HEAT_MAP_FORMATS)} file")
        refuse_output_in_inputs(out, [(path.parent, "folder of the photo")])
    engine = _open_engine(args)
    if not engine.has_features:
        raise UserError(f"{engine.model.path}: this model has no 'features' output; run "
                        f"`python -m model.onnx_outputs {engine.model.path}` or retrain")
    if not engine.model.vocab.known_labels(args.tag):
        raise UserError(f"{printable(args.tag)!r}: none of its words is a label this model knows")
    try:
        photo = decode_image(path, max(args.size, engine.model.size))
    except ImageDecodeError as exc:
        raise UserError(str(exc.problem)) from None
    hm = Explainer(engine).explain_image(photo, args.tag, args.size, "all" if args.all_parts else "colour")
    h, w = hm.heat.shape
    print(f"{printable(str(path))}: {printable(args.tag)!r} -> labels {', '.join(engine.model.vocab.known_labels(args.tag))}; "
          f"peak at ({hm.peak[0] / w:.2f}, {hm.peak[1] / h:.2f}) of the photo's width and height")
    if out is not None:
        import io

        from emit_gui.commands.safety import write_file_atomic

        buf = io.BytesIO()
        overlay(photo, hm.heat).save(buf, fmt)
        write_file_atomic(out, buf.getvalue())
        print(f"wrote {printable(str(out))}")
    return 0
