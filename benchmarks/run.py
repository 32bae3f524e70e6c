"""The benchmark harness: ``python -m benchmarks.run [--docs N] [--quick]``.

Builds a bilingual corpus in a temporary library folder, then measures what a reader
feels (search latency, indexing, sync, start-up, the EN/ES switch, memory) beside
SQLite FTS5 on the same corpus and queries in the same run, and prints a table with
each target's verdict; the figures also go to a JSON file. Absolute times depend on
the machine and its load: compare the ratios, and runs made on one machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import importlib.util
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from benchmarks import corpus as corpus_mod
from benchmarks import fts5, lector_search
from benchmarks.measure import REPO, run_probe, summary, timed, tree_size
from benchmarks.report import evaluate_targets, render_table

# Extra measurements owned by other parts of the code base, each a module with
# ``run(quick: bool) -> dict``; picked up when present.
STARTUP_DOCS = 1000

PLUGINS = {"glossary": "benchmarks.bench_glossary", "package": "benchmarks.bench_startup"}


@dataclass
class Config:
    docs: int
    quick: bool
    seed: int
    workdir: Path
    json_path: Path
    passes: int  # timed passes over the query set
    per_kind: int  # queries per class and language
    start_runs: int  # cold starts (and bare windows) measured
    toggle_rounds: int
    cell_budget_s: float  # most time spent repeating one query class on one engine
    skip: frozenset[str]


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(config: Config) -> dict:
    results: dict = {
        "meta": {
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "docs": config.docs,
            "quick": config.quick,
            "seed": config.seed,
            "python": platform.python_version(),
            "machine": f"{platform.machine()}, {platform.system()} {platform.release()}",
            "sqlite": fts5.sqlite3.sqlite_version,
            "load_before": os.getloadavg()[0],
        }
    }

    def step(message: str) -> None:
        # What is measured so far survives a run that is stopped or fails later.
        _save(results | {"partial": True}, config.json_path)
        _log(message)

    work = config.workdir
    library_dir = work / "library"
    step(f"writing {config.docs} documents to {library_dir}")
    seconds, made = timed(
        lambda: corpus_mod.build_corpus(library_dir, config.docs, seed=config.seed)
    )
    corpus = made
    results["corpus"] = {
        "docs": corpus.docs,
        "versions": corpus.versions,
        "words_en": corpus.words["en"],
        "words_es": corpus.words["es"],
        "mb": corpus.bytes / 1e6,
        "text": corpus.source,
        "seconds": seconds,
    }
    if corpus.source != "pairs":
        note = f"no paragraph pairs at {corpus_mod.CORPORA}: the corpus is generated text"
        results.setdefault("notes", []).append(note)
        _log(note + " (set LECTOR_CORPORA to the corpora folder)")
    queries = corpus_mod.query_set(corpus, per_kind=config.per_kind, seed=config.seed)
    results["queries_used"] = [_query(q) for q in queries]

    from reader.library import load_library

    seconds, library = timed(lambda: load_library(library_dir))
    results["library_load_s"] = seconds
    step(f"library read in {seconds:.1f} s: {len(library.documents)} documents")

    engines: dict[str, object] = {}
    if "fts5" not in config.skip and fts5.available():
        base = fts5.Fts5Baseline(work / "fts5.sqlite")
        step("FTS5: building")
        results.setdefault("build", {})["fts5"] = base.build(library)
        results["build"]["fts5"]["mb"] = base.size_bytes() / 1e6
        engines["fts5"] = base
    if "search" not in config.skip and lector_search.available():
        step("Lector: building the index")
        engine = lector_search.LectorSearch(work / "index", library_dir)
        results.setdefault("build", {})["lector"] = engine.build(library)
        results["build"]["lector"]["mb"] = tree_size(work / "index") / 1e6
        engines["lector"] = engine
    elif "search" not in config.skip:
        results.setdefault("notes", []).append(
            "Lector's search engine is not in this tree: no search figures."
        )

    if engines:
        step(f"queries: {len(queries)} × {config.passes} passes, with and without snippets")
        results["queries"] = _query_latencies(engines, queries, config.passes, config.cell_budget_s)
        step("one-file sync")
        results["sync_one"] = _sync_one(engines, library_dir, corpus)

    if "startup" not in config.skip:
        start_library = library_dir
        if config.docs > STARTUP_DOCS:
            # The start-up target is set for a 1,000-document library.
            start_library = work / "startup-library"
            corpus_mod.build_corpus(start_library, STARTUP_DOCS, seed=config.seed + 1)
        step(f"cold start: {config.start_runs} runs, against a bare Qt window")
        results["startup"] = _startup(start_library, config.start_runs)
    if "toggle" not in config.skip:
        step("EN/ES switch on a 50-page document")
        long_dir = work / "long"
        corpus_mod.long_document(long_dir)
        out = run_probe(
            ["toggle", "--library", str(long_dir), "--rounds", str(config.toggle_rounds)],
            home=True,
        )
        out["first_ms"] = statistics.median(out["first"]) * 1000
        out["later_ms"] = statistics.median(out["later"]) * 1000 if out["later"] else None
        out["first_cpu_ms"] = statistics.median(out["first_cpu"]) * 1000
        if out.get("immediate"):
            out["immediate_ms"] = statistics.median(out["immediate"]) * 1000
            out["immediate_cpu_ms"] = statistics.median(out["immediate_cpu"]) * 1000
        out["later_cpu_ms"] = (
            statistics.median(out["later_cpu"]) * 1000 if out["later_cpu"] else None
        )
        out["words"] = sum(len(p.read_text().split()) for p in long_dir.glob("*.en.md"))
        results["toggle"] = out
    if "memory" not in config.skip:
        step("peak memory: read the library and run the query set in a fresh process")
        args = ["memory", "--library", str(library_dir)]
        if "lector" in engines:
            qfile = work / "queries.json"
            qfile.write_text(json.dumps([_query(q) for q in queries]), encoding="utf-8")
            args += ["--index", str(work / "index"), "--queries", str(qfile)]
        results["memory"] = run_probe(args)
    for engine in engines.values():
        engine.close()  # type: ignore[attr-defined]

    for name, module in PLUGINS.items():
        if name in config.skip or importlib.util.find_spec(module) is None:
            continue
        step(f"{name}: {module}")
        try:
            results[name] = importlib.import_module(module).run(config.quick)
        except Exception as err:  # noqa: BLE001 - one broken part must not sink the run
            results[name] = {"error": f"{type(err).__name__}: {err}"}
    results["meta"]["load_after"] = os.getloadavg()[0]
    results["targets"] = evaluate_targets(results)
    return results


def _save(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


def _query(query: corpus_mod.Query) -> dict:
    return {"kind": query.kind, "lang": query.lang, "text": query.text}


def _query_latencies(
    engines: dict[str, object], queries: list, passes: int, budget_s: float
) -> dict:
    """Every engine answers the same query back to back, so drifts in load hit both.

    Wall time is what the reader waits; the thread's CPU time is the same work without
    the waiting for a core, which on a shared machine is the steadier of the two. A
    class stops being repeated once it has used ``budget_s`` of one engine's time
    (after one full pass), so a slow class cannot eat the whole run.
    """
    wall: dict[tuple[str, str, str, bool], list[float]] = {}
    cpu: dict[tuple[str, str, str, bool], list[float]] = {}
    hits: dict[tuple[str, str, str], int] = {}
    for query in queries:  # one untimed pass warms caches and counts what is found
        for name, engine in engines.items():
            found = engine.search(query, snippets=False)  # type: ignore[attr-defined]
            if found is not None:
                key = (name, query.kind, query.lang)
                hits[key] = hits.get(key, 0) + (1 if found else 0)
    per_cell = Counter((q.kind, q.lang) for q in queries)
    for _ in range(passes):
        for query in queries:
            for snippets in (False, True):
                for name, engine in engines.items():
                    key = (name, query.kind, query.lang, snippets)
                    spent = wall.get(key, [])
                    if len(spent) >= per_cell[(query.kind, query.lang)] and sum(spent) > budget_s:
                        continue
                    c0, t0 = time.thread_time(), time.perf_counter()
                    found = engine.search(query, snippets=snippets)  # type: ignore[attr-defined]
                    elapsed, used = time.perf_counter() - t0, time.thread_time() - c0
                    if found is None:
                        continue  # this engine has no such query
                    wall.setdefault(key, []).append(elapsed)
                    cpu.setdefault(key, []).append(used)
    out: dict = {}
    for (name, kind, lang, snippets), values in wall.items():
        cell = out.setdefault(name, {}).setdefault(kind, {}).setdefault(lang, {})
        mode = "snippets" if snippets else "plain"
        cell[mode] = summary(values)
        cell[mode]["cpu"] = summary(cpu[(name, kind, lang, snippets)])
        cell["queries_with_hits"] = hits.get((name, kind, lang), 0)
        cell["queries"] = per_cell[(kind, lang)]
    return out


def _sync_one(engines: dict, library_dir: Path, corpus: corpus_mod.Corpus) -> dict:
    """Edit one file on disk, reload the library as the application does, sync each engine."""
    from reader.library import load_library
    from reader.library.loader import ParseCache

    target = corpus.files[len(corpus.files) // 2]
    rel = target.relative_to(library_dir).as_posix()
    original = target.read_text(encoding="utf-8")
    cache = ParseCache()
    load_library(library_dir, cache=cache)  # the application's cache, filled once
    reloads: list[float] = []
    samples: dict[str, list[float]] = {}
    try:
        for i in range(5):
            target.write_text(original + f"\n\nAn added paragraph, edit {i}.\n", encoding="utf-8")
            seconds, library = timed(lambda: load_library(library_dir, cache=cache))
            reloads.append(seconds)
            for name, engine in engines.items():
                samples.setdefault(name, []).append(engine.sync_one(library, rel))
    finally:
        target.write_text(original, encoding="utf-8")
    out: dict = {"reload_ms": statistics.median(reloads) * 1000}
    for name, values in samples.items():
        out[name] = {"median_ms": statistics.median(values) * 1000, "samples": len(values)}
    return out


def _startup(library_dir: Path, runs: int) -> dict:
    """App and bare window in turn (A B A B …), after one warm-up of each."""
    app: list[dict] = []
    bare: list[dict] = []
    for n in range(runs + 1):
        a = run_probe(["start", "--library", str(library_dir)], home=True, timeout=180)
        b = run_probe(["bare"], timeout=60)
        if n:
            app.append(a)
            bare.append(b)
    app_cpu = [r["cpu_s"] for r in app]
    bare_cpu = [r["cpu_s"] for r in bare]
    if any("painted" not in r for r in app):
        raise RuntimeError(f"the window was never painted: {app}")
    painted = [r["painted"] for r in app]
    floor = [r["painted"] for r in bare]
    ratios = [a / b for a, b in zip(painted, floor, strict=True)]
    listed = [r["list_ready"] for r in app if "list_ready" in r]
    return {
        "runs": runs,
        "painted_ms": statistics.median(painted) * 1000,
        "bare_ms": statistics.median(floor) * 1000,
        "ratio": statistics.median(ratios),
        "cpu_ms": statistics.median(app_cpu) * 1000,
        "bare_cpu_ms": statistics.median(bare_cpu) * 1000,
        "cpu_ratio": statistics.median(a / b for a, b in zip(app_cpu, bare_cpu, strict=True)),
        "list_ready_ms": statistics.median(listed) * 1000 if listed else None,
        "documents_listed": app[-1].get("documents"),
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--docs", type=int, help="bilingual documents (default 1000; quick 200)")
    parser.add_argument("--quick", action="store_true", help="fewer documents and repeats")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="where to write the figures")
    parser.add_argument(
        "--repeats", type=int, help="timed passes, cold starts and switch rounds (for tests)"
    )
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    parser.add_argument(
        "--skip",
        default="",
        help="comma-separated parts to leave out: fts5, search, startup, toggle, memory, "
        + ", ".join(PLUGINS),
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    docs = args.docs or (200 if args.quick else 1000)
    if docs < 3:
        print("--docs must be at least 3", file=sys.stderr)
        return 2
    json_path = args.json or REPO / "build" / "bench" / f"bench-{docs}.json"
    tmp = None
    if args.keep:
        workdir = args.keep
        if workdir.exists() and any(workdir.iterdir()):
            print(f"{workdir} is not empty", file=sys.stderr)
            return 2
    else:
        tmp = tempfile.mkdtemp(prefix="lector-bench-")
        workdir = Path(tmp)
    config = Config(
        docs=docs,
        quick=args.quick,
        seed=args.seed,
        workdir=workdir,
        json_path=json_path,
        passes=args.repeats or (2 if args.quick else 4),
        per_kind=5 if args.quick else 12,
        start_runs=args.repeats or (5 if args.quick else 9),
        toggle_rounds=args.repeats or (3 if args.quick else 5),
        cell_budget_s=3.0 if args.quick else 20.0,
        skip=frozenset(s.strip() for s in args.skip.split(",") if s.strip()),
    )
    try:
        results = run(config)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    _save(results, json_path)
    print(render_table(results))
    print(f"\nfigures written to {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
