"""Measurements that need a process of their own: start-up, the EN/ES switch, peak memory.

Run as ``python -m benchmarks.probes KIND [options]``; the last line printed is JSON.
Start-up probes read ``BENCH_T0`` (a ``time.monotonic()`` reading taken by the parent
just before it started this process; the clock is system-wide on Linux and macOS), so
interpreter start and imports count, as they do for a user.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path


def _since_start() -> float:
    return time.monotonic() - float(os.environ.get("BENCH_T0", time.monotonic()))


def _peak_rss_mb() -> float:
    """This process's peak resident memory.

    On Linux, from VmHWM: ``ru_maxrss`` would also count the parent's memory at the
    moment it started this process (exec keeps the old high-water mark).
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _paint_watcher(window, on_painted):
    """Calls ``on_painted(seconds)`` once, after the window's first paint has finished."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watcher(QObject):
        done = False

        def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
            if not self.done and event.type() == QEvent.Type.Paint:
                self.done = True
                # The paint cycle covers the children too; note the time once it returns.
                QTimer.singleShot(0, lambda: on_painted(_since_start()))
            return False

    watcher = Watcher(window)
    window.installEventFilter(watcher)
    return watcher


def bare() -> dict:
    """The floor: a bare QMainWindow of the same size, shown and painted."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.resize(1200, 800)
    out: dict = {}

    def painted(seconds: float) -> None:
        out["painted"] = seconds
        out["painted_cpu"] = time.process_time()
        app.quit()

    _paint_watcher(window, painted)
    window.show()
    app.exec()
    return out


def start(library: Path) -> dict:
    """Lector's own start-up path (``lector gui --library DIR``) up to a painted window.

    Also notes when the document list is filled (the library read in the background).
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reader import cli
    from reader.ui import main_window

    out: dict = {}
    original_init = main_window.MainWindow.__init__

    def init(self, *args, **kwargs) -> None:
        original_init(self, *args, **kwargs)
        window = self

        def painted(seconds: float) -> None:
            out["painted"] = seconds
            out["painted_cpu"] = time.process_time()
            poll()

        def poll() -> None:
            if window.libraries:
                out["list_ready"] = _since_start()
                out["documents"] = window.document_list.model.rowCount()
                QTimer.singleShot(0, window.close)
            else:
                QTimer.singleShot(5, poll)

        _paint_watcher(window, painted)
        QTimer.singleShot(120_000, QApplication.quit)  # never hang the harness

    main_window.MainWindow.__init__ = init
    code = cli.main(["gui", "--library", str(library)])
    out["exit_code"] = code
    return out


SETTLE_S = 1.0


def toggle(library: Path, rounds: int, switches: int, settle: float = SETTLE_S) -> dict:
    """The EN⇄ES switch on a long document, from the key press to the repainted pane.

    Each round opens the document afresh, scrolls to the middle, lets the window
    run for ``settle`` seconds (a reader reads a little before switching, and the
    window lays the other version out meanwhile), then switches ``switches`` times.
    Each round also opens it once more and switches at once, with no time to
    prepare anything: that is ``immediate``.
    """
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from reader.paths import UserDirs
    from reader.render.service import RenderService
    from reader.ui.main_window import MainWindow
    from reader.ui.reading_pane import Place
    from reader.ui.settings import Settings

    app = QApplication([sys.argv[0]])
    home = Path(os.environ["LECTOR_HOME"])
    dirs = UserDirs.under(home)
    dirs.ensure()
    renderer = RenderService()
    renderer.start()
    window = MainWindow(Settings(dirs.config), dirs, renderer, [library])
    window.resize(1200, 800)
    window.show()
    window.load_libraries()

    def wait(condition, timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("the window did not get there in time")
            app.processEvents()
            time.sleep(0.002)

    wait(lambda: bool(window.libraries))
    entry = next(e for e in window.document_list.model.entries() if e.document.key == "long")

    class Paints(QObject):
        count = 0

        def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    paints = Paints()
    for pane in window.reader_view.panes():  # a switch may bring another pane to the front
        pane.viewport().installEventFilter(paints)

    def run_events(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.002)

    def open_in_the_middle() -> int:
        window.set_reading_language("es")
        shown_before = window.reader_view.shown
        window.open_document(entry.doc_id)
        wait(lambda before=shown_before: window.reader_view.shown not in (None, before))
        app.processEvents()
        blocks = len(window.reader_view.shown.versions["es"].rendered.blocks)
        window.reader_view.go_to(Place(blocks // 2, 0.0))
        app.processEvents()
        return blocks

    def switch() -> tuple[float, float, bool]:
        before = window.reader_view.place().block
        count = paints.count
        c0, t0 = time.thread_time(), time.perf_counter()
        window.toggle_language()
        app.processEvents()
        if paints.count == count:
            window.reader_view.primary.viewport().repaint()
        elapsed, used = time.perf_counter() - t0, time.thread_time() - c0
        return elapsed, used, abs(window.reader_view.place().block - before) <= 2

    immediate: list[float] = []
    immediate_cpu: list[float] = []
    first: list[float] = []
    later: list[float] = []
    first_cpu: list[float] = []
    later_cpu: list[float] = []
    kept_place = True
    blocks = 0
    for _ in range(rounds):
        blocks = open_in_the_middle()
        elapsed, used, kept = switch()
        immediate.append(elapsed)
        immediate_cpu.append(used)
        kept_place = kept_place and kept
        open_in_the_middle()
        run_events(settle)
        for i in range(switches):
            elapsed, used, kept = switch()
            (first if i == 0 else later).append(elapsed)
            (first_cpu if i == 0 else later_cpu).append(used)
            kept_place = kept_place and kept
    window.close()
    window.jobs.wait()
    renderer.close()
    return {
        "first": first,
        "later": later,
        "first_cpu": first_cpu,
        "later_cpu": later_cpu,
        "immediate": immediate,
        "immediate_cpu": immediate_cpu,
        "settle_s": settle,
        "blocks": blocks,
        "kept_place": kept_place,
    }


def memory(library: Path, index: Path | None, queries: Path | None) -> dict:
    """Peak RSS of a process that reads the library and runs the query set on its index."""
    from reader.library import load_library
    from reader.library.loader import ParseCache

    t0 = time.perf_counter()
    cache = ParseCache()  # the application keeps one, so reloads read only changed files
    lib = load_library(library, cache=cache)
    out: dict = {"documents": len(lib.documents), "load_s": time.perf_counter() - t0}
    out["after_load_mb"] = _peak_rss_mb()
    if index is not None and queries is not None:
        from benchmarks import lector_search
        from benchmarks.corpus import Query

        items = json.loads(queries.read_text(encoding="utf-8"))
        engine = lector_search.open_engine(index, library)
        try:
            for item in items:
                query = Query(item["kind"], item["lang"], item["text"], ())
                engine.search(query, snippets=True)
        finally:
            engine.close()
        out["queries"] = len(items)
    out["peak_mb"] = _peak_rss_mb()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.probes")
    parser.add_argument("kind", choices=["bare", "start", "toggle", "memory"])
    parser.add_argument("--library", type=Path)
    parser.add_argument("--index", type=Path)
    parser.add_argument("--queries", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--switches", type=int, default=5)
    parser.add_argument(
        "--settle", type=float, default=SETTLE_S, help="seconds between opening and switching"
    )
    args = parser.parse_args(argv)
    if args.kind == "bare":
        out = bare()
    elif args.kind == "start":
        out = start(args.library)
    elif args.kind == "toggle":
        out = toggle(args.library, args.rounds, args.switches, args.settle)
    else:
        out = memory(args.library, args.index, args.queries)
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
