"""Keeping the index in step with the library: incremental sync, damage, old versions, locks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.library import load_library
from reader.search import SCHEMA_VERSION, IndexState, SearchIndex, SearchNotice

from .conftest import REPO, write


def versions(root: Path):
    return load_library(root).versions()


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    write(root / "a.en.md", "# Alpha\n\nThe alpha document talks about lighthouses.\n")
    write(root / "a.es.md", "# Alfa\n\nEl documento alfa habla de faros.\n")
    write(root / "b.en.md", "# Beta\n\nThe beta document talks about harbours.\n")
    return root


def index_of(tmp_path: Path, root: Path, **kwargs: object) -> SearchIndex:
    return SearchIndex.for_library(tmp_path / "data", root, **kwargs)


def doc_ids(ix: SearchIndex) -> dict[str, int]:
    """Internal document numbers by path: re-indexing a version gives it a new one."""
    ix.state()
    with ix._lock:
        reader = ix._searcher.reader()
        return {stored["rel"]: num for num, stored in reader.iter_docs()}


def test_first_sync_builds_then_nothing_changes(tmp_path: Path, library: Path) -> None:
    ix = index_of(tmp_path, library)
    first = ix.sync(versions(library))
    assert first.state is IndexState.MISSING and first.rebuilt and first.added == 3
    assert not (library / ".lector").exists() and set(os.listdir(library)) == {
        "a.en.md",
        "a.es.md",
        "b.en.md",
    }
    before = doc_ids(ix)
    again = ix.sync(versions(library))
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 3)
    assert doc_ids(ix) == before


def test_change_add_delete(tmp_path: Path, library: Path) -> None:
    ix = index_of(tmp_path, library)
    ix.sync(versions(library))
    before = doc_ids(ix)
    write(library / "a.en.md", "# Alpha\n\nThe alpha document now talks about windmills.\n")
    (library / "b.en.md").unlink()
    write(library / "c.es.md", "# Ce\n\nUn documento nuevo sobre molinos.\n")
    report = ix.sync(versions(library))
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 1)
    after = doc_ids(ix)
    assert after["a.es.md"] == before["a.es.md"]  # untouched
    assert after["a.en.md"] != before["a.en.md"]
    assert "b.en.md" not in after
    assert [h.rel for h in ix.search("windmills").hits] == ["a.en.md"]
    assert ix.search("lighthouses").hits == []
    assert ix.search("harbours").hits == []
    assert [h.rel for h in ix.search("molinos").hits] == ["c.es.md"]


def test_commits_from_another_writer_are_seen(tmp_path: Path, library: Path) -> None:
    """What one index object remembers of the last sync never hides another's commit."""
    mine = index_of(tmp_path, library)
    mine.sync(versions(library))
    path = library / "a.en.md"
    original, stat = path.read_bytes(), path.stat()
    path.write_bytes(original.replace(b"lighthouses", b"windmills!!"))
    other = index_of(tmp_path, library)
    assert other.sync(versions(library)).updated == 1
    other.close()
    # Back to the very file the first object indexed: same size, time and content.
    path.write_bytes(original)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    report = mine.sync(versions(library))
    assert (report.updated, report.unchanged) == (1, 2)
    assert [h.rel for h in mine.search("lighthouses").hits] == ["a.en.md"]
    assert not mine.search("windmills").hits
    again = mine.sync(versions(library))
    assert (again.updated, again.unchanged) == (0, 3)
    mine.close()


def test_same_size_and_mtime_but_new_content_is_updated(tmp_path: Path, library: Path) -> None:
    ix = index_of(tmp_path, library)
    ix.sync(versions(library))
    path = library / "b.en.md"
    stat = path.stat()
    path.write_text(path.read_text().replace("harbours", "pictures"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    report = ix.sync(versions(library))
    assert report.updated == 1
    assert [h.rel for h in ix.search("pictures").hits] == ["b.en.md"]


def _index_files(ix: SearchIndex) -> list[Path]:
    return sorted(p for p in ix.dir.iterdir() if p.is_file() and p.name != "lector-index.json")


@pytest.mark.parametrize("damage", ["truncate", "garbage", "delete-toc", "delete-segment"])
def test_damaged_index_is_rebuilt(tmp_path: Path, library: Path, damage: str) -> None:
    ix = index_of(tmp_path, library)
    ix.sync(versions(library))
    ix.close()
    files = _index_files(ix)
    toc = [p for p in files if p.name.endswith(".toc")]
    segments = [p for p in files if p.suffix == ".seg"]
    if damage == "truncate":
        for p in files:
            p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])
    elif damage == "garbage":
        for p in files:
            p.write_bytes(b"\x80garbage" * 20)
    elif damage == "delete-toc":
        for p in toc:
            p.unlink()
    else:
        for p in segments:
            p.unlink()
    fresh = index_of(tmp_path, library)
    assert fresh.state() is IndexState.DAMAGED
    result = fresh.search("lighthouses")
    assert SearchNotice.DAMAGED in result.notices or result.hits
    report = fresh.sync(versions(library))
    assert report.state is IndexState.DAMAGED and report.rebuilt and report.added == 3
    assert [h.rel for h in fresh.search("lighthouses").hits] == ["a.en.md"]
    assert not fresh.dir.with_name(fresh.dir.name + ".new").exists()


def test_damage_found_while_searching_triggers_rebuild(tmp_path: Path, library: Path) -> None:
    ix = index_of(tmp_path, library)
    ix.sync(versions(library))
    assert ix.search("lighthouses").hits
    for p in ix.dir.iterdir():
        if p.is_file() and p.name != "lector-index.json":
            p.write_bytes(b"\0" * 64)
    ix._close_searcher()
    result = ix.search("lighthouses")
    assert SearchNotice.DAMAGED in result.notices and not result.hits
    report = ix.sync(versions(library))
    assert report.state is IndexState.DAMAGED and report.rebuilt
    assert ix.search("lighthouses").hits


def test_old_schema_is_replaced(tmp_path: Path, library: Path) -> None:
    ix = index_of(tmp_path, library)
    older = ix.dir.with_name(ix.dir.name.replace(f"-v{SCHEMA_VERSION}", "-v0"))
    older.mkdir(parents=True)
    (older / "stale").write_text("from an older version")
    assert ix.state() is IndexState.OLD
    report = ix.sync(versions(library))
    assert report.state is IndexState.OLD and report.rebuilt
    assert not older.exists()


def test_interrupted_build_carries_on(tmp_path: Path, library: Path) -> None:
    for i in range(12):
        write(library / f"extra{i}.en.md", f"# Extra {i}\n\nFiller number {i} about gardens.\n")
    ix = index_of(tmp_path, library, commit_every=5)
    calls = {"n": 0}

    def stop_after_some() -> bool:
        calls["n"] += 1
        return calls["n"] > 7

    first = ix.sync(versions(library), cancelled=stop_after_some)
    assert first.cancelled and not first.rebuilt
    second = index_of(tmp_path, library, commit_every=5)
    report = second.sync(versions(library))
    # what was indexed before the stop was committed (in batches, and at the stop)
    assert report.rebuilt and report.unchanged == 7 and report.added == 8
    assert second.document_count() == 15


def test_busy_writer_times_out(tmp_path: Path, library: Path) -> None:
    ix = index_of(tmp_path, library, write_timeout=0.2)
    ix.sync(versions(library))
    holder = index_of(tmp_path, library)
    lock = holder._acquire_process_lock(None)
    assert lock is not None
    try:
        write(library / "b.en.md", "# Beta\n\nChanged.\n")
        report = ix.sync(versions(library))
        assert report.busy and report.updated == 0
        assert ix.search("harbours").hits  # still searchable meanwhile
    finally:
        lock.release()
    assert ix.sync(versions(library)).updated == 1


def test_kill_during_indexing_loses_no_committed_document(tmp_path: Path, library: Path) -> None:
    for i in range(40):
        write(library / f"n{i}.en.md", f"# Note {i}\n\nA note about rivers number {i}.\n")
    data = tmp_path / "data"
    code = f"""
import os, sys
from pathlib import Path
from reader.library import load_library
from reader.search import SearchIndex
ix = SearchIndex.for_library(Path({str(data)!r}), Path({str(library)!r}), commit_every=10)
count = 0
def progress(done, total):
    global count
    count = done
def cancelled():
    if count >= 25:
        os.kill(os.getpid(), 9)
    return False
ix.sync(load_library(Path({str(library)!r})).versions(), progress=progress, cancelled=cancelled)
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, timeout=300)
    assert proc.returncode == -9
    ix = SearchIndex.for_library(data, library)
    report = ix.sync(versions(library))
    assert report.rebuilt and report.unchanged >= 20 and ix.document_count() == 43


def test_library_seen_at_another_path_keeps_its_index(tmp_path: Path, library: Path) -> None:
    index_dir = tmp_path / "data" / "indexes" / "portable-v1"
    SearchIndex(index_dir, library).sync(versions(library))
    moved = tmp_path / "stick" / "library"
    moved.parent.mkdir()
    library.rename(moved)
    again = SearchIndex(index_dir, moved)
    report = again.sync(versions(moved))
    assert report.state is IndexState.READY and report.unchanged == 3
    assert [h.path for h in again.search("lighthouses").hits] == [moved / "a.en.md"]


def _stop_before_recording(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the next sync stop right after Whoosh's commit, as a kill at that moment would."""
    from reader.search import engine

    def killed(ix: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "_seal", killed)


def test_stop_between_commit_and_record_carries_on(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ix = index_of(tmp_path, library)
    ix.sync(versions(library))
    ix.close()
    write(library / "c.en.md", "# Gamma\n\nThe gamma document talks about canals.\n")
    with monkeypatch.context() as patch:
        _stop_before_recording(patch)
        with pytest.raises(KeyboardInterrupt):
            index_of(tmp_path, library).sync(versions(library))
    fresh = index_of(tmp_path, library)
    assert fresh.state() is IndexState.READY  # read through and recorded, not rebuilt
    assert [h.rel for h in fresh.search("canals").hits] == ["c.en.md"]
    report = fresh.sync(versions(library))
    assert not report.rebuilt and report.unchanged == 4
    fresh.close()
    # Recorded now: damage to any file of that commit is found at open again.
    segment = max((p for p in fresh.dir.iterdir() if p.suffix == ".seg"), key=os.path.getmtime)
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0x10
    segment.write_bytes(bytes(data))
    assert index_of(tmp_path, library).state() is IndexState.DAMAGED


def test_unrecorded_commit_that_does_not_read_is_rebuilt(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ix = index_of(tmp_path, library)
    ix.sync(versions(library))
    ix.close()
    recorded = {p.name for p in ix.dir.iterdir()}
    write(library / "c.en.md", "# Gamma\n\nThe gamma document talks about canals.\n")
    with monkeypatch.context() as patch:
        _stop_before_recording(patch)
        with pytest.raises(KeyboardInterrupt):
            index_of(tmp_path, library).sync(versions(library))
    added = [p for p in ix.dir.iterdir() if p.suffix == ".seg" and p.name not in recorded]
    assert added
    for p in added:
        p.write_bytes(p.read_bytes()[: p.stat().st_size // 3])
    fresh = index_of(tmp_path, library)
    assert fresh.state() is IndexState.DAMAGED
    report = fresh.sync(versions(library))
    assert report.rebuilt and report.added == 4
    assert [h.rel for h in fresh.search("canals").hits] == ["c.en.md"]
    fresh.close()


def segment_sizes(ix: SearchIndex) -> list[tuple[int, int]]:
    """(versions, of which deleted) per segment of the last commit."""
    ix.state()
    with ix._lock:
        reader = ix._searcher.reader()
        return [
            (leaf.doc_count_all(), leaf.doc_count_all() - leaf.doc_count())
            for leaf, _ in reader.leaf_readers()
        ]


def test_a_build_is_not_merged_as_it_goes(tmp_path: Path, library: Path) -> None:
    for i in range(8):
        write(library / f"n{i}.en.md", f"# Note {i}\n\nA note about rivers number {i}.\n")
    ix = index_of(tmp_path, library, commit_every=3)
    assert ix.sync(versions(library)).added == 11
    assert sorted(segment_sizes(ix)) == [(2, 0), (3, 0), (3, 0), (3, 0)]
    ix.close()


def test_a_build_commits_early_when_its_postings_pass_the_memory_limit(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.search import engine

    monkeypatch.setattr(engine, "WRITER_MB", 0)  # every version passes it
    ix = index_of(tmp_path, library, commit_every=1000)
    assert ix.sync(versions(library)).added == 3
    assert sorted(segment_sizes(ix)) == [(1, 0), (1, 0), (1, 0)]
    assert {hit.rel for hit in ix.search("document").hits} == {"a.en.md", "a.es.md", "b.en.md"}
    ix.close()


def test_small_segments_are_merged_once_they_pile_up(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.search import engine

    monkeypatch.setattr(engine, "MERGE_AFTER", 4)
    ix = index_of(tmp_path, library)
    ix.sync(versions(library))
    counts = []
    for i in range(9):
        write(library / f"n{i}.en.md", f"# Note\n\nA note, number{i}.\n")
        assert ix.sync(versions(library)).added == 1
        counts.append(len(segment_sizes(ix)))
    # Each sync adds a segment; one that finds four small ones merges them into its own.
    assert counts == [2, 3, 4, 1, 2, 3, 4, 1, 2]
    assert sum(n - deleted for n, deleted in segment_sizes(ix)) == 12
    assert [h.rel for h in ix.search("number8").hits] == ["n8.en.md"]
    assert [h.rel for h in ix.search("number0").hits] == ["n0.en.md"]
    ix.close()


def test_a_segment_whose_versions_are_all_deleted_is_dropped(tmp_path: Path, library: Path) -> None:
    ix = index_of(tmp_path, library)
    ix.sync(versions(library))
    for i in range(5):
        write(library / "b.en.md", f"# Beta\n\nThe beta document, edit number{i}.\n")
        assert ix.sync(versions(library)).updated == 1
        # The last edit's segment, and the first one without the first beta.
        assert sorted(segment_sizes(ix)) == [(1, 0), (3, 1)]
    assert [h.rel for h in ix.search("number4").hits] == ["b.en.md"]
    assert not ix.search("number3").hits
    (library / "b.en.md").unlink()
    assert ix.sync(versions(library)).removed == 1
    assert segment_sizes(ix) == [(3, 1)]
    assert ix.document_count() == 2
    ix.close()


def test_a_mostly_deleted_segment_is_merged(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.search import engine

    monkeypatch.setattr(engine, "SMALL_SEGMENT", 2)
    ix = index_of(tmp_path, library)
    ix.sync(versions(library))
    assert segment_sizes(ix) == [(3, 0)]
    write(library / "a.en.md", "# Alpha\n\nThe alpha document, edited.\n")
    ix.sync(versions(library))
    assert sorted(segment_sizes(ix)) == [(1, 0), (3, 1)]  # one deleted of three: kept
    write(library / "b.en.md", "# Beta\n\nThe beta document, edited.\n")
    ix.sync(versions(library))
    # Two of three deleted: the segment's last version moves into the new segment.
    assert sorted(segment_sizes(ix)) == [(1, 0), (2, 0)]
    assert {h.rel for h in ix.search("edited").hits} == {"a.en.md", "b.en.md"}
    assert [h.rel for h in ix.search("faros").hits] == ["a.es.md"]
    ix.close()


def test_a_fresh_process_reads_the_stored_versions_once(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.search import engine

    index_of(tmp_path, library).sync(versions(library))
    read = []
    real = engine._signature
    monkeypatch.setattr(engine, "_signature", lambda item: read.append(item[0]) or real(item))
    ix = index_of(tmp_path, library)  # as a new process opens it
    report = ix.sync(versions(library))
    assert report.unchanged == 3 and not (report.added or report.updated or report.removed)
    assert len(read) == 3  # by the check at open; the sync used what it read


def test_signatures_read_at_open_are_not_used_for_a_later_commit(
    tmp_path: Path, library: Path
) -> None:
    first = index_of(tmp_path, library)
    first.sync(versions(library))
    first.close()
    reader = index_of(tmp_path, library)
    assert reader.state() is IndexState.READY  # reads the signatures of this commit
    writer = index_of(tmp_path, library)  # another process commits a change
    write(library / "b.en.md", "# Beta\n\nThe beta document now talks about canals.\n")
    assert writer.sync(versions(library)).updated == 1
    report = reader.sync(versions(library))
    # The change is already indexed: nothing to do, and nothing indexed twice.
    assert (report.unchanged, report.updated, report.added) == (3, 0, 0)
    assert [h.rel for h in reader.search("canals").hits] == ["b.en.md"]
    assert reader.document_count() == 3


def test_a_commit_reopens_only_the_segments_it_changed(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.search import engine

    monkeypatch.setattr(engine, "SMALL_SEGMENT", 2)
    monkeypatch.setattr(engine, "MERGE_AFTER", 2)
    for i in range(4):
        write(library / f"n{i}.en.md", f"# Note {i}\n\nA note about rivers number{i}.\n")
    ix = index_of(tmp_path, library, commit_every=2)
    ix.sync(versions(library))
    ix.state()

    def leaves() -> list:
        return [leaf for leaf, _ in ix._searcher.reader().leaf_readers()]

    before = leaves()
    assert len(before) == 4
    # A note in a segment of two: the segment is left with one version.
    holder, rel = next(
        (leaf, stored["rel"])
        for leaf in before
        if leaf.doc_count_all() == 2
        for _, stored in leaf.iter_docs()
        if stored["rel"].startswith("n")
    )
    write(library / rel, "# Changed\n\nNow about canals.\n")
    assert ix.sync(versions(library)).updated == 1
    after = leaves()
    # Three segments kept their readers; the one that lost a version and the new one
    # were opened.
    assert [leaf for leaf in after if leaf in before] == [x for x in before if x is not holder]
    assert len(after) == 5 and holder.is_closed
    assert [h.rel for h in ix.search("canals").hits] == [rel]
    assert ix.document_count() == 7
    assert rel.startswith("n") and not ix.search(f"number{rel[1]}").hits  # the old text
    # The next commit merges the small segments: their readers are closed, none is
    # counted twice.
    write(library / "a.es.md", "# Alfa\n\nEl documento alfa habla de canales.\n")
    assert ix.sync(versions(library)).updated == 1
    assert ix.document_count() == 7
    assert all(leaf.is_closed for leaf in after if leaf not in leaves())
    assert [h.rel for h in ix.search("canales", lang="es").hits] == ["a.es.md"]
    assert [h.rel for h in ix.search("canals", lang="en").hits] == [rel]
    assert sum(leaf.doc_count() for leaf in leaves()) == 7
    ix.close()


def test_suggestions_after_a_sync_list_only_the_new_segment(tmp_path: Path, library: Path) -> None:
    """The word list made for "did you mean" is kept through a sync of a few files: the
    segment the sync wrote gets a list of its own, and words since deleted are passed
    over."""
    ix = index_of(tmp_path, library)
    ix.sync(versions(library))
    assert ix.search("lighthoses").suggestion == "lighthouses"
    main_list = ix._spelling._main
    assert main_list is not None

    write(library / "c.en.md", "# Gamma\n\nThe gamma document talks about windmills.\n")
    (library / "a.en.md").unlink()
    report = ix.sync(versions(library))
    assert (report.added, report.removed) == (1, 1)
    assert ix.search("windnills").suggestion == "windmills"
    assert ix._spelling._main is main_list  # only the new segment was listed
    assert ix.search("lighthoses").suggestion is None  # its only version is gone
    assert ix.search("harbors").suggestion == "harbours"

    ix.sync(versions(library), rebuild=True)  # a new index: listed anew
    assert ix.search("windnills").suggestion == "windmills"
    assert ix._spelling._main is not main_list


def test_an_index_of_an_older_schema_is_rebuilt_and_searches(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index of an older schema (here Whoosh's own pickled posting values) is
    found old, rebuilt in Lector's posting format, and searched."""
    from whoosh import formats

    from reader.search import engine

    write(library / "c.en.md", "# Gamma\n\nSeveral old lighthouses keepers wrote letters.\n")

    make_schema = engine.make_schema

    def previous_schema():
        schema = make_schema()
        for name in schema.names():
            if name.startswith("title_"):
                schema[name].format = formats.Positions(field_boost=2.0)
            elif name.startswith("body_"):
                schema[name].format = formats.Characters()
        return schema

    with monkeypatch.context() as patch:
        patch.setattr(engine, "SCHEMA_VERSION", SCHEMA_VERSION - 1)
        patch.setattr(engine, "make_schema", previous_schema)
        old = index_of(tmp_path, library)
        assert old.sync(versions(library)).rebuilt
        assert [h.rel for h in old.search('"old lighthouses"').hits] == ["c.en.md"]
        with old._lock:
            assert type(old._searcher.reader().schema["body_en"].format) is formats.Characters
        old.close()
        old_dir = old.dir
    ix = index_of(tmp_path, library)
    assert ix.dir != old_dir and old_dir.exists()
    assert ix.state() is IndexState.OLD
    report = ix.sync(versions(library))
    assert report.state is IndexState.OLD and report.rebuilt and report.added == 4
    assert not old_dir.exists()
    with ix._lock:
        body = ix._searcher.reader().schema["body_en"].format
    assert isinstance(body, engine.CharacterPostings)
    hits = ix.search('"old lighthouses"').hits
    assert [h.rel for h in hits] == ["c.en.md"]
    assert hits[0].snippet.marked() == "Gamma · Several [old] [lighthouses] keepers wrote letters."
    assert {h.rel for h in ix.search("lighthouse*").hits} == {"a.en.md", "c.en.md"}
    ix.close()


def test_a_rebuild_is_not_read_again_to_check_it(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files a rebuild has just recorded are trusted by the object that wrote them;
    any other opening checks every file against the record."""
    from reader.search import engine

    checked = []
    real_check = engine._check_manifest
    monkeypatch.setattr(
        engine, "_check_manifest", lambda folder: checked.append(1) or real_check(folder)
    )
    ix = index_of(tmp_path, library)
    report = ix.sync(versions(library))
    assert report.rebuilt and report.documents == 3 and checked == []
    assert [h.rel for h in ix.search("lighthouses").hits] == ["a.en.md"]
    ix.close()
    assert ix.state() is IndexState.READY  # opened again: checked this time
    assert checked == [1]
    again = index_of(tmp_path, library)
    assert again.state() is IndexState.READY and checked == [1, 1]
    # Damage is still found by the next opening, whoever wrote the files.
    segment = next(p for p in again.dir.iterdir() if p.suffix == ".seg")
    again.close()
    segment.write_bytes(segment.read_bytes()[:-10])
    assert index_of(tmp_path, library).state() is IndexState.DAMAGED
