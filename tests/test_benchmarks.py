"""The benchmark harness keeps working: a tiny corpus through every part, no timings checked."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from benchmarks import corpus as corpus_mod
from benchmarks import run as bench_run
from benchmarks.fts5 import Fts5Baseline, match_expression
from reader.library import load_library
from tests.conftest import CORPORA

PAIRS = CORPORA / corpus_mod.PAIRS_FILE


def _digest(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.md"))}


@pytest.mark.skipif(not PAIRS.is_file(), reason="shared corpora not present")
def test_corpus_from_real_pairs_is_deterministic_bilingual_and_sized(tmp_path):
    made = corpus_mod.build_corpus(tmp_path / "a", 9, seed=5)
    corpus_mod.build_corpus(tmp_path / "b", 9, seed=5)
    other = corpus_mod.build_corpus(tmp_path / "c", 9, seed=6)
    assert made.source == "pairs"
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(other.root)

    library = load_library(made.root)
    assert library.problems == []
    assert len(library.documents) == 9
    assert all(doc.languages == ("en", "es") for doc in library.documents.values())
    # All three layouts are present: name suffixes, en/ + es/ folders, untagged + es/.
    rels = [v.rel for v in library.versions()]
    assert any(r.endswith(".es.md") for r in rels)
    assert any(r.startswith("en/") for r in rels)
    assert any(r.startswith("es/") and not r.endswith(".es.md") for r in rels)
    for path in made.files:
        body = path.read_text(encoding="utf-8").split("---", 2)[2]
        words = len([w for w in body.split() if w != "##"])
        assert 550 <= words <= 1600, (path, words)


def test_corpus_falls_back_to_generated_text(tmp_path):
    made = corpus_mod.build_corpus(tmp_path / "lib", 4, corpora=tmp_path / "missing")
    assert made.source == "generated"
    library = load_library(made.root)
    assert library.problems == []
    assert sorted(len(d.versions) for d in library.documents.values()) == [2, 2, 2, 2]
    queries = corpus_mod.query_set(made, per_kind=3)
    kinds = Counter((q.kind, q.lang) for q in queries)
    assert {kind for kind, _ in kinds} == set(corpus_mod.QUERY_KINDS)
    assert {lang for _, lang in kinds} == {"en", "es"}


def test_fts5_baseline_finds_the_corpus_queries(tmp_path):
    made = corpus_mod.build_corpus(tmp_path / "lib", 5, corpora=tmp_path / "missing")
    library = load_library(made.root)
    base = Fts5Baseline(tmp_path / "fts.sqlite")
    try:
        assert base.build(library)["versions"] == 10
        queries = corpus_mod.query_set(made, per_kind=3)
        common = [q for q in queries if q.kind == "common"]
        assert all(base.search(q, snippets=True) for q in common)
        fuzzy = next(q for q in queries if q.kind == "fuzzy")
        assert match_expression(fuzzy) is None
        assert base.search(fuzzy, snippets=False) is None
        rel = made.files[0].relative_to(made.root).as_posix()
        assert base.sync_one(library, rel) >= 0
    finally:
        base.close()


def test_harness_runs_end_to_end_on_a_tiny_corpus(tmp_path, capsys):
    out = tmp_path / "bench.json"
    args = ["--docs", "4", "--quick", "--repeats", "1", "--skip", "glossary", "--json", str(out)]
    code = bench_run.main(args)
    assert code == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["corpus"]["versions"] == 8
    assert results["build"]["fts5"]["versions"] == 8
    assert results["build"]["lector"]["versions"] == 8
    common = results["queries"]["lector"]["common"]["en"]
    assert common["snippets"]["n"] > 0 and common["queries_with_hits"] > 0
    assert results["sync_one"]["lector"]["samples"] == 5
    assert results["startup"]["painted_ms"] > 0
    assert results["toggle"]["first"] and results["toggle"]["blocks"] > 100
    assert results["toggle"]["kept_place"]
    assert results["memory"]["documents"] == 4
    assert 0 < results["memory"]["peak_mb"] < 2000
    assert results["memory"]["queries"] == len(results["queries_used"])
    targets = {row["target"].split(" (")[0]: row for row in results["targets"]}
    assert targets["cold start ÷ bare Qt window"]["verdict"] in {"pass", "fail"}
    printed = capsys.readouterr().out
    assert "| target | limit | measured | CPU | verdict |" in printed
    assert "cold start to painted window" in printed
