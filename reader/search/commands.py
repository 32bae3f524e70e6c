"""``lector index`` and ``lector search``: the search core on the command line.

Both take ``--library DIR`` (repeatable; the bundled library by default) and keep
indexes in the same user data folder as the window does. ``search`` brings the index
up to date first, so it always answers from the files as they are now.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reader.library import load_library
from reader.search.engine import (
    IndexState,
    SearchIndex,
    SearchNotice,
    SearchResult,
    merge_results,
)
from reader.search.query import Refusal

NOTICES = {
    SearchNotice.NOT_READY: "the index is not built yet",
    SearchNotice.DAMAGED: "the index could not be read; run `lector index` to rebuild it",
    SearchNotice.NOTHING_TO_SEARCH: "only common words or punctuation: nothing to search for",
    SearchNotice.SIMPLIFIED: "part of the query was read as plain words",
    SearchNotice.SOME_WORDS: "no document has every word; showing those with some of them",
    SearchNotice.PREFIX_IGNORED: "a prefix matching too many words was left out",
    SearchNotice.PREFIX_NARROWED: "a prefix starts many words; only the most common were searched",
}
REFUSALS = {
    Refusal.WILDCARD_ALONE: "'*' alone would match everything; type a word",
    Refusal.RUNAWAY_WILDCARD: "'{term}' matches too many words; type more letters before '*'",
}
STATES = {
    IndexState.MISSING: "built the index",
    IndexState.OLD: "rebuilt the index (it was made by an older version)",
    IndexState.DAMAGED: "rebuilt the index (it was damaged)",
}


def _roots(libraries: list[Path]) -> list[Path] | None:
    from reader.paths import bundled_library_dir

    roots = [p.resolve() for p in libraries] or [bundled_library_dir()]
    for root in roots:
        if not root.is_dir():
            print(f"lector: {root} is not a folder", file=sys.stderr)
            return None
    return roots


def _data_dir(portable: bool) -> Path:
    from reader.paths import UserDirs

    dirs = UserDirs.resolve(portable=portable)
    dirs.ensure()
    return dirs.data


def _synced(root: Path, data: Path, *, rebuild: bool = False, quiet: bool = False) -> SearchIndex:
    index = SearchIndex.for_library(data, root)
    report = index.sync(load_library(root).versions(), rebuild=rebuild)
    if report.busy:
        print(f"lector: the index of {root} is busy; using it as it is", file=sys.stderr)
    elif not quiet:
        done = STATES.get(report.state, "rebuilt the index" if report.rebuilt else "updated")
        print(
            f"{root}: {done}; {report.added} added, {report.updated} updated, "
            f"{report.removed} removed, {report.unchanged} unchanged, "
            f"{report.documents} versions indexed"
            + (f" ({report.processes} processes)" if report.processes > 1 else "")
        )
        for rel in report.failed:
            print(f"  could not read {rel}")
    elif report.state is IndexState.DAMAGED:
        print(f"lector: the index of {root} was damaged and has been rebuilt", file=sys.stderr)
    return index


def index(libraries: list[Path], *, rebuild: bool, portable: bool) -> int:
    """Exit 0 when every library was indexed, 1 when some files could not be read, 2 on error."""
    roots = _roots(libraries)
    if roots is None:
        return 2
    data = _data_dir(portable)
    status = 0
    for root in roots:
        index = _synced(root, data, rebuild=rebuild)
        index.close()
    return status


def search(
    text: str,
    libraries: list[Path],
    *,
    lang: str | None,
    limit: int,
    as_json: bool,
    portable: bool,
) -> int:
    """Exit 0 when something was found, 1 when nothing was, 2 on error or a refused query."""
    roots = _roots(libraries)
    if roots is None:
        return 2
    data = _data_dir(portable)
    results: list[tuple[Path, SearchResult]] = []
    for root in roots:
        index = _synced(root, data, quiet=True)
        results.append((root, index.search(text, lang=lang, limit=max(1, limit))))
        index.close()
    hits, notices = merge_results(results, limit)
    first = results[0][1]
    if as_json:
        out = [
            {
                "key": hit.key,
                "lang": hit.lang,
                "title": hit.title,
                "path": str(hit.path),
                "score": round(hit.score, 4),
                "snippet": hit.snippet.marked() if hit.snippet else "",
                "block": hit.block,
                "library": str(root),
            }
            for root, hit in hits
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for _root, hit in hits:
            print(f"{hit.lang.upper()}  {hit.title}  ({hit.path})")
            if hit.snippet and hit.snippet.text:
                print(f"    {hit.snippet.marked()}")
        if not hits:
            print("No results.")
    for notice in notices:
        print(f"lector: {NOTICES[notice]}", file=sys.stderr)
    if first.refusal is not None:
        message = REFUSALS[first.refusal].format(term=first.refused_term)
        print(f"lector: {message}", file=sys.stderr)
        return 2
    suggestion = next((r.suggestion for _root, r in results if r.suggestion), None)
    if not hits and suggestion:
        print(f"Did you mean: {suggestion}", file=sys.stderr if as_json else sys.stdout)
    return 0 if hits else 1
