"""``routines renew``: a new validity period for a routine, with a new version and revision note.

:func:`prepare_renewal` finds the routine, reads its file and checks the new version and
dates; :meth:`Renewal.compose` edits the front matter as text
(:mod:`generator.authoring.front_matter_edit`, every other byte kept) and :meth:`Renewal.write`
replaces the file atomically, unless it changed on disk in the meantime.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.authoring.front_matter_edit import edit_front_matter
from generator.content import frontmatter
from generator.content.atomic_write import confined, write_atomically
from generator.content.project import Project, load_project
from generator.content.textfile import MAX_ROUTINE_BYTES, TextProblem, decode, read_bytes
from generator.content.yamlsafe import load_yaml
from generator.core.calendar import longest_valid_to
from generator.core.errors import GeneratorError
from generator.core.model import Routine
from generator.core.suggest import did_you_mean, nearest

_VERSION = re.compile(r"^[0-9]+(\.[0-9]+)*$")


def version_key(version: str) -> tuple[int, ...]:
    """A version as numbers, trailing zeros dropped: ``"6.0"`` and ``"6"`` compare equal."""
    parts = [int(p) for p in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def next_major(version: str) -> str:
    """The next major version, of the same shape: ``"6.0"`` -> ``"7.0"``, ``"2"`` -> ``"3"``."""
    parts = version.split(".")
    return ".".join([str(int(parts[0]) + 1), *("0" for _ in parts[1:])])


@dataclass
class Renewal:
    """A planned renewal of one routine: checked values, and the file as it was read."""

    root: Path
    path: Path
    file: str
    id: str
    old_version: str
    version: str
    old_valid_from: dt.date
    valid_from: dt.date
    old_valid_to: dt.date
    valid_to: dt.date
    original: bytes
    data: dict[str, Any] = field(repr=False)
    updated: bytes | None = None
    note: str | None = None
    written: bool = False

    def compose(self, note: str) -> bytes:
        """The file with the new version, dates and revision note; every other byte kept."""
        note = note.strip()
        if not note:
            raise GeneratorError("the revision note is empty; say what changed in this version (--note)")
        if len(note) > 10000:
            raise GeneratorError("the revision note is longer than 10,000 characters")
        self.note = note
        self.updated = edit_front_matter(self, note)
        return self.updated

    def diff(self) -> str:
        """A unified diff of the file, before and after."""
        assert self.updated is not None
        before = _text_of(self.original).splitlines(keepends=True)
        after = _text_of(self.updated).splitlines(keepends=True)
        return "".join(difflib.unified_diff(before, after, f"a/{self.file}", f"b/{self.file}"))

    def write(self) -> None:
        """Replace the file, unless it changed on disk since it was read."""
        assert self.updated is not None
        now = read_bytes(self.path, MAX_ROUTINE_BYTES)
        if now != self.original:
            raise GeneratorError(f"{self.file} changed on disk while the renewal was prepared; nothing was "
                                 "written, run renew again")
        target = confined(self.path, self.root, self.file)  # a symbolic link is written through, and stays one
        try:
            write_atomically(target, self.updated)
        except OSError as error:
            raise GeneratorError(f"cannot write {self.file}: {error.strerror or error}") from None
        self.written = True


def _text_of(data: bytes) -> str:
    text = decode(data)
    return text if isinstance(text, str) else data.decode("utf-8", "replace")


def _valid_date(day: dt.date | None, file: str, name: str) -> dt.date:
    if day is None:
        raise GeneratorError(f"{file}: {name} is missing or not a date as YYYY-MM-DD; run 'routines check' "
                             "to see why, and correct it before renewing")
    return day


def prepare_renewal(root: Path, routine_id: str, *, today: dt.date, version: str | None = None,
                    valid_from: dt.date | None = None, valid_to: dt.date | None = None,
                    cache_dir: Path | None = None, project: Project | None = None) -> Renewal:
    """Find the routine, read its file and check the new version and dates; writes nothing."""
    project = project or load_project(root, cache_dir=cache_dir)
    routine = _find_routine(project, routine_id)
    path = root / routine.file
    original, data = _read_front_matter(path, routine.file, routine_id)  # the bytes the edit keeps
    old_version = routine.version
    if old_version is None or not _VERSION.match(old_version):
        raise GeneratorError(f"{routine.file}: the version must be a quoted number such as \"6.0\" before "
                             "the routine can be renewed")
    old_from = _valid_date(routine.valid_from, routine.file, "valid_from")
    old_to = _valid_date(routine.valid_to, routine.file, "valid_to")
    new_version = _new_version(old_version, version)
    day = today
    new_from = valid_from or day
    if new_from < old_from:
        raise GeneratorError(f"valid_from {new_from} is before the current valid_from {old_from}; a new "
                             "validity period cannot start before the one it replaces (give a --valid-from "
                             "on or after it)")
    new_to = _new_valid_to(project, routine.type, new_from, valid_to, day)
    return Renewal(root, path, routine.file, routine_id, old_version, new_version, old_from, new_from,
                   old_to, new_to, original, data)


def renew_routine(root: Path, routine_id: str, *, note: str, today: dt.date,
                  version: str | None = None, valid_from: dt.date | None = None,
                  valid_to: dt.date | None = None, dry_run: bool = False,
                  cache_dir: Path | None = None, project: Project | None = None) -> Renewal:
    """Start a new validity period for a routine (see :func:`prepare_renewal`); ``dry_run`` writes nothing."""
    renewal = prepare_renewal(root, routine_id, today=today, version=version, valid_from=valid_from,
                              valid_to=valid_to, cache_dir=cache_dir, project=project)
    renewal.compose(note)
    if not dry_run:
        renewal.write()
    return renewal


def _find_routine(project: Project, routine_id: str) -> Routine:
    """The one routine with the id; raises when there is none (or only one with errors) or several."""
    matches = [r for r in project.routines if r.id == routine_id]
    if not matches:
        known = [f.file for f in project.files if f.data is not None and f.data.get("id") == routine_id]
        if known:
            raise GeneratorError(f"routine '{routine_id}' ({known[0]}) has errors in its front matter; "
                                 "fix what check reports first")
        ids = {r.id: r.id for r in project.routines if r.id}
        close = nearest(routine_id, {i.casefold(): i for i in ids})
        raise GeneratorError(f"no routine has the id '{routine_id}'{did_you_mean(close)}; give the id from its "
                             "front matter (routines check lists every file)")
    if len(matches) > 1:
        raise GeneratorError(f"the id '{routine_id}' is used by {', '.join(r.file for r in matches)}; "
                             "make the ids unique first")
    return matches[0]


def _read_front_matter(path: Path, file: str, routine_id: str) -> tuple[bytes, dict[str, Any]]:
    """The file's bytes and its front matter, which must read cleanly and still have the id."""
    original = read_bytes(path, MAX_ROUTINE_BYTES)
    if isinstance(original, TextProblem):
        raise GeneratorError(f"{file}: {original.message}")
    text = decode(original)
    if isinstance(text, TextProblem):
        raise GeneratorError(f"{file}:{text.line}: {text.message}")
    parts = frontmatter.split(text)
    if isinstance(parts, TextProblem):
        raise GeneratorError(f"{file}:{parts.line}: {parts.message}")
    document = load_yaml(parts.front_matter, first_line=parts.front_matter_line)
    if not document.ok or not isinstance(document.data, dict) or document.problems:
        raise GeneratorError(f"{file}: the front matter cannot be read safely; fix what check "
                             "reports first")
    data = document.data
    if data.get("id") != routine_id:
        raise GeneratorError(f"{file} changed on disk while it was read; run renew again")
    return original, data


def _new_version(old_version: str, version: str | None) -> str:
    """The version given (it must be higher than the current one), else the next major version."""
    new_version = version if version is not None else next_major(old_version)
    if not _VERSION.match(new_version) or len(new_version) > 20:
        raise GeneratorError(f"--version '{new_version}' must be numbers with dots, such as 7.0")
    if version_key(new_version) <= version_key(old_version):
        raise GeneratorError(f"--version {new_version} is not higher than the current version {old_version}; "
                             "a renewal needs a new version")
    return new_version


def _new_valid_to(project: Project, doc_type: str | None, new_from: dt.date, valid_to: dt.date | None,
                  day: dt.date) -> dt.date:
    """The end date given (checked against the longest validity for the type), else the longest."""
    years = project.config.max_validity_years(doc_type)
    latest = longest_valid_to(new_from, years)
    new_to = valid_to or latest
    if new_to <= new_from:
        raise GeneratorError(f"valid_to {new_to} is not after valid_from {new_from}")
    if new_to > latest:
        raise GeneratorError(f"valid_to {new_to} is more than {years} years after valid_from {new_from}; the "
                             f"longest validity for type '{doc_type}' ends {latest}")
    if new_to < day:
        raise GeneratorError(f"valid_to {new_to} is before today ({day}): the routine would be expired at once")
    return new_to
