"""Reading comfort on the real window: theme, zoom, contents, PDF, citation, keys, restore."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextCursor, QTextFormat, QWheelEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QTableWidget, QTreeWidget
from pytestqt.qtbot import QtBot

from reader.paths import UserDirs
from reader.render.service import RenderService
from reader.ui.comfort import Comfort
from reader.ui.reading_pane import Place, is_dark

from .ui_helpers import close_window, open_and_wait, open_window


@pytest.fixture(autouse=True)
def _system_palette_afterwards():
    yield
    QGuiApplication.setPalette(QPalette())


@pytest.fixture
def window(qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path):
    win = open_window(qtbot, dirs, renderer, [bundled])
    yield win
    close_window(win)


def body_colour(window) -> str:
    """The colour the first paragraph of the open document is drawn in."""
    pane = window.reader_view.primary
    doc = pane.version()
    cursor = QTextCursor(doc)
    cursor.setPosition(doc.block_positions()[0] + 3)
    fmt = cursor.charFormat()
    if fmt.hasProperty(QTextFormat.Property.ForegroundBrush):
        return fmt.foreground().color().name()
    return pane.palette().color(QPalette.ColorRole.Text).name()


def test_theme_switch_changes_palette_and_document_css(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    window.reader_view.go_to(Place(12, 0.0))
    assert not is_dark(QGuiApplication.palette())  # offscreen has a light system palette
    light_css = window.reader_view.primary.version().defaultStyleSheet()

    window.comfort.theme_actions["dark"].trigger()
    assert is_dark(QGuiApplication.palette())
    qtbot.waitUntil(lambda: is_dark(window.reader_view.primary.palette()))
    dark_css = window.reader_view.primary.version().defaultStyleSheet()
    assert dark_css != light_css
    assert "color: #e8e8e8" in dark_css and "color: #e8e8e8" not in light_css
    assert QColor(body_colour(window)).lightness() > 180  # light ink on dark paper
    for css in (light_css, dark_css):
        assert ".hit {" in css and "a.gloss {" in css and "span.gloss {" in css
    assert window.reader_view.place().block == 12  # restyling keeps the place
    assert window.settings.text("view/theme") == "dark"
    # The checked EN/ES button is drawn in the theme's highlight, not a shade of grey.
    highlight = QGuiApplication.palette().color(QPalette.ColorRole.Highlight).name()
    assert f"background: {highlight}" in window.toolbar.styleSheet()

    window.comfort.set_theme("light")
    assert not is_dark(QGuiApplication.palette())
    qtbot.waitUntil(lambda: not is_dark(window.reader_view.primary.palette()))
    assert QColor(body_colour(window)).lightness() < 80
    assert window.comfort.theme_actions["light"].isChecked()


def test_zoom_keys_change_the_text_size_and_are_remembered(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path
) -> None:
    first = open_window(qtbot, dirs, renderer, [bundled])
    open_and_wait(qtbot, first, "transparency", "en")
    pane = first.reader_view.primary
    size = pane.font().pointSizeF()
    qtbot.keyClick(pane, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(pane, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert first.comfort.look.zoom == 120
    assert pane.font().pointSizeF() == pytest.approx(size * 1.2)
    assert pane.version().defaultFont().pointSizeF() == pytest.approx(size * 1.2)
    qtbot.keyClick(pane, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert first.comfort.look.zoom == 110
    # Ctrl+wheel goes through the same setting instead of QTextEdit's own zoom.
    wheel = QWheelEvent(
        QPointF(10, 10),
        QPointF(pane.viewport().mapToGlobal(QPoint(10, 10))),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(pane.viewport(), wheel)
    assert first.comfort.look.zoom == 120
    close_window(first)

    second = open_window(qtbot, dirs, renderer, [bundled])
    assert second.comfort.look.zoom == 120
    assert second.reader_view.primary.font().pointSizeF() == pytest.approx(size * 1.2)
    qtbot.keyClick(second.reader_view.primary, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert second.comfort.look.zoom == 100
    assert second.reader_view.primary.font().pointSizeF() == pytest.approx(size)
    close_window(second)


def test_zoom_is_bounded_and_bad_settings_fall_back(window) -> None:
    for _ in range(40):
        window.comfort.zoom_by(10)
    assert window.comfort.look.zoom == 300
    window.settings.set("reading/zoom", "huge")
    window.settings.set("reading/measure", 7)
    window.settings.set("view/theme", "purple")
    again = Comfort(window)
    assert again.look.zoom == 100
    assert again.look.measure == 80
    assert again.theme.mode == "system"


def test_line_width_and_font(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "transparency", "en")
    pane = window.reader_view.primary
    margin = pane.document().rootFrame().frameFormat().leftMargin()
    assert margin > 0  # 80 characters in a 1200-pixel window leaves room either side
    window.comfort.measure_actions[0].trigger()
    assert pane.document().rootFrame().frameFormat().leftMargin() == 0
    window.comfort.measure_actions[60].trigger()
    assert pane.document().rootFrame().frameFormat().leftMargin() > margin
    assert window.settings.integer("reading/measure") == 60
    window.comfort.set_family("Serif")
    assert pane.font().family() == "Serif"
    assert window.settings.text("reading/font") == "Serif"
    window.comfort.act_font_reset.trigger()
    assert window.settings.text("reading/font") == ""


def test_contents_panel_lists_headings_and_jumps(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "es")
    toc = window.findChild(QDockWidget, "tocPanel")
    assert not toc.isVisible()
    qtbot.keyClick(
        window,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert toc.isVisible()
    tree: QTreeWidget = window.findChild(QTreeWidget, "tocTree")
    headings = window.reader_view.shown.versions["es"].rendered.headings
    assert window.comfort.toc.headings() == [h.text for h in headings]
    assert "La cocreación" in window.comfort.toc.headings()
    sub = next(h for h in headings if h.text == "El foro multiactor")
    parent = tree.findItems("La cocreación", Qt.MatchFlag.MatchExactly)[0]
    assert parent.child(0).text(0) == "El foro multiactor"  # nested under its section

    rect = tree.visualItemRect(parent.child(0))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.reader_view.place().block == sub.block
    assert window.reader_view.place().fraction < 0.1  # the heading's first line is on top
    window.navigation.go_back()  # a contents jump is history
    assert window.reader_view.place().block == 0

    # From the keyboard: the panel takes the focus, arrows move, Enter jumps.
    tree.setFocus()
    tree.setCurrentItem(parent)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.reader_view.place().block == next(
        h.block for h in headings if h.text == "La cocreación"
    )

    window.set_reading_language("en")  # the panel follows the language shown
    assert "Co-creation" in " ".join(window.comfort.toc.headings())


def squash(text: str) -> str:
    """Text without spaces or ligatures: PDF extraction splits and joins words its own way."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(path: Path) -> str:
    return squash(" ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages))


def test_export_pdf_has_the_document_text(window, qtbot: QtBot, tmp_path: Path) -> None:
    open_and_wait(qtbot, window, "action-plans", "es")
    window.comfort.set_theme("dark")  # paper is always printed light
    target = tmp_path / "plan.pdf"
    assert window.comfort.export_pdf(target)
    assert target.read_bytes().startswith(b"%PDF")
    text = pdf_text(target)
    assert squash("Qué distingue a un plan de acción") in text
    assert squash("La cocreación") in text
    assert squash("What makes an action plan different") not in text
    assert len(PdfReader(str(target)).pages) >= 2

    window.set_side_by_side(True)
    both = tmp_path / "both.pdf"
    assert window.comfort.export_pdf(both)
    text = pdf_text(both)
    assert squash("Qué distingue a un plan de acción") in text
    assert squash("What makes an action plan different") in text


def test_export_pdf_to_an_unwritable_place_says_so(
    window, qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:
    open_and_wait(qtbot, window, "transparency", "en")
    shown = []
    monkeypatch.setattr(
        "reader.ui.comfort.QMessageBox.warning", lambda *args: shown.append(args[2])
    )
    assert not window.comfort.export_pdf(tmp_path / "missing" / "folder" / "x.pdf")
    assert shown and "x.pdf" in shown[0]


def test_nothing_to_export_or_cite_without_a_document(window) -> None:
    assert window.comfort.export_pdf(Path("/nonexistent/never.pdf")) is False
    QGuiApplication.clipboard().setText("before")
    window.comfort.act_cite.trigger()
    assert QGuiApplication.clipboard().text() == "before"


def test_copy_citation_of_the_current_paragraph(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    window.reader_view.go_to(Place(4, 0.0))
    qtbot.keyClick(
        window,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    text = QGuiApplication.clipboard().text()
    lines = text.splitlines()
    assert lines[0].startswith("“A plan is also deliberately modest in scope.")
    assert lines[0].endswith("…”")
    assert (
        lines[1]
        == "National action plans (English). Lector editorial team. 2024-03-18. paragraph 5."
    )
    assert lines[2] == "action-plans#b4"

    # The same paragraph cited from the Spanish side has the same anchor.
    window.set_reading_language("es")
    window.comfort.copy_citation()
    es = QGuiApplication.clipboard().text().splitlines()
    assert es[0].startswith("“Además, el plan tiene un alcance")
    assert "(Spanish)" in es[1]
    assert es[2] == "action-plans#b4"


def test_citation_follows_the_selection(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "action-plans", "en")
    pane = window.reader_view.primary
    doc = pane.version()
    cursor = QTextCursor(doc)
    cursor.setPosition(doc.block_positions()[2] + 5)
    cursor.setPosition(doc.block_positions()[2] + 30, QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)
    window.comfort.copy_citation()
    assert QGuiApplication.clipboard().text().splitlines()[-1] == "action-plans#b2"


def test_shortcuts_are_listed_in_help(window, qtbot: QtBot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.findChild(QTableWidget, "shortcutsTable")
    assert dialog is not None and dialog.isVisible()
    rows = {dialog.item(r, 0).text(): dialog.item(r, 1).text() for r in range(dialog.rowCount())}
    assert rows["Back"].startswith("Alt+Left")
    assert rows["Switch Language (EN/ES)"] == "Ctrl+L"
    assert "Ctrl+0" in rows["Reset Zoom"]
    assert rows["Copy Citation"] == "Ctrl+Shift+C"
    assert rows["Export as PDF"] == "Ctrl+Shift+E"
    dialog.window().close()


def test_f6_moves_between_panels(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "transparency", "en")
    window.document_list.view.setFocus()
    qtbot.waitUntil(lambda: window.document_list.view.hasFocus())
    qtbot.keyClick(window.document_list.view, Qt.Key.Key_F6)
    assert window.reader_view.primary.hasFocus()
    qtbot.keyClick(window.reader_view.primary, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.document_list.view.hasFocus()


def test_everything_is_restored_after_a_restart(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path
) -> None:
    first = open_window(qtbot, dirs, renderer, [bundled])
    open_and_wait(qtbot, first, "action-plans", "es")
    first.set_side_by_side(True)
    first.comfort.set_theme("dark")
    first.comfort.set_zoom(130)
    first.comfort.set_measure(100)
    first.comfort.toc.show()
    first.reader_view.go_to(Place(17, 0.0))
    close_window(first)

    second = open_window(qtbot, dirs, renderer, [bundled])
    view = second.reader_view
    qtbot.waitUntil(lambda: view.shown is not None, timeout=20_000)
    assert view.shown.document.key == "action-plans"
    assert view.shown_language == "es" and view.side_by_side
    assert view.place().block == 17
    assert second.comfort.theme.mode == "dark" and is_dark(QGuiApplication.palette())
    assert second.comfort.look.zoom == 130 and view.primary.measure == 100
    assert second.comfort.toc.isVisible()
    assert "La cocreación" in second.comfort.toc.headings()
    close_window(second)


def png(width: int, height: int) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QImage

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def pdf_image_sizes(path: Path) -> set[tuple[int, int]]:
    sizes = set()

    def walk(resources) -> None:
        xobjects = resources.get("/XObject") if resources else None
        for ref in (xobjects or {}).values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                sizes.add((int(obj["/Width"]), int(obj["/Height"])))
            elif obj.get("/Subtype") == "/Form":
                walk(obj.get("/Resources"))

    for page in PdfReader(str(path)).pages:
        walk(page.get("/Resources"))
    return sizes


def test_printing_side_by_side_finds_each_languages_images_and_nothing_outside(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, tmp_path: Path
) -> None:
    from .conftest import write

    write(tmp_path / "outside" / "secret.png", png(400, 300))
    library = tmp_path / "library"
    write(library / "en" / "pic.png", png(20, 10))
    write(library / "es" / "pic.png", png(30, 15))
    body = "![picture](pic.png)\n\n![climb](../../outside/secret.png)\n\nText {word}.\n"
    write(library / "en" / "guide.md", "# Guide\n\n" + body.format(word="English"))
    write(library / "es" / "guide.md", "# Guía\n\n" + body.format(word="Spanish"))
    window = open_window(qtbot, dirs, renderer, [library])
    open_and_wait(qtbot, window, "guide", "en")
    window.set_side_by_side(True)
    target = tmp_path / "both.pdf"
    assert window.comfort.export_pdf(target)
    sizes = pdf_image_sizes(target)
    assert (20, 10) in sizes and (30, 15) in sizes
    assert (400, 300) not in sizes
    assert squash("Text English") in pdf_text(target) and squash("Text Spanish") in pdf_text(target)
    close_window(window)


def test_the_text_menu_offers_citing_and_printing(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "transparency", "en")
    pane = window.reader_view.primary
    menu = window.comfort.context_menu(pane, QPoint(40, 40))
    actions = [a for a in menu.actions() if not a.isSeparator()]
    assert window.comfort.act_cite in actions and window.comfort.act_export_pdf in actions
    assert any(a.text().replace("&", "").startswith("Copy") for a in actions[:3])
    menu.deleteLater()


def test_no_two_actions_share_a_key(window) -> None:
    """An ambiguous shortcut fires neither action: every key must belong to one action."""
    from PySide6.QtGui import QAction

    owners: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            text = key.toString()
            if text:
                assert text not in owners, f"{text}: {owners[text]} and {action.text()}"
                owners[text] = action.text()


def test_glossary_terms_and_hits_are_readable_in_both_themes(qtbot: QtBot) -> None:
    from reader.render import Rendered
    from reader.ui.reading_pane import VersionDocument, hit_colours
    from reader.ui.theme import dark_palette, light_palette

    html = (
        '<p><a name="b0"></a>The <a href="gloss:accountability" class="gloss">accountability</a>'
        ' of <span class="hit">ministries</span> and a <a href="https://example.org">link</a>.</p>'
    )
    for palette in (light_palette(), dark_palette()):
        doc = VersionDocument(
            Rendered(html=html), lang="en", base_dir=None, library_root=None, palette=palette
        )
        text = doc.toPlainText()
        cursor = QTextCursor(doc)
        cursor.setPosition(text.index("accountability") + 2)
        term = cursor.charFormat()
        assert term.underlineStyle() == term.UnderlineStyle.DotLine
        ink = palette.color(QPalette.ColorRole.Text).name()
        assert term.foreground().color().name() == ink  # text colour, not link blue
        cursor.setPosition(text.index("ministries") + 2)
        hit = cursor.charFormat()
        back, fore = hit_colours(palette)
        assert hit.background().color().name() == back
        assert hit.foreground().color().name() == fore
        assert contrast(back, fore) >= 4.5
        assert contrast(ink, palette.color(QPalette.ColorRole.Base).name()) >= 7
        cursor.setPosition(text.index("link") + 1)
        assert cursor.charFormat().underlineStyle() == term.UnderlineStyle.SingleUnderline


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""

    def luminance(name: str) -> float:
        channels = []
        for c in QColor(name).getRgbF()[:3]:
            channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        r, g, b = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_comfort_dialogs_speak_spanish(window, qtbot: QtBot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication as App

    from .test_interface_language import choose

    open_and_wait(qtbot, window, "transparency", "en")
    try:
        choose(qtbot, window, "es")
        window.comfort.act_shortcuts.trigger()
        table = window.findChild(QTableWidget, "shortcutsTable")
        assert table.horizontalHeaderItem(0).text() == "Acción"
        rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
        assert rows["Atrás"].startswith("Alt+")
        assert "Copiar cita" in rows
        table.window().close()

        seen = {}

        def look() -> None:
            dialog = App.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(20, look)
                return
            seen["title"] = dialog.windowTitle()
            dialog.reject()

        QTimer.singleShot(0, look)
        window.comfort.act_export_pdf.trigger()
        assert seen["title"] == "Exportar como PDF"
        assert window.comfort.toc.windowTitle() == "Índice"
    finally:
        choose(qtbot, window, "en")


def test_glossary_popup_colours_follow_the_theme(qtbot: QtBot) -> None:
    from reader.ui.glossary_popup import GlossaryPopup
    from reader.ui.theme import dark_palette

    popup = GlossaryPopup()
    qtbot.addWidget(popup)
    QApplication.setPalette(dark_palette())
    qtbot.waitUntil(lambda: is_dark(popup.palette()))
    QApplication.processEvents()
    other = popup.other_label.palette().color(QPalette.ColorRole.WindowText)
    ink = dark_palette().color(QPalette.ColorRole.WindowText)
    paper = dark_palette().color(QPalette.ColorRole.Base)
    assert paper.lightness() < other.lightness() < ink.lightness()
    assert contrast(other.name(), paper.name()) >= 4.5
    more = popup.more_button.palette().color(QPalette.ColorRole.ButtonText)
    assert more == dark_palette().color(QPalette.ColorRole.Link)


def test_search_hits_in_the_text_use_the_themes_hit_colours(window, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QToolBar

    from reader.ui.reading_pane import hit_colours

    open_and_wait(qtbot, window, "transparency", "en")
    window.comfort.set_theme("dark")
    pane = window.reader_view.primary
    qtbot.waitUntil(lambda: is_dark(pane.palette()))
    find_bar = window.findChild(QToolBar, "findBar")
    find_bar.show_hits(["transparency"], 0, window.reader_view.shown.doc_id)
    qtbot.waitUntil(lambda: len(pane.extraSelections()) > 1)
    backgrounds = {s.format.background().color().name() for s in pane.extraSelections()}
    back, ink = hit_colours(pane.palette())
    assert back == "#7a5900" and back in backgrounds
    plain = next(s for s in pane.extraSelections() if s.format.background().color().name() == back)
    assert plain.format.foreground().color().name() == ink
