"""The user's library folders: File › Add/Remove, remembered, and a chooser over the list.

Lector only ever reads these folders; adding or removing one changes Lector's list,
never the folder itself.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QWidget,
)

from reader.paths import bundled_library_dir, executable_dir

if TYPE_CHECKING:
    from reader.paths import UserDirs
    from reader.ui.main_window import MainWindow
    from reader.ui.settings import Settings

FOLDERS_KEY = "libraries/folders"
SHOWN_KEY = "libraries/shown"


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root.resolve())
    except OSError:
        return False


def saved_folders(settings: Settings, dirs: UserDirs) -> list[Path]:
    """The remembered folders; in portable mode, relative ones are beside the program."""
    folders: list[Path] = []
    for text in settings.texts(FOLDERS_KEY):
        if not text.strip():
            continue
        path = Path(text)
        if not path.is_absolute():
            path = Path(os.path.normpath(executable_dir() / path))
        if not any(_same(path, known) for known in folders):
            folders.append(path)
    return folders


def save_folders(settings: Settings, dirs: UserDirs, folders: list[Path]) -> None:
    """Remember the folders. A portable copy keeps folders on its own drive relative to
    the program, so they are found again when the drive gets another letter or mount
    point."""
    texts = []
    exe = executable_dir()
    for folder in folders:
        text = str(folder)
        if dirs.portable:
            with contextlib.suppress(ValueError, OSError):
                if folder.stat().st_dev == exe.stat().st_dev:  # on the same drive
                    text = Path(os.path.relpath(folder, exe)).as_posix()
        texts.append(text)
    settings.set(FOLDERS_KEY, texts)
    settings.sync()


class LibraryFolders(QWidget):
    """The library bar above the document list, and the File menu entries for folders."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window.document_list)
        self.setObjectName("libraryBar")
        self.window_ = window
        self.bundled = bundled_library_dir()
        # Folders given on the command line are open for this run only; saved ones persist.
        self.session = [r for r in window.library_roots]
        self.folders = [
            f
            for f in saved_folders(window.settings, window.dirs)
            if not any(_same(f, r) for r in self.session)
        ]
        window.library_roots = self.roots()

        self.chooser = QComboBox(self)
        self.chooser.setObjectName("libraryChooser")
        self.chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.needs_filter = QCheckBox(self)
        self.needs_filter.setObjectName("needsTranslationFilter")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chooser, 1)
        layout.addWidget(self.needs_filter)
        window.document_list.layout().insertWidget(0, self)

        self.act_add = QAction(window)
        self.act_add.setObjectName("actionAddLibrary")
        self.act_add.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.menu_remove = QMenu(window)
        self.menu_remove.setObjectName("menuRemoveLibrary")
        first = window.menu_file.actions()[0] if window.menu_file.actions() else None
        window.menu_file.insertAction(first, self.act_add)
        window.menu_file.insertMenu(first, self.menu_remove)
        window.menu_file.insertSeparator(first)

        self.act_add.triggered.connect(self.choose_folder)
        self.menu_remove.aboutToShow.connect(self._fill_remove_menu)
        self.chooser.currentIndexChanged.connect(self._chosen)
        self.needs_filter.toggled.connect(window.document_list.proxy.set_needs_translation)
        window.librariesChanged.connect(self._libraries_changed)
        self.retranslate_ui()

    # --- the list of folders ----------------------------------------------------------

    def roots(self) -> list[Path]:
        return [*self.session, *self.folders]

    def removable(self) -> list[Path]:
        return [r for r in self.roots() if not _same(r, self.bundled)]

    def add_folder(self, path: Path) -> str | None:
        """Open ``path`` as a library and remember it; the reason in words if it cannot be."""
        path = Path(path).absolute()
        if not path.is_dir():
            return self.tr("{path} is not a folder.").format(path=path)
        if any(_same(path, root) for root in self.roots()):
            return self.tr("{path} is already in the library.").format(path=path)
        for root in self.roots():
            if _inside(path, root):
                return self.tr(
                    "{path} is inside {name}, which already shows its documents."
                ).format(path=path, name=self.name(root))
        self.folders.append(path)
        save_folders(self.window_.settings, self.window_.dirs, self.folders)
        self.window_.statusBar().showMessage(
            self.tr("Reading {name}…").format(name=path.name or str(path)), 4000
        )
        self.window_.reload_libraries(self.roots())
        return None

    def remove_folder(self, path: Path) -> bool:
        """Close a library folder and forget it. Nothing in the folder is touched."""
        kept_session = [r for r in self.session if not _same(r, path) or _same(r, self.bundled)]
        kept = [f for f in self.folders if not _same(f, path)]
        if len(kept) == len(self.folders) and len(kept_session) == len(self.session):
            return False
        self.session, self.folders = kept_session, kept
        save_folders(self.window_.settings, self.window_.dirs, self.folders)
        if self.window_.document_list.proxy.library is not None and _same(
            self.window_.document_list.proxy.library, path
        ):
            self.show_library(None)
        self.window_.statusBar().showMessage(
            self.tr("{name} closed; its files were not touched.").format(
                name=path.name or str(path)
            ),
            4000,
        )
        self.window_.reload_libraries(self.roots())
        return True

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window_, self.tr("Add Library Folder"))
        if not folder:
            return
        error = self.add_folder(Path(folder))
        if error:
            QMessageBox.information(self.window_, self.tr("Add Library Folder"), error)

    def _fill_remove_menu(self) -> None:
        self.menu_remove.clear()
        for root in self.removable():
            action = self.menu_remove.addAction(str(root))
            action.triggered.connect(lambda _checked=False, r=root: self.remove_folder(r))
        if not self.menu_remove.actions():
            self.menu_remove.addAction(self.tr("(no folders added)")).setEnabled(False)

    # --- which library the list shows -------------------------------------------------

    def name(self, root: Path) -> str:
        if _same(root, self.bundled):
            return self.tr("Sample library")
        return root.name or str(root)

    def offline(self) -> list[Path]:
        return [lib.root for lib in self.window_.libraries if lib.offline]

    def show_library(self, root: Path | None) -> None:
        """Show one library's documents, or every library's (None)."""
        index = 0
        if root is not None:
            for i in range(1, self.chooser.count()):
                if _same(Path(self.chooser.itemData(i)), root):
                    index = i
        self.chooser.setCurrentIndex(index)
        self._chosen(index)

    def _chosen(self, index: int) -> None:
        data = self.chooser.itemData(index) if index > 0 else None
        self.window_.document_list.proxy.set_library(Path(data) if data else None)

    def _fill_chooser(self) -> None:
        current = self.chooser.currentData()
        offline = self.offline()
        with QSignalBlocker(self.chooser):
            self.chooser.clear()
            self.chooser.addItem(self.tr("All libraries"), "")
            for root in self.window_.library_roots:
                label = self.name(root)
                if any(_same(root, o) for o in offline):
                    label = self.tr("{name} (offline)").format(name=label)
                self.chooser.addItem(label, str(root))
                self.chooser.setItemData(
                    self.chooser.count() - 1, str(root), Qt.ItemDataRole.ToolTipRole
                )
            index = self.chooser.findData(current) if current else 0
            self.chooser.setCurrentIndex(max(index, 0))
        self._chosen(self.chooser.currentIndex())

    def _libraries_changed(self) -> None:
        self._fill_chooser()
        offline = self.offline()
        if offline:
            names = ", ".join(self.name(root) for root in offline)
            self.window_.status_label.setText(
                self.window_.status_label.text()
                + " · "
                + self.tr("Offline: {names}").format(names=names)
            )

    # --- words ------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.act_add.setText(self.tr("&Add Library Folder…"))
        self.act_add.setToolTip(self.tr("Open a folder of your own documents as a library"))
        self.menu_remove.setTitle(self.tr("&Remove Library Folder"))
        self.needs_filter.setText(self.tr("Needs translation"))
        self.needs_filter.setToolTip(
            self.tr("Show only documents with a language version missing or out of date")
        )
        self.chooser.setAccessibleName(self.tr("Library"))
        self._fill_chooser()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
