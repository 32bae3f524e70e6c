"""The one module that touches Whoosh; the rest of Lector sees Lector's own types."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

from whoosh.lang import stemmer_for_language


@cache
def stemmer(lang: str) -> Callable[[str], str]:
    """The Snowball stemmer the index uses for ``lang``, with a cache (stemming is slow)."""
    return lru_cache(maxsize=100_000)(stemmer_for_language(lang))
