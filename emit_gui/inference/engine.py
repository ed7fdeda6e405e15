"""ONNX Runtime sessions: CUDA when it really works, otherwise the CPU, decided once and said.

The CUDA provider being compiled into onnxruntime-gpu proves nothing (no driver, wrong CUDA,
no device): a session is created with it, and it counts only if the session actually kept
it *and* a test batch ran through it and matched the CPU's answer. Otherwise the CPU runs,
and :attr:`Engine.provider_note` says why.

On CUDA every run has one input shape. cuDNN picks its convolution algorithms per shape, and
that first run of a shape costs 0.3 to 1.3 s on an H100, against about 3 ms for a batch of 64
once picked: a session fed the natural mix of batch sizes (the last, short batch of every
folder, a product's 3 photos) spent most of its time choosing algorithms and ran no faster
than 16 CPU cores. So batches are cut into and padded up to :data:`CUDA_BATCH` rows, and the
test batch that proves CUDA works is that shape, which leaves it warmed.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import threading
from pathlib import Path
from dataclasses import dataclass

import numpy as np

from emit_gui.inference.model_dir import ModelDir
from emit_gui.settings import current as current_settings


def telemetry_off() -> None:
    """No telemetry from ONNX Runtime: ``ORT_DISABLE_TELEMETRY=1`` must be set before it is
    first imported (emit_gui/__init__.py sets it; otherwise the import alone writes a device id
    and an event queue under ~/.cache/Microsoft), and its event API is turned off as well."""
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    import onnxruntime as ort

    ort.disable_telemetry_events()


def _ort():
    import onnxruntime as ort

    telemetry_off()
    ort.set_default_logger_severity(3)  # no wall of provider warnings on CPU-only machines
    return ort


@dataclass(frozen=True)
class ProviderChoice:
    name: str  # "CUDA" or "CPU"
    note: str  # why, in words

    def __str__(self) -> str:
        return f"{self.name} ({self.note})" if self.note else self.name


CUDA_BATCH = 64  # the one input shape run on CUDA (rows are cut to it and padded up to it)


SPINNING = "session.intra_op.allow_spinning"  # ONNX Runtime session config key


class Engine:
    """One ONNX Runtime session over a model folder; ``infer`` is thread-safe."""

    def __init__(self, model: ModelDir, provider: str = "auto", threads: int | None = None, arena: bool = True):
        """``arena=False`` turns ONNX Runtime's CPU memory arena off: about 80 MB less that
        stays resident, for about 8% of throughput (the window's proposer process uses it)."""
        ort = _ort()
        self.model = model

        def options(spin: bool):
            opts = ort.SessionOptions()
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            if not arena:
                opts.enable_cpu_mem_arena = False
            if threads:
                opts.intra_op_num_threads = threads
            if not spin:
                opts.add_session_config_entry(SPINNING, "0")
            return opts

        self._lock = threading.Lock()
        self.fixed_batch: int | None = None  # every run padded to this many rows (CUDA)
        path = str(model.onnx_path)
        # ONNX Runtime's threads busy-wait between runs by default: on a few cores that takes the
        # CPU the decoding threads, the colour read and the window need. Off on the CPU: 15-25 %
        # more photos per CPU-second on 2 cores, and as many or more photos per second
        # (tests/benchmarks/bench_inference.py, bench_quality.py). CUDA keeps the default.
        cpu_opts, opts = options(spin=False), options(spin=True)
        try:
            cpu = ort.InferenceSession(path, sess_options=cpu_opts, providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - garbage, truncated or unsupported graphs
            raise _refused(model, f"ONNX Runtime cannot load it ({_first_line(exc)})") from None
        self.session = cpu
        check_graph(model, cpu)
        self.choice = ProviderChoice("CPU", "")
        if provider == "auto" and current_settings().provider == "cpu":
            provider = "cpu"
        if provider in ("auto", "cuda"):
            self.choice = self._try_cuda(ort, path, opts, cpu)
        else:
            self.choice = ProviderChoice("CPU", "chosen")
        if provider == "cuda" and self.choice.name != "CUDA":
            from emit_gui.errors import UserError

            raise UserError(f"CUDA was asked for but does not work here: {self.choice.note}")

    def _try_cuda(self, ort, path: str, opts, cpu) -> ProviderChoice:
        if "CUDAExecutionProvider" not in ort.get_available_providers():
            return ProviderChoice("CPU", "this onnxruntime has no CUDA provider")
        if not _has_nvidia_driver():
            return ProviderChoice("CPU", "no NVIDIA driver found (libcuda)")
        try:
            _preload_cuda_libraries(ort)
            ort.set_default_logger_severity(4)
            # TF32 off: with it an H100 is 20% faster but probabilities move by 1.5e-3 and 0.3% of
            # the members' top labels change, so results would depend on the machine
            cuda_options = {"cudnn_conv_algo_search": "HEURISTIC", "use_tf32": "0"}
            sess = ort.InferenceSession(path, sess_options=opts,
                                        providers=[("CUDAExecutionProvider", cuda_options), "CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - any failure means: not CUDA
            return ProviderChoice("CPU", f"CUDA provider failed to start: {str(exc).splitlines()[0][:160]}")
        finally:
            ort.set_default_logger_severity(3)
        if sess.get_providers()[0] != "CUDAExecutionProvider":
            return ProviderChoice("CPU", "no usable NVIDIA GPU or CUDA libraries; CUDA provider fell back")
        probe = np.random.default_rng(0).integers(0, 255, (CUDA_BATCH, 3, self.model.size, self.model.size),
                                                  dtype=np.uint8)
        try:
            got = sess.run(["probs"], {"images": probe})[0]  # also picks cuDNN's algorithms for the one shape
            ref = cpu.run(["probs"], {"images": probe[:4]})[0]
            got = got[:4]
        except Exception as exc:  # noqa: BLE001
            return ProviderChoice("CPU", f"CUDA run failed: {str(exc).splitlines()[0][:160]}")
        if not np.allclose(got, ref, atol=1e-3):
            return ProviderChoice("CPU", "CUDA results differ from the CPU's; not trusted")
        self.session = sess
        self.fixed_batch = CUDA_BATCH
        return ProviderChoice("CUDA", "")

    @property
    def provider(self) -> str:
        return self.choice.name

    @property
    def provider_note(self) -> str:
        return self.choice.note

    @property
    def decode_workers(self) -> int:
        """Threads that decode photos for this engine: 2 beside a CPU session (which wants the
        cores itself); on CUDA decoding is the bottleneck, so most of the cores."""
        if self.fixed_batch is None:
            return 2
        return max(2, min(8, (os.cpu_count() or 2) - 1))

    def _run(self, names: list[str], images: np.ndarray) -> list[np.ndarray]:
        images = np.ascontiguousarray(images)
        k = self.fixed_batch
        if k is None:
            return self.session.run(names, {"images": images})
        parts = []
        for start in range(0, images.shape[0], k):
            chunk = images[start:start + k]
            n = chunk.shape[0]
            if n < k:
                chunk = np.concatenate([chunk, np.zeros((k - n, *chunk.shape[1:]), chunk.dtype)])
            parts.append([out[:n] for out in self.session.run(names, {"images": chunk})])
        return [np.concatenate([p[i] for p in parts]) for i in range(len(names))]

    def infer(self, images: np.ndarray) -> np.ndarray:
        """uint8 (B, 3, S, S) -> (B, M, L) label distributions per member."""
        if images.shape[0] == 0:
            return np.zeros((0, self.model.n_members, len(self.model.vocab)), np.float32)
        return self._run(["probs"], images)[0]

    @property
    def has_features(self) -> bool:
        """Whether the model's graph exposes ``features`` and ``fmap`` (search, duplicates,
        heat maps); models exported before them can be upgraded with model.onnx_outputs."""
        return {"features", "fmap"} <= {o.name for o in self.session.get_outputs()}

    def infer_features(self, images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """uint8 (B, 3, S, S) -> label distributions (B, M, L) and embeddings (B, D)."""
        probs, feats = self._run(["probs", "features"], images)
        return probs, feats

    def infer_maps(self, images: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """uint8 (B, 3, S, S) -> probs (B, M, L), features (B, D), trunk feature maps (B, C, h, w)."""
        probs, feats, fmap = self._run(["probs", "features", "fmap"], images)
        return probs, feats, fmap


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def _refused(model: ModelDir, why: str):
    from emit_gui.errors import UserError, printable

    return UserError(f"{printable(str(model.onnx_path))}: {why}; refusing the model")


def check_graph(model: ModelDir, session) -> None:
    """The graph must be the one the manifest describes: one uint8 input ``images`` of
    (batch, 3, size, size), an output ``probs`` of (batch, members, labels), and finite
    distributions on a probe batch. A model that is not what it says is refused here, in one
    line, instead of failing (or answering nonsense) later."""
    m, n_labels, size = model.n_members, len(model.vocab), model.size
    inputs = session.get_inputs()
    if [i.name for i in inputs] != ["images"]:
        raise _refused(model, f"its graph takes {[i.name for i in inputs]}, not one input 'images'")
    shape = list(inputs[0].shape)
    if inputs[0].type != "tensor(uint8)" or len(shape) != 4 or any(
            isinstance(d, int) and d != want for d, want in zip(shape[1:], (3, size, size), strict=True)):
        raise _refused(model, f"its input is {inputs[0].type} {shape}; the manifest says uint8 "
                              f"[batch, 3, {size}, {size}]")
    outputs = {o.name: o for o in session.get_outputs()}
    if "probs" not in outputs:
        raise _refused(model, f"its graph has no output 'probs' (it has {sorted(outputs)})")
    oshape = list(outputs["probs"].shape)
    if len(oshape) != 3 or any(isinstance(d, int) and d != want for d, want in zip(oshape[1:], (m, n_labels),
                                                                                      strict=True)):
        raise _refused(model, f"its output 'probs' is {oshape}; the manifest says [batch, {m}, {n_labels}] "
                              f"({m} members, {n_labels} labels)")
    rng = np.random.default_rng(0)
    probe = np.stack([np.full((3, size, size), 255, np.uint8),
                      rng.integers(0, 256, (3, size, size), dtype=np.uint8)])
    try:
        got = session.run(["probs"], {"images": probe})[0]
    except Exception as exc:  # noqa: BLE001
        raise _refused(model, f"it fails on a probe batch ({_first_line(exc)})") from None
    got = np.asarray(got)
    if got.shape != (2, m, n_labels):
        raise _refused(model, f"on a probe batch its output is {list(got.shape)}, not [2, {m}, {n_labels}] "
                              f"({m} members, {n_labels} labels)")
    if not np.isfinite(got).all():
        raise _refused(model, "its outputs on a probe batch are not finite (NaN or infinity)")
    sums = got.sum(axis=2)
    if got.min() < -1e-3 or got.max() > 1 + 1e-3 or np.abs(sums - 1).max() > 1e-2:
        raise _refused(model, "its outputs on a probe batch are not probability distributions")


def _has_nvidia_driver() -> bool:
    import ctypes

    for name in ("libcuda.so.1", "libcuda.so", "nvcuda.dll"):
        try:
            ctypes.CDLL(name)
            return True
        except OSError:
            continue
    return False


def cuda_library_dir() -> Path | None:
    """A folder of CUDA and cuDNN libraries that ships beside emit-gui: ``$EMIT_GUI_CUDA_DIR``,
    or the ``cuda`` folder of an installed app (the optional emit-gui-cuda-runtime package)."""
    env = current_settings().cuda_dir
    if env:
        return env if env.is_dir() else None
    if getattr(sys, "frozen", False):
        folder = Path(sys.executable).resolve().parent / "cuda"
        if folder.is_dir():
            return folder
    return None


def _preload_cuda_libraries(ort) -> None:
    """onnxruntime-gpu loads CUDA and cuDNN from a folder given, else from the nvidia-* pip
    wheels, else from the system's library path (CUDA installed from NVIDIA's packages)."""
    preload = getattr(ort, "preload_dlls", None)
    if preload is None:
        return
    folder = cuda_library_dir()
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # it prints each library it misses
            preload(directory=str(folder)) if folder is not None else preload()
    except Exception:  # noqa: BLE001 - the session start will say what is missing
        pass


_DESCRIBED: str | None = None


def describe_provider() -> str:
    """The provider the default model would run on here (for ``--version``)."""
    global _DESCRIBED
    if _DESCRIBED is None:
        from emit_gui.inference.model_dir import load_model_dir
        from emit_gui.registry import resolve_model

        try:
            _DESCRIBED = str(Engine(load_model_dir(resolve_model().path, verify=False)).choice)
        except Exception as exc:  # noqa: BLE001 - --version must always answer
            _DESCRIBED = f"unknown ({exc})"
    return _DESCRIBED
