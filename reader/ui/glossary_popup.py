"""Glossary terms in the reading pane: their look, the popup, the menu, and the wiring.

Marked terms are ``gloss:ID`` links put there by the renderer. Hovering one (after a
short delay), reaching it with Tab, or clicking it shows a small popup with the
term's short definition in the language of the text; clicking or pressing Enter on
a term whose popup is showing, or pressing **More…**, opens the glossary panel.
``install(window)`` builds it all; the window asks ``terms_for`` when it renders a
document and passes ``gloss:`` links to ``handle_link``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QFileSystemWatcher,
    QObject,
    QPoint,
    QRect,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QCursor,
    QEnterEvent,
    QKeyEvent,
    QMouseEvent,
    QPalette,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QFrame, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from reader import LANGUAGES
from reader.glossary import Entry, GlossaryStore, TermTable
from reader.glossary.annotate import GLOSS_SCHEME, entry_id_from_href
from reader.glossary.load import LIBRARY_GLOSSARY
from reader.paths import bundled_glossary_dir
from reader.ui.glossary_panel import GlossaryPanel
from reader.ui.messages import language_name

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow
    from reader.ui.reading_pane import ReadingPane

MODES = ("hover", "click", "off")
MODE_KEY = "glossary/mode"
HOVER_DELAY_MS = 350
HIDE_DELAY_MS = 400
RELOAD_SETTLE_MS = 300  # editors save in several steps
POPUP_WIDTH = 360


class GlossaryPopup(QFrame):
    """Term, short definition and More…; shown without taking the focus from reading."""

    more_requested = Signal(str, str)  # entry id, language

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.ToolTip)
        self.setObjectName("glossaryPopup")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.Box)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.entry_id: str | None = None
        self.lang = LANGUAGES[0]
        self._entry: Entry | None = None
        self._pointer_on_term: Callable[[], bool] | None = None

        self.term_label = QLabel(self)
        self.term_label.setObjectName("glossaryPopupTerm")
        font = self.term_label.font()
        font.setBold(True)
        self.term_label.setFont(font)
        self.other_label = QLabel(self)
        self.other_label.setObjectName("glossaryPopupOther")
        self.text_label = QLabel(self)
        self.text_label.setObjectName("glossaryPopupText")
        self.text_label.setWordWrap(True)
        for label in (self.term_label, self.other_label, self.text_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        self.more_button = QPushButton(self)
        self.more_button.setObjectName("glossaryMore")
        self.more_button.setFlat(True)
        self.more_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.more_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more_button.clicked.connect(self._more)
        self._quiet_other_label()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.setSpacing(4)
        layout.addWidget(self.term_label)
        layout.addWidget(self.other_label)
        layout.addWidget(self.text_label)
        layout.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setFixedWidth(POPUP_WIDTH)

        self.hide_timer = QTimer(self)
        self.hide_timer.setSingleShot(True)
        self.hide_timer.setInterval(HIDE_DELAY_MS)
        self.hide_timer.timeout.connect(self._hide_unless_pointed_at)
        self.retranslate_ui()

    def _quiet_other_label(self) -> None:
        """The other language's term in a colour between the text and the background."""
        palette = self.other_label.palette()
        # From the popup, not the label: the label's own colour is the one set here.
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        paper = self.palette().color(QPalette.ColorRole.Base)
        quiet = QColor(
            (ink.red() * 3 + paper.red() * 2) // 5,
            (ink.green() * 3 + paper.green() * 2) // 5,
            (ink.blue() * 3 + paper.blue() * 2) // 5,
        )
        palette.setColor(QPalette.ColorRole.WindowText, quiet)
        self.other_label.setPalette(palette)
        more = self.more_button.palette()
        more.setColor(QPalette.ColorRole.ButtonText, self.palette().color(QPalette.ColorRole.Link))
        self.more_button.setPalette(more)

    def show_entry(
        self,
        entry: Entry,
        lang: str,
        below: QRect,
        pointer_on_term: Callable[[], bool] | None = None,
    ) -> None:
        """Show ``entry`` in ``lang`` just under ``below`` (global coordinates).

        Opened by hovering, ``pointer_on_term`` says whether the pointer is still on
        the term: the popup then closes soon after the pointer is on neither.
        """
        self.hide_timer.stop()
        self._pointer_on_term = pointer_on_term
        self._entry, self.entry_id, self.lang = entry, entry.id, lang
        self._fill()
        self.adjustSize()
        screen = self.screen().availableGeometry() if self.screen() else None
        x, y = below.left(), below.bottom() + 4
        if screen is not None:
            x = max(screen.left(), min(x, screen.right() - self.width()))
            if y + self.height() > screen.bottom():
                y = max(screen.top(), below.top() - self.height() - 4)
        self.move(QPoint(x, y))
        self.show()
        if pointer_on_term is not None:
            self.hide_timer.start()

    def _fill(self) -> None:
        entry = self._entry
        if entry is None:
            return
        side = entry.side(self.lang)
        self.term_label.setText(side.term)
        others = [c for c in LANGUAGES if c != self.lang and c in entry.sides]
        if others:
            other = others[0]
            self.other_label.setText(
                self.tr("{language}: {term}").format(
                    language=language_name(other), term=entry.sides[other].term
                )
            )
        self.other_label.setVisible(bool(others))
        self.text_label.setText(side.short or side.long.split("\n\n")[0])
        self.setAccessibleName(side.term)
        self.setAccessibleDescription(self.text_label.text())

    def schedule_hide(self) -> None:
        if self.isVisible():
            self.hide_timer.start()

    def _hide_unless_pointed_at(self) -> None:
        # Checked again and again rather than trusting Enter/Leave alone: the pointer
        # can leave a popup window without the window ever hearing of it.
        on_term = self._pointer_on_term
        pointed = self.underMouse() or self.geometry().contains(QCursor.pos())
        if on_term is not None and (pointed or on_term()):
            self.hide_timer.start()
        elif not pointed:
            self.hide()

    def _more(self) -> None:
        if self.entry_id is not None:
            self.more_requested.emit(self.entry_id, self.lang)

    # The pointer may travel from the term onto the popup: stay while it is here.
    def enterEvent(self, event: QEnterEvent) -> None:  # noqa: N802
        self.hide_timer.stop()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        self.schedule_hide()
        super().leaveEvent(event)

    def retranslate_ui(self) -> None:
        self.more_button.setText(self.tr("More…"))
        self.more_button.setToolTip(self.tr("Open this term in the glossary panel"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.PaletteChange and hasattr(self, "more_button"):
            self._quiet_other_label()  # a new theme: mix the new ink and paper
        super().changeEvent(event)


def marked_terms(doc: QTextDocument) -> list[tuple[str, int, int]]:
    """Every glossary term marked in ``doc``: (entry id, position, length), in order."""
    found = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            entry_id = entry_id_from_href(fragment.charFormat().anchorHref())
            if entry_id is not None:
                found.append((entry_id, fragment.position(), fragment.length()))
            it += 1
        block = block.next()
    return found


class GlossaryController(QObject):
    """Owns the glossary store, the popup, the panel and the View menu's glossary entries."""

    mode_changed = Signal(str)

    def __init__(self, window: MainWindow, store: GlossaryStore | None = None) -> None:
        super().__init__(window)
        self.setObjectName("glossaryController")
        self.window_ = window
        self.view = window.reader_view
        if store is None:
            bundled = bundled_glossary_dir()
            store = GlossaryStore(bundled if bundled.is_dir() else None)
        self.store = store
        self.mode = window.settings.choice(MODE_KEY, MODES, MODES[0])

        self.popup = GlossaryPopup(window)
        self.popup.more_requested.connect(self.open_entry)
        self.panel = GlossaryPanel(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        self.panel.hide()
        self.panel.visibilityChanged.connect(self._panel_visibility)

        self.menu = QMenu(window.menu_view)
        self.menu.setObjectName("menuGlossaryTerms")
        self.mode_group = QActionGroup(self)
        self.mode_actions: dict[str, QAction] = {}
        for mode in MODES:
            action = QAction(self.menu)
            action.setObjectName(f"actionGlossary{mode.capitalize()}")
            action.setCheckable(True)
            action.setChecked(mode == self.mode)
            action.triggered.connect(lambda _checked=False, mode=mode: self.set_mode(mode))
            self.mode_group.addAction(action)
            self.menu.addAction(action)
            self.mode_actions[mode] = action
        self.act_panel = self.panel.toggleViewAction()
        self.act_panel.setObjectName("actionGlossaryPanel")
        window.menu_view.addSeparator()
        window.menu_view.addMenu(self.menu)
        window.menu_view.addAction(self.act_panel)

        self.hover_timer = QTimer(self)
        self.hover_timer.setSingleShot(True)
        self.hover_timer.setInterval(HOVER_DELAY_MS)
        self.hover_timer.timeout.connect(self._hover_due)
        self._pending: tuple[ReadingPane, str, QPoint] | None = None
        self._announced: set[int] = set()
        self._announced_keep: list[object] = []
        self._last_input: dict[ReadingPane, str] = {}
        self._mouse: dict[ReadingPane, QPoint] = {}
        # Compared by identity, so events met while the window is torn down touch no C++.
        self._watched: list[tuple[QObject, ReadingPane]] = []
        for pane in self._panes():
            self._watched += [(pane, pane), (pane.viewport(), pane)]
            pane.highlighted.connect(lambda url, pane=pane: self._highlighted(pane, url))
            pane.installEventFilter(self)
            pane.viewport().installEventFilter(self)
            pane.verticalScrollBar().valueChanged.connect(lambda _v: self.hide_popup())
        self.view.shown_changed.connect(self._shown_changed)
        window.installEventFilter(self)

        # A library's glossary.yaml edited while a document is open: mark it anew.
        self._shown_glossary: object = None
        self.files = QFileSystemWatcher(self)
        self.files.fileChanged.connect(self._glossary_file_changed)
        self.files.directoryChanged.connect(self._glossary_file_changed)
        self.reload_timer = QTimer(self)
        self.reload_timer.setSingleShot(True)
        self.reload_timer.setInterval(RELOAD_SETTLE_MS)
        self.reload_timer.timeout.connect(self.reload_glossary)
        self.retranslate_ui()

    # --- what the window asks ---------------------------------------------------------------

    def terms_for(self, library_root: Path | None) -> Callable[[str], TermTable] | None:
        """For the renderer: the term table per language, or None when marking is off.

        The returned function loads the glossary on first use, so the background
        rendering job does the reading, not the window.
        """
        if self.mode == "off":
            return None
        store = self.store
        return lambda lang: store.terms(library_root, lang)

    def handle_link(self, url: QUrl, doc: QTextDocument | None) -> bool:
        """Deal with a clicked ``gloss:`` link; False for any other link."""
        entry_id = entry_id_from_href(url.toString())
        if entry_id is None:
            return False
        pane = self._pane_of(doc)
        lang = getattr(doc, "lang", None) or self.view.language
        if self.popup.isVisible() and self.popup.entry_id == entry_id:
            self.open_entry(entry_id, lang)
        elif pane is not None:
            self._show_popup(pane, entry_id, self._link_rect(pane))
        return True

    # --- modes ---------------------------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        """Popups on hover, on click only, or no marking at all (re-renders when that changes)."""
        if mode not in MODES or mode == self.mode:
            self.mode_actions.get(self.mode, QAction()).setChecked(True)
            return
        was_off = self.mode == "off"
        self.mode = mode
        self.mode_actions[mode].setChecked(True)
        self.window_.settings.set(MODE_KEY, mode)
        self.hide_popup()
        shown = self.view.shown
        if shown is not None and was_off != (mode == "off"):
            self.window_.open_document(shown.doc_id, self.view.place())
        self.mode_changed.emit(mode)

    # --- popup -----------------------------------------------------------------------------------

    def glossary(self):  # noqa: ANN201 - the Glossary of the document in view
        shown = self.view.shown
        return self.store.for_library(shown.library_root if shown else None)

    def _show_popup(
        self, pane: ReadingPane, entry_id: str, below: QRect, *, hover: bool = False
    ) -> None:
        entry = self.glossary().get(entry_id)
        doc = pane.version()
        if entry is None or doc is None:
            return

        def pointer_on_term() -> bool:
            point = pane.viewport().mapFromGlobal(QCursor.pos())
            inside = pane.viewport().rect().contains(point)
            return inside and entry_id_from_href(pane.anchorAt(point)) == entry_id

        self.popup.show_entry(entry, doc.lang, below, pointer_on_term if hover else None)

    def hide_popup(self) -> None:
        self.hover_timer.stop()
        self._pending = None
        self.popup.hide_timer.stop()
        self.popup.hide()

    def open_entry(self, entry_id: str, lang: str | None = None) -> None:
        """Show the panel at ``entry_id`` (the More… of the popup)."""
        self.hide_popup()
        self.panel.set_glossary(self.glossary(), lang or self.view.language)
        self.panel.show_entry(entry_id, lang)

    def _highlighted(self, pane: ReadingPane, url: QUrl) -> None:
        entry_id = entry_id_from_href(url.toString()) if not url.isEmpty() else None
        if entry_id is None:
            self.hover_timer.stop()
            self._pending = None
            self.popup.schedule_hide()
            return
        if self.mode != "hover":
            return
        if self._last_input.get(pane) == "key":
            self.hover_timer.stop()
            self._show_popup(pane, entry_id, self._link_rect(pane))
        else:
            self._pending = (pane, entry_id, self._mouse.get(pane, QPoint()))
            self.hover_timer.start()

    def _focus_moved(self, pane: ReadingPane) -> None:
        cursor = QTextCursor(pane.textCursor())
        href = ""
        if cursor.hasSelection():
            cursor.setPosition(cursor.selectionStart() + 1)
            href = cursor.charFormat().anchorHref()
        self._highlighted(pane, QUrl(href))

    def _hover_due(self) -> None:
        if self._pending is None:
            return
        pane, entry_id, point = self._pending
        self._pending = None
        self._show_popup(pane, entry_id, self._rect_at(pane, point), hover=True)

    def _rect_at(self, pane: ReadingPane, point: QPoint) -> QRect:
        """Where the term under ``point`` (viewport coordinates) starts, in global coordinates."""
        cursor = pane.cursorForPosition(point)
        start = _term_start(cursor)
        if start is not None:
            cursor.setPosition(start)
        line = pane.cursorRect(cursor)
        x = line.left() if start is not None else point.x()
        rect = QRect(x, line.top(), 1, line.height())
        return QRect(pane.viewport().mapToGlobal(rect.topLeft()), rect.size())

    def _link_rect(self, pane: ReadingPane) -> QRect:
        """Where the link the text cursor selects (keyboard) or the pointer is over starts."""
        cursor = QTextCursor(pane.textCursor())
        if self._last_input.get(pane) != "key" or not cursor.hasSelection():
            return self._rect_at(pane, self._mouse.get(pane, QPoint()))
        cursor.setPosition(cursor.selectionStart())
        line = pane.cursorRect(cursor)
        return QRect(pane.viewport().mapToGlobal(line.topLeft()), line.size())

    # --- events ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if watched is self.window_:
            if kind == QEvent.Type.LanguageChange:
                self.retranslate_ui()
            elif kind in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.WindowDeactivate):
                self.hide_popup()
            return False
        pane = self._pane_watching(watched)
        if pane is None:
            return False
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape and self.popup.isVisible():
                self.hide_popup()
                return True
            self._last_input[pane] = "key"
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                # Tab moves from link to link, selecting it, but Qt says nothing of it:
                # look once the pane has handled the key.
                QTimer.singleShot(0, self, lambda pane=pane: self._focus_moved(pane))
        elif kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            self._last_input[pane] = "mouse"
            self._mouse[pane] = event.position().toPoint()
        elif kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self._last_input[pane] = "mouse"
            self._mouse[pane] = event.position().toPoint()
            if not pane.anchorAt(self._mouse[pane]).startswith(GLOSS_SCHEME + ":"):
                self.hide_popup()
        elif kind == QEvent.Type.Leave and watched is not pane:
            self.hover_timer.stop()
            self.popup.schedule_hide()
        return False

    def _panes(self) -> tuple[ReadingPane, ...]:
        return self.view.panes()

    def _pane_watching(self, watched: QObject) -> ReadingPane | None:
        for obj, pane in self._watched:
            if watched is obj:
                return pane
        return None

    def _pane_of(self, doc: QTextDocument | None) -> ReadingPane | None:
        for pane in self._panes():
            if doc is not None and pane.document() is doc:
                return pane
        return self.view.primary if doc is None else None

    # --- following the document in view --------------------------------------------------

    def _shown_changed(self) -> None:
        self.hide_popup()
        if self.panel.isVisible():
            self._sync_panel()
        shown = self.view.shown
        if shown is not None and self.mode != "off":
            self._shown_glossary = self.glossary()
            self._watch(shown.library_root)
            self._announce_problems()

    def _watch(self, root: Path) -> None:
        wanted = [str(root)]
        if (Path(root) / LIBRARY_GLOSSARY).is_file():
            wanted.append(str(Path(root) / LIBRARY_GLOSSARY))
        current = self.files.files() + self.files.directories()
        if sorted(current) != sorted(wanted):
            if current:
                self.files.removePaths(current)
            self.files.addPaths(wanted)

    def _glossary_file_changed(self, _path: str) -> None:
        self.reload_timer.start()

    def reload_glossary(self) -> bool:
        """Read the open document's library glossary again if it changed; re-mark the text."""
        shown = self.view.shown
        if shown is None or self.mode == "off":
            return False
        glossary = self.glossary()
        self._watch(shown.library_root)
        if glossary is self._shown_glossary:
            return False
        self._shown_glossary = glossary
        self.window_.open_document(shown.doc_id, self.view.place())
        if self.panel.isVisible():
            self._sync_panel()
        return True

    def _announce_problems(self) -> None:
        """Say once per glossary read that some of it could not be used, and where to look."""
        glossary = self.glossary()
        if not glossary.problems or id(glossary) in self._announced:
            return
        self._announced.add(id(glossary))
        self._announced_keep.append(glossary)  # so its id is not reused by another
        self.window_.statusBar().showMessage(
            self.tr(
                "Some glossary entries could not be used (%n problem(s)); "
                "the Glossary panel lists them.",
                "",
                len(glossary.problems),
            ),
            10_000,
        )

    def _panel_visibility(self, visible: bool) -> None:
        if visible:
            self._sync_panel()

    def _sync_panel(self) -> None:
        self.panel.set_glossary(self.glossary(), self.view.shown_language or self.view.language)

    # --- language of the interface -------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.menu.setTitle(self.tr("Glossary &Terms"))
        self.mode_actions["hover"].setText(self.tr("Mark Terms, Explain on &Hover"))
        self.mode_actions["click"].setText(self.tr("Mark Terms, Explain on &Click"))
        self.mode_actions["off"].setText(self.tr("Do &Not Mark Terms"))


def _term_start(cursor: QTextCursor) -> int | None:
    """The position where the glossary term at ``cursor`` begins, if there is one."""
    position = cursor.position()
    it = cursor.block().begin()
    while not it.atEnd():
        fragment = it.fragment()
        start = fragment.position()
        inside = start <= position <= start + fragment.length()
        if inside and entry_id_from_href(fragment.charFormat().anchorHref()) is not None:
            return start
        it += 1
    return None


def install(window: MainWindow) -> GlossaryController:
    """Add the glossary to ``window``: popup, panel, View menu entries and term marking."""
    return GlossaryController(window)
