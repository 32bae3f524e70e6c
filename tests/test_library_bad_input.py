"""Bad files never stop a library from loading: each is reported with file and reason."""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path

import pytest

from reader.library import ProblemKind, Severity, load_library
from reader.library import loader as loader_module

from .conftest import write

GOOD = "---\ntitle: Good\n---\nA good document.\n"


def load_with(tmp_path: Path, name: str, content: str | bytes):
    write(tmp_path / "good.md", GOOD)
    write(tmp_path / name, content)
    lib = load_library(tmp_path)
    assert "good" in lib.documents, "one bad file must not stop the others"
    return lib


def kinds(lib) -> list[ProblemKind]:
    return [p.kind for p in lib.problems]


@pytest.mark.parametrize(
    ("content", "expected", "loaded"),
    [
        (b"---\ntitle: T\n---\nbad \xff\xfe byte", ProblemKind.INVALID_UTF8, True),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ProblemKind.BINARY, False),
        (b"", ProblemKind.EMPTY, True),
        (b"  \n\n", ProblemKind.EMPTY, True),
        ("---\ntitle: [unclosed\n---\nText", ProblemKind.FRONT_MATTER_SYNTAX, True),
        ("---\ntitle: T\nno closing line", ProblemKind.FRONT_MATTER_UNTERMINATED, True),
        ("---\n- a\n- b\n---\nText", ProblemKind.FRONT_MATTER_NOT_MAPPING, True),
        ("---\ntitle: A\ntitle: B\n---\n", ProblemKind.DUPLICATE_KEY, True),
        (
            "---\nx: !!python/object/apply:os.system [ls]\n---\n",
            ProblemKind.FRONT_MATTER_UNSAFE,
            True,
        ),
        ("---\ndate: someday\n---\n", ProblemKind.INVALID_FIELD, True),
        ("---\ntags: {a: 1}\n---\n", ProblemKind.INVALID_FIELD, True),
        ("---\nlang: fr\n---\n# Bonjour", ProblemKind.UNSUPPORTED_LANGUAGE, False),
    ],
)
def test_bad_file_is_reported(tmp_path: Path, content: str | bytes, expected, loaded) -> None:
    lib = load_with(tmp_path, "bad.md", content)
    assert expected in kinds(lib)
    problem = next(p for p in lib.problems if p.kind == expected)
    assert problem.path == tmp_path / "bad.md"
    assert ("bad" in lib.documents) is loaded
    assert (problem.severity is Severity.WARNING) is loaded


def test_invalid_utf8_reports_line_and_keeps_the_text(tmp_path: Path) -> None:
    lib = load_with(tmp_path, "bad.md", b"line one\nline two \xc3\x28 here\n")
    problem = lib.problems[0]
    assert (problem.kind, problem.line) == (ProblemKind.INVALID_UTF8, 2)
    assert lib.documents["bad"].title("en") == "bad"


def test_boms_and_line_endings(tmp_path: Path) -> None:
    write(tmp_path / "u8.md", codecs.BOM_UTF8 + b"---\r\ntitle: Con BOM\r\n---\r\nTexto\r\n")
    write(tmp_path / "u16.md", "---\ntitle: Dieciséis\n---\nTexto".encode("utf-16"))
    write(tmp_path / "cr.md", b"---\rtitle: Old Mac\r---\rText\r")
    lib = load_library(tmp_path)
    titles = {k: d.title("en") for k, d in lib.documents.items()}
    assert titles == {"u8": "Con BOM", "u16": "Dieciséis", "cr": "Old Mac"}
    assert lib.problems == []


def test_deeply_nested_yaml_is_reported_not_fatal(tmp_path: Path) -> None:
    # Deep enough to crash the C YAML parser if it were given this (measured).
    deep = "---\nx: " + "[" * 20000 + "]" * 20000 + "\n---\nBody"
    lib = load_with(tmp_path, "deep.md", deep)
    assert ProblemKind.FRONT_MATTER_TOO_DEEP in kinds(lib)
    assert "deep" in lib.documents


def test_yaml_alias_bomb_is_harmless(tmp_path: Path) -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 12):
        bomb += f"{'a' * (i + 1)}: &{'a' * (i + 1)} [{', '.join(['*' + 'a' * i] * 9)}]\n"
    bomb += "title: Bomb\n---\nBody"
    lib = load_with(tmp_path, "bomb.md", bomb)
    assert lib.documents["bomb"].title("en") == "Bomb"


def test_too_large_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader_module, "MAX_FILE_BYTES", 1000)
    lib = load_with(tmp_path, "huge.md", "x" * 5000)
    assert ProblemKind.TOO_LARGE in kinds(lib)
    assert "huge" not in lib.documents


@pytest.mark.parametrize("limit", [None, 1000])
def test_file_grown_since_its_size_was_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int | None
) -> None:
    # The file is read by the size it had; reading goes on when it has grown.
    if limit:
        monkeypatch.setattr(loader_module, "MAX_FILE_BYTES", limit)
    text = "---\ntitle: Grown\n---\n" + "word " * 400
    write(tmp_path / "grown.md", text)
    real_fstat = os.fstat

    def fstat(fd: int) -> os.stat_result:
        status = real_fstat(fd)
        return os.stat_result((status.st_mode, *status[1:6], 10, *status[7:10]))

    monkeypatch.setattr(os, "fstat", fstat)
    lib = load_library(tmp_path)
    if limit:
        assert kinds(lib) == [ProblemKind.TOO_LARGE]
    else:
        assert kinds(lib) == []
        assert lib.documents["grown"].title("en") == "Grown"
        assert loader_module.read_body(tmp_path / "grown.md").split() == ["word"] * 400


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_symlink_loop_and_links_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "secret.md", "# Secret")
    lib_root = tmp_path / "lib"
    write(lib_root / "sub/doc.md", "# Doc")
    (lib_root / "sub/loop").symlink_to(lib_root, target_is_directory=True)
    (lib_root / "escape").symlink_to(outside, target_is_directory=True)
    (lib_root / "secret-link.md").symlink_to(outside / "secret.md")
    (lib_root / "alias.md").symlink_to(lib_root / "sub/doc.md")  # same real file twice
    lib = load_library(lib_root)
    assert list(lib.documents) in (["alias"], ["sub/doc"])  # one real file, once
    assert not any("secret" in d.title("en").lower() for d in lib.documents.values())
    outside_problems = [p for p in lib.problems if p.kind is ProblemKind.LINK_OUTSIDE]
    assert {p.path.name for p in outside_problems} == {"escape", "secret-link.md"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_fifo_named_markdown_does_not_hang(tmp_path: Path) -> None:
    write(tmp_path / "good.md", GOOD)
    os.mkfifo(tmp_path / "pipe.md")
    lib = load_library(tmp_path)
    assert kinds(lib) == [ProblemKind.NOT_A_FILE]
    assert "good" in lib.documents


def test_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "good.md", GOOD)
    write(tmp_path / "locked/doc.md", GOOD)
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    lib = load_library(tmp_path)
    assert kinds(lib) == [ProblemKind.UNREADABLE_FOLDER]
    assert list(lib.documents) == ["good"]


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "good.md", GOOD)
    write(tmp_path / "locked.md", GOOD)
    real_read = loader_module._read_bytes

    def read(path: Path) -> bytes:
        if path.name == "locked.md":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(loader_module, "_read_bytes", read)
    lib = load_library(tmp_path)
    assert kinds(lib) == [ProblemKind.UNREADABLE]
    assert lib.problems[0].detail == "Permission denied"


def test_nfd_file_names_become_nfc_keys(tmp_path: Path) -> None:
    write(tmp_path / "participacio\u0301n.es.md", "# Participación")
    lib = load_library(tmp_path)
    assert list(lib.documents) == ["participación"]


def test_files_are_never_modified(tmp_path: Path) -> None:
    samples = {
        "a.md": b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody\xff",
        "b.md": b"---\ntitle: [\n---\n",
        "c.md": b"",
    }
    for name, data in samples.items():
        write(tmp_path / name, data)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    load_library(tmp_path)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    assert before == after


@pytest.mark.parametrize(
    "content",
    [
        "---\ntitle: Plain\ntags: [a, b]\n---\n\n# Heading\n\nBody text.\n",
        "+++\ntitle = 'TOML'\n+++\nBody after TOML.\n",
        "---\ntitle: [never closed\n---\nBody after broken YAML.\n",
        "---\ntitle: no end\n\nThe front matter never ends.\n",
        "---\n- a list\n- not a mapping\n---\nBody.\n",
        "No front matter at all.\n",
        "",
        "   \n\n",
        b"---\ntitle: bad bytes\n---\nCaf\xe9 con leche.\n",
        codecs.BOM_UTF16_LE + "---\ntitle: t\n---\nDieciséis.\n".encode("utf-16-le"),
    ],
)
def test_indexing_reads_the_same_body_as_a_full_parse(tmp_path: Path, content) -> None:
    path = write(tmp_path / "doc.md", content)
    parsed = loader_module.parse_file(path)
    assert isinstance(parsed, loader_module.ParsedFile)
    assert loader_module.read_body(path) == parsed.body


def test_indexing_reads_no_body_from_what_is_not_text(tmp_path: Path) -> None:
    assert loader_module.read_body(write(tmp_path / "bin.md", b"\x00\x01binary")) is None
    assert loader_module.read_body(tmp_path / "gone.md") is None
    assert loader_module.read_body(tmp_path) is None
