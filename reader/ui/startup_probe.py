"""Start-up timing for benchmarks: with ``LECTOR_STARTUP_PROBE`` set, report and quit.

The packaged program cannot be instrumented from outside, so it reports itself: when
the main window has finished its first paint, and when the document list has been
filled, as ``time.monotonic()`` readings (system-wide, so the process that started
Lector can subtract its own reading) in one JSON line on stdout; then it closes.
"""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow

ENV = "LECTOR_STARTUP_PROBE"
POLL_MS = 5


def wanted() -> bool:
    return bool(os.environ.get(ENV))


class StartupProbe(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.marks: dict[str, float | int] = {}
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window and event.type() == QEvent.Type.Paint and not self.marks:
            self.marks["painted"] = -1.0  # noted once the whole paint cycle has returned
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        self.marks["painted"] = time.monotonic()
        self._poll()

    def _poll(self) -> None:
        if not getattr(self.window, "libraries", None):
            QTimer.singleShot(POLL_MS, self._poll)
            return
        self.marks["list_ready"] = time.monotonic()
        self.marks["documents"] = self.window.document_list.model.rowCount()  # type: ignore[attr-defined]
        if sys.stdout is not None:
            print(json.dumps(self.marks), flush=True)
        QTimer.singleShot(0, self.window.close)


def install(window: QMainWindow) -> StartupProbe | None:
    """Watch ``window`` when the environment asks for start-up timing."""
    return StartupProbe(window) if wanted() else None
