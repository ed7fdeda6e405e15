"""Time to retrain the default ensemble on 1,000 decisions on this machine.

    python tests/benchmarks/bench_retrain.py [--decisions 1000] [--base]

Records the shared products' Chinese labels as decisions (the first products in sorted
order until N photos), then runs ``emit-gui retrain`` (3 epochs) in a scratch home and
prints the wall time and the report. ``--base`` also mixes in the original training data.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--decisions", type=int, default=1000)
    ap.add_argument("--base", action="store_true")
    ap.add_argument("--products", default=str(REPO.parent / "shared" / "datasets" / "products"))
    args = ap.parse_args()
    from emit_gui.catalog import scan
    from emit_gui.store import CORRECTED, Store

    work = Path(tempfile.mkdtemp(prefix="emit-retrain-bench-"))
    db = work / "d.db"
    catalog = scan(args.products, "profile_zh.json")
    n = 0
    with Store(db) as store:
        ix = store.sync_workspace(catalog, hash_images=False)
        for p in catalog.products:
            if n >= args.decisions:
                break
            store.decide_many(ix.workspace_id, [(ix.image_id(p.pid, im.name), im.tag, CORRECTED) for im in p.images])
            n += len(p.images)
    cmd = [sys.executable, "-m", "emit_gui", "retrain", "--db", str(db)]
    if args.base:
        cmd += ["--base", args.products]
    env = {**os.environ, "EMIT_GUI_HOME": str(work / "home")}
    t = time.perf_counter()
    run = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO)
    dt = time.perf_counter() - t
    lines = [ln for ln in run.stdout.replace("\r", "\n").splitlines() if ln.strip() and "step" not in ln]
    print("\n".join(lines[-8:]))
    print(f"retrain on {n} decisions{' with base data' if args.base else ''}: {dt:.0f} s "
          f"({dt / 60:.1f} min) on {os.cpu_count()} CPU cores, exit {run.returncode}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
