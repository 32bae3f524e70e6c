"""The glossary panel: every entry, searchable, with both languages and related terms."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader import LANGUAGES
from reader.glossary import Entry, Glossary, GlossaryProblem, GlossaryProblemKind
from reader.glossary.annotate import entry_id_from_href, gloss_href
from reader.text import fold
from reader.ui.messages import language_name

ID_ROLE = Qt.ItemDataRole.UserRole
PROBLEMS_LINK = "lector-glossary:problems"


def _tr(text: str) -> str:
    return QCoreApplication.translate("GlossaryPanel", text)


def glossary_problem_reason(kind: GlossaryProblemKind) -> str:
    """One short sentence for a glossary problem, in the interface language."""
    texts = {
        GlossaryProblemKind.UNREADABLE: _tr("The file could not be read."),
        GlossaryProblemKind.TOO_LARGE: _tr("The file is too large to read."),
        GlossaryProblemKind.SYNTAX: _tr("The file is not valid YAML."),
        GlossaryProblemKind.NOT_A_GLOSSARY: _tr("The file has no list of entries."),
        GlossaryProblemKind.NOT_AN_ENTRY: _tr("An item of the list is not an entry."),
        GlossaryProblemKind.MISSING_ID: _tr("The entry has no id."),
        GlossaryProblemKind.INVALID_ID: _tr(
            "The id may only use lower-case letters, digits, dots, hyphens and underscores."
        ),
        GlossaryProblemKind.DUPLICATE_ID: _tr("Another entry in the file has this id."),
        GlossaryProblemKind.NO_LANGUAGE: _tr(
            "The entry has neither an English nor a Spanish part."
        ),
        GlossaryProblemKind.MISSING_TERM: _tr("The entry has no term."),
        GlossaryProblemKind.INVALID_FIELD: _tr("A field has a value of the wrong kind."),
        GlossaryProblemKind.UNKNOWN_RELATED: _tr("A related term names no entry; it was left out."),
    }
    return texts[kind]


class GlossaryPanel(QDockWidget):
    """Lists entries (filtered by any form, either language) and shows one in full."""

    entry_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glossaryPanel")
        self.glossary = Glossary()
        self.lang = LANGUAGES[0]  # the language listed and shown first
        self.current_id: str | None = None
        self._showing_problems = False

        body = QWidget(self)
        self.filter_box = QLineEdit(body)
        self.filter_box.setObjectName("glossaryFilter")
        self.filter_box.setClearButtonEnabled(True)
        self.list = QListWidget(body)
        self.list.setObjectName("glossaryList")
        self.detail = QTextBrowser(body)
        self.detail.setObjectName("glossaryDetail")
        self.detail.setOpenLinks(False)
        self.detail.setOpenExternalLinks(False)
        self.problems_label = QLabel(body)
        self.problems_label.setObjectName("glossaryProblems")
        self.problems_label.setTextFormat(Qt.TextFormat.RichText)
        self.problems_label.hide()

        split = QSplitter(Qt.Orientation.Vertical, body)
        split.addWidget(self.list)
        split.addWidget(self.detail)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_box)
        layout.addWidget(split, 1)
        layout.addWidget(self.problems_label)
        self.setWidget(body)
        body.setMinimumWidth(300)

        self.filter_box.textChanged.connect(self._filter)
        self.list.currentItemChanged.connect(self._current_changed)
        self.detail.anchorClicked.connect(self._follow)
        self.problems_label.linkActivated.connect(lambda _link: self.show_problems())
        self.retranslate_ui()

    # --- contents -------------------------------------------------------------------------

    def set_glossary(self, glossary: Glossary, lang: str | None = None) -> None:
        """Show ``glossary``; ``lang`` (the reading language) is listed and shown first."""
        if glossary is self.glossary and (lang is None or lang == self.lang):
            return
        self.glossary = glossary
        if lang in LANGUAGES:
            self.lang = lang
        self._fill()
        self._update_problems()
        if self.current_id and self.current_id in glossary.entries:
            self.show_entry(self.current_id)
        elif self._showing_problems:
            self._render_problems()
        else:
            self.current_id = None
            self.detail.clear()

    def _fill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        entries = sorted(self.glossary.entries.values(), key=lambda e: fold(e.term(self.lang)))
        for entry in entries:
            other = [entry.sides[c].term for c in LANGUAGES if c != self.lang and c in entry.sides]
            label = entry.term(self.lang) + (f" — {other[0]}" if other else "")
            item = QListWidgetItem(label, self.list)
            item.setData(ID_ROLE, entry.id)
            searchable = " ".join(
                fold(surface) for side in entry.sides.values() for surface in side.surfaces
            )
            item.setData(ID_ROLE + 1, searchable)
        self.list.blockSignals(False)
        self._filter(self.filter_box.text())

    def _filter(self, text: str) -> None:
        words = fold(text).split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            haystack = item.data(ID_ROLE + 1) or ""
            item.setHidden(not all(word in haystack for word in words))

    def visible_ids(self) -> list[str]:
        return [
            self.list.item(r).data(ID_ROLE)
            for r in range(self.list.count())
            if not self.list.item(r).isHidden()
        ]

    def show_entry(self, entry_id: str, lang: str | None = None) -> bool:
        """Open the panel at ``entry_id``; False when the glossary has no such entry."""
        entry = self.glossary.get(entry_id)
        if entry is None:
            return False
        if lang in LANGUAGES and lang != self.lang:
            self.lang = lang
            self._fill()
        self.current_id = entry_id
        self._showing_problems = False
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == entry_id:
                if item.isHidden():
                    self.filter_box.clear()
                self.list.blockSignals(True)
                self.list.setCurrentItem(item)
                self.list.blockSignals(False)
                self.list.scrollToItem(item)
                break
        self.detail.setHtml(self._entry_html(entry))
        self.show()
        self.raise_()
        self.entry_shown.emit(entry_id)
        return True

    def _entry_html(self, entry: Entry) -> str:
        langs = [self.lang, *(c for c in LANGUAGES if c != self.lang)]
        parts = []
        for lang in langs:
            side = entry.sides.get(lang)
            if side is None:
                continue
            parts.append(f"<h3 lang='{lang}'>{html.escape(side.term)}</h3>")
            parts.append(f"<p><small>{html.escape(language_name(lang))}</small></p>")
            if side.forms:
                label = html.escape(self.tr("Also written:"))
                forms = html.escape(", ".join(side.forms))
                parts.append(f"<p><i>{label}</i> {forms}</p>")
            text = side.long or side.short
            for paragraph in text.split("\n\n"):
                if paragraph.strip():
                    parts.append(f"<p lang='{lang}'>{html.escape(paragraph.strip())}</p>")
        if entry.related:
            links = []
            for rel in entry.related:
                other = self.glossary.get(rel)
                if other is not None:
                    href = html.escape(gloss_href(rel), quote=True)
                    links.append(f"<a href='{href}'>{html.escape(other.term(self.lang))}</a>")
            parts.append(f"<h4>{html.escape(self.tr('Related terms'))}</h4>")
            parts.append(f"<p>{' · '.join(links)}</p>")
        return "".join(parts)

    def _current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.show_entry(item.data(ID_ROLE))

    def _follow(self, url: QUrl) -> None:
        entry_id = entry_id_from_href(url.toString())
        if entry_id is not None:
            self.show_entry(entry_id)

    # --- problems ----------------------------------------------------------------------------

    def problems(self) -> list[GlossaryProblem]:
        return list(self.glossary.problems)

    def _update_problems(self) -> None:
        count = len(self.glossary.problems)
        text = self.tr("%n problem(s) in glossary files", "", count)
        self.problems_label.setText(f"<a href='{PROBLEMS_LINK}'>{html.escape(text)}</a>")
        self.problems_label.setVisible(count > 0)

    def show_problems(self) -> None:
        """List every glossary problem (file, entry, reason) in the detail view."""
        self._showing_problems = True
        self.current_id = None
        self.list.clearSelection()
        self._render_problems()
        self.show()
        self.raise_()

    def _render_problems(self) -> None:
        rows = []
        for problem in self.glossary.problems:
            where = html.escape(_short_path(problem.path))
            entry = html.escape(problem.entry) if problem.entry else ""
            reason = html.escape(glossary_problem_reason(problem.kind))
            detail = f" <small>({html.escape(problem.detail)})</small>" if problem.detail else ""
            rows.append(f"<tr><td>{where}</td><td>{entry}</td><td>{reason}{detail}</td></tr>")
        head = "".join(
            f"<th>{html.escape(h)}</th>"
            for h in (self.tr("File"), self.tr("Entry"), self.tr("Problem"))
        )
        self.detail.setHtml(f"<table cellpadding='3'><tr>{head}</tr>{''.join(rows)}</table>")

    # --- language of the interface ---------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Glossary"))
        self.filter_box.setPlaceholderText(self.tr("Filter terms (either language)"))
        self.list.setAccessibleName(self.tr("Glossary terms"))
        self.detail.setAccessibleName(self.tr("Glossary entry"))
        self._update_problems()
        if self.current_id:
            entry = self.glossary.get(self.current_id)
            if entry is not None:
                self.detail.setHtml(self._entry_html(entry))
        elif self._showing_problems:
            self._render_problems()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _short_path(path: Path) -> str:
    parts = path.parts
    return str(Path(*parts[-2:])) if len(parts) > 2 else str(path)
