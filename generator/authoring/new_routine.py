"""``routines new``: a routine from the template, written so that it passes ``check`` at once.

The file goes to ``routines/<unit id>/<slug of title>.md`` with a fresh Dokument-ID
(``RUT-<unit>-<year>-<nnn>``), version 1.0, valid from today for the longest period its type
allows, and the standard sections, each with a line of guidance.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.authoring.person_option import check_person_name, parse_person, person_yaml
from generator.authoring.yaml_scalars import scalar
from generator.content.atomic_write import confined, write_atomically
from generator.content.discover import ROUTINES_DIR
from generator.content.project import Project, load_project
from generator.content.routine_file import analyse
from generator.core.calendar import longest_valid_to
from generator.core.errors import GeneratorError
from generator.core.messages import Msg, counted, msg
from generator.core.model import Person
from generator.core.suggest import unknown
from generator.core.template import SECTIONS

NEW_REVISION_NOTE = "Ny rutin."
"""The ``revision_note`` of a routine written by ``new``."""

_ROUTINE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_TYPE = re.compile(r"^[a-zåäö][a-zåäö-]*$")


@dataclass
class NewRoutine:
    """What ``new`` wrote (or, on a dry run, would write)."""

    path: Path
    file: str
    """Path relative to the content root."""
    id: str
    title: str
    valid_from: dt.date
    valid_to: dt.date
    text: str
    written: bool


def slug(title: str) -> str:
    """A file name stem from a title: ``1177 Vårdguidens e-tjänster`` -> ``1177-vardguidens-e-tjanster``."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return stem[:80].rstrip("-") or "rutin"


def _known_ids(project: Project) -> set[str]:
    """Every id in the root, including those of routines with schema errors."""
    ids = {r.id for r in project.routines if r.id}
    for file in project.files:
        if file.data is not None and isinstance(file.data.get("id"), str):
            ids.add(file.data["id"])
    return ids


def fresh_id(project: Project, unit: str, year: int) -> str:
    """``RUT-<unit>-<year>-<nnn>``: one more than the highest number in use for the unit and year."""
    prefix = f"RUT-{unit}-{year}-"
    numbers = [int(i[len(prefix):]) for i in _known_ids(project)
               if i.startswith(prefix) and i[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def routine_text(*, routine_id: str, title: str, doc_type: str, unit: str, owner: Person,
                 approver: Person, valid_from: dt.date, valid_to: dt.date) -> str:
    """The text of a new routine: front matter and the standard sections."""
    lines = [
        "---",
        f"id: {routine_id}",
        f"title: {scalar(title)}",
        f"type: {doc_type}",
        'version: "1.0"',
        "status: draft",  # until the guidance under each heading is replaced by the routine's own text
        f"applies_to: [{unit}]",
        f"owner: {person_yaml(owner)}",
        f"approver: {person_yaml(approver)}",
        f"valid_from: {valid_from.isoformat()}",
        f"valid_to: {valid_to.isoformat()}",
        f"revision_note: {scalar(NEW_REVISION_NOTE)}",
        "---",
    ]
    for heading, guidance in SECTIONS:
        lines += ["", f"## {heading}", "", guidance]
    return "\n".join(lines) + "\n"


def new_routine(root: Path, *, title: str, unit: str, owner: str | Person, approver: str | Person,
                doc_type: str = "rutin", routine_id: str | None = None, today: dt.date,
                force: bool = False, dry_run: bool = False, cache_dir: Path | None = None,
                project: Project | None = None) -> NewRoutine:
    """Write a new routine under ``routines/<unit id>/<slug of title>.md``.

    Valid from ``today`` for the longest period its type allows; raises
    :class:`GeneratorError` for anything that would not pass ``check``, and when the file
    exists (unless ``force``).
    """
    title = _checked_title(title, doc_type)
    owner_p, approver_p = _owner_and_approver(owner, approver)
    project = project or load_project(root, cache_dir=cache_dir)
    unit_id = project.organisation.resolve(unit)
    if unit_id is None:
        raise GeneratorError(unknown("unit", unit, project.organisation, "organisation.yaml"))
    check_person_name(project, owner_p, "--owner")
    check_person_name(project, approver_p, "--approver")
    day = today
    valid_to = longest_valid_to(day, project.config.max_validity_years(doc_type))
    if valid_to <= day:
        raise GeneratorError(msg("new.short_validity", type=doc_type))
    file = f"{ROUTINES_DIR}/{unit_id}/{slug(title)}.md"
    path = root / file
    routine_id = _routine_id(project, routine_id, unit_id, day.year, file, force=force)
    if (path.exists() or path.is_symlink()) and not force:
        raise GeneratorError(msg("new.exists", file=file))
    text = routine_text(routine_id=routine_id, title=title, doc_type=doc_type, unit=unit_id,
                        owner=owner_p, approver=approver_p, valid_from=day, valid_to=valid_to)
    problems = [d for d in analyse(file, text).diagnostics if d.severity == "error"]
    if problems:  # a bug here, not the user's mistake: say what, write nothing
        raise GeneratorError(msg("new.would_fail", problem=problems[0].message))
    result = NewRoutine(path, file, routine_id, title, day, valid_to, text, written=False)
    if dry_run:
        return result
    _write_new(confined(path, root, file), file, text, force=force)
    result.written = True
    return result


def answer_problem(project: Project, question: str, answer: str, doc_type: str = "rutin") -> Msg | str | None:
    """What is wrong with one answer to ``new``'s questions (``title``, ``unit``, ``owner``,
    ``approver``), with the nearest ids where that helps; None when it will do."""
    try:
        if question == "title":
            _checked_title(answer, doc_type)
        elif question == "unit":
            if project.organisation.resolve(answer) is None:
                return unknown("unit", answer, project.organisation, "organisation.yaml")
        else:
            person = parse_person(answer, f"--{question}")
            check_person_name(project, person, f"--{question}")
    except GeneratorError as error:
        return error.message
    return None


def _checked_title(title: str, doc_type: str) -> str:
    """The title with its white space collapsed; raises for an empty or too long title, or a
    type that is not a lower-case word."""
    title = " ".join(title.split())
    if not title:
        raise GeneratorError(msg("new.title_empty"))
    if len(title) > 300:
        raise GeneratorError(msg("new.title_long", length=counted("authoring.character", len(title))))
    if not _TYPE.match(doc_type) or len(doc_type) > 50:
        raise GeneratorError(msg("new.bad_type", type=doc_type))
    return title


def _owner_and_approver(owner: str | Person, approver: str | Person) -> tuple[Person, Person]:
    """The owner and the approver, read from their options; they must be two people."""
    owner_p = owner if isinstance(owner, Person) else parse_person(owner, "--owner")
    approver_p = approver if isinstance(approver, Person) else parse_person(approver, "--approver")
    if (owner_p.id or "").casefold() == (approver_p.id or "").casefold() \
            or owner_p.name.casefold() == approver_p.name.casefold():
        raise GeneratorError(msg("new.same_person"))
    return owner_p, approver_p


def _routine_id(project: Project, routine_id: str | None, unit_id: str, year: int, file: str, *,
                force: bool) -> str:
    """A fresh id, or the one given when it is well formed and not another routine's."""
    existing = {r.file: r for r in project.routines}
    if routine_id is None:
        return fresh_id(project, unit_id, year)
    if not _ROUTINE_ID.match(routine_id) or len(routine_id) > 100:
        raise GeneratorError(msg("new.bad_id", id=routine_id))
    replaced = existing.get(file) if force else None
    if routine_id in _known_ids(project) and (replaced is None or replaced.id != routine_id):
        raise GeneratorError(msg("new.id_used", id=routine_id))
    return routine_id


def _write_new(path: Path, file: str, text: str, *, force: bool) -> None:
    """Write the new file (over an existing one only with ``force``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomically(path, text.encode("utf-8"), replace=force)
    except FileExistsError:
        raise GeneratorError(msg("new.exists", file=file)) from None
    except OSError as error:
        raise GeneratorError(msg("authoring.cannot_write", file=file, reason=error.strerror or str(error))) from None
