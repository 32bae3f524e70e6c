"""Keeping the library in step with the disk: file system notifications plus a periodic check.

Notifications are fast but not everywhere reliable (network shares, some USB file
systems, too many files for the system's watch limit), so a periodic walk backs them
up. Either way, a change is confirmed by comparing a fresh walk with the fingerprint
taken when the libraries were loaded, then the window reloads them. Only file names,
sizes and times are looked at; nothing is ever written.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer, Signal

if TYPE_CHECKING:
    from reader.library.loader import Scan
    from reader.ui.main_window import MainWindow

CHECK_INTERVAL_MS = 10_000
SETTLE_MS = 300  # editors save in several steps; look once they are done
SCAN_SHARE = 50  # wait at least this many times as long as a check took: stay light
MAX_WATCHED = 4_000  # well under common inotify limits; the periodic check covers the rest


def scan_all(roots: list[Path]) -> list[Scan]:
    from reader.library.loader import scan  # loaded with the library, not with the window

    return [scan(root) for root in roots]


class LibraryWatcher(QObject):
    checked = Signal(bool)  # a check finished; True when it found changes

    def __init__(self, window: MainWindow, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(window)
        self.window_ = window
        self.fs = QFileSystemWatcher(self)
        self.fs.directoryChanged.connect(self._poke)
        self.fs.fileChanged.connect(self._poke)
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self.check_now)
        self.interval_ms = interval_ms
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check_now)
        self._checking = False
        self._again = False
        window.librariesChanged.connect(self._loaded)
        window.installEventFilter(self)

    def set_interval(self, msecs: int) -> None:
        self.interval_ms = msecs
        self.timer.setInterval(msecs)

    def stop(self) -> None:
        self.timer.stop()
        self.settle.stop()
        watched = self.fs.directories() + self.fs.files()
        if watched:
            self.fs.removePaths(watched)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window_ and event.type() == QEvent.Type.Close:
            self.stop()
        return False

    def _poke(self, _path: str = "") -> None:
        self.settle.start()

    def _loaded(self) -> None:
        self._reopen_if_changed()
        # A file changed between the load's walk and now is caught by this first check.
        self.check_now()
        if not self.timer.isActive() and self.window_.isVisible():
            self.timer.start()

    def check_now(self) -> None:
        """Walk every library folder in the background; reload if anything changed."""
        if self._checking or self.window_.loading:
            self._again = True
            return
        libraries = self.window_.libraries  # replaced, never changed, by each load
        if not libraries:
            return
        self._checking = True
        self._again = False
        roots = [lib.root for lib in libraries]
        started = time.monotonic()
        self.window_.jobs.start(
            scan_all,
            roots,
            done=lambda scans: self._scanned(libraries, scans, time.monotonic() - started),
            failed=self._failed,
        )

    def _failed(self, _details: str) -> None:
        self._checking = False

    def _scanned(self, libraries: list, scans: list[Scan], took: float = 0.0) -> None:
        self._checking = False
        # A very large library on a slow drive is checked less often.
        self.timer.setInterval(max(self.interval_ms, int(took * 1000 * SCAN_SHARE)))
        if libraries is not self.window_.libraries:
            return  # reloaded meanwhile; that reload starts its own check
        changed = any(
            s.fingerprint != (None if lib.offline else lib.fingerprint)
            for lib, s in zip(libraries, scans, strict=True)
        )
        self._watch(libraries, scans)
        self.checked.emit(changed)
        if changed:
            self.window_.reload_libraries()
        elif self._again:
            self.settle.start()

    def _watch(self, libraries: list, scans: list[Scan]) -> None:
        wanted: list[str] = []
        for lib, s in zip(libraries, scans, strict=True):
            if s.fingerprint is None:
                # Offline: the parent folder changes when the folder comes back.
                parent = Path(lib.root).parent
                if parent.is_dir():
                    wanted.append(str(parent))
                continue
            wanted += [str(folder) for folder in s.folders]
        for s in scans:
            wanted += [str(file) for file in s.files[: max(0, MAX_WATCHED - len(wanted))]]
        wanted = list(dict.fromkeys(wanted[:MAX_WATCHED]))
        current = set(self.fs.directories() + self.fs.files())
        stale = [p for p in current if p not in set(wanted)]
        if stale:
            self.fs.removePaths(stale)
        new = [p for p in wanted if p not in current]
        if new:
            self.fs.addPaths(new)

    def _reopen_if_changed(self) -> None:
        """Show the new text of the open document when its files changed on disk."""
        view = self.window_.reader_view
        shown = view.shown
        if shown is None:
            return
        entry = self.window_.document_list.model.entry(shown.doc_id)
        if entry is None:
            return
        before = {lang: v.digest for lang, v in shown.document.versions.items()}
        after = {lang: v.digest for lang, v in entry.document.versions.items()}
        if before != after:
            self.window_.open_document(shown.doc_id, view.place())
