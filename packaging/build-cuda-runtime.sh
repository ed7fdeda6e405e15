#!/usr/bin/env bash
# Build the optional add-on package emit-gui-cuda-runtime: the CUDA 13 and cuDNN 9 libraries
# that ONNX Runtime's CUDA provider needs, from NVIDIA's redistributable PyPI wheels, under
# /opt/emit-gui/cuda, where the installed app loads them from. With it a machine needs only the
# NVIDIA driver; without it, CUDA 13 and cuDNN 9 from NVIDIA's own packages, or the CPU.
#
#   packaging/build-cuda-runtime.sh      -> build/emit-gui-cuda-runtime_<version>_amd64.deb
#
# About 1.2 GB installed, which is why it is not in the main installer.
set -euo pipefail
cd "$(dirname "$0")/.."
B=$PWD/build
VERSION=$(python3 -c 'import re; print(re.search(r"__version__ = \"(.+?)\"", open("emit_gui/__init__.py").read())[1])')
ARCH=$(dpkg --print-architecture)
W=$B/cuda-wheels
rm -rf "$W" "$B/cuda-pkg" && mkdir -p "$W"
# the versions onnxruntime-gpu 1.31 is built against: CUDA 13.0, cuDNN 9
python3 -m pip download -q --no-deps --only-binary=:all: --dest "$W" \
  "nvidia-cublas==13.*" "nvidia-cuda-runtime==13.*" "nvidia-curand==10.*" "nvidia-cuda-nvrtc==13.*" \
  "nvidia-cudnn-cu13==9.*"
P=$B/cuda-pkg
mkdir -p "$P/DEBIAN" "$P/opt/emit-gui/cuda" "$P/usr/share/doc/emit-gui-cuda-runtime"
for whl in "$W"/*.whl; do
  python3 - "$whl" "$P/opt/emit-gui/cuda" <<'PY'
import sys, zipfile
from pathlib import Path
# what the CUDA provider loads: cuBLAS(Lt), cuRAND, the CUDA runtime, NVRTC (cuDNN's runtime-
# compiled engines) and cuDNN with its engine libraries; not cuFFT, cuSOLVER, static libraries
keep = ("libcublasLt.so", "libcublas.so", "libcurand.so", "libcudart.so", "libnvrtc.so", "libnvrtc-builtins.so",
        "libcudnn.so", "libcudnn_graph", "libcudnn_engines", "libcudnn_heuristic", "libcudnn_ops", "libcudnn_cnn")
out = Path(sys.argv[2])
with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        name = info.filename.rsplit("/", 1)[-1]
        if "/lib/" in info.filename and name.startswith(keep) and ".alt." not in name:
            (out / name).write_bytes(z.read(info))
    for info in z.infolist():
        if info.filename.endswith(("License.txt", "LICENSE.txt", "LICENSE")):
            (out.parent.parent.parent / "usr/share/doc/emit-gui-cuda-runtime" /
             (Path(sys.argv[1]).name.split("-")[0] + "-" + Path(sys.argv[1]).name.split("-")[1] + "-LICENSE.txt")
             ).write_bytes(z.read(info))
PY
done
SIZE=$(du -sk "$P/opt" | cut -f1)
cat > "$P/DEBIAN/control" <<CTRL
Package: emit-gui-cuda-runtime
Version: $VERSION
Section: graphics
Priority: optional
Architecture: $ARCH
Installed-Size: $SIZE
Depends: emit-gui (= $VERSION)
Maintainer: emit-gui developers <emit-gui@example.invalid>
Description: CUDA 13 and cuDNN 9 libraries for emit-gui's GPU inference
 NVIDIA's redistributable CUDA runtime, cuBLAS, cuRAND, NVRTC and cuDNN libraries, so that
 emit-gui runs its models on an NVIDIA GPU with only the NVIDIA driver installed.
 Licensed under the NVIDIA software licence agreements in /usr/share/doc.
CTRL
DEB=$B/emit-gui-cuda-runtime_${VERSION}_${ARCH}.deb
dpkg-deb --root-owner-group -Zzstd --build "$P" "$DEB" >/dev/null
echo "built $DEB: $(du -h "$DEB" | cut -f1) to download, $((SIZE / 1024)) MB installed"
