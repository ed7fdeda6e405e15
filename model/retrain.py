"""``emit-gui retrain``: fine-tune the active model on people's decisions; promote it only if
it is not worse, on the newest decisions (held out) and on the base validation products.

The gate (which decisions judge, whether they are enough, what "not worse" means) lives in
``emit_gui.promotion`` and the figures are counted by ``emit_gui.inference.evaluate``, the code
``emit-gui evaluate`` uses. ``--report FILE`` writes what was decided and why as JSON;
``--progress-json`` prints typed progress lines on stdout (the human log goes to stderr).
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from emit_gui.catalog import DEFAULT_PROFILE, scan_product
from emit_gui.errors import UserError
from emit_gui.inference.auto_accept import PRECISION, coverage_at_precision
from emit_gui.inference.colour import colour_evidence, colour_settings, garment_colour
from emit_gui.inference.evaluate import UNSCORED, Tally, score_product
from emit_gui.inference.model_dir import ModelDir, load_model_dir
from emit_gui.inference.scoring import member_costs, member_targets
from emit_gui.store import ACCEPTED_UNSEEN
from emit_gui.promotion import (BASE_VALIDATION, ERROR, FAILED, HELD_OUT, NEEDS_CONFIRMATION, PROMOTED, REFUSED,
                                TOLERANCE, Reason, compare_set, evidence_problem, exit_code, hold_out, judge,
                                new_report, write_report)
from emit_gui.tags import OTHER, Vocabulary
from model.data import LabelledProduct, decode_all, load_labelled
from model.network import Ensemble, from_architecture
from model.train import log, set_trainable, train_one_epoch

__all__ = ["TOLERANCE", "run"]


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

    @property
    def product_key(self) -> tuple[str, str, str]:
        """A product as decided: the same folder labelled in two tag languages is two products,
        each with its own options."""
        return self.root, self.pid, self.profile


@dataclass
class Product:
    key: tuple[str, str]
    options: list[str]
    photos: list[Path] = field(default_factory=list)  # every photo of the product
    names: list[str] = field(default_factory=list)
    decided: dict[str, str] = field(default_factory=dict)  # name -> tag, the photos being tested

    @property
    def label(self) -> str:
        """How reports name it: the product id, with the tag language where it is not the default."""
        profile = self.key[2] if len(self.key) > 2 else DEFAULT_PROFILE
        return self.key[1] if profile == DEFAULT_PROFILE else f"{self.key[1]} ({profile})"


def gather(store) -> tuple[list[Correction], list[str]]:
    notes = []
    rows = store.labelled_decisions()
    out, missing, unseen = [], 0, 0
    for r in rows:
        path = Path(r["root"]) / r["pid"] / r["name"]
        if not path.is_file():
            missing += 1
            continue
        if r["tag"] not in r["optional_tags"]:
            continue
        if r["kind"] == ACCEPTED_UNSEEN:  # the model's own proposal, accepted unseen: no evidence
            unseen += 1
            continue
        out.append(Correction(r["root"], r["pid"], r["name"], path, r["tag"], r["optional_tags"], r["kind"],
                              r["decided_at"], r["profile"]))
    if missing:
        notes.append(f"{missing} decided photo(s) are no longer on disk and were left out")
    if unseen:
        notes.append(f"{unseen} photo(s) accepted unseen (the model's own sure proposals) were left out: they can "
                     "neither teach the model nor judge it")
    return out, notes


def grow(model: ModelDir, net: Ensemble, corrections: list[Correction], probs: dict[Path, np.ndarray]
         ) -> tuple[Ensemble, Vocabulary, np.ndarray, list[str]]:
    """Add labels that corrections bring often enough; the output layer grows with them.

    A new label's head row starts as what the model already sees in the photos it names: the
    average of the existing rows, weighted by the model's mean prediction on those photos
    (onyx starts near black). Starting from nothing, a handful of corrections could not lift
    it past the labels the photos already have.
    """
    by_product: dict[tuple[str, str, str], list[str]] = {}
    for c in corrections:
        by_product[c.product_key] = c.options
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
def probs_of(net: Ensemble, images: np.ndarray, batch: int = 128, step=None) -> np.ndarray:
    net.eval()
    out = []
    for i in range(0, len(images), batch):
        out.append(net(torch.from_numpy(images[i:i + batch])).numpy())
        if step is not None:
            step(len(out[-1]))
    return np.concatenate(out) if out else np.zeros((0, net.n_members, net.n_labels), np.float32)


def tally(probs: dict[Path, np.ndarray], vocab: Vocabulary, masks: np.ndarray, calibration,
          products: list[Product], manifest: dict | None = None, colours: dict | None = None) -> Tally:
    """Acc / EM of one model on products, counted as ``emit-gui evaluate`` counts them: every
    photo of a product is decoded together, the decided ones are scored. With the model's
    ``manifest`` (its ``decoder`` block) and each photo's garment colour, a model with colour
    evidence is judged as the window and ``predict`` run it."""
    t = Tally()
    for p in products:
        costs = member_costs(np.stack([probs[ph] for ph in p.photos]), member_targets(vocab, masks, p.options))
        truth = np.array([p.options.index(p.decided[n]) if n in p.decided else UNSCORED for n in p.names])
        evidence = colour_evidence(manifest, [colours.get(ph) for ph in p.photos], p.options) \
            if manifest is not None and colours else None
        t.add(p.label, score_product(costs, truth, calibration, evidence=evidence))
    return t


def test_products(corrections: list[Correction]) -> list[Product]:
    """Held-out decisions as products: all their photos are run, the decided ones scored."""
    groups: dict[tuple[str, str, str], list[Correction]] = defaultdict(list)
    for c in corrections:  # one product per folder, product and tag language: each has its own options
        groups[c.product_key].append(c)
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


def base_products(model: ModelDir, datasets: list[Path]) -> tuple[list[LabelledProduct], list[LabelledProduct], list[str]]:
    if not datasets:
        return [], [], []
    profiles = model.manifest.get("training", {}).get("profiles") or ["profile.json"]
    products = load_labelled([Path(d) for d in datasets], profiles, log=log)
    val = set(model.val_products)
    return [p for p in products if p.pid not in val], [p for p in products if p.pid in val], profiles


class Events:
    """Typed progress for the window (``--progress-json``): one JSON object a line,
    ``{"event": "progress", "stage": "prepare|learn|judge|save", "done": k, "total": n}`` and at
    the end ``{"event": "done", "decision": ..., "report": FILE}``. Nothing without a stream."""

    def __init__(self, stream=None):
        self.stream = stream
        self._shown = (None, 0.0)

    def __call__(self, stage: str, done: int = 0, total: int = 0, **extra) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        if stage == self._shown[0] and 0 < done < total and now - self._shown[1] < 0.2:
            return  # a few lines a second are plenty
        self._shown = (stage, now)
        event = "done" if stage == "done" else "progress"
        line = {"event": event, **({} if event == "done" else {"stage": stage, "done": done, "total": total}), **extra}
        try:
            self.stream.write(json.dumps(line, ensure_ascii=False) + "\n")
            self.stream.flush()
        except (OSError, ValueError):
            self.stream = None  # the reader went away; the work goes on


class _CountingSchedule:
    """The learning-rate schedule, telling ``on_step`` about every optimiser step (progress
    without reading the trainer's text)."""

    def __init__(self, sched, on_step):
        self.sched, self.on_step = sched, on_step

    def step(self) -> None:
        self.sched.step()
        self.on_step()


def fine_tune(net: Ensemble, images: torch.Tensor, y: torch.Tensor, w: torch.Tensor, *, lr: float, batch: int,
              epochs: int, seed: int, on_step=None, share=None) -> None:
    """The fine-tuning step: the trainable blocks, Adam, a cosine schedule, ``epochs`` epochs.
    With ``share`` (``model.distributed.Share``) this process trains its share of every batch
    and DDP averages the gradients; every rank calls this with the same settings."""
    set_trainable(net)
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=lr)
    steps = epochs * math.ceil(len(images) / batch)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 0.5 * (1 + math.cos(math.pi * min(s, steps) / steps)))
    gen = torch.Generator().manual_seed(seed)
    counting = _CountingSchedule(sched, on_step) if on_step is not None else sched
    for epoch in range(epochs):
        train_one_epoch(net, opt, counting, images, y, w, batch, gen, epoch, epochs, share=share)


def default_processes() -> int:
    """The number of CUDA GPUs where there are several, else 1."""
    n = torch.cuda.device_count() if torch.cuda.is_available() else 0
    return max(1, n)


class Team:
    """The processes the fine-tuning step runs in: this one alone (``world == 1``, the code
    path of a single process), ``world`` processes started here (``--processes``), or the
    ranks ``torchrun`` started (this is rank 0). Rank 0 reads, prepares, judges and writes;
    the others only train (:func:`follow`)."""

    def __init__(self, processes: int | None, threads: int = 0):
        from model import distributed

        self.torchrun = distributed.torchrun_env()
        if self.torchrun is not None:
            self.world = self.torchrun[1]
            if processes not in (None, self.world):
                log(f"torchrun started {self.world} processes: --processes {processes} is not used")
        else:
            self.world = processes or default_processes()
        self.threads = threads
        self.sent = False  # under torchrun the other ranks wait for a job, or to hear there is none

    def fine_tune(self, net, images, y, w, settings: dict, on_start=None, on_step=None) -> None:
        from model import distributed

        self.sent = True
        try:
            if self.torchrun is not None:
                leader = distributed.Leader.from_torchrun()
            else:
                threads = self.threads or max(1, (os.cpu_count() or 1) // self.world)
                leader = distributed.Leader.spawn(self.world, follow, threads=threads)
        except distributed.RankFailed as exc:  # a process that ended while starting
            raise UserError(f"retrain: {exc}; nothing was written") from None
        log(f"training in {self.world} processes ({leader.backend}"
            + (f", this one and pids {' '.join(map(str, leader.pids))})" if leader.pids else ", torchrun)"))
        threads_before = torch.get_num_threads()
        ok = False
        try:
            if self.torchrun is None and leader.device.type == "cpu":
                torch.set_num_threads(self.threads or max(1, (os.cpu_count() or 1) // self.world))
            job = {**settings, "n_labels": net.n_labels, "histogram": net.histogram is not None,
                   "trunk": net.trunk.name}
            images, y, w, _masks = distributed.send(job, [images, y, w, net.masks], leader.device)
            set_trainable(net)
            share = distributed.wrap(net, leader.device)
            if on_start is not None:
                on_start()
            fine_tune(net, images, y, w, on_step=on_step, share=share, **settings)
            ok = True
        except RuntimeError as exc:  # a collective failed: another rank ended or broke
            sys.stdout.write("\n")  # after the step line
            why = leader.failed_rank(wait=3)
            if why is None and self.torchrun is None:
                raise  # this process's own failure: an internal error, with its crash log
            why = why or f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            raise UserError(f"retrain: {why}; training stopped and nothing was written") from None
        finally:
            distributed.unwrap(net)
            torch.set_num_threads(threads_before)
            leader.close(ok)

    def release(self) -> None:
        """Under torchrun, when rank 0 ends without training: the other ranks hear there is
        nothing to do and exit 0."""
        if self.torchrun is None or self.sent:
            return
        from model import distributed

        self.sent = True
        leader = distributed.Leader.from_torchrun()
        try:
            distributed.send(None, [], leader.device)
        finally:
            leader.close(True)


def follow(rank: int, world: int, device: torch.device) -> None:
    """A rank other than 0: receive the job, train this rank's shares, end (rank 0 has the
    weights: the group keeps them equal)."""
    from model import distributed

    job, tensors = distributed.receive(device)
    if job is None:
        return
    images, y, w, masks = tensors
    net = Ensemble(job["n_labels"], masks.cpu(), histogram=job["histogram"], trunk=job["trunk"])
    set_trainable(net)
    share = distributed.wrap(net, device)  # rank 0's weights and buffers arrive here
    fine_tune(net, images, y, w, share=share, **{k: job[k] for k in ("lr", "batch", "epochs", "seed")})


def follow_torchrun() -> int:
    """``emit-gui retrain`` on a rank other than 0 under torchrun."""
    from model import distributed

    sys.stdout = sys.stderr  # rank 0's stdout may carry only its typed lines (--json, --progress-json)
    try:
        rank, world, device = distributed.init_from_env(distributed.TORCHRUN_WAIT)
        try:
            follow(rank, world, device)
        finally:
            distributed.dist.destroy_process_group()
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - rank 0 says what happened; this rank says one line
        print(f"emit-gui: training process {os.environ.get('RANK')}: {type(exc).__name__}: "
              f"{str(exc).splitlines()[0] if str(exc) else ''}", file=sys.stderr)
        return 1
    return 0


def run(args) -> int:
    """Retrain; the report (``--report``) is written whatever the outcome."""
    report = new_report(promote=not getattr(args, "no_promote", False), force=bool(args.force), epochs=args.epochs)
    events = Events(sys.stdout if getattr(args, "progress_json", False) else None)
    as_json = bool(getattr(args, "json", False))
    stdout, t0 = sys.stdout, time.perf_counter()
    if events.stream is not None or as_json:
        sys.stdout = sys.stderr  # the human log; stdout carries only the typed lines
    team = Team(getattr(args, "processes", None), args.threads)
    try:
        _retrain(args, report, events, team)
    except UserError as exc:
        if not report["decision"]:
            report.update(decision=FAILED, reason=Reason(ERROR, str(exc)).to_json())
        raise
    except KeyboardInterrupt:
        report.update(decision=FAILED, reason=Reason("interrupted", "interrupted: the active model is unchanged").to_json())
        team.sent = True  # torchrun ends its other ranks on Ctrl-C: none is waiting to be told
        raise
    except Exception as exc:
        report.update(decision=FAILED, reason=Reason(ERROR, f"internal error ({type(exc).__name__}: {exc})").to_json())
        raise
    finally:
        try:
            team.release()
        except Exception as exc:  # noqa: BLE001 - torchrun ends the other ranks when this one exits
            print(f"emit-gui: could not tell the other training processes to stop ({exc})", file=sys.stderr)
        sys.stdout = stdout
        report["seconds"] = round(time.perf_counter() - t0, 1)
        if getattr(args, "report", None):
            try:
                write_report(args.report, report)
            except OSError as exc:
                print(f"emit-gui: {args.report}: cannot write the report ({exc.strerror or exc})", file=sys.stderr)
        events("done", decision=report["decision"], reason=(report["reason"] or {}).get("code"),
               version=report["version"], report=getattr(args, "report", None))
        if as_json:
            print(json.dumps(report, ensure_ascii=False), flush=True)
    return exit_code(report)


def _retrain(args, report: dict, events: Events, team: Team) -> None:
    from emit_gui import registry
    from emit_gui.store import open_store
    from model.export import write_model_dir

    if args.threads:
        torch.set_num_threads(args.threads)
    t_start = time.perf_counter()
    events("prepare")
    resolved = registry.resolve_model(args.model)  # the model predict and the window use, for the same reason
    if resolved.note:
        log(resolved.note)
        report["notes"].append(resolved.note)
    model = load_model_dir(resolved.path)
    base_version = model.name if resolved.pinned else resolved.version
    report.update(base_version=base_version, active_version=registry.active_version(), model=str(model.path),
                  model_source=resolved.source)
    with open_store(args.db) as store:
        corrections, notes = gather(store)
    for n in notes:
        log(n)
    report["notes"] += notes
    corrections.sort(key=lambda c: c.at)
    by_product: dict[tuple[str, str, str], list[Correction]] = defaultdict(list)
    for c in corrections:
        by_product[c.product_key].append(c)
    report.update(decisions=len(corrections), corrections=sum(c.kind == "corrected" for c in corrections),
                  products=len(by_product))

    # which decisions judge, and are they enough to tell (before minutes of training)
    groups = [(key, max(c.at for c in cs), len(cs)) for key, cs in by_product.items()]
    mins = {"min_photos": args.min_held_out_photos, "min_products": args.min_held_out_products}
    held = hold_out(groups, len(corrections), args.test_share, **mins)
    problem = evidence_problem(held, len(corrections), len(by_product), args.min_corrections, **mins)
    if problem is not None and args.force:  # the share alone, however little that is
        held = hold_out(groups, len(corrections), args.test_share, strict=False, **mins)
        if held.photos and held.train:
            report["notes"].append(f"--force: {problem.text}")
            log(f"--force: judging on too little evidence anyway: {problem.text}")
            problem = None
    report["held_out"] = {"photos": held.photos, "products": len(held.products)}
    if problem is not None:
        report.update(decision=REFUSED, reason=problem.to_json())
        raise UserError(problem.text)
    held_keys = set(held.products)
    train_c = [c for c in corrections if c.product_key not in held_keys]
    test_c = [c for c in corrections if c.product_key in held_keys]
    log(f"{len(corrections)} decisions ({report['corrections']} corrections) on {len(by_product)} products; "
        f"the newest {len(test_c)} ({len(held_keys)} products) are held out to judge the new model")

    base_paths, base_note = registry.base_datasets(model.manifest, model.path, args.base)
    if base_note:
        log(base_note)
        report["notes"].append(base_note)
    report["base"] = {"datasets": [str(p) for p in base_paths], "note": base_note}

    old_net = load_net(model)
    size = model.size
    x_c, bad_c = decode_all([c.path for c in train_c], size, log=log)
    seen_probs = probs_of(old_net, x_c)
    probs_by_path = {c.path: seen_probs[i] for i, c in enumerate(train_c) if i not in set(bad_c)}
    net, vocab, masks, new_labels = grow(model, load_net(model), train_c, probs_by_path)
    if new_labels:
        log(f"vocabulary grows by {len(new_labels)} label(s) from the corrections: {', '.join(new_labels)}")
    report["new_labels"] = new_labels

    base_train, base_val, base_profiles = base_products(model, base_paths)
    if base_paths and not base_val:
        note = "none of the model's validation products is usable in its training data: only the held-out decisions judge"
        log(note)
        report["notes"].append(note)
    # targets for corrections (one language: the tag as decided) and for base photos (all languages)
    paths, targets = [], []
    for c in train_c:
        paths.append(c.path)
        t = member_targets(vocab, masks, c.options)
        targets.append(t[:, c.options.index(c.tag), :])
    rng = np.random.default_rng(args.seed)
    mixed = 0
    if base_train:
        k = min(len(base_train), max(len(train_c), int(args.base_ratio * len(train_c))))
        chosen = [base_train[i] for i in rng.choice(len(base_train), size=k, replace=False)]
        for p in chosen:
            per = [member_targets(vocab, masks, p.tags[prof][0]) for prof in base_profiles]
            for i, path in enumerate(p.paths):
                paths.append(path)
                targets.append(np.mean([t[:, p.tags[prof][0].index(p.tags[prof][1][i]), :]
                                        for t, prof in zip(per, base_profiles, strict=True)], axis=0))
        mixed = sum(len(p.paths) for p in chosen)
        log(f"mixing in {mixed} photos of {len(chosen)} base products so as not to forget")
    report["trained_on"] = {"decisions": len(train_c), "base_photos": mixed}
    x, bad = decode_all(paths, size, log=log)
    keep = [i for i in range(len(paths)) if i not in set(bad)]
    images = torch.from_numpy(x[keep])
    y = torch.from_numpy(np.stack([targets[i] for i in keep]).astype(np.float32))
    w = torch.ones(len(keep), net.n_members)

    batch = min(args.batch, max(16, len(keep) // 8))  # a few dozen corrections still take several steps
    steps = args.epochs * math.ceil(len(keep) / batch)
    done = [0]

    def stepped() -> None:
        done[0] += 1
        events("learn", done[0], steps)

    log(f"fine-tuning {net.n_members} members for {args.epochs} epochs on {len(keep)} photos "
        f"(frozen: stem and first {net.backbone.frozen_blocks} blocks of {net.backbone.name}; Ctrl-C stops and "
        "changes nothing)")
    settings = {"lr": args.lr, "batch": batch, "epochs": args.epochs, "seed": args.seed}
    if team.world == 1:
        events("learn", 0, steps)
        fine_tune(net, images, y, w, on_step=stepped, **settings)
    else:
        team.fine_tune(net, images, y, w, settings, on_start=lambda: events("learn", 0, steps), on_step=stepped)
    report["trained_on"]["processes"] = team.world

    # judge: old vs new on the held-out decisions and on the base validation products
    test = test_products(test_c)
    val_sets = [(prof, [Product(key=("base", p.pid), options=p.tags[prof][0], photos=p.paths,
                                names=[str(i) for i in range(len(p.paths))],
                                decided={str(i): t for i, t in enumerate(p.tags[prof][1])}) for p in base_val])
                for prof in base_profiles] if base_val else []
    all_paths = sorted({ph for p in test for ph in p.photos}, key=str)
    all_paths += [ph for p in (val_sets[0][1] if val_sets else []) for ph in p.photos]
    arr, _bad = decode_all(all_paths, size, log=log)
    # the colour decoder reads each photo's garment colour; the new version keeps the base's
    # colour weight (it is in the units of the calibration it also keeps)
    carried = {"decoder": model.manifest["decoder"]} if colour_settings(model.manifest) else None
    colours = {ph: garment_colour(a) for ph, a in zip(all_paths, arr, strict=True)} if carried else None
    judged = [0]

    def forward(n: int) -> None:
        judged[0] += n
        events("judge", judged[0], 2 * len(all_paths))

    events("judge", 0, 2 * len(all_paths))
    # the model in use is judged as it runs (its ONNX file, through the pipeline `emit-gui evaluate`
    # uses: its fp16 weights reloaded in PyTorch differ by up to 0.01); the new one from its
    # fp32 network, which its ONNX export matches within 1e-5 (checked when it is written)
    from emit_gui.inference.engine import Engine
    from emit_gui.inference.pipeline import run_images

    old_probs, broken = {}, set()
    for i, pr, _problem in run_images(Engine(model, provider="cpu", threads=args.threads or None), all_paths):
        forward(1)
        if pr is None:
            broken.add(all_paths[i])
        else:
            old_probs[all_paths[i]] = pr
    new_probs = dict(zip(all_paths, probs_of(net, arr, step=forward), strict=True))
    if broken:  # as `evaluate` does: a product with an unreadable photo takes no part
        test = [p for p in test if not broken.intersection(p.photos)]
        val_sets = [(prof, [p for p in products if not broken.intersection(p.photos)]) for prof, products in val_sets]
        note = f"{len(broken)} photo(s) could not be read and their products were left out of the judgement"
        log(note)
        report["notes"].append(note)
    sets = {HELD_OUT: compare_set("held-out decisions",
                                  tally(old_probs, model.vocab, model.masks, model.calibration, test, carried, colours),
                                  tally(new_probs, vocab, masks, model.calibration, test, carried, colours))}
    auto_accept = None  # the new version's 99.5 %-precision point, measured on the base validation products
    for i, (prof, products) in enumerate(val_sets):
        name = BASE_VALIDATION if i == 0 else f"{BASE_VALIDATION}:{prof}"
        new_tally = tally(new_probs, vocab, masks, model.calibration, products, carried, colours)
        sets[name] = compare_set(f"base validation ({prof})",
                                 tally(old_probs, model.vocab, model.masks, model.calibration, products, carried,
                                       colours),
                                 new_tally, {"profile": prof, "datasets": [str(p) for p in base_paths]})
        if i == 0 and new_tally.photos:
            share, cut = coverage_at_precision(*new_tally.arrays(), PRECISION)
            if math.isfinite(cut):
                auto_accept = {"threshold": cut, "precision": PRECISION, "coverage": share,
                               "measured_on": f"the base validation products ({new_tally.photos} photos)"}
    report["sets"] = sets
    for name, st in sets.items():
        o, n = st["before"], st["after"]
        log(f"{name:>16}: old Acc {o['acc']:.3f} EM {o['em']:.3f} ECE {o['ece']:.3f}  ->  "
            f"new Acc {n['acc']:.3f} EM {n['em']:.3f} ECE {n['ece']:.3f}  ({n['photos']} photos, "
            f"{n['products']} products: {len(st['newly_right'])} newly right, {len(st['newly_wrong'])} newly wrong)")
    decision, reason = judge(sets, force=args.force, promote=report["promote"])
    report.update(decision=decision, reason=reason.to_json())
    if decision == REFUSED:
        log(f"refused: {reason.text}; {base_version} stays active (--force promotes anyway)")
        return

    events("save")
    version = registry.new_version_name()
    report["version"] = version
    info = dict(model.manifest.get("training", {}))
    if base_paths:
        info["datasets"] = [str(p) for p in base_paths]  # found where they are: the next retrain finds them too
    info.update({"retrained_from": base_version, "retrain_seconds": round(time.perf_counter() - t_start, 1),
                 "architecture": {"trunk": net.trunk.name, "colour_histogram": net.histogram is not None}})
    x_val = arr[:64] if len(arr) else np.zeros((0, 3, size, size), np.uint8)
    extra = {"calibration": model.calibration.to_json(), "retrain_report": report, "name": version, **(carried or {})}
    if auto_accept is not None:  # measured on labelled products, or none at all (accepts nothing unseen)
        extra["auto_accept"] = auto_accept
    _pause_for_tests("before-write")
    write_model_dir(registry.models_dir() / version, net, vocab, masks, size, info, x_val, [], base_profiles,
                    log=log, extra=extra)
    _pause_for_tests("before-switch")
    if decision == PROMOTED:
        registry.set_active(version)
        report["active_version"] = version
        log(f"{reason.text if reason.code != 'not_worse' else 'promoted'}: {version} is now active "
            f"(was {base_version}); {time.perf_counter() - t_start:.0f} s")
    else:
        assert decision == NEEDS_CONFIRMATION
        log(f"staged {version} (not used yet; `emit-gui models use {version}` switches to it); "
            f"{time.perf_counter() - t_start:.0f} s")


def _pause_for_tests(point: str) -> None:
    """The kill-during-promotion test stops here (set EMIT_GUI_TEST_PAUSE=<point>)."""
    from emit_gui.settings import current

    if current().test_pause == point:
        print(f"PAUSED {point}", flush=True)
        time.sleep(60)
