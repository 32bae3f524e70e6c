"""Offline full-text search: the index, its sync with the library, and queries.

The public face of the package; only ``engine`` imports Whoosh.
"""

from reader.search.engine import (
    SCHEMA_VERSION,
    Hit,
    IndexState,
    SearchError,
    SearchIndex,
    SearchNotice,
    SearchResult,
    SyncReport,
    merge_results,
    stemmer,
)
from reader.search.plain import PlainText, plain_text
from reader.search.query import ParsedQuery, Refusal, parse_query
from reader.search.snippets import Snippet

__all__ = [
    "SCHEMA_VERSION",
    "Hit",
    "IndexState",
    "ParsedQuery",
    "PlainText",
    "Refusal",
    "SearchError",
    "SearchIndex",
    "SearchNotice",
    "SearchResult",
    "Snippet",
    "SyncReport",
    "merge_results",
    "parse_query",
    "plain_text",
    "stemmer",
]
