"""Render the review window's main states to PNG files, offscreen, for a person to look at.

    python packaging/screenshots.py --products ../shared/datasets/products --out /tmp/shots

States: folder just opened (English), a product failing full cover, a zoomed photo, the
Chinese interface. Screenshots of shop photos are for looking at, never for committing; the
README's picture is taken of the generated sample (``--products resources/sample``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _slice(src: Path, dst: Path, n: int, profile: str) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    pids = sorted(p.name for p in src.iterdir() if p.is_dir())[:n]
    for pid in pids:
        shutil.copytree(src / pid, dst / pid)
    # plant one full-cover failure: a 3-option product that loses a photo
    for pid in pids:
        prof = json.loads((dst / pid / profile).read_text(encoding="utf-8"))
        if len(prof["optional_tags"]) == 3 and len(prof.get("imgs_tags", [])) == 3:
            prof["imgs_tags"] = prof["imgs_tags"][:2]
            (dst / pid / profile).write_text(json.dumps(prof, ensure_ascii=False), encoding="utf-8")
            return dst
    return dst


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--profile", default="profile_zh.json")
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--model")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="emit-shots-"))
    os.environ["EMIT_GUI_HOME"] = str(work / "home")
    src = Path(args.products)
    root = _slice(src, work / "products", args.n, args.profile) if (src / "manifest.jsonl").exists() else src

    from PySide6.QtCore import QSettings

    from emit_gui.store import open_store
    from emit_gui.ui.app import ensure_app, setup_fonts, setup_translation
    from emit_gui.ui.main_window import MainWindow

    app = ensure_app()

    def window(lang: str) -> MainWindow:
        setup_translation(app, lang)
        setup_fonts(app)
        w = MainWindow(open_store(work / "shots.db"), model_path=args.model, profile=args.profile, provider="auto",
                       settings=QSettings(str(work / "s.ini"), QSettings.Format.IniFormat))
        w.resize(1280, 820)
        w.show()
        w.open_folder(str(root))
        deadline = time.monotonic() + 300
        while (w.session is None or w.session.index.workspace_id < 0 or w.busy) and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        for _ in range(50):  # let thumbnails arrive
            app.processEvents()
            time.sleep(0.02)
        return w

    def settle():
        for _ in range(60):
            app.processEvents()
            time.sleep(0.02)

    w = window("en")
    w.grab().save(str(out / "1-opened.png"))
    flagged = [p.pid for p in w.session.products if w.session.status(p.pid).value == "flagged"]
    if flagged:
        w._select_pid(flagged[0])
        settle()
        w.grab().save(str(out / "2-cover-failure.png"))
    w.actions_["details"].trigger()
    settle()
    w.grab().save(str(out / "3-details.png"))
    w.actions_["details"].trigger()
    w.zoom_selected()
    settle()
    from emit_gui.ui.zoom import ZoomDialog

    for d in w.findChildren(ZoomDialog):
        d.grab().save(str(out / "4-zoom.png"))
        d.close()
    # find, duplicates, heat map
    def wait_idle(limit: float = 300):
        deadline = time.monotonic() + limit
        while w.busy and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        settle()

    w.find_panel.query.setText("黑白条纹" if "zh" in args.profile else "black stripe")
    w.search_photos(w.find_panel.query.text())
    wait_idle()
    w.grab().save(str(out / "6-find.png"))
    w.like_selected()
    wait_idle()
    w.grab().save(str(out / "7-like.png"))
    w.check_duplicates()
    wait_idle()
    w.grab().save(str(out / "8-duplicates.png"))
    w.find_panel.hide()
    w.zoom_selected(heat=True)
    wait_idle()
    for d in w.findChildren(ZoomDialog):
        if d.isVisible():
            d.grab().save(str(out / "9-heat-map.png"))
            d.close()
    w.close()
    w2 = window("zh_CN")
    w2.grab().save(str(out / "5-chinese.png"))
    w2.close()
    print("\n".join(str(p) for p in sorted(out.glob("*.png"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
