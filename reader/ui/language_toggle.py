"""The EN | ES switch in the toolbar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget

from reader import LANGUAGES
from reader.ui.messages import language_badge, language_name


class LanguageToggle(QWidget):
    """One button per reading language; a missing version's button is disabled."""

    language_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("languageToggle")
        self.buttons: dict[str, QToolButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for lang in LANGUAGES:
            button = QToolButton(self)
            button.setObjectName(f"languageButton_{lang}")
            button.setText(language_badge(lang))
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.clicked.connect(
                lambda _checked=False, lang=lang: self.language_requested.emit(lang)
            )
            self._group.addButton(button)
            layout.addWidget(button)
            self.buttons[lang] = button
        self._available: tuple[str, ...] = LANGUAGES
        self.set_state(LANGUAGES[0], LANGUAGES)

    def set_state(self, shown: str, available: tuple[str, ...]) -> None:
        self._available = available
        for lang, button in self.buttons.items():
            button.setEnabled(lang in available)
            button.setChecked(lang == shown)
        self.retranslate_ui()

    def checked(self) -> str | None:
        return next((lang for lang, b in self.buttons.items() if b.isChecked()), None)

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.tr("Reading language"))
        for lang, button in self.buttons.items():
            name = language_name(lang)
            if lang in self._available:
                tip = self.tr("Read in {language} (Ctrl+L switches)").format(language=name)
            else:
                tip = self.tr("This document has no {language} version").format(language=name)
            button.setToolTip(tip)
            button.setAccessibleName(name)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
