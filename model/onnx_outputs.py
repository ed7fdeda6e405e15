"""Extra outputs of the ensemble graph for search, duplicates and heat maps.

``features`` (B, D): the vector every head reads (pooled trunk features, the 4 x 4 colour grid,
the colour histogram), the photo's embedding for "photos like this one" and near-duplicates.
``fmap`` (B, 1280, h, w): the trunk's last feature map before pooling, from which the app draws
class activation maps with the heads' weights.

Both are tensors the graph computes anyway, so exposing them costs no arithmetic, and the
``probs`` output stays first and bit-identical. Applied after every export, and by
``python -m model.onnx_outputs MODEL_DIR`` to a model folder exported before they existed.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

FEATURES, FMAP = "features", "fmap"


def add_analysis_outputs(path: Path) -> bool:
    """Add the outputs in place; False if the graph already has them."""
    import onnx
    from onnx import helper

    model = onnx.load(str(path))
    graph = model.graph
    if {o.name for o in graph.output} >= {FEATURES, FMAP}:
        return False
    stale = [node for node in graph.node if set(node.output) & {FEATURES, FMAP}]  # half-done earlier
    for node in stale:
        graph.node.remove(node)
    for out in [o for o in graph.output if o.name in (FEATURES, FMAP)]:
        graph.output.remove(out)
    producers = {out: node for node in graph.node for out in node.output}
    gemm_inputs = {node.input[0] for node in graph.node if node.op_type == "Gemm"}
    if len(gemm_inputs) != 1:
        raise ValueError(f"{path}: expected every head to read one feature tensor, found {sorted(gemm_inputs)}")
    features = gemm_inputs.pop()
    concat = producers[features]
    pooled = producers.get(concat.input[0])
    if concat.op_type != "Concat" or pooled is None or pooled.op_type != "ReduceMean":
        raise ValueError(f"{path}: the head's input is not [pooled trunk, ...]; cannot find the feature map")
    fmap = pooled.input[0]
    graph.node.append(helper.make_node("Identity", [features], [FEATURES], name="emit_features"))
    graph.node.append(helper.make_node("Identity", [fmap], [FMAP], name="emit_fmap"))
    graph.output.append(helper.make_tensor_value_info(FEATURES, onnx.TensorProto.FLOAT, ["batch", None]))
    graph.output.append(helper.make_tensor_value_info(FMAP, onnx.TensorProto.FLOAT, ["batch", None, None, None]))
    onnx.checker.check_model(model, full_check=True)
    tmp = path.with_name(path.name + ".tmp")
    onnx.save(model, str(tmp))
    os.replace(tmp, path)
    return True


def upgrade_model_dir(folder: Path) -> None:
    """Add the outputs to a model folder's ensemble, check ``probs`` did not move, and rewrite
    the manifest's checksum (staged, then renamed)."""
    import numpy as np
    import onnxruntime as ort

    from emit_gui.hashing import sha256_file
    from emit_gui.inference.model_dir import MANIFEST, ONNX_FILE, load_model_dir

    model = load_model_dir(folder)  # verifies the checksums first
    onnx_path = folder / ONNX_FILE
    probe = np.random.default_rng(0).integers(0, 255, (4, 3, model.size, model.size), dtype=np.uint8)
    before = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"]).run(["probs"], {"images": probe})[0]
    backup = onnx_path.read_bytes()
    if not add_analysis_outputs(onnx_path):
        print(f"{folder}: already has the analysis outputs")
        return
    after = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"]).run(["probs"], {"images": probe})[0]
    if not np.array_equal(before, after):
        onnx_path.write_bytes(backup)
        raise SystemExit(f"{folder}: probs changed after adding outputs; left as it was")
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"][ONNX_FILE] = sha256_file(onnx_path)
    manifest.setdefault("outputs", [])
    manifest["outputs"] = ["probs", FEATURES, FMAP]
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)
    print(f"{folder}: added outputs {FEATURES}, {FMAP}; probs unchanged")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        upgrade_model_dir(Path(arg))
