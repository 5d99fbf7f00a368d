"""``routines due``: when a case of one type, received at one unit at one instant, is due, under
every deadline rule in force that covers it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from generator.content.project import Project
from generator.core.calendar import SwedishCalendar
from generator.core.errors import GeneratorError
from generator.core.messages import Messages
from generator.core.rules import DEADLINE_UNITS
from generator.core.rules_text import within_text
from generator.core.suggest import unknown


@dataclass(frozen=True)
class Due:
    """The answer: the case as resolved, and one entry per rule (SPEC 7 fields)."""

    unit: str
    unit_name: str
    case_type: str
    type_name: str
    received: dt.datetime
    """Local time of receipt."""
    rules: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> str:
        payload = {"unit": self.unit, "case_type": self.case_type,
                   "received_at": self.received.isoformat(timespec="seconds"), "rules": self.rules}
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"

    def text(self, t: Messages) -> str:
        lines = [t("due.heading", case_type=self.type_name, unit=self.unit_name,
                   received=self.received.isoformat(timespec="seconds"))]
        if not self.rules:
            lines.append(t("due.none"))
        for r in self.rules:
            partial = t("due.partial") if r["partial_answer_counts"] else ""
            unit = next(u for u in DEADLINE_UNITS if f"within_{u}" in r)
            lines.append(t("due.rule", due=r["due_date"], deadline=r["deadline"],
                           within=within_text(unit, r[f"within_{unit}"], t.language), partial=partial, title=r["title"],
                           routine=r["routine"], rule=r["rule"]))
        return "\n".join(lines) + "\n"


def due(project: Project, calendar: SwedishCalendar, unit_name: str, case_type_name: str,
        received: dt.datetime) -> Due:
    """When a case of ``case_type_name`` received at ``unit_name`` (ids, names or aliases) at
    ``received`` is due; a clean error when either does not resolve."""
    from generator.deadlines.judge import DeadlineChecker

    unit = project.organisation.resolve(unit_name)
    if unit is None:
        raise GeneratorError(unknown("unit", unit_name, project.organisation, "organisation.yaml"))
    case_type = project.catalog.case_types.resolve(case_type_name)
    if case_type is None:
        raise GeneratorError(unknown("case-type", case_type_name, project.catalog.case_types, "catalog.yaml"))
    checker = DeadlineChecker(project, calendar, received)
    day = calendar.local(received).date()
    rules = []
    for rule, routine in checker.rules_for(unit, case_type):
        if routine.in_force(day):
            due_date, deadline = calendar.deadline(received, rule.within, rule.unit)
            rules.append({"routine": routine.label, "title": routine.title, "rule": rule.id,
                          rule.key: rule.within, "partial_answer_counts": rule.partial_answer_counts,
                          "due_date": due_date.isoformat(), "deadline": deadline.isoformat()})
    return Due(unit, project.organisation.units[unit].name, case_type, project.catalog.case_types.name(case_type),
               calendar.local(received), rules)
