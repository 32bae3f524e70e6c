"""Processes that index parts of a large index build, started and spoken to here.

A build of many versions is shared among a few of these (see ``SearchIndex.sync``):
each is sent a part of the versions, writes them into new segments in a folder of
its own, and replies with the segments, which the sync's process adds to the index.

They are plain child processes (``python -m reader.search.indexer``, or the packaged
program started again with ``--index-worker``), not ``multiprocessing``'s: its
``spawn`` runs the parent's main script again in every child, which the packaged
program, the command line and any script driving a sync would each have to guard.
Requests and replies are pickles over the child's standard input and output; a
child stops when its input closes, or as soon as its parent is gone.
"""

from __future__ import annotations

import contextlib
import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path

from reader import children

STARTUP_TIMEOUT = 60.0


def command() -> list[str]:
    """How to start one: the packaged program itself, or this Python."""
    return children.command("reader.search.indexer", "--index-worker")


class IndexingProcesses:
    """A few indexing processes: ``send`` one a part, read what they say with ``replies``."""

    def __init__(self, count: int) -> None:
        env = children.environment()
        self._procs: list[subprocess.Popen[bytes]] = []
        self._to: list[Connection] = []
        self._from: dict[Connection, int] = {}
        try:
            for number in range(count):
                proc = subprocess.Popen(
                    command(),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL if sys.stderr is None else None,
                    env=env,
                )
                self._procs.append(proc)
                self._to.append(Connection(os.dup(proc.stdin.fileno()), readable=False))  # type: ignore[union-attr]
                self._from[Connection(os.dup(proc.stdout.fileno()), writable=False)] = number  # type: ignore[union-attr]
                proc.stdin.close()  # type: ignore[union-attr]
                proc.stdout.close()  # type: ignore[union-attr]
        except BaseException:
            self.close()
            raise

    @property
    def pids(self) -> list[int]:
        return [proc.pid for proc in self._procs]

    def send(self, number: int, job: object) -> None:
        try:
            self._to[number].send(job)
        except (OSError, ValueError) as err:
            raise OSError(f"indexing process {number} stopped") from err

    def replies(self, timeout: float) -> Iterator[tuple[int, str, object]]:
        """(process number, kind, value) of each reply within ``timeout`` seconds:
        ``("done", n)`` n more versions read, ``("part", result)``, ``("error", text)``.
        Raises OSError when a process is gone."""
        for conn in wait(list(self._from), timeout):
            number = self._from[conn]  # type: ignore[index]
            try:
                kind, value = conn.recv()  # type: ignore[union-attr]
            except (EOFError, OSError) as err:
                raise OSError(f"indexing process {number} stopped") from err
            yield number, kind, value

    def close(self) -> None:
        """Stop the processes (what they were writing is theirs to lose) and wait for them."""
        for conn in [*self._to, *self._from]:
            conn.close()
        for proc in self._procs:
            if proc.poll() is None:
                proc.kill()
        for proc in self._procs:
            proc.wait()
        self._procs, self._to, self._from = [], [], {}


def serve(requests: Connection, replies: Connection) -> None:
    """Index each part asked for until the requests end or the parent is gone."""
    from reader.search import engine

    parent = os.getppid()
    ix = None
    # Indexing makes millions of objects and almost no reference cycles (a few dozen
    # per version): the collector would keep walking the postings a part holds for
    # nothing. It runs once after each part instead, and never over what the imports
    # made, which lives as long as the process.
    gc.freeze()
    while True:
        try:
            parts, versions, limit_mb = requests.recv()
        except EOFError:
            return
        if ix is None:
            ix = engine._part_index(Path(parts) / str(os.getpid()))
        gc.disable()
        try:
            result = engine._index_part(
                ix,
                versions,
                limit_mb,
                tick=lambda n: replies.send(("done", n)),
                stopped=lambda: os.getppid() != parent,
            )
        except OSError:
            return  # the replies cannot be sent: the parent is gone
        except Exception as err:  # noqa: BLE001 - reported; the parent indexes the part itself
            with contextlib.suppress(OSError):
                replies.send(("error", repr(err)))
            return
        finally:
            gc.enable()
            gc.collect()
        if result is None:
            return
        try:
            replies.send(("part", result))
        except OSError:
            return


def main() -> None:
    # Replies go through a copy of standard output; anything else printed goes to
    # standard error rather than into the replies.
    requests = Connection(os.dup(0), writable=False)
    replies = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)
    serve(requests, replies)


if __name__ == "__main__":
    main()
