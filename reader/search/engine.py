"""The one module that touches Whoosh; the rest of Lector sees Lector's own types.

An index is a cache of one library folder, kept in the user's data folder (never
inside the library) and named by ``SCHEMA_VERSION``. ``SearchIndex.sync`` brings it
up to date with the library: unchanged versions (same path, size, mtime and hash)
are left alone, changed ones re-indexed, deleted ones removed. A missing, older or
damaged index is rebuilt into a sibling ``.new`` folder that replaces it when
complete; work is committed in batches, so an interrupted build carries on where it
stopped. A build of many versions is shared among indexing processes
(``reader.search.indexer``) that write whole segments, committed here in order.
``SearchIndex.search`` reads queries with Lector's own parser
(``reader.search.query``), so it never raises on what the user types.

Both methods are safe to call from worker threads and from several processes: one
writer at a time (a lock file with a timeout), searches meanwhile see the last commit.

Driving it from a script or a subprocess needs no Qt::

    from reader.library import load_library
    from reader.search import SearchIndex
    index = SearchIndex(Path("/tmp/ix"), library_root)
    index.sync(load_library(library_root).versions())
    for hit in index.search("participacion ciudadana").hits: ...
"""

from __future__ import annotations

import bisect
import contextlib
import enum
import hashlib
import heapq
import io
import json
import logging
import math
import os
import pickle
import re
import shutil
import struct
import sys
import threading
import time
import unicodedata
import weakref
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial
from itertools import accumulate, chain, compress, islice
from operator import gt, itemgetter, sub
from pathlib import Path

from whoosh import fields, formats, index, query
from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StopFilter,
    Token,
    Tokenizer,
)
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3PostingsWriter,
    W3TermInfo,
    W3TermsReader,
    _lenfield,
)
from whoosh.columns import CompressedBytesColumn
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.lang import stemmer_for_language
from whoosh.matching import (
    IntersectionMatcher,
    ListMatcher,
    NullMatcher,
    UnionMatcher,
    WrappingMatcher,
)
from whoosh.reading import MultiReader, SegmentReader, TermNotFound
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.system import _INT_SIZE, pack_int, pack_ushort
from whoosh.util.filelock import FileLock
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import NO_MERGE, SegmentWriter

from reader import LANGUAGES
from reader.library.loader import read_body
from reader.library.model import Version
from reader.search.plain import block_at, plain_text
from reader.search.query import ParsedQuery, Refusal, parse_query
from reader.search.snippets import Snippet, make_snippet
from reader.search.spelling import WordsByLength
from reader.text import fold

log = logging.getLogger(__name__)

SCHEMA_VERSION = 6
"""Bump when the schema or the analysis changes: older indexes are then rebuilt."""

META_FILE = "lector-index.json"
MANIFEST_FILE = "lector-files.json"
"""Size and hash of every file of the last commit: damage Whoosh would not notice
(a flipped bit in a posting list) is caught at open, and the index rebuilt. A
writer stopped between Whoosh's commit and this record leaves a newer commit
than the one recorded: that commit is read through completely and then recorded."""
WRITE_TIMEOUT = 10.0
COMMIT_EVERY = 2500
"""Versions indexed between commits: what a kill -9 can lose. Each commit writes a
segment, whose postings are held in memory until then (about 290 MB at the peak for
2,500 versions of 1,000 words, 175 MB for 1,000); a commit comes sooner when they
take more than about ``WRITER_MB``. Fewer, larger segments are quicker to write, and
to search. A shared build (``BUILD_PROCESSES``) indexes parts of this size, one per
process at a time, each committed once it is done."""
WRITER_MB = 256
BUILD_PROCESSES = 2
"""Processes a large build is shared among, where there are processors for them. Each
indexes whole segments (``_index_part``); the sync's own process adds them to the
index in order, so the versions get the numbers a build in one process gives them."""
PARALLEL_FROM = 400
"""New versions from which a build is shared: below, starting the processes (each
imports Lector's indexing anew) costs about what sharing saves."""
PARTS_PREFIX = ".parts-"
"""Folders inside the ``.new`` folder where those processes write their segments,
one per build; a segment file is moved into the index just before the commit that
adds it. (The leading dot keeps Whoosh's clean-up of unused files away from them.)"""
SMALL_SEGMENT = 100
"""Segments this small (a sync of a few changed files writes one) are merged once
``MERGE_AFTER`` of them have piled up; larger ones are left alone, since merging
costs Whoosh about as much as indexing the versions again."""
MERGE_AFTER = 10
MAX_PREFIX_WORDS = 24  # completions of a prefix* searched, the most frequent
MAX_PREFIX_SCAN = 20_000  # dictionary entries read to list them
MAX_SNIPPET_TERMS = 24
MAX_SUGGEST_CHARS = 40
MAX_KNOWN_WORDS = 200_000  # words as written whose indexed forms are kept while indexing
_BLOCK_LENGTH = struct.Struct("!i")  # Whoosh's int, before each posting block
_FIELD_NUMBER = struct.Struct("!H")  # before each term in Whoosh's terms file
_TERM_LENGTHS = struct.Struct("!ii")  # before each entry of Whoosh's terms file
TERM_CHUNK = 1 << 20  # bytes of a terms file read at once to list a field's terms
PREFIX_CHUNK = 1 << 14  # bytes of a terms file read at once to list a prefix's terms


@cache
def stemmer(lang: str) -> Callable[[str], str]:
    """The Snowball stemmer the index uses for ``lang``, with a cache (stemming is slow)."""
    return lru_cache(maxsize=100_000)(stemmer_for_language(lang))


# --- analysis ------------------------------------------------------------------------------


@lru_cache(maxsize=200_000)
def _fold_word(word: str) -> str:
    # Token text is already lower-cased: plain ASCII needs no folding (most words).
    return word if word.isascii() else fold(word)


class StemFoldFilter(Filter):
    """Snowball stemming, then accent folding.

    A word written with accents is indexed twice at the same position: the folded
    stem of the word as written ("participación" → "particip") and the folded stem of
    its unaccented spelling ("participacion" → "participacion"), because Snowball
    stems the two differently. So a query typed with or without accents finds it.
    """

    is_morph = True

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StemFoldFilter) and other.lang == self.lang

    def __hash__(self) -> int:
        return hash(("StemFoldFilter", self.lang))

    def __call__(self, tokens: Iterable) -> Iterator:
        stem = stemmer(self.lang)
        for token in tokens:
            if token.stopped:
                yield token
                continue
            word = token.text
            first = _fold_word(stem(word))
            token.text = first
            yield token
            plain = _fold_word(word)
            if plain != word:
                second = _fold_word(stem(plain))
                if second != first:
                    token.text = second
                    yield token


def language_analyzer(lang: str):  # noqa: ANN201 - a Whoosh analyzer
    """Whoosh's LanguageAnalyzer chain with its stemming step replaced by StemFoldFilter."""
    return RegexTokenizer() | LowercaseFilter() | StopFilter(lang=lang) | StemFoldFilter(lang)


@lru_cache(maxsize=8)
def _index_forms(lang: str) -> Callable[[str], tuple[str, str | None]]:
    """The indexed forms of a lower-cased word: StemFoldFilter's one or two terms."""
    stem = stemmer(lang)

    @lru_cache(maxsize=200_000)
    def forms(word: str) -> tuple[str, str | None]:
        first = _fold_word(stem(word))
        plain = _fold_word(word)
        if plain != word:
            second = _fold_word(stem(plain))
            if second != first:
                return first, second
        return first, None

    return forms


class LanguageTokenizer(Tokenizer):
    """``language_analyzer(lang)`` in one pass: the same tokens, positions and offsets.

    The chain of a tokenizer and three filters costs a generator step per filter and
    token; indexing spends most of its analysis time there.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.expression = RegexTokenizer().expression
        self.stops = StopFilter(lang=lang).stops

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LanguageTokenizer) and other.lang == self.lang

    def __hash__(self) -> int:
        return hash(("LanguageTokenizer", self.lang))

    def __getstate__(self) -> dict:
        return {"lang": self.lang}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["lang"])

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        if not tokenize:  # not used by Lector: fall back on the chain
            yield from language_analyzer(self.lang)(
                value,
                positions=positions,
                chars=chars,
                keeporiginal=keeporiginal,
                removestops=removestops,
                start_pos=start_pos,
                start_char=start_char,
                tokenize=False,
                mode=mode,
                **kwargs,
            )
            return
        forms = _index_forms(self.lang)
        stops = self.stops
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = None
        for index_, match in enumerate(self.expression.finditer(value)):
            raw = match.group(0)
            text = raw.lower()
            token.boost = 1.0
            if keeporiginal:
                token.original = raw
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            if len(text) < 2 or text in stops:
                if not removestops:
                    token.text = text
                    token.stopped = True
                    if positions:
                        token.pos = start_pos + index_
                    yield token
                continue
            token.stopped = False
            if positions:
                pos = start_pos + index_ if pos is None else pos + 1
                token.pos = pos
            first, second = forms(text)
            token.text = first
            yield token
            if second is not None:
                token.text = second
                yield token

    def postings(
        self, value: str, stride: int, boost: float, words: list[str] | None = None
    ) -> list[tuple]:
        """The (term bytes, frequency, weight, value) of each indexed term of ``value``,
        in term order, as ``_Postings`` encodes them: each occurrence's position, or
        (``stride`` 3) its position, start and end character.

        The terms, positions and offsets of ``self(value, positions=True, chars=True)``,
        gathered with C-level passes over the whole text (a split, look-ups, a sort)
        instead of Python code per word: only each distinct term costs a Python step.
        The words of ``value`` that are indexed (not stop words), as written, are added
        to ``words``.
        """
        firsts = _known_written(self.lang)
        # Words and the gaps between them alternate; the gaps' and words' lengths
        # added up give each word's start and end.
        parts = _SPLIT.split(value)
        written = parts[1::2]
        terms = list(map(firsts.__getitem__, written))
        if words is not None:
            words += compress(written, terms)
        kept = list(compress(terms, terms))  # b"" is a stop word
        if not kept:
            return []
        # A token's position counts from the first kept word's place among all words.
        first = next(compress(range(len(terms)), terms))
        positions = list(range(first, first + len(kept)))
        if stride == 3:
            offsets = list(accumulate(map(len, parts)))
            starts = list(compress(offsets[0:-1:2], terms))
            ends = list(compress(offsets[1::2], terms))
        order: Iterable[int] = range(len(kept))
        seconds = list(map(firsts.seconds.get, compress(written, terms)))
        again = list(compress(range(len(kept)), seconds))
        if again:  # words indexed in a second form too, at the same places
            kept += compress(seconds, seconds)
            positions += map(positions.__getitem__, again)
            if stride == 3:
                starts += map(starts.__getitem__, again)
                ends += map(ends.__getitem__, again)
            order = sorted(range(len(kept)), key=positions.__getitem__)
        order = sorted(order, key=kept.__getitem__)  # stable: each term's in place order
        if stride == 1:
            numbers = list(map(positions.__getitem__, order))
        else:
            numbers = [0] * (3 * len(order))
            numbers[0::3] = map(positions.__getitem__, order)
            numbers[1::3] = map(starts.__getitem__, order)
            numbers[2::3] = map(ends.__getitem__, order)
        counted = sorted(Counter(kept).items())
        items = []
        at = 0
        if max(numbers) < 0xFFFF:
            packed = array("H", numbers)
            if _SWAP:
                packed.byteswap()
            raw = packed.tobytes()
            step = 2 * stride
            for term, n in counted:
                end = at + n * step
                items.append((term, n, n * boost, raw[at:end]))
                at = end
        else:  # a long text: a term with a number above 16 bits is packed wide
            for term, n in counted:
                end = at + n * stride
                items.append((term, n, n * boost, _packed(numbers[at:end])))
                at = end
        return items


class _WrittenForms(dict):
    """Words as written to their first indexed form as UTF-8 (``b""`` for a stop
    word), kept across versions: a word met again costs one C-level look-up, not
    lower-casing, a stop-word check and the stemmer's cache. ``seconds`` holds the
    second form of the words that have one."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.seconds: dict[str, bytes] = {}
        self.forms = _index_forms(lang)
        self.stops = StopFilter(lang=lang).stops

    def __missing__(self, word: str) -> bytes:
        text = word.lower()
        if len(text) < 2 or text in self.stops:
            self[word] = b""
            return b""
        first, second = self.forms(text)
        if second is not None:
            self.seconds[word] = second.encode("utf-8")
        term = self[word] = first.encode("utf-8")
        return term

    def clear(self) -> None:
        super().clear()
        self.seconds.clear()


@cache
def _written_forms(lang: str) -> _WrittenForms:
    return _WrittenForms(lang)


def _known_written(lang: str) -> _WrittenForms:
    """The words of ``lang`` met so far, forgotten once there are more than
    ``MAX_KNOWN_WORDS``."""
    firsts = _written_forms(lang)
    if len(firsts) > MAX_KNOWN_WORDS:
        firsts.clear()
    return firsts


class _Postings:
    """Lector's posting values: each occurrence's numbers as unsigned 16-bit ints.

    Whoosh's Positions and Characters formats pickle a list per posting; unpickling
    them was half the time of a search for a common word, a prefix or a phrase.
    Here a value is the little-endian bytes of an ``array``, read back in one C call
    and cut with array slices, without Python code per occurrence. A value with a
    number above 16 bits (a long body's characters) is ``_WIDE`` and 32-bit ints,
    twice the bytes to compress and decompress for the rest. Weights stay
    Whoosh's (the number of occurrences times the field's boost), so scores do not
    change; Whoosh's own matchers, highlighter and merging read the values through
    the ``decode_*`` methods and ``combine`` below.
    """

    stride = 1  # numbers per occurrence

    def index_items(
        self, value: str, analyzer: LanguageTokenizer, words: list[str] | None = None
    ) -> list[tuple]:
        """What Whoosh's ``FieldType.index`` gives (term bytes, frequency, weight, value);
        the words of ``value`` are added to ``words``."""
        return analyzer.postings(value, self.stride, self.field_boost, words)  # type: ignore[attr-defined]

    def decode_frequency(self, value: bytes) -> int:
        if value[:2] == _WIDE:
            return (len(value) - 2) // (4 * self.stride)
        return len(value) // (2 * self.stride)

    def decode_weight(self, value: bytes) -> float:
        return self.decode_frequency(value) * self.field_boost  # type: ignore[attr-defined]

    def decode_positions(self, value: bytes) -> list[int]:
        return positions_of(value, self.stride).tolist()


class PositionPostings(_Postings, formats.Positions):
    """Positions (titles): each occurrence's position, in increasing order."""

    def encode(self, poslist: Iterable[int]) -> bytes:
        return _packed(poslist)

    def combine(self, vs: Iterable[bytes]) -> bytes:
        return self.encode(sorted({pos for v in vs for pos in self.decode_positions(v)}))


class CharacterPostings(_Postings, formats.Characters):
    """Positions and characters (bodies): each occurrence's position, start and end."""

    stride = 3

    def encode(self, poslist: Iterable[tuple[int, int, int]]) -> bytes:
        return _packed(chain.from_iterable(poslist))

    def decode_characters(self, value: bytes) -> list[tuple[int, int, int]]:
        numbers = _unpacked(value)
        return list(zip(numbers[0::3], numbers[1::3], numbers[2::3], strict=True))

    def spans(self, value: bytes) -> Iterator[tuple[int, int]]:
        """The (start, end) characters of each occurrence."""
        numbers = _unpacked(value)
        return zip(numbers[1::3], numbers[2::3], strict=True)

    def combine(self, vs: Iterable[bytes]) -> bytes:
        # Whoosh's: per position, the widest characters of the values that hold it.
        found: dict[int, tuple[int, int]] = {}
        for v in vs:
            for pos, start, end in self.decode_characters(v):
                if pos in found:
                    start, end = min(start, found[pos][0]), max(end, found[pos][1])
                found[pos] = (start, end)
        return self.encode((pos, *found[pos]) for pos in sorted(found))


_UINT = next(code for code in "IL" if array(code).itemsize == 4)
_SWAP = sys.byteorder != "little"  # values are little-endian on every machine
_WIDE = b"\xff\xff"  # before 32-bit numbers; never a 16-bit value's first number


def _packed(numbers: Iterable[int]) -> bytes:
    if not isinstance(numbers, list):
        numbers = list(numbers)
    if numbers and max(numbers) >= 0xFFFF:
        packed, head = array(_UINT, numbers), _WIDE
    else:
        packed, head = array("H", numbers), b""
    if _SWAP:
        packed.byteswap()
    return head + packed.tobytes()


def _unpacked(value: bytes) -> array:
    numbers = array(_UINT, value[2:]) if value[:2] == _WIDE else array("H", value)
    if _SWAP:
        numbers.byteswap()
    return numbers


def positions_of(value: bytes, stride: int) -> array:
    """The positions in a posting value of ``_Postings`` with ``stride`` numbers per
    occurrence, in increasing order."""
    numbers = _unpacked(value)
    return numbers if stride == 1 else numbers[0::stride]


class WordList(fields.FieldType):
    """The spelling suggestions' word list: the distinct folded words of the versions,
    but for the stop words of their language (a search never looks for those).

    "Did you mean" only asks which words exist and how often they occur, so no
    positions are kept and the words are not scored. The index's ``frequency`` of a
    word is its count in the whole library, as Whoosh's corrector ranks by.

    Its value is (language, the text of the fields named ``sources`` (prefixes of
    names) joined by newlines); Lector's writer counts the words it split those
    fields into instead of reading the text again. In the segments it writes, a word
    has one posting, on the first version of the segment that holds it, weighted by
    its count in all of them: a posting per word and version was more postings than
    all the bodies had, and a third of a build. (Whoosh's own writer posts each
    version's words.)
    """

    def __init__(self, sources: tuple[str, ...] = ()) -> None:
        super().__init__(formats.Existence(), analyzer=None, scorable=False)
        self.sources = sources

    def index(
        self, value: tuple[str, str], **kwargs: object
    ) -> list[tuple[bytes, int, float, bytes]]:
        lang, text = value
        return self.items(_indexed_words(text, lang))

    def items(self, words: Iterable[str]) -> list[tuple[bytes, int, float, bytes]]:
        """The postings of a version whose text holds ``words``, as ``index`` gives them."""
        counts = _word_counts(words)
        return [(word, n, float(n), b"") for word, n in counts.items()]


_WORD = re.compile(r"[\w*]+(?:\.[\w*]+)*")
"""Whoosh's RegexTokenizer expression, ``[\\w\\*]+(\\.?[\\w\\*]+)*``, without its capturing
group and its optional dot (a run of word characters takes all that follow anyway):
the same matches, found with less backtracking."""
_SPLIT = re.compile(f"({_WORD.pattern})")
"""The same as one group: splitting with it gives the words between the text around them."""


def word_counts(text: str, lang: str | None = None) -> dict[str, int]:
    """How often each lower-cased, accent-folded word occurs in ``text``; with ``lang``,
    of the words indexed in that language (not its stop words)."""
    words = _indexed_words(text, lang)
    return {word.decode("utf-8"): n for word, n in _word_counts(words).items()}


def _indexed_words(text: str, lang: str | None) -> list[str]:
    """The words of ``text`` (as written) that are indexed in ``lang``: not its stop
    words, nor one letter long; all of them when ``lang`` is not one of Lector's."""
    words = _WORD.findall(text)
    if lang not in LANGUAGES:
        return words
    return list(compress(words, map(_known_written(lang).__getitem__, words)))


@cache
def _folded_stops(lang: str) -> frozenset[str]:
    """The stop words of ``lang``, lower-cased and accent-folded."""
    return frozenset(map(fold, StopFilter(lang=lang).stops))


def _word_counts(words: Iterable[str]) -> Counter[bytes]:
    """How often each lower-cased, accent-folded word of ``words`` occurs, in UTF-8."""
    return Counter(map(_known_folded().__getitem__, words))


def _forget_written_words() -> None:
    """Drop the words kept while indexing: a window that has built its index does not
    keep tens of megabytes of them (the next sync that writes finds them again)."""
    _written_forms.cache_clear()
    _folded_words.cache_clear()


class _FoldedWords(dict):
    """Words as written, lower-cased and accent-folded (in UTF-8) as they are first met:
    counting a version's words is then one pass without Python code for the words
    seen before."""

    def __missing__(self, word: str) -> bytes:
        folded = self[word] = _fold_word(word.lower()).encode("utf-8")
        return folded


@cache
def _folded_words() -> _FoldedWords:
    return _FoldedWords()


def _known_folded() -> _FoldedWords:
    """The words folded so far, forgotten once there are more than ``MAX_KNOWN_WORDS``."""
    folded = _folded_words()
    if len(folded) > MAX_KNOWN_WORDS:
        folded.clear()
    return folded


def analyse(text: str, lang: str) -> list[list[str]]:
    """The indexed terms of ``text`` in ``lang``, one list of variants per position."""
    out: list[list[str]] = []
    last = None
    for token in _analyzers()[lang](
        unicodedata.normalize("NFC", text), mode="query", positions=True
    ):
        if token.pos != last or not out:
            out.append([])
            last = token.pos
        if token.text not in out[-1]:
            out[-1].append(token.text)
    return out


@cache
def _analyzers() -> dict:
    return {lang: language_analyzer(lang) for lang in LANGUAGES}


def make_schema() -> fields.Schema:
    specs: dict[str, fields.FieldType] = {
        "rel": fields.ID(unique=True, stored=True),
        "key": fields.ID(stored=True),
        "lang": fields.ID(stored=True),
        "tags": fields.KEYWORD(commas=True, scorable=False),
        "words": WordList(sources=("title_", "body_")),
        "meta": fields.STORED(),
        "body": fields.COLUMN(CompressedBytesColumn()),
    }
    for lang in LANGUAGES:
        analyzer = LanguageTokenizer(lang)
        title = fields.TEXT(analyzer=analyzer, phrase=True, field_boost=2.0)
        title.format = PositionPostings(field_boost=2.0)
        body = fields.TEXT(analyzer=analyzer, phrase=True, chars=True)
        body.format = CharacterPostings()
        specs[f"title_{lang}"], specs[f"body_{lang}"] = title, body
    return fields.Schema(**specs)


# --- Lector's types -------------------------------------------------------------------------


class IndexState(enum.Enum):
    """What was found on disk before a sync."""

    READY = "ready"
    MISSING = "missing"  # never built (or removed)
    OLD = "old"  # built by an older version of Lector
    DAMAGED = "damaged"  # unreadable: rebuilt, and the user is told


class SearchNotice(enum.Enum):
    """Something the UI should say about a search. The UI turns these into words."""

    NOT_READY = "not-ready"  # no index yet: building
    DAMAGED = "damaged"  # the index could not be read; a rebuild is needed
    NOTHING_TO_SEARCH = "nothing-to-search"  # only common words or punctuation
    SIMPLIFIED = "simplified"  # part of the query was read as plain words
    SOME_WORDS = "some-words"  # no document has every word; these have some
    PREFIX_IGNORED = "prefix-ignored"  # a too-broad prefix* was left out
    PREFIX_NARROWED = "prefix-narrowed"  # a prefix* was searched for its commonest words only


class SearchError(Exception):
    """The index cannot be used (for example, it would sit inside a library folder)."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching language version."""

    key: str  # the document's translation key
    lang: str
    rel: str  # path relative to the library root
    path: Path
    title: str
    date: str | None  # ISO date
    tags: tuple[str, ...]
    score: float
    snippet: Snippet | None
    block: int  # the block holding the first hit in the body (the renderer's ``b<n>``)
    terms: tuple[str, ...]  # the words as they appear in the text, for highlighting
    all_terms: bool = True  # False when the version matched only some of the words


@dataclass(slots=True)
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0  # how many versions matched every word (at least len(hits))
    notices: tuple[SearchNotice, ...] = ()
    refusal: Refusal | None = None  # set when the query was not searched at all
    refused_term: str = ""
    suggestion: str | None = None  # "did you mean" when nothing was found


def merge_results(
    results: list[tuple[Path, SearchResult]], limit: int
) -> tuple[list[tuple[Path, Hit]], tuple[SearchNotice, ...]]:
    """The hits of one search of several libraries' indexes, best first, with the
    library of each, and what to say about them.

    An index returns versions holding only some of the words when none of its own
    holds every word. Across libraries the rule is the same: when any library has
    versions with every word, the others' versions with only some are left out, and
    so is the notice that no document has every word.
    """
    hits = [(root, hit) for root, result in results for hit in result.hits]
    notices = tuple(dict.fromkeys(n for _root, result in results for n in result.notices))
    if any(hit.all_terms for _root, hit in hits):
        hits = [(root, hit) for root, hit in hits if hit.all_terms]
        notices = tuple(n for n in notices if n is not SearchNotice.SOME_WORDS)
    hits.sort(key=lambda pair: -pair[1].score)
    return hits[: max(1, limit)], notices


@dataclass(slots=True)
class SyncReport:
    state: IndexState = IndexState.READY  # what was found before this sync
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)  # rel paths that could not be read
    cancelled: bool = False
    busy: bool = False  # another writer held the index for too long: nothing was done
    documents: int = 0  # versions in the index afterwards
    rebuilt: bool = False  # a new index replaced the old (or missing) one
    processes: int = 1  # how many processes indexed the versions


Progress = Callable[[int, int], None]


# --- the index ------------------------------------------------------------------------------


class SearchIndex:
    """A library's search index: sync it with the library's versions, then search it."""

    def __init__(
        self,
        index_dir: Path,
        library_root: Path,
        *,
        write_timeout: float = WRITE_TIMEOUT,
        commit_every: int = COMMIT_EVERY,
        processes: int = BUILD_PROCESSES,
        parallel_from: int = PARALLEL_FROM,
    ) -> None:
        self.dir = Path(index_dir)
        self.library_root = Path(library_root)
        root = Path(os.path.realpath(self.library_root))
        if Path(os.path.realpath(self.dir)).is_relative_to(root):
            # An index is never opened from inside a library: its table of contents
            # is a pickle, and a library folder may come from anyone.
            raise SearchError(f"refusing an index inside the library folder {root}")
        self.write_timeout = write_timeout
        self.commit_every = max(1, commit_every)
        self.processes = processes
        self.parallel_from = parallel_from
        self._lock = threading.RLock()
        self._ix: index.Index | None = None
        self._searcher = None
        self._damaged = False
        self._schema = make_schema()
        self._per_searcher: tuple[object, dict] = (None, {})
        self._spelling = _Spelling()
        self._syncing = 0  # the thread running a sync of this object, if any
        # The signatures of the indexed versions as of one commit (folder, generation),
        # so a sync of an unchanged library does not read every stored document.
        self._signatures: tuple[tuple, dict[str, tuple[int, int, str]]] | None = None
        # The commit a rebuild of this object has just recorded (see ``_open_checked``).
        self._sealed: tuple | None = None

    @classmethod
    def for_library(cls, data_dir: Path, library_root: Path, **kwargs: object) -> SearchIndex:
        """The index of ``library_root`` under ``data_dir/indexes`` (see UserDirs.index_dir)."""
        from reader.paths import UserDirs

        dirs = UserDirs(Path(data_dir), Path(data_dir), Path(data_dir))
        return cls(dirs.index_dir(library_root, SCHEMA_VERSION), library_root, **kwargs)  # type: ignore[arg-type]

    # --- state --------------------------------------------------------------------------

    @property
    def _new_dir(self) -> Path:
        return self.dir.with_name(self.dir.name + ".new")

    @property
    def _old_dir(self) -> Path:
        return self.dir.with_name(self.dir.name + ".old")

    def _meta(self) -> dict[str, object]:
        return {"schema": SCHEMA_VERSION, "library": os.fsdecode(self.library_root.resolve())}

    def _older_siblings(self) -> list[Path]:
        stem, sep, _ = self.dir.name.rpartition("-v")
        if not sep or not self.dir.parent.is_dir():
            return []
        return [
            p
            for p in self.dir.parent.glob(f"{stem}-v*")
            if p.is_dir() and p.name != self.dir.name and not p.name.startswith(self.dir.name)
        ]

    def _open_checked(self, folder: Path) -> tuple[index.Index, object]:
        """Open an index folder and prove it readable; raises on any damage."""
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        # Only the schema is checked: the folder name already ties the index to its
        # library, and a portable copy sees the same library at another absolute path.
        if not isinstance(meta, dict) or meta.get("schema") != SCHEMA_VERSION:
            raise ValueError(f"index metadata does not match: {meta!r}")
        key = _commit_key(folder)
        sealed, self._sealed = self._sealed, None
        # A commit this object recorded a moment ago is not read again to check every
        # file against the digests just taken (half a second at 10,000 documents).
        recorded = key == sealed or _check_manifest(folder)
        ix = _storage(folder).open_index(schema=self._schema)
        searcher = ix.searcher()
        try:
            if sorted(ix.schema.names()) != sorted(self._schema.names()):
                raise ValueError("index schema differs")
            # Every stored version is read here anyway: keep the signatures for the
            # first sync, which would otherwise read them all again.
            signatures = dict(map(_signature, searcher.reader().iter_docs()))
            if len(key) > 1 and searcher.reader().generation() == _toc_generation(key[1]):
                self._signatures = (key, signatures)
            if not recorded:
                _read_everything(searcher.reader())
                self._record_if_alone(ix)
        except BaseException:
            searcher.close()
            raise
        return ix, searcher

    def _record_if_alone(self, ix: index.Index) -> None:
        """Record a commit whose writer stopped before doing so, unless a sync is running."""
        lock = FileLock(os.fspath(self.dir.with_name(self.dir.name + ".lock")))
        if self._syncing == threading.get_ident():
            _seal(ix)  # this thread's sync holds the lock
        elif not self._syncing and lock.acquire(blocking=False):
            try:
                _seal(ix)
            finally:
                lock.release()

    def state(self) -> IndexState:
        """Check the index on disk (and open it for searching when it is ready)."""
        with self._lock:
            if self._searcher is not None and not self._damaged:
                return IndexState.READY
            self._close_searcher()
            if not self.dir.exists():
                return IndexState.OLD if self._older_siblings() else IndexState.MISSING
            if self._damaged:
                return IndexState.DAMAGED
            try:
                meta = json.loads((self.dir / META_FILE).read_text(encoding="utf-8"))
                schema = meta.get("schema") if isinstance(meta, dict) else None
                # Only an earlier version is "old"; any other value is damage.
                if isinstance(schema, int) and 0 < schema < SCHEMA_VERSION:
                    return IndexState.OLD
                self._ix, self._searcher = self._open_checked(self.dir)
            except Exception as err:  # noqa: BLE001 - Whoosh raises many types on damage
                log.warning("search index %s is damaged: %r", self.dir, err)
                self._close_searcher()
                return IndexState.DAMAGED
            return IndexState.READY

    def document_count(self) -> int:
        """Versions in the index (0 when it is not ready)."""
        with self._lock:
            if self._searcher is None and self.state() is not IndexState.READY:
                return 0
            try:
                return self._searcher.doc_count()  # type: ignore[union-attr]
            except Exception:  # noqa: BLE001
                self._damaged = True
                return 0

    def close(self) -> None:
        with self._lock:
            self._close_searcher()

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            with contextlib.suppress(Exception):
                self._searcher.close()
        self._searcher = None
        self._ix = None
        self._per_searcher = (None, {})
        self._spelling = _Spelling()

    # --- sync -----------------------------------------------------------------------------

    def sync(
        self,
        versions: Iterable[Version],
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        rebuild: bool = False,
    ) -> SyncReport:
        """Bring the index up to date with ``versions`` (all of the library's versions).

        Rebuilds a missing, older or damaged index (``report.state`` says which), or
        any index when ``rebuild`` is set.
        Returns with ``busy`` set if another writer kept the index for longer than
        the write timeout, and ``cancelled`` when ``cancelled()`` became true; what
        was committed until then stays, and the next sync carries on.
        """
        versions = list(versions)
        report = SyncReport()
        lock = self._acquire_process_lock(cancelled)
        if lock is None:
            report.busy = not (cancelled and cancelled())
            report.cancelled = not report.busy
            return report
        self._syncing = threading.get_ident()
        try:
            report.state = self.state()
            if report.state is IndexState.READY and not rebuild:
                with self._lock:
                    ix = self._ix
                self._update(ix, versions, report, progress, cancelled, live=True)  # type: ignore[arg-type]
            else:
                ix = self._prepare_new(fresh=rebuild)
                try:
                    self._update(ix, versions, report, progress, cancelled, live=False)
                finally:
                    ix.close()
                if not report.cancelled and not report.busy:
                    self._swap()
                    self._sealed = _commit_key(self.dir)
                    report.rebuilt = True
            report.documents = self.document_count()
        finally:
            self._syncing = 0
            lock.release()
            _forget_written_words()
        return report

    def _acquire_process_lock(self, cancelled: Callable[[], bool] | None) -> FileLock | None:
        self.dir.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(os.fspath(self.dir.with_name(self.dir.name + ".lock")))
        deadline = time.monotonic() + self.write_timeout
        while True:
            if lock.acquire(blocking=False):
                return lock
            if time.monotonic() >= deadline or (cancelled and cancelled()):
                return None
            time.sleep(0.05)

    def _prepare_new(self, *, fresh: bool = False) -> index.Index:
        """The ``.new`` folder to build into: the one an earlier build left, or a fresh one."""
        new = self._new_dir
        if new.exists() and fresh:
            _remove_tree(new)
        if new.exists():
            try:
                ix, searcher = self._open_checked(new)
                searcher.close()
                return ix
            except Exception as err:  # noqa: BLE001
                log.info("starting the index build afresh (%r)", err)
                _remove_tree(new)
        new.mkdir(parents=True)
        ix = _storage(new).create_index(self._schema)
        (new / META_FILE).write_text(json.dumps(self._meta()), encoding="utf-8")
        _seal(ix)
        return ix

    def _swap(self) -> None:
        with self._lock:
            self._close_searcher()
            old = self._old_dir
            if old.exists():
                _remove_tree(old)
            if self.dir.exists():
                self.dir.rename(old)
            for leftover in self._new_dir.glob(PARTS_PREFIX + "*"):
                _remove_tree(leftover)
            kept = self._signatures
            built = kept is not None and kept[0] == _commit_key(self._new_dir)
            self._new_dir.rename(self.dir)
            self._signatures = (_commit_key(self.dir), kept[1]) if built else None  # type: ignore[index]
            _remove_tree(old)
            for sibling in self._older_siblings():
                _remove_tree(sibling)
            self._damaged = False

    def _indexed(self, ix: index.Index) -> dict[str, tuple[int, int, str]]:
        kept = self._signatures
        if kept is not None and kept[0] == _commit_key(Path(ix.storage.folder)):
            return kept[1]  # not changed: _update copies it
        with ix.searcher() as searcher:
            return dict(map(_signature, searcher.reader().iter_docs()))

    def _update(
        self,
        ix: index.Index,
        versions: list[Version],
        report: SyncReport,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
        *,
        live: bool,
    ) -> None:
        # The signatures are this sync's to update in place, and kept again only once
        # it completes. Reading every version's signature is most of what a one-file
        # sync does besides indexing the file, so the library is read once: versions
        # have one path each, so if every indexed path was met, none left.
        signatures = self._indexed(ix)
        self._signatures = None
        known = signatures.get
        todo = [v for v in versions if known(v.rel) != (v.size, v.mtime_ns, v.digest)]
        new = sum(v.rel not in signatures for v in todo)
        stale = []
        if len(versions) - new != len(signatures):
            wanted = {v.rel for v in versions}
            stale = [rel for rel in signatures if rel not in wanted]
        report.unchanged = len(versions) - len(todo)
        total = len(todo) + len(stale)
        if progress:
            progress(0, total)
        if not total:
            self._keep_signatures(ix, signatures)
            if live:
                with self._lock:
                    behind = self._searcher is not None and not self._searcher.up_to_date()
                if behind:  # another process committed since this one last looked
                    self._refresh()
            return
        done = 0
        fresh = [] if live else [v for v in todo if v.rel not in signatures]
        if self._build_processes(len(fresh)) > 1:
            handled = self._index_in_processes(
                ix,
                fresh,
                signatures,
                report,
                cancelled,
                progress and (lambda n: progress(n, total)),
            )
            if report.cancelled or report.busy:
                return
            done = len(handled)
            todo = [v for v in todo if v.rel not in handled]
            if not todo and not stale:
                self._keep_signatures(ix, signatures)
                return
        pending = 0
        # A new index is built without merging: its segments are as large as they get.
        merge = _merge_small if live else NO_MERGE
        writer = self._writer(ix)
        if writer is None:
            report.busy = True
            return
        try:
            for rel in stale:
                self._delete(writer, rel, live)
                del signatures[rel]
                report.removed += 1
                done += 1
            for version in todo:
                if cancelled and cancelled():
                    report.cancelled = True
                    break
                doc = _document(version)
                indexed = version.rel in signatures
                if doc is None:
                    report.failed.append(version.rel)
                    if indexed:
                        self._delete(writer, version.rel, live)
                        report.removed += 1
                        del signatures[version.rel]
                else:
                    if indexed:
                        self._delete(writer, version.rel, live)
                    writer.add_document(**doc)
                    signatures[version.rel] = (version.size, version.mtime_ns, version.digest)
                    if indexed:
                        report.updated += 1
                    else:
                        report.added += 1
                done += 1
                pending += 1
                if pending >= self.commit_every or writer.postings_size() > WRITER_MB << 20:
                    writer.commit(mergetype=merge)
                    _seal(ix)
                    pending = 0
                    if live:
                        self._refresh()
                    writer = self._writer(ix)
                    if writer is None:
                        report.busy = True
                        return
                if progress and (done % 20 == 0 or done == total):
                    progress(done, total)
            writer.commit(mergetype=merge)
            _seal(ix)
            writer = None
            if not report.cancelled:
                self._keep_signatures(ix, signatures)
            if live:
                self._refresh()
        finally:
            if writer is not None:
                with contextlib.suppress(Exception):
                    writer.cancel()

    def _build_processes(self, count: int) -> int:
        """How many processes to index ``count`` new versions of a build in."""
        # (POSIX only: the processes are waited on through their pipes' descriptors.)
        if count < max(2, self.parallel_from) or self.processes < 2 or os.name != "posix":
            return 1
        return min(self.processes, _processors())

    def _index_in_processes(
        self,
        ix: index.Index,
        versions: list[Version],
        signatures: dict,
        report: SyncReport,
        cancelled: Callable[[], bool] | None,
        progress: Callable[[int], None] | None,
    ) -> set[str]:
        """Index new ``versions`` of a build in other processes, a part at a time,
        committing each part's segments in order, as a build in one process would.
        Returns the paths handled (indexed, or failed to read); the rest, if the
        processes could not run, are left to the caller.
        """
        from reader.search.indexer import IndexingProcesses  # most runs never need it

        count = self._build_processes(len(versions))
        folder = Path(ix.storage.folder)
        for leftover in folder.glob(PARTS_PREFIX + "*"):
            _remove_tree(leftover)  # of a build that was stopped
        parts = folder / f"{PARTS_PREFIX}{os.getpid()}-{os.urandom(4).hex()}"
        # Parts no larger than a build in one process commits, as many for each process.
        rounds = -(-len(versions) // (count * self.commit_every))
        size = -(-len(versions) // (count * rounds))
        chunks = [versions[at : at + size] for at in range(0, len(versions), size)]
        handled: set[str] = set()
        results: dict[int, tuple] = {}
        working: dict[int, int] = {}  # process number -> part number
        committed = done = 0
        processes = None
        try:
            processes = IndexingProcesses(count)
            for number in range(min(count, len(chunks))):
                processes.send(number, (os.fspath(parts), chunks[number], WRITER_MB))
                working[number] = number
            waiting = min(count, len(chunks))  # the next part to send
            while committed < len(chunks):
                for number, kind, value in processes.replies(0.1):
                    if kind == "done":
                        done += value  # type: ignore[operator]
                    elif kind == "part":
                        results[working.pop(number)] = value  # type: ignore[assignment]
                        if waiting < len(chunks):
                            job = (os.fspath(parts), chunks[waiting], WRITER_MB)
                            processes.send(number, job)
                            working[number] = waiting
                            waiting += 1
                    else:
                        raise OSError(f"indexing process {number}: {value}")
                while committed in results:
                    part = results.pop(committed)
                    chunk = chunks[committed]
                    if not self._add_part(ix, part, chunk, signatures, report):
                        return handled
                    handled.update(v.rel for v in chunk)
                    committed += 1
                    report.processes = count
                if progress:
                    progress(done)
                if cancelled and cancelled():
                    report.cancelled = True
                    return handled
        except OSError as err:
            # Processes that cannot start, or stop (out of memory, say): what they did
            # not commit is indexed here instead.
            log.warning("indexing in one process: %r", err)
        finally:
            if processes is not None:
                processes.close()
            _remove_tree(parts)
        return handled

    def _add_part(
        self,
        ix: index.Index,
        part: tuple[list, list[str], list[str]],
        chunk: list[Version],
        signatures: dict,
        report: SyncReport,
    ) -> bool:
        """Commit the segments another process wrote for ``chunk``; False if the
        index stayed locked."""
        segments, files, failed = part
        writer = self._writer(ix)
        if writer is None:
            report.busy = True
            return False
        try:
            folder = Path(ix.storage.folder)
            for name in files:
                Path(name).replace(folder / Path(name).name)
            writer.commit(mergetype=_adding(segments))
        except BaseException:
            with contextlib.suppress(Exception):
                writer.cancel()
            raise
        _seal(ix)
        unread = set(failed)
        for version in chunk:
            if version.rel in unread:
                report.failed.append(version.rel)
            else:
                signatures[version.rel] = (version.size, version.mtime_ns, version.digest)
                report.added += 1
        return True

    def _delete(self, writer: SegmentWriter, rel: str, live: bool) -> None:
        """Delete the version at ``rel``, found with the open searcher when it sees the
        writer's commit: opening another over every segment took longer than the rest
        of a one-file sync."""
        if live:
            with self._lock:
                searcher = self._searcher
                if searcher is not None and searcher.up_to_date():
                    writer.delete_by_term("rel", rel, searcher=searcher)
                    return
        writer.delete_by_term("rel", rel)

    def _keep_signatures(self, ix: index.Index, signatures: dict) -> None:
        self._signatures = (_commit_key(Path(ix.storage.folder)), signatures)

    def _writer(self, ix: index.Index):  # noqa: ANN202 - a Whoosh writer or None
        try:
            return _Writer(ix, timeout=self.write_timeout, codec=LectorCodec())
        except index.LockError:
            return None

    def _refresh(self) -> None:
        with self._lock:
            if self._searcher is not None and self._ix is not None:
                self._searcher = _reopened(self._ix, self._searcher)
                self._per_searcher = (None, {})

    # --- search ----------------------------------------------------------------------------

    def search(
        self, text: str, *, lang: str | None = None, limit: int = 20, snippets: bool = True
    ) -> SearchResult:
        """Search the index. Never raises: problems come back as notices or a refusal.

        ``lang`` limits results to one language (as ``lang:es`` in the query does).
        Versions holding every word are returned; only when none does, versions
        holding some of them are (``Hit.all_terms`` is False, with a SOME_WORDS notice).
        """
        parsed = parse_query(unicodedata.normalize("NFC", text if isinstance(text, str) else ""))
        result = SearchResult(parsed.text)
        if parsed.simplified:
            result.notices += (SearchNotice.SIMPLIFIED,)
        if parsed.refusal is not None and not parsed.positive:
            result.refusal, result.refused_term = parsed.refusal, parsed.refused_term
            return result
        try:
            with self._lock:
                state = IndexState.READY if self._searcher is not None else self.state()
                if state is not IndexState.READY:
                    damaged = state is IndexState.DAMAGED
                    result.notices += (SearchNotice.DAMAGED if damaged else SearchNotice.NOT_READY,)
                    return result
                self._search(self._searcher, parsed, lang, max(1, limit), snippets, result)
        except Exception:
            log.exception("search failed on %s; the index will be rebuilt", self.dir)
            with self._lock:
                self._damaged = True
                self._close_searcher()
            result.hits = []
            result.notices += (SearchNotice.DAMAGED,)
        return result

    def _search(
        self,
        searcher,  # noqa: ANN001
        parsed: ParsedQuery,
        lang: str | None,
        limit: int,
        snippets: bool,
        result: SearchResult,
        *,
        probe: bool = False,
    ) -> None:
        """Search into ``result``; with ``probe``, only find whether anything matches
        (``result.total`` 1 or 0), without scoring: a suggestion's check."""
        langs = [lang] if lang in LANGUAGES else (parsed.langs or list(LANGUAGES))
        langs = list(dict.fromkeys(langs))
        read = SeenPostings()  # posting values read while scoring
        reader = searcher.reader()
        clauses: list[query.Query] = []
        loose: list[query.Query] = []  # the clauses worth matching on their own
        plain: list[query.Query] = []
        for words in [[word] for word in parsed.words] + parsed.phrases:
            clause, common_in = _words_clause(words, langs, read)
            if clause is None:
                continue
            plain.append(clause)
            if common_in:
                # A common word in one language ("de") is no condition on versions in
                # that language; it still has to match in the other.
                others = [query.ConstantScoreQuery(query.Term("lang", c), 0.0) for c in common_in]
                clauses.append(query.Or([clause, *others]))
            else:
                clauses.append(clause)
                loose.append(clause)
        for prefix in parsed.prefixes:
            clause, cut = _prefix_clause(reader, prefix, langs, read)
            if cut and SearchNotice.PREFIX_NARROWED not in result.notices:
                result.notices += (SearchNotice.PREFIX_NARROWED,)
            if clause is None:
                result.notices += (SearchNotice.PREFIX_IGNORED,)
                result.refused_term = result.refused_term or f"{prefix}*"
            else:
                clauses.append(clause)
                loose.append(clause)
        if not loose:
            clauses = plain  # only common words: look for them where they are not common
        if parsed.refusal is not None:
            result.notices += (SearchNotice.PREFIX_IGNORED,)
            result.refused_term = result.refused_term or parsed.refused_term
        tags = [query.Term("tags", fold(tag)) for tag in parsed.tags]
        if not clauses and not tags:
            if SearchNotice.PREFIX_IGNORED in result.notices:
                result.refusal = Refusal.RUNAWAY_WILDCARD
            else:
                result.notices += (SearchNotice.NOTHING_TO_SEARCH,)
            return
        excluded: list[query.Query] = [query.Term("tags", fold(t)) for t in parsed.excluded_tags]
        for words in [[word] for word in parsed.excluded_words] + parsed.excluded_phrases:
            clause, _common_in = _words_clause(words, list(LANGUAGES))
            if clause is not None:
                excluded.append(clause)
        allowed = self._lang_docs(searcher, langs)
        if probe:
            found = _finds_any(searcher, [*clauses, *tags], allowed, excluded)
            if not found and len(clauses) > 1 and loose:
                found = _finds_any(searcher, tags, allowed, excluded, any_of=loose)
            result.total = int(found)
            return
        chosen, result.total = _collect(searcher, [*clauses, *tags], limit, allowed, excluded)
        if not chosen and len(clauses) > 1 and loose:
            some, _count = _collect(searcher, tags, limit, allowed, excluded, any_of=loose)
            chosen = [(docnum, score, False) for docnum, score, _all in some]
            if chosen:
                result.notices += (SearchNotice.SOME_WORDS,)
        # Prefixes and phrases are scored without Whoosh's term matchers, so hits are
        # highlighted from the query's terms rather than from Whoosh's record of them.
        terms = list(dict.fromkeys(t for clause in clauses for t in clause.iter_all_terms()))
        result.hits = self._hits(searcher, chosen, snippets, terms, read)
        if not result.hits:
            if not loose and not tags:
                result.notices += (SearchNotice.NOTHING_TO_SEARCH,)
            result.suggestion = self._suggest(searcher, parsed, lang)

    def _kept(self, searcher) -> dict:  # noqa: ANN001
        """What is worth keeping while ``searcher`` lives (it sees one commit)."""
        if self._per_searcher[0] is not searcher:
            self._per_searcher = (searcher, {})
        return self._per_searcher[1]

    def _lang_docs(self, searcher, langs: list[str]) -> list[set[int]] | None:  # noqa: ANN001
        """The versions in ``langs``, a set of document numbers per segment (None for
        every language)."""
        if set(langs) == set(LANGUAGES):
            return None
        key = ("lang", *sorted(set(langs)))
        kept = self._kept(searcher)
        if key not in kept:
            wanted = query.Or([query.Term("lang", code) for code in key[1:]])
            kept[key] = [set(wanted.docs(leaf)) for leaf, _offset in searcher.leaf_searchers()]
        return kept[key]

    def _hits(
        self,
        searcher,  # noqa: ANN001
        chosen: list,
        snippets: bool,
        terms: list,
        seen: SeenPostings,
    ) -> list[Hit]:
        """Lector's hits for the (docnum, score, all words) chosen, with the character
        spans of the query's words.

        The spans come from the positions stored in the index (no re-analysis), one
        posting list per (field, word) of ``terms`` and segment for all the hits
        together; a word a hit does not hold simply gives no span.
        """
        stored = {docnum: searcher.stored_fields(docnum) for docnum, _score, _all in chosen}
        wanted: dict[tuple[str, str], list[int]] = {}
        for docnum, fields_ in stored.items():
            body_field = f"body_{fields_['lang']}"
            in_body = [text for name, text in terms if name == body_field]
            for term in in_body[:MAX_SNIPPET_TERMS]:
                wanted.setdefault((body_field, term), []).append(docnum)
        spans_of: dict[int, list[tuple[int, int]]] = {}
        reader = searcher.reader()
        # Each hit's segment only: a term's postings in every segment cost more to
        # open than the few hits read from them.
        leaves = list(reader.leaf_readers())
        bases = [base for _leaf, base in leaves]
        for (name, term), docnums in wanted.items():
            by_leaf: dict[int, list[int]] = {}
            for docnum in sorted(docnums):
                by_leaf.setdefault(bisect.bisect_right(bases, docnum) - 1, []).append(docnum)
            for at, in_leaf in by_leaf.items():
                leaf, base = leaves[at]
                value_of = seen.values(leaf, name, term)
                if value_of is not None:  # read while scoring
                    spans = _spans_reader(leaf.schema[name].format)
                    for docnum in in_leaf:
                        raw = value_of(docnum - base)
                        if raw is not None:
                            spans_of.setdefault(docnum, []).extend(spans(raw))
                    continue
                spans = _spans_reader(leaf.schema[name].format)
                try:
                    matcher = leaf.postings(name, term)  # unscored: only positions are read
                except TermNotFound:
                    continue
                for docnum in in_leaf:
                    if not matcher.is_active():
                        break
                    if matcher.id() < docnum - base:
                        matcher.skip_to(docnum - base)
                    if matcher.is_active() and matcher.id() == docnum - base:
                        spans_of.setdefault(docnum, []).extend(spans(matcher.value()))
        kept = self._kept(searcher)
        if "bodies" not in kept:
            kept["bodies"] = reader.column_reader("body")
        bodies = kept["bodies"]
        return [
            self._hit(
                stored[docnum],
                bodies[docnum],
                score,
                sorted(set(spans_of.get(docnum, ()))),
                snippets,
                all_terms,
            )
            for docnum, score, all_terms in chosen
        ]

    def _hit(
        self,
        stored: dict,
        packed: bytes,
        score: float,
        spans: list,
        snippets: bool,
        all_terms: bool,
    ) -> Hit:
        meta = stored["meta"]
        blocks, body = _unpack_body(packed)
        words = tuple(dict.fromkeys(body[s:e] for s, e in spans[:200] if e <= len(body)))
        return Hit(
            key=stored["key"],
            lang=stored["lang"],
            rel=stored["rel"],
            path=self.library_root / stored["rel"],
            title=meta["title"],
            date=meta["date"],
            tags=tuple(meta["tags"]),
            score=float(score),
            snippet=make_snippet(body, spans) if snippets else None,
            block=block_at(blocks, spans[0][0]) if spans else 0,
            terms=words[:MAX_SNIPPET_TERMS],
            all_terms=all_terms,
        )

    def _closest_word(self, searcher, word: str, maxdist: int) -> str | None:  # noqa: ANN001
        """The index word to offer for ``word``, at most ``maxdist`` edits away (or None).

        That is the word fewest edits away (Damerau-Levenshtein, as Whoosh counts
        them), the most frequent among those, the greater one on a tie: what Whoosh's
        corrector offers at the smallest distance that finds anything. (At one
        distance for all, it would offer "participation" for "partisipacion" rather
        than "participacion", one letter away.) Only the words whose length and
        letters allow the edits are compared.
        """
        reader = searcher.reader()
        lists = self._spelling.lists(reader)
        for most in range(1, maxdist + 1):
            best: tuple[float, str] | None = None
            for words in lists:
                for known in words.near(word, most):
                    frequency = reader.frequency("words", known)
                    if not frequency:  # listed from versions since deleted
                        continue
                    score = 0 - (most + (1.0 / frequency * 0.5))
                    if best is None or (score, known) > best:
                        best = (score, known)
            if best is not None:
                return best[1]
        return None

    def _suggest(self, searcher, parsed: ParsedQuery, lang: str | None) -> str | None:  # noqa: ANN001
        if not parsed.words:
            return None
        text = parsed.text
        changed = False
        for word in dict.fromkeys(parsed.words):
            folded = fold(word)
            # The corrector's automaton grows with the word: a 10,000-letter "word"
            # took half a minute. No real word is that long, so none is suggested.
            if not 3 <= len(folded) <= MAX_SUGGEST_CHARS or searcher.doc_frequency("words", folded):
                continue
            if any(folded in _folded_stops(one) for one in ([lang] if lang else LANGUAGES)):
                continue  # not listed, as no search looks for it
            option = self._closest_word(searcher, folded, 1 if len(folded) < 6 else 2)
            if option is not None and option != folded:
                text = _replace_word(text, word, option)
                changed = True
        if not changed:
            return None
        # Checked without scoring: finding the first version that holds a common
        # word costs far less than ranking every one.
        check = SearchResult(text)
        self._search(searcher, parse_query(text), lang, 1, False, check, probe=True)
        return text if check.total else None


# --- helpers ----------------------------------------------------------------------------------


def _collect(
    searcher,  # noqa: ANN001
    all_of: list[query.Query],
    limit: int,
    allowed: list[set[int]] | None,
    excluded: list[query.Query],
    any_of: list[query.Query] = (),  # type: ignore[assignment]
) -> tuple[list[tuple[int, float, bool]], int]:
    """The ``limit`` best versions matching every query of ``all_of`` (and, when
    given, any of ``any_of``), among ``allowed`` ones (per segment) and matching
    none of ``excluded``, as (docnum, score, True); and how many versions match.

    Scores and order are those of Whoosh's search of an ``And`` of the queries
    (scores summed, ties to the lower document number), but each query's versions
    are scored into a table a segment at a time and the tables intersected, rather
    than every match passing through Whoosh's collector; and the count is exact.
    """
    context = searcher.context()
    best: list[tuple[float, int]] = []  # (score, -docnum), as Whoosh's collector keeps them
    total = 0
    for at, (leaf, offset) in enumerate(searcher.leaf_searchers()):
        # The rarest words first: the others need only be decoded where they are.
        reader = leaf.reader()
        ordered = sorted(all_of, key=lambda q: _segment_size(q, reader))
        tables = []
        only = None
        for k, q in enumerate(ordered):
            table = _segment_scores(q, leaf, context, only)
            if not table:
                break
            tables.append(table)
            if k + 1 < len(ordered):
                only = sorted(table.keys() if only is None else table.keys() & set(only))
        else:
            if any_of:
                tables.append(_sum_union([_segment_scores(q, leaf, context) for q in any_of]))
            matched = _sum_intersection(tables)
            for q in excluded if matched else ():
                for docnum in q.matcher(leaf, context).all_ids():
                    matched.pop(docnum, None)
            if allowed is not None:
                docs = matched.keys() & allowed[at]
                if len(docs) < len(matched):
                    matched = {d: matched[d] for d in docs}
            total += len(matched)
            # Only versions scoring at least the limit-th best can enter the results.
            cut = heapq.nlargest(limit, matched.values())[-1] if len(matched) > limit else -math.inf
            if len(best) == limit:
                cut = max(cut, best[-1][0])
            ranked = [(v, -offset - d) for d, v in matched.items() if v >= cut]
            best = heapq.nlargest(limit, best + ranked)
    return [(-negated, score, True) for score, negated in best], total


def _segment_scores(
    q: query.Query,
    searcher,  # noqa: ANN001
    context,  # noqa: ANN001
    only: list[int] | None = None,
) -> dict[int, float]:
    """The documents of one segment that ``q`` matches, with their scores. With
    ``only`` (sorted document numbers), the others may be left out."""
    ours = getattr(q, "segment_scores", None)
    if ours is not None:
        scores = ours(searcher, context, only)
        if scores is not None:
            return scores
    elif type(q) is query.Or and q.boost == 1.0 and not q.scale and not q.minmatch:
        parts = [_segment_scores(part, searcher, context, only) for part in q.subqueries]
        return _sum_union(parts)
    matcher = q.matcher(searcher, context)
    scores = {}
    while matcher.is_active():
        scores[matcher.id()] = matcher.score()
        matcher.next()
    return scores


def _segment_size(q: query.Query, reader) -> float:  # noqa: ANN001
    """How many postings ``q`` reads in a segment, when known without reading them."""
    size = getattr(q, "segment_size", None)
    return size(reader) if size is not None else math.inf


def _sum_union(tables: list[dict[int, float]]) -> dict[int, float]:
    tables = sorted(tables, key=len)
    out = dict(tables.pop()) if tables else {}
    for table in tables:
        for docnum, score in table.items():
            out[docnum] = out.get(docnum, 0.0) + score
    return out


def _sum_intersection(tables: list[dict[int, float]]) -> dict[int, float]:
    if not tables:
        return {}
    tables = sorted(tables, key=len)
    out = dict(tables[0])
    for table in tables[1:]:
        out = {d: v + table[d] for d, v in out.items() if d in table}
    return out


def _storage(folder: Path) -> FileStorage:
    """An index folder read with plain file reads.

    With memory mapping, Whoosh copies each part of a segment it opens (postings,
    term tables, columns) into a buffer of its own, so a searcher held the whole
    index in memory, and the mapped pages it copied from besides.
    """
    if hasattr(os, "pread"):
        return _PositionedStorage(os.fspath(folder), supports_mmap=False)
    return FileStorage(os.fspath(folder), supports_mmap=False)


class _PositionedStorage(FileStorage):
    """Index files read with positioned reads (``os.pread``).

    Whoosh's own unmapped reading seeks a shared file object through two layers of
    Python for every small read; a positioned read is one call, and the parts of a
    segment never move each other's file position.
    """

    def open_file(self, name: str, **_kwargs: object) -> _PositionedFile:
        handle = Path(self._fpath(name)).open("rb", buffering=0)  # noqa: SIM115 - closed with the file
        return _PositionedFile(handle, 0, os.fstat(handle.fileno()).st_size, name, owner=True)


class _PositionedFile(StructFile):
    """A file, or one part of a segment file, as Whoosh's structured file."""

    def __init__(self, handle, start: int, length: int, name: str, *, owner: bool = False) -> None:  # noqa: ANN001
        super().__init__(_Region(handle, start, length), name=name)
        self._handle, self._start, self._length, self._owner = handle, start, length, owner

    def get(self, position: int, length: int) -> bytes:
        length = max(0, min(length, self._length - position))
        return os.pread(self._handle.fileno(), length, self._start + position)

    def subset(self, position: int, length: int, name: str | None = None) -> _PositionedFile:
        return _PositionedFile(self._handle, self._start + position, length, name or self._name)

    def close(self) -> None:
        super().close()
        if self._owner:
            self._handle.close()


class _Region:
    """The file object under a ``_PositionedFile``: reads from its own position."""

    def __init__(self, handle, start: int, length: int) -> None:  # noqa: ANN001
        self._handle, self._start, self._length, self._pos = handle, start, length, 0

    def read(self, size: int | None = -1) -> bytes:
        left = self._length - self._pos
        size = left if size is None or size < 0 else min(size, left)
        data = os.pread(self._handle.fileno(), size, self._start + self._pos)
        self._pos += len(data)
        return data

    def readline(self, size: int | None = -1) -> bytes:
        line = b""
        while size is None or size < 0 or len(line) < size:
            chunk = self.read(256)
            end = chunk.find(b"\n") + 1
            if end:
                self._pos -= len(chunk) - end
                chunk = chunk[:end]
            line += chunk
            if end or not chunk:
                break
        if size is not None and size >= 0 and len(line) > size:
            self._pos -= len(line) - size
            line = line[:size]
        return line

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: self._length}[whence]
        self._pos = base + offset
        return self._pos

    def tell(self) -> int:
        return self._pos


class _Writer(SegmentWriter):
    """Whoosh's segment writer, with postings grouped by term as versions are added.

    Whoosh keeps a tuple per posting, sorts them all at commit and writes them one
    at a time; that took more than half of a build. Here each term's postings are
    appended in document order as versions come (``_GroupedPostings``), and at commit
    each term's posting list is written in one piece (``_write_postings``): the same
    Whoosh 3 files, byte for byte.
    """

    one_posting_per_word = True  # in a word list (False: a posting per version, as Whoosh)

    def __init__(self, ix: index.Index, **kwargs: object) -> None:
        kwargs.setdefault("codec", LectorCodec())
        super().__init__(ix, **kwargs)
        lists = [
            name
            for name, field in self.schema.items()
            if isinstance(field, WordList) and field.sources and self.one_posting_per_word
        ]
        self.pool = _GroupedPostings(lists)

    def add_document(self, **fields: object) -> None:
        # Whoosh's add_document, less what Lector's schema does not use (vectors,
        # separate spelling fields), with a version's postings added a field at a time.
        self._check_state()
        schema = self.schema
        docnum = self.docnum
        docboost = self._doc_boost(fields)
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        perdoc = self.perdocwriter
        perdoc.start_doc(docnum)
        split: dict[str, list[str]] = {}  # the words of each text analysed so far
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                if field.vector or field.separate_spelling():
                    raise ValueError(f"field {name} needs Whoosh's own writer")
                length = 0
                if field.indexed:
                    fmt = field.format
                    if (
                        isinstance(fmt, _Postings)
                        and isinstance(field.analyzer, LanguageTokenizer)
                        and isinstance(value, str)
                    ):
                        items = fmt.index_items(value, field.analyzer, split.setdefault(name, []))
                    elif isinstance(field, WordList) and field.sources:
                        words = _listed_words(field, value, fields, split)
                        if name in self.pool.word_lists:
                            self.pool.add_words(name, docnum, words)
                            items = []
                        else:
                            items = field.items(words)
                    else:
                        items = field.index(value)
                    if not isinstance(items, list):
                        items = list(items)
                    boost = self._field_boost(fields, name, docboost)
                    self.pool.add_terms(name, docnum, items, boost)
                    if field.scorable:
                        length = sum(map(itemgetter(1), items))
                stored = fields.get(f"_stored_{name}", value)
                perdoc.add_field(name, field, stored if field.stored else None, length)
                if field.column_type and stored is not None:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(stored))
        except BaseException:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def add_reader(self, reader) -> None:  # noqa: ANN001 - a Whoosh segment reader
        """Whoosh's merge of a segment's live versions into this one, with its word
        lists made again from their stored text: a word's one posting may be on a
        deleted version, while others still hold the word."""
        first = self.docnum
        super().add_reader(reader)
        names = self.pool.word_lists & set(reader.indexed_field_names())
        if not names:
            return
        bodies = reader.column_reader("body") if reader.has_column("body") else None
        for docnum, (old, stored) in enumerate(reader.iter_docs(), first):
            meta = stored.get("meta")
            title = meta.get("title", "") if isinstance(meta, dict) else ""
            text = _unpack_body(bodies[old])[1] if bodies is not None else ""
            words = _indexed_words(_listed_text(title, text), stored.get("lang"))
            for name in names:
                self.pool.add_words(name, docnum, words)

    def postings_size(self) -> int:
        """About how many bytes the postings added so far take in memory."""
        return self.pool.size

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = _LengthsInMemory(self.per_document_reader())
        try:
            _write_postings(self, lengths)
        finally:
            lengths.close()
        self.fieldwriter.close()


class LectorCodec(W3Codec):
    """Whoosh 3's codec, storing posting blocks uncompressed (their header says so,
    and readers do not decompress them), each block's postings pickled with
    ``BLOCK_PROTOCOL`` (see ``_block_bytes``).

    zlib took a third off the postings' bytes, at some 40 µs a block: a build
    spent a twelfth of its time compressing (and a search decompressing). The
    blocks of an index written with compression are read as before.
    """

    compression = 0  # zlib's level for posting blocks; 0 for none

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("compression", self.compression)
        super().__init__(**kwargs)

    def postings_writer(self, dbfile, byteids: bool = False) -> W3PostingsWriter:  # noqa: ANN001
        return _BlockWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


class _BlockWriter(W3PostingsWriter):
    """Whoosh's postings writer, writing blocks as Lector's writer does (see
    ``_block_bytes``)."""

    def _write_block(self, last: bool = False) -> None:
        # W3PostingsWriter._write_block, but for the block's bytes.
        if self._byteids:  # a term vector's, which Lector's schema has none of
            super()._write_block(last)
            return
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        ids = self._ids
        level = self._compression
        head = (
            len(ids),
            ids[-1],
            self._maxweight,
            level,
            length_to_byte(self._minlength),
            length_to_byte(self._maxlength),
        )
        fixed = self._format.fixed_value_size()
        self._postfile.write(
            _block_bytes(ids, self._weights, self._values, fixed, level, head, last=last)
        )
        self._blockcount += 1
        self._new_block()


def _listed_words(
    field: WordList, value: object, fields: dict[str, object], split: dict[str, list[str]]
) -> Iterable[str]:
    """The words of the word list's ``value`` (language, text), from the words of its
    source fields when those were split already and the text is theirs (words never
    span the newlines)."""
    lang, text = value  # type: ignore[misc]
    sources = [
        name
        for prefix in field.sources
        for name in sorted(fields)
        if name.startswith(prefix) and fields[name] is not None
    ]
    if (
        sources
        and all(name in split for name in sources)
        and text == "\n".join(fields[name] for name in sources)  # type: ignore[misc]
    ):
        return chain.from_iterable(split[name] for name in sources)
    return _indexed_words(text, lang)


class _GroupedPostings:
    """A new segment's postings, by field and term, each term's in document order as
    ``[docnum, weight, value, docnum, …]``. Stands in for Whoosh's posting pool.

    The fields named in ``word_lists`` get one posting per word (see ``WordList``):
    their words are counted as written as versions come, and folded and posted by
    ``list_words``, once per distinct word as written.
    """

    def __init__(self, word_lists: Iterable[str] = ()) -> None:
        self.fields: dict[str, dict[bytes, list]] = {}
        self.word_lists = frozenset(word_lists)
        # Per word list: its words' counts, and (end, docnum) marks saying which
        # version first held each: counts' keys are in the order words were first met,
        # so the keys before ``end`` and after the previous mark are ``docnum``'s.
        self.words: dict[str, tuple[list[tuple[int, int]], Counter[str]]] = {}
        self.size = 0
        self.merged = False  # postings came from other segments, maybe out of order

    def add_terms(self, name: str, docnum: int, items: list[tuple], boost: float) -> None:
        """Add one version's (term, frequency, weight, value) items of field ``name``."""
        terms = self.fields.get(name)
        if terms is None:
            terms = self.fields[name] = {}
        if boost != 1.0:
            items = [(text, freq, weight * boost, value) for text, freq, weight, value in items]
        get = terms.get
        for text, _freq, weight, value in items:
            postings = get(text)
            if postings is None:
                terms[text] = [docnum, weight, value]
            else:
                postings += (docnum, weight, value)
        # A posting's three list slots, weight and value object, and the value's bytes.
        self.size += len(items) * 96 + sum(map(len, map(itemgetter(3), items)))

    def add_words(self, name: str, docnum: int, words: Iterable[str]) -> None:
        """Count the words (as written) of version ``docnum`` in word list ``name``."""
        listed = self.words.get(name)
        if listed is None:
            listed = self.words[name] = ([], Counter())
        marks, counts = listed
        known = len(counts)
        counts.update(words)
        if len(counts) > known:
            marks.append((len(counts), docnum))
            # A word's entry in the counts and its posting to come.
            self.size += (len(counts) - known) * 200

    def list_words(self) -> None:
        """Post the words counted so far: each on the first version that held it."""
        folded = _known_folded()
        for name, (marks, counts) in self.words.items():
            terms = self.fields.setdefault(name, {})
            counted = iter(counts.items())
            start = 0
            for end, docnum in marks:
                for word, count in islice(counted, end - start):
                    term = folded[word]
                    posting = terms.get(term)
                    if posting is None:
                        terms[term] = [docnum, count, b""]
                    else:  # the same word written another way (by an earlier version)
                        posting[1] += count
                start = end
        self.words = {}

    def add(self, item: tuple) -> None:
        """Whoosh's pool interface, used when merging segments into this one (whose
        word lists ``_Writer.add_reader`` makes again)."""
        name, text, docnum, weight, value = item
        if name in self.word_lists:
            return
        self.merged = True
        self.fields.setdefault(name, {}).setdefault(text, []).extend(
            (docnum, weight, b"" if value is None else value)
        )
        self.size += 96 + len(value or b"")

    def cleanup(self) -> None:
        self.fields = {}
        self.words = {}
        self.size = 0
        self.merged = False


_TERM_INFO = struct.Struct("!BfIBBfIIqi")  # W3TermInfo's fields, then the postings' extent
_TABLE_ENTRY = struct.Struct("!ii")  # a term table entry's key and value lengths


def _write_postings(writer: _Writer, lengths: _LengthsInMemory) -> None:
    """Write the pool's posting lists and term table as Whoosh 3's ``W3FieldWriter`` does.

    The same bytes as Whoosh's own writer with Lector's codec (``_BlockWriter``:
    blocks of ``blocklimit`` postings, each a length, a pickled header and pickled
    ids, weights and values, compressed at the codec's level if any; ``W3TermInfo``
    in the term table), produced a posting list at a time instead of a posting at a
    time; word lists apart (their postings are in their term infos, see ``WordList``).
    """
    codec = writer.codec
    if not isinstance(codec, W3Codec) or codec._inlinelimit > 1:
        raise ValueError("postings are written in bulk only in Whoosh 3's layout")
    fieldwriter, schema, pool = writer.fieldwriter, writer.schema, writer.pool
    pool.list_words()
    limit, level = codec._blocklimit, codec._compression
    postfile = fieldwriter._postfile
    for name in sorted(pool.fields):
        terms = pool.fields[name]
        if not terms or name not in schema:
            continue
        field = schema[name]
        fieldwriter.start_field(name, field)
        prefix = pack_ushort(fieldwriter._fieldid)
        if name in pool.word_lists:
            entries = [(prefix + text, _inlined_info(terms[text])) for text in sorted(terms)]
            _add_to_table(fieldwriter._tindex, entries)
            fieldwriter.finish_field()
            continue
        fixed = field.format.fixed_value_size()
        sizes = lengths.lengths(name) if field.scorable else None
        offset = postfile.tell()
        entries = []
        written = []  # the field's posting lists, written together
        for text in sorted(terms):
            flat = terms[text]
            ids, weights, values = flat[0::3], flat[1::3], flat[2::3]
            if pool.merged and any(map(gt, ids, islice(ids, 1, None))):
                order = sorted(range(len(ids)), key=ids.__getitem__)
                ids = [ids[i] for i in order]
                weights = [weights[i] for i in order]
                values = [values[i] for i in order]
            out = [WHOOSH3_HEADER_MAGIC]
            total = 0
            minlength = None
            maxlength = maxweight = 0
            count = len(ids)
            for at in range(0, count, limit):
                block, weight, low, high, heaviest = _posting_block(
                    ids[at : at + limit],
                    weights[at : at + limit],
                    values[at : at + limit],
                    sizes,
                    fixed,
                    level,
                    last=at + limit >= count,
                )
                out.append(block)
                total += weight
                if minlength is None:
                    minlength = low
                elif low is not None:
                    minlength = min(minlength, low)
                maxlength = max(maxlength, high)
                maxweight = max(maxweight, heaviest)
            postings = b"".join(out)
            written.append(postings)
            info = _TERM_INFO.pack(
                0,
                total,
                count,
                0 if minlength is None else length_to_byte(minlength),
                length_to_byte(maxlength),
                maxweight,
                ids[0],
                ids[-1],
                offset,
                len(postings),
            )
            offset += len(postings)
            entries.append((prefix + text, info))
        postfile.write(b"".join(written))
        _add_to_table(fieldwriter._tindex, entries)
        fieldwriter.finish_field()


_INLINED_INFO = struct.Struct("!BfIBBfII")  # W3TermInfo's fields, before its postings


def _inlined_info(flat: list) -> bytes:
    """The term info of ``[docnum, weight, value, …]`` postings of an unscored field,
    holding them (as ``W3TermInfo`` does when its postings are inlined): Whoosh's
    readers need no posting list for them."""
    ids, values = tuple(flat[0::3]), tuple(filter(None, flat[2::3]))
    weights = tuple(array("f", flat[1::3]))  # Whoosh keeps weights as 32-bit floats
    head = _INLINED_INFO.pack(1, sum(weights), len(ids), 0, 0, max(weights), ids[0], ids[-1])
    return head + pickle.dumps((ids, weights, values), 2)


def _posting_block(
    ids: list[int],
    weights: list[float],
    values: list[bytes],
    sizes: list[int] | None,
    fixed: int | None,
    level: int,
    *,
    last: bool,
) -> tuple[bytes, float, int | None, int, float]:
    """One block of a posting list as ``_BlockWriter._write_block`` writes it, with
    the statistics its term info gathers: (bytes, weight, min and max length, max weight)."""
    packed = array("f", weights)  # Whoosh keeps weights as 32-bit floats
    present = list(filter(None, map(sizes.__getitem__, ids))) if sizes is not None else ()
    low = min(present) if present else None
    high = max(present) if present else 0
    heaviest = max(0, max(weights))
    head = (len(ids), ids[-1], heaviest, level, length_to_byte(low), length_to_byte(high))
    block = _block_bytes(ids, packed, values, fixed, level, head, last=last)
    return block, sum(packed), low, high, heaviest


BLOCK_PROTOCOL = 3
"""The pickle protocol of a block's (ids, weights, values). Whoosh writes protocol 2,
which has no type for bytes: each posting value went through ``codecs.encode`` and a
latin-1 string: for a block of 40 postings, seven times the time of protocol 3 to
write, ten times to read, and twice the bytes. Whoosh's readers unpickle either;
``_IDS_AND_WEIGHTS`` reads protocol 3."""


def _block_bytes(
    ids: Iterable[int],
    weights: array,
    values: list[bytes],
    fixed: int | None,
    level: int,
    head: tuple,
    *,
    last: bool,
) -> bytes:
    """A posting block laid out as ``W3PostingsWriter._write_block`` lays it out: its
    length (negative for the last), its pickled ``head`` (count, last id, max weight,
    compression level, min and max length bytes), then its postings pickled (with
    ``BLOCK_PROTOCOL``) and compressed at ``level``. ``weights`` are 32-bit floats."""
    count = len(weights)
    if weights.count(1.0) == count:
        packed_weights = None
    elif weights.count(weights[0]) == count:
        packed_weights = weights[0]
    else:
        packed_weights = tuple(weights)
    if fixed is None or fixed < 0:
        packed_values = tuple(filter(None, values))
    elif fixed == 0:
        packed_values = None
    else:
        packed_values = b"".join(values)
    deltas = tuple(map(sub, ids, chain((0,), ids)))
    data = pickle.dumps((deltas, packed_weights, packed_values), BLOCK_PROTOCOL)
    if level:
        data = zlib.compress(data, level)
    info = pickle.dumps(head, 2)
    size = len(info) + len(data)
    return b"".join((pack_int(-size if last else size), info, data))


def _add_to_table(table, entries: list[tuple[bytes, bytes]]) -> None:  # noqa: ANN001
    """``OrderedHashWriter.add`` of each (key, value), keys increasing, in one write."""
    if not entries:
        return
    if entries[0][0] <= table.lastkey:
        raise ValueError(f"Keys must increase: {table.lastkey!r}..{entries[0][0]!r}")
    position = table.dbfile.tell()
    hashed, buckets = table.hashfn, table.buckets
    out, positions = [], []
    for key, value in entries:
        positions.append(position)
        out += (_TABLE_ENTRY.pack(len(key), len(value)), key, value)
        h = hashed(key)
        buckets[h & 255].append((h, position))
        position += _TABLE_ENTRY.size + len(key) + len(value)
    table.dbfile.write(b"".join(out))
    table.index.extend(positions)
    table.lastkey = entries[-1][0]


class _Spelling:
    """The word lists "did you mean" looks through, kept from one commit to the next.

    Listing every word of a large index takes the better part of a second, and a
    commit of a few changed files adds one small segment: the list made for the
    segments there were is kept, and each segment committed since gets a small list
    of its own. Words of versions deleted since may stay listed: one the index no
    longer holds is passed over, and any suggestion is checked against the index
    before it is offered. Once ``MAX_EXTRA`` segments have lists of their own,
    or none of the listed segments is left (a rebuilt index), one list is made anew.
    """

    MAX_EXTRA = 2 * MERGE_AFTER

    def __init__(self) -> None:
        self._listed: frozenset[str] = frozenset()
        self._main: WordsByLength | None = None
        self._extra: dict[str, WordsByLength] = {}

    def lists(self, reader) -> list[WordsByLength]:  # noqa: ANN001
        leaves = {leaf.segment().segment_id(): leaf for leaf, _base in reader.leaf_readers()}
        new = leaves.keys() - self._listed
        if self._main is None or not self._listed & leaves.keys() or len(new) > self.MAX_EXTRA:
            self._main = WordsByLength(_field_words(reader, "words"))
            self._listed, self._extra = frozenset(leaves), {}
            return [self._main]
        from_bytes = reader.schema["words"].from_bytes
        self._extra = {
            segment: self._extra.get(segment)
            or WordsByLength(map(from_bytes, _segment_terms(leaves[segment], "words")))
            for segment in new
        }
        return [self._main, *self._extra.values()]


def _field_words(reader, name: str) -> Iterator[str]:  # noqa: ANN001
    """The distinct terms of a field over every segment."""
    from_bytes = reader.schema[name].from_bytes
    leaves = [leaf for leaf, _base in reader.leaf_readers()]
    if len(leaves) == 1:
        return map(from_bytes, _segment_terms(leaves[0], name))
    seen: set[bytes] = set()
    for leaf in leaves:
        seen.update(_segment_terms(leaf, name))
    return map(from_bytes, seen)


def _segment_terms(leaf, name: str) -> Iterator[bytes]:  # noqa: ANN001
    """A segment's terms of a field, read from its terms file a large part at a time.

    Whoosh reads each term with two file reads (its length, then the term).
    """
    terms = getattr(leaf, "_terms", None)
    if not isinstance(terms, W3TermsReader):
        yield from leaf.lexicon(name)
        return
    field_number = terms._fieldmap.get(name)
    if field_number is None:
        return
    skip = _FIELD_NUMBER.size
    end = _closest_key_pos(terms._tindex, _FIELD_NUMBER.pack(field_number + 1))
    for key, _info in _table_entries(terms, _FIELD_NUMBER.pack(field_number), end=end):
        yield key[skip:]


def _prefix_terms(leaf, name: str, prefix: str) -> Iterator[tuple[bytes, object]]:  # noqa: ANN001
    """A segment's terms of a field that start with ``prefix``, with their term infos.

    What Whoosh's ``iter_prefix`` gives, read from the terms file a part at a time:
    Whoosh reads each term with three file reads, and each of the twenty or so
    keys its binary search compares with three more.
    """
    terms = getattr(leaf, "_terms", None)
    if not isinstance(terms, W3TermsReader):
        yield from leaf.iter_prefix(name, prefix)
        return
    field_number = terms._fieldmap.get(name)
    if field_number is None:
        return
    first = _FIELD_NUMBER.pack(field_number) + leaf._text_to_bytes(name, prefix)
    skip, decode = _FIELD_NUMBER.size, W3TermInfo.from_bytes
    for key, info in _table_entries(terms, first, PREFIX_CHUNK):
        if not key.startswith(first):
            return
        yield key[skip:], decode(info)


def _table_entries(
    terms: W3TermsReader, first: bytes, chunk_size: int = TERM_CHUNK, end: int | None = None
) -> Iterator[tuple[bytes, bytes]]:
    """The (key, value) entries of a terms file from the first key not below ``first``,
    up to position ``end`` (the end of the entries), read ``chunk_size`` bytes at a time."""
    table = terms._tindex
    start = _closest_key_pos(table, first)
    if start is None:
        return
    end = table.endofdata if end is None else end
    get, header = terms._dbfile.get, _TERM_LENGTHS.size
    while start < end:
        chunk = get(start, min(end - start, chunk_size))
        key_length, data_length = _TERM_LENGTHS.unpack_from(chunk)
        if header + key_length + data_length > len(chunk):  # one entry longer than a part
            chunk = get(start, header + key_length + data_length)
        at = 0
        while at + header <= len(chunk):
            key_length, data_length = _TERM_LENGTHS.unpack_from(chunk, at)
            after = at + header + key_length + data_length
            if after > len(chunk):
                break  # read with the next part
            key_end = at + header + key_length
            yield chunk[at + header : key_end], chunk[key_end:after]
            at = after
        start += at


def _closest_key_pos(table, key: bytes) -> int | None:  # noqa: ANN001 - Whoosh's table
    """Whoosh's ``OrderedHashReader.closest_key_pos`` (where the first key not below
    ``key`` is; None after the last), with the table's key positions read once and
    each key compared read in one file read."""
    positions = _KEY_POSITIONS.get(table)
    if positions is None:
        positions = array(table.extras["indextype"])
        positions.frombytes(table.dbfile.get(table.indexbase, table.indexlen * table.indexsize))
        if sys.byteorder == "little":  # Whoosh writes them big-endian
            positions.byteswap()
        _KEY_POSITIONS[table] = positions
    get, header = table.dbfile.get, _TERM_LENGTHS.size
    lo, hi = 0, len(positions)
    while lo < hi:
        mid = (lo + hi) // 2
        at = positions[mid]
        entry = get(at, header + _KEY_GUESS)
        (key_length,) = _KEY_LENGTH.unpack_from(entry)
        if key_length > _KEY_GUESS:
            entry = get(at, header + key_length)
        if entry[header : header + key_length] < key:
            lo = mid + 1
        else:
            hi = mid
    return positions[lo] if lo < len(positions) else None


_KEY_POSITIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_KEY_GUESS = 40  # bytes of a key read with its length, most keys' length or more
_KEY_LENGTH = struct.Struct("!i")


def _reopened(ix: index.Index, old: Searcher) -> Searcher:
    """A searcher of the index's last commit, keeping ``old``'s reader of every segment
    that is unchanged (same segment, same deleted versions); ``old`` is used up.

    Opening every segment again after a one-file commit cost more than the rest of
    the sync on a large index. (Not Whoosh's ``Searcher.refresh()``: it keeps a
    reader whose deletions changed, and adds back segments a merge removed.)
    """
    toc = ix._read_toc()
    previous = {leaf.segment(): leaf for leaf, _offset in old.reader().leaf_readers()}
    readers = []
    for segment in toc.segments:
        leaf = previous.get(segment)
        if leaf is not None and _deleted(leaf.segment()) == _deleted(segment):
            readers.append(previous.pop(segment))
        else:
            new = SegmentReader(ix.storage, toc.schema, segment, generation=toc.generation)
            readers.append(new)
    for leaf in previous.values():
        with contextlib.suppress(Exception):
            leaf.close()
    return Searcher(MultiReader(readers, generation=toc.generation), fromindex=ix)


def _deleted(segment) -> frozenset[int]:  # noqa: ANN001 - a Whoosh segment
    return frozenset(segment.deleted_docs()) if segment.has_deletions() else frozenset()


def _merge_small(writer: SegmentWriter, segments: list) -> list:
    """Whoosh merge policy: drop the segments whose versions are all deleted, merge the
    small segments once there are ``MERGE_AFTER`` of them, and any larger one whose
    versions are mostly deleted; keep the rest.

    (Whoosh's own policy, on the segments of a built index, would merge half the
    index into the next one-file sync. A file edited again and again leaves one
    emptied segment per sync: dropped, they are never merged.)
    """
    live = [s for s in segments if s.deleted_count() < s.doc_count_all()]
    small = [s for s in live if s.doc_count_all() < SMALL_SEGMENT]
    emptied = [
        s
        for s in live
        if s.doc_count_all() >= SMALL_SEGMENT and s.deleted_count() * 2 > s.doc_count_all()
    ]
    merged = (small if len(small) >= MERGE_AFTER else []) + emptied
    for segment in merged:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return [s for s in live if s not in merged]


def _processors() -> int:
    """Processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _adding(segments: list) -> Callable:
    """Whoosh merge policy: merge nothing, add ``segments`` (written by other processes)."""

    def policy(_writer: SegmentWriter, current: list) -> list:
        return [*current, *segments]

    return policy


def _part_index(folder: Path) -> index.Index:
    """An index of a process's own to write segments of a build in; never committed
    to (Whoosh's writer starts from an index), its segments are moved out whole."""
    folder.mkdir(parents=True)
    return _storage(folder).create_index(make_schema())


def _index_part(
    ix: index.Index,
    versions: list[Version],
    limit_mb: int,
    tick: Callable[[int], None],
    stopped: Callable[[], bool],
) -> tuple[list, list[str], list[str]] | None:
    """Index ``versions`` into new segments of ``ix`` (made by ``_part_index``):
    (segments, their files' paths, paths of versions that could not be read), or
    None if ``stopped()`` became true. A segment ends early once its postings pass
    ``limit_mb``, as a commit comes early in a build in one process. ``tick(n)``: n
    more versions done.
    """
    folder = Path(ix.storage.folder)
    segments, files, failed = [], [], []

    def finish(writer: _Writer) -> None:
        segment = writer._finalize_segment()
        writer._finish()
        segments.append(segment)
        files.extend(os.fspath(p) for p in folder.iterdir() if segment.segment_id() in p.name)

    writer = _Writer(ix, _lk=False)
    try:
        unreported = 0
        for version in versions:
            if stopped():
                return None
            doc = _document(version)
            if doc is None:
                failed.append(version.rel)
            else:
                writer.add_document(**doc)
                if writer.postings_size() > limit_mb << 20:
                    finish(writer)
                    writer = _Writer(ix, _lk=False)
            unreported += 1
            if unreported == 20:
                tick(unreported)
                unreported = 0
        if writer.doc_count():
            finish(writer)
        tick(unreported)
    finally:
        if not writer.is_closed:
            with contextlib.suppress(Exception):
                writer.cancel()
    return segments, files, failed


class _LengthsInMemory:
    """A new segment's field lengths, read from its length columns once per field.

    Whoosh's writer asks for a version's field length at every posting, reading it
    from the length column each time (and, for a field without lengths, looking for
    the column's file on disk each time).
    """

    def __init__(self, reader) -> None:  # noqa: ANN001 - Whoosh's per-document reader
        self._reader = reader
        self._lengths: dict[str, list[int]] = {}

    def lengths(self, name: str) -> list[int]:
        """Each version's length of field ``name`` as Whoosh reads it back (0 for none)."""
        lengths = self._lengths.get(name)
        if lengths is None:
            count = self._reader.doc_count_all()
            if self._reader.has_column(_lenfield(name)):
                ask = self._reader.doc_field_length
                lengths = [ask(n, name) or 0 for n in range(count)]
            else:
                lengths = [0] * count
            self._lengths[name] = lengths
        return lengths

    def close(self) -> None:
        self._reader.close()


def _remove_tree(path: Path) -> None:
    """Remove one of our own index folders (only ever called on the index's siblings)."""
    shutil.rmtree(path, ignore_errors=True)
    if path.exists() and path.is_file():
        path.unlink()


def _index_files(folder: Path) -> dict[str, Path]:
    return {
        p.name: p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(MANIFEST_FILE) and not p.name.endswith("LOCK")
    }


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "blake2b").hexdigest()[:32]


def _seal(ix: index.Index) -> None:
    """Record the committed files (written atomically, after Whoosh's own commit).

    Whoosh never rewrites a file it has committed (a commit writes new segment files
    and a new table of contents), so the hashes of files already recorded are kept.
    """
    folder = Path(ix.storage.folder)
    try:
        known = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    files = {}
    for name, path in _index_files(folder).items():
        size = path.stat().st_size
        entry = known.get(name) if isinstance(known, dict) else None
        reuse = isinstance(entry, list) and len(entry) == 2 and entry[0] == size
        files[name] = entry if reuse else [size, _digest(path)]
    temp = folder / f"{MANIFEST_FILE}.{os.getpid()}.{threading.get_ident()}.tmp"
    temp.write_text(json.dumps(files), encoding="utf-8")
    temp.replace(folder / MANIFEST_FILE)


def _check_manifest(folder: Path) -> bool:
    """Raise if a recorded file changed or went missing, or the newest table of
    contents (the one Whoosh opens) is neither the recorded one nor a later commit.

    Returns False for a later commit than the recorded one (its writer stopped before
    recording it): the caller must then read the whole index before trusting it.
    Files of the recorded commit that the later one merged away may be gone then.
    """
    files = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    present = _index_files(folder)
    tocs = [name for name in present if name.endswith(".toc")]
    newest = max(tocs, key=_toc_generation, default=None)
    recorded_tocs = [_toc_generation(name) for name in files if name.endswith(".toc")]
    later = (
        newest is not None
        and newest not in files
        and bool(recorded_tocs)
        and _toc_generation(newest) > max(recorded_tocs)
    )
    for name, (size, digest) in files.items():
        path = present.get(name)
        if path is None and later and name != META_FILE:
            continue
        if path is None or path.stat().st_size != size or _digest(path) != digest:
            raise ValueError(f"index file {name} is missing or changed")
    if newest is None or (newest not in files and not later):
        raise ValueError(f"index table of contents {newest} was not committed")
    return not later


def _read_everything(reader) -> None:  # noqa: ANN001
    """Read every posting list and stored body once: raises where a file is damaged."""
    for name in reader.indexed_field_names():
        for term in reader.lexicon(name):
            for _item in reader.postings(name, term).all_items():
                pass
    if reader.has_column("body"):
        bodies = reader.column_reader("body")
        for docnum in range(reader.doc_count_all()):
            _unpack_body(bodies[docnum])


def _commit_key(folder: Path) -> tuple:
    """Which commit ``folder`` holds: its newest table of contents, by name and file identity."""
    tocs = [p for p in folder.iterdir() if p.name.endswith(".toc")]
    if not tocs:
        return (os.fspath(folder),)
    newest = max(tocs, key=lambda p: _toc_generation(p.name))
    info = newest.stat()
    return (os.fspath(folder), newest.name, info.st_ino, info.st_size, info.st_mtime_ns)


def _signature(item: tuple[int, dict]) -> tuple[str, tuple[int, int, str]]:
    """A stored version's path and signature (size, mtime, content hash), from ``iter_docs``."""
    meta = item[1]["meta"]
    return item[1]["rel"], (meta["size"], meta["mtime_ns"], meta["digest"])


def _toc_generation(name: str) -> int:
    digits = name.rsplit("_", 1)[-1].split(".")[0]
    return int(digits) if digits.isdigit() else -1


def _listed_text(title: str, text: str) -> str:
    """A version's text for the word list, from its title and plain body text."""
    return f"{title}\n{text}"


def _pack_body(blocks: tuple[int, ...], text: str) -> bytes:
    return (",".join(map(str, blocks)) + "\x00" + text).encode("utf-8")


def _unpack_body(raw: bytes | None) -> tuple[list[int], str]:
    if not raw:
        return [], ""
    head, _, text = raw.decode("utf-8", "replace").partition("\x00")
    blocks = [int(part) for part in head.split(",") if part.isdigit()]
    return blocks, text


def _document(version: Version) -> dict[str, object] | None:
    body = read_body(version.path)
    if body is None:
        return None
    plain = plain_text(body)
    title = unicodedata.normalize("NFC", version.title)
    doc: dict[str, object] = {
        "rel": version.rel,
        "key": version.key,
        "lang": version.lang,
        "tags": ",".join(fold(tag).replace(",", " ") for tag in version.tags),
        "words": (version.lang, _listed_text(title, plain.text)),
        "meta": {
            "title": title,
            "date": version.date.isoformat() if version.date else None,
            "tags": list(version.tags),
            "size": version.size,
            "mtime_ns": version.mtime_ns,
            "digest": version.digest,
        },
        "body": _pack_body(plain.blocks, plain.text),
        f"title_{version.lang}": title,
        f"body_{version.lang}": plain.text,
    }
    return doc


def _words_clause(
    words: list[str], langs: list[str], seen: SeenPostings | None = None
) -> tuple[query.Query | None, list[str]]:
    """Words that must appear together (one word, or a phrase) in a title or body.

    Also returns the languages in which they are only common words (not indexed).
    A word's terms (title and body, each language, accent variants) are one
    ``AnyTerm``, scored as Whoosh's ``Or`` of them from one read of each posting
    list; the postings read are kept in ``seen`` for highlighting.
    """
    terms: list[query.Term] = []
    options: list[query.Query] = []
    common_in = []
    for lang in langs:
        positions = [variants for word in words for variants in analyse(word, lang)]
        if not positions:
            common_in.append(lang)
            continue
        for part in ("title", "body"):
            name = f"{part}_{lang}"
            if len(positions) == 1:
                terms += [query.Term(name, v) for v in positions[0]]
                continue
            steps = [
                query.Or([query.Term(name, v) for v in variants])
                if len(variants) > 1
                else query.Term(name, variants[0])
                for variants in positions
            ]
            options.append(AdjacentWords(steps, seen=seen))
    if terms:
        options.insert(0, AnyTerm(terms, seen=seen))
    if not options:
        return None, common_in
    return (options[0] if len(options) == 1 else query.Or(options)), common_in


class AdjacentWords(query.Sequence):
    """Steps (a term, or an ``Or`` of a word's variants) at consecutive positions of one field.

    Matches and scores what ``Sequence`` does, but finds the matching versions
    first: the versions holding every step, then, rarest step first, the positions
    read once from the postings and compared as sets. Whoosh's span walking builds
    objects for every position of every candidate and took seconds on common words.
    """

    def __init__(
        self,
        subqueries: list[query.Query],
        slop: int = 1,
        ordered: bool = True,
        boost: float = 1.0,
        *,
        seen: SeenPostings | None = None,
    ) -> None:
        super().__init__(subqueries, slop, ordered, boost)
        self.seen = seen  # where the postings read are kept for highlighting, if anywhere

    def _matcher(self, subs, searcher, context):  # noqa: ANN001, ANN202
        steps = [_step_terms(sub) for sub in subs]
        if any(step is None for step in steps):
            return super()._matcher(subs, searcher, context)
        scores = self.segment_scores(searcher, context)
        if scores is not None:
            return _ScoredDocs.of(scores)
        docs = _adjacent_docs(searcher.reader(), steps)  # type: ignore[arg-type]
        if not docs:
            return NullMatcher()
        # The same tree of intersections Sequence scores with, limited to ``docs``.
        context = context.set(needs_current=True) if context is not None else context
        child = self._tree_matcher(subs, IntersectionMatcher, searcher, context, None)
        return _OnlyDocs(child, docs)

    def segment_scores(
        self,
        searcher,  # noqa: ANN001
        context,  # noqa: ANN001
        only: list[int] | None = None,
    ) -> dict[int, float] | None:
        """A segment's documents holding the words in a row, with their scores (None
        when Whoosh's matchers have to score them: another weighting or query).
        With ``only`` (sorted document numbers), others may be left out."""
        steps = [_step_terms(part) for part in self.subqueries]
        reader = searcher.reader()
        weighting = context.weighting if context is not None else searcher.weighting
        if any(s is None for s in steps) or not reader.is_atomic():
            return None
        if not isinstance(weighting, BM25F):
            return None
        # Scored from the postings already read: each step's terms, summed as
        # Sequence's tree of intersections sums them.
        postings = _step_postings(reader, steps, only)  # type: ignore[arg-type]
        docs = _adjacent_in_segment(reader, postings) if postings else []
        if not docs:
            return {}
        terms = [term for step in postings for term in step]  # type: ignore[union-attr]
        if self.seen is not None:
            for name, text, table in terms:
                self.seen.add_table(reader, name, text, table)
        bm25 = _Bm25(searcher, weighting)
        scores = dict.fromkeys(docs, 0.0)
        for name, text, table in terms:
            norms, lengths = bm25.field(name)
            gain = bm25.gain(name, text)
            for docnum in docs:
                found = table.get(docnum)
                if found is not None:
                    weight = found[0]
                    scores[docnum] += gain * weight / (weight + norms[lengths[docnum]])
        if self.boost != 1.0:
            scores = {docnum: score * self.boost for docnum, score in scores.items()}
        return scores


def _step_terms(sub: query.Query) -> tuple[str, list[str]] | None:
    if isinstance(sub, query.Term):
        return sub.fieldname, [sub.text]
    if isinstance(sub, query.Or) and all(isinstance(t, query.Term) for t in sub.subqueries):
        names = {t.fieldname for t in sub.subqueries}
        if len(names) == 1:
            return names.pop(), [t.text for t in sub.subqueries]
    return None


def _adjacent_docs(reader, steps: list[tuple[str, list[str]]]) -> list[int]:  # noqa: ANN001
    """The sorted document numbers where step ``i`` occurs at position ``p + i`` for some ``p``."""
    found: list[int] = []
    for leaf, base in reader.leaf_readers():
        postings = _step_postings(leaf, steps)
        if postings:
            found += [base + docnum for docnum in _adjacent_in_segment(leaf, postings)]
    return found


StepPostings = list[list[tuple[str, str, dict[int, tuple[float, bytes]]]]]


def _step_postings(
    reader,  # noqa: ANN001
    steps: list[tuple[str, list[str]]],
    only: list[int] | None = None,
) -> StepPostings | None:
    """Per step, per term present in the segment: each live posting's weight and value.

    A posting list is read through once a block at a time, not skipped along per
    document. The rarest step is read first; the others only in the blocks that
    hold a document all the steps before hold (and one of ``only``, if given).
    None when no document can hold every step.
    """
    present: list[list[tuple[str, object]]] = []
    for name, texts in steps:
        infos = []
        for text in texts:
            with contextlib.suppress(TermNotFound):
                infos.append((text, reader.term_info(name, text)))
        if not infos:
            return None
        present.append(infos)
    order = sorted(range(len(steps)), key=lambda i: sum(f.doc_frequency() for _t, f in present[i]))
    out: list = [None] * len(steps)
    for k, i in enumerate(order):
        name = steps[i][0]
        terms = [
            (name, text, _posting_values(reader, name, text, info, only))
            for text, info in present[i]
        ]
        out[i] = terms
        if k + 1 < len(order):
            holding = set().union(*(table for _n, _t, table in terms))
            only = sorted(holding if only is None else holding.intersection(only))
            if not only:
                return None
    return out


def _adjacent_in_segment(reader, postings: StepPostings) -> list[int]:  # noqa: ANN001
    holding = [set().union(*(table for _n, _t, table in terms)) for terms in postings]
    candidates = sorted(set.intersection(*holding))
    if not candidates or len(postings) < 2:
        return candidates
    # Rarest step first; the last step's positions are compared as they are
    # decoded, up to the first that follows the others. The positions kept are
    # those of the first step read, each step's compared at its offset from it.
    first, *order, final = sorted(range(len(postings)), key=lambda i: len(holding[i]))
    positions = [_positions_reader(reader.schema[terms[0][0]].format) for terms in postings]
    found = []
    for docnum in candidates:
        starts: set[int] = set()
        for _name, _text, table in postings[first]:
            posting = table.get(docnum)
            if posting is not None:
                starts.update(positions[first](posting[1]))
        for i in order:
            here: set[int] = set()
            for _name, _text, table in postings[i]:
                posting = table.get(docnum)
                if posting is not None:
                    here.update(positions[i](posting[1]))
            offset = i - first
            starts = {p for p in starts if p + offset in here}
            if not starts:
                break
        else:
            offset = final - first
            wanted = {p + offset for p in starts}
            for _name, _text, table in postings[final]:
                posting = table.get(docnum)
                if posting is None:
                    continue
                if not wanted.isdisjoint(positions[final](posting[1])):
                    found.append(docnum)
                    break
    return found


def _posting_values(
    reader,  # noqa: ANN001
    name: str,
    text: str,
    info=None,  # noqa: ANN001
    only: list[int] | None = None,
) -> dict[int, tuple[float, bytes]]:
    """Document number -> (weight, encoded value) of each live posting of a segment's
    term (with ``only``, those in the blocks holding one of these documents)."""
    table: dict[int, tuple[float, bytes]] = {}
    for ids, weights, values in _term_blocks(reader, name, text, info, only):
        table.update(zip(ids, zip(weights, values, strict=True), strict=True))
    if reader.has_deletions():
        for docnum in reader.deleted_docs_set:
            table.pop(docnum, None)
    return table


def _positions_reader(fmt) -> Callable[[bytes], Iterable[int]]:  # noqa: ANN001
    """A function of an encoded posting value: its positions.

    Lector's formats are read with array slices, without Python code per
    occurrence; others go through the format's decoder.
    """
    if isinstance(fmt, _Postings):
        return partial(positions_of, stride=fmt.stride)
    return fmt.decoder("positions")


def _spans_reader(fmt) -> Callable[[bytes], Iterable[tuple[int, int]]]:  # noqa: ANN001
    """A function of an encoded posting value: its (start, end) characters."""
    if isinstance(fmt, CharacterPostings):
        return fmt.spans
    decode = fmt.decoder("characters")
    return lambda raw: ((start, end) for _pos, start, end in decode(raw))


class _OnlyDocs(WrappingMatcher):
    """A matcher limited to a sorted list of document numbers."""

    def __init__(self, child, docs: list[int]) -> None:  # noqa: ANN001
        super().__init__(child)
        self._docs = docs
        self._at = 0
        self._settle()

    def _settle(self) -> None:
        child, docs = self.child, self._docs
        while child.is_active():
            here = child.id()
            self._at = bisect.bisect_left(docs, here, self._at)
            if self._at >= len(docs):
                return
            if docs[self._at] == here:
                return
            child.skip_to(docs[self._at])

    def is_active(self) -> bool:
        return self._at < len(self._docs) and self.child.is_active()

    def copy(self) -> _OnlyDocs:
        return _OnlyDocs(self.child.copy(), self._docs)

    def replace(self, minquality: float = 0):  # noqa: ANN202 - a Whoosh matcher
        return self if self.is_active() else NullMatcher()

    def reset(self) -> None:
        self.child.reset()
        self._at = 0
        self._settle()

    def all_ids(self) -> Iterator[int]:
        while self.is_active():
            yield self.id()
            self.next()

    def next(self) -> None:
        self.child.next()
        self._settle()

    def skip_to(self, docnum: int) -> None:
        self.child.skip_to(docnum)
        self._settle()

    def supports_block_quality(self) -> bool:
        return False


def _prefix_clause(
    reader,  # noqa: ANN001
    prefix: str,
    langs: list[str],
    seen: SeenPostings | None = None,
) -> tuple[query.Query | None, bool]:
    """``prefix*`` over titles and bodies, and whether its completions were cut.

    The prefix matches the indexed words that start with it, and the word it would
    be if it were complete ("running*" finds "run", the stem of "running"). Only the
    ``MAX_PREFIX_WORDS`` completions found in most versions are searched: a short
    prefix starts hundreds of words, and the rare ones add little but time. None when
    even listing the completions would take too long (``MAX_PREFIX_SCAN`` entries).
    """
    folded = fold(prefix)
    found: dict[str, int] = {}  # completion -> versions holding it, over all fields
    fields_of: dict[str, list[str]] = {}
    # Each segment's term infos met on the way, so that scoring looks none up again.
    infos: dict[int, dict[tuple[str, str], object]] = {}
    scanned = 0
    for lang in langs:
        whole = fold(stemmer(lang)(folded))
        for part in ("title", "body"):
            name = f"{part}_{lang}"
            for leaf, _base in reader.leaf_readers():
                known = infos.setdefault(id(leaf), {})
                for raw, info in _prefix_terms(leaf, name, folded):
                    scanned += 1
                    if scanned > MAX_PREFIX_SCAN:
                        return None, False
                    word = raw.decode("utf-8")
                    found[word] = found.get(word, 0) + info.doc_frequency()
                    fields_of.setdefault(word, []).append(name)
                    known[(name, word)] = info
                if whole.startswith(folded):
                    continue
                try:
                    info = leaf.term_info(name, whole)
                except TermNotFound:
                    continue
                found[whole] = found.get(whole, 0) + info.doc_frequency()
                fields_of.setdefault(whole, []).append(name)
                known[(name, whole)] = info
    kept = sorted(found, key=lambda word: (-found[word], word))[:MAX_PREFIX_WORDS]
    terms = [query.Term(name, word) for word in kept for name in dict.fromkeys(fields_of[word])]
    if not terms:
        return query.NullQuery, False
    return AnyTerm(terms, seen=seen, infos=infos), len(found) > len(kept)


class AnyTerm(query.CompoundQuery):
    """Versions holding any of the terms, scored as Whoosh's ``Or`` of them scores.

    For a word's terms, and the many terms of a ``prefix*``: each posting list is
    read in one file read and scored in one loop into a table of versions, instead
    of walking a tree of one matcher per term, which reads each block's parts a few
    bytes at a time. Not a subclass of ``Or``, which would merge it into an
    enclosing ``Or`` of plain terms.
    """

    JOINT = " OR "
    intersect_merge = False

    def __init__(
        self,
        subqueries: list[query.Query],
        boost: float = 1.0,
        seen: SeenPostings | None = None,
        infos: dict[int, dict[tuple[str, str], object]] | None = None,
    ) -> None:
        super().__init__(subqueries, boost=boost)
        self.seen = seen  # where the postings read are kept for highlighting, if anywhere
        # Per segment reader (by id), the term info of every term it holds, when known.
        self.infos = infos

    def requires(self) -> set:
        return set()

    def matcher(self, searcher, context=None):  # noqa: ANN001, ANN201 - a Whoosh matcher
        # Even one term is scored here (Whoosh would hand it to the term's matcher).
        if not self.subqueries:
            return NullMatcher()
        return self._matcher(self.subqueries, searcher, context)

    def _matcher(self, subs, searcher, context):  # noqa: ANN001, ANN202
        scores = self.segment_scores(searcher, context)
        if scores is None:
            return self._tree_matcher(subs, UnionMatcher, searcher, context, None)
        return _ScoredDocs.of(scores)

    def segment_size(self, reader) -> int:  # noqa: ANN001
        """How many postings the terms have in a segment (its term infos are kept)."""
        return sum(info.doc_frequency() for info in self._segment_infos(reader).values())

    def _segment_infos(self, reader) -> dict[tuple[str, str], object]:  # noqa: ANN001
        if self.infos is None:
            self.infos = {}
        if id(reader) not in self.infos:
            known = {}
            for term in self.subqueries:
                if isinstance(term, query.Term):
                    with contextlib.suppress(TermNotFound):
                        known[(term.fieldname, term.text)] = reader.term_info(
                            term.fieldname, term.text
                        )
            self.infos[id(reader)] = known
        return self.infos[id(reader)]

    def segment_scores(
        self,
        searcher,  # noqa: ANN001
        context,  # noqa: ANN001
        only: list[int] | None = None,
    ) -> dict[int, float] | None:
        """A segment's documents holding any of the terms, with their scores (None
        when Whoosh's matchers have to score them: another weighting or query).
        With ``only`` (sorted document numbers), others may be left out."""
        weighting = context.weighting if context is not None else searcher.weighting
        subs = self.subqueries
        if not isinstance(weighting, BM25F) or not all(isinstance(s, query.Term) for s in subs):
            return None
        terms = [(s.fieldname, s.text) for s in subs]
        known = self._segment_infos(searcher.reader())
        scores = _bm25_scores(searcher, weighting, terms, self.seen, known, only)
        if self.boost != 1.0:
            scores = {docnum: score * self.boost for docnum, score in scores.items()}
        return scores


class _Bm25:
    """Whoosh's BM25F formula for one segment's postings, with Whoosh's statistics
    (idf and average field lengths of the whole index)."""

    def __init__(self, searcher, weighting: BM25F) -> None:  # noqa: ANN001
        self.reader = searcher.reader()
        self.parent = searcher.get_parent()
        self.weighting = weighting
        self._fields: dict[str, tuple[tuple[float, ...], bytes]] = {}

    def field(self, name: str) -> tuple[tuple[float, ...], bytes]:
        """The length part of the formula per length byte, and each document's byte.

        Whoosh stores a field's length as one byte per document, so that part has 256
        values (a zero byte reads as length 1, as in Whoosh's scorer).
        """
        if name not in self._fields:
            k1 = self.weighting.K1
            b = self.weighting._field_B.get(name, self.weighting.B)
            # Whoosh sums the field's length over every segment each time it is asked.
            averages = _AVERAGES.setdefault(self.parent, {})
            if name not in averages:
                averages[name] = self.parent.avg_field_length(name) or 1
            norms = _length_norms(k1, b, averages[name])
            self._fields[name] = norms, _length_bytes(self.reader, name)
        return self._fields[name]

    def gain(self, name: str, text: str) -> float:
        return self.parent.idf(name, text) * (self.weighting.K1 + 1)


@lru_cache(maxsize=64)
def _length_norms(k1: float, b: float, average: float) -> tuple[float, ...]:
    return tuple(k1 * ((1 - b) + b * (byte_to_length(n) if n else 1) / average) for n in range(256))


def _bm25_scores(
    searcher,  # noqa: ANN001
    weighting: BM25F,
    terms: list[tuple[str, str]],
    seen: SeenPostings | None,
    known: dict[tuple[str, str], object] | None = None,
    only: list[int] | None = None,
) -> dict[int, float]:
    """Each document of ``searcher``'s segment holding any term, with the sum of the
    terms' BM25F scores. The postings read are kept in ``seen``. ``known`` holds the
    segment's term info of every term it has, when the caller has them already.
    With ``only`` (sorted document numbers), the other documents may be left out."""
    reader = searcher.reader()
    bm25 = _Bm25(searcher, weighting)
    scores: dict[int, float] = {}
    get = scores.get
    for name, text in terms:
        postings = None
        if known is None or (name, text) in known:
            info = known[(name, text)] if known is not None else None
            with contextlib.suppress(TermNotFound):
                # Values are kept for highlighting, and only a few hits' are read.
                postings = _term_blocks(reader, name, text, info, only, values=False)
        if postings is None:
            if seen is not None:  # nor will highlighting look for it there
                seen.add_absent(reader, name, text)
            continue
        norms, lengths = bm25.field(name)
        gain = bm25.gain(name, text)
        blocks = []
        for ids, weights, values in postings:
            blocks.append((ids, values))
            for doc, weight in zip(ids, weights, strict=True):
                scores[doc] = get(doc, 0.0) + gain * weight / (weight + norms[lengths[doc]])
        if seen is not None:
            seen.add(reader, name, text, blocks)
    if reader.has_deletions():
        for doc in reader.deleted_docs_set:
            scores.pop(doc, None)
    return scores


def _length_bytes(reader, name: str) -> bytes:  # noqa: ANN001
    """The field's length byte of every document of a segment (Whoosh's lengths column).

    Kept while the segment's reader lives (a segment's lengths never change): a
    search reads them for each field in every segment.
    """
    kept = _LENGTHS.setdefault(reader, {})
    if name not in kept:
        column = reader._perdoc._cached_reader(_lenfield(name), LENGTHS_COLUMN)
        lengths = b"" if column is None else column._dbfile.get(column._basepos, column._count)
        kept[name] = bytes(lengths) + bytes(max(0, reader.doc_count_all() - len(lengths)))
    return kept[name]


_LENGTHS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_AVERAGES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
"""A searcher's average field lengths: it sees one commit."""


def _term_blocks(
    reader,  # noqa: ANN001
    name: str,
    text: str,
    info=None,  # noqa: ANN001
    only: list[int] | None = None,
    *,
    values: bool = True,
) -> Iterator[tuple]:
    """A segment's postings of a term as (ids, weights, values) a block at a time,
    deleted documents included. Raises TermNotFound for a term not in the segment.
    ``info`` is the term's info in the segment, if already read; with ``only``
    (sorted document numbers), blocks holding none of them may be left out.
    Without ``values``, the values may be read only when indexed."""
    terms = getattr(reader, "_terms", None)
    if not isinstance(terms, W3TermsReader):  # another codec: one posting at a time
        matcher = reader.postings(name, text)
        ids, weights, values = [], [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            values.append(matcher.value())
            matcher.next()
        return iter([(ids, weights, values)])
    if info is None:
        info = terms.term_info(name, reader._text_to_bytes(name, text))
    if info.is_inlined():  # a rare term: its postings are in its term info
        return iter([info.inlined_postings()])
    offset, length = info.extent()
    fixed = reader.schema[name].format.fixed_value_size()
    # Whoosh's term info may keep the length as a 1-tuple.
    return _w3_blocks(
        terms._postfile,
        offset,
        length[0] if isinstance(length, tuple) else length,
        fixed,
        only,
        values=values,
    )


def _w3_blocks(
    postfile,  # noqa: ANN001
    offset: int,
    length: int,
    size: int | None,
    only: list[int] | None = None,
    *,
    values: bool = True,
) -> Iterator[tuple]:
    """A Whoosh 3 posting list's blocks as (ids, weights, values), from one read.

    Whoosh reads each block's header a few bytes at a time, a file read each now
    that the index is not memory-mapped; the layout is Whoosh's own (see
    ``W3LeafMatcher._goto`` and ``_read_data``). With ``only`` (sorted document
    numbers), a block holding none of them is left undecoded. Without ``values``,
    a block's values are unpickled only when one is asked for (``_BlockValues``).
    """
    raw = postfile.get(offset, length)
    stream = io.BytesIO(raw)
    pos = len(WHOOSH3_HEADER_MAGIC)
    last = -1  # the last document of the block before
    while pos + _INT_SIZE <= len(raw):
        (block_length,) = _BLOCK_LENGTH.unpack_from(raw, pos)
        stream.seek(pos + _INT_SIZE)
        count, maxid, _maxweight, compression, _minlen, _maxlen = pickle.load(stream)
        end = pos + _INT_SIZE + abs(block_length)
        if only is not None:
            at = bisect.bisect_right(only, last)
            last = maxid
            if at == len(only) or only[at] > maxid:  # none of them in this block
                if block_length < 0:
                    return
                pos = end
                continue
        data = raw[stream.tell() : end]
        if compression:
            data = zlib.decompress(data)
        variable = size is None or size < 0
        head = _IDS_AND_WEIGHTS.match(data) if variable and not values else None
        if head is None:
            ids, weights, found = pickle.loads(data)
        else:  # the values are unpickled later, if at all
            ids, weights = pickle.loads(head.group() + _TWO_AND_STOP)
            found = _BlockValues(data)
        ids = tuple(accumulate(ids))  # the stored ids are deltas
        if weights is None or isinstance(weights, float):
            weights = [1.0 if weights is None else weights] * count
        if size == 0:
            found = (None,) * count
        elif not variable:
            found = tuple(found[i : i + size] for i in range(0, len(found), size))
        yield ids, weights, found
        if block_length < 0:  # the last block
            return
        pos = end
    raise ValueError("a posting list ends before its last block")


# How ``pickle.dumps(..., BLOCK_PROTOCOL)`` writes the first two parts of a block's
# (ids, weights, values): a tuple of ints (``K``, ``M``, ``J`` with 1, 2, 4 bytes), then None, a
# float (``G`` and 8 bytes) or a tuple of floats. A tuple is ``)`` when empty, else
# its items and then ``t`` (after a ``(`` mark) or ``\x85``-``\x87`` for one to
# three, then its place in the memo (``q`` and a byte). A tuple of floats is tried
# before a lone float, which would match its first item.
_IDS_AND_WEIGHTS = re.compile(
    rb"\x80\x03"
    rb"(?:\)|\((?:K.|M..|J....)*tq.|(?:K.|M..|J....){1,3}[\x85-\x87]q.)"
    rb"(?:N|\)|\((?:G.{8})*tq.|(?:G.{8}){1,3}[\x85-\x87]q.|G.{8})",
    re.DOTALL,
)
_TWO_AND_STOP = b"\x86."  # make a pair of the two, and end the pickle


class _BlockValues:
    """A block's values, unpickled with the rest of the block when first asked for."""

    __slots__ = ("_data", "_values")

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._values: tuple | None = None

    def __getitem__(self, i: int):  # noqa: ANN204 - a posting value
        if self._values is None:
            self._values = pickle.loads(self._data)[2]
            self._data = b""
        return self._values[i]


class SeenPostings:
    """Posting values read while scoring one search, by segment and term, so that
    highlighting the hits does not read them again."""

    def __init__(self) -> None:
        self._terms: dict[tuple[int, str, str], Callable[[int], bytes | None]] = {}

    def add(self, reader, name: str, text: str, blocks: list[tuple]) -> None:  # noqa: ANN001
        """A term's postings as read, a block of (ids, values) at a time."""
        blocks = [(ids, values) for ids, values in blocks if len(ids)]
        lasts = [ids[-1] for ids, _v in blocks]

        def value(docnum: int) -> bytes | None:
            at = bisect.bisect_left(lasts, docnum)
            if at == len(blocks):
                return None
            ids, values = blocks[at]
            i = bisect.bisect_left(ids, docnum)
            return values[i] if i < len(ids) and ids[i] == docnum else None

        self._terms[(id(reader), name, text)] = value

    def add_table(self, reader, name: str, text: str, table: dict[int, tuple]) -> None:  # noqa: ANN001
        """A term's postings as document number -> (weight, value)."""
        self._terms[(id(reader), name, text)] = lambda docnum: (table.get(docnum) or (0, None))[1]

    def add_absent(self, reader, name: str, text: str) -> None:  # noqa: ANN001
        """A term found not to be in the segment."""
        self._terms[(id(reader), name, text)] = _no_value

    def values(self, reader, name: str, text: str) -> Callable[[int], bytes | None] | None:  # noqa: ANN001
        """For a term read in ``reader`` (a segment): a document's encoded value, or None."""
        return self._terms.get((id(reader), name, text))


def _no_value(_docnum: int) -> None:
    return None


class _ScoredDocs(ListMatcher):
    """Sorted documents with precomputed scores.

    ``replace`` (which Whoosh's collector calls as its lowest kept score rises) drops
    the documents that can no longer make the results, once that is most of them, so
    a prefix matching thousands of versions does not pass each one through the
    collector.
    """

    def __init__(self, docs: list[int], scores: list[float], position: int = 0) -> None:
        super().__init__(docs, weights=scores, position=position)
        self._ranked = sorted(scores)

    @classmethod
    def of(cls, scores: dict[int, float]):  # noqa: ANN206 - a Whoosh matcher
        if not scores:
            return NullMatcher()
        docs = sorted(scores)
        return cls(docs, [scores[docnum] for docnum in docs])

    def copy(self) -> _ScoredDocs:
        return _ScoredDocs(self._ids, self._weights, self._i)

    def replace(self, minquality: float = 0):  # noqa: ANN202 - a Whoosh matcher
        ranked = self._ranked
        if not self.is_active() or (minquality and ranked[-1] <= minquality):
            return NullMatcher()
        left = len(ranked) - bisect.bisect_right(ranked, minquality) if minquality else len(ranked)
        if left * 2 > len(self._ids) - self._i:
            return self
        start = self._i
        kept = [
            (doc, score)
            for doc, score in zip(self._ids[start:], self._weights[start:], strict=True)
            if score > minquality
        ]
        if not kept:
            return NullMatcher()
        return _ScoredDocs([d for d, _s in kept], [s for _d, s in kept])

    def max_quality(self) -> float:
        return self._ranked[-1] if self._ranked else 0.0

    def block_quality(self) -> float:
        return self.max_quality()

    def supports_block_quality(self) -> bool:
        return False

    def score(self) -> float:
        return self._weights[self._i]

    def skip_to(self, docnum: int) -> None:
        if self._i < len(self._ids) and self._ids[self._i] < docnum:
            self._i = bisect.bisect_left(self._ids, docnum, self._i)


def _finds_any(
    searcher,  # noqa: ANN001
    all_of: list[query.Query],
    allowed: list[set[int]] | None,
    excluded: list[query.Query],
    any_of: list[query.Query] = (),  # type: ignore[assignment]
) -> bool:
    """Whether ``_collect`` would find a version, found without scoring: segments are
    read in turn, and their matching versions in order, until one qualifies."""
    wanted = query.And([*all_of, query.Or(any_of)] if any_of else all_of)
    for at, (leaf, _offset) in enumerate(searcher.leaf_searchers()):
        masked: set[int] | None = None
        for docnum in wanted.docs(leaf):
            if allowed is not None and docnum not in allowed[at]:
                continue
            if masked is None:
                masked = {d for q in excluded for d in q.docs(leaf)}
            if docnum not in masked:
                return True
    return False


def _replace_word(text: str, word: str, replacement: str) -> str:
    return re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", replacement, text, count=1)
