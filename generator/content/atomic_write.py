"""Files written atomically: a temporary file in the same directory, then a rename.

Every file the tool writes into a content root (``new``, ``renew``, ``import``, ``export``) goes
through :func:`write_atomically`, after :func:`confined` has found where it really goes:

- A path whose real location (every symbolic link followed) is outside the content root is
  refused, with nothing written; a symbolic link inside the root is written through, so it
  stays a link and its target gets the new bytes.
- The temporary file is ``.NAME.XXXXXXXX.tmp`` beside the file, locked (``flock``) while it is
  written. A process killed mid-write leaves it behind: the next write into that folder removes
  every such file that no live process holds (and is at least a minute old where there are no
  locks), and ``check`` reports the ones still there (``stray-temp-file``).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from generator.content.rootpath import real_root, within
from generator.core.errors import GeneratorError
from generator.core.messages import msg

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None  # type: ignore[assignment]

TEMP_FILE = re.compile(r"^\..+\.tmp(-[0-9]+)?$")
"""The names of temporary files that ``check`` reports: ``.NAME.XXXXXXXX.tmp`` (ours),
``.NAME.tmp-PID`` (older versions of the tool) and any other ``.NAME.tmp``."""
OUR_TEMP_FILE = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$|^\..+\.tmp-[0-9]+$")
"""The names of the temporary files the tool itself makes (and so may remove)."""
_MIN_AGE_NS = 10_000_000_000
"""A temporary file younger than this is left alone even when unlocked: it may be about to be locked."""
_UNLOCKED_AGE_NS = 60_000_000_000
"""Without locks, a temporary file older than this counts as left behind."""


def is_temp_file(name: str) -> bool:
    """True for the name of a temporary file of an atomic write."""
    return bool(TEMP_FILE.match(name))


def confined(path: Path, root: Path, label: str) -> Path:
    """Where writing ``path`` really writes (symbolic links followed); raises when that is
    outside ``root``. ``label`` names the file in the message.

    A path that is not inside ``root`` even as written (``export --out /elsewhere``) is the
    user's own choice and is returned as it is.
    """
    if not within(os.path.abspath(path), os.path.abspath(root)):
        return path
    resolved_root = real_root(root)
    real = os.path.realpath(path)
    if not within(real, resolved_root):
        raise GeneratorError(msg("check.write_outside", label=label, real=real, root=resolved_root))
    return Path(real)


def remove_stale_temp_files(directory: Path) -> list[Path]:
    """Remove the temporary files in ``directory`` left by writes that were interrupted."""
    removed: list[Path] = []
    try:
        names = [entry.name for entry in os.scandir(directory) if entry.name.startswith(".")]
    except OSError:
        return removed
    now = time.time_ns()
    for name in names:
        if not OUR_TEMP_FILE.match(name):
            continue
        path = directory / name
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            info = os.fstat(fd)
            age = now - info.st_mtime_ns
            if age < _MIN_AGE_NS:
                continue
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # a live write holds it
            elif age < _UNLOCKED_AGE_NS:
                continue
            with contextlib.suppress(OSError):
                if os.lstat(path).st_ino == info.st_ino:
                    os.unlink(path)
                    removed.append(path)
        finally:
            os.close(fd)
    return removed


def write_atomically(path: Path, data: bytes | Callable[[BinaryIO], object], *, replace: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory and a rename;
    ``data`` is the bytes, or what writes them to the file it is given (a large workbook, never
    all in memory).

    With ``replace=False`` an existing file is never overwritten (:class:`FileExistsError`).
    """
    directory = path.parent
    remove_stale_temp_files(directory)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            if fcntl is not None:
                with contextlib.suppress(OSError):
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            if isinstance(data, bytes):
                handle.write(data)
            else:
                data(handle)
            handle.flush()
            os.fsync(handle.fileno())
            if replace:
                try:
                    os.chmod(temp, os.stat(path).st_mode & 0o7777)
                except FileNotFoundError:
                    os.chmod(temp, 0o666 & ~_umask())
                os.replace(temp, path)
            else:
                os.chmod(temp, 0o666 & ~_umask())
                try:
                    os.link(temp, path)  # fails if the file exists: never overwrites
                except FileExistsError:
                    raise
                except OSError:  # no hard links on this file system
                    if path.exists():
                        raise FileExistsError(str(path)) from None
                    os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
