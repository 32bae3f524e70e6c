"""Portable mode keeps everything beside the program; library folders are never written to."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.paths import PORTABLE_DATA, PORTABLE_MARKER, UserDirs
from reader.render.service import RenderService
from reader.ui.library_folders import FOLDERS_KEY
from reader.ui.settings import Settings

from .conftest import OPENSOURCE_GUIDE, write
from .test_pane_safety import PNG
from .ui_helpers import close_window, open_and_wait, open_window

PROFILE_VARS = ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every entry under ``root`` (hidden ones too): content hash and modification time."""
    out: dict[str, tuple[str, int]] = {}
    for folder, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(folder) / name
            st = path.lstat()
            if path.is_symlink():
                digest = "link:" + os.readlink(path)
            elif path.is_file():
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                digest = "dir"
            out[path.relative_to(root).as_posix()] = (digest, st.st_mtime_ns)
    return out


def files_under(root: Path) -> list[str]:
    if not root.exists():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture
def portable_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A frozen-looking program in ``stick/lector`` with the portable marker beside it."""
    app = tmp_path / "stick" / "lector"
    write(app / "lector", b"")
    write(app / PORTABLE_MARKER, "")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(app / "lector"))
    monkeypatch.delenv("LECTOR_HOME", raising=False)
    for var in PROFILE_VARS:
        monkeypatch.setenv(var, str(tmp_path / "profile" / var.lower()))
    return app


def test_marker_or_flag_puts_user_folders_beside_the_program(
    portable_app: Path, tmp_path: Path
) -> None:
    dirs = UserDirs.resolve()
    assert dirs.portable
    assert dirs.config == portable_app / PORTABLE_DATA / "config"
    assert dirs.index_dir(tmp_path / "docs", 1).is_relative_to(portable_app / PORTABLE_DATA)
    (portable_app / PORTABLE_MARKER).unlink()
    assert UserDirs.resolve(portable=True).data == portable_app / PORTABLE_DATA / "data"


def test_portable_session_writes_only_beside_the_program(
    qtbot: QtBot, renderer: RenderService, portable_app: Path, tmp_path: Path, bundled: Path
) -> None:
    docs = tmp_path / "stick" / "docs"
    write(docs / "guide.md", "# Guide\n\nOn the stick.")
    write(docs / "es/guide.md", "# Guía\n\nEn la memoria.")
    before = snapshot(docs)
    dirs = UserDirs.resolve()
    dirs.ensure()
    window = open_window(qtbot, dirs, renderer, [bundled])
    with qtbot.waitSignal(window.librariesChanged, timeout=20_000):
        assert window.library_folders.add_folder(docs) is None
    open_and_wait(qtbot, window, "guide", "es")
    close_window(window)

    assert files_under(tmp_path / "profile") == []
    written = files_under(portable_app / PORTABLE_DATA)
    assert "config/lector.ini" in written
    assert snapshot(docs) == before
    # The folder is remembered relative to the program, so a new drive letter still finds it.
    assert Settings(dirs.config).texts(FOLDERS_KEY) == ["../docs"]
    again = open_window(qtbot, dirs, renderer, [bundled])
    assert "guide" in {e.document.key for e in again.document_list.model.entries()}
    close_window(again)


def tricky_library(root: Path) -> Path:
    write(root / "report.md", "---\ntitle: Report\nextra: [1, 2]\n---\n# Report\n\n![x](img/a.png)")
    write(root / "es/report.md", "---\nlang: es\ntitle: Informe\n---\nTexto {% raw %} &oacute;")
    write(root / "img/a.png", PNG)
    write(root / "broken.md", b"\x00\x01binary")
    write(root / "bad-yaml.en.md", "---\ntitle: [oops\n---\nBody")
    write(root / ".hidden/notes.md", "# Hidden\n")
    write(root / "glossary.yaml", "- id: x\n")
    (root / "link.md").symlink_to(root / "report.md")
    return root


def test_library_files_are_byte_identical_after_a_full_session(
    qtbot: QtBot, dirs: UserDirs, renderer: RenderService, bundled: Path, tmp_path: Path
) -> None:
    mine = tricky_library(tmp_path / "mine")
    folders = [mine, bundled] + ([OPENSOURCE_GUIDE] if OPENSOURCE_GUIDE.is_dir() else [])
    before = {folder: snapshot(folder) for folder in folders}

    window = open_window(qtbot, dirs, renderer, [bundled])
    for folder in folders[::2]:
        with qtbot.waitSignal(window.librariesChanged, timeout=30_000):
            assert window.library_folders.add_folder(folder) is None
    for entry in window.document_list.model.entries()[:12]:
        for lang in entry.document.languages:
            open_and_wait(qtbot, window, entry.document.key, lang)
    window.toggle_language()
    window.set_side_by_side(True)
    window.library_folders.needs_filter.click()
    window.library_folders.show_library(mine)
    with qtbot.waitSignal(window.library_watcher.checked, timeout=20_000):
        window.library_watcher.check_now()
    with qtbot.waitSignal(window.librariesChanged, timeout=20_000):
        window.library_folders.remove_folder(mine)
    with qtbot.waitSignal(window.librariesChanged, timeout=20_000):
        window.library_folders.add_folder(mine)
    close_window(window)

    for folder in folders:
        assert snapshot(folder) == before[folder], folder


def test_the_index_is_found_again_when_the_stick_moves(
    portable_app: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "stick" / "docs"
    write(docs / "guide.md", "# Guide\n")
    before = UserDirs.resolve().index_dir(docs, 3)  # data folder not created yet
    UserDirs.resolve().ensure()
    assert UserDirs.resolve().index_dir(docs, 3) == before
    # The same stick, mounted somewhere else on the next machine.
    moved = tmp_path / "elsewhere" / "STICK"
    moved.parent.mkdir()
    (tmp_path / "stick").rename(moved)
    monkeypatch.setattr(sys, "executable", str(moved / "lector" / "lector"))
    after = UserDirs.resolve().index_dir(moved / "docs", 3)
    assert after.relative_to(moved) == before.relative_to(tmp_path / "stick")
    # A different folder still gets a different index.
    write(moved / "other" / "docs" / "x.md", "# X\n")
    assert UserDirs.resolve().index_dir(moved / "other" / "docs", 3) != after
