"""``train``, ``predict`` and ``evaluate``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from emit_gui.catalog import scan
from emit_gui.commands.options import add_db, add_json, add_model, add_profile, arguments, command
from emit_gui.errors import UserError, printable


def _trainer_elsewhere(args: argparse.Namespace, command: str) -> int | None:
    """None where this interpreter can train. Otherwise the command runs in the trainer (an
    installed app, or EMIT_GUI_TRAINER set) and its exit code is returned, or a one-line answer
    says what to install."""
    from emit_gui import trainer

    missing = trainer.can_train_here()
    if missing is None:
        return None
    from emit_gui.settings import current

    if getattr(sys, "frozen", False) or current().trainer:
        raw = getattr(args, "raw_argv", [command])
        rest = raw[raw.index(command) + 1:] if command in raw else []
        return trainer.delegate(command, rest)
    raise UserError(f"{command} needs PyTorch and the trainer extras ({missing} is missing): "
                    "pip install 'emit-gui[train]'")


def _train_args(p: argparse.ArgumentParser) -> None:
    from model.args import add_train_arguments

    add_train_arguments(p)


@command("train", "train an ensemble on labelled products and write a model folder (needs PyTorch)")
@arguments(_train_args)
def train_cmd(args: argparse.Namespace) -> int:
    elsewhere = _trainer_elsewhere(args, "train")
    if elsewhere is not None:
        return elsewhere
    from model.train import main

    return main(args)


def _open_engine(args):
    from emit_gui.inference.engine import Engine
    from emit_gui.inference.model_dir import load_model_dir
    from emit_gui.registry import SOURCE_WORDS, resolve_model

    resolved = resolve_model(args.model)
    if resolved.note:
        print(f"emit-gui: {resolved.note}", file=sys.stderr)
    model = load_model_dir(resolved.path)
    engine = Engine(model, provider=args.provider)
    print(f"model {printable(str(model.path))} ({SOURCE_WORDS[resolved.source]}; {model.n_members} members, "
          f"{len(model.vocab) - 1} labels); inference on {engine.choice}", file=sys.stderr)
    return engine


def _cr() -> str:
    """Return to the start of the progress line, where one was drawn."""
    return "\r" if sys.stderr.isatty() else ""


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\r{done}/{total} photos")
        sys.stderr.flush()


def _predict_args(p: argparse.ArgumentParser) -> None:
    from emit_gui.inference.decoders import DECODERS, DEFAULT_DECODER

    p.add_argument("path", help="a folder of products")
    add_profile(p)
    add_model(p)
    p.add_argument("--decoder", choices=list(DECODERS), default=DEFAULT_DECODER)
    p.add_argument("--out", required=True, metavar="FILE", help="JSON file to write")


@command("predict", "propose a tag for every photo and write them in the EMIT layout")
@arguments(_predict_args)
def predict_cmd(args: argparse.Namespace) -> int:
    from emit_gui.commands.safety import refuse_output_in_inputs, write_file_atomic
    from emit_gui.inference.auto_accept import sure, threshold
    from emit_gui.inference.propose import propose_catalog

    out = Path(args.out)
    catalog = scan(args.path, args.profile)
    refuse_output_in_inputs(out, [(catalog.root, "input folder")])
    engine = _open_engine(args)
    refuse_output_in_inputs(out, [(engine.model.path, "model folder")])
    cut = threshold(engine.model)
    n_sure = 0
    t0 = time.perf_counter()
    by_pid = catalog.by_pid()
    results: dict[str, dict] = {}
    n_images = 0
    for prop in propose_catalog(engine, catalog, decoder=args.decoder, progress=_progress):
        product = by_pid[prop.pid]
        n_images += len(prop.photos)
        n_sure += sum(sure(ph, cut) for ph in prop.photos)
        results[prop.pid] = {
            "optional_tags": product.optional_tags,
            "imgs_tags": [{ph.name: ph.tag or ""} for ph in prop.photos],
            "confidence": [{ph.name: _finite(ph.confidence)} for ph in prop.photos],
            "runner_up": [{ph.name: ph.runner_up} for ph in prop.photos],
            # photos the model is sure of: confidence at its measured 99.5 %-precision point
            "auto_accept": [{ph.name: sure(ph, cut)} for ph in prop.photos],
            "covers": prop.covers,
            "flagged": prop.flagged,
            "flags": prop.reasons(),
            "problems": [str(ph.problem) for ph in prop.photos if ph.problem],
        }
    for product in catalog.products:
        if product.pid not in results:
            results[product.pid] = {"optional_tags": product.optional_tags,
                                    "imgs_tags": [{im.name: ""} for im in product.images],
                                    "covers": False, "flagged": True,
                                    "flags": [str(p) for p in product.problems] or ["no option tags"]}
    text = json.dumps({"model": printable(str(engine.model.path)), "provider": engine.provider,
                       "decoder": args.decoder, "auto_accept_threshold": cut,
                       "products": results}, ensure_ascii=False, indent=1, allow_nan=False)
    write_file_atomic(out, text.encode("utf-8", "backslashreplace"))
    dt = time.perf_counter() - t0
    flagged = sum(r["flagged"] for r in results.values())
    print(f"{_cr()}proposed {n_images} photos in {len(results)} products in {dt:.1f} s "
          f"({n_images / max(dt, 1e-9):.0f} photos/s on {engine.provider}); {flagged} flagged product{'' if flagged == 1 else 's'}; "
          + (f"{n_sure} photos sure enough to accept unseen (confidence >= {cut:.3f}); " if cut is not None
             else "this model has no measured auto-accept point; ")
          + f"wrote {printable(str(out))}")
    return 0


def _finite(x: float) -> float | None:
    """A confidence for JSON: a number, or null where the model gave none (never NaN)."""
    return round(float(x), 4) if np.isfinite(x) else None


def _evaluate_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="a folder of labelled products")
    add_profile(p)
    add_model(p)
    p.add_argument("--split", choices=["all", "validation"], default="all",
                   help="validation: only the model's own validation products")
    add_json(p)


@command("evaluate", "measure Acc, EM, cover rate and calibration of every decoder on labelled products")
@arguments(_evaluate_args)
def evaluate_cmd(args: argparse.Namespace) -> int:
    from emit_gui.inference.evaluate import evaluate_products
    from emit_gui.inference.pipeline import run_images

    catalog = scan(args.path, args.profile)
    engine = _open_engine(args)
    products = [p for p in catalog.products if p.usable and p.labelled]
    if not products:
        raise UserError(f"{printable(args.path)}: no labelled products (every photo of a product needs a tag "
                        "among its option tags in imgs_tags); nothing to evaluate")
    if args.split == "validation":
        wanted = set(engine.model.val_products)
        products = [p for p in products if p.pid in wanted]
        if not products:
            raise UserError(f"none of the model's {len(wanted)} validation products is in {args.path}")
    keys = [(p.pid, im.name) for p in products for im in p.images]
    paths = [im.path for p in products for im in p.images]
    probs, colours = {}, {}
    t0 = time.perf_counter()
    from emit_gui.inference.colour import colour_settings
    from emit_gui.inference.propose import infer_with_colour

    with_colour = colour_settings(engine.model.manifest) is not None  # the colour decoder's evidence
    infer = infer_with_colour(engine) if with_colour else None
    for i, pr, _problem in run_images(engine, paths, progress=_progress, infer=infer):
        if pr is not None:
            probs[keys[i]], colours[keys[i]] = pr if with_colour else (pr, None)
    report = evaluate_products(engine.model, products, probs, colours if with_colour else None)
    report["seconds"] = round(time.perf_counter() - t0, 2)
    report["provider"] = engine.provider
    if args.json:
        print(json.dumps(report))
        return 0
    print(f"{_cr()}{report['images']} images in {report['products']} products ({args.split}); "
          f"inference on {engine.provider}")
    print(f"{'decoder':<10}{'Acc':>8}{'EM':>8}{'cover':>8}{'ECE':>8}{'P@50%':>8}{'P@80%':>8}{'auto@99.5%':>11}")
    for name, d in report["decoders"].items():
        print(f"{name:<10}{d['acc']:>8.4f}{d['em']:>8.4f}{d['cover_rate']:>8.3f}{d['ece']:>8.4f}"
              f"{d['precision_at_50']:>8.4f}{d['precision_at_80']:>8.4f}{d['auto_accept_share']:>11.1%}")
    return 0


def _retrain_args(p: argparse.ArgumentParser) -> None:
    from emit_gui.promotion import MIN_HELD_OUT_PHOTOS, MIN_HELD_OUT_PRODUCTS, MIN_TRAIN

    add_db(p)
    p.add_argument("--base", action="append", default=[], metavar="DATASET",
                   help="the model's original training data, mixed in so that it does not forget; its "
                        "validation products are part of the judgement (default: the dataset the model's "
                        "manifest names, where it is found)")
    p.add_argument("--model", metavar="DIR",
                   help="model to start from (default: $EMIT_GUI_MODEL, else the active version, else the bundled one)")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--test-share", type=float, default=0.2,
                   help="share of decisions held out to judge, newest products first (default 0.2)")
    p.add_argument("--min-held-out-photos", type=int, default=MIN_HELD_OUT_PHOTOS,
                   help=f"fewest held-out decisions that can judge a new model (default {MIN_HELD_OUT_PHOTOS})")
    p.add_argument("--min-held-out-products", type=int, default=MIN_HELD_OUT_PRODUCTS,
                   help=f"fewest held-out products (default {MIN_HELD_OUT_PRODUCTS})")
    p.add_argument("--base-ratio", type=float, default=1.0, help="base photos mixed in per correction")
    p.add_argument("--min-corrections", type=int, default=MIN_TRAIN,
                   help=f"fewest decisions to learn from, besides the held-out ones (default {MIN_TRAIN})")
    p.add_argument("--force", action="store_true",
                   help="promote even if the new model is worse or the evidence is thin (the report says so)")
    p.add_argument("--no-promote", action="store_true",
                   help="stage the new version without using it (report decision needs_confirmation); "
                        "`emit-gui models use VERSION` switches to it")
    p.add_argument("--report", metavar="FILE", help="write what was decided and why as JSON (whatever the outcome)")
    p.add_argument("--json", action="store_true", help="print the report as one JSON object on stdout (the log goes "
                                                       "to stderr)")
    p.add_argument("--progress-json", action="store_true",
                   help="print typed progress as JSON lines on stdout (the log goes to stderr)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--processes", type=int, metavar="N",
                   help="train in N processes with torch.distributed (DDP): one per GPU over NCCL, or gloo "
                        "on CPUs (default: the number of CUDA GPUs where there are several, else 1); under "
                        "torchrun, the processes torchrun started")


@command("retrain", "fine-tune the active model on the decisions in the store; use it only if it is not worse")
@arguments(_retrain_args)
def retrain_cmd(args: argparse.Namespace) -> int:
    from emit_gui.commands.safety import check_float, check_int, existing_db

    check_int("--epochs", args.epochs, 1, 1000)
    check_float("--lr", args.lr, 0.0, 1.0, open_low=True)
    check_int("--batch", args.batch, 1, 4096)
    check_float("--test-share", args.test_share, 0.0, 0.9, open_low=True)
    check_float("--base-ratio", args.base_ratio, 0.0, 100.0)
    check_int("--min-corrections", args.min_corrections, 1, 10_000_000)
    check_int("--threads", args.threads, 0, 1024)
    if args.processes is not None:
        check_int("--processes", args.processes, 1, 256)
    try:
        elsewhere = _trainer_elsewhere(args, "retrain")
    except UserError as exc:  # no PyTorch here and no trainer: the report says so too
        if args.report:
            from emit_gui import promotion

            rep = promotion.new_report(decision=promotion.FAILED,
                                       reason=promotion.Reason(promotion.NEEDS_TRAINER, str(exc)).to_json())
            try:
                promotion.write_report(args.report, rep)
            except OSError:
                pass
        raise
    if elsewhere is not None:
        return elsewhere  # the trainer's own run checks the rest
    from model.distributed import torchrun_env

    ranked = torchrun_env()  # torchrun's other ranks train what rank 0 sends (the test retrain.Team uses too)
    if ranked is not None and ranked[0] != 0:
        from model.retrain import follow_torchrun

        return follow_torchrun()
    existing_db(args.db, "retrain")
    from emit_gui.registry import retrain_lock
    from model.retrain import run

    with retrain_lock() as cleaned:
        if cleaned:
            print(f"removed {cleaned} staging folder(s) left by an interrupted retrain", file=sys.stderr)
        try:
            return run(args)
        except KeyboardInterrupt:
            print("\ninterrupted: the active model is unchanged", file=sys.stderr)
            return 130


def _models_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", nargs="?", choices=["list", "use"], default="list")
    p.add_argument("name", nargs="?", metavar="VERSION",
                   help="with use: the version to make active ('default' for the bundled one)")


@command("models", "list model versions with their figures, or switch: models use VERSION")
@arguments(_models_args)
def models_cmd(args: argparse.Namespace) -> int:
    from emit_gui import registry

    if args.action == "use":
        if not args.name:
            raise UserError("models use needs a VERSION; `emit-gui models` lists them")
        registry.set_active(registry.check_version_name(args.name))
        print(f"active model: {args.name}")
        in_use = registry.resolve_model()
        if in_use.pinned:
            print(f"emit-gui: $EMIT_GUI_MODEL={printable(str(in_use.path))} still overrides it; unset it to use {args.name}",
                  file=sys.stderr)
        return 0
    in_use = registry.resolve_model()
    print(f"in use: {in_use.describe()}")
    if in_use.note:
        print(f"  {in_use.note}")
    if in_use.pinned:
        print("  ($EMIT_GUI_MODEL overrides the active version marked *; unset it to use that one)")
    for v in registry.list_versions():
        mark = "*" if v.active else " "
        held = v.figures.get("held_out", {}) if isinstance(v.figures, dict) else {}
        fig = (f"held-out Acc {held['acc']:.3f} EM {held['em']:.3f}" if held else "")
        state = "" if v.ok else f"  BROKEN: {v.note}"
        print(f"{mark} {v.version:<24} {v.created[:19]:<20} {fig} {v.note if v.ok else ''}{state}".rstrip())
    return 0
