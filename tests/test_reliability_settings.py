"""Damaged settings: Lector starts, resets only the bad values, keeps a copy, says so."""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from reader.paths import UserDirs
from reader.render.service import RenderService
from reader.ui.settings import BACKUP_SUFFIX, SETTINGS_FILE, WHOLE_FILE, Settings

from .conftest import write
from .reliability import report, scaled
from .ui_helpers import close_window, open_and_wait, open_window

# A wrong value for each key the window reads (the section is the key's first part).
WRONG = {
    "reading/language": ["klingon", "@ByteArray(es)", "1, 2", "@Rect(1 2 3 4)"],
    "reading/sideBySide": ["maybe", "2", "@ByteArray(true)", "a, b"],
    "reading/document": ["one, two", "@ByteArray(x)", "@Point(1 2)"],
    "reading/block": ["abc", "-5", "99999999999", "1.5.5", "@Size(1 2)"],
    "reading/fraction": ["banana", "7", "-0.5", "nan, 1"],
    "window/geometry": ["plain text", "1, 2", "@Rect(0 0 10 10)"],
    "window/state": ["plain text", "@Point(1 2)"],
    "window/split": ["x, y, z"],
    "libraries/folders": ["@ByteArray(/tmp)", "@Rect(1 2 3 4)"],
}


def set_line(data: bytes, key: str, value: str) -> bytes:
    """Replace (or add) ``key``'s line in an INI file written by QSettings."""
    section, name = key.split("/")
    lines = data.decode("utf-8").splitlines()
    current = ""
    for i, line in enumerate(lines):
        if line.startswith("["):
            current = line.strip("[]")
        elif current == section and line.split("=", 1)[0] == name:
            lines[i] = f"{name}={value}"
            return ("\n".join(lines) + "\n").encode()
    return data + f"\n[{section}]\n{name}={value}\n".encode()


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes, str | None]:
    """A damaged copy of a good settings file: (kind, bytes, the one bad key if known)."""
    kind = rng.choice(["wrong-type", "wrong-type", "truncate", "garbage", "bits", "nul", "empty"])
    if kind == "wrong-type":
        key = rng.choice(sorted(WRONG))
        return kind, set_line(data, key, rng.choice(WRONG[key])), key
    if kind == "truncate":
        return kind, data[: rng.randrange(len(data))], None
    if kind == "garbage":
        junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 200)))
        where = rng.randrange(len(data) + 1)
        return kind, data[:where] + junk + data[where:], None
    if kind == "bits":
        out = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
        return kind, bytes(out), None
    if kind == "nul":
        where = rng.randrange(len(data))
        return kind, data[:where] + b"\x00" * rng.randint(1, 64) + data[where:], None
    return kind, rng.choice([b"", b"\xff" * 1000, b"[", b"=\n=\n", b"[a\n"]), None


def good_settings(qtbot: QtBot, dirs: UserDirs, renderer: RenderService, library: Path) -> bytes:
    window = open_window(qtbot, dirs, renderer, [library])
    open_and_wait(qtbot, window, "budget", "es")
    window.set_side_by_side(True)
    close_window(window)
    window.settings.set("libraries/folders", [str(library)])
    window.settings.sync()
    return (dirs.config / SETTINGS_FILE).read_bytes()


def test_settings_mutations(
    qtbot: QtBot, tmp_path: Path, renderer: RenderService, scale: str
) -> None:
    count = scaled(scale, reduced=20, full=100)
    library = tmp_path / "library"
    write(library / "budget.en.md", "# Budget\n\nOpen budgets.")
    write(library / "budget.es.md", "# Presupuesto\n\nPresupuestos abiertos.")
    good = good_settings(qtbot, UserDirs.under(tmp_path / "first"), renderer, library)
    rng = random.Random(100)
    tally = {"repaired": 0, "untouched": 0, "notices": 0, "backups": 0}
    kinds: dict[str, int] = {}
    for n in range(count):
        kind, data, bad_key = mutate(good, rng)
        kinds[kind] = kinds.get(kind, 0) + 1
        dirs = UserDirs.under(tmp_path / f"user{n}")
        dirs.ensure()
        write(dirs.config / SETTINGS_FILE, data)
        window = open_window(qtbot, dirs, renderer, [library])
        settings = window.settings
        qtbot.waitUntil(lambda window=window: not window.loading, timeout=20_000)
        assert window.isVisible()
        if bad_key is not None:
            # Only the bad value was reset; the others were kept.
            assert settings.repaired == [bad_key], (n, kind, settings.repaired)
            if bad_key != "reading/language":
                assert window.reader_view.language == "es"
            if bad_key != "reading/sideBySide":
                assert window.reader_view.side_by_side
        if settings.repaired:
            tally["repaired"] += 1
            assert settings.backup is not None
            assert settings.backup.name.startswith(SETTINGS_FILE + BACKUP_SUFFIX)
            assert settings.backup.read_bytes() == data  # the damaged file, as it was
            tally["backups"] += 1
            qtbot.waitUntil(lambda window=window: window.statusBar().currentMessage() != "")
            message = window.statusBar().currentMessage()
            assert "damaged" in message and settings.backup.name in message
            tally["notices"] += 1
        else:
            tally["untouched"] += 1
            assert settings.backup is None
            assert window.statusBar().currentMessage() == ""
        close_window(window)
        # What was written back is clean: the next start repairs nothing.
        again = Settings(dirs.config)
        assert again.repaired == [], (n, kind)
        assert QSettings(str(again.path), QSettings.Format.IniFormat).status().name == "NoError"
        again.text("reading/document")  # and the window's typed reads repair nothing either
        again.choice("reading/language", ("en", "es"), "en")
        again.flag("reading/sideBySide")
        again.integer("reading/block", 0, 0, 1_000_000)
        again.number("reading/fraction")
        for key in ("window/geometry", "window/state", "window/split"):
            again.blob(key)
        again.texts("libraries/folders")
        assert again.repaired == [], (n, kind, again.repaired)
    report("settings", scale, mutations=count, **tally, failed_starts=0)
    assert sum(kinds.values()) == count


def test_unparseable_file_keeps_what_it_can(tmp_path: Path) -> None:
    config = tmp_path / "config"
    write(
        config / SETTINGS_FILE,
        b"[reading]\nlanguage=es\n\x00\xff\xfe garbage\n[[[\n=\nsideBySide=true\n",
    )
    settings = Settings(config)
    assert settings.repaired == [WHOLE_FILE]
    assert settings.choice("reading/language", ("en", "es"), "en") == "es"
    assert settings.backup is not None and b"garbage" in settings.backup.read_bytes()
    assert settings.repaired == [WHOLE_FILE]


def test_good_file_is_left_alone(tmp_path: Path) -> None:
    config = tmp_path / "config"
    write(config / SETTINGS_FILE, "[reading]\nlanguage=es\nblock=3\n")
    settings = Settings(config)
    assert settings.choice("reading/language", ("en", "es"), "en") == "es"
    assert settings.integer("reading/block") == 3
    assert settings.repaired == [] and settings.backup is None
    assert list(config.iterdir()) == [config / SETTINGS_FILE]
