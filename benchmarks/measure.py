"""Small tools for measuring: percentiles, timing a call, running a probe process."""

from __future__ import annotations

import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile: a value that was actually measured."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def summary(seconds: list[float]) -> dict[str, float]:
    """p50, p95 and max in milliseconds, and how many samples."""
    if not seconds:
        return {"n": 0}
    return {
        "n": len(seconds),
        "p50_ms": statistics.median(seconds) * 1000,
        "p95_ms": percentile(seconds, 95) * 1000,
        "max_ms": max(seconds) * 1000,
    }


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def probe_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    # Python normally keeps compiled modules: without this, a machine that sets
    # PYTHONDONTWRITEBYTECODE would time compiling every module at every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(extra)
    return env


def run_probe(args: list[str], *, timeout: float = 600, home: bool = False) -> dict:
    """Run ``python -m benchmarks.probes ARGS`` and return its JSON (the last line printed).

    With ``home``, the process gets a fresh LECTOR_HOME, as on a first start.
    """
    with tempfile.TemporaryDirectory(prefix="lector-bench-home-") as tmp:
        extra = {"LECTOR_HOME": tmp} if home else {}
        env = probe_env(**extra)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        env["BENCH_T0"] = repr(time.monotonic())
        proc = subprocess.run(
            [sys.executable, "-m", "benchmarks.probes", *args],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"probe {args[0]} failed ({proc.returncode}): " + " | ".join(tail))
    out = json.loads(lines[-1])
    # CPU of the process and of the children it waited for (the render worker).
    out["cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return out


def tree_size(path: Path) -> int:
    """Bytes of the files under ``path``, counting a symbolic link once, as the link itself."""
    return sum(p.lstat().st_size for p in path.rglob("*") if not p.is_dir() or p.is_symlink())
