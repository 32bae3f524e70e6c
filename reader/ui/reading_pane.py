"""The reading pane: a QTextBrowser that shows one language version and never leaks.

A default QTextBrowser follows ``file:///`` links and reads ``<img src="../../..">``
from anywhere on disk. Here the pane opens no links itself (it emits them), and
each document serves images only from inside its own library folder.
"""

from __future__ import annotations

import bisect
import html
import logging
import math
import os
import time
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QLocale, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QPalette,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from reader.glossary import GLOSS_SCHEME
from reader.library import Version
from reader.render import Rendered
from reader.render.model import link_policy
from reader.ui.messages import problem_reason

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp"}
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MEASURE_CHARACTERS = 80


@dataclass(frozen=True, slots=True)
class Place:
    """Where the reader is: a block and how far through it the top of the view is."""

    block: int = 0
    fraction: float = 0.0


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def hit_colours(palette: QPalette) -> tuple[str, str]:
    """(background, text) for a search hit; also for highlights drawn as extra selections.

    Amber, light on dark or dark on light: well above 4.5:1 contrast either way.
    """
    return ("#7a5900", "#ffffff") if is_dark(palette) else ("#ffe27a", "#000000")


def document_css(palette: QPalette) -> str:
    """The document stylesheet, from the palette: readable in light, dark and high contrast.

    Classes other parts of the reader may use in document HTML: ``gloss`` (a glossary
    term: ``<a class="gloss" href="gloss:ID"><span class="gloss">term</span></a>`` gets
    a dotted underline in the text colour; Qt draws anchors with a solid underline, the
    inner span makes it dotted) and ``hit`` (a search hit: ``<span class="hit">``).
    """
    text = palette.color(QPalette.ColorRole.Text).name()
    link = palette.color(QPalette.ColorRole.Link).name()
    mid = palette.color(QPalette.ColorRole.Mid).name()
    alt = palette.color(QPalette.ColorRole.AlternateBase).name()
    base = palette.color(QPalette.ColorRole.Base)
    ink = palette.color(QPalette.ColorRole.Text)
    quiet = QColor(
        *(
            round(0.65 * a + 0.35 * b)
            for a, b in zip(ink.getRgb()[:3], base.getRgb()[:3], strict=True)
        )
    ).name()
    hit_back, hit_ink = hit_colours(palette)
    return f"""
body {{ color: {text}; }}
p, li, dd, blockquote {{ line-height: 145%; }}
p {{ margin-top: 0.2em; margin-bottom: 0.8em; }}
h1, h2, h3, h4 {{ margin-top: 1.1em; margin-bottom: 0.4em; }}
a {{ color: {link}; }}
blockquote {{ margin-left: 1.2em; color: {text}; }}
pre {{ background-color: {alt}; }}
table {{ border-collapse: collapse; margin-top: 0.4em; margin-bottom: 1em; }}
th, td {{ border: 1px solid {mid}; padding: 4px 8px; }}
th {{ background-color: {alt}; }}
p.details {{ color: {quiet}; margin-top: 0; margin-bottom: 1.4em; }}
a.gloss {{ color: {text}; }}
span.gloss {{ color: {text}; text-underline-style: dotted; }}
.hit {{ background-color: {hit_back}; color: {hit_ink}; }}
"""


_DATE_FORMATS = {
    "en": (QLocale.Language.English, "d MMMM yyyy"),
    "es": (QLocale.Language.Spanish, "d 'de' MMMM 'de' yyyy"),
}


def header_html(version: Version | None, rendered: Rendered) -> str:
    """Title and details above the text; no block anchor, so alignment is untouched."""
    if version is None:
        return ""
    parts = []
    first = rendered.blocks[0] if rendered.blocks else None
    if not (first and first.level == 1 and first.text.strip() == version.title.strip()):
        parts.append(f"<h1>{html.escape(version.title)}</h1>")
    details = []  # HTML pieces
    if version.date:
        # The date belongs to the document, so it reads in the document's language.
        locale, pattern = _DATE_FORMATS.get(version.lang, _DATE_FORMATS["en"])
        details.append(html.escape(QLocale(locale).toString(version.date, pattern)))
    if version.authors:
        details.append(html.escape(", ".join(version.authors)))
    if version.source:
        href = html.escape(link_policy(version.source), quote=True)
        label = html.escape(QCoreApplication.translate("ReadingPane", "Source"))
        details.append(f'<a href="{href}">{label}</a>')
    if details:
        parts.append(f"<p class='details'>{' · '.join(details)}</p>")
    return "".join(parts)


def refused_image() -> QImage:
    """A small, quiet box shown where an image was not loaded."""
    image = QImage(18, 18, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setPen(QColor(128, 128, 128, 160))
    painter.drawRect(1, 1, 15, 15)
    painter.drawLine(1, 16, 16, 1)
    painter.end()
    return image


def _note_anchors(block: QTextBlock, found: dict[int, int]) -> None:
    """Record the block anchors (``b<n>``) in ``block``: the first place of each wins."""
    it = block.begin()
    while not it.atEnd():
        for name in it.fragment().charFormat().anchorNames():
            if name.startswith("b") and name[1:].isdigit():
                found.setdefault(int(name[1:]), block.position())
        it += 1


class VersionDocument(QTextDocument):
    """One rendered language version, with its block anchors and a confined resource loader."""

    def __init__(
        self,
        rendered: Rendered,
        *,
        lang: str,
        version: Version | None = None,
        base_dir: Path | None,
        library_root: Path | None,
        palette: QPalette,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.rendered = rendered
        self.lang = lang
        self.version = version
        self.base_dir = base_dir
        self._root_real = os.path.realpath(library_root) if library_root else None
        self.refused: list[str] = []
        self._positions: list[int] | None = None
        self._tops: list[float] = []
        self._tops_key: tuple[float, int, float, str] | None = None
        if base_dir is not None:
            self.setBaseUrl(QUrl.fromLocalFile(str(base_dir) + os.sep))
        self.setUndoRedoEnabled(False)  # read-only text: no undo history to keep
        self.setDocumentMargin(24)
        self.setDefaultStyleSheet(document_css(palette))
        body = rendered.html if rendered.html.strip() else self._placeholder()
        self.setHtml(header_html(version, rendered) + body)

    def setHtml(self, text: str) -> None:  # noqa: N802 (Qt name)
        self._html = text  # kept, so a new theme can lay the same text out again
        super().setHtml(text)
        if GLOSS_SCHEME + ":" in text:
            self._dot_glossary_terms()
        # After, not before: views may ask for positions while the text is being replaced.
        self._positions = None
        self._tops_key = None

    def _dot_glossary_terms(self) -> None:
        """Glossary terms get a quiet dotted underline (Qt's CSS cannot restyle a link's)."""
        terms = []
        block = self.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.charFormat().anchorHref().startswith(GLOSS_SCHEME + ":"):
                    terms.append((fragment.position(), fragment.length()))
                it += 1
            block = block.next()
        dotted = QTextCharFormat()
        dotted.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        cursor = QTextCursor(self)
        for position, length in terms:
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(dotted)

    def restyle(self, palette: QPalette) -> None:
        """Apply the stylesheet for ``palette``; Qt applies stylesheets only when HTML is set."""
        css = document_css(palette)
        if css != self.defaultStyleSheet():
            margins = self.rootFrame().frameFormat()
            self.setDefaultStyleSheet(css)
            self.setHtml(self._html)
            fmt = self.rootFrame().frameFormat()
            fmt.setLeftMargin(margins.leftMargin())
            fmt.setRightMargin(margins.rightMargin())
            self.rootFrame().setFrameFormat(fmt)

    def _placeholder(self) -> str:
        if self.rendered.notice is not None:
            text = problem_reason(self.rendered.notice)
        else:
            text = QCoreApplication.translate("ReadingPane", "This version is empty.")
        return f"<p><a name='b0'></a><i>{html.escape(text)}</i></p>"

    # Qt calls this for every image (and stylesheet) the HTML refers to.
    def loadResource(self, kind: int, name: QUrl) -> object:  # noqa: N802 (Qt override)
        url = name if not name.isRelative() else self.baseUrl().resolved(name)
        target = url.toString()
        path = self._allowed_image(kind, url)
        image = QImage(path) if path else QImage()
        if image.isNull():
            self.refused.append(target)
            log.info("refused resource %s", target)
            # Never None: on a null image Qt's own image handler goes and reads the
            # path from disk itself, which would undo this whole check.
            return refused_image()
        return image

    def _allowed_image(self, kind: int, url: QUrl) -> str | None:
        if getattr(kind, "value", kind) != QTextDocument.ResourceType.ImageResource.value:
            return None
        if url.scheme() != "file" or self._root_real is None:
            return None
        real = os.path.realpath(url.toLocalFile())
        if os.path.commonpath([real, self._root_real]) != self._root_real:
            return None
        if Path(real).suffix.lower() not in IMAGE_SUFFIXES:
            return None
        try:
            file = Path(real)
            if not file.is_file() or file.stat().st_size > MAX_IMAGE_BYTES:
                return None
        except OSError:
            return None
        return real

    def block_positions(self) -> list[int]:
        """Text position of each block anchor (``b0``, ``b1``, ...), in block order."""
        if self._positions is None:
            found: dict[int, int] = {}
            block = self.begin()
            while block.isValid():
                _note_anchors(block, found)
                block = block.next()
            self._positions = [found[i] for i in sorted(found)]
        return self._positions

    def lay_out_ahead(self, slice_s: float) -> Generator[None, None, bool]:
        """Lay the whole text out and find its block anchors, pausing every ``slice_s``.

        For laying a version out before it is shown, between the window's events
        (Qt lays text out on the GUI thread only). Stops early, returning False, if
        the text changes meanwhile.
        """
        layout = self.documentLayout()
        revision = self.revision()
        found: dict[int, int] = {}
        block = self.begin()
        while block.isValid():
            deadline = time.perf_counter() + slice_s
            while True:  # at least one block a slice
                layout.blockBoundingRect(block)  # lays out every block up to this one
                _note_anchors(block, found)
                block = block.next()
                if not block.isValid() or time.perf_counter() >= deadline:
                    break
            yield
            if self.revision() != revision:
                return False
        if self._positions is None:
            self._positions = [found[i] for i in sorted(found)]
        self.block_tops()
        return True

    def block_tops(self) -> list[float]:
        """Top y of each block in the current layout (cached until width or text change)."""
        margin = self.rootFrame().frameFormat().leftMargin()
        key = (self.textWidth(), self.revision(), margin, self.defaultFont().key())
        if self._tops_key != key:
            layout = self.documentLayout()
            # Qt lays long documents out lazily; asking for the last block's place
            # finishes the layout, so positions and the scroll range are final.
            layout.blockBoundingRect(self.lastBlock())
            self._tops = [
                layout.blockBoundingRect(self.findBlock(p)).top() for p in self.block_positions()
            ]
            self._tops_key = key
        return self._tops


class ReadingPane(QTextBrowser):
    """Shows a VersionDocument; links are emitted, never followed by Qt itself."""

    link_activated = Signal(QUrl)
    resized = Signal()

    def __init__(self, parent: QWidget | None = None, name: str = "readingPane") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.anchorClicked.connect(self.link_activated)
        self.measure = MEASURE_CHARACTERS  # line length in characters; 0: the pane's width

    def loadResource(self, kind: int, name: QUrl) -> object:  # noqa: N802 (Qt override)
        # Documents load their own (confined) resources; the pane itself loads nothing.
        # Not None either: on an empty answer QTextDocument reads local files itself.
        log.info("pane refused resource %s", name.toString())
        if getattr(kind, "value", kind) == QTextDocument.ResourceType.ImageResource.value:
            return refused_image()
        return QByteArray(b" ")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        # A new width reflows the text; keep the same block at the top, not the same pixel.
        place = self.place() if self.version() and event.oldSize().width() > 0 else None
        super().resizeEvent(event)
        self._fit_measure()
        if place is not None and place != Place():
            self.go_to(place)
        self.resized.emit()

    def version(self) -> VersionDocument | None:
        doc = self.document()
        return doc if isinstance(doc, VersionDocument) else None

    def set_look(self, font: QFont, measure: int) -> None:
        """Reading font (family and zoomed size) and line length in characters (0: no limit)."""
        self.measure = measure
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._fit_measure()

    def show_document(self, document: QTextDocument) -> None:
        # Either call lays the whole text out again: only when something changed.
        if document.defaultFont() != self.font():
            document.setDefaultFont(self.font())
        if document is not self.document():
            # Highlights hold cursors into the old text, which may be deleted before
            # this pane shows it again: they go with it.
            self.setExtraSelections([])
            self.setDocument(document)
        self._fit_measure()

    def _fit_measure(self) -> None:
        """Keep lines to a comfortable length (about 80 characters), centred in the pane."""
        doc = self.document()
        column = self.fontMetrics().averageCharWidth() * self.measure
        side = max(0.0, (self.viewport().width() - column) / 2) if self.measure else 0.0
        frame = doc.rootFrame()
        fmt = frame.frameFormat()
        if abs(fmt.leftMargin() - side) >= 1:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            frame.setFrameFormat(fmt)

    def place(self) -> Place:
        doc = self.version()
        if doc is None:
            return Place()
        tops = doc.block_tops()
        if not tops:
            return Place()
        y = self.verticalScrollBar().value()
        i = max(0, bisect.bisect_right(tops, y) - 1)
        end = tops[i + 1] if i + 1 < len(tops) else doc.size().height()
        fraction = (y - tops[i]) / (end - tops[i]) if end > tops[i] else 0.0
        return Place(i, min(max(fraction, 0.0), 1.0))

    def go_to(self, place: Place) -> None:
        doc = self.version()
        if doc is None:
            return
        tops = doc.block_tops()
        if not tops:
            return
        i = min(max(place.block, 0), len(tops) - 1)
        end = tops[i + 1] if i + 1 < len(tops) else doc.size().height()
        y = tops[i] + place.fraction * (end - tops[i]) if i or place.fraction else 0
        # Rounding up: never land a pixel above the block's first line.
        self.verticalScrollBar().setValue(math.ceil(y - 1e-6))
