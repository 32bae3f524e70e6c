"""Print and export to PDF: the version being read, or both languages side by side."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QUrl
from PySide6.QtGui import (
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
    QTextLength,
    QTextTableFormat,
)

from reader.render import Rendered
from reader.ui.reader_view import ReaderView, other_language
from reader.ui.reading_pane import VersionDocument
from reader.ui.theme import light_palette

PAGE_MARGIN_MM = 18


def _paper_copy(view: ReaderView, lang: str) -> VersionDocument:
    """A fresh copy of one version, styled for paper (always light) and confined like the pane."""
    shown = view.shown
    assert shown is not None
    source = shown.versions[lang]
    copy = VersionDocument(
        source.rendered,
        lang=lang,
        version=source.version,
        base_dir=source.base_dir,
        library_root=shown.library_root,
        palette=light_palette(),
    )
    copy.setDocumentMargin(0)
    copy.setDefaultFont(view.primary.font())
    _absolute_images(copy)
    return copy


def _absolute_images(doc: QTextDocument) -> None:
    """Name every image by its full URL, so it still resolves when copied into another
    document (side by side, the two versions may live in different folders)."""
    base = doc.baseUrl()
    if base.isEmpty():
        return
    found = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isImageFormat():
                found.append((fragment.position(), fragment.length(), fragment.charFormat()))
            it += 1
        block = block.next()
    for position, length, fmt in found:
        image = fmt.toImageFormat()
        url = QUrl(image.name())
        if url.isRelative():
            image.setName(base.resolved(url).toString())
            cursor = QTextCursor(doc)
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(image)


def _block_ranges(doc: VersionDocument) -> list[tuple[int, int]]:
    """[start, end) of every block; the first also takes the title above it."""
    positions = doc.block_positions()
    end = doc.characterCount() - 1
    if not positions:
        return [(0, end)]
    starts = [0, *positions[1:]]
    return list(zip(starts, [*positions[1:], end], strict=True))


def _side_by_side(view: ReaderView, left: str, right: str) -> QTextDocument:
    """One document, a two-column table with the aligned blocks of both languages per row."""
    shown = view.shown
    assert shown is not None
    a, b = _paper_copy(view, left), _paper_copy(view, right)
    ranges_a, ranges_b = _block_ranges(a), _block_ranges(b)
    rows: list[tuple[tuple[int, int], tuple[int, int] | None]] = []
    taken = 0
    for i, (start, end) in enumerate(ranges_a):
        # The right side runs up to where the next left block's partner starts.
        nxt = shown.map_block(i + 1, left, right) if i + 1 < len(ranges_a) else len(ranges_b)
        nxt = max(nxt, taken)
        if nxt > taken:
            rows.append(((start, end), (ranges_b[taken][0], ranges_b[nxt - 1][1])))
        else:
            rows.append(((start, end), None))
        taken = nxt
    # The result is a VersionDocument too, so images in it load from the library only.
    out = VersionDocument(
        Rendered(html=" "),
        lang=left,
        base_dir=a.base_dir,
        library_root=shown.library_root,
        palette=light_palette(),
    )
    out.clear()
    out.setDocumentMargin(0)
    out.setDefaultFont(a.defaultFont())
    table_format = QTextTableFormat()
    table_format.setBorder(0)
    table_format.setCellPadding(4)
    table_format.setCellSpacing(0)
    table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    table_format.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, 50)] * 2)
    cursor = QTextCursor(out)
    table = cursor.insertTable(max(1, len(rows)), 2, table_format)
    for row, (left_range, right_range) in enumerate(rows):
        for column, (doc, span) in enumerate(((a, left_range), (b, right_range))):
            if span is None:
                continue
            source = QTextCursor(doc)
            source.setPosition(span[0])
            source.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
            table.cellAt(row, column).firstCursorPosition().insertFragment(source.selection())
    return out


def printable(view: ReaderView) -> QTextDocument | None:
    """What printing gives: the shown version, or both when reading side by side."""
    lang = view.shown_language
    if view.shown is None or lang is None:
        return None
    other = other_language(lang)
    if view.side_by_side and other in view.shown.versions:
        return _side_by_side(view, lang, other)
    return _paper_copy(view, lang)


def print_to(document: QTextDocument, device: QPagedPaintDevice) -> None:
    layout = QPageLayout(
        device.pageLayout().pageSize(),
        device.pageLayout().orientation(),
        QMarginsF(*(PAGE_MARGIN_MM,) * 4),
        QPageLayout.Unit.Millimeter,
    )
    device.setPageLayout(layout)
    document.print_(device)


def export_pdf(document: QTextDocument, path: Path, title: str) -> None:
    """Write ``document`` as a PDF file at ``path`` (A4 or Letter by the user's locale)."""
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Lector")
    writer.setResolution(300)
    writer.setPageSize(QPageSize(default_page_size()))
    print_to(document, writer)


def default_page_size() -> QPageSize.PageSizeId:
    letter = {QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico}
    return (
        QPageSize.PageSizeId.Letter if QLocale().territory() in letter else QPageSize.PageSizeId.A4
    )
