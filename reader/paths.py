"""Where Lector finds its bundled files and where it keeps the user's data.

Bundled files (``resources/``, ``i18n/``) are looked up the same way from a source
checkout, an installed wheel and a PyInstaller bundle. Writable data (settings,
indexes, logs) goes to the user's directories, decided here once and passed in.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "lector"
PORTABLE_MARKER = "lector.portable"
PORTABLE_DATA = "lector-data"


def _bundle_roots() -> list[Path]:
    package = Path(__file__).resolve().parent
    roots = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        roots.append(Path(frozen))
    roots.append(package / "_data")  # installed wheel
    roots.append(package.parent)  # source checkout
    return roots


def bundle_root() -> Path:
    """The folder holding ``resources/`` (and ``i18n/``) for this way of running."""
    for root in _bundle_roots():
        if (root / "resources").is_dir():
            return root
    raise FileNotFoundError("Lector's resources folder is missing from this installation")


def resources_dir() -> Path:
    return bundle_root() / "resources"


def i18n_dir() -> Path:
    """The folder holding the compiled interface translations (``lector_*.qm``).

    In a PyInstaller bundle that is ``i18n/`` beside ``resources/`` under ``sys._MEIPASS``
    (``build.spec`` copies ``i18n/*.qm`` there); from a checkout it is the repository's
    ``i18n/``, filled by ``make i18n``. The first root that has compiled files wins.
    """
    for root in _bundle_roots():
        if any((root / "i18n").glob("lector_*.qm")):
            return root / "i18n"
    return bundle_root() / "i18n"


def bundled_library_dir() -> Path:
    return resources_dir() / "library"


def bundled_glossary_dir() -> Path:
    return resources_dir() / "glossary"


def icon_path() -> Path:
    """The application icon (a PNG, so no image plugin is needed to show it)."""
    return resources_dir() / "icons" / "lector.png"


def executable_dir() -> Path:
    """Folder of the running program: the bundle's executable, or the source checkout."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class UserDirs:
    """The user's writable folders. Tests point these at a temporary folder."""

    config: Path
    data: Path
    logs: Path
    portable: bool = False

    @classmethod
    def under(cls, base: Path, *, portable: bool = False) -> UserDirs:
        return cls(base / "config", base / "data", base / "logs", portable)

    @classmethod
    def standard(cls) -> UserDirs:
        """The platform's usual places (Qt's QStandardPaths, so they match the GUI)."""
        from PySide6.QtCore import QCoreApplication, QStandardPaths

        if not QCoreApplication.applicationName() or QCoreApplication.applicationName() == "python":
            QCoreApplication.setApplicationName(APP_NAME)
        loc = QStandardPaths.StandardLocation

        def where(kind: QStandardPaths.StandardLocation) -> Path:
            return Path(QStandardPaths.writableLocation(kind))

        data = where(loc.AppDataLocation)
        state = where(loc.GenericStateLocation) if hasattr(loc, "GenericStateLocation") else None
        logs = (state / APP_NAME if state and str(state) else data) / "logs"
        return cls(where(loc.AppConfigLocation), data, logs)

    @classmethod
    def resolve(cls, *, portable: bool = False, home: str | None = None) -> UserDirs:
        """Decide the folders once: ``LECTOR_HOME``, then portable mode, then the platform's."""
        home = home if home is not None else os.environ.get("LECTOR_HOME")
        if home:
            return cls.under(Path(home))
        exe = executable_dir()
        if portable or (exe / PORTABLE_MARKER).is_file():
            return cls.under(exe / PORTABLE_DATA, portable=True)
        return cls.standard()

    def index_dir(self, library_root: Path, schema_version: int) -> Path:
        """One index per library folder and schema version, never inside the library.

        A library on the same drive as the data folder is named by its path relative
        to it, so a portable copy on a USB stick finds its ready index whatever drive
        letter or mount point the stick gets on the next machine.
        """
        from reader.library.model import library_id

        ident = _relative_id(library_root, self.data) or library_id(library_root)
        name = f"{library_root.name or 'root'}-{ident}-v{schema_version}"
        return self.data / "indexes" / name

    def ensure(self) -> None:
        for folder in (self.config, self.data, self.logs):
            folder.mkdir(parents=True, exist_ok=True)


def _relative_id(path: Path, anchor: Path) -> str | None:
    """A short name for ``path`` from its place relative to ``anchor``, when both are on
    one drive; None otherwise (another drive, or either cannot be reached)."""
    try:
        target, base = Path(path).resolve(), Path(anchor).resolve()
        existing = base
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent  # the data folder may not be created yet
        if target.stat().st_dev != existing.stat().st_dev:
            return None
        relative = Path(os.path.relpath(target, base)).as_posix()
    except (OSError, ValueError):
        return None
    return "r" + hashlib.blake2b(os.fsencode(relative), digest_size=6).hexdigest()
