"""A deterministic bilingual library for benchmarks, built from real paragraph pairs.

With ``../shared/corpora/python-docs-es-pairs.jsonl.gz`` present, documents are
recombined from its aligned English/Spanish paragraphs; without it, from a small
generator with English and Spanish vocabularies. The same seed and size always give
the same files. Three on-disk layouts are mixed, as in real libraries:
``topic/slug.en.md`` + ``topic/slug.es.md``, ``en/topic/slug.md`` + ``es/topic/slug.md``,
and ``topic/slug.md`` + ``es/topic/slug.md``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("LECTOR_CORPORA", REPO.parent / "shared" / "corpora"))
PAIRS_FILE = "python-docs-es-pairs.jsonl.gz"

MIN_WORDS = 600
MAX_WORDS = 1500
LANGS = ("en", "es")
LAYOUTS = ("suffix", "folders", "jekyll")

# Words too common to say anything about a search engine's speed on a real query.
_STOP = frozenset(
    """
    the and for that this with from are was were can not but which when will have has had
    been its into than then them they their there these those also such only other more
    most some any all each used use using may must should would could does done one two
    el la los las del que por con para una uno unos unas como más pero sus este esta
    estos estas ese esa eso son ser fue han hay puede pueden sobre entre cuando también
    sin porque desde hasta donde cual cuales muy todo todos otra otro otros tiene
    """.split()  # noqa: SIM905 - word lists read better as text
)


@dataclass(frozen=True, slots=True)
class Pair:
    en: str
    es: str
    topic: str


@dataclass(slots=True)
class Corpus:
    """What was written, and the numbers the harness reports about it."""

    root: Path
    docs: int
    versions: int
    words: dict[str, int]
    bytes: int
    source: str  # "pairs" (real text) or "generated"
    seed: int
    files: list[Path] = field(default_factory=list, repr=False)


# --- the text pool -------------------------------------------------------------------------

_ROLE = re.compile(r":[a-z]+(?::[a-z]+)?:`~?([^`]+)`")
_DOUBLE_BACKTICK = re.compile(r"``([^`]+)``")
_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    """reST residue (``:func:`x` ``, ````x````) as the Markdown a writer would use."""
    text = _ROLE.sub(r"`\1`", text)
    text = _DOUBLE_BACKTICK.sub(r"`\1`", text)
    return _SPACES.sub(" ", text).strip()


def load_pairs(corpora: Path = CORPORA) -> list[Pair] | None:
    """The real paragraph pairs, or None when the corpora folder is not there."""
    path = corpora / PAIRS_FILE
    if not path.is_file():
        return None
    pairs = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            en, es = _clean(item["en"]), _clean(item["es"])
            if len(en.split()) > 350 or len(es.split()) > 350:
                continue
            source = item.get("source", "misc.po").removesuffix(".po")
            topic = source.split("/")[0] if "/" in source else "general"
            pairs.append(Pair(en, es, _slug(topic)))
    return pairs


_EN_WORDS = """
    government open data budget citizen participation transparency accountability public
    policy council community report access information right law reform agency ministry
    contract procurement audit spending service health education water housing transport
    election vote campaign media journalist freedom request record archive dataset portal
    standard license format survey review commitment action plan network civil society
    organisation volunteer workshop training evidence result impact measure indicator local
    national regional municipal official meeting consultation proposal decision budget
    revenue tax project infrastructure school hospital road energy environment climate
    justice court complaint ombudsman integrity corruption conflict interest disclosure
    beneficial ownership register lobbying asset declaration whistleblower protection
    """.split()  # noqa: SIM905
_ES_WORDS = """
    gobierno abierto datos presupuesto ciudadanía participación transparencia rendición
    cuentas política pública consejo comunidad informe acceso información derecho ley
    reforma agencia ministerio contrato contratación auditoría gasto servicio salud
    educación agua vivienda transporte elección voto campaña medios periodista libertad
    solicitud registro archivo conjunto portal estándar licencia formato encuesta revisión
    compromiso acción plan red sociedad civil organización voluntariado taller formación
    evidencia resultado impacto medida indicador municipal nacional regional funcionario
    reunión consulta propuesta decisión ingreso impuesto proyecto infraestructura escuela
    hospital carretera energía ambiente clima justicia tribunal queja defensoría
    integridad corrupción conflicto interés divulgación beneficiario final cabildeo
    declaración patrimonial denunciante protección
    """.split()  # noqa: SIM905
_EN_GLUE = "the of and to in a for is that on with as by this are be from".split()  # noqa: SIM905
_ES_GLUE = "el de la y en a para es que con como por este son ser del los las".split()  # noqa: SIM905


def _sentence(rng: random.Random, words: list[str], glue: list[str], length: int) -> str:
    # Zipf-like: early words of the list come up far more often than late ones.
    out = []
    for i in range(length):
        if i % 3 == 1:
            out.append(rng.choice(glue))
        else:
            out.append(words[min(int(rng.paretovariate(1.1)) - 1, len(words) - 1)])
    text = " ".join(out)
    return text[0].upper() + text[1:] + "."


def generated_pairs(seed: int, count: int = 4000) -> list[Pair]:
    """Paragraph pairs from the built-in vocabularies, for when no real text is at hand."""
    rng = random.Random(seed)
    topics = ["budget", "data", "justice", "health", "elections", "contracts"]
    pairs = []
    for _ in range(count):
        sentences = rng.randint(2, 6)
        lengths = [rng.randint(8, 22) for _ in range(sentences)]
        en = " ".join(_sentence(rng, _EN_WORDS, _EN_GLUE, n) for n in lengths)
        es = " ".join(_sentence(rng, _ES_WORDS, _ES_GLUE, n + n // 8) for n in lengths)
        pairs.append(Pair(en, es, rng.choice(topics)))
    return pairs


# --- documents -------------------------------------------------------------------------------


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower())
    ascii_only = "".join(c for c in folded if c.isascii())
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-") or "misc"


def _words(text: str) -> int:
    return len(text.split())


def _heading(text: str, rng_words: int) -> str:
    words = re.sub(r"[`*_#\[\]()]", "", text).split()[:rng_words]
    head = " ".join(words).rstrip(".,;:")
    return head[:1].upper() + head[1:]


def _title(text: str) -> str:
    first = re.split(r"(?<=[.:;?!])\s", text, maxsplit=1)[0]
    words = re.sub(r"[`*_#\[\]()]", "", first).split()[:9]
    return " ".join(words).rstrip(".,;:") or "Untitled"


def _pick_paragraphs(
    rng: random.Random, pairs: list[Pair], by_topic: dict[str, list[int]], low: int, high: int
) -> list[Pair]:
    """Consecutive paragraphs of one topic, then others, until both versions have ``low`` words."""
    target = rng.randint(low, high)
    chosen: list[Pair] = []
    en_words = es_words = 0
    start = rng.randrange(len(pairs))
    topic = pairs[start].topic
    index = start
    misses = 0
    while min(en_words, es_words) < target and misses < 200:
        pair = pairs[index % len(pairs)]
        en, es = _words(pair.en), _words(pair.es)
        if max(en_words + en, es_words + es) <= high:
            chosen.append(pair)
            en_words, es_words = en_words + en, es_words + es
        else:
            misses += 1
        # Mostly keep reading the same source; sometimes jump within the topic.
        if rng.random() < 0.8:
            index += 1
        else:
            index = rng.choice(by_topic[topic])
    return chosen


def _front_matter(fields: dict[str, object]) -> str:
    lines = ["---"]
    for name, value in fields.items():
        lines.append(f"{name}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def compose(
    paragraphs: list[Pair], lang: str, fields: dict[str, object], heading_every: int = 4
) -> str:
    """One version's Markdown: front matter, title, paragraphs with a heading now and then.

    Both versions of a document get their headings at the same places, so blocks align.
    """
    parts = []
    texts = [getattr(p, lang) for p in paragraphs]
    title = _title(texts[0])
    parts.append(_front_matter({"title": title, **fields}))
    for i, text in enumerate(texts):
        if i and i % heading_every == 0:
            parts.append(f"## {_heading(text, 5)}\n\n")
        parts.append(text + "\n\n")
    return "".join(parts)


def _paths(layout: str, topic: str, slug: str) -> dict[str, str]:
    if layout == "suffix":
        return {"en": f"{topic}/{slug}.en.md", "es": f"{topic}/{slug}.es.md"}
    if layout == "folders":
        return {"en": f"en/{topic}/{slug}.md", "es": f"es/{topic}/{slug}.md"}
    return {"en": f"{topic}/{slug}.md", "es": f"es/{topic}/{slug}.md"}


def build_corpus(
    root: Path,
    docs: int,
    *,
    seed: int = 7,
    corpora: Path = CORPORA,
    min_words: int = MIN_WORDS,
    max_words: int = MAX_WORDS,
) -> Corpus:
    """Write ``docs`` bilingual documents under ``root`` (created, must be empty or new)."""
    root.mkdir(parents=True, exist_ok=True)
    pairs = load_pairs(corpora)
    source = "pairs"
    if not pairs:
        pairs, source = generated_pairs(seed), "generated"
    by_topic: dict[str, list[int]] = {}
    for i, pair in enumerate(pairs):
        by_topic.setdefault(pair.topic, []).append(i)
    rng = random.Random(seed)
    words = dict.fromkeys(LANGS, 0)
    total_bytes = 0
    files: list[Path] = []
    made_dirs: set[Path] = set()
    base_date = dt.date(2015, 1, 1)
    for n in range(docs):
        chosen = _pick_paragraphs(rng, pairs, by_topic, min_words + 50, max_words - 150)
        topic = f"{chosen[0].topic}-{n // 400:02d}"
        layout = LAYOUTS[n % len(LAYOUTS)]
        slug = f"{_slug(_title(chosen[0].en))[:48]}-{n:05d}"
        date = (base_date + dt.timedelta(days=rng.randrange(3650))).isoformat()
        tags = [chosen[0].topic, rng.choice(["guide", "reference", "notes", "howto"])]
        heading_every = rng.randint(3, 5)
        for lang, rel in _paths(layout, topic, slug).items():
            text = compose(chosen, lang, {"date": date, "tags": tags}, heading_every)
            path = root / rel
            if path.parent not in made_dirs:
                path.parent.mkdir(parents=True, exist_ok=True)
                made_dirs.add(path.parent)
            data = text.encode("utf-8")
            path.write_bytes(data)
            files.append(path)
            total_bytes += len(data)
            words[lang] += sum(_words(getattr(p, lang)) for p in chosen)
    return Corpus(root, docs, 2 * docs, words, total_bytes, source, seed, files)


def long_document(root: Path, *, words: int = 25_000, seed: int = 11, key: str = "long") -> Path:
    """One bilingual document of about ``words`` words per version (about 50 pages)."""
    pairs = load_pairs() or generated_pairs(seed)
    rng = random.Random(seed)
    start = rng.randrange(len(pairs))
    chosen = []
    count = 0
    index = start
    while count < words:
        pair = pairs[index % len(pairs)]
        chosen.append(pair)
        count += _words(pair.en)
        index += 1
    for lang in LANGS:
        path = root / f"{key}.{lang}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(compose(chosen, lang, {"translationKey": key}), encoding="utf-8")
    return root / f"{key}.en.md"


# --- queries ----------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
# Two words with nothing but a space between them, outside code spans.
_ADJACENT = re.compile(r"(?<![\w`.])([^\W\d_]{4,}) ([^\W\d_]{4,})(?![\w`])")


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Query:
    """One query in a class, in Lector's syntax; ``terms`` are the plain words in it."""

    kind: str  # common, rare, two, phrase, prefix, fuzzy
    lang: str
    text: str
    terms: tuple[str, ...]


QUERY_KINDS = ("common", "rare", "two", "phrase", "prefix", "fuzzy")


def query_set(corpus: Corpus, per_kind: int = 12, seed: int = 3) -> list[Query]:
    """Queries drawn from the corpus itself, so every class finds something in every run.

    Document frequencies come from a sample of the files: *common* terms are among the
    most frequent content words, *rare* ones appear in a handful of documents, *two*
    pairs two mid-frequency words of one paragraph, *phrase* is two adjacent words,
    *prefix* the first letters of a frequent word, *fuzzy* a frequent word with one
    letter dropped (Lector answers it with a "did you mean" correction).
    """
    rng = random.Random(seed)
    files = corpus.files
    sample = files if len(files) <= 1200 else rng.sample(files, 1200)
    queries: list[Query] = []
    for lang in LANGS:
        mine = [f for f in sample if _lang_of(f.relative_to(corpus.root)) == lang]
        df: Counter[str] = Counter()
        forms: dict[str, Counter[str]] = {}
        paragraphs: list[list[str]] = []
        raw: list[str] = []
        for path in mine:
            body = path.read_text(encoding="utf-8").split("---", 2)[-1]
            seen = set()
            for para in body.split("\n\n"):
                if para.startswith("#") or not para.strip():
                    continue
                tokens = [w for w in _WORD.findall(para) if not w.isupper()]
                paragraphs.append(tokens)
                raw.append(para)
                for token in tokens:
                    key = fold(token)
                    forms.setdefault(key, Counter())[token.lower()] += 1
                    seen.add(key)
            df.update(seen)
        content = [w for w, _ in df.most_common() if w not in _STOP and len(w) >= 4]
        if not content:
            continue
        common = content[: max(per_kind, 20)]
        rare = [w for w in content if 1 <= df[w] <= max(2, len(mine) // 200)] or content[-20:]
        middle = content[len(content) // 20 : len(content) // 4] or content

        def word(key: str, forms: dict[str, Counter[str]] = forms) -> str:
            return forms[key].most_common(1)[0][0]

        picks = {
            "common": [word(w) for w in rng.sample(common, min(per_kind, len(common)))],
            "rare": [word(w) for w in rng.sample(rare, min(per_kind, len(rare)))],
        }
        for text in picks["common"]:
            queries.append(Query("common", lang, text, (text,)))
        for text in picks["rare"]:
            queries.append(Query("rare", lang, text, (text,)))
        middle_set = set(middle)
        twos: list[tuple[str, str]] = []
        phrases: list[tuple[str, str]] = []
        for n in rng.sample(range(len(paragraphs)), min(len(paragraphs), 400)):
            tokens = paragraphs[n]
            keys = [fold(t) for t in tokens]
            mids = [t for t, k in zip(tokens, keys, strict=True) if k in middle_set]
            if len(twos) < per_kind and len({fold(m) for m in mids}) >= 2:
                a, b = rng.sample(sorted({m.lower() for m in mids}), 2)
                if fold(a) != fold(b):
                    twos.append((a, b))
            if len(phrases) < per_kind:
                for match in _ADJACENT.finditer(raw[n]):
                    a, b = match.group(1).lower(), match.group(2).lower()
                    if not {fold(a), fold(b)} & _STOP and df[fold(a)] > 2 and df[fold(b)] > 2:
                        phrases.append((a, b))
                        break
        for a, b in twos:
            queries.append(Query("two", lang, f"{a} {b}", (a, b)))
        for a, b in phrases:
            queries.append(Query("phrase", lang, f'"{a} {b}"', (a, b)))
        for key in rng.sample(common, min(per_kind, len(common))):
            stem = word(key)[: max(4, len(key) - 3)]
            queries.append(Query("prefix", lang, f"{stem}*", (stem,)))
        for key in rng.sample(common, min(per_kind, len(common))):
            text = word(key)
            i = rng.randrange(1, len(text) - 1)
            typo = text[:i] + text[i + 1 :]  # one letter dropped: one edit away
            queries.append(Query("fuzzy", lang, typo, (typo,)))
    return queries


def _lang_of(rel: Path) -> str:
    if rel.name.endswith(".es.md") or "es" in rel.parts[:-1]:
        return "es"
    return "en"
