"""Discovering documents in every supported layout and reading their front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.library import ProblemKind, load_library
from reader.library.discover import place

from .conftest import OPENSOURCE_GUIDE, write


@pytest.mark.parametrize(
    ("rel", "key", "lang"),
    [
        ("topic/slug.en.md", "topic/slug", "en"),
        ("topic/slug.es.md", "topic/slug", "es"),
        ("en/slug.md", "slug", "en"),
        ("es/guides/slug.md", "guides/slug", "es"),
        ("slug.md", "slug", None),
        ("_articles/es/slug.md", "_articles/slug", "es"),
        ("notes/v1.10.md", "notes/v1.10", None),
        ("slug.fr.md", "slug", "fr"),
        ("it/slug.md", "it/slug", None),  # "it" as a folder name is a word, not Italian
    ],
)
def test_layout_from_path(rel: str, key: str, lang: str | None) -> None:
    found = place(rel)
    assert (found.key, found.lang) == (key, lang)


def test_suffix_layout_pairs_versions(tmp_path: Path) -> None:
    write(tmp_path / "a/doc.en.md", "---\ntitle: Doc\n---\nText.")
    write(tmp_path / "a/doc.es.md", "---\ntitle: Documento\n---\nTexto.")
    lib = load_library(tmp_path)
    assert list(lib.documents) == ["a/doc"]
    doc = lib.documents["a/doc"]
    assert doc.languages == ("en", "es")
    assert doc.title("es") == "Documento"
    assert lib.problems == []


def test_directory_layouts_pair_versions(tmp_path: Path) -> None:
    write(tmp_path / "en/one.md", "# One")
    write(tmp_path / "es/one.md", "# Uno")
    write(tmp_path / "two.md", "# Two")  # untagged is English
    write(tmp_path / "es/two.md", "# Dos")
    lib = load_library(tmp_path)
    assert {k: d.languages for k, d in lib.documents.items()} == {
        "one": ("en", "es"),
        "two": ("en", "es"),
    }
    assert lib.documents["two"].title("es") == "Dos"


def test_front_matter_lang_and_translation_key_override_the_path(tmp_path: Path) -> None:
    write(tmp_path / "report.md", "---\nlang: es-MX\ntranslationKey: annual\n---\n# Informe")
    write(tmp_path / "annual-report.md", "---\ntranslationKey: annual\n---\n# Report")
    lib = load_library(tmp_path)
    assert list(lib.documents) == ["annual"]
    assert lib.documents["annual"].languages == ("en", "es")
    assert lib.documents["annual"].title("es") == "Informe"


def test_one_language_only_is_a_document_with_a_missing_version(tmp_path: Path) -> None:
    write(tmp_path / "solo.en.md", "# Alone")
    doc = load_library(tmp_path).documents["solo"]
    assert doc.languages == ("en",)
    assert doc.missing_languages == ("es",)
    assert doc.title("es") == "Alone"  # falls back to the version there is


def test_yaml_scalars_stay_as_written(tmp_path: Path) -> None:
    write(tmp_path / "x.md", "---\ntitle: no\ntags: [1.10, yes, off]\ndate: 2024-02-29\n---\n")
    version = load_library(tmp_path).documents["x"].versions["en"]
    assert version.title == "no"
    assert version.tags == ("1.10", "yes", "off")
    assert version.date == dt.date(2024, 2, 29)


def test_fields_are_read_and_unknown_ones_kept(tmp_path: Path) -> None:
    write(
        tmp_path / "x.es.md",
        "---\ntitle: Informe &amp; datos\nsummary: Breve\nauthors: [Ana, Luis]\n"
        "source: https://example.org/r\ntags: Datos, Abiertos\nclass: big\norder: 3\n---\nTexto",
    )
    v = load_library(tmp_path).documents["x"].versions["es"]
    assert v.title == "Informe & datos"
    assert (v.summary, v.authors, v.source) == ("Breve", ("Ana", "Luis"), "https://example.org/r")
    assert v.tags == ("datos", "abiertos")
    assert v.extra == {"class": "big", "order": "3"}


def test_missing_title_uses_first_heading_then_file_name(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "Intro line\n\n## The *real* title\n\nText")
    write(tmp_path / "b.md", "Setext title\n============\n")
    write(tmp_path / "c.md", "```\n# not a heading\n```\nplain")
    docs = load_library(tmp_path).documents
    assert docs["a"].title("en") == "The real title"
    assert docs["b"].title("en") == "Setext title"
    assert docs["c"].title("en") == "c"


def test_toml_front_matter(tmp_path: Path) -> None:
    write(tmp_path / "t.md", '+++\ntitle = "Hugo page"\ndate = 2023-05-01\n+++\nBody')
    v = load_library(tmp_path).documents["t"].versions["en"]
    assert (v.title, v.date) == ("Hugo page", dt.date(2023, 5, 1))


def test_text_is_nfc_normalised(tmp_path: Path) -> None:
    decomposed = "Participacio\u0301n"
    write(tmp_path / "n.es.md", f"---\ntitle: {decomposed}\n---\n")
    assert load_library(tmp_path).documents["n"].title("es") == "Participación"


def test_bundled_library_reads_cleanly(bundled: Path) -> None:
    lib = load_library(bundled)
    assert lib.problems == []
    assert len(lib.documents) >= 8
    english_only = [d for d in lib.documents.values() if d.languages == ("en",)]
    assert len(english_only) == 1
    for doc in lib.documents.values():
        for version in doc.versions.values():
            assert version.title and version.date and version.tags


def test_duplicate_versions_keep_the_first_and_report_the_other(tmp_path: Path) -> None:
    write(tmp_path / "d.en.md", "# One")
    write(tmp_path / "en/d.md", "# Two")
    lib = load_library(tmp_path)
    assert lib.documents["d"].title("en") == "One"  # d.en.md sorts before en/d.md
    assert [(p.path.name, p.kind, p.detail) for p in lib.problems] == [
        ("d.md", ProblemKind.DUPLICATE_VERSION, "d.en.md")
    ]


@pytest.mark.skipif(not OPENSOURCE_GUIDE.is_dir(), reason="shared corpora not present")
def test_jekyll_site_pairs_articles() -> None:
    lib = load_library(OPENSOURCE_GUIDE)
    assert len(lib.documents) == 13
    pairs = [d for d in lib.documents.values() if d.languages == ("en", "es")]
    assert len(pairs) == 12
    assert lib.documents["_articles/how-to-contribute"].title("es").startswith("Cómo")
