"""``lector check`` on clean and broken folders, as a user would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import REPO, write


def lector(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
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
