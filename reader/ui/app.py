"""Starting the GUI: the application object, settings, services and the main window."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from reader import __version__
from reader.paths import UserDirs, bundled_library_dir, icon_path
from reader.render.service import RenderService
from reader.ui import startup_probe
from reader.ui.crash import CrashHandler
from reader.ui.i18n import InterfaceLanguage
from reader.ui.main_window import MainWindow
from reader.ui.settings import Settings
from reader.ui.single_instance import SingleInstance, bring_to_front

log = logging.getLogger(__name__)


def create_application(argv: list[str]) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else "lector", *argv])
    app.setApplicationName("lector")
    app.setApplicationDisplayName("Lector")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("lector")
    app.setWindowIcon(QIcon(str(icon_path())))
    return app


def build_window(
    dirs: UserDirs, renderer: RenderService, extra_libraries: list[Path] | None = None
) -> MainWindow:
    settings = Settings(dirs.config)
    InterfaceLanguage.of_application(settings).load()  # before the window: it opens translated
    roots = [bundled_library_dir(), *(extra_libraries or [])]
    return MainWindow(settings, dirs, renderer, roots)


def run(dirs: UserDirs, extra_libraries: list[Path]) -> int:
    app = create_application([])
    if dirs.portable:
        # Qt's own dialogs remember their state in the user's profile: keep it beside us.
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(dirs.config))
    crash = CrashHandler(app)
    crash.install()
    instance = SingleInstance(dirs.data, app)
    if not instance.acquire():
        if instance.notify_running():
            log.info("Lector is already running; brought its window forward")
            return 0
        print("lector: Lector is already running but does not answer.", file=sys.stderr)
        return 1
    renderer = RenderService()
    threading.Thread(target=renderer.start, daemon=True, name="render-start").start()
    window = build_window(dirs, renderer, extra_libraries)
    instance.activation_requested.connect(lambda: bring_to_front(window))
    window.show()
    window.load_libraries()
    startup_probe.install(window)  # only when a benchmark asks for start-up timing
    try:
        return app.exec()
    finally:
        window.jobs.wait()
        renderer.close()
        instance.release()
        crash.uninstall()
