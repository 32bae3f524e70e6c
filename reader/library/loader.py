"""Reading a library folder into documents, collecting every problem instead of stopping."""

from __future__ import annotations

import hashlib
import os
import stat
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.library.discover import FoundFile, place, resolve_language, walk
from reader.library.model import Document, Fingerprint, Library, Problem, ProblemKind, Version
from reader.library.parse import (
    Fields,
    Found,
    decode,
    first_heading,
    markdown_body,
    read_fields,
    split_front_matter,
)

MAX_FILE_BYTES = 8 * 1024 * 1024

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while a library loads."""


@dataclass(slots=True)
class ParsedFile:
    """A version's file as read now: validated fields, Markdown body, what went wrong."""

    fields: Fields
    body: str
    digest: str = ""
    problems: list[Found] = field(default_factory=list)


@dataclass(slots=True)
class FileHead:
    """What a load keeps of a version's file: everything but the Markdown body.

    Bodies are most of a library's size; the document list needs none of them, and
    rendering and indexing read the file afresh.
    """

    fields: Fields
    heading: str  # the body's first heading, when the front matter has no title
    digest: str
    problems: list[Found]


def _read_bytes(path: Path) -> bytes:
    # O_NONBLOCK: a FIFO that replaced a file after the walk must not hang the reader.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise IsADirectoryError(0, "not a regular file")
        # Reading the size the file has, not the limit, spares a buffer of the
        # limit's size per file; a file that grew since is read on to the limit.
        data = os.read(fd, min(status.st_size, MAX_FILE_BYTES) + 1)
        while len(data) <= MAX_FILE_BYTES:
            more = os.read(fd, MAX_FILE_BYTES + 1 - len(data))
            if not more:
                break
            data += more
        return data
    finally:
        os.close(fd)


def _read_text(path: Path) -> tuple[bytes, str | None, list[Found]]:
    """A file's bytes, its text ("" when it holds only blanks) and what went wrong;
    the text is None when the file cannot be read as text (the problems say why)."""
    try:
        data = _read_bytes(path)
    except OSError as err:
        return b"", None, [(ProblemKind.UNREADABLE, err.strerror or str(err), None)]
    if len(data) > MAX_FILE_BYTES:
        too_large = f"over {MAX_FILE_BYTES // (1024 * 1024)} MB"
        return b"", None, [(ProblemKind.TOO_LARGE, too_large, None)]
    if not data.strip():
        return data, "", []
    text, problems = decode(data)
    return data, text, problems


def parse_file(path: Path) -> ParsedFile | list[Found] | None:
    """Read one Markdown file. Returns a ParsedFile, or the problems that stopped it."""
    data, text, problems = _read_text(path)
    if text is None:
        return problems
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    if not data.strip():
        return ParsedFile(Fields(), "", digest, [(ProblemKind.EMPTY, "", None)])
    meta, body, found = split_front_matter(text)
    fields, field_problems = read_fields(meta)
    return ParsedFile(fields, body, digest, [*problems, *found, *field_problems])


def read_body(path: Path) -> str | None:
    """The Markdown body of one file as ``parse_file`` reads it, without its front
    matter's fields or digest (for indexing, which has them from the load); None
    when the file can no longer be read as text."""
    _data, text, _problems = _read_text(path)
    return None if text is None else markdown_body(text)


def read_head(path: Path) -> FileHead | list[Found]:
    """Read one Markdown file and keep what the document list needs, or the problems."""
    parsed = parse_file(path)
    if not isinstance(parsed, ParsedFile):
        return parsed or []
    heading = "" if parsed.fields.title else first_heading(parsed.body)
    return FileHead(parsed.fields, heading, parsed.digest, parsed.problems)


RECENT_NS = 2 * 10**9
"""A file changed this recently may change again within the same timestamp tick."""


class ParseCache:
    """Files already read, kept between loads of the same folders, without their bodies.

    An entry is reused while the file's size and modification time are unchanged,
    so reloading a large library after one edit reads only that file. Files changed
    in the last two seconds are not kept: a second write within the file system's
    timestamp resolution would leave size and time as they were. ``sweep()`` drops
    entries for files no load has met since the previous sweep.
    """

    def __init__(self) -> None:
        self._items: dict[Path, tuple[tuple[int, int], FileHead | list[Found]]] = {}
        self._seen: set[Path] = set()
        self._lock = threading.Lock()

    def read(self, found: FoundFile) -> FileHead | list[Found]:
        key = (found.size, found.mtime_ns)
        with self._lock:
            self._seen.add(found.path)
            hit = self._items.get(found.path)
        if hit is not None and hit[0] == key:
            return hit[1]
        head = read_head(found.path)
        if time.time_ns() - found.mtime_ns > RECENT_NS:
            with self._lock:
                self._items[found.path] = (key, head)
        return head

    def sweep(self) -> None:
        with self._lock:
            self._items = {p: v for p, v in self._items.items() if p in self._seen}
            self._seen = set()

    def __len__(self) -> int:
        return len(self._items)


def read_version(version: Version) -> ParsedFile | list[Problem]:
    """The current text of a version, for rendering; problems if it can no longer be read."""
    parsed = parse_file(version.path)
    if isinstance(parsed, list):
        return [Problem(version.path, kind, detail, line) for kind, detail, line in parsed]
    assert parsed is not None
    return parsed


def load_library(
    root: Path,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    cache: ParseCache | None = None,
) -> Library:
    """Read every document under ``root``. Bad files become problems; the rest loads.

    A folder that is not there gives an empty library marked offline, not a problem:
    a drive that was unplugged is expected to come back.
    """
    if not root.is_dir():
        return Library(root=root, offline=True)
    library = Library(root=root)
    files: list[FoundFile] = []
    items = list(walk(root))
    library.fingerprint = _fingerprint(items)
    for item in items:
        if isinstance(item, Problem):
            library.problems.append(item)
        else:
            files.append(item)
    files.sort(key=lambda f: f.rel)  # so "the first" of two clashing files is well defined
    total = len(files)
    for done, found in enumerate(files, 1):
        if cancelled and cancelled():
            break
        _add_file(library, found, cache)
        if progress and (done % 50 == 0 or done == total):
            progress(done, total)
    return library


def _fingerprint(items: list[FoundFile | Problem]) -> Fingerprint:
    return frozenset(
        (f"!{item.kind.value}:{item.path}", 0, 0)
        if isinstance(item, Problem)
        else (item.rel, item.size, item.mtime_ns)
        for item in items
    )


@dataclass(frozen=True, slots=True)
class Scan:
    """A quick look at a library folder: what changed since loading, and what to watch."""

    fingerprint: Fingerprint | None  # None: the folder is not there
    folders: tuple[Path, ...] = ()
    files: tuple[Path, ...] = ()


def scan(root: Path) -> Scan:
    """Walk ``root`` without reading any file; compare with ``Library.fingerprint``."""
    if not root.is_dir():
        return Scan(None)
    folders: list[Path] = []
    items = list(walk(root, folders))
    files = tuple(item.path for item in items if not isinstance(item, Problem))
    return Scan(_fingerprint(items), tuple(folders), files)


def _add_file(library: Library, found: FoundFile, cache: ParseCache | None = None) -> None:
    head = cache.read(found) if cache is not None else read_head(found.path)
    if isinstance(head, list):
        library.problems.extend(Problem(found.path, k, d, ln) for k, d, ln in head)
        return
    library.problems.extend(Problem(found.path, k, d, ln) for k, d, ln in head.problems)
    fields = head.fields
    placement = place(found.rel)
    lang, code = resolve_language(placement, fields.lang)
    if lang is None:
        library.problems.append(Problem(found.path, ProblemKind.UNSUPPORTED_LANGUAGE, code))
        return
    key = fields.translation_key or placement.key
    title = fields.title or head.heading or placement.key.rsplit("/", 1)[-1]
    document = library.documents.setdefault(key, Document(key))
    if lang in document.versions:
        kept = document.versions[lang].rel
        library.problems.append(Problem(found.path, ProblemKind.DUPLICATE_VERSION, kept))
        return
    document.versions[lang] = Version(
        path=found.path,
        rel=found.rel,
        lang=lang,
        key=key,
        title=title,
        date=fields.date,
        tags=fields.tags,
        summary=fields.summary,
        authors=fields.authors,
        source=fields.source,
        size=found.size,
        mtime_ns=found.mtime_ns,
        digest=head.digest,
        extra=fields.extra,
    )
