"""What the window's look at "which products are blind to me" costs on a team database: the
store worker asks it every 2 s, and with every batch of others' changes.

    python tests/benchmarks/bench_blind.py [--products 5000] [--photos 4] [--share 0.1] [--decided 0.6]
        [--db postgresql://ADMIN@HOST:PORT/postgres]

A scratch database (dropped at the end) on --db or $EMIT_GUI_TEST_PG gets a workspace of
``--products`` products with ``--photos`` photos each, the double share's work items, and
decisions by other labelers on a share of the products (half of them with their first round
finished, some held now). Prints the median and p95 of ``Team.blind_for_me()`` and how many
products it found blind.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", type=int, default=5000)
    ap.add_argument("--photos", type=int, default=4)
    ap.add_argument("--share", type=float, default=0.1)
    ap.add_argument("--decided", type=float, default=0.6)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--db", default=os.environ.get("EMIT_GUI_TEST_PG"))
    args = ap.parse_args()
    if not args.db:
        print("no PostgreSQL: pass --db or set EMIT_GUI_TEST_PG (.ci/pg-cluster start prints one)", file=sys.stderr)
        return 2
    import psycopg
    from sqlalchemy import insert, select
    from sqlalchemy.engine import make_url

    from emit_gui.store import Store
    from emit_gui.store.db import upgrade_database
    from emit_gui.store.schema import Decision, Image, Product, WorkItem, Workspace, utcnow
    from emit_gui.team.work import Team

    name = f"emit_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(args.db, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = make_url(args.db).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade_database(url)
        store = Store(url)
        with store._writer.begin() as conn:
            ws = conn.execute(insert(Workspace).values(root="/bench", profile_name="profile.json")
                              .returning(Workspace.id)).scalar()
            pids = [f"{i:08d}" for i in range(args.products)]
            conn.execute(insert(Product), [{"workspace_id": ws, "pid": p} for p in pids])
            ids = dict(conn.execute(select(Product.pid, Product.id).where(Product.workspace_id == ws)).all())
            conn.execute(insert(Image), [{"product_id": ids[p], "name": f"{p}_{k}.jpg"}
                                         for p in pids for k in range(args.photos)])
        store.close()
        store = Store(url)
        team = Team(store, ws, user="me")
        team.set_setting("double_share", args.share)
        team.ensure_items()
        n_decided = int(args.products * args.decided)
        with store._writer.begin() as conn:
            # other labelers' decisions: the server's trigger would stamp them with this login
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
            images = conn.execute(select(Image.id, Image.product_id).join(Product, Product.id == Image.product_id)
                                  .where(Product.workspace_id == ws, Product.pid < f"{n_decided:08d}")).all()
            conn.execute(insert(Decision), [{"image_id": i, "tag": "t", "kind": "accepted",
                                             "user": f"labeler{pid % 7}", "decided_at": utcnow()}
                                            for i, pid in images])
            for k, pid in enumerate(pids[:n_decided]):
                if k % 2 == 0:
                    conn.execute(WorkItem.__table__.update().where(WorkItem.product_id == ids[pid], WorkItem.round == 1)
                                 .values(done_at=utcnow(), done_by=f"labeler{ids[pid] % 7}"))
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("ANALYZE")  # as autovacuum would have by now on a database that grew over days
        times, blind = [], {}
        for _ in range(args.runs):
            t0 = time.perf_counter()
            blind = team.blind_for_me()
            times.append(time.perf_counter() - t0)
        times.sort()
        print(f"{args.products} products x {args.photos} photos, double share {args.share}, "
              f"{n_decided} decided by others: blind_for_me median {statistics.median(times) * 1000:.1f} ms, "
              f"p95 {times[int(len(times) * 0.95) - 1] * 1000:.1f} ms; {len(blind)} products blind to me")
        store.close()
    finally:
        with psycopg.connect(args.db, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
