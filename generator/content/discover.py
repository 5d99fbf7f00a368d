"""Finding the files of a content root's ``routines/`` directory."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from generator.content.atomic_write import is_temp_file
from generator.content.rootpath import escape, outside, real_root
from generator.content.textfile import not_a_file, not_a_file_message
from generator.core.diagnostics import Diagnostic
from generator.core.messages import msg

ROUTINES_DIR = "routines"
DATA_FILES = ("organisation.yaml", "catalog.yaml")


@dataclass
class Discovery:
    """What is in ``routines/``."""

    routine_files: list[str] = field(default_factory=list)
    """Root-relative paths of ``*.md`` files, sorted."""
    other_files: list[str] = field(default_factory=list)
    """Files that are neither routines nor the data files (images, stray files)."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    stats: dict[str, os.stat_result] = field(default_factory=dict)
    """Per routine file, its ``stat`` when discovered (the cache's check of a file unchanged)."""


def discover(root: Path) -> Discovery:
    """Walk ``root/routines``, following directory links once (never in a loop) and only while
    they stay inside the root; named pipes, devices and sockets are reported, never opened."""
    found = Discovery()
    base = root / ROUTINES_DIR
    resolved_root = real_root(root)
    if (target := escape(base, resolved_root)) is not None:
        found.diagnostics.append(Diagnostic(ROUTINES_DIR, 1, "error", "symlink-outside",
                                            outside(ROUTINES_DIR, target)))
        return found
    visited: set[str] = set()
    for directory, dirnames, filenames in os.walk(base, followlinks=True):
        real = os.path.realpath(directory)
        rel_dir = Path(directory).relative_to(root).as_posix()
        if real in visited:
            found.diagnostics.append(Diagnostic(
                rel_dir, 1, "warning", "symlink-loop", msg("check.symlink_loop")))
            dirnames[:] = []
            continue
        visited.add(real)
        kept = []
        for name in sorted(d for d in dirnames if not d.startswith(".")):
            if (target := escape(os.path.join(directory, name), resolved_root)) is not None:
                found.diagnostics.append(Diagnostic(f"{rel_dir}/{name}", 1, "error", "symlink-outside",
                                                    outside(msg("check.this_folder"), target)))
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if name.startswith("."):
                if is_temp_file(name):
                    found.diagnostics.append(Diagnostic(
                        f"{rel_dir}/{name}", 1, "warning", "stray-temp-file", msg("check.temp_file")))
                continue
            rel = f"{rel_dir}/{name}"
            info = _refused(found, os.path.join(directory, name), rel, resolved_root)
            if info is False:
                continue
            if name.endswith(".md"):
                found.routine_files.append(rel)
                if info is not None:
                    found.stats[rel] = info
            elif not (rel_dir == ROUTINES_DIR and name in DATA_FILES):
                found.other_files.append(rel)
    found.routine_files.sort()
    found.other_files.sort()
    return found


def _refused(found: Discovery, path: str, rel: str, resolved_root: str) -> os.stat_result | Literal[False] | None:
    """Report a file that leads out of the root or is not a regular file: False when it was;
    else the file's ``stat`` (None when it cannot be had: reading it says why).

    The folder is known to lie inside the root, so only a link needs resolving (one ``lstat``
    for the common case of a plain file)."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            if (target := escape(path, resolved_root)) is not None:
                found.diagnostics.append(Diagnostic(rel, 1, "error", "symlink-outside",
                                                    outside(msg("check.this_file"), target)))
                return False
            info = os.stat(path)
        kind = not_a_file(info.st_mode)
    except OSError:
        return None  # a dangling link, a loop, or gone: reading it says which
    if kind is None:
        return info
    found.diagnostics.append(Diagnostic(rel, 1, "error", "not-a-file", not_a_file_message(kind)))
    return False
