"""Counts for the reliability suites: reduced in ``make test``, full in ``make stress``.

Each suite takes the ``scale`` fixture (see conftest.py), asks ``scaled()`` how many
cases to run, and calls ``report()`` with what it counted; the counts are printed at
the end of the run, so a green run also says how much was tried.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TypeVar

import pytest

T = TypeVar("T")

SCALES = [
    pytest.param("reduced", id="reduced"),
    pytest.param("full", id="full", marks=pytest.mark.stress),
]

# LECTOR_FULL_COUNTS=1 runs the unmarked (reduced) variants at full counts too.
FULL_COUNTS_ENV = "LECTOR_FULL_COUNTS"

TALLY: list[str] = []


def scaled(scale: str, reduced: int, full: int) -> int:
    if scale == "full" or os.environ.get(FULL_COUNTS_ENV) == "1":
        return full
    return reduced


def report(suite: str, scale: str, **counts: int) -> str:
    line = f"{suite} [{scale}]: " + ", ".join(
        f"{k.replace('_', ' ')} {v}" for k, v in counts.items()
    )
    TALLY.append(line)
    print(line)
    return line


class HangError(AssertionError):
    """The work did not finish within the hang guard."""


def within(seconds: float, fn: Callable[[], T]) -> T:
    """Run ``fn`` on a thread; fail (instead of hanging the run) if it does not return.

    This is a guard against hangs with a generous limit, not a speed check.
    """
    result: list[T] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            result.append(fn())
        except BaseException as err:  # noqa: BLE001 - handed back to the caller
            error.append(err)

    thread = threading.Thread(target=target, daemon=True, name="hang-guard")
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise HangError(f"still running after {seconds:.0f} s")
    if error:
        raise error[0]
    return result[0]


GUARD_SITE = '''"""Loaded by Python children of a guarded test: refuses and records network use."""
import os
import socket

_LOG = os.environ.get("LECTOR_NETWORK_LOG")


def _refuse(*args, **kwargs):
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {args[:2]!r}\\n")
    raise OSError("network use refused by the offline guard")


socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
socket.gethostbyname = _refuse
'''


class NetworkGuard:
    """Makes every network call fail and counts them, here and in Python child processes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: os.PathLike[str]) -> None:
        import socket
        from pathlib import Path

        self.attempts: list[str] = []
        site = Path(folder) / "guard-site"
        site.mkdir(parents=True, exist_ok=True)
        (site / "sitecustomize.py").write_text(GUARD_SITE, encoding="utf-8")
        self.child_log = Path(folder) / "network-attempts.log"
        monkeypatch.setenv("LECTOR_NETWORK_LOG", str(self.child_log))
        path = os.environ.get("PYTHONPATH")
        monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(site), path])))

        def refuse(*args: object, **kwargs: object) -> None:
            self.attempts.append(repr(args[:2]))
            raise OSError("network use refused by the offline guard")

        for name in ("connect", "connect_ex"):
            monkeypatch.setattr(socket.socket, name, refuse)
        for name in ("create_connection", "getaddrinfo", "gethostbyname"):
            monkeypatch.setattr(socket, name, refuse)

    def count(self) -> int:
        children = self.child_log.read_text().splitlines() if self.child_log.exists() else []
        return len(self.attempts) + len(children)
