"""Rosters (SPEC 6): who holds which role where, and absences; read, checked, located."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.config import Config
from generator.content.datafile import DataFile, load_data_file, usable_items
from generator.content.textfile import require_file
from generator.core.catalog import Catalog
from generator.core.diagnostics import Diagnostic
from generator.core.errors import GeneratorError
from generator.core.messages import msg
from generator.core.organisation import Organisation
from generator.core.suggest import unknown


@dataclass(frozen=True)
class Assignment:
    """A person holding a role at a unit, from and to (both included; None: open-ended)."""

    person: str
    role: str
    unit: str
    start: dt.date | None
    end: dt.date | None
    line: int

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Absence:
    """A person away from the first to the last day, both included."""

    person: str
    start: dt.date
    end: dt.date
    line: int


@dataclass
class Roster:
    """The usable entries of a roster, and what was wrong with the others."""

    file: str
    assignments: list[Assignment] = field(default_factory=list)
    absences: list[Absence] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    """People's names by id, from the roster's ``people`` (a person not listed: no name)."""

    def person(self, person: str) -> str:
        """``Anna Andersson (anna01)``, or the id alone when the roster gives no name."""
        name = self.names.get(person)
        return f"{name} ({person})" if name and name != person else person


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def load_roster(path: Path, organisation: Organisation, catalog: Catalog, *, absences: Path | None = None,
                config: Config | None = None) -> Roster:
    """Read and check a roster (YAML; an .xlsx workbook; or CSV files of assignments and, in
    ``absences``, absences); entries with problems are reported and left out. A file that is
    not a roster at all (not YAML, empty, no assignments) is a :class:`GeneratorError`."""
    from generator.staffing import roster_sheets

    for given in (path, absences):
        if given is not None:
            require_file(given)
    config = config or Config()
    if roster_sheets.is_spreadsheet(path):
        source = roster_sheets.read_workbook(path, config.roster_sheets, config.roster_columns)
    elif absences is not None or path.suffix.lower() == ".csv":
        source = roster_sheets.read_csv_pair(path, absences, config.roster_columns)
    else:
        source = load_data_file(path, str(path), "roster", missing_hint="")
    if not source.ok or "assignments" not in source.data:
        first = source.diagnostics[0] if source.diagnostics else None
        if first is not None and not source.ok:
            line, reason = first.line, first.message
        else:
            line, reason = 1, msg("roster.no_assignments")
        raise GeneratorError(msg("roster.not_a_roster", path=str(path), line=line, reason=reason))
    roster = Roster(str(path), diagnostics=list(source.diagnostics))
    people = _people(source)
    roster.names = _names(source)
    seen_people: set[str] = set()
    for index, item in enumerate(usable_items(source, "assignments")):
        if item is None:
            continue
        entry = _assignment(source, item, f"/assignments/{index}", organisation, catalog, people)
        if entry is not None:
            roster.assignments.append(entry)
            seen_people.add(entry.person)
    by_person: dict[str, list[Absence]] = {}
    for index, item in enumerate(usable_items(source, "absences")):
        if item is None:
            continue
        ptr = f"/absences/{index}"
        line = source.line(ptr)
        start, end = _date(item["from"]), _date(item["to"])
        person = item["person"]
        if start is None or end is None:
            continue  # the schema has reported it
        if end < start:
            source.error_at(ptr, "date-order", msg("roster.absence_order", person=person, start=start.isoformat(), end=end.isoformat()))
        elif people is not None and person not in people:
            source.error_at(ptr, "unknown-person", msg("roster.unknown_person", person=person))
        elif person not in seen_people:
            source.error_at(ptr, "absence-without-assignment", msg("roster.absent_without_role", person=person))
        else:
            earlier = next((a for a in by_person.get(person, []) if a.start <= end and start <= a.end), None)
            if earlier is not None:
                source.error_at(ptr, "overlapping-absences",
                             msg("roster.overlap", person=person, start=start.isoformat(), end=end.isoformat(),
                                 line=earlier.line, earlier_start=earlier.start.isoformat(),
                                 earlier_end=earlier.end.isoformat()))
                continue
            absence = Absence(person, start, end, line)
            by_person.setdefault(person, []).append(absence)
            roster.absences.append(absence)
    roster.diagnostics = source.diagnostics
    return roster


def _people(source: DataFile) -> set[str] | None:
    if "people" not in source.data:
        return None
    return {p["id"] for p in usable_items(source, "people") if p is not None}


def _names(source: DataFile) -> dict[str, str]:
    if "people" not in source.data:
        return {}
    return {str(p["id"]): str(p["name"]) for p in usable_items(source, "people")
            if p is not None and isinstance(p.get("name"), str)}


def _assignment(source: DataFile, item: dict[str, object], ptr: str, organisation: Organisation,
                catalog: Catalog, people: set[str] | None) -> Assignment | None:
    line = source.line(ptr)
    person, role_label, unit_label = str(item["person"]), str(item["role"]), str(item["unit"])
    unit = organisation.resolve(unit_label)
    role = catalog.roles.resolve(role_label)
    start, end = _date(item.get("from")), _date(item.get("to"))
    if unit is None:
        source.error_at(ptr, "unknown-unit", unknown("unit", unit_label, organisation, "organisation.yaml"))
    elif role is None:
        source.error_at(ptr, "unknown-role", unknown("role", role_label, catalog.roles, "catalog.yaml"))
    elif people is not None and person not in people:
        source.error_at(ptr, "unknown-person", msg("roster.unknown_person", person=person))
    elif start is not None and end is not None and end < start:
        source.error_at(ptr, "date-order", msg("roster.assignment_order", person=person, start=start.isoformat(),
                                                 end=end.isoformat()))
    elif ("from" in item and start is None) or ("to" in item and end is None):
        return None  # the schema has reported the bad date
    else:
        return Assignment(person, role, unit, start, end, line)
    return None
