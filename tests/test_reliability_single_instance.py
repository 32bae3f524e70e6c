"""One Lector per user: a second launch raises the first; a kill -9 needs no cleanup."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.logs import LOG_FILE
from reader.paths import UserDirs
from reader.ui.single_instance import SingleInstance, server_name

from .reliability import report, within

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kill -9")

REPO = Path(__file__).resolve().parent.parent

HOLDER = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from reader.ui.single_instance import SingleInstance
app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]))
print("locked" if instance.acquire() else "refused", flush=True)
time.sleep(600)
"""


def holder(data: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    assert within(60, proc.stdout.readline).strip() == "locked"
    return proc


def test_second_instance_asks_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "data")
    second = SingleInstance(tmp_path / "data")
    try:
        assert first.acquire()
        assert not second.acquire()
        with qtbot.waitSignal(first.activation_requested, timeout=10_000):
            assert second.notify_running()
    finally:
        first.release()
    # Once the first has quit, the next launch runs.
    assert second.acquire()
    second.release()


def test_separate_profiles_do_not_meet(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    a, b = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "b")
    try:
        assert a.acquire() and b.acquire()
    finally:
        a.release()
        b.release()


def test_relaunch_after_kill_needs_no_cleanup(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    kills = 5
    for _ in range(kills):
        proc = holder(data)
        refused = SingleInstance(data)
        assert not refused.acquire()  # while it lives, it is the one
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        # The lock file and the socket are still there; the next launch takes over.
        assert (data / "lector.lock").exists()
        instance = SingleInstance(data)
        try:
            assert instance.acquire()
            assert instance.server is not None
            with qtbot.waitSignal(instance.activation_requested, timeout=10_000):
                assert SingleInstance(data).notify_running()
        finally:
            instance.release()
    report("single instance", "single", kills=kills, relaunches=kills, cleanups_needed=0)


def test_a_live_holder_that_is_unreachable_is_not_replaced(tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc = holder(data)  # holds the lock but never runs an event loop to answer
    try:
        late = SingleInstance(data)
        assert not late.acquire()
        assert late.notify_running() in (True, False)  # connects, nobody reads: no hang
        assert not SingleInstance(data).acquire()
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()


def launch(dirs_home: Path, *args: str) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        PYTHONPATH=str(REPO),
        QT_QPA_PLATFORM="offscreen",
        LECTOR_HOME=str(dirs_home),
    )
    # A killed Lector's render worker may complain about its closed pipe: keep it aside.
    with (dirs_home.parent / "stderr.txt").open("ab") as stderr:
        return subprocess.Popen([sys.executable, "-m", "reader", *args], env=env, stderr=stderr)


def wait_for_log(log: Path, text: str, count: int = 1) -> None:
    def seen() -> bool:
        while not (log.exists() and log.read_text(encoding="utf-8").count(text) >= count):
            time.sleep(0.1)
        return True

    within(90, seen)


def test_real_app_second_launch_raises_the_first(tmp_path: Path) -> None:
    home = tmp_path / "home"
    log = UserDirs.under(home).logs / LOG_FILE
    first = launch(home)
    try:
        wait_for_log(log, "single instance: listening")
        second = launch(home)
        assert within(90, second.wait) == 0
        wait_for_log(log, "single instance: activated by another launch")
        assert first.poll() is None  # the first keeps running
        first.send_signal(signal.SIGKILL)
        first.wait()
        third = launch(home)  # after kill -9: starts normally, no cleanup
        try:
            wait_for_log(log, "single instance: listening", count=2)
            assert third.poll() is None
        finally:
            third.terminate()
            third.wait()
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()


def test_without_local_sockets_the_lock_still_decides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.ui import single_instance

    monkeypatch.setattr(single_instance, "QLocalServer", None)
    monkeypatch.setattr(single_instance, "QLocalSocket", None)
    first, second = SingleInstance(tmp_path / "data"), SingleInstance(tmp_path / "data")
    try:
        assert first.acquire() and first.server is None
        assert not second.acquire()
        assert not second.notify_running()
    finally:
        first.release()


def test_bring_to_front_restores_a_minimised_window(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QMainWindow

    from reader.ui.single_instance import bring_to_front

    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMinimized()
    bring_to_front(window)
    assert window.isVisible() and not window.isMinimized()
