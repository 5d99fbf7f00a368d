"""Rules in plain language: "Ärenden besvaras inom 2 vardagar; Synpunkter och klagomål inom 1 vardag"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from generator.core.catalog import Catalog
from generator.core.messages import messages
from generator.core.rules import (
    Deadline,
    Offer,
    Offering,
    Recurring,
    Responsibility,
    RoleRule,
    Rules,
)


@cache
def words(language: str) -> Mapping[str, str]:
    """The words rules are told in (the catalog's ``rules`` messages), in ``language``."""
    return messages(language).section("rules")


def attribute_value(value: Any, language: str) -> str:
    """A unit attribute's value as a person reads it: ``ja``/``nej`` for true/false."""
    return words(language)[str(value).lower()] if isinstance(value, bool) else str(value)


def _names(ids: Sequence[str], names: Any, w: Mapping[str, str]) -> str:
    return ", ".join(names.name(i) for i in ids)


def selector_text(selector: Mapping[str, Any] | None, language: str) -> str:
    """``per mottagning``, ``per enhet (care: öppenvård)``, or nothing."""
    if not selector:
        return ""
    w = words(language)
    if set(selector) == {"kind"}:
        return f"{w['per']} {selector['kind']}"
    shown = ", ".join(f"{k}: {attribute_value(v, language)}" for k, v in selector.items())
    return f"{w['per']} {w['unit']} ({shown})"


def deadlines_text(deadlines: Sequence[Deadline], catalog: Catalog, language: str) -> str:
    """All deadline rules of a routine in one sentence."""
    w = words(language)
    covered = {c for d in deadlines for c in (d.case_types or ())}
    clauses = []
    for index, rule in enumerate(deadlines):
        subject = w["cases"] if rule.case_types is None else _names(rule.case_types, catalog.case_types, w)
        verb = w["answered"] if index == 0 else w["within"]
        clause = f"{subject} {verb} {messages(language).n('vardag', rule.within_vardagar)}"
        uncovered = [c for c in rule.except_ if c not in covered]
        if rule.case_types is None and uncovered:
            clause += f" ({w['except']} {_names(uncovered, catalog.case_types, w)})"
        if rule.partial_answer_counts:
            clause += f" ({w['partial']})"
        clauses.append(clause)
    return "; ".join(clauses)


def role_text(rule: RoleRule, catalog: Catalog, language: str) -> str:
    """``Ärendemottagare: minst 1 per mottagning; frånvaro över 2 arbetsdagar kräver ersättare``."""
    w = words(language)
    parts = []
    if rule.min:
        parts.append(" ".join(p for p in (w["at_least"], str(rule.min), selector_text(rule.units, language)) if p))
    if rule.cover_absence_over_arbetsdagar is not None:
        n = rule.cover_absence_over_arbetsdagar
        parts.append(f"{w['absence']} {messages(language).n('arbetsdag', n)} {w['needs_cover']}")
    text = f"{catalog.roles.name(rule.role)}: " + "; ".join(parts)
    if rule.cover_absence_over_arbetsdagar is not None and rule.cover_from:
        places = [w[f"from_{p}"] for p in rule.cover_from]
        text += f". {w['cover_from']} {places[0]}" + "".join(f", {w['then']} {p}" for p in places[1:]) + "."
    return text


def recurring_text(rule: Recurring, catalog: Catalog, language: str) -> str:
    """``Varje vecka: Se över … (Ärendemottagare)``."""
    w = words(language)
    return f"{w[rule.every + '_every']}: {rule.task} ({catalog.roles.name(rule.role)})"


def offering_text(rule: Offering, catalog: Catalog, language: str) -> str:
    w = words(language)
    needs = [f" {w['or']} ".join(catalog.case_types.name(c) for c in alt) for alt in rule.must_offer]
    scope = selector_text(rule.units, language)
    text = f"{w['must_offer']}{' ' + scope if scope else ''}: " + ", ".join(needs)
    for when, drop in rule.unless:
        cond = ", ".join(f"{k}: {w[str(v).lower()] if isinstance(v, bool) else v}" for k, v in when.items())
        text += f". {w['unless']} {cond}: {w['not']} {_names(drop, catalog.case_types, w)}"
    return text


def offer_text(rule: Offer, catalog: Catalog, language: str) -> str:
    w = words(language)
    scope = selector_text(rule.units, language)
    return f"{w['offers']}{' ' + scope if scope else ''}: {_names(rule.case_types, catalog.case_types, w)}"


def responsibility_text(rule: Responsibility, catalog: Catalog, language: str) -> str:
    w = words(language)
    return f"{catalog.roles.name(rule.role)} {w['responsible']}: " + "; ".join(rule.duties)


def deadline_short(rule: Deadline, language: str) -> str:
    """``2 vardagar (ett delsvar räcker)``: one rule's deadline, for a table cell."""
    w = words(language)
    return messages(language).n("vardag", rule.within_vardagar) + (f" ({w['partial']})" if rule.partial_answer_counts else "")


def rules_texts(rules: Rules, catalog: Catalog, language: str, *, responsibilities: bool = True) -> list[str]:
    """Every rule of a routine, as plain sentences, deadlines first."""
    out = []
    if rules.deadlines:
        out.append(deadlines_text(rules.deadlines, catalog, language))
    out += [role_text(r, catalog, language) for r in rules.roles]
    out += [recurring_text(r, catalog, language) for r in rules.recurring]
    out += [offering_text(r, catalog, language) for r in rules.offerings]
    out += [offer_text(r, catalog, language) for r in rules.offers]
    if responsibilities:
        out += [responsibility_text(r, catalog, language) for r in rules.responsibilities]
    return out
