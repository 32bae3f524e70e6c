"""Walking a library folder safely and telling each file's language and translation key."""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from reader import LANGUAGES
from reader.library.model import Problem, ProblemKind

MARKDOWN_SUFFIXES = (".md", ".markdown")
MAX_DEPTH = 32
MAX_FILES = 200_000
DEFAULT_LANGUAGE = "en"

# ISO 639-1 codes, to tell a language marker (``slug.fr.md``, ``fr/slug.md``) from
# an ordinary word in a file or folder name.
ISO_639_1 = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu
    cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi
    ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks
    ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl
    nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl
    sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve
    vi vo wa wo xh yi yo za zh zu
    """.split()  # noqa: SIM905 - a list of 184 quoted codes reads worse
)


@dataclass(frozen=True, slots=True)
class FoundFile:
    path: Path  # as reached inside the library (may run through an in-library link)
    rel: str  # POSIX, relative to the library root, NFC
    size: int
    mtime_ns: int


def walk(root: Path, folders: list[Path] | None = None) -> Iterator[FoundFile | Problem]:
    """Every Markdown file under ``root`` once, never leaving ``root``.

    Symbolic links are followed only when they stay inside the folder; each real
    directory and file is visited once, so link loops end. Hidden entries are skipped.
    Each folder visited is appended to ``folders`` when it is given.
    """
    root_real = Path(os.path.realpath(root))
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    found = 0
    try:
        st = root.stat()
    except OSError as err:
        yield Problem(root, ProblemKind.UNREADABLE_FOLDER, err.strerror or str(err))
        return
    seen_dirs.add((st.st_dev, st.st_ino))
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        if folders is not None:
            folders.append(folder)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            yield Problem(folder, ProblemKind.UNREADABLE_FOLDER, err.strerror or str(err))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            is_link = entry.is_symlink()
            if is_link:
                target = os.path.realpath(path)
                if not _inside(Path(target), root_real):
                    if _looks_markdown(entry.name) or Path(target).is_dir():
                        yield Problem(path, ProblemKind.LINK_OUTSIDE, target)
                    continue
            try:
                st = entry.stat(follow_symlinks=True)
            except OSError:
                continue  # dangling link or vanished file
            ident = (st.st_dev, st.st_ino)
            if stat.S_ISDIR(st.st_mode):
                if ident not in seen_dirs and depth < MAX_DEPTH:
                    seen_dirs.add(ident)
                    subfolders.append((path, depth + 1))
                continue
            if not _looks_markdown(entry.name):
                continue
            if not stat.S_ISREG(st.st_mode):
                yield Problem(path, ProblemKind.NOT_A_FILE)
                continue
            if ident in seen_files:
                continue
            seen_files.add(ident)
            rel = unicodedata.normalize("NFC", path.relative_to(root).as_posix())
            yield FoundFile(path, rel, st.st_size, st.st_mtime_ns)
            found += 1
            if found >= MAX_FILES:
                return
        stack.extend(reversed(subfolders))


def _inside(path: Path, root_real: Path) -> bool:
    return path == root_real or path.is_relative_to(root_real)


def _looks_markdown(name: str) -> bool:
    return name.lower().endswith(MARKDOWN_SUFFIXES)


@dataclass(frozen=True, slots=True)
class Placement:
    """What a file's path says about it: translation key and language, if any."""

    key: str
    lang: str | None  # None: untagged (the default language unless front matter says)


def place(rel: str) -> Placement:
    """Read the layout from a relative path.

    ``topic/slug.es.md`` (Hugo by file name), ``es/slug.md`` or ``_articles/es/slug.md``
    (language folders) and untagged ``slug.md`` all give key ``slug`` (with its folders).
    """
    posix = PurePosixPath(rel)
    stem = posix.name
    for suffix in MARKDOWN_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    lang = None
    base, dot, marker = stem.rpartition(".")
    if dot and base and _is_language(marker):
        stem, lang = base, _language(marker)
    folders = list(posix.parent.parts)
    for i in range(len(folders) - 1, -1, -1):
        # Only our own languages mark a folder: "it/" or "no/" is more often a word.
        if _is_language(folders[i]) and _language(folders[i]) in LANGUAGES:
            folder_lang = _language(folders[i])
            del folders[i]
            lang = lang or folder_lang
            break
    key = "/".join([*folders, stem])
    return Placement(key, lang)


def _language(code: str) -> str:
    return code.lower().replace("_", "-").split("-")[0]


def _is_language(name: str) -> bool:
    parts = name.replace("_", "-").split("-")
    if len(parts) > 2 or parts[0].lower() != parts[0] or parts[0] not in ISO_639_1:
        return False
    return len(parts) == 1 or 2 <= len(parts[1]) <= 4


def normalise_language(value: str) -> str | None:
    """A front matter ``lang`` value to one of LANGUAGES, or None if it is another language."""
    code = _language(value.strip())
    return code if code in LANGUAGES else None


def resolve_language(placement: Placement, front_matter_lang: str) -> tuple[str | None, str]:
    """The version's language: front matter wins over the path; untagged means English.

    Returns (language or None when unsupported, the code that was found).
    """
    if front_matter_lang:
        return normalise_language(front_matter_lang), front_matter_lang
    if placement.lang is None:
        return DEFAULT_LANGUAGE, DEFAULT_LANGUAGE
    return (placement.lang if placement.lang in LANGUAGES else None), placement.lang
