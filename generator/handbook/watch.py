"""What ``routines serve`` watches and whom it answers: :class:`Changes` says at once when the
content changed (inotify, through watchfiles), :class:`Watcher` by comparing walks of the tree
(where inotify cannot be used), :func:`split_host` reads a request's ``Host``."""

from __future__ import annotations

import os
import queue
import threading
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


class Changes:
    """The content's changes as the kernel reports them: :meth:`wait` returns as soon as a
    watched file was written, added or removed (``routines/`` and ``site/`` through inotify,
    ``routines.toml`` by its status at each wait). Where inotify cannot be used, or a folder
    under the content is a symbolic link (inotify would follow it, out of the root too), it
    falls back to :class:`Watcher`'s walks, every ``interval`` seconds."""

    def __init__(self, root: Path, out: Path, stop: threading.Event, interval: float) -> None:
        self.root, self.out, self.stop, self.interval = root, out.resolve(), stop, interval
        self.walker = Watcher(root, out)
        self._found: queue.Queue[set[str]] = queue.Queue()
        self.paths: set[str] | None = None
        """After :meth:`wait` said True: the files that changed (None when not known: walks, routines.toml)."""
        self._config = self._status()
        self._site = (root / "site").is_dir()
        self._trees = self._watched()
        self.polling = False
        self.polling = self._trees is None or not self._start()
        if self.polling:
            self.walker.changed()

    def _watched(self) -> tuple[str, ...] | None:
        trees = tuple(str(self.root / name) for name in ("routines", "site") if (self.root / name).is_dir())
        for tree in trees:
            if os.path.islink(tree):
                return None
            for directory, dirnames, _ in os.walk(tree):
                if any(os.path.islink(os.path.join(directory, d)) for d in dirnames):
                    return None
        return trees

    def _start(self) -> bool:
        try:
            import watchfiles
        except ImportError:  # pragma: no cover - a dependency; a platform without it polls
            return False
        ready = threading.Event()

        def run() -> None:
            try:
                for found in watchfiles.watch(*(self._trees or ()), watch_filter=self._wanted, debounce=20,
                                              step=5, stop_event=self.stop, rust_timeout=500,
                                              yield_on_timeout=True, raise_interrupt=False, force_polling=False):
                    ready.set()
                    if found:
                        self._found.put({path for _, path in found})
            except (OSError, RuntimeError):
                self._found.put(set())  # the watch broke: the next wait walks the tree instead
                self.polling = True
            finally:
                ready.set()

        threading.Thread(target=run, name="routines-watch", daemon=True).start()
        return ready.wait(10) and not self.polling

    def _wanted(self, _change: object, path: str) -> bool:
        rel = os.path.relpath(path, self.root)
        return not any(part.startswith(".") for part in Path(rel).parts) and not Path(path).is_relative_to(self.out)

    def _status(self) -> tuple[int, int, int] | None:
        try:
            stat = os.stat(self.root / "routines.toml")
        except OSError:
            return None
        return stat.st_size, stat.st_mtime_ns, stat.st_ino

    def wait(self) -> bool:
        """Wait up to ``interval`` seconds; True when something changed (a burst of changes once)."""
        self.paths = None
        if self.polling:
            return not self.stop.wait(self.interval) and self.walker.changed()
        paths: set[str] = set()
        try:
            paths |= self._found.get(timeout=self.interval)
            changed = True
        except queue.Empty:
            changed = False
        while not self._found.empty():
            paths |= self._found.get_nowait()
        status = self._status()
        if status != self._config:
            self._config, changed, paths = status, True, set()
        # site/ made, or a link put in (which inotify reports as a change): watch anew. Not looked
        # for in a quiet wait, where it would walk the whole tree twice a second.
        if (changed or self._site != (self.root / "site").is_dir()) and self._watched() != self._trees:
            self.polling = True
            self.walker.changed()
            return True
        self.paths = paths or None
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
