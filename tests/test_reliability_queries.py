"""Hostile queries: a grammar of operators, quotes, brackets, fields, odd characters."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.library import load_library
from reader.search import Refusal, SearchIndex, SearchNotice, SearchResult

from .reliability import report, scaled

KNOWN_CRASHERS = [
    "NOT NOT x",
    "x ANDNOT ANDNOT y",
    "(" * 1000 + "x" + ")" * 1000,
    "(" * 1000,
    ")" * 1000,
    " OR ".join(f"w{i}" for i in range(10_000)),
    "*",
    "AND",
    "OR",
    "NOT",
    '"',
    '""',
    '"""',
    "-",
    "--x",
    "-*",
    "tag:*",
    "tag:",
    "lang:",
    "lang:xx",
    "title:",
    "body_es:x",
    "rel:/etc/passwd",
    "meta:x",
    "x*" * 2000,
    "a" * 10_000,
    "participación " * 2000,
    "\x00",
    "x\x00y",
    "\ud800",
    "x\udfffy",
    "\u202eplan\u202c",
    "\u200f\u200e",
    "\ufeff",
    "x^2",
    "x~",
    "x~2",
    "[a TO z]",
    "{a TO z}",
    "x:[1 TO]",
    "<>",
    "\\",
    "'",
    "?",
    "??*",
    "pa*",
    "p*",
    "*ción",
]

OPERATORS = ["AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "&&", "||", "!", "-", "+", "~", "^"]
FIELDS = ["tag", "lang", "title", "body", "rel", "key", "path", "meta", "words", "body_es", ""]
WORDS = ["participación", "ciudadana", "open", "budget", "plan", "x", "año", "niño", "de"]
ODD = ["\x00", "\ud800", "\udfff", "\u202e", "\u200f", "\u200e", "\ufeff", "\u0301", "\t", "\n"]


def _atom() -> st.SearchStrategy[str]:
    word = st.one_of(
        st.sampled_from(WORDS),
        st.text(min_size=1, max_size=12),
        st.sampled_from(ODD),
    )
    return st.one_of(
        word,
        word.map(lambda w: w + "*"),
        word.map(lambda w: "*" + w),
        word.map(lambda w: f'"{w}'),
        st.lists(word, min_size=1, max_size=4).map(lambda ws: '"' + " ".join(ws) + '"'),
        st.tuples(st.sampled_from(FIELDS), word).map(lambda t: f"{t[0]}:{t[1]}"),
        st.sampled_from(OPERATORS),
        st.sampled_from(["(", ")", "[", "]", "{", "}", '"', "*", "?", ":", "\\"]),
    )


def _query() -> st.SearchStrategy[str]:
    expr = st.recursive(
        _atom(),
        lambda inner: st.one_of(
            st.lists(inner, min_size=2, max_size=6).map(" ".join),
            inner.map(lambda q: f"({q})"),
            st.tuples(inner, st.sampled_from(OPERATORS), inner).map(" ".join),
        ),
        max_leaves=20,
    )
    long = st.tuples(_atom(), st.integers(100, 2000)).map(lambda t: " ".join([t[0]] * t[1]))
    return st.one_of(expr, long, st.text(max_size=200))


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, bundled: Path) -> SearchIndex:
    ix = SearchIndex(tmp_path_factory.mktemp("index") / "ix", bundled)
    report_ = ix.sync(load_library(bundled).versions())
    assert report_.documents > 0
    return ix


@pytest.fixture(scope="module")
def bundled() -> Path:  # module scope for the shared index
    from reader.paths import bundled_library_dir

    return bundled_library_dir()


def check(index: SearchIndex, text: str, tally: dict[str, int]) -> None:
    result = index.search(text)
    assert isinstance(result, SearchResult)
    # search() never raises: a failure inside it would show up as a damaged index.
    assert SearchNotice.DAMAGED not in result.notices, repr(text[:80])
    if result.refusal is not None:
        assert isinstance(result.refusal, Refusal)
        tally["refused"] += 1
    elif result.hits:
        tally["with_hits"] += 1
    else:
        tally["no_hits"] += 1
    tally["queries"] += 1


def test_known_crashers(index: SearchIndex) -> None:
    tally = {"queries": 0, "refused": 0, "with_hits": 0, "no_hits": 0}
    for text in KNOWN_CRASHERS:
        check(index, text, tally)
    assert index.search("*").refusal is Refusal.WILDCARD_ALONE
    assert index.search("NOT NOT participación").hits  # read as plain words
    report("hostile queries, known crashers", "all", **tally, exceptions=0)


def test_hostile_query_grammar(index: SearchIndex, scale: str) -> None:
    count = scaled(scale, reduced=150, full=10_000)
    tally = {"queries": 0, "refused": 0, "with_hits": 0, "no_hits": 0}

    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(_query())
    def run(text: str) -> None:
        check(index, text, tally)

    run()
    report("hostile queries, grammar", scale, **tally, exceptions=0)
