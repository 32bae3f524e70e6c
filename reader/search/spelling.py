"""The word list behind "did you mean": index words near a mistyped one.

Qt-free and Whoosh-free: the engine fills a ``WordsByLength`` with the index's
words and ranks what ``near`` finds by how often each word occurs.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator

_LETTER_BITS = {c: 1 << n for n, c in enumerate("abcdefghijklmnopqrstuvwxyz0123456789._")}
_OTHER_LETTER = 1 << len(_LETTER_BITS)  # one bit shared by every other character


def letter_bits(word: str) -> int:
    """The characters of ``word`` as bits of an int (a set of letters in 8 bytes)."""
    return sum({_LETTER_BITS.get(c, _OTHER_LETTER) for c in word})


class WordsByLength:
    """A word list for spelling suggestions, kept small: per length, the words joined
    in one string, and each word's letters as bits in an array.

    (As a tuple of words with a frozenset of letters each, the list took more memory
    than an open searcher needs for everything else.)
    """

    def __init__(self, words: Iterable[str]) -> None:
        by_length: dict[int, list[str]] = {}
        for word in words:
            by_length.setdefault(len(word), []).append(word)
        self._joined = {length: "".join(group) for length, group in by_length.items()}
        self._letters = {
            length: array("Q", map(letter_bits, group)) for length, group in by_length.items()
        }

    def __len__(self) -> int:
        return sum(map(len, self._letters.values()))

    def near(self, word: str, most: int) -> Iterator[str]:
        """The words within ``most`` edits of ``word`` (Whoosh's ``distance``)."""
        letters = letter_bits(word)
        for length in range(len(word) - most, len(word) + most + 1):
            joined = self._joined.get(length)
            if joined is None:
                continue
            for n, bits in enumerate(self._letters[length]):
                # Each edit brings in or takes out at most one letter.
                if (bits & ~letters).bit_count() > most or (letters & ~bits).bit_count() > most:
                    continue
                known = joined[n * length : (n + 1) * length]
                if within(known, word, most):
                    yield known


def within(a: str, b: str, most: int) -> bool:
    """Whether ``a`` is at most ``most`` edits from ``b``: Whoosh's ``distance`` (insert,
    delete, substitute, swap two neighbours; each part edited once), decided by trying
    the edits where the words first differ, with no table of distances."""
    if abs(len(a) - len(b)) > most:
        return False
    if most == 0 or a == b:
        return a == b
    start, end = 0, min(len(a), len(b))
    while start < end and a[start] == b[start]:
        start += 1
    stop_a, stop_b = len(a), len(b)
    while stop_a > start and stop_b > start and a[stop_a - 1] == b[stop_b - 1]:
        stop_a, stop_b = stop_a - 1, stop_b - 1
    a, b = a[start:stop_a], b[start:stop_b]
    if not a or not b:
        return len(a) + len(b) <= most
    most -= 1
    return (
        within(a[1:], b[1:], most)
        or within(a[1:], b, most)
        or within(a, b[1:], most)
        or (
            len(a) > 1
            and len(b) > 1
            and a[0] == b[1]
            and a[1] == b[0]
            and within(a[2:], b[2:], most)
        )
    )
