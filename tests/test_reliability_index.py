"""Index damage and crashes while indexing: always detected, rebuilt, nothing lost."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from reader.library import load_library
from reader.search import IndexState, SearchIndex, SearchNotice

from .conftest import write
from .reliability import report, scaled

TOPICS = ["budget", "contracts", "participation", "transparency", "data", "audit"]
QUERIES = ["budget", "contracts data", '"open audit"', "transp*", "presupuesto", "zeta7", "-data"]


def make_library(root: Path, count: int) -> Path:
    for i in range(count):
        topic = TOPICS[i % len(TOPICS)]
        write(
            root / f"{topic}/doc{i:03d}.en.md",
            f"---\ntitle: {topic.title()} note {i}\ntags: [{topic}]\n---\n"
            f"# {topic.title()} {i}\n\nAn open audit of {topic} number {i}, word zeta{i}.\n",
        )
        write(
            root / f"{topic}/doc{i:03d}.es.md",
            f"# Nota {i}\n\nUn presupuesto abierto sobre {topic}, palabra zeta{i}.\n",
        )
    return root


def answers(ix: SearchIndex) -> list[tuple[object, ...]]:
    out = []
    for text in QUERIES:
        result = ix.search(text, limit=100)
        out.append((text, tuple(sorted((h.rel, h.all_terms) for h in result.hits)), result.total))
    return out


def damage(path: Path, kind: str, rng: random.Random) -> None:
    data = path.read_bytes()
    if kind == "truncate":
        path.write_bytes(data[: rng.randrange(len(data))] if data else b"")
    elif kind == "zero-tail":
        keep = rng.randrange(len(data)) if data else 0
        path.write_bytes(data[:keep] + b"\x00" * (len(data) - keep))
    elif kind == "bit-flips":
        out = bytearray(data or b"\x00")
        for _ in range(rng.randint(1, 8)):
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(out))
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "delete":
        path.unlink()
    else:
        raise AssertionError(kind)


DAMAGES = ["truncate", "zero-tail", "bit-flips", "empty", "delete"]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("damage")
    library = make_library(base / "library", 30)
    versions = load_library(library).versions()
    ix = SearchIndex(base / "template" / "ix", library, commit_every=15)
    assert ix.sync(versions).documents == 60
    expected = answers(ix)
    ix.close()
    return library, versions, base / "template" / "ix", expected


def test_index_damage_is_detected_and_rebuilt(tmp_path: Path, pristine, scale: str) -> None:
    library, versions, template, expected = pristine
    count = scaled(scale, reduced=15, full=500)
    rng = random.Random(500)
    tally = {"at_open": 0, "by_probe": 0, "rebuilt": 0}
    kinds: dict[str, int] = {}
    targets: dict[str, int] = {}
    for n in range(count):
        folder = tmp_path / f"case{n}" / "ix"
        shutil.copytree(template, folder)
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.name != "MAIN_WRITELOCK")
        # One in five damages deletes the table of contents, as the list asks.
        kind = "delete-toc" if n % 5 == 4 else rng.choice(DAMAGES)
        target = (
            next(p for p in files if p.suffix == ".toc")
            if kind == "delete-toc"
            else rng.choice(files)
        )
        damage(target, "delete" if kind == "delete-toc" else kind, rng)
        kinds[kind] = kinds.get(kind, 0) + 1
        suffix = target.suffix or target.name
        targets[suffix] = targets.get(suffix, 0) + 1

        ix = SearchIndex(folder, library)
        state = ix.state()
        if state is not IndexState.READY:  # damaged (or, for a changed version number, old)
            tally["at_open"] += 1
        else:
            # Not caught at open: the first search must say so, never answer wrongly.
            result = ix.search("budget")
            assert SearchNotice.DAMAGED in result.notices, (n, kind, target.name, state)
            tally["by_probe"] += 1
        sync = ix.sync(versions)
        assert sync.rebuilt and not sync.busy, (n, kind, target.name)
        assert sync.documents == 60
        assert answers(ix) == expected, (n, kind, target.name)
        tally["rebuilt"] += 1
        ix.close()
        shutil.rmtree(folder.parent)
    assert tally["rebuilt"] == count
    report(
        "index damage",
        scale,
        damages=count,
        **{f"kind_{k}": v for k, v in sorted(kinds.items())},
        **tally,
        undetected=0,
        wrong_results=0,
        crashes=0,
    )


INDEXER = """
import sys
from pathlib import Path
from reader.library import load_library
from reader.search import SearchIndex
library, folder, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
versions = load_library(library).versions()
ix = SearchIndex(folder, library, commit_every=10)
print("start", flush=True)
report = ix.sync(versions, rebuild=mode == "rebuild")
print("done", report.documents, flush=True)
"""

REPO = Path(__file__).resolve().parent.parent


def run_indexer(library: Path, folder: Path, mode: str, kill_after: float | None) -> float:
    """Index in a child process, killed with SIGKILL ``kill_after`` seconds into the sync.
    Returns 1.0 if it was killed before it finished, 0.0 if not; without a kill, how
    long the sync took (to spread later kill points over the work)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from .reliability import within

    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-c", INDEXER, str(library), str(folder), mode],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert within(120, proc.stdout.readline).strip() == "start"
        started = time.monotonic()
        if kill_after is None:
            within(300, proc.wait)
            return time.monotonic() - started
        time.sleep(kill_after)  # where the kill lands: random, not a timing check
        finished = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return 0.0 if finished else 1.0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()


def test_kill_during_indexing(tmp_path: Path, scale: str) -> None:
    rounds = scaled(scale, reduced=4, full=200)
    library = make_library(tmp_path / "library", 60)
    folder = tmp_path / "data" / "ix"
    duration = run_indexer(library, folder, "rebuild", None)
    rng = random.Random(200)
    tally = {"killed": 0, "finished_first": 0, "opened": 0, "rebuilt": 0, "stale_locks": 0}
    for n in range(rounds):
        mode = "rebuild" if n % 3 == 0 else "update"
        share = 1.0
        if mode == "update":  # give the indexer work: change some documents
            changed = rng.sample(range(60), k=rng.randint(5, 40))
            share = len(changed) / 120
            for i in changed:
                path = library / f"{TOPICS[i % len(TOPICS)]}/doc{i:03d}.en.md"
                path.write_text(path.read_text() + f"\nround{n} word.\n")
        killed = run_indexer(library, folder, mode, rng.uniform(0, duration * share * 1.2))
        tally["killed" if killed else "finished_first"] += 1

        versions = load_library(library).versions()
        ix = SearchIndex(folder, library)
        state = ix.state()
        if state is IndexState.READY:
            # Committed documents are all still there (updates replace, never drop).
            assert ix.document_count() == len(versions), (n, mode)
            tally["opened"] += 1
        sync = ix.sync(versions)
        assert not sync.busy, "a stale lock held the index"
        tally["rebuilt"] += int(sync.rebuilt)
        assert sync.documents == len(versions) == 120
        found = ix.search(f"round{n}", limit=200) if mode == "update" else None
        if found is not None:
            assert {h.rel for h in found.hits} == {
                v.rel for v in versions if f"round{n}" in v.path.read_text()
            }
        assert len(ix.search("zeta7").hits) == 2
        ix.close()
    report("kill -9 during indexing", scale, rounds=rounds, **tally, missing_documents=0)
