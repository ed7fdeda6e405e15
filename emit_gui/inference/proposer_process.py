"""Proposals in a process of their own, for the review window.

In one process the proposal worker competes with the GUI thread for the GIL (tag scoring, the
decoders and the SQLite writes are Python) and, on a 2-core machine, for the CPU; the window
stalled for 80-100 ms at a time while scrolling. A child process (started with ``spawn``: no
Qt state crosses) scans the folder itself, runs the ensemble at a lower CPU priority, writes
the suggestions to the store (SQLite in WAL mode takes writers from several processes), and
sends each batch of proposals back over a pipe for display. Killing it loses nothing a person
decided; suggestions already written stay.

How a run ends is an :class:`Outcome` (done or cancelled, never an exception for a cancel); a
photo that cannot be read is a problem of that photo in its proposal, never a failed run; a run
that fails raises :class:`ProposerFailed` with one line (the trace goes to the log).
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

from emit_gui.errors import UserError

FLUSH_SECONDS = 0.25

# What ``send(kind, value)`` carries to the window, in order: ENGINE once, then PROGRESS and
# PROPOSALS as the work goes; the child ends with DONE (an Outcome) or ERROR then TRACE.
ENGINE = "engine"  # (model name, model id, provider, model version row id)
PROGRESS = "progress"  # (photos done, photos in all)
PROPOSALS = "proposals"  # (product proposals, {image id: suggestion id}, model version row id)
DONE, ERROR, TRACE = "done", "error", "trace"


@dataclass(frozen=True)
class Outcome:
    cancelled: bool = False
    products: int = 0  # products proposed (and stored)
    photos: int = 0  # photos proposed
    unreadable: int = 0  # photos that could not be read: each carries its problem in its proposal


class ProposerFailed(RuntimeError):
    """The run failed (a model that does not load, a store that refuses, a child that died)."""


def propose_and_store(engine, store, products: list, image_ids: dict, send: Callable[[str, object], None],
                      cancel=None) -> Outcome:
    """Propose for ``products``, store the suggestions and ``send(kind, value)`` what the window
    shows (ENGINE, PROGRESS, PROPOSALS every quarter second). Returns how it ended: a cancel
    (``cancel`` set) ends it early with what was proposed so far stored and sent.
    Runs in the proposer process, or in a window thread when asked to stay in-process."""
    from emit_gui.app.proposals import suggestion_rows
    from emit_gui.inference.decoders import DEFAULT_DECODER
    from emit_gui.inference.pipeline import Cancelled
    from emit_gui.inference.propose import propose_catalog

    model = engine.model
    version = store.register_model(model.proposal_key(DEFAULT_DECODER), str(model.path), model.version_id,
                                   model.manifest.get("validation"))
    send(ENGINE, (model.name, model.version_id, str(engine.choice), version))
    batch: list = []
    last = time.monotonic()
    counts = {"products": 0, "photos": 0, "unreadable": 0}

    def flush() -> None:
        rows = suggestion_rows(batch, lambda pid, name: image_ids.get((pid, name)))
        ids = store.add_suggestions(version, rows) if rows else {}
        send(PROPOSALS, (list(batch), ids, version))
        for prop in batch:
            counts["products"] += 1
            counts["photos"] += sum(ph.tag is not None for ph in prop.photos)
            counts["unreadable"] += sum(ph.tag is None and ph.problem is not None for ph in prop.photos)
        batch.clear()

    # one decode thread beside a CPU session (the window keeps a core); on CUDA decoding is
    # what limits, and the GPU leaves the cores free
    workers = None if engine.fixed_batch else 1
    cancelled = False
    try:
        for prop in propose_catalog(engine, products, workers=workers, cancel=cancel,
                                    progress=lambda d, t: send(PROGRESS, (d, t))):
            batch.append(prop)
            if time.monotonic() - last > FLUSH_SECONDS:
                flush()
                last = time.monotonic()
    except Cancelled:
        cancelled = True
    if batch:
        flush()
    return Outcome(cancelled=cancelled, **counts)


def child_main(conn: Connection, root: str, profile: str, pids: list[str], image_ids: dict,
               model_path: str | None, provider: str, threads: int, db_path: str) -> None:
    try:
        if hasattr(os, "nice"):
            os.nice(10)  # the labeler's window first
        if hasattr(os, "sched_setaffinity"):
            # and a core of its own: on a 2-core machine the proposer keeps to one, so the GUI
            # thread never queues behind inference and decoding
            cores = sorted(os.sched_getaffinity(0))
            if len(cores) >= 2:
                os.sched_setaffinity(0, cores[1:])
        from emit_gui.memory import limit_malloc_arenas

        limit_malloc_arenas()
        from emit_gui.catalog import scan
        from emit_gui.inference.engine import Engine
        from emit_gui.inference.model_dir import load_model_dir
        from emit_gui.store import Store

        from emit_gui.registry import resolve_model

        engine = Engine(load_model_dir(resolve_model(model_path).path), provider=provider, threads=threads, arena=False)
        store = Store(db_path)
        wanted = set(pids)
        by_pid = {p.pid: p for p in scan(root, profile).products if p.pid in wanted}
        outcome = propose_and_store(engine, store, [by_pid[pid] for pid in pids if pid in by_pid], image_ids,
                                    lambda kind, value: conn.send((kind, value)))
        store.close()
        conn.send((DONE, outcome))
    except BaseException as exc:  # noqa: BLE001 - said to the window, which shows it
        try:
            conn.send((ERROR, str(exc) if isinstance(exc, UserError) else f"{type(exc).__name__}: {exc}"))
            conn.send((TRACE, traceback.format_exc()))
        except (OSError, EOFError):
            pass
    finally:
        conn.close()


def run_in_child(*, root: str, profile: str, pids: list[str], image_ids: dict, model_path: str | None,
                 provider: str, threads: int, db_path: str, cancelled: Callable[[], bool],
                 on_message: Callable[[str, object], None]) -> Outcome:
    """Start the child, relay its messages to ``on_message(kind, value)`` until it is done, and
    stop it when ``cancelled()`` turns true (then the outcome says cancelled; what the child
    stored stays). Raises :class:`ProposerFailed` with the child's message if it fails or dies."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=child_main, name="emit-gui-proposer", daemon=True,
                       args=(sender, root, profile, pids, image_ids, model_path, provider, threads, db_path))
    proc.start()
    sender.close()
    error = None
    outcome = Outcome(cancelled=True)
    try:
        while not cancelled():
            if not receiver.poll(0.1):
                if not proc.is_alive() and not receiver.poll(0):
                    raise ProposerFailed(f"the proposal process ended unexpectedly (exit code {proc.exitcode})")
                continue
            try:
                kind, value = receiver.recv()
            except EOFError:
                raise ProposerFailed(f"the proposal process ended unexpectedly (exit code {proc.exitcode})") from None
            if kind == DONE:
                outcome = value if isinstance(value, Outcome) else Outcome()
                break
            if kind == ERROR:
                error = value
                continue
            if kind == TRACE:
                _log_trace(value)
                raise ProposerFailed(error or "the proposal process failed")
            on_message(kind, value)
    finally:
        receiver.close()
        if proc.is_alive():
            proc.terminate()
        proc.join(10)
        if proc.is_alive():
            proc.kill()
            proc.join(5)
    return outcome


def _log_trace(text: str) -> None:
    try:
        from emit_gui.paths import log_dir

        with (log_dir() / "gui-errors.log").open("a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError:
        pass
