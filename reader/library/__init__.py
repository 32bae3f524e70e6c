"""Documents on disk: discovery, front matter, pairing of language versions, problems."""

from reader.library.loader import load_library, read_version
from reader.library.model import (
    Document,
    Library,
    Problem,
    ProblemKind,
    Severity,
    Version,
    library_id,
)

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
