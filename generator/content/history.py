"""Revision history from git, read in one walk of ``git log`` (never one call per file)."""

from __future__ import annotations

import contextlib
import hashlib
import re
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from generator.content.cache import Cache
from generator.core.messages import Msg, msg

FIELD = "\x1f"
RECORD = "\x1e"
VALUE = "\x1d"
"""Between the values of a commit's ``Approved-by`` trailers."""
_ID_IN = re.compile(r"[<(]\s*([^<>()\s]+)\s*[>)]\s*$")
SPLIT_FROM = 2000
"""Commits on the first-parent line from which the walk is two ``git log`` processes at once."""
PIPE_BYTES = 1 << 20
"""How much ``git cat-file`` may answer ahead of the reader."""
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


@dataclass
class History:
    """Commits per root-relative file, newest first, renames followed."""

    by_file: dict[str, list[Commit]] = field(default_factory=dict)
    available: bool = False
    """False when the root is not in a git repository, or the clone is shallow."""
    warning: Msg | None = None
    repo: Any = None
    """The GitPython repository, when there is one with history."""
    prefix: str = ""
    """The content root's path inside the repository (``""`` or ``"docs/"``)."""

    def commits(self, file: str) -> list[Commit]:
        return self.by_file.get(file, [])


def read_history(root: Path, cache_dir: Path | None = None, *, split_from: int | None = None) -> History:
    """The history of ``root/routines`` from the git repository holding it, if any.

    The walk is cached by the commit at HEAD: while HEAD stays, the history cannot change.
    ``split_from``: the commits from which the walk is two processes (default :data:`SPLIT_FROM`).
    """
    try:
        import git
    except ImportError:  # pragma: no cover - a declared dependency
        return History(warning=msg("check.history_no_git"))
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return History()
    try:
        if repo.git.rev_parse("--is-shallow-repository").strip() == "true":
            return History(warning=msg("check.history_shallow"))
        if not repo.head.is_valid():
            return History(available=True)
        top = Path(repo.working_tree_dir or root).resolve()
        prefix = root.resolve().relative_to(top).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        cache = Cache(cache_dir, root, "history")
        key = f"{repo.head.commit.hexsha}:{prefix}"
        cached = cache.load(key, _cached_history)
        if cached is not None:
            return History(cached, available=True, repo=repo, prefix=prefix)
        by_file = _walk(repo, prefix, SPLIT_FROM if split_from is None else split_from)
    except git.GitCommandError as error:
        return History(warning=msg("check.history_error", error=str(error.stderr).strip() or str(error)))
    cache.put(key, {f: [[c.sha, c.date, c.author, c.message, c.path, c.blob, c.approved_by] for c in commits]
                    for f, commits in by_file.items()})
    cache.save()  # keeps only what this run used: the current HEAD
    return History(by_file, available=True, repo=repo, prefix=prefix)


def _cached_history(raw: Any) -> dict[str, list[Commit]]:
    """A cached walk, as :func:`read_history` stores it; raises when it is not of that shape."""
    if type(raw) is not dict:
        raise ValueError("cached history: not a mapping")
    found = {}
    for file, commits in raw.items():
        if type(commits) is not list:
            raise ValueError("cached history: commits")
        for commit in commits:
            if type(commit) is not list or len(commit) != 7 or any(type(part) is not str for part in commit):
                raise ValueError("cached history: a commit")
        found[file] = [Commit(commit[0], commit[1], commit[2], commit[3], commit[4], commit[5], commit[6])
                       for commit in commits]
    return found


def _walk(repo: Any, prefix: str, split_from: int) -> dict[str, list[Commit]]:
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
        import threading

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


def blob_id(data: bytes, like: str) -> str:
    """The git blob id of ``data``, in the hash of the id ``like`` (SHA-1, or SHA-256)."""
    digest = hashlib.sha256() if len(like) == 64 else hashlib.sha1()
    digest.update(b"blob %d\x00" % len(data))
    digest.update(data)
    return digest.hexdigest()


def read_blobs(history: History, blobs: list[str]) -> dict[str, bytes]:
    """The bytes of each blob id that is a blob in the repository."""
    with BlobStream(history) as stream:
        return dict(stream.read(blobs))


class BlobStream:
    """One ``git cat-file --batch``, started when first asked and kept for every question after,
    so that its cache of delta bases serves them all (a routine's revisions are deltas of one
    another: read round after round, each would otherwise be unpacked from the newest again).

    A thread writes the questions while the answers are read, so neither side waits on the
    other, and git answers into a pipe made wide, working ahead while each answer is taken.
    """

    def __init__(self, history: History) -> None:
        self.history = history
        self.process: Any = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.proc.stdin.close()
            self.process.proc.stdout.close()
            self.process.proc.stderr.close()
            self.process.proc.wait()
            self.process = None

    def read(self, blobs: list[str]) -> Iterator[tuple[str, bytes]]:
        """Each blob id with its bytes, in order, for those that are blobs in the repository."""
        if not blobs or self.history.repo is None:
            return
        if self.process is None:
            self.process = self.history.repo.git.cat_file("--batch", as_process=True, istream=subprocess.PIPE)
            with contextlib.suppress(ImportError, OSError, AttributeError):  # Linux: up to pipe-max-size
                import fcntl

                fcntl.fcntl(self.process.proc.stdout.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        ask, answer = self.process.proc.stdin, self.process.proc.stdout
        questions = "".join(f"{blob}\n" for blob in blobs).encode("ascii")
        writer = threading.Thread(target=_ask, args=(ask, questions), daemon=True)
        writer.start()
        try:
            for blob in blobs:
                header = answer.readline().split()
                if not header:
                    raise OSError("git cat-file --batch ended early")
                if len(header) == 3:
                    data = answer.read(int(header[2]) + 1)[:-1]
                    if header[1] == b"blob":
                        yield blob, data
        finally:
            writer.join()


def _ask(ask: Any, questions: bytes) -> None:
    with contextlib.suppress(OSError):  # git went away: the reader sees the answers end
        ask.write(questions)
        ask.flush()
