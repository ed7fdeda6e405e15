from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")

from emit_gui.catalog import scan  # noqa: E402
from emit_gui.inference.engine import Engine  # noqa: E402
from emit_gui.inference.model_dir import load_model_dir  # noqa: E402
from emit_gui.inference.pipeline import run_images  # noqa: E402
from emit_gui.inference.scoring import member_costs, member_targets  # noqa: E402
from emit_gui.store import CORRECTED, Store  # noqa: E402
from tests.conftest import REPO, shared_products  # noqa: E402


def cli(*args, env=None, timeout=900):
    return subprocess.run([sys.executable, "-m", "emit_gui", *args], capture_output=True, text=True, cwd=REPO,
                          env=env, timeout=timeout)


@pytest.fixture(scope="module")
def base_model(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("retrain") / "base"
    run = cli("train", str(shared_products()), "--out", str(out), "--quick", "--limit", "150", "--epochs", "4")
    assert run.returncode == 0, run.stdout + run.stderr
    return out


def renamed_slice(root: Path, start: int, count: int) -> list[str]:
    """Shared products (outside the model's training slice) that sell a 'Black' option, with
    'Black' renamed to 'Onyx', a word the model has never seen."""
    src = shared_products()
    pids = []
    for pid in sorted(p.name for p in src.iterdir() if p.is_dir())[start:]:
        prof = json.loads((src / pid / "profile.json").read_text())
        if "Black" not in prof["optional_tags"]:
            continue
        shutil.copytree(src / pid, root / pid)
        text = json.dumps(prof).replace('"Black"', '"Onyx"')
        (root / pid / "profile.json").write_text(text)
        pids.append(pid)
        if len(pids) == count:
            break
    return pids


def record(db: Path, root: Path, pids: list[str], wrong: bool = False) -> int:
    with Store(db) as store:
        catalog = scan(root)
        ix = store.sync_workspace(catalog)
        n = 0
        for p in catalog.products:
            if p.pid not in pids:
                continue
            items = []
            for im in p.images:
                tag = im.tag
                if wrong:  # a systematic mistake: every photo gets the next option
                    tag = p.optional_tags[(p.optional_tags.index(tag) + 1) % len(p.optional_tags)]
                items.append((ix.image_id(p.pid, im.name), tag, CORRECTED))
            store.decide_many(ix.workspace_id, items)
            n += len(items)
        return n


def onyx_recall(model_dir: Path, root: Path, pids: list[str]) -> float:
    """Share of Onyx photos whose own best tag (argmin, no elimination) is Onyx."""
    model = load_model_dir(model_dir)
    engine = Engine(model, provider="cpu")
    hits = total = 0
    for p in scan(root).products:
        if p.pid not in pids:
            continue
        probs = [pr for _i, pr, _ in run_images(engine, [im.path for im in p.images])]
        costs = member_costs(np.stack(probs), member_targets(model.vocab, model.masks, p.optional_tags))
        best = costs.mean(axis=0).argmin(axis=1)
        for im, j in zip(p.images, best, strict=True):
            if im.tag == "Onyx":
                total += 1
                hits += p.optional_tags[j] == "Onyx"
    return hits / max(total, 1)


def home_env(tmp_path: Path) -> dict:
    return {**os.environ, "EMIT_GUI_HOME": str(tmp_path / "home")}


def test_retrain_learns_a_new_tag_word_and_promotes(base_model, tmp_path):
    root = tmp_path / "onyx"
    root.mkdir()
    pids = renamed_slice(root, 200, 40)
    taught, held = pids[:28], pids[28:]
    db = tmp_path / "d.db"
    assert record(db, root, taught) >= 20
    env = home_env(tmp_path)
    before = onyx_recall(base_model, root, held)
    run = cli("retrain", "--db", str(db), "--model", str(base_model), "--epochs", "6", "--lr", "1e-3", env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "onyx" in run.stdout and "now active" in run.stdout
    listing = cli("models", env=env)
    active = [line for line in listing.stdout.splitlines() if line.startswith("*")]
    assert active and active[0].split()[1].startswith("v001")
    new_dir = tmp_path / "home" / "data" / "models" / active[0].split()[1]
    after = onyx_recall(new_dir, root, held)
    print(f"Onyx recall on held-out products: before {before:.2f}, after {after:.2f}")
    assert before < 0.2 and after >= 0.6
    assert cli("models", "use", "default", env=env).returncode == 0
    assert "* default" in cli("models", env=env).stdout


def test_retrain_on_harmful_corrections_is_refused(base_model, tmp_path):
    root = tmp_path / "bad"
    root.mkdir()
    pids = renamed_slice(root, 200, 30)
    db = tmp_path / "d.db"
    record(db, root, pids, wrong=True)
    env = home_env(tmp_path)
    run = cli("retrain", "--db", str(db), "--model", str(base_model), "--base", str(shared_products()),
              "--epochs", "6", "--lr", "1e-3", env=env)
    assert run.returncode == 3, run.stdout + run.stderr
    assert "refused" in run.stdout
    assert "* default" in cli("models", env=env).stdout


def test_too_few_corrections_is_a_clear_message(base_model, tmp_path):
    root = tmp_path / "few"
    root.mkdir()
    pids = renamed_slice(root, 200, 3)
    db = tmp_path / "d.db"
    record(db, root, pids)
    run = cli("retrain", "--db", str(db), "--model", str(base_model), env=home_env(tmp_path))
    assert run.returncode == 2 and "at least 20" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("point", ["before-write", "before-switch"])
def test_kill_during_promotion_keeps_the_previous_model(base_model, tmp_path, point):
    root = tmp_path / "onyx"
    root.mkdir()
    pids = renamed_slice(root, 200, 12)
    db = tmp_path / "d.db"
    record(db, root, pids)
    env = {**home_env(tmp_path), "EMIT_GUI_TEST_PAUSE": point}
    proc = subprocess.Popen([sys.executable, "-m", "emit_gui", "retrain", "--db", str(db), "--model", str(base_model),
                             "--epochs", "1", "--force"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, cwd=REPO, env=env)
    seen = ""
    for line in proc.stdout:
        seen += line
        if line.startswith("PAUSED"):
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert "PAUSED" in seen, seen
    listing = cli("models", env=home_env(tmp_path))
    assert "* default" in listing.stdout and "BROKEN" not in listing.stdout
    from emit_gui import registry

    os.environ["EMIT_GUI_HOME"] = str(tmp_path / "home")
    assert registry.active_version() == "default"
    load_model_dir(registry.active_path())  # loads and verifies every checksum
