"""The main window driven as a reader would: list, open, toggle, side by side, restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTreeView
from pytestqt.qtbot import QtBot

from reader.paths import UserDirs
from reader.render.service import RenderService
from reader.ui.document_list import DOC_ID_ROLE, LANGUAGES_ROLE
from reader.ui.reading_pane import Place

from .ui_helpers import close_window, open_and_wait, open_window, visible_text


@pytest.fixture
def window(qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path):
    win = open_window(qtbot, dirs, renderer, [bundled])
    yield win
    close_window(win)


def listed_titles(window) -> list[str]:
    view: QTreeView = window.findChild(QTreeView, "documentList")
    model = view.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_list_shows_documents_with_language_badges(window) -> None:
    titles = listed_titles(window)
    assert len(titles) == 9
    assert titles == sorted(titles, key=str.casefold)
    view: QTreeView = window.findChild(QTreeView, "documentList")
    model = view.model()
    langs = {model.index(r, 0).data(): model.index(r, 1).data(LANGUAGES_ROLE) for r in range(9)}
    assert langs["Beneficial ownership transparency"] == ("en",)
    assert sum(1 for v in langs.values() if v == ("en", "es")) == 8
    tip = model.index(titles.index("Beneficial ownership transparency"), 1).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert "no Spanish version" in tip


def test_current_document_stays_in_sight_when_the_list_gets_shorter(window, qtbot: QtBot) -> None:
    window.resize(1000, 340)  # shorter than the nine documents
    view: QTreeView = window.findChild(QTreeView, "documentList")
    model = view.model()
    qtbot.waitUntil(lambda: view.viewport().height() < model.rowCount() * view.sizeHintForRow(0))
    last = model.index(model.rowCount() - 1, 0)
    window.document_list.select(last.data(DOC_ID_ROLE), emit=False)

    def in_sight() -> bool:
        return view.viewport().rect().contains(view.visualRect(last))

    qtbot.waitUntil(in_sight)
    # the list loses height at its foot, as when the find bar opens under it
    before = view.viewport().height()
    view.setFixedHeight(view.height() - 3 * view.sizeHintForRow(0))
    qtbot.waitUntil(lambda: view.viewport().height() < before)
    assert in_sight()


def test_titles_follow_the_reading_language(window) -> None:
    window.set_reading_language("es")
    titles = listed_titles(window)
    assert "La transparencia en la práctica" in titles
    assert "Beneficial ownership transparency" in titles  # English-only falls back


def test_filter_ignores_case_and_accents(window, qtbot: QtBot) -> None:
    window.set_reading_language("es")
    qtbot.keyClicks(window.document_list.filter_box, "PARTICIPACION CIUDADANA")
    titles = listed_titles(window)
    assert "Participación ciudadana: de la consulta a la cocreación" in titles
    assert len(titles) < 9
    window.document_list.filter_box.clear()
    assert len(listed_titles(window)) == 9


def test_open_document_in_spanish(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "transparency", "es")
    text = visible_text(window)
    assert "transparencia" in text.lower()
    assert window.language_toggle.checked() == "es"
    assert "Lector" in window.windowTitle()


def scroll_to_block(window, block: int) -> None:
    window.reader_view.go_to(Place(block, 0.0))


def top_block_text(window, pane) -> str:
    doc = pane.version()
    place = pane.place()
    return doc.findBlock(doc.block_positions()[place.block]).text()


def test_toggle_keeps_the_same_block_in_view(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    pane = window.reader_view.primary
    scroll_to_block(window, 20)
    before = pane.place()
    assert before.block == 20
    assert pane.verticalScrollBar().value() > 0
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.reader_view.shown_language == "es"
    pane = window.reader_view.primary  # the switch may bring the spare pane forward
    assert pane.isVisible()
    assert pane.version().lang == "es"
    assert pane.place().block == 20
    assert abs(pane.place().fraction - before.fraction) < 0.05
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    pane = window.reader_view.primary
    assert pane.isVisible()
    assert pane.version().lang == "en"
    assert pane.place().block == 20


def test_toggle_keeps_place_inside_a_long_block(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    window.reader_view.go_to(Place(12, 0.5))
    before = window.reader_view.place()
    window.toggle_language()
    after = window.reader_view.place()
    assert after.block == before.block
    assert abs(after.fraction - before.fraction) < 0.1


def test_side_by_side_aligns_and_scrolls_together(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    qtbot.keyClick(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    view = window.reader_view
    assert view.secondary.isVisible()
    assert view.secondary.objectName() == "sideBySideView"
    assert (view.primary.version().lang, view.secondary.version().lang) == ("en", "es")
    reachable = [
        i
        for i, top in enumerate(view.primary.version().block_tops())
        if top < view.primary.verticalScrollBar().maximum()
        and view.secondary.version().block_tops()[i] < view.secondary.verticalScrollBar().maximum()
    ]
    assert len(reachable) > 20
    for block in (5, 17, reachable[-1]):
        scroll_to_block(window, block)
        assert view.primary.place().block == block
        assert view.secondary.place().block == block
    # Scrolling the right-hand pane moves the left one too, once the reader is there.
    qtbot.mouseClick(view.secondary.viewport(), Qt.MouseButton.LeftButton)
    view.secondary.go_to(Place(9, 0.0))
    assert view.primary.place().block == 9
    qtbot.keyClick(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not view.secondary.isVisible()


def test_english_only_document_says_what_is_missing(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "beneficial-ownership", "es")
    view = window.reader_view
    assert view.shown_language == "en"
    assert "beneficial" in visible_text(window).lower()
    assert view.notice.isVisible()
    assert "Spanish" in view.notice.text()
    assert not window.language_toggle.buttons["es"].isEnabled()
    window.set_side_by_side(True)
    assert "no Spanish version" in view.secondary.toPlainText()
    window.set_side_by_side(False)


def test_twenty_thousand_void_qt_calls_do_not_crash(qtbot: QtBot) -> None:
    # PySide6 6.12.0 dropped a reference to None on every void call and aborted
    # Python 3.11 after a few thousand; this keeps that version out for good.
    for _ in range(20_000):
        QApplication.processEvents()
