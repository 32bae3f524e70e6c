"""Find in the page (Ctrl+F, F3, Shift+F3) and the highlighted hits of a search.

Matching ignores case and accents, like search does ("participacion" finds
"participación"). A search hit opens with its words highlighted and F3 moving
through them; typing into the find bar replaces them with the typed text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTextEdit,
    QToolBar,
    QToolButton,
    QWidget,
)

from reader.text import fold
from reader.ui.reading_pane import hit_colours

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow
    from reader.ui.reading_pane import ReadingPane

MAX_MATCHES = 5000


def folded_with_map(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each folded character, the index it came from in ``text``."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        f = fold(ch) if ord(ch) > 127 else ch.lower()
        out.append(f)
        where.extend([i] * len(f))
    return "".join(out), where


def find_spans(text: str, needles: list[str], *, whole_words: bool) -> list[tuple[int, int]]:
    """Where any of ``needles`` occurs in ``text``, ignoring case and accents, in order."""
    needles = [fold(n) for n in needles if n.strip()]
    if not needles or not text:
        return []
    folded, where = folded_with_map(text)
    alternatives = "|".join(re.escape(n) for n in sorted(set(needles), key=len, reverse=True))
    pattern = rf"(?<!\w)(?:{alternatives})(?!\w)" if whole_words else alternatives
    spans = []
    for match in re.finditer(pattern, folded):
        if match.end() == match.start():
            continue
        start = where[match.start()]
        end = where[match.end() - 1] + 1
        spans.append((start, end))
        if len(spans) >= MAX_MATCHES:
            break
    return spans


class FindBar(QToolBar):
    """The find bar under the reading pane; also shows the hits of an opened search result."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("findBar")
        self.setMovable(False)
        self.window_ = window
        self.spans: list[tuple[int, int]] = []
        self.current = -1
        self._terms: list[str] = []  # a search hit's words, when no text is typed
        self._start_block: int | None = None
        self._terms_doc: str | None = None  # the document the hit's words belong to

        self.label = QLabel(self)
        self.field = QLineEdit(self)
        self.field.setObjectName("findField")
        self.field.setClearButtonEnabled(True)
        self.field.setMaximumWidth(320)
        self.count = QLabel(self)
        self.count.setObjectName("findCount")
        self.prev_button = QToolButton(self)
        self.next_button = QToolButton(self)
        self.close_button = QToolButton(self)
        self.close_button.setAutoRaise(True)
        for widget in (self.label, self.field, self.prev_button, self.next_button, self.count):
            self.addWidget(widget)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        self.addWidget(self.close_button)

        self.act_find = QAction(window)
        self.act_find.setObjectName("actionFind")
        self.act_find.setShortcut(QKeySequence.StandardKey.Find)
        self.act_next = QAction(window)
        self.act_next.setObjectName("actionFindNext")
        self.act_next.setShortcuts([QKeySequence("F3"), QKeySequence("Ctrl+G")])
        self.act_prev = QAction(window)
        self.act_prev.setObjectName("actionFindPrevious")
        self.act_prev.setShortcuts([QKeySequence("Shift+F3"), QKeySequence("Ctrl+Shift+G")])
        for action in (self.act_find, self.act_next, self.act_prev):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)
        window.menu_view.addSeparator()
        window.menu_view.addAction(self.act_find)
        window.menu_view.addAction(self.act_next)
        window.menu_view.addAction(self.act_prev)

        self.act_find.triggered.connect(self.open)
        self.act_next.triggered.connect(self.next)
        self.act_prev.triggered.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.prev_button.clicked.connect(self.previous)
        self.close_button.clicked.connect(self.close_bar)
        self.field.textChanged.connect(self._typed)
        self.field.returnPressed.connect(self.next)
        self.field.installEventFilter(self)
        window.reader_view.shown_changed.connect(self._document_changed)

        window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self)
        self.hide()
        self.retranslate_ui()

    # --- what is searched -----------------------------------------------------------------

    @property
    def pane(self) -> ReadingPane:
        return self.window_.reader_view.primary

    def open(self) -> None:
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self._terms = []
        self.field.clear()
        self._clear()
        self.pane.setFocus()

    def show_hits(self, terms: list[str], block: int | None = None, doc_id: str = "") -> None:
        """Highlight a search hit's words; F3 goes through them from ``block`` on."""
        self._terms = [t for t in terms if t.strip()]
        self._terms_doc = doc_id or None
        self._start_block = block
        self.field.blockSignals(True)
        self.field.clear()
        self.field.blockSignals(False)
        if self._terms:
            self.show()  # with the count, so F3 is easy to discover
        self._refresh(jump=True)

    def _typed(self, text: str) -> None:
        self._terms = []
        self._start_block = None
        self._refresh(jump=bool(text.strip()))

    def _document_changed(self) -> None:
        shown = self.window_.reader_view.shown
        if self._terms and self._terms_doc and (shown is None or shown.doc_id != self._terms_doc):
            self._terms = []  # another document: the hit's words no longer apply
        self._refresh(jump=self._start_block is not None)

    def _needles(self) -> tuple[list[str], bool]:
        text = self.field.text()
        if text.strip():
            return [text.strip()], False
        return self._terms, True

    def _refresh(self, *, jump: bool) -> None:
        needles, whole = self._needles()
        doc = self.pane.version()
        self.spans = (
            find_spans(self.pane.toPlainText(), needles, whole_words=whole)
            if needles and doc
            else []
        )
        self.current = -1
        if jump and self.spans:
            start = 0
            if self._start_block is not None and doc is not None:
                positions = doc.block_positions()
                if 0 <= self._start_block < len(positions):
                    start = positions[self._start_block]
                self._start_block = None
            self.current = next((i for i, s in enumerate(self.spans) if s[0] >= start), 0)
        self._paint()

    # --- moving -------------------------------------------------------------------------

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self.spans:
            if not self.isVisible():
                self.open()
            return
        if self.current < 0:
            cursor = self.pane.textCursor().position()
            after = [i for i, s in enumerate(self.spans) if s[0] >= cursor]
            self.current = (
                (after[0] if after else 0) if delta > 0 else (after[0] - 1 if after else -1)
            )
            self.current %= len(self.spans)
        else:
            self.current = (self.current + delta) % len(self.spans)
        self._paint()

    def _clear(self) -> None:
        self.spans = []
        self.current = -1
        self.pane.setExtraSelections([])
        self._show_count()

    def _paint(self) -> None:
        pane = self.pane
        doc = pane.document()
        plain = QTextCharFormat()
        back, ink = hit_colours(pane.palette())  # the document's hit colours, light or dark
        plain.setBackground(QColor(back))
        plain.setForeground(QColor(ink))
        strong = QTextCharFormat()
        strong.setBackground(QColor(255, 150, 40))
        strong.setForeground(QColor(0, 0, 0))
        selections = []
        for i, (start, end) in enumerate(self.spans):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(doc)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = strong if i == self.current else plain  # type: ignore[attr-defined]
            selections.append(selection)
        pane.setExtraSelections(selections)
        if 0 <= self.current < len(self.spans):
            cursor = QTextCursor(doc)
            cursor.setPosition(self.spans[self.current][0])
            pane.setTextCursor(cursor)
            pane.ensureCursorVisible()
        self._show_count()

    def _show_count(self) -> None:
        needles, _whole = self._needles()
        if not needles:
            self.count.setText("")
        elif not self.spans:
            self.count.setText(self.tr("No matches"))
        else:
            self.count.setText(
                self.tr("{current} of {total}").format(
                    current=max(self.current, 0) + 1, total=len(self.spans)
                )
            )

    # --- keys and language --------------------------------------------------------------

    def eventFilter(self, watched: object, event: QEvent) -> bool:  # noqa: N802
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if key == Qt.Key.Key_Return and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:  # type: ignore[attr-defined]
                self.previous()
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Find in Page"))
        self.label.setText(self.tr("Find:"))
        self.field.setPlaceholderText(self.tr("Find in this document"))
        self.prev_button.setText(self.tr("Previous"))
        self.next_button.setText(self.tr("Next"))
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("Close the find bar (Esc)"))
        self.act_find.setText(self.tr("&Find in Page…"))
        self.act_next.setText(self.tr("Find &Next"))
        self.act_prev.setText(self.tr("Find Pre&vious"))
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
