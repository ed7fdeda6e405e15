"""Data-parallel training for a team's retraining: ``torch.distributed`` with DDP, over NCCL
when every process has a GPU, over gloo on CPUs (which is how the tests run it: 2 processes).

The training step is the one ``model.train`` uses (member logits, weighted cross-entropy): each
process takes its share of every global batch, DDP averages the gradients, so N processes with
local batch B/N take the same steps as one process with batch B. Started either by ``torchrun``
(it sets RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT, LOCAL_RANK; :func:`init_from_env`) or in
process by :func:`launch` (``torch.multiprocessing`` with a free local port).

Not wired into ``emit-gui retrain`` yet: retrain would call :func:`launch` with
``world_size = torch.cuda.device_count()`` when that is more than 1.
"""

from __future__ import annotations

import math
import os
import socket
from collections.abc import Callable

import torch
import torch.distributed as dist
from torch import nn
from torch.nn import functional as F
from torch.nn.parallel import DistributedDataParallel


def pick_backend(world_size: int) -> str:
    return "nccl" if torch.cuda.is_available() and torch.cuda.device_count() >= world_size else "gloo"


def init(rank: int, world_size: int, *, addr: str = "127.0.0.1", port: int | None = None,
         backend: str | None = None) -> torch.device:
    """Join the process group; returns this process's device."""
    backend = backend or pick_backend(world_size)
    if port is not None:
        os.environ["MASTER_ADDR"], os.environ["MASTER_PORT"] = addr, str(port)
    dist.init_process_group(backend, rank=rank, world_size=world_size)
    if backend == "nccl":
        torch.cuda.set_device(rank % torch.cuda.device_count())
        return torch.device("cuda", torch.cuda.current_device())
    return torch.device("cpu")


def init_from_env() -> tuple[int, int, torch.device]:
    """Under torchrun: (rank, world size, device)."""
    rank, world = int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"])
    return rank, world, init(rank, world)


class MemberLogits(nn.Module):
    """The ensemble's training forward (trunk features, then every member's logits) as one
    ``forward``, which is what DDP hooks into."""

    def __init__(self, net: nn.Module):
        super().__init__()
        self.net = net

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net.member_logits(self.net.features(x))


def global_order(n: int, epoch: int, seed: int) -> torch.Tensor:
    """The epoch's sample order, the same in every process."""
    gen = torch.Generator().manual_seed(seed * 1_000_003 + epoch)
    return torch.randperm(n, generator=gen)


def local_batches(order: torch.Tensor, batch: int, rank: int, world: int) -> list[torch.Tensor]:
    """This process's share of each global batch of ``batch`` samples. Every process gets the
    same number of steps (DDP needs it); a share never is empty (the last batch is topped up
    from the start of the order)."""
    steps = math.ceil(len(order) / batch)
    out = []
    for step in range(steps):
        idx = order[step * batch:(step + 1) * batch]
        if len(idx) < world:
            idx = torch.cat([idx, order[: world - len(idx)]])
        per = math.ceil(len(idx) / world)
        mine = idx[rank * per:(rank + 1) * per]
        if len(mine) == 0:
            mine = idx[-1:]
        out.append(mine)
    return out


def weighted_ce(logits: torch.Tensor, targets: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
    """``model.train``'s member loss: per member, the weighted mean cross-entropy; summed."""
    logp = F.log_softmax(logits, dim=-1)
    ce = -(targets * logp).sum(-1)  # (B, M)
    return (ce * weights).sum(0).div(weights.sum(0).clamp(min=1)).sum()


def train_epoch(model: DistributedDataParallel, opt: torch.optim.Optimizer, images: torch.Tensor,
                targets: torch.Tensor, weights: torch.Tensor, *, batch: int, epoch: int, seed: int,
                augment: Callable[[torch.Tensor], torch.Tensor] | None = None,
                sched=None) -> float:
    """One epoch on this process's shares; returns its mean loss."""
    rank, world = dist.get_rank(), dist.get_world_size()
    device = next(model.parameters()).device
    total, seen = 0.0, 0
    for idx in local_batches(global_order(images.shape[0], epoch, seed), batch, rank, world):
        x = images[idx].float().to(device)
        if augment is not None:
            x = augment(x)
        loss = weighted_ce(model(x), targets[idx].to(device), weights[idx].to(device))
        opt.zero_grad(set_to_none=True)
        loss.backward()  # DDP all-reduces (averages) the gradients here
        opt.step()
        if sched is not None:
            sched.step()
        total += float(loss.detach()) * len(idx)
        seen += len(idx)
    return total / max(seen, 1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _entry(rank: int, world: int, port: int, fn: Callable, args: tuple, backend: str | None) -> None:
    device = init(rank, world, port=port, backend=backend)
    try:
        fn(rank, world, device, *args)
    finally:
        dist.destroy_process_group()


def launch(fn: Callable, world_size: int, *args, backend: str | None = None) -> None:
    """Run ``fn(rank, world_size, device, *args)`` in ``world_size`` processes joined in one
    group (``fn`` must be importable: a module-level function)."""
    import torch.multiprocessing as mp

    mp.spawn(_entry, args=(world_size, free_port(), fn, args, backend), nprocs=world_size, join=True)
