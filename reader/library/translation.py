"""Which language versions of a document need translating: missing, or behind the other."""

from __future__ import annotations

import enum

from reader.library.model import Document

FILE_TIME_TOLERANCE_NS = 24 * 3600 * 10**9
"""File times closer than a day count as the same: copying or checking out a folder
touches every file within seconds of each other, in no useful order."""


class TranslationNeed(enum.Enum):
    MISSING = "missing"  # there is no version in this language
    OUTDATED = "outdated"  # this version is older than another language's


def translation_needs(
    document: Document, tolerance_ns: int = FILE_TIME_TOLERANCE_NS
) -> dict[str, TranslationNeed]:
    """Language → what it needs, for each language of the document that is not up to date.

    Versions are compared by their front matter ``date`` when every version has one,
    otherwise by file modification time; a version older than the newest needs updating.
    """
    if not document.versions:
        return {}
    needs = {lang: TranslationNeed.MISSING for lang in document.missing_languages}
    versions = list(document.versions.values())
    if len(versions) < 2:
        return needs
    dates = [v.date for v in versions]
    if all(date is not None for date in dates):
        newest_date = max(d for d in dates if d is not None)
        for version in versions:
            if version.date is not None and version.date < newest_date:
                needs[version.lang] = TranslationNeed.OUTDATED
    else:
        newest = max(v.mtime_ns for v in versions)
        for version in versions:
            if version.mtime_ns < newest - tolerance_ns:
                needs[version.lang] = TranslationNeed.OUTDATED
    return needs
