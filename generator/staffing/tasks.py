"""Recurring tasks (``routines tasks``): occurrences per unit and role, a task log, a calendar.

Every recurring rule of every published routine is resolved to the units it selects
(inheritance and selectors through :class:`~generator.core.obligations.Resolver`). Over a period of
days each rule then has one *occurrence* per day, ISO week, month or year that overlaps it,
while the routine is in force on some day of that period. An occurrence is due on the last
vardag of the period on which the routine is in force; a period with no such vardag (a
Saturday for a daily task, a week of closed days) has no occurrence.

A task log (CSV: ``task,unit,done_on``) marks occurrences done: an occurrence is ``done`` when
a row for its rule and unit falls within its period (and not after ``today``), ``missed`` when
its period ended before ``today`` without one, else ``pending``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.csv_records import MAX_FIELD, Rescan, RowError, csv_problem, skip_lines
from generator.content.textfile import MAX_DATA_BYTES, TextProblem, decode, read_bytes
from generator.core import ics
from generator.core.calendar import SwedishCalendar
from generator.core.catalog import Catalog
from generator.core.errors import GeneratorError
from generator.core.model import Routine
from generator.core.obligations import Resolver, Trace
from generator.core.organisation import Organisation, Unit
from generator.core.rules import Recurring

LOG_COLUMNS = ("task", "unit", "done_on")
STATUSES = ("done", "missed", "pending", "unknown")
EVERY_WORD = {"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ONE_DAY = dt.timedelta(days=1)
_SIX_DAYS = dt.timedelta(days=6)

Key = tuple[str, str, str]
"""(routine label, rule id, unit id): what a log row and an occurrence are matched on."""


@dataclass(frozen=True)
class Period:
    """One day, ISO week, month or year."""

    label: str
    """``2026-04-14``, ``2026-W15``, ``2026-04`` or ``2026``."""
    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class Task:
    """A recurring rule as it applies to one unit."""

    routine: Routine
    rule: Recurring
    trace: Trace
    unit: Unit

    @property
    def key(self) -> Key:
        return (self.routine.label, self.rule.id, self.unit.id)


@dataclass(slots=True)
class Occurrence:
    """One time a unit's role is to perform a recurring task."""

    routine: str
    """The routine's id (its label)."""
    title: str
    rule: str
    unit: str
    unit_name: str
    role: str
    role_name: str
    task: str
    every: str
    period: Period
    due: dt.date
    """The last vardag of the period on which the routine is in force."""
    file: str
    line: int
    status: str = "unknown"
    """``done``, ``missed``, ``pending``, or ``unknown`` when no task log was given."""
    done_on: dt.date | None = None
    """The first day the log records it done within the period."""

    @property
    def key(self) -> Key:
        return (self.routine, self.rule, self.unit)

    @property
    def uid(self) -> str:
        """A stable calendar UID: the same occurrence gets the same UID in every run."""
        return f"{self.routine}.{self.rule}.{self.unit}.{self.period.label}@routines"

    def to_json(self) -> dict[str, object]:
        return {"routine": self.routine, "title": self.title, "rule": self.rule, "unit": self.unit,
                "unit_name": self.unit_name, "role": self.role, "role_name": self.role_name,
                "task": self.task, "every": self.every, "period": self.period.label,
                "from": self.period.first.isoformat(), "to": self.period.last.isoformat(),
                "due": self.due.isoformat(), "status": self.status,
                "done_on": self.done_on.isoformat() if self.done_on else None,
                "file": self.file, "line": self.line}


# ---------------------------------------------------------------------------------------------
# Which tasks apply where, and when they occur


def unit_tasks(routines: Sequence[Routine], organisation: Organisation, catalog: Catalog) -> list[Task]:
    """Every recurring rule of every published routine, for every unit it selects: units in
    tree order, then by routine and rule id."""
    resolver = Resolver(routines, organisation, catalog)
    result: list[Task] = []
    for root in organisation.roots():
        for unit_id in organisation.subtree(root):
            obligations = resolver.for_unit(unit_id, (Recurring,))
            owner = {id(rule): applied.routine for applied in obligations.routines
                     for rule in applied.routine.rules.recurring}
            found = [Task(owner[id(rule)], rule, trace, obligations.unit) for rule, trace in obligations.recurring]
            found.sort(key=lambda t: (t.routine.label, t.rule.id))
            result.extend(found)
    return result


def periods(every: str, start: dt.date, end: dt.date) -> Iterator[Period]:
    """The days, ISO weeks, months or years that overlap ``start``..``end``."""
    try:
        if every == "day":
            day = start
            while day <= end:
                yield Period(day.isoformat(), day, day)
                day += _ONE_DAY
        elif every == "week":
            monday = start - dt.timedelta(days=start.weekday())
            while monday <= end:
                year, week, _ = monday.isocalendar()
                sunday = dt.date.max if monday > dt.date.max - _SIX_DAYS else monday + _SIX_DAYS
                yield Period(f"{year}-W{week:02d}", monday, sunday)
                monday += dt.timedelta(days=7)
        elif every == "month":
            first = start.replace(day=1)
            while first <= end:
                following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
                yield Period(f"{first:%Y-%m}", first, following - _ONE_DAY)
                first = following
        elif every == "year":
            for year in range(start.year, end.year + 1):
                yield Period(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))
    except (OverflowError, ValueError):  # past 9999-12-31
        return


class _LastVardag:
    """The last vardag from one day to another, remembered."""

    def __init__(self, calendar: SwedishCalendar) -> None:
        self.calendar = calendar
        self.known: dict[tuple[dt.date, dt.date], dt.date | None] = {}

    def __call__(self, first: dt.date, last: dt.date) -> dt.date | None:
        key = (first, last)
        if key not in self.known:
            day: dt.date | None = last
            while day is not None and day >= first and not self.calendar.is_vardag(day):
                day = day - _ONE_DAY if day > dt.date.min else None
            self.known[key] = day if day is not None and day >= first else None
        return self.known[key]


def occurrences(tasks: Iterable[Task], catalog: Catalog, calendar: SwedishCalendar,
                start: dt.date, end: dt.date) -> list[Occurrence]:
    """Every occurrence of every task in the periods that overlap ``start``..``end``, in the
    order of ``tasks`` (units in tree order, routine, rule), then by period."""
    if end < start:
        raise GeneratorError(f"--to {end.isoformat()} is before --from {start.isoformat()}")
    last_vardag = _LastVardag(calendar)
    result: list[Occurrence] = []
    for task in tasks:
        routine, rule = task.routine, task.rule
        if not routine.published or routine.valid_from is None or routine.valid_to is None:
            continue
        role_name = catalog.roles.name(rule.role)
        for period in periods(rule.every, max(start, routine.valid_from) if rule.every == "day" else start,
                              min(end, routine.valid_to) if rule.every == "day" else end):
            first, last = max(period.first, routine.valid_from), min(period.last, routine.valid_to)
            if first > last:  # not in force on any day of the period
                continue
            due = last_vardag(first, last)
            if due is None:
                continue
            result.append(Occurrence(
                routine.label, routine.title, rule.id, task.unit.id, task.unit.name, rule.role, role_name,
                rule.task, rule.every, period, due, task.trace.file, task.trace.line))
    return result


# ---------------------------------------------------------------------------------------------
# The task log


@dataclass
class TaskLog:
    """What a task log says was done, and its rows that could not be used."""

    done: dict[Key, list[dt.date]] = field(default_factory=dict)
    """Per (routine, rule, unit), the days it was done, sorted."""
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


class _TaskNames:
    """Resolves a log's ``task`` field: a rule id, ``ROUTINE#RULE`` or the task's text."""

    def __init__(self, tasks: Iterable[Task]) -> None:
        self.names: dict[str, set[tuple[str, str]]] = {}
        self.at_unit: dict[str, set[tuple[str, str]]] = {}
        for task in tasks:
            ref = (task.routine.label, task.rule.id)
            for name in (task.rule.id, f"{task.routine.label}#{task.rule.id}", task.rule.task):
                self.names.setdefault(_norm(name), set()).add(ref)
            self.at_unit.setdefault(task.unit.id, set()).add(ref)

    def resolve(self, label: str, unit: str) -> tuple[str, str] | str:
        """(routine, rule), or why the label does not name one task at the unit."""
        candidates = self.names.get(_norm(label))
        if not candidates:
            return (f"unknown task '{label}'; give the id of a recurring rule, ROUTINE#RULE, "
                    "or the task's text")
        here = candidates & self.at_unit.get(unit, set())
        if not here:
            names = ", ".join(sorted(f"{r}#{k}" for r, k in candidates))
            return f"the task '{label}' ({names}) does not apply to unit '{unit}'"
        if len(here) > 1:
            names = ", ".join(sorted(f"{r}#{k}" for r, k in here))
            return f"the task '{label}' is ambiguous at unit '{unit}' ({names}); write ROUTINE#RULE"
        return next(iter(here))


def _log_text(path: Path) -> str:
    data = read_bytes(path, MAX_DATA_BYTES)
    text = data if isinstance(data, TextProblem) else decode(data)
    if isinstance(text, TextProblem):
        raise GeneratorError(f"{path}:{text.line}: {text.message}")
    return text


def read_log(path: Path, tasks: Sequence[Task], organisation: Organisation, today: dt.date) -> TaskLog:
    """A task log (CSV, UTF-8, header ``task,unit,done_on``; extra columns are ignored).

    Rows with an unknown unit or task, a bad date, a date after ``today`` or an empty field are
    reported with their line numbers; every other row is used. Raises :class:`GeneratorError`
    when the file is not such a CSV file.
    """
    text = _log_text(path)
    expected = ",".join(LOG_COLUMNS)
    if not text.strip():
        raise GeneratorError(f"{path} is empty; a task log starts with the header {expected}")
    csv.field_size_limit(MAX_FIELD)
    source = iter(io.StringIO(text, newline=""))
    reader = csv.reader(source, strict=True)
    try:
        header = next(reader)
    except csv.Error as error:
        raise GeneratorError(f"{path}:1: not a CSV file: {error}") from None
    names = [h.strip().casefold() for h in header]
    missing = [c for c in LOG_COLUMNS if c not in names]
    if missing:
        raise GeneratorError(f"{path}:1: the header lacks the column{'s' * (len(missing) > 1)} "
                             f"{', '.join(missing)}; a task log has the header {expected}")
    positions = [names.index(c) for c in LOG_COLUMNS]
    width = len(names)
    task_names = _TaskNames(tasks)
    log = TaskLog()
    done: dict[Key, set[dt.date]] = {}
    offset, rescan = 0, None
    while True:
        line = reader.line_num + offset + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            # One error for the whole record, then on after its real end (see cases.read_rows).
            failed = reader.line_num + offset
            rescan = rescan or Rescan(iter(io.StringIO(text, newline="")), 1)
            last = max(rescan.record_end(line), failed)
            offset += skip_lines(source, last - failed)
            log.errors.append(RowError(line, csv_problem(error, line, last)))
            continue
        if not row or all(not f.strip() for f in row):
            continue
        log.rows += 1
        if len(row) != width:
            log.errors.append(RowError(line, f"{len(row)} fields where the header has {width}"))
            continue
        found = _parse_row(line, [row[p].strip() for p in positions], task_names, organisation, today)
        if isinstance(found, RowError):
            log.errors.append(found)
        else:
            key, day = found
            done.setdefault(key, set()).add(day)
    log.done = {key: sorted(days) for key, days in done.items()}
    return log


def _parse_row(line: int, values: list[str], task_names: _TaskNames, organisation: Organisation,
               today: dt.date) -> tuple[Key, dt.date] | RowError:
    for column, value in zip(LOG_COLUMNS, values, strict=True):
        if not value:
            return RowError(line, f"{column} is empty")
    task_label, unit_label, done_on = values
    unit = organisation.resolve(unit_label)
    if unit is None:
        return RowError(line, f"unknown unit '{unit_label}'; give an id, name or alias from "
                        "routines/organisation.yaml")
    try:
        if not _DATE.fullmatch(done_on):
            raise ValueError
        day = dt.date.fromisoformat(done_on)
    except ValueError:
        return RowError(line, f"done_on '{done_on}' is not a date as YYYY-MM-DD")
    if day > today:
        return RowError(line, f"done_on {done_on} is after today ({today.isoformat()}); not counted")
    ref = task_names.resolve(task_label, unit)
    if isinstance(ref, str):
        return RowError(line, ref)
    return (ref[0], ref[1], unit), day


def judge(found: Iterable[Occurrence], log: TaskLog | None, today: dt.date) -> Counter[str]:
    """Set each occurrence's status from the log as of ``today``; the count of each status."""
    counts: Counter[str] = Counter()
    for occurrence in found:
        if log is None:
            occurrence.status, occurrence.done_on = "unknown", None
        else:
            period = occurrence.period
            days = log.done.get(occurrence.key, ())
            occurrence.done_on = next((d for d in days if period.first <= d <= period.last), None)
            if occurrence.done_on is not None:
                occurrence.status = "done"
            elif period.last < today:
                occurrence.status = "missed"
            else:
                occurrence.status = "pending"
        counts[occurrence.status] += 1
    return counts


# ---------------------------------------------------------------------------------------------
# Reports


def to_json(found: Sequence[Occurrence], log: TaskLog | None, start: dt.date, end: dt.date,
            today: dt.date) -> dict[str, object]:
    """The JSON report: ``{"occurrences": [...], "errors": [{"line", "message"}], ...}``."""
    counts = Counter(o.status for o in found)
    return {"from": start.isoformat(), "to": end.isoformat(), "today": today.isoformat(),
            "occurrences": [o.to_json() for o in found],
            "errors": [e.to_json() for e in (log.errors if log else [])],
            "summary": {status: counts[status] for status in STATUSES}}


def _day(day: dt.date) -> str:
    return f"{_WEEKDAYS[day.weekday()]} {day.isoformat()}"


def write_text(found: Sequence[Occurrence], log: TaskLog | None, start: dt.date, end: dt.date,
               today: dt.date) -> str:
    """The text report: per unit and role, each task and its occurrences."""
    heading = (f"Recurring tasks {start.isoformat()} to {end.isoformat()} (today {today.isoformat()}): "
               f"{len(found)} occurrence{'s' * (len(found) != 1)}")
    lines = [heading]
    if not found:
        lines.append("  no recurring task of a routine in force falls in this period")
    current: tuple[str, str] | None = None
    task: tuple[str, str] | None = None
    for o in found:
        if current is None or current[0] != o.unit:
            lines += ["", f"{o.unit_name} ({o.unit})"]
            current, task = None, None
        if current != (o.unit, o.role):
            lines.append(f"  {o.role_name} ({o.role})")
            current, task = (o.unit, o.role), None
        if task != (o.routine, o.rule):
            lines.append(f"    {o.task}: {EVERY_WORD.get(o.every, o.every)}, under {o.title} "
                         f"({o.routine}#{o.rule})")
            task = (o.routine, o.rule)
        span = o.period.label if o.period.first == o.period.last else (
            f"{o.period.label:<9} {o.period.first.isoformat()} to {o.period.last.isoformat()}")
        status = "" if o.status == "unknown" else f"  {o.status}"
        if o.done_on is not None:
            status += f" {o.done_on.isoformat()}"
        lines.append(f"      {span}  due {_day(o.due)}{status}")
    if log is not None:
        counts = Counter(o.status for o in found)
        tally = (f"Task log: {log.rows} row{'s' * (log.rows != 1)}; done {counts['done']}, "
                 f"missed {counts['missed']}, pending {counts['pending']}")
        lines += ["", tally]
        if log.errors:
            lines += ["", f"Rows that could not be used ({len(log.errors)}):"]
            lines += [f"  line {e.line}: {e.message}" for e in log.errors]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# iCalendar (RFC 5545)


def to_ics(found: Iterable[Occurrence], today: dt.date, name: str, language: str = "sv") -> str:
    """An iCalendar file: one all-day event per occurrence, on its due date. DTSTAMP is
    ``today`` at midnight UTC, so the same input gives the same bytes."""
    sv = language != "en"
    events = []
    for o in found:
        if sv:
            description = (f"Enhet: {o.unit_name} ({o.unit})\nRoll: {o.role_name}\n"
                           f"Period: {o.period.label} ({o.period.first.isoformat()} – {o.period.last.isoformat()})"
                           f"\nSenast: {o.due.isoformat()}\nRutin: {o.title} ({o.routine}#{o.rule})")
        else:
            description = (f"Unit: {o.unit_name} ({o.unit})\nRole: {o.role_name}\n"
                           f"Period: {o.period.label} ({o.period.first.isoformat()} to {o.period.last.isoformat()})"
                           f"\nDue: {o.due.isoformat()}\nRoutine: {o.title} ({o.routine}#{o.rule})")
        events.append(ics.Component("VEVENT", [
            ("UID", o.uid), ("DTSTAMP", ics.stamp(today)), ("DTSTART;VALUE=DATE", o.due),
            ("DTEND;VALUE=DATE", o.due + _ONE_DAY), ("SUMMARY", f"{o.role_name}: {o.task}"),
            ("DESCRIPTION", description), ("LOCATION", o.unit_name), ("CATEGORIES", o.role_name),
            ("TRANSP", ics.Token("TRANSPARENT"))]))
    return ics.calendar("-//routines//Rutinhandboken recurring tasks//" + ("SV" if sv else "EN"), name, events)
