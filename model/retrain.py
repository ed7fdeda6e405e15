"""``emit-gui retrain``: fine-tune the active model on people's decisions; promote it only if
it is not worse, on the newest decisions (held out) and on the base validation products.
"""

from __future__ import annotations

import math
import os
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from emit_gui.catalog import scan_product
from emit_gui.errors import UserError
from emit_gui.inference.auto_accept import PRECISION, coverage_at_precision
from emit_gui.inference.calibration import expected_calibration_error
from emit_gui.inference.decoders import decode
from emit_gui.inference.model_dir import ModelDir, load_model_dir
from emit_gui.inference.scoring import member_costs, member_targets
from emit_gui.tags import OTHER, Vocabulary
from model.data import LabelledProduct, decode_all, load_labelled
from model.network import Ensemble, from_architecture
from model.train import FROZEN_BLOCKS, log, set_trainable, train_one_epoch

TOLERANCE = 0.005  # "not worse": within half a point, to not refuse on rounding noise


@dataclass
class Correction:
    root: str
    pid: str
    name: str
    path: Path
    tag: str
    options: list[str]
    kind: str
    at: object
    profile: str = "profile.json"


@dataclass
class Product:
    key: tuple[str, str]
    options: list[str]
    photos: list[Path] = field(default_factory=list)  # every photo of the product
    names: list[str] = field(default_factory=list)
    decided: dict[str, str] = field(default_factory=dict)  # name -> tag, the photos being tested


def gather(store, min_corrections: int) -> tuple[list[Correction], list[str]]:
    notes = []
    rows = store.labelled_decisions()
    out, missing = [], 0
    for r in rows:
        path = Path(r["root"]) / r["pid"] / r["name"]
        if not path.is_file():
            missing += 1
            continue
        if r["tag"] not in r["optional_tags"]:
            continue
        out.append(Correction(r["root"], r["pid"], r["name"], path, r["tag"], r["optional_tags"], r["kind"],
                              r["decided_at"], r["profile"]))
    if missing:
        notes.append(f"{missing} decided photo(s) are no longer on disk and were left out")
    if len(out) < min_corrections:
        raise UserError(f"only {len(out)} usable decisions in the store; retrain needs at least {min_corrections} "
                        "(review more photos, or lower --min-corrections)")
    return out, notes


def grow(model: ModelDir, net: Ensemble, corrections: list[Correction], probs: dict[Path, np.ndarray]
         ) -> tuple[Ensemble, Vocabulary, np.ndarray, list[str]]:
    """Add labels that corrections bring often enough; the output layer grows with them.

    A new label's head row starts as what the model already sees in the photos it names: the
    average of the existing rows, weighted by the model's mean prediction on those photos
    (onyx starts near black). Starting from nothing, a handful of corrections could not lift
    it past the labels the photos already have.
    """
    by_product: dict[tuple[str, str], list[str]] = {}
    for c in corrections:
        by_product[(c.root, c.pid)] = c.options
    fresh = Vocabulary.build_from_products(list(by_product.values()), min_count=model.vocab.min_count, top_k=10_000)
    new = [lab for lab in fresh.labels[:-1] if model.vocab.index(lab) is None]
    if not new:
        return net, model.vocab, model.masks, []
    old_labels = list(model.vocab.labels[:-1])
    vocab = Vocabulary(labels=(*old_labels, *new, OTHER), counts={**model.vocab.counts, **fresh.counts},
                       min_count=model.vocab.min_count, top_k=model.vocab.top_k)
    n_old, n_new = len(model.vocab), len(vocab)
    old_idx = list(range(n_old - 1)) + [n_new - 1]  # where each old row goes (other moves to the end)
    masks = np.ones((model.n_members, n_new), dtype=np.float32)
    masks[:, old_idx] = model.masks
    grown = Ensemble(n_new, torch.from_numpy(masks), histogram=net.histogram is not None, trunk=net.trunk.name)
    state = net.state_dict()
    for k in list(state):
        if k.startswith("heads.") or k == "masks":
            continue
        grown.state_dict()[k].copy_(state[k])
    from emit_gui.tags import labels as tag_labels

    with torch.no_grad():
        for m, (head_old, head_new) in enumerate(zip(net.heads, grown.heads, strict=True)):
            head_new.weight.normal_(0, 0.01)
            head_new.bias.fill_(math.log(1e-3))  # a label no photo shows yet starts unlikely
            head_new.weight[old_idx] = head_old.weight
            head_new.bias[old_idx] = head_old.bias
            for j, lab in enumerate(new, start=n_old - 1):
                seen = [probs[c.path][m] for c in corrections if c.path in probs and lab in tag_labels(c.tag)]
                if not seen:
                    continue
                mix = torch.from_numpy(np.mean(seen, axis=0)).float()  # (L_old,)
                head_new.weight[j] = mix @ head_old.weight
                head_new.bias[j] = mix @ head_old.bias
    return grown, vocab, masks, new


def load_net(model: ModelDir) -> Ensemble:
    from safetensors.torch import load_file

    arch = model.manifest.get("training", {}).get("architecture", {})
    net = from_architecture(len(model.vocab), torch.from_numpy(model.masks), arch)
    state = load_file(str(model.weights_path))
    net.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in state.items()})
    return net


@torch.no_grad()
def probs_of(net: Ensemble, images: np.ndarray, batch: int = 128) -> np.ndarray:
    net.eval()
    out = [net(torch.from_numpy(images[i:i + batch])).numpy() for i in range(0, len(images), batch)]
    return np.concatenate(out) if out else np.zeros((0, net.n_members, net.n_labels), np.float32)


def figures(net: Ensemble, vocab: Vocabulary, masks: np.ndarray, calibration, products: list[Product],
            images: dict[Path, np.ndarray]) -> dict:
    right = total = exact = 0
    confs, corrects = [], []
    for p in products:
        arr = np.stack([images[ph] for ph in p.photos])
        costs = member_costs(probs_of(net, arr), member_targets(vocab, masks, p.options))
        res = decode(costs)
        agree = (costs.argmin(axis=2) == res.tags[None]).mean(axis=0)
        conf = calibration.confidence(costs.mean(axis=0), res.tags, agree)
        ok_all = True
        for i, name in enumerate(p.names):
            if name in p.decided:
                ok = p.options[res.tags[i]] == p.decided[name]
                right += ok
                total += 1
                ok_all &= ok
                confs.append(conf[i])
                corrects.append(ok)
        exact += ok_all
    share, cut = coverage_at_precision(np.array(confs), np.array(corrects, dtype=bool), PRECISION)
    return {"photos": total, "products": len(products), "acc": right / max(total, 1),
            "em": exact / max(len(products), 1),
            "ece": expected_calibration_error(np.array(confs), np.array(corrects, dtype=bool)),
            "auto_accept_share": share, "auto_accept_threshold": cut if math.isfinite(cut) else None}


def test_products(corrections: list[Correction]) -> list[Product]:
    """Held-out decisions as products: all their photos are run, the decided ones scored."""
    groups: dict[tuple[str, str], list[Correction]] = defaultdict(list)
    for c in corrections:
        groups[(c.root, c.pid)].append(c)
    out = []
    for key, cs in groups.items():
        folder = Path(key[0]) / key[1]
        names = sorted({c.name for c in cs})
        try:
            scanned = scan_product(folder, cs[0].profile)
            names = [im.name for im in scanned.images if im.usable] or names
        except OSError:
            pass
        p = Product(key=key, options=cs[0].options, names=names, photos=[folder / n for n in names],
                    decided={c.name: c.tag for c in cs})
        out.append(p)
    return out


def base_products(model: ModelDir, datasets: list[str]) -> tuple[list[LabelledProduct], list[LabelledProduct], list[str]]:
    if not datasets:
        return [], [], []
    profiles = model.manifest.get("training", {}).get("profiles") or ["profile.json"]
    products = load_labelled([Path(d) for d in datasets], profiles, log=log)
    val = set(model.val_products)
    return [p for p in products if p.pid not in val], [p for p in products if p.pid in val], profiles


def run(args) -> int:
    from emit_gui import registry
    from emit_gui.store import open_store
    from model.export import write_model_dir

    if args.threads:
        torch.set_num_threads(args.threads)
    t_start = time.perf_counter()
    base_version = registry.active_version()
    model = load_model_dir(args.model or registry.active_path())
    with open_store(args.db) as store:
        corrections, notes = gather(store, args.min_corrections)
    for n in notes:
        log(n)
    corrections.sort(key=lambda c: c.at)
    n_test = max(1, int(round(len(corrections) * args.test_share)))
    train_c, test_c = corrections[:-n_test], corrections[-n_test:]
    log(f"{len(corrections)} decisions ({sum(c.kind == 'corrected' for c in corrections)} corrections); "
        f"the newest {len(test_c)} ({args.test_share:.0%}) are held out to judge the new model")

    old_net = load_net(model)
    size = model.size
    x_c, bad_c = decode_all([c.path for c in train_c], size, log=log)
    seen_probs = probs_of(old_net, x_c)
    probs_by_path = {c.path: seen_probs[i] for i, c in enumerate(train_c) if i not in set(bad_c)}
    net, vocab, masks, new_labels = grow(model, load_net(model), train_c, probs_by_path)
    if new_labels:
        log(f"vocabulary grows by {len(new_labels)} label(s) from the corrections: {', '.join(new_labels)}")

    base_train, base_val, base_profiles = base_products(model, args.base)
    # targets for corrections (one language: the tag as decided) and for base photos (all languages)
    paths, targets = [], []
    for c in train_c:
        paths.append(c.path)
        t = member_targets(vocab, masks, c.options)
        targets.append(t[:, c.options.index(c.tag), :])
    rng = np.random.default_rng(args.seed)
    if base_train:
        k = min(len(base_train), max(len(train_c), int(args.base_ratio * len(train_c))))
        chosen = [base_train[i] for i in rng.choice(len(base_train), size=k, replace=False)]
        for p in chosen:
            per = [member_targets(vocab, masks, p.tags[prof][0]) for prof in base_profiles]
            for i, path in enumerate(p.paths):
                paths.append(path)
                targets.append(np.mean([t[:, p.tags[prof][0].index(p.tags[prof][1][i]), :]
                                        for t, prof in zip(per, base_profiles, strict=True)], axis=0))
        log(f"mixing in {sum(len(p.paths) for p in chosen)} photos of {len(chosen)} base products so as not to forget")
    x, bad = decode_all(paths, size, log=log)
    keep = [i for i in range(len(paths)) if i not in set(bad)]
    images = torch.from_numpy(x[keep])
    y = torch.from_numpy(np.stack([targets[i] for i in keep]).astype(np.float32))
    w = torch.ones(len(keep), net.n_members)

    set_trainable(net)
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=args.lr)
    batch = min(args.batch, max(16, len(keep) // 8))  # a few dozen corrections still take several steps
    steps = args.epochs * math.ceil(len(keep) / batch)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 0.5 * (1 + math.cos(math.pi * min(s, steps) / steps)))
    gen = torch.Generator().manual_seed(args.seed)

    log(f"fine-tuning {net.n_members} members for {args.epochs} epochs on {len(keep)} photos "
        f"(frozen: stem and first {FROZEN_BLOCKS} blocks; Ctrl-C stops and changes nothing)")
    for epoch in range(args.epochs):
        train_one_epoch(net, opt, sched, images, y, w, batch, gen, epoch, args.epochs)

    # judge: old vs new on the held-out decisions and on the base validation products
    test = test_products(test_c)
    photo_set = sorted({ph for p in test for ph in p.photos}, key=str)
    val_as_products = [Product(key=("base", p.pid), options=p.tags[base_profiles[0]][0], photos=p.paths,
                               names=[str(i) for i in range(len(p.paths))],
                               decided={str(i): t for i, t in enumerate(p.tags[base_profiles[0]][1])})
                       for p in base_val]
    all_paths = photo_set + [ph for p in val_as_products for ph in p.photos]
    arr, _bad = decode_all(all_paths, size, log=log)
    imgs = dict(zip(all_paths, arr, strict=True))
    report = {"base_version": base_version, "new_labels": new_labels, "corrections": len(corrections),
              "held_out": len(test_c), "epochs": args.epochs}
    report["old"] = {"held_out": figures(old_net, model.vocab, model.masks, model.calibration, test, imgs)}
    report["new"] = {"held_out": figures(net, vocab, masks, model.calibration, test, imgs)}
    if val_as_products:
        report["old"]["base_validation"] = figures(old_net, model.vocab, model.masks, model.calibration,
                                                   val_as_products, imgs)
        report["new"]["base_validation"] = figures(net, vocab, masks, model.calibration, val_as_products, imgs)
    better = all(report["new"][k]["acc"] >= report["old"][k]["acc"] - TOLERANCE
                 and report["new"][k]["em"] >= report["old"][k]["em"] - TOLERANCE for k in report["new"])
    for k in report["new"]:
        o, n = report["old"][k], report["new"][k]
        log(f"{k:>16}: old Acc {o['acc']:.3f} EM {o['em']:.3f} ECE {o['ece']:.3f}  ->  "
            f"new Acc {n['acc']:.3f} EM {n['em']:.3f} ECE {n['ece']:.3f}  ({n['photos']} photos)")
    if not better and not args.force:
        report["decision"] = "refused: the new model is worse"
        log("refused: the new model is worse than the active one on "
            + " or ".join(k for k in report["new"] if report["new"][k]["em"] < report["old"][k]["em"] - TOLERANCE
                          or report["new"][k]["acc"] < report["old"][k]["acc"] - TOLERANCE)
            + f"; {base_version} stays active (--force promotes anyway)")
        return 3
    report["decision"] = "promoted" if better else "promoted by --force although it is worse"
    version = registry.new_version_name()
    info = dict(model.manifest.get("training", {}))
    info.update({"retrained_from": base_version, "retrain_seconds": round(time.perf_counter() - t_start, 1),
                 "architecture": {"trunk": net.trunk.name, "colour_histogram": net.histogram is not None}})
    x_val = np.stack([imgs[ph] for ph in photo_set[:64]]) if photo_set else np.zeros((0, 3, size, size), np.uint8)
    extra = {"calibration": model.calibration.to_json(), "retrain_report": report, "name": version}
    base_fig = report["new"].get("base_validation") or {}
    if base_fig.get("auto_accept_threshold") is not None:  # measured on labelled products, or none at all
        extra["auto_accept"] = {"threshold": base_fig["auto_accept_threshold"], "precision": PRECISION,
                                "coverage": base_fig["auto_accept_share"],
                                "measured_on": f"the base validation products ({base_fig['photos']} photos)"}
    _pause_for_tests("before-write")
    write_model_dir(registry.models_dir() / version, net, vocab, masks, size, info, x_val, [], base_profiles,
                    log=log, extra=extra)
    _pause_for_tests("before-switch")
    registry.set_active(version)
    log(f"{report['decision']}: {version} is now active (was {base_version}); "
        f"{time.perf_counter() - t_start:.0f} s")
    return 0


def _pause_for_tests(point: str) -> None:
    """The kill-during-promotion test stops here (set EMIT_GUI_TEST_PAUSE=<point>)."""
    if os.environ.get("EMIT_GUI_TEST_PAUSE") == point:
        print(f"PAUSED {point}", flush=True)
        time.sleep(60)
