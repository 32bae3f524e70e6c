"""One Lector per user: a second launch brings the first window forward and exits.

A ``QLockFile`` in the user's data folder is the authority: whoever holds it is the
running Lector. The holder then (and only then) removes any socket left behind by a
killed predecessor and listens on a ``QLocalServer``; a later launch that cannot take
the lock sends a one-line message there and quits. A lock held by a process that no
longer exists (kill -9, power cut) is stale and is taken over without any cleanup.
"""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

try:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket
except ImportError:  # a build without Qt's network module: the lock alone decides
    QLocalServer = QLocalSocket = None  # type: ignore[assignment,misc]

log = logging.getLogger(__name__)

LOCK_FILE = "lector.lock"
MESSAGE = b"activate\n"
SEND_ATTEMPTS = 10
WAIT_MS = 1000
READ_MS = 500


def server_name(data_dir: Path) -> str:
    """A name per user data folder, so separate profiles (and tests) never meet."""
    digest = hashlib.blake2b(str(data_dir.resolve()).encode(), digest_size=6).hexdigest()
    return f"lector-{digest}"


class SingleInstance(QObject):
    """``acquire()`` once at start; ``activation_requested`` fires on each later launch."""

    activation_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        data_dir.mkdir(parents=True, exist_ok=True)
        self.name = server_name(data_dir)
        self.lock = QLockFile(str(data_dir / LOCK_FILE))
        # Stale only when its process is gone, however old: a long session is not stale.
        self.lock.setStaleLockTime(0)
        self.server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True if this process is now the running Lector (and listens for later ones)."""
        if not self.lock.tryLock(0):
            error = self.lock.error()
            log.info("another Lector holds the lock (%s)", error.name)
            return False
        if QLocalServer is None:
            log.warning("single instance: no local sockets in this build; lock only")
            return True
        # Holding the lock makes it safe to remove a socket a killed Lector left behind.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(self.name):
            server.newConnection.connect(self._accept)
            self.server = server
            log.info("single instance: listening as %s", self.name)
        else:  # still the one running Lector; later launches just cannot reach it
            log.warning("single instance: cannot listen as %s: %s", self.name, server.errorString())
        return True

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()

    def notify_running(self) -> bool:
        """Ask the running Lector to come forward. False if it could not be reached."""
        if QLocalSocket is None:
            return False
        for attempt in range(SEND_ATTEMPTS):
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(WAIT_MS):
                socket.write(MESSAGE)
                sent = socket.waitForBytesWritten(WAIT_MS)
                socket.disconnectFromServer()
                if sent:
                    return True
            # The running one may still be starting up (locked, not yet listening).
            log.info("single instance: attempt %d: %s", attempt + 1, socket.errorString())
            time.sleep(0.2)
        return False

    def _accept(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            # The sender writes its one line right after connecting: a short, bounded wait.
            data = b""
            while len(data) < len(MESSAGE) and (
                socket.bytesAvailable() or socket.waitForReadyRead(READ_MS)
            ):
                data += bytes(socket.read(len(MESSAGE) - len(data)).data())
            socket.abort()
            socket.deleteLater()
            if data == MESSAGE:
                log.info("single instance: activated by another launch")
                self.activation_requested.emit()


def bring_to_front(window: QWidget) -> None:
    """Show the window (unminimised) above the others and give it the focus."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
