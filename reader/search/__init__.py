"""Offline full-text search: the index, its sync with the library, and queries."""
