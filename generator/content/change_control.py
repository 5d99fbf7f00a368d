"""Change control from git history: a changed routine must not pass as the approved one.

In a git repository, ``check`` compares each routine with its committed versions:
the body or rules changed since the commit that set the current ``version`` (or in the working
tree) without a new version: warning; ``version`` lowered: error; ``valid_from`` moved
backwards: error. Versions and dates are read from each revision's front matter with the
same YAML reader as everything else. Only the revisions that can change a finding are read:
for each routine, its commits since its current version was set, and back to the newest other
``valid_from`` (see :class:`ChangeControl`). Revisions are keyed by git's blob id, so each is read
(through one ``git cat-file --batch``) and parsed once, then kept in the cache.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content import frontmatter
from generator.content.cache import Cache
from generator.content.front_fields import FrontFields, rules_json, whole_fields
from generator.content.history import BlobReader, Commit, History, blob_id
from generator.content.textfile import MAX_ROUTINE_BYTES, TextProblem, read_bytes
from generator.core.diagnostics import Diagnostic
from generator.core.messages import msg
from generator.core.model import Routine

MAX_REVISIONS = 50
"""Revisions of one file looked at, newest first."""
BATCH = 2000
"""Blobs asked of ``git cat-file --batch`` at a time."""
PARALLEL = 1000
"""Revisions to parse in one round from which worker processes share the parsing."""
_WEEK_DATE = re.compile(rb"[0-9]{4}-W[0-9]{2}-[0-9]")


@dataclass(frozen=True, slots=True)
class Revision:
    """What change control compares in one state of a routine file."""

    version: str | None
    valid_from: str | None
    content: str
    """A digest of the body and the rules: what a new version must accompany."""


def revision(data: bytes | str, fronts: FrontFields | None = None) -> Revision | None:
    """The comparable parts of a routine file's text, or None if it cannot be read. With
    ``fronts``, a front matter (or an entry of one) met before is not parsed again: a commit
    that changed the body alone has the front matter of the one before it, a new version
    changes a line or two of it."""
    parts = frontmatter.split_file(data)
    if isinstance(parts, TextProblem):
        return None
    front = whole_fields(parts.front_matter) if fronts is None else fronts.read(parts.front_matter)
    return None if front is None else Revision(front[0], front[1], _digest(parts.body, front[2]))


def content_digest(body: str, rules: object) -> str:
    """A digest of what a new version must accompany: the body and the rules (a rule's ``review``
    mark is not content: removing it after checking the rule needs no new version)."""
    return _digest(body, rules_json(rules))


def _digest(body: str, rules: str) -> str:
    canonical = body.strip() + "\n\x00" + rules
    return hashlib.blake2b(canonical.encode("utf-8"), digest_size=16).hexdigest()


def _version_key(version: str) -> tuple[int, ...] | None:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return None


def _cached_revision(raw: Any) -> Revision | bool:
    """A cached revision (``[version, valid_from, content]``, or ``[]`` for an unreadable one);
    raises when the entry is not of that shape. False stands for the unreadable one."""
    if raw == []:
        return False
    if (type(raw) is not list or len(raw) != 3 or not all(v is None or type(v) is str for v in raw[:2])
            or type(raw[2]) is not str):
        raise ValueError("cached revision: not [version, valid_from, content]")
    return Revision(raw[0], raw[1], raw[2])


class ChangeControl:
    """Change control over the routines' committed revisions, reading only those that matter.

    Each routine's commits are walked newest first, in rounds (one ``git cat-file --batch`` for
    all routines' next revision), and a routine's walk stops as soon as nothing older can change
    its findings: once a revision carries another version (where the current one was set) and
    another ``valid_from`` (what it may not move back from) have been seen. The newest commit's
    revision is not read when the working file is that commit's blob: it is the routine as
    loaded. Each revision read is kept in the cache by its blob id; a front matter met again
    (a commit that changed only the body) is not parsed again.
    """

    def __init__(self, history: History, root: Path, cache_dir: Path | None = None, *,
                 jobs: int | None = None, parallel_from: int = PARALLEL) -> None:
        self.history, self.root, self.parallel_from = history, root, parallel_from
        self.cache = Cache(cache_dir, root, "revisions")
        self.read = 0
        """Revisions read from git in this run (not from the cache, not the working file)."""
        self.known: dict[str, Revision | None] = {}
        self.jobs = jobs or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
        self.fronts = FrontFields()
        self.pools: list[Any] = []
        """Worker processes for rounds with many revisions to parse, started when first needed."""

    def check(self, routines: list[Routine]) -> Iterator[Diagnostic]:
        """The change-control diagnostics of every routine with committed history."""
        if not self.history.available or self.history.repo is None:
            return
        walks: list[_Walk] = []
        for routine in routines:
            commits = self.history.commits(routine.file)[:MAX_REVISIONS]
            if not commits or routine.version is None or not routine.content_digest:
                continue
            now = Revision(routine.version, routine.valid_from.isoformat() if routine.valid_from else None,
                           routine.content_digest)
            walk = _Walk(routine, now, commits, len(walks) % self.jobs)
            self._newest(walk)
            walks.append(walk)
        going = [w for w in walks if not w.done]
        with BlobReader(self.history) as reader:
            try:
                while going:
                    found = self._revisions([(w.lane, w.commits[w.index].blob) for w in going], reader)
                    for walk in going:
                        walk.take(found.get(walk.commits[walk.index].blob))
                    going = [w for w in going if not w.done]
            finally:  # before the reader closes: workers forked after it started hold its pipes too
                for pool in self.pools:
                    pool.shutdown()
                self.pools = []
        self.cache.save()
        for walk in walks:
            yield from _compare(walk.routine, walk.now, walk.past)

    def _newest(self, walk: _Walk) -> None:
        """Take the newest commit's revision from the cache, or from the working file when the
        file is still that commit's blob (then it is the routine as loaded, and cached as such)."""
        blob = walk.commits[0].blob
        known = self.cache.load(blob, _cached_revision)
        if known is not None:
            self.known[blob] = known if isinstance(known, Revision) else None
            walk.take(self.known[blob])
            return
        data = read_bytes(self.root / walk.routine.file, MAX_ROUTINE_BYTES)
        if isinstance(data, TextProblem) or blob_id(data, blob) != blob:
            return
        if walk.routine.valid_from is not None and b"-W" in data and _WEEK_DATE.search(data):
            return  # valid_from as a week date: the loaded date is not the text's, read the revision
        self.known[blob] = walk.now
        self.cache.put(blob, [walk.now.version, walk.now.valid_from, walk.now.content])
        walk.take(walk.now)

    def _revisions(self, blobs: list[tuple[int, str]], reader: BlobReader) -> dict[str, Revision | None]:
        """The revisions of ``blobs`` (each with its walk's lane): known, cached, or read and parsed."""
        missing: dict[str, int] = {}
        for lane, blob in blobs:
            if blob in self.known or blob in missing:
                continue
            cached = self.cache.load(blob, _cached_revision)
            if cached is None:
                missing[blob] = lane
            else:
                self.known[blob] = cached if isinstance(cached, Revision) else None
        if self.jobs > 1 and len(missing) >= self.parallel_from:
            self._parse_in_parallel(missing)
            return self.known
        todo = list(missing)
        for start in range(0, len(todo), BATCH):  # in batches: memory stays bounded
            for blob, data in reader.read(todo[start:start + BATCH]).items():
                self._found(blob, revision(data, self.fronts))
        return self.known

    def _found(self, blob: str, rev: Revision | None) -> None:
        self.read += 1
        self.known[blob] = rev
        self.cache.put(blob, [rev.version, rev.valid_from, rev.content] if rev else [])

    def _parse_in_parallel(self, missing: dict[str, int]) -> None:
        """Many revisions: read and parsed by worker processes, each through its own
        ``git cat-file``, one worker per lane, so that a routine's revisions meet the same
        worker, which parses a front matter (or an entry of one) it has met before only once."""
        if not self.pools:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            fork = multiprocessing.get_context("fork")
            git_dir = str(self.history.repo.git_dir)
            self.pools = [ProcessPoolExecutor(max_workers=1, mp_context=fork, initializer=_start_worker,
                                              initargs=(git_dir,)) for _ in range(self.jobs)]
        lanes: list[list[str]] = [[] for _ in self.pools]
        for blob, lane in missing.items():
            lanes[lane].append(blob)
        futures = [pool.submit(_read_and_parse, blobs) for pool, blobs in zip(self.pools, lanes, strict=True)]
        for future in futures:
            for blob, rev in future.result():
                self._found(blob, rev)


_WORKER: dict[str, Any] = {}
"""A worker process's blob reader and front matters (the main process uses its own)."""


def _start_worker(git_dir: str) -> None:
    import git

    _WORKER["reader"] = BlobReader(History(available=True, repo=git.Repo(git_dir)))
    _WORKER["fronts"] = FrontFields()


def _read_and_parse(blobs: list[str]) -> list[tuple[str, Revision | None]]:
    """A worker's part: the revisions of these blobs (those that are blobs), read in batches."""
    reader, fronts = _WORKER["reader"], _WORKER["fronts"]
    found: list[tuple[str, Revision | None]] = []
    for start in range(0, len(blobs), BATCH):
        found.extend((blob, revision(data, fronts)) for blob, data in reader.read(blobs[start:start + BATCH]).items())
    return found


@dataclass
class _Walk:
    """One routine's walk back through its commits, and when it may stop."""

    routine: Routine
    now: Revision
    commits: list[Commit]
    lane: int = 0
    """Which worker parses this routine's revisions, when workers do."""
    index: int = 0
    past: list[tuple[Commit, Revision]] = field(default_factory=list)
    other_version: bool = False
    """A revision with another version (or none) was seen: the current version's run ended."""
    previous: bool = False
    """The newest other version is known, or it cannot matter."""
    earlier_from: bool = False
    """The newest other ``valid_from`` is known, or it cannot matter."""

    def __post_init__(self) -> None:
        self.previous = _version_key(self.now.version or "") is None
        self.earlier_from = not self.now.valid_from

    def take(self, rev: Revision | None) -> None:
        """The revision of the next commit (None: unreadable, skipped as before)."""
        if rev is not None:
            self.past.append((self.commits[self.index], rev))
            if rev.version != self.now.version:
                self.other_version = True
                self.previous = self.previous or bool(rev.version)
            if rev.valid_from and rev.valid_from != self.now.valid_from:
                self.earlier_from = True
        self.index += 1

    @property
    def done(self) -> bool:
        return self.index >= len(self.commits) or (self.other_version and self.previous and self.earlier_from)


def check_change_control(routines: list[Routine], history: History, root: Path,
                         cache_dir: Path | None = None) -> Iterator[Diagnostic]:
    """The change-control diagnostics of every routine with committed history."""
    yield from ChangeControl(history, root, cache_dir).check(routines)


def _compare(routine: Routine, now: Revision, past: list[tuple[Commit, Revision]]) -> Iterator[Diagnostic]:
    version_line, from_line = routine.line("/version"), routine.line("/valid_from")
    previous = next((r.version for _, r in past if r.version and r.version != now.version), None)
    if previous and now.version:
        old, new = _version_key(previous), _version_key(now.version)
        if old is not None and new is not None and new < old:
            yield Diagnostic(routine.file, version_line, "error", "version-lowered",
                             msg("check.version_lowered", version=now.version, previous=previous))
    earlier_from = next((r.valid_from for _, r in past if r.valid_from and r.valid_from != now.valid_from), None)
    if earlier_from and now.valid_from and now.valid_from < earlier_from:
        yield Diagnostic(routine.file, from_line, "error", "valid-from-backwards",
                         msg("check.valid_from_backwards", earlier=earlier_from, now=now.valid_from))
    same = [(c, r) for c, r in _run_of(now.version, past)]
    if not same:
        return  # the current version is new (not yet committed): its changes come with it
    commit, setting = same[-1]
    if setting.content != now.content:
        yield Diagnostic(routine.file, version_line, "warning", "changed-without-version",
                         msg("check.changed_without_version", sha=commit.sha[:7], date=commit.date,
                             version=now.version or ""))


def _run_of(version: str | None, past: list[tuple[Commit, Revision]]) -> list[tuple[Commit, Revision]]:
    """The newest revisions, in order, that still carry ``version``."""
    run = []
    for commit, rev in past:
        if rev.version != version:
            break
        run.append((commit, rev))
    return run
