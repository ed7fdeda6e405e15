"""Inference throughput of the default ensemble, end to end, and its ceilings.

    python tests/benchmarks/bench_inference.py [--products DIR] [--n 1500] [--provider auto]

Prints images/s for: decode + resize alone (the ceiling of the pipeline), the model alone on
pre-decoded batches (ONNX Runtime), the whole pipeline on the shared photos at their size
and re-encoded at 800 px (what shops deliver), and the same network in PyTorch eager mode.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from emit_gui.catalog import scan  # noqa: E402
from emit_gui.inference.engine import Engine  # noqa: E402
from emit_gui.inference.model_dir import load_model_dir  # noqa: E402
from emit_gui.registry import resolve_model  # noqa: E402
from emit_gui.inference.pipeline import run_images  # noqa: E402
from emit_gui.inference.preprocess import load_input  # noqa: E402


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:8.1f} images/s  ({n} images in {seconds:.2f} s)"


def reencode(paths: list[Path], out: Path, side: int = 800) -> list[Path]:
    from PIL import Image

    out.mkdir(parents=True, exist_ok=True)
    result = []
    for i, p in enumerate(paths):
        im = Image.open(p).convert("RGB")
        scale = side / max(im.size)
        im = im.resize((round(im.width * scale), round(im.height * scale)), Image.Resampling.BICUBIC)
        dst = out / f"{i}.jpg"
        im.save(dst, "JPEG", quality=90)
        result.append(dst)
    return result


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", default=str(REPO.parent / "shared" / "datasets" / "products"))
    ap.add_argument("--model")
    ap.add_argument("--n", type=int, default=1500, help="photos to run")
    ap.add_argument("--provider", default="auto")
    ap.add_argument("--no-torch", action="store_true")
    args = ap.parse_args()

    model = load_model_dir(resolve_model(args.model).path)
    engine = Engine(model, provider=args.provider)
    paths = [im.path for p in scan(args.products).products for im in p.images][: args.n]
    print(f"model {model.path.name}: {model.n_members} members, input {model.size} px; provider {engine.choice}; "
          f"{os.cpu_count()} CPU cores")

    t = time.perf_counter()
    batch = np.stack([load_input(p, model.size) for p in paths])
    print(f"decode + resize alone (1 thread):  {rate(len(paths), time.perf_counter() - t)}")

    engine.infer(batch[:32])
    t = time.perf_counter()
    for i in range(0, len(batch), 64):
        engine.infer(batch[i:i + 64])
    print(f"model alone, ONNX Runtime:         {rate(len(batch), time.perf_counter() - t)}")

    t = time.perf_counter()
    n = sum(1 for _ in run_images(engine, paths, batch=64))
    print(f"end to end, shared photos:         {rate(n, time.perf_counter() - t)}")

    with tempfile.TemporaryDirectory() as tmp:
        big = reencode(paths[: min(len(paths), 500)], Path(tmp))
        t = time.perf_counter()
        for p in big:
            load_input(p, model.size)
        print(f"decode + resize alone, 800 px:     {rate(len(big), time.perf_counter() - t)}")
        t = time.perf_counter()
        n = sum(1 for _ in run_images(engine, big, batch=64))
        print(f"end to end, 800 px re-encoded:     {rate(n, time.perf_counter() - t)}")

    if not args.no_torch:
        try:
            import torch
            from safetensors.torch import load_file

            from model.network import from_architecture
        except ImportError:
            print("PyTorch eager: not installed (pip install -e '.[train]')")
            return 0
        arch = model.manifest.get("training", {}).get("architecture", {})
        net = from_architecture(len(model.vocab), torch.from_numpy(model.masks), arch)
        net.load_state_dict({k: v.float() for k, v in load_file(str(model.weights_path)).items()})
        net.eval()
        x = torch.from_numpy(batch)
        with torch.no_grad():
            net(x[:32])
            t = time.perf_counter()
            for i in range(0, len(x), 64):
                net(x[i:i + 64])
        print(f"model alone, PyTorch eager:        {rate(len(x), time.perf_counter() - t)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
