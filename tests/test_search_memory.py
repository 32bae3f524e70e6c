"""An open index is read from its files as needed, not copied into memory."""

from __future__ import annotations

import random
import tracemalloc
from pathlib import Path

import pytest

from reader.library import load_library
from reader.search import SearchIndex

from .conftest import write

SYLLABLES = [c + v for c in "bcdlmnprst" for v in "aeiou"]


def _words(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(count)]


def test_searching_keeps_far_less_than_the_index_in_memory(tmp_path: Path) -> None:
    rng = random.Random(5)
    vocabulary = _words(rng, 4000)
    root = tmp_path / "library"
    for n in range(120):
        paragraphs = [" ".join(rng.choices(vocabulary, k=120)) for _ in range(12)]
        text = f"# Report {n}\n\nCommon ground.\n\n" + "\n\n".join(paragraphs) + "\n"
        write(root / f"report-{n}.en.md", text)
    built = SearchIndex.for_library(tmp_path / "data", root)
    assert built.sync(load_library(root).versions()).added == 120
    built.close()
    on_disk = sum(f.stat().st_size for f in built.dir.iterdir() if f.is_file())

    index = SearchIndex.for_library(tmp_path / "data", root)
    tracemalloc.start()
    try:
        found = index.search("common ground", snippets=True, limit=50)
        for word in vocabulary[:20]:
            index.search(word, snippets=True)
        corrected = index.search(vocabulary[0][:-1] + "x", snippets=True)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        index.close()
    assert len(found.hits) == 50 and found.hits[0].snippet is not None
    assert not corrected.hits and corrected.suggestion is not None
    assert on_disk > 3_000_000
    assert peak < on_disk / 3


def test_a_part_of_an_index_file_reads_only_its_own_bytes(tmp_path: Path) -> None:
    from reader.search.engine import _storage

    (tmp_path / "seg").write_bytes(b"head\nfirst line\nsecond\ntail")
    whole = _storage(tmp_path).open_file("seg")
    part = whole.subset(5, 17)  # "first line\nsecond"
    assert part.readline() == b"first line\n"
    assert part.readline() == b"second"
    assert part.readline() == b"" and part.read() == b""
    assert part.get(6, 100) == b"line\nsecond"[: 17 - 6]
    part.seek(-6, 2)
    assert part.read(100) == b"second"
    part.seek(0)
    assert part.readline(3) == b"fir" and part.tell() == 3
    assert part.subset(11, 3).read() == b"sec"
    whole.close()
    with pytest.raises(ValueError):
        part.get(0, 1)  # never reads another file that took the closed one's number


def test_words_kept_while_indexing_are_dropped_after_the_sync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.search import engine

    library = tmp_path / "library"
    write(library / "a.en.md", "# Rivers\n\nRivers run to the sea, and the Sea is wide.\n")
    write(library / "a.es.md", "# Ríos\n\nLos ríos van al mar, y el Mar es ancho.\n")
    index = SearchIndex(tmp_path / "index", library)
    seen = []
    forget = engine._forget_written_words

    def counted() -> None:
        seen.append(len(engine._written_forms("en")) + len(engine._folded_words()))
        forget()

    monkeypatch.setattr(engine, "_forget_written_words", counted)
    assert index.sync(load_library(library).versions()).added == 2
    assert seen and seen[0] > 0  # they were kept while indexing
    assert not engine._written_forms("en") and not engine._folded_words()
    assert [hit.rel for hit in index.search("sea").hits] == ["a.en.md"]
    index.close()
