"""The proposer without Qt, on resources/sample: proposals for every product, a photo that cannot
be read is a problem of that photo (never a failed run), a cancel is an outcome (never an
error), and the child process the window uses says the same things over its pipe."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from emit_gui.catalog import scan
from emit_gui.inference import proposer_process as pp
from emit_gui.inference.engine import Engine
from emit_gui.inference.decoders import DEFAULT_DECODER
from emit_gui.inference.model_dir import load_model_dir
from emit_gui.inference.propose import propose_catalog
from emit_gui.registry import resolve_model
from emit_gui.store import Store
from tests.conftest import REPO

BAD = ("demo002", "demo002_1.jpg")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_model_dir(resolve_model().path), provider="cpu", threads=1)


@pytest.fixture
def sample(tmp_path) -> Path:
    """The bundled sample with one photo that is not a picture (bytes of text named .jpg)."""
    root = tmp_path / "sample"
    shutil.copytree(REPO / "resources" / "sample", root)
    (root / BAD[0] / BAD[1]).write_bytes(b"this is not a JPEG, it only has the name of one")
    return root


def _readable(catalog) -> int:
    return sum(1 for p in catalog.products if p.optional_tags for im in p.images) - 1


def test_every_product_is_proposed_and_a_bad_photo_is_its_own_problem(engine, sample):
    catalog = scan(sample)
    props = {p.pid: p for p in propose_catalog(engine, catalog, workers=1)}
    assert set(props) == {p.pid for p in catalog.products if p.optional_tags} and len(props) >= 10
    for product in catalog.products:
        prop = props[product.pid]
        assert [ph.name for ph in prop.photos] == [im.name for im in product.images]
        for ph in prop.photos:
            if (product.pid, ph.name) == BAD:
                assert ph.tag is None and ph.problem is not None and BAD[1] in str(ph.problem.path)
                continue
            assert ph.tag in product.optional_tags and 0.0 <= ph.confidence <= 1.0
            assert ph.problem is None and len(ph.votes) == engine.model.n_members
    bad_product = props[BAD[0]]
    assert sum(ph.tag is not None for ph in bad_product.photos) == len(bad_product.photos) - 1  # the others are proposed


def _run(engine, sample, tmp_path, cancel_after_progress: bool):
    catalog = scan(sample)
    store = Store(tmp_path / "d.sqlite3")
    index = store.sync_workspace(catalog)
    cancel = threading.Event()
    sent: list = []

    def send(kind, value):
        sent.append((kind, value))
        if kind == pp.PROGRESS and cancel_after_progress:
            cancel.set()  # the person pressed Esc after the first batch

    products = [p for p in catalog.products if p.usable]
    outcome = pp.propose_and_store(engine, store, products, index.image_ids, send, cancel=cancel)
    return catalog, store, index, sent, outcome


def test_a_full_run_stores_and_sends_every_proposal(engine, sample, tmp_path):
    catalog, store, index, sent, outcome = _run(engine, sample, tmp_path, cancel_after_progress=False)
    assert sent[0][0] == pp.ENGINE and {k for k, _ in sent} == {pp.ENGINE, pp.PROGRESS, pp.PROPOSALS}
    proposed = [prop for k, v in sent if k == pp.PROPOSALS for prop in v[0]]
    assert outcome == pp.Outcome(cancelled=False, products=len(proposed), photos=_readable(catalog), unreadable=1)
    assert len(proposed) == sum(1 for p in catalog.products if p.usable and p.optional_tags)
    model = engine.model
    stored = store.stored_suggestions(model.proposal_key(DEFAULT_DECODER), index.image_ids.values())
    assert len(stored) == _readable(catalog)  # every readable photo's suggestion is in the store
    store.close()


def test_cancel_is_an_outcome_and_keeps_what_was_stored(engine, sample, tmp_path):
    catalog, store, index, sent, outcome = _run(engine, sample, tmp_path, cancel_after_progress=True)
    proposed = [prop for k, v in sent if k == pp.PROPOSALS for prop in v[0]]
    total = sum(1 for p in catalog.products if p.usable and p.optional_tags)
    assert outcome.cancelled and 0 < outcome.products == len(proposed) < total
    model = engine.model
    stored = store.stored_suggestions(model.proposal_key(DEFAULT_DECODER), index.image_ids.values())
    assert len(stored) == outcome.photos > 0  # what was sent before the cancel is stored, nothing more
    store.close()


def test_the_proposer_process_speaks_the_same_outcomes(sample, tmp_path):
    catalog = scan(sample)
    db = tmp_path / "d.sqlite3"
    with Store(db) as store:
        index = store.sync_workspace(catalog)
    pids = [p.pid for p in catalog.products if p.usable]
    common = dict(root=str(sample), profile=catalog.profile_name, pids=pids, image_ids=dict(index.image_ids),
                  provider="cpu", threads=1, db_path=str(db))
    got: list = []
    done = pp.run_in_child(model_path=None, cancelled=lambda: False, on_message=lambda k, v: got.append(k), **common)
    assert done == pp.Outcome(cancelled=False, products=len(pids), photos=_readable(catalog), unreadable=1)
    assert got[0] == pp.ENGINE and pp.PROPOSALS in got and pp.DONE not in got  # the end is the return value

    seen: list = []
    stopped = pp.run_in_child(model_path=None, cancelled=lambda: bool(seen),
                              on_message=lambda k, v: seen.append(k), **common)
    assert stopped.cancelled and seen  # stopped on request: an outcome, not an error

    broken = tmp_path / "no-model"
    broken.mkdir()
    with pytest.raises(pp.ProposerFailed) as failed:
        pp.run_in_child(model_path=str(broken), cancelled=lambda: False, on_message=lambda k, v: None, **common)
    assert str(broken) in str(failed.value) and "\n" not in str(failed.value)
