"""Back/forward reading history: where the reader was, as plain data (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Stop:
    """A place the reader can return to.

    ``block`` and ``fraction`` are in the block numbering of the version shown for
    ``lang`` (the reading language chosen at the time).
    """

    doc_id: str
    lang: str
    block: int = 0
    fraction: float = 0.0

    def near(self, other: Stop | None) -> bool:
        """The same spot for a reader: same document, language and block."""
        return (
            other is not None
            and self.doc_id == other.doc_id
            and self.lang == other.lang
            and self.block == other.block
        )


class History:
    """A browser-style history.

    The current place is not stored: the reader scrolls, so it is passed in at the
    moment of leaving. ``leave(here)`` is called before every jump; ``back(here)`` and
    ``forward(here)`` return where to go and remember ``here`` on the other side.
    """

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        self.limit = max(1, limit)
        self._back: list[Stop] = []
        self._forward: list[Stop] = []

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def back_stops(self) -> list[Stop]:
        """Earlier places, most recent first."""
        return list(reversed(self._back))

    def forward_stops(self) -> list[Stop]:
        """Later places, nearest first."""
        return list(reversed(self._forward))

    def leave(self, here: Stop | None) -> None:
        """The reader jumps away from ``here``: remember it and forget the forward path."""
        self._forward.clear()
        if here is None:
            return
        if self._back and self._back[-1].near(here):
            self._back[-1] = here  # one entry per spot, however often the reader jumps from it
        else:
            self._back.append(here)
        del self._back[: -self.limit]

    def back(self, here: Stop | None) -> Stop | None:
        """Where Back goes from ``here``, or None when there is nothing before."""
        return self._step(self._back, self._forward, here)

    def forward(self, here: Stop | None) -> Stop | None:
        """Where Forward goes from ``here``, or None when there is nothing after."""
        return self._step(self._forward, self._back, here)

    def _step(self, source: list[Stop], other: list[Stop], here: Stop | None) -> Stop | None:
        # Skip entries that are where the reader already is (a jump that went nowhere).
        while source and source[-1].near(here):
            source.pop()
        if not source:
            return None
        if here is not None:
            other.append(here)
            del other[: -self.limit]
        return source.pop()

    def forget(self, doc_id: str) -> None:
        """Drop every stop in a document that no longer exists."""
        self._back = [s for s in self._back if s.doc_id != doc_id]
        self._forward = [s for s in self._forward if s.doc_id != doc_id]

    def clear(self) -> None:
        self._back.clear()
        self._forward.clear()
