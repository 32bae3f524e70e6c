"""Running core work on the thread pool and handing results back to the GUI thread.

A ``QRunnable`` computes; a small ``QObject`` owned by the GUI thread carries its
signals, so results arrive through queued connections and widgets are only ever
touched on the GUI thread. Jobs report progress by signal, never by processEvents().
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class JobSignals(QObject):
    finished = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int)


class Job(QRunnable):
    """Calls ``fn(*args, progress=..., cancelled=...)`` when ``reports`` is set."""

    def __init__(self, fn: Callable[..., Any], *args: Any, reports: bool = False) -> None:
        super().__init__()
        self.fn = fn
        self.args = args
        self.reports = reports
        self.signals = JobSignals()
        self._cancelled = False
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancelled = True

    def is_cancelled(self) -> bool:
        return self._cancelled

    def run(self) -> None:
        try:
            if self.reports:
                result = self.fn(
                    *self.args, progress=self.signals.progress.emit, cancelled=self.is_cancelled
                )
            else:
                result = self.fn(*self.args)
        except Exception:  # noqa: BLE001 - reported to the GUI, which decides what to say
            details = traceback.format_exc()
            log.error("background job failed:\n%s", details)
            self.signals.failed.emit(details)
        else:
            self.signals.finished.emit(result)


class Jobs(QObject):
    """Starts jobs on a pool and keeps them alive until their signals have been delivered."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._running: set[Job] = set()

    def start(
        self,
        fn: Callable[..., Any],
        *args: Any,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[str], None] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Job:
        job = Job(fn, *args, reports=progress is not None)
        if done:
            job.signals.finished.connect(done)
        if failed:
            job.signals.failed.connect(failed)
        if progress:
            job.signals.progress.connect(progress)
        job.signals.finished.connect(lambda _result: self._running.discard(job))
        job.signals.failed.connect(lambda _details: self._running.discard(job))
        self._running.add(job)
        self.pool.start(job)
        return job

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for every job (tests and shutdown)."""
        return self.pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._running)
