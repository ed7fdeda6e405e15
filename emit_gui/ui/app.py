"""Starting the Qt application: CJK font, translations, the window."""

from __future__ import annotations

import sys
from pathlib import Path

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
                "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "Droid Sans Fallback", "AR PL UMing CN")
LANGUAGES = ("system", "en", "zh_CN")


def ensure_app(argv: list[str] | None = None):
    import onnxruntime  # noqa: F401 - load ORT's libraries before Qt's (Windows DLL order)
    from PySide6.QtWidgets import QApplication

    # Workers (indexing, proposing) run Python too; a 1 ms GIL switch interval (default 5 ms)
    # hands the GUI thread the interpreter sooner, which keeps scrolling smooth while they work.
    sys.setswitchinterval(0.001)
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or [sys.argv[0]])
        app.setApplicationName("emit-gui")
        app.setOrganizationName("emit-gui")
    from emit_gui.ui.settings_store import keep_qt_settings_inside

    keep_qt_settings_inside()
    prewarm()
    return app


def prewarm() -> None:
    """Import what workers will need and load jieba's dictionary now, before the window shows.

    Done lazily in a worker, these stalled the GUI thread for up to 1.4 s: a worker importing
    a module holds its import lock (the GUI thread waits if it imports anything on the way),
    and jieba's dictionary load is one long call that keeps the interpreter to itself.
    """
    import emit_gui.export  # noqa: F401
    import emit_gui.inference.engine  # noqa: F401
    import emit_gui.inference.propose  # noqa: F401
    from emit_gui.tags import labels

    labels("藏青色T恤")


def setup_fonts(app) -> str | None:
    """Make Chinese render: bundled fonts first, then any installed CJK family. Returns the
    family used, or None (then Chinese may show as boxes, and the log says so)."""
    from PySide6.QtGui import QFont, QFontDatabase

    from emit_gui.paths import resources_dir

    for font_file in sorted((resources_dir() / "fonts").glob("*.[ot]t[fc]")):
        QFontDatabase.addApplicationFont(str(font_file))
    families = set(QFontDatabase.families())
    chosen = next((f for f in CJK_FAMILIES if f in families), None)
    if chosen is None:
        chosen = next((f for f in families if "CJK" in f or "Hei" in f or "Song" in f), None)
    if chosen:
        font = QFont(app.font())
        font.setFamilies([app.font().family(), chosen])
        app.setFont(font)
    else:
        print("emit-gui: no CJK font found; Chinese tags may not render (install fonts-noto-cjk)", file=sys.stderr)
    return chosen


def setup_icon(app) -> None:
    from PySide6.QtGui import QIcon

    from emit_gui.paths import resources_dir

    icons = resources_dir() / "icons"
    icon = QIcon()
    for name in ("emit-gui-64.png", "emit-gui.png"):
        if (icons / name).is_file():
            icon.addFile(str(icons / name))
    if not icon.isNull():
        app.setWindowIcon(icon)


def setup_translation(app, language: str | None = None) -> str:
    """Install the zh_CN or en translation; ``system`` follows the system language. In Chinese,
    Qt's own texts too (dialog buttons, file dialogs, text fields' context menus): Qt's
    ``qtbase_zh_CN.qm`` and, over it, ours for the few texts it leaves English (the file dialog's
    "Look in:", "Files of type:", "Folder")."""
    from PySide6.QtCore import QLocale, QTranslator

    from emit_gui.paths import resources_dir
    from emit_gui.ui.settings_store import open_settings

    lang = language or open_settings().value("language", "system")
    if lang == "system":
        lang = "zh_CN" if QLocale.system().name().startswith("zh") else "en"
    remove_translation(app)
    installed = []
    i18n = resources_dir() / "i18n"
    if lang != "en":  # Qt's own texts: dialog buttons (Yes, No, Cancel, OK), file dialogs
        folder = qt_translations_folder(lang)
        if folder is not None:
            installed.append((f"qtbase_{lang}", str(folder)))
        installed.append((f"qt_extra_{lang}", str(i18n)))
    installed.append((f"emit_gui_{lang}", str(i18n)))  # the last installed is asked first
    app._emit_translators = []  # keep them alive
    for name, folder in installed:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            app._emit_translators.append(translator)
    # dates, and file types in file dialogs (from the system's MIME database), in the same language
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if lang == "zh_CN"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return lang


def remove_translation(app) -> None:
    """Take out what setup_translation installed (a language switch; tests)."""
    from PySide6.QtCore import QLocale

    for translator in getattr(app, "_emit_translators", []):
        app.removeTranslator(translator)
    app._emit_translators = []
    QLocale.setDefault(QLocale.system())


def qt_translations_folder(lang: str):
    """Where Qt's own ``qtbase_<lang>.qm`` is: Qt's translations folder, the PySide6 wheel's
    (Linux/macOS ``Qt/translations``, Windows ``translations``), or a copy bundled beside ours (the
    installed app: packaging/emit-gui.spec puts it in resources/i18n)."""
    from pathlib import Path

    import PySide6
    from PySide6.QtCore import QLibraryInfo

    from emit_gui.paths import resources_dir

    package = Path(PySide6.__file__).resolve().parent
    for folder in (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), package / "Qt" / "translations",
                   package / "translations", resources_dir() / "i18n"):
        if folder and (Path(folder) / f"qtbase_{lang}.qm").is_file():
            return Path(folder)
    return None


PLATFORM_LIBRARIES = (  # what Qt's xcb plugin loads beyond a desktop's usual libraries
    ("xcb-cursor", "libxcb-cursor0"), ("xcb-icccm", "libxcb-icccm4"), ("xcb-keysyms", "libxcb-keysyms1"),
    ("xcb-image", "libxcb-image0"), ("xcb-render-util", "libxcb-render-util0"), ("xcb-shape", "libxcb-shape0"),
    ("xkbcommon-x11", "libxkbcommon-x11-0"),
)


def missing_platform_library() -> str | None:
    """The Debian/Ubuntu package Qt's xcb platform plugin needs and this system lacks, if any
    (without it Qt aborts with a long message about "xcb" instead of opening the window)."""
    import ctypes.util
    import os

    if not sys.platform.startswith("linux") or getattr(sys, "frozen", False):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None
    if not os.environ.get("DISPLAY") and os.environ.get("WAYLAND_DISPLAY"):
        return None
    missing = [package for lib, package in PLATFORM_LIBRARIES if ctypes.util.find_library(lib) is None]
    return " ".join(missing) or None


def run_window(path: str | None, *, db: str | None, model: str | None, profile: str, provider: str,
               language: str | None = None, screenshot: str | None = None) -> int:

    from emit_gui.store import open_store

    from emit_gui.memory import limit_malloc_arenas

    limit_malloc_arenas()  # before the worker threads start
    package = missing_platform_library()
    if package:
        from emit_gui.errors import UserError

        raise UserError(f"the window needs the system package(s) {package} (Debian/Ubuntu: sudo apt-get install {package})")
    app = ensure_app()
    setup_translation(app, language)
    setup_fonts(app)
    setup_icon(app)
    from emit_gui.ui.main_window import MainWindow

    from emit_gui.settings import current

    if not db and not current().db:
        from emit_gui.ui.team import saved_database

        db = saved_database() or None  # File > Database…, saved for this start
    store = open_store(db)
    window = MainWindow(store, model_path=model, profile=profile, provider=provider)
    window.resize(1280, 820)
    window.show()
    if path:
        window.open_folder(str(Path(path)))
    if screenshot:
        from PySide6.QtCore import QTimer

        def shoot():
            if window.busy:
                QTimer.singleShot(300, shoot)
                return
            window.grab().save(screenshot)
            window.close()

        QTimer.singleShot(500, shoot)
    code = app.exec()
    store.close()
    return code
