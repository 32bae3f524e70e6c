"""Unexpected errors: logged with their traceback, explained in a short dialog, never fatal.

PySide6 hands an exception raised in a slot or event handler to ``sys.excepthook``
and then carries on, so the hook is the place to tell the user and keep the details.
Exceptions on other threads arrive through ``threading.excepthook`` and are shown
on the GUI thread by a queued signal.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader import __version__

log = logging.getLogger("reader.crash")

MAX_DETAILS = 20_000


def format_details(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> str:
    text = "".join(traceback.format_exception(kind, value, tb))
    return f"Lector {__version__}, Python {sys.version.split()[0]}\n{text}"[:MAX_DETAILS]


class ErrorDialog(QDialog):
    """A short message, the details folded away, and a button that copies them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setMinimumWidth(480)
        self.count = 0
        self.message = QLabel(self)
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("errorDetails")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMinimumHeight(220)
        self.details.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("copyDetailsButton")
        self.show_button = QPushButton(self)
        self.show_button.setObjectName("showDetailsButton")
        self.show_button.setCheckable(True)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.hide)
        self.copy_button.clicked.connect(self.copy_details)
        self.show_button.toggled.connect(self._show_details)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def add(self, details: str) -> None:
        self.count += 1
        self.details.setPlainText(details)
        self.retranslate_ui()

    def _show_details(self, on: bool) -> None:
        self.details.setVisible(on)
        self.adjustSize()

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Something went wrong"))
        text = self.tr(
            "Lector met an unexpected error. You can keep reading; if something looks "
            "wrong, restart Lector. The details are saved in the log."
        )
        if self.count > 1:
            text += "\n" + self.tr("This has happened %n time(s) in this session.", "", self.count)
        self.message.setText(text)
        self.copy_button.setText(self.tr("&Copy details"))
        self.show_button.setText(self.tr("&Details"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class CrashHandler(QObject):
    """Installs the hooks; shows one dialog at a time, however many errors arrive."""

    error = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialog: ErrorDialog | None = None
        self.errors: list[str] = []
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._showing = False
        # Queued: an error on another thread is shown by the GUI thread.
        self.error.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self.thread_excepthook:
            threading.excepthook = self._previous_thread_hook

    def excepthook(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, value, tb)
            return
        self.report(format_details(kind, value, tb))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        value = args.exc_value or args.exc_type()
        self.report(format_details(args.exc_type, value, args.exc_traceback))

    def report(self, details: str) -> None:
        """Log the error and, from any thread, ask the GUI thread to show the dialog."""
        log.error("unexpected error:\n%s", details)
        self.errors.append(details)
        self.error.emit(details)

    def _show(self, details: str) -> None:
        if self._showing:  # an error while showing the dialog: logged only
            return
        self._showing = True
        try:
            if self.dialog is None:
                self.dialog = ErrorDialog(_main_window())
            self.dialog.add(details)
            # Not exec(): a nested event loop inside an error handler invites more errors.
            self.dialog.show()
            self.dialog.raise_()
        except Exception:
            log.exception("could not show the error dialog")
        finally:
            self._showing = False


def _main_window() -> QWidget | None:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    for widget in app.topLevelWidgets():
        if widget.objectName() == "mainWindow":
            return widget
    return None
