"""Data-parallel fine-tuning for a team's retraining: ``torch.distributed`` with DDP, over NCCL
when every process has a GPU, over gloo on CPUs (which is how the tests run it: 2 processes).

The training step is ``model.train.train_one_epoch``'s: every process draws the same sample
order and the same augmentation parameters for each global batch (one seeded generator),
takes its contiguous share of the batch, and scales its loss by the batch's global weight sum,
so that DDP's gradient average is the gradient of the whole batch: N processes with local batch
B/N take the steps one process takes with batch B (BatchNorm statistics of the trainable blocks
excepted: each process normalises its own share, as DDP does without SyncBatchNorm).

Rank 0 is the ``emit-gui retrain`` process itself: it reads the store, prepares the photos,
and only once there is something to learn it starts the group and sends the job (network shape,
photos, targets, settings; never pickled) to the other ranks. Those are either

* started here (:meth:`Leader.spawn`, ``emit-gui retrain --processes N``): child processes that
  die with rank 0 (``PR_SET_PDEATHSIG`` on Linux, a watch on the parent elsewhere) and ignore
  Ctrl-C (rank 0 ends them), or
* started by ``torchrun`` (:func:`torchrun_env`): every rank runs ``emit-gui retrain``; the
  ranks other than 0 go straight to :func:`receive` and wait there for rank 0 (rank 0 sends
  an empty job when it decides not to train, and they exit 0).

A rank that fails or is killed ends the others: rank 0's collective fails (gloo reports the
closed connection), it terminates the ranks it started and reports the failure; the model
is only written after training, by rank 0 alone.
"""

from __future__ import annotations

import inspect
import json
import math
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel

TIMEOUT = timedelta(minutes=10)  # a collective (or joining) waiting longer than this fails
TORCHRUN_WAIT = timedelta(hours=2)  # torchrun's other ranks wait this long for rank 0 to prepare
JOINED = "emit-gui/joined"


class RankFailed(RuntimeError):
    """Another rank of the group ended or failed."""


def pick_backend(world_size: int) -> str:
    return "nccl" if torch.cuda.is_available() and torch.cuda.device_count() >= world_size else "gloo"


def _device(backend: str, local_rank: int) -> torch.device:
    if backend == "nccl":
        torch.cuda.set_device(local_rank % torch.cuda.device_count())
        return torch.device("cuda", torch.cuda.current_device())
    return torch.device("cpu")


def torchrun_env() -> tuple[int, int] | None:
    """(rank, world size) when this process is one of several started by ``torchrun``."""
    env = os.environ
    if not all(k in env for k in ("RANK", "WORLD_SIZE", "MASTER_ADDR", "MASTER_PORT")):
        return None
    try:
        rank, world = int(env["RANK"]), int(env["WORLD_SIZE"])
    except ValueError:
        return None
    return (rank, world) if world > 1 and 0 <= rank < world else None


def init_from_env(timeout: timedelta = TIMEOUT) -> tuple[int, int, torch.device]:
    """Under torchrun: join the group; (rank, world size, device)."""
    rank, world = int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"])
    backend = pick_backend(world)
    dist.init_process_group(backend, rank=rank, world_size=world, timeout=timeout)
    return rank, world, _device(backend, int(os.environ.get("LOCAL_RANK", rank)))


class MemberLogits(nn.Module):
    """The ensemble's training forward (trunk features, then every member's logits) as one
    ``forward``, which is what DDP hooks into."""

    def __init__(self, net: nn.Module):
        super().__init__()
        self.net = net

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net.member_logits(self.net.features(x))


@dataclass
class Share:
    """What the step loop needs to train on this rank's share: the DDP-wrapped forward, the rank
    and the group size, and the device the batches go to."""

    model: DistributedDataParallel
    rank: int
    world: int
    device: torch.device

    def bounds(self, n: int) -> tuple[int, int]:
        """This rank's rows of a global batch of ``n``: contiguous, the first ranks one more
        where ``n`` does not divide; empty for the last ranks of a batch smaller than the group."""
        per = math.ceil(n / self.world)
        lo = min(self.rank * per, n)
        return lo, min(lo + per, n)


def wrap(net: nn.Module, device: torch.device) -> Share:
    """``net`` on ``device`` behind DDP (which copies rank 0's parameters and buffers to every
    rank on the way in). Its trainable parameters must be chosen before (DDP waits for a
    gradient of each); it is channels-last while it trains, as the step loop's batches are
    (:func:`unwrap` puts it back)."""
    net.to(device=device, memory_format=torch.channels_last)
    ids = [device.index] if device.type == "cuda" else None
    # every forward starts from rank 0's buffers (BatchNorm running statistics): the ranks stay equal
    sync = ({"forward_sync_buffers": True} if "forward_sync_buffers" in inspect.signature(DistributedDataParallel).parameters
            else {"broadcast_buffers": True})
    model = DistributedDataParallel(MemberLogits(net), device_ids=ids, **sync)
    return Share(model, dist.get_rank(), dist.get_world_size(), device)


def unwrap(net: nn.Module) -> nn.Module:
    """The trained network back on the CPU, in the memory layout it is saved in."""
    return net.to(device="cpu", memory_format=torch.contiguous_format)


# ------------------------------------------------------------------ the job, sent without pickle
_DTYPES = {"uint8": torch.uint8, "float32": torch.float32, "int64": torch.int64}


def _bcast_bytes(data: bytes | None, device: torch.device) -> bytes:
    n = torch.tensor([len(data) if data is not None else 0], dtype=torch.int64, device=device)
    dist.broadcast(n, 0)
    buf = (torch.frombuffer(bytearray(data), dtype=torch.uint8).to(device) if data is not None
           else torch.empty(int(n.item()), dtype=torch.uint8, device=device))
    dist.broadcast(buf, 0)
    return bytes(buf.cpu().numpy().tobytes())


def send(job: dict | None, tensors: list[torch.Tensor], device: torch.device) -> list[torch.Tensor]:
    """Rank 0: the job (JSON) and its tensors to every rank; returns the tensors on ``device``."""
    header = {"job": job, "tensors": [[list(t.shape), str(t.dtype).removeprefix("torch.")] for t in tensors]}
    _bcast_bytes(json.dumps(header).encode(), device)
    out = []
    for t in tensors:
        t = t.contiguous().to(device)
        dist.broadcast(t, 0)
        out.append(t)
    return out


def receive(device: torch.device) -> tuple[dict | None, list[torch.Tensor]]:
    """The other ranks: the job rank 0 sends (None: nothing to train) and its tensors."""
    header = json.loads(_bcast_bytes(None, device).decode())
    out = []
    for shape, dtype in header["tensors"]:
        t = torch.empty(shape, dtype=_DTYPES[dtype], device=device)
        dist.broadcast(t, 0)
        out.append(t)
    return header["job"], out


# ------------------------------------------------------------------ rank 0 and the ranks it starts
class Leader:
    """Rank 0's side of the group: the ranks it started (none under torchrun) and the device."""

    def __init__(self, world: int, device: torch.device, backend: str, procs: list | None = None):
        self.world, self.device, self.backend = world, device, backend
        self.procs = procs if procs is not None else []

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.procs]

    @classmethod
    def from_torchrun(cls) -> Leader:
        _rank, world, device = init_from_env(TORCHRUN_WAIT)
        return cls(world, device, dist.get_backend())

    @classmethod
    def spawn(cls, world: int, target: Callable, *, backend: str | None = None, threads: int = 0) -> Leader:
        """Start ranks 1..world-1 as child processes running ``target(rank, world, device)`` (a
        module-level function) and join them in one group; this process is rank 0."""
        import torch.multiprocessing as mp

        backend = backend or pick_backend(world)
        store = dist.TCPStore("127.0.0.1", 0, world, is_master=True, timeout=TIMEOUT, wait_for_workers=False)
        ctx = mp.get_context("spawn")
        procs = []
        leader = cls(world, torch.device("cpu"), backend, procs)
        try:
            for rank in range(1, world):
                p = ctx.Process(target=_follower, args=(rank, world, store.port, backend, threads, os.getpid(), target),
                                daemon=True, name=f"emit-gui-rank{rank}")
                p.start()
                procs.append(p)
            deadline = time.monotonic() + TIMEOUT.total_seconds()
            while store.add(JOINED, 0) < world - 1:  # every rank is up before this one blocks in joining
                leader.check()
                if time.monotonic() > deadline:
                    raise RankFailed(f"the training processes did not start within {TIMEOUT.total_seconds():.0f} s")
                time.sleep(0.05)
            dist.init_process_group(backend, store=store, rank=0, world_size=world, timeout=TIMEOUT)
            leader.device = _device(backend, 0)
        except BaseException:
            leader.close(ok=False)
            raise
        leader._store = store  # kept alive as long as the group
        return leader

    def check(self) -> None:
        """Raise if a started rank has ended."""
        for p in self.procs:
            if p.exitcode is not None:
                raise RankFailed(f"training process {p.name.removeprefix('emit-gui-rank')} ended "
                                 f"({_how(p.exitcode)})")

    def failed_rank(self, wait: float = 0) -> str | None:
        """Which started rank has ended and how, if one has within ``wait`` seconds (to say why
        a collective failed: the closed connection can come before the process is gone)."""
        deadline = time.monotonic() + wait
        while not any(p.exitcode is not None for p in self.procs) and time.monotonic() < deadline:
            time.sleep(0.05)
        for p in self.procs:
            if p.exitcode not in (None, 0):
                return f"training process {p.name.removeprefix('emit-gui-rank')} ended ({_how(p.exitcode)})"
        return None

    def close(self, ok: bool) -> None:
        """Leave the group. On failure the started ranks are ended first (none waits for a
        collective that will never come); nothing started here is left running."""
        if not ok:
            for p in self.procs:
                if p.exitcode is None:
                    p.terminate()
        if dist.is_initialized():
            try:
                dist.destroy_process_group()
            except Exception:  # noqa: BLE001, S110 - a group broken by a dead rank: leaving it is all that is left
                pass
        for p in self.procs:
            p.join(timeout=30 if ok else 5)
            if p.exitcode is None:
                p.kill()
                p.join(timeout=5)


def _how(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


def _die_with_parent(parent: int) -> None:
    """This process ends when rank 0 does, however rank 0 ends (SIGKILL included)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it ended before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _follower(rank: int, world: int, port: int, backend: str, threads: int, parent: int, target: Callable) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole terminal group: rank 0 ends us
    sys.stdout = sys.stderr  # rank 0's stdout may carry only its typed lines (--json, --progress-json)
    _die_with_parent(parent)
    if threads:
        torch.set_num_threads(threads)
    store = dist.TCPStore("127.0.0.1", port, world, is_master=False, timeout=TIMEOUT)
    store.add(JOINED, 1)
    dist.init_process_group(backend, store=store, rank=rank, world_size=world, timeout=TIMEOUT)
    try:
        target(rank, world, _device(backend, rank))
    except Exception as exc:  # noqa: BLE001 - one line, then a non-zero exit that rank 0 reports
        print(f"emit-gui: training process {rank}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}",
              file=sys.stderr, flush=True)
        os._exit(1)
    finally:
        if dist.is_initialized():
            dist.destroy_process_group()
