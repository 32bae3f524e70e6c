"""The user's settings, typed and validated: a damaged value falls back to its default."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger(__name__)

T = TypeVar("T")

SETTINGS_FILE = "lector.ini"


class Settings:
    """A thin, typed layer over an INI-format QSettings in the user's config folder."""

    def __init__(self, config_dir: Path) -> None:
        config_dir.mkdir(parents=True, exist_ok=True)
        self.path = config_dir / SETTINGS_FILE
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)
        if self._qs.status() != QSettings.Status.NoError:
            log.warning("settings file %s could not be read; using defaults", self.path)

    def _raw(self, key: str) -> object:
        try:
            return self._qs.value(key)
        except Exception:  # noqa: BLE001 - a value Qt cannot convert is as good as missing
            return None

    def text(self, key: str, default: str = "") -> str:
        value = self._raw(key)
        return value if isinstance(value, str) else default

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.text(key, default)
        return value if value in choices else default

    def integer(self, key: str, default: int = 0, lo: int = -(2**31), hi: int = 2**31) -> int:
        try:
            value = int(str(self._raw(key)))
        except ValueError:
            return default
        return value if lo <= value <= hi else default

    def number(self, key: str, default: float = 0.0, lo: float = 0.0, hi: float = 1.0) -> float:
        try:
            value = float(str(self._raw(key)))
        except ValueError:
            return default
        return value if lo <= value <= hi else default

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._raw(key)
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        return default

    def blob(self, key: str) -> QByteArray | None:
        value = self._raw(key)
        return value if isinstance(value, QByteArray) else None

    def texts(self, key: str) -> list[str]:
        value = self._raw(key)
        if isinstance(value, str):
            return [value]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        return []

    def set(self, key: str, value: object) -> None:
        self._qs.setValue(key, value)

    def remove(self, key: str) -> None:
        self._qs.remove(key)

    def sync(self) -> None:
        self._qs.sync()
