"""Deadline checks (SPEC 6): each case against every deadline rule that covers it.

A case is checked against every deadline rule of every published routine that applies to its
unit (ancestors included), covers its case type, and was in force on the local day of
receipt. Matching goes through the derived obligations (:mod:`generator.obligations`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from generator.calendar import SwedishCalendar
from generator.cases import Case, RowError
from generator.model import Routine
from generator.obligations import Resolver
from generator.project import Project
from generator.rules import Deadline

STATUSES = ("met", "late", "open", "overdue")


@dataclass(slots=True)
class Result:
    """One case judged against one rule."""

    case: Case
    unit: str
    case_type: str
    routine: str
    rule: str
    due_date: dt.date
    deadline: dt.datetime
    responded: dt.datetime | None
    status: str
    week: str = ""
    """ISO week of the local day of receipt, ``2026-W15``."""


@dataclass(frozen=True)
class Unmatched:
    """A case that no rule in force covers: listed, never dropped."""

    case: Case
    unit: str
    case_type: str

    def to_json(self) -> dict[str, object]:
        return {"line": self.case.line, "case_id": self.case.case_id, "unit": self.unit,
                "case_type": self.case_type, "received_at": self.case.received.isoformat()}


def status_of(rule: Deadline, case: Case, deadline: dt.datetime, now: dt.datetime) -> tuple[str, dt.datetime | None]:
    """(status, the response that counts): met, late, open or overdue as of ``now``."""
    response = case.answered
    if rule.partial_answer_counts and case.partial is not None and (response is None or case.partial < response):
        response = case.partial
    if response is not None:
        return ("met" if response < deadline else "late"), response
    return ("open" if now < deadline else "overdue"), None


class DeadlineChecker:
    """Judges cases; keeps per-unit rule lists so a million rows cost little each."""

    def __init__(self, project: Project, calendar: SwedishCalendar, now: dt.datetime) -> None:
        self.org = project.organisation
        self.catalog = project.catalog
        self.calendar = calendar
        self.now = now
        self.resolver = Resolver(project.routines, self.org, self.catalog)
        self.by_file = {r.file: r for r in project.routines}
        self._rules: dict[str, dict[str, list[tuple[Deadline, Routine]]]] = {}
        self._units: dict[str, str | None] = {}
        self._types: dict[str, str | None] = {}
        self._weeks: dict[dt.date, str] = {}

    def _unit(self, label: str) -> str | None:
        if label not in self._units:
            self._units[label] = self.org.resolve(label)
        return self._units[label]

    def _type(self, label: str) -> str | None:
        if label not in self._types:
            self._types[label] = self.catalog.case_types.resolve(label)
        return self._types[label]

    def rules_for(self, unit: str, case_type: str) -> list[tuple[Deadline, Routine]]:
        """Deadline rules (any date) of published routines for a unit and case type."""
        table = self._rules.get(unit)
        if table is None:
            obligations = self.resolver.for_unit(unit, (Deadline,))
            table = self._rules[unit] = {
                ct: [(rule, self.by_file[trace.file]) for rule, trace in rules]
                for ct, rules in obligations.deadlines.items()}
        return table.get(case_type, [])

    def week_of(self, day: dt.date) -> str:
        week = self._weeks.get(day)
        if week is None:
            year, number, _ = day.isocalendar()
            week = self._weeks[day] = f"{year}-W{number:02d}"
        return week

    def check(self, case: Case) -> list[Result] | Unmatched | RowError:
        """The case's results, or why it could not be judged."""
        unit = self._unit(case.unit)
        if unit is None:
            return RowError(case.line, f"unknown unit '{case.unit}' (case {case.case_id})")
        case_type = self._type(case.case_type)
        if case_type is None:
            return RowError(case.line, f"unknown case type '{case.case_type}' (case {case.case_id})")
        received = case.received
        if (case.answered is not None and case.answered < received) or (
                case.partial is not None and case.partial < received):
            name = "answered_at" if case.answered is not None and case.answered < received else "partial_answer_at"
            return RowError(case.line, f"{name} is before received_at (case {case.case_id})")
        day = self.calendar.local(received).date()
        week = self.week_of(day)
        results = []
        for rule, routine in self.rules_for(unit, case_type):
            if not routine.in_force(day):
                continue
            due_date, deadline = self.calendar.due_after(day, rule.within_vardagar)
            status, response = status_of(rule, case, deadline, self.now)
            results.append(Result(case, unit, case_type, routine.label, rule.id, due_date, deadline, response,
                                  status, week))
        return results or Unmatched(case, unit, case_type)


@dataclass
class Summary:
    """Counts per (unit, case type) and per (unit, ISO week), for the reports."""

    by_group: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    by_week: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    problems: list[Result] = field(default_factory=list)
    """Late and overdue results."""
    errors: list[RowError] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    cases: int = 0

    def add(self, result: Result) -> None:
        key = (result.unit, result.case_type)
        group = self.by_group.get(key)
        if group is None:
            group = self.by_group[key] = Counter()
        group[result.status] += 1
        key = (result.unit, result.week)
        week = self.by_week.get(key)
        if week is None:
            week = self.by_week[key] = Counter()
        week[result.status] += 1
        if result.status == "late" or result.status == "overdue":
            self.problems.append(result)


def share_met(counts: Counter[str]) -> float | None:
    """Met among the decided cases (met, late, overdue); None when none is decided yet."""
    decided = counts["met"] + counts["late"] + counts["overdue"]
    return counts["met"] / decided if decided else None


def judge(rows: Iterable[Case | RowError], checker: DeadlineChecker, summary: Summary) -> Iterator[Result]:
    """Every result, in file order, while ``summary`` collects counts, errors and unmatched cases."""
    for row in rows:
        if isinstance(row, RowError):
            summary.errors.append(row)
            continue
        summary.cases += 1
        judged = checker.check(row)
        if isinstance(judged, RowError):
            summary.errors.append(judged)
        elif isinstance(judged, Unmatched):
            summary.unmatched.append(judged)
        else:
            for result in judged:
                summary.add(result)
                yield result
