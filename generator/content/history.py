"""Revision history from git: the commits of each routine file (one walk of ``git log``, never one
call per file, see :mod:`generator.content.git_log`) and the blobs of their revisions."""

from __future__ import annotations

import contextlib
import hashlib
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from generator.content.cache import Cache
from generator.content.git_log import SPLIT_FROM, Commit, walk
from generator.core.messages import Msg, msg

PIPE_BYTES = 1 << 20
"""How much ``git cat-file`` may answer ahead of the reader."""


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


def read_history(root: Path, cache_dir: Path | None = None, *, split_from: int | None = None,
                 pathspec: bool = False) -> History:
    """The history of ``root/routines`` from the git repository holding it, if any.

    The walk is cached by the commit at HEAD: while HEAD stays, the history cannot change.
    ``split_from``: the commits from which the walk is two processes (default :data:`SPLIT_FROM`);
    ``pathspec``: git always limited to the routines (see :func:`~generator.content.git_log.walk`).
    """
    resolved = root.resolve()
    if not any((folder / ".git").exists() for folder in (resolved, *resolved.parents)):
        return History()  # in no repository (as GitPython would find): not worth importing it
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
        prefix = resolved.relative_to(top).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        cache = Cache(cache_dir, root, "history")
        key = f"{repo.head.commit.hexsha}:{prefix}"
        cached = cache.load(key, _cached_history)
        if cached is not None:
            return History(cached, available=True, repo=repo, prefix=prefix)
        by_file = walk(repo, prefix, SPLIT_FROM if split_from is None else split_from, pathspec=pathspec)
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
            for pipe in (self.process.proc.stdin, self.process.proc.stdout, self.process.proc.stderr):
                with contextlib.suppress(OSError):  # a killed git: what was left to write is dropped
                    pipe.close()
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
        answered = 0
        try:
            for blob in blobs:
                header = answer.readline().split()
                if not header:
                    raise OSError("git cat-file --batch ended early")
                if len(header) == 3:
                    data = answer.read(int(header[2]) + 1)[:-1]
                    if header[1] == b"blob":
                        yield blob, data
                answered += 1
        finally:
            early = answered < len(blobs)
            if early:  # git may be stuck on answers nobody reads, the writer on git
                self.process.proc.kill()
            writer.join()
            if early:
                self.__exit__()  # the next read starts another


def _ask(ask: Any, questions: bytes) -> None:
    with contextlib.suppress(OSError):  # git went away: the reader sees the answers end
        ask.write(questions)
        ask.flush()
