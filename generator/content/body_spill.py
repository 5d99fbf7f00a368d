"""The HTML of routine bodies, as the load rendered it, kept in files rather than in memory.

A cold build renders every body once, while finding its links (:func:`~generator.content.
link_scan.scan_body`); its pages need that HTML again. Held in the build's memory, the bodies of
10,000 routines are some 50 MB more in each process; compressed, they cost as much time as
rendering them again. So each process that analyses files appends their HTML to a file of its
own in a folder the build made (:func:`spill`), and what comes back is only where each body
stands (:class:`Spilled`); a page reads its body from there (:func:`read_spilled`). The build
removes the folder when it ends.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from typing import BinaryIO


@dataclass(frozen=True)
class Spilled:
    """Where one body's HTML (UTF-8) stands: file name in the folder, offset, length."""

    name: str
    offset: int
    length: int


_WRITING: dict[str, BinaryIO] = {}
"""This process's open spill file per folder."""
_FAILED: set[str] = set()
"""Folders where a write of this process failed."""
_READING: dict[str, int] = {}
"""Descriptors of spill files opened for reading, per path (``pread`` needs no shared offset, so
a forked worker may use its parent's)."""


def spill(folder: str, html: str) -> Spilled | None:
    """Append ``html`` to this process's file in ``folder``; call :func:`flush_spills` before
    another process reads it. None once a write there failed (a full disk): the page renders its
    body again, and nothing more is written there (so no later body lands where an earlier one
    should have been)."""
    if folder in _FAILED:
        return None
    handle = _WRITING.get(folder)
    name = f"bodies-{os.getpid()}.html"
    try:
        if handle is None or handle.closed or os.path.basename(handle.name) != name:  # a forked child: a file of its own
            handle = _WRITING[folder] = open(os.path.join(folder, name), "ab")  # noqa: SIM115 - kept open for the batches
        data = html.encode("utf-8")
        offset = handle.tell()
        handle.write(data)
    except OSError:
        _failed(folder)
        return None
    return Spilled(name, offset, len(data))


def _failed(folder: str) -> None:
    _FAILED.add(folder)
    _close_writer(folder)


def _close_writer(folder: str) -> None:
    handle = _WRITING.pop(folder, None)
    if handle is not None:
        with contextlib.suppress(OSError):  # what it could not write reads as missing
            handle.close()


def flush_spills() -> None:
    """Make what this process spilled readable by others (what could not be written reads as
    missing: see :func:`read_spilled`)."""
    for folder, handle in list(_WRITING.items()):
        try:
            handle.flush()
        except OSError:
            _failed(folder)


def read_spilled(folder: str, where: Spilled) -> str | None:
    """The HTML spilled at ``where`` in ``folder``; None when it cannot be read whole (the folder
    is gone: then the body is rendered again)."""
    path = os.path.join(folder, where.name)
    descriptor = _READING.get(path)
    try:
        if descriptor is None:
            descriptor = _READING[path] = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        data = os.pread(descriptor, where.length, where.offset)
    except OSError:
        return None
    return data.decode("utf-8") if len(data) == where.length else None


def close_spills(folder: str) -> None:
    """Close this process's files of ``folder`` (before the folder is removed)."""
    _close_writer(folder)
    _FAILED.discard(folder)
    for path in [p for p in _READING if os.path.dirname(p) == folder]:
        os.close(_READING.pop(path))
