"""Role checks (SPEC 6): are required roles staffed, and is every long absence covered?

For a role rule and a period, on each vardag and for each unit the rule selects: a person is
*present* if assigned there that day and not absent. ``unstaffed``: fewer than ``min``
holders assigned at all. ``uncovered_absence``: a day inside an absence longer than
``cover_absence_over_arbetsdagar`` arbetsdagar of a holder, with no other holder of the role
present where ``cover_from`` says (the unit, then the nearest verksamhet);
``covered_by_verksamhet``: such a day covered from the verksamhet, not the unit (information).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.content.project import Project
from generator.core.calendar import FIRST_DAY, LAST_DAY, SwedishCalendar
from generator.core.obligations import Resolver
from generator.core.rules import RoleRule
from generator.staffing.roster import Absence, Assignment, Roster

KINDS = ("unstaffed", "uncovered_absence", "covered_by_verksamhet")
FAILING = ("unstaffed", "uncovered_absence")


@dataclass
class Finding:
    """One (rule, unit, kind, person) and the vardagar it holds on."""

    routine: str
    rule: str
    unit: str
    role: str
    kind: str
    person: str | None
    dates: list[dt.date] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"routine": self.routine, "rule": self.rule, "unit": self.unit, "role": self.role,
                "kind": self.kind, "dates": [d.isoformat() for d in self.dates], "person": self.person}


class _Absences:
    """Per person, the absences and their length in arbetsdagar."""

    def __init__(self, absences: Iterable[Absence], calendar: SwedishCalendar) -> None:
        self.by_person: dict[str, list[tuple[dt.date, dt.date, int]]] = {}
        for a in absences:
            # Counted within the supported dates: an absence "to 9999-12-31" is long, not an overflow.
            length = calendar.arbetsdagar(max(a.start, FIRST_DAY), min(a.end, LAST_DAY))
            self.by_person.setdefault(a.person, []).append((a.start, a.end, length))

    def length_on(self, person: str, day: dt.date) -> int | None:
        """The length (arbetsdagar) of the absence ``person`` is on at ``day``, or None."""
        for start, end, length in self.by_person.get(person, ()):
            if start <= day <= end:
                return length
        return None


def _present(holders: Iterable[Assignment], day: dt.date, absences: _Absences, not_person: str) -> bool:
    return any(h.person != not_person and h.covers(day) and absences.length_on(h.person, day) is None
               for h in holders)


def check_roles(project: Project, roster: Roster, calendar: SwedishCalendar, start: dt.date,
                end: dt.date) -> list[Finding]:
    """Every finding of every role rule over the vardagar from ``start`` to ``end``."""
    org = project.organisation
    resolver = Resolver(project.routines, org, project.catalog)
    by_file = {r.file: r for r in project.routines}
    absences = _Absences(roster.absences, calendar)
    holders: dict[tuple[str, str], list[Assignment]] = {}
    for a in roster.assignments:
        holders.setdefault((a.unit, a.role), []).append(a)
    in_verksamhet: dict[tuple[str, str], list[Assignment]] = {}
    days = calendar.vardagar_in(start, end)
    findings: dict[tuple[str, str, str, str, str | None], Finding] = {}

    def note(routine: str, rule: RoleRule, unit: str, kind: str, person: str | None, day: dt.date) -> None:
        key = (routine, rule.id, unit, kind, person)
        finding = findings.get(key)
        if finding is None:
            finding = findings[key] = Finding(routine, rule.id, unit, rule.role, kind, person)
        finding.dates.append(day)

    for unit in (u for root in org.roots() for u in org.subtree(root)):
        for rule, trace in resolver.for_unit(unit, (RoleRule,)).roles:
            routine = by_file[trace.file]
            here = holders.get((unit, rule.role), [])
            verksamhet = org.verksamhet_of(unit) if "verksamhet" in rule.cover_from else None
            wider: list[Assignment] = []
            if verksamhet is not None:
                key = (verksamhet, rule.role)
                if key not in in_verksamhet:
                    in_verksamhet[key] = [a for u in org.subtree(verksamhet) for a in holders.get((u, rule.role), [])]
                wider = in_verksamhet[key]
            for day in days:
                if not routine.in_force(day):
                    continue
                assigned = sorted({h.person for h in here if h.covers(day)})
                if len(assigned) < rule.min:
                    note(routine.label, rule, unit, "unstaffed", None, day)
                if rule.cover_absence_over_arbetsdagar is None:
                    continue
                for person in assigned:
                    length = absences.length_on(person, day)
                    if length is None or length <= rule.cover_absence_over_arbetsdagar:
                        continue
                    if "unit" in rule.cover_from and _present(here, day, absences, person):
                        continue
                    if verksamhet is not None and _present(wider, day, absences, person):
                        note(routine.label, rule, unit, "covered_by_verksamhet", person, day)
                    else:
                        note(routine.label, rule, unit, "uncovered_absence", person, day)
    return sorted(findings.values(), key=lambda f: (f.unit, f.routine, f.rule, KINDS.index(f.kind), f.person or ""))
