"""``emit-gui train``: fine-tune the EMIT ensemble on labelled products and write a model folder.

Shaped like torchvision's reference classification script: ``train_one_epoch``,
``evaluate``, ``main(args)``. One trunk (a registered backbone from ImageNet, EfficientNet-Lite0
by default) with one head per member; member k has its own label selection, its own product
dropout and its own seed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch.nn import functional as F

from emit_gui.catalog import DEFAULT_PROFILE
from emit_gui.inference.decoders import DECODERS, decode
from emit_gui.inference.scoring import member_costs, member_targets
from emit_gui.tags import OTHER, Vocabulary
from model import backbones
from model.args import add_train_arguments
from model.data import LabelledProduct, decode_all, load_labelled, split_products
from model.network import Ensemble, load_imagenet_weights

# the default trunk's frozen blocks (each backbone says its own; retrain's message reads this)
FROZEN_BLOCKS = backbones.get(backbones.DEFAULT_TRUNK).frozen_blocks


def log(*a) -> None:
    print(*a, flush=True)


def merged_vocabulary(train: list[LabelledProduct], profiles: list[str], min_count: int, top_k: int) -> Vocabulary:
    """One vocabulary over every tag language: each language's top labels, side by side."""
    labels: list[str] = []
    counts: dict[str, int] = {}
    for prof in profiles:
        v = Vocabulary.build_from_products([p.tags[prof][0] for p in train], min_count=min_count, top_k=top_k)
        labels.extend(lab for lab in v.labels[:-1] if lab not in labels)
        counts.update({lab: v.counts.get(lab, 0) for lab in v.labels[:-1]})
    return Vocabulary(labels=(*labels, OTHER), counts=counts, min_count=min_count, top_k=top_k)


def member_masks(n_labels: int, members: int, keep: float, seed: int) -> np.ndarray:
    """Member 0 sees every label; the others a random ``keep`` share of them (always <other>)."""
    rng = np.random.default_rng(seed)
    masks = np.ones((members, n_labels), dtype=np.float32)
    for k in range(1, members):
        masks[k, :-1] = (rng.random(n_labels - 1) < keep).astype(np.float32)
    return masks


def build_targets(products, profiles, vocab, masks) -> np.ndarray:
    """(N_images, M, L): each photo's target per member, averaged over the tag languages."""
    rows = []
    for p in products:
        per_prof = []
        for prof in profiles:
            options, img_tags = p.tags[prof]
            t = member_targets(vocab, masks, options)  # (M, T, L)
            per_prof.append(np.stack([t[:, options.index(tag), :] for tag in img_tags], axis=0))
        rows.append(np.mean(per_prof, axis=0))
    return np.concatenate(rows, axis=0).astype(np.float32)


def build_option_targets(products, profiles, vocab, masks, t_max: int = 0):
    """Per photo, its product's option targets in every language, for the contrastive term:
    (N, P, T_max, M, L) targets, (N, P, T_max) validity, (N, P) index of the true option."""
    t_max = t_max or max(len(p.tags[prof][0]) for p in products for prof in profiles)
    n = sum(len(p.paths) for p in products)
    m, l = masks.shape
    targets = np.zeros((n, len(profiles), t_max, m, l), dtype=np.float32)
    valid = np.zeros((n, len(profiles), t_max), dtype=bool)
    truth = np.zeros((n, len(profiles)), dtype=np.int64)
    row = 0
    for p in products:
        k = len(p.paths)
        for pi, prof in enumerate(profiles):
            options, img_tags = p.tags[prof]
            t = member_targets(vocab, masks, options).transpose(1, 0, 2)  # (T, M, L)
            targets[row:row + k, pi, :len(options)] = t[None]
            valid[row:row + k, pi, :len(options)] = True
            truth[row:row + k, pi] = [options.index(tag) for tag in img_tags]
        row += k
    return torch.from_numpy(targets), torch.from_numpy(valid), torch.from_numpy(truth)


def contrastive_loss(logp: torch.Tensor, opt_targets, opt_valid, opt_truth, w: torch.Tensor) -> torch.Tensor:
    """Within-product discrimination: a softmax over the product's options of minus the EMIT
    cost, trained to pick the photo's own option. This is the decision the decoders make."""
    cost = -(opt_targets * logp[:, None, None, :, :]).sum(-1)  # (B, P, T, M)
    logits = (-cost).masked_fill(~opt_valid[..., None], -1e4)
    ce = F.cross_entropy(logits.permute(0, 2, 1, 3), opt_truth[..., None].expand(-1, -1, logits.shape[-1]),
                         reduction="none")  # (B, P, M)
    per = ce.mean(1)  # over languages -> (B, M)
    return (per * w).sum(0).div(w.sum(0).clamp(min=1)).sum()


def augment(x: torch.Tensor, gen: torch.Generator, rows: slice | None = None, total: int = 0) -> torch.Tensor:
    """Flips, small crops and rescales, brightness: never anything that moves hue.

    ``rows`` of a batch of ``total``: the parameters are drawn for the whole batch and these
    rows' taken, so a process training on its share of a batch augments it as one process
    training on the whole batch would (the generator advances the same in every process)."""
    b, _, s, _ = x.shape
    n = total or b
    dev = x.device
    flip = torch.rand(n, generator=gen) < 0.5
    scale = 0.85 + 0.15 * torch.rand(n, generator=gen)
    shift = (torch.rand(n, 2, generator=gen) - 0.5) * 2 * (1 - scale[:, None])
    bright = 0.9 + 0.2 * torch.rand(n, 1, 1, 1, generator=gen)
    if rows is not None:
        flip, scale, shift, bright = flip[rows], scale[rows], shift[rows], bright[rows]
    flip, bright = flip.to(dev), bright.to(dev)
    x = torch.where(flip[:, None, None, None], x.flip(3), x)
    theta = torch.zeros(b, 2, 3)
    theta[:, 0, 0] = scale
    theta[:, 1, 1] = scale
    theta[:, :, 2] = shift
    grid = F.affine_grid(theta.to(dev), list(x.shape), align_corners=False)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)
    return (x * bright).clamp(0, 255)


def set_trainable(model: Ensemble) -> None:
    """The trunk's frozen modules (its backbone says which) keep their ImageNet weights."""
    model.backbone.freeze(model.trunk)


def train_mode(model: Ensemble) -> None:
    model.train()
    for mod in model.backbone.frozen_modules(model.trunk):
        mod.eval()  # frozen BatchNorm keeps its ImageNet statistics


def train_one_epoch(model, opt, sched, images, targets, weights, batch, gen, epoch, epochs,
                    options=None, contrast: float = 0.0, emit_weight: float = 1.0, share=None) -> float:
    """One epoch. ``share`` (``model.distributed.Share``): this process trains on its share of
    every batch through DDP; the order and augmentation are drawn for the whole batch in every
    process, and the loss is scaled so that DDP's average of the processes' gradients is the
    whole batch's gradient. Only rank 0 prints."""
    train_mode(model)
    n = images.shape[0]
    order = torch.randperm(n, generator=gen).to(images.device)
    total, seen, t0 = 0.0, 0, time.perf_counter()
    steps = math.ceil(n / batch)
    if share is not None and contrast and options is not None:
        raise ValueError("the contrastive term is not available in data-parallel training")
    for step in range(steps):
        idx = order[step * batch:(step + 1) * batch]
        if share is None:
            x = augment(images[idx].float(), gen).contiguous(memory_format=torch.channels_last)
            logits = model.member_logits(model.features(x))  # (B, M, L)
            w = weights[idx]
            denom, scale, tgt = w.sum(0).clamp(min=1), None, targets[idx]
        else:
            lo, hi = share.bounds(len(idx))
            empty = lo == hi  # a last batch smaller than the group: a stand-in row that weighs nothing
            rows = slice(0, 1) if empty else slice(lo, hi)
            mine = idx[rows]
            x = augment(images[mine].to(share.device).float(), gen, rows, len(idx))
            logits = share.model(x.contiguous(memory_format=torch.channels_last))
            w = weights[mine].to(share.device)
            denom = weights[idx].to(share.device).sum(0).clamp(min=1)  # the whole batch's weight
            scale, tgt = (0.0 if empty else float(share.world)), targets[mine].to(share.device)
        logp = F.log_softmax(logits, dim=-1)
        ce = -(tgt * logp).sum(-1)  # (B, M)
        loss = emit_weight * (ce * w).sum(0).div(denom).sum()
        if scale is not None:  # rank r's part of the whole batch's loss, times the group size DDP divides by
            loss = loss * scale
        if contrast and options is not None:
            ot, ov, tr = options
            loss = loss + contrast * contrastive_loss(logp, ot[idx], ov[idx], tr[idx], w)
        opt.zero_grad(set_to_none=True)
        loss.backward()  # under DDP: the gradients are averaged over the processes here
        opt.step()
        sched.step()
        total += float(loss.detach()) * len(idx)  # under DDP: this share's estimate of the batch's loss
        seen += len(idx)
        if (share is None or share.rank == 0) and (step % 10 == 0 or step == steps - 1):
            rate = seen / (time.perf_counter() - t0)
            left = ((epochs - epoch) * n - seen) / max(rate, 1e-6)
            sys.stdout.write(f"\repoch {epoch + 1}/{epochs}  step {step + 1}/{steps}  loss {total / seen:.4f}  "
                             f"{rate:.0f} img/s  left {left / 60:.1f} min   ")
            sys.stdout.flush()
    if share is None or share.rank == 0:
        sys.stdout.write("\n")
    return total / max(seen, 1)


@torch.no_grad()
def predict(model: Ensemble, images: torch.Tensor, batch: int = 128) -> np.ndarray:
    model.eval()
    dev = next(model.parameters()).device
    out = []
    for i in range(0, images.shape[0], batch):
        x = images[i:i + batch].to(dev).float().contiguous(memory_format=torch.channels_last)
        out.append(model(x).cpu().numpy())
    return np.concatenate(out) if out else np.zeros((0, model.n_members, model.n_labels), np.float32)


def evaluate(probs: np.ndarray, products, profiles, vocab, masks) -> dict:
    """Acc and EM of every decoder in every tag language, from (N_images, M, L) probs."""
    result: dict = {}
    for prof in profiles:
        for name in DECODERS:
            right = total = exact = 0
            pos = 0
            for p in products:
                options, img_tags = p.tags[prof]
                n = len(img_tags)
                costs = member_costs(probs[pos:pos + n], member_targets(vocab, masks, options))
                pos += n
                pred = decode(costs, name).tags
                truth = np.array([options.index(t) for t in img_tags])
                ok = pred == truth
                right += int(ok.sum())
                total += n
                exact += int(ok.all())
            result[f"{prof}:{name}"] = {"acc": right / max(total, 1), "em": exact / max(len(products), 1)}
    return result


def save_run(folder: Path, model: Ensemble, vocab: Vocabulary, masks: np.ndarray, info: dict,
             val_probs: np.ndarray | None) -> None:
    """A trained network without its export (a GPU machine's run, exported elsewhere with
    ``python -m model.export_run``): fp16 weights, the validation outputs, vocabulary and history."""
    from model.export import save_weights

    folder.mkdir(parents=True, exist_ok=True)
    try:
        save_weights(model, folder / "weights.safetensors")
    except ImportError:  # a bare GPU machine without safetensors: tensors only, read back weights_only
        torch.save({k: v.detach().half() if v.is_floating_point() else v for k, v in model.state_dict().items()},
                   folder / "weights.pt")
    if val_probs is not None:
        np.save(folder / "val_probs.npy", val_probs.astype(np.float16))
    (folder / "run.json").write_text(json.dumps({"vocabulary": vocab.to_json(), "masks": masks.astype(int).tolist(),
                                                "training": info}, ensure_ascii=False), encoding="utf-8")


COLOUR_FIT_PHOTOS = 6000  # the colour weight's fit reads at most this many training photos


def colour_fit_set(train: list[LabelledProduct], x_train: np.ndarray | None, source: str,
                   limit: int = COLOUR_FIT_PHOTOS) -> tuple[np.ndarray | None, list[LabelledProduct], str]:
    """Training products spread evenly over the list, at most ``limit`` photos, and their model
    inputs (None where ``x_train`` is None): what the colour decoder's weight is fitted on when
    the folder is written."""
    total = sum(len(p.paths) for p in train)
    step = max(1, math.ceil(total / limit)) if limit else 1
    starts = np.cumsum([0] + [len(p.paths) for p in train])
    chosen = [i for i in range(0, len(train), step)]
    rows = np.concatenate([np.arange(starts[i], starts[i + 1]) for i in chosen]) if chosen else np.zeros(0, int)
    return (x_train[rows] if x_train is not None else None), [train[i] for i in chosen], source


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="emit-gui train", description=__doc__)
    add_train_arguments(p)
    return p.parse_args(argv)


def main(args: argparse.Namespace) -> int:
    from model.export import write_model_dir

    if args.quick:  # small and fast, but only where the user did not say otherwise
        args.limit = args.limit or 60
        args.epochs = args.epochs or 4
        args.size = args.size or 64
        args.members = args.members or 2
    args.epochs = args.epochs or 10
    args.size = args.size or 128
    args.members = args.members or 5
    profiles = args.profile or [DEFAULT_PROFILE]
    torch.manual_seed(args.seed)
    if args.threads:
        torch.set_num_threads(args.threads)
    out = Path(args.out)
    t_start = time.perf_counter()

    products = load_labelled([Path(d) for d in args.dataset], profiles, log=log)
    products.sort(key=lambda p: p.pid)
    if args.limit:
        products = products[: args.limit]
    if len(products) < 4:
        log(f"emit-gui train: only {len(products)} usable labelled products; need at least 4")
        return 2
    train, val = split_products(products, args.val_share, args.seed if args.split_seed is None else args.split_seed)
    for extra in args.extra:  # training only: the validation split stays the first dataset's
        more = load_labelled([Path(extra)], profiles, log=log)
        for p in more:
            p.pid = f"{Path(extra).name}/{p.pid}"
        train = train + sorted(more, key=lambda p: p.pid)
    vocab = merged_vocabulary(train, profiles, args.min_count, args.top_k)
    masks = member_masks(len(vocab), args.members, args.label_keep, args.seed)
    log(f"{len(train)} training and {len(val)} validation products; {len(vocab)} labels; {args.members} members")

    t0 = time.perf_counter()
    train_paths = [path for p in train for path in p.paths]
    val_paths = [path for p in val for path in p.paths]
    workers = max(2, min(16, os.cpu_count() or 2)) if args.device != "cpu" else 2
    x_train, bad_t = decode_all(train_paths, args.size, workers=workers, log=log)
    x_val, bad_v = decode_all(val_paths, args.size, workers=workers, log=log)
    if bad_t or bad_v:
        log(f"{len(bad_t) + len(bad_v)} photos could not be decoded and were left as blank")
    log(f"decoded {len(train_paths) + len(val_paths)} photos in {time.perf_counter() - t0:.1f} s")

    y_train = torch.from_numpy(build_targets(train, profiles, vocab, masks))
    rng = np.random.default_rng(args.seed + 1)
    per_product = np.ones((len(train), args.members), dtype=np.float32)
    per_product[:, 1:] = rng.random((len(train), args.members - 1)) < args.data_keep
    w_train = torch.from_numpy(np.repeat(per_product, [len(p.paths) for p in train], axis=0))

    dev = torch.device(args.device)
    if dev.type == "cuda":
        torch.backends.cudnn.benchmark = True
        torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = True
    options = build_option_targets(train, profiles, vocab, masks) if args.contrast else None
    if options is not None:
        options = tuple(o.to(dev) for o in options)
    y_train, w_train = y_train.to(dev), w_train.to(dev)
    model = Ensemble(len(vocab), torch.from_numpy(masks), histogram=not args.no_histogram, trunk=args.trunk)
    if not args.no_pretrained:
        load_imagenet_weights(model.trunk)
    set_trainable(model)
    model = model.to(dev).to(memory_format=torch.channels_last)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=args.lr, weight_decay=1e-5)
    steps = args.epochs * math.ceil(len(train_paths) / args.batch)
    warm = min(100, steps // 10 + 1)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * 0.5 * (1 + math.cos(math.pi * min(s, steps) / steps)))
    gen = torch.Generator().manual_seed(args.seed)
    images = torch.from_numpy(x_train).to(dev)
    x_val_t = torch.from_numpy(x_val)
    history = []
    log(f"training {args.epochs} epochs on {len(train_paths)} photos (Ctrl-C stops and writes nothing)")
    for epoch in range(args.epochs):
        loss = train_one_epoch(model, opt, sched, images, y_train, w_train, args.batch, gen, epoch, args.epochs,
                               options=options, contrast=args.contrast, emit_weight=args.emit_weight)
        val_probs = predict(model, x_val_t) if val else None
        metrics = evaluate(val_probs, val, profiles, vocab, masks) if val else {}
        history.append({"epoch": epoch + 1, "loss": loss, **metrics})
        shown = "  ".join(f"{k}: acc {v['acc']:.3f} em {v['em']:.3f}" for k, v in metrics.items() if k.endswith(":cover"))
        log(f"epoch {epoch + 1}: loss {loss:.4f}  {shown}")

    info = {
        "command": " ".join(sys.argv),
        "profiles": profiles,
        "datasets": [str(Path(d)) for d in args.dataset],
        "seed": args.seed,
        "epochs": args.epochs,
        "size": args.size,
        "members": args.members,
        "label_keep": args.label_keep,
        "contrast": args.contrast,
        "emit_weight": args.emit_weight,
        "extra": [str(Path(d)) for d in args.extra],
        "device": args.device,
        "data_keep": args.data_keep,
        "frozen_blocks": backbones.get(args.trunk).frozen_blocks,
        "train_products": len(train),
        "train_images": len(train_paths),
        "val_products": [p.pid for p in val],
        "val_images": len(val_paths),
        "history": history,
        "train_seconds": round(time.perf_counter() - t_start, 1),
        "pretrained": not args.no_pretrained,
        "architecture": {"trunk": args.trunk, "colour_histogram": model.histogram is not None},
    }
    model = model.cpu()
    if args.save_run:
        save_run(Path(args.save_run), model, vocab, masks, info, val_probs)
        log(f"wrote the run to {args.save_run} in {time.perf_counter() - t_start:.0f} s")
        return 0
    write_model_dir(out, model, vocab, masks, args.size, info, x_val, val, profiles, log=log,
                    colour_fit=colour_fit_set(train, x_train, "the training products"))
    log(f"wrote {out} in {time.perf_counter() - t_start:.0f} s")
    return 0


def run(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return main(args)
    except KeyboardInterrupt:
        log("\ninterrupted: nothing was written")  # write_model_dir removes its staging folder
        return 130


if __name__ == "__main__":
    raise SystemExit(run())
