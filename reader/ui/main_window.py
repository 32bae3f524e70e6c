"""The main window: builds the panels, wires their signals, remembers the session."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QToolBar,
    QToolButton,
    QWidget,
)

from reader import LANGUAGES, __version__
from reader.library import Library, library_id
from reader.paths import UserDirs
from reader.render import Rendered
from reader.render.model import FOLLOWED_SCHEMES, REFUSED_SCHEME
from reader.render.service import RenderService
from reader.render.versions import render_versions
from reader.ui import i18n as interface_language
from reader.ui import search_panel, settings_notice
from reader.ui.comfort import Comfort
from reader.ui.document_list import DocumentList, Entry
from reader.ui.glossary_popup import install as install_glossary
from reader.ui.language_toggle import LanguageToggle
from reader.ui.library_folders import LibraryFolders
from reader.ui.library_watcher import LibraryWatcher
from reader.ui.navigation import Navigation
from reader.ui.problems_view import ProblemsView
from reader.ui.reader_view import ReaderView
from reader.ui.reading_pane import Place, VersionDocument
from reader.ui.settings import Settings
from reader.ui.workers import Jobs

if TYPE_CHECKING:
    from reader.library.loader import ParseCache

log = logging.getLogger(__name__)


def load_libraries(
    roots: list[Path],
    cache: ParseCache | None = None,
    *,
    progress,  # noqa: ANN001
    cancelled,  # noqa: ANN001
) -> tuple[list[Library], ParseCache]:
    """Read every library folder (a background job); the parse cache is made on first use.

    The loader and its front-matter parsers are imported here, in the job's thread,
    so the window is built and shown without them.
    """
    from reader.library.loader import ParseCache, load_library

    if cache is None:
        cache = ParseCache()
    libraries = []
    for i, root in enumerate(roots):

        def step(done: int, total: int, i: int = i) -> None:
            progress(i * 1000 + (1000 * done // max(total, 1)), len(roots) * 1000)

        libraries.append(load_library(root, progress=step, cancelled=cancelled, cache=cache))
    if not cancelled():
        cache.sweep()
    return libraries, cache


class MainWindow(QMainWindow):
    librariesChanged = Signal()  # noqa: N815 - emitted after every load or reload of the libraries

    def __init__(
        self,
        settings: Settings,
        dirs: UserDirs,
        renderer: RenderService,
        library_roots: list[Path],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings
        self.dirs = dirs
        self.renderer = renderer
        self.library_roots = library_roots
        self.libraries: list[Library] = []
        self.jobs = Jobs(self)
        self._open_token = 0
        self._pending_place: Place | None = None
        self.loading = False
        self.parse_cache: ParseCache | None = None  # made with the first load
        self._load_token = 0
        self._loaded_once = False

        self._build_actions()
        self._build_panels()
        self._build_menus()
        self._build_status_bar()
        self.navigation = Navigation(self)
        self.comfort = Comfort(self)
        self.glossary = install_glossary(self)
        self._connect_signals()
        self.library_folders = LibraryFolders(self)
        self.library_watcher = LibraryWatcher(self)
        self.retranslate_ui()
        self._restore_session()
        self.language_menu = interface_language.install(self)
        settings_notice.install(self)
        self.search_panel = search_panel.install(self)

    # --- building ------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.act_toggle_language = QAction(self)
        self.act_toggle_language.setObjectName("actionToggleLanguage")
        self.act_toggle_language.setShortcut(QKeySequence("Ctrl+L"))
        self.act_side_by_side = QAction(self)
        self.act_side_by_side.setObjectName("actionSideBySide")
        self.act_side_by_side.setCheckable(True)
        self.act_side_by_side.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.act_quit = QAction(self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_filter = QAction(self)
        self.act_filter.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.act_about = QAction(self)
        for action in (self.act_toggle_language, self.act_side_by_side, self.act_filter):
            self.addAction(action)

    def _build_panels(self) -> None:
        self.document_list = DocumentList(self)
        self.reader_view = ReaderView(self)
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.setObjectName("mainSplit")
        self.split.addWidget(self.document_list)
        self.split.addWidget(self.reader_view)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([380, 820])
        self.setCentralWidget(self.split)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.language_toggle = LanguageToggle(self.toolbar)
        self.toolbar.addWidget(self.language_toggle)
        self.toolbar.addAction(self.act_side_by_side)
        self.addToolBar(self.toolbar)

        self.problems_view = ProblemsView(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_view)
        self.problems_view.hide()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addAction(self.act_quit)
        self.menu_view = bar.addMenu("")
        self.menu_view.addAction(self.act_toggle_language)
        self.menu_view.addAction(self.act_side_by_side)
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.act_filter)
        self.menu_view.addAction(self.problems_view.toggleViewAction())
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_about)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.status_label = QLabel(status)
        self.progress = QProgressBar(status)
        self.progress.setObjectName("libraryProgress")
        self.progress.setMaximumWidth(180)
        self.progress.hide()
        self.problems_button = QToolButton(status)
        self.problems_button.setObjectName("problemsButton")
        self.problems_button.setAutoRaise(True)
        self.problems_button.hide()
        status.addWidget(self.status_label, 1)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.problems_button)

    def _connect_signals(self) -> None:
        self.document_list.open_document_requested.connect(self.open_document)
        self.language_toggle.language_requested.connect(self.set_reading_language)
        self.act_toggle_language.triggered.connect(self.toggle_language)
        self.act_side_by_side.toggled.connect(self.set_side_by_side)
        self.act_quit.triggered.connect(self.close)
        self.act_filter.triggered.connect(self._focus_filter)
        self.act_about.triggered.connect(self._about)
        self.reader_view.link_activated.connect(self._follow_link)
        self.reader_view.shown_changed.connect(self._update_shown)
        self.problems_view.count_changed.connect(self._update_problems_button)
        self.problems_button.clicked.connect(self.problems_view.show)

    # --- the interface language -------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_toggle_language.setText(self.tr("Switch &Language (EN/ES)"))
        self.act_toggle_language.setToolTip(self.tr("Show the other language, keeping your place"))
        self.act_side_by_side.setText(self.tr("&Side by Side"))
        self.act_side_by_side.setToolTip(self.tr("Show English and Spanish side by side"))
        self.act_filter.setText(self.tr("&Filter Documents"))
        self.act_about.setText(self.tr("&About Lector"))
        self.toolbar.setWindowTitle(self.tr("Toolbar"))
        self._update_problems_button(len(self.problems_view.problems()))
        self._update_shown()
        if self.libraries:  # once loaded, the status line is the document count
            self._show_document_count()

    def _show_document_count(self) -> None:
        count = self.document_list.model.rowCount()
        self.status_label.setText(self.tr("%n document(s)", "", count))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- the library ------------------------------------------------------------------------

    def load_libraries(self) -> None:
        """Read every library folder in the background; the list fills in when done."""
        self._load_token += 1
        token = self._load_token
        self.loading = True
        self.status_label.setText(self.tr("Loading library…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.jobs.start(
            load_libraries,
            list(self.library_roots),
            self.parse_cache,
            done=lambda loaded: self._libraries_loaded(*loaded, token),
            failed=self._job_failed,
            progress=self._progress,
        )

    def reload_libraries(self, roots: list[Path] | None = None) -> None:
        """Read the library folders again (a new list of them when given); the list follows."""
        if roots is not None:
            self.library_roots = list(roots)
        self.load_libraries()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _libraries_loaded(self, libraries: list[Library], cache: ParseCache, token: int) -> None:
        if self.parse_cache is None:
            self.parse_cache = cache
        if token != self._load_token:
            return  # a newer reload is on its way
        self.loading = False
        self.libraries = libraries
        entries = []
        problems = []
        for library in libraries:
            lib_id = library_id(library.root)
            entries += [Entry.of(lib_id, library.root, doc) for doc in library.documents.values()]
            problems += [(library.root, problem) for problem in library.problems]
        self.document_list.set_entries(entries)
        self.problems_view.set_problems(problems)
        self.progress.hide()
        self._show_document_count()
        first, self._loaded_once = not self._loaded_once, True
        last = self.settings.text("reading/document") if first else ""
        if last and self.document_list.model.entry(last):
            self._pending_place = Place(
                self.settings.integer("reading/block", 0, 0, 1_000_000),
                self.settings.number("reading/fraction", 0.0, 0.0, 1.0),
            )
            self.document_list.select(last)
        self.librariesChanged.emit()

    def _job_failed(self, details: str) -> None:
        self.loading = False
        self.progress.hide()
        self.status_label.setText(self.tr("Something went wrong; details are in the log."))
        log.error("job failed: %s", details)

    # --- opening and reading ------------------------------------------------------------------

    def open_document(self, doc_id: str, place: Place | None = None) -> None:
        entry = self.document_list.model.entry(doc_id)
        if entry is None:
            return
        self._open_token += 1
        token = self._open_token
        if place is None:
            place, self._pending_place = self._pending_place, None
        self.navigation.leaving(doc_id, place)
        self.document_list.select(doc_id, emit=False)
        self.jobs.start(
            render_versions,
            entry.document,
            self.renderer.render,
            self.glossary.terms_for(entry.library_root),
            done=lambda rendered: self._document_ready(token, entry, rendered, place),
            failed=self._job_failed,
        )

    def _document_ready(
        self, token: int, entry: Entry, rendered: dict[str, Rendered], place: Place | None
    ) -> None:
        if token != self._open_token:
            return  # the reader has moved on to another document
        self.reader_view.show_document(
            entry.doc_id, entry.document, entry.library_root, rendered, place
        )

    def set_reading_language(self, lang: str) -> None:
        if lang in LANGUAGES:
            self.navigation.language_changing()
            self.reader_view.set_language(lang)
            self.document_list.set_reading_language(lang)

    def toggle_language(self) -> None:
        shown = self.reader_view.shown_language or self.reader_view.language
        target = next(code for code in LANGUAGES if code != shown)
        if self.reader_view.shown and target not in self.reader_view.available():
            self.statusBar().showMessage(
                self.tr("This document is only available in one language."), 4000
            )
        self.set_reading_language(target)

    def set_side_by_side(self, on: bool) -> None:
        self.reader_view.set_side_by_side(on)
        if self.act_side_by_side.isChecked() != on:
            self.act_side_by_side.setChecked(on)

    def _update_shown(self) -> None:
        view = self.reader_view
        shown = view.shown_language or view.language
        self.language_toggle.set_state(shown, view.available() or LANGUAGES)
        if view.shown:
            title = view.shown.document.title(shown)
            self.setWindowTitle(self.tr("{title} — Lector").format(title=title))
        else:
            self.setWindowTitle("Lector")

    def _focus_filter(self) -> None:
        self.document_list.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.document_list.filter_box.selectAll()

    # --- links ------------------------------------------------------------------------------------

    def _follow_link(self, url: QUrl, doc: VersionDocument | None) -> None:
        scheme = url.scheme().lower()
        if self.glossary.handle_link(url, doc):
            return
        if scheme == REFUSED_SCHEME:
            original = unquote(
                url.toString(QUrl.ComponentFormattingOption.FullyEncoded)[len(REFUSED_SCHEME) + 1 :]
            )
            self._refuse_link(original)
        elif scheme in FOLLOWED_SCHEMES:
            QDesktopServices.openUrl(url)
        elif scheme:
            self._refuse_link(url.toString())
        elif not url.path():
            self.navigation.leaving()
            self.reader_view.scroll_to_fragment(url.fragment(), doc)
        else:
            self._open_local_link(url, doc)

    def _refuse_link(self, link: str) -> None:
        QMessageBox.information(
            self,
            self.tr("Link not opened"),
            self.tr("Lector does not open links of this kind:\n{link}").format(link=link[:300]),
        )

    def _open_local_link(self, url: QUrl, doc: VersionDocument | None) -> None:
        shown = self.reader_view.shown
        if doc is None or doc.base_dir is None or shown is None:
            return
        target = os.path.realpath(doc.base_dir / unquote(url.path()))
        root = os.path.realpath(shown.library_root)
        if os.path.commonpath([target, root]) == root:
            for entry in self.document_list.model.entries():
                for lang, version in entry.document.versions.items():
                    if os.path.realpath(version.path) == target:
                        self.set_reading_language(lang)
                        self.open_document(entry.doc_id)
                        return
        self.statusBar().showMessage(
            self.tr("The link leads to {target}, which is not a document in this library.").format(
                target=unquote(url.path())
            ),
            6000,
        )

    # --- problems, about, session -------------------------------------------------------------

    def _update_problems_button(self, count: int) -> None:
        self.problems_button.setText(self.tr("%n problem(s)", "", count))
        self.problems_button.setToolTip(self.tr("Show the files that could not be read fully"))
        self.problems_button.setVisible(count > 0)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Lector"),
            self.tr(
                "Lector {version}\n\nAn offline reader for documents in English and Spanish."
            ).format(version=__version__),
        )

    def _restore_session(self) -> None:
        geometry = self.settings.blob("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 800)
        state = self.settings.blob("window/state")
        if state is not None:
            self.restoreState(state)
        split = self.settings.blob("window/split")
        if split is not None:
            self.split.restoreState(split)
        lang = self.settings.choice("reading/language", LANGUAGES, LANGUAGES[0])
        self.set_reading_language(lang)
        self.set_side_by_side(self.settings.flag("reading/sideBySide", False))

    def save_session(self) -> None:
        s = self.settings
        s.set("window/geometry", self.saveGeometry())
        s.set("window/state", self.saveState())
        s.set("window/split", self.split.saveState())
        s.set("reading/language", self.reader_view.language)
        s.set("reading/sideBySide", self.reader_view.side_by_side)
        shown = self.reader_view.shown
        if shown is not None:
            place = self.reader_view.place()
            s.set("reading/document", shown.doc_id)
            s.set("reading/block", place.block)
            s.set("reading/fraction", round(place.fraction, 4))
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_session()
        super().closeEvent(event)
