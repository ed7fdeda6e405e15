#!/bin/sh
# Make the trainer environment that an installed emit-gui hands `train` and `retrain` to.
#
#   emit-gui-setup-trainer               PyTorch for the CPU where download.pytorch.org answers,
#                                        else PyPI's PyTorch (on x86_64 Linux that is the CUDA build)
#   emit-gui-setup-trainer --cuda        PyPI's PyTorch with CUDA, for a machine with an NVIDIA GPU
#   emit-gui-setup-trainer --wheels DIR  offline: every wheel from DIR, made on a connected machine
#                                        of the same kind with `pip wheel -w DIR -r REQS`
#   emit-gui-setup-trainer --print-requirements   REQS: what the trainer installs, one a line
#
# The trainer holds only what training needs: PyTorch, safetensors, onnx, the EfficientNet
# weights, the CPU onnxruntime, and the emit-gui code from the wheel beside this script; not
# Qt (the trainer opens no window), not onnxruntime-gpu, not torchvision (nothing imports it).
# Nor triton, which PyPI's torch pulls in for torch.compile (unused here).
# It is built in DEST.staging and moved to DEST only when it works, so an interrupted or failed
# run leaves the previous trainer (or none) in place, never a half-made one.
# DEST is $EMIT_GUI_TRAINER_DIR, default ${XDG_DATA_HOME:-~/.local/share}/emit-gui/trainer.
# Needs Python 3.11+ with venv (Debian: apt install python3 python3-venv).
set -eu
HERE=$(dirname "$(readlink -f "$0")")
DEST=${EMIT_GUI_TRAINER_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/emit-gui/trainer}
STAGE=$DEST.staging
PY=${PYTHON:-python3}
MODE=auto
WHEELS=
say() { echo "emit-gui-setup-trainer: $*" >&2; }
die() { say "$*"; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --cuda) MODE=cuda ;;
    --cpu) MODE=cpu ;;
    --print-requirements) MODE=print ;;
    --wheels) [ $# -ge 2 ] || die "--wheels needs a folder"; MODE=wheels; WHEELS=$(readlink -f "$2"); shift ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done

command -v "$PY" >/dev/null 2>&1 || die "needs Python 3.11+ (Debian/Ubuntu: sudo apt install python3 python3-venv)"
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
  || die "$("$PY" --version 2>&1) found; needs Python 3.11+ (set PYTHON to one)"
"$PY" -c 'import venv, ensurepip' 2>/dev/null \
  || die "$("$PY" --version 2>&1) has no venv/ensurepip (Debian/Ubuntu: sudo apt install python3-venv)"
WHEEL=$(ls "$HERE"/emit_gui-*.whl 2>/dev/null | head -n 1)
[ -n "$WHEEL" ] || die "no emit_gui-*.whl beside this script in $HERE"
if [ "$MODE" = wheels ]; then
  [ -d "$WHEELS" ] || die "--wheels $WHEELS: no such folder"
  ls "$WHEELS"/torch-*.whl >/dev/null 2>&1 || die "--wheels $WHEELS: no torch-*.whl in it"
fi

# What the trainer needs: the emit-gui wheel's own requirements and its [train] extra, less what
# only the window needs; onnxruntime-gpu becomes the CPU onnxruntime (the trainer checks exported
# models on the CPU). Read from the wheel so that it follows pyproject.toml.
REQS=$("$PY" - "$WHEEL" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
meta = z.read(next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))).decode()
for line in meta.splitlines():
    if not line.startswith("Requires-Dist:"):
        continue
    spec, _, marker = line.split(":", 1)[1].strip().partition(";")
    if "extra" in marker and not re.search(r"""extra\s*==\s*["']train["']""", marker):
        continue
    name = re.match(r"[A-Za-z0-9_.-]+", spec.strip()).group(0)
    key = re.sub(r"[-_.]+", "-", name).lower()
    if key in ("pyside6-essentials", "pyside6", "torchvision", "torch"):
        continue
    if key == "onnxruntime-gpu":
        spec = "onnxruntime" + spec.strip()[len(name):]
    print(spec.replace(" ", ""))
PY
)

if [ "$MODE" = print ]; then
  echo "torch>=2.2"
  echo "$REQS"
  exit 0
fi
ARCH=$(uname -sm)
CPU_INDEX=https://download.pytorch.org/whl/cpu
if [ "$MODE" = auto ]; then
  if [ "$ARCH" != "Linux x86_64" ]; then
    MODE=pypi  # PyPI's torch is the CPU build on aarch64 and macOS
  elif "$PY" -c "import urllib.request as u; u.urlopen('$CPU_INDEX/torch/', timeout=5)" >/dev/null 2>&1; then
    MODE=cpu
  else
    say "download.pytorch.org does not answer (5 s); taking PyPI's PyTorch, which on x86_64 Linux is the CUDA build (it runs on the CPU too)"
    MODE=pypi
  fi
elif [ "$MODE" = cuda ]; then
  MODE=pypi
fi
# sizes measured on x86_64 Linux, Python 3.11 (packaging/README.md, "Retraining")
case "$MODE:$ARCH" in
  cpu:*)            DOWN="about 300 MB"; DISK_MB=1200; WHAT="PyTorch CPU build from $CPU_INDEX" ;;
  pypi:"Linux x86_64") DOWN="about 2.8 GB"; DISK_MB=4900; WHAT="PyPI's PyTorch (CUDA build)" ;;
  pypi:*)           DOWN="about 300 MB"; DISK_MB=1200; WHAT="PyPI's PyTorch (CPU build)" ;;
  wheels:*)         DOWN="nothing (offline)"
                    if ls "$WHEELS"/torch-*+cpu*.whl >/dev/null 2>&1; then DISK_MB=1200; else DISK_MB=4900; fi
                    WHAT="the wheels in $WHEELS" ;;
esac
mkdir -p "$(dirname "$DEST")"
FREE_MB=$(df -Pk "$(dirname "$DEST")" | awk 'NR==2 {print int($4 / 1024)}')
say "making $DEST from $WHAT: download $DOWN, about $((DISK_MB / 100 * 100 / 1000)).$((DISK_MB / 100 % 10)) GB on disk ($((FREE_MB / 1024)) GB free)"
[ "$FREE_MB" -ge "$DISK_MB" ] || die "not enough free space in $(dirname "$DEST"): $FREE_MB MB free, about $DISK_MB MB needed"

if [ -e "$STAGE" ]; then
  say "removing a half-made trainer left by an earlier run: $STAGE"
  rm -rf "$STAGE"
fi
trap 'rm -rf "$STAGE"' EXIT
trap 'exit 130' INT TERM HUP
"$PY" -m venv "$STAGE"
PIP=pip_install
pip_install() {  # quiet; pip's complaint that triton (left out on purpose, below) is missing is dropped
  if "$STAGE/bin/python" -m pip install --disable-pip-version-check --no-input -q "$@" 2>"$STAGE/pip.err"; then
    rc=0; else rc=$?; fi
  grep -v -e "dependency resolver does not currently take into account" -e "requires triton" "$STAGE/pip.err" >&2 || true
  rm -f "$STAGE/pip.err"
  return $rc
}
FROM=
case "$MODE" in
  cpu)    FROM="--retries 1 --index-url $CPU_INDEX" ;;
  wheels) FROM="--no-index --find-links $WHEELS" ;;
esac
# torch without triton (0.9 GB; only torch.compile uses it, and training here does not)
# shellcheck disable=SC2086
$PIP $FROM --no-deps "torch>=2.2"
"$STAGE/bin/python" - "$STAGE/torch-requirements.txt" <<'PY'
import importlib.metadata as md, re, sys
reqs = [r for r in md.requires("torch") or [] if "extra ==" not in r
        and re.match(r"[A-Za-z0-9_.-]+", r).group(0).lower() != "triton"]
open(sys.argv[1], "w").write("\n".join(reqs) + "\n")
PY
# shellcheck disable=SC2086
$PIP $FROM -r "$STAGE/torch-requirements.txt"
rm -f "$STAGE/torch-requirements.txt"
# shellcheck disable=SC2086 - one requirement a line, none with spaces
if [ "$MODE" = wheels ]; then
  $PIP --no-index --find-links "$WHEELS" $REQS
  $PIP --no-index --no-deps "$WHEEL"
else
  $PIP $REQS
  $PIP --no-deps "$WHEEL"
fi
"$STAGE/bin/python" - "$STAGE/emit-gui-trainer.json" "$MODE" <<'PY'
import json, sys, datetime
import emit_gui, model, onnx, onnxruntime, safetensors, torch  # noqa: E401 - what training imports
json.dump({"emit_gui": emit_gui.__version__, "torch": torch.__version__, "source": sys.argv[2],
           "made": datetime.datetime.now().isoformat(timespec="seconds")}, open(sys.argv[1], "w"))
print(f"emit-gui-setup-trainer: checked: emit-gui {emit_gui.__version__}, torch {torch.__version__}", file=sys.stderr)
PY
# the venv was made at STAGE: its scripts' first lines and pyvenv.cfg name STAGE; point them at DEST
"$STAGE/bin/python" - "$STAGE" "$DEST" <<'PY'
import sys
from pathlib import Path
stage, dest = sys.argv[1], sys.argv[2]
for f in [*Path(stage, "bin").iterdir(), Path(stage, "pyvenv.cfg")]:
    if f.is_file() and not f.is_symlink():
        data = f.read_bytes()
        if data.startswith(b"#!") or f.name == "pyvenv.cfg":
            f.write_bytes(data.replace(stage.encode(), dest.encode()))
PY
# switch: the old trainer goes only once the new one is complete
rm -rf "$DEST.old"
[ -e "$DEST" ] && mv "$DEST" "$DEST.old"
mv "$STAGE" "$DEST"
trap - EXIT
rm -rf "$DEST.old"
say "trainer ready: $(du -sh "$DEST" | cut -f1) in $DEST; emit-gui train and retrain use it"
