"""Building the real main window for tests and waiting for what the reader would see."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.paths import UserDirs
from reader.render.service import RenderService
from reader.ui.main_window import MainWindow
from reader.ui.settings import Settings


def open_window(
    qtbot: QtBot,
    dirs: UserDirs,
    renderer: RenderService,
    libraries: list[Path],
    *,
    size: tuple[int, int] | None = (1200, 800),
) -> MainWindow:
    window = MainWindow(Settings(dirs.config), dirs, renderer, libraries)
    qtbot.addWidget(window)
    if size:
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.load_libraries()
    qtbot.waitUntil(lambda: window.libraries != [], timeout=20_000)
    return window


def close_window(window: MainWindow) -> None:
    window.close()
    window.jobs.wait()


def open_and_wait(qtbot: QtBot, window: MainWindow, key: str, lang: str | None = None) -> None:
    """Open the document whose key is ``key`` (in any library) and wait until it shows."""
    if lang:
        window.set_reading_language(lang)
    entry = next(e for e in window.document_list.model.entries() if e.document.key == key)
    window.open_document(entry.doc_id)
    qtbot.waitUntil(
        lambda: (
            window.reader_view.shown is not None and window.reader_view.shown.doc_id == entry.doc_id
        ),
        timeout=20_000,
    )


def visible_text(window: MainWindow) -> str:
    return window.reader_view.primary.toPlainText()
