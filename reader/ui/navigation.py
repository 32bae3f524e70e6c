"""Back and Forward for the main window: records every jump, offers Alt+Left/Alt+Right.

The window calls ``leaving()`` before it opens a document or jumps inside one, so
everything that goes through ``MainWindow.open_document`` (the document list, links,
search hits, glossary jumps) gets history without knowing about it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QMenu

from reader.ui.history import History, Stop
from reader.ui.reading_pane import Place

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow
    from reader.ui.reader_view import Shown


class Navigation(QObject):
    """Owns the history, the Back/Forward actions and the Go menu."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("navigation")
        self.window = window
        self.history = History()
        self._navigating = False
        # A document asked for but not shown yet: a jump away from it starts there.
        self._pending: Stop | None = None
        self._pending_over: Shown | None = None
        self._before_switch: Stop | None = None

        self.act_back = QAction(window)
        self.act_back.setObjectName("actionBack")
        self.act_back.setShortcuts([QKeySequence("Alt+Left"), QKeySequence(Qt.Key.Key_Back)])
        self.act_forward = QAction(window)
        self.act_forward.setObjectName("actionForward")
        self.act_forward.setShortcuts([QKeySequence("Alt+Right"), QKeySequence(Qt.Key.Key_Forward)])
        for action in (self.act_back, self.act_forward):
            # Window-wide, so the keys work while the reading pane has the focus.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)
        self.act_back.triggered.connect(self.go_back)
        self.act_forward.triggered.connect(self.go_forward)

        self.menu = QMenu(window.menuBar())
        self.menu.setObjectName("menuGo")
        self.menu.addAction(self.act_back)
        self.menu.addAction(self.act_forward)
        window.menuBar().insertMenu(window.menu_help.menuAction(), self.menu)

        window.installEventFilter(self)
        for pane in window.reader_view.panes():
            pane.viewport().installEventFilter(self)
        self.retranslate_ui()

    # --- recording ----------------------------------------------------------------------

    def here(self) -> Stop | None:
        """Where the reader is now (or is about to be, while a document is loading)."""
        view = self.window.reader_view
        if self._pending is not None and view.shown is self._pending_over:
            return self._pending
        self._pending = None
        if view.shown is None:
            return None
        place = view.place()
        return Stop(view.shown.doc_id, view.language, place.block, round(place.fraction, 4))

    def language_changing(self) -> None:
        """The reading language is about to change.

        A jump in the same turn of the event loop (a search hit sets the hit's language,
        then opens it) leaves from where the reader was before the switch.
        """
        if self._before_switch is None:
            self._before_switch = self.here()
            QTimer.singleShot(0, self._forget_switch)

    def _forget_switch(self) -> None:
        self._before_switch = None

    def leaving(self, doc_id: str | None = None, place: Place | None = None) -> None:
        """The window is about to jump (to ``doc_id`` at ``place``, or inside the document)."""
        here = self._before_switch or self.here()
        view = self.window.reader_view
        target = None
        if doc_id is not None:
            place = place or Place()
            target = Stop(doc_id, view.language, place.block, place.fraction)
        # Reopening the same spot (a reload after the file changed on disk) is no jump.
        if not self._navigating and not (target is not None and target.near(here)):
            self.history.leave(here)
        if target is not None:
            self._pending = target
            self._pending_over = view.shown
        self.update_actions()

    # --- going ------------------------------------------------------------------------------

    def go_back(self) -> None:
        self._go(self.history.back)

    def go_forward(self) -> None:
        self._go(self.history.forward)

    def _go(self, step) -> None:  # noqa: ANN001 - History.back or History.forward
        model = self.window.document_list.model
        stop = step(self.here())
        while stop is not None and model.entry(stop.doc_id) is None:
            self.history.forget(stop.doc_id)  # the document has left the library
            stop = step(None)
        if stop is not None:
            self._show(stop)
        self.update_actions()

    def _show(self, stop: Stop) -> None:
        window = self.window
        view = window.reader_view
        place = Place(stop.block, stop.fraction)
        self._navigating = True
        try:
            if view.language != stop.lang:
                window.set_reading_language(stop.lang)
            loading = self._pending is not None and view.shown is self._pending_over
            if view.shown is not None and view.shown.doc_id == stop.doc_id and not loading:
                view.go_to(place)
                window.document_list.select(stop.doc_id, emit=False)
            else:
                window.open_document(stop.doc_id, place)
        finally:
            self._navigating = False

    # --- looks --------------------------------------------------------------------------------

    def update_actions(self) -> None:
        for action, stops, label in (
            (self.act_back, self.history.back_stops(), self.tr("Back to {title}")),
            (self.act_forward, self.history.forward_stops(), self.tr("Forward to {title}")),
        ):
            action.setEnabled(bool(stops))
            tip = action.text().replace("&", "")
            if stops:
                entry = self.window.document_list.model.entry(stops[0].doc_id)
                if entry is not None:
                    tip = label.format(title=entry.document.title(stops[0].lang))
            action.setToolTip(tip)

    def retranslate_ui(self) -> None:
        self.menu.setTitle(self.tr("&Go"))
        self.act_back.setText(self.tr("&Back"))
        self.act_forward.setText(self.tr("&Forward"))
        self.update_actions()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.LanguageChange and watched is self.window:
            self.retranslate_ui()
        elif kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            # The side buttons of a mouse go back and forward, as in a browser.
            if event.button() == Qt.MouseButton.BackButton:
                self.go_back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.go_forward()
                return True
        return super().eventFilter(watched, event)
