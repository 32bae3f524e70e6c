"""Documents on disk: discovery, front matter, pairing of language versions, problems."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.library.model import (
    Document,
    Library,
    Problem,
    ProblemKind,
    Severity,
    Version,
    library_id,
)

if TYPE_CHECKING:
    from reader.library.loader import load_library, read_version

__all__ = [
    "Document",
    "Library",
    "Problem",
    "ProblemKind",
    "Severity",
    "Version",
    "library_id",
    "load_library",
    "read_version",
]


def __getattr__(name: str) -> object:
    # Reading files needs the front-matter parsers (YAML, TOML); the window can be
    # built, and shown, before any of them is loaded.
    if name in ("load_library", "read_version"):
        from reader.library import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
