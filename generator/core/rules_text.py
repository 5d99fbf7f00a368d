"""Rules in plain language: "Ärenden besvaras inom 2 vardagar; Synpunkter och klagomål inom 1 vardag;
Kontakta mig inom 24 timmar".

Selectors are told from the organisation's own words (``wording:`` in organisation.yaml: the
plural of each kind of unit, a phrase for each attribute value), "på mottagningar inom
öppenvården"; an attribute the organisation does not word is told by its key and value in
plain words ("där vårdnivå är 2"), never as ``key: value`` or True/False.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from generator.core.catalog import Catalog
from generator.core.messages import messages
from generator.core.organisation import Organisation, matches
from generator.core.rules import (
    Deadline,
    Offer,
    Offering,
    Recurring,
    Responsibility,
    RoleRule,
    Rules,
)

_PLURAL_ENDINGS = (("ing", "ingar"), ("het", "heter"), ("ion", "ioner"), ("ik", "iker"), ("al", "aler"),
                   ("hus", "hus"), ("um", "um"), ("tor", "torer"), ("ad", "ader"))
"""Swedish plurals of the common kinds of unit, for kinds the organisation does not word."""


@dataclass(frozen=True)
class Wording:
    """How the organisation's selectors are told: kinds in plural, phrases for attribute values."""

    plurals: Mapping[str, str] = field(default_factory=dict)
    """Kind of unit -> its plural (``mottagning`` -> ``mottagningar``)."""
    phrases: tuple[tuple[str, Any, str, str], ...] = ()
    """(attribute, value, phrase after a plural noun, label of one unit): ``inom öppenvården``."""
    kind_of: Callable[[Mapping[str, Any]], str | None] | None = None
    """The one kind of unit a selector picks, when all the units it picks are of one kind."""

    def plural(self, kind: str) -> str:
        if kind in self.plurals:
            return self.plurals[kind]
        for ending, plural in _PLURAL_ENDINGS:
            if kind.endswith(ending):
                return kind[: len(kind) - len(ending)] + plural
        return kind

    def phrase(self, key: str, value: Any) -> tuple[str, str] | None:
        for k, v, text, label in self.phrases:
            if k == key and type(v) is type(value) and v == value:
                return text, label
        return None


PLAIN = Wording()


def wording_of(data: Mapping[str, Any], organisation: Organisation | None = None) -> Wording:
    """The ``wording`` section of organisation.yaml (already checked by its schema) as a
    :class:`Wording`; with ``organisation``, selectors without a kind are told by the one kind
    of the units they pick."""
    section = data.get("wording") if isinstance(data, Mapping) else None
    section = section if isinstance(section, Mapping) else {}
    kinds = section.get("kinds")
    plurals = {k: v for k, v in kinds.items() if isinstance(v, str)} if isinstance(kinds, Mapping) else {}
    phrases = []
    for item in section.get("attributes") or []:
        if not isinstance(item, Mapping) or not isinstance(item.get("text"), str):
            continue
        when = item.get("when")
        if isinstance(when, Mapping) and len(when) == 1:
            (key, value), = when.items()
            phrases.append((str(key), value, item["text"], str(item.get("label") or item["text"])))
    kind_of = None
    if organisation is not None:
        units = list(organisation.units.values())
        known: dict[tuple[tuple[str, str], ...], str | None] = {}

        def kind_of(selector: Mapping[str, Any]) -> str | None:
            key = tuple(sorted((str(k), repr(v)) for k, v in selector.items()))
            if key not in known:
                found = {u.kind for u in units if matches(u, selector)}
                known[key] = found.pop() if len(found) == 1 else None
            return known[key]
    return Wording(plurals, tuple(phrases), kind_of)


@cache
def words(language: str) -> Mapping[str, str]:
    """The words rules are told in (the catalog's ``rules`` messages), in ``language``."""
    return messages(language).section("rules")


def _readable(key: str) -> str:
    return key.replace("_", " ").replace("-", " ")


def attribute_value(value: Any, language: str) -> str:
    """A unit attribute's value as a person reads it: ``ja``/``nej`` for true/false."""
    return words(language)[str(value).lower()] if isinstance(value, bool) else str(value)


def attribute_label(key: str, value: Any, language: str, wording: Wording = PLAIN) -> str:
    """One attribute of one unit, for its page: ``Öppenvård``, ``Ansluten till Webbtidboken``,
    or ``Vårdnivå är 2`` when the organisation does not word it."""
    known = wording.phrase(key, value)
    if known:
        return capital(known[1])
    if isinstance(value, bool):
        return capital(_attribute_clause(key, value, language))
    return capital(messages(language)("site.rules_is", key=_readable(key), value=value))


def _attribute_clause(key: str, value: Any, language: str) -> str:
    t = messages(language)
    if isinstance(value, bool):
        return t("site.rules_with" if value else "site.rules_without", key=_readable(key))
    return t("site.rules_where", key=_readable(key), value=value)


def units_phrase(selector: Mapping[str, Any] | None, language: str, wording: Wording = PLAIN) -> str:
    """The units a selector picks, as a plural noun phrase: ``mottagningar inom öppenvården``,
    ``enheter där vårdnivå är 2``, ``alla enheter`` (no selector)."""
    t = messages(language)
    if not selector:
        return t("site.rules_all_units")
    kind = selector.get("kind") if isinstance(selector.get("kind"), str) else None
    if kind is None and wording.kind_of is not None:
        kind = wording.kind_of(selector)
    noun = wording.plural(kind) if kind else t("site.rules_units")
    return " ".join([noun, _clauses(selector, language, wording)]).strip()


def _clauses(selector: Mapping[str, Any], language: str, wording: Wording) -> str:
    """What a selector asks of a unit besides its kind: ``inom öppenvården och …``."""
    clauses = []
    for key, value in selector.items():
        if key != "kind":
            known = wording.phrase(key, value)
            clauses.append(known[0] if known else _attribute_clause(key, value, language))
    return messages(language)("site.rules_and").join(clauses)


def selector_text(selector: Mapping[str, Any] | None, language: str, wording: Wording = PLAIN) -> str:
    """``per mottagning``, ``per mottagning inom öppenvården``, ``per enhet där vårdnivå är 2``,
    or nothing."""
    if not selector:
        return ""
    w = words(language)
    kind = selector.get("kind") if isinstance(selector.get("kind"), str) else None
    if kind is None and wording.kind_of is not None:
        kind = wording.kind_of(selector)
    return " ".join(p for p in (w["per"], kind or w["unit"], _clauses(selector, language, wording)) if p)


def _names(ids: Sequence[str], names: Any) -> str:
    return ", ".join(names.name(i) for i in ids)


def capital(text: str) -> str:
    """``text`` with its first letter upper case (the rest as it is)."""
    return text[:1].upper() + text[1:]


_COUNTED = {"vardagar": "vardag", "timmar": "timme", "dygn": "dygn"}
"""The plural (in the catalog's PLURALS) each kind of deadline is counted in."""


def within_text(unit: str, within: int, language: str) -> str:
    """A deadline's length: ``2 vardagar``, ``24 timmar``, ``1 dygn`` (``unit`` is a rule's
    ``vardagar``, ``timmar`` or ``dygn``)."""
    return messages(language).n(_COUNTED[unit], within)


def deadlines_text(deadlines: Sequence[Deadline], catalog: Catalog, language: str) -> str:
    """All deadline rules of a routine in one sentence."""
    w = words(language)
    covered = {c for d in deadlines for c in (d.case_types or ())}
    clauses = []
    for index, rule in enumerate(deadlines):
        subject = w["cases"] if rule.case_types is None else _names(rule.case_types, catalog.case_types)
        verb = w["answered"] if index == 0 else w["within"]
        clause = f"{subject} {verb} {within_text(rule.unit, rule.within, language)}"
        uncovered = [c for c in rule.except_ if c not in covered]
        if rule.case_types is None and uncovered:
            clause += f" ({w['except']} {_names(uncovered, catalog.case_types)})"
        if rule.partial_answer_counts:
            clause += f" ({w['partial']})"
        clauses.append(clause)
    return "; ".join(clauses)


def role_holders(rule: RoleRule, language: str, wording: Wording = PLAIN) -> str:
    """How many must hold the role: ``minst 1 per mottagning`` (empty when no minimum)."""
    if not rule.min:
        return ""
    w = words(language)
    return " ".join(p for p in (w["at_least"], str(rule.min), selector_text(rule.units, language, wording)) if p)


def role_cover(rule: RoleRule, language: str) -> str:
    """Absence cover: ``frånvaro över 2 arbetsdagar kräver ersättare. Ersättare tas i första hand
    från enheten, därefter från verksamheten.`` (empty when the rule asks for none)."""
    if rule.cover_absence_over_arbetsdagar is None:
        return ""
    w = words(language)
    text = f"{w['absence']} {messages(language).n('arbetsdag', rule.cover_absence_over_arbetsdagar)} {w['needs_cover']}"
    if rule.cover_from:
        places = [w[f"from_{p}"] for p in rule.cover_from]
        text += f". {w['cover_from']} {places[0]}" + "".join(f", {w['then']} {p}" for p in places[1:]) + "."
    return text


def role_requirement(rule: RoleRule, language: str, wording: Wording = PLAIN) -> str:
    """The rule without the role's name: ``minst 1 per mottagning; frånvaro över …``."""
    return "; ".join(p for p in (role_holders(rule, language, wording), role_cover(rule, language)) if p)


def role_text(rule: RoleRule, catalog: Catalog, language: str, wording: Wording = PLAIN) -> str:
    """``Ärendemottagare: minst 1 per mottagning; frånvaro över 2 arbetsdagar kräver ersättare``."""
    return f"{catalog.roles.name(rule.role)}: {role_requirement(rule, language, wording)}"


def how_often(rule: Recurring, language: str) -> str:
    """``Varje vecka``."""
    return words(language)[rule.every + "_every"]


def recurring_text(rule: Recurring, catalog: Catalog, language: str) -> str:
    """``Varje vecka: Se över … (Ärendemottagare)``."""
    return f"{how_often(rule, language)}: {rule.task} ({catalog.roles.name(rule.role)})"


def offering_text(rule: Offering, catalog: Catalog, language: str, wording: Wording = PLAIN) -> str:
    """``Mottagningar inom öppenvården ska erbjuda: …. Mottagningar anslutna till Webbtidboken
    behöver inte erbjuda …``."""
    w = words(language)
    t = messages(language)
    needs = [f" {w['or']} ".join(catalog.case_types.name(c) for c in alt) for alt in rule.must_offer]
    text = capital(t("site.rules_must_offer", units=units_phrase(rule.units, language, wording))) + ": "
    text += ", ".join(needs)
    for when, drop in rule.unless:
        kind = wording.kind_of({**(rule.units or {}), **when}) if wording.kind_of is not None else None
        picked = {"kind": kind, **when} if kind and "kind" not in when else dict(when)
        text += ". " + capital(t("site.rules_need_not", units=units_phrase(picked, language, wording),
                                  services=_names(drop, catalog.case_types)))
    return text


def offer_text(rule: Offer, catalog: Catalog, language: str, wording: Wording = PLAIN) -> str:
    """``Mottagningar inom öppenvården erbjuder: …``."""
    t = messages(language)
    return (capital(t("site.rules_offers", units=units_phrase(rule.units, language, wording))) + ": "
            + _names(rule.case_types, catalog.case_types))


def responsibility_text(rule: Responsibility, catalog: Catalog, language: str) -> str:
    w = words(language)
    return f"{catalog.roles.name(rule.role)} {w['responsible']}: " + "; ".join(rule.duties)


def deadline_short(rule: Deadline, language: str) -> str:
    """``2 vardagar (ett delsvar räcker)``, ``24 timmar``: one rule's deadline, for a table cell."""
    return _deadline_short(rule.unit, rule.within, rule.partial_answer_counts, language)


@cache
def _deadline_short(unit: str, within: int, partial: bool, language: str) -> str:
    """(every unit page shows the deadlines it inherits: the same few texts tens of thousands of times)"""
    return within_text(unit, within, language) + (f" ({words(language)['partial']})" if partial else "")


def rules_texts(rules: Rules, catalog: Catalog, language: str, *, responsibilities: bool = True,
                wording: Wording = PLAIN) -> list[str]:
    """Every rule of a routine, as plain sentences, deadlines first."""
    out = []
    if rules.deadlines:
        out.append(deadlines_text(rules.deadlines, catalog, language))
    out += [role_text(r, catalog, language, wording) for r in rules.roles]
    out += [recurring_text(r, catalog, language) for r in rules.recurring]
    out += [offering_text(r, catalog, language, wording) for r in rules.offerings]
    out += [offer_text(r, catalog, language, wording) for r in rules.offers]
    if responsibilities:
        out += [responsibility_text(r, catalog, language) for r in rules.responsibilities]
    return out
