"""Lector's own search engine (``reader.search``) behind the harness's engine interface."""

from __future__ import annotations

import resource
import time
from pathlib import Path

from benchmarks.corpus import Query
from reader.library import Library


def available() -> bool:
    """Whether this tree has a search engine to measure."""
    try:
        from reader.search import SearchIndex  # noqa: F401
    except ImportError:
        return False
    return True


class LectorSearch:
    """A library's index, built, synced and searched the way the application does."""

    def __init__(self, index_dir: Path, library_root: Path) -> None:
        from reader.search import SearchIndex

        self.index = SearchIndex(index_dir, library_root)

    def build(self, library: Library) -> dict:
        # A large build is shared with indexing processes (ended and waited for by the
        # time sync returns): their CPU counts too.
        k0 = _children_cpu()
        c0, t0 = time.thread_time(), time.perf_counter()
        report = self.index.sync(library.versions())
        seconds, cpu = time.perf_counter() - t0, time.thread_time() - c0
        children = _children_cpu() - k0
        count = report.added + report.updated
        return {
            "versions": count,
            "seconds": seconds,
            "cpu_s": cpu + children,
            "children_cpu_s": children,
            "processes": report.processes,
            "per_s": count / seconds if seconds else 0.0,
            "failed": len(report.failed),
        }

    def sync_one(self, library: Library, rel: str) -> float:
        """Sync the whole (freshly reloaded) library after one file changed."""
        t0 = time.perf_counter()
        report = self.index.sync(library.versions())
        elapsed = time.perf_counter() - t0
        if report.updated != 1 or report.added or report.removed:
            raise RuntimeError(f"expected one updated version, got {report}")
        return elapsed

    def search(self, query: Query, *, snippets: bool) -> int | None:
        """Hits for the query; for a mistyped word, whether a correction was offered."""
        result = self.index.search(query.text, lang=query.lang, snippets=snippets)
        if query.kind == "fuzzy":
            return 1 if result.suggestion or result.hits else 0
        return len(result.hits)

    def close(self) -> None:
        self.index.close()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def open_engine(index_dir: Path, library_root: Path) -> LectorSearch:
    return LectorSearch(index_dir, library_root)
