"""The baseline: the same corpus and queries through SQLite FTS5 (standard library only).

Tokeniser ``unicode61 remove_diacritics 2``: case and accent folding, no stemming, so
FTS5 does less work per token than Lector's Snowball analysers; the ratios say what
that extra matching costs. Fuzzy queries have no FTS5 equivalent and are skipped.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from benchmarks.corpus import Query
from reader.library import Library
from reader.library.loader import parse_file

LIMIT = 20
TITLE_WEIGHT = 5.0


def available() -> bool:
    try:
        con = sqlite3.connect(":memory:")
        con.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        con.close()
    except sqlite3.Error:
        return False
    return True


class Fts5Baseline:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.con = sqlite3.connect(path)
        self.con.execute("PRAGMA journal_mode=WAL")

    def build(self, library: Library) -> dict:
        """Read and index every version, as Lector's indexer does; returns timings."""
        c0, t0 = time.thread_time(), time.perf_counter()
        self.con.execute("DROP TABLE IF EXISTS docs")
        self.con.execute(
            "CREATE VIRTUAL TABLE docs USING fts5("
            "path UNINDEXED, lang UNINDEXED, title, body, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        count = 0
        with self.con:
            for version in library.versions():
                parsed = parse_file(version.path)
                if isinstance(parsed, list) or parsed is None:
                    continue
                self.con.execute(
                    "INSERT INTO docs(path, lang, title, body) VALUES (?, ?, ?, ?)",
                    (version.rel, version.lang, version.title, parsed.body),
                )
                count += 1
        seconds, cpu = time.perf_counter() - t0, time.thread_time() - c0
        return {"versions": count, "seconds": seconds, "cpu_s": cpu, "per_s": count / seconds}

    def sync_one(self, library: Library, rel: str) -> float:
        """Replace one version's row after its file changed (what an incremental sync does)."""
        version = library.by_rel(rel)
        assert version is not None
        t0 = time.perf_counter()
        parsed = parse_file(version.path)
        assert not isinstance(parsed, list) and parsed is not None
        with self.con:
            self.con.execute("DELETE FROM docs WHERE path = ?", (rel,))
            self.con.execute(
                "INSERT INTO docs(path, lang, title, body) VALUES (?, ?, ?, ?)",
                (rel, version.lang, version.title, parsed.body),
            )
        return time.perf_counter() - t0

    def search(self, query: Query, *, snippets: bool) -> int | None:
        """Top results for ``query``; None when FTS5 has no such query."""
        match = match_expression(query)
        if match is None:
            return None
        snippet = ", snippet(docs, 3, '<b>', '</b>', '…', 24)" if snippets else ""
        rows = self.con.execute(
            f"SELECT path, title{snippet} FROM docs WHERE docs MATCH ? AND lang = ? "
            f"ORDER BY bm25(docs, 0, 0, {TITLE_WEIGHT}, 1.0) LIMIT {LIMIT}",
            (match, query.lang),
        ).fetchall()
        return len(rows)

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*"))

    def close(self) -> None:
        self.con.close()


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_expression(query: Query) -> str | None:
    if query.kind in ("common", "rare"):
        return _quoted(query.terms[0])
    if query.kind == "two":
        return " AND ".join(_quoted(t) for t in query.terms)
    if query.kind == "phrase":
        return _quoted(" ".join(query.terms))
    if query.kind == "prefix":
        return _quoted(query.terms[0]) + "*"
    return None
