"""Starting the GUI: the application object, settings, services and the main window."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

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

FIRST_PAINT_FALLBACK_MS = 2000


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


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, start: Callable[[], None], fallback_ms: int) -> None:
        super().__init__(window)
        self.window = window
        self.start = start
        window.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.window and event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            # Zero-timer: run once the whole paint cycle, children included, has returned.
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        if self.start is not None:
            start, self.start = self.start, None
            self.window.removeEventFilter(self)
            start()
            self.deleteLater()


def after_first_paint(
    window: QWidget, start: Callable[[], None], fallback_ms: int = FIRST_PAINT_FALLBACK_MS
) -> None:
    """Call ``start`` once ``window`` has been painted for the first time.

    A window that is never painted (started minimised, on another desktop) is
    started anyway after ``fallback_ms``.
    """
    _FirstPaint(window, start, fallback_ms)


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
    window = build_window(dirs, renderer, extra_libraries)
    instance.activation_requested.connect(lambda: bring_to_front(window))

    def start_services() -> None:
        window.load_libraries()
        threading.Thread(target=renderer.start, daemon=True, name="render-start").start()

    # The window comes first: reading the library and starting the render worker would
    # only compete with it for the processor, so they start once it has been painted.
    after_first_paint(window, start_services)
    startup_probe.install(window)  # only when a benchmark asks for start-up timing
    window.show()
    try:
        return app.exec()
    finally:
        window.jobs.wait()
        renderer.close()
        instance.release()
        crash.uninstall()
