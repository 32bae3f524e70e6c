"""The search core on real Whoosh indexes: analysis, query forms, hostile input, snippets."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from reader.library import load_library
from reader.search import (
    IndexState,
    Refusal,
    SearchIndex,
    SearchNotice,
    engine,
    parse_query,
    plain_text,
)

from .conftest import write

DOCS = {
    "budget.en.md": """---
title: Open budgets
tags: [finance, transparency]
date: 2024-03-01
---
# Open budgets

Governments publish their budgets so that citizens can follow public money.

## Running the numbers

Running a budget review takes commitments from every ministry.
Citizen participation improves the results.
""",
    "budget.es.md": """---
title: Presupuestos abiertos
tags: [finanzas, transparencia]
---
# Presupuestos abiertos

Los gobiernos publican sus presupuestos para que la ciudadanía siga el dinero público.

## Participación ciudadana

La participación ciudadana mejora la rendición de cuentas. El gobierno asumió
un compromiso claro con la sociedad.
""",
    "shoes.es.md": """---
title: Zapatos
tags: [ejemplo]
---
Un zapato rojo y otro zapato azul. Los compromisos del zapatero.
""",
    "running.en.md": """---
title: Running clubs
tags: [sport]
---
People who run together keep running for years. Runners like the runway.
""",
}


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    for name, text in DOCS.items():
        write(root / name, text)
    return root


@pytest.fixture
def index(tmp_path: Path, library: Path) -> SearchIndex:
    ix = SearchIndex.for_library(tmp_path / "data", library)
    report = ix.sync(load_library(library).versions())
    assert report.added == len(DOCS) and report.rebuilt
    yield ix
    ix.close()


def rels(result) -> list[str]:
    return [hit.rel for hit in result.hits]


def test_accents_and_inflections_spanish(index: SearchIndex) -> None:
    assert rels(index.search("participacion ciudadana"))[0] == "budget.es.md"
    assert "budget.es.md" in rels(index.search("participación"))
    assert "budget.es.md" in rels(index.search("participar"))  # same stem
    found = index.search("compromisos")
    assert set(rels(found)) >= {"budget.es.md", "shoes.es.md"}  # compromiso, compromisos
    assert "budget.es.md" in rels(index.search("CIUDADANIA"))


def test_english_stemming(index: SearchIndex) -> None:
    result = index.search("runs")
    assert "running.en.md" in rels(result)
    assert "budget.en.md" in rels(index.search("commitment"))
    # Snowball, not Porter: "running" and "run" meet, "runway" stays apart.
    assert "running.en.md" in rels(index.search("run"))


def test_plain_words_all_first_then_some(index: SearchIndex) -> None:
    result = index.search("budget zapato")
    assert result.total == 0
    assert {h.rel for h in result.hits} >= {"budget.en.md", "shoes.es.md"}
    assert not any(h.all_terms for h in result.hits)
    assert SearchNotice.SOME_WORDS in result.notices
    both = index.search("budget citizens")
    assert both.hits[0].rel == "budget.en.md" and both.hits[0].all_terms


def test_phrase(index: SearchIndex) -> None:
    assert rels(index.search('"rendición de cuentas"')) == ["budget.es.md"]
    assert rels(index.search('"rendicion de cuentas"')) == ["budget.es.md"]
    assert rels(index.search('"cuentas rendición"')) == []
    assert rels(index.search('"public money"')) == ["budget.en.md"]


PHRASE_TEXT = (
    "La participación ciudadana y la participacion ciudadana. Ciudadana participación "
    "mejora; la participación, ciudadana al final. Participación participación ciudadana."
)


@pytest.mark.parametrize(
    "phrase",
    [
        "participación ciudadana",
        "participacion ciudadana",
        "ciudadana participación",
        "participación participación ciudadana",
        "mejora la participación",
        "la participación ciudadana",
        "ciudadana al final",
        "final participación",
        "ciudadana ciudadana",
    ],
)
def test_phrase_positions_match_a_plain_scan(tmp_path: Path, phrase: str) -> None:
    """Phrases match exactly where every word's indexed forms sit at consecutive positions."""
    from reader.search.engine import analyse

    root = tmp_path / "library"
    words = PHRASE_TEXT.split()
    # One version per cut of the text, so the expected matches differ between versions.
    for i in range(0, len(words), 3):
        write(root / f"d{i:02}.es.md", f"---\ntitle: T\n---\n{' '.join(words[i:])}\n")
    ix = SearchIndex.for_library(tmp_path / "data", root)
    ix.sync(load_library(root).versions())
    steps = [variants for word in phrase.split() for variants in analyse(word, "es")]
    expected = set()
    for path in root.iterdir():
        body = path.read_text(encoding="utf-8").split("---\n")[-1]
        text = analyse(body, "es")
        for start in range(len(text) - len(steps) + 1):
            if all(set(steps[k]) & set(text[start + k]) for k in range(len(steps))):
                expected.add(path.name)
    found = ix.search(f'"{phrase}"', lang="es", limit=100)
    ix.close()
    assert set(rels(found)) == expected
    assert found.total == len(expected)


def test_prefix(index: SearchIndex) -> None:
    assert set(rels(index.search("zapat*"))) == {"shoes.es.md"}
    assert "budget.es.md" in rels(index.search("presupu*"))
    assert "running.en.md" in rels(index.search("runw*"))


def test_exclude(index: SearchIndex) -> None:
    assert "shoes.es.md" in rels(index.search("compromisos"))
    result = index.search("compromisos -zapato")
    assert "shoes.es.md" not in rels(result) and "budget.es.md" in rels(result)
    assert rels(index.search('budget -"public money"')) == []  # only budget.en has both


def test_tag_and_lang(index: SearchIndex) -> None:
    assert rels(index.search("tag:finance")) == ["budget.en.md"]
    assert rels(index.search("tag:sport running")) == ["running.en.md"]
    assert set(rels(index.search("gobierno government lang:es"))) == {"budget.es.md"}
    assert set(rels(index.search("gobierno government", lang="en"))) == {"budget.en.md"}
    assert rels(index.search("budget -tag:finance")) == []


def test_unknown_fields_are_words(index: SearchIndex) -> None:
    result = index.search("path:zapato")
    assert SearchNotice.SIMPLIFIED in result.notices
    assert "shoes.es.md" in rels(result)  # searched as the words "path" and "zapato"


@pytest.mark.parametrize(
    "text",
    [
        "NOT NOT zapato",
        "zapato ANDNOT ANDNOT rojo",
        "(" * 1000 + "zapato" + ")" * 1000,
        "[" * 20000 + "zapato",
        'zapato "',
        "zapato AND",
        "zapato [",
        "zapato OR OR",
        "zapato^3",
        "zapato~2",
        "zapato:",
        ":zapato",
        "title:zapato",
        "\x00zapato",
        "zapato" + "\u0301" * 50,
        "zapat?",
        "zapato*",
    ],
)
def test_hostile_queries_fall_back_to_plain_words(index: SearchIndex, text: str) -> None:
    result = index.search(text)
    assert "shoes.es.md" in rels(result), (text[:40], result)


@pytest.mark.parametrize("text", ["AND", '"', "[", "NOT NOT", "()", "the", "-", "de"])
def test_nothing_to_search_is_said(index: SearchIndex, text: str) -> None:
    result = index.search(text)
    assert result.hits or SearchNotice.NOTHING_TO_SEARCH in result.notices, result


@pytest.mark.parametrize("text", ["*", "**", " * ", "-*", "tag:*", "?*"])
def test_wildcard_alone_refused(index: SearchIndex, text: str) -> None:
    result = index.search(text)
    assert result.refusal is Refusal.WILDCARD_ALONE and not result.hits


PREFIX_DOCS = {
    # "zeta…" completions in 3, 2 and 1 versions; "zapat…" words for the whole-word stem
    "a.en.md": "Zetaone zetatwo zapatero.\n",
    "b.en.md": "Zetaone zetatwo.\n",
    "c.en.md": "Zetaone.\n",
    "d.en.md": "Zetathree and nothing else.\n",
    "e.es.md": "Unos zapatos nuevos.\n",
    "f.es.md": "Un zapatero remendón.\n",
}


@pytest.fixture
def prefix_index(tmp_path: Path) -> SearchIndex:
    root = tmp_path / "prefixes"
    for name, text in PREFIX_DOCS.items():
        write(root / name, f"---\ntitle: {name}\n---\n{text}")
    ix = SearchIndex.for_library(tmp_path / "data", root)
    ix.sync(load_library(root).versions())
    yield ix
    ix.close()


def test_prefix_keeps_its_most_frequent_completions(
    prefix_index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = prefix_index.search("zet*")
    assert set(rels(full)) == {"a.en.md", "b.en.md", "c.en.md", "d.en.md"}
    assert SearchNotice.PREFIX_NARROWED not in full.notices
    monkeypatch.setattr(engine, "MAX_PREFIX_WORDS", 2)
    cut = prefix_index.search("zet*")
    # zetaone and zetatwo are kept; d holds only the rarest completion
    assert set(rels(cut)) == {"a.en.md", "b.en.md", "c.en.md"}
    assert SearchNotice.PREFIX_NARROWED in cut.notices
    assert rels(cut)[0] in {"a.en.md", "b.en.md"}  # both kept words rank first
    # a prefix specific enough reaches the rare word, without a notice
    rare = prefix_index.search("zetath*")
    assert rels(rare) == ["d.en.md"] and not rare.notices
    assert rare.hits[0].terms == ("Zetathree",)


def test_prefix_finds_its_whole_word_not_shorter_stems(prefix_index: SearchIndex) -> None:
    # "zapato" is stemmed to "zapat"; "zapatero" starts with "zapat" but not "zapato"
    assert rels(prefix_index.search("zapato*")) == ["e.es.md"]
    assert set(rels(prefix_index.search("zapat*"))) == {"a.en.md", "e.es.md", "f.es.md"}


def test_prefix_scores_as_an_or_of_its_terms(index: SearchIndex) -> None:
    from whoosh import query as wq

    searcher = index._searcher
    terms = [
        wq.Term(name, text)
        for name in ("title_en", "body_en", "title_es", "body_es")
        for text in ("run", "running", "runner", "particip", "zapat", "budget")
    ]
    ours = {h.docnum: h.score for h in searcher.search(engine.AnyTerm(terms), limit=None)}
    whooshs = {h.docnum: h.score for h in searcher.search(wq.Or(terms), limit=None)}
    assert ours.keys() == whooshs.keys() and len(ours) >= 3
    for docnum, score in whooshs.items():
        assert ours[docnum] == pytest.approx(score)


@pytest.mark.parametrize("segments", [1, 4])
def test_words_score_as_whooshs_or_of_their_terms(
    tmp_path: Path, library: Path, segments: int
) -> None:
    from whoosh import query as wq

    # One commit per version leaves one segment each: scores use the whole index's
    # statistics whatever segment a version is in.
    ix = SearchIndex.for_library(tmp_path / "data", library, commit_every=len(DOCS) // segments)
    ix.sync(load_library(library).versions())
    searcher = ix._searcher
    assert len(list(searcher.reader().leaf_readers())) == segments
    compared = 0
    for word in ["running", "participación", "budgets", "zapato", "compromisos", "public"]:
        clause, _common = engine._words_clause([word], ["en", "es"])
        assert isinstance(clause, engine.AnyTerm)
        ours = {h.docnum: h.score for h in searcher.search(clause, limit=None)}
        whooshs = {h.docnum: h.score for h in searcher.search(wq.Or(clause.subqueries), limit=None)}
        assert ours.keys() == whooshs.keys() and ours
        for docnum, score in whooshs.items():
            assert ours[docnum] == pytest.approx(score)
        compared += len(ours)
        result = ix.search(word)
        ranked = sorted(whooshs, key=lambda d: (-whooshs[d], d))
        assert [h.rel for h in result.hits] == [searcher.stored_fields(d)["rel"] for d in ranked]
    assert compared >= 8
    ix.close()


@pytest.mark.parametrize(
    ("words", "lang"),
    [
        (["participación", "ciudadana"], "es"),
        (["running", "budget"], "en"),
        (["public", "money"], "en"),
    ],
)
def test_phrase_scores_as_whooshs_sequence(index: SearchIndex, words: list[str], lang: str) -> None:
    from whoosh import query as wq

    searcher = index._searcher
    clause, _common = engine._words_clause(words, [lang])
    matched = 0
    for adjacent in clause.subqueries:  # title, body
        ours = {h.docnum: h.score for h in searcher.search(adjacent, limit=None)}
        sequence = wq.Sequence(adjacent.subqueries)
        whooshs = {h.docnum: h.score for h in searcher.search(sequence, limit=None)}
        assert ours.keys() == whooshs.keys()
        for docnum, score in whooshs.items():
            assert ours[docnum] == pytest.approx(score)
        matched += len(ours)
    assert matched == 1


def test_phrase_hit_highlights_its_words(index: SearchIndex) -> None:
    (hit,) = index.search('"participación ciudadana"').hits
    assert hit.rel == "budget.es.md" and hit.snippet is not None
    assert "[participación] [ciudadana]" in hit.snippet.marked().lower()


def test_runaway_prefix_refused(index: SearchIndex) -> None:
    result = index.search("z*")
    assert result.refusal is Refusal.RUNAWAY_WILDCARD and result.refused_term == "z*"
    # with other words the broad prefix is left out and the rest is searched
    kept = index.search("zapato r*")
    assert "shoes.es.md" in rels(kept) and SearchNotice.PREFIX_IGNORED in kept.notices


def test_suggestion_from_index_words(index: SearchIndex) -> None:
    result = index.search("sapato")
    assert not result.hits and result.suggestion == "zapato"
    assert index.search("zapato").suggestion is None


def test_snippet_highlights_and_block(index: SearchIndex) -> None:
    hit = next(h for h in index.search("rendicion").hits if h.rel == "budget.es.md")
    assert hit.snippet is not None
    marked = hit.snippet.marked("<", ">")
    assert "<rendición>" in marked
    for start, end in hit.snippet.highlights:
        assert hit.snippet.text[start:end].lower() == "rendición"
    assert hit.terms == ("rendición",)
    # blocks: b0 heading, b1 paragraph, b2 heading, b3 the paragraph with the hit
    assert hit.block == 3
    assert hit.title == "Presupuestos abiertos" and hit.lang == "es" and hit.key == "budget"
    assert hit.tags == ("finanzas", "transparencia")


def test_search_before_any_index(tmp_path: Path, library: Path) -> None:
    ix = SearchIndex.for_library(tmp_path / "data", library)
    result = ix.search("zapato")
    assert SearchNotice.NOT_READY in result.notices and not result.hits


def test_index_refused_inside_library(library: Path) -> None:
    from reader.search import SearchError

    with pytest.raises(SearchError):
        SearchIndex(library / ".lector-index", library)


def test_query_parser_forms() -> None:
    parsed = parse_query('plain "a phrase" pre* -out -"not this" tag:x lang:es path:p')
    assert parsed.words == ["plain", "path", "p"]
    assert parsed.phrases == [["a", "phrase"]]
    assert parsed.prefixes == ["pre"]
    assert parsed.excluded_words == ["out"]
    assert parsed.excluded_phrases == [["not", "this"]]
    assert parsed.tags == ["x"] and parsed.langs == ["es"]
    assert parsed.simplified


def test_plain_text_blocks_follow_the_renderer() -> None:
    from reader.render.convert import render_markdown

    body = DOCS["budget.es.md"].split("---\n", 2)[2]
    body += "\n- uno\n- dos\n\n- tres\n\n***\n\n```\ncode\n\nmore\n```\n\nFin [enlace](http://x).\n"
    plain = plain_text(body)
    assert len(plain.blocks) == len(render_markdown(body).blocks)
    assert "enlace" in plain.text and "http" not in plain.text and "#" not in plain.text


def test_core_imports_without_qt() -> None:
    import subprocess

    code = (
        "import sys; sys.modules['PySide6'] = None\nimport reader.search, reader.search.commands\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent.parent)


def test_state_reports_ready(index: SearchIndex) -> None:
    assert index.state() is IndexState.READY
    assert index.document_count() == len(DOCS)


def test_snippet_marks_survive_joined_blocks() -> None:
    from reader.search.snippets import make_snippet

    text = "Heading one\n\nThe paragraph mentions rivers.\nA line about rivers."
    spans = [(i, i + 6) for i in range(len(text)) if text.startswith("rivers", i)]
    spans.insert(0, (0, 7))
    snippet = make_snippet(text, spans)
    assert snippet.text.startswith("Heading one · The paragraph")
    assert [snippet.text[s:e] for s, e in snippet.highlights] == ["Heading", "rivers", "rivers"]


TOKEN_TEXT = (
    "La participación CIUDADANA y de la la x*y 3.14 a.b.c İstanbul ÉCOLE straße ﬁne ½ "
    "l'été. Running runs of the runners; los compromisos del zapatero, ¿qué? Ünïcödé! a"
)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    "options",
    [
        {"positions": True, "chars": True, "mode": "index"},
        {"positions": True, "mode": "query"},
        {"positions": True, "chars": True, "removestops": False, "keeporiginal": True},
        {"positions": True, "chars": True, "start_pos": 5, "start_char": 7},
        {"positions": True, "chars": True, "tokenize": False},
    ],
)
def test_one_pass_tokenizers_equal_the_filter_chains(lang: str, options: dict) -> None:
    from reader.search.engine import LanguageTokenizer, language_analyzer

    def tokens(analyzer, text: str) -> list[tuple]:
        names = ("text", "pos", "startchar", "endchar", "stopped", "boost", "original")
        return [tuple(getattr(t, name, None) for name in names) for t in analyzer(text, **options)]

    for text in [TOKEN_TEXT, TOKEN_TEXT.upper(), "", "de la", "a"]:
        chained = tokens(language_analyzer(lang), text)
        assert tokens(LanguageTokenizer(lang), text) == chained
    assert tokens(LanguageTokenizer(lang), TOKEN_TEXT)  # the text is not all stop words


@pytest.mark.parametrize("lang", ["en", "es"])
def test_posting_values_equal_whooshs_own(lang: str) -> None:
    """Titles and bodies are indexed without a token per word, to the same posting values."""
    from reader.search.engine import _Postings, language_analyzer, make_schema

    schema = make_schema()
    long_text = "word " * 14_000 + "participación y participacion " * 3  # offsets past 16 bits
    texts = [TOKEN_TEXT, TOKEN_TEXT.upper() * 3, "", "de la", "a", DOCS["budget.es.md"], long_text]
    for text in texts:
        for name in (f"title_{lang}", f"body_{lang}"):
            field = schema[name]
            chain = language_analyzer(lang)
            whooshs = super(_Postings, field.format).word_values(text, chain, mode="index")
            whooshs = sorted((term.encode(), *rest) for term, *rest in whooshs)
            ours = field.format.index_items(text, field.analyzer)
            assert ours == whooshs
            assert ours or text in ("", "de la", "a")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_word_list_counts_each_folded_word(lang: str) -> None:
    from collections import Counter

    from reader.search.engine import LanguageTokenizer, word_counts
    from reader.text import fold

    for text in [TOKEN_TEXT, TOKEN_TEXT.upper(), "", "de la", "a", DOCS["budget.es.md"]]:
        read = LanguageTokenizer(lang)(text, removestops=False, keeporiginal=True, chars=True)
        # a word indexed in two forms comes twice, at the same place
        places = {(token.startchar, fold(token.original.lower())) for token in read}
        assert word_counts(text) == Counter(word for _start, word in places)
    counts = word_counts(TOKEN_TEXT + " Ete ÉTÉ")
    assert counts["ete"] == 3 and counts["l"] == 1 and counts["a"] == 1 and "été" not in counts


def test_suggestions_over_segments_match_the_corrector(tmp_path: Path, library: Path) -> None:
    """Over several segments the word list is searched directly; it offers what Whoosh would."""
    for i, extra in enumerate(["zapatos zapata", "zapatero zapato", "sapo zafado", "capato"]):
        write(library / f"extra{i}.es.md", f"# Extra\n\n{extra} zapato{'s' * i}\n")
    ix = SearchIndex.for_library(tmp_path / "data2", library, commit_every=2)
    ix.sync(load_library(library).versions())
    ix.state()
    searcher = ix._searcher
    assert not searcher.reader().is_atomic()
    corrector = searcher.corrector("words")
    tried = 0
    for word in [
        "sapato",
        "zapatp",
        "zpato",
        "capatos",
        "presupuetso",
        "ciudadnia",
        "gobeirno",
        "azpato",
        "zapatoss",
        "xyzzy",
        "runers",
        "lighthose",
        "commitmets",
    ]:
        for maxdist in (1, 2):
            # Whoosh's corrector at the smallest distance that finds anything.
            found = (corrector.suggest(word, limit=1, maxdist=d) for d in range(1, maxdist + 1))
            expected = next((words for words in found if words), [])
            assert ix._closest_word(searcher, word, maxdist) == (expected[0] if expected else None)
            tried += bool(expected)
    assert tried >= 10
    assert ix.search("sapato").suggestion == "zapato"
    ix.close()


def test_a_suggestions_check_finds_what_the_search_finds(index: SearchIndex) -> None:
    """The check a suggestion passes (anything found, nothing scored) agrees with a search."""
    queries = [
        "budget",
        "budgets -tag:finance",
        "presupuestos",
        "participation citizens",
        '"public money"',
        '"money public"',
        "budg*",
        "tag:finance",
        "tag:finance -budget",
        "de la",
        "the",
        "zapato",
        "budget zzzz",
        "ministry -ministry",
        "lang:es budget",
    ]
    index.state()
    outcomes = set()
    for text in queries:
        for lang in (None, "en", "es"):
            parsed = parse_query(text)
            full = engine.SearchResult(text)
            probe = engine.SearchResult(text)
            index._search(index._searcher, parsed, lang, 5, False, full)
            index._search(index._searcher, parsed, lang, 5, False, probe, probe=True)
            assert probe.total == int(bool(full.hits)), (text, lang)
            outcomes.add(bool(full.hits))
    assert outcomes == {True, False}


def test_edit_distance_check_agrees_with_whoosh() -> None:
    """Suggestions count edits as Whoosh's ``distance`` does, swaps of neighbours included."""
    from itertools import product

    from whoosh.support.levenshtein import distance

    from reader.search.spelling import within

    words = ["".join(letters) for n in range(5) for letters in product("abc", repeat=n)]
    words += ["ab.c", "xaybz", "étaé", "zapato", "zpaato", "apatoz", "zapatoss", "capatos"]
    for a in words:
        for b in words:
            far = distance(a, b)
            for most in (0, 1, 2, 3):
                assert within(a, b, most) == (far <= most), (a, b, most)


def test_one_segment_and_several_suggest_the_same(tmp_path: Path, library: Path) -> None:
    """The word list is searched the same way whether the index has one segment or many."""
    for i, extra in enumerate(["zapatos zapata", "zapatero zapato", "sapo zafado", "capato"]):
        write(library / f"extra{i}.es.md", f"# Extra\n\n{extra} zapato{'s' * i}\n")
    versions = load_library(library).versions()
    one = SearchIndex.for_library(tmp_path / "one", library)
    many = SearchIndex.for_library(tmp_path / "many", library, commit_every=2)
    one.sync(versions)
    many.sync(versions)
    one.state()
    many.state()
    assert one._searcher.reader().is_atomic() and not many._searcher.reader().is_atomic()
    for word in ["sapato", "zapatp", "zpato", "capatos", "presupuetso", "gobeirno", "xyzzy"]:
        for maxdist in (1, 2):
            assert one._closest_word(one._searcher, word, maxdist) == many._closest_word(
                many._searcher, word, maxdist
            )
    assert one.search("oepn").suggestion == "open"  # a swap of neighbours is one edit
    one.close()
    many.close()


def test_suggestions_in_both_languages_follow_deletions(tmp_path: Path, library: Path) -> None:
    """The word list forgets a deleted version's words; what is left is still offered."""
    write(library / "rivers.en.md", "# Rivers\n\nThe river meanders past the lighthouse.\n")
    write(
        library / "faro.es.md",
        "# Faro\n\nEl faro ilumina, e ilumina bien, la desembocadura del río.\n",
    )
    write(library / "faros.es.md", "# Faros\n\nLos faros iluminan la costa.\n")
    ix = SearchIndex.for_library(tmp_path / "data", library, commit_every=2)
    ix.sync(load_library(library).versions())
    assert ix.search("lighthose").suggestion == "lighthouse"
    assert ix.search("desembocadra", lang="es").suggestion == "desembocadura"
    assert ix.search("ilumna").suggestion == "ilumina"
    (library / "rivers.en.md").unlink()
    (library / "faro.es.md").unlink()
    write(library / "port.en.md", "# Port\n\nShips wait in the harbour.\n")
    report = ix.sync(load_library(library).versions())
    assert (report.removed, report.added) == (2, 1)
    # A deleted version's words may stay in the list until its segment is merged, but
    # a suggestion is only made when it finds something.
    assert ix.search("lighthose").suggestion is None
    assert ix.search("desembocadra").suggestion is None
    suggestion = ix.search("ilumna").suggestion
    assert suggestion is not None and rels(ix.search(suggestion)) == ["faros.es.md"]
    assert ix.search("harbur").suggestion == "harbour"
    assert ix.search("presupuetsos").suggestion == "presupuestos"
    ix.close()
    again = SearchIndex.for_library(tmp_path / "data", library)  # as a new process sees it
    assert again.search("harbur").suggestion == "harbour"
    assert again.search("lighthose").suggestion is None
    again.close()


@pytest.mark.parametrize("compression", [None, 3])
def test_segments_equal_whooshs_own_writer(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch, compression: int | None
) -> None:
    """Lector's writer (postings grouped by term, written a posting list at a time)
    writes the files Whoosh's own writer writes, byte for byte: with its blocks
    uncompressed, and with every block compressed. (Its word list's one posting per
    word is checked in ``test_the_word_list_holds_each_word_once_per_segment``.)"""
    from whoosh.writing import SegmentWriter

    from reader.search import engine

    monkeypatch.setattr(engine._Writer, "one_posting_per_word", False)
    if compression is not None:
        monkeypatch.setattr(engine.LectorCodec, "compression", compression)

    for i in range(7):
        write(library / f"n{i}.en.md", f"# Note {i}\n\n{'A long note about rivers. ' * i}\n")
    versions = load_library(library).versions()

    def contents(folder: str) -> list:
        ix = SearchIndex.for_library(tmp_path / folder, library, commit_every=3)
        ix.sync(versions)
        ix.state()
        out = []
        for leaf, _offset in ix._searcher.reader().leaf_readers():
            for name in sorted(leaf.indexed_field_names()):
                for term in leaf.lexicon(name):
                    info = leaf.term_info(name, term)
                    stats = (info.weight(), info.doc_frequency())
                    lengths = (info.min_length(), info.max_length())
                    items = list(leaf.postings(name, term).all_items())
                    out.append((name, term, stats, lengths, items))
            # and the very bytes Whoosh's readers read
            segment = leaf.segment()
            out += [segment.open_file(leaf.storage(), ext).read() for ext in (".trm", ".pst")]
        ix.close()
        assert len(out) > 100
        return out

    class WhooshsWriter(SegmentWriter):
        def postings_size(self) -> int:
            return 0

    ours = contents("ours")
    monkeypatch.setattr(engine, "_Writer", WhooshsWriter)
    assert contents("whooshs") == ours


def test_inline_marks_and_blanks_are_removed_as_their_plain_patterns_say() -> None:
    """plain.py writes these two patterns for speed; they match what the plain ones match."""
    import random
    import re

    from reader.search import plain

    marks = re.compile(r"(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)|`+|~~")
    blanks = re.compile(r"[ \t]+")
    rnd = random.Random(7)
    for _ in range(20_000):
        text = "".join(rnd.choice("a *_`~\té9.-") for _ in range(rnd.randint(0, 12)))
        assert plain._MARKS.sub("", text) == marks.sub("", text), text
        assert plain._SPACES.sub(" ", text) == blanks.sub(" ", text), text


def test_count_is_every_matching_version(tmp_path: Path) -> None:
    # Enough versions, over several segments, that the best ones leave most of the
    # rest unable to reach the results: each is still counted.
    root = tmp_path / "many"
    holding = set()
    for n in range(150):
        words = ["alpha"] * (n % 7) + ["filler"] * (5 + n % 11) + (["beta"] if n % 3 else [])
        title = f"Alpha {n}" if n % 5 == 0 else f"Doc {n}"
        write(root / f"doc-{n:03}.en.md", f"---\ntitle: {title}\n---\n{' '.join(words)}\n")
        if (n % 7 or n % 5 == 0) and n % 3:
            holding.add(f"doc-{n:03}.en.md")
    alpha = {f"doc-{n:03}.en.md" for n in range(150) if n % 7 or n % 5 == 0}
    ix = SearchIndex.for_library(tmp_path / "data", root, commit_every=40)
    ix.sync(load_library(root).versions())
    try:
        for text, limit in [("alpha", 5), ("alpha beta", 3), ("alpha -gamma", 1)]:
            result = ix.search(text, limit=limit)
            expected = holding if "beta" in text else alpha
            assert result.total == len(expected) and len(result.hits) == limit
            assert {h.rel for h in result.hits} <= expected
            scores = [h.score for h in result.hits]
            assert scores == sorted(scores, reverse=True)
    finally:
        ix.close()


def _word_list(reader) -> dict[str, float]:
    """Each word of the index's word list, with its frequency."""
    return {word: reader.frequency("words", word) for word in reader.field_terms("words")}


def _library_words(versions: list) -> dict[str, int]:
    """Each folded word of ``versions``' titles and bodies, with its count."""
    from collections import Counter

    from reader.search.engine import _document, word_counts

    counts: Counter[str] = Counter()
    for version in versions:
        counts.update(word_counts(_document(version)["words"][1], version.lang))
    return dict(counts)


def test_the_word_list_holds_each_word_once_per_segment(tmp_path: Path, library: Path) -> None:
    """Every word of the library is listed with its count in the whole library, from
    one posting per segment, on the segment's first version that holds the word."""
    from reader.search.engine import _document, word_counts

    write(library / "caps.es.md", "# ZAPATO\n\nZapato, zapato y ZAPATÓ con zapato.\n")
    versions = load_library(library).versions()
    ix = SearchIndex.for_library(tmp_path / "data", library, commit_every=2)
    ix.sync(versions)
    ix.state()
    reader = ix._searcher.reader()
    listed = _word_list(reader)
    assert listed == _library_words(versions)
    assert listed["zapato"] == 8 and "zapató" not in listed
    words_of = {v.rel: word_counts(_document(v)["words"][1], v.lang) for v in versions}
    leaves = [leaf for leaf, _base in reader.leaf_readers()]
    assert len(leaves) > 2
    for leaf in leaves:
        rels = [leaf.stored_fields(d)["rel"] for d in range(leaf.doc_count_all())]
        for word in leaf.field_terms("words"):
            postings = leaf.postings("words", word)
            docnum = postings.id()
            postings.next()
            assert not postings.is_active(), word
            holders = [n for n, rel in enumerate(rels) if word in words_of[rel]]
            assert docnum == holders[0], word
            assert leaf.frequency("words", word) == sum(words_of[rels[n]][word] for n in holders)
    ix.close()


def test_the_word_list_leaves_out_stop_words(tmp_path: Path) -> None:
    """No search looks for a stop word, so none is listed, offered, or corrected."""
    root = tmp_path / "library"
    write(root / "puerto.es.md", "# El puerto\n\nUna pala y la grúa de un puerto con barcos.\n")
    write(root / "harbour.en.md", "# The harbour\n\nThe cranes of the harbour, and a shovel.\n")
    ix = SearchIndex.for_library(tmp_path / "data", root)
    ix.sync(load_library(root).versions())
    ix.state()
    listed = _word_list(ix._searcher.reader())
    assert {"puerto", "pala", "grua", "harbour", "cranes"} <= listed.keys()
    assert not {"el", "la", "de", "un", "con", "the", "of", "and", "a", "y"} & listed.keys()
    # "para" (a Spanish stop word) is one letter from "pala", and stays as typed.
    assert ix.search("harbor para").suggestion == "harbour para"
    assert ix.search("pala para").suggestion is None
    assert ix.search("hte harbour").suggestion is None  # not "the"
    ix.close()


def test_merged_segments_list_the_words_still_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the version a word is posted on is deleted and its segment merged, the
    word stays listed for the versions still holding it, with their count; a word
    no version holds any more is gone."""
    monkeypatch.setattr(engine, "MERGE_AFTER", 2)
    root = tmp_path / "library"
    for name, text in {
        "a.es.md": "# Uno\n\nUn zapato y el xilófono.\n",
        "b.es.md": "# Dos\n\nOtro zapato, otro Zapato.\n",
        "c.en.md": "# Three\n\nA shoe.\n",
        "d.en.md": "# Four\n\nTwo shoes.\n",
    }.items():
        write(root / name, text)
    ix = SearchIndex.for_library(tmp_path / "data", root, commit_every=2)
    ix.sync(load_library(root).versions())
    ix.state()
    reader = ix._searcher.reader()
    assert len(reader.leaf_readers()) == 2
    leaves = [leaf for leaf, _base in reader.leaf_readers()]
    holder = next(leaf for leaf in leaves if leaf.doc_frequency("words", "zapato"))
    rel = holder.stored_fields(holder.postings("words", "zapato").id())["rel"]
    assert rel == "a.es.md"
    (root / rel).unlink()
    versions = load_library(root).versions()
    report = ix.sync(versions)
    assert report.removed == 1
    ix.state()
    reader = ix._searcher.reader()
    assert len(reader.leaf_readers()) == 1  # merged, without the deleted version
    assert reader.doc_count_all() == 3
    listed = _word_list(reader)
    assert listed == _library_words(versions)
    assert listed["zapato"] == 2 and "xilofono" not in listed
    assert ix.search("zapatto").suggestion == "zapato"
    ix.close()


def test_a_suggestion_is_the_word_fewest_edits_away(tmp_path: Path, library: Path) -> None:
    """A word one letter away is offered before a more frequent one two letters away."""
    for n in range(3):
        write(library / f"part{n}.en.md", f"# Part {n}\n\nCitizen participation matters.\n")
    write(library / "part.es.md", "# Parte\n\nLa participación ciudadana importa.\n")
    ix = SearchIndex.for_library(tmp_path / "data", library)
    ix.sync(load_library(library).versions())
    ix.state()
    reader = ix._searcher.reader()
    assert reader.frequency("words", "participation") > reader.frequency("words", "participacion")
    assert ix.search("partisipacion").suggestion == "participacion"
    assert ix.search("partisipation").suggestion == "participation"
    ix.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_lectors_posting_values_read_as_whooshs_own(lang: str) -> None:
    """Lector's packed posting values give what Whoosh's pickled ones give, through
    every decoder Whoosh's code calls."""
    from whoosh import formats

    from reader.search.engine import CharacterPostings, make_schema

    schema = make_schema()
    # Beyond 65,535 characters, values take 32-bit numbers.
    text = DOCS["budget.es.md"] + TOKEN_TEXT * 500 + DOCS["budget.en.md"]
    assert len(text) > 70_000
    for name in (f"title_{lang}", f"body_{lang}"):
        ours, analyzer = schema[name].format, schema[name].analyzer
        chars = isinstance(ours, CharacterPostings)
        whooshs = (formats.Characters if chars else formats.Positions)(ours.field_boost)
        kinds = ["frequency", "weight", "positions", "position_boosts"]
        kinds += ["characters"] if chars else []
        expected = {
            term: [whooshs.decode_as(kind, value) for kind in kinds]
            for term, _f, _w, value in whooshs.word_values(text, analyzer, mode="index")
        }
        values = {
            term: value for term, _f, _w, value in ours.word_values(text, analyzer, mode="index")
        }
        assert {t: [ours.decode_as(k, v) for k in kinds] for t, v in values.items()} == expected
        assert any(len(found[2]) > 1 for found in expected.values())
        wide = {t for t, v in values.items() if v[:2] == engine._WIDE}
        assert (0 < len(wide) < len(values)) if chars else not wide
        # Merging matches of several terms into one value (Whoosh's MultiTerm).
        first, second = (values[t] for t in sorted(values, key=lambda t: -len(values[t]))[:2])
        union = sorted(set(ours.decode_positions(first)) | set(ours.decode_positions(second)))
        assert ours.decode_positions(ours.combine([first, second])) == union
        if chars:
            assert list(ours.spans(first)) == [(s, e) for _p, s, e in ours.decode_characters(first)]
            wide = ours.encode([(1, 10, 14), (3, 20, 22)])
            narrow = ours.encode([(1, 11, 13), (2, 15, 16)])
            assert ours.decode_characters(ours.combine([wide, narrow])) == [
                (1, 10, 14),
                (2, 15, 16),
                (3, 20, 22),
            ]


def test_whooshs_own_matchers_and_highlighter_read_lectors_postings() -> None:
    """An index of Lector's schema written and searched by Whoosh's own code alone:
    its phrase matcher, highlighter and posting readers understand the values."""
    from whoosh import highlight
    from whoosh import query as wq
    from whoosh.filedb.filestore import RamStorage

    from reader.search.engine import analyse, make_schema

    texts = [
        "Governments publish budgets so that citizens follow public money, public money!",
        "Money for the public, and more for public schools.",
        "Nothing about it here.",
    ]
    ix = RamStorage().create_index(make_schema())
    with ix.writer() as writer:
        for n, text in enumerate(texts):
            writer.add_document(rel=f"d{n}", title_en=f"Public note {n}", body_en=text)
    phrase = wq.Phrase("body_en", [w[0] for w in analyse("public money", "en")])
    with ix.searcher() as searcher:
        results = searcher.search(phrase)
        assert [hit["rel"] for hit in results] == ["d0"]
        results.fragmenter = highlight.WholeFragmenter()
        marked = results[0].highlights("body_en", text=texts[0])
        assert marked.count('class="match') == 4 and "public</b> <b" in marked
        assert [h["rel"] for h in searcher.search(wq.Phrase("title_en", ["public", "note"]))]
        reader = searcher.reader()
        items = dict(reader.postings("body_en", "money").all_items())
        fmt = reader.schema["body_en"].format
        assert {n: fmt.decode_characters(v) for n, v in items.items()} == {
            0: [(6, 59, 64), (8, 73, 78)],
            1: [(0, 0, 5)],
        }
        assert reader.postings("title_en", "note").value_as("positions") == [1]


def test_ids_and_weights_of_a_block_are_read_without_its_values() -> None:
    """Scoring reads a posting block's ids and weights alone; they are what
    unpickling the whole block gives, for every shape Whoosh's writer gives a block."""
    import pickle
    import random
    import zlib

    from reader.search.engine import _IDS_AND_WEIGHTS, _TWO_AND_STOP, _posting_block

    rnd = random.Random(5)
    fmt = engine.CharacterPostings()
    shapes = 0
    for count in [1, 2, 3, 4, 5, 127, 128]:
        for weighting in ["ones", "same", "varied"]:
            for gap in [1, 300, 70_000, 3_000_000]:
                ids = sorted(rnd.sample(range(count * gap + 1), count))
                values = [
                    fmt.encode([(p, p * 5, p * 5 + 4) for p in range(rnd.randint(1, 4))])
                    for _ in ids
                ]
                weights = {
                    "ones": [1.0] * count,
                    "same": [2.0] * count,
                    "varied": [float(len(v) // 12) + (i % 2) for i, v in enumerate(values)],
                }[weighting]
                block = _posting_block(ids, weights, values, None, None, 3, last=True)[0]
                stream = io.BytesIO(block[4:])
                pickle.load(stream)  # the block's header
                data = zlib.decompress(block[4 + stream.tell() :])
                head = _IDS_AND_WEIGHTS.match(data)
                assert head is not None, (count, weighting, gap)
                whole = pickle.loads(data)
                assert pickle.loads(head.group() + _TWO_AND_STOP) == whole[:2]
                assert list(whole[2]) == values
                shapes += 1
    assert shapes == 7 * 3 * 4


def test_prefix_terms_are_whooshs_own(tmp_path: Path, library: Path) -> None:
    """A prefix's terms and term infos, read from the terms file in one piece, are
    what Whoosh's ``iter_prefix`` reads, in every segment and field."""
    from reader.search.engine import _closest_key_pos, _prefix_terms

    long_word = "presupuestariamente" * 4  # a key longer than the bytes read with its length
    for i in range(6):
        write(
            library / f"p{i}.es.md",
            f"# Parte {i}\n\nPresupuesto parcial {i * 'x'} pará {long_word}{i}.\n",
        )
    ix = SearchIndex.for_library(tmp_path / "data", library, commit_every=3)
    ix.sync(load_library(library).versions())
    ix.state()
    leaves = [leaf for leaf, _base in ix._searcher.reader().leaf_readers()]
    assert len(leaves) > 1
    compared = longest = 0
    for leaf in leaves:
        for name in ["title_es", "body_es", "body_en", "tags", "words", "lang"]:
            for prefix in ["p", "pa", "par", "pre", "presupuesto", "z", "x", "\uffff", "é"]:
                ours = [(t, info.__dict__) for t, info in _prefix_terms(leaf, name, prefix)]
                whooshs = [(t, info.__dict__) for t, info in leaf.iter_prefix(name, prefix)]
                assert ours == whooshs, (name, prefix)
                compared += len(ours)
        table = leaf._terms._tindex
        keys = [b"", b"\x00", b"\xff\xff", *(key for key, _v in table.items())]
        keys += [key + b"\x00" for key in keys] + [key[:-1] for key in keys if key]
        for key in keys:
            assert _closest_key_pos(table, key) == table.closest_key_pos(key), key
        longest = max(longest, *map(len, keys))
    assert compared > 50 and longest > 60
    ix.close()


def test_a_long_version_is_found_and_marked_past_its_first_65536_characters(
    tmp_path: Path, library: Path
) -> None:
    """Offsets beyond 16 bits take wider posting values: phrases, prefixes and
    snippets read them as they read short versions'."""
    filler = "Rivers carry water to the distant sea every day. " * 1500
    write(library / "long.en.md", f"# Long\n\n{filler}\n\nThe lighthouse keeper waved.\n")
    ix = SearchIndex.for_library(tmp_path / "data", library)
    ix.sync(load_library(library).versions())
    try:
        hits = ix.search('"lighthouse keeper"').hits
        assert [h.rel for h in hits] == ["long.en.md"]
        assert "The [lighthouse] [keeper] waved." in hits[0].snippet.marked()
        assert [h.rel for h in ix.search("lightho*").hits] == ["long.en.md"]
        assert [h.rel for h in ix.search('"distant sea"').hits] == ["long.en.md"]
        with ix._lock:
            reader = ix._searcher.reader()
            value = dict(reader.postings("body_en", "keeper").all_items())
        (raw,) = value.values()
        assert raw[:2] == engine._WIDE
        assert reader.schema["body_en"].format.decode_characters(raw)[0][1] > 70_000
    finally:
        ix.close()
