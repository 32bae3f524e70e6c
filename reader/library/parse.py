"""Turning a file's bytes into text, front matter fields and a Markdown body.

Everything here is defensive: files come from the user's folders, which may hold
anything. Each function returns what it could read plus the problems it met.
"""

from __future__ import annotations

import codecs
import datetime as dt
import html
import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml
from frontmatter.default_handlers import YAMLHandler

from reader.library.model import ProblemKind

MAX_FRONT_MATTER = 64 * 1024
MAX_LIST_ITEMS = 64
MAX_FIELD_CHARS = 2000
_SNIFF = 8192
# Above this many nesting indicators the C YAML parser could overflow the stack
# (measured: 32,000 nested brackets crash it), so the pure-Python one is used,
# which raises RecursionError instead.
_C_LOADER_MAX_INDICATORS = 1000

Found = tuple[ProblemKind, str, int | None]  # kind, detail, line


def decode(data: bytes) -> tuple[str | None, list[Found]]:
    """Bytes to NFC text with ``\\n`` line ends; None when the bytes are not text."""
    problems: list[Found] = []
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text = data.decode("utf-32", "replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", "replace")
    else:
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        if b"\x00" in data[:_SNIFF]:
            return None, [(ProblemKind.BINARY, "NUL byte in the first 8 KB", None)]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            line = data.count(b"\n", 0, err.start) + 1
            problems.append((ProblemKind.INVALID_UTF8, f"byte {err.start}", line))
            text = data.decode("utf-8", "replace")
    text = text.replace("\x00", "\ufffd").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), problems


class _DuplicateKeys:
    """Notes duplicate keys (YAML silently keeps the last) so they can be reported."""

    duplicates: list[tuple[str, int]]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[object, object]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    self.duplicates.append((key_node.value, key_node.start_mark.line + 1))
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


_FastBase = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


class _Loader(_DuplicateKeys, _FastBase):  # type: ignore[misc,valid-type]
    """Safe YAML that keeps scalars as written: ``no`` stays "no", ``1.10`` stays "1.10"."""


class _PyLoader(_DuplicateKeys, yaml.SafeLoader):
    """The same in pure Python, for input that could overflow the C parser's stack."""


def _strings_only(resolvers: dict[str, list[tuple[str, re.Pattern[str]]]]) -> dict:
    # Keep only null: booleans, numbers, dates and merge keys are read as text.
    return {k: [(t, r) for t, r in v if t.endswith(":null")] for k, v in resolvers.items()}


_Loader.yaml_implicit_resolvers = _strings_only(yaml.SafeLoader.yaml_implicit_resolvers)
_PyLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _load_yaml(text: str) -> tuple[object, list[Found]]:
    indicators = sum(text.count(c) for c in ("[", "{", "- ", "? ", ": "))
    loader_cls = _Loader if indicators <= _C_LOADER_MAX_INDICATORS else _PyLoader
    loader = loader_cls(text)
    loader.duplicates = []
    try:
        data = loader.get_single_data()
    except RecursionError:
        return None, [(ProblemKind.FRONT_MATTER_TOO_DEEP, "", None)]
    except yaml.constructor.ConstructorError as err:
        line = err.problem_mark.line + 2 if err.problem_mark else None
        return None, [(ProblemKind.FRONT_MATTER_UNSAFE, str(err.problem or ""), line)]
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else None  # +1 for 1-based, +1 for the opening ---
        return None, [
            (ProblemKind.FRONT_MATTER_SYNTAX, str(getattr(err, "problem", "") or err), line)
        ]
    finally:
        loader.dispose()
    return data, [(ProblemKind.DUPLICATE_KEY, key, line + 1) for key, line in loader.duplicates]


_YAML = YAMLHandler()
_TOML_BOUNDARY = re.compile(r"^\+{3}[ \t]*$", re.MULTILINE)


def split_front_matter(text: str) -> tuple[dict[str, object], str, list[Found]]:
    """Separate YAML (``---``) or TOML (``+++``) front matter from the Markdown body."""
    raw, body, loader = _split(text)
    if raw is None:
        return {}, text, [(ProblemKind.FRONT_MATTER_UNTERMINATED, "", 1)]
    if loader is None:
        return {}, text, []
    if len(raw) > MAX_FRONT_MATTER:
        return {}, body, [(ProblemKind.FRONT_MATTER_TOO_LARGE, f"{len(raw)} characters", 1)]
    data, problems = loader(raw)
    if data is None:
        return {}, body, problems
    if not isinstance(data, dict):
        return {}, body, [*problems, (ProblemKind.FRONT_MATTER_NOT_MAPPING, "", 1)]
    return {str(k): v for k, v in data.items()}, body, problems


def markdown_body(text: str) -> str:
    """The Markdown body of ``text`` as ``split_front_matter`` gives it, without
    reading the front matter."""
    return _split(text)[1]


def _split(text: str) -> tuple[str | None, str, Callable[[str], tuple[object, list[Found]]] | None]:
    """(front matter, body, the front matter's loader). No front matter: ("", text,
    None); front matter that never ends: (None, text, None)."""
    if _YAML.detect(text):
        try:
            raw, body = _YAML.split(text)
        except ValueError:
            return None, text, None
        return raw, body.removeprefix("\n"), _load_yaml
    if _TOML_BOUNDARY.match(text):
        parts = _TOML_BOUNDARY.split(text, 2)
        if len(parts) < 3:
            return None, text, None
        return parts[1], parts[2].removeprefix("\n"), _load_toml
    return "", text, None


def _load_toml(text: str) -> tuple[object, list[Found]]:
    try:
        return tomllib.loads(text), []
    except (tomllib.TOMLDecodeError, RecursionError) as err:
        return None, [(ProblemKind.FRONT_MATTER_SYNTAX, str(err), None)]


@dataclass(slots=True)
class Fields:
    """The front matter fields Lector reads, validated; everything else in ``extra``."""

    title: str = ""
    date: dt.date | None = None
    tags: tuple[str, ...] = ()
    summary: str = ""
    authors: tuple[str, ...] = ()
    source: str = ""
    lang: str = ""
    translation_key: str = ""
    extra: dict[str, object] = field(default_factory=dict)


_KNOWN = {"title", "date", "tags", "summary", "description", "authors", "author", "source"}
_KNOWN |= {"lang", "translationKey"}


def _scalar_text(value: object) -> str | None:
    if isinstance(value, str):
        text = value
    elif isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
        text = str(value)
    else:
        return None
    return unicodedata.normalize("NFC", html.unescape(text)).strip()[:MAX_FIELD_CHARS]


def _text_list(value: object) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, list):
        return None
    items = [_scalar_text(item) for item in value[:MAX_LIST_ITEMS]]
    if any(item is None for item in items):
        return None
    return tuple(dict.fromkeys(item for item in items if item))


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def read_fields(meta: dict[str, object]) -> tuple[Fields, list[Found]]:
    """Validate the fields Lector uses; a bad field is reported and left empty."""
    fields = Fields(extra={k: v for k, v in meta.items() if k not in _KNOWN})
    problems: list[Found] = []

    def bad(name: str) -> None:
        problems.append((ProblemKind.INVALID_FIELD, name, None))

    for name, attr in (("title", "title"), ("source", "source"), ("lang", "lang")):
        if meta.get(name) is not None:
            text = _scalar_text(meta[name])
            if text is None:
                bad(name)
            else:
                setattr(fields, attr, text)
    summary_field = "summary" if meta.get("summary") is not None else "description"
    if meta.get(summary_field) is not None:
        text = _scalar_text(meta[summary_field])
        if text is None:
            bad(summary_field)
        else:
            fields.summary = text
    if meta.get("translationKey") is not None:
        text = _scalar_text(meta["translationKey"])
        if not text:
            bad("translationKey")
        else:
            fields.translation_key = text
    if meta.get("date") is not None:
        date = _date(meta["date"])
        if date is None:
            bad("date")
        fields.date = date
    if meta.get("tags") is not None:
        tags = _text_list(meta["tags"])
        if tags is None:
            bad("tags")
        else:
            fields.tags = tuple(tag.lower() for tag in tags)
    authors_field = "authors" if meta.get("authors") is not None else "author"
    if meta.get(authors_field) is not None:
        authors = _text_list(meta[authors_field])
        if authors is None:
            bad(authors_field)
        else:
            fields.authors = authors
    return fields, problems


_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_INLINE_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`]+|<[^>]+>")


def first_heading(body: str, max_lines: int = 200) -> str:
    """The text of the first Markdown heading in the body, or ""."""
    lines = body.split("\n", max_lines)[:max_lines]
    in_fence = False
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        match = _ATX.match(line)
        if match:
            return plain_inline(match.group(1))
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() and _SETEXT.match(nxt) and not line.lstrip().startswith(("-", "*", ">")):
            return plain_inline(line)
    return ""


def plain_inline(text: str) -> str:
    """Inline Markdown to plain text, good enough for titles."""
    return html.unescape(_INLINE_MARKUP.sub(lambda m: m.group(1) or "", text)).strip()
