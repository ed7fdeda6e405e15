"""One way to run long work off the GUI thread, with progress and cancel (napari's habit).

A :class:`Task` runs a plain function ``fn(report)`` in a QThread; ``report`` lets the
function emit items and progress and tells it when to stop (``report.cancelled``). The same
functions run in the CLI without Qt.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal
from PySide6.QtGui import QImage


class Report:
    def __init__(self, task: Task):
        self._task = task
        self.cancel_event = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._task.progress.emit(done, total, text)

    def item(self, obj) -> None:
        self._task.item.emit(obj)


class Task(QThread):
    progress = Signal(int, int, str)
    item = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[[Report], object], name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.fn = fn
        self.setObjectName(name)
        self.report = Report(self)
        self.started_at = time.monotonic()

    def cancel(self) -> None:
        self.report.cancel_event.set()

    def run(self) -> None:
        self.started_at = time.monotonic()
        try:
            result = self.fn(self.report)
        except Exception as exc:  # noqa: BLE001 - shown to the user, logged, never a crash
            from emit_gui.paths import log_dir

            try:
                (log_dir() / "gui-errors.log").open("a", encoding="utf-8").write(traceback.format_exc())
            except OSError:
                pass
            message = str(exc) or type(exc).__name__
            self.failed.emit(message)
            return
        if not self.report.cancelled:
            self.succeeded.emit(result)

    def stop(self, wait_ms: int = 30000) -> None:
        self.cancel()
        self.wait(wait_ms)


class _ImageSignals(QObject):
    done = Signal(str, int, QImage, str)  # key, size, image (null on error), error message


class _ImageJob(QRunnable):
    def __init__(self, key: str, path, size: int, signals: _ImageSignals):
        super().__init__()
        self.key, self.path, self.size, self.signals = key, path, size, signals
        self.setAutoDelete(True)

    def run(self) -> None:
        from emit_gui.catalog import ImageDecodeError, decode_image

        try:
            im = decode_image(self.path, self.size)
            data = im.tobytes("raw", "RGB")
            qimg = QImage(data, im.width, im.height, im.width * 3, QImage.Format.Format_RGB888).copy()
            self.signals.done.emit(self.key, self.size, qimg, "")
        except ImageDecodeError as exc:
            self.signals.done.emit(self.key, self.size, QImage(), exc.problem.message)
        except Exception as exc:  # noqa: BLE001 - an odd photo shows an error tile, nothing else
            self.signals.done.emit(self.key, self.size, QImage(), str(exc) or type(exc).__name__)


class ImageLoader(QObject):
    """Decodes photos on a thread pool and caches the results (thumbnails and zoom views)."""

    loaded = Signal(str, int)  # key, size

    def __init__(self, parent: QObject | None = None, cache_items: int = 600):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.signals = _ImageSignals()
        self.signals.done.connect(self._done)
        self._cache: dict[tuple[str, int], QImage] = {}
        self._errors: dict[tuple[str, int], str] = {}
        self._pending: set[tuple[str, int]] = set()
        self._limit = cache_items

    def get(self, path, size: int) -> QImage | None:
        key = (str(path), size)
        img = self._cache.get(key)
        if img is not None:
            return img
        if key not in self._pending and key not in self._errors:
            self._pending.add(key)
            self.pool.start(_ImageJob(str(path), path, size, self.signals))
        return None

    def error(self, path, size: int) -> str | None:
        return self._errors.get((str(path), size))

    def _done(self, key: str, size: int, image: QImage, error: str) -> None:
        self._pending.discard((key, size))
        if error:
            self._errors[(key, size)] = error
        else:
            if len(self._cache) >= self._limit:
                self._cache.pop(next(iter(self._cache)))
            self._cache[(key, size)] = image
        self.loaded.emit(key, size)

    def shutdown(self) -> None:
        self.pool.clear()
        self.pool.waitForDone(10000)


class _Poster(QObject):
    deliver = Signal(object, object)


class StoreWorker(QObject):
    """The Qt adapter of :class:`emit_gui.app.jobs.SerialWorker`: results and failures come
    back on the GUI thread, in the order the work was submitted."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        from emit_gui.app.jobs import SerialWorker

        self._poster = _Poster()
        self._poster.deliver.connect(lambda fn, value: fn(value))
        self.worker = SerialWorker(self._poster.deliver.emit)

    @property
    def busy(self) -> int:
        return self.worker.busy

    def submit(self, fn, on_done, on_error=None) -> None:
        self.worker.submit(fn, on_done, on_error)

    def stop(self) -> None:
        self.worker.stop()


class TextFieldGuard(QObject):
    """While a text field has the keyboard, plain keys are typing, not shortcuts: without this
    Space, Enter and the one-letter review keys fire window actions from a search box."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        from PySide6.QtCore import QEvent, Qt
        from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit

        if event.type() == QEvent.Type.ShortcutOverride:
            editable = isinstance(obj, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)) or (
                isinstance(obj, QComboBox) and obj.isEditable())
            if editable and not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                                      | Qt.KeyboardModifier.AltModifier
                                                      | Qt.KeyboardModifier.MetaModifier)):
                if event.key() != Qt.Key.Key_Escape:
                    event.accept()  # the field gets the key press; no shortcut fires
                    return True
        return False
