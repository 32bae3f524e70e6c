"""How Lector starts processes of its own (the render worker, the indexing processes)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def command(module: str, flag: str) -> list[str]:
    """The command line of a child running ``module``'s ``main``: the packaged program
    started again with ``flag`` (``reader.cli`` dispatches it), or this Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable, flag]
    return [sys.executable, "-m", module]


def environment() -> dict[str, str]:
    """This process's environment, for a child that must import this ``reader`` package.

    Its parent folder goes first on the module path, and the working folder is kept
    off it (``-m`` would put it first), since that folder may hold another package
    named ``reader``.
    """
    env = dict(os.environ)
    package_parent = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent, env.get("PYTHONPATH")]))
    env["PYTHONSAFEPATH"] = "1"
    return env
