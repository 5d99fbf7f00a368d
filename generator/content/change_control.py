"""Change control from git history: a changed routine must not pass as the approved one.

In a git repository, ``check`` compares each routine with its committed versions:
the body or rules changed since the commit that set the current ``version`` (or in the working
tree) without a new version: warning; ``version`` lowered: error; ``valid_from`` moved
backwards: error. Versions and dates are read from each revision's front matter with the
same YAML reader as everything else. Revisions are keyed by git's blob id, so each is read
(in one ``git cat-file --batch``) and parsed once, then kept in the cache.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content import frontmatter
from generator.content.cache import Cache
from generator.content.history import Commit, History, read_blobs
from generator.content.textfile import TextProblem, decode
from generator.content.yamlsafe import load_yaml
from generator.core.diagnostics import Diagnostic
from generator.core.messages import msg
from generator.core.model import Routine

MAX_REVISIONS = 50
"""Revisions of one file looked at, newest first."""
BATCH = 2000
"""Blobs read per ``git cat-file --batch`` call."""


@dataclass(frozen=True)
class Revision:
    """What change control compares in one state of a routine file."""

    version: str | None
    valid_from: str | None
    content: str
    """A digest of the body and the rules: what a new version must accompany."""


def revision(data: bytes | str) -> Revision | None:
    """The comparable parts of a routine file's text, or None if it cannot be read."""
    text = decode(data) if isinstance(data, bytes) else data
    if isinstance(text, TextProblem):
        return None
    parts = frontmatter.split(text)
    if isinstance(parts, TextProblem):
        return None
    document = load_yaml(parts.front_matter)
    if not document.ok or not isinstance(document.data, dict):
        return None
    fm = document.data
    version, valid_from = fm.get("version"), fm.get("valid_from")
    return Revision(version if isinstance(version, str) else None,
                    valid_from if isinstance(valid_from, str) else None, content_digest(parts.body, fm.get("rules")))


def content_digest(body: str, rules: object) -> str:
    """A digest of what a new version must accompany: the body and the rules (a rule's ``review``
    mark is not content: removing it after checking the rule needs no new version)."""
    if isinstance(rules, dict):
        rules = {kind: [{k: v for k, v in item.items() if k != "review"} if isinstance(item, dict) else item
                        for item in items] if isinstance(items, list) else items
                 for kind, items in rules.items()}
    canonical = body.strip() + "\n\x00" + json.dumps(rules, sort_keys=True, ensure_ascii=False)
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


def _revisions(history: History, blobs: set[str], cache_dir: Path | None, root: Path) -> dict[str, Revision | None]:
    cache = Cache(cache_dir, root, "revisions")
    found: dict[str, Revision | None] = {}
    missing = []
    for blob in blobs:
        known = cache.load(blob, _cached_revision)
        if known is None:
            missing.append(blob)
        else:
            found[blob] = known if isinstance(known, Revision) else None
    missing.sort()
    for start in range(0, len(missing), BATCH):  # in batches: memory stays bounded
        for blob, data in read_blobs(history, missing[start:start + BATCH]).items():
            rev = found[blob] = revision(data)
            cache.put(blob, [rev.version, rev.valid_from, rev.content] if rev else [])
    cache.save()
    return found


def check_change_control(routines: list[Routine], history: History, root: Path,
                         cache_dir: Path | None = None) -> Iterator[Diagnostic]:
    """The change-control diagnostics of every routine with committed history."""
    if not history.available or history.repo is None:
        return
    wanted = {c.blob for r in routines for c in history.commits(r.file)[:MAX_REVISIONS]}
    revisions = _revisions(history, wanted, cache_dir, root)
    for routine in routines:
        commits = history.commits(routine.file)[:MAX_REVISIONS]
        if not commits or routine.version is None or not routine.content_digest:
            continue
        now = Revision(routine.version, routine.valid_from.isoformat() if routine.valid_from else None,
                       routine.content_digest)
        past = [(c, revisions.get(c.blob)) for c in commits]
        yield from _compare(routine, now, [(c, r) for c, r in past if r is not None])


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
