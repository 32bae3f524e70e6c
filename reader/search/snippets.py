"""Search result snippets: the passage of a version's text with the most hits, marked.

Qt-free and Whoosh-free: the engine hands over the text and the character spans of
the hits it read from the index.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

SNIPPET_CHARS = 200


@dataclass(frozen=True, slots=True)
class Snippet:
    """A passage of a version's text; ``highlights`` are (start, end) offsets in ``text``."""

    text: str
    highlights: tuple[tuple[int, int], ...] = ()

    def marked(self, open_mark: str = "[", close_mark: str = "]") -> str:
        """The text with each highlight wrapped in the given marks."""
        out, last = [], 0
        for start, end in self.highlights:
            out += [self.text[last:start], open_mark, self.text[start:end], close_mark]
            last = end
        out.append(self.text[last:])
        return "".join(out)


def make_snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> Snippet:
    """The passage of ``text`` with the most hits in ``width`` characters, hits marked."""
    if not text:
        return Snippet("")
    if not spans:
        end = _word_end(text, min(len(text), width))
        return Snippet(_flat(text[:end]) + ("…" if end < len(text) else ""))
    best, best_count = 0, 0
    j = 0
    for i, (start, _end) in enumerate(spans):
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][1] <= start + width * 3 // 4:
            j += 1
        if j - i + 1 > best_count:
            best, best_count = i, j - i + 1
    anchor = spans[best][0]
    begin = _word_start(text, max(0, anchor - width // 4))
    end = _word_end(text, min(len(text), begin + width))
    # Blocks are joined by a middle dot, lines by a space: each "\n\n" shown
    # takes one character more, which moves the offsets after it.
    passage = text[begin:end]
    pairs = [m.start() for m in _BLOCK_BREAK.finditer(passage)]
    lead = 1 if begin > 0 else 0

    def shown(offset: int) -> int | None:
        at = offset - begin
        before = bisect.bisect_left(pairs, at)
        if before and pairs[before - 1] + 1 == at:  # between a break's two newlines
            return None
        return lead + at + before

    marks = []
    for s, e in spans:
        if begin <= s < e <= end:
            start, stop = shown(s), shown(e)
            if start is not None and stop is not None:
                marks.append((start, stop))
    out = ("…" if lead else "") + _flat(passage) + ("…" if end < len(text) else "")
    return Snippet(out, tuple(marks))


_BLOCK_BREAK = re.compile("\n\n")


def _flat(text: str) -> str:
    return text.replace("\n\n", " · ").replace("\n", " ")


def _word_start(text: str, pos: int) -> int:
    if pos <= 0:
        return 0
    space = text.rfind(" ", max(0, pos - 30), pos)
    return space + 1 if space >= 0 else pos


def _word_end(text: str, pos: int) -> int:
    if pos >= len(text):
        return len(text)
    space = text.find(" ", pos, pos + 30)
    return space if space >= 0 else pos
