"""Light and dark themes: follow the system's colour scheme, or the reader's own choice."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reader.ui.reading_pane import is_dark

SYSTEM, LIGHT, DARK = "system", "light", "dark"
MODES = (SYSTEM, LIGHT, DARK)

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

_DARK = {
    Role.Window: "#2b2b2b",
    Role.WindowText: "#e8e8e8",
    Role.Base: "#1f1f1f",
    Role.AlternateBase: "#2c2c2c",
    Role.ToolTipBase: "#333333",
    Role.ToolTipText: "#f0f0f0",
    Role.PlaceholderText: "#9c9c9c",
    Role.Text: "#e8e8e8",
    Role.Button: "#363636",
    Role.ButtonText: "#e8e8e8",
    Role.BrightText: "#ff7b72",
    Role.Light: "#4a4a4a",
    Role.Midlight: "#3c3c3c",
    Role.Mid: "#5a5a5a",
    Role.Dark: "#1a1a1a",
    Role.Shadow: "#000000",
    Role.Highlight: "#3a6fb0",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#8ab4f8",
    Role.LinkVisited: "#c79af5",
}

_LIGHT = {
    Role.Window: "#efefef",
    Role.WindowText: "#1b1b1b",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#f4f4f4",
    Role.ToolTipBase: "#ffffdc",
    Role.ToolTipText: "#1b1b1b",
    Role.PlaceholderText: "#6d6d6d",
    Role.Text: "#1b1b1b",
    Role.Button: "#efefef",
    Role.ButtonText: "#1b1b1b",
    Role.BrightText: "#b00020",
    Role.Light: "#ffffff",
    Role.Midlight: "#e3e3e3",
    Role.Mid: "#b8b8b8",
    Role.Dark: "#9f9f9f",
    Role.Shadow: "#767676",
    Role.Highlight: "#2f65ca",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#0b57d0",
    Role.LinkVisited: "#6a3fb5",
}


def _palette(colours: dict[QPalette.ColorRole, str], disabled: str) -> QPalette:
    palette = QPalette()
    for role, name in colours.items():
        palette.setColor(role, QColor(name))
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.PlaceholderText):
        palette.setColor(Group.Disabled, role, QColor(disabled))
    return palette


def dark_palette() -> QPalette:
    return _palette(_DARK, "#7d7d7d")


def light_palette() -> QPalette:
    return _palette(_LIGHT, "#9a9a9a")


class Theme(QObject):
    """Applies the chosen theme to the whole application and says when it changes."""

    changed = Signal(bool)  # dark or not

    def __init__(self, mode: str = SYSTEM, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mode = mode if mode in MODES else SYSTEM
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._system_changed)

    def system_is_dark(self) -> bool:
        scheme = QGuiApplication.styleHints().colorScheme()
        if scheme == Qt.ColorScheme.Dark:
            return True
        if scheme == Qt.ColorScheme.Light:
            return False
        return is_dark(self._system_palette())

    def is_dark(self) -> bool:
        if self.mode == SYSTEM:
            return self.system_is_dark()
        return self.mode == DARK

    def set_mode(self, mode: str) -> None:
        self.mode = mode if mode in MODES else SYSTEM
        self.apply()

    def apply(self) -> None:
        dark = self.is_dark()
        system = self._system_palette()
        # When the platform's own palette already fits, keep it (and with it any
        # high-contrast colours the reader has chosen for the whole desktop).
        if is_dark(system) != dark:
            QApplication.setPalette(dark_palette() if dark else light_palette())
        self.changed.emit(dark)

    def _system_palette(self) -> QPalette:
        # An empty palette resolves every role from the platform theme and style.
        QApplication.setPalette(QPalette())
        return QGuiApplication.palette()

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.mode == SYSTEM:
            self.apply()

    def restore_system(self) -> None:
        """Give the application back the platform's palette (used when the window closes)."""
        QApplication.setPalette(QPalette())
