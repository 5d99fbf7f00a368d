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

import os
from collections.abc import Iterator
from pathlib import Path

from generator.content.cache import Cache
from generator.content.front_fields import FrontFields
from generator.content.git_log import Commit
from generator.content.history import History
from generator.content.revision_walk import Taken, Walk, Walker, walk_in_workers
from generator.content.revisions import Revision, cached_revision, version_key
from generator.core.diagnostics import Diagnostic
from generator.core.messages import msg
from generator.core.model import Routine

MAX_REVISIONS = 50
"""Revisions of one file looked at, newest first."""
PARALLEL = 1000
"""Routines whose walks need git from which worker processes share the walks."""


class ChangeControl:
    """Change control over the routines' committed revisions, reading only those that matter.

    Each routine's commits are walked newest first (:mod:`generator.content.revision_walk`),
    and a routine's walk stops as soon as nothing older can change its findings: once a
    revision carries another version (where the current one was set) and another
    ``valid_from`` (what it may not move back from) have been seen. Each revision read is kept
    in the cache by its blob id; the walks go first as far as the cache takes them, and the
    rest, when they are many, are shared among worker processes.
    """

    def __init__(self, history: History, root: Path, cache_dir: Path | None = None, *,
                 jobs: int | None = None, parallel_from: int = PARALLEL) -> None:
        self.history, self.root, self.parallel_from = history, root, parallel_from
        self.cache = Cache(cache_dir, root, "revisions")
        self.read = 0
        """Revisions read from git in this run (not from the cache, not the working file)."""
        self.jobs = jobs or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)

    def check(self, routines: list[Routine]) -> Iterator[Diagnostic]:
        """The change-control diagnostics of every routine with committed history."""
        if not self.history.available or self.history.repo is None:
            return
        walks: list[Walk] = []
        checked: list[tuple[Routine, list[Commit]]] = []
        for routine in routines:
            commits = self.history.commits(routine.file)[:MAX_REVISIONS]
            if not commits or routine.version is None or not routine.content_digest:
                continue
            now = Revision(routine.version, routine.valid_from.isoformat() if routine.valid_from else None,
                           routine.content_digest)
            walks.append(Walk(routine.file, now, [c.blob for c in commits], routine.blob))
            checked.append((routine, commits))
        walker = Walker(str(self.root), self.history, FrontFields(), self._lookup)
        walker.from_cache(walks)
        waiting = [w for w in walks if not w.done]
        if self.jobs > 1 and len(waiting) >= self.parallel_from:
            finished, taken = walk_in_workers(waiting, self.jobs, str(self.root), self.history, self._lookup)
            ends = dict(zip(map(id, waiting), finished, strict=True))
            walks = [ends.get(id(w), w) for w in walks]
            for blob in taken.cached:
                self._lookup(blob)  # used in this run: kept
        else:
            walker.walk(waiting)
            taken = walker.taken
        self._keep(taken)
        for (routine, commits), walk in zip(checked, walks, strict=True):
            yield from _compare(routine, walk.now, [(commits[index], rev) for index, rev in walk.past])

    def _lookup(self, blob: str) -> Revision | bool | None:
        return self.cache.load(blob, cached_revision)

    def _keep(self, taken: Taken) -> None:
        self.read += len(taken.read)
        for blob, rev in taken.read.items():
            self.cache.put(blob, rev.to_cache() if rev else [])
        for blob, rev in taken.working.items():
            self.cache.put(blob, rev.to_cache())
        self.cache.save()


def check_change_control(routines: list[Routine], history: History, root: Path,
                         cache_dir: Path | None = None) -> Iterator[Diagnostic]:
    """The change-control diagnostics of every routine with committed history."""
    yield from ChangeControl(history, root, cache_dir).check(routines)


def _compare(routine: Routine, now: Revision, past: list[tuple[Commit, Revision]]) -> Iterator[Diagnostic]:
    version_line, from_line = routine.line("/version"), routine.line("/valid_from")
    previous = next((r.version for _, r in past if r.version and r.version != now.version), None)
    if previous and now.version:
        old, new = version_key(previous), version_key(now.version)
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
