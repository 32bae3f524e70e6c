"""The library's data: language versions, documents and the problems found on the way."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from reader import LANGUAGES

Fingerprint = frozenset[tuple[str, int, int]]
"""Each file seen in a library folder: (path relative to the root, size, mtime in ns)."""


class Severity(enum.Enum):
    WARNING = "warning"  # the file was loaded, with a caveat
    ERROR = "error"  # the file could not be loaded


class ProblemKind(enum.Enum):
    """Why a file could not be read fully. The UI turns these into words."""

    UNREADABLE = "unreadable"
    UNREADABLE_FOLDER = "unreadable-folder"
    NOT_A_FILE = "not-a-file"
    LINK_OUTSIDE = "link-outside"
    TOO_LARGE = "too-large"
    BINARY = "binary"
    EMPTY = "empty"
    INVALID_UTF8 = "invalid-utf8"
    FRONT_MATTER_SYNTAX = "front-matter-syntax"
    FRONT_MATTER_UNTERMINATED = "front-matter-unterminated"
    FRONT_MATTER_NOT_MAPPING = "front-matter-not-mapping"
    FRONT_MATTER_TOO_LARGE = "front-matter-too-large"
    FRONT_MATTER_TOO_DEEP = "front-matter-too-deep"
    FRONT_MATTER_UNSAFE = "front-matter-unsafe"
    DUPLICATE_KEY = "duplicate-key"
    INVALID_FIELD = "invalid-field"
    UNSUPPORTED_LANGUAGE = "unsupported-language"
    DUPLICATE_VERSION = "duplicate-version"
    RENDER_TIMEOUT = "render-timeout"
    RENDER_FAILED = "render-failed"

    @property
    def severity(self) -> Severity:
        return Severity.ERROR if self in _FATAL else Severity.WARNING


_FATAL = {
    ProblemKind.UNREADABLE,
    ProblemKind.UNREADABLE_FOLDER,
    ProblemKind.NOT_A_FILE,
    ProblemKind.LINK_OUTSIDE,
    ProblemKind.TOO_LARGE,
    ProblemKind.BINARY,
    ProblemKind.UNSUPPORTED_LANGUAGE,
    ProblemKind.DUPLICATE_VERSION,
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file (or folder): where, what, and the technical detail."""

    path: Path
    kind: ProblemKind
    detail: str = ""
    line: int | None = None

    @property
    def severity(self) -> Severity:
        return self.kind.severity


@dataclass(slots=True)
class Version:
    """One language version of a document: a Markdown file and its front matter."""

    path: Path
    rel: str  # POSIX path relative to the library root; stable identity of the version
    lang: str
    key: str
    title: str
    date: dt.date | None = None
    tags: tuple[str, ...] = ()
    summary: str = ""
    authors: tuple[str, ...] = ()
    source: str = ""
    size: int = 0
    mtime_ns: int = 0
    digest: str = ""
    extra: dict[str, object] = field(default_factory=dict, repr=False)


@dataclass(slots=True)
class Document:
    """A document: its language versions sharing one translation key."""

    key: str
    versions: dict[str, Version] = field(default_factory=dict)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANGUAGES if lang in self.versions)

    @property
    def missing_languages(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANGUAGES if lang not in self.versions)

    def version(self, lang: str) -> Version:
        """The version in ``lang``, or the first one there is."""
        return self.versions.get(lang) or self.versions[self.languages[0]]

    def title(self, lang: str) -> str:
        return self.version(lang).title

    def date(self) -> dt.date | None:
        dates = [v.date for v in self.versions.values() if v.date]
        return max(dates) if dates else None


@dataclass(slots=True)
class Library:
    """A folder of documents, as read at one moment, with every problem met."""

    root: Path
    documents: dict[str, Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    offline: bool = False  # the folder was not there (an unplugged drive, a moved folder)
    fingerprint: Fingerprint = frozenset()  # what the walk saw; compare with scan() later

    def versions(self) -> list[Version]:
        return [v for doc in self.documents.values() for v in doc.versions.values()]

    def by_rel(self, rel: str) -> Version | None:
        for doc in self.documents.values():
            for version in doc.versions.values():
                if version.rel == rel:
                    return version
        return None


def library_id(root: Path) -> str:
    """A short stable name for a library folder, from its absolute path."""
    return hashlib.blake2b(os.fsencode(Path(root).resolve()), digest_size=6).hexdigest()
