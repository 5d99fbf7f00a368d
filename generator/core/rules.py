"""Machine-readable obligations of a routine (the ``rules:`` block, SPEC 4)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

Selector = Mapping[str, Any] | None
"""Unit attributes that must all be equal; None selects every unit in scope."""


@dataclass(frozen=True)
class Rule:
    """What every rule has: its id and where it stands."""

    id: str
    """The rule's id; rules without one get ``<kind>[<n>]`` (1-based)."""
    pointer: str
    """JSON pointer of the rule in the front matter."""
    review: str = ""
    """Set by ``routines import`` on the rules it proposes: the sentence the rule came from. A
    person removes it once the rule is checked against the text (until then ``check`` warns)."""


@dataclass(frozen=True)
class Offering(Rule):
    """Services (case types) that selected units must offer."""

    units: Selector = None
    must_offer: tuple[tuple[str, ...], ...] = ()
    """Each requirement is a tuple of alternatives; any one of them meets it."""
    unless: tuple[tuple[Mapping[str, Any], tuple[str, ...]], ...] = ()
    """(when, drop): for units matching ``when``, these services are not required."""


@dataclass(frozen=True)
class Offer(Rule):
    """Services that selected units declare they offer."""

    units: Selector = None
    case_types: tuple[str, ...] = ()


DeadlineUnit = Literal["vardagar", "timmar", "dygn"]
"""What a deadline counts (SPEC 5): vardagar after the local day of receipt, or hours of elapsed
time (timmar; dygn are 24 of them each)."""
DEADLINE_UNITS: tuple[DeadlineUnit, ...] = ("vardagar", "timmar", "dygn")
"""Each unit's rule key is ``within_<unit>``; a rule has exactly one (the schema says so)."""


@dataclass(frozen=True)
class Deadline(Rule):
    """Cases of these types are answered within N vardagar, N timmar or N dygn of receipt."""

    units: Selector = None
    case_types: tuple[str, ...] | None = None
    """None means every case type (``"*"``)."""
    except_: tuple[str, ...] = ()
    within: int = 0
    """N, counted in ``unit``."""
    unit: DeadlineUnit = "vardagar"
    partial_answer_counts: bool = False
    partial_answer_text: str = ""
    note: str = ""

    def covers(self, case_type: str) -> bool:
        """True when this rule applies to cases of ``case_type``."""
        if case_type in self.except_:
            return False
        return self.case_types is None or case_type in self.case_types

    @cached_property
    def key(self) -> str:
        """The rule's key in the front matter and in JSON: ``within_vardagar``, ``within_timmar``
        or ``within_dygn``."""
        return f"within_{self.unit}"

    @cached_property
    def hours(self) -> int | None:
        """The elapsed hours of a timmar or dygn rule; None for vardagar (counted in days)."""
        if self.unit == "vardagar":
            return None
        return self.within if self.unit == "timmar" else 24 * self.within

    @property
    def within_vardagar(self) -> int | None:
        """N of a vardagar rule; None for a rule in timmar or dygn."""
        return self.within if self.unit == "vardagar" else None


@dataclass(frozen=True)
class RoleRule(Rule):
    """Selected units must have holders of a role, and cover their long absences."""

    role: str = ""
    units: Selector = None
    min: int = 1
    cover_absence_over_arbetsdagar: int | None = None
    cover_from: tuple[str, ...] = ("unit",)
    note: str = ""


@dataclass(frozen=True)
class Recurring(Rule):
    """A task that a role performs every day, week, month or year."""

    role: str = ""
    units: Selector = None
    every: str = "week"
    task: str = ""


@dataclass(frozen=True)
class Responsibility(Rule):
    """Extension: what a role is responsible for under this routine."""

    role: str = ""
    duties: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rules:
    """All rules of one routine, by kind."""

    offerings: tuple[Offering, ...] = ()
    offers: tuple[Offer, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    roles: tuple[RoleRule, ...] = ()
    recurring: tuple[Recurring, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()
    all: tuple[Rule, ...] = field(default=(), compare=False)


NO_RULES = Rules()
"""The rules of a routine without any (frozen: one for them all)."""


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _selector(value: Any) -> Selector:
    return value if isinstance(value, dict) else None


def _offering(d: dict[str, Any], base: dict[str, Any]) -> Offering:
    must = tuple((m,) if isinstance(m, str) else _strs(m.get("any_of")) for m in d["must_offer"])
    unless = tuple((u["when"], _strs(u["drop"])) for u in d.get("unless", []))
    return Offering(**base, units=_selector(d.get("units")), must_offer=must, unless=unless)


def _deadline(d: dict[str, Any], base: dict[str, Any]) -> Deadline:
    case_types = d["case_types"]
    unit = next(u for u in DEADLINE_UNITS if f"within_{u}" in d)  # exactly one: the schema checked it
    return Deadline(
        **base, units=_selector(d.get("units")),
        case_types=None if case_types == "*" else _strs(case_types),
        except_=_strs(d.get("except")), within=int(d[f"within_{unit}"]), unit=unit,
        partial_answer_counts=bool(d.get("partial_answer_counts", False)),
        partial_answer_text=str(d.get("partial_answer_text", "")), note=str(d.get("note", "")))


def _role(d: dict[str, Any], base: dict[str, Any]) -> RoleRule:
    cover = d.get("cover_absence_over_arbetsdagar")
    return RoleRule(**base, role=d["role"], units=_selector(d.get("units")), min=int(d.get("min", 1)),
                    cover_absence_over_arbetsdagar=int(cover) if cover is not None else None,
                    cover_from=_strs(d.get("cover_from")) or ("unit",), note=str(d.get("note", "")))


_BUILDERS: dict[str, Callable[[dict[str, Any], dict[str, Any]], Rule]] = {
    "offerings": _offering,
    "offers": lambda d, b: Offer(**b, units=_selector(d.get("units")), case_types=_strs(d["case_types"])),
    "deadlines": _deadline,
    "roles": _role,
    "recurring": lambda d, b: Recurring(**b, role=d["role"], units=_selector(d.get("units")),
                                        every=d["every"], task=d["task"]),
    "responsibilities": lambda d, b: Responsibility(**b, role=d["role"], duties=_strs(d["duties"])),
}

KINDS = tuple(_BUILDERS)


def build_rules(data: Any, usable: Callable[[str], bool]) -> Rules:
    """Rules from the parsed ``rules`` mapping; rules with schema errors are left out."""
    if not isinstance(data, dict):
        return NO_RULES
    built: dict[str, tuple[Rule, ...]] = {}
    for kind, builder in _BUILDERS.items():
        items = data.get(kind)
        if not isinstance(items, list) or not items:
            continue
        found = []
        for index, item in enumerate(items):
            ptr = f"/rules/{kind}/{index}"
            if not isinstance(item, dict) or not usable(ptr):
                continue
            rule_id = item.get("id")
            review = item.get("review")
            found.append(builder(item, {"id": rule_id if isinstance(rule_id, str) else f"{kind}[{index + 1}]",
                                        "pointer": ptr, "review": review if isinstance(review, str) else ""}))
        if found:
            built[kind] = tuple(found)
    if not built:
        return NO_RULES
    everything = tuple(rule for kind in KINDS if kind in built for rule in built[kind])
    return Rules(**built, all=everything)  # type: ignore[arg-type]
