"""Where the schemas and the default theme are: inside the wheel, or beside the package."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
"""The ``generator`` package folder."""


def package_modules() -> list[Path]:
    """Every module of the package tree, sorted: what a digest of "the program" covers."""
    return sorted(PACKAGE.rglob("*.py"))


def data_dir(name: str) -> Path:
    """The ``schemas`` or ``site`` directory shipped with the package.

    A wheel carries them in ``generator/_data/`` (hatch force-include); a source checkout or
    an editable install has them beside the package, at the repository's top level.
    """
    for candidate in (PACKAGE / "_data" / name, PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the package data directory {name!r} is missing from {PACKAGE}")
