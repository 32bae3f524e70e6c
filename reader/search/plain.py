"""Markdown bodies to the plain text that is indexed, with where each block starts.

Rendering every file with Python-Markdown while indexing would be far too slow, so
this is a light line-based reading of the same structure: it drops markup (link
targets, emphasis marks, list bullets, HTML tags, template residue) and records the
character offset at which each top-level block begins. Blocks are counted the way
the renderer anchors them (``b0``, ``b1`` …: rules skipped, a list or a fenced code
block is one block), so a hit's offset tells the reading pane where to scroll.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass

from reader.render.convert import neutralise_templates


@dataclass(frozen=True, slots=True)
class PlainText:
    """A version's body as plain text; ``blocks[n]`` is where block ``n`` starts."""

    text: str
    blocks: tuple[int, ...] = ()

    def block_at(self, offset: int) -> int:
        """The index of the block holding character ``offset`` (0 when there are none)."""
        return block_at(self.blocks, offset)


def block_at(blocks: tuple[int, ...] | list[int], offset: int) -> int:
    """The index of the block (given by start offsets) that holds ``offset``."""
    return max(bisect.bisect_right(blocks, offset) - 1, 0)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$|^\*\[[^\]]+\]:.*$")

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}>|<!--.*?-->", re.DOTALL)
# Emphasis and code marks: (?<!\w)[*_]{1,3} | [*_]{1,3}(?!\w) | `+ | ~~, written to
# begin with one character class, which lets the regex engine skip to the next mark
# instead of trying each alternative at every character (five times faster).
_MARKS = re.compile(r"[*_`~](?:(?<=`)`*|(?<=~)~|(?<=[*_])(?:(?<!\w[*_])[*_]{0,2}|[*_]{0,2}(?!\w)))")
# Runs of blanks become one space; a lone space is left where it is (the same text).
_SPACES = re.compile(r"\t[ \t]*| [ \t]+")


def inline_text(line: str) -> str:
    """One line of inline Markdown as plain text."""
    # Most lines hold no link and no tag: a substring test skips those expressions.
    if "[" in line:
        line = _IMAGE.sub(r"\1", line)
        line = _LINK.sub(r"\1", line)
    if "<" in line:
        line = _AUTOLINK.sub(r"\1", line)
        line = _TAG.sub(" ", line)
    line = html.unescape(_MARKS.sub("", line))
    if "\t" in line or "  " in line:
        line = _SPACES.sub(" ", line)
    return line.strip()


def _line_kind(line: str) -> str:
    first = line.lstrip()[:1]
    if not first:
        return "blank"
    if first.isalpha():  # no block marker starts with a letter: most lines of prose
        return "text"
    if _FENCE.match(line):
        return "fence"
    if _ATX.match(line):
        return "heading"
    if _RULE.match(line):
        return "rule"
    if _LIST_ITEM.match(line):
        return "list"
    if _QUOTE.match(line):
        return "quote"
    return "text"


def _strip_line(line: str, kind: str) -> str:
    if kind == "heading":
        line = _ATX_CLOSE.sub("", _ATX.sub("", line, count=1))
    elif kind == "list":
        line = _LIST_ITEM.sub("", line, count=1)
    elif kind == "quote":
        while _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
        if _LIST_ITEM.match(line):
            line = _LIST_ITEM.sub("", line, count=1)
        elif _ATX.match(line):
            line = _ATX.sub("", line, count=1)
    elif _LIST_ITEM.match(line.lstrip()):
        line = _LIST_ITEM.sub("", line.lstrip(), count=1)
    return inline_text(line)


def _blocks(lines: list[str]) -> list[list[str]]:
    """Group lines into top-level blocks, each a list of plain-text lines."""
    blocks: list[list[str]] = []
    i, n = 0, len(lines)
    after_blank = True
    while i < n:
        line = lines[i]
        kind = _line_kind(line)
        if kind == "blank":
            i += 1
            after_blank = True
            continue
        if kind == "rule" and after_blank:
            i += 1
            continue
        if kind == "fence":
            fence = _FENCE.match(line).group(1)  # type: ignore[union-attr]
            body = []
            i += 1
            while i < n:
                match = _FENCE.match(lines[i])
                if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                    i += 1
                    break
                body.append(lines[i].strip())
                i += 1
            blocks.append(body)
            after_blank = False
            continue
        if kind == "heading":
            blocks.append([_strip_line(line, kind)])
            i += 1
            after_blank = False
            continue
        if after_blank and _INDENTED.match(line):
            body = []
            while i < n and (not lines[i].strip() or _INDENTED.match(lines[i])):
                body.append(lines[i].strip())
                i += 1
            blocks.append(body)
            after_blank = True
            continue
        if kind in ("list", "quote"):
            body = []
            while i < n:
                current = lines[i]
                if not current.strip():
                    j = i + 1
                    while j < n and not lines[j].strip():
                        j += 1
                    following = lines[j] if j < n else ""
                    if j < n and (
                        _line_kind(following) == kind
                        or (kind == "list" and _INDENTED.match(following))
                    ):
                        i = j
                        continue
                    break
                current_kind = _line_kind(current)
                if current_kind in ("heading", "fence") or (
                    current_kind == "rule" and kind == "list" and not _LIST_ITEM.match(current)
                ):
                    break
                body.append(_strip_line(current, current_kind))
                i += 1
            blocks.append(body)
            after_blank = False
            continue
        # A paragraph (or table, or raw HTML): up to a blank line or a heading.
        body = []
        while i < n:
            current = lines[i]
            current_kind = _line_kind(current)
            if current_kind in ("blank", "heading", "fence"):
                break
            if body and _SETEXT.match(current):
                i += 1
                break
            body.append(_strip_line(current, current_kind))
            i += 1
        if not all(_REF_DEF.match(raw) for raw in lines[i - len(body) : i] if raw.strip()):
            blocks.append(body)
        after_blank = False
    return blocks


def plain_text(markdown_body: str) -> PlainText:
    """The indexed text of a Markdown body: NFC plain text and its block offsets."""
    text = unicodedata.normalize("NFC", neutralise_templates(markdown_body))
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for block in _blocks(text.split("\n")):
        starts.append(offset)
        chunk = "\n".join(line for line in block if line)
        parts.append(chunk)
        offset += len(chunk) + 2  # the "\n\n" joining blocks
    return PlainText("\n\n".join(parts), tuple(starts))
