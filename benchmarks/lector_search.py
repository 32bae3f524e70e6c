"""Lector's own search engine seen through the harness's small engine interface."""

from __future__ import annotations

from pathlib import Path

SYNC_WHAT = "not measured"


def available() -> bool:
    """Whether this tree has a search engine to measure."""
    return False


class LectorSearch:
    def __init__(self, index_dir: Path, library_root: Path) -> None:
        raise NotImplementedError


def open_engine(index_dir: Path, library_root: Path) -> LectorSearch:
    return LectorSearch(index_dir, library_root)
