"""Glossary terms in the window: marked text, popup on hover and focus, the panel, the menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel, QPushButton, QTextBrowser
from pytestqt.qtbot import QtBot

from reader.paths import UserDirs
from reader.render.service import RenderService
from reader.ui.glossary_panel import GlossaryPanel
from reader.ui.reading_pane import ReadingPane

from .conftest import write
from .ui_helpers import close_window, open_and_wait, open_window

EN = """---
title: Glossary check
translationKey: glosa
---
Every commitment needs accountability and open data.

See [open data](https://example.org) and `open data`; the committee met.
"""
ES = """---
title: Prueba del glosario
translationKey: glosa
---
Los compromisos exigen rendiciones de cuentas y datos abiertos.
"""


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    write(root / "glosa.en.md", EN)
    write(root / "glosa.es.md", ES)
    return root


@pytest.fixture
def window(qtbot: QtBot, dirs: UserDirs, renderer: RenderService, library: Path):
    win = open_window(qtbot, dirs, renderer, [library])
    yield win
    close_window(win)


def marks(pane: ReadingPane) -> list[tuple[str, str]]:
    """(href, text) of every glossary link in the pane, and checks each looks marked."""
    out = []
    block = pane.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.anchorHref().startswith("gloss:"):
                assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
                out.append((fmt.anchorHref(), fragment.text()))
            it += 1
        block = block.next()
    return out


def term_point(pane: QTextBrowser, href: str) -> QPoint:
    """The middle of the first glossary link to ``href``, in viewport coordinates."""
    block = pane.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(pane.document())
                cursor.setPosition(fragment.position() + fragment.length() // 2)
                return pane.cursorRect(cursor).center()
            it += 1
        block = block.next()
    raise AssertionError(f"{href} is not in the pane")


def click_link(qtbot: QtBot, browser: QTextBrowser, href: str) -> None:
    cursor = QTextCursor(browser.document())
    cursor.setPosition(browser.document().characterCount() - 1)
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=term_point(browser, href))


def popup(window) -> QFrame:
    return window.findChild(QFrame, "glossaryPopup")


def panel(window) -> GlossaryPanel:
    found = window.findChild(QDockWidget, "glossaryPanel")
    assert isinstance(found, GlossaryPanel)
    return found


def popup_text(window) -> str:
    return popup(window).findChild(QLabel, "glossaryPopupText").text()


def test_terms_are_marked_in_both_languages(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "glosa", "en")
    assert marks(window.reader_view.primary) == [
        ("gloss:commitment", "commitment"),
        ("gloss:accountability", "accountability"),
        ("gloss:open-data", "open data"),
    ]
    window.set_reading_language("es")
    assert marks(window.reader_view.primary) == [
        ("gloss:commitment", "compromisos"),
        ("gloss:accountability", "rendiciones de cuentas"),
        ("gloss:open-data", "datos abiertos"),
    ]


def test_hover_shows_the_definition_in_the_reading_language(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "glosa", "es")
    pane = window.reader_view.primary
    glossary = window.glossary.glossary()
    qtbot.mouseMove(pane.viewport(), term_point(pane, "gloss:accountability"))
    qtbot.waitUntil(lambda: popup(window).isVisible(), timeout=5000)
    entry = glossary.get("accountability")
    assert popup_text(window) == entry.sides["es"].short
    term = popup(window).findChild(QLabel, "glossaryPopupTerm").text()
    assert term == "rendición de cuentas"
    other = popup(window).findChild(QLabel, "glossaryPopupOther").text()
    assert "accountability" in other
    assert popup(window).accessibleDescription() == entry.sides["es"].short
    # The pointer can travel onto the popup, and it stays; moving away closes it.
    qtbot.mouseMove(popup(window), QPoint(20, 20))
    qtbot.wait(800)
    assert popup(window).isVisible()
    qtbot.mouseMove(pane.viewport(), QPoint(2, 2))
    qtbot.waitUntil(lambda: not popup(window).isVisible(), timeout=5000)


def test_keyboard_focus_shows_the_popup_and_esc_closes_it(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "glosa", "en")
    pane = window.reader_view.primary
    window.activateWindow()
    pane.setFocus()
    qtbot.waitUntil(pane.hasFocus, timeout=5000)
    qtbot.keyClick(pane, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: popup(window).isVisible(), timeout=5000)
    commitment = window.glossary.glossary().get("commitment")
    assert popup_text(window) == commitment.sides["en"].short
    assert pane.hasFocus()  # the popup never takes the focus from the text
    qtbot.keyClick(pane, Qt.Key.Key_Tab)
    accountability = window.glossary.glossary().get("accountability")
    qtbot.waitUntil(lambda: popup_text(window) == accountability.sides["en"].short)
    qtbot.keyClick(pane, Qt.Key.Key_Escape)
    assert not popup(window).isVisible()
    # Enter on the focused term shows it again; Enter once more opens the panel there.
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: popup(window).isVisible(), timeout=5000)
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel(window).isVisible(), timeout=5000)
    assert panel(window).current_id == "accountability"


def test_more_opens_the_panel_at_the_entry_in_both_languages(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "glosa", "es")
    pane = window.reader_view.primary
    qtbot.mouseMove(pane.viewport(), term_point(pane, "gloss:commitment"))
    qtbot.waitUntil(lambda: popup(window).isVisible(), timeout=5000)
    assert not panel(window).isVisible()
    more = popup(window).findChild(QPushButton, "glossaryMore")
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel(window).isVisible(), timeout=5000)
    assert not popup(window).isVisible()
    dock = panel(window)
    assert dock.current_id == "commitment"
    text = dock.detail.toPlainText()
    entry = window.glossary.glossary().get("commitment")
    assert entry.sides["es"].term in text and entry.sides["en"].term in text
    assert text.index(entry.sides["es"].term) < text.index(entry.sides["en"].term)
    assert entry.sides["en"].long.split("\n")[0][:60] in text
    # Related terms are links inside the panel.
    related = entry.related[0]
    click_link(qtbot, dock.detail, f"gloss:{related}")
    qtbot.waitUntil(lambda: dock.current_id == related)
    assert window.glossary.glossary().get(related).sides["es"].term in dock.detail.toPlainText()


def test_panel_filter_matches_either_language_without_accents(window, qtbot: QtBot) -> None:
    window.glossary.open_entry("transparency", "en")
    dock = panel(window)
    qtbot.keyClicks(dock.filter_box, "rendicion")
    assert dock.visible_ids() == ["accountability"]
    dock.filter_box.clear()
    qtbot.keyClicks(dock.filter_box, "OPEN data")
    assert "open-data" in dock.visible_ids()
    assert "transparency" not in dock.visible_ids()


def test_click_only_mode_ignores_hover(window, qtbot: QtBot) -> None:
    window.glossary.set_mode("click")
    assert window.settings.text("glossary/mode") == "click"
    open_and_wait(qtbot, window, "glosa", "en")
    pane = window.reader_view.primary
    point = term_point(pane, "gloss:open-data")
    qtbot.mouseMove(pane.viewport(), point)
    qtbot.wait(800)
    assert not popup(window).isVisible()
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: popup(window).isVisible(), timeout=5000)
    assert popup_text(window) == window.glossary.glossary().get("open-data").sides["en"].short


def test_marking_can_be_turned_off_from_the_view_menu(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "glosa", "en")
    pane = window.reader_view.primary
    assert marks(pane)
    off = window.glossary.mode_actions["off"]
    assert off in window.glossary.menu.actions()
    assert window.glossary.menu.menuAction() in window.menu_view.actions()
    off.trigger()
    qtbot.waitUntil(lambda: marks(window.reader_view.primary) == [], timeout=10_000)
    assert "accountability" in window.reader_view.primary.toPlainText()
    window.glossary.mode_actions["hover"].trigger()
    qtbot.waitUntil(lambda: marks(window.reader_view.primary) != [], timeout=10_000)


def test_library_glossary_overrides_and_problems_are_listed(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, library: Path
) -> None:
    write(
        library / "glossary.yaml",
        """entries:
  - id: accountability
    en: {term: accountability, short: Our library's own definition., long: Ours.}
  - id: committee
    exact: true
    en: {term: committee, short: A group that meets.}
  - id: broken
    en: {forms: [no term]}
""",
    )
    window = open_window(qtbot, dirs, renderer, [library])
    try:
        open_and_wait(qtbot, window, "glosa", "en")
        assert "1" in window.statusBar().currentMessage()
        assert "glossary" in window.statusBar().currentMessage().lower()
        pane = window.reader_view.primary
        assert ("gloss:committee", "committee") in marks(pane)
        qtbot.mouseMove(pane.viewport(), term_point(pane, "gloss:accountability"))
        qtbot.waitUntil(lambda: popup(window).isVisible(), timeout=5000)
        assert popup_text(window) == "Our library's own definition."
        window.glossary.open_entry("committee", "en")
        dock = panel(window)
        label = dock.findChild(QLabel, "glossaryProblems")
        assert label.isVisible()
        assert "1" in label.text()
        dock.show_problems()
        text = dock.detail.toPlainText()
        assert "glossary.yaml" in text and "broken" in text
    finally:
        close_window(window)


def test_side_by_side_explains_each_pane_in_its_own_language(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "glosa", "en")
    window.set_side_by_side(True)
    secondary = window.reader_view.secondary
    qtbot.waitUntil(
        lambda: secondary.version() is not None and secondary.viewport().width() > 100, timeout=5000
    )
    assert secondary.version().lang == "es"
    commitment = window.glossary.glossary().get("commitment")
    qtbot.mouseMove(secondary.viewport(), term_point(secondary, "gloss:commitment"))
    qtbot.waitUntil(lambda: popup(window).isVisible(), timeout=5000)
    assert popup_text(window) == commitment.sides["es"].short
    primary = window.reader_view.primary
    qtbot.mouseMove(primary.viewport(), term_point(primary, "gloss:commitment"))
    qtbot.waitUntil(lambda: popup_text(window) == commitment.sides["en"].short, timeout=5000)


def test_an_edited_library_glossary_is_applied_to_the_open_document(
    window, qtbot: QtBot, library: Path
) -> None:
    open_and_wait(qtbot, window, "glosa", "en")
    assert ("gloss:committee", "committee") not in marks(window.reader_view.primary)
    assert not window.glossary.reload_glossary()  # nothing changed yet
    assert str(library) in window.glossary.files.directories()
    write(
        library / "glossary.yaml",
        "entries:\n  - id: committee\n    exact: true\n"
        "    en: {term: committee, short: A group.}\n",
    )
    assert window.glossary.reload_glossary()
    qtbot.waitUntil(
        lambda: ("gloss:committee", "committee") in marks(window.reader_view.primary),
        timeout=10_000,
    )
    assert str(library / "glossary.yaml") in window.glossary.files.files()
