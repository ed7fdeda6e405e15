"""Proposals in a process of their own, for the review window.

In one process the proposal worker competes with the GUI thread for the GIL (tag scoring, the
decoders and the SQLite writes are Python) and, on a 2-core machine, for the CPU; the window
stalled for 80-100 ms at a time while scrolling. A child process (started with ``spawn``: no
Qt state crosses) scans the folder itself, runs the ensemble at a lower CPU priority, writes
the suggestions to the store (SQLite in WAL mode takes writers from several processes), and
sends each batch of proposals back over a pipe for display. Killing it loses nothing a person
decided; suggestions already written stay.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection

FLUSH_SECONDS = 0.25


def propose_and_store(engine, store, products: list, image_ids: dict, send: Callable[[str, object], None],
                      cancel=None) -> None:
    """Propose for ``products``, store the suggestions and ``send(kind, value)`` what the window
    shows: ("engine", (model name, model id, provider, version id)), ("progress", (done,
    total)), ("proposals", (proposals, suggestion ids, version id)) every quarter second.
    Runs in the proposer process, or in a window thread when asked to stay in-process."""
    from emit_gui.app.proposals import suggestion_rows
    from emit_gui.inference.decoders import DEFAULT_DECODER
    from emit_gui.inference.propose import propose_catalog

    model = engine.model
    version = store.register_model(model.proposal_key(DEFAULT_DECODER), str(model.path), model.version_id,
                                   model.manifest.get("validation"))
    send("engine", (model.name, model.version_id, str(engine.choice), version))
    batch: list = []
    last = time.monotonic()

    def flush() -> None:
        rows = suggestion_rows(batch, lambda pid, name: image_ids.get((pid, name)))
        ids = store.add_suggestions(version, rows) if rows else {}
        send("proposals", (list(batch), ids, version))
        batch.clear()

    # one decode thread beside a CPU session (the window keeps a core); on CUDA decoding is
    # what limits, and the GPU leaves the cores free
    workers = None if engine.fixed_batch else 1
    for prop in propose_catalog(engine, products, workers=workers, cancel=cancel,
                                progress=lambda d, t: send("progress", (d, t))):
        batch.append(prop)
        if time.monotonic() - last > FLUSH_SECONDS:
            flush()
            last = time.monotonic()
    if batch:
        flush()


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

        engine = Engine(load_model_dir(model_path), provider=provider, threads=threads, arena=False)
        store = Store(db_path)
        wanted = set(pids)
        by_pid = {p.pid: p for p in scan(root, profile).products if p.pid in wanted}
        propose_and_store(engine, store, [by_pid[pid] for pid in pids if pid in by_pid], image_ids,
                          lambda kind, value: conn.send((kind, value)))
        store.close()
        conn.send(("done", None))
    except BaseException as exc:  # noqa: BLE001 - said to the window, which shows it
        try:
            conn.send(("error", f"{type(exc).__name__}: {exc}" if not str(exc).startswith(str(type(exc).__name__))
                       else str(exc)))
            conn.send(("trace", traceback.format_exc()))
        except (OSError, EOFError):
            pass
    finally:
        conn.close()


def run_in_child(*, root: str, profile: str, pids: list[str], image_ids: dict, model_path: str | None,
                 provider: str, threads: int, db_path: str, cancelled: Callable[[], bool],
                 on_message: Callable[[str, object], None]) -> None:
    """Start the child, relay its messages to ``on_message(kind, value)`` until it is done, and
    stop it when ``cancelled()`` turns true. Raises RuntimeError with the child's message if it
    fails or dies."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=child_main, name="emit-gui-proposer", daemon=True,
                       args=(sender, root, profile, pids, image_ids, model_path, provider, threads, db_path))
    proc.start()
    sender.close()
    error = None
    try:
        while not cancelled():
            if not receiver.poll(0.1):
                if not proc.is_alive() and not receiver.poll(0):
                    raise RuntimeError(f"the proposal process ended unexpectedly (exit code {proc.exitcode})")
                continue
            try:
                kind, value = receiver.recv()
            except EOFError:
                raise RuntimeError(f"the proposal process ended unexpectedly (exit code {proc.exitcode})") from None
            if kind == "done":
                break
            if kind == "error":
                error = value
                continue
            if kind == "trace":
                _log_trace(value)
                raise RuntimeError(error or "the proposal process failed")
            on_message(kind, value)
    finally:
        receiver.close()
        if proc.is_alive():
            proc.terminate()
        proc.join(10)
        if proc.is_alive():
            proc.kill()
            proc.join(5)


def _log_trace(text: str) -> None:
    try:
        from emit_gui.paths import log_dir

        with (log_dir() / "gui-errors.log").open("a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError:
        pass
