"""Turn a training run saved with ``--save-run`` (on a GPU machine, say) into a model folder.

    python -m model.export_run RUN_DIR DATASET --profile profile.json --profile profile_zh.json --out DIR

The run holds the fp16 weights, the vocabulary, the member masks and the training record; the
validation photos are decoded here and the folder is written as ``emit-gui train`` writes it
(ONNX export checked against PyTorch, calibration fitted on the validation products).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import torch

from emit_gui.tags import Vocabulary
from model.data import decode_all, load_labelled
from model.network import from_architecture


def load_run(folder: Path):
    run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    vocab = Vocabulary.from_json(run["vocabulary"])
    masks = np.array(run["masks"], dtype=np.float32)
    info = run["training"]
    net = from_architecture(len(vocab), torch.from_numpy(masks), info.get("architecture"))
    if (folder / "weights.safetensors").is_file():
        from safetensors.torch import load_file

        state = load_file(str(folder / "weights.safetensors"))
    else:
        state = torch.load(folder / "weights.pt", map_location="cpu", weights_only=True)
    net.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in state.items()})
    return net.eval(), vocab, masks, info


def main(argv: list[str] | None = None) -> int:
    from model.export import write_model_dir

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run")
    ap.add_argument("dataset", help="the dataset whose validation products the run names")
    ap.add_argument("--profile", action="append", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--extra-manifest", help="JSON merged into the manifest")
    ap.add_argument("--command", help="the training command to record (the run's own, where it ran elsewhere)")
    ap.add_argument("--colour-from", metavar="DIR",
                    help="labelled products the run trained on (e.g. products_extra) to fit the colour decoder's "
                         "weight on, as `train` does; without it the folder decodes as cover")
    args = ap.parse_args(argv)
    net, vocab, masks, info = load_run(Path(args.run))
    if args.command:
        info = {**info, "command": args.command, "run_command": info.get("command")}
    by_pid = {p.pid: p for p in load_labelled([Path(args.dataset)], args.profile)}
    val = [by_pid[pid] for pid in info["val_products"]]
    x_val, bad = decode_all([path for p in val for path in p.paths], info["size"])
    if bad:
        raise SystemExit(f"{len(bad)} validation photos could not be decoded")
    extra = json.loads(Path(args.extra_manifest).read_text(encoding="utf-8")) if args.extra_manifest else None
    colour_fit = None
    if args.colour_from:
        from model.train import colour_fit_set

        fit_products = sorted(load_labelled([Path(args.colour_from)], args.profile), key=lambda p: p.pid)
        fit_products = [p for p in fit_products if p.pid not in set(info["val_products"])]
        chosen = colour_fit_set(fit_products, None, Path(args.colour_from).name)[1]
        x_fit, _bad = decode_all([path for p in chosen for path in p.paths], info["size"])
        colour_fit = (x_fit, chosen, Path(args.colour_from).name)
    write_model_dir(Path(args.out), net, vocab, masks, info["size"], info, x_val, val, args.profile, extra=extra,
                    colour_fit=colour_fit)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
