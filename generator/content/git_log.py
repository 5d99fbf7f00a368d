"""The one ``git log`` walk of a repository's routines: each file's commits, newest first,
renames followed."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

FIELD = "\x1f"
RECORD = "\x1e"
VALUE = "\x1d"
"""Between the values of a commit's ``Approved-by`` trailers."""
_ID_IN = re.compile(r"[<(]\s*([^<>()\s]+)\s*[>)]\s*$")
SPLIT_FROM = 2000
"""Commits on the first-parent line from which the walk is two ``git log`` processes at once."""
APPROVED_BY = "%(trailers:key=Approved-by,valueonly,unfold,separator=%x1d)"


def person_id_of(value: str) -> str:
    """The person id of an ``Approved-by:`` trailer's value: ``thogu14``, ``Thorsteinn Gunnarsson
    (thogu14)`` or ``Thorsteinn Gunnarsson <thogu14>``."""
    value = value.strip()
    match = _ID_IN.search(value)
    return match.group(1) if match else value


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit that touched a routine."""

    sha: str
    date: str
    """Author date, ``YYYY-MM-DD``."""
    author: str
    message: str
    """The subject line."""
    path: str = field(default="", compare=False)
    """The file's path in the repository at this commit (renames followed)."""
    blob: str = field(default="", compare=False)
    """The id of the file's content after this commit."""
    approved_by: str = field(default="", compare=False)
    """The values of the commit's ``Approved-by:`` trailers (person ids), :data:`VALUE` between."""

    def approvers(self) -> list[str]:
        """The person ids the commit's ``Approved-by:`` trailers name."""
        return [person_id_of(v) for v in self.approved_by.split(VALUE) if v.strip()]

    def to_json(self) -> dict[str, str]:
        return {"sha": self.sha, "date": self.date, "author": self.author, "message": self.message}


def walk(repo: Any, prefix: str, split_from: int, *, pathspec: bool = False) -> dict[str, list[Commit]]:
    """The ``git log`` walk of ``prefix + "routines/"``, parsed while git writes it (its output
    is never held whole).

    A history with merges is one walk with the pathspec, as git's history simplification needs
    it (a merge that took one side's routines whole hides the other side's commits, which a walk
    split below the merge would show). A long history without merges is walked by two processes
    at once, split at its middle commit X: the commits of ``X..HEAD`` and those of ``X``, which
    are all the commits once each, the second part all older, so read one after the other they
    are the walk of one process (the older part is kept while the newer is read).

    A history without merges is walked without a pathspec (a third less of git's time: with
    one, git compares every commit's tree twice) and the other paths are passed over, unless
    ``pathspec``. That gives the same commits, except where git could pair a rename otherwise
    when it sees only the routines: a rename across the folder's edge, a commit that removes
    and adds routines and adds or removes other files, or rename detection given up for too
    many files. Such a commit, and the walk is done again with the pathspec.
    """
    middle, linear = _plan(repo, split_from)
    if not linear:  # one walk as it always was: git's history simplification sees every merge whole
        return _walk(repo, prefix, None, pathless=False)
    if not pathspec:
        try:
            return _walk(repo, prefix, middle, pathless=True)
        except _Narrower:
            pass
    return _walk(repo, prefix, middle, pathless=False)


class _Narrower(Exception):
    """The walk without a pathspec met a commit that git could read otherwise with one."""


def _walk(repo: Any, prefix: str, middle: str | None, *, pathless: bool) -> dict[str, list[Commit]]:
    reading = _Walk(prefix, pathless)
    if middle is None:
        reading.feed(_log(repo, prefix, "HEAD", pathless))
        return reading.by_file
    older = _Drained(_log(repo, prefix, middle, pathless))
    try:
        reading.feed(_log(repo, prefix, f"{middle}..HEAD", pathless))
    except BaseException:
        older.process.proc.kill()
        raise
    finally:
        chunks = older.chunks()
    reading.feed(older.process, iter(chunks))
    return reading.by_file


def _plan(repo: Any, split_from: int) -> tuple[str | None, bool]:
    """Whether the history has no merges, and then its middle commit when it is long enough to
    split."""
    commits = repo.git.rev_list("--parents", "HEAD").splitlines()
    if any(line.count(" ") > 1 for line in commits):
        return None, False
    return (commits[len(commits) // 2].split(" ", 1)[0] if len(commits) >= split_from else None), True


def _log(repo: Any, prefix: str, revisions: str, pathless: bool) -> Any:
    limit = [] if pathless else ["--", f"{prefix}routines"]
    return repo.git.log("--format=" + RECORD + FIELD.join(["%H", "%as", "%an", "%s", APPROVED_BY]),
                        "--raw", "--no-abbrev", "-M", "--no-color", "-z", revisions, *limit, as_process=True)


def _chunks(process: Any) -> Iterator[bytes]:
    return iter(lambda: process.proc.stdout.read1(1 << 20), b"")


class _Drained:
    """A ``git log`` whose output a thread keeps, so that git runs on while the walk reads another."""

    def __init__(self, process: Any) -> None:
        self.process, self.kept = process, list[bytes]()
        self.thread = threading.Thread(target=lambda: self.kept.extend(_chunks(process)), daemon=True)
        self.thread.start()

    def chunks(self) -> list[bytes]:
        self.thread.join()
        return self.kept


class _Walk:
    """The walk's records, newest first, made into commits per file (renames followed)."""

    def __init__(self, prefix: str, pathless: bool = False) -> None:
        self.prefix, self.pathless = prefix, pathless
        self.scope = prefix + "routines/"
        self.by_file: dict[str, list[Commit]] = {}
        self.current: dict[str, str] = {}  # an older path -> the file's name now

    def feed(self, process: Any, chunks: Iterator[bytes] | None = None) -> None:
        """The records of one ``git log``, as they come (``chunks``: its output kept before)."""
        import git

        pending = b""
        try:
            for chunk in _chunks(process) if chunks is None else chunks:
                pending += chunk
                end = pending.rfind(RECORD.encode())
                if end > 0:  # the records before the last one are whole
                    self.records(pending[:end].decode("utf-8", "surrogateescape"))
                    pending = pending[end:]
            self.records(pending.decode("utf-8", "surrogateescape"))
        except BaseException:
            process.proc.kill()
            process.proc.wait()
            raise
        errors = process.proc.stderr.read()
        if process.proc.wait() != 0:
            raise git.GitCommandError(["git", "log"], process.proc.returncode, errors)
        if self.pathless and b"rename detection was skipped" in errors:
            raise _Narrower

    def records(self, text: str) -> None:
        prefix, scope, by_file, current = self.prefix, self.scope, self.by_file, self.current
        for record in text.split(RECORD):
            if not record:
                continue
            head, _, rest = record.partition("\x00\n")
            sha, date, author, message, approved_by = head.split(FIELD, 4)
            changes = _changes([p for p in rest.strip("\n\x00").split("\x00") if p != ""])
            if self.pathless:
                self._as_with_pathspec(changes)
            for status, old, there, blob in changes:
                name = current.get(there, there)
                if status == "R":
                    current[old] = name
                if name.startswith(scope) and status != "D":
                    by_file.setdefault(name[len(prefix):], []).append(
                        Commit(sha, date, author, message, there, blob, approved_by))

    def _as_with_pathspec(self, changes: list[tuple[str, str, str, str]]) -> None:
        """Raise :class:`_Narrower` when a commit's renames could be paired otherwise with a pathspec."""
        scope, removed, added, other = self.scope, False, False, False
        for status, old, there, _ in changes:
            if status in ("R", "C"):
                inside = there.startswith(scope)
                if old.startswith(scope) != inside:
                    raise _Narrower
                if inside:
                    removed = added = True
                else:
                    other = True
            elif status in ("A", "D"):
                if not there.startswith(scope):
                    other = True
                elif status == "A":
                    added = True
                else:
                    removed = True
        if removed and added and other:
            raise _Narrower


def _changes(parts: list[str]) -> list[tuple[str, str, str, str]]:
    """A commit's ``--raw -z`` entries as (status letter, old path, path, new blob); the old path
    is the path but for renames and copies."""
    found = []
    index = 0
    while index < len(parts):
        fields = parts[index].lstrip(":").split()  # old mode, new mode, old blob, new blob, status
        blob, status = fields[3], fields[4][:1]
        if status in ("R", "C"):
            found.append((status, parts[index + 1], parts[index + 2], blob))
            index += 3
        else:
            found.append((status, parts[index + 1], parts[index + 1], blob))
            index += 2
    return found
