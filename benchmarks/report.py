"""Turning the harness's figures into target verdicts and a Markdown table."""

from __future__ import annotations

import math

from benchmarks.corpus import QUERY_KINDS

FULL_DOCS = 10_000
SEARCH_KINDS = ("common", "rare", "two", "prefix")
KIND_NAMES = {
    "common": "common term",
    "rare": "rare term",
    "two": "two terms",
    "phrase": "phrase",
    "prefix": "prefix",
    "fuzzy": "typo → did you mean",
}


def _worst_p95(results: dict, kinds: tuple[str, ...], cpu: bool = False) -> float | None:
    lector = results.get("queries", {}).get("lector", {})
    values = [
        (lector[kind][lang]["snippets"]["cpu"] if cpu else lector[kind][lang]["snippets"])["p95_ms"]
        for kind in kinds
        for lang in ("en", "es")
        if kind in lector and lang in lector[kind] and "snippets" in lector[kind][lang]
    ]
    return max(values) if values else None


def _glossary_ms(results: dict) -> float | None:
    glossary = results.get("glossary") or {}
    for key in ("annotate_median_ms", "annotate_ms", "median_ms"):
        value = glossary.get(key)
        if isinstance(value, int | float):
            return float(value)
    return None


def evaluate_targets(results: dict) -> list[dict]:
    """Each target the product aims at, with the figure measured and a verdict."""
    docs = results.get("meta", {}).get("docs", 0)
    scaled = docs != FULL_DOCS
    at = f" (at {docs:,} docs)" if scaled else ""
    rows: list[dict] = []

    def add(
        name: str,
        limit: float,
        unit: str,
        value: float | None,
        note: str = "",
        cpu: float | None = None,
    ) -> None:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            verdict = "n/a"
        else:
            verdict = "pass" if value <= limit else "fail"
        row = {"target": name, "limit": limit, "unit": unit, "value": value, "verdict": verdict}
        if cpu is not None:
            row["cpu"] = cpu
        if note:
            row["note"] = note
        rows.append(row)

    add("search p95 with snippets" + at, 50, "ms", _worst_p95(results, SEARCH_KINDS),
        "worst of common, rare, two terms and prefix, EN and ES",
        _worst_p95(results, SEARCH_KINDS, cpu=True))  # fmt: skip
    add("phrase p95 with snippets" + at, 80, "ms", _worst_p95(results, ("phrase",)), "",
        _worst_p95(results, ("phrase",), cpu=True))  # fmt: skip
    build = results.get("build", {}).get("lector")
    projected = projected_cpu = None
    if build and build["versions"]:
        projected = 2 * FULL_DOCS * build["seconds"] / build["versions"]
        projected_cpu = 2 * FULL_DOCS * build.get("cpu_s", 0) / build["versions"]
    add("index build, 10k documents", 45, "s", projected,
        f"projected from {docs:,} documents" if scaled else "", projected_cpu)  # fmt: skip
    sync = results.get("sync_one", {}).get("lector")
    reload_ms = results.get("sync_one", {}).get("reload_ms")
    add("one-file sync" + at, 100, "ms", sync["median_ms"] if sync else None,
        f"index sync; the library reload before it takes {reload_ms:.0f} ms"
        if reload_ms is not None else "")  # fmt: skip
    startup = results.get("startup")
    add("cold start ÷ bare Qt window", 2.0, "×", startup["ratio"] if startup else None, "",
        startup.get("cpu_ratio") if startup else None)  # fmt: skip
    toggle = results.get("toggle")
    add("EN⇄ES switch, 50 pages", 50, "ms", toggle["first_ms"] if toggle else None,
        "first switch after opening", toggle.get("first_cpu_ms") if toggle else None)  # fmt: skip
    add("glossary annotation, 100 KB", 20, "ms", _glossary_ms(results))
    memory = results.get("memory")
    add("peak RSS, library + query set" + at, 250, "MB", memory["peak_mb"] if memory else None)
    package = results.get("package") or {}
    onedir = package.get("onedir_mb")
    add("onedir size", 110, "MB", onedir, "" if onedir is not None else "no dist/lector built")
    return rows


def _num(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    return (f"{value:.2f}" if value < 10 else f"{value:.0f}") + f" {unit}"


def _ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _pair(cell: dict | None, mode: str) -> str:
    if not cell or mode not in cell or not cell[mode].get("n"):
        return "–"
    return f"{_ms(cell[mode]['p50_ms'])} / {_ms(cell[mode]['p95_ms'])}"


def _ratio(a: dict | None, b: dict | None, mode: str) -> str:
    try:
        return (
            f"{a[mode]['p50_ms'] / b[mode]['p50_ms']:.1f}× / "  # type: ignore[index]
            f"{a[mode]['p95_ms'] / b[mode]['p95_ms']:.1f}×"  # type: ignore[index]
        )
    except (KeyError, TypeError, ZeroDivisionError):
        return "–"


def render_table(results: dict) -> str:
    meta = results.get("meta", {})
    corpus = results.get("corpus", {})
    lines = [
        f"Corpus: {corpus.get('docs', 0):,} bilingual documents, {corpus.get('versions', 0):,} "
        f"versions, {corpus.get('words_en', 0):,} EN + {corpus.get('words_es', 0):,} ES words, "
        f"{corpus.get('mb', 0):.0f} MB ({corpus.get('text', '?')} text); "
        f"Python {meta.get('python')}, SQLite {meta.get('sqlite')}; "
        f"library read in {results.get('library_load_s', 0):.1f} s; load average "
        f"{meta.get('load_before', 0):.1f} at the start, "
        f"{meta.get('load_after', 0):.1f} at the end.",
        "",
        "Times are wall-clock p50 / p95 in ms unless marked; *CPU* is the time the work",
        "itself used on a core (steadier than wall time when the machine is shared).",
        "",
        "| figure | Lector | Lector CPU | FTS5 | Lector ÷ FTS5 |",
        "|---|---|---|---|---|",
    ]
    build = results.get("build", {})
    lec, base = build.get("lector"), build.get("fts5")

    def per_s(b: dict | None) -> str:
        return f"{b['per_s']:.0f} versions/s ({b['seconds']:.1f} s, {b['mb']:.0f} MB)" if b else "–"

    ratio = f"{base['per_s'] / lec['per_s']:.1f}× slower" if lec and base else "–"
    lec_cpu = f"{lec['cpu_s']:.1f} s" if lec and "cpu_s" in lec else "–"
    if lec and lec.get("processes", 1) > 1:
        lec_cpu += f" in {lec['processes']} processes"
    lines.append(f"| index build | {per_s(lec)} | {lec_cpu} | {per_s(base)} | {ratio} |")
    sync = results.get("sync_one", {})
    s_lec, s_base = sync.get("lector"), sync.get("fts5")
    ratio = f"{s_lec['median_ms'] / s_base['median_ms']:.0f}×" if s_lec and s_base else "–"
    lines.append(
        f"| one-file sync, median ms | {_ms(s_lec['median_ms']) if s_lec else '–'} | | "
        f"{_ms(s_base['median_ms']) if s_base else '–'} | {ratio} |"
    )
    if sync.get("reload_ms") is not None:
        lines.append(
            f"| … library reload after that edit (parse cache), median ms | "
            f"{_ms(sync['reload_ms'])} | | | |"
        )
    queries = results.get("queries", {})
    for kind in QUERY_KINDS:
        for lang in ("en", "es"):
            for mode in ("plain", "snippets"):
                a = queries.get("lector", {}).get(kind, {}).get(lang)
                b = queries.get("fts5", {}).get(kind, {}).get(lang)
                if not a and not b:
                    continue
                extra = ", snippets" if mode == "snippets" else ""
                label = f"{KIND_NAMES[kind]}, {lang.upper()}{extra}"
                cpu = _pair(a[mode], "cpu") if a and mode in a else "–"
                lines.append(
                    f"| {label} | {_pair(a, mode)} | {cpu} | {_pair(b, mode)} | "
                    f"{_ratio(a, b, mode)} |"
                )
    lines += ["", "| figure | Lector | floor | ratio |", "|---|---|---|---|"]
    startup = results.get("startup")
    if startup:
        lines.append(
            f"| cold start to painted window, median ms | {_ms(startup['painted_ms'])} | "
            f"{_ms(startup['bare_ms'])} (bare Qt window) | {startup['ratio']:.2f}× |"
        )
        if startup.get("cpu_ms"):
            lines.append(
                f"| CPU used by that start (with the render worker), median ms | "
                f"{_ms(startup['cpu_ms'])} | {_ms(startup['bare_cpu_ms'])} | "
                f"{startup['cpu_ratio']:.2f}× |"
            )
        if startup.get("list_ready_ms"):
            lines.append(
                f"| … to the filled document list ({startup['documents_listed']:,} documents) | "
                f"{_ms(startup['list_ready_ms'])} | | |"
            )
    toggle = results.get("toggle")
    if toggle:
        later = _ms(toggle["later_ms"]) if toggle.get("later_ms") is not None else "–"
        lines.append(
            f"| EN⇄ES switch, {toggle['words']:,}-word document, median ms | first "
            f"{_ms(toggle['first_ms'])}, then {later} | | |"
        )
        if toggle.get("immediate_ms") is not None:
            lines.append(
                "| … the first switch with no pause after opening, median ms | "
                f"{_ms(toggle['immediate_ms'])} | | |"
            )
    memory = results.get("memory")
    if memory:
        queries_run = f" + {memory['queries']} queries" if memory.get("queries") else ""
        lines.append(
            f"| peak RSS, {memory['documents']:,}-document library{queries_run} | "
            f"{memory['peak_mb']:.0f} MB | | |"
        )
    glossary = results.get("glossary") or {}
    if "annotate_median_ms" in glossary:
        lines.append(
            f"| glossary annotation, {glossary.get('document_kb', 0):.0f} KB HTML, "
            f"{glossary.get('terms', 0)} terms, median ms | {_ms(glossary['annotate_median_ms'])} "
            f"| {_ms(glossary.get('one_regex_median_ms'))} (one regex of all forms) | "
            f"{glossary.get('regex_over_ours', 0):.1f}× faster |"
        )
    for name in ("glossary", "package"):
        extra = results.get(name)
        if extra and not (name == "glossary" and "annotate_median_ms" in extra):
            shown = ", ".join(
                f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}" for k, v in extra.items()
            )
            lines.append(f"| {name} | {shown} | | |")
    lines += [
        "",
        "| target | limit | measured | CPU | verdict |",
        "|---|---|---|---|---|",
    ]
    for row in results.get("targets", []):
        value, unit = row["value"], row["unit"]
        note = f" ({row['note']})" if row.get("note") else ""
        lines.append(
            f"| {row['target']}{note} | ≤ {row['limit']:g} {unit} | {_num(value, unit)} | "
            f"{_num(row.get('cpu'), unit)} | {row['verdict']} |"
        )
    for note in results.get("notes", []):
        lines.append(f"\nNote: {note}")
    return "\n".join(lines)
