"""Changes on disk reach the window without a restart; a folder that goes away comes back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from reader.library import load_library
from reader.paths import UserDirs
from reader.render.service import RenderService
from reader.ui.library_folders import FOLDERS_KEY
from reader.ui.main_window import MainWindow
from reader.ui.problems_view import PATH_ROLE

from .conftest import write
from .ui_helpers import close_window, open_and_wait, open_window, visible_text

NEVER = 24 * 3600 * 1000  # a periodic check that never comes within a test


def titles(window: MainWindow) -> dict[str, str]:
    """Key → English title of every listed document."""
    return {e.document.key: e.document.title("en") for e in window.document_list.model.entries()}


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    write(root / "budget.md", "---\ntitle: Open budgets\n---\nMoney, in the open.")
    write(root / "es/budget.md", "---\ntitle: Presupuestos abiertos\n---\nDinero, a la vista.")
    write(root / "notes/field.en.md", "# Field notes\n\nOnly English.")
    return root


def start(qtbot: QtBot, dirs: UserDirs, renderer: RenderService, library: Path) -> MainWindow:
    window = open_window(qtbot, dirs, renderer, [library])
    # Settle: the check that follows every load finds nothing new.
    with qtbot.waitSignal(window.library_watcher.checked, timeout=20_000) as blocker:
        window.library_watcher.check_now()
    assert blocker.args == [False]
    return window


@pytest.mark.parametrize("mode", ["notifications", "periodic check"])
def test_edits_additions_deletions_and_renames_appear(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, library: Path, mode: str
) -> None:
    window = start(qtbot, dirs, renderer, library)
    watcher = window.library_watcher
    if mode == "notifications":
        watcher.set_interval(NEVER)
        assert str(library) in watcher.fs.directories()
    else:
        watcher.fs.blockSignals(True)  # as on a file system that sends no notifications
        watcher.set_interval(50)

    def wait_for(check) -> None:
        qtbot.waitUntil(lambda: check(titles(window)), timeout=20_000)

    write(library / "budget.md", "---\ntitle: Open budgets, revised\n---\nMoney, in the open.")
    wait_for(lambda t: t.get("budget") == "Open budgets, revised")

    write(library / "notes/new.en.md", "# A new note\n\nJust added.")
    wait_for(lambda t: t.get("notes/new") == "A new note")

    (library / "notes/field.en.md").unlink()
    wait_for(lambda t: "notes/field" not in t)

    (library / "notes/new.en.md").rename(library / "notes/renamed.en.md")
    wait_for(lambda t: "notes/renamed" in t and "notes/new" not in t)

    # A new folder, then a file inside it.
    (library / "later").mkdir()
    write(library / "later/late.en.md", "# Late\n\nArrived later.")
    wait_for(lambda t: "later/late" in t)
    assert window.document_list.model.entry(
        next(e.doc_id for e in window.document_list.model.entries() if e.document.key == "budget")
    ).document.languages == ("en", "es")
    close_window(window)


def test_the_open_document_shows_its_new_text(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, library: Path
) -> None:
    window = start(qtbot, dirs, renderer, library)
    open_and_wait(qtbot, window, "budget", "es")
    assert "Dinero" in visible_text(window)
    write(library / "es/budget.md", "---\ntitle: Presupuestos\n---\nTexto corregido en disco.")
    qtbot.waitUntil(lambda: "corregido" in visible_text(window), timeout=20_000)
    assert window.reader_view.shown_language == "es"
    close_window(window)


def test_a_folder_that_disappears_is_offline_and_comes_back(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, library: Path, tmp_path: Path
) -> None:
    window = start(qtbot, dirs, renderer, library)
    # Make the command-line folder a remembered one.
    with qtbot.waitSignal(window.librariesChanged, timeout=20_000):
        window.library_folders.remove_folder(library)
    assert window.libraries == []
    with qtbot.waitSignal(window.librariesChanged, timeout=20_000):
        window.library_folders.add_folder(library)
    assert "budget" in titles(window)
    window.library_watcher.set_interval(50)
    box: QComboBox = window.findChild(QComboBox, "libraryChooser")

    unplugged = tmp_path / "elsewhere"
    os.rename(library, unplugged)  # as when a USB stick is pulled out
    qtbot.waitUntil(lambda: not titles(window), timeout=20_000)
    assert [lib.offline for lib in window.libraries] == [True]
    assert box.itemText(1) == "library (offline)"
    assert "Offline: library" in window.status_label.text()
    assert window.problems_view.problems() == []  # offline is not a problem with a file
    assert window.settings.texts(FOLDERS_KEY) == [str(library)]  # still remembered

    os.rename(unplugged, library)
    qtbot.waitUntil(lambda: "budget" in titles(window), timeout=20_000)
    assert [lib.offline for lib in window.libraries] == [False]
    assert box.itemText(1) == "library"
    close_window(window)


def test_problem_rows_appear_and_clear_when_fixed(
    qtbot: QtBot,
    dirs: UserDirs,
    renderer: RenderService,
    library: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = start(qtbot, dirs, renderer, library)
    view = window.problems_view
    assert view.objectName() == "problemsView"
    assert view.tree.topLevelItemCount() == 0
    assert not window.problems_button.isVisible()

    write(library / "broken.en.md", b"\x00\x01 not text")
    write(library / "es/bad-front.md", "---\ntitle: [unclosed\n---\nCuerpo.")
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() == 2, timeout=20_000)
    rows = {
        view.tree.topLevelItem(i).text(0): view.tree.topLevelItem(i).text(1)
        for i in range(view.tree.topLevelItemCount())
    }
    assert rows["broken.en.md"] == "The file is not text."
    assert "not valid YAML" in rows["es/bad-front.md:4"]
    assert {view.tree.topLevelItem(i).text(4) for i in range(2)} == {"library"}
    assert window.problems_button.isVisible()
    # The same list as `lector check`.
    assert [p for _root, p in view.problems()] == load_library(library).problems

    opened = []
    monkeypatch.setattr(
        "reader.ui.problems_view.QDesktopServices.openUrl", lambda url: opened.append(url)
    )
    view.tree.setCurrentItem(view.tree.topLevelItem(0))
    view.open_folder.click()
    first_folder = Path(view.tree.topLevelItem(0).data(0, PATH_ROLE)).parent
    view.tree.itemActivated.emit(view.tree.topLevelItem(0), 0)
    assert [Path(url.toLocalFile()) for url in opened] == [first_folder, first_folder]

    view.tree.setCurrentItem(view.tree.findItems("es/bad-front.md:4", Qt.MatchFlag.MatchExactly)[0])
    write(library / "broken.en.md", "# Mended\n\nText again.")
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() == 1, timeout=20_000)
    assert view.tree.currentItem().text(0) == "es/bad-front.md:4"  # still selected
    (library / "es/bad-front.md").unlink()
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() == 0, timeout=20_000)
    assert "broken" in titles(window)
    assert not window.problems_button.isVisible()
    close_window(window)


def test_a_reload_keeps_the_list_where_the_reader_left_it(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, tmp_path: Path
) -> None:
    root = tmp_path / "many"
    for i in range(150):
        write(root / f"doc{i:03d}.md", f"# Document {i:03d}\n\nText.")
    window = start(qtbot, dirs, renderer, root)
    bar = window.document_list.view.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    middle = bar.value()
    write(root / "doc149.md", "# Document 149, revised\n\nText.")
    qtbot.waitUntil(lambda: titles(window)["doc149"] == "Document 149, revised", timeout=20_000)
    assert bar.value() == middle
    close_window(window)


def test_beyond_the_watch_limit_the_periodic_check_still_sees_changes(
    qtbot: QtBot,
    dirs: UserDirs,
    renderer: RenderService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("reader.ui.library_watcher.MAX_WATCHED", 5)
    root = tmp_path / "wide"
    for i in range(12):
        write(root / f"topic{i:02d}/doc.en.md", f"# Topic {i}\n\nText.")
    window = start(qtbot, dirs, renderer, root)
    watcher = window.library_watcher
    watched = watcher.fs.directories() + watcher.fs.files()
    assert len(watched) == 5
    assert str(root / "topic11") not in watched
    watcher.set_interval(50)
    write(root / "topic11/doc.en.md", "# Topic eleven, revised\n\nText.")
    qtbot.waitUntil(
        lambda: titles(window)["topic11/doc"] == "Topic eleven, revised", timeout=20_000
    )
    close_window(window)


def test_an_offline_folder_keeps_its_search_index(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, library: Path, tmp_path: Path
) -> None:
    window = start(qtbot, dirs, renderer, library)
    panel = window.search_panel
    qtbot.waitUntil(lambda: panel._sync_job is None, timeout=30_000)
    index = panel.index_for(library)
    qtbot.waitUntil(lambda: index.document_count() == 3, timeout=30_000)
    window.library_watcher.set_interval(50)
    unplugged = tmp_path / "elsewhere"
    with qtbot.waitSignal(panel.indexing_finished, timeout=30_000):
        os.rename(library, unplugged)
    assert [lib.offline for lib in window.libraries] == [True]
    assert index.document_count() == 3  # an unplugged stick is not an emptied folder

    def hits_for(text: str) -> int:
        with qtbot.waitSignal(panel.search_finished, timeout=20_000):
            panel.search_box.setText(text)
            panel.search_now()
        return panel.results.count()

    assert hits_for("budgets") == 0  # nothing offered that cannot be opened
    with qtbot.waitSignal(panel.indexing_finished, timeout=30_000):
        os.rename(unplugged, library)
    assert [lib.offline for lib in window.libraries] == [False]
    assert index.document_count() == 3
    assert hits_for("budgets") > 0
    close_window(window)
