"""The search dock and find bar on the real window: type, see results, open, F3, Back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QLineEdit, QListWidget, QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from reader.paths import UserDirs
from reader.render.service import RenderService
from reader.search import engine

from .conftest import write
from .ui_helpers import close_window, open_and_wait, open_window


def indexed(qtbot: QtBot, dirs: UserDirs, renderer: RenderService, libraries: list[Path]):
    window = open_window(qtbot, dirs, renderer, libraries)
    status = window.findChild(QLabel, "indexStatus")
    qtbot.waitUntil(
        lambda: "indexed" in status.text() or "damaged" in status.text(), timeout=60_000
    )
    return window


def type_query(qtbot: QtBot, window, text: str) -> QListWidget:
    box = window.findChild(QLineEdit, "searchBox")
    results = window.findChild(QListWidget, "searchResults")
    with qtbot.waitSignal(window.search_panel.search_finished, timeout=20_000):
        box.clear()
        qtbot.keyClicks(box, text)
    return results


def test_type_query_results_appear_and_open_hit(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path
) -> None:
    window = indexed(qtbot, dirs, renderer, [bundled])
    try:
        assert window.findChild(QDockWidget, "searchDock").isVisible()
        # Ctrl+K focuses the search box
        qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        box = window.findChild(QLineEdit, "searchBox")
        qtbot.waitUntil(box.hasFocus, timeout=5_000)

        results = type_query(qtbot, window, "rendicion de cuentas")
        assert results.count() > 0
        first = results.item(0).text()
        assert "Rendición de cuentas" in first and "[ES]" in first

        # start somewhere else, so Back has a place to return to
        open_and_wait(qtbot, window, "open-data", "en")
        before = window.reader_view.shown.doc_id

        results = type_query(qtbot, window, "compromisos")
        items = [results.item(i) for i in range(results.count())]
        item = next(i for i in items if i.data(Qt.ItemDataRole.UserRole + 10)[1].block > 3)
        _root, hit = item.data(Qt.ItemDataRole.UserRole + 10)
        results.itemActivated.emit(item)
        qtbot.waitUntil(
            lambda: (
                window.reader_view.shown is not None
                and window.reader_view.shown.doc_id.endswith(":" + hit.key)
            ),
            timeout=20_000,
        )
        assert window.reader_view.shown_language == "es"
        find_bar = window.findChild(QToolBar, "findBar")
        qtbot.waitUntil(lambda: bool(find_bar.spans), timeout=10_000)
        pane = window.reader_view.primary
        text = pane.toPlainText()
        start, end = find_bar.spans[find_bar.current]
        assert text[start:end].casefold() in {t.casefold() for t in hit.terms}
        # the current match is in the hit's block (or after it), and in view
        positions = pane.version().block_positions()
        assert start >= positions[hit.block]
        assert window.reader_view.place().block <= pane.version().block_positions().index(
            max(p for p in positions if p <= start)
        )
        count = window.findChild(QLabel, "findCount").text()
        assert "of" in count

        # F3 moves to the next match, Shift+F3 back
        current = find_bar.current
        qtbot.keyClick(pane, Qt.Key.Key_F3)
        assert find_bar.current == (current + 1) % len(find_bar.spans)
        qtbot.keyClick(pane, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
        assert find_bar.current == current

        # Back returns to where the reader was
        window.navigation.go_back()
        qtbot.waitUntil(lambda: window.reader_view.shown.doc_id == before, timeout=20_000)
        assert window.reader_view.shown_language == "en"  # as the reader was reading it
    finally:
        close_window(window)


def test_every_word_in_one_library_hides_the_others_partial_hits(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, tmp_path: Path
) -> None:
    budgets, notes = tmp_path / "budgets", tmp_path / "notes"
    write(budgets / "budget.en.md", "# Open budgets\n\nCitizens follow the budget of the city.\n")
    write(notes / "walks.en.md", "# Walks\n\nCitizens walk along the river every morning.\n")
    window = indexed(qtbot, dirs, renderer, [budgets, notes])
    try:
        notice = window.findChild(QLabel, "searchNotice")
        results = type_query(qtbot, window, "budget citizens")
        assert [results.item(i).text().split(" [")[0] for i in range(results.count())] == [
            "Open budgets"
        ]
        assert not notice.isVisible()
        # neither library has a version with both words: both show, and it is said
        results = type_query(qtbot, window, "budget river")
        assert results.count() == 2 and notice.isVisible() and "all the words" in notice.text()
    finally:
        close_window(window)


def test_refusal_and_notice_are_shown(
    qtbot: QtBot,
    dirs: UserDirs,
    renderer: RenderService,
    bundled: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = indexed(qtbot, dirs, renderer, [bundled])
    try:
        notice = window.findChild(QLabel, "searchNotice")
        results = type_query(qtbot, window, "*")
        assert results.count() == 0 and notice.isVisible() and "*" in notice.text()
        results = type_query(qtbot, window, "transparensy")
        assert results.count() == 0 and "transparency" in notice.text()
        results = type_query(qtbot, window, "NOT NOT datos")
        assert results.count() > 0
        # a prefix starting more words than are searched says so, and still finds
        monkeypatch.setattr(engine, "MAX_PREFIX_WORDS", 1)
        results = type_query(qtbot, window, "transp*")
        assert results.count() > 0 and "most common" in notice.text()
        results = type_query(qtbot, window, "transparency")
        assert "most common" not in notice.text()
        # language filter
        combo = window.search_panel.language
        with qtbot.waitSignal(window.search_panel.search_finished, timeout=20_000):
            combo.setCurrentIndex(1)  # EN
        assert all("[EN]" in results.item(i).text() for i in range(results.count()))
    finally:
        close_window(window)


def test_find_in_page_counts_accent_insensitively(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path
) -> None:
    window = open_window(qtbot, dirs, renderer, [bundled])
    try:
        open_and_wait(qtbot, window, "civic-participation", "es")
        pane = window.reader_view.primary
        qtbot.keyClick(pane, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        bar = window.findChild(QToolBar, "findBar")
        assert bar.isVisible()
        field = window.findChild(QLineEdit, "findField")
        qtbot.keyClicks(field, "participacion")
        expected = pane.toPlainText().casefold().count("participación")
        assert expected > 1
        assert len(bar.spans) >= expected
        assert window.findChild(QLabel, "findCount").text().endswith(str(len(bar.spans)))
        field.clear()
        qtbot.keyClicks(field, "zzzqqq")
        assert not bar.spans and window.findChild(QLabel, "findCount").text()
        qtbot.keyClick(field, Qt.Key.Key_Escape)
        assert not bar.isVisible()
    finally:
        close_window(window)


def test_damaged_index_rebuilt_with_notice(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path
) -> None:
    from reader.search import SearchIndex

    first = SearchIndex.for_library(dirs.data, bundled)
    from reader.library import load_library

    first.sync(load_library(bundled).versions())
    first.close()
    for path in first.dir.iterdir():
        if path.suffix in (".toc", ".seg"):
            path.write_bytes(b"broken")
    window = indexed(qtbot, dirs, renderer, [bundled])
    try:
        status = window.findChild(QLabel, "indexStatus")
        assert "damaged" in status.text()
        assert window.findChild(QToolButton, "cancelIndexing").isHidden()
        results = type_query(qtbot, window, "transparencia")
        assert results.count() > 0
    finally:
        close_window(window)
