#!/usr/bin/env bash
# Smoke test of the Linux installer, as operations staff would meet it:
#  1. build the .deb (packaging/build-linux.sh);
#  2. a bare Debian (debootstrap --variant=minbase): apt installs the .deb, resolving Depends;
#     the installed emit-gui runs there (no Python, no fonts but what apt pulls in): --version,
#     predict on the bundled sample (checked against its answers), predict on PRODUCTS_DIR
#     if given, the window on a virtual screen (Xvfb) with a screenshot, then apt removes it
#     (its message says what stays; no "not empty" warnings) and purges it;
#  3. the trainer: emit-gui-setup-trainer from PyPI (pip's own configuration) into build/smoke,
#     then the installed app's retrain handed to it.
#
#   sudo packaging/smoke-test.sh [--no-build] [--skip-trainer] [PRODUCTS_DIR [PROFILE]]
#
# Needs root (debootstrap, chroot, mount), debootstrap, Xvfb, python3
# with venv, and access to Debian's mirror ($DEBIAN_MIRROR, default deb.debian.org) and PyPI.
# Every check that is not run is named in the summary at the end; any failure stops the script
# with a line saying which check. Output, screenshot included: build/smoke/. Too slow for CI
# (about 10 minutes); CI runs tests/test_packaging.py and tests/test_footprint.py.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=1
TRAINER=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --skip-trainer) TRAINER=0 ;;
    -*) echo "smoke-test: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
  shift
done
PRODUCTS=${1:-}
PROFILE=${2:-profile_zh.json}
S=$ROOT/build/smoke
SKIPPED=()
fail() { echo "SMOKE TEST FAILED: $*" >&2; exit 1; }
step() { echo; echo "== $*"; }
secs() { echo $(( $(date +%s) - $1 )); }

# checks before the slow parts: a missing data folder or tool fails now, loudly
[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, chroot and mount)"
for tool in debootstrap chroot Xvfb dpkg-deb python3; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt install debootstrap xvfb python3-venv)"
done
if [ -n "$PRODUCTS" ]; then
  [ -d "$PRODUCTS" ] || fail "products folder $PRODUCTS does not exist"
  n=$(find "$PRODUCTS" -mindepth 2 -maxdepth 2 -name "$PROFILE" | wc -l)
  [ "$n" -gt 0 ] || fail "no product in $PRODUCTS has a $PROFILE"
else
  SKIPPED+=("predict on a products folder of your own (pass PRODUCTS_DIR; the bundled sample is checked)")
fi

if [ "$BUILD" = 1 ]; then
  step "build"
  t=$(date +%s); packaging/build-linux.sh; echo "build: $(secs "$t") s"
else
  SKIPPED+=("build (--no-build: the newest build/emit-gui_*.deb is tested)")
fi
DEB=$(ls -t build/emit-gui_*.deb 2>/dev/null | head -n 1)
[ -n "$DEB" ] || fail "no build/emit-gui_*.deb; run without --no-build"
rm -rf "$S" && mkdir -p "$S"

# ---------------------------------------------------------------- 2. a bare Debian
B=$S/bare
cleanup() {
  [ -n "${XVFB:-}" ] && kill "$XVFB" 2>/dev/null || true
  for m in "$B/proc" "$B/tmp/.X11-unix"; do mountpoint -q "$m" 2>/dev/null && umount "$m"; done
  return 0
}
trap cleanup EXIT
step "bare Debian root (debootstrap --variant=minbase) in $B"
SUITE=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
t=$(date +%s)
debootstrap --variant=minbase "$SUITE" "$B" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" > "$S/debootstrap.log" 2>&1 \
  || { tail -n 20 "$S/debootstrap.log"; fail "debootstrap"; }
echo "debootstrap $SUITE: $(secs "$t") s, $(du -sh "$B" | cut -f1)"
cp /etc/resolv.conf "$B/etc/resolv.conf"
mount -t proc proc "$B/proc"
in_root() { chroot "$B" env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
in_root sh -c 'command -v python3 || command -v python || ls /usr/share/fonts' >/dev/null 2>&1 \
  && fail "the bare root is not bare (it has Python or fonts)"

step "apt installs the .deb into the bare root, resolving its Depends"
cp "$DEB" "$B/tmp/emit-gui.deb"
t=$(date +%s)
in_root apt-get update -qq > "$S/apt-update.log" 2>&1 || { cat "$S/apt-update.log"; fail "apt-get update in the bare root"; }
DEBIAN_FRONTEND=noninteractive in_root apt-get install -y --no-install-recommends /tmp/emit-gui.deb \
  > "$S/apt-install.log" 2>&1 || { tail -n 30 "$S/apt-install.log"; fail "apt-get install of the .deb in the bare root"; }
echo "apt-get install: $(secs "$t") s; $(grep -c '^Setting up' "$S/apt-install.log") packages set up:"
grep '^Setting up' "$S/apt-install.log" | awk '{print $3}' | tr '\n' ' '; echo
in_root dpkg -s emit-gui | grep -E "^(Status|Version|Installed-Size)"
in_root sh -c 'command -v python3 || command -v python' >/dev/null 2>&1 && fail "installing emit-gui pulled in a Python"
in_root sh -c 'test -L /usr/bin/emit-gui && test -f /usr/share/applications/emit-gui.desktop' || fail "launcher or menu entry missing"
# every library the bundle links against resolves in the bare root
# (as the app loads them: its own folder first; the CUDA provider's libraries are optional)
in_root sh -c 'export LD_LIBRARY_PATH=/opt/emit-gui/_internal; find /opt/emit-gui -name "*.so*" -type f |
  while read -r f; do ldd "$f" 2>/dev/null | grep "not found" | sed "s|^|$f: |"; done' \
  | grep -v "providers_cuda" > "$S/ldd-missing.txt" || true
if [ -s "$S/ldd-missing.txt" ]; then
  cat "$S/ldd-missing.txt"; fail "libraries of the bundle that the bare root lacks (above): add them to Depends or leave them out"
fi
echo "every library of the bundle resolves (CUDA provider aside)"

run_app() { in_root "$@"; }
step "emit-gui --version in the bare root"
run_app emit-gui --version | tee "$S/version.txt"
grep -q "^emit-gui " "$S/version.txt" && grep -q "inference: " "$S/version.txt" || fail "--version"

step "emit-gui predict on the bundled sample, checked against its answers"
SAMPLE=$(in_root sh -c 'ls -d /opt/emit-gui/_internal/resources/sample 2>/dev/null || ls -d /opt/emit-gui/resources/sample')
[ -n "$SAMPLE" ] || fail "the installed app has no bundled sample"
check_predictions() {  # products folder (host path), truth file name, predictions json
  python3 - "$@" <<'PY'
import json, sys
from pathlib import Path
products, truth_name, out = Path(sys.argv[1]), sys.argv[2], json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))
items = out["products"] if isinstance(out, dict) and "products" in out else out
items = items if isinstance(items, dict) else {p["pid"]: p for p in items}
right = total = 0
for pid, pred in items.items():
    truth = json.loads((products / pid / truth_name).read_text(encoding="utf-8"))
    want = {k: v for d in truth["imgs_tags"] for k, v in d.items()}
    got = {k: v for d in pred["imgs_tags"] for k, v in d.items()}
    assert set(got) == set(want), (pid, got, want)
    assert all(v in truth["optional_tags"] for v in got.values()), (pid, got)
    right += sum(got[k] == want[k] for k in want)
    total += len(want)
print(f"predict: {len(items)} products, {total} photos, {right} proposals equal the labels")
if total == 0:
    sys.exit("SMOKE TEST FAILED: predict proposed no photo at all (see the predict log)")
if right / total <= 0.5:
    sys.exit("SMOKE TEST FAILED: the installed model agrees with the labels on half the photos or fewer")
PY
}
run_app emit-gui predict "$SAMPLE" --out /tmp/sample-predictions.json 2>"$S/predict-sample.err" \
  || { cat "$S/predict-sample.err"; fail "predict on the sample"; }
tail -n 1 "$S/predict-sample.err"
cp "$B/tmp/sample-predictions.json" "$S/"
check_predictions "$B$SAMPLE" truth.json "$S/sample-predictions.json" || fail "predictions on the sample"

if [ -n "$PRODUCTS" ]; then
  step "emit-gui predict on 5 products of $PRODUCTS ($PROFILE), search, explain"
  mkdir -p "$B/tmp/products"
  for pid in $(find "$PRODUCTS" -mindepth 2 -maxdepth 2 -name "$PROFILE" -printf '%h\n' | sort | head -n 5); do
    cp -r "$pid" "$B/tmp/products/"
  done
  run_app emit-gui predict /tmp/products --profile "$PROFILE" --out /tmp/predictions.json 2>"$S/predict.err" \
    || { cat "$S/predict.err"; fail "predict on $PRODUCTS"; }
  tail -n 1 "$S/predict.err"
  cp "$B/tmp/predictions.json" "$S/"
  check_predictions "$B/tmp/products" "$PROFILE" "$S/predictions.json" || fail "predictions on $PRODUCTS"
  run_app emit-gui search /tmp/products "黑色" --profile "$PROFILE" --top 3 2>/dev/null | tee "$S/search.txt"
  grep -q "^top 3 of" "$S/search.txt" || fail "search"
  photo=$(cd "$B" && ls tmp/products/*/*.jpg | head -n 1)
  run_app emit-gui explain "/$photo" --tag 黑色 --out /tmp/heat.png || fail "explain"
  test -s "$B/tmp/heat.png" || fail "explain wrote no heat map"
fi

step "the review window on a virtual screen (xcb, Chinese, fonts: only what the bundle and apt brought)"
DISPLAY_NO=${XS_DISPLAY:-:95}
Xvfb "$DISPLAY_NO" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 & XVFB=$!
sleep 1
kill -0 "$XVFB" 2>/dev/null || fail "Xvfb did not start on $DISPLAY_NO (set XS_DISPLAY to a free one)"
mkdir -p "$B/tmp/.X11-unix" && mount --bind /tmp/.X11-unix "$B/tmp/.X11-unix"
in_root sh -c 'fc-list 2>/dev/null | grep -i -c cjk' > "$S/system-cjk-fonts.txt" || true
chroot "$B" env -i HOME=/root PATH=/usr/bin:/bin LANG=C.UTF-8 DISPLAY="$DISPLAY_NO" QT_QPA_PLATFORM=xcb \
  emit-gui open "$SAMPLE" --lang zh_CN --screenshot /tmp/window-zh.png > "$S/window.log" 2>&1 &
APP=$!
for _ in $(seq 1 60); do [ -s "$B/tmp/window-zh.png" ] && break; sleep 1; kill -0 "$APP" 2>/dev/null || break; done
wait "$APP" || { cat "$S/window.log"; fail "the window exited with an error"; }
cat "$S/window.log"
grep -q "no CJK font" "$S/window.log" && fail "the window found no CJK font"
[ -s "$B/tmp/window-zh.png" ] || fail "the window wrote no screenshot"
cp "$B/tmp/window-zh.png" "$S/window-zh.png"
python3 - "$B/root/.local/share/emit-gui/emit-gui.sqlite3" <<'PY' || fail "the window's proposer stored nothing"
import sqlite3, sys
n = sqlite3.connect(sys.argv[1]).execute("select count(*) from suggestions").fetchone()[0]
print(f"window: {n} proposals stored by the proposer process")
assert n > 0
PY
umount "$B/tmp/.X11-unix"; kill "$XVFB" 2>/dev/null || true; XVFB=

step "the footprint in the bare root: what the runs above wrote under /root"
(cd "$B/root" && find . -type f | sort) | tee "$S/root-files.txt"
grep -v -E "^\./\.(local/share|local/state|config|cache)/emit-gui/" "$S/root-files.txt" | grep -v -E "^\./\.(bashrc|profile)$" \
  | grep -q . && fail "files outside emit-gui's folders (above)"
[ -e "$B/root/.cache/Microsoft" ] && fail "ONNX Runtime telemetry files were written"

step "emit-gui --purge-user-data --yes: the user's folders go"
in_root emit-gui --purge-user-data --yes || fail "--purge-user-data"
left=$(cd "$B/root" && find . -path "*emit-gui*" | head -n 5)
[ -z "$left" ] || { echo "$left"; fail "--purge-user-data left files (above)"; }

step "uninstall: apt-get remove, then purge"
in_root apt-get remove -y emit-gui > "$S/apt-remove.log" 2>&1 || { cat "$S/apt-remove.log"; fail "apt-get remove"; }
sed -n '/emit-gui is removed/,/EMIT_GUI_TRAINER_DIR/p' "$S/apt-remove.log"
grep -q "emit-gui is removed" "$S/apt-remove.log" || fail "removal did not say what stays"
grep -i -E "not empty|warning" "$S/apt-remove.log" && fail "warnings on removal (above)"
in_root apt-get purge -y emit-gui > "$S/apt-purge.log" 2>&1 || { cat "$S/apt-purge.log"; fail "apt-get purge"; }
grep -i -E "not empty|warning" "$S/apt-purge.log" && fail "warnings on purge (above)"
[ -e "$B/opt/emit-gui" ] && { find "$B/opt/emit-gui" | head; fail "/opt/emit-gui is still there after purge"; }
echo "removed cleanly: /opt/emit-gui gone; the user's folders stay until removed as the message says"
cleanup
INSTALLED=$(( $(dpkg-deb -f "$DEB" Installed-Size) / 1024 ))
rm -rf "$B"

# ---------------------------------------------------------------- 3. the trainer
if [ "$TRAINER" = 1 ]; then
  step "emit-gui-setup-trainer from PyPI (this machine's pip configuration), into $S/trainer"
  K=$S/kit && mkdir -p "$K"
  dpkg-deb -x "$DEB" "$K"
  t=$(date +%s)
  EMIT_GUI_TRAINER_DIR=$S/trainer "$K/usr/bin/emit-gui-setup-trainer" 2>&1 | tee "$S/setup-trainer.log"
  echo "trainer set-up: $(secs "$t") s, $(du -sh "$S/trainer" | cut -f1)"
  [ -f "$S/trainer/emit-gui-trainer.json" ] || fail "the trainer set-up left no complete trainer"
  [ -e "$S/trainer.staging" ] && fail "the trainer set-up left its staging folder"
  step "the installed app's retrain, handed to that trainer"
  set +e
  env -i HOME="$S/home" PATH=/usr/bin:/bin LANG=C.UTF-8 EMIT_GUI_HOME="$S/home/emit" \
    EMIT_GUI_TRAINER_DIR="$S/trainer" "$K/opt/emit-gui/emit-gui" retrain > "$S/retrain.out" 2>&1; code=$?
  set -e
  cat "$S/retrain.out"
  grep -q "runs in the trainer" "$S/retrain.out" || fail "retrain was not handed to the trainer"
  grep -q -E "Traceback|No module named" "$S/retrain.out" && fail "retrain in the trainer failed to start"
  echo "retrain in the trainer: exit $code"
  step "retrain with a half-made trainer: one line saying so"
  mkdir -p "$S/broken/bin" && ln -s "$(command -v python3)" "$S/broken/bin/python"
  set +e
  env -i HOME="$S/home" PATH=/usr/bin:/bin LANG=C.UTF-8 EMIT_GUI_HOME="$S/home/emit" \
    EMIT_GUI_TRAINER_DIR="$S/broken" "$K/opt/emit-gui/emit-gui" retrain > "$S/retrain-broken.out" 2>&1; code=$?
  set -e
  cat "$S/retrain-broken.out"
  [ "$code" != 0 ] && [ "$(wc -l < "$S/retrain-broken.out")" = 1 ] && grep -q "emit-gui-setup-trainer" "$S/retrain-broken.out" \
    || fail "a broken trainer did not get a one-line answer"
else
  SKIPPED+=("trainer set-up and retrain (--skip-trainer)")
fi

step "summary"
echo "installer: $(du -h "$DEB" | cut -f1) ($DEB), ${INSTALLED} MB installed"
[ -d "$S/trainer" ] && echo "trainer: $(du -sh "$S/trainer" | cut -f1)"
echo "screenshot: $S/window-zh.png (look at it: Chinese tags must render)"
if [ ${#SKIPPED[@]} -gt 0 ]; then
  echo "NOT CHECKED in this run:"; printf '  - %s\n' "${SKIPPED[@]}"
fi
echo "smoke test passed"
