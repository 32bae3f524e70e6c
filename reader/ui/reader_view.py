"""The reading area: one pane, or two side by side, showing a document's languages.

Switching language keeps the reader's place: the block at the top of the view and
how far into it, mapped to the matching block of the other version.

Laying a long version out takes a while, so while one language is read the other
is laid out ahead, a slice at a time between events, in a hidden spare pane of the
same size; switching then swaps the two panes instead of laying text out anew.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from reader import LANGUAGES
from reader.library import Document
from reader.render import Rendered
from reader.render.align import block_map
from reader.ui.messages import language_name, problem_reason
from reader.ui.reading_pane import Place, ReadingPane, VersionDocument


@dataclass
class Shown:
    """The open document: its rendered versions and the block maps between them."""

    doc_id: str
    document: Document
    library_root: Path
    versions: dict[str, VersionDocument]
    maps: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    def map_block(self, block: int, src: str, dst: str) -> int:
        if src == dst or src not in self.versions or dst not in self.versions:
            return block
        if (src, dst) not in self.maps:
            a, b = self.versions[src].rendered.blocks, self.versions[dst].rendered.blocks
            self.maps[(src, dst)] = block_map(a, b)
        mapping = self.maps[(src, dst)]
        return mapping[min(max(block, 0), len(mapping) - 1)] if mapping else 0


_TOUCHES = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
    QEvent.Type.KeyPress,
    QEvent.Type.FocusIn,
}

PREPARE_SLICE_S = 0.005  # the longest the window waits for one slice of laying out ahead


def other_language(lang: str) -> str:
    return next(code for code in LANGUAGES if code != lang)


class ReaderView(QWidget):
    link_activated = Signal(QUrl, object)  # the link, and the VersionDocument it was in
    shown_changed = Signal()  # document, language or layout changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = LANGUAGES[0]  # the reader's chosen reading language
        self.side_by_side = False
        self.shown: Shown | None = None
        self._syncing = False

        self.notice = QLabel(self)
        self.notice.setObjectName("readerNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setContentsMargins(10, 6, 10, 6)
        self.notice.setStyleSheet("QLabel { background: palette(alternate-base); }")
        self.notice.hide()

        self.primary = ReadingPane(self, "readingPane")
        # The other language waits here, laid out; a switch swaps it with the primary pane.
        self.spare = ReadingPane(self, "spareReadingPane")
        self.secondary = ReadingPane(self, "sideBySideView")
        self.secondary.hide()
        self.main_stack = QStackedWidget(self)
        self.main_stack.addWidget(self.primary)
        self.main_stack.addWidget(self.spare)
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.setObjectName("readerSplit")
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.main_stack)
        self.split.addWidget(self.secondary)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notice)
        layout.addWidget(self.split, 1)

        # The pane the reader last touched leads the scrolling; the other follows.
        self._leader: ReadingPane = self.primary
        for pane in self.panes():
            pane.link_activated.connect(lambda url, pane=pane: self._link(url, pane))
            pane.resized.connect(lambda pane=pane: self._pane_resized(pane))
            pane.installEventFilter(self)
            pane.viewport().installEventFilter(self)
            pane.verticalScrollBar().valueChanged.connect(
                lambda _v, pane=pane: self._scrolled(pane)
            )
        self._welcome = QTextDocument(self)
        self._message = QTextDocument(self)
        self._blank = QTextDocument(self)
        self._spare_blank = QTextDocument(self)
        self._preparing: Iterator[None] | None = None
        self._prepared: VersionDocument | None = None  # laid out in the spare pane
        self._prepare_timer = QTimer(self)
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.setInterval(0)
        self._prepare_timer.timeout.connect(self._prepare_step)
        self.retranslate_ui()
        self.primary.show_document(self._welcome)

    # --- what is shown ---------------------------------------------------------------

    @property
    def shown_language(self) -> str | None:
        """The language in the main pane: the chosen one, or the only one there is."""
        if self.shown is None:
            return None
        return (
            self.language
            if self.language in self.shown.versions
            else next(iter(self.shown.versions))
        )

    def panes(self) -> tuple[ReadingPane, ReadingPane, ReadingPane]:
        """Every reading pane: the primary, the side-by-side one and the hidden spare."""
        return (self.primary, self.secondary, self.spare)

    def available(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANGUAGES if self.shown and lang in self.shown.versions)

    def show_document(
        self,
        doc_id: str,
        document: Document,
        library_root: Path,
        rendered: dict[str, Rendered],
        place: Place | None = None,
    ) -> None:
        versions = {}
        for lang, result in rendered.items():
            version = document.versions[lang]
            versions[lang] = VersionDocument(
                result,
                lang=lang,
                version=version,
                base_dir=version.path.parent,
                library_root=library_root,
                palette=self.palette(),
                parent=self,
            )
        old = self.shown
        self.spare.show_document(self._spare_blank)  # it may hold a version about to go
        self.shown = Shown(doc_id, document, library_root, versions)
        self._lay_out(place or Place())
        if old:
            for doc in old.versions.values():
                doc.deleteLater()

    def set_language(self, lang: str) -> None:
        """Read in ``lang``; the block in view stays in view."""
        before = self.shown_language
        place = self.place()
        self.language = lang
        after = self.shown_language
        if self.shown and before and after:
            place = Place(self.shown.map_block(place.block, before, after), place.fraction)
        self._lay_out(place)

    def toggle_language(self) -> None:
        self.set_language(other_language(self.shown_language or self.language))

    def set_side_by_side(self, on: bool) -> None:
        place = self.place()
        self.side_by_side = on
        self._lay_out(place)

    def restyle(self) -> None:
        """Lay the open versions out again with the stylesheet of the current palette."""
        if self.shown is None:
            return
        place = self.place()
        for doc in self.shown.versions.values():
            doc.restyle(self.palette())
        self._lay_out(place)

    def place(self) -> Place:
        """The reader's place, in the block numbering of the main pane's language."""
        return self.primary.place() if self.shown else Place()

    def go_to(self, place: Place) -> None:
        self._leader = self.primary
        self.primary.go_to(place)
        self._sync(self.primary, self.secondary)

    def _lay_out(self, place: Place) -> None:
        shown = self.shown_language
        if self.shown is None or shown is None:
            self.primary.show_document(self._welcome)
            self.spare.show_document(self._spare_blank)
            self.secondary.hide()
            self.notice.hide()
            self.shown_changed.emit()
            return
        primary_doc = self.shown.versions[shown]
        if self.spare.version() is primary_doc:
            self._swap_main_panes()  # laid out ahead: nothing to lay out now
        if self.side_by_side:
            self.spare.show_document(self._spare_blank)  # the other version goes beside
        self.primary.show_document(primary_doc)
        other = other_language(shown)
        if self.side_by_side:
            if other in self.shown.versions:
                self.secondary.show_document(self.shown.versions[other])
            else:
                self._message.setHtml(self._missing_html(other))
                self.secondary.show_document(self._message)
            self.secondary.show()
        else:
            self.secondary.hide()
            self.secondary.show_document(self._blank)
        self._update_notice(primary_doc)
        self._leader = self.primary
        self.primary.go_to(place)
        self._sync(self.primary, self.secondary)
        self.shown_changed.emit()
        self._prepare_other()

    def _swap_main_panes(self) -> None:
        self.primary, self.spare = self.spare, self.primary
        self.primary.setObjectName("readingPane")
        self.spare.setObjectName("spareReadingPane")
        self.main_stack.setCurrentWidget(self.primary)  # focus moves along with it

    # --- laying the other language out ahead ---------------------------------------------

    def prepared(self) -> bool:
        """True when the other language waits, laid out, in the spare pane."""
        return self._prepared is not None and self.spare.version() is self._prepared

    def _prepare_other(self) -> None:
        """Start (again) laying the other language out in the spare pane, between events."""
        self._preparing = None
        self._prepared = None
        self._prepare_timer.start()

    def _prepare_step(self) -> None:
        if self._preparing is None:
            self._preparing = self._prepare()
        try:
            next(self._preparing)
        except StopIteration:
            self._preparing = None
        else:
            self._prepare_timer.start()

    def _prepare(self) -> Iterator[None]:
        shown, lang = self.shown, self.shown_language
        if shown is None or lang is None or self.side_by_side:
            return
        doc = shown.versions.get(other_language(lang))
        if doc is None:
            return
        self.spare.show_document(doc)
        self._settle_spare()
        yield
        if not (yield from doc.lay_out_ahead(PREPARE_SLICE_S)):
            return
        shown.map_block(0, lang, doc.lang)
        shown.map_block(0, doc.lang, lang)
        self._prepared = doc

    def _settle_spare(self) -> None:
        """Give the hidden spare pane the size it will be shown at, before laying out.

        The stack sizes a hidden page only when it is shown, and a hidden widget gets
        its resize (a new size, or a scroll bar that came with its text) only then;
        for a text pane that means laying the text out again at that moment. Showing
        it for an instant settles both now, while its text is laid out only as far as
        its first screen; nothing is painted in between.
        """
        pending = Qt.WidgetAttribute.WA_PendingResizeEvent
        if (
            self.spare.geometry() != self.primary.geometry()
            or self.spare.testAttribute(pending)
            or self.spare.viewport().testAttribute(pending)
        ):
            self.main_stack.setCurrentWidget(self.spare)
            self.main_stack.setCurrentWidget(self.primary)

    def _update_notice(self, primary: VersionDocument) -> None:
        messages = []
        if self.language not in self.available():
            messages.append(
                self.tr("This document has no {missing} version; showing {shown}.").format(
                    missing=language_name(self.language), shown=language_name(primary.lang)
                )
            )
        for doc in self._visible_versions():
            if doc.rendered.notice is not None:
                reason = problem_reason(doc.rendered.notice)
                name = language_name(doc.lang).capitalize()  # "inglés" starts the line
                messages.append(
                    self.tr("{language}: {reason}").format(language=name, reason=reason)
                )
        self.notice.setText("\n".join(messages))
        self.notice.setVisible(bool(messages))

    def _visible_versions(self) -> list[VersionDocument]:
        panes = [self.primary, self.secondary] if self.side_by_side else [self.primary]
        return [doc for pane in panes if (doc := pane.version()) is not None]

    def _missing_html(self, lang: str) -> str:
        text = self.tr("This document has no {language} version.").format(
            language=language_name(lang)
        )
        return f"<p style='margin: 24px'><i>{html.escape(text)}</i></p>"

    # --- scrolling together ------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _TOUCHES:
            for pane in (self.primary, self.secondary):
                if watched in (pane, pane.viewport()):
                    self._leader = pane
        elif event.type() == QEvent.Type.FontChange and watched is self.spare and self.shown:
            self._prepare_other()  # zoomed: lay the other language out again, ahead
        return super().eventFilter(watched, event)

    def _pane_resized(self, pane: ReadingPane) -> None:
        if pane is self.primary and self.shown is not None:
            self._prepare_other()  # the spare must follow the new width
        self._resynchronise()

    def _scrolled(self, pane: ReadingPane) -> None:
        if pane is self.primary:
            self._sync(self.primary, self.secondary)
        elif pane is self.secondary:
            self._sync(self.secondary, self.primary)

    def _resynchronise(self) -> None:
        follower = self.secondary if self._leader is self.primary else self.primary
        self._sync(self._leader, follower)

    def _sync(self, source: ReadingPane, target: ReadingPane) -> None:
        if self._syncing or not self.side_by_side or not self.shown or source is not self._leader:
            return
        src_doc, dst_doc = source.version(), target.version()
        if src_doc is None or dst_doc is None:
            return
        self._syncing = True
        try:
            place = source.place()
            block = self.shown.map_block(place.block, src_doc.lang, dst_doc.lang)
            target.go_to(Place(block, place.fraction))
        finally:
            self._syncing = False

    def _link(self, url: QUrl, pane: ReadingPane) -> None:
        self.link_activated.emit(url, pane.version())

    def scroll_to_fragment(self, fragment: str, doc: VersionDocument | None = None) -> None:
        pane = (
            self.secondary if doc is not None and self.secondary.version() is doc else self.primary
        )
        pane.scrollToAnchor(fragment)

    # --- language of the interface --------------------------------------------------------

    def retranslate_ui(self) -> None:
        title = html.escape(self.tr("Welcome to Lector"))
        text = html.escape(
            self.tr(
                "Choose a document from the list to start reading. Ctrl+L switches between "
                "English and Spanish; Ctrl+Shift+L shows both side by side."
            )
        )
        self._welcome.setHtml(
            f"<h2 style='margin: 24px'>{title}</h2><p style='margin: 24px'>{text}</p>"
        )
        for pane in (self.primary, self.spare):
            pane.setAccessibleName(self.tr("Document text"))
        self.secondary.setAccessibleName(self.tr("Document text in the other language"))
        if self.shown and self.shown_language:
            self._update_notice(self.shown.versions[self.shown_language])
            if self.side_by_side and self.secondary.document() is self._message:
                self._message.setHtml(self._missing_html(other_language(self.shown_language)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.PaletteChange:
            self.restyle()  # a new theme: the documents' colours come from the palette
        super().changeEvent(event)
