"""Every CLI command over the hostile corpus: what each run must print, and must not.

A case is one ``emit-gui`` run. ``{C}`` in its arguments is the corpus folder, ``{T}`` a fresh
folder for its outputs. ``rc`` is 0 for runs that must finish their work (bad files named,
the rest done) and 2 for runs that must be refused in one line. ``expect`` are texts that must
appear in stdout + stderr (+ the file written by ``--out``): the culprit's name and what is
wrong with it. Every run also must not hang, print a traceback or exit with an internal error.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 90  # seconds; a hang is a run that goes past it


@dataclass(frozen=True)
class Case:
    id: str
    cls: str
    argv: tuple[str, ...]
    rc: int = 0
    expect: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    out_json: str | None = None  # an output file that must be valid UTF-8 JSON without NaN


P = "{C}/products"
GBK_ROOT = "{C}/misc/" + os.fsdecode("根目录".encode("gbk"))
M = "{C}/models"

# what a run over the whole products folder must name (inspect, the cheap check)
FOLDER_CULPRITS = (
    "bomb/bomb_0.png", "trunc/trunc_0.jpg", "trunc/trunc_1.png", "eps/eps_0.jpg",
    "fifo/profile.json", "deep/profile.json", "digits/profile.json", "huge/profile.json",
    "products/loop", "products/selflink", "products/parentlink", "imgfifo/imgfifo_0.jpg",
    "surrogate/profile.json", "twins/profile.json", "nested/profile.json", r"\xb2\xfa",
    "gbkphoto/", "meta_ztxt/meta_ztxt_0.png", "meta_itxt/meta_itxt_0.png", "meta_iccp/meta_iccp_0.png",
)
DECODE_CULPRITS = ("meta_ztxt/meta_ztxt_0.png", "meta_itxt/meta_itxt_0.png", "meta_iccp/meta_iccp_0.png",
                   "crc/crc_0.png", "trunc/trunc_0.jpg", "bomb/bomb_0.png")
NEVER_TRUNCATED = ("trail/trail_0.jpg:", "trail/trail_1.png:")  # bytes after the end marker, but they decode


def _model_refused(name: str, cls: str, why: str) -> Case:
    return Case(f"predict --model {name}", cls,
                ("predict", P, "--model", f"{M}/{name}", "--out", "{T}/p.json"), 2,
                (f"models/{name}", why, "refusing the model"))


CASES: list[Case] = [
    # ---- reading the folder: every problem named, exit 0
    Case("inspect", "folder", ("inspect", P), 0, FOLDER_CULPRITS, forbid=NEVER_TRUNCATED),
    Case("inspect --deep --json", "folder", ("inspect", P, "--deep", "--json"), 0,
         DECODE_CULPRITS + ("image_metadata_bomb", "JSON nested too deeply", "over 4,300 digits",
                            "not a regular file", "symbolic link loop", "tag_twin", "tag_bad_unicode")),
    Case("tags --json", "folder", ("tags", P, "--min-count", "1", "--json"), 0, ("red",)),
    # ---- the model over the folder: bad photos named, the others proposed
    Case("predict", "folder", ("predict", P, "--out", "{T}/p.json"), 0,
         DECODE_CULPRITS + ("good1_0.jpg", "\\\\xb2\\\\xfa"), forbid=NEVER_TRUNCATED, out_json="{T}/p.json"),
    Case("predict, NaN on dark photos", "model_nan",
         ("predict", P, "--model", f"{M}/nan_on_dark", "--out", "{T}/p.json"), 0,
         ("dark_0.jpg", "null"), out_json="{T}/p.json"),
    Case("evaluate", "folder", ("evaluate", P, "--json"), 0, ('"decoders"',)),
    Case("search", "folder", ("search", P, "红色", "--top", "5"), 0, DECODE_CULPRITS),
    Case("duplicates --json", "folder", ("duplicates", P, "--json"), 0, DECODE_CULPRITS + ('"pairs"',)),
    Case("export", "folder", ("export", P, "--out", "{T}/export", "--db", "{T}/store.sqlite3"), 0,
         ("final.json: a product folder cannot be named like that", "wrote"), out_json="{T}/export/final.json"),
    Case("explain a metadata bomb", "png_text_bomb",
         ("explain", f"{P}/meta_ztxt/meta_ztxt_0.png", "--tag", "红色"), 2,
         ("meta_ztxt_0.png", "metadata chunk")),
    Case("explain a pixel bomb", "decompression_bomb", ("explain", f"{P}/bomb/bomb_0.png", "--tag", "红色"), 2,
         ("bomb_0.png", "too many pixels")),
    Case("explain a FIFO", "fifo", ("explain", f"{P}/imgfifo/imgfifo_0.jpg", "--tag", "红色"), 2,
         ("imgfifo_0.jpg", "no such photo")),
    Case("explain, trailing bytes", "trailing_bytes",
         ("explain", f"{P}/trail/trail_0.jpg", "--tag", "红色", "--out", "{T}/heat.png"), 0, ("wrote",)),
    # ---- outputs that would land in an input
    Case("predict --out onto a profile", "output_in_input",
         ("predict", P, "--out", f"{P}/good1/profile.json"), 2, ("--out", "inside the input folder")),
    Case("predict --out through a link", "output_in_input",
         ("predict", P, "--out", "{C}/misc/into_input/p.json"), 2, ("inside the input folder",)),
    Case("explain --out onto the photo", "output_in_input",
         ("explain", f"{P}/good1/good1_0.jpg", "--tag", "红色", "--out", f"{P}/good1/good1_0.png"), 2,
         ("inside the folder of the photo",)),
    Case("export --out inside the input", "output_in_input",
         ("export", P, "--out", f"{P}/good1/x", "--db", "{T}/store.sqlite3"), 2, ("outside the input folder",)),
    Case("export --out holding a link into the input", "output_in_input",
         ("export", P, "--out", "{C}/misc/export_with_link", "--db", "{T}/store.sqlite3"), 2,
         ("is not empty and is not an earlier export",)),
    Case("export --out an earlier export holding a link", "output_in_input",
         ("export", P, "--out", "{C}/misc/earlier_export", "--db", "{T}/store.sqlite3"), 0, ("wrote",)),
    # ---- limits on sizes a user sets
    Case("tags --min-count -1", "limits", ("tags", P, "--min-count", "-1"), 2, ("--min-count",)),
    Case("tags --top-k 0", "limits", ("tags", P, "--top-k", "0"), 2, ("--top-k",)),
    Case("explain --size 0", "limits", ("explain", f"{P}/good1/good1_0.jpg", "--tag", "红色", "--size", "0"), 2,
         ("--size",)),
    Case("explain --size 100000", "limits",
         ("explain", f"{P}/good1/good1_0.jpg", "--tag", "红色", "--size", "100000"), 2, ("--size",)),
    Case("search --top 0", "limits", ("search", P, "红色", "--top", "0"), 2, ("--top",)),
    Case("retrain --epochs 0", "limits", ("retrain", "--epochs", "0"), 2, ("--epochs",)),
    Case("retrain --lr nan", "limits", ("retrain", "--lr", "nan"), 2, ("--lr",)),
    Case("evaluate, no labels", "evaluate_no_labels", ("evaluate", "{C}/misc/nolabels"), 2,
         ("misc/nolabels", "no labelled products")),
    # ---- stores
    Case("export --db foreign", "foreign_db",
         ("export", P, "--out", "{T}/e", "--db", "{C}/db/foreign.sqlite"), 2,
         ("foreign.sqlite", "not an emit-gui database", "customers")),
    Case("export --db text", "foreign_db", ("export", P, "--out", "{T}/e", "--db", "{C}/db/text.db"), 2,
         ("text.db", "not SQLite")),
    Case("export --db FIFO", "fifo", ("export", P, "--out", "{T}/e", "--db", "{C}/db/fifo.db"), 2,
         ("fifo.db", "not a regular file")),
    Case("export --db damaged", "damaged_db",
         ("export", P, "--out", "{T}/e", "--db", "{C}/db/damaged.sqlite3"), 2,
         ("damaged.sqlite3", "damaged", "quick_check")),
    Case("duplicates --db in a missing folder", "db_missing",
         ("duplicates", P, "--db", "{T}/typo/x.db"), 2, ("no such database",)),
    Case("export --db in a missing folder", "db_missing",
         ("export", P, "--out", "{T}/e", "--db", "{T}/typo/x.db"), 2, ("no such database",)),
    Case("inspect --json a GBK-named folder", "non_utf8_name", ("inspect", GBK_ROOT, "--json"), 0,
         (r'"root": "', r"\\xb8\\xf9",)),
    Case("export a GBK-named folder", "non_utf8_name", ("export", GBK_ROOT, "--out", "{T}/e"), 2,
         (r"\xb8\xf9", "not valid UTF-8")),
    Case("EMIT_GUI_HOME is a file", "env", ("inspect", P), 2, ("EMIT_GUI_HOME", "is a file"),
         env=(("EMIT_GUI_HOME", "{C}/misc/home_is_a_file"),)),
    Case("models with a broken version", "fifo", ("models",), 0, ("BROKEN", "manifest.json"),
         env=(("EMIT_GUI_HOME", "{T}/home_with_broken_version"),)),
    Case("models use a broken version", "fifo", ("models", "use", "v001-broken"), 2, ("v001-broken",),
         env=(("EMIT_GUI_HOME", "{T}/home_with_broken_version"),)),
    Case("open --db damaged", "damaged_db", ("open", P, "--db", "{C}/db/damaged.sqlite3"), 2,
         ("damaged.sqlite3", "PRAGMA quick_check")),
    Case("open --db foreign", "foreign_db", ("open", P, "--db", "{C}/db/foreign.sqlite"), 2,
         ("foreign.sqlite", "not an emit-gui database")),
    Case("retrain cleans stale staging", "retrain_staging", ("retrain", "--db", "{T}/store.sqlite3"), 2,
         ("removed 2 staging folder(s)", "usable decisions"), env=(("EMIT_GUI_HOME", "{T}/home_with_staging"),)),
] + [
    _model_refused(name, cls, why) for name, cls, why in (
        ("nan_outputs", "model_nan", "not finite"),
        ("nan_masks", "model_nan", "masks"),
        ("wrong_input_size", "model_mismatch", "input"),
        ("wrong_width", "model_mismatch", "2, 4"),
        ("wrong_members", "model_mismatch", "2 members"),
        ("garbage_onnx", "model_garbage", "cannot load"),
        ("external_data", "model_garbage", "external files"),
        ("pickle_weights", "model_pickle", "pickle"),
        ("size_0", "model_sizes", "input size"),
        ("size_minus5", "model_sizes", "input size"),
        ("size_100000", "model_sizes", "input size"),
        ("manifest_members_huge", "model_sizes", "members"),
        ("temperature_0", "model_calibration", "temperature"),
        ("temperature_nan", "model_calibration", "temperature"),
        ("manifest_fifo", "fifo", "not a regular file"),
        ("manifest_deep", "json_deep", "nested too deeply"),
    )
]


def prepare(corpus: Path, work: Path) -> None:
    """What some cases need beside the corpus: links into the input, an earlier export, homes
    holding a broken model version or retrain leftovers. (Made here, not hashed with the corpus
    where they hold outputs.)"""
    misc = corpus / "misc"
    if not (misc / "into_input").exists():
        os.symlink(corpus / "products" / "good1", misc / "into_input")
    if not (misc / "export_with_link").exists():
        (misc / "export_with_link").mkdir()
        os.symlink(corpus / "products" / "good1", misc / "export_with_link" / "good1")
    work.mkdir(parents=True, exist_ok=True)


def per_run(corpus: Path, out: Path) -> None:
    """Fresh state a single run may change: an earlier export holding a link into the input,
    data folders with a broken model version and with staging folders a killed retrain left."""
    earlier = corpus / "misc" / "earlier_export"
    if not earlier.exists():
        earlier.mkdir()
        (earlier / "final.json").write_text(json.dumps({"good1": {}}), encoding="utf-8")
        os.symlink(corpus / "products" / "good1", earlier / "good1")
    broken = out / "home_with_broken_version" / "data" / "models" / "v001-broken"
    broken.mkdir(parents=True, exist_ok=True)
    if not (broken / "manifest.json").exists():
        os.mkfifo(broken / "manifest.json")
    if not (out / "store.sqlite3").exists():
        shutil.copyfile(corpus / "db" / "empty.sqlite3", out / "store.sqlite3")
    models = out / "home_with_staging" / "data" / "models"
    for name in (".v002-x.staging-abc123", ".v003-y.old-4242"):
        (models / name).mkdir(parents=True, exist_ok=True)
        (models / name / "ensemble.onnx").write_bytes(b"\0" * 1024)


@dataclass
class Result:
    case: Case
    rc: int | None
    seconds: float
    stdout: str
    stderr: str
    written: str = ""
    failures: list[str] = field(default_factory=list)

    @property
    def hung(self) -> bool:
        return self.rc is None


def _fill(text: str, corpus: Path, out: Path) -> str:
    return text.replace("{C}", str(corpus)).replace("{T}", str(out))


def run_case(case: Case, corpus: Path, out: Path, home: Path) -> Result:
    out.mkdir(parents=True, exist_ok=True)
    per_run(corpus, out)
    env = dict(os.environ)
    env.update({"PYTHONPATH": str(REPO), "EMIT_GUI_HOME": str(home), "EMIT_GUI_PROVIDER": "cpu",
                "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"})
    env.pop("EMIT_GUI_DB", None)
    env.pop("EMIT_GUI_MODEL", None)
    env.update({k: _fill(v, corpus, out) for k, v in case.env})
    argv = [sys.executable, "-m", "emit_gui", *(_fill(a, corpus, out) for a in case.argv)]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(argv, env=env, capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL,
                              cwd=out)
        rc, so, se = proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired as exc:
        rc, so, se = None, exc.stdout or b"", exc.stderr or b""
    res = Result(case, rc, time.perf_counter() - t0, so.decode("utf-8", "replace"), se.decode("utf-8", "replace"))
    f = res.failures
    if rc is None:
        f.append(f"hung (no exit in {TIMEOUT} s)")
        return res
    for name, raw in (("stdout", so), ("stderr", se)):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            f.append(f"{name} is not valid UTF-8 ({exc})")
    if "Traceback" in res.stderr or "Traceback" in res.stdout:
        f.append("printed a traceback")
    if "internal error" in res.stderr:
        f.append("internal error")
    if rc != case.rc:
        f.append(f"exit {rc}, expected {case.rc}")
    if rc != 0 and len([ln for ln in res.stderr.splitlines() if ln.startswith("emit-gui: error")]) != 1:
        f.append("a refusal must be one 'emit-gui: error' line")
    if case.out_json and rc == 0:
        path = Path(_fill(case.out_json, corpus, out))
        try:
            raw = path.read_bytes()
            res.written = raw.decode("utf-8")
            json.loads(res.written, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(f"{c} in JSON")))
        except (OSError, ValueError) as exc:
            f.append(f"{path.name}: not valid UTF-8 JSON ({exc})")
    text = res.stdout + res.stderr + res.written
    for want in case.expect:
        if want not in text:
            f.append(f"does not say {want!r}")
    for bad in case.forbid:
        if bad in text:
            f.append(f"mentions {bad!r}, which it must not")
    return res


def summary(results: list[Result], planted: list, unchanged: bool) -> str:
    classes = ({p.cls for p in planted} | {r.case.cls for r in results}) - {"folder"}
    return (f"{len(results)} runs of {len({r.case.argv[0] for r in results})} commands over "
            f"{len(planted)} planted hostile files/folders; {len(classes)} classes in all; "
            f"hangs {sum(r.hung for r in results)}, "
            f"tracebacks {sum('printed a traceback' in r.failures for r in results)}, "
            f"internal errors {sum('internal error' in r.failures for r in results)}, "
            f"failed checks {sum(bool(r.failures) for r in results)}; inputs unchanged: {unchanged}; "
            f"{sum(r.seconds for r in results):.0f} s")


def main() -> int:
    import tempfile

    sys.path.insert(0, str(REPO))
    from tests.hostile.make_corpus import build, corpus_hashes

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        planted = build(corpus)
        prepare(corpus, Path(tmp) / "work")
        before = corpus_hashes(corpus)
        results = []
        for i, case in enumerate(CASES):
            r = run_case(case, corpus, Path(tmp) / "work" / f"run{i}", Path(tmp) / "home")
            results.append(r)
            mark = "ok  " if not r.failures else "FAIL"
            print(f"{mark} {r.seconds:5.1f} s  {case.id}: {'; '.join(r.failures)}", flush=True)
            if r.failures:
                print("      " + (r.stderr.strip().splitlines() or [""])[-1][:300])
        after = corpus_hashes(corpus)
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        changed = [k for k in changed if not k.startswith("misc/earlier_export")]
        for k in changed:
            print(f"CHANGED {k}: {before.get(k)} -> {after.get(k)}")
        print(summary(results, planted, not changed))
        print("classes: " + ", ".join(sorted(({p.cls for p in planted} | {c.cls for c in CASES}) - {"folder"})))
        return 1 if changed or any(r.failures for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
