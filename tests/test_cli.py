"""``lector check`` on clean and broken folders, as a user would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, write


def lector(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, LECTOR_HOME=str(home)) if home is not None else None
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env=env,
    )


def test_check_clean_library_exits_zero(bundled: Path) -> None:
    result = lector("check", str(bundled))
    assert result.returncode == 0, result.stderr
    assert "EN ES  transparency" in result.stdout
    assert "EN     beneficial-ownership" in result.stdout
    assert "9 documents, 0 problems" in result.stdout


def test_check_reports_problems_as_json(tmp_path: Path) -> None:
    write(tmp_path / "ok.en.md", "# OK")
    write(tmp_path / "ok.es.md", "# Bien")
    write(tmp_path / "broken.md", b"---\ntitle: [\n---\n\xff")
    result = lector("check", str(tmp_path), "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    docs = {d["key"]: d for d in data["documents"]}
    assert docs["ok"]["languages"] == ["en", "es"]
    kinds = {(p["path"], p["kind"]) for p in data["problems"]}
    assert kinds == {("broken.md", "front-matter-syntax"), ("broken.md", "invalid-utf8")}
    assert all(p["reason"] for p in data["problems"])


def test_check_missing_folder(tmp_path: Path) -> None:
    result = lector("check", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "not a folder" in result.stderr


def test_core_packages_import_without_qt() -> None:
    code = (
        "import sys; sys.modules['PySide6'] = None\n"
        "import reader.library, reader.render, reader.render.service, reader.render.align\n"
        "import reader.render.versions, reader.paths, reader.sysdeps\n"
        "print('ok')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.stdout.strip() == "ok", result.stderr


@pytest.fixture
def two_libraries(tmp_path: Path) -> list[str]:
    budgets, notes = tmp_path / "budgets", tmp_path / "notes"
    write(budgets / "budget.en.md", "# Open budgets\n\nCitizens follow the budget of the city.\n")
    write(
        budgets / "budget.es.md",
        "# Presupuestos abiertos\n\nLa participación ciudadana mejora los presupuestos.\n",
    )
    write(notes / "walks.en.md", "# Walks\n\nCitizens walk along the river every morning.\n")
    write(notes / "shoes.es.md", "# Zapatos\n\nUn zapato rojo para la participación.\n")
    return ["--library", str(budgets), "--library", str(notes)]


def test_index_then_search_two_libraries_as_json(tmp_path: Path, two_libraries: list[str]) -> None:
    home = tmp_path / "home"
    built = lector("index", *two_libraries, home=home)
    assert built.returncode == 0, built.stderr
    result = lector("search", "budget citizens", *two_libraries, "--json", home=home)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    # one library has a version with every word: the other's version with only
    # "citizens" is left out, and nothing says no document has every word
    assert [(h["key"], h["lang"]) for h in hits] == [("budget", "en")]
    assert {"key", "lang", "title", "path", "score", "snippet"} <= hits[0].keys()
    assert hits[0]["title"] == "Open budgets" and hits[0]["path"].endswith("budget.en.md")
    assert "[Citizens]" in hits[0]["snippet"] and hits[0]["score"] > 0
    assert "every word" not in result.stderr
    # no version anywhere has both words: those with some, and the notice
    some = lector("search", "river presupuestos", *two_libraries, "--json", home=home)
    assert some.returncode == 0, some.stderr
    assert sorted(h["key"] for h in json.loads(some.stdout)) == ["budget", "walks"]
    assert "every word" in some.stderr


def test_search_language_accents_and_failures(tmp_path: Path, two_libraries: list[str]) -> None:
    home = tmp_path / "home"
    spanish = lector("search", "participacion", *two_libraries, "--lang", "es", home=home)
    assert spanish.returncode == 0, spanish.stderr
    assert "Presupuestos abiertos" in spanish.stdout and "Zapatos" in spanish.stdout
    assert "[participación]" in spanish.stdout and "Open budgets" not in spanish.stdout
    typo = lector("search", "zapatp", *two_libraries, "--json", home=home)
    assert typo.returncode == 1 and json.loads(typo.stdout) == []
    assert "Did you mean: zapato" in typo.stderr
    refused = lector("search", "*", *two_libraries, "--json", home=home)
    assert refused.returncode == 2 and json.loads(refused.stdout) == []
    assert refused.stderr.strip()
    hostile = lector("search", "NOT NOT (((citizens", *two_libraries, "--json", home=home)
    assert hostile.returncode == 0 and len(json.loads(hostile.stdout)) == 2


def test_output_into_a_closed_pipe_ends_quietly(bundled: Path, tmp_path: Path) -> None:
    """``lector search … | head`` may close the pipe before the hits are printed:
    no traceback follows."""
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "search", "participacion", "--json"],
        stdout=write_end,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=dict(os.environ, LECTOR_HOME=str(tmp_path / "home")),
    )
    os.close(write_end)
    os.close(read_end)  # before the program can have written anything
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err.decode()
