"""A cache of per-file results, keyed by file path and content.

It lives outside the content root (``$ROUTINES_CACHE_DIR``, else ``~/.cache/routines``), so a
content repository can never ship a cache that hides its own errors. It is JSON, never pickle,
read and written with msgspec: a shard is split into its entries without decoding them, and
each entry is decoded when it is used, into the typed entry its stage declares where it has one
(the shape checked as it is read, issue 19).
Any entry is valid only for the exact program that wrote it: the key includes a digest of
the package's code and schemas.

What is read back is never trusted blindly (issue 12):

- Every shard and the meta file carry a keyed BLAKE2b digest (a MAC) of their exact bytes,
  the program digest, the stage and the file's name. The key is 32 random bytes that this
  program creates in the cache directory (``.key``, mode 0600) the first time it writes
  there; a cache written without it, by anyone else or damaged in any way, is a miss.
- A cache directory inside the content root, or inside the git work tree that holds it, is
  refused (nothing read, nothing written): a pull request could add one, key included.
- Each entry's shape is checked when it is used (:meth:`Cache.load`: by its typed entry, then
  by the stage's own checks); anything unexpected is a miss, and the file is read afresh.
  Never a crash, never a clean bill.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import stat as stat_module
import tempfile
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from generator.content.resources import data_dir, package_modules
from generator.core.messages import Msg, msg

_T = TypeVar("_T")
_ENTRIES = msgspec.json.Decoder(dict[str, msgspec.Raw])
"""A shard: its entries, each left as its bytes until it is used."""
_ANY = msgspec.json.Decoder()
_ENCODE = msgspec.json.Encoder()
_MAGIC = b"routines-cache-1 "
KEY_FILE = ".key"


@cache
def program_digest() -> str:
    """A digest of the code (every module of the package tree) and the schemas that produce
    cached results."""
    digest = hashlib.blake2b(digest_size=16)
    for path in [*package_modules(), *sorted(data_dir("schemas").glob("*.json"))]:
        digest.update(path.relative_to(path.parent.parent).as_posix().encode())
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


def refusal(directory: Path, root: Path) -> Msg | None:
    """Why ``directory`` must not hold the cache of ``root``, or None when it may.

    A cache inside the content root, or inside the git work tree that holds it, could have been
    put there by a commit (a pull request), key and all.
    """
    try:
        where = directory.resolve()
        top = root.resolve()
    except (OSError, RuntimeError):
        return msg("check.cache_unresolved", directory=str(directory))
    inside: Msg | None = None
    if where == top or top in where.parents:
        inside = msg("check.cache_in_root")
    else:
        for parent in (top, *top.parents):
            if (parent / ".git").exists():
                if where == parent or parent in where.parents:
                    inside = msg("check.cache_in_work_tree")
                break
    if inside is None:
        return None
    return msg("check.cache_inside", directory=str(directory), inside=inside)


def cache_secret(directory: Path, *, create: bool) -> bytes | None:
    """The cache directory's key: 32 bytes, in a regular file of ours that only we can write."""
    path = directory / KEY_FILE
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        if not create:
            return None
        secret = os.urandom(32)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except OSError:
            return None
        with os.fdopen(fd, "wb") as handle:
            handle.write(secret)
        return secret
    except OSError:
        return None
    if (not stat_module.S_ISREG(info.st_mode) or info.st_mode & 0o022 or info.st_size != 32
            or (hasattr(os, "geteuid") and info.st_uid != os.geteuid())):
        return None
    try:
        secret = path.read_bytes()
    except OSError:
        return None
    return secret if len(secret) == 32 else None


def _mac(secret: bytes, label: str, body: bytes) -> str:
    digest = hashlib.blake2b(key=secret, digest_size=32, person=b"routines-cache")
    digest.update(f"{program_digest()}\0{label}\0".encode())
    digest.update(body)
    return digest.hexdigest()


def _label(path: Path) -> str:
    """What a file's digest is of besides its bytes: its folder and name, so that a signed file
    moved to another stage or name is no longer ours."""
    return f"{path.parent.name}/{path.name}"


def signed_body(path: Path, secret: bytes) -> bytes:
    """The bytes in ``path`` after its head, if the digest there is ours and right; raises otherwise."""
    label = _label(path)
    raw = path.read_bytes()
    head, newline, body = raw.partition(b"\n")
    if not newline or not head.startswith(_MAGIC):
        raise ValueError("not a cache file of ours")
    if not hmac.compare_digest(head[len(_MAGIC):], _mac(secret, label, body).encode()):
        raise ValueError("digest mismatch")
    return body


def _read_signed(path: Path, secret: bytes, decoder: msgspec.json.Decoder[Any] = _ANY) -> Any:
    """The JSON in ``path`` (read by ``decoder``) if its digest is ours and right; raises otherwise."""
    return decoder.decode(signed_body(path, secret))


def stage_dir(directory: Path, root: Path, stage: str) -> Path:
    """The folder of one stage's cache of one content root."""
    return directory / f"{stage}-{hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()}"


def _valid_stat(value: Any) -> bool:
    return (type(value) is list and len(value) == 4 and type(value[0]) is int and type(value[1]) is int
            and type(value[2]) is int and type(value[3]) is str)


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
        self.refused: Msg | None = None
        """Why the cache directory was not used, when it was not."""
        self.secret: bytes | None = None
        self.trusted = False
        """True when the meta file was read and its digest is ours."""
        if directory is None:
            return
        self.refused = refusal(directory, root)
        if self.refused is not None:
            return
        self.path = stage_dir(directory, root, stage)
        self.secret = cache_secret(directory, create=False)
        if self.secret is None:
            return
        with contextlib.suppress(Exception):  # anything unreadable or unexpected: an empty cache
            meta = _read_signed(self.path / "meta.json", self.secret)
            if not isinstance(meta, dict) or meta.get("program") != program_digest():
                return
            stats, written = meta.get("stats"), meta.get("written_ns")
            if not isinstance(stats, dict) or type(written) is not int:
                return
            for shard in sorted(self.path.glob("shard-*.json")):
                with contextlib.suppress(Exception):  # one bad shard costs only its own entries
                    self.entries.update(_read_signed(shard, self.secret, _ENTRIES))
            self.stats = {f: s for f, s in stats.items() if _valid_stat(s)}
            self.written_ns = written
            self.trusted = True

    def load(self, key: str, parse: Callable[[Any], _T], shape: msgspec.json.Decoder[Any] = _ANY) -> _T | None:
        """The stored result for ``key`` made into a value by ``parse``, or None.

        The entry is decoded by ``shape`` (a typed decoder checks its shape as it reads; an entry
        put in this run is converted to that type), then ``parse`` checks the rest and raises
        when it is not as written by this program; such an entry is dropped and counts as a miss.
        """
        value = self.entries.get(key)
        if value is None:
            self.entries.pop(key, None)
            return None
        try:
            if type(value) is msgspec.Raw:
                value = shape.decode(value)
            elif shape.type is not Any:
                value = msgspec.convert(value, shape.type)
            result = parse(value)
        except Exception:  # noqa: BLE001 - whatever is wrong with an entry, it is only a miss
            del self.entries[key]
            self.used.discard(key)
            self.dirty.add(_shard(key))
            return None
        self.used.add(key)
        return result

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
        meta = {"program": program_digest(), "written_ns": time.time_ns(), "stats": self.new_stats}
        with contextlib.suppress(OSError):  # a cache that cannot be written is only slower
            secret = self.secret or cache_secret(self.path.parent, create=True)
            if secret is None:
                return
            self.path.mkdir(parents=True, exist_ok=True)
            if not self.trusted:  # another program's, a damaged or a forged cache: not ours to mix
                rewrite = {_shard(k) for k in self.used}
                for old in self.path.glob("shard-*.json"):
                    old.unlink(missing_ok=True)
            shards: dict[str, dict[str, Any]] = {name: {} for name in rewrite}
            for key in self.used:
                name = _shard(key)
                if name in shards:
                    shards[name][key] = self.entries[key]
            for name, entries in sorted(shards.items()):
                _write_json(self.path / f"shard-{name}.json", entries, secret)
            _write_json(self.path / "meta.json", meta, secret)


def entry_bytes(value: Any) -> bytes:
    """An entry's JSON as the cache writes it (what :meth:`Cache.put` takes as ``msgspec.Raw``)."""
    return _ENCODE.encode(value)


def _write_json(path: Path, payload: Any, secret: bytes) -> None:
    write_signed(path, _ENCODE.encode(payload), secret)  # an entry not used in this run: written back as its bytes


def write_signed(path: Path, body: bytes, secret: bytes) -> None:
    """Write ``body`` to ``path`` atomically (a temporary file, then a rename), after its digest
    (labelled with the file's folder and name, as :func:`signed_body` reads it)."""
    head = _MAGIC + _mac(secret, _label(path), body).encode() + b"\n"
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(head)
            handle.write(body)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise
