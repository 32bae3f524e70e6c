"""Shared fixtures: headless Qt, user folders under tmp_path, a real render worker."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The interface follows the system language by default; tests expect English unless they
# switch, whatever the machine's locale.
os.environ["LANGUAGE"] = "en"

from reader.paths import UserDirs, bundled_library_dir
from reader.render.service import RenderService

from .reliability import SCALES, TALLY

REPO = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("LECTOR_CORPORA", REPO.parent / "shared" / "corpora"))
OPENSOURCE_GUIDE = CORPORA / "opensource-guide"


def load_i18n_tool():
    """tools/i18n.py as a module (the tools folder is not a package)."""
    name = "lector_i18n_tool"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def pytest_sessionstart(session: pytest.Session) -> None:
    # The compiled translations are build outputs: make sure the tests see current ones.
    load_i18n_tool().release(quiet=True)


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


@pytest.fixture(params=SCALES)
def scale(request: pytest.FixtureRequest) -> str:
    """``reduced`` in ``make test``; ``full`` (marked stress) in ``make stress``."""
    return request.param


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TALLY:
        terminalreporter.section("reliability counts")
        for line in TALLY:
            terminalreporter.write_line(line)
