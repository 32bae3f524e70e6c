"""Lector: an offline reader for bilingual English/Spanish documents."""

__version__ = "0.1.0"

LANGUAGES: tuple[str, ...] = ("en", "es")
"""Reading languages Lector knows, in display order."""
