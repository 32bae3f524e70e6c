"""Reloading a library reuses what was already parsed, and never misses a change."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from reader.library import load_library
from reader.library import loader as loader_module
from reader.library.loader import ParseCache, scan

from .conftest import write

HOUR = 3600


def aged(path: Path, seconds_ago: float = HOUR) -> None:
    stamp = path.stat().st_mtime - seconds_ago
    os.utime(path, (stamp, stamp))


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []
    real = loader_module.parse_file

    def counting(path: Path):
        seen.append(path)
        return real(path)

    monkeypatch.setattr(loader_module, "parse_file", counting)
    return seen


def test_unchanged_files_are_not_parsed_again(tmp_path: Path, parses: list[Path]) -> None:
    for name in ("a", "b", "c"):
        aged(write(tmp_path / f"{name}.md", f"# {name.upper()}\n\nText."))
    aged(write(tmp_path / "bad.md", b"\x00binary"))
    cache = ParseCache()
    first = load_library(tmp_path, cache=cache)
    assert len(parses) == 4
    parses.clear()
    second = load_library(tmp_path, cache=cache)
    assert parses == []
    assert second.documents.keys() == first.documents.keys()
    assert second.problems == first.problems

    # An edit that keeps the size still shows: the modification time differs.
    write(tmp_path / "b.md", "# Z\n\nText.")
    aged(tmp_path / "b.md", HOUR / 2)
    third = load_library(tmp_path, cache=cache)
    assert parses == [tmp_path / "b.md"]
    assert third.documents["b"].versions["en"].title == "Z"


def test_recent_files_are_always_read_again(tmp_path: Path, parses: list[Path]) -> None:
    write(tmp_path / "fresh.md", "# One\n")
    cache = ParseCache()
    load_library(tmp_path, cache=cache)
    write(tmp_path / "fresh.md", "# Two\n")  # same size, maybe the same timestamp tick
    assert load_library(tmp_path, cache=cache).documents["fresh"].title("en") == "Two"
    assert len(parses) == 2


def _strings_held_by(root: object) -> list[str]:
    """Every string reachable from ``root`` through object references."""
    seen: set[int] = set()
    todo = [root]
    strings = []
    while todo:
        obj = todo.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, str):
            strings.append(obj)
        elif not isinstance(obj, type):  # classes lead to the whole program
            todo.extend(gc.get_referents(obj))
    return strings


def test_the_cache_keeps_front_matter_but_no_bodies(tmp_path: Path) -> None:
    body = "A paragraph only rendering and indexing need, read again from the file."
    aged(write(tmp_path / "titled.md", f"---\ntitle: Titled\ntags: [civic]\n---\n\n{body}\n"))
    aged(write(tmp_path / "plain.es.md", f"Intro.\n\n## Encabezado *propio*\n\n{body}\n"))
    cache = ParseCache()
    load_library(tmp_path, cache=cache)
    held = _strings_held_by(cache)
    assert not [text for text in held if "paragraph only" in text]
    assert {"Titled", "civic", "Encabezado propio"} <= set(held)

    # What the list shows comes back the same from the cache, bodies or not.
    again = load_library(tmp_path, cache=cache)
    assert again.documents["titled"].versions["en"].title == "Titled"
    assert again.documents["titled"].versions["en"].tags == ("civic",)
    assert again.documents["plain"].versions["es"].title == "Encabezado propio"


def test_a_changed_body_is_read_again_and_its_neighbours_are_not(
    tmp_path: Path, parses: list[Path]
) -> None:
    for name in ("a", "b", "c"):
        aged(write(tmp_path / f"{name}.md", f"# {name.upper()}\n\nFirst text."))
    cache = ParseCache()
    first = load_library(tmp_path, cache=cache)
    parses.clear()
    write(tmp_path / "b.md", "# B\n\nOther text, longer.")
    aged(tmp_path / "b.md", HOUR / 2)
    second = load_library(tmp_path, cache=cache)
    assert parses == [tmp_path / "b.md"]
    old, new = (lib.documents["b"].versions["en"] for lib in (first, second))
    assert new.title == old.title == "B"
    assert new.digest != old.digest
    assert new.size != old.size
    assert second.documents["a"].versions["en"].digest == first.documents["a"].versions["en"].digest


def test_sweep_forgets_deleted_files(tmp_path: Path) -> None:
    aged(write(tmp_path / "keep.md", "# Keep\n"))
    aged(write(tmp_path / "gone.md", "# Gone\n"))
    cache = ParseCache()
    load_library(tmp_path, cache=cache)
    cache.sweep()
    assert len(cache) == 2
    (tmp_path / "gone.md").unlink()
    load_library(tmp_path, cache=cache)
    cache.sweep()
    assert len(cache) == 1


def test_scan_matches_the_load_until_something_changes(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "# A\n")
    write(tmp_path / "sub/b.es.md", "# B\n")
    lib = load_library(tmp_path)
    found = scan(tmp_path)
    assert found.fingerprint == lib.fingerprint
    assert set(found.folders) == {tmp_path, tmp_path / "sub"}
    (tmp_path / "sub/b.es.md").rename(tmp_path / "sub/c.es.md")
    assert scan(tmp_path).fingerprint != lib.fingerprint
    assert scan(tmp_path / "missing").fingerprint is None
    assert load_library(tmp_path / "missing").offline
