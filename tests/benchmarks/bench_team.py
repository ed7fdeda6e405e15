"""Load on one team database: N labeler processes, each its own PostgreSQL role, taking products
("next product", a lease) and deciding their photos as fast as a fast labeler, for a while;
then some are SIGKILLed mid-work.

    python tests/benchmarks/bench_team.py [--labelers 20] [--seconds 120] [--kill 4]
        [--think 0.25] [--lease 15] [--products 3000] [--db postgresql://ADMIN@HOST:PORT/postgres]

The admin URL comes from --db, else $EMIT_GUI_TEST_PG, else a private cluster is started with
.ci/pg-cluster (port 55433). A scratch database and scratch roles are created and dropped.

Prints: decisions/s, p50/p99 latency of a decision (the labeler's call, lease heartbeat
included) and of "next product", double leases (two labelers holding one product at one moment:
must be 0), lost acknowledged decisions (must be 0), and for the killed labelers: how long
their products stayed out of reach (the lease expiry) and that other labelers finished them.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


# ---------------------------------------------------------------------------------- a labeler
def labeler(url: str, workspace_id: int, log_path: str, seconds: float, think: float, lease_s: float,
            seed: int) -> None:
    from sqlalchemy import select

    from emit_gui.store import CORRECTED, Store
    from emit_gui.store.schema import Decision, Image
    from emit_gui.team import LeaseLost, Team

    rng = random.Random(seed)
    store = Store(url)
    team = Team(store, workspace_id, lease_seconds=lease_s)
    log = open(log_path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - one line, one write; kept to the end
    deadline = time.time() + seconds
    n = 0
    while time.time() < deadline:
        t0 = time.perf_counter()
        lease = team.next_product()
        t_next = time.perf_counter() - t0
        if lease is None:
            time.sleep(0.2)
            continue
        log.write(f"LEASE {lease.item_id} {lease.pid} {time.time():.6f} {lease.expires_at.timestamp():.6f} {t_next:.6f}\n")
        with store._reader.connect() as conn:
            photos = list(conn.execute(
                select(Image.id).where(Image.product_id == lease.product_id)
                .where(~select(Decision.id).where(Decision.image_id == Image.id).exists())
                .order_by(Image.name)).scalars())
        lost = False
        for image_id in photos:
            time.sleep(think * rng.uniform(0.5, 1.5))
            n += 1
            tag = f"{team.me}#{n}"
            t0 = time.perf_counter()
            try:
                team.decide(lease, [(image_id, tag, CORRECTED)])
            except LeaseLost:
                lost = True
                break
            dt = time.perf_counter() - t0
            # acknowledged: the call returned, so the decision is committed
            now = time.time()
            expiry = team.expires[lease.item_id].timestamp()  # the server's, from the last renewal
            log.write(f"ACK {lease.item_id} {image_id} {tag} {dt:.6f} {expiry:.6f} {now:.6f}\n")
            if time.time() >= deadline:
                break
        log.write(f"REL {lease.item_id} {time.time():.6f} {'lost' if lost else 'done'}\n")
        if not lost:
            team.release(lease, done=time.time() < deadline)
    log.close()
    store.close()


# ---------------------------------------------------------------------------------- the bench
def admin_url(arg: str | None) -> str:
    if arg:
        return arg
    if os.environ.get("EMIT_GUI_TEST_PG"):
        return os.environ["EMIT_GUI_TEST_PG"]
    out = subprocess.run([str(REPO / ".ci" / "pg-cluster"), "start", "/tmp/emit-gui-bench-pg", "55433"],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


def make_folder(root: Path, n: int) -> None:
    from tests.faults import jpeg_bytes, write_product

    for i in range(n):
        write_product(root, f"p{i:05d}", ["红", "蓝", "绿"],
                      {f"p{i:05d}_{k}.jpg": jpeg_bytes((i % 250, k * 80, 40), size=(16, 16)) for k in range(3)})


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))] if xs else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labelers", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--kill", type=int, default=4, help="labelers SIGKILLed mid-work")
    ap.add_argument("--kill-at", type=float, default=0.5, help="when, as a share of --seconds")
    ap.add_argument("--think", type=float, default=0.25, help="mean seconds a labeler looks at a photo")
    ap.add_argument("--lease", type=float, default=15, help="lease expiry after the last heartbeat (s)")
    ap.add_argument("--products", type=int, default=3000)
    ap.add_argument("--db", help="admin URL of a PostgreSQL server (default $EMIT_GUI_TEST_PG)")
    ap.add_argument("--worker", nargs=6, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        url, ws, log, seconds, think, lease_s = args.worker
        labeler(url, int(ws), log, float(seconds), float(think), float(lease_s), seed=os.getpid())
        return 0

    import psycopg
    from sqlalchemy import select
    from sqlalchemy.engine import make_url

    from emit_gui.catalog import scan
    from emit_gui.store import Store
    from emit_gui.store.schema import Decision, WorkItem
    from emit_gui.team.roles import add_user, init_team_database

    admin = admin_url(args.db)
    tag = uuid.uuid4().hex[:6]
    dbname = f"emit_bench_{tag}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{dbname}"')
    lead_url = make_url(admin).set(database=dbname).render_as_string(hide_password=False)
    users = [f"bench_{tag}_l{k:02d}" for k in range(args.labelers)]
    tmp = Path(tempfile.mkdtemp(prefix="emit-bench-team-"))
    procs: list[subprocess.Popen] = []
    try:
        init_team_database(lead_url)
        for u in users:
            add_user(lead_url, u, "labeler")
        t0 = time.time()
        make_folder(tmp / "root", args.products)
        with psycopg.connect(admin) as conn:
            version = conn.info.server_version
        with Store(lead_url) as store:  # the lead opens the folder once
            ix = store.sync_workspace(scan(tmp / "root"))
        print(f"setup: {args.products} products, {len(ix.image_ids)} photos, {args.labelers} roles "
              f"({time.time() - t0:.1f} s); PostgreSQL {version // 10000}.{version % 100}")
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        logs = [tmp / f"{u}.log" for u in users]
        for u, log in zip(users, logs, strict=True):
            url = make_url(lead_url).set(username=u, password=None).render_as_string(hide_password=False)
            procs.append(subprocess.Popen(
                [sys.executable, __file__, "--worker", url, str(ix.workspace_id), str(log), str(args.seconds),
                 str(args.think), str(args.lease)], env=env, cwd=REPO))
        while not all(log.exists() for log in logs) and time.time() - t0 < 600:
            time.sleep(0.05)  # every labeler started (Python and emit-gui imported) and at work
        start = time.time()
        # SIGKILL some labelers mid-work: each just after it acknowledged a decision
        rng = random.Random(1)
        victims = rng.sample(range(args.labelers), min(args.kill, args.labelers))
        time.sleep(max(0.0, start + args.seconds * args.kill_at - time.time()))
        killed: dict[int, float] = {}
        for v in victims:
            size = logs[v].stat().st_size if logs[v].exists() else 0
            t_wait = time.time()
            while time.time() - t_wait < 10:
                if logs[v].exists() and logs[v].stat().st_size > size and \
                        logs[v].read_text().splitlines()[-1].startswith("ACK"):
                    break
                time.sleep(0.01)
            procs[v].send_signal(signal.SIGKILL)
            killed[v] = time.time()
        for p in procs:
            p.wait()

        # ---------------------------------------------------------------- figures
        acked: dict[int, str] = {}
        ack_times: list[float] = []
        lat: list[float] = []
        next_lat: list[float] = []
        intervals: dict[int, list[tuple[float, float, int]]] = defaultdict(list)  # item -> (from, to, who)
        killed_items: dict[int, tuple[int, float]] = {}  # item -> (victim, kill time)
        for k, log in enumerate(logs):
            if not log.exists():
                continue
            open_lease = None
            for line in log.read_text().splitlines():
                f = line.split()
                if not f:
                    continue
                if f[0] == "LEASE" and len(f) == 6:
                    open_lease = [int(f[1]), float(f[3]), float(f[4])]
                    next_lat.append(float(f[5]))
                elif f[0] == "ACK" and len(f) == 7:
                    acked[int(f[2])] = f[3]
                    ack_times.append(float(f[6]))
                    lat.append(float(f[4]))
                    if open_lease:
                        open_lease[2] = max(open_lease[2], float(f[5]))
                elif f[0] == "REL" and len(f) == 4 and open_lease:
                    intervals[open_lease[0]].append((open_lease[1], float(f[2]), k))
                    open_lease = None
            if open_lease:  # killed while holding it: held until the lease expired
                intervals[open_lease[0]].append((open_lease[1], open_lease[2], k))
                if k in killed:
                    killed_items[open_lease[0]] = (k, killed[k])
        double = 0
        for item, spans in intervals.items():
            spans.sort()
            for (a0, a1, ka), (b0, _b1, kb) in itertools.pairwise(spans):
                if ka != kb and b0 < a1:
                    double += 1
                    print(f"  double lease: item {item}: labeler {ka} {a0:.3f}-{a1:.3f}, labeler {kb} from {b0:.3f}")
        with Store(lead_url) as store, store._reader.connect() as conn:
            state = dict(conn.execute(select(Decision.image_id, Decision.tag)).all())
            holders = dict(conn.execute(select(WorkItem.id, WorkItem.done_by)).all())
        lost = sum(1 for image_id, t in acked.items() if state.get(image_id) != t)
        retaken = []
        for item, (victim, t_kill) in killed_items.items():
            later = [(s0, who) for s0, _s1, who in intervals[item] if who != victim and s0 > t_kill - 1]
            retaken.append((item, min(later)[0] - t_kill if later else None, holders.get(item)))
        print(f"labelers: {args.labelers} processes, one PostgreSQL role each, {args.seconds:.0f} s each "
              f"(think {args.think} s a photo, lease {args.lease} s)")
        span = (max(ack_times) - min(ack_times)) if len(ack_times) > 1 else float("nan")
        print(f"decisions acknowledged: {len(acked)} in {span:.0f} s = {len(acked) / span:.1f} decisions/s "
              f"(a labeler alone at this pace: {1 / (args.think + pct(lat, 0.5)):.1f}/s)")
        print(f"decision latency: p50 {1000 * pct(lat, 0.5):.1f} ms, p99 {1000 * pct(lat, 0.99):.1f} ms "
              f"(next product: p50 {1000 * pct(next_lat, 0.5):.1f} ms, p99 {1000 * pct(next_lat, 0.99):.1f} ms)")
        print(f"double leases: {double}")
        print(f"lost acknowledged decisions: {lost}")
        back = [r for r in retaken if r[1] is not None]
        print(f"killed: {len(killed)} labelers mid-work holding {len(killed_items)} products; "
              f"{len(back)} taken back by others after "
              + (", ".join(f"{r[1]:.1f}" for r in back) or "-") + " s; "
              f"{sum(1 for r in retaken if r[2])} of them finished since")
        return 0 if double == 0 and lost == 0 else 1
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
            for u in users:
                conn.execute(f'DROP ROLE IF EXISTS "{u}"')
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
