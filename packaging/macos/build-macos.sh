#!/usr/bin/env bash
# macOS: emit-gui.app in a .dmg. Run on a Mac (Apple silicon or Intel) with Python 3.11+.
# There is no CUDA on macOS: this build uses the CPU package `onnxruntime` instead of
# onnxruntime-gpu (the two must never share an environment).
#
#   packaging/macos/build-macos.sh     -> build/emit-gui-<version>.dmg
set -euo pipefail
cd "$(dirname "$0")/../.."
B=$PWD/build
VERSION=$(python3 -c 'import re; print(re.search(r"__version__ = \"(.+?)\"", open("emit_gui/__init__.py").read())[1])')
python3 -m venv "$B/pyi-venv-mac"
"$B/pyi-venv-mac/bin/pip" install -q --upgrade pip
"$B/pyi-venv-mac/bin/pip" install -q pyinstaller onnxruntime
"$B/pyi-venv-mac/bin/pip" install -q --no-deps .
"$B/pyi-venv-mac/bin/pip" install -q pillow "sqlalchemy>=2" alembic platformdirs jieba numpy "pyside6-essentials>=6.6,<6.12"
# CJK font: macOS has PingFang, so the bundled font is optional; bundle Noto Sans CJK if given
mkdir -p "$B/font"
"$B/pyi-venv-mac/bin/python" - <<'PY'
from PIL import Image
Image.open("resources/icons/emit-gui.png").save("build/emit-gui.icns")
PY
EMIT_GUI_FONT_DIR=${EMIT_GUI_FONT_DIR:-$B/font} "$B/pyi-venv-mac/bin/pyinstaller" --noconfirm \
  --distpath "$B/dist" --workpath "$B/pyi" packaging/emit-gui.spec
# wrap the one-folder app as an .app bundle whose launcher opens the window
APP=$B/dist/emit-gui.app
rm -rf "$APP" && mkdir -p "$APP/Contents/MacOS" "$APP/Contents/Resources"
cp -R "$B/dist/emit-gui/" "$APP/Contents/MacOS/"
cp "$B/emit-gui.icns" "$APP/Contents/Resources/"
cat > "$APP/Contents/MacOS/emit-gui-launcher" <<'SH'
#!/bin/sh
exec "$(dirname "$0")/emit-gui" open "$@"
SH
chmod +x "$APP/Contents/MacOS/emit-gui-launcher"
cat > "$APP/Contents/Info.plist" <<PLIST
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
  <key>CFBundleName</key><string>emit-gui</string>
  <key>CFBundleIdentifier</key><string>io.emit-gui.app</string>
  <key>CFBundleVersion</key><string>$VERSION</string>
  <key>CFBundleShortVersionString</key><string>$VERSION</string>
  <key>CFBundleExecutable</key><string>emit-gui-launcher</string>
  <key>CFBundleIconFile</key><string>emit-gui.icns</string>
  <key>CFBundlePackageType</key><string>APPL</string>
  <key>NSHighResolutionCapable</key><true/>
  <key>LSMinimumSystemVersion</key><string>12.0</string>
</dict></plist>
PLIST
codesign --force --deep --sign "${CODESIGN_IDENTITY:--}" "$APP"
hdiutil create -volname emit-gui -srcfolder "$APP" -ov -format UDZO "$B/emit-gui-$VERSION.dmg"
echo "built $B/emit-gui-$VERSION.dmg"
