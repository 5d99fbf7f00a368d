"""What ``routines serve`` watches and whom it answers: :class:`Watcher` says when the content
changed, :func:`split_host` reads a request's ``Host``."""

from __future__ import annotations

import os
from pathlib import Path

from generator.content.rootpath import escape, real_root

WATCHED = ("routines", "site", "routines.toml")
Fingerprint = dict[str, tuple[int, int, int]]


class Watcher:
    """Says whether the content under ``root`` changed since it was last asked.

    Hidden files and directories (editor swap files, the build's own ``.NAME.tmp-*`` and
    ``.NAME.old-*`` directories) are not watched, nor is the output directory; the build skips
    hidden files too.
    """

    def __init__(self, root: Path, out: Path) -> None:
        self.root = root
        self.out = out.resolve()
        self._last: Fingerprint | None = None

    def fingerprint(self) -> Fingerprint:
        """(size, modification time, inode) of every watched file, by path."""
        found: Fingerprint = {}
        inside = real_root(self.root)
        for name in WATCHED:
            top = self.root / name
            if top.is_file():
                self._add(found, top)
                continue
            if escape(top, inside) is not None:
                continue
            visited: set[str] = set()
            for directory, dirnames, filenames in os.walk(top, followlinks=True):
                real = os.path.realpath(directory)
                if real in visited or Path(real) == self.out:
                    dirnames[:] = []
                    continue
                visited.add(real)
                # Never into a link out of the root (``routines/all -> /`` would walk everything).
                dirnames[:] = [d for d in dirnames if not d.startswith(".")
                               and escape(os.path.join(directory, d), inside) is None]
                for filename in filenames:
                    if not filename.startswith("."):
                        self._add(found, Path(directory, filename))
        return found

    @staticmethod
    def _add(found: Fingerprint, path: Path) -> None:
        try:
            stat = path.stat()
        except OSError:  # vanished between listing and stat, or a dangling link
            found[str(path)] = (-1, -1, -1)
            return
        found[str(path)] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)

    def changed(self) -> bool:
        """True if anything changed since the last call (the first call only takes note)."""
        current = self.fingerprint()
        changed = self._last is not None and current != self._last
        self._last = current
        return changed


def split_host(value: str) -> tuple[str, int] | None:
    """``(name, port)`` of a ``Host`` header (port 80 when not given), None when malformed."""
    if value.startswith("["):
        end = value.find("]") + 1
        if end == 0:
            return None
        name, rest = value[:end], value[end:]
    else:
        name, colon, port = value.partition(":")
        rest = colon + port
    if not rest:
        return (name, 80) if name else None
    digits = rest[1:]
    if not name or rest[0] != ":" or not digits.isascii() or not digits.isdigit() or len(digits) > 5:
        return None
    return name, int(digits)
