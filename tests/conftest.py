"""Shared fixtures: headless Qt, user folders under tmp_path, a real render worker."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from reader.paths import UserDirs, bundled_library_dir
from reader.render.service import RenderService

REPO = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("LECTOR_CORPORA", REPO.parent / "shared" / "corpora"))
OPENSOURCE_GUIDE = CORPORA / "opensource-guide"


@pytest.fixture(scope="session")
def renderer() -> Iterator[RenderService]:
    service = RenderService()
    service.start()
    yield service
    service.close()


@pytest.fixture
def dirs(tmp_path: Path) -> UserDirs:
    user = UserDirs.under(tmp_path / "user")
    user.ensure()
    return user


@pytest.fixture
def bundled() -> Path:
    return bundled_library_dir()


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path
