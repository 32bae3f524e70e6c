"""Finding glossary terms in text: tokenise, stem, then look up the longest n-gram first.

A term matches whole words, ignoring case and accents, in any inflection the
search index's Snowball stemmer joins (commitments → commitment, rendiciones de
cuentas → rendición de cuentas). Entries marked ``exact`` match only their written
forms. Words written in capitals in the glossary (OGP, ONG) match only in capitals,
so an acronym does not light up an ordinary word.

One dictionary lookup per word, whatever the size of the glossary: far faster
than one alternation regex over every form (see benchmarks/bench_glossary.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import itemgetter
from typing import TYPE_CHECKING

from reader.text import fold

if TYPE_CHECKING:
    from reader.glossary.model import Glossary

WORD = re.compile(r"[^\W_]+")
_SPLIT = re.compile(r"([^\W_]+)")
# What may stand between two words of one term: spaces, hyphens, apostrophes.
JOINER = re.compile(r"[\s\-‐‑'’]{1,4}")
MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class Phrase:
    entry_id: str
    exact: bool
    text: str


@dataclass(frozen=True, slots=True)
class TermTable:
    """Every surface form of every entry in one language: what the matcher is built from."""

    lang: str
    phrases: tuple[Phrase, ...]
    source: object = field(default=None, compare=False, repr=False)

    @classmethod
    def from_glossary(cls, glossary: Glossary, lang: str) -> TermTable:
        phrases = []
        for entry in glossary.entries.values():
            side = entry.sides.get(lang)
            if side is None:
                continue
            phrases += [Phrase(entry.id, entry.exact, s) for s in side.surfaces]
        return cls(lang, tuple(phrases), glossary)

    def to_wire(self) -> dict[str, object]:
        return {"lang": self.lang, "phrases": [[p.entry_id, p.exact, p.text] for p in self.phrases]}

    @classmethod
    def from_wire(cls, data: dict) -> TermTable:
        phrases = tuple(Phrase(str(i), bool(e), str(t)) for i, e, t in data["phrases"])
        return cls(str(data["lang"]), phrases)


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    entry_id: str


# A trie per kind of key: word key → child node; _END holds (entry id, capitals).
_Node = dict[str, object]
_END = "\x00"


class Matcher:
    """Built once per glossary and language; ``find`` is then linear in the text."""

    def __init__(self, table: TermTable) -> None:
        self.lang = table.lang
        self._stem: Callable[[str], str] = _stemmer_or_identity(table.lang)
        self._keys: dict[str, tuple[str, str, bool]] = {}
        self._exact: _Node = {}
        self._stemmed: _Node = {}
        for phrase in table.phrases:
            words = WORD.findall(unicodedata.normalize("NFC", phrase.text))
            if not words or len(words) > MAX_WORDS:
                continue
            capitals = tuple(i for i, w in enumerate(words) if len(w) > 1 and w.isupper())
            if phrase.exact:
                variants = {tuple(self._key(w)[0] for w in words)}
            else:
                # The accented and the unaccented spelling stem differently in Spanish
                # (participación → particip, participacion → participacion): keep both.
                variants = {
                    tuple(self._key(w)[1] for w in words),
                    tuple(self._key(fold(w))[1] for w in words),
                }
            for key in variants:
                node = self._exact if phrase.exact else self._stemmed
                for word in key:
                    node = node.setdefault(word, {})  # type: ignore[assignment]
                # The first entry to claim a form keeps it: later files override by id.
                node.setdefault(_END, (phrase.entry_id, capitals))

        # Keys cached while building were made before the tries were complete.
        self._keys.clear()

    def _key(self, word: str) -> tuple[str, str, bool]:
        """A word's exact key (folded), stemmed key (stemmed, then folded), and whether
        any term starts with it."""
        keys = self._keys.get(word)
        if keys is None:
            exact, stemmed = fold(word), fold(self._stem(word.casefold()))
            starts = exact in self._exact or stemmed in self._stemmed
            keys = (exact, stemmed, starts)
            self._keys[word] = keys
        return keys

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, left to right, the longest at each place."""
        if not self._exact and not self._stemmed:
            return []
        # One C-level split rather than a Python step per word: [gap, word, gap, ...].
        parts = _SPLIT.split(text)
        words, gaps = parts[1::2], parts[0::2]  # gaps[j] comes just before words[j]
        cache = self._keys
        for word in set(words).difference(cache):
            self._key(word)
        keys = list(map(cache.__getitem__, words))
        ends = list(accumulate(map(len, parts)))  # word j spans ends[2j] to ends[2j + 1]
        exact_root, stemmed_root = self._exact, self._stemmed
        out: list[Match] = []
        count, free = len(words), 0
        for i in compress(range(count), map(itemgetter(2), keys)):
            if i < free:
                continue
            key = keys[i]
            exact, stemmed = exact_root.get(key[0]), stemmed_root.get(key[1])
            best: tuple[int, str] | None = None
            j = i
            while True:
                for node in (exact, stemmed):
                    end = node.get(_END) if node is not None else None
                    if end is not None and all(words[i + c].isupper() for c in end[1]):
                        best = (j, end[0])
                        break
                j += 1
                if j >= count or JOINER.fullmatch(gaps[j]) is None:
                    break
                key = keys[j]
                exact = exact.get(key[0]) if exact is not None else None
                stemmed = stemmed.get(key[1]) if stemmed is not None else None
                if exact is None and stemmed is None:
                    break
            if best is not None:
                last, entry_id = best
                out.append(Match(ends[2 * i], ends[2 * last + 1], entry_id))
                free = last + 1
        return out


def _stemmer_or_identity(lang: str) -> Callable[[str], str]:
    # Imported here: the search engine (and Whoosh) loads only when terms are matched.
    from reader.search.engine import stemmer

    try:
        return stemmer(lang)
    except Exception:  # noqa: BLE001 - a language without a stemmer still matches exactly
        return lambda word: word
