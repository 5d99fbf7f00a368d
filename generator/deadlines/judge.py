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
from typing import Any

from generator.content.csv_records import RowError
from generator.content.project import Project
from generator.core.calendar import FIRST_DAY, LAST_DAY, SwedishCalendar
from generator.core.messages import Msg, msg
from generator.core.model import Routine
from generator.core.obligations import Resolver
from generator.core.rules import Deadline
from generator.core.suggest import unknown
from generator.deadlines.cases import Case
from generator.deadlines.problems import CaseStatus, Problem, Problems

STATUSES = ("met", "late", "open", "overdue")
__all__ = ["STATUSES", "CaseStatus", "DeadlineChecker", "Problem", "Result", "Summary", "Unmatched", "judge"]

_BY_RANK: tuple[CaseStatus, ...] = ("met", "open", "late", "overdue")
"""The statuses from best to worst: a case counted once where several rules judged it takes the
worst of its results (late under one routine and met under another: late)."""

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
    within_key: str = "within_vardagar"
    """The rule's kind as its key (``within_vardagar``, ``within_timmar``, ``within_dygn``)."""
    within: int = 0
    """The rule's N, in its kind."""


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

    def plan(self, unit: str, case_type: str,
             day: dt.date) -> list[tuple[Deadline, str, dt.date | None, dt.datetime | None]]:
        """(rule, routine, due date, deadline) of every rule in force for a case received on ``day``;
        a rule in timmar or dygn has None for both (they depend on the instant of receipt:
        :func:`timed`)."""
        plan: list[tuple[Deadline, str, dt.date | None, dt.datetime | None]] = []
        for rule, routine in self.rules_for(unit, case_type):
            if routine.in_force(day):
                if rule.hours is None:
                    plan.append((rule, routine.label, *self.calendar.due_after(day, rule.within)))
                else:
                    plan.append((rule, routine.label, None, None))
        return plan


@dataclass
class Summary:
    """Counts of cases, for the reports: each judged case once per (unit, case type) and once per
    (unit, ISO week of receipt), with the worst of its results under every rule that judged it,
    and once per (unit, case type, routine), with the worst under that routine's rules."""

    by_group: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    by_routine: dict[tuple[str, str, str], Counter[str]] = field(default_factory=dict)
    by_week: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)
    """Late and overdue results, in file order (tuples, or tables from the vector judge)."""
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
    and per unit, case type and day of receipt the rules with their deadlines and counters; a
    rule in timmar or dygn adds its deadline per case, from the instant of receipt).
    With ``results=False`` only late and overdue results are made (the text and HTML reports).
    """
    calendar = checker.calendar
    zone, now = calendar.zone, checker.now
    labels: dict[tuple[str, str], tuple[str, str] | Msg] = {}
    plans: dict[tuple[str, str, dt.date], tuple[Any, ...]] = {}
    by_rank = _BY_RANK
    problems, errors = summary.problems.tail(), summary.errors
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
            errors.append(RowError(case.line, msg("row.of_case", problem=resolved, case=case.case_id)))
            continue
        unit, case_type = resolved
        received, answered, partial = case.received, case.answered, case.partial
        if (answered is not None and answered < received) or (partial is not None and partial < received):
            name = "answered_at" if answered is not None and answered < received else "partial_answer_at"
            errors.append(RowError(case.line, msg("row.before_received", column=name, case=case.case_id)))
            continue
        try:
            day = received.astimezone(zone).date()
        except OverflowError:  # after 9999-12-31 (or before 0001-01-01) in the calendar's zone
            day = dt.date.max
        plan = plans.get((unit, case_type, day))
        if plan is None:
            if not FIRST_DAY <= day <= LAST_DAY:
                errors.append(RowError(case.line, msg("row.outside_dates", time=received.isoformat(),
                                                      first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat(),
                                                      case=case.case_id)))
                continue
            plan = plans[(unit, case_type, day)] = _counted_plan(checker, summary, unit, case_type, day)
        if not plan:
            summary.unmatched.append(Unmatched(case, unit, case_type))
            continue
        summary.judged += 1
        entries, group, weekly, week, once, hourly = plan
        if hourly:
            entries = timed(entries, received, day, calendar)
        worst = 0
        for rule, routine, due_date, deadline, per_routine in entries:
            response = answered
            if rule.partial_answer_counts and partial is not None and (response is None or partial < response):
                response = partial
            if response is not None:
                if response < deadline:
                    rank, status = 0, "met"
                else:
                    rank, status = 2, "late"
            elif now < deadline:
                rank, status = 1, "open"
            else:
                rank, status = 3, "overdue"
            if rank > worst:  # noqa: PLR1730 (no call to max() in the hot loop)
                worst = rank
            if once:  # every routine has one rule here: the case once under each
                per_routine[status] += 1
            if rank >= 2:
                problems.append(Problem(case.line, case.case_id, unit, case_type, routine, rule.id,
                                        due_date.isoformat(), response.isoformat(timespec="seconds") if response else None,
                                        status, deadline.isoformat() if hourly else None))  # type: ignore[arg-type]
            if results:
                yield Result(case, unit, case_type, routine, rule.id, due_date, deadline, response,
                             status, week, rule.key, rule.within)  # type: ignore[arg-type]
        if not once:  # a routine with several rules for the case: once under it, with its worst result
            _count_per_routine(entries, answered, partial, now)
        group[by_rank[worst]] += 1
        weekly[by_rank[worst]] += 1


def _count_per_routine(entries: list[tuple[Any, ...]], answered: dt.datetime | None, partial: dt.datetime | None,
                       now: dt.datetime) -> None:
    worst: dict[int, tuple[int, Counter[str]]] = {}
    for rule, _, _, deadline, per_routine in entries:
        response = answered
        if rule.partial_answer_counts and partial is not None and (response is None or partial < response):
            response = partial
        if response is not None:
            rank = 0 if response < deadline else 2
        else:
            rank = 1 if now < deadline else 3
        key = id(per_routine)
        if key not in worst or worst[key][0] < rank:
            worst[key] = (rank, per_routine)
    for rank, per_routine in worst.values():
        per_routine[_BY_RANK[rank]] += 1


def timed(entries: list[tuple[Any, ...]], received: dt.datetime, day: dt.date,
          calendar: SwedishCalendar) -> list[tuple[Any, ...]]:
    """The entries of a plan for a case received at ``received`` (on the local ``day``): those of
    rules in timmar or dygn with their due date and deadline (elapsed time from the instant), the
    others as they are."""
    out = []
    for entry in entries:
        hours = entry[0].hours
        if hours is None:
            out.append(entry)
        else:
            rule, routine, _, _, per_routine = entry
            out.append((rule, routine, *calendar.after_hours(received, hours, day), per_routine))
    return out


def _resolve(checker: DeadlineChecker, unit_label: str, type_label: str) -> tuple[str, str] | Msg:
    unit = checker.org.resolve(unit_label)
    if unit is None:
        return unknown("unit", unit_label, checker.org, "organisation.yaml")
    case_type = checker.catalog.case_types.resolve(type_label)
    if case_type is None:
        return unknown("case-type", type_label, checker.catalog.case_types, "catalog.yaml")
    return unit, case_type


def _counted_plan(checker: DeadlineChecker, summary: Summary, unit: str, case_type: str,
                  day: dt.date) -> tuple[Any, ...]:
    """(entries, the group's counts, the week's counts, the week, whether every routine has one
    rule here, whether a rule in timmar or dygn is among them) for cases of a unit and case type
    received on ``day``; ``()`` when no rule in force covers them. Each entry is (rule, routine,
    due date, deadline, the routine's counts); a rule in timmar or dygn has None for its due date
    and deadline until :func:`timed` gives them for a case."""
    plan = checker.plan(unit, case_type, day)
    if not plan:
        return ()
    week = checker.week_of(day)
    group = summary.by_group.setdefault((unit, case_type), Counter())
    weekly = summary.by_week.setdefault((unit, week), Counter())
    entries = [(rule, routine, due, deadline, summary.by_routine.setdefault((unit, case_type, routine), Counter()))
               for rule, routine, due, deadline in plan]
    once = len({routine for _, routine, _, _ in plan}) == len(plan)
    hourly = any(rule.hours is not None for rule, _, _, _ in plan)
    return (entries, group, weekly, week, once, hourly)
