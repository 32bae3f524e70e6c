"""The glossary's data: entries with an English and a Spanish side, and load problems."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from reader import LANGUAGES


@dataclass(frozen=True, slots=True)
class Side:
    """One language's view of an entry."""

    term: str
    forms: tuple[str, ...] = ()
    short: str = ""
    long: str = ""

    @property
    def surfaces(self) -> tuple[str, ...]:
        """Every written form that should be marked: the term first, then its forms."""
        return (self.term, *self.forms)


@dataclass(frozen=True, slots=True)
class Entry:
    """A concept, named and explained in each language it has."""

    id: str
    sides: dict[str, Side]
    related: tuple[str, ...] = ()
    exact: bool = False  # match only the written forms, never their stems
    source: Path | None = field(default=None, compare=False)

    def side(self, lang: str) -> Side:
        """The side in ``lang``, or the first one there is."""
        if lang in self.sides:
            return self.sides[lang]
        return next(self.sides[code] for code in (*LANGUAGES, *self.sides) if code in self.sides)

    def term(self, lang: str) -> str:
        return self.side(lang).term


class GlossaryProblemKind(enum.Enum):
    """Why a glossary file or entry was not (fully) used. The UI turns these into words."""

    UNREADABLE = "unreadable"  # the file could not be read
    TOO_LARGE = "too-large"
    SYNTAX = "syntax"  # not valid YAML, or YAML that asks to build objects
    NOT_A_GLOSSARY = "not-a-glossary"  # no list of entries at the top
    NOT_AN_ENTRY = "not-an-entry"  # an item of the list is not a mapping
    MISSING_ID = "missing-id"
    INVALID_ID = "invalid-id"
    DUPLICATE_ID = "duplicate-id"  # the same id twice in one file: the first is kept
    NO_LANGUAGE = "no-language"  # neither an English nor a Spanish side
    MISSING_TERM = "missing-term"
    INVALID_FIELD = "invalid-field"  # a field with a value of the wrong kind
    UNKNOWN_RELATED = "unknown-related"  # a related id that names no entry: link dropped

    @property
    def skips_entry(self) -> bool:
        """True when the entry (or the whole file) is left out, False for a caveat only."""
        return self is not GlossaryProblemKind.UNKNOWN_RELATED


@dataclass(frozen=True, slots=True)
class GlossaryProblem:
    """One thing wrong in a glossary file: where (file and entry), what, and the detail."""

    path: Path
    kind: GlossaryProblemKind
    entry: str = ""  # the entry's id, or "#n" (1-based position) when it has none
    detail: str = ""


@dataclass(slots=True)
class Glossary:
    """Entries by id, in reading order, and every problem met while loading them."""

    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[GlossaryProblem] = field(default_factory=list)

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def merged_over(self, base: Glossary) -> Glossary:
        """This glossary's entries replace ``base``'s with the same id; others are added."""
        entries = dict(base.entries)
        entries.update(self.entries)
        merged = Glossary(entries, [*base.problems, *self.problems])
        merged.drop_unknown_related()
        return merged

    def drop_unknown_related(self) -> None:
        """Related ids that name no entry are reported once and left out."""
        for entry_id, entry in list(self.entries.items()):
            known = tuple(r for r in entry.related if r in self.entries and r != entry_id)
            if known != entry.related:
                for missing in entry.related:
                    if missing not in self.entries:
                        self.problems.append(
                            GlossaryProblem(
                                entry.source or Path(),
                                GlossaryProblemKind.UNKNOWN_RELATED,
                                entry_id,
                                missing,
                            )
                        )
                self.entries[entry_id] = Entry(
                    entry.id, entry.sides, known, entry.exact, entry.source
                )
