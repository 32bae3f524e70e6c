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
    count = scaled(scale, reduced=20, full=500)
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
        if state is IndexState.DAMAGED:
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
