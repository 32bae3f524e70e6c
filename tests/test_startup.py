"""Start-up order: the window is painted first; the library, the renderer and the session follow."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from reader.paths import UserDirs
from reader.render.service import RenderService
from reader.ui import app as app_module
from reader.ui.main_window import MainWindow
from reader.ui.reading_pane import Place

from .conftest import REPO, write
from .ui_helpers import close_window, open_and_wait, open_window


class PaintLog(QObject):
    """Notes each Paint event a widget receives."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.paints = 0
        self.on_first: Callable[[], object] | None = None
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
            if self.paints == 1 and self.on_first is not None:
                self.on_first()
        return False


def test_start_runs_once_after_the_first_paint(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    paints = PaintLog(widget)
    seen: list[int] = []
    app_module.after_first_paint(widget, lambda: seen.append(paints.paints), fallback_ms=60_000)
    qtbot.wait(50)
    assert seen == []  # not shown, not painted: nothing started yet
    widget.resize(300, 200)
    widget.show()
    qtbot.waitUntil(lambda: seen != [], timeout=10_000)
    assert seen[0] >= 1  # the window had been painted when the start came
    widget.update()
    widget.hide()
    widget.show()
    qtbot.waitUntil(lambda: paints.paints > seen[0], timeout=10_000)
    qtbot.wait(50)
    assert len(seen) == 1


def test_a_window_that_is_never_painted_is_started_anyway(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    seen: list[str] = []
    app_module.after_first_paint(widget, lambda: seen.append("started"), fallback_ms=20)
    qtbot.waitUntil(lambda: seen == ["started"], timeout=10_000)
    qtbot.wait(50)
    assert seen == ["started"]


def test_the_window_is_built_and_shown_without_the_parsers_and_the_search_engine() -> None:
    code = (
        "import sys; import reader.ui.app\n"
        "heavy = ('markdown', 'nh3', 'yaml', 'frontmatter', 'whoosh', "
        "'reader.library.loader', 'reader.search', 'reader.render.convert', "
        "'PySide6.QtPrintSupport')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "[]"


def test_a_real_start_paints_first_then_lists_problems_and_reopens_the_last_document(
    qtbot: QtBot,
    dirs: UserDirs,
    renderer: RenderService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    library = tmp_path / "lib"
    paragraphs = "\n\n".join(f"Paragraph {n} of a long text." for n in range(200))
    write(library / "long.en.md", f"# Long\n\n{paragraphs}\n")
    write(library / "long.es.md", f"# Largo\n\n{paragraphs}\n")
    write(library / "broken.en.md", "---\ntitle: [unclosed\n---\n\nText.\n")
    first = open_window(qtbot, dirs, renderer, [library])
    open_and_wait(qtbot, first, "long", "es")
    first.reader_view.go_to(Place(120, 0.0))
    close_window(first)

    seen: dict[str, object] = {}
    built: list[MainWindow] = []
    build_window = app_module.build_window

    def build_and_watch(*args: object, **kwargs: object) -> MainWindow:
        window = build_window(*args, **kwargs)  # type: ignore[arg-type]
        built.append(window)
        paints = PaintLog(window)
        paints.on_first = lambda: seen.setdefault("loading_at_first_paint", window.loading)
        return window

    def finish() -> None:
        window = built[0] if built else None
        if (
            window is None
            or window.reader_view.shown is None
            or not window.problems_view.problems()
        ):
            QTimer.singleShot(20, finish)
            return
        seen["shown"] = window.reader_view.shown.document.key
        seen["language"] = window.reader_view.shown_language
        seen["block"] = window.reader_view.place().block
        seen["problems"] = [p.path.name for _root, p in window.problems_view.problems()]
        seen["button"] = window.problems_button.isVisibleTo(window)
        window.close()

    monkeypatch.setattr(app_module, "build_window", build_and_watch)
    QTimer.singleShot(0, finish)
    QTimer.singleShot(60_000, QApplication.quit)  # never hang the suite
    assert app_module.run(dirs, [library]) == 0
    assert seen["loading_at_first_paint"] is False  # painted before the library was read
    assert seen["shown"] == "long"
    assert seen["language"] == "es"
    assert seen["block"] == 120
    assert seen["problems"] == ["broken.en.md"]
    assert seen["button"] is True
