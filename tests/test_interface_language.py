"""The interface language: live switching of every menu and panel, persistence, fallbacks."""

from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolBar,
)

from reader.ui import i18n as interface_language
from reader.ui.i18n import FOLLOW_KEY, LANGUAGE_KEY, NATIVE_NAMES, InterfaceLanguage
from reader.ui.settings import Settings
from tests.conftest import REPO, load_i18n_tool
from tests.ui_helpers import close_window, open_window

tool = load_i18n_tool()


@pytest.fixture(scope="module")
def spanish() -> dict[str, set[str]]:
    """English source text -> its Spanish translations (any context)."""
    table: dict[str, set[str]] = defaultdict(set)
    for message in tool.read_ts(REPO / "i18n" / "lector_es.ts").values():
        if not message.numerus:
            table[message.source].add(message.translation)
    return table


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    app_language = QCoreApplication.instance().findChild(InterfaceLanguage, "interfaceLanguage")
    if app_language is not None:
        app_language.apply("en", remember=False)


def _menu_texts(menu: QMenu, path: tuple, out: dict) -> None:
    out[(*path, "title")] = menu.title()
    for i, action in enumerate(menu.actions()):
        if action.isSeparator():
            continue
        if action.menu() is not None:
            _menu_texts(action.menu(), (*path, i), out)
        else:
            out[(*path, i)] = action.text()
            if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
                out[(*path, i, "tip")] = action.toolTip()


def snapshot(window) -> dict:
    """Every fixed text the reader can see in menus, docks, toolbars and fields."""
    texts: dict = {}
    for i, action in enumerate(window.menuBar().actions()):
        if action.menu() is not None:
            _menu_texts(action.menu(), ("menu", i), texts)
    for dock in window.findChildren(QDockWidget):
        texts[("dock", dock.objectName())] = dock.windowTitle()
    for bar in window.findChildren(QToolBar):
        texts[("toolbar", bar.objectName())] = bar.windowTitle()
        for i, action in enumerate(bar.actions()):
            if action.text():
                texts[("toolbar", bar.objectName(), i)] = action.text()
    for edit in window.findChildren(QLineEdit):
        if edit.placeholderText() and edit.objectName():
            texts[("placeholder", edit.objectName())] = edit.placeholderText()
    model = window.document_list.model
    for column in range(model.columnCount()):
        texts[("header", column)] = model.headerData(
            column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
        )
    return texts


def choose(qtbot, window, code: str) -> None:
    window.language_menu.choices[code].trigger()
    expected = "&Archivo" if code == "es" else "&File"
    qtbot.waitUntil(lambda: window.menu_file.title() == expected, timeout=5000)
    QApplication.processEvents()  # every top-level widget has its LanguageChange by now


def test_switching_live_translates_every_menu_and_panel_and_back(
    qtbot, dirs, renderer, bundled, spanish
) -> None:
    window = open_window(qtbot, dirs, renderer, [bundled])
    try:
        english = snapshot(window)
        assert window.menu_file.title() == "&File"
        choose(qtbot, window, "es")
        in_spanish = snapshot(window)
        assert in_spanish.keys() == english.keys()
        checked = []
        for key, source in english.items():
            if source in NATIVE_NAMES.values():
                assert in_spanish[key] == source  # each language keeps its own name
            elif source in spanish:  # fixed interface text (not a title or a file name)
                assert in_spanish[key] in spanish[source], (key, source, in_spanish[key])
                checked.append(key)
        assert len(checked) >= 20, checked
        assert window.status_label.text() == "9 documentos"
        assert window.language_menu.title() == "I&dioma de la interfaz"
        # Qt's own standard buttons speak Spanish too.
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.buttons()[0].text().replace("&", "") == "Cancelar"

        choose(qtbot, window, "en")
        assert snapshot(window) == english
        assert window.status_label.text() == "9 documents"
    finally:
        close_window(window)


def run_dialog(qtbot, opener) -> dict:
    """Open a modal dialog with ``opener``, note its texts, and close it."""
    seen: dict = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, look)
            return
        seen["title"] = dialog.windowTitle()
        seen["labels"] = [label.text() for label in dialog.findChildren(QLabel)]
        seen["buttons"] = [b.text().replace("&", "") for b in dialog.findChildren(QPushButton)]
        dialog.reject()

    QTimer.singleShot(0, look)
    opener()
    return seen


def test_dialogs_speak_the_interface_language(qtbot, dirs, renderer, bundled) -> None:
    window = open_window(qtbot, dirs, renderer, [bundled])
    try:
        choose(qtbot, window, "es")
        about = run_dialog(qtbot, window.act_about.trigger)
        assert about["title"] == "Acerca de Lector"
        assert any("Un lector sin conexión" in text for text in about["labels"])
        assert "Aceptar" in about["buttons"]
        folder = run_dialog(qtbot, window.findChild(QAction, "actionAddLibrary").trigger)
        assert folder["title"] == "Añadir carpeta de biblioteca"
        assert "Cancelar" in folder["buttons"]  # Qt's own file dialog, from qtbase_es

        choose(qtbot, window, "en")
        about = run_dialog(qtbot, window.act_about.trigger)
        assert about["title"] == "About Lector"
        folder = run_dialog(qtbot, window.findChild(QAction, "actionAddLibrary").trigger)
        assert "Cancel" in folder["buttons"]
    finally:
        close_window(window)


def test_dates_follow_the_interface_language(qtbot, dirs, renderer, bundled) -> None:
    window = open_window(qtbot, dirs, renderer, [bundled])
    try:
        model = window.document_list.model

        def dates() -> list[str]:
            return [model.data(model.index(row, 2)) for row in range(model.rowCount())]

        assert any("Jan" in d for d in dates()), dates()
        choose(qtbot, window, "es")
        assert any("ene" in d for d in dates()), dates()
        assert not any("Jan" in d for d in dates())
    finally:
        close_window(window)


def test_the_language_survives_a_restart(qtbot, dirs, renderer, bundled) -> None:
    window = open_window(qtbot, dirs, renderer, [bundled])
    choose(qtbot, window, "es")
    close_window(window)
    assert Settings(dirs.config).text(LANGUAGE_KEY) == "es"

    again = open_window(qtbot, dirs, renderer, [bundled])
    try:
        qtbot.waitUntil(lambda: again.menu_file.title() == "&Archivo", timeout=5000)
        assert again.language_menu.choices["es"].isChecked()
    finally:
        close_window(again)


def test_reading_language_follows_the_interface_only_when_asked(
    qtbot, dirs, renderer, bundled
) -> None:
    window = open_window(qtbot, dirs, renderer, [bundled])
    try:
        window.set_reading_language("en")
        assert window.language_menu.act_follow.isChecked()  # on by default
        choose(qtbot, window, "es")
        assert window.reader_view.language == "es"

        window.language_menu.act_follow.setChecked(False)
        assert Settings(dirs.config).flag(FOLLOW_KEY, True) is False
        choose(qtbot, window, "en")
        assert window.reader_view.language == "es"
    finally:
        close_window(window)


def test_a_missing_catalogue_falls_back_to_english_with_a_message(
    qtbot, dirs, renderer, bundled, tmp_path, monkeypatch, caplog
) -> None:
    empty = tmp_path / "no-translations"
    empty.mkdir()
    monkeypatch.setattr(interface_language, "_default_folder", lambda: empty)
    settings = Settings(dirs.config)
    settings.set(LANGUAGE_KEY, "es")
    settings.sync()
    with caplog.at_level(logging.WARNING, logger="reader.ui.i18n"):
        window = open_window(qtbot, dirs, renderer, [bundled])
    try:
        assert window.menu_file.title() == "&File"
        message = window.statusBar().currentMessage()
        assert "lector_es.qm" in message and "missing" in message and "English" in message
        assert any("lector_es.qm" in r.getMessage() for r in caplog.records)
        # the reader carries on: the library loaded and the menu still works
        assert window.status_label.text().startswith("9 document")
        window.language_menu.choices["en"].trigger()
        assert window.menu_file.title() == "&File"
    finally:
        close_window(window)


QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")


@pytest.mark.parametrize(
    "content", [b"", b"not a Qt catalogue at all", QM_MAGIC[:7], QM_MAGIC + b"\xff" * 40]
)
def test_a_damaged_catalogue_is_refused_cleanly(tmp_path: Path, dirs, content: bytes) -> None:
    (tmp_path / "lector_es.qm").write_bytes(content)
    language = InterfaceLanguage(Settings(dirs.config), folder=tmp_path)
    try:
        assert language.apply("es") is False
        assert language.language == "en"
        assert "lector_es.qm" in language.error
        assert "damaged" in language.error or "missing" in language.error
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"
        assert language.apply("en") is True and language.error == ""
    finally:
        language.setParent(None)


def test_the_system_language_is_the_default(dirs, monkeypatch) -> None:
    language = InterfaceLanguage(Settings(dirs.config), folder=REPO / "i18n")
    try:
        monkeypatch.setattr(interface_language, "system_language", lambda: "es")
        assert language.choice() == "system"
        assert language.load() is True
        assert language.language == "es"
        assert QCoreApplication.translate("MainWindow", "&File") == "&Archivo"
        assert Settings(dirs.config).text(LANGUAGE_KEY) == ""  # loading does not save a choice
    finally:
        language.apply("en", remember=False)
        language.setParent(None)


def test_search_status_and_filter_follow_the_interface_language(
    qtbot, dirs, renderer, bundled
) -> None:
    window = open_window(qtbot, dirs, renderer, [bundled])
    try:
        status = window.findChild(QLabel, "indexStatus")
        qtbot.waitUntil(lambda: status.text().endswith("versions indexed"), timeout=60_000)
        count = status.text().split()[0]
        choose(qtbot, window, "es")
        assert status.text() == f"{count} versiones indexadas"
        box = window.search_panel.language
        qtbot.waitUntil(
            lambda: box.width() > box.fontMetrics().horizontalAdvance(box.itemText(0)) + 20,
            timeout=2000,
        )
        choose(qtbot, window, "en")
        assert status.text() == f"{count} versions indexed"
    finally:
        close_window(window)
