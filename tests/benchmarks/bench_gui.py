"""The review window on a big folder: time to the first product, memory, GUI-thread stalls.

    python tests/benchmarks/bench_gui.py [--products 5000]

Builds (once) a folder of N products from the shared ones (hard links, so no copies of the
photos), then, offscreen: chooses it, waits for the first product to be shown, steps through
200 products while thumbnails decode and the ensemble proposes in the background, and prints
the time to the first product, the longest time the GUI thread did not answer (a 5 ms timer
measures it), and the peak memory of the process.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def build(root: Path, n: int) -> Path:
    src = REPO.parent / "shared" / "datasets" / "products"
    pids = sorted(p.name for p in src.iterdir() if p.is_dir())
    if root.exists() and sum(1 for _ in root.iterdir()) == n:
        return root
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for i in range(n):
        pid = pids[i % len(pids)]
        new = f"{pid}{i // len(pids):02d}"
        (root / new).mkdir()
        for f in (src / pid).iterdir():
            name = f.name.replace(pid, new) if f.suffix == ".jpg" else f.name
            if f.suffix == ".json":
                (root / new / name).write_text(f.read_text(encoding="utf-8").replace(pid, new), encoding="utf-8")
            else:
                try:
                    os.link(f, root / new / name)
                except OSError:
                    shutil.copy(f, root / new / name)
    return root


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", type=int, default=5000)
    ap.add_argument("--root", default=str(REPO / "runs" / "bench-gui"))
    args = ap.parse_args()
    t = time.perf_counter()
    root = build(Path(args.root) / f"p{args.products}", args.products)
    print(f"folder of {args.products} products ready in {time.perf_counter() - t:.1f} s: {root}")

    work = Path(tempfile.mkdtemp(prefix="emit-bench-"))
    os.environ["EMIT_GUI_HOME"] = str(work)
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer

    from emit_gui.store import open_store
    from emit_gui.ui.app import ensure_app, setup_fonts
    from emit_gui.ui.main_window import MainWindow

    from emit_gui.memory import limit_malloc_arenas

    limit_malloc_arenas()  # as run_window does
    app = ensure_app()
    setup_fonts(app)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    w = MainWindow(open_store(work / "b.db"), profile="profile_zh.json",
                   settings=QSettings(str(work / "s.ini"), QSettings.Format.IniFormat))
    w.resize(1280, 820)
    w.show()
    app.processEvents()

    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)

    t0 = time.perf_counter()
    w.open_folder(str(root))
    while w.current_pid is None or w.photo_model.rowCount() == 0:
        app.processEvents()
    first = time.perf_counter() - t0
    print(f"first product shown after {first * 1000:.0f} ms ({w.product_model.rowCount()} products listed)")
    gaps.clear()
    last[0] = clock.elapsed()
    while w.session is None or w.session.index.workspace_id < 0:
        app.processEvents()
    t_index = time.perf_counter() - t0
    open_gaps = list(gaps)
    # scroll while proposals stream in: wait for the first ones (the proposer process starts,
    # scans the folder and loads the model first)
    t_wait = time.perf_counter()
    while not w.session.proposals and time.perf_counter() - t_wait < 120:
        app.processEvents()
    t_first_prop = time.perf_counter() - t0
    gaps.clear()
    last[0] = clock.elapsed()
    start = time.perf_counter()
    for _ in range(200):
        w.step_product(1)
        end = time.perf_counter() + 0.02
        while time.perf_counter() < end:
            app.processEvents()
    scrolled = time.perf_counter() - start
    worst = max(gaps) if gaps else 0
    n_prop = len(w.session.proposals)
    print(f"photos indexed (decisions available) after {t_index:.1f} s; longest GUI-thread stall while "
          f"opening and indexing {max(open_gaps) if open_gaps else 0:.0f} ms; first proposals after "
          f"{t_first_prop:.1f} s")
    print(f"stepped through 200 products in {scrolled:.1f} s while {n_prop} products got proposals; "
          f"longest GUI-thread stall while scrolling {worst:.0f} ms "
          f"(timer every 5 ms; p99 {sorted(gaps)[int(len(gaps) * 0.99)]:.0f} ms)")
    w.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of the window's process {peak:.0f} MB (Python, Qt and ONNX Runtime before opening: "
          f"{base_rss:.0f} MB); of the proposer process {child:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
