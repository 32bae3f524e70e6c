"""The search dock: results as you type, the index kept in step, and opening hits.

The window only calls ``install(window)``. Indexing runs as a background job
after every (re)load of the libraries, with progress and a cancel button in the
status bar; searches run as jobs too, and a result that arrives after the query
has changed is dropped. Opening a hit goes through ``MainWindow.open_document``
(so Back returns), in the hit's language, at the block of its first match, with
its words highlighted for F3.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader import LANGUAGES
from reader.library import Library, library_id
from reader.ui.find_bar import FindBar
from reader.ui.reading_pane import Place

if TYPE_CHECKING:
    # At run time these come from reader.search when first needed: loading the search
    # engine (and Whoosh) is left until the libraries are read, after the window shows.
    from reader.search import Hit, SearchIndex, SearchResult, SyncReport
    from reader.ui.main_window import MainWindow
    from reader.ui.workers import Job

log = logging.getLogger(__name__)

DEBOUNCE_MS = 180
RESULT_LIMIT = 50
HIT_ROLE = Qt.ItemDataRole.UserRole + 10
HTML_ROLE = Qt.ItemDataRole.UserRole + 11


def sync_indexes(
    pairs: list[tuple[SearchIndex, Library]],
    *,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> list[tuple[Path, SyncReport]]:
    """Sync each library's index in turn (a background job)."""
    reports = []
    for i, (index, library) in enumerate(pairs):

        def step(done: int, total: int, i: int = i) -> None:
            progress(i * 1000 + (1000 * done // max(total, 1)), len(pairs) * 1000)

        reports.append(
            (library.root, index.sync(library.versions(), progress=step, cancelled=cancelled))
        )
        if cancelled():
            break
    return reports


def search_indexes(
    indexes: list[tuple[Path, SearchIndex]], text: str, lang: str | None, limit: int
) -> list[tuple[Path, SearchResult]]:
    """Search every library's index (a background job)."""
    return [(root, index.search(text, lang=lang, limit=limit)) for root, index in indexes]


def snippet_html(hit: Hit) -> str:
    if hit.snippet is None:
        return ""
    parts, last = [], 0
    text = hit.snippet.text
    for start, end in hit.snippet.highlights:
        parts.append(html.escape(text[last:start]))
        parts.append(f"<b style='background:#ffe680;color:#000'>{html.escape(text[start:end])}</b>")
        last = end
    parts.append(html.escape(text[last:]))
    return "".join(parts)


class HtmlDelegate(QStyledItemDelegate):
    """Paints an item's rich text (title line and highlighted snippet)."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(option.rect.width(), 120))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text, option.text = option.text, ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = text
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        doc.drawContents(painter, QRectF(0, 0, option.rect.width(), option.rect.height()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        width = option.widget.viewport().width() if option.widget else 300  # type: ignore[attr-defined]
        option.rect.setWidth(width)
        doc = self._document(option, index)
        return QSize(width, int(doc.size().height()) + 4)


class SearchPanel(QDockWidget):
    """The search dock (objectName ``searchDock``)."""

    search_finished = Signal()  # results (or a notice) for the current query are shown
    indexing_finished = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("searchDock")
        self.window_ = window
        self.indexes: dict[Path, SearchIndex] = {}
        self._sync_job: Job | None = None
        self._sync_again = False
        self._search_token = 0
        self.last_result: list[tuple[Path, SearchResult]] = []
        self._suggestion: str | None = None
        self._pending_hit: tuple[str, Hit] | None = None
        self.indexed_once = False  # a sync of the libraries has finished at least once
        self.shown_query: str | None = None  # the query whose results are shown
        self._open_when_done = False

        body = QWidget(self)
        self.search_box = QLineEdit(body)
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        self.language = QComboBox(body)
        # "All" becomes "Todos" on a live switch: let the box grow with its text
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.language.setObjectName("searchLanguage")
        for _ in range(1 + len(LANGUAGES)):
            self.language.addItem("")
        self.notice = QLabel(body)
        self.notice.setObjectName("searchNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.hide()
        self.results = QListWidget(body)
        self.results.setObjectName("searchResults")
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search_box, 1)
        row.addWidget(self.language)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.notice)
        layout.addWidget(self.results, 1)
        self.setWidget(body)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)

        # status bar: what the index is doing, with a cancel button while it works
        status = window.statusBar()
        self.index_status = QLabel(status)
        self.index_status.setObjectName("indexStatus")
        self._status: tuple[str, int] = ("", 0)
        self.index_progress = QProgressBar(status)
        self.index_progress.setObjectName("indexProgress")
        self.index_progress.setMaximumWidth(140)
        self.index_progress.hide()
        self.cancel_button = QToolButton(status)
        self.cancel_button.setObjectName("cancelIndexing")
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.hide()
        status.addPermanentWidget(self.index_status)
        status.addPermanentWidget(self.index_progress)
        status.addPermanentWidget(self.cancel_button)

        self.act_search = QAction(window)
        self.act_search.setObjectName("actionSearch")
        self.act_search.setShortcut(QKeySequence("Ctrl+K"))
        self.act_search.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(self.act_search)
        window.menu_view.addSeparator()
        window.menu_view.addAction(self.act_search)
        window.menu_view.addAction(self.toggleViewAction())
        # The window restored its saved layout before this panel existed: its place
        # there is taken now, and the default one only without a saved layout.
        if not window.restoreDockWidget(self):
            window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self)
        self.find_bar = FindBar(window)

        self.act_search.triggered.connect(self.focus_search)
        self.search_box.textChanged.connect(lambda _t: self.timer.start())
        self.search_box.returnPressed.connect(self._open_first)
        self.search_box.installEventFilter(self)
        self.language.currentIndexChanged.connect(lambda _i: self.search_now())
        self.results.itemActivated.connect(self._open_item)
        self.results.itemClicked.connect(self._open_item)
        self.notice.linkActivated.connect(self._follow_notice_link)
        self.cancel_button.clicked.connect(self.cancel_indexing)
        window.librariesChanged.connect(self.sync)
        window.reader_view.shown_changed.connect(self._hit_shown)
        window.installEventFilter(self)
        self.retranslate_ui()

    # --- the index ----------------------------------------------------------------------

    def index_for(self, root: Path) -> SearchIndex:
        if root not in self.indexes:
            from reader.search import SearchIndex

            self.indexes[root] = SearchIndex.for_library(self.window_.dirs.data, root)
        return self.indexes[root]

    def sync(self) -> None:
        """Bring every library's index up to date in the background."""
        if self._sync_job is not None:
            self._sync_again = True
            self._sync_job.cancel()
            return
        pairs = []
        for library in self.window_.libraries:
            if library.offline:
                continue  # an unplugged drive is not an emptied folder: keep its index
            try:
                pairs.append((self.index_for(library.root), library))
            except Exception:
                log.exception("no search index for %s", library.root)
        self.index_progress.setRange(0, 0)
        self.index_progress.show()
        self.cancel_button.show()
        self._set_status("indexing")
        self._sync_job = self.window_.jobs.start(
            sync_indexes,
            pairs,
            done=self._synced,
            failed=self._sync_failed,
            progress=self._sync_progress,
        )

    def _set_status(self, state: str, count: int = 0) -> None:
        """Show what the index is doing; kept as a state so a language switch retranslates it."""
        self._status = (state, count)
        self.index_status.setText(self._status_text())

    def _status_text(self) -> str:
        state, count = self._status
        if state == "indexing":
            return self.tr("Indexing…")
        if state == "failed":
            return self.tr("Indexing failed; details are in the log.")
        if state == "rebuilt":
            return self.tr("The search index was damaged and has been rebuilt.")
        if state == "paused":
            return self.tr("Indexing paused; search may miss documents.")
        if state == "busy":
            return self.tr("The search index is in use; try again later.")
        if state == "indexed":
            return self.tr("%n version(s) indexed", "", count)
        return ""

    def cancel_indexing(self) -> None:
        if self._sync_job is not None:
            self._sync_again = False
            self._sync_job.cancel()

    def _sync_progress(self, done: int, total: int) -> None:
        self.index_progress.setRange(0, max(total, 1))
        self.index_progress.setValue(done)

    def _sync_failed(self, details: str) -> None:
        log.error("indexing failed: %s", details)
        self._sync_job = None
        self._sync_ended()
        self._set_status("failed")
        self.indexing_finished.emit()

    def _synced(self, reports: list) -> None:
        self._sync_job = None
        self._sync_ended()
        self.indexed_once = True
        if self._sync_again:
            self._sync_again = False
            self.sync()
            return
        from reader.search import IndexState

        damaged = [root for root, r in reports if r.state is IndexState.DAMAGED and r.rebuilt]
        busy = any(r.busy for _root, r in reports)
        cancelled = any(r.cancelled for _root, r in reports)
        count = sum(r.documents for _root, r in reports)
        if damaged:
            self._set_status("rebuilt")
            self.window_.statusBar().showMessage(
                self.tr("The search index of {folder} was damaged and has been rebuilt.").format(
                    folder=damaged[0].name or str(damaged[0])
                ),
                8000,
            )
        elif cancelled:
            self._set_status("paused")
        elif busy:
            self._set_status("busy")
        else:
            self._set_status("indexed", count)
        self.indexing_finished.emit()
        if self.search_box.text().strip():
            self.search_now()

    def _sync_ended(self) -> None:
        self.index_progress.hide()
        self.cancel_button.hide()

    # --- searching ----------------------------------------------------------------------

    def focus_search(self) -> None:
        if not self.isVisible():
            self.show()
        self.raise_()
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def chosen_language(self) -> str | None:
        i = self.language.currentIndex()
        return LANGUAGES[i - 1] if 1 <= i <= len(LANGUAGES) else None

    def search_now(self) -> None:
        self.timer.stop()
        text = self.search_box.text()
        self._search_token += 1
        token = self._search_token
        if not text.strip():
            self.shown_query = ""
            self.results.clear()
            self.notice.hide()
            self.search_finished.emit()
            return
        roots = [library.root for library in self.window_.libraries if not library.offline]
        indexes = []
        for root in roots:
            try:
                indexes.append((root, self.index_for(root)))
            except Exception:
                log.exception("no search index for %s", root)
        self.window_.jobs.start(
            search_indexes,
            indexes,
            text,
            self.chosen_language(),
            RESULT_LIMIT,
            done=lambda results: self._show(token, results),
            failed=self._search_failed,
        )

    def _search_failed(self, details: str) -> None:
        log.error("search failed: %s", details)
        self._set_notice(self.tr("The search failed; details are in the log."))
        self.search_finished.emit()

    def _show(self, token: int, results: list[tuple[Path, SearchResult]]) -> None:
        from reader.search import SearchNotice, merge_results

        if token != self._search_token:
            return  # the query changed meanwhile
        self.last_result = results
        self.shown_query = results[0][1].query if results else None
        hits = merge_results(results, RESULT_LIMIT)[0]
        self.results.clear()
        for root, hit in hits:
            item = QListWidgetItem(self._plain_line(hit))
            item.setData(HIT_ROLE, (root, hit))
            item.setData(HTML_ROLE, self._item_html(hit))
            item.setToolTip(str(hit.path))
            self.results.addItem(item)
        self._set_notice(self._notice_text(results, bool(hits)))
        if any(SearchNotice.DAMAGED in r.notices for _root, r in results):
            self.sync()
        if self._open_when_done:
            self._open_when_done = False
            if self.results.count():
                self._open_item(self.results.item(0))
        self.search_finished.emit()

    def _plain_line(self, hit: Hit) -> str:
        snippet = hit.snippet.text if hit.snippet else ""
        return f"{hit.title} [{hit.lang.upper()}] {snippet}"

    def _item_html(self, hit: Hit) -> str:
        date = f" · {html.escape(hit.date)}" if hit.date else ""
        pal = self.palette()
        mid = pal.color(QPalette.ColorRole.PlaceholderText).name()
        return (
            f"<div><b>{html.escape(hit.title)}</b> "
            f"<span style='color:{mid}'>[{hit.lang.upper()}]{date}</span></div>"
            f"<div>{snippet_html(hit)}</div>"
        )

    def _notice_text(self, results: list[tuple[Path, SearchResult]], found: bool) -> str:
        from reader.search import Refusal, SearchNotice, merge_results

        notices = set(merge_results(results, RESULT_LIMIT)[1])
        refusal = next((r for _root, r in results if r.refusal is not None), None)
        lines = []
        if refusal is not None and not found:
            if refusal.refusal is Refusal.WILDCARD_ALONE:
                lines.append(self.tr("A lone * would match everything: type a word."))
            else:
                lines.append(
                    self.tr("“{term}” matches too many words: type more letters before *.").format(
                        term=html.escape(refusal.refused_term)
                    )
                )
            return "<br>".join(lines)
        if SearchNotice.DAMAGED in notices:
            lines.append(self.tr("The search index is damaged; it is being rebuilt."))
        elif SearchNotice.NOT_READY in notices and not found:
            lines.append(self.tr("The search index is still being built."))
        if SearchNotice.NOTHING_TO_SEARCH in notices and not found:
            lines.append(self.tr("Only very common words or symbols: nothing to search for."))
        if SearchNotice.SOME_WORDS in notices:
            lines.append(self.tr("No document has all the words; showing those with some."))
        if SearchNotice.PREFIX_IGNORED in notices:
            lines.append(self.tr("A prefix that matches too many words was left out."))
        if SearchNotice.PREFIX_NARROWED in notices:
            lines.append(self.tr("A prefix starts many words: only the most common were searched."))
        if SearchNotice.SIMPLIFIED in notices:
            lines.append(self.tr("Part of the search was read as plain words."))
        self._suggestion = next((r.suggestion for _root, r in results if r.suggestion), None)
        if not found:
            if self._suggestion:
                lines.append(
                    self.tr("No results. Did you mean <a href='suggest'>{suggestion}</a>?").format(
                        suggestion=html.escape(self._suggestion)
                    )
                )
            elif not lines:
                lines.append(self.tr("No results."))
        return "<br>".join(lines)

    def _set_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _follow_notice_link(self, link: str) -> None:
        if link == "suggest" and self._suggestion:
            self.search_box.setText(self._suggestion)
            self.search_now()

    # --- opening ------------------------------------------------------------------------

    def _open_first(self) -> None:
        if self.timer.isActive() or not self.results.count():
            self._open_when_done = True
            self.search_now()
            return
        self._open_item(self.results.item(0))

    def _open_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        data = item.data(HIT_ROLE)
        if data:
            self.open_hit(*data)

    def open_hit(self, root: Path, hit: Hit) -> None:
        """Open the hit's document in its language, at its first match, words highlighted."""
        doc_id = f"{library_id(root)}:{hit.key}"
        window = self.window_
        window.set_reading_language(hit.lang)
        window.open_document(doc_id, Place(hit.block, 0.0))
        self._pending_hit = (doc_id, hit)

    def _hit_shown(self) -> None:
        view = self.window_.reader_view
        pending = self._pending_hit
        if pending is None or view.shown is None or view.shown.doc_id != pending[0]:
            return
        self._pending_hit = None
        doc_id, hit = pending
        self.find_bar.show_hits(list(hit.terms), hit.block, doc_id)

    # --- keys, closing, language ------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.search_box
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down  # type: ignore[attr-defined]
            and self.results.count()
        ):
            self.results.setFocus()
            self.results.setCurrentRow(0)
            return True
        if watched is self.window_ and event.type() == QEvent.Type.Close:
            self.cancel_indexing()
        return super().eventFilter(watched, event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Search"))
        self.search_box.setPlaceholderText(self.tr("Search all documents (Ctrl+K)"))
        self.language.setItemText(0, self.tr("All"))
        self.language.setItemText(1, self.tr("EN"))
        self.language.setItemText(2, self.tr("ES"))
        self.language.setToolTip(self.tr("Search in both languages or only one"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop indexing for now"))
        self.act_search.setText(self.tr("&Search…"))
        self.toggleViewAction().setText(self.tr("Search &Panel"))
        self.index_status.setText(self._status_text())
        if self.last_result:
            self._set_notice(self._notice_text(self.last_result, self.results.count() > 0))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def install(window: MainWindow) -> SearchPanel:
    """Create the search dock, find bar, shortcuts and status bar items for ``window``."""
    return SearchPanel(window)
