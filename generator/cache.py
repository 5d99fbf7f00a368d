"""A cache of per-file results, keyed by file path and content.

It lives outside the content root (``$ROUTINES_CACHE_DIR``, else ``~/.cache/routines``), so a
content repository can never ship a cache that hides its own errors. It is JSON, never pickle.
Any entry is valid only for the exact program that wrote it: the key includes a digest of
the package's code and schemas.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from functools import cache
from pathlib import Path
from typing import Any

from generator.resources import data_dir

_PACKAGE = Path(__file__).resolve().parent


@cache
def program_digest() -> str:
    """A digest of the code and schemas that produce cached results."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted([*_PACKAGE.glob("*.py"), *data_dir("schemas").glob("*.json")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def content_key(file: str, data: bytes) -> str:
    """The cache key of one file: its path and its bytes."""
    digest = hashlib.blake2b(file.encode(), digest_size=20)
    digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


def default_dir() -> Path:
    """Where caches go when nothing else is said."""
    if env := os.environ.get("ROUTINES_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "routines"


_HEX = frozenset("0123456789abcdef")


def _shard(key: str) -> str:
    head = key[:2]
    return head if len(head) == 2 and set(head) <= _HEX else "zz"


class Cache:
    """Per-file results of one content root and one stage (``check``, ``history``, ``revisions``).

    Entries are kept in 256 shard files by the first two hex digits of their key, beside a small
    ``meta.json``; a run that changes one routine rewrites one or two shards, not the whole cache.
    """

    def __init__(self, directory: Path | None, root: Path, stage: str) -> None:
        self.path: Path | None = None
        self.entries: dict[str, Any] = {}
        self.used: set[str] = set()
        self.changed = False
        self.dirty: set[str] = set()
        """Shards with new entries."""
        self.stats: dict[str, list[int | str]] = {}
        """Per file: [size, mtime_ns, inode, key] when last read; lets an unchanged file skip hashing."""
        self.new_stats: dict[str, list[int | str]] = {}
        self.written_ns = 0
        if directory is None:
            return
        root_key = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        self.path = directory / f"{stage}-{root_key}"
        with contextlib.suppress(OSError, ValueError):
            meta = json.loads((self.path / "meta.json").read_text(encoding="utf-8"))
            if isinstance(meta, dict) and meta.get("program") == program_digest():
                self.stats = meta.get("stats", {})
                self.written_ns = int(meta.get("written_ns", 0))
                for shard in sorted(self.path.glob("shard-*.json")):
                    part = json.loads(shard.read_text(encoding="utf-8"))
                    if isinstance(part, dict):
                        self.entries.update(part)

    def get(self, key: str) -> Any:
        """The stored result for ``key``, or None."""
        value = self.entries.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def known_key(self, file: str, stat: os.stat_result) -> str | None:
        """The content key of ``file`` if its size, mtime and inode are as when it was hashed.

        Files changed within two seconds of the cache being written are read again, as git
        does with "racily clean" entries: a coarse clock could hide a same-size edit.
        """
        seen = self.stats.get(file)
        if (seen is None or seen[0] != stat.st_size or seen[1] != stat.st_mtime_ns or seen[2] != stat.st_ino
                or stat.st_mtime_ns >= self.written_ns - 2_000_000_000):
            return None
        key = str(seen[3])
        return key if key in self.entries else None

    def remember(self, file: str, stat: os.stat_result, key: str) -> None:
        """Record the content key of ``file`` as it is now."""
        self.new_stats[file] = [stat.st_size, stat.st_mtime_ns, stat.st_ino, key]
        if self.stats.get(file) != self.new_stats[file]:
            self.changed = True

    def put(self, key: str, value: Any) -> None:
        self.entries[key] = value
        self.used.add(key)
        self.dirty.add(_shard(key))
        self.changed = True

    def save(self) -> None:
        """Write what changed atomically, keeping only entries used in this run."""
        if self.path is None:
            return
        stale = {_shard(k) for k in self.entries if k not in self.used}
        rewrite = self.dirty | stale
        if not rewrite and not self.changed and self.new_stats.keys() == self.stats.keys():
            return
        shards: dict[str, dict[str, Any]] = {name: {} for name in rewrite}
        for key in self.used:
            name = _shard(key)
            if name in shards:
                shards[name][key] = self.entries[key]
        meta = {"program": program_digest(), "written_ns": time.time_ns(), "stats": self.new_stats}
        with contextlib.suppress(OSError):  # a cache that cannot be written is only slower
            self.path.mkdir(parents=True, exist_ok=True)
            if not (self.path / "meta.json").exists():
                for old in self.path.glob("shard-*.json"):  # from another program: not ours to mix
                    old.unlink(missing_ok=True)
            for name, entries in sorted(shards.items()):
                _write_json(self.path / f"shard-{name}.json", entries)
            _write_json(self.path / "meta.json", meta)


def _write_json(path: Path, payload: Any) -> None:
    """Write ``payload`` to ``path`` atomically (a temporary file, then a rename)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            # dumps, not dump: json.dump streams through the pure-Python encoder, many times slower
            handle.write(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise
