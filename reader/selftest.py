"""``lector --self-test``: drive the real application offscreen and report every step.

The same checks run from a source checkout and from the packaged program, where
they prove that what the bundle left out was not needed: the Qt platform plugin,
the bundled library, the render worker (the executable started again with
``--render-worker``), the indexing processes (``--index-worker``), the window,
reading a document in both languages, the search index, glossary marking, the
Spanish interface, and a second launch reaching the running one.

A check is one function that takes the :class:`Context` and returns a short detail
line, or raises :class:`CheckError` (any other exception counts as a failure too).
Adding a check is adding one function decorated with :func:`check`. Checks run in
the order they are declared; later ones may use what earlier ones set up through
the context (``ctx.window()`` builds the window once, on first use).

Nothing is written outside a temporary folder, which is removed at the end.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from reader import __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from reader.library import Library
    from reader.render.service import RenderService
    from reader.ui.document_list import Entry
    from reader.ui.main_window import MainWindow

WAIT_SECONDS = 60.0
"""Longest wait for any one thing; generous, because CI machines can be slow."""


class CheckError(Exception):
    """A check found something wrong; the message says what, for the report line."""


def expect(condition: object, message: str) -> None:
    if not condition:
        raise CheckError(message)


@dataclass(frozen=True)
class Outcome:
    name: str
    ok: bool
    detail: str
    seconds: float


Check = Callable[["Context"], str]

CHECKS: list[tuple[str, Check]] = []


def check(name: str) -> Callable[[Check], Check]:
    """Register a check under ``name``; it runs after the ones declared before it."""

    def register(func: Check) -> Check:
        CHECKS.append((name, func))
        return func

    return register


def _qt_message(kind: object, context: object, message: str) -> None:
    """Qt's messages to stderr, minus the offscreen plugin's notes on what it cannot do."""
    if not message.startswith("This plugin does not support") and sys.stderr is not None:
        sys.stderr.write(message + "\n")


class Context:
    """What the checks share: a temporary home, the Qt application, the window."""

    def __init__(self, base: Path) -> None:
        from reader.paths import UserDirs

        self.base = base
        self.dirs = UserDirs.under(base / "user")
        self.dirs.ensure()
        self._app: QApplication | None = None
        self._renderer: RenderService | None = None
        self._window: MainWindow | None = None
        self._window_error: str | None = None
        self.library: Library | None = None

    # --- shared pieces, built on first use ------------------------------------------

    def app(self) -> QApplication:
        if self._app is None:
            from PySide6.QtCore import qInstallMessageHandler

            from reader.ui.app import create_application

            qInstallMessageHandler(_qt_message)
            self._app = create_application([])
        return self._app

    def renderer(self) -> RenderService:
        if self._renderer is None:
            from reader.render.service import RenderService

            self._renderer = RenderService()
        return self._renderer

    def window(self) -> MainWindow:
        """The real main window on the bundled library, loaded and shown (built once)."""
        if self._window_error:
            raise CheckError(f"the window could not be built: {self._window_error}")
        if self._window is None:
            try:
                self._window = self._build_window()
            except Exception as err:
                self._window_error = str(err) or type(err).__name__
                raise
        return self._window

    def _build_window(self) -> MainWindow:
        from reader.ui.app import build_window

        self.app()
        window = build_window(self.dirs, self.renderer())
        window.resize(1200, 800)
        window.show()
        window.load_libraries()
        self.wait_until(lambda: bool(window.libraries), "the library to load into the window")
        return window

    # --- waiting without blocking Qt ------------------------------------------------

    def wait_until(
        self, predicate: Callable[[], object], what: str, timeout: float = WAIT_SECONDS
    ) -> None:
        """Run Qt's event loop until ``predicate()`` is true, or fail after ``timeout`` s."""
        from PySide6.QtCore import QEventLoop, QTimer

        if predicate():
            return
        loop = QEventLoop()
        deadline = time.monotonic() + timeout
        timer = QTimer()
        timer.setInterval(10)

        def poll() -> None:
            if predicate() or time.monotonic() > deadline:
                loop.quit()

        timer.timeout.connect(poll)
        timer.start()
        loop.exec()
        timer.stop()
        if not predicate():
            raise CheckError(f"gave up after {timeout:.0f} s waiting for {what}")

    def close(self) -> None:
        """Close what the checks opened, so the temporary folder can go."""
        if self._window is not None:
            from PySide6.QtCore import QCoreApplication, QEvent

            self._window.close()
            self._window.jobs.wait()
            self._window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            self._window = None
        if self._renderer is not None:
            self._renderer.close()
            self._renderer = None


# --- the checks ---------------------------------------------------------------------


@check("bundled files")
def check_resources(ctx: Context) -> str:
    from reader.paths import (
        bundle_root,
        bundled_glossary_dir,
        bundled_library_dir,
        i18n_dir,
        icon_path,
    )

    library = bundled_library_dir()
    expect(library.is_dir(), f"no bundled library at {library}")
    expect(any(library.rglob("*.md")), f"the bundled library at {library} has no documents")
    glossary = bundled_glossary_dir()
    expect(any(glossary.glob("*.yaml")), f"no glossary files in {glossary}")
    icon = icon_path()
    expect(icon.is_file(), f"the application icon is missing: {icon}")
    catalogue = i18n_dir() / "lector_es.qm"
    expect(catalogue.is_file(), f"the Spanish interface catalogue is missing: {catalogue}")
    where = "bundle" if getattr(sys, "frozen", False) else "source tree"
    return f"{where} at {bundle_root()}"


@check("Qt platform")
def check_qt_platform(ctx: Context) -> str:
    from PySide6.QtCore import QCoreApplication, qVersion
    from PySide6.QtGui import QGuiApplication

    app = ctx.app()
    expect(
        QGuiApplication.platformName() == "offscreen",
        f"Qt started the {QGuiApplication.platformName()!r} platform, not offscreen",
    )
    expect(not app.windowIcon().isNull(), "the application icon did not load")
    plugins = set()
    for folder in QCoreApplication.libraryPaths():
        platforms = Path(folder) / "platforms"
        if platforms.is_dir():
            plugins |= {p.name.removeprefix("libq").split(".")[0] for p in platforms.iterdir()}
    # The desktop needs these even though this run does not use them.
    missing = {"xcb", "wayland", "offscreen"} - plugins
    expect(not missing, f"platform plugins missing: {', '.join(sorted(missing))}")
    return f"Qt {qVersion()}, offscreen; plugins {', '.join(sorted(plugins))}"


@check("bundled library")
def check_library(ctx: Context) -> str:
    from reader.library import load_library
    from reader.paths import bundled_library_dir

    library = load_library(bundled_library_dir())
    ctx.library = library
    documents = list(library.documents.values())
    both = [d for d in documents if set(d.languages) == {"en", "es"}]
    expect(len(documents) >= 2, f"only {len(documents)} documents in the bundled library")
    expect(both, "no document in the bundled library has both English and Spanish")
    expect(
        not library.problems,
        "problems in the bundled library: "
        + "; ".join(f"{p.path.name}: {p.kind.value}" for p in library.problems[:3]),
    )
    return f"{len(documents)} documents, {len(both)} in both languages, no problems"


@check("render worker")
def check_render_worker(ctx: Context) -> str:
    from reader.render.service import worker_command

    renderer = ctx.renderer()
    renderer.start()
    rendered = renderer.render("# Título\n\nUn párrafo con *énfasis*.\n\n- uno\n- dos\n")
    expect(rendered.notice is None, f"the worker failed: {rendered.notice_detail}")
    expect("<h1" in rendered.html and "<em>énfasis</em>" in rendered.html, "unexpected HTML")
    expect(len(rendered.blocks) >= 3, f"{len(rendered.blocks)} anchored blocks, expected 3")
    command = worker_command()
    return "worker: " + " ".join([Path(command[0]).name, *command[1:]])


@check("index processes")
def check_index_processes(ctx: Context) -> str:
    import os

    from reader.search import SearchIndex
    from reader.search.indexer import command

    root = _library(ctx).root
    # Shared even though small, so the packaged program is seen starting its helpers.
    ix = SearchIndex(ctx.base / "shared-index", root, parallel_from=1, commit_every=4)
    try:
        report = ix.sync(_library(ctx).versions())
        expect(report.rebuilt and not report.failed, f"the build did not complete: {report}")
        expect(ix.search("open data").hits, "no results for 'open data'")
    finally:
        ix.close()
    started = " ".join([Path(command()[0]).name, *command()[1:]])
    if report.processes < 2:
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        expect(cpus == 1, f"built in one process on {cpus} processors")
        return f"{report.documents} versions in one process (one processor)"
    return f"{report.documents} versions in {report.processes} processes: {started}"


@check("main window")
def check_window(ctx: Context) -> str:
    window = ctx.window()
    rows = len(window.document_list.model.entries())
    expect(rows >= 2, f"the document list shows {rows} documents")
    expect(window.isVisible(), "the main window is not visible")
    return f"{rows} documents listed"


def _bilingual_entry(ctx: Context) -> Entry:
    window = ctx.window()
    entries = [
        e for e in window.document_list.model.entries() if set(e.document.languages) >= {"en", "es"}
    ]
    expect(entries, "no bilingual document in the list")
    return sorted(entries, key=lambda e: e.document.key)[0]


def _shown_text(ctx: Context, lang: str) -> str:
    window = ctx.window()
    ctx.wait_until(
        lambda: (
            window.reader_view.shown_language == lang
            and bool(window.reader_view.primary.toPlainText().strip())
        ),
        f"the {lang} version to show",
    )
    shown = window.reader_view.shown
    assert shown is not None
    expect(shown.versions[lang].rendered.notice is None, f"the {lang} version fell back to text")
    return window.reader_view.primary.toPlainText()


@check("read in English")
def check_read_english(ctx: Context) -> str:
    window = ctx.window()
    entry = _bilingual_entry(ctx)
    window.set_reading_language("en")
    window.open_document(entry.doc_id)
    ctx.wait_until(
        lambda: (
            window.reader_view.shown is not None and window.reader_view.shown.doc_id == entry.doc_id
        ),
        "the document to open",
    )
    text = _shown_text(ctx, "en")
    title = entry.document.title("en")
    expect(title in text, f"the English title {title!r} is not in the pane")
    return f"{title!r}, {len(text.split())} words"


@check("read in Spanish")
def check_read_spanish(ctx: Context) -> str:
    window = ctx.window()
    expect(window.reader_view.shown is not None, "no document is open")
    before = window.reader_view.primary.toPlainText()
    window.toggle_language()
    text = _shown_text(ctx, "es")
    shown = window.reader_view.shown
    assert shown is not None
    title = shown.document.title("es")
    expect(title in text, f"the Spanish title {title!r} is not in the pane")
    expect(text != before, "the pane still shows the English text")
    return f"{title!r}, {len(text.split())} words"


@check("glossary popup")
def check_glossary_popup(ctx: Context) -> str:
    from PySide6.QtCore import QUrl

    from reader.ui.glossary_popup import marked_terms

    window = ctx.window()
    pane = window.reader_view.primary
    doc = pane.version()
    expect(doc is not None, "no document is open")
    assert doc is not None
    terms = marked_terms(doc)
    expect(terms, f"no glossary term is marked in the {doc.lang} text")
    entry_id = terms[0][0]
    glossary = window.glossary
    glossary.handle_link(QUrl(f"gloss:{entry_id}"), doc)
    ctx.wait_until(glossary.popup.isVisible, "the glossary popup to show")
    entry = glossary.glossary().get(entry_id)
    expect(entry is not None, f"the glossary has no entry {entry_id!r}")
    assert entry is not None
    shown = glossary.popup.text_label.text()
    expect(shown == entry.side(doc.lang).short, f"the popup shows {shown[:60]!r}")
    glossary.popup.more_button.click()
    ctx.wait_until(lambda: glossary.panel.current_id == entry_id, "the glossary panel to open")
    glossary.panel.hide()
    return f"{len(terms)} terms marked; {entry.side(doc.lang).term!r} explained"


@check("search")
def check_search(ctx: Context) -> str:
    from PySide6.QtCore import Qt

    window = ctx.window()
    panel = window.search_panel
    ctx.wait_until(lambda: panel.indexed_once, "the library to be indexed")
    found = []
    for query, lang in (("participacion ciudadana", "es"), ("open data", "en")):
        panel.search_box.setText(query)
        panel.search_now()
        ctx.wait_until(lambda q=query: panel.shown_query == q, f"results for {query!r}")
        hits = [
            panel.results.item(i).data(Qt.ItemDataRole.UserRole + 10)[1]
            for i in range(panel.results.count())
        ]
        expect(hits, f"no results for {query!r}")
        expect(any(h.lang == lang for h in hits), f"no {lang.upper()} result for {query!r}")
        found.append(f"{query!r}: {len(hits)}")
    root, hit = panel.results.item(0).data(Qt.ItemDataRole.UserRole + 10)
    panel.open_hit(root, hit)
    ctx.wait_until(lambda: bool(panel.find_bar.spans), "the hit to open highlighted")
    panel.find_bar.close_bar()
    other = "en" if hit.lang == "es" else "es"
    window.toggle_language()
    _shown_text(ctx, other)
    return ", ".join(found) + f"; hit opened in {hit.lang.upper()}, shown in {other.upper()}"


def _library(ctx: Context) -> Library:
    if ctx.library is None:
        from reader.library import load_library
        from reader.paths import bundled_library_dir

        ctx.library = load_library(bundled_library_dir())
    return ctx.library


@check("glossary marking")
def check_glossary(ctx: Context) -> str:
    import re

    from reader.glossary import GlossaryStore, entry_id_from_href
    from reader.library import read_version
    from reader.paths import bundled_glossary_dir

    store = GlossaryStore(bundled_glossary_dir())
    glossary = store.bundled()
    expect(glossary.entries, "the bundled glossary is empty")
    expect(not glossary.problems, f"problems in the bundled glossary: {glossary.problems[:3]}")
    library = _library(ctx)
    document = next(d for d in library.documents.values() if set(d.languages) >= {"en", "es"})
    marked = {}
    for lang in ("en", "es"):
        parsed = read_version(document.versions[lang])
        expect(not isinstance(parsed, list), f"cannot read {document.versions[lang].rel}")
        assert not isinstance(parsed, list)
        # Marking happens in the render worker, so this also checks it receives the terms.
        rendered = ctx.renderer().render(parsed.body, lang, store.terms(None, lang))
        expect(rendered.notice is None, f"rendering failed: {rendered.notice_detail}")
        ids = {
            entry_id_from_href(href) for href in re.findall(r'href="([^"]*)"', rendered.html)
        } - {None}
        expect(ids, f"no glossary term marked in {document.versions[lang].rel}")
        marked[lang] = len(ids)
    return (
        f"{len(glossary.entries)} entries; {document.key}: {marked['en']} terms marked "
        f"in English, {marked['es']} in Spanish"
    )


@check("Spanish interface")
def check_spanish_interface(ctx: Context) -> str:
    from PySide6.QtCore import QCoreApplication

    from reader.ui.i18n import InterfaceLanguage

    window = ctx.window()
    language = InterfaceLanguage.of_application(window.settings)
    before = language.choice()
    # Looked up through variables: these are the catalogues' strings, not new ones.
    ours, qts = ("MainWindow", "&View"), ("QPlatformTheme", "Cancel")
    try:
        expect(language.apply("es", remember=False), language.error or "Spanish did not load")
        view = QCoreApplication.translate(*ours)
        expect(view != ours[1], "the catalogue has no Spanish for the View menu")
        ctx.wait_until(lambda: window.menu_view.title() == view, "the menus to turn Spanish")
        cancel = QCoreApplication.translate(*qts)
        expect(cancel != qts[1], "Qt's own Spanish (qtbase_es) did not load")
    finally:
        language.apply(before, remember=False)
    return f"menu {view!r}, Qt's dialogs {cancel!r}"


@check("second launch")
def check_second_launch(ctx: Context) -> str:
    from reader.ui.single_instance import SingleInstance

    ctx.app()
    folder = ctx.base / "instance"
    first, second = SingleInstance(folder), SingleInstance(folder)
    activated = []
    first.activation_requested.connect(lambda: activated.append(True))
    try:
        expect(first.acquire(), "the first Lector could not take the lock")
        expect(first.server is not None, "no local socket: a second launch cannot reach us")
        expect(not second.acquire(), "a second Lector took the lock too")
        expect(second.notify_running(), "a second launch could not reach the running one")
        ctx.wait_until(lambda: activated, "the running Lector to be asked forward")
    finally:
        first.release()
    return "the running window is brought forward"


# --- running ------------------------------------------------------------------------


def run_checks(ctx: Context, checks: Iterable[tuple[str, Check]]) -> list[Outcome]:
    outcomes = []
    for name, func in checks:
        started = time.perf_counter()
        try:
            detail, ok = func(ctx), True
        except CheckError as err:
            detail, ok = str(err), False
        except Exception as err:  # noqa: BLE001 - a crash in a check is that check failing
            detail, ok = f"{type(err).__name__}: {err}", False
            if sys.stderr is not None:
                traceback.print_exc(file=sys.stderr)
        outcomes.append(Outcome(name, ok, detail, round(time.perf_counter() - started, 3)))
    return outcomes


def report(outcomes: list[Outcome], out: TextIO, *, as_json: bool, seconds: float) -> None:
    passed = sum(o.ok for o in outcomes)
    if as_json:
        data = {
            "passed": passed == len(outcomes),
            "version": __version__,
            "frozen": bool(getattr(sys, "frozen", False)),
            "seconds": round(seconds, 3),
            "checks": [asdict(o) for o in outcomes],
        }
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    width = max((len(o.name) for o in outcomes), default=0)
    for o in outcomes:
        mark = "ok  " if o.ok else "FAIL"
        out.write(f"{mark}  {o.name:{width}}  {o.detail}  ({o.seconds:.2f} s)\n")
    verdict = "passed" if passed == len(outcomes) else "FAILED"
    out.write(f"self-test {verdict}: {passed} of {len(outcomes)} checks in {seconds:.1f} s\n")


def main(*, as_json: bool = False, checks: Iterable[tuple[str, Check]] | None = None) -> int:
    """Run the checks offscreen in a temporary home; exit status 0 only if all pass."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # never a window on the user's screen
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lector-selftest-") as tmp:
        ctx = Context(Path(tmp))
        try:
            outcomes = run_checks(ctx, CHECKS if checks is None else checks)
        finally:
            ctx.close()
    out = sys.stdout
    if out is not None:
        report(outcomes, out, as_json=as_json, seconds=time.perf_counter() - started)
        out.flush()
    return 0 if outcomes and all(o.ok for o in outcomes) else 1
