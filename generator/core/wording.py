"""Small helpers for messages that read well."""

from __future__ import annotations


def plural(count: int, one: str, many: str) -> str:
    """``1 day``, ``2 days``."""
    return f"{count} {one if count == 1 else many}"
