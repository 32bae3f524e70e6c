"""The user's own library folders: adding, removing, remembering, choosing, Jekyll layouts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QTreeView
from pytestqt.qtbot import QtBot

from reader.library import library_id
from reader.paths import UserDirs
from reader.render.service import RenderService
from reader.ui.document_list import DOC_ID_ROLE
from reader.ui.library_folders import FOLDERS_KEY
from reader.ui.main_window import MainWindow

from .conftest import OPENSOURCE_GUIDE, write
from .ui_helpers import close_window, open_and_wait, open_window, visible_text


def listed_keys(window: MainWindow) -> list[str]:
    view: QTreeView = window.findChild(QTreeView, "documentList")
    model = view.model()
    return sorted(
        model.index(r, 0).data(DOC_ID_ROLE).split(":", 1)[1] for r in range(model.rowCount())
    )


def add_and_wait(qtbot: QtBot, window: MainWindow, folder: Path) -> None:
    with qtbot.waitSignal(window.librariesChanged, timeout=30_000):
        assert window.library_folders.add_folder(folder) is None


def chooser(window: MainWindow) -> QComboBox:
    return window.findChild(QComboBox, "libraryChooser")


def small_library(root: Path) -> Path:
    write(root / "budget.md", "---\ntitle: Open budgets\n---\nMoney, in the open.")
    write(root / "es/budget.md", "---\ntitle: Presupuestos abiertos\n---\nDinero, a la vista.")
    write(root / "notes.en.md", "# Field notes\n\nOnly English.")
    return root


def test_add_remove_and_remember_folders(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path, tmp_path: Path
) -> None:
    mine = small_library(tmp_path / "mine")
    window = open_window(qtbot, dirs, renderer, [bundled])
    assert len(listed_keys(window)) == 9
    add_and_wait(qtbot, window, mine)
    assert {"budget", "notes"} <= set(listed_keys(window))
    assert len(listed_keys(window)) == 11
    # Adding it twice, or something that is not a folder, is refused with a reason.
    assert "already" in window.library_folders.add_folder(mine)
    assert "not a folder" in window.library_folders.add_folder(mine / "budget.md")
    assert "inside mine" in window.library_folders.add_folder(mine / "es")

    # The list shows one library or all of them.
    box = chooser(window)
    assert [box.itemText(i) for i in range(box.count())] == [
        "All libraries",
        "Sample library",
        "mine",
    ]
    box.setCurrentIndex(2)
    assert listed_keys(window) == ["budget", "notes"]
    box.setCurrentIndex(1)
    assert len(listed_keys(window)) == 9
    box.setCurrentIndex(0)
    close_window(window)

    # Remembered across runs.
    again = open_window(qtbot, dirs, renderer, [bundled])
    qtbot.waitUntil(lambda: len(again.libraries) == 2, timeout=20_000)
    assert len(listed_keys(again)) == 11
    with qtbot.waitSignal(again.librariesChanged, timeout=20_000):
        assert again.library_folders.remove_folder(mine)
    assert len(listed_keys(again)) == 9
    assert chooser(again).count() == 2
    assert mine.is_dir() and (mine / "budget.md").is_file()  # removing touches nothing
    close_window(again)

    third = open_window(qtbot, dirs, renderer, [bundled])
    assert len(third.libraries) == 1
    assert third.settings.texts(FOLDERS_KEY) == []
    close_window(third)


def test_the_file_menu_offers_add_and_remove(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path, tmp_path: Path
) -> None:
    mine = small_library(tmp_path / "mine")
    window = open_window(qtbot, dirs, renderer, [bundled])
    names = [a.objectName() for a in window.menu_file.actions()]
    assert "actionAddLibrary" in names
    add_and_wait(qtbot, window, mine)
    menu = window.library_folders.menu_remove
    menu.aboutToShow.emit()
    assert [a.text() for a in menu.actions()] == [str(mine)]
    with qtbot.waitSignal(window.librariesChanged, timeout=20_000):
        menu.actions()[0].trigger()
    assert len(window.libraries) == 1
    close_window(window)


ENTITY = re.compile(r"&[A-Za-z]+;|&#\d+;")
TEMPLATE = re.compile(r"\{%|%\}|\{\{|\}\}")


@pytest.mark.skipif(not OPENSOURCE_GUIDE.is_dir(), reason="shared corpora not present")
def test_jekyll_folder_reads_cleanly(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path
) -> None:
    window = open_window(qtbot, dirs, renderer, [bundled])
    add_and_wait(qtbot, window, OPENSOURCE_GUIDE)
    guide = next(lib for lib in window.libraries if lib.root == OPENSOURCE_GUIDE.absolute())
    lib_id = library_id(guide.root)
    entries = [e for e in window.document_list.model.entries() if e.doc_id.startswith(lib_id)]
    assert len(entries) == 13
    pairs = [e for e in entries if e.document.languages == ("en", "es")]
    assert len(pairs) == 12
    only_english = [e.document.key for e in entries if e.document.languages == ("en",)]
    assert only_english == ["_articles/accessibility-best-practices-for-your-project"]
    assert guide.problems == []
    for entry in entries:
        for version in entry.document.versions.values():
            assert not ENTITY.search(version.title), version.title
    for entry in entries:
        for lang in entry.document.languages:
            open_and_wait(qtbot, window, entry.document.key, lang)
            qtbot.waitUntil(lambda lang=lang: window.reader_view.shown_language == lang)
            text = visible_text(window)
            assert len(text) > 1000
            assert not ENTITY.search(text), (entry.document.key, ENTITY.search(text))
            assert not TEMPLATE.search(text), (entry.document.key, TEMPLATE.search(text))
    open_and_wait(qtbot, window, "_articles/legal", "es")
    assert "código abierto" in visible_text(window)
    close_window(window)


def test_library_bar_follows_the_interface_language(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QCheckBox

    from reader.ui.i18n import InterfaceLanguage

    window = open_window(qtbot, dirs, renderer, [bundled])
    add_and_wait(qtbot, window, small_library(tmp_path / "mine"))
    language = InterfaceLanguage.of_application(window.settings)
    box = chooser(window)
    try:
        assert language.apply("es", remember=False)
        qtbot.waitUntil(lambda: box.itemText(0) != "All libraries", timeout=5000)
        assert [box.itemText(i) for i in range(box.count())] == [
            "Todas las bibliotecas",
            "Biblioteca de ejemplo",
            "mine",
        ]
        needs = window.findChild(QCheckBox, "needsTranslationFilter")
        assert needs.text() == "Necesita traducción"
        assert window.library_folders.act_add.text() == "&Añadir carpeta de biblioteca…"
    finally:
        language.apply("en", remember=False)
    qtbot.waitUntil(lambda: box.itemText(0) == "All libraries", timeout=5000)
    close_window(window)


def test_a_document_in_an_added_folder_is_reopened_next_time(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path, tmp_path: Path
) -> None:
    mine = small_library(tmp_path / "mine")
    first = open_window(qtbot, dirs, renderer, [bundled])
    add_and_wait(qtbot, first, mine)
    open_and_wait(qtbot, first, "budget", "es")
    close_window(first)

    second = open_window(qtbot, dirs, renderer, [bundled])
    qtbot.waitUntil(lambda: second.reader_view.shown is not None, timeout=20_000)
    assert second.reader_view.shown.document.key == "budget"
    assert "Dinero" in visible_text(second)
    # A later reload (a change on disk) does not jump back to the remembered place.
    open_and_wait(qtbot, second, "notes", "en")
    with qtbot.waitSignal(second.librariesChanged, timeout=20_000):
        second.reload_libraries()
    assert second.document_list.current_id() == second.reader_view.shown.doc_id
    assert second.reader_view.shown.document.key == "notes"
    close_window(second)
