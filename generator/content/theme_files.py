"""The files of a theme that may be used: regular, not hidden, and inside the theme's own tree.

A content root's ``site/`` (templates and static files that override the default theme) arrives
by pull request like the routines, so it gets the same rules: a symbolic link is followed only
while it stays inside the allowed tree (the content root; for the default theme, the package's
own theme folder), hidden names are skipped, and named pipes, devices and sockets are never
opened (a FIFO would block the build for ever).
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from generator.content.rootpath import within

_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_NOFOLLOW | os.O_CLOEXEC


def open_regular(real: str) -> BinaryIO | None:
    """The resolved path ``real`` opened for reading when it is a regular file, else None.

    Looked at before opening (a named pipe is never opened) and again once open (without
    following a link or blocking), so a file swapped meanwhile is not read."""
    try:
        if not stat.S_ISREG(os.stat(real).st_mode):
            return None
        fd = os.open(real, _OPEN_FLAGS)
    except OSError:
        return None
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        handle.close()
        return None
    return handle


def copy_regular(real: str, dest: Path) -> bool:
    """Copy the regular file at the resolved path ``real`` to ``dest`` (its times kept), opened
    as :func:`open_regular` opens it; False, with nothing written, when it is not one."""
    handle = open_regular(real)
    if handle is None:
        return False
    with handle:
        info = os.fstat(handle.fileno())
        dest.parent.mkdir(parents=True, exist_ok=True)
        with dest.open("wb") as out:
            shutil.copyfileobj(handle, out)
    os.utime(dest, ns=(info.st_atime_ns, info.st_mtime_ns))
    return True


def theme_files(source: Path, allowed: str, *, irregular: bool = False) -> Iterator[tuple[Path, str]]:
    """(path relative to ``source``, resolved path) of every usable file under ``source``, sorted.

    Usable: not hidden, resolving inside ``allowed`` (a resolved path), a regular file; with
    ``irregular``, also named pipes, devices and sockets there (to notice them, never to open
    them). Folder links are followed while they stay inside; a folder reached twice is walked
    once."""
    visited: set[str] = set()
    for directory, dirnames, filenames in os.walk(source, followlinks=True):
        real_dir = os.path.realpath(directory)
        if real_dir in visited or not within(real_dir, allowed):
            dirnames[:] = []
            continue
        visited.add(real_dir)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel_dir = Path(directory).relative_to(source)
        for name in sorted(filenames):
            real = os.path.realpath(os.path.join(directory, name))
            if name.startswith(".") or not within(real, allowed):
                continue
            try:
                regular = stat.S_ISREG(os.stat(real).st_mode)
            except OSError:
                continue
            if regular or irregular:
                yield rel_dir / name, real
