"""Marking glossary terms in rendered, already sanitised HTML with ``gloss:ID`` links.

Runs after the sanitiser, so the only ``gloss:`` links in a page are the ones put
there here (the sanitiser drops that scheme from documents). Text inside links,
code, preformatted blocks and headings is left alone.
"""

from __future__ import annotations

import html
import re
import unicodedata

from reader.glossary.match import Matcher

GLOSS_SCHEME = "gloss"
GLOSS_CLASS = "gloss"

# A tag, with quoted attribute values that may themselves hold ">".
_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")
_SKIP = {"a", "code", "pre", "kbd", "samp", "script", "style", "textarea"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_VOID = {"br", "img", "hr", "wbr", "input", "meta", "link", "col", "area", "source"}


def gloss_href(entry_id: str) -> str:
    return f"{GLOSS_SCHEME}:{entry_id}"


def entry_id_from_href(href: str) -> str | None:
    """The entry id of a ``gloss:`` link, or None for any other link."""
    prefix = GLOSS_SCHEME + ":"
    if href[: len(prefix)].lower() != prefix or len(href) == len(prefix):
        return None
    return href[len(prefix) :]


def annotate_html(fragment: str, matcher: Matcher, *, headings: bool = False) -> str:
    """``fragment`` with every glossary term wrapped in ``<a href="gloss:ID">``."""
    skip = _SKIP if headings else _SKIP | _HEADINGS
    out: list[str] = []
    depth = 0  # how many skipped elements we are inside
    position = 0
    for tag in _TAG.finditer(fragment):
        if tag.start() > position:
            text = fragment[position : tag.start()]
            out.append(text if depth else _mark(text, matcher))
        name = tag.group(2).lower()
        if name in skip and name not in _VOID and not tag.group(0).endswith("/>"):
            depth = max(0, depth - 1) if tag.group(1) else depth + 1
        out.append(tag.group(0))
        position = tag.end()
    if position < len(fragment):
        text = fragment[position:]
        out.append(text if depth else _mark(text, matcher))
    return "".join(out)


def _mark(escaped: str, matcher: Matcher) -> str:
    if not escaped.strip():
        return escaped
    text = unicodedata.normalize("NFC", html.unescape(escaped))
    matches = matcher.find(text)
    if not matches:
        return escaped
    parts = []
    last = 0
    for match in matches:
        parts.append(html.escape(text[last : match.start], quote=False))
        href = html.escape(gloss_href(match.entry_id), quote=True)
        term = html.escape(text[match.start : match.end], quote=False)
        parts.append(f'<a href="{href}" class="{GLOSS_CLASS}">{term}</a>')
        last = match.end
    parts.append(html.escape(text[last:], quote=False))
    return "".join(parts)
