"""The other language is laid out ahead in a spare pane; a switch swaps it in, keeping the place."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.paths import UserDirs
from reader.render.service import RenderService
from reader.ui.reading_pane import Place, VersionDocument

from .ui_helpers import close_window, open_and_wait, open_window


@pytest.fixture
def window(qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path):
    win = open_window(qtbot, dirs, renderer, [bundled])
    yield win
    close_window(win)


def wait_prepared(qtbot: QtBot, window) -> VersionDocument:
    view = window.reader_view
    qtbot.waitUntil(view.prepared, timeout=10_000)
    return view.spare.version()


def test_the_other_language_waits_laid_out_and_a_switch_swaps_it_in(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    view = window.reader_view
    view.go_to(Place(20, 0.4))
    before = view.place()
    spare = view.spare
    doc = wait_prepared(qtbot, window)
    assert doc is view.shown.versions["es"]
    assert not spare.isVisible()
    assert spare.viewport().size() == view.primary.viewport().size()
    tops = doc.block_tops()
    old_primary = view.primary

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert view.primary is spare and spare.isVisible()
    assert view.primary.objectName() == "readingPane"
    assert spare.version() is doc
    assert doc.block_tops() is tops  # shown at the width it was laid out for
    assert view.place().block == before.block
    assert abs(view.place().fraction - before.fraction) < 0.05
    assert not old_primary.isVisible()
    assert view.spare is old_primary and old_primary.version().lang == "en"

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert view.primary is old_primary and view.shown_language == "en"
    assert view.place().block == before.block
    assert abs(view.place().fraction - before.fraction) < 0.05


def test_a_switch_before_the_other_language_is_ready_keeps_the_place(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "es")
    view = window.reader_view
    view.go_to(Place(25, 0.0))
    assert not view.prepared()
    window.toggle_language()
    assert view.shown_language == "en"
    assert view.primary.isVisible() and view.primary.version().lang == "en"
    assert view.place().block == 25


def test_after_a_resize_the_other_language_is_laid_out_again_at_the_new_width(
    window, qtbot: QtBot
) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    view = window.reader_view
    wait_prepared(qtbot, window)
    window.resize(900, 700)
    qtbot.waitUntil(lambda: view.primary.viewport().width() < 800, timeout=5000)
    view.go_to(Place(18, 0.0))
    doc = wait_prepared(qtbot, window)
    assert view.spare.viewport().size() == view.primary.viewport().size()
    tops = doc.block_tops()
    window.toggle_language()
    assert view.primary.version() is doc
    assert doc.block_tops() is tops
    assert view.place().block == 18


def test_side_by_side_takes_the_other_version_and_gives_it_back(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    view = window.reader_view
    doc = wait_prepared(qtbot, window)
    window.set_side_by_side(True)
    assert view.secondary.isVisible() and view.secondary.version() is doc
    assert view.spare.version() is None  # a text is shown in one pane at a time
    qtbot.wait(50)
    assert not view.prepared()
    window.set_side_by_side(False)
    assert wait_prepared(qtbot, window) is doc
    assert view.secondary.version() is None


def test_opening_another_document_leaves_no_old_version_in_the_spare_pane(
    window, qtbot: QtBot
) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    first = wait_prepared(qtbot, window)
    open_and_wait(qtbot, window, "open-data", "en")
    view = window.reader_view
    doc = wait_prepared(qtbot, window)
    assert doc is not first
    assert doc is view.shown.versions["es"]
    window.toggle_language()
    assert view.primary.version() is doc


def test_zooming_lays_the_other_language_out_again_in_the_new_size(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    view = window.reader_view
    wait_prepared(qtbot, window)
    window.comfort.zoom_by(2)
    doc = wait_prepared(qtbot, window)
    assert doc.defaultFont() == view.primary.font()
    view.go_to(Place(15, 0.0))
    tops = doc.block_tops()
    window.toggle_language()
    assert doc.block_tops() is tops
    assert view.place().block == 15


def test_laying_out_ahead_finds_what_the_pane_would(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    view = window.reader_view
    shown = view.shown.versions["en"]

    def same_as_shown() -> VersionDocument:
        document = VersionDocument(
            shown.rendered,
            lang="en",
            version=shown.version,
            base_dir=shown.base_dir,
            library_root=view.shown.library_root,
            palette=view.palette(),
        )
        document.setDefaultFont(view.primary.font())
        document.setTextWidth(view.primary.viewport().width())
        return document

    fresh = same_as_shown()
    steps = fresh.lay_out_ahead(0.0)  # a slice per block
    slices = 0
    while True:
        try:
            next(steps)
            slices += 1
        except StopIteration as done:
            assert done.value is True
            break
    assert slices >= fresh.blockCount()
    expected = same_as_shown()
    assert fresh.block_positions() == expected.block_positions()
    assert fresh.block_tops() == expected.block_tops()
    assert len(fresh.block_positions()) == len(shown.rendered.blocks)


def test_laying_out_ahead_stops_when_the_text_changes(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    shown = window.reader_view.shown.versions["en"]
    doc = VersionDocument(
        shown.rendered, lang="en", base_dir=None, library_root=None, palette=window.palette()
    )
    steps = doc.lay_out_ahead(0.0)
    next(steps)
    doc.setHtml("<p><a name='b0'></a>Changed.</p>")
    with pytest.raises(StopIteration) as done:
        while True:
            next(steps)
    assert done.value.value is False
    assert doc.block_positions() == [0]


def test_highlights_leave_a_pane_with_its_text(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    view = window.reader_view
    find_bar = window.search_panel.find_bar
    find_bar.open()
    qtbot.keyClicks(find_bar.field, "the")
    assert view.primary.extraSelections()
    highlighted = view.primary
    wait_prepared(qtbot, window)
    window.toggle_language()
    assert view.spare is highlighted
    open_and_wait(qtbot, window, "open-data", "es")
    assert view.spare is highlighted
    assert highlighted.extraSelections() == []  # its text is gone, and its highlights too
    qtbot.wait(50)  # the old versions are deleted now
    wait_prepared(qtbot, window)
    for _ in range(3):
        window.toggle_language()
        find_bar.field.setText("e")
        assert view.primary.extraSelections()
