"""The window remembers where the reader was, and survives a damaged settings file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.paths import UserDirs
from reader.render.service import RenderService
from reader.ui.reading_pane import Place
from reader.ui.settings import SETTINGS_FILE

from .conftest import write
from .ui_helpers import close_window, open_and_wait, open_window


def test_session_is_restored_after_a_restart(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path
) -> None:
    first = open_window(qtbot, dirs, renderer, [bundled], size=(780, 580))
    open_and_wait(qtbot, first, "action-plans", "es")
    first.reader_view.go_to(Place(14, 0.25))
    first.set_side_by_side(True)
    place = first.reader_view.place()
    first.resize(720, 540)
    close_window(first)

    second = open_window(qtbot, dirs, renderer, [bundled], size=None)
    view = second.reader_view
    qtbot.waitUntil(lambda: view.shown is not None, timeout=20_000)
    assert view.shown.document.key == "action-plans"
    assert view.shown_language == "es"
    assert view.side_by_side and second.act_side_by_side.isChecked()
    assert view.place().block == place.block
    assert abs(view.place().fraction - place.fraction) < 0.05
    assert (second.width(), second.height()) == (720, 540)
    assert second.document_list.current_id() == view.shown.doc_id
    close_window(second)


def test_damaged_settings_fall_back_to_defaults(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path
) -> None:
    write(
        dirs.config / SETTINGS_FILE,
        b"[reading]\nlanguage=klingon\nblock=-5\nfraction=banana\nsideBySide=maybe\n"
        b"document=nope:missing\n[window]\ngeometry=@ByteArray(\\x00garbage)\n\xff\xfe\x00junk",
    )
    window = open_window(qtbot, dirs, renderer, [bundled])
    assert window.reader_view.language == "en"
    assert not window.reader_view.side_by_side
    assert window.reader_view.shown is None
    assert window.isVisible()
    close_window(window)


def test_pathological_document_does_not_freeze_the_window(
    qtbot: QtBot, dirs: UserDirs, tmp_path: Path
) -> None:
    library = tmp_path / "lib"
    write(library / "hang.en.md", "# Hangs\n\n" + "[" * 20000)
    write(library / "fine.en.md", "# Fine\n\nAll good.")
    service = RenderService(base_timeout=1.5)
    try:
        window = open_window(qtbot, dirs, service, [library])
        entry = next(e for e in window.document_list.model.entries() if e.document.key == "hang")
        window.open_document(entry.doc_id)
        # While the worker churns, the window still handles input.
        qtbot.keyClicks(window.document_list.filter_box, "fi")
        assert window.document_list.filter_box.text() == "fi"
        qtbot.waitUntil(lambda: window.reader_view.shown is not None, timeout=20_000)
        assert window.reader_view.notice.isVisible()
        assert "plain text" in window.reader_view.notice.text()
        assert "[[[[" in window.reader_view.primary.toPlainText()
        close_window(window)
    finally:
        service.close()


def test_panels_come_back_where_the_reader_left_them(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path
) -> None:
    first = open_window(qtbot, dirs, renderer, [bundled], size=(900, 600))
    first.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, first.search_panel)
    first.problems_view.hide()
    close_window(first)

    second = open_window(qtbot, dirs, renderer, [bundled], size=None)
    assert second.dockWidgetArea(second.search_panel) == Qt.DockWidgetArea.RightDockWidgetArea
    assert second.problems_view.isHidden()
    close_window(second)
