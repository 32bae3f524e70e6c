"""The document list: every document of every open library, filtered and sorted."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader import LANGUAGES
from reader.library import Document
from reader.library.translation import TranslationNeed, translation_needs
from reader.text import fold
from reader.ui.messages import format_date, language_badge, language_name

ModelIndex = QModelIndex | QPersistentModelIndex
LANGUAGES_ROLE = Qt.ItemDataRole.UserRole + 1
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 2
NEEDS_ROLE = Qt.ItemDataRole.UserRole + 3  # language -> TranslationNeed
NEEDS_RGB = (230, 145, 30)  # amber: readable on light and dark backgrounds


@dataclass(frozen=True, slots=True)
class Entry:
    """A document in the list, with the library it belongs to."""

    doc_id: str
    library_root: Path
    document: Document
    search_text: str
    needs: dict[str, TranslationNeed] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, library_id: str, library_root: Path, document: Document) -> Entry:
        words = [v.title for v in document.versions.values()]
        words += [tag for v in document.versions.values() for tag in v.tags]
        return cls(
            f"{library_id}:{document.key}",
            library_root,
            document,
            fold(" ".join(words)),
            translation_needs(document),
        )


class DocumentModel(QAbstractTableModel):
    TITLE, LANGS, DATE = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._rows: dict[str, int] = {}
        self.reading_language = LANGUAGES[0]

    def set_entries(self, entries: list[Entry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._rows = {e.doc_id: row for row, e in enumerate(self._entries)}
        self.endResetModel()

    def entry(self, doc_id: str) -> Entry | None:
        row = self._rows.get(doc_id)
        return None if row is None else self._entries[row]

    def entries(self) -> list[Entry]:
        return list(self._entries)

    def row_of(self, doc_id: str) -> int:
        return self._rows.get(doc_id, -1)

    def set_reading_language(self, lang: str) -> None:
        self.reading_language = lang
        if self._entries:
            top, bottom = self.index(0, 0), self.index(len(self._entries) - 1, 0)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Title"), self.tr("Languages"), self.tr("Date"))[section]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        doc, col = entry.document, index.column()
        if role == DOC_ID_ROLE:
            return entry.doc_id
        if role == LANGUAGES_ROLE:
            return doc.languages
        if role == NEEDS_ROLE:
            return entry.needs
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.TITLE:
                return doc.title(self.reading_language)
            if col == self.LANGS:
                return " ".join(language_badge(lang) for lang in doc.languages)
            date = doc.date()
            return format_date(date) if date else ""
        if role == Qt.ItemDataRole.UserRole:  # sort key
            if col == self.TITLE:
                return fold(doc.title(self.reading_language))
            if col == self.LANGS:
                return len(doc.languages)
            date = doc.date()
            return date.isoformat() if date else ""
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == self.LANGS:
                return self._languages_text(doc, entry.needs)
            if col == self.TITLE and role == Qt.ItemDataRole.ToolTipRole:
                return doc.version(self.reading_language).summary or None
        return None

    def _languages_text(self, doc: Document, needs: dict[str, TranslationNeed]) -> str:
        have = ", ".join(language_name(lang) for lang in doc.languages)
        if not doc.missing_languages:
            text = self.tr("Available in {languages}").format(languages=have)
        else:
            missing = ", ".join(language_name(lang) for lang in doc.missing_languages)
            text = self.tr("Available in {languages}; no {missing} version").format(
                languages=have, missing=missing
            )
        behind = [lang for lang, need in needs.items() if need is TranslationNeed.OUTDATED]
        if behind:
            names = ", ".join(language_name(lang) for lang in behind)
            text += "\n" + self.tr("The {languages} version is older than the other.").format(
                languages=names
            )
        if needs:
            text += "\n" + self.tr("Needs translation")
        return text


class DocumentFilter(QSortFilterProxyModel):
    """Matches titles (in every language) and tags, ignoring case and accents."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.library: Path | None = None  # None: every library
        self.needs_translation = False
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = fold(text.strip())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_library(self, root: Path | None) -> None:
        self.beginFilterChange()
        self.library = root
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_needs_translation(self, on: bool) -> None:
        self.beginFilterChange()
        self.needs_translation = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: ModelIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, DocumentModel)
        entry = model.entries()[row]
        if self.library is not None and entry.library_root != self.library:
            return False
        if self.needs_translation and not entry.needs:
            return False
        return all(word in entry.search_text for word in self._needle.split())


class LanguageBadges(QStyledItemDelegate):
    """Paints each available language as a small rounded badge."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        langs = index.data(LANGUAGES_ROLE) or ()
        needs = index.data(NEEDS_ROLE) or {}
        amber = QColor(*NEEDS_RGB)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = opt.fontMetrics
        x = opt.rect.x() + 4
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        fg = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        for lang in LANGUAGES:
            label = language_badge(lang)
            width = metrics.horizontalAdvance(label) + 10
            rect = QRect(x, opt.rect.center().y() - metrics.height() // 2, width, metrics.height())
            painter.setPen(fg)
            if lang in needs:
                # A language to translate: a filled badge, solid when the version is
                # behind the other, dashed outline when there is none at all.
                badge = rect.adjusted(0, 0, -1, -1)
                if needs[lang] is TranslationNeed.OUTDATED:
                    painter.setBrush(amber)
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.drawRoundedRect(badge, 4, 4)
                    painter.setPen(QColor("black"))
                else:
                    painter.setPen(QPen(amber, 1, Qt.PenStyle.DashLine))
                    painter.drawRoundedRect(badge, 4, 4)
                    painter.setPen(fg)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            elif lang in langs:
                painter.drawRoundedRect(rect.adjusted(0, 0, -1, -1), 4, 4)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
            x += width + 4
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        metrics = option.fontMetrics
        width = sum(metrics.horizontalAdvance(language_badge(lang)) + 14 for lang in LANGUAGES)
        return QSize(width + 8, metrics.height() + 8)


class _ListView(QTreeView):
    """The list's view: a current row in sight stays in sight when the list gets
    shorter (the find bar opening under it as a search hit is opened, say)."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        current = self.currentIndex()
        rect = self.visualRect(current) if current.isValid() else QRect()
        in_sight = rect.isValid() and rect.top() >= 0 and rect.bottom() < event.oldSize().height()
        super().resizeEvent(event)
        if in_sight:
            self.scrollTo(current)


class DocumentList(QWidget):
    """Filter box and list; emits a request when the reader picks a document."""

    open_document_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False
        self.model = DocumentModel(self)
        self.proxy = DocumentFilter(self)
        self.proxy.setSourceModel(self.model)

        self.filter_box = QLineEdit(self)
        self.filter_box.setObjectName("documentFilter")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self._filter)

        self.view = _ListView(self)
        self.view.setObjectName("documentList")
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(DocumentModel.TITLE, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setItemDelegateForColumn(DocumentModel.LANGS, LanguageBadges(self.view))
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DocumentModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DocumentModel.LANGS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DocumentModel.DATE, QHeaderView.ResizeMode.ResizeToContents)
        self.view.activated.connect(self._request)
        self.view.selectionModel().currentRowChanged.connect(self._request)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.view)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.filter_box.setPlaceholderText(self.tr("Filter documents"))
        self.filter_box.setAccessibleName(self.tr("Filter documents"))
        self.view.setAccessibleName(self.tr("Documents"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        if self.model.rowCount():  # dates are written the interface language's way
            last = self.model.index(self.model.rowCount() - 1, 2)
            self.model.dataChanged.emit(self.model.index(0, 2), last)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_entries(self, entries: list[Entry]) -> None:
        current = self.current_id()
        scroll = self.view.verticalScrollBar().value()
        self.model.set_entries(entries)
        # A reload after a change on disk must not move the list under the reader.
        self.view.doItemsLayout()
        self.view.verticalScrollBar().setValue(scroll)
        if current:
            self.select(current, emit=False)

    def set_reading_language(self, lang: str) -> None:
        self.model.set_reading_language(lang)
        self.proxy.invalidate()

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(DOC_ID_ROLE) if index.isValid() else None

    def select(self, doc_id: str, *, emit: bool = True) -> None:
        row = self.model.row_of(doc_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        flags |= QItemSelectionModel.SelectionFlag.Rows
        self._quiet = not emit
        try:
            self.view.selectionModel().setCurrentIndex(index, flags)
        finally:
            self._quiet = False
        self.view.scrollTo(index)

    def _filter(self, text: str) -> None:
        # Rows vanishing under the filter move the current row; that is not a request.
        self._quiet = True
        try:
            self.proxy.set_needle(text)
        finally:
            self._quiet = False

    def _request(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        if index.isValid() and not self._quiet:
            self.open_document_requested.emit(index.data(DOC_ID_ROLE))
