"""A large build shared among indexing processes: same index, stops, kills, leftovers."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.library import load_library
from reader.search import IndexState, SearchIndex, engine, indexer

from .conftest import REPO, write

WORDS = ["river", "harbour", "lighthouse", "garden", "bridge", "market", "tower", "island"]
WORDS += ["valley", "forest"]
QUERIES = ["river", "harbour garden", '"lighthouse garden"', "isl*", "tower -forest", "faro"]


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    for i in range(36):
        words = " ".join(WORDS[(i * k) % len(WORDS)] for k in range(1, 8))
        write(root / f"n{i:02}.en.md", f"# Note {i}\n\nA note about {words}, number {i}.\n")
        if i % 3 == 0:
            write(root / f"n{i:02}.es.md", f"# Nota {i}\n\nUna nota sobre el faro y el río {i}.\n")
    return root


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """The indexing processes each build starts (as if on a machine with two processors)."""
    monkeypatch.setattr(engine, "_processors", lambda: 2)
    pids: list[list[int]] = []
    real = indexer.IndexingProcesses.__init__

    def recording(self: indexer.IndexingProcesses, count: int) -> None:
        real(self, count)
        pids.append(self.pids)

    monkeypatch.setattr(indexer.IndexingProcesses, "__init__", recording)
    return pids


def shared(folder: Path, root: Path, **kwargs: object) -> SearchIndex:
    return SearchIndex(folder, root, parallel_from=1, commit_every=5, **kwargs)  # type: ignore[arg-type]


def results(ix: SearchIndex) -> dict[str, list[tuple[str, float]]]:
    return {q: [(h.rel, h.score) for h in ix.search(q, limit=100).hits] for q in QUERIES}


def stored(ix: SearchIndex) -> list[str]:
    ix.state()
    with ix._lock:
        return [fields["rel"] for _num, fields in ix._searcher.reader().iter_docs()]


def gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")


def test_a_shared_build_equals_a_build_in_one_process(
    tmp_path: Path, library: Path, started: list
) -> None:
    versions = load_library(library).versions()
    one = SearchIndex(tmp_path / "one", library, commit_every=5, processes=1)
    assert one.sync(versions).added == 48 and not started
    ix = shared(tmp_path / "two", library)
    seen: list[tuple[int, int]] = []
    report = ix.sync(versions, progress=lambda done, total: seen.append((done, total)))
    assert len(started) == 1 and len(started[0]) == 2
    assert report.rebuilt and report.added == 48 and ix.document_count() == 48
    # the same versions under the same numbers, so the same hits in the same order
    assert stored(ix) == stored(one)
    assert results(ix) == results(one) and all(results(ix).values())
    # each process indexed parts no larger than a commit, one segment each
    sizes = [segment.doc_count_all() for segment in ix._ix._segments()]
    assert sizes == [5] * 9 + [3]
    assert seen[-1] == (48, 48) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert all(gone(pid) for pid in started[0])
    assert not list(ix.dir.glob(engine.PARTS_PREFIX + "*"))
    # a later sync is a small one, in this process
    write(library / "n01.en.md", "# Note 1\n\nNow about zeppelins only.\n")
    assert ix.sync(load_library(library).versions()).updated == 1 and len(started) == 1
    assert [h.rel for h in ix.search("zeppelins").hits] == ["n01.en.md"]


def test_small_builds_and_one_processor_stay_in_this_process(
    tmp_path: Path, library: Path, started: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    versions = load_library(library).versions()
    SearchIndex(tmp_path / "a", library, parallel_from=49).sync(versions)
    assert not started
    SearchIndex(tmp_path / "b", library, parallel_from=48).sync(versions)
    assert len(started) == 1
    monkeypatch.setattr(engine, "_processors", lambda: 1)
    assert shared(tmp_path / "c", library).sync(versions).added == 48 and len(started) == 1


def test_versions_that_cannot_be_read_are_reported(
    tmp_path: Path, library: Path, started: list
) -> None:
    versions = load_library(library).versions()
    (library / "n07.en.md").unlink()
    report = shared(tmp_path / "ix", library).sync(versions)
    assert started and report.failed == ["n07.en.md"] and report.added == 47


def test_cancel_stops_the_processes_and_the_next_sync_carries_on(
    tmp_path: Path, library: Path, started: list
) -> None:
    versions = load_library(library).versions()
    ix = shared(tmp_path / "ix", library)
    reached = {"done": 0}

    def progress(done: int, _total: int) -> None:
        reached["done"] = done

    report = ix.sync(versions, progress=progress, cancelled=lambda: reached["done"] >= 20)
    assert report.cancelled and not report.rebuilt and not ix.dir.exists()
    assert all(gone(pid) for pid in started[0])
    new = ix.dir.with_name(ix.dir.name + ".new")
    assert not list(new.glob(engine.PARTS_PREFIX + "*"))
    again = shared(tmp_path / "ix", library)
    report = again.sync(load_library(library).versions())
    # what was committed before the stop stays
    assert report.rebuilt and report.unchanged + report.added == 48
    assert again.document_count() == 48 and stored(again) == [v.rel for v in versions]


def test_files_left_by_a_stopped_build_do_not_stay(
    tmp_path: Path, library: Path, started: list
) -> None:
    versions = load_library(library).versions()
    ix = shared(tmp_path / "ix", library)
    assert ix.sync(versions, cancelled=lambda: bool(started)).cancelled
    new = ix.dir.with_name(ix.dir.name + ".new")
    # as a kill leaves them: a part being written, and a segment moved in but not committed
    write(new / f"{engine.PARTS_PREFIX}123-abcd" / "4567" / "MAIN_x1y2z3.seg", b"partial")
    write(new / "MAIN_x1y2z3.seg", b"never committed")
    # the rest is a few versions, indexed in this process
    again = shared(tmp_path / "ix", library, processes=1)
    assert again.sync(load_library(library).versions()).rebuilt
    assert again.document_count() == 48 and again.state() is IndexState.READY
    assert not (again.dir / "MAIN_x1y2z3.seg").exists()
    assert not list(again.dir.glob(".*")) and not new.exists()


def test_processes_that_cannot_run_leave_the_build_to_this_one(
    tmp_path: Path, library: Path, started: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer, "command", lambda: [sys.executable, "-c", "pass"])
    ix = shared(tmp_path / "ix", library)
    report = ix.sync(load_library(library).versions())
    assert started and report.rebuilt and report.added == 48 and ix.document_count() == 48
    assert results(ix)["river"]


def test_kill_during_a_shared_build_loses_no_committed_document(
    tmp_path: Path, library: Path
) -> None:
    folder = tmp_path / "ix"
    pids, tally = tmp_path / "pids", tmp_path / "committed"
    code = f"""
import os
from pathlib import Path
from reader.library import load_library
from reader.search import SearchIndex, engine, indexer
engine._processors = lambda: 2
real = indexer.IndexingProcesses.__init__
def recording(self, count):
    real(self, count)
    Path({str(pids)!r}).write_text(" ".join(map(str, self.pids)))
indexer.IndexingProcesses.__init__ = recording
add_part = engine.SearchIndex._add_part
committed = 0
def counting(self, ix, part, chunk, *args):
    global committed
    added = add_part(self, ix, part, chunk, *args)
    committed += len(chunk)
    return added
engine.SearchIndex._add_part = counting
ix = SearchIndex(Path({str(folder)!r}), Path({str(library)!r}), parallel_from=1, commit_every=5)
def cancelled():
    if committed >= 20:
        Path({str(tally)!r}).write_text(str(committed))
        os.kill(os.getpid(), 9)
    return False
ix.sync(load_library(Path({str(library)!r})).versions(), cancelled=cancelled)
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, timeout=300)
    assert proc.returncode == -9
    children = [int(pid) for pid in pids.read_text().split()]
    # left without their parent, the indexing processes stop at their next version
    deadline = time.monotonic() + 60
    while not all(map(gone, children)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(map(gone, children))
    ix = SearchIndex(folder, library, commit_every=5, processes=1)
    report = ix.sync(load_library(library).versions())
    assert report.rebuilt and report.unchanged >= int(tally.read_text()) >= 20
    assert ix.document_count() == 48
    assert ix.state() is IndexState.READY and not list(folder.glob(".*"))


def test_an_indexing_process_stops_when_its_requests_end(tmp_path: Path) -> None:
    processes = indexer.IndexingProcesses(1)
    (pid,) = processes.pids
    processes._to[0].close()
    deadline = time.monotonic() + 60
    while not gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gone(pid)
    processes.close()


def test_indexing_processes_use_this_reader_package_from_any_folder(
    tmp_path: Path, library: Path, started: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A working folder holding some other package named ``reader``.
    write(tmp_path / "elsewhere" / "reader" / "__init__.py", "raise ImportError('not Lector')\n")
    monkeypatch.chdir(tmp_path / "elsewhere")
    ix = shared(tmp_path / "ix", library)
    report = ix.sync(load_library(library).versions())
    assert started and report.processes == 2 and report.added == 48
