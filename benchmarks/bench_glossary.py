"""Glossary annotation speed: a 100 KB document against a 300-term glossary.

Lector's way (tokenise, stem, look up the longest n-gram) is timed on the rendered
HTML, as the render worker runs it, and compared with the obvious alternative: one
case-insensitive regex alternating every surface form, longest first, applied to the
same HTML text. The regex cannot see inflections (it needs every form spelled out)
and still has to try each alternative at every word, so it slows as the glossary grows.

Self-contained: ``run(quick) -> dict`` for the benchmark harness, or run this file.
"""

from __future__ import annotations

import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.glossary import GlossaryStore, Matcher, TermTable, annotate_html
from reader.glossary.match import Phrase
from reader.paths import bundled_glossary_dir
from reader.render import render_markdown

DOC_BYTES = 100_000
TERMS = 300
SEED = 20261202

_FILLER_TEXT = (
    "the a of to in and for on with by from that this public budget report city council "
    "office people group plan review data service law rule local national community "
    "meeting process year result change level support work project resident officials "
    "information record request agency minister process practice standard audit policy"
)
_FILLER = _FILLER_TEXT.split()


def glossary_terms(count: int, rng: random.Random) -> TermTable:
    """The bundled English entries, then generated two- and three-word terms up to ``count``."""
    bundled = GlossaryStore(bundled_glossary_dir()).bundled()
    phrases = list(TermTable.from_glossary(bundled, "en").phrases)
    entries = {p.entry_id for p in phrases}
    n = 0
    while len(entries) < count:
        words = rng.sample(_FILLER[20:], rng.choice((2, 2, 3)))
        entry_id = f"generated-{n}"
        phrases.append(Phrase(entry_id, False, " ".join(words)))
        entries.add(entry_id)
        n += 1
    return TermTable("en", tuple(phrases))


def document(table: TermTable, size: int, rng: random.Random) -> str:
    """Markdown paragraphs of filler with glossary terms sprinkled in (about one in twelve)."""
    surfaces = [p.text for p in table.phrases]
    paragraphs, total = [], 0
    while total < size:
        words = []
        for _ in range(rng.randint(40, 120)):
            words.append(rng.choice(surfaces) if rng.random() < 0.08 else rng.choice(_FILLER))
        if rng.random() < 0.2:
            words.insert(5, "[a link](https://example.org) and `inline code`")
        paragraph = " ".join(words).capitalize() + "."
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def regex_annotator(table: TermTable) -> re.Pattern[str]:
    forms = sorted({p.text for p in table.phrases}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b", re.IGNORECASE)


def regex_annotate(html: str, pattern: re.Pattern[str]) -> str:
    # Only the text between tags, like the real annotator (but without skipping links).
    return re.sub(
        r">([^<]+)<",
        lambda m: (
            ">" + pattern.sub(lambda t: f'<a href="gloss:x">{t.group(0)}</a>', m.group(1)) + "<"
        ),
        html,
    )


def _median_ms(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(quick: bool = False) -> dict:
    """Median milliseconds for annotating the document, ours and the one-regex way."""
    rng = random.Random(SEED)
    repeats = 5 if quick else 21
    table = glossary_terms(TERMS, rng)
    html = render_markdown(document(table, DOC_BYTES, rng)).html
    build_ms = _median_ms(lambda: Matcher(table), 3 if quick else 7)
    matcher = Matcher(table)
    annotated = annotate_html(html, matcher)
    ours_ms = _median_ms(lambda: annotate_html(html, matcher), repeats)
    cold_ms = _median_ms(lambda: annotate_html(html, Matcher(table)), 3 if quick else 7)
    pattern = regex_annotator(table)
    regex_ms = _median_ms(lambda: regex_annotate(html, pattern), 3 if quick else 7)
    regex_build_ms = _median_ms(lambda: re.purge() or regex_annotator(table), 3)
    return {
        "name": "glossary_annotation",
        "document_kb": round(len(html) / 1000, 1),
        "terms": len({p.entry_id for p in table.phrases}),
        "surface_forms": len(table.phrases),
        "marked": annotated.count('class="gloss"'),
        "matcher_build_ms": round(build_ms, 2),
        "annotate_median_ms": round(ours_ms, 2),
        "annotate_with_build_median_ms": round(cold_ms, 2),
        "one_regex_median_ms": round(regex_ms, 2),
        "one_regex_build_ms": round(regex_build_ms, 2),
        "regex_over_ours": round(regex_ms / ours_ms, 2) if ours_ms else None,
        "repeats": repeats,
    }


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
