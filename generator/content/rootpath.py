"""Keeping reads inside the content root: symbolic links that lead out of it are not followed."""

from __future__ import annotations

import os
from pathlib import Path

from generator.core.messages import Field, Msg, msg


def real_root(root: Path | str) -> str:
    """The root with every symbolic link resolved, to compare resolved paths against."""
    return os.path.realpath(root)


def within(real: str, resolved_root: str) -> bool:
    """True when the resolved path ``real`` is the root or lies under it."""
    return real == resolved_root or real.startswith(resolved_root.rstrip(os.sep) + os.sep)


def escape(path: Path | str, resolved_root: str) -> str | None:
    """Where ``path`` really leads when that is outside the root (the link as written when ``path``
    is itself a link, else the resolved place), or None when it stays inside."""
    real = os.path.realpath(path)
    if within(real, resolved_root):
        return None
    try:
        return os.readlink(path) if os.path.islink(path) else real
    except OSError:
        return real


def outside(what: Field, target: str) -> Msg:
    """The ``symlink-outside`` message: ``what`` (a file's name, "this folder") leads to ``target``."""
    return msg("check.outside", what=what, target=target)
