"""Reading and rendering every language version of a document."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.library import Document
from reader.render.model import Rendered

if TYPE_CHECKING:
    from reader.glossary.match import TermTable


def render_versions(
    document: Document,
    render: Callable[..., Rendered],
    terms: Callable[[str], TermTable] | None = None,
) -> dict[str, Rendered]:
    """Each version rendered; one that can no longer be read carries its problem as notice.

    With ``terms`` (a language → glossary term table), glossary terms are marked.
    """
    from reader.library.loader import read_version  # the parsers load in the rendering job

    out = {}
    for lang, version in document.versions.items():
        parsed = read_version(version)
        if isinstance(parsed, list):
            problem = parsed[0]
            out[lang] = Rendered("", notice=problem.kind, notice_detail=problem.detail)
        else:
            if terms is None:
                out[lang] = render(parsed.body)
            else:
                out[lang] = render(parsed.body, lang, terms(lang))
    return out
