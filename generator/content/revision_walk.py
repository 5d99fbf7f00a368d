"""Routines' walks back through their committed revisions, newest first, each stopping as soon
as nothing older can change its findings.

The walks go in rounds: each round asks one ``git cat-file`` for every walk's next
revision that is neither known nor cached. The newest revision is not read when the working
file is still that commit's blob: it is the routine as loaded. Many walks are shared out among
worker processes (:func:`walk_in_workers`), each with its own ``git cat-file`` and front-matter
reader; a routine's revisions all meet the same worker, which parses a front matter, or an
entry of one, that it has met before only once. Workers look in the cache as it was when they
started and report what they took (:class:`Taken`), so that the cache is written once, by the
process that started them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.content.front_fields import FrontFields
from generator.content.history import BlobStream, History
from generator.content.revisions import Revision, file_blob, revision, version_key
from generator.content.textfile import MAX_ROUTINE_BYTES, TextProblem, read_bytes

Lookup = Callable[[str], "Revision | bool | None"]
"""A blob's revision in the cache: a revision, False for an unreadable one, None when not there."""


@dataclass
class Walk:
    """One routine's walk back through its commits (their blobs, newest first), and when it may stop."""

    file: str
    now: Revision
    """The routine as loaded."""
    blobs: list[str]
    working: str = ""
    """The blob id of the file as loaded (:attr:`Routine.blob`), when known."""
    index: int = 0
    past: list[tuple[int, Revision]] = field(default_factory=list)
    """The revisions taken so far, by the index of their commit."""
    other_version: bool = False
    """A revision with another version (or none) was seen: the current version's run ended."""
    previous: bool = False
    """The newest other version is known, or it cannot matter."""
    earlier_from: bool = False
    """The newest other ``valid_from`` is known, or it cannot matter."""

    def __post_init__(self) -> None:
        self.previous = version_key(self.now.version or "") is None
        self.earlier_from = not self.now.valid_from

    @property
    def blob(self) -> str:
        """The blob of the next commit."""
        return self.blobs[self.index]

    def take(self, rev: Revision | None) -> None:
        """The revision of the next commit (None: unreadable, skipped as before)."""
        if rev is not None:
            self.past.append((self.index, rev))
            if rev.version != self.now.version:
                self.other_version = True
                self.previous = self.previous or bool(rev.version)
            if rev.valid_from and rev.valid_from != self.now.valid_from:
                self.earlier_from = True
        self.index += 1

    @property
    def done(self) -> bool:
        return self.index >= len(self.blobs) or (self.other_version and self.previous and self.earlier_from)


@dataclass
class Taken:
    """What walks took, by blob, for the cache."""

    read: dict[str, Revision | None] = field(default_factory=dict)
    """Read from git (None: not a routine that can be read)."""
    working: dict[str, Revision] = field(default_factory=dict)
    """The working file, still the newest commit's blob: the routine as loaded."""
    cached: set[str] = field(default_factory=set)
    """Found in the cache."""

    def add(self, other: Taken) -> None:
        self.read.update(other.read)
        self.working.update(other.working)
        self.cached |= other.cached


class Walker:
    """Walks routines back through their revisions: known, cached, the working file, or read."""

    def __init__(self, root: str, history: History, fronts: FrontFields, lookup: Lookup) -> None:
        self.root, self.history, self.fronts, self.lookup = root, history, fronts, lookup
        self.known: dict[str, Revision | None] = {}
        self.taken = Taken()

    def from_cache(self, walks: list[Walk]) -> None:
        """Each walk on as far as the cache knows its revisions."""
        for walk in walks:
            while not walk.done and (walk.blob in self.known or self._cached(walk.blob)):
                walk.take(self.known[walk.blob])

    def walk(self, walks: list[Walk]) -> None:
        """Each walk to its end."""
        for walk in walks:
            if walk.index == 0 and not walk.done:
                self._newest(walk)
        going = [w for w in walks if not w.done]
        with BlobStream(self.history) as stream:  # started only when a revision must be read
            while going:
                missing: dict[str, None] = {}
                for walk in going:
                    if walk.blob not in self.known and walk.blob not in missing and not self._cached(walk.blob):
                        missing[walk.blob] = None
                for blob, data in stream.read(list(missing)):  # each parsed as it comes
                    self.known[blob] = self.taken.read[blob] = revision(data, self.fronts)
                for walk in going:
                    walk.take(self.known.get(walk.blob))
                going = [w for w in going if not w.done]

    def _cached(self, blob: str) -> bool:
        cached = self.lookup(blob)
        if cached is None:
            return False
        self.known[blob] = cached if isinstance(cached, Revision) else None
        self.taken.cached.add(blob)
        return True

    def _newest(self, walk: Walk) -> None:
        """The newest commit's revision, known, cached, or the working file when the file is still
        that commit's blob."""
        blob = walk.blob
        if blob in self.known or self._cached(blob):
            walk.take(self.known[blob])
            return
        working = walk.working  # known when loaded, unless in another hash or not at all: read the file
        if len(working) != len(blob):
            data = read_bytes(os.path.join(self.root, walk.file), MAX_ROUTINE_BYTES)
            working = "" if isinstance(data, TextProblem) else file_blob(data, blob)
        if working == blob:
            self.known[blob] = self.taken.working[blob] = walk.now
            walk.take(walk.now)


def walk_in_workers(walks: list[Walk], jobs: int, root: str, history: History,
                    lookup: Lookup) -> tuple[list[Walk], Taken]:
    """The walks to their ends in ``jobs`` worker processes, one share of the walks each (forked:
    they share this process's history and loaded cache; only the walks go to them and back)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    fork = multiprocessing.get_context("fork")
    finished, taken = list(walks), Taken()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=fork, initializer=_start_worker,
                             initargs=(root, history, lookup)) as pool:
        shares = pool.map(_walk_share, [walks[lane::jobs] for lane in range(jobs)])
        for lane, (share, share_taken) in enumerate(shares):
            finished[lane::jobs] = share
            taken.add(share_taken)
    return finished, taken


_WORKER: dict[str, Any] = {}
"""A worker process's walker."""


def _start_worker(root: str, history: History, lookup: Lookup) -> None:
    """A worker's walker, from what it inherits (forked: nothing here is sent to it); its
    ``git cat-file`` is its own, started when it first reads."""
    _WORKER["walker"] = Walker(root, history, FrontFields(), lookup)


def _walk_share(walks: list[Walk]) -> tuple[list[Walk], Taken]:
    walker: Walker = _WORKER["walker"]
    walker.walk(walks)
    taken, walker.taken = walker.taken, Taken()
    return walks, taken
