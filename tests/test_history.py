"""Back/forward history: the plain model, then the window's Alt+Left/Alt+Right."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from reader.paths import UserDirs
from reader.render.service import RenderService
from reader.ui.history import History, Stop
from reader.ui.reading_pane import Place

from .ui_helpers import close_window, open_and_wait, open_window

A = Stop("lib:a", "en", 3, 0.5)
B = Stop("lib:b", "es", 0, 0.0)
C = Stop("lib:c", "en", 7, 0.1)


def test_history_model_has_no_qt() -> None:
    saved = {k: v for k, v in sys.modules.items() if k == "reader.ui.history"}
    sys.modules.pop("reader.ui.history", None)
    sys.modules["PySide6"] = None  # type: ignore[assignment]
    try:
        import reader.ui.history  # noqa: F401
    finally:
        del sys.modules["PySide6"]
        sys.modules.update(saved)


def test_back_and_forward_walk_the_path() -> None:
    h = History()
    assert h.back(A) is None and h.forward(A) is None
    h.leave(A)  # A -> B
    h.leave(B)  # B -> C
    assert h.can_go_back() and not h.can_go_forward()
    assert h.back(C) == B
    assert h.back(B) == A
    assert h.back(A) is None
    assert h.forward(A) == B
    assert h.forward(B) == C
    assert h.forward(C) is None


def test_back_remembers_where_the_reader_scrolled_to() -> None:
    h = History()
    h.leave(A)
    scrolled = Stop("lib:b", "es", 12, 0.3)
    assert h.back(scrolled) == A
    assert h.forward(A) == scrolled


def test_a_new_jump_drops_the_forward_path() -> None:
    h = History()
    h.leave(A)
    h.leave(B)
    assert h.back(C) == B
    h.leave(B)
    assert not h.can_go_forward()
    assert h.back_stops() == [B, A]


def test_jumps_from_the_same_spot_are_one_entry_and_empty_spots_skipped() -> None:
    h = History()
    h.leave(None)
    assert not h.can_go_back()
    h.leave(A)
    h.leave(Stop("lib:a", "en", 3, 0.9))
    assert len(h.back_stops()) == 1
    # Back from where the entry already is goes further back, not nowhere.
    h.leave(B)
    assert h.back(B) == Stop("lib:a", "en", 3, 0.9)


def test_limit_and_forget() -> None:
    h = History(limit=3)
    for i in range(10):
        h.leave(Stop("lib:x", "en", i))
    assert [s.block for s in h.back_stops()] == [9, 8, 7]
    h.leave(A)
    h.forget("lib:x")
    assert h.back_stops() == [A]
    h.clear()
    assert not h.can_go_back()


# --- the window ------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path):
    win = open_window(qtbot, dirs, renderer, [bundled])
    yield win
    close_window(win)


def doc_id(window, key: str) -> str:
    return next(e.doc_id for e in window.document_list.model.entries() if e.document.key == key)


def wait_shown(qtbot: QtBot, window, key: str) -> None:
    qtbot.waitUntil(
        lambda: (
            window.reader_view.shown is not None
            and window.reader_view.shown.document.key == key
            and window.reader_view.shown.doc_id == window.document_list.current_id()
        ),
        timeout=20_000,
    )


def test_alt_left_returns_to_the_previous_document_and_place(window, qtbot: QtBot) -> None:
    assert not window.navigation.act_back.isEnabled()
    open_and_wait(qtbot, window, "action-plans", "en")
    window.reader_view.go_to(Place(15, 0.0))
    open_and_wait(qtbot, window, "transparency")
    assert window.navigation.act_back.isEnabled()
    assert window.navigation.act_back.toolTip() == "Back to National action plans"
    window.reader_view.go_to(Place(4, 0.0))

    qtbot.keyClick(window.reader_view.primary, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    wait_shown(qtbot, window, "action-plans")
    assert window.reader_view.place().block == 15
    assert window.navigation.act_forward.isEnabled()

    qtbot.keyClick(window.reader_view.primary, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    wait_shown(qtbot, window, "transparency")
    assert window.reader_view.place().block == 4
    assert not window.navigation.act_forward.isEnabled()


def test_back_after_a_jump_to_a_hit_returns_to_where_the_reader_was(window, qtbot: QtBot) -> None:
    """Opening a search hit is open_document with a place; Back undoes it."""
    open_and_wait(qtbot, window, "action-plans", "es")
    window.reader_view.go_to(Place(9, 0.0))
    window.open_document(doc_id(window, "action-plans"), Place(20, 0.0))
    qtbot.waitUntil(lambda: window.reader_view.place().block == 20, timeout=20_000)
    window.navigation.act_back.trigger()
    assert window.reader_view.place().block == 9
    assert window.reader_view.shown_language == "es"
    window.navigation.act_forward.trigger()
    assert window.reader_view.place().block == 20


def test_back_restores_the_reading_language(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "inclusion", "es")
    window.reader_view.go_to(Place(6, 0.0))
    open_and_wait(qtbot, window, "accountability")
    window.set_reading_language("en")  # a switch is not a jump; Back returns to what was seen
    window.navigation.go_back()
    wait_shown(qtbot, window, "inclusion")
    assert window.reader_view.shown_language == "es"
    assert window.reader_view.place().block == 6


def test_in_document_links_are_history(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    window.reader_view.go_to(Place(2, 0.0))
    pane = window.reader_view.primary
    window._follow_link(QUrl("#b18"), pane.version())
    assert window.reader_view.place().block == 18
    qtbot.keyClick(pane, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.reader_view.place().block == 2


def test_back_while_a_document_is_still_loading(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    window.reader_view.go_to(Place(11, 0.0))
    window.open_document(doc_id(window, "open-contracting"))
    window.navigation.go_back()  # before the new document has arrived
    wait_shown(qtbot, window, "action-plans")
    qtbot.wait(200)
    assert window.reader_view.shown.document.key == "action-plans"
    assert window.reader_view.place().block == 11
    window.navigation.go_forward()
    wait_shown(qtbot, window, "open-contracting")


def test_go_menu_lists_back_and_forward(window) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Go" in titles
    assert titles.index("&Go") < titles.index("&Help")


def test_reopening_the_same_spot_is_not_a_jump(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    window.reader_view.go_to(Place(7, 0.0))
    window.navigation.history.clear()
    window.open_document(doc_id(window, "action-plans"), window.reader_view.place())
    assert not window.navigation.act_back.isEnabled()
    window.open_document(doc_id(window, "action-plans"), Place(20, 0.0))
    assert window.navigation.act_back.isEnabled()


def test_back_from_a_hit_in_the_other_language_returns_in_the_reading_language(
    window, qtbot: QtBot
) -> None:
    """A search hit sets the hit's language, then opens it, in one go."""
    open_and_wait(qtbot, window, "action-plans", "en")
    window.reader_view.go_to(Place(9, 0.0))
    qtbot.wait(10)  # the reader reads for a moment
    window.set_reading_language("es")
    window.open_document(doc_id(window, "open-data"), Place(3, 0.0))
    wait_shown(qtbot, window, "open-data")
    window.navigation.go_back()
    wait_shown(qtbot, window, "action-plans")
    assert window.reader_view.shown_language == "en"
    assert window.reader_view.place().block == 9


def test_a_language_switch_on_its_own_is_not_undone_by_back(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    window.set_reading_language("es")
    qtbot.wait(10)  # later, the reader opens another document
    open_and_wait(qtbot, window, "open-data")
    window.navigation.go_back()
    wait_shown(qtbot, window, "action-plans")
    assert window.reader_view.shown_language == "es"
