"""Rendering in a separate worker process, so no document can hang or crash Lector.

Python-Markdown can run for minutes on pathological input (``[`` × 20,000) or
recurse too deep (deeply nested lists). A thread cannot be stopped, a process can:
each request has a time budget, after which the worker is killed, the document is
shown as plain text with a notice, and a fresh worker starts on the next request.
"""

from __future__ import annotations

import hashlib
import json
import logging
import queue
import subprocess
import sys
import threading
from typing import TYPE_CHECKING

from reader import children
from reader.library.model import ProblemKind
from reader.render.model import Block, Heading, Rendered, plain_fallback

if TYPE_CHECKING:
    from reader.glossary.match import TermTable

log = logging.getLogger(__name__)

BASE_TIMEOUT = 2.0
SECONDS_PER_MB = 2.0
STARTUP_TIMEOUT = 20.0


def worker_command() -> list[str]:
    """How to start a worker: the frozen executable itself, or this Python."""
    return children.command("reader.render.worker", "--render-worker")


def to_wire(rendered: Rendered) -> dict[str, object]:
    return {
        "html": rendered.html,
        "blocks": [[b.index, b.tag, b.level, b.text] for b in rendered.blocks],
        "headings": [[h.level, h.text, h.slug, h.block] for h in rendered.headings],
    }


def from_wire(data: dict) -> Rendered:
    blocks = tuple(Block(int(i), str(t), int(lv), str(tx)) for i, t, lv, tx in data["blocks"])
    headings = tuple(Heading(int(lv), str(t), str(s), int(b)) for lv, t, s, b in data["headings"])
    return Rendered(str(data["html"]), blocks, headings)


class RenderService:
    """Thread-safe: callers queue on a lock; one worker process serves them in turn."""

    def __init__(
        self, command: list[str] | None = None, base_timeout: float = BASE_TIMEOUT
    ) -> None:
        self._command = command or worker_command()
        self._base_timeout = base_timeout
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._lines: queue.Queue[bytes] = queue.Queue()
        self._next_id = 0
        # Glossary term tables: encoded once, sent to each worker once, then named by key.
        self._tables: dict[int, tuple[TermTable, str, dict[str, object]]] = {}
        self._sent_tables: set[str] = set()

    def start(self) -> None:
        """Start the worker now rather than on the first request (it takes a moment)."""
        with self._lock:
            self._ensure_worker()

    def render(
        self, text: str, lang: str | None = None, terms: TermTable | None = None
    ) -> Rendered:
        """``text`` as safe HTML; with ``terms``, glossary terms are marked as ``gloss:`` links.

        ``lang`` is the language of ``text``; it defaults to the term table's.
        """
        timeout = self._base_timeout + SECONDS_PER_MB * len(text) / 1_000_000
        with self._lock:
            try:
                self._ensure_worker()
            except OSError as err:
                log.error("cannot start the render worker: %s", err)
                return plain_fallback(text, ProblemKind.RENDER_FAILED, str(err))
            self._next_id += 1
            request_id = self._next_id
            assert self._proc is not None and self._proc.stdin is not None
            request: dict[str, object] = {"id": request_id, "text": text}
            if terms is not None:
                request["lang"] = lang or terms.lang
                request["terms_key"], wire = self._table_wire(terms)
                if request["terms_key"] not in self._sent_tables:
                    request["terms"] = wire
                    self._sent_tables.add(str(request["terms_key"]))
            message = json.dumps(request).encode() + b"\n"
            try:
                self._proc.stdin.write(message)
                self._proc.stdin.flush()
                reply = self._reply(request_id, timeout)
            except (OSError, ValueError) as err:
                self._stop_worker()
                return plain_fallback(text, ProblemKind.RENDER_FAILED, str(err))
            if reply is None:
                log.warning("rendering took over %.1f s; showing plain text", timeout)
                self._stop_worker()
                return plain_fallback(text, ProblemKind.RENDER_TIMEOUT, f"{timeout:.1f} s")
            if "error" in reply:
                return plain_fallback(text, ProblemKind.RENDER_FAILED, str(reply["error"]))
            return from_wire(reply)

    def _table_wire(self, terms: TermTable) -> tuple[str, dict[str, object]]:
        cached = self._tables.get(id(terms))
        if cached is None or cached[0] is not terms:
            wire = terms.to_wire()
            key = hashlib.blake2b(json.dumps(wire).encode(), digest_size=12).hexdigest()
            if len(self._tables) > 16:
                self._tables.clear()
            cached = (terms, key, wire)
            self._tables[id(terms)] = cached
        return cached[1], cached[2]

    def close(self) -> None:
        with self._lock:
            self._stop_worker()

    def _reply(self, request_id: int, timeout: float) -> dict | None:
        while True:
            try:
                line = self._lines.get(timeout=timeout)
            except queue.Empty:
                return None
            if not line:  # the worker died
                raise OSError("the render worker stopped")
            reply = json.loads(line)
            if reply.get("id") == request_id:
                return reply

    def _ensure_worker(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            return
        self._stop_worker()
        self._sent_tables = set()
        self._proc = subprocess.Popen(
            self._command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL if sys.stderr is None else None,
            env=children.environment(),
        )
        self._lines = queue.Queue()
        threading.Thread(
            target=_pump, args=(self._proc.stdout, self._lines), daemon=True, name="render-pump"
        ).start()
        ready = self._lines.get(timeout=STARTUP_TIMEOUT)
        if not ready.startswith(b'{"ready"'):
            self._stop_worker()
            raise OSError("the render worker did not start")

    def _stop_worker(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream:
                stream.close()


def _pump(stream: object, lines: queue.Queue[bytes]) -> None:
    for line in iter(stream.readline, b""):  # type: ignore[attr-defined]
        lines.put(line)
    lines.put(b"")
