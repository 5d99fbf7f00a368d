"""Deadline checks (SPEC 6): each case against every deadline rule that covers it.

A case is checked against every deadline rule of every published routine that applies to its
unit (ancestors included), covers its case type, and was in force on the local day of
receipt. Matching goes through the derived obligations (:mod:`generator.core.obligations`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from generator.content.csv_records import RowError
from generator.content.project import Project
from generator.core.calendar import FIRST_DAY, LAST_DAY, SUPPORTED, SwedishCalendar
from generator.core.messages import Msg
from generator.core.model import Routine
from generator.core.obligations import Resolver
from generator.core.rules import Deadline
from generator.core.suggest import unknown
from generator.deadlines.cases import Case

STATUSES = ("met", "late", "open", "overdue")


CaseStatus = Literal["met", "late", "open", "overdue"]
"""SPEC 6: answered in time, answered late, unanswered and not yet due, unanswered and past due."""

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
    status: CaseStatus
    week: str = ""
    """ISO week of the local day of receipt, ``2026-W15``."""


class Problem(NamedTuple):
    """A late or overdue result, kept small: a big export may have many, sent between processes."""

    line: int
    case_id: str
    unit: str
    case_type: str
    routine: str
    rule: str
    due_date: str
    responded_at: str | None
    status: CaseStatus


@dataclass(frozen=True)
class Unmatched:
    """A case that no rule in force covers: listed, never dropped."""

    case: Case
    unit: str
    case_type: str

    def to_json(self) -> dict[str, object]:
        return {"line": self.case.line, "case_id": self.case.case_id, "unit": self.unit,
                "case_type": self.case_type, "received_at": self.case.received.isoformat()}


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
        """``2026-W15``: the ISO week of a local day."""
        week = self._weeks.get(day)
        if week is None:
            year, number, _ = day.isocalendar()
            week = self._weeks[day] = f"{year}-W{number:02d}"
        return week

    def plan(self, unit: str, case_type: str, day: dt.date) -> list[tuple[Deadline, str, dt.date, dt.datetime]]:
        """(rule, routine, due date, deadline) of every rule in force for a case received on ``day``."""
        plan = []
        for rule, routine in self.rules_for(unit, case_type):
            if routine.in_force(day):
                due_date, deadline = self.calendar.due_after(day, rule.within_vardagar)
                plan.append((rule, routine.label, due_date, deadline))
        return plan


@dataclass
class Summary:
    """Counts per (unit, case type) and per (unit, ISO week), for the reports."""

    by_group: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    by_week: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """Late and overdue results."""
    errors: list[RowError] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    cases: int = 0
    """Rows read as cases (their fields parsed), judged or not."""
    rows: int = 0
    """Data rows read, good or bad."""
    judged: int = 0
    """Cases judged under at least one rule (a case under two routines counts once)."""

    def counts(self) -> dict[str, int]:
        """Rows read, cases judged, rows that could not be checked, cases no rule covers."""
        return {"rows": self.rows, "judged": self.judged, "not_checked": len(self.errors),
                "not_covered": len(self.unmatched)}


def share_met(counts: Counter[str]) -> float | None:
    """Met among the decided cases (met, late, overdue); None when none is decided yet."""
    decided = counts["met"] + counts["late"] + counts["overdue"]
    return counts["met"] / decided if decided else None


def judge(rows: Iterable[Case | RowError], checker: DeadlineChecker, summary: Summary,
          *, results: bool = True) -> Iterator[Result]:
    """Every result, in file order, while ``summary`` collects counts, errors and unmatched cases.

    A response is ``answered_at``, or the earlier of it and ``partial_answer_at`` when the rule
    lets a delsvar count; it meets the deadline when it comes before it (``met``), else it is
    ``late``; without a response a case is ``open`` until the deadline, then ``overdue``.
    This loop is the hot path of a million-row export: what repeats is looked up once (labels,
    and per unit, case type and day of receipt the rules with their deadlines and counters).
    With ``results=False`` only late and overdue results are made (the text and HTML reports).
    """
    zone, now = checker.calendar.zone, checker.now
    labels: dict[tuple[str, str], tuple[str, str] | Msg] = {}
    plans: dict[tuple[str, str, dt.date], list[tuple[Any, ...]]] = {}
    problems, errors = summary.problems, summary.errors
    for row in rows:
        summary.rows += 1
        if type(row) is RowError:
            errors.append(row)
            continue
        case: Case = row  # type: ignore[assignment]
        summary.cases += 1
        resolved = labels.get((case.unit, case.case_type))
        if resolved is None:
            resolved = labels[(case.unit, case.case_type)] = _resolve(checker, case.unit, case.case_type)
        if not isinstance(resolved, tuple):
            errors.append(RowError(case.line, f"{resolved} (case {case.case_id})"))
            continue
        unit, case_type = resolved
        received, answered, partial = case.received, case.answered, case.partial
        if (answered is not None and answered < received) or (partial is not None and partial < received):
            name = "answered_at" if answered is not None and answered < received else "partial_answer_at"
            errors.append(RowError(case.line, f"{name} is before received_at (case {case.case_id})"))
            continue
        try:
            day = received.astimezone(zone).date()
        except OverflowError:  # after 9999-12-31 (or before 0001-01-01) in the calendar's zone
            day = dt.date.max
        plan = plans.get((unit, case_type, day))
        if plan is None:
            if not FIRST_DAY <= day <= LAST_DAY:
                errors.append(RowError(case.line, f"received_at {received.isoformat()} is outside the supported "
                                       f"dates, {SUPPORTED} (case {case.case_id})"))
                continue
            plan = plans[(unit, case_type, day)] = _counted_plan(checker, summary, unit, case_type, day)
        if not plan:
            summary.unmatched.append(Unmatched(case, unit, case_type))
            continue
        summary.judged += 1
        for rule, routine, due_date, deadline, week, group, weekly in plan:
            response = answered
            if rule.partial_answer_counts and partial is not None and (response is None or partial < response):
                response = partial
            if response is not None:
                status: CaseStatus = "met" if response < deadline else "late"
            else:
                status = "open" if now < deadline else "overdue"
            group[status] += 1
            weekly[status] += 1
            if status == "late" or status == "overdue":
                problems.append(Problem(case.line, case.case_id, unit, case_type, routine, rule.id,
                                        due_date.isoformat(), response.isoformat() if response else None, status))
            if results:
                yield Result(case, unit, case_type, routine, rule.id, due_date, deadline, response, status, week)


def _resolve(checker: DeadlineChecker, unit_label: str, type_label: str) -> tuple[str, str] | Msg:
    unit = checker.org.resolve(unit_label)
    if unit is None:
        return unknown("unit", unit_label, checker.org, "organisation.yaml")
    case_type = checker.catalog.case_types.resolve(type_label)
    if case_type is None:
        return unknown("case-type", type_label, checker.catalog.case_types, "catalog.yaml")
    return unit, case_type


def _counted_plan(checker: DeadlineChecker, summary: Summary, unit: str, case_type: str,
                  day: dt.date) -> list[tuple[Any, ...]]:
    plan = checker.plan(unit, case_type, day)
    if not plan:
        return []
    week = checker.week_of(day)
    group = summary.by_group.setdefault((unit, case_type), Counter())
    weekly = summary.by_week.setdefault((unit, week), Counter())
    return [(rule, routine, due, deadline, week, group, weekly) for rule, routine, due, deadline in plan]
