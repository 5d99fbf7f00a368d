"""Files written atomically: a temporary file in the same directory, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes, *, replace: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory and a rename.

    With ``replace=False`` an existing file is never overwritten (:class:`FileExistsError`).
    """
    directory = path.parent
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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
