"""Unexpected exceptions: logged to the user's log folder, a dialog, and Lector goes on."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from reader.logs import LOG_FILE, setup_logging
from reader.paths import UserDirs
from reader.render.service import RenderService
from reader.ui.crash import CrashHandler, ErrorDialog

from .reliability import report, scaled
from .ui_helpers import close_window, open_and_wait, open_window, visible_text


@pytest.fixture
def user_log(dirs: UserDirs):
    root = logging.getLogger()
    before = list(root.handlers)
    setup_logging(dirs.logs)
    yield dirs.logs / LOG_FILE
    for handler in root.handlers:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def crash(qtbot: QtBot):
    handler = CrashHandler()
    handler.install()
    yield handler
    handler.uninstall()
    if handler.dialog is not None:
        handler.dialog.close()


def _boom() -> None:
    raise ValueError("boom from a slot")


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_logged_shown_and_survived(
    qtbot: QtBot,
    dirs: UserDirs,
    renderer: RenderService,
    bundled: Path,
    crash: CrashHandler,
    user_log: Path,
    scale: str,
) -> None:
    count = scaled(scale, reduced=20, full=200)
    window = open_window(qtbot, dirs, renderer, [bundled])
    button = QPushButton("boom", window)
    button.setObjectName("boomButton")
    button.clicked.connect(_boom)
    try:
        for _ in range(count):
            button.click()  # PySide6 reports the exception to sys.excepthook and returns
        qtbot.waitUntil(lambda: crash.dialog is not None and crash.dialog.isVisible())
        dialog = crash.dialog
        assert isinstance(dialog, ErrorDialog)
        assert dialog.count == count  # one dialog, however many errors
        assert "unexpected error" in dialog.message.text()
        dialog.copy_button.click()
        copied = QGuiApplication.clipboard().text()
        assert "ValueError: boom from a slot" in copied and "_boom" in copied
        # The window still works after all that.
        open_and_wait(qtbot, window, "action-plans", "es")
        assert visible_text(window).strip()
        dialog.buttons.rejected.emit()
        assert not dialog.isVisible()
    finally:
        close_window(window)
    logged = user_log.read_text(encoding="utf-8")
    assert logged.count("ValueError: boom from a slot") == count
    report("exceptions in slots", scale, exceptions=count, logged=count, dialogs=1, exits=0)


@pytest.mark.qt_no_exception_capture
def test_exception_on_another_thread_reaches_the_dialog(
    qtbot: QtBot, crash: CrashHandler, user_log: Path
) -> None:
    def work() -> None:
        raise RuntimeError("boom from a thread")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: crash.dialog is not None and crash.dialog.isVisible())
    assert "boom from a thread" in crash.dialog.details.toPlainText()
    assert "RuntimeError: boom from a thread" in user_log.read_text(encoding="utf-8")


def test_dialog_speaks_the_interface_language(qtbot: QtBot) -> None:
    dialog = ErrorDialog()
    qtbot.addWidget(dialog)
    dialog.add("details")
    dialog.add("more details")
    assert "2 time(s)" in dialog.message.text() or "2 times" in dialog.message.text()
    assert dialog.copy_button.text()
