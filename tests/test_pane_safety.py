"""The reading pane reads nothing outside the library and follows no link by itself."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reader.paths import UserDirs
from reader.render.service import RenderService

from .conftest import write
from .ui_helpers import close_window, open_and_wait, open_window, visible_text

# A 1x1 PNG, written by the test into the library folder.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def big_png() -> bytes:
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


@pytest.fixture
def hostile_library(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    write(outside / "secret.png", big_png())
    root = tmp_path / "library"
    write(root / "pics/ok.png", PNG)
    write(
        root / "docs/hostile.en.md",
        "# Hostile\n\n"
        "![inside](../pics/ok.png)\n\n"
        "![climb](../../outside/secret.png)\n\n"
        f"![absolute]({outside / 'secret.png'})\n\n"
        f"![fileurl](file://{outside / 'secret.png'})\n\n"
        "![remote](https://example.org/track.png)\n\n"
        "![data](data:image/png;base64,iVBORw0KGgo=)\n\n"
        '<img src="../../outside/secret.png">\n\n'
        "[web](https://example.org/page) [js](javascript:alert(1)) "
        f"[file](file://{outside / 'secret.png'}) [custom](zotero://select/items) "
        "[sibling](other.en.md) [up](../../outside/secret.png) [anchor](#hostile)\n\n"
        "Still readable text.\n",
    )
    write(root / "docs/other.en.md", "# Other document\n\nThe other one.")
    return root


@pytest.fixture
def window(qtbot: QtBot, dirs: UserDirs, renderer: RenderService, hostile_library: Path):
    win = open_window(qtbot, dirs, renderer, [hostile_library])
    yield win
    close_window(win)


def test_images_load_only_from_inside_the_library(
    window, qtbot: QtBot, hostile_library: Path
) -> None:
    open_and_wait(qtbot, window, "docs/hostile")
    doc = window.reader_view.primary.version()
    doc.documentLayout().documentSize()  # lay out everything: every image is asked for
    refused = " ".join(doc.refused)
    assert "ok.png" not in refused
    assert refused.count("secret.png") >= 4
    assert "https://example.org/track.png" in refused
    assert "Still readable text." in visible_text(window)
    # Qt reads an image from disk itself when a loader returns nothing: the big
    # image outside the library must not have been laid out at its real size.
    block = doc.begin()
    while block.isValid():
        assert doc.documentLayout().blockBoundingRect(block).height() < 200, block.text()
        block = block.next()


def click(window, href: str) -> None:
    window.reader_view.primary.anchorClicked.emit(QUrl(href))


def test_web_links_open_in_the_system_browser_only_on_click(
    window, qtbot: QtBot, monkeypatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    open_and_wait(qtbot, window, "docs/hostile")
    assert opened == []
    click(window, "https://example.org/page")
    assert opened == ["https://example.org/page"]


@pytest.mark.parametrize(
    "href",
    ["lector-refused:javascript%3Aalert%281%29", "zotero://select/items", "file:///etc/passwd"],
)
def test_other_schemes_are_refused_with_a_message(window, qtbot: QtBot, monkeypatch, href) -> None:
    shown: list[str] = []
    opened: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, _title, text: shown.append(text)
    )
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    open_and_wait(qtbot, window, "docs/hostile")
    click(window, href)
    assert opened == []
    assert len(shown) == 1 and "does not open links" in shown[0]


def test_rendered_links_carry_the_refusal(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "docs/hostile")
    html = window.reader_view.primary.version().rendered.html
    assert 'href="lector-refused:javascript' in html
    assert 'href="lector-refused:file' in html
    assert 'href="lector-refused:zotero' in html


def test_in_library_link_opens_the_document(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "docs/hostile")
    click(window, "other.en.md")
    qtbot.waitUntil(lambda: "The other one." in visible_text(window), timeout=10_000)


def test_link_out_of_the_library_is_not_followed(window, qtbot: QtBot) -> None:
    open_and_wait(qtbot, window, "docs/hostile")
    click(window, "../../outside/secret.png")
    assert window.reader_view.shown.document.key == "docs/hostile"
    assert "not a document in this library" in window.statusBar().currentMessage()


def test_pane_never_loads_by_itself(window, qtbot: QtBot) -> None:
    pane = window.reader_view.primary
    assert pane.openLinks() is False and pane.openExternalLinks() is False
    assert pane.loadResource(1, QUrl("file:///etc/passwd")).data().strip() == b""
    assert pane.loadResource(2, QUrl("file:///etc/passwd")).width() < 20
