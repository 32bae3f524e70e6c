"""Lector test suite."""
