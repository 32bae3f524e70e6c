"""``lector --self-test`` from the source tree, and what the packaged program relies on."""

from __future__ import annotations

import configparser
import ctypes
import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from reader import selftest, sysdeps
from reader.paths import icon_path
from reader.render.service import RenderService

from .conftest import REPO


def test_self_test_passes_and_leaves_nothing_behind(tmp_path: Path) -> None:
    home, scratch = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    scratch.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "LECTOR_"))}
    env |= {
        "HOME": str(home),
        "TMPDIR": str(scratch),
        "PYTHONPATH": str(REPO),
        # The self-test must not open a window even when told to use a real display.
        "QT_QPA_PLATFORM": "xcb",
        "DISPLAY": ":9999",
    }
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--self-test", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert data["passed"] is True
    assert data["frozen"] is False
    names = [c["name"] for c in data["checks"]]
    assert names == [name for name, _ in selftest.CHECKS]
    assert {
        "Qt platform",
        "render worker",
        "read in English",
        "read in Spanish",
        "search",
        "glossary marking",
        "Spanish interface",
        "second launch",
    } <= set(names)
    assert all(c["ok"] and c["detail"] for c in data["checks"]), data["checks"]
    spanish = next(c for c in data["checks"] if c["name"] == "read in Spanish")
    assert "Acceso a la información" in spanish["detail"]
    interface = next(c for c in data["checks"] if c["name"] == "Spanish interface")
    assert "'&Ver'" in interface["detail"] and "'Cancelar'" in interface["detail"]
    assert list(scratch.iterdir()) == []  # the temporary home is gone
    left = [p for p in home.rglob("*") if "lector" in p.name.lower()]
    assert left == []


def test_each_failing_check_is_reported_and_fails_the_run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    seen = []

    def fine(ctx: selftest.Context) -> str:
        seen.append(ctx.dirs.config)
        return "all good"

    def wrong(ctx: selftest.Context) -> str:
        selftest.expect(1 + 1 == 3, "arithmetic is off")
        return "unreachable"

    def crash(ctx: selftest.Context) -> str:
        return str({}["missing"])

    status = selftest.main(checks=[("fine", fine), ("wrong", wrong), ("crash", crash)])
    out = capsys.readouterr().out
    assert status == 1
    assert "ok    fine   all good" in out
    assert "FAIL  wrong  arithmetic is off" in out
    assert "FAIL  crash  KeyError: 'missing'" in out
    assert "self-test FAILED: 1 of 3 checks" in out
    assert seen and not seen[0].exists()  # the temporary home was removed


def test_a_run_with_no_checks_does_not_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert selftest.main(checks=[], as_json=True) == 1


def test_the_program_serves_as_its_own_render_worker() -> None:
    # The packaged program starts itself with --render-worker; the same entry point here.
    service = RenderService([sys.executable, "-m", "reader", "--render-worker"])
    try:
        rendered = service.render("# Hola\n\nUn *párrafo*.")
    finally:
        service.close()
    assert rendered.notice is None
    assert "<em>párrafo</em>" in rendered.html


def test_frozen_program_finds_its_bundled_system_libraries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "libxcb-icccm.so.4").write_bytes(b"")
    opened = []

    def fake_cdll(name: str) -> None:
        opened.append(name)
        if not Path(name).is_absolute():
            raise OSError(name)

    monkeypatch.setattr(ctypes, "CDLL", fake_cdll)
    assert sysdeps._loadable("libxcb-icccm.so.4") is False  # not frozen: the system's only
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert sysdeps._loadable("libxcb-icccm.so.4") is True
    assert sysdeps._loadable("libxcb-keysyms.so.1") is False  # not bundled, not installed
    assert opened[1] == str(tmp_path / "libxcb-icccm.so.4")


def test_desktop_entry_and_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(REPO / "packaging" / "linux" / "lector.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"] == "lector"
    assert section["Icon"] == "lector"
    assert section["StartupWMClass"] == "lector"  # matches setDesktopFileName("lector")
    assert "es" in section["Comment[es]"]
    png = icon_path().read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (256, 256)
    assert (icon_path().parent / "lector.svg").read_text(encoding="utf-8").startswith("<svg")


def test_startup_probe_reports_the_paint_then_the_list_and_quits(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LECTOR_")}
    env |= {
        "LECTOR_STARTUP_PROBE": "1",
        "LECTOR_HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(REPO),
    }
    result = subprocess.run(
        [sys.executable, "-m", "reader", "gui"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    marks = json.loads(lines[-1])
    assert 0 < marks["painted"] <= marks["list_ready"]
    assert marks["documents"] == 9


def test_without_the_variable_the_window_is_not_watched(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMainWindow

    from reader.ui import startup_probe

    window = QMainWindow()
    qtbot.addWidget(window)
    monkeypatch.delenv(startup_probe.ENV, raising=False)
    assert startup_probe.install(window) is None
    monkeypatch.setenv(startup_probe.ENV, "1")
    assert isinstance(startup_probe.install(window), startup_probe.StartupProbe)


def test_package_size_counts_linked_libraries_once(tmp_path: Path) -> None:
    from benchmarks.bench_startup import onedir_bytes

    (tmp_path / "_internal").mkdir()
    (tmp_path / "_internal" / "libQt6Core.so.6").write_bytes(b"x" * 1000)
    (tmp_path / "libQt6Core.so.6").symlink_to("_internal/libQt6Core.so.6")
    (tmp_path / "lector").write_bytes(b"y" * 10)
    assert onedir_bytes(tmp_path) == 1000 + 10 + len("_internal/libQt6Core.so.6")
