"""Interface translations: extract tr() strings into i18n/*.ts, compile .qm, check completeness.

Usage (from the repository root):

    python tools/i18n.py update    # refresh i18n/lector_es.ts (and lector_en.ts for plurals)
    python tools/i18n.py release   # compile i18n/*.ts into i18n/*.qm (build outputs, not committed)
    python tools/i18n.py check     # exit 1 if a string is untranslated, obsolete or inconsistent

The extractor reads ``reader/**/*.py`` with the ``ast`` module rather than running
``pyside6-lupdate``: lupdate's Python parser loses the class name (and so the
context) for some classes and cannot see helpers such as ``_tr(text)`` that wrap
``QCoreApplication.translate`` with a fixed context. It recognises:

- ``self.tr("text")``, ``self.tr("text", "disambiguation")``, ``self.tr("%n x", "", n)``
  inside a class (context: the class name, which is what PySide6 looks up);
- ``QCoreApplication.translate("Context", "text", ...)`` and ``QT_TRANSLATE_NOOP``;
- calls to a module-level helper whose body returns ``….translate("Context", param)``.

The .ts files keep their translations across updates; messages are sorted so that
concurrent additions from different branches rarely conflict.
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "reader"
I18N = ROOT / "i18n"

# language code -> (TS language attribute, number of plural forms, plurals only?)
CATALOGUES = {
    "es": ("es_ES", 2, False),
    "en": ("en_US", 2, True),
}

PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%n|%L?\d+")


@dataclass
class Message:
    context: str
    source: str
    comment: str = ""
    numerus: bool = False
    locations: set[str] = field(default_factory=set)
    translation: str = ""
    forms: list[str] = field(default_factory=list)
    unfinished: bool = True
    vanished: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


@dataclass
class Problem:
    where: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


# --- extraction -------------------------------------------------------------------------


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _call_name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _helpers(tree: ast.Module) -> dict[str, str]:
    """Module-level functions that return translate("Context", <first parameter>)."""
    found = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.args.args:
            continue
        param = node.args.args[0].arg
        for stmt in ast.walk(node):
            if (
                isinstance(stmt, ast.Return)
                and isinstance(stmt.value, ast.Call)
                and _call_name(stmt.value.func) == "translate"
                and len(stmt.value.args) >= 2
                and _literal(stmt.value.args[0]) is not None
                and isinstance(stmt.value.args[1], ast.Name)
                and stmt.value.args[1].id == param
            ):
                found[node.name] = _literal(stmt.value.args[0]) or ""
    return found


class _Extractor(ast.NodeVisitor):
    def __init__(self, path: Path, tree: ast.Module, base: Path) -> None:
        self.path = path
        self.rel = path.relative_to(base).as_posix()
        self.helpers = _helpers(tree)
        self.classes: list[str] = []
        self.function: list[str] = []
        self.messages: list[Message] = []
        self.problems: list[Problem] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.function.append(node.name)
        self.generic_visit(node)
        self.function.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # noqa: N815

    def _add(self, node: ast.Call, context: str, args: list[ast.expr]) -> None:
        where = f"{self.rel}:{node.lineno}"
        if not args:
            return
        source = _literal(args[0])
        if source is None:
            if isinstance(args[0], ast.JoinedStr | ast.BinOp):
                self.problems.append(
                    Problem(where, "build translated text with .format() after tr(), not before")
                )
            return  # a variable: the text is marked elsewhere (QT_TRANSLATE_NOOP)
        comment = _literal(args[1]) if len(args) > 1 else ""
        if comment is None:
            self.problems.append(Problem(where, "the disambiguation must be a plain string"))
            comment = ""
        numerus = len(args) > 2 or any(k.arg == "n" for k in node.keywords)
        self.messages.append(Message(context, source, comment, numerus, {self.rel}))

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node.func)
        if name == "tr" and isinstance(node.func, ast.Attribute):
            if self.classes:
                self._add(node, self.classes[-1], list(node.args))
            else:
                self.problems.append(
                    Problem(
                        f"{self.rel}:{node.lineno}",
                        "tr() outside a class has no context; use QCoreApplication.translate",
                    )
                )
        elif name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2:
            context = _literal(node.args[0])
            inside_helper = bool(self.function) and self.function[-1] in self.helpers
            if context is not None and not (inside_helper and _literal(node.args[1]) is None):
                self._add(node, context, list(node.args[1:]))
        elif isinstance(node.func, ast.Name) and name in self.helpers:
            self._add(node, self.helpers[name], list(node.args))
        self.generic_visit(node)


def extract(sources: Path = SOURCES) -> tuple[dict[tuple[str, str, str], Message], list[Problem]]:
    found: dict[tuple[str, str, str], Message] = {}
    problems: list[Problem] = []
    for path in sorted(sources.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        try:
            tree = ast.parse(text, filename=str(path))
        except SyntaxError as err:
            problems.append(Problem(f"{path}:{err.lineno}", f"cannot parse: {err.msg}"))
            continue
        extractor = _Extractor(path, tree, sources.parent)
        extractor.visit(tree)
        problems += extractor.problems
        for message in extractor.messages:
            known = found.get(message.key)
            if known is None:
                found[message.key] = message
            else:
                known.locations |= message.locations
                if known.numerus != message.numerus:
                    problems.append(
                        Problem(
                            ", ".join(sorted(known.locations)),
                            f"{message.source!r} is used both with and without a count",
                        )
                    )
    return found, problems


# --- TS files -----------------------------------------------------------------------------


def _from_ts_location(filename: str) -> str:
    """Locations are written relative to i18n/; keep them relative to the repository."""
    while filename.startswith("../"):
        filename = filename[3:]
    return filename


def read_ts(path: Path) -> dict[tuple[str, str, str], Message]:
    messages: dict[tuple[str, str, str], Message] = {}
    if not path.exists():
        return messages
    root = ET.parse(path).getroot()
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for node in ctx.iter("message"):
            tr = node.find("translation")
            kind = tr.get("type", "") if tr is not None else "unfinished"
            message = Message(
                name,
                node.findtext("source") or "",
                node.findtext("comment") or "",
                node.get("numerus") == "yes",
                {_from_ts_location(loc.get("filename", "")) for loc in node.iter("location")},
                unfinished=kind == "unfinished",
                vanished=kind in ("vanished", "obsolete"),
            )
            if tr is not None:
                if message.numerus:
                    message.forms = [f.text or "" for f in tr.iter("numerusform")]
                else:
                    message.translation = tr.text or ""
            messages[message.key] = message
    return messages


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_ts(path: Path, language: str, messages: dict[tuple[str, str, str], Message]) -> None:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        f'<TS version="2.1" language="{language}" sourcelanguage="en_US">',
    ]
    contexts = sorted({m.context for m in messages.values()})
    for context in contexts:
        lines += ["<context>", f"    <name>{_esc(context)}</name>"]
        in_context = [m for m in messages.values() if m.context == context]
        for m in sorted(in_context, key=lambda m: (m.source.casefold(), m.source, m.comment)):
            lines.append('    <message numerus="yes">' if m.numerus else "    <message>")
            for loc in sorted(m.locations):
                rel = Path("..", loc).as_posix()
                lines.append(f'        <location filename="{_esc(rel)}"/>')
            lines.append(f"        <source>{_esc(m.source)}</source>")
            if m.comment:
                lines.append(f"        <comment>{_esc(m.comment)}</comment>")
            kind = ' type="unfinished"' if m.unfinished else ""
            if m.vanished:
                kind = ' type="vanished"'
            if m.numerus:
                lines.append(f"        <translation{kind}>")
                for form in m.forms:
                    lines.append(f"            <numerusform>{_esc(form)}</numerusform>")
                lines.append("        </translation>")
            else:
                lines.append(f"        <translation{kind}>{_esc(m.translation)}</translation>")
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def ts_path(lang: str) -> Path:
    return I18N / f"lector_{lang}.ts"


def merge(
    lang: str, extracted: dict[tuple[str, str, str], Message], *, keep_obsolete: bool
) -> tuple[dict[tuple[str, str, str], Message], list[Message]]:
    """The catalogue for ``lang``: every extracted string, with the translations already made."""
    _, forms, plurals_only = CATALOGUES[lang]
    old = read_ts(ts_path(lang))
    merged: dict[tuple[str, str, str], Message] = {}
    for key, found in extracted.items():
        if plurals_only and not found.numerus:
            continue
        message = Message(*key, found.numerus, set(found.locations))
        before = old.pop(key, None)
        if before is not None and before.numerus == found.numerus:
            message.translation, message.forms = before.translation, before.forms
            message.unfinished = before.unfinished
        if message.numerus and len(message.forms) != forms:
            message.forms = (message.forms + [""] * forms)[:forms]
        merged[key] = message
    dropped = [m for m in old.values() if m.translation or any(m.forms)]
    if keep_obsolete:
        for m in dropped:
            m.vanished, m.unfinished = True, False
            merged[m.key] = m
    return merged, dropped


# --- checking -------------------------------------------------------------------------------


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def _accelerators(text: str) -> int:
    return len(re.findall(r"&[^&\s]", text.replace("&&", "")))


def check_catalogue(
    lang: str, extracted: dict[tuple[str, str, str], Message], path: Path | None = None
) -> list[Problem]:
    _, forms, plurals_only = CATALOGUES[lang]
    path = path or ts_path(lang)
    rel = path.name
    try:
        catalogue = read_ts(path)
    except ET.ParseError as err:
        return [Problem(rel, f"not valid TS XML: {err}")]
    problems = []
    wanted = {k: m for k, m in extracted.items() if m.numerus or not plurals_only}
    for key, m in sorted(wanted.items()):
        where = f"{rel} [{m.context}] {m.source!r}"
        have = catalogue.get(key)
        if have is None or have.vanished:
            problems.append(Problem(where, "missing: run tools/i18n.py update"))
            continue
        if have.numerus != m.numerus:
            problems.append(Problem(where, "plural form changed: run tools/i18n.py update"))
            continue
        texts = have.forms if have.numerus else [have.translation]
        if have.unfinished or not all(t.strip() for t in texts):
            problems.append(Problem(where, "not translated (or still marked unfinished)"))
            continue
        if have.numerus and len(texts) != forms:
            problems.append(Problem(where, f"needs {forms} plural forms, has {len(texts)}"))
        for text in texts:
            want = [p for p in _placeholders(m.source) if p != "%n" or not have.numerus]
            got = [p for p in _placeholders(text) if p != "%n" or not have.numerus]
            if want != got:
                problems.append(
                    Problem(where, f"placeholders differ: {want} in English, {got} in {text!r}")
                )
            if _accelerators(m.source) != _accelerators(text):
                problems.append(Problem(where, f"the &-shortcut is lost or doubled in {text!r}"))
        if have.numerus and not all("%n" in t for t in texts[1:]):
            problems.append(Problem(where, "the plural forms must show the number (%n)"))
    for key, have in sorted(catalogue.items()):
        if key not in wanted:
            problems.append(
                Problem(f"{rel} [{have.context}] {have.source!r}", "obsolete: run update")
            )
    return problems


# --- compiling ----------------------------------------------------------------------------------


def lrelease() -> Path:
    import PySide6

    folder = Path(PySide6.__file__).resolve().parent
    for name in ("lrelease", "lrelease.exe"):
        if (folder / name).is_file():
            return folder / name
    raise SystemExit("lrelease not found in PySide6 (it ships with PySide6-Essentials)")


def release(quiet: bool = False) -> list[Path]:
    """Compile every i18n/*.ts into a .qm beside it, only when the .ts is newer."""
    built = []
    tool = None
    for ts in sorted(I18N.glob("lector_*.ts")):
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        tool = tool or lrelease()
        subprocess.run(
            [str(tool), "-silent", str(ts), "-qm", str(qm)],
            check=True,
            stdout=subprocess.DEVNULL if quiet else None,
        )
        built.append(qm)
    return built


# --- command line -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/i18n.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("update", help="extract tr() strings into i18n/lector_*.ts")
    up.add_argument("--keep-obsolete", action="store_true", help="keep translations no longer used")
    sub.add_parser("release", help="compile i18n/*.ts into .qm")
    sub.add_parser("check", help="fail if a string is untranslated, obsolete or inconsistent")
    args = parser.parse_args(argv)

    if args.command == "release":
        for qm in release():
            print(f"built {qm.relative_to(ROOT)}")
        return 0

    extracted, problems = extract()
    if args.command == "update":
        for lang, (language, _, _) in CATALOGUES.items():
            merged, dropped = merge(lang, extracted, keep_obsolete=args.keep_obsolete)
            write_ts(ts_path(lang), language, merged)
            todo = sum(1 for m in merged.values() if m.unfinished and not m.vanished)
            print(f"{ts_path(lang).relative_to(ROOT)}: {len(merged)} strings, {todo} to translate")
            for m in dropped:
                verb = "kept as vanished" if args.keep_obsolete else "dropped"
                print(f"  {verb}: [{m.context}] {m.source!r}")
        for problem in problems:
            print(f"warning: {problem}", file=sys.stderr)
        return 0

    for lang in CATALOGUES:
        problems += check_catalogue(lang, extracted)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} translation problem(s)", file=sys.stderr)
        return 1
    print(f"translations complete: {len(extracted)} strings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
