"""Data-parallel retraining on CPUs (gloo, 2 processes), as CI runs it.

- the step loop of ``model.train`` in 2 processes, each with half of every batch, takes the
  steps 1 process takes with the whole batch (same weights after a few steps);
- ``emit-gui retrain --processes 2`` ends in a report of the same shape as 1 process;
- a killed rank ends the others: nothing left running, no new model version.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

from torch import nn  # noqa: E402

from model import distributed  # noqa: E402
from model.train import train_one_epoch  # noqa: E402
from tests.conftest import REPO, shared_products  # noqa: E402


# ------------------------------------------------------------------ (a) the step loop, 2 ranks = 1
class TinyTrunk(nn.Module):
    name = "tiny"  # nothing frozen, no BatchNorm: the processes' steps can match exactly

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 6, 3, stride=2)


class NothingFrozen:
    """The backbone-registry interface the step loop uses (model/backbones.py): no module frozen."""

    def frozen_modules(self, trunk):
        return []

    def freeze(self, trunk):
        return None


class TinyEnsemble(nn.Module):
    """The calls the step loop makes on the ensemble, on a small network of uint8 photos."""

    def __init__(self, members: int = 3, labels: int = 5):
        super().__init__()
        self.members, self.labels = members, labels
        self.trunk = TinyTrunk()
        self.backbone = NothingFrozen()
        self.heads = nn.Linear(6, members * labels)

    def features(self, x):
        return torch.tanh(self.trunk.conv(x / 128.0 - 1.0)).mean(dim=(2, 3))

    def member_logits(self, f):
        return self.heads(f).view(-1, self.members, self.labels)


N, BATCH, EPOCHS, SEED, LR = 33, 16, 3, 7, 0.5  # batches of 16, 16 and 1: the last one leaves rank 1 nothing


def data():
    gen = torch.Generator().manual_seed(5)
    x = (torch.rand(N, 3, 12, 12, generator=gen) * 255).to(torch.uint8)
    y = torch.softmax(torch.randn(N, 3, 5, generator=gen) * 3, dim=-1)
    w = (torch.rand(N, 3, generator=gen) < 0.7).float()  # members skip some photos, as in training
    w[:, 0] = 1
    return x, y, w


def train(net, x, y, w, share=None) -> list[float]:
    opt = torch.optim.SGD(net.parameters(), lr=LR)  # plain SGD: a wrongly scaled gradient shows
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 1.0)
    gen = torch.Generator().manual_seed(SEED)
    return [train_one_epoch(net, opt, sched, x, y, w, BATCH, gen, e, EPOCHS, share=share) for e in range(EPOCHS)]


def _rank(rank: int, world: int, device) -> None:
    job, (x, y, w) = distributed.receive(device)
    net = TinyEnsemble()
    share = distributed.wrap(net, device)
    train(net, x, y, w, share)
    torch.save(net.state_dict(), Path(job["out"]) / f"rank{rank}.pt")


@pytest.mark.slow  # a second process that imports torch: about 15 s on 2 busy cores
def test_two_gloo_processes_take_the_steps_of_one(tmp_path):
    torch.manual_seed(0)
    start = TinyEnsemble().state_dict()
    x, y, w = data()

    one = TinyEnsemble()
    one.load_state_dict(start)
    train(one, x, y, w)

    two = TinyEnsemble()
    two.load_state_dict(start)
    leader = distributed.Leader.spawn(2, _rank, backend="gloo", threads=1)
    try:
        xs, ys, ws = distributed.send({"out": str(tmp_path)}, [x, y, w], leader.device)
        train(two, xs, ys, ws, distributed.wrap(two, leader.device))
    finally:
        leader.close(ok=True)
    assert [p.exitcode for p in leader.procs] == [0]
    other = torch.load(tmp_path / "rank1.pt", weights_only=True)
    for k, v in one.state_dict().items():
        got = two.state_dict()[k]
        assert torch.equal(got, other[k]), f"{k}: the two processes drifted apart"
        assert not torch.allclose(v, start[k], atol=1e-3), f"{k}: did not train"
        assert torch.allclose(got, v, atol=1e-5), f"{k}: 2 processes did not take the steps of 1 " \
                                                 f"(max diff {(got - v).abs().max():.2e})"


def test_shares_cover_every_batch_once():
    for n, world in [(16, 2), (5, 2), (1, 2), (37, 3), (2, 4)]:
        shares = [distributed.Share(None, r, world, torch.device("cpu")).bounds(n) for r in range(world)]
        rows = [i for lo, hi in shares for i in range(lo, hi)]
        assert rows == list(range(n)), (n, world, shares)
        assert shares[0][1] > shares[0][0]  # rank 0 always has a share


# ------------------------------------------------------------------ (b), (c) emit-gui retrain --processes 2
def cli(*args, env, timeout=600):
    return subprocess.run([sys.executable, "-m", "emit_gui", *args], check=False, capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=timeout)


@pytest.fixture(scope="module")
def decisions(tmp_path_factory):
    """A store of decisions on 16 shared products (about 50 usable), and an empty base folder:
    judged on the held-out decisions only, which is what makes it quick."""
    import shutil

    from emit_gui.catalog import scan
    from emit_gui.store import CORRECTED, Store

    src = shared_products()
    tmp = tmp_path_factory.mktemp("ddp")
    root, base = tmp / "photos", tmp / "base"
    root.mkdir()
    base.mkdir()
    for pid in sorted(p.name for p in src.iterdir() if p.is_dir())[400:416]:
        shutil.copytree(src / pid, root / pid)
    db = tmp / "d.db"
    with Store(db) as store:
        catalog = scan(root)
        ix = store.sync_workspace(catalog)
        items = [(ix.image_id(p.pid, im.name), im.tag, CORRECTED) for p in catalog.products for im in p.images]
        store.decide_many(ix.workspace_id, items)
    return db, base


def retrain_args(db, base, tmp_path, *more):
    return ["retrain", "--db", str(db), "--base", str(base), "--epochs", "1", "--force", "--no-promote",
            "--report", str(tmp_path / "report.json"), *more]


def env_for(tmp_path, name):
    return {**os.environ, "EMIT_GUI_HOME": str(tmp_path / name), "OMP_NUM_THREADS": "1"}


def shape(value):
    """The report's keys and kinds, not its figures."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return "list"
    return type(value).__name__ if value is not None else None


def versions(home: Path) -> list[str]:
    folder = home / "data" / "models"
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


@pytest.mark.slow  # two retrains (1 and 2 processes) on 50 decisions: about a minute on 2 busy cores
def test_retrain_in_two_processes_reports_as_one(decisions, tmp_path):
    db, base = decisions
    reports = {}
    for n in (1, 2):
        (tmp_path / str(n)).mkdir()
        run = cli(*retrain_args(db, base, tmp_path / str(n), "--processes", str(n), "--progress-json"),
                  env=env_for(tmp_path, f"home{n}"))
        assert run.returncode == 0, run.stdout + run.stderr
        assert "Traceback" not in run.stderr
        events = [json.loads(line) for line in run.stdout.splitlines()]  # stdout: typed lines only, from rank 0
        learn = [e for e in events if e.get("stage") == "learn"]
        assert learn and learn[-1]["done"] == learn[-1]["total"] > 0
        assert events[-1]["event"] == "done" and events[-1]["decision"] == "needs_confirmation"
        reports[n] = json.loads((tmp_path / str(n) / "report.json").read_text())
        assert versions(tmp_path / f"home{n}") == [reports[n]["version"]]  # rank 0 alone wrote one version
    assert "training in 2 processes (gloo" in run.stderr
    one, two = reports[1], reports[2]
    assert shape(one) == shape(two)
    assert one["trained_on"]["processes"] == 1 and two["trained_on"]["processes"] == 2
    for k in ("decisions", "held_out", "trained_on", "new_labels"):
        if k != "trained_on":
            assert one[k] == two[k], k
    assert one["sets"]["held_out"]["photos"] == two["sets"]["held_out"]["photos"] > 0


@pytest.mark.slow  # torchrun's agent and two ranks: about 25 s on 2 busy cores
def test_retrain_under_torchrun(decisions, tmp_path):
    """``torchrun --nproc-per-node 2 -m emit_gui retrain``: the ranks join from torchrun's
    environment; rank 0 alone prints the report and writes the one new version."""
    db, base = decisions
    run = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2",
                          "-m", "emit_gui", *retrain_args(db, base, tmp_path, "--json")], check=False,
                         capture_output=True, text=True, cwd=REPO, env=env_for(tmp_path, "home"), timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "training in 2 processes (gloo, torchrun)" in run.stderr
    report = json.loads(run.stdout.strip().splitlines()[-1])  # one report, from rank 0
    assert [line for line in run.stdout.splitlines() if line.startswith("{")] == [run.stdout.strip().splitlines()[-1]]
    assert report["decision"] == "needs_confirmation" and report["trained_on"]["processes"] == 2
    assert versions(tmp_path / "home") == [report["version"]]


def children(pid: int) -> set[int]:
    out = set()
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(d.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("victim", ["other rank", "rank 0"])
def test_a_killed_rank_ends_every_rank_and_writes_nothing(decisions, tmp_path, victim):
    """SIGKILL to rank 1 mid-training: rank 0 reports the failure (one line, no traceback) and
    ends. SIGTERM to rank 0 (how the window cancels): rank 1 dies with it. Either way no
    process is left and no model version appears."""
    db, base = decisions
    env = env_for(tmp_path, "home")
    proc = subprocess.Popen([sys.executable, "-m", "emit_gui", *retrain_args(db, base, tmp_path, "--processes", "2",
                                                                             "--progress-json", "--epochs", "30")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=env)
    try:
        for line in proc.stdout:  # wait until training runs
            if json.loads(line).get("stage") == "learn":  # the group is up and training
                break
        spawned = children(proc.pid)
        assert spawned, "no training process was started"
        if victim == "rank 0":
            proc.send_signal(signal.SIGTERM)
        else:
            ranks = [p for p in spawned if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]
            assert len(ranks) == 1, spawned  # rank 1 (beside it, maybe multiprocessing's resource tracker)
            os.kill(ranks[0], signal.SIGKILL)
        rest, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    deadline = time.monotonic() + 20
    while any(alive(p) for p in spawned) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in spawned if alive(p)], "a training process was left running"
    assert proc.returncode != 0
    assert versions(tmp_path / "home") == []  # nothing written, staged or half-written
    if victim == "other rank":
        assert "Traceback" not in err
        assert "training process 1 ended (killed by SIGKILL)" in err, err
        report = json.loads((tmp_path / "report.json").read_text())
        assert report["decision"] == "failed" and report["version"] is None
        assert json.loads(rest.splitlines()[-1])["decision"] == "failed"
