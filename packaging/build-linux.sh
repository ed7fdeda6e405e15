#!/usr/bin/env bash
# Build the Linux installer: a PyInstaller one-folder app inside a .deb.
#
#   packaging/build-linux.sh            -> build/emit-gui_<version>_amd64.deb
#
# Needs: Python 3.11+ built with a shared libpython, dpkg-deb, apt-get (to fetch the CJK font
# package; or set EMIT_GUI_FONT_SRC to a folder holding NotoSansCJK-Regular.ttc and its copyright
# file), and PyPI. Everything it makes lives under build/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
B=$ROOT/build
PY=${PYTHON:-python3}
VERSION=$("$PY" -c 'import re,sys; print(re.search(r"__version__ = \"(.+?)\"", open("emit_gui/__init__.py").read())[1])')
ARCH=$(dpkg --print-architecture)
mkdir -p "$B"

echo "== build environment (no PyTorch: the installer does not train; see packaging/README.md)"
if [ ! -x "$B/pyi-venv/bin/pyinstaller" ]; then
  "$PY" -m venv "$B/pyi-venv"
  "$B/pyi-venv/bin/pip" install -q --upgrade pip
fi
"$B/pyi-venv/bin/pip" install -q pyinstaller "$ROOT"
if "$B/pyi-venv/bin/python" -c "import torch" 2>/dev/null; then
  echo "build venv has torch; refusing (it would be bundled)" >&2; exit 1
fi

echo "== CJK font (Noto Sans CJK, SIL Open Font License 1.1), fetched now, never committed"
FONT=$B/font
rm -rf "$FONT" && mkdir -p "$FONT"
if [ -n "${EMIT_GUI_FONT_SRC:-}" ]; then
  cp "$EMIT_GUI_FONT_SRC/NotoSansCJK-Regular.ttc" "$FONT/"
  cp "$EMIT_GUI_FONT_SRC/copyright" "$FONT/LICENSE-NotoSansCJK.txt"
else
  (cd "$B" && rm -f fonts-noto-cjk_*.deb && apt-get download fonts-noto-cjk >/dev/null)
  dpkg-deb -x "$B"/fonts-noto-cjk_*.deb "$B/font-pkg"
  cp "$B/font-pkg/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc" "$FONT/"
  cp "$B/font-pkg/usr/share/doc/fonts-noto-cjk/copyright" "$FONT/LICENSE-NotoSansCJK.txt"
fi

echo "== PyInstaller one-folder app"
rm -rf "$B/dist/emit-gui"
EMIT_GUI_FONT_DIR=$FONT "$B/pyi-venv/bin/pyinstaller" --noconfirm --log-level WARN \
  --distpath "$B/dist" --workpath "$B/pyi" packaging/emit-gui.spec

echo "== trainer kit: the emit-gui wheel and the script that makes a trainer environment"
rm -rf "$B/wheel" && "$B/pyi-venv/bin/pip" wheel -q --no-deps -w "$B/wheel" "$ROOT"
mkdir -p "$B/dist/emit-gui/trainer"
cp "$B"/wheel/emit_gui-*.whl "$B/dist/emit-gui/trainer/"
cp packaging/setup-trainer.sh "$B/dist/emit-gui/trainer/setup-trainer.sh"
chmod 755 "$B/dist/emit-gui/trainer/setup-trainer.sh"

echo "== .deb"
PKG=$B/deb
rm -rf "$PKG" && mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/icons/hicolor/256x256/apps" "$PKG/usr/share/icons/hicolor/64x64/apps" "$PKG/usr/share/doc/emit-gui"
cp -a "$B/dist/emit-gui" "$PKG/opt/emit-gui"
# relative links: the package also works unpacked into a scratch root (the smoke test does that)
ln -s ../../opt/emit-gui/emit-gui "$PKG/usr/bin/emit-gui"
ln -s ../../opt/emit-gui/trainer/setup-trainer.sh "$PKG/usr/bin/emit-gui-setup-trainer"
cp packaging/linux/emit-gui.desktop "$PKG/usr/share/applications/"
cp resources/icons/emit-gui.png "$PKG/usr/share/icons/hicolor/256x256/apps/emit-gui.png"
cp resources/icons/emit-gui-64.png "$PKG/usr/share/icons/hicolor/64x64/apps/emit-gui.png"
cp packaging/linux/copyright "$PKG/usr/share/doc/emit-gui/copyright"
cat "$FONT/LICENSE-NotoSansCJK.txt" >> "$PKG/usr/share/doc/emit-gui/copyright"
INSTALLED_KB=$(du -sk "$PKG/opt" "$PKG/usr" | awk '{s+=$1} END {print s}')
install -m 755 packaging/linux/postrm "$PKG/DEBIAN/postrm"
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$INSTALLED_KB/" \
  packaging/linux/control.in > "$PKG/DEBIAN/control"
DEB=$B/emit-gui_${VERSION}_${ARCH}.deb
dpkg-deb --root-owner-group -Zxz --build "$PKG" "$DEB" >/dev/null
echo "built $DEB: $(du -h "$DEB" | cut -f1) to download, $((INSTALLED_KB / 1024)) MB installed"
