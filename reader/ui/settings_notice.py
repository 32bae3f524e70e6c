"""Telling the reader, in the status bar, that damaged settings were reset."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

from reader.ui.settings import WHOLE_FILE

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

NOTICE_MS = 20_000


class SettingsNotice(QObject):
    """Collects repairs (they come one key at a time) and shows one message for them."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("settingsNotice")
        self.window = window
        self.keys: list[str] = []
        self.message = ""
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._show_pending)
        window.installEventFilter(self)
        # Shown once the library has loaded: the status bar is busy until then.
        window.librariesChanged.connect(self._timer.start)
        for key in window.settings.repaired:
            self._repaired(key)
        window.settings.on_repair(self._repaired)

    def _repaired(self, key: str) -> None:
        if key not in self.keys:
            self.keys.append(key)
            self._pending = True
        self._timer.start()

    def _show_pending(self) -> None:
        if self._pending:
            self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Show (or show again, in the new interface language) the notice."""
        if not self.keys:
            return
        if not self.window.isVisible() or self.window.loading:
            # Shown earlier, the status bar's own label would show through the message;
            # the Show event and the end of loading bring us back.
            return
        backup = self.window.settings.backup
        if WHOLE_FILE in self.keys:
            text = self.tr("The settings file was damaged; what could be read was kept.")
        else:
            text = self.tr("Some settings were damaged and have been reset: {keys}.").format(
                keys=", ".join(self.keys)
            )
        if backup is not None:
            text += " " + self.tr("A copy of the old file is in {path}.").format(path=str(backup))
        self.message = text
        self._pending = False
        self.window.statusBar().showMessage(text, NOTICE_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window and event.type() == QEvent.Type.Show and self._pending:
            self._timer.start()
        if (
            watched is self.window
            and event.type() == QEvent.Type.LanguageChange
            and self.message
            and self.window.statusBar().currentMessage() == self.message
        ):
            self.retranslate_ui()
        return False


def install(window: MainWindow) -> SettingsNotice:
    return SettingsNotice(window)
