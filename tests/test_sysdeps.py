"""Missing Qt system libraries get an apt-get line instead of Qt's misleading abort."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reader import sysdeps

from .conftest import REPO


def test_missing_libraries_name_their_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(
        sysdeps, "_loadable", lambda lib: lib not in {"libEGL.so.1", "libxcb-cursor.so.0"}
    )
    assert sysdeps.missing_packages("offscreen") == ["libegl1"]
    assert sysdeps.missing_packages("xcb") == ["libegl1", "libxcb-cursor0"]
    assert "sudo apt-get install libegl1 libxcb-cursor0" in sysdeps.advice(
        ["libegl1", "libxcb-cursor0"]
    )


def test_platform_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert sysdeps.qt_platform() == "offscreen"
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert sysdeps.qt_platform() == "wayland"


def test_this_machine_has_what_offscreen_needs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader.sysdeps", "offscreen"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
