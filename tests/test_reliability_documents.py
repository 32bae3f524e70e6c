"""Malformed documents: each loads or is reported with file and reason; nothing hangs."""

from __future__ import annotations

from pathlib import Path

from reader.library import ProblemKind, load_library, read_version
from reader.render.service import RenderService
from reader.search import SearchIndex

from .conftest import write
from .hostile_docs import malformed_files
from .reliability import report, scaled, within

GOOD = {
    "good/budget.en.md": "---\ntitle: Open budgets\n---\nCitizens read the budget.\n",
    "good/budget.es.md": "---\ntitle: Presupuestos abiertos\n---\nLa ciudadanía lee.\n",
}
RENDER_NOTICES = {ProblemKind.RENDER_TIMEOUT, ProblemKind.RENDER_FAILED}


def test_malformed_documents(tmp_path: Path, scale: str) -> None:
    count = scaled(scale, reduced=30, full=500)
    root = tmp_path / "library"
    files = malformed_files(count, seed=8)
    for name, data in files:
        write(root / "bad" / name, data)
    for name, text in GOOD.items():
        write(root / name, text)
    before = {p: p.stat().st_mtime_ns for p in root.rglob("*.md")}

    library = within(300, lambda: load_library(root))

    assert set(library.documents["good/budget"].versions) == {"en", "es"}
    loaded = {v.path: v for d in library.documents.values() for v in d.versions.values()}
    reported: dict[Path, list[ProblemKind]] = {}
    for problem in library.problems:
        reported.setdefault(problem.path, []).append(problem.kind)
    unaccounted = [n for n, _ in files if (root / "bad" / n) not in loaded | reported.keys()]
    assert unaccounted == []

    # Every loaded version renders, or falls back to plain text with a notice, within
    # the render service's per-file time budget (the worker is killed past it).
    service = RenderService(base_timeout=1.0)
    notices: dict[ProblemKind, int] = {}
    try:
        for version in loaded.values():
            parsed = read_version(version)
            assert not isinstance(parsed, list), parsed
            rendered = within(120, lambda parsed=parsed: service.render(parsed.body))
            if rendered.notice is not None:
                assert rendered.notice in RENDER_NOTICES
                notices[rendered.notice] = notices.get(rendered.notice, 0) + 1
                assert rendered.html.strip(), version.rel  # plain text, never blank
        # After all that the worker still serves ordinary documents.
        assert service.render("# Fine\n\nText.").notice is None
    finally:
        service.close()

    # The whole library, bad files and all, indexes and searches.
    index = SearchIndex(tmp_path / "data" / "ix", root)
    synced = within(600, lambda: index.sync(library.versions()))
    assert not synced.busy and synced.documents == len(loaded) - len(synced.failed)
    found = index.search("ciudadanía presupuestos", lang="es")
    assert [hit.rel for hit in found.hits][:1] == ["good/budget.es.md"]
    assert "good/budget.en.md" in [hit.rel for hit in index.search("citizens budget").hits]
    index.close()

    after = {p: p.stat().st_mtime_ns for p in root.rglob("*.md")}
    assert after == before  # nothing rewritten
    bad_loaded = sum(1 for n, _ in files if root / "bad" / n in loaded)
    report(
        "malformed documents",
        scale,
        files=len(files),
        loaded=bad_loaded,
        reported_not_loaded=len(files) - bad_loaded,
        problems=len(library.problems),
        render_timeouts=notices.get(ProblemKind.RENDER_TIMEOUT, 0),
        render_failures=notices.get(ProblemKind.RENDER_FAILED, 0),
        indexed=synced.documents,
        crashes=0,
        hangs=0,
    )
