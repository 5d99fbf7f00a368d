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

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from generator.core.calendar import SwedishCalendar
from generator.core.catalog import Catalog
from generator.core.errors import GeneratorError
from generator.core.messages import msg
from generator.core.model import Routine
from generator.core.obligations import Resolver, Trace
from generator.core.organisation import Organisation, Unit
from generator.core.rules import Recurring

LOG_COLUMNS = ("task", "unit", "done_on")
TaskStatus = Literal["done", "missed", "pending", "unknown"]
"""Done in its period; its period ended without it; its period is not over; no log was given."""
STATUSES: tuple[TaskStatus, ...] = ("done", "missed", "pending", "unknown")
ONE_DAY = dt.timedelta(days=1)
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
    status: TaskStatus = "unknown"
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
                day += ONE_DAY
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
                yield Period(f"{first:%Y-%m}", first, following - ONE_DAY)
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
                day = day - ONE_DAY if day > dt.date.min else None
            self.known[key] = day if day is not None and day >= first else None
        return self.known[key]


def occurrences(tasks: Iterable[Task], catalog: Catalog, calendar: SwedishCalendar,
                start: dt.date, end: dt.date) -> list[Occurrence]:
    """Every occurrence of every task in the periods that overlap ``start``..``end``, in the
    order of ``tasks`` (units in tree order, routine, rule), then by period."""
    if end < start:
        raise GeneratorError(msg("cases.to_before_from", start=start.isoformat(), end=end.isoformat()))
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
