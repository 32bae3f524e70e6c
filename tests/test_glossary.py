"""The glossary core: loading with validation, matching inflections, annotating HTML."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.glossary import (
    GlossaryProblemKind,
    GlossaryStore,
    Matcher,
    TermTable,
    annotate_html,
    entry_id_from_href,
    load_glossary_file,
)
from reader.paths import bundled_glossary_dir
from reader.render import render_markdown
from reader.render.service import RenderService
from reader.render.versions import render_versions
from tests.conftest import write

K = GlossaryProblemKind


@pytest.fixture(scope="module")
def store() -> GlossaryStore:
    return GlossaryStore(bundled_glossary_dir())


def marked(html: str) -> list[tuple[str, str]]:
    """(entry id, marked text) for every glossary link in ``html``."""
    return re.findall(r'<a href="gloss:([^"]+)" class="gloss">([^<]*)</a>', html)


def annotate(store: GlossaryStore, markdown: str, lang: str) -> list[tuple[str, str]]:
    html = render_markdown(markdown).html
    return marked(annotate_html(html, Matcher(store.terms(None, lang))))


# --- the bundled data ---------------------------------------------------------------------


def test_bundled_glossary_loads_cleanly_in_both_languages(store: GlossaryStore) -> None:
    glossary = store.bundled()
    assert glossary.problems == []
    assert len(glossary.entries) >= 40
    for entry in glossary.entries.values():
        for lang in ("en", "es"):
            side = entry.sides[lang]
            assert side.term and side.short and side.long, (entry.id, lang)
        assert all(r in glossary.entries for r in entry.related), entry.id


# --- matching -----------------------------------------------------------------------------


def test_english_inflections_and_multi_word_terms(store: GlossaryStore) -> None:
    found = annotate(
        store,
        "Two commitments in the action plans; Open Government Partnership members "
        "publish open data and practise co-creation.",
        "en",
    )
    assert found == [
        ("commitment", "commitments"),
        ("action-plan", "action plans"),
        ("open-government-partnership", "Open Government Partnership"),
        ("open-data", "open data"),
        ("co-creation", "co-creation"),
    ]


def test_spanish_inflections_accents_and_case(store: GlossaryStore) -> None:
    found = annotate(
        store,
        "Los compromisos exigen rendiciones de cuentas y RENDICIÓN DE CUENTAS; "
        "la participacion ciudadana crece con los planes de acción.",
        "es",
    )
    assert found == [
        ("commitment", "compromisos"),
        ("accountability", "rendiciones de cuentas"),
        ("accountability", "RENDICIÓN DE CUENTAS"),
        ("civic-participation", "participacion ciudadana"),
        ("action-plan", "planes de acción"),
    ]


def test_longest_match_wins_over_its_parts(store: GlossaryStore) -> None:
    found = annotate(store, "The Open Government Partnership favours open government.", "en")
    assert found == [
        ("open-government-partnership", "Open Government Partnership"),
        ("open-government", "open government"),
    ]
    found = annotate(store, "La Alianza para el Gobierno Abierto y el gobierno abierto.", "es")
    assert [i for i, _ in found] == ["open-government-partnership", "open-government"]


def test_exact_entries_are_not_stemmed(store: GlossaryStore) -> None:
    # "committee" and "committed" share a stem with "commitment"; the entry is exact.
    found = annotate(store, "The committee committed to a commitment.", "en")
    assert found == [("commitment", "commitment")]
    # "account" shares the stem of "accountability".
    assert annotate(store, "An account of accountability.", "en") == [
        ("accountability", "accountability")
    ]


def test_terms_do_not_cross_sentence_punctuation(store: GlossaryStore) -> None:
    assert annotate(store, "It was open. Data came later.", "en") == []
    assert annotate(store, "open, data", "en") == []


def test_capitalised_acronyms_match_only_in_capitals(store: GlossaryStore) -> None:
    found = annotate(store, "Una ONG y una ong.", "es")
    assert found == [("civil-society", "ONG")]


def test_whole_words_only(store: GlossaryStore) -> None:
    assert [t for _, t in annotate(store, "Transparencies!", "en")] == ["Transparencies"]
    assert annotate(store, "metadatabase opendata", "en") == []


def test_never_inside_links_code_or_headings(store: GlossaryStore) -> None:
    markdown = (
        "# Open data\n\n"
        "See [open data](https://example.org) and `open data` here, then open data.\n\n"
        "```\nopen data\n```\n\n"
        '<a href="https://example.org">transparency</a> <kbd>transparency</kbd>\n'
    )
    found = annotate(store, markdown, "en")
    assert found == [("open-data", "open data")]


def test_text_with_entities_and_attributes_stays_intact(store: GlossaryStore) -> None:
    html = '<p title="open data > transparency">Fish &amp; open data &lt;3</p>'
    out = annotate_html(html, Matcher(store.terms(None, "en")))
    assert out == (
        '<p title="open data > transparency">Fish &amp; '
        '<a href="gloss:open-data" class="gloss">open data</a> &lt;3</p>'
    )


def test_decomposed_accents_are_matched(store: GlossaryStore) -> None:
    nfd = "La rendicio\u0301n de cuentas."
    found = annotate(store, nfd, "es")
    assert found == [("accountability", "rendición de cuentas")]


def test_documents_cannot_forge_glossary_links(store: GlossaryStore) -> None:
    html = render_markdown('[x](gloss:transparency) <a href="gloss:open-data">y</a>').html
    assert "gloss:" not in html


def test_entry_id_from_href() -> None:
    assert entry_id_from_href("gloss:open-data") == "open-data"
    assert entry_id_from_href("GLOSS:open-data") == "open-data"
    assert entry_id_from_href("gloss:") is None
    assert entry_id_from_href("https://x") is None


def test_term_table_survives_the_wire(store: GlossaryStore) -> None:
    table = store.terms(None, "es")
    assert TermTable.from_wire(table.to_wire()) == table


# --- loading and validation ---------------------------------------------------------------

GOOD = """
entries:
  - id: sunlight
    en: {term: sunlight, short: Light on public business., long: More.}
    es: {term: luz pública, forms: [luces públicas], short: Luz sobre lo público., long: Más.}
"""


def test_invalid_entries_are_reported_and_skipped(tmp_path: Path) -> None:
    path = write(
        tmp_path / "glossary.yaml",
        GOOD
        + """
  - just a string
  - en: {term: no id}
  - id: "Bad Id!"
    en: {term: x}
  - id: sunlight
    en: {term: again}
  - id: nolang
  - id: noterm
    es: {short: sin término}
  - id: badforms
    en: {term: x, forms: 7}
  - id: badexact
    exact: "yes"
    en: {term: x}
  - id: fine
    related: [sunlight, nowhere]
    en: {term: fine thing}
""",
    )
    glossary = load_glossary_file(path)
    assert list(glossary.entries) == ["sunlight", "fine"]
    assert glossary.entries["sunlight"].sides["es"].forms == ("luces públicas",)
    problems = [(p.path, p.entry, p.kind) for p in glossary.problems]
    assert problems == [
        (path, "#2", K.NOT_AN_ENTRY),
        (path, "#3", K.MISSING_ID),
        (path, "Bad Id!", K.INVALID_ID),
        (path, "sunlight", K.DUPLICATE_ID),
        (path, "nolang", K.NO_LANGUAGE),
        (path, "noterm", K.MISSING_TERM),
        (path, "badforms", K.INVALID_FIELD),
        (path, "badexact", K.INVALID_FIELD),
    ]
    assert all(p.kind.skips_entry for p in glossary.problems)


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("entries: [unclosed", K.SYNTAX),
        ("!!python/object/apply:os.system ['true']", K.SYNTAX),
        ("just text", K.NOT_A_GLOSSARY),
        ("entries: {id: x}", K.NOT_A_GLOSSARY),
        (b"\xff\xfe\x00bad", K.UNREADABLE),
        ("", K.NOT_A_GLOSSARY),
    ],
)
def test_broken_files_are_reported_not_fatal(
    tmp_path: Path, content: str | bytes, kind: GlossaryProblemKind
) -> None:
    path = write(tmp_path / "glossary.yaml", content)
    glossary = load_glossary_file(path)
    assert glossary.entries == {}
    assert [(p.path, p.kind) for p in glossary.problems] == [(path, kind)]
    assert path.read_bytes() == (content if isinstance(content, bytes) else content.encode())


def test_missing_file_is_reported(tmp_path: Path) -> None:
    glossary = load_glossary_file(tmp_path / "nowhere.yaml")
    assert [p.kind for p in glossary.problems] == [K.UNREADABLE]


def test_library_glossary_overrides_and_extends(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    write(
        library / "glossary.yaml",
        GOOD
        + """
  - id: transparency
    related: [sunlight, oversight, nowhere]
    en: {term: transparency, short: Our own words., long: Ours.}
""",
    )
    store = GlossaryStore(bundled_glossary_dir())
    glossary = store.for_library(library)
    assert glossary.entries["transparency"].sides["en"].short == "Our own words."
    assert "es" not in glossary.entries["transparency"].sides
    assert glossary.entries["transparency"].related == ("sunlight", "oversight")
    assert "open-data" in glossary.entries
    assert [(p.entry, p.kind, p.detail) for p in glossary.problems] == [
        ("transparency", K.UNKNOWN_RELATED, "nowhere")
    ]
    table = store.terms(library, "es")
    found = marked(annotate_html("<p>Las luces públicas y la transparencia.</p>", Matcher(table)))
    # The library's transparency entry has no Spanish side, so it is not marked in Spanish.
    assert found == [("sunlight", "luces públicas")]
    # The bundled glossary itself is untouched, and other libraries do not see the override.
    assert store.bundled().entries["transparency"].sides["en"].short != "Our own words."
    assert "sunlight" not in store.for_library(tmp_path / "other").entries


def test_library_glossary_is_reread_when_it_changes(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    path = write(library / "glossary.yaml", GOOD)
    store = GlossaryStore(bundled_glossary_dir())
    assert "sunlight" in store.for_library(library).entries
    path.write_text(GOOD.replace("sunlight", "moonlight") + "\n", encoding="utf-8")
    assert "moonlight" in store.for_library(library).entries
    path.unlink()
    assert "moonlight" not in store.for_library(library).entries


def test_broken_library_glossary_keeps_the_bundled_one(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    path = write(library / "glossary.yaml", "entries: [oops")
    glossary = GlossaryStore(bundled_glossary_dir()).for_library(library)
    assert "transparency" in glossary.entries
    assert [(p.path, p.kind) for p in glossary.problems] == [(path, K.SYNTAX)]


# --- rendering -------------------------------------------------------------------------------


def test_render_service_marks_terms_per_language(store: GlossaryStore) -> None:
    service = RenderService()
    try:
        es = service.render("Los compromisos del plan.", "es", store.terms(None, "es"))
        assert marked(es.html) == [("commitment", "compromisos")]
        again = service.render("Otro compromiso.", "es", store.terms(None, "es"))
        assert marked(again.html) == [("commitment", "compromiso")]
        en = service.render("Our commitments.", "en", store.terms(None, "en"))
        assert marked(en.html) == [("commitment", "commitments")]
        assert marked(service.render("Our commitments.").html) == []
        # A fresh worker (after a crash or a timeout) is sent the table again.
        service.close()
        assert marked(service.render("Un compromiso.", "es", store.terms(None, "es")).html)
    finally:
        service.close()


def test_render_versions_passes_each_language_its_terms(
    store: GlossaryStore, renderer: RenderService, bundled: Path
) -> None:
    from reader.library import load_library

    library = load_library(bundled)
    document = next(d for d in library.documents.values() if len(d.versions) == 2)
    rendered = render_versions(document, renderer.render, lambda lang: store.terms(bundled, lang))
    plain = render_versions(document, renderer.render)
    for lang in ("en", "es"):
        assert marked(rendered[lang].html), lang
        assert not marked(plain[lang].html)
        # The block anchors are untouched by the marking.
        assert rendered[lang].blocks == plain[lang].blocks


def test_core_does_not_import_qt() -> None:
    code = (
        "import sys; sys.modules['PySide6'] = None\n"
        "import reader.glossary, reader.glossary.load, reader.render.worker\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent.parent)
