"""Reading what the user typed into a search: Lector's own small query language.

Supported: plain words (all must match first), ``"phrases"``, ``prefix*``,
``-exclude`` (a word or a phrase), ``tag:x`` (or ``tag:"two words"``) and
``lang:en`` / ``lang:es``. Anything else is read as plain words: ``AND``, ``NOT``,
brackets, ``path:x`` or a stray quote never reach a parser that could fail. The
reading itself cannot raise and is linear in the length of the input.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from reader import LANGUAGES

MAX_QUERY_CHARS = 50_000  # the reading is linear; clauses are capped separately
MAX_CLAUSES = 24
MIN_PREFIX_CHARS = 2


class Refusal(enum.Enum):
    """Why a query is not searched at all. The UI turns these into words."""

    WILDCARD_ALONE = "wildcard-alone"  # "*" (or "-*", "tag:*") with nothing else
    RUNAWAY_WILDCARD = "runaway-wildcard"  # a prefix too short or matching too many words


@dataclass(slots=True)
class ParsedQuery:
    """The clauses of a query. Words and phrases are as typed (analysed per language later)."""

    text: str
    words: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    excluded_words: list[str] = field(default_factory=list)
    excluded_phrases: list[list[str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    excluded_tags: list[str] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)
    refusal: Refusal | None = None
    refused_term: str = ""
    simplified: bool = False  # something typed was not understood and read as words

    @property
    def positive(self) -> bool:
        """True when there is something to match (exclusions and filters alone are not)."""
        return bool(self.words or self.phrases or self.prefixes or self.tags)


# A clause: optional "-", optional "field:", then a quoted string or a bare run.
_CLAUSE = re.compile(r'(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))')
_WORD = re.compile(r"\w+", re.UNICODE)


def words_of(text: str) -> list[str]:
    """The word characters runs of ``text`` (punctuation and operators' symbols dropped)."""
    return _WORD.findall(text)


def parse_query(text: str) -> ParsedQuery:
    """Read ``text`` into clauses. Never raises; a query it cannot read becomes plain words."""
    text = text if isinstance(text, str) else ""
    text = text.replace("\x00", " ")[:MAX_QUERY_CHARS]
    query = ParsedQuery(text)
    clauses = 0
    wildcard_only = False
    for match in _CLAUSE.finditer(text):
        if clauses >= MAX_CLAUSES:
            query.simplified = True
            break
        clauses += 1
        minus, name, quoted, bare = match.groups()
        name = (name or "").lower()
        value = quoted if quoted is not None else bare
        if name == "tag":
            tag = " ".join(words_of(value)).lower()
            if tag:
                (query.excluded_tags if minus else query.tags).append(tag)
            elif "*" in value:
                wildcard_only = True
            continue
        if name == "lang":
            code = value.strip().lower()
            if code in LANGUAGES and not minus:
                query.langs.append(code)
            elif code in LANGUAGES:
                query.langs.extend(lang for lang in LANGUAGES if lang != code)
            else:
                query.simplified = True
            continue
        if name:
            # Only the fields named above are reachable; "path:x" searches "path" and "x".
            query.simplified = True
            value = f"{name} {value}"
        if quoted is not None:
            words = words_of(value)
            if len(words) > 1:
                (query.excluded_phrases if minus else query.phrases).append(words)
            elif words:
                (query.excluded_words if minus else query.words).extend(words)
            if not match.group(0).endswith('"') or len(match.group(0)) < 2 + len(minus):
                query.simplified = True  # an unterminated quote
            continue
        _bare(query, value, bool(minus))
        if value.strip("*?") == "" and "*" in value:
            wildcard_only = True
    if not query.positive and wildcard_only and query.refusal is None:
        query.refusal = Refusal.WILDCARD_ALONE
        query.refused_term = "*"
    return query


def _bare(query: ParsedQuery, value: str, minus: bool) -> None:
    words = words_of(value)
    stripped = value.rstrip("*?")
    is_prefix = value.endswith("*") and len(words) == 1 and stripped and words[0] == stripped
    if is_prefix and not minus:
        if len(words[0]) < MIN_PREFIX_CHARS:
            query.refusal = Refusal.RUNAWAY_WILDCARD
            query.refused_term = value
            return
        query.prefixes.append(words[0])
        return
    if any(ch in value for ch in "*?") or len(words) > 1:
        query.simplified = True  # inner wildcards, "a-b", "x.y": read as words
    (query.excluded_words if minus else query.words).extend(words)
