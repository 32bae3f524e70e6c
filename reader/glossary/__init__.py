"""The bilingual glossary: loading with validation, term matching and HTML annotation."""

from reader.glossary.annotate import GLOSS_SCHEME, annotate_html, entry_id_from_href
from reader.glossary.load import GlossaryStore, load_glossary, load_glossary_file
from reader.glossary.match import Matcher, TermTable
from reader.glossary.model import (
    Entry,
    Glossary,
    GlossaryProblem,
    GlossaryProblemKind,
    Side,
)

__all__ = [
    "GLOSS_SCHEME",
    "Entry",
    "Glossary",
    "GlossaryProblem",
    "GlossaryProblemKind",
    "GlossaryStore",
    "Matcher",
    "Side",
    "TermTable",
    "annotate_html",
    "entry_id_from_href",
    "load_glossary",
    "load_glossary_file",
]
