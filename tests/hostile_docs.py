"""Generators of hostile input for the reliability suites: malformed files and links."""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable

MB = 1024 * 1024

Maker = Callable[[random.Random], bytes]


def _text(rng: random.Random, words: int = 40) -> str:
    vocab = [
        "budget",
        "citizens",
        "participación",
        "rendición",
        "cuentas",
        "open",
        "data",
        "año",
        "niño",
        "café",
    ]
    return " ".join(rng.choice(vocab) for _ in range(words))


def _doc(rng: random.Random) -> str:
    return f"---\ntitle: T{rng.randrange(10**6)}\n---\n# Heading\n\n{_text(rng)}\n"


def _deep_yaml(rng: random.Random) -> bytes:
    n = rng.choice([100, 1500, 20000])
    return f"---\nx: {'[' * n}{']' * n}\n---\nBody\n".encode()


def _deep_yaml_maps(rng: random.Random) -> bytes:
    n = rng.choice([50, 500, 3000])
    return ("---\n" + "".join("  " * i + f"k{i}:\n" for i in range(n)) + "---\nBody\n").encode()


def _yaml_bomb(rng: random.Random) -> bytes:
    levels = rng.randint(5, 12)
    out = "---\na0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, levels):
        out += f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n"
    return (out + "title: Bomb\n---\nBody\n").encode()


def _python_tag(rng: random.Random) -> bytes:
    tag = rng.choice(
        [
            "!!python/object/apply:os.system ['true']",
            "!!python/name:os.system",
            "!!python/object/new:type [x, [], {}]",
            "!<tag:yaml.org,2002:python/object/apply:subprocess.call> [[ls]]",
        ]
    )
    return f"---\ntitle: Tagged\nx: {tag}\n---\nBody\n".encode()


def _duplicate_keys(rng: random.Random) -> bytes:
    keys = "".join(f"title: T{i}\n" for i in range(rng.randint(2, 20)))
    return f"---\n{keys}lang: en\nlang: es\n---\nBody\n".encode()


def _wrong_types(rng: random.Random) -> bytes:
    field = rng.choice(["title", "date", "tags", "lang", "translationKey", "authors", "source"])
    value = rng.choice(["{a: 1}", "[1, [2, [3]]]", "2024-13-45", "~", "12", "!!binary aGVsbG8="])
    return f"---\n{field}: {value}\n---\nBody {_text(rng, 5)}\n".encode()


def _tabs(rng: random.Random) -> bytes:
    return f"---\n\ttitle:\tTabs\n\t- x\n---\n\t\t{_text(rng)}\n\t- item\n".encode()


def _invalid_utf8(rng: random.Random) -> bytes:
    data = bytearray(_doc(rng).encode())
    for _ in range(rng.randint(1, 20)):
        data.insert(rng.randrange(len(data)), rng.choice([0xFF, 0xFE, 0xC3, 0x80, 0xED]))
    return bytes(data)


def _utf16(rng: random.Random) -> bytes:
    codec = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
    data = _doc(rng).encode(codec)
    return data[: rng.randrange(1, len(data))] if rng.random() < 0.3 else data


def _boms(rng: random.Random) -> bytes:
    bom = rng.choice([codecs.BOM_UTF8, codecs.BOM_UTF8 * 3, codecs.BOM_UTF16_LE, b"\xef\xbb"])
    return bom + _doc(rng).encode()


def _line_endings(rng: random.Random) -> bytes:
    ending = rng.choice([b"\r", b"\r\n", b"\n\r", b"\r\r\n"])
    return _doc(rng).encode().replace(b"\n", ending)


def _nul(rng: random.Random) -> bytes:
    data = bytearray(_doc(rng).encode())
    where = rng.choice([0, len(data) // 2, len(data)])
    data[where:where] = b"\x00" * rng.randint(1, 50)
    return bytes(data)


def _late_nul(rng: random.Random) -> bytes:
    return (_doc(rng) + "x" * 9000).encode() + b"\x00tail"


def _binary(rng: random.Random) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.randint(1, 4000)))


def _empty(rng: random.Random) -> bytes:
    return rng.choice([b"", b" ", b"\n\n", b"---\n---\n", b"---\n", b"\xef\xbb\xbf"])


def _brackets(rng: random.Random) -> bytes:
    return ("# B\n\n" + rng.choice(["[", "![", "[a](", "<"]) * rng.choice([5000, 20000])).encode()


def _dashes(rng: random.Random) -> bytes:
    return ("# L\n\n" + "- " * rng.choice([300, 3000])).encode()


def _quotes(rng: random.Random) -> bytes:
    return ("# Q\n\n" + "> " * rng.choice([500, 5000]) + "deep").encode()


def _nested_lists(rng: random.Random) -> bytes:
    return "\n".join("  " * i + "- x" for i in range(rng.choice([100, 1000]))).encode()


def _emphasis(rng: random.Random) -> bytes:
    return (rng.choice(["*a ", "**", "_", "`", "~~"]) * rng.choice([2000, 10000])).encode()


def _html(rng: random.Random) -> bytes:
    junk = rng.choice(
        [
            "<script>alert(1)</script>" * 100,
            "<div>" * 5000,
            "<img src=x onerror=alert(1)>" * 50,
            "<!--" * 3000,
            "<table><tr><td>" * 2000,
        ]
    )
    return f"# H\n\n{junk}\n".encode()


def _templates(rng: random.Random) -> bytes:
    return ("# T\n\n" + rng.choice(["{% x %}", "{{< y >}}", "{{", "{%"]) * 5000).encode()


def _front_matter_only(rng: random.Random) -> bytes:
    return rng.choice([b"---\n" + b"a: b\n" * 20000 + b"---\n", b"+++\ntitle = 'x\n+++\n"])


def _long_line(rng: random.Random) -> bytes:
    return ("# Long\n\n" + "palabra " * (10 * MB // 8)).encode()


def _huge(rng: random.Random) -> bytes:
    return b"# Huge\n\n" + b"a line of text\n" * (50 * MB // 15)


SMALL_MAKERS: list[tuple[str, Maker]] = [
    ("deep-yaml", _deep_yaml),
    ("deep-yaml-maps", _deep_yaml_maps),
    ("yaml-bomb", _yaml_bomb),
    ("python-tag", _python_tag),
    ("duplicate-keys", _duplicate_keys),
    ("wrong-types", _wrong_types),
    ("tabs", _tabs),
    ("invalid-utf8", _invalid_utf8),
    ("utf16", _utf16),
    ("boms", _boms),
    ("line-endings", _line_endings),
    ("nul", _nul),
    ("late-nul", _late_nul),
    ("binary", _binary),
    ("empty", _empty),
    ("brackets", _brackets),
    ("dashes", _dashes),
    ("quotes", _quotes),
    ("nested-lists", _nested_lists),
    ("emphasis", _emphasis),
    ("html", _html),
    ("templates", _templates),
    ("front-matter-only", _front_matter_only),
]
# Once per run each: they are large.
LARGE_MAKERS: list[tuple[str, Maker]] = [("long-line", _long_line), ("huge", _huge)]


def malformed_files(count: int, seed: int) -> list[tuple[str, bytes]]:
    """``count`` hostile files (name, bytes), every kind at least once when count allows."""
    rng = random.Random(seed)
    files = [(f"{i:04d}-{kind}.md", make(rng)) for i, (kind, make) in enumerate(LARGE_MAKERS)]
    for i in range(len(files), count):
        kind, make = SMALL_MAKERS[i % len(SMALL_MAKERS)]
        files.append((f"{i:04d}-{kind}.md", make(rng)))
    return files[:count]
