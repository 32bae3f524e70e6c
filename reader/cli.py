"""The ``lector`` command: the GUI by default, and command-line tools on the same core."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader import LANGUAGES, __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lector", description="An offline reader for bilingual English/Spanish documents."
    )
    parser.add_argument("--version", action="version", version=f"lector {__version__}")
    parser.add_argument(
        "--portable", action="store_true", help="keep settings and indexes beside the program"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check offscreen that this installation works (exit 0: all passed)",
    )
    parser.add_argument("--json", action="store_true", help="with --self-test: print JSON")
    sub = parser.add_subparsers(dest="command")
    gui = sub.add_parser("gui", help="open the reader window (the default)")
    gui.add_argument(
        "--library",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="also open this library folder (repeatable)",
    )
    check = sub.add_parser("check", help="list a folder's documents, languages and problems")
    check.add_argument("path", type=Path)
    check.add_argument("--json", action="store_true", help="print JSON")
    index = sub.add_parser("index", help="build or update the search index of library folders")
    _library_option(index)
    index.add_argument("--rebuild", action="store_true", help="build the index afresh")
    search = sub.add_parser("search", help="search library folders")
    search.add_argument("query")
    _library_option(search)
    search.add_argument("--lang", choices=LANGUAGES, help="only versions in this language")
    search.add_argument("--limit", type=int, default=20, help="at most this many hits (20)")
    search.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _library_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="library folder (repeatable; default: the bundled library)",
    )


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--render-worker"]:  # the frozen executable doubles as its render worker
        from reader.render.worker import main as worker_main

        worker_main()
        return 0
    if argv[:1] == ["--index-worker"]:  # and as the processes a large index build is shared among
        from reader.search.indexer import main as indexer_main

        indexer_main()
        return 0
    args = _parser().parse_args(argv)
    if args.self_test:
        from reader.selftest import main as self_test

        return self_test(as_json=args.json)
    if args.command == "check":
        return check(args.path, as_json=args.json)
    if args.command in ("index", "search"):
        from reader.search import commands as search_cli

        if args.command == "index":
            return search_cli.index(args.library, rebuild=args.rebuild, portable=args.portable)
        return search_cli.search(
            args.query,
            args.library,
            lang=args.lang,
            limit=args.limit,
            as_json=args.json,
            portable=args.portable,
        )
    return gui(getattr(args, "library", []), portable=args.portable)


def gui(libraries: list[Path], *, portable: bool) -> int:
    from reader import sysdeps
    from reader.logs import setup_logging
    from reader.paths import UserDirs

    missing = sysdeps.missing_packages()
    if missing:
        print(sysdeps.advice(missing), file=sys.stderr)
        return 1
    from reader.ui.app import run

    dirs = UserDirs.resolve(portable=portable)
    dirs.ensure()
    setup_logging(dirs.logs)
    return run(dirs, [p.resolve() for p in libraries])


def check(path: Path, *, as_json: bool) -> int:
    """``lector check PATH``: exit 0 when every file reads cleanly, 1 otherwise, 2 no folder."""
    from reader.library import load_library
    from reader.ui.messages import problem_line, problem_reason

    if not path.is_dir():
        print(f"lector: {path} is not a folder", file=sys.stderr)
        return 2
    library = load_library(path)
    documents = sorted(library.documents.values(), key=lambda d: d.key)
    if as_json:
        out = {
            "library": str(path.resolve()),
            "documents": [
                {
                    "key": doc.key,
                    "languages": list(doc.languages),
                    "missing": list(doc.missing_languages),
                    "versions": {
                        lang: {
                            "path": v.rel,
                            "title": v.title,
                            "date": v.date.isoformat() if v.date else None,
                        }
                        for lang, v in doc.versions.items()
                    },
                }
                for doc in documents
            ],
            "problems": [
                {
                    "path": str(p.path.relative_to(path))
                    if p.path.is_relative_to(path)
                    else str(p.path),
                    "line": p.line,
                    "kind": p.kind.value,
                    "severity": p.severity.value,
                    "reason": problem_reason(p.kind),
                    "detail": p.detail,
                }
                for p in library.problems
            ],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for doc in documents:
            langs = " ".join(lang.upper() for lang in doc.languages)
            print(f"{langs:6} {doc.key}  {doc.title(doc.languages[0])}")
        print(f"\n{len(documents)} documents, {len(library.problems)} problems")
        for problem in library.problems:
            print(f"  {problem_line(problem, path)}")
    return 1 if library.problems else 0
