"""The application layer without Qt, on resources/sample: the review session over a real
SQLite store (decisions, per-labeler undo, another process's changes, flags and states) and
the serial worker that keeps the window's thread off the database."""

from __future__ import annotations

import queue
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from emit_gui.app.jobs import SerialWorker, StoreFailure, StoreProblem, classify
from emit_gui.app.session import Flag, ReviewSession, Status
from emit_gui.catalog import scan
from emit_gui.inference.engine import Engine
from emit_gui.inference.model_dir import load_model_dir
from emit_gui.inference.propose import propose_catalog
from emit_gui.registry import resolve_model
from emit_gui.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "sample"


@pytest.fixture(scope="module")
def proposals():
    engine = Engine(load_model_dir(resolve_model().path), provider="cpu")
    return {p.pid: p for p in propose_catalog(engine, scan(SAMPLE))}


@pytest.fixture
def folder(tmp_path):
    dst = tmp_path / "sample"
    shutil.copytree(SAMPLE, dst)
    return dst


def decided(session, pid) -> dict[str, str | None]:
    return {ph.name: ph.decision.tag if ph.decision else None for ph in session.photos(pid)}


def open_session(folder, db, user, proposals=None):
    catalog = scan(folder)
    store = Store(db)
    index = store.sync_workspace(catalog)
    session = ReviewSession(store, catalog, index, user=user)
    for prop in (proposals or {}).values():
        session.add_proposal(prop)
    return session


def test_decisions_states_and_flags_follow_what_the_person_did(folder, tmp_path, proposals):
    s = open_session(folder, tmp_path / "d.db", "ann", proposals)
    pid = next(p.pid for p in s.products if len(p.optional_tags) >= 2 and len(p.images) >= 2)
    product = s.product(pid)
    assert s.status(pid) in (Status.PENDING, Status.FLAGGED)
    # accepting the whole product settles every photo; it is reviewed only with full cover
    s.accept_product(pid)
    photos = s.photos(pid)
    assert all(ph.reviewed for ph in photos if not ph.problem)
    covered = {ph.decision.tag for ph in photos}
    assert (s.status(pid) == Status.REVIEWED) == all(t in covered for t in product.optional_tags)
    # giving every photo the first option leaves the others without a photo: flagged, and why
    first = product.optional_tags[0]
    s.decide(pid, [(im.name, first) for im in product.images])
    assert s.status(pid) == Status.FLAGGED
    assert Flag.DECISIONS_LEAVE_OPTION in s.flags(pid)
    # a no-op decision writes nothing
    assert s.decide(pid, [(product.images[0].name, first)]) == []
    # an option the product does not have is refused, not stored
    with pytest.raises(ValueError):
        s.plan(pid, [(product.images[0].name, "no such option")])
    # a reopened session reads the same decisions from the store
    again = open_session(folder, tmp_path / "d.db", "ann", proposals)
    assert decided(again, pid) == {im.name: first for im in product.images}


def test_undo_is_per_labeler_and_leaves_what_another_changed_since(folder, tmp_path, proposals):
    db = tmp_path / "d.db"
    ann = open_session(folder, db, "ann", proposals)
    bob = open_session(folder, db, "bob", proposals)  # another process's view of the same store
    pid = next(p.pid for p in ann.products if len(p.optional_tags) >= 2 and len(p.images) >= 2)
    a, b = ann.product(pid).images[:2]
    t0, t1 = ann.product(pid).optional_tags[:2]
    ann.decide(pid, [(a.name, t0)])
    ann.decide(pid, [(b.name, t0)])
    # bob sees ann's decisions by polling the store, and changes photo b after her
    bob.take_changes(bob.poll_changes())
    assert decided(bob, pid)[a.name] == t0
    bob.decide(pid, [(b.name, t1)])
    # ann's undo takes back her latest action, on b: bob changed b since, so it is left alone
    ann.undo()
    ann.take_changes(ann.poll_changes())
    states = decided(ann, pid)
    assert states[b.name] == t1  # bob's decision stands
    # her next undo takes back her decision on a, which nobody touched
    ann.undo()
    states = decided(ann, pid)
    assert states[a.name] is None
    # bob's own undo still has his action
    bob.undo()
    bob.take_changes(bob.poll_changes())
    assert decided(bob, pid)[b.name] != t1


def test_accept_sure_takes_only_what_the_model_is_sure_of(folder, tmp_path, proposals):
    import dataclasses

    from emit_gui.inference.auto_accept import sure, threshold

    thr = threshold(load_model_dir(resolve_model().path))
    with_sure = [pid for pid, prop in proposals.items() if any(ph.tag and sure(ph, thr) for ph in prop.photos)
                 and not prop.flagged and prop.cover_possible]
    assert len(with_sure) >= 2, "the sample needs two unflagged products with sure photos"
    # one of them flagged as a labeler would see it (the members disagree): nothing in it goes unseen
    flagged_pid = with_sure[0]
    props = dict(proposals)
    props[flagged_pid] = dataclasses.replace(proposals[flagged_pid], members_disagree=True)
    s = open_session(folder, tmp_path / "d.db", "ann", props)
    plan = s.plan_sure([p.pid for p in s.products], thr)
    flagged = {pid for pid, prop in props.items() if prop.flagged or not prop.cover_possible}
    expected = {(pid, ph.name) for pid, prop in props.items() if pid not in flagged
                for ph in prop.photos if ph.tag and sure(ph, thr)}
    assert expected
    key_of = {iid: key for key, iid in s.index.image_ids.items()}
    assert {key_of[i] for i, _t, _k in plan.rows} == expected
    assert {k for _i, _t, k in plan.rows} == {"unseen"}  # retrain tells them from photos a person looked at
    assert flagged_pid in plan.flagged
    assert set(plan.flagged) == {pid for pid in flagged if any(ph.tag and sure(ph, thr) for ph in props[pid].photos)}
    s.apply(s.store_plan(plan))
    assert all(ph.decision is None for ph in s.photos(flagged_pid))
    # one action: one undo takes all of it back
    s.undo()
    assert s.stats()["reviewed"] == 0


def test_serial_worker_runs_in_order_and_types_failures():
    delivered: queue.Queue = queue.Queue()
    worker = SerialWorker(lambda callback, value: delivered.put((callback, value)))
    order: list[int] = []
    gate = threading.Event()

    def job(n):
        def run():
            if n == 0:
                gate.wait(5)  # the first job holds the worker: the others must wait their turn
            order.append(n)
            return n
        return run

    errors: list[StoreFailure] = []
    results: list[int] = []
    for n in range(5):
        worker.submit(job(n), results.append)
    worker.submit(lambda: (_ for _ in ()).throw(sqlite3.OperationalError("database is locked")),
                  results.append, errors.append)
    assert worker.busy == 6
    gate.set()
    for _ in range(6):
        callback, value = delivered.get(timeout=10)
        callback(value)  # what the Qt adapter does on the GUI thread
    worker.stop()
    assert order == [0, 1, 2, 3, 4] and results == [0, 1, 2, 3, 4]
    assert [e.problem for e in errors] == [StoreProblem.LOCKED]
    assert worker.busy == 0  # busy until the callbacks ran


@pytest.mark.parametrize("message, problem", [
    ("database or disk is full", StoreProblem.FULL),
    ("file is not a database", StoreProblem.DAMAGED),
    ("attempt to write a readonly database", StoreProblem.READ_ONLY),
    ("database is locked", StoreProblem.LOCKED),
    ("something else entirely", StoreProblem.OTHER),
])
def test_store_failures_are_classified_for_the_person(message, problem):
    assert classify(sqlite3.OperationalError(message)).problem == problem
