"""Start-up of the packaged program beside the source tree, and the size of the package.

``python -m benchmarks.bench_startup [--quick]`` prints JSON; the harness calls
``run(quick)``. Each start is a fresh process with a fresh user folder, offscreen,
timed from just before the process is started to the window's first paint and to
the filled document list (the program reports both when ``LECTOR_STARTUP_PROBE`` is
set, then quits). Source and packaged starts alternate, so a change in the machine's
load hits both; the very first start of each (files not yet in the page cache, as
after a reboot) is reported apart from the median of the others.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.measure import tree_size

REPO = Path(__file__).resolve().parent.parent
ONEDIR = REPO / "dist" / "lector"
PROBE_ENV = "LECTOR_STARTUP_PROBE"


def onedir_bytes(folder: Path = ONEDIR) -> int:
    """The folder's size on disk as files, counting symbolic links once (as links)."""
    return tree_size(folder)


def start_once(command: list[str], *, timeout: float = 180) -> dict:
    """Seconds from launch to the first paint and to the filled list, for one start."""
    with tempfile.TemporaryDirectory(prefix="lector-bench-start-") as home:
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as in measure.probe_env
        env.update(
            {
                PROBE_ENV: "1",
                "LECTOR_HOME": home,
                "QT_QPA_PLATFORM": env.get("QT_QPA_PLATFORM", "offscreen"),
                "LANGUAGE": "en",
                "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
            }
        )
        t0 = time.monotonic()
        proc = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = " | ".join((proc.stderr or proc.stdout).strip().splitlines()[-3:])
        raise RuntimeError(f"{command[0]} exited {proc.returncode} without timings: {tail}")
    marks = json.loads(lines[-1])
    return {
        "painted": marks["painted"] - t0,
        "list_ready": marks["list_ready"] - t0,
        "documents": marks["documents"],
    }


def run(quick: bool = False) -> dict:
    out: dict = {}
    commands = {"source": [sys.executable, "-m", "reader", "gui"]}
    if (ONEDIR / "lector").is_file():
        size = onedir_bytes()
        out["onedir_mb"] = round(size / 1e6, 1)
        out["onedir_mib"] = round(size / 2**20, 1)
        commands["frozen"] = [str(ONEDIR / "lector"), "gui"]
    else:
        out["note"] = "no dist/lector: run make dist for the packaged figures"
    runs = 3 if quick else 7
    starts: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(runs + 1):
        for name, command in commands.items():
            starts[name].append(start_once(command))
    for name, results in starts.items():
        first, later = results[0], results[1:]
        out[f"{name}_first_ms"] = round(first["painted"] * 1000)
        out[f"{name}_painted_ms"] = round(statistics.median(r["painted"] for r in later) * 1000)
        out[f"{name}_list_ready_ms"] = round(
            statistics.median(r["list_ready"] for r in later) * 1000
        )
    if "frozen" in starts:
        out["frozen_vs_source"] = round(out["frozen_painted_ms"] / out["source_painted_ms"], 2)
    out["runs"] = runs
    return out


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv[1:]), indent=2))
