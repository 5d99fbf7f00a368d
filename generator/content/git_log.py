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


def walk(repo: Any, prefix: str, split_from: int) -> dict[str, list[Commit]]:
    """The ``git log`` walk, parsed while git writes it (its output is never held whole).

    A long history is walked by two processes at once, split at a commit X of the first-parent
    line: the commits of ``X..HEAD`` and those of ``X``, which are all the commits once each,
    and none of the second kind is newer than one of the first, so read one after the other
    they are the walk of one process (the older part is kept while the newer is read).
    """
    walk = _Walk(prefix)
    middle = _middle(repo, split_from)
    if middle is None:
        walk.feed(_log(repo, prefix, "HEAD"))
        return walk.by_file
    older = _Drained(_log(repo, prefix, middle))
    try:
        walk.feed(_log(repo, prefix, f"{middle}..HEAD"))
    finally:
        chunks = older.chunks()
    walk.feed(older.process, iter(chunks))
    return walk.by_file


def _middle(repo: Any, split_from: int) -> str | None:
    """The commit halfway along HEAD's first-parent line, when the line is long enough to split."""
    line = repo.git.rev_list("--first-parent", "HEAD").split()
    return line[len(line) // 2] if len(line) >= split_from else None


def _log(repo: Any, prefix: str, revisions: str) -> Any:
    return repo.git.log("--format=" + RECORD + FIELD.join(["%H", "%as", "%an", "%s", APPROVED_BY]),
                        "--raw", "--no-abbrev", "-M", "--no-color", "-z", revisions, "--", f"{prefix}routines",
                        as_process=True)


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

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.by_file: dict[str, list[Commit]] = {}
        self.current: dict[str, str] = {}  # an older path -> the file's name now

    def feed(self, process: Any, chunks: Iterator[bytes] | None = None) -> None:
        """The records of one ``git log``, as they come (``chunks``: its output kept before)."""
        import git

        pending = b""
        for chunk in _chunks(process) if chunks is None else chunks:
            pending += chunk
            end = pending.rfind(RECORD.encode())
            if end > 0:  # the records before the last one are whole
                self.records(pending[:end].decode("utf-8", "surrogateescape"))
                pending = pending[end:]
        self.records(pending.decode("utf-8", "surrogateescape"))
        errors = process.proc.stderr.read()
        if process.proc.wait() != 0:
            raise git.GitCommandError(["git", "log"], process.proc.returncode, errors)

    def records(self, text: str) -> None:
        prefix, by_file, current = self.prefix, self.by_file, self.current
        for record in text.split(RECORD):
            if not record:
                continue
            head, _, rest = record.partition("\x00\n")
            sha, date, author, message, approved_by = head.split(FIELD, 4)
            parts = [p for p in rest.strip("\n\x00").split("\x00") if p != ""]
            index = 0
            while index < len(parts):
                fields = parts[index].lstrip(":").split()  # old mode, new mode, old blob, new blob, status
                blob, status = fields[3], fields[4]
                if status.startswith(("R", "C")):
                    old, there = parts[index + 1], parts[index + 2]
                    index += 3
                    name = current.get(there, there)
                    if status.startswith("R"):
                        current[old] = name
                else:
                    there = parts[index + 1]
                    name = current.get(there, there)
                    index += 2
                if name.startswith(prefix) and not status.startswith("D"):
                    by_file.setdefault(name[len(prefix):], []).append(
                        Commit(sha, date, author, message, there, blob, approved_by))


