"""Finding the files of a content root's ``routines/`` directory."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.atomic_write import is_temp_file
from generator.diagnostics import Diagnostic

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


def discover(root: Path) -> Discovery:
    """Walk ``root/routines`` (following directory links once, never in a loop)."""
    found = Discovery()
    base = root / ROUTINES_DIR
    visited: set[str] = set()
    for directory, dirnames, filenames in os.walk(base, followlinks=True):
        real = os.path.realpath(directory)
        rel_dir = Path(directory).relative_to(root).as_posix()
        if real in visited:
            found.diagnostics.append(Diagnostic(
                rel_dir, 1, "warning", "symlink-loop",
                "this directory link leads back to a directory already read (a loop); it is skipped"))
            dirnames[:] = []
            continue
        visited.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                if is_temp_file(name):
                    found.diagnostics.append(Diagnostic(
                        f"{rel_dir}/{name}", 1, "warning", "stray-temp-file",
                        "a temporary file left by an interrupted write (routines new, renew or import); it "
                        "is not a routine. Delete it (the next write into this folder removes it when no "
                        "running command holds it)"))
                continue
            rel = f"{rel_dir}/{name}"
            if name.endswith(".md"):
                found.routine_files.append(rel)
            elif not (rel_dir == ROUTINES_DIR and name in DATA_FILES):
                found.other_files.append(rel)
    found.routine_files.sort()
    found.other_files.sort()
    return found
