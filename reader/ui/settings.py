"""The user's settings, typed and validated: a damaged value falls back to its default.

A damaged settings file never stops Lector. Each value is checked when it is read;
one of the wrong kind is reset to its default on its own, the others are kept. Before
the first repair the file is copied aside (``lector.ini.bad-<time>``) and the repair
is announced to whoever listens (the window shows a notice).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger(__name__)

T = TypeVar("T")

SETTINGS_FILE = "lector.ini"
BACKUP_SUFFIX = ".bad-"
CHECK_SUFFIX = "Check"
WHOLE_FILE = "*"
"""Reported as the repaired key when the file itself could not be parsed."""

_KEY = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*")
_LINE = re.compile(rb"\s*(|[;#].*|\[[^\]\x00]*\]|[^=\x00\[]+=.*)\s*")


def _looks_damaged(data: bytes) -> bool:
    """True when the file is not plain INI text (binary junk, bad UTF-8, stray lines)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return any(_LINE.fullmatch(line) is None for line in data.splitlines())


class Settings:
    """A thin, typed layer over an INI-format QSettings in the user's config folder."""

    def __init__(self, config_dir: Path) -> None:
        config_dir.mkdir(parents=True, exist_ok=True)
        self.path = config_dir / SETTINGS_FILE
        self.backup: Path | None = None
        self.repaired: list[str] = []
        self._listeners: list[Callable[[str], None]] = []
        try:
            data = self.path.read_bytes() if self.path.is_file() else b""
        except OSError as err:
            log.warning("settings file %s could not be read: %s", self.path, err)
            data = b""
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)
        if self._qs.status() != QSettings.Status.NoError or _looks_damaged(data):
            # Keep what could be read; drop keys that are junk from the damage.
            self._repair(WHOLE_FILE)
            for key in self._qs.allKeys():
                if not _KEY.fullmatch(key):
                    self._qs.remove(key)

    # --- repairs ----------------------------------------------------------------------------

    def on_repair(self, listener: Callable[[str], None]) -> None:
        """Call ``listener(key)`` on every future repair (``"*"``: the file was damaged)."""
        self._listeners.append(listener)

    def _repair(self, key: str) -> None:
        if self.backup is None:
            self.backup = self._keep_copy()
        if key != WHOLE_FILE:
            self._qs.remove(key)
        self.repaired.append(key)
        log.warning("settings: %s was damaged and has been reset (copy kept: %s)", key, self.backup)
        for listener in list(self._listeners):
            listener(key)

    def _keep_copy(self) -> Path | None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        for n in range(100):
            name = f"{SETTINGS_FILE}{BACKUP_SUFFIX}{stamp}" + (f"-{n}" if n else "")
            target = self.path.with_name(name)
            if target.exists():
                continue
            try:
                shutil.copy2(self.path, target)
            except OSError as err:
                log.warning("could not keep a copy of the damaged settings: %s", err)
                return None
            return target
        return None

    def _raw(self, key: str) -> object:
        try:
            return self._qs.value(key)
        except Exception:  # noqa: BLE001 - a value Qt cannot convert is as good as damaged
            return _UNREADABLE

    def _bad(self, key: str, default: T) -> T:
        self._repair(key)
        return default

    # --- typed reads --------------------------------------------------------------------------

    def text(self, key: str, default: str = "") -> str:
        value = self._raw(key)
        if value is None:
            return default
        return value if _clean(value) else self._bad(key, default)

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.text(key, default)
        return value if value in choices else self._bad(key, default)

    def integer(self, key: str, default: int = 0, lo: int = -(2**31), hi: int = 2**31) -> int:
        raw = self._raw(key)
        if raw is None:
            return default
        try:
            value = int(str(raw))
        except ValueError:
            return self._bad(key, default)
        return value if lo <= value <= hi else self._bad(key, default)

    def number(self, key: str, default: float = 0.0, lo: float = 0.0, hi: float = 1.0) -> float:
        raw = self._raw(key)
        if raw is None:
            return default
        try:
            value = float(str(raw))
        except ValueError:
            return self._bad(key, default)
        return value if lo <= value <= hi else self._bad(key, default)

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._raw(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        return self._bad(key, default)

    def blob(self, key: str) -> QByteArray | None:
        """Binary state (window geometry, splitters, docks), only if its checksum matches:
        Qt's restoreState() can crash on damaged bytes, so they never reach it."""
        value = self._raw(key)
        if value is None:
            return None
        if not isinstance(value, QByteArray) or self._raw(key + CHECK_SUFFIX) != _check(value):
            self._qs.remove(key + CHECK_SUFFIX)
            return self._bad(key, None)
        return value

    def texts(self, key: str) -> list[str]:
        value = self._raw(key)
        if value is None:
            return []
        if _clean(value):
            return [value]
        if isinstance(value, list) and all(_clean(v) for v in value):
            return list(value)
        return self._bad(key, [])

    # --- writes -------------------------------------------------------------------------------

    def set(self, key: str, value: object) -> None:
        self._qs.setValue(key, value)
        if isinstance(value, QByteArray):
            self._qs.setValue(key + CHECK_SUFFIX, _check(value))

    def remove(self, key: str) -> None:
        self._qs.remove(key)

    def sync(self) -> None:
        self._qs.sync()


_UNREADABLE = object()


def _check(value: QByteArray) -> str:
    return hashlib.blake2b(bytes(value.data()), digest_size=8).hexdigest()


def _clean(value: object) -> bool:
    """A string fit to use: no setting holds a NUL (paths with one crash the OS calls)."""
    return isinstance(value, str) and "\x00" not in value
