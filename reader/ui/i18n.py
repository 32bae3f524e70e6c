"""The interface language: loading Qt translations, switching live, and the menu that does it.

The interface language (menus, labels, messages, Qt's own dialogs) is separate from
the reading language (which version of a document is shown). One
:class:`InterfaceLanguage` per application installs the translators; installing
or removing one makes Qt send ``QEvent.LanguageChange`` to every widget, whose
``changeEvent`` calls its ``retranslate_ui()``, so a switch needs no restart.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from reader import LANGUAGES
from reader.paths import i18n_dir
from reader.ui.settings import Settings

log = logging.getLogger(__name__)

INTERFACE_LANGUAGES: tuple[str, ...] = ("en", "es")
SYSTEM = "system"
LANGUAGE_KEY = "interface/language"
FOLLOW_KEY = "interface/readingFollowsInterface"

# Each language's name in itself: the entries a reader looks for in an unknown language.
NATIVE_NAMES = {"en": "English", "es": "Español"}
LOCALES = {"en": "en_US", "es": "es_ES"}


def system_language() -> str:
    """The interface language the system asks for, or English when it is not one we have."""
    for tag in QLocale.system().uiLanguages():
        code = tag.replace("_", "-").split("-")[0].lower()
        if code in INTERFACE_LANGUAGES:
            return code
    return "en"


def qt_translations_dirs(ours: Path | None) -> list[Path]:
    """Where Qt's own catalogues (qtbase_es.qm) may be: beside ours, then Qt's folder."""
    folders = [ours] if ours else []
    qt = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt:
        folders.append(Path(qt))
    return folders


class InterfaceLanguage(QObject):
    """Installs the translators for the chosen language on the application; one per app."""

    changed = Signal(str)  # the language now shown: "en" or "es"

    def __init__(self, settings: Settings, folder: Path | None = None) -> None:
        super().__init__(QCoreApplication.instance())
        self.setObjectName("interfaceLanguage")
        self.settings = settings
        self.folder = folder
        self.language = "en"
        self.error = ""  # why the last language asked for could not be shown, in English
        self._translators: list[QTranslator] = []
        self._loaded_for: Settings | None = None

    @classmethod
    def of_application(cls, settings: Settings) -> InterfaceLanguage:
        """The application's instance, now reading ``settings`` (created on first use)."""
        app = QCoreApplication.instance()
        found = app.findChild(InterfaceLanguage, "interfaceLanguage") if app else None
        if found is None:
            found = cls(settings)
        found.settings = settings
        return found

    def choice(self) -> str:
        return self.settings.choice(LANGUAGE_KEY, (*INTERFACE_LANGUAGES, SYSTEM), SYSTEM)

    def follows(self) -> bool:
        """Whether documents open in the interface language when they have it."""
        return self.settings.flag(FOLLOW_KEY, True)

    def set_follows(self, on: bool) -> None:
        self.settings.set(FOLLOW_KEY, on)

    def load(self) -> bool:
        """Show the language the settings ask for; False (and English) if it cannot be loaded."""
        return self.apply(self.choice(), remember=False)

    def ensure_loaded(self) -> None:
        """Load the settings' language unless it was already loaded from these settings."""
        if self._loaded_for is not self.settings:
            self.load()

    def apply(self, choice: str, *, remember: bool = True) -> bool:
        """Switch the whole interface to ``choice`` ("en", "es" or "system") now."""
        if choice not in (*INTERFACE_LANGUAGES, SYSTEM):
            choice = SYSTEM
        if remember:
            self.settings.set(LANGUAGE_KEY, choice)
        wanted = system_language() if choice == SYSTEM else choice
        translators, self.error = self._load(wanted)
        shown = wanted if not self.error else "en"
        if self.error:
            log.warning("%s", self.error)
            translators, _ = self._load("en")  # English plural forms; fine if missing too
        self._install(translators)
        self.language = shown
        self._loaded_for = self.settings
        # Dates and numbers in the interface follow the interface language.
        QLocale.setDefault(QLocale(LOCALES[shown]))
        self.changed.emit(shown)
        return not self.error

    def _load(self, lang: str) -> tuple[list[QTranslator], str]:
        """Our catalogue for ``lang`` (and Qt's own, when there is one) or why it failed."""
        folder = self.folder or _default_folder()
        ours = QTranslator(self)
        path = folder / f"lector_{lang}.qm" if folder else Path(f"lector_{lang}.qm")
        if not path.is_file():
            if lang == "en":
                return [], ""
            return [], f"interface translation {path} is missing; showing English"
        if not ours.load(str(path)):
            return [], f"interface translation {path} is damaged or unreadable; showing English"
        translators = [ours]
        if lang != "en":
            qt = QTranslator(self)
            if any(qt.load(f"qtbase_{lang}", str(where)) for where in qt_translations_dirs(folder)):
                translators.append(qt)
            else:
                log.info("Qt's own %s translation not found; standard dialogs stay English", lang)
        return translators, ""

    def _install(self, translators: list[QTranslator]) -> None:
        app = QCoreApplication.instance()
        for old in self._translators:
            app.removeTranslator(old)
            old.deleteLater()
        self._translators = translators
        for new in translators:
            app.installTranslator(new)


def _default_folder() -> Path | None:
    try:
        return i18n_dir()
    except FileNotFoundError:
        return None


class LanguageMenu(QMenu):
    """View › Interface Language: English, Español, or the system's; and the reading option."""

    def __init__(self, window: QMainWindow, language: InterfaceLanguage) -> None:
        super().__init__(window)
        self.setObjectName("menuInterfaceLanguage")
        self.window_ = window
        self.language = language
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.choices: dict[str, QAction] = {}
        for code in (*INTERFACE_LANGUAGES, SYSTEM):
            action = QAction(self)
            action.setObjectName(f"actionInterfaceLanguage_{code}")
            action.setCheckable(True)
            action.setData(code)
            self.group.addAction(action)
            self.choices[code] = action
            if code == SYSTEM:
                self.addSeparator()
            self.addAction(action)
        self.addSeparator()
        self.act_follow = QAction(self)
        self.act_follow.setObjectName("actionReadingFollowsInterface")
        self.act_follow.setCheckable(True)
        self.act_follow.setChecked(language.follows())
        self.addAction(self.act_follow)

        self.group.triggered.connect(self._chosen)
        self.act_follow.toggled.connect(self._follow_toggled)
        language.changed.connect(self._sync)
        self._sync()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Interface &Language"))
        for code, action in self.choices.items():
            if code in NATIVE_NAMES:
                action.setText(NATIVE_NAMES[code])  # each language named in itself
            else:
                action.setText(
                    self.tr("Follow the &System ({language})").format(
                        language=NATIVE_NAMES[system_language()]
                    )
                )
        self.act_follow.setText(self.tr("&Open Documents in the Interface Language"))
        self.act_follow.setToolTip(
            self.tr("When a document has a version in the interface language, show that one")
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _sync(self) -> None:
        self.choices[self.language.choice()].setChecked(True)

    def _chosen(self, action: QAction) -> None:
        self.language.apply(str(action.data()))
        if self.language.error:
            self.window_.statusBar().showMessage(self.language.error, 10_000)
        if self.language.follows():
            follow_interface(self.window_, self.language.language)

    def _follow_toggled(self, on: bool) -> None:
        self.language.set_follows(on)
        if on:
            follow_interface(self.window_, self.language.language)


def follow_interface(window: QWidget, lang: str) -> None:
    """Show documents in ``lang`` (the reader view falls back when a document lacks it)."""
    if lang in LANGUAGES and hasattr(window, "set_reading_language"):
        window.set_reading_language(lang)


def install(window: QMainWindow) -> LanguageMenu:
    """Load the interface language and add View › Interface Language to ``window``."""
    language = InterfaceLanguage.of_application(window.settings)
    language.ensure_loaded()
    menu = LanguageMenu(window, language)
    view = getattr(window, "menu_view", None) or window.menuBar()
    view.addSeparator()
    view.addMenu(menu)
    if language.error:
        window.statusBar().showMessage(language.error, 10_000)
    if language.follows() and window.settings.text("reading/language") == "":
        follow_interface(window, language.language)  # first start: read in the interface's
    return menu
