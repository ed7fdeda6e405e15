"""Fine-tuning throughput of ``emit-gui retrain`` in 1 process and in N data-parallel processes.

    python tests/benchmarks/bench_distributed.py [--processes 1 2] [--photos 512] [--epochs 2]

The default model's network, fine-tuned as ``retrain`` does (``model.retrain.fine_tune``,
``Team`` for N > 1: gloo on CPUs, NCCL where every process has a GPU) on seeded random photos
at the model's size. Prints, per N, the seconds to start the group (N > 1: processes started,
joined, the job sent), the training seconds and photos per second, and how far its weight
update is from the first run's (relative L2). Dropout draws differ from run to run (a second
1-process run with another seed shows how much) and BatchNorm normalises each process's share,
so N processes come close to 1 process, not equal; ``tests/test_distributed.py`` checks the
step loop itself is exact on a network without either. ``--exact`` shows it on this network:
SGD, no dropout, BatchNorm on its running statistics, 33 photos of 32 px in batches of 16,
1 process against 2 (gloo).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def _exact_net():
    import torch

    from model.network import Ensemble
    from model.train import set_trainable

    torch.manual_seed(0)
    net = Ensemble(7, torch.ones(3, 7), dropout=0.0, histogram=True)
    set_trainable(net)
    return net


def _exact_train(net, x, y, w, share=None) -> None:
    import torch

    from model import train

    train.train_mode = lambda m: m.eval()  # BatchNorm on running statistics: no per-share statistics
    opt = torch.optim.SGD([p for p in net.parameters() if p.requires_grad], lr=0.05)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 1.0)
    gen = torch.Generator().manual_seed(3)
    for epoch in range(2):
        train.train_one_epoch(net, opt, sched, x, y, w, 16, gen, epoch, 2, share=share)


def _exact_rank(rank: int, world: int, device) -> None:
    from model import distributed

    _job, (x, y, w) = distributed.receive(device)
    net = _exact_net()
    _exact_train(net, x, y, w, distributed.wrap(net, device))


def exact() -> None:
    import torch

    from model import distributed

    g = torch.Generator().manual_seed(1)
    x = (torch.rand(33, 3, 32, 32, generator=g) * 255).to(torch.uint8)
    y = torch.softmax(torch.randn(33, 3, 7, generator=g) * 3, -1)
    w = (torch.rand(33, 3, generator=g) < 0.7).float()
    w[:, 0] = 1
    one = _exact_net()
    start = {k: v.detach().clone() for k, v in one.named_parameters()}
    _exact_train(one, x, y, w)
    two = _exact_net()
    leader = distributed.Leader.spawn(2, _exact_rank, backend="gloo", threads=1)
    try:
        xs, ys, ws = distributed.send({}, [x, y, w], leader.device)
        _exact_train(two, xs, ys, ws, distributed.wrap(two, leader.device))
    finally:
        distributed.unwrap(two)
        leader.close(ok=True)
    trained = [k for k, p in one.named_parameters() if p.requires_grad]
    d1 = torch.cat([(dict(one.named_parameters())[k].detach() - start[k]).flatten() for k in trained])
    d2 = torch.cat([(dict(two.named_parameters())[k].detach() - start[k]).flatten() for k in trained])
    print(f"exact: the 2-process update differs from the 1-process update by {float((d2 - d1).norm() / d1.norm()):.1e} "
          f"(L2, relative; largest element {float((d2 - d1).abs().max()):.1e}, update norm {float(d1.norm()):.3f})")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--exact", action="store_true", help="only the exactness check (about a minute)")
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 1, 2],
                    help="one run per entry; the second 1-process run (another dropout seed) is the noise floor")
    ap.add_argument("--photos", type=int, default=512)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64)
    args = ap.parse_args()
    if args.exact:
        exact()
        return 0
    import torch

    from emit_gui.inference.model_dir import load_model_dir
    from model.retrain import Team, fine_tune, load_net

    model = load_model_dir(REPO / "resources" / "models" / "default")
    gen = torch.Generator().manual_seed(0)
    images = (torch.rand(args.photos, 3, model.size, model.size, generator=gen) * 255).to(torch.uint8)
    y = torch.softmax(torch.randn(args.photos, model.n_members, len(model.vocab), generator=gen) * 3, dim=-1)
    w = torch.ones(args.photos, model.n_members)
    settings = {"lr": 3e-4, "batch": args.batch, "epochs": args.epochs, "seed": 0}
    seen = args.photos * args.epochs
    first = None
    print(f"{args.photos} photos of {model.size} px, {args.epochs} epochs, batch {args.batch}, "
          f"{os.cpu_count()} CPU cores, CUDA GPUs: {torch.cuda.device_count() if torch.cuda.is_available() else 0}")
    for run, n in enumerate(args.processes):
        torch.manual_seed(run)  # dropout draws: each run its own
        net = load_net(model)
        before = {k: v.detach().clone() for k, v in net.named_parameters()}
        t0 = time.perf_counter()
        start = [t0]
        if n == 1:
            fine_tune(net, images, y, w, **settings)
        else:
            Team(n).fine_tune(net, images, y, w, settings,
                              on_start=lambda start=start: start.__setitem__(0, time.perf_counter()))
        t1 = time.perf_counter()
        delta = torch.cat([(v.detach() - before[k]).flatten() for k, v in net.named_parameters() if v.requires_grad])
        if first is None:
            first = delta
        apart = float((delta - first).norm() / first.norm())
        print(f"{n} process(es), seed {run}: start {start[0] - t0:.1f} s, train {t1 - start[0]:.1f} s, "
              f"{seen / (t1 - start[0]):.1f} photos/s; its weight update differs from the first run's by "
              f"{apart:.1%} (L2, relative)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
