"""Background work without Qt: a serial worker for the store, and typed store failures.

The window's thread never waits on the database: every write (and the reads that follow it)
runs on one :class:`SerialWorker` thread, in the order the person acted, and its result or its
failure comes back through ``post`` (the Qt adapter delivers it on the GUI thread).
"""

from __future__ import annotations

import enum
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass


class StoreProblem(str, enum.Enum):
    LOCKED = "locked"  # another program holds the database
    FULL = "full"  # the disk (or the database's quota) is full
    DAMAGED = "damaged"  # not a database, or damaged pages
    READ_ONLY = "read_only"  # the file or its folder cannot be written
    OTHER = "other"


@dataclass
class StoreFailure(Exception):
    problem: StoreProblem
    detail: str

    def __str__(self) -> str:
        return f"{self.problem.value}: {self.detail}"


def classify(exc: BaseException) -> StoreFailure:
    """A store exception as one of the failures the window explains to a person."""
    text = str(getattr(exc, "orig", None) or exc)
    low = text.lower()
    if "locked" in low or "busy" in low:
        kind = StoreProblem.LOCKED
    elif "full" in low or "no space" in low or "quota" in low:
        kind = StoreProblem.FULL
    elif "malformed" in low or "not a database" in low or "corrupt" in low or "disk i/o" in low:
        kind = StoreProblem.DAMAGED
    elif "readonly" in low or "read-only" in low or "permission" in low:
        kind = StoreProblem.READ_ONLY
    else:
        kind = StoreProblem.OTHER
    return StoreFailure(kind, text.splitlines()[0][:300] if text else type(exc).__name__)


class SerialWorker:
    """Runs submitted functions one at a time, in order, on a thread of its own.

    ``post(callback, value)`` hands results back (to the GUI thread, through the adapter);
    a function that raises reaches ``on_error`` with a :class:`StoreFailure`.
    """

    def __init__(self, post: Callable[[Callable, object], None], name: str = "emit-gui-store"):
        self._post = post
        self._queue: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._busy = 0
        self._lock = threading.Lock()
        self._thread.start()

    @property
    def busy(self) -> int:
        """Jobs submitted and not yet finished."""
        with self._lock:
            return self._busy

    def submit(self, fn: Callable[[], object], on_done: Callable[[object], None],
               on_error: Callable[[StoreFailure], None] | None = None) -> None:
        with self._lock:
            self._busy += 1
        self._queue.put((fn, on_done, on_error))

    def _loop(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            fn, on_done, on_error = job
            try:
                value = fn()
            except Exception as exc:  # noqa: BLE001 - typed and handed to the window
                from emit_gui.paths import log_dir

                try:
                    import traceback

                    with (log_dir() / "gui-errors.log").open("a", encoding="utf-8") as fh:
                        fh.write(traceback.format_exc())
                except OSError:
                    pass
                failure = exc if isinstance(exc, StoreFailure) else classify(exc)
                self._finish(on_error, failure)
            else:
                self._finish(on_done, value)

    def _finish(self, callback, value) -> None:
        """Hand the result over; the job counts as busy until its callback has run, so "nothing
        in flight" also means "everything shown"."""
        def deliver(v, callback=callback) -> None:
            try:
                if callback is not None:
                    callback(v)
            finally:
                with self._lock:
                    self._busy -= 1

        self._post(deliver, value)

    def stop(self, timeout: float = 30.0) -> None:
        """Finish what was submitted, then end the thread."""
        self._queue.put(None)
        self._thread.join(timeout)
