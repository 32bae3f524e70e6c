"""Folder walk: loops, links out, FIFOs, unreadable and NFD folders; each real file once."""

from __future__ import annotations

import os
import random
import sys
import unicodedata
from pathlib import Path

import pytest

from reader.library import ProblemKind
from reader.library.discover import FoundFile, walk
from reader.library.model import Problem

from .conftest import write
from .reliability import report, scaled, within

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="links and FIFOs")

NAMES = ["plan", "participación", "niño", "año", "ciudadanía", "data", "x"]


def nfd(name: str) -> str:
    return unicodedata.normalize("NFD", name)


def build_tree(root: Path, outside: Path, rng: random.Random) -> set[tuple[int, int]]:
    """A random hostile folder; returns the (device, inode) of every real Markdown file
    that a walk should find (reachable through folders inside the library)."""
    folders = [root]
    for i in range(rng.randint(2, 12)):
        parent = rng.choice(folders)
        name = rng.choice(NAMES) + str(i)
        folder = parent / (nfd(name) if rng.random() < 0.5 else name)
        folder.mkdir()
        folders.append(folder)
    expected: set[tuple[int, int]] = set()
    locked = rng.sample(folders[1:], k=min(len(folders) - 1, rng.randint(0, 2)))

    def unlocked(path: Path) -> bool:
        return not any(path.is_relative_to(folder) for folder in locked)

    for i in range(rng.randint(1, 30)):
        folder = rng.choice(folders)
        name = rng.choice(NAMES) + f"-{i}" + rng.choice([".md", ".en.md", ".es.markdown", ".txt"])
        path = write(folder / (nfd(name) if rng.random() < 0.5 else name), f"# {i}\n")
        if path.suffix in (".md", ".markdown"):
            expected.add((path.stat().st_dev, path.stat().st_ino))
    for i in range(rng.randint(1, 8)):
        folder = rng.choice(folders)
        kind = rng.choice(
            ["loop", "up", "out-dir", "out-file", "fifo", "dangling", "alias", "hide"]
        )
        link = (
            folder / f"{kind}-{i}.md"
            if kind in ("out-file", "fifo", "alias")
            else folder / f"{kind}-{i}"
        )
        if kind == "loop":
            # Into a locked folder (refused) or a readable one, not past a lock.
            targets = [f for f in folders if unlocked(f) or f in locked]
            link.symlink_to(rng.choice(targets), target_is_directory=True)
        elif kind == "up":
            link.symlink_to(Path(os.path.relpath(root.parent, folder)), target_is_directory=True)
        elif kind == "out-dir":
            link.symlink_to(outside, target_is_directory=True)
        elif kind == "out-file":
            link.symlink_to(outside / "secret.md")
        elif kind == "fifo":
            os.mkfifo(link)
        elif kind == "dangling":
            link.symlink_to(folder / "does-not-exist.md")
        elif kind == "alias" and expected:
            mds = [
                p
                for p in root.rglob("*.md")
                if p.is_file() and not p.is_symlink() and unlocked(p) and unlocked(link)
            ]
            if mds:
                link.symlink_to(rng.choice(mds))
        elif kind == "hide":
            write(folder / f".hidden-{i}" / "skip.md", "# hidden")
    # Files inside locked folders cannot be found.
    for folder in locked:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink() and not path.name.startswith("."):
                expected.discard((path.stat().st_dev, path.stat().st_ino))
    (root / "locked.list").write_text("\n".join(str(p) for p in locked))
    return expected


def test_folder_walk(tmp_path: Path, scale: str, monkeypatch: pytest.MonkeyPatch) -> None:
    trees = scaled(scale, reduced=25, full=200)
    outside = tmp_path / "outside"
    write(outside / "secret.md", "# Secret")
    write(outside / "more/secret2.md", "# Secret")
    real_scandir = os.scandir
    locked: set[str] = set()

    def scandir(path):  # the tests run as root, where chmod 000 does not lock anyone out
        if os.path.realpath(path) in locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    totals = {"files": 0, "links_outside": 0, "not_files": 0, "unreadable": 0}
    for n in range(trees):
        rng = random.Random(n)
        root = tmp_path / f"lib{n}"
        root.mkdir()
        expected = build_tree(root, outside, rng)
        locked = {os.path.realpath(p) for p in (root / "locked.list").read_text().splitlines() if p}
        items = within(60, lambda root=root: list(walk(root)))
        found = [i for i in items if isinstance(i, FoundFile)]
        problems = [i for i in items if isinstance(i, Problem)]
        root_real = os.path.realpath(root)
        idents = []
        for item in found:
            real = os.path.realpath(item.path)
            assert os.path.commonpath([real, root_real]) == root_real, item.path
            assert item.rel == unicodedata.normalize("NFC", item.rel)
            st = os.stat(item.path)
            idents.append((st.st_dev, st.st_ino))
        assert len(idents) == len(set(idents)), "a real file was listed twice"
        assert set(idents) == expected, f"tree {n}"
        kinds = [p.kind for p in problems]
        totals["files"] += len(found)
        totals["links_outside"] += kinds.count(ProblemKind.LINK_OUTSIDE)
        totals["not_files"] += kinds.count(ProblemKind.NOT_A_FILE)
        totals["unreadable"] += kinds.count(ProblemKind.UNREADABLE_FOLDER)
    report("folder walk", scale, trees=trees, **totals, outside_reads=0, duplicates=0)
