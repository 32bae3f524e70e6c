"""Markdown to safe, anchored HTML; pathological input is bounded by the worker process."""

from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import pytest

from reader.library import ProblemKind, load_library, read_version
from reader.render import render_markdown
from reader.render.align import block_map
from reader.render.convert import Block, neutralise_templates
from reader.render.service import RenderService

GOLDEN = Path(__file__).parent / "golden"

SAMPLE = """Intro paragraph with a [link](other.es.md#part).

## Section *one*

- first item
- second item

| Stage | Data |
|-------|------|
| Plan  | Budget |

> A quote.

```python
print("{% not a template %}")
```

---

1. numbered

Term
: Definition
"""


def anchors(html: str) -> list[str]:
    return re.findall(r'<a name="(b\d+)"></a>', html)


def test_every_top_level_block_gets_one_anchor_in_order() -> None:
    rendered = render_markdown(SAMPLE)
    names = anchors(rendered.html)
    assert names == [f"b{i}" for i in range(len(rendered.blocks))]
    assert [b.tag for b in rendered.blocks] == [
        "p",
        "h2",
        "ul",
        "table",
        "blockquote",
        "raw",
        "ol",
        "dl",
    ]
    assert rendered.headings[0].text == "Section one"
    assert rendered.headings[0].slug == "section-one"
    assert rendered.headings[0].block == 1


def test_golden_html() -> None:
    html = render_markdown(SAMPLE).html
    golden = GOLDEN / "sample.html"
    if not golden.exists():  # pragma: no cover - written once, then reviewed and committed
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8")


def test_anchors_match_between_the_bundled_versions(bundled: Path) -> None:
    lib = load_library(bundled)
    for doc in lib.documents.values():
        if len(doc.languages) < 2:
            continue
        en, es = (render_markdown(read_version(doc.versions[lang]).body) for lang in ("en", "es"))
        assert [b.tag for b in en.blocks] == [b.tag for b in es.blocks], doc.key
        assert [h.level for h in en.headings] == [h.level for h in es.headings], doc.key


@pytest.mark.parametrize(
    ("markdown", "forbidden"),
    [
        ("<script>alert(1)</script>text", "alert"),
        ('<div onclick="steal()">x</div>', "onclick"),
        ("<iframe src='https://example.org'></iframe>", "iframe"),
        ("<style>body{display:none}</style>", "display"),
        ('<a href="javascript:alert(1)">x</a>', "javascript"),
        ('<img src="x" onerror="boom()">', "onerror"),
        ('<p style="font-size:0">hidden</p>', "font-size"),
    ],
)
def test_raw_html_is_sanitised(markdown: str, forbidden: str) -> None:
    assert forbidden not in render_markdown(markdown).html


def test_links_with_other_schemes_are_marked_refused() -> None:
    html = render_markdown(
        "[a](javascript:alert(1)) [b](file:///etc/passwd) [c](https://x.org)"
    ).html
    assert 'href="lector-refused:javascript%3Aalert%281%29"' in html
    assert 'href="lector-refused:file%3A%2F%2F%2Fetc%2Fpasswd"' in html
    assert 'href="https://x.org"' in html


def test_template_residue_is_removed_outside_code() -> None:
    text = (
        "A {% include note.html %}B {{ site.title }}C {{< figure src=x >}}D\n```\n{{ kept }}\n```\n"
    )
    assert neutralise_templates(text) == "A B C D\n```\n{{ kept }}\n```\n"


def test_entities_become_characters() -> None:
    assert "código" in render_markdown("c&oacute;digo").html or "c&oacute;digo" in (
        render_markdown("c&oacute;digo").html
    )


def test_block_map_aligns_headings_first() -> None:
    def blocks(spec: str) -> list[Block]:
        return [
            Block(i, "h2" if c == "H" else "p", 2 if c == "H" else 0) for i, c in enumerate(spec)
        ]

    assert block_map(blocks("pHp"), blocks("pHp")) == [0, 1, 2]
    # An extra paragraph in the target's first section does not shift later sections.
    assert block_map(blocks("pHpHp"), blocks("pHppHp")) == [0, 1, 2, 4, 5]
    assert block_map(blocks("pHppHp"), blocks("pHpHp")) == [0, 1, 2, 2, 3, 4]
    assert block_map(blocks("Hp"), blocks("ppHp")) == [2, 3]
    assert block_map(blocks("pppp"), blocks("pp")) == [0, 1, 1, 1]
    assert block_map(blocks(""), blocks("pp")) == []


def test_service_renders_like_in_process(renderer: RenderService) -> None:
    assert renderer.render(SAMPLE) == render_markdown(SAMPLE)


@pytest.mark.parametrize(
    "pathological",
    [
        pytest.param("[" * 20000, id="brackets-hang"),
        pytest.param("![" * 10000, id="image-brackets-hang"),
    ],
)
def test_hanging_markdown_falls_back_to_plain_text_in_bounded_time(pathological: str) -> None:
    service = RenderService(base_timeout=1.0)
    try:
        started = time.monotonic()
        rendered = service.render(pathological)
        assert time.monotonic() - started < 10  # a guard against hangs, not a speed check
        assert rendered.notice is ProblemKind.RENDER_TIMEOUT
        assert pathological[:50] in rendered.html
        assert anchors(rendered.html) == ["b0"]
        # The worker was replaced: the next document renders normally.
        assert service.render("# Fine").notice is None
    finally:
        service.close()


def test_the_worker_uses_this_reader_package_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A working folder holding some other package named ``reader``.
    other = tmp_path / "reader"
    other.mkdir()
    (other / "__init__.py").write_text("raise ImportError('not Lector')\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    service = RenderService()
    try:
        rendered = service.render("# Title\n\nSome *text*.")
        assert rendered.notice is None
        assert "<em>text</em>" in rendered.html
    finally:
        service.close()


def test_deeply_nested_lists_are_bounded_too() -> None:
    service = RenderService(base_timeout=1.0)
    try:
        rendered = service.render("\n".join("  " * i + "- x" for i in range(1000)))
        assert rendered.notice in (ProblemKind.RENDER_TIMEOUT, ProblemKind.RENDER_FAILED)
        assert service.render("ok").notice is None
    finally:
        service.close()


def test_worker_reports_recursion_as_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.render import worker

    original = worker.MarkdownRenderer.render

    def explode(self: worker.MarkdownRenderer, text: str) -> object:
        if text == "deep":
            raise RecursionError
        return original(self, text)

    monkeypatch.setattr(worker.MarkdownRenderer, "render", explode)
    stdin = io.BytesIO(b'{"id": 1, "text": "deep"}\n{"id": 2, "text": "# fine"}\n')
    stdout = io.BytesIO()
    worker.serve(stdin, stdout)
    ready, first, second = (json.loads(line) for line in stdout.getvalue().splitlines())
    assert ready == {"ready": True}
    assert first == {"error": "nesting too deep", "id": 1}
    assert second["id"] == 2 and "fine" in second["html"]


def test_worker_that_dies_is_restarted(renderer: RenderService) -> None:
    assert renderer.render("one").notice is None
    renderer._proc.kill()  # type: ignore[union-attr]
    renderer._proc.wait()  # type: ignore[union-attr]
    assert renderer.render("two").notice is None
