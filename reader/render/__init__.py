"""Markdown to safe HTML with a stable anchor on every top-level block."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.render.model import Block, Heading, Rendered, plain_fallback

if TYPE_CHECKING:
    from reader.render.convert import render_markdown

__all__ = ["Block", "Heading", "Rendered", "plain_fallback", "render_markdown"]


def __getattr__(name: str) -> object:
    # The converter loads Python-Markdown; only code that converts text pays for it.
    if name == "render_markdown":
        from reader.render.convert import render_markdown

        return render_markdown
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
