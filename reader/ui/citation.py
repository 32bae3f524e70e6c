"""A citation for the paragraph being read: quote, title, language, and a block anchor."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextCursor

from reader.ui.messages import language_name
from reader.ui.reader_view import ReaderView, other_language
from reader.ui.reading_pane import ReadingPane, VersionDocument

QUOTE_LIMIT = 280


def _tr(text: str) -> str:
    return QCoreApplication.translate("Citation", text)


def block_text(doc: VersionDocument, block: int) -> str:
    """The plain text of block ``block`` (a paragraph, heading, list...)."""
    positions = doc.block_positions()
    if not 0 <= block < len(positions):
        return ""
    start = positions[block]
    end = positions[block + 1] if block + 1 < len(positions) else doc.characterCount() - 1
    cursor = QTextCursor(doc)
    cursor.setPosition(start)
    cursor.setPosition(max(start, end), QTextCursor.MoveMode.KeepAnchor)
    # Qt separates paragraphs with U+2029 and keeps anchors' zero-width marks.
    text = cursor.selectedText().replace("\u2029", " ").replace("\ufffc", "")
    return " ".join(text.split())


def current_block(pane: ReadingPane) -> int:
    """The block the reader points at: the selection if there is one, else the top of view."""
    doc = pane.version()
    if doc is None:
        return 0
    cursor = pane.textCursor()
    if cursor.hasSelection():
        positions = doc.block_positions()
        return max(0, bisect.bisect_right(positions, cursor.selectionStart()) - 1)
    place = pane.place()
    tops = doc.block_tops()
    # Mostly scrolled past: the reader is on the next block.
    if place.fraction > 0.5 and place.block + 1 < len(tops):
        return place.block + 1
    return place.block


def anchor(view: ReaderView, lang: str, block: int) -> str:
    """``key#bN``, valid in both languages; the other's number is added where it differs."""
    shown = view.shown
    assert shown is not None
    ref = f"{shown.document.key}#b{block}"
    other = other_language(lang)
    if other in shown.versions:
        mapped = shown.map_block(block, lang, other)
        if mapped != block:
            ref += f" ({other}: #b{mapped})"
    return ref


def citation_text(view: ReaderView) -> str | None:
    """The citation of the current paragraph, or None when no document is open."""
    lang = view.shown_language
    doc = view.primary.version()
    if view.shown is None or lang is None or doc is None:
        return None
    block = current_block(view.primary)
    quote = block_text(doc, block)
    if len(quote) > QUOTE_LIMIT:
        quote = quote[: QUOTE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    version = view.shown.document.versions[lang]
    details = [
        _tr("{title} ({language})").format(title=version.title, language=language_name(lang))
    ]
    if version.authors:
        details.append(", ".join(version.authors))
    if version.date:
        details.append(version.date.isoformat())
    details.append(_tr("paragraph {number}").format(number=block + 1))
    lines = [f"“{quote}”"] if quote else []
    lines.append(". ".join(details) + ".")
    lines.append(anchor(view, lang, block))
    return "\n".join(lines)
