"""Writing a model folder: ONNX ensemble, fine-tunable weights, calibration and a manifest.

A folder is staged beside its destination and renamed into place only when every file is
written, the ONNX graph passes ``onnx.checker`` and ONNX Runtime agrees with PyTorch on real
photos: an export that fails the comparison is never written, and Ctrl-C leaves nothing.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
import shutil
import tempfile
from pathlib import Path

import numpy as np
import torch

from emit_gui import __version__
from emit_gui.inference.calibration import Calibration, expected_calibration_error, fit_platt, fit_temperature
from emit_gui.inference.colour import SIGMA, colour_costs, colour_evidence, fit_weight, garment_colour
from emit_gui.inference.decoders import decode, mixed_costs
from emit_gui.hashing import sha256_file
from emit_gui.inference.model_dir import FORMAT_VERSION, MANIFEST, ONNX_FILE, WEIGHTS_FILE
from emit_gui.inference.network_layout import check_against_weights, parse_layout
from emit_gui.inference.scoring import member_costs, member_targets
from emit_gui.tags import Vocabulary

TOLERANCE = 1e-4  # max absolute difference of probabilities between ORT and PyTorch


class ExportMismatch(RuntimeError):
    pass


def export_onnx(model, size: int, path: Path) -> None:
    import onnx

    model = model.eval().to(memory_format=torch.contiguous_format)
    example = torch.zeros(2, 3, size, size, dtype=torch.uint8)
    torch.onnx.export(
        model, (example,), str(path), input_names=["images"], output_names=["probs"],
        dynamic_axes={"images": {0: "batch"}, "probs": {0: "batch"}}, opset_version=17, dynamo=False,
    )
    onnx.checker.check_model(onnx.load(str(path)), full_check=True)


def compare_with_torch(model, onnx_path: Path, images: np.ndarray) -> float:
    import onnxruntime as ort

    sess = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    with torch.no_grad():
        ref = model.eval()(torch.from_numpy(images)).numpy()
    got = sess.run(None, {"images": images})[0]
    diff = float(np.abs(ref - got).max())
    if not diff <= TOLERANCE:
        raise ExportMismatch(f"ONNX Runtime differs from PyTorch by {diff:.2e} (> {TOLERANCE:.0e}); not written")
    return diff


def ort_probs(onnx_path: Path, images: np.ndarray, batch: int = 128) -> np.ndarray:
    import onnxruntime as ort

    sess = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    return np.concatenate([sess.run(None, {"images": images[i:i + batch]})[0] for i in range(0, len(images), batch)])


def calibrate(probs: np.ndarray, products, profiles, vocab: Vocabulary, masks: np.ndarray, log=print,
              method: str = "marginal", decoder: dict | None = None, colours: list | None = None) -> dict:
    """Fit the temperature and the Platt map on one half of the validation products, report
    ECE on the other half, then refit on all of them for the shipped calibration.

    Also measures the auto-accept point: the lowest confidence at which the photos at or above
    it are still 99.5 % right, over every validation photo in every tag language, and how that
    threshold holds on products it was not measured on (fitted on one half, applied to the other).

    ``decoder``: the manifest's ``decoder`` block with a colour weight, and ``colours`` each
    validation photo's garment colour: the confidence is then fitted on what the colour decoder
    decodes and reads (the model's mean cost plus the colour cost), as the app runs it."""
    from emit_gui.inference.auto_accept import PRECISION, coverage_at_precision

    records = []  # (product index, mean costs, proposal, agree, truth)
    pos = 0
    for i, p in enumerate(products):
        n = len(p.paths)
        for prof in profiles:
            options, img_tags = p.tags[prof]
            costs = member_costs(probs[pos:pos + n], member_targets(vocab, masks, options))
            evidence = colour_evidence({"decoder": decoder}, colours[pos:pos + n], options) \
                if decoder is not None and colours is not None else None
            name = "colour" if evidence is not None else "cover"
            proposal = decode(costs, name, evidence).tags
            agree = (costs.argmin(axis=2) == proposal[None, :]).mean(axis=0)
            truth = np.array([options.index(t) for t in img_tags])
            records.append((i, mixed_costs(costs, evidence, name), proposal, agree, truth))
        pos += n

    def fit(recs) -> Calibration:
        t = fit_temperature([r[1] for r in recs], [r[4] for r in recs])
        cal = Calibration(temperature=t, method=method)
        feats = np.concatenate([cal.features(r[1], r[2], r[3]) for r in recs])
        correct = np.concatenate([r[2] == r[4] for r in recs])
        cal.a, cal.b, cal.c = fit_platt(feats, correct)
        return cal

    def scored(cal: Calibration, recs) -> tuple[np.ndarray, np.ndarray]:
        conf = np.concatenate([cal.confidence(r[1], r[2], r[3]) for r in recs])
        correct = np.concatenate([r[2] == r[4] for r in recs])
        return conf, correct

    half_a = [r for r in records if r[0] % 2 == 0]
    half_b = [r for r in records if r[0] % 2 == 1]
    report: dict = {}
    held = []  # (precision, share) of the threshold measured on one half, applied to the other
    if half_a and half_b:
        eces = []
        for fit_on, test_on in ((half_a, half_b), (half_b, half_a)):
            cal_h = fit(fit_on)
            eces.append(expected_calibration_error(*scored(cal_h, test_on)))
            _, t_h = coverage_at_precision(*scored(cal_h, fit_on), PRECISION)
            conf, correct = scored(cal_h, test_on)
            passed = conf >= t_h
            held.append((float(correct[passed].mean()) if passed.any() else 1.0, float(passed.mean())))
        report["ece_held_out"] = float(np.mean(eces))
    cal = fit(records) if records else Calibration(method=method)
    conf, correct = scored(cal, records) if records else (np.zeros(0), np.zeros(0, bool))
    report["ece_in_sample"] = expected_calibration_error(conf, correct)
    share, thr = coverage_at_precision(conf, correct, PRECISION)
    if np.isfinite(thr):
        report["auto_accept"] = {
            "threshold": thr, "precision": PRECISION, "coverage": share,
            "measured_on": f"{len(products)} validation products x {len(profiles)} tag languages, {len(conf)} photos",
        }
        if held:
            report["auto_accept"]["held_out"] = {
                "precision": float(np.mean([h[0] for h in held])), "coverage": float(np.mean([h[1] for h in held])),
                "note": "threshold measured on one half of the validation products, applied to the other; mean of both ways",
            }
    log(f"calibration ({method}): T={cal.temperature:.3f}  ECE held out {report.get('ece_held_out', float('nan')):.4f}; "
        f"auto-accept at {PRECISION:.1%}: threshold {thr:.4f}, {share:.1%} of photos")
    return {"calibration": cal.to_json(), **report}


def fit_colour_block(probs: np.ndarray, colours: list, products, profiles, vocab: Vocabulary, masks: np.ndarray,
                     temperature: float, source: str, log=print) -> dict | None:
    """The manifest's ``decoder`` block for the colour decoder, its weight fitted on labelled
    products the network may have trained on (:func:`emit_gui.inference.colour.fit_weight`), in
    the cost units of a model calibrated at ``temperature``; None where colour does not help
    (the model then decodes as ``cover``). ``probs``/``colours`` run over ``products``' photos
    in order, as ``calibrate`` reads them."""
    records, pos = [], 0
    for p in products:
        n = len(p.paths)
        for prof in profiles:
            options, img_tags = p.tags[prof]
            costs = member_costs(probs[pos:pos + n], member_targets(vocab, masks, options))
            records.append((costs.mean(axis=0), colour_costs(colours[pos:pos + n], options),
                            np.array([options.index(t) for t in img_tags])))
        pos += n
    if not records:
        return None
    fit = fit_weight(records)
    weight = fit.in_cost_units(temperature)
    log(f"colour evidence: log-likelihood of the true tags {fit.loglik_without:.1f} without, {fit.loglik:.1f} "
        f"with (tempered weight {fit.tempered}, {fit.photos} photo decisions): weight {weight:.4f} in cost units")
    if fit.tempered <= 0:
        return None
    return {"name": "colour", "colour": {
        "weight": round(weight, 4), "sigma": SIGMA, "tempered_weight": fit.tempered,
        "cover_temperature": round(temperature, 6),
        "fitted_on": f"{source}: {len(products)} products x {len(profiles)} tag languages, per-photo likelihood of "
                     "the true tag with the temperature free; anchors resources/tags/colour_anchors.tsv"}}


def garment_colours(images: np.ndarray) -> list:
    """Each model input's garment colour (what the app's colour decoder reads)."""
    return [garment_colour(a) for a in images]


def save_weights(model, path: Path) -> None:
    from safetensors.torch import save_file

    state = {k: v.detach().to(torch.float16 if v.is_floating_point() else v.dtype).contiguous()
             for k, v in model.state_dict().items()}
    save_file(state, str(path))


def network_block(model) -> dict:
    """The manifest's ``network``: the feature layout the heads read, checked here against the
    network's own tensors so that a folder this writes always loads."""
    block = model.layout()
    shapes = {k: list(v.shape) for k, v in model.state_dict().items()}
    check_against_weights(parse_layout(block), shapes, len(model.heads))
    return block


def write_model_dir(out: Path, model, vocab: Vocabulary, masks: np.ndarray, size: int, info: dict,
                    x_val: np.ndarray, val_products, profiles: list[str], log=print, extra: dict | None = None,
                    colour_fit: tuple[np.ndarray, list, str] | None = None) -> Path:
    """``colour_fit``: (model inputs, their labelled products, a name for them), the products the
    colour decoder's weight is fitted on (training products; never the validation ones). With it
    and validation products, the folder decodes with ``colour`` and its confidence is fitted on
    that decoder; without, it decodes as ``cover``. ``extra`` is merged last (a retrained model
    carries its base's ``decoder`` and calibration through it)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        onnx_path = stage / ONNX_FILE
        export_onnx(model, size, onnx_path)
        from model.onnx_outputs import FEATURES, FMAP, add_analysis_outputs

        add_analysis_outputs(onnx_path)  # search, duplicates and heat maps read these
        sample = x_val[:32] if len(x_val) else np.zeros((4, 3, size, size), np.uint8)
        diff = compare_with_torch(model, onnx_path, sample)
        log(f"ONNX export checked; ONNX Runtime matches PyTorch within {diff:.1e}")
        save_weights(model, stage / WEIGHTS_FILE)
        probs = ort_probs(onnx_path, x_val) if len(x_val) else np.zeros((0, len(masks), len(vocab)), np.float32)
        cal = calibrate(probs, val_products, profiles, vocab, masks, log=log) if val_products else {}
        if colour_fit is not None and val_products and len(colour_fit[0]):
            x_fit, fit_products, source = colour_fit
            block = fit_colour_block(ort_probs(onnx_path, x_fit), garment_colours(x_fit), fit_products, profiles,
                                     vocab, masks, cal["calibration"]["temperature"], source, log=log)
            if block is not None:  # the confidence refitted on what the colour decoder reads
                cal = {**calibrate(probs, val_products, profiles, vocab, masks, log=log, decoder=block,
                                   colours=garment_colours(x_val)), "decoder": block}
        manifest = {
            "format_version": FORMAT_VERSION,
            "emit_gui_version": __version__,
            "vocabulary": vocab.to_json(),
            "members": [{"index": k, "labels_kept": int(m[:-1].sum()), "mask": m.astype(int).tolist()}
                        for k, m in enumerate(masks)],
            "input": {"size": size, "dtype": "uint8", "layout": "NCHW", "letterbox_pad": [255, 255, 255],
                      "normalisation": "in graph: (x - 127) / 128"},
            "onnx_vs_torch_max_abs_diff": diff,
            "outputs": ["probs", FEATURES, FMAP],
            "network": network_block(model),
            "training": info,
            "created": datetime.now(timezone.utc).isoformat(),
            **cal,
            **(extra or {}),
        }
        files = {}
        for f in (ONNX_FILE, WEIGHTS_FILE):
            files[f] = sha256_file(stage / f)
        manifest["files"] = files
        with open(stage / MANIFEST, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        old = None
        if out.exists():
            old = out.with_name(f".{out.name}.old-{os.getpid()}")
            os.replace(out, old)
        os.replace(stage, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return out
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
