"""The names of the handbook's pages of routines and owners: an id where it is safe in a URL
and a file name, else the file's stem made so; never two alike (case-insensitively)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.core.model import Routine

SAFE_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
"""An id that may name a page as it is."""


def page_slugs(routines: Iterable[Routine]) -> dict[str, str]:
    """Per routine file: the name of its page (``rutiner/<slug>.html``)."""
    slugs: dict[str, str] = {}
    used: set[str] = set()
    for routine in sorted(routines, key=lambda r: r.file):
        base = routine.id if routine.id and SAFE_SLUG.match(routine.id) else None
        if base is None:
            stem = routine.file.rsplit("/", 1)[-1].removesuffix(".md")
            base = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "rutin"
        slug, n = base, 2
        while slug.lower() in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug.lower())
        slugs[routine.file] = slug
    return slugs
