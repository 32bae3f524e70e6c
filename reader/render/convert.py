"""Markdown to HTML that is safe to show, with block anchors for aligning languages.

Each top-level block (heading, paragraph, list, table, quote, code block) gets an
anchor named ``b<n>``, placed where Qt's rich-text engine keeps it (on the first
line of text inside the block), so block n of one language can be found in the other.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from reader.render.model import (
    ANCHOR_PREFIX,
    FOLLOWED_SCHEMES,
    REFUSED_SCHEME,
    Block,
    Heading,
    Rendered,
    link_policy,
    plain_fallback,
)

__all__ = [
    "ANCHOR_PREFIX",
    "FOLLOWED_SCHEMES",
    "REFUSED_SCHEME",
    "Block",
    "Heading",
    "MarkdownRenderer",
    "Rendered",
    "link_policy",
    "neutralise_templates",
    "plain_fallback",
    "render_markdown",
    "sanitise",
]

# --- static-site template residue ---------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TEMPLATE = re.compile(
    r"\{%-?.*?-?%\}"  # Liquid/Jinja tags
    r"|\{\{[<%].*?[>%]\}\}"  # Hugo shortcodes
    r"|\{\{-?.*?-?\}\}",  # output expressions
    re.DOTALL,
)
_MAX_TEMPLATE_SPAN = 2000


def neutralise_templates(text: str) -> str:
    """Remove ``{% … %}``, ``{{< … >}}`` and ``{{ … }}`` outside fenced code."""
    if "{%" not in text and "{{" not in text:
        return text
    out: list[str] = []
    chunk: list[str] = []
    fence = ""

    def flush() -> None:
        if chunk:
            joined = "".join(chunk)
            out.append(_TEMPLATE.sub(_drop_template, joined))
            chunk.clear()

    for line in text.splitlines(keepends=True):
        match = _FENCE.match(line)
        if fence:
            out.append(line)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
        elif match:
            flush()
            fence = match.group(1)
            out.append(line)
        else:
            chunk.append(line)
    flush()
    return "".join(out)


def _drop_template(match: re.Match[str]) -> str:
    # A "tag" spanning pages is more likely prose with a stray brace: leave it alone.
    return "" if len(match.group(0)) <= _MAX_TEMPLATE_SPAN else match.group(0)


# --- anchors and link policy ----------------------------------------------------------

_CONTAINERS = {"ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "blockquote", "div"}
_CONTAINERS |= {"li", "dd", "details", "section", "aside", "figure", "article"}
_BLOCK_CHILDREN = _CONTAINERS | {"p", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "td", "th"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def _text_holder(element: ET.Element) -> ET.Element:
    """The element holding the block's first line of text, where Qt keeps an anchor."""
    while (
        element.tag in _CONTAINERS
        and not (element.text or "").strip()
        and len(element)
        and element[0].tag in _BLOCK_CHILDREN
    ):
        element = element[0]
    return element


def _plain(element: ET.Element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def _is_raw_block(element: ET.Element) -> bool:
    return (
        element.tag == "p"
        and not len(element)
        and HTML_PLACEHOLDER_RE.fullmatch((element.text or "").strip()) is not None
    )


class _BlockAnchors(Treeprocessor):
    def __init__(self, md: markdown.Markdown, sink: list[Block]) -> None:
        super().__init__(md)
        self.sink = sink

    def run(self, root: ET.Element) -> None:
        # Qt keeps no anchor on a rule, and a rule has no text to align: skip them.
        targets = [(pos, child) for pos, child in enumerate(root) if child.tag != "hr"]
        blocks = []
        # Backwards, so inserting an element does not shift the positions still to visit.
        for index, (position, child) in reversed(list(enumerate(targets))):
            if _is_raw_block(child):
                # Raw HTML and code blocks come back from the stash whole; an empty
                # paragraph before them carries the anchor (Qt joins it to the block).
                holder = ET.Element("p")
                root.insert(position, holder)
                tag = "raw"
            else:
                holder = _text_holder(child)
                tag = child.tag
            anchor = ET.Element("a", {"name": f"{ANCHOR_PREFIX}{index}"})
            anchor.tail, holder.text = holder.text, None
            holder.insert(0, anchor)
            level = _HEADINGS.get(tag, 0)
            blocks.append(Block(index, tag, level, _plain(child) if level else ""))
        self.sink.extend(reversed(blocks))
        for link in root.iter("a"):
            href = link.get("href")
            if href is not None:
                link.set("href", link_policy(href))


class _Anchors(Extension):
    def __init__(self, sink: list[Block]) -> None:
        super().__init__()
        self.sink = sink

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_BlockAnchors(md, self.sink), "lector-anchors", 4)


# --- sanitising -------------------------------------------------------------------------

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "ol": {"start"},
}
_SCHEMES = set(FOLLOWED_SCHEMES) | {REFUSED_SCHEME}


def sanitise(fragment: str) -> str:
    """Keep only markup the reading pane needs; scripts, styles and frames go entirely."""
    return nh3.clean(
        fragment,
        tags=_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


# --- the converter -----------------------------------------------------------------------


class MarkdownRenderer:
    """Reusable converter: one Python-Markdown instance, reset between documents."""

    def __init__(self) -> None:
        self._blocks: list[Block] = []
        self._md = markdown.Markdown(
            extensions=["extra", "toc", "sane_lists", _Anchors(self._blocks)],
            extension_configs={"toc": {"slugify": slugify_unicode, "toc_depth": "1-6"}},
            output_format="html",
        )

    def render(self, text: str) -> Rendered:
        self._blocks.clear()
        self._md.reset()
        body = self._md.convert(neutralise_templates(text))
        blocks = tuple(self._blocks)
        toc_tokens = getattr(self._md, "toc_tokens", [])
        headings = _headings(toc_tokens, blocks)
        return Rendered(sanitise(body), blocks, headings)


def _headings(tokens: list[dict], blocks: tuple[Block, ...]) -> tuple[Heading, ...]:
    flat: list[dict] = []
    stack = list(reversed(tokens))
    while stack:
        token = stack.pop()
        flat.append(token)
        stack.extend(reversed(token.get("children", [])))
    heading_blocks = [b for b in blocks if b.level]
    out = []
    for token, block in zip(flat, heading_blocks, strict=False):
        out.append(
            Heading(int(token["level"]), html.unescape(token["name"]), token["id"], block.index)
        )
    return tuple(out)


_renderer: MarkdownRenderer | None = None


def render_markdown(text: str) -> Rendered:
    """Render in this process (unbounded: use the isolated service for user files)."""
    global _renderer
    if _renderer is None:
        _renderer = MarkdownRenderer()
    return _renderer.render(text)
