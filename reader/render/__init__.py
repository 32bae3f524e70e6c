"""Markdown to safe HTML with a stable anchor on every top-level block."""

from reader.render.convert import Block, Heading, Rendered, plain_fallback, render_markdown

__all__ = ["Block", "Heading", "Rendered", "plain_fallback", "render_markdown"]
