"""What rendering produces, and the link policy, without loading the Markdown converter.

The reading pane, the render service and the window need these types at start-up;
Python-Markdown and the sanitiser are only needed where text is converted.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from reader.library.model import ProblemKind

ANCHOR_PREFIX = "b"
REFUSED_SCHEME = "lector-refused"
"""Links with schemes Lector never follows are rewritten to this, so a click can explain."""
FOLLOWED_SCHEMES = frozenset({"http", "https", "mailto"})


@dataclass(frozen=True, slots=True)
class Block:
    """A top-level block: its position, tag and, for headings, level and text."""

    index: int
    tag: str
    level: int = 0  # 1-6 for headings
    text: str = ""  # heading text; empty for other blocks

    @property
    def anchor(self) -> str:
        return f"{ANCHOR_PREFIX}{self.index}"


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str
    slug: str
    block: int


@dataclass(frozen=True, slots=True)
class Rendered:
    """A version rendered for the reading pane."""

    html: str
    blocks: tuple[Block, ...] = ()
    headings: tuple[Heading, ...] = ()
    notice: ProblemKind | None = None  # set when the Markdown could not be formatted
    notice_detail: str = field(default="", compare=False)


def link_policy(href: str) -> str:
    href = href.strip()
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        scheme = "invalid"
    if not scheme or scheme in FOLLOWED_SCHEMES:
        return href
    return f"{REFUSED_SCHEME}:{quote(href, safe='')}"


def plain_fallback(text: str, notice: ProblemKind, detail: str = "") -> Rendered:
    """Escaped plain text, paragraph by paragraph, still anchored block by block."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    parts, blocks = [], []
    for index, paragraph in enumerate(paragraphs):
        escaped = html.escape(paragraph).replace("\n", "<br>")
        parts.append(f'<p><a name="{ANCHOR_PREFIX}{index}"></a>{escaped}</p>')
        blocks.append(Block(index, "p"))
    return Rendered("\n".join(parts), tuple(blocks), (), notice, detail)
