"""Links and resources: nothing is read outside the library, nothing goes to the network."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reader.paths import UserDirs
from reader.render.service import RenderService
from reader.ui.reading_pane import ReadingPane, VersionDocument

from .conftest import write
from .reliability import NetworkGuard, report, scaled
from .test_pane_safety import PNG, big_png
from .ui_helpers import close_window, open_window, visible_text

FOLLOWED = {"http", "https", "mailto"}


def targets(outside: Path) -> list[str]:
    secret = outside / "secret.png"
    return [
        "../pics/ok.png",
        "pics/ok.png",
        "../../outside/secret.png",
        "../" * 12 + "etc/passwd",
        str(secret),
        f"file://{secret}",
        f"file:///{secret}",
        "file:///etc/passwd",
        "file://localhost/etc/hostname",
        "/etc/passwd",
        "//example.org/x.png",
        "http://127.0.0.1:9/x.png",
        "https://example.org/track.png",
        "http://[::1]/x",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:image/png;base64,iVBORw0KGgo=",
        "data:text/html,<script>alert(1)</script>",
        "zotero://select/items",
        "ftp://example.org/file",
        "smb://server/share",
        "mailto:someone@example.org",
        "qrc:/qt-project.org/styles/commonstyle/images/up-16.png",
        "other.en.md",
        "sub/../other.en.md",
        "../docs/other.en.md#part",
        "#anchor",
        "%2e%2e/%2e%2e/outside/secret.png",
        "..%2f..%2foutside%2fsecret.png",
        "\\\\server\\share\\x.png",
        "C:\\Windows\\win.ini",
    ]


def hostile_document(i: int, rng: random.Random, outside: Path) -> str:
    lines = [f"# Document {i}", "", f"Sentinel paragraph {i}.", ""]
    for target in rng.sample(targets(outside), k=8):
        form = rng.randrange(5)
        if form == 0:
            lines.append(f"![image]({target})")
        elif form == 1:
            lines.append(f"[link]({target})")
        elif form == 2:
            lines.append(f'<img src="{target}">')
        elif form == 3:
            lines.append(f'<a href="{target}">raw link</a>')
        else:
            lines.append(f"[ref][r{i}]\n\n[r{i}]: {target}")
        lines.append("")
    return "\n".join(lines)


def test_offline_guard_sees_attempts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guard = NetworkGuard(monkeypatch, tmp_path)
    import socket

    with pytest.raises(OSError):
        socket.create_connection(("example.org", 80))
    child = "import socket\ntry:\n socket.getaddrinfo('example.org', 80)\nexcept OSError: pass"
    subprocess.run([sys.executable, "-c", child], check=True, env=dict(os.environ))
    assert guard.count() == 2


def test_links_and_resources(
    qtbot: QtBot,
    dirs: UserDirs,
    tmp_path: Path,
    scale: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    count = scaled(scale, reduced=25, full=200)
    guard = NetworkGuard(monkeypatch, tmp_path)
    outside = tmp_path / "outside"
    write(outside / "secret.png", big_png())
    root = tmp_path / "library"
    write(root / "pics/ok.png", PNG)
    write(root / "docs/other.en.md", "# Other document\n\nThe other one.")
    rng = random.Random(200)
    for i in range(count):
        write(root / f"docs/d{i:03d}.en.md", hostile_document(i, rng, outside))
    root_real = os.path.realpath(root)

    loads: list[tuple[str, str | None]] = []
    original_load = VersionDocument.loadResource
    original_allowed = VersionDocument._allowed_image

    def allowed(self: VersionDocument, kind: int, url: QUrl) -> str | None:
        path = original_allowed(self, kind, url)
        loads.append((url.toString(), path))
        return path

    pane_loads: list[str] = []

    def pane_load(self: ReadingPane, kind: int, name: QUrl) -> object:
        pane_loads.append(name.toString())
        return original_pane_load(self, kind, name)

    original_pane_load = ReadingPane.loadResource
    monkeypatch.setattr(VersionDocument, "_allowed_image", allowed)
    monkeypatch.setattr(VersionDocument, "loadResource", original_load)
    monkeypatch.setattr(ReadingPane, "loadResource", pane_load)
    opened: list[str] = []
    refusals: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    monkeypatch.setattr(QMessageBox, "information", lambda *args: refusals.append(args[-1]))

    service = RenderService()  # started under the guard, so the worker is guarded too
    window = open_window(qtbot, dirs, service, [root])
    clicks = 0
    try:
        pane = window.reader_view.primary
        for i in range(count):
            key = f"docs/d{i:03d}"
            entry = next(e for e in window.document_list.model.entries() if e.document.key == key)
            window.open_document(entry.doc_id)
            qtbot.waitUntil(
                lambda entry=entry: (
                    window.reader_view.shown is not None
                    and window.reader_view.shown.doc_id == entry.doc_id
                ),
                timeout=20_000,
            )
            doc = pane.version()
            layout = doc.documentLayout()
            layout.documentSize()  # lays everything out: every image is asked for
            block = doc.begin()
            while block.isValid():  # the big image outside was never drawn
                assert layout.blockBoundingRect(block).height() < 200, (key, block.text())
                block = block.next()
            assert f"Sentinel paragraph {i}." in visible_text(window)
            hrefs = [unescape(h) for h in re.findall(r'href="([^"]*)"', doc.rendered.html)]
            for href in hrefs:
                pane.anchorClicked.emit(QUrl(href))
                clicks += 1
                window.jobs.wait()
                qtbot.waitUntil(lambda: not window.jobs.busy, timeout=20_000)
                assert visible_text(window).strip(), f"{key}: blank after {href}"
    finally:
        close_window(window)
        service.close()

    outside_reads = [
        (url, path)
        for url, path in loads
        if path is not None and os.path.commonpath([path, root_real]) != root_real
    ]
    assert outside_reads == []
    assert any(path for _url, path in loads), "the in-library image was never loaded"
    assert [u for u in opened if QUrl(u).scheme() not in FOLLOWED] == []
    assert guard.count() == 0
    report(
        "links and resources",
        scale,
        documents=count,
        resource_requests=len(loads) + len(pane_loads),
        loaded_inside=sum(1 for _u, p in loads if p),
        refused=sum(1 for _u, p in loads if not p) + len(pane_loads),
        link_clicks=clicks,
        handed_to_browser=len(opened),
        refused_with_message=len(refusals),
        outside_reads=len(outside_reads),
        network_attempts=guard.count(),
        blank_views=0,
    )
