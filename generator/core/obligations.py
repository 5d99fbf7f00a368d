"""Derived obligations: what applies to a unit after inheritance, selectors and exceptions.

The one resolution used by the offerings check, the deadline and role checks and the
handbook's unit pages. A routine that applies to a unit applies to every unit below it; a
rule's ``units`` selector then picks, among those, the units whose attributes match.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from generator.core.catalog import Catalog
from generator.core.model import Routine
from generator.core.organisation import Organisation, Unit, matches
from generator.core.rules import (
    Deadline,
    Offer,
    Offering,
    Recurring,
    Responsibility,
    RoleRule,
    Rule,
)


@dataclass(frozen=True)
class Trace:
    """Where an obligation comes from."""

    routine: str
    """The routine's id."""
    rule: str
    file: str
    line: int

    def to_json(self) -> dict[str, object]:
        return {"routine": self.routine, "rule": self.rule, "file": self.file, "line": self.line}


@dataclass(frozen=True)
class Applied:
    """A routine that applies to a unit, and through which unit."""

    routine: Routine
    via: str
    """The unit named in ``applies_to`` (the unit itself, or an ancestor)."""
    inherited: bool


@dataclass(frozen=True)
class Requirement:
    """A service a unit must offer: any one of ``alternatives``."""

    alternatives: tuple[str, ...]
    trace: Trace


@dataclass
class UnitObligations:
    """Every obligation of one unit, each traced to its routine and rule."""

    unit: Unit
    routines: list[Applied] = field(default_factory=list)
    deadlines: dict[str, list[tuple[Deadline, Trace]]] = field(default_factory=dict)
    """Per case type id, the deadline rules that cover it."""
    roles: list[tuple[RoleRule, Trace]] = field(default_factory=list)
    required: list[Requirement] = field(default_factory=list)
    declared: dict[str, list[Trace]] = field(default_factory=dict)
    """Per case type id, the offers that declare it."""
    recurring: list[tuple[Recurring, Trace]] = field(default_factory=list)
    responsibilities: list[tuple[Responsibility, Trace]] = field(default_factory=list)

    @property
    def missing(self) -> list[Requirement]:
        """Required services that no applying routine declares."""
        return [r for r in self.required if not any(a in self.declared for a in r.alternatives)]


class Resolver:
    """Resolves obligations for units, from published routines (in force ``on`` a day, if given)."""

    def __init__(self, routines: Sequence[Routine], organisation: Organisation, catalog: Catalog,
                 *, on: dt.date | None = None) -> None:
        self.organisation = organisation
        self.catalog = catalog
        self._direct: dict[str, list[Routine]] = {}
        for routine in routines:
            if not routine.published or (on is not None and not routine.in_force(on)):
                continue
            for unit_id in routine.applies_to:
                self._direct.setdefault(unit_id, []).append(routine)

    def applied(self, unit_id: str) -> list[Applied]:
        """Routines that apply to the unit, its own first, then each ancestor's."""
        result = []
        for via in self.organisation.lineage(unit_id):
            for routine in self._direct.get(via, []):
                result.append(Applied(routine, via, via != unit_id))
        return result

    def for_unit(self, unit_id: str, kinds: tuple[type[Rule], ...] = (Rule,)) -> UnitObligations:
        """Every obligation of one unit (or only those from rules of the given ``kinds``)."""
        unit = self.organisation.units[unit_id]
        result = UnitObligations(unit, self.applied(unit_id))
        for applied in result.routines:
            for rule in applied.routine.rules.all:
                if isinstance(rule, kinds) and matches(unit, getattr(rule, "units", None)):
                    self._add(result, applied.routine, rule)
        return result

    def units_under(self, kind: type[Rule]) -> list[str]:
        """Units in the scope of some routine with a rule of ``kind``, in tree order."""
        scope: set[str] = set()
        for unit_id, routines in self._direct.items():
            if any(isinstance(rule, kind) for routine in routines for rule in routine.rules.all):
                scope.update(self.organisation.subtree(unit_id))
        return [u for root in self.organisation.roots() for u in self.organisation.subtree(root) if u in scope]

    def all_units(self) -> Iterator[UnitObligations]:
        """Obligations of every unit, in tree order."""
        for root in self.organisation.roots():
            for unit_id in self.organisation.subtree(root):
                yield self.for_unit(unit_id)

    def _add(self, result: UnitObligations, routine: Routine, rule: Rule) -> None:
        trace = Trace(routine.label, rule.id, routine.file, routine.line(rule.pointer))
        if isinstance(rule, Deadline):
            for case_type in self._case_types(rule):
                result.deadlines.setdefault(case_type, []).append((rule, trace))
        elif isinstance(rule, Offering):
            result.required.extend(self._requirements(result.unit, rule, trace))
        elif isinstance(rule, Offer):
            for case_type in rule.case_types:
                result.declared.setdefault(case_type, []).append(trace)
        elif isinstance(rule, RoleRule):
            result.roles.append((rule, trace))
        elif isinstance(rule, Recurring):
            result.recurring.append((rule, trace))
        elif isinstance(rule, Responsibility):
            result.responsibilities.append((rule, trace))

    def _case_types(self, rule: Deadline) -> list[str]:
        listed = rule.case_types if rule.case_types is not None else sorted(self.catalog.case_types.entries)
        return [c for c in listed if rule.covers(c)]

    @staticmethod
    def _requirements(unit: Unit, rule: Offering, trace: Trace) -> Iterator[Requirement]:
        dropped = {c for when, drop in rule.unless if matches(unit, when) for c in drop}
        for alternatives in rule.must_offer:
            left = tuple(a for a in alternatives if a not in dropped)
            if left:
                yield Requirement(left, trace)


def offers_trace(obligations: UnitObligations) -> Trace | None:
    """The first offers rule that declares services for the unit (where to report a gap)."""
    traces = sorted({t for ts in obligations.declared.values() for t in ts},
                    key=lambda t: (t.file, t.line))
    return traces[0] if traces else None
