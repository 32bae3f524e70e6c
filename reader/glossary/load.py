"""Reading glossary files with validation: bad entries are reported and skipped, never fatal.

The bundled glossary is every ``*.yaml`` file in ``resources/glossary/``; a library
folder may carry its own ``glossary.yaml``, whose entries replace bundled ones with
the same id and add the rest.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from pathlib import Path

from reader import LANGUAGES
from reader.glossary.match import TermTable
from reader.glossary.model import Entry, Glossary, GlossaryProblem, GlossaryProblemKind, Side

log = logging.getLogger(__name__)

LIBRARY_GLOSSARY = "glossary.yaml"
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_SURFACE_CHARS = 200
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")

K = GlossaryProblemKind


class _EntryError(Exception):
    def __init__(self, kind: GlossaryProblemKind, detail: str = "") -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


def _text(value: object, field: str, *, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise _EntryError(K.INVALID_FIELD, f"{field}: expected text")
    if required and not value.strip():
        raise _EntryError(K.MISSING_TERM, field)
    return value.strip()


def _texts(value: object, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _EntryError(K.INVALID_FIELD, f"{field}: expected a list of text")
    return tuple(v.strip() for v in value if v.strip())


def _side(data: object, lang: str) -> Side:
    if not isinstance(data, dict):
        raise _EntryError(K.INVALID_FIELD, f"{lang}: expected term, forms, short and long")
    if "term" not in data:
        raise _EntryError(K.MISSING_TERM, f"{lang}.term")
    term = _text(data.get("term"), f"{lang}.term", required=True)
    forms = _texts(data.get("forms"), f"{lang}.forms")
    for surface in (term, *forms):
        if len(surface) > MAX_SURFACE_CHARS:
            raise _EntryError(K.INVALID_FIELD, f"{lang}: a form is over {MAX_SURFACE_CHARS} chars")
    return Side(
        term,
        forms,
        _text(data.get("short"), f"{lang}.short"),
        _text(data.get("long"), f"{lang}.long"),
    )


def _entry(data: object, path: Path) -> Entry:
    if not isinstance(data, dict):
        raise _EntryError(K.NOT_AN_ENTRY, type(data).__name__)
    raw_id = data.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        raise _EntryError(K.MISSING_ID)
    if not isinstance(raw_id, str) or not ID_PATTERN.fullmatch(raw_id.strip()):
        raise _EntryError(K.INVALID_ID, str(raw_id)[:100])
    sides = {lang: _side(data[lang], lang) for lang in LANGUAGES if data.get(lang) is not None}
    if not sides:
        raise _EntryError(K.NO_LANGUAGE)
    exact = data.get("exact", False)
    if not isinstance(exact, bool):
        raise _EntryError(K.INVALID_FIELD, "exact: expected true or false")
    related = _texts(data.get("related"), "related")
    return Entry(raw_id.strip(), sides, related, exact, path)


def _where(data: object, position: int) -> str:
    if isinstance(data, dict) and isinstance(data.get("id"), str) and data["id"].strip():
        return data["id"].strip()[:100]
    return f"#{position}"


def load_glossary_file(path: Path) -> Glossary:
    """One file's valid entries, and a problem for each file or entry that is not."""
    glossary = Glossary()

    def problem(kind: GlossaryProblemKind, entry: str = "", detail: str = "") -> Glossary:
        glossary.problems.append(GlossaryProblem(path, kind, entry, detail))
        log.warning("glossary %s %s: %s %s", path, entry, kind.value, detail)
        return glossary

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return problem(K.TOO_LARGE, detail=f"{size} bytes")
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        return problem(K.UNREADABLE, detail=str(err))
    import yaml  # here, not at the top: the window starts without the YAML parser

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(text, Loader=loader)  # a safe loader, in C when available
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        reason = getattr(err, "problem", None) or type(err).__name__
        return problem(K.SYNTAX, detail=f"{where}{reason}")
    except RecursionError:
        return problem(K.SYNTAX, detail="nested too deeply")
    items = data.get("entries") if isinstance(data, dict) else data
    if not isinstance(items, list):
        return problem(K.NOT_A_GLOSSARY, detail="expected a list under 'entries'")
    for position, item in enumerate(items, start=1):
        where = _where(item, position)
        try:
            entry = _entry(item, path)
        except _EntryError as err:
            problem(err.kind, where, err.detail)
            continue
        if entry.id in glossary.entries:
            problem(K.DUPLICATE_ID, where, f"entry {position}")
            continue
        glossary.entries[entry.id] = entry
    return glossary


def load_glossary(paths: Iterable[Path]) -> Glossary:
    """Files read in order, each one's entries replacing earlier ones with the same id."""
    merged = Glossary()
    for path in paths:
        merged = load_glossary_file(path).merged_over(merged)
    return merged


def bundled_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.yaml") if p.is_file())
    except OSError:
        return []


class GlossaryStore:
    """The glossary that applies to each library: bundled entries, then the library's own.

    Thread-safe and lazy, so it can be asked from a background job; a library's file
    is read again when its size or modification time changes.
    """

    def __init__(self, bundled_dir: Path | None) -> None:
        self._bundled_dir = bundled_dir
        self._lock = threading.Lock()
        self._bundled: Glossary | None = None
        self._libraries: dict[Path, tuple[tuple[int, int] | None, Glossary]] = {}
        self._tables: dict[tuple[int, str], TermTable] = {}

    def bundled(self) -> Glossary:
        with self._lock:
            return self._bundled_locked()

    def _bundled_locked(self) -> Glossary:
        if self._bundled is None:
            files = bundled_files(self._bundled_dir) if self._bundled_dir else []
            self._bundled = load_glossary(files)
        return self._bundled

    def for_library(self, root: Path | None) -> Glossary:
        """The glossary for documents in ``root`` (the bundled one when ``root`` is None)."""
        with self._lock:
            bundled = self._bundled_locked()
            if root is None:
                return bundled
            path = Path(root) / LIBRARY_GLOSSARY
            try:
                stat = path.stat()
                stamp: tuple[int, int] | None = (stat.st_size, stat.st_mtime_ns)
            except OSError:
                stamp = None
            cached = self._libraries.get(Path(root))
            if cached is not None and cached[0] == stamp:
                return cached[1]
            glossary = bundled if stamp is None else load_glossary_file(path).merged_over(bundled)
            self._libraries[Path(root)] = (stamp, glossary)
            return glossary

    def terms(self, root: Path | None, lang: str) -> TermTable:
        """What the matcher needs for ``lang``, built once per loaded glossary."""
        glossary = self.for_library(root)
        key = (id(glossary), lang)
        with self._lock:
            table = self._tables.get(key)
            if table is None or table.source is not glossary:
                table = TermTable.from_glossary(glossary, lang)
                self._tables[key] = table
            return table
