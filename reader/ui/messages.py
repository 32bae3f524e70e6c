"""Words for what the core reports as data: problem kinds and language names."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from reader.library.model import Problem, ProblemKind


def _tr(text: str) -> str:
    return QCoreApplication.translate("Messages", text)


def problem_reason(kind: ProblemKind) -> str:
    """One short sentence saying what is wrong, in the interface language."""
    texts = {
        ProblemKind.UNREADABLE: _tr("The file could not be read."),
        ProblemKind.UNREADABLE_FOLDER: _tr("The folder could not be read."),
        ProblemKind.NOT_A_FILE: _tr("Not a regular file."),
        ProblemKind.LINK_OUTSIDE: _tr("A link that leads outside the library; skipped."),
        ProblemKind.TOO_LARGE: _tr("The file is too large to open."),
        ProblemKind.BINARY: _tr("The file is not text."),
        ProblemKind.EMPTY: _tr("The file is empty."),
        ProblemKind.INVALID_UTF8: _tr("Invalid UTF-8; unreadable characters are shown as �."),
        ProblemKind.FRONT_MATTER_SYNTAX: _tr("The front matter is not valid YAML; it was ignored."),
        ProblemKind.FRONT_MATTER_UNTERMINATED: _tr(
            "The front matter has no closing line; it was read as text."
        ),
        ProblemKind.FRONT_MATTER_NOT_MAPPING: _tr(
            "The front matter is not a list of fields; it was ignored."
        ),
        ProblemKind.FRONT_MATTER_TOO_LARGE: _tr("The front matter is too large; it was ignored."),
        ProblemKind.FRONT_MATTER_TOO_DEEP: _tr("The front matter is nested too deeply; ignored."),
        ProblemKind.FRONT_MATTER_UNSAFE: _tr(
            "The front matter asks to run code (a YAML tag); it was ignored."
        ),
        ProblemKind.DUPLICATE_KEY: _tr("A front matter field appears twice; the last one is used."),
        ProblemKind.INVALID_FIELD: _tr("A front matter field has a value of the wrong kind."),
        ProblemKind.UNSUPPORTED_LANGUAGE: _tr("Written in a language Lector does not show."),
        ProblemKind.DUPLICATE_VERSION: _tr(
            "Another file is already this document in this language."
        ),
        ProblemKind.RENDER_TIMEOUT: _tr(
            "This document took too long to format, so it is shown as plain text."
        ),
        ProblemKind.RENDER_FAILED: _tr(
            "This document could not be formatted, so it is shown as plain text."
        ),
    }
    return texts[kind]


def problem_line(problem: Problem, relative_to: object = None) -> str:
    """``file:line: reason (detail)`` for logs and the command line."""
    path = problem.path
    try:
        shown = path.relative_to(relative_to) if relative_to else path  # type: ignore[arg-type]
    except ValueError:
        shown = path
    where = f"{shown}:{problem.line}" if problem.line else str(shown)
    detail = f" ({problem.detail})" if problem.detail else ""
    return f"{where}: {problem_reason(problem.kind)}{detail}"


def language_name(lang: str) -> str:
    """The language's name in the interface language."""
    names = {"en": _tr("English"), "es": _tr("Spanish")}
    return names.get(lang, lang)


def language_badge(lang: str) -> str:
    return lang.upper()


def format_date(date: dt.date) -> str:
    """A date as the interface language writes it (``5 Sep 2024``, ``5 sept 2024``)."""
    return QLocale().toString(QDate(date.year, date.month, date.day), "d MMM yyyy")
