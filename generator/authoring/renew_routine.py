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
from generator.core.messages import all_of, counted, msg
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
            raise GeneratorError(msg("renew.note_empty"))
        if len(note) > 10000:
            raise GeneratorError(msg("renew.note_long"))
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
            raise GeneratorError(msg("renew.changed", file=self.file))
        target = confined(self.path, self.root, self.file)  # a symbolic link is written through, and stays one
        try:
            write_atomically(target, self.updated)
        except OSError as error:
            raise GeneratorError(msg("authoring.cannot_write", file=self.file,
                                     reason=error.strerror or str(error))) from None
        self.written = True


def _text_of(data: bytes) -> str:
    text = decode(data)
    return text if isinstance(text, str) else data.decode("utf-8", "replace")


def _valid_date(day: dt.date | None, file: str, name: str) -> dt.date:
    if day is None:
        raise GeneratorError(msg("renew.bad_date", file=file, field=name))
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
        raise GeneratorError(msg("renew.bad_version", file=routine.file))
    old_from = _valid_date(routine.valid_from, routine.file, "valid_from")
    old_to = _valid_date(routine.valid_to, routine.file, "valid_to")
    new_version = _new_version(old_version, version)
    day = today
    new_from = valid_from or day
    if new_from < old_from:
        raise GeneratorError(msg("renew.from_before", new=new_from.isoformat(), old=old_from.isoformat()))
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
            raise GeneratorError(msg("renew.has_errors", id=routine_id, file=known[0]))
        ids = {r.id: r.id for r in project.routines if r.id}
        close = nearest(routine_id, {i.casefold(): i for i in ids})
        raise GeneratorError(msg("renew.no_routine", id=routine_id, hint=did_you_mean(close)))
    if len(matches) > 1:
        raise GeneratorError(msg("renew.id_twice", id=routine_id, files=all_of(r.file for r in matches)))
    return matches[0]


def _read_front_matter(path: Path, file: str, routine_id: str) -> tuple[bytes, dict[str, Any]]:
    """The file's bytes and its front matter, which must read cleanly and still have the id."""
    original = read_bytes(path, MAX_ROUTINE_BYTES)
    if isinstance(original, TextProblem):
        raise GeneratorError(msg("authoring.in_file", file=file, message=original.message))
    text = decode(original)
    if isinstance(text, TextProblem):
        raise GeneratorError(msg("authoring.at_line", file=file, line=text.line, message=text.message))
    parts = frontmatter.split(text)
    if isinstance(parts, TextProblem):
        raise GeneratorError(msg("authoring.at_line", file=file, line=parts.line, message=parts.message))
    document = load_yaml(parts.front_matter, first_line=parts.front_matter_line)
    if not document.ok or not isinstance(document.data, dict) or document.problems:
        raise GeneratorError(msg("renew.unsafe", file=file))
    data = document.data
    if data.get("id") != routine_id:
        raise GeneratorError(msg("renew.changed_read", file=file))
    return original, data


def _new_version(old_version: str, version: str | None) -> str:
    """The version given (it must be higher than the current one), else the next major version."""
    new_version = version if version is not None else next_major(old_version)
    if not _VERSION.match(new_version) or len(new_version) > 20:
        raise GeneratorError(msg("renew.version_form", version=new_version))
    if version_key(new_version) <= version_key(old_version):
        raise GeneratorError(msg("renew.not_higher", new=new_version, old=old_version))
    return new_version


def _new_valid_to(project: Project, doc_type: str | None, new_from: dt.date, valid_to: dt.date | None,
                  day: dt.date) -> dt.date:
    """The end date given (checked against the longest validity for the type), else the longest."""
    years = project.config.max_validity_years(doc_type)
    latest = longest_valid_to(new_from, years)
    new_to = valid_to or latest
    if new_to <= new_from:
        raise GeneratorError(msg("renew.to_not_after", to=new_to.isoformat(), start=new_from.isoformat()))
    if new_to > latest:
        raise GeneratorError(msg("renew.to_too_late", to=new_to.isoformat(), years=counted("authoring.year", years),
                                 start=new_from.isoformat(), type=str(doc_type), latest=latest.isoformat()))
    if new_to < day:
        raise GeneratorError(msg("renew.to_past", to=new_to.isoformat(), today=day.isoformat()))
    return new_to
