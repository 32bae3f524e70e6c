"""Reading and rendering every language version of a document."""

from __future__ import annotations

from collections.abc import Callable

from reader.library import Document, read_version
from reader.render.convert import Rendered


def render_versions(document: Document, render: Callable[[str], Rendered]) -> dict[str, Rendered]:
    """Each version rendered; one that can no longer be read carries its problem as notice."""
    out = {}
    for lang, version in document.versions.items():
        parsed = read_version(version)
        if isinstance(parsed, list):
            problem = parsed[0]
            out[lang] = Rendered("", notice=problem.kind, notice_detail=problem.detail)
        else:
            out[lang] = render(parsed.body)
    return out
