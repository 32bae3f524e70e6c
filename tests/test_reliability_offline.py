"""Offline guarantee: a whole reading session makes no network attempt, in any process."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget
from pytestqt.qtbot import QtBot

from reader.paths import UserDirs
from reader.render.service import RenderService

from .conftest import write
from .reliability import NetworkGuard, report
from .ui_helpers import close_window, open_and_wait, open_window, visible_text


def test_scripted_session_makes_no_network_attempt(
    qtbot: QtBot,
    dirs: UserDirs,
    bundled: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    guard = NetworkGuard(monkeypatch, tmp_path)
    service = RenderService()  # its worker process starts under the guard
    window = open_window(qtbot, dirs, service, [bundled])
    steps = 0
    popups = 0
    try:
        entries = window.document_list.model.entries()
        assert entries
        for entry in entries:
            window.open_document(entry.doc_id)
            qtbot.waitUntil(
                lambda entry=entry: (
                    window.reader_view.shown is not None
                    and window.reader_view.shown.doc_id == entry.doc_id
                ),
                timeout=20_000,
            )
            for _ in range(2):
                window.toggle_language()
                assert visible_text(window).strip()
            window.set_side_by_side(True)
            window.set_side_by_side(False)
            steps += 5
            # Glossary: a click on a marked term opens its popup, a second its panel entry.
            pane = window.reader_view.primary
            terms = re.findall(r'href="(gloss:[^"]+)"', pane.version().toHtml())[:2]
            for href in terms:
                for _ in range(2):
                    pane.anchorClicked.emit(QUrl(href))
                    popups += 1
            window.glossary.hide_popup()
        qtbot.keyClicks(window.document_list.filter_box, "participacion")
        qtbot.keyClick(window.document_list.filter_box, Qt.Key.Key_Escape)
        steps += 1
        # Import a folder of the user's own.
        own = tmp_path / "own"
        write(
            own / "guide.en.md",
            "# Own guide\n\nSee https://example.org/x.png ![](https://example.org/y.png)",
        )
        write(own / "guide.es.md", "# Guía propia\n\nVer el presupuesto.")
        assert window.library_folders.add_folder(own) is None
        qtbot.waitUntil(lambda: len(window.libraries) == 2 and not window.loading, timeout=20_000)
        open_and_wait(qtbot, window, "guide", "es")
        steps += 2
        # Search from the search dock, over the index it builds of both libraries.
        status = window.findChild(QLabel, "indexStatus")
        qtbot.waitUntil(lambda: "indexed" in status.text(), timeout=120_000)
        box = window.findChild(QLineEdit, "searchBox")
        results = window.findChild(QListWidget, "searchResults")
        for text in ("participación ciudadana", "open data", "presupuesto", "budg*", "NOT NOT"):
            with qtbot.waitSignal(window.search_panel.search_finished, timeout=20_000):
                box.setText(text)  # as typed (QTest cannot type accented letters)
            steps += 1
            if results.count():
                results.itemActivated.emit(results.item(0))
                window.jobs.wait()
                qtbot.waitUntil(lambda: not window.jobs.busy, timeout=20_000)
                assert visible_text(window).strip()
                steps += 1
        # Interface language, zoom, theme, PDF export.
        window.language_menu.language.apply("es", remember=False)
        window.language_menu.language.apply("en", remember=False)
        window.comfort.zoom_by(1)
        window.comfort.set_theme("dark")
        assert window.comfort.export_pdf(tmp_path / "out.pdf")
        steps += 5
        assert popups > 0
    finally:
        close_window(window)
        service.close()
    assert guard.count() == 0
    report(
        "offline session",
        "single",
        documents=len(entries),
        steps=steps + popups,
        glossary_clicks=popups,
        network_attempts=guard.count(),
    )
