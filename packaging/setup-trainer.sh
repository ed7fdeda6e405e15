#!/bin/sh
# Make the trainer environment that an installed emit-gui hands `train` and `retrain` to.
#
#   emit-gui-setup-trainer            PyTorch for the CPU (about 1 GB)
#   emit-gui-setup-trainer --cuda     PyTorch with CUDA (about 5 GB), for an NVIDIA GPU
#
# Needs Python 3.11 or newer with venv, and access to PyPI (and download.pytorch.org for the
# CPU build). The environment goes to $EMIT_GUI_TRAINER_DIR, default
# ~/.local/share/emit-gui/trainer, where emit-gui looks for it.
set -eu
HERE=$(dirname "$(readlink -f "$0")")
DEST=${EMIT_GUI_TRAINER_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/emit-gui/trainer}
PY=${PYTHON:-python3}
if ! command -v "$PY" >/dev/null 2>&1; then
  echo "emit-gui-setup-trainer: needs Python 3.11+ (apt install python3 python3-venv)" >&2; exit 2
fi
if ! "$PY" -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "emit-gui-setup-trainer: $("$PY" --version 2>&1) found; needs 3.11+ with the venv module" >&2; exit 2
fi
WHEEL=$(ls "$HERE"/emit_gui-*.whl | head -n 1)
"$PY" -m venv "$DEST"
"$DEST/bin/pip" install -q --upgrade pip
if [ "${1:-}" = "--cuda" ]; then
  "$DEST/bin/pip" install "torch>=2.2" "torchvision>=0.17"
else
  "$DEST/bin/pip" install --index-url https://download.pytorch.org/whl/cpu "torch>=2.2" "torchvision>=0.17"
fi
"$DEST/bin/pip" install "$WHEEL[train]"
"$DEST/bin/python" -c "import torch, emit_gui; print('trainer ready: torch', torch.__version__)"
echo "emit-gui will use $DEST/bin/python for train and retrain"
