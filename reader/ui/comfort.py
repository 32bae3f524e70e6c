"""Reading comfort for the main window: theme, zoom, font, line width, contents, print, cite.

``Comfort(window)`` creates its actions, menus and panel and keeps its settings; the
window only constructs it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QStandardPaths, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFontDialog,
    QMenu,
    QMessageBox,
    QWidget,
)

from reader.ui.citation import citation_text
from reader.ui.reading_pane import Place, ReadingPane
from reader.ui.reading_prefs import MEASURE_DEFAULT, MEASURES, ZOOM_DEFAULT, ZOOM_STEP, ReadingLook
from reader.ui.shortcuts import ShortcutsDialog
from reader.ui.theme import MODES, SYSTEM, Theme
from reader.ui.toc_panel import TocPanel

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def _action(window: QWidget, name: str, *keys: QKeySequence | str) -> QAction:
    action = QAction(window)
    action.setObjectName(name)
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
    window.addAction(action)
    return action


class Comfort(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("comfort")
        self.window = window
        self.settings = window.settings
        view = window.reader_view

        # --- state, from settings -------------------------------------------------------
        self.theme = Theme(self.settings.choice("view/theme", MODES, SYSTEM), self)
        self.look = ReadingLook(view)
        self.look.zoom = self.settings.integer("reading/zoom", ZOOM_DEFAULT, 50, 300)
        self.look.family = self.settings.text("reading/font", "")
        measure = self.settings.integer("reading/measure", MEASURE_DEFAULT, 0, 1000)
        self.look.measure = measure if measure in MEASURES else MEASURE_DEFAULT

        # --- actions ----------------------------------------------------------------------
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for mode in MODES:
            action = _action(window, f"actionTheme{mode.title()}")
            action.setCheckable(True)
            action.setChecked(mode == self.theme.mode)
            action.triggered.connect(lambda _c=False, m=mode: self.set_theme(m))
            self.theme_group.addAction(action)
            self.theme_actions[mode] = action
        self.act_zoom_in = _action(
            window, "actionZoomIn", QKeySequence.StandardKey.ZoomIn, "Ctrl+="
        )
        self.act_zoom_out = _action(window, "actionZoomOut", QKeySequence.StandardKey.ZoomOut)
        self.act_zoom_reset = _action(window, "actionZoomReset", "Ctrl+0")
        self.act_font = _action(window, "actionReadingFont")
        self.act_font_reset = _action(window, "actionDefaultReadingFont")
        self.measure_group = QActionGroup(self)
        self.measure_actions: dict[int, QAction] = {}
        for measure in MEASURES:
            action = _action(window, f"actionLineWidth{measure}")
            action.setCheckable(True)
            action.setChecked(measure == self.look.measure)
            action.triggered.connect(lambda _c=False, m=measure: self.set_measure(m))
            self.measure_group.addAction(action)
            self.measure_actions[measure] = action
        self.act_next_panel = _action(window, "actionNextPanel", "F6")
        self.act_previous_panel = _action(window, "actionPreviousPanel", "Shift+F6")
        self.act_print = _action(window, "actionPrint", QKeySequence.StandardKey.Print)
        self.act_export_pdf = _action(window, "actionExportPdf", "Ctrl+Shift+E")
        self.act_cite = _action(window, "actionCopyCitation", "Ctrl+Shift+C")
        self.act_shortcuts = _action(window, "actionShortcuts", "F1")

        # --- the contents panel -------------------------------------------------------------
        self.toc = TocPanel(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.toc)
        self.toc.toggleViewAction().setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.toc.hide()
        self._toc_source: object = None

        # --- menus --------------------------------------------------------------------------------
        file_menu = window.menu_file
        first = file_menu.actions()[0] if file_menu.actions() else None
        for action in (self.act_print, self.act_export_pdf, self.act_cite):
            file_menu.insertAction(first, action)
        file_menu.insertSeparator(first)
        self.menu_theme = QMenu(window.menu_view)
        self.menu_theme.setObjectName("menuTheme")
        self.menu_theme.addActions(list(self.theme_actions.values()))
        self.menu_width = QMenu(window.menu_view)
        self.menu_width.setObjectName("menuLineWidth")
        self.menu_width.addActions(list(self.measure_actions.values()))
        view_menu = window.menu_view
        view_menu.addSeparator()
        view_menu.addAction(self.toc.toggleViewAction())
        view_menu.addSeparator()
        view_menu.addMenu(self.menu_theme)
        view_menu.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset])
        view_menu.addActions([self.act_font, self.act_font_reset])
        view_menu.addMenu(self.menu_width)
        view_menu.addSeparator()
        view_menu.addActions([self.act_next_panel, self.act_previous_panel])
        help_menu = window.menu_help
        about = help_menu.actions()[0] if help_menu.actions() else None
        help_menu.insertAction(about, self.act_shortcuts)

        # --- wiring -------------------------------------------------------------------------------
        self.act_zoom_in.triggered.connect(lambda: self.zoom_by(ZOOM_STEP))
        self.act_zoom_out.triggered.connect(lambda: self.zoom_by(-ZOOM_STEP))
        self.act_zoom_reset.triggered.connect(lambda: self.set_zoom(ZOOM_DEFAULT))
        self.act_font.triggered.connect(self.choose_font)
        self.act_font_reset.triggered.connect(lambda: self.set_family(""))
        self.act_next_panel.triggered.connect(lambda: self.cycle_focus(1))
        self.act_previous_panel.triggered.connect(lambda: self.cycle_focus(-1))
        self.act_print.triggered.connect(self.print_document)
        self.act_export_pdf.triggered.connect(self.export_pdf_dialog)
        self.act_cite.triggered.connect(self.copy_citation)
        self.act_shortcuts.triggered.connect(self.show_shortcuts)
        self.toc.jump_requested.connect(self.jump_to_block)
        self.theme.changed.connect(self._style_toolbar)
        view.shown_changed.connect(self._shown_changed)
        for pane in view.panes():
            pane.verticalScrollBar().valueChanged.connect(self._follow)
            pane.viewport().installEventFilter(self)
            pane.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            pane.customContextMenuRequested.connect(
                lambda pos, pane=pane: self._context_menu(pane, pos)
            )
        window.installEventFilter(self)

        self.theme.apply()
        self.look.apply()
        self._shown_changed()
        self.retranslate_ui()

    # --- theme, zoom, font, width ------------------------------------------------------------

    def set_theme(self, mode: str) -> None:
        self.theme.set_mode(mode)
        self.theme_actions[self.theme.mode].setChecked(True)
        self.settings.set("view/theme", self.theme.mode)

    def set_zoom(self, percent: int) -> None:
        self.look.set(zoom=percent)
        self.settings.set("reading/zoom", self.look.zoom)
        self.window.statusBar().showMessage(
            self.tr("Zoom {percent}%").format(percent=self.look.zoom), 2000
        )

    def zoom_by(self, step: int) -> None:
        self.set_zoom(self.look.zoom + step)

    def set_family(self, family: str) -> None:
        self.look.set(family=family)
        self.settings.set("reading/font", self.look.family)

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(self.look.font(), self.window, self.tr("Reading Font"))
        if ok:
            self.set_family(font.family())

    def set_measure(self, measure: int) -> None:
        self.look.set(measure=measure)
        self.measure_actions[self.look.measure].setChecked(True)
        self.settings.set("reading/measure", self.look.measure)

    def _style_toolbar(self, _dark: bool = False) -> None:
        """Make the checked EN/ES and side-by-side buttons stand out in every theme."""
        palette = QGuiApplication.palette()

        def colour(role: QPalette.ColorRole, group=QPalette.ColorGroup.Active) -> str:  # noqa: ANN001
            return palette.color(group, role).name()

        role = QPalette.ColorRole
        self.window.toolbar.setStyleSheet(
            f"""
QToolButton {{ padding: 3px 9px; border: 1px solid {colour(role.Mid)};
    background: {colour(role.Button)}; color: {colour(role.ButtonText)}; }}
QToolButton:hover {{ border-color: {colour(role.Highlight)}; }}
QToolButton:checked {{ background: {colour(role.Highlight)};
    color: {colour(role.HighlightedText)}; border-color: {colour(role.Highlight)}; }}
QToolButton:disabled {{ color: {colour(role.ButtonText, QPalette.ColorGroup.Disabled)};
    border-style: dashed; }}
"""
        )

    # --- contents --------------------------------------------------------------------------------

    def _shown_changed(self) -> None:
        view = self.window.reader_view
        doc = view.primary.version()
        if doc is self._toc_source:
            return
        self._toc_source = doc
        self.toc.set_headings(doc.rendered.headings if doc is not None else ())
        self._follow()

    def _follow(self, _value: int = 0) -> None:
        if self.toc.isVisible() and self.window.reader_view.primary.version() is not None:
            self.toc.follow(self.window.reader_view.place().block)

    def jump_to_block(self, block: int) -> None:
        """A jump inside the document: Back returns to where the reader was."""
        self.window.navigation.leaving()
        self.window.reader_view.go_to(Place(block, 0.0))

    # --- focus ----------------------------------------------------------------------------------

    def focus_targets(self) -> list[QWidget]:
        window = self.window
        targets: list[QWidget] = [window.document_list.view, window.reader_view.primary]
        if window.reader_view.secondary.isVisible():
            targets.append(window.reader_view.secondary)
        for dock in window.findChildren(QDockWidget):
            if dock.isVisible() and dock.widget() is not None:
                targets.append(dock.widget())
        return [t for t in targets if t.isVisible()]

    def cycle_focus(self, step: int) -> None:
        targets = self.focus_targets()
        if not targets:
            return
        focus = QApplication.focusWidget()
        current = next(
            (i for i, t in enumerate(targets) if focus is t or t.isAncestorOf(focus)), -1
        )
        target = targets[(current + step) % len(targets)]
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not target.hasFocus():
            target.focusNextChild()

    # --- print, export, cite -------------------------------------------------------------------

    def _title(self) -> str:
        view = self.window.reader_view
        if view.shown is None or view.shown_language is None:
            return ""
        return view.shown.document.title(view.shown_language)

    def _nothing_open(self) -> bool:
        if self.window.reader_view.shown is None:
            self.window.statusBar().showMessage(self.tr("Open a document first."), 4000)
            return True
        return False

    def print_document(self) -> None:
        if self._nothing_open():
            return
        # Print support (a Qt module of its own) loads when first used, not at start-up.
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from reader.ui import printing

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._title())
        dialog = QPrintDialog(printer, self.window)
        dialog.setWindowTitle(self.tr("Print Document"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            document = printing.printable(self.window.reader_view)
            if document is not None:
                printing.print_to(document, printer)

    def suggested_pdf_path(self) -> Path:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", self._title()).strip()[:120] or "Lector"
        return Path(folder) / f"{name}.pdf"

    def export_pdf_dialog(self) -> None:
        if self._nothing_open():
            return
        path, _filter = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export as PDF"),
            str(self.suggested_pdf_path()),
            self.tr("PDF files (*.pdf)"),
        )
        if path:
            target = Path(path)
            if target.suffix.lower() != ".pdf":
                target = target.with_name(target.name + ".pdf")
            self.export_pdf(target)

    def export_pdf(self, path: Path) -> bool:
        from reader.ui import printing

        document = printing.printable(self.window.reader_view)
        if document is None:
            return False
        try:
            printing.export_pdf(document, path, self._title())
            if not path.is_file() or path.stat().st_size == 0:
                raise OSError("nothing was written")
        except OSError as error:
            QMessageBox.warning(
                self.window,
                self.tr("PDF not saved"),
                self.tr("Could not write {path}: {reason}").format(path=path, reason=error),
            )
            return False
        self.window.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 6000)
        return True

    def copy_citation(self) -> None:
        text = citation_text(self.window.reader_view)
        if text is None:
            self._nothing_open()
            return
        QGuiApplication.clipboard().setText(text)
        self.window.statusBar().showMessage(self.tr("Citation copied."), 3000)

    def context_menu(self, pane: ReadingPane, pos: QPoint) -> QMenu:
        """Qt's own menu for the text (Copy, Select All…), plus citing and printing."""
        menu = pane.createStandardContextMenu(pos)
        menu.setObjectName("readingContextMenu")
        menu.addSeparator()
        menu.addActions([self.act_cite, self.act_print, self.act_export_pdf])
        menu.addSeparator()
        menu.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset])
        return menu

    def _context_menu(self, pane: ReadingPane, pos: QPoint) -> None:
        menu = self.context_menu(pane, pos)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(pane.viewport().mapToGlobal(pos))

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    # --- words ---------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        names = {
            "system": self.tr("Follow the &System"),
            "light": self.tr("&Light"),
            "dark": self.tr("&Dark"),
        }
        for mode, action in self.theme_actions.items():
            action.setText(names[mode])
        self.menu_theme.setTitle(self.tr("&Theme"))
        self.act_zoom_in.setText(self.tr("Zoom &In"))
        self.act_zoom_out.setText(self.tr("Zoom &Out"))
        self.act_zoom_reset.setText(self.tr("&Reset Zoom"))
        self.act_font.setText(self.tr("Reading &Font…"))
        self.act_font_reset.setText(self.tr("Default Reading Font"))
        self.menu_width.setTitle(self.tr("Line &Width"))
        for measure, action in self.measure_actions.items():
            action.setText(
                self.tr("As Wide as the Window")
                if measure == 0
                else self.tr("{count} Characters a Line").format(count=measure)
            )
        self.act_next_panel.setText(self.tr("Next &Panel"))
        self.act_previous_panel.setText(self.tr("Previous Panel"))
        self.act_print.setText(self.tr("&Print…"))
        self.act_export_pdf.setText(self.tr("&Export as PDF…"))
        self.act_cite.setText(self.tr("Copy &Citation"))
        self.act_cite.setToolTip(self.tr("Copy the current paragraph with its title and anchor"))
        self.act_shortcuts.setText(self.tr("&Keyboard Shortcuts"))
        self.toc.retranslate_ui()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.LanguageChange and watched is self.window:
            self.retranslate_ui()
        elif (
            kind == QEvent.Type.Wheel
            and isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            # Ctrl+wheel zooms through the same remembered setting as Ctrl+plus/minus.
            delta = event.angleDelta().y()
            if delta:
                self.zoom_by(ZOOM_STEP if delta > 0 else -ZOOM_STEP)
            return True
        return super().eventFilter(watched, event)
