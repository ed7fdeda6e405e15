"""Photos -> model outputs, with decoding on worker threads that keep the model busy.

Memory stays bounded on a folder of any size: at most ``prefetch`` batches are decoded ahead
of the model. Cancel with a :class:`threading.Event`; progress goes to a callback.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from emit_gui.catalog import ImageDecodeError, Problem
from emit_gui.inference.engine import Engine
from emit_gui.inference.preprocess import load_input


class Cancelled(Exception):
    pass


def _decode_batch(paths: list[Path], size: int) -> tuple[np.ndarray, list[Problem | None]]:
    arr = np.zeros((len(paths), 3, size, size), dtype=np.uint8)
    problems: list[Problem | None] = []
    for i, path in enumerate(paths):
        try:
            arr[i] = load_input(path, size)
            problems.append(None)
        except ImageDecodeError as exc:
            problems.append(exc.problem)
    return arr, problems


def run_images(
    engine: Engine,
    paths: list[Path],
    *,
    batch: int = 32,
    workers: int | None = None,
    prefetch: int = 4,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
    infer: Callable[[np.ndarray], list] | None = None,
) -> Iterator[tuple[int, np.ndarray | None, Problem | None]]:
    """Yield (index, probs (M, L) or None, problem or None) for every path, in order.

    ``infer`` replaces the model call: a batch of inputs -> one result per row (what search and
    duplicates index: probabilities, features and a perceptual hash); results are yielded in
    place of the probabilities."""
    size = engine.model.size
    if workers is None:
        workers = engine.decode_workers
    prefetch = max(prefetch, workers + 2)
    chunks = [paths[i:i + batch] for i in range(0, len(paths), batch)]
    done = 0
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="emit-decode") as pool:
        pending: deque = deque()
        next_chunk = 0
        try:
            while next_chunk < len(chunks) or pending:
                while next_chunk < len(chunks) and len(pending) < prefetch:
                    pending.append(pool.submit(_decode_batch, chunks[next_chunk], size))
                    next_chunk += 1
                if cancel is not None and cancel.is_set():
                    raise Cancelled()
                arr, problems = pending.popleft().result()
                ok = [i for i, p in enumerate(problems) if p is None]
                probs = (engine.infer if infer is None else infer)(arr[ok]) if ok else None
                row = 0
                for i, problem in enumerate(problems):
                    if problem is None:
                        yield done + i, probs[row], None
                        row += 1
                    else:
                        yield done + i, None, problem
                done += len(problems)
                if progress is not None:
                    progress(done, len(paths))
        finally:
            for f in pending:
                f.cancel()
