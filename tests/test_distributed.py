"""Data-parallel retraining's core on CPUs: 2 processes over gloo take the same steps as one
process with the whole batch, and end with identical weights."""

from __future__ import annotations

from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

from torch import nn

from model import distributed


class TinyEnsemble(nn.Module):
    """The two calls the training step makes on the real ensemble, on a small network."""

    def __init__(self, members: int = 3, labels: int = 5):
        super().__init__()
        self.members, self.labels = members, labels
        self.trunk = nn.Linear(6, 8)
        self.heads = nn.Linear(8, members * labels)

    def features(self, x):
        return torch.tanh(self.trunk(x))

    def member_logits(self, f):
        return self.heads(f).view(-1, self.members, self.labels)


def data():
    gen = torch.Generator().manual_seed(5)
    x = torch.randn(40, 6, generator=gen)
    y = torch.softmax(torch.randn(40, 3, 5, generator=gen) * 3, dim=-1)
    w = torch.ones(40, 3)
    return x, y, w


def _train(rank: int, world: int, device, out: str, start: dict) -> None:
    torch.set_num_threads(1)
    net = TinyEnsemble()
    net.load_state_dict(start)
    model = nn.parallel.DistributedDataParallel(distributed.MemberLogits(net))
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    x, y, w = data()
    losses = [distributed.train_epoch(model, opt, x, y, w, batch=16, epoch=e, seed=3) for e in range(3)]
    torch.save({"state": net.state_dict(), "losses": torch.tensor(losses)}, Path(out) / f"w{world}-r{rank}.pt")


@pytest.mark.slow  # two processes that each import torch: a minute on 2 busy cores
def test_two_gloo_processes_match_one(tmp_path):
    torch.manual_seed(0)
    start = TinyEnsemble().state_dict()
    distributed.launch(_train, 2, str(tmp_path), start, backend="gloo")
    # the same epochs in this process, whole batches, no process group
    net = TinyEnsemble()
    net.load_state_dict(start)
    model = distributed.MemberLogits(net)
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    x, y, w = data()
    losses = []
    for epoch in range(3):
        total = 0.0
        for idx in distributed.local_batches(distributed.global_order(40, epoch, 3), 16, 0, 1):
            loss = distributed.weighted_ce(model(x[idx]), y[idx], w[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        losses.append(total / 40)
    one = {"state": net.state_dict(), "losses": torch.tensor(losses)}
    r0 = torch.load(tmp_path / "w2-r0.pt", weights_only=True)
    r1 = torch.load(tmp_path / "w2-r1.pt", weights_only=True)
    for k, v in one["state"].items():
        assert torch.equal(r0["state"][k], r1["state"][k]), f"{k}: the two processes drifted apart"
        assert torch.allclose(r0["state"][k], v, atol=1e-5), f"{k}: 2 processes did not take the same steps as 1"
        assert not torch.equal(v, start[k]), f"{k}: did not train"
    assert one["losses"][-1] < one["losses"][0]


def test_every_process_gets_a_share_of_every_batch():
    order = torch.arange(37)
    shares = [distributed.local_batches(order, 16, r, 3) for r in range(3)]
    assert len({len(s) for s in shares}) == 1  # the same number of steps everywhere
    for step in range(len(shares[0])):
        got = torch.cat([s[step] for s in shares])
        want = order[step * 16:(step + 1) * 16]
        assert set(want.tolist()) <= set(got.tolist())
