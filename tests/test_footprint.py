"""What emit-gui writes on a user's machine: only the folders README "What emit-gui stores, and
where" lists, and nothing from ONNX Runtime's telemetry (a device id and an event queue under
~/.cache/Microsoft, which its Linux build writes unless ORT_DISABLE_TELEMETRY is set before it
is imported).

The main commands run as separate processes (as a user runs them) with HOME, every XDG folder
and TMPDIR pointed into a temporary folder; afterwards every file there must lie in a listed
folder. Where strace works, every successful file-creating system call of those processes and
their children is also checked: none may touch a path outside the temporary folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "resources" / "sample"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders and strace: Linux")

# README "What emit-gui stores, and where", as folders relative to the temporary root
# (the settings of earlier versions in xdg-config/emit-gui are only read: nothing may be written there)
LISTED = ("xdg-data/emit-gui", "xdg-state/emit-gui", "xdg-cache/emit-gui")
CALLS = ("open", "openat", "creat", "mkdir", "mkdirat", "rename", "renameat", "renameat2", "link", "linkat",
         "symlink", "symlinkat", "unlink", "unlinkat", "rmdir", "truncate")
WRITES = re.compile(r"^(" + "|".join(CALLS) + r")\((.*)\)\s+=\s+(-?\d+)")


def _strace_works() -> str | None:
    if shutil.which("strace") is None:
        return "strace is not installed (Debian: apt install strace)"
    done = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "true"], capture_output=True, text=True)
    if done.returncode != 0:
        return f"strace cannot trace here: {done.stderr.strip()[:120]}"
    return None


def _prepare(root: Path) -> None:
    for sub in ("home", "xdg-data", "xdg-config", "xdg-state", "xdg-cache", "run", "tmp", "out", "trace"):
        (root / sub).mkdir(mode=0o700)
    # three products of the bundled sample: the window is done with them sooner than with twelve
    for pid in sorted(p.name for p in SAMPLE.iterdir() if p.is_dir())[:3]:
        shutil.copytree(SAMPLE / pid, root / "in" / pid)


def _run_commands(root: Path, trace: bool) -> list[Path]:
    """predict, inspect, export, --version and the window (offscreen, closed after a screenshot)."""
    sample = root / "in"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "HOME": str(root / "home"),
           "XDG_DATA_HOME": str(root / "xdg-data"), "XDG_CONFIG_HOME": str(root / "xdg-config"),
           "XDG_STATE_HOME": str(root / "xdg-state"), "XDG_CACHE_HOME": str(root / "xdg-cache"),
           "XDG_RUNTIME_DIR": str(root / "run"), "TMPDIR": str(root / "tmp"), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}  # bytecode is Python's, not emit-gui's
    out = root / "out"
    commands = [["--version"], ["inspect", str(sample)], ["predict", str(sample), "--out", str(out / "pred.json")],
                ["export", str(sample), "--out", str(out / "export")],
                ["open", str(sample), "--lang", "zh_CN", "--screenshot", str(out / "window.png")]]
    traces = []
    for i, args in enumerate(commands):
        cmd = [sys.executable, "-m", "emit_gui", *args]
        if trace:
            prefix = root / "trace" / f"{i}-{args[0].strip('-')}"
            cmd = ["strace", "-f", "-ff", "-qq", "-y", "-o", str(prefix),
                   "-e", "trace=" + ",".join(CALLS), *cmd]
            traces.append(prefix)
        done = subprocess.run(cmd, env=env, cwd=out, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, f"emit-gui {' '.join(args)}: {done.stderr[-800:]}"
    assert (out / "pred.json").stat().st_size > 0 and (out / "window.png").stat().st_size > 0
    assert (out / "export" / "final.json").is_file()
    return traces


TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(?:AT_FDCWD|\d+)<([^>]*)>')


def _written_paths(trace_file: Path, cwd: Path) -> list[str]:
    """The paths that successful file-creating calls in one process's strace log touched."""
    paths = []
    for line in trace_file.read_text(errors="replace").splitlines():
        m = WRITES.match(line)
        if not m or int(m.group(3)) < 0:
            continue
        call, args = m.group(1), m.group(2)
        if call in ("open", "openat") and not re.search(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC", args):
            continue
        resolved, base = [], str(cwd)
        for tok in TOKEN.finditer(args):  # a directory descriptor (strace -y: 3</dir>) applies to the next path
            if tok.group(2) is not None:
                base = tok.group(2)
                continue
            s = tok.group(1).encode().decode("unicode_escape")
            resolved.append(os.path.normpath(s if s.startswith("/") else os.path.join(base, s)))
            base = str(cwd)
        if not resolved:
            continue
        if call.startswith(("link", "symlink")):
            paths.append(resolved[-1])  # the new name; the first is only read (or a link's text)
        elif call.startswith("rename"):
            paths.extend(resolved)
        else:
            paths.append(resolved[0])
    return paths


def test_commands_write_only_where_the_readme_says(tmp_path):
    root = tmp_path / "fp"
    root.mkdir()
    why_not = _strace_works()
    _prepare(root)
    inputs = {p: p.stat().st_mtime_ns for p in (root / "in").rglob("*")}
    traces = _run_commands(root, trace=why_not is None)
    assert {p: p.stat().st_mtime_ns for p in (root / "in").rglob("*")} == inputs, "an input was changed"

    # 1. everything left under the temporary root is in a listed folder or the commands' outputs
    stray = [str(p.relative_to(root)) for p in root.rglob("*")
             if (p.is_file() or p.is_symlink()) and not str(p.relative_to(root)).startswith(("out/", "trace/", "in/"))
             and not any(str(p.relative_to(root)).startswith(f"{d}/") for d in LISTED)]
    assert not stray, f"written outside the folders README lists: {stray}"
    assert not list((root / "home").iterdir()), "something wrote straight into HOME (not an XDG folder)"
    assert not (root / "xdg-cache" / "Microsoft").exists(), "ONNX Runtime telemetry files were written"
    assert (root / "xdg-data" / "emit-gui" / "emit-gui.sqlite3").is_file()  # the listed folders are really used
    assert (root / "xdg-data" / "emit-gui" / "settings.ini").is_file()  # the window's settings, moved with the data

    # 2. nothing outside the temporary root at all (files only: devices, /proc and /sys are not storage)
    if why_not is not None:
        pytest.skip(f"checked the temporary folders only; the system-wide check needs strace: {why_not}")
    outside = set()
    for prefix in traces:
        for trace_file in prefix.parent.glob(prefix.name + ".*"):
            for path in _written_paths(trace_file, root / "out"):
                if not path.startswith((str(root) + "/", "/dev/", "/proc/", "/sys/")):
                    outside.add(path)
    assert traces and any(prefix.parent.glob(prefix.name + ".*") for prefix in traces)
    assert not outside, f"written outside the user's folders: {sorted(outside)}"
