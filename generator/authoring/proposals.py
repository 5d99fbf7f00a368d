"""Obligations stated in a routine's Swedish text, proposed as ``rules:`` entries for review.

The importer never trusts these: each rule carries ``review: <the sentences it came from>``,
which ``routines check`` reports until a person has compared the rule with the text and removed
the mark. What is recognised:

- **deadlines** (:mod:`generator.authoring.proposal_deadlines`): "ska besvaras inom två vardagar
  och en (1) vardag för Synpunkter och klagomål", "inom 2 arbetsdagar", "inom 24 timmar", "inom
  tre dygn", "besvaras direkt med ett delsvar" (read as one vardag); numbers in digits or words,
  "en (1)"; a delsvar or återkoppling named in the paragraph makes a partial answer count.
- **absence rules**: "Om en ärendemottagare … är frånvarande mer än två arbetsdagar …", with
  cover from the verksamhet when the paragraph says so, and "Samma rutin gäller för …".
- **recurring duties** (:mod:`generator.authoring.proposal_recurring`): "en gång per vecka",
  "1 gång/månad", "varje månad", "dagligen", … with the role named, the task from the main clause.
- **service lists**: a list whose items are case types of the catalog; "ska … erbjuda" in the
  lead-in makes it a requirement (``offerings``, named ``basutbud`` when the lead-in says so),
  otherwise a declaration (``offers``); "mottagningar anslutna till Webbtidboken … ta bort
  ärendetypen X" makes an exception for units with that yes/no attribute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.authoring.import_tokens import Block, item_text
from generator.authoring.import_values import slug
from generator.authoring.proposal_deadlines import deadline_rules
from generator.authoring.proposal_recurring import recurring_rules
from generator.authoring.proposal_text import (
    ABSENCE,
    LIST_RESOLVE_SHARE,
    SAME,
    Terms,
    number,
    plain,
    review_text,
    sentences,
)
from generator.core.catalog import Catalog
from generator.core.messages import Msg, counted, msg, one_of
from generator.core.organisation import Organisation


@dataclass
class Proposals:
    """Rules by kind (in the schema's order), and notes on sentences that were not proposed."""

    rules: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    notes: list[tuple[int, Msg]] = field(default_factory=list)


class _Proposer:
    def __init__(self, blocks: list[Block], org: Organisation, catalog: Catalog,
                 applies_to: list[str]) -> None:
        self.blocks = blocks
        self.org = org
        self.catalog = catalog
        self.roles = Terms(catalog.roles, inflected=True)
        self.case_types = Terms(catalog.case_types, inflected=False)
        scope_ids = [u for a in applies_to if a in org.units for u in org.subtree(a)]
        self.scope = [org.units[u] for u in scope_ids] or list(org.units.values())
        self.result = Proposals()
        self.paragraphs = [b for b in blocks if b.kind == "paragraph"]

    def add(self, kind: str, rule: dict[str, Any]) -> None:
        rules = self.result.rules.setdefault(kind, [])
        base = rule.get("id")
        if isinstance(base, str):
            taken = {r.get("id") for r in rules}
            candidate, n = base, 2
            while candidate in taken:
                candidate, n = f"{base}-{n}", n + 1
            rule["id"] = candidate
        rules.append(rule)

    def note(self, line: int, message: Msg) -> None:
        self.result.notes.append((line, message))

    # selectors

    def selector(self, text: str) -> dict[str, Any] | None:
        """A unit selector from words of the text that are attribute values of units in scope
        ("öppenvård" → ``{care: öppenvård}``, "mottagningen" → ``{kind: mottagning}``): other
        attributes before ``kind``, and of those the one named last."""
        best: tuple[int, int, str, str] | None = None
        seen: set[tuple[str, str]] = set()
        for unit in self.scope:
            for key, value in unit.attrs.items():
                if key in ("id", "name", "parent") or not isinstance(value, str) or (key, value) in seen:
                    continue
                seen.add((key, value))
                for found in re.finditer(r"(?<!\w)" + re.escape(value), text, re.IGNORECASE):
                    rank = (0 if key == "kind" else 1, found.start(), key, value)
                    if best is None or rank[:2] > best[:2]:
                        best = rank
        return {best[2]: best[3]} if best else None

    # deadlines

    def deadlines(self) -> None:
        rules, notes = deadline_rules(self.paragraphs, self.case_types)
        self.result.notes.extend(notes)
        for rule in rules:
            if not any(_same_rule(rule, r) for r in self.result.rules.get("deadlines", [])):
                self.add("deadlines", rule)

    # roles

    def absences(self) -> list[dict[str, Any]]:
        proposed: list[dict[str, Any]] = []
        for block in self.paragraphs:
            parts = sentences(block.text)
            for index, sentence in enumerate(parts):
                text = plain(sentence)
                match = ABSENCE.search(text)
                if match is None:
                    continue
                roles = self.roles.ids(text[:match.start()]) or self.roles.ids(text)
                if not roles:
                    self.note(block.line, msg("import.absence_no_role", sentence=sentence))
                    continue
                rest = parts[index + 1:]
                cover = [s for s in rest if re.search(r"verksamhet", s, re.IGNORECASE)
                         and re.search(r"kontakt|annan|bemanna|täck", s, re.IGNORECASE)]
                same = [s for s in rest if SAME.search(plain(s))]
                cover_from = ["unit", "verksamhet"] if cover else ["unit"]
                units = self.selector(text)
                extra: list[str] = []
                for s in same:
                    tail = plain(s)[SAME.search(plain(s)).end():]  # type: ignore[union-attr]
                    extra.extend(r for r in self.roles.ids(tail) if r not in roles and r not in extra)
                for role in [*roles, *extra]:
                    rule: dict[str, Any] = {"id": role, "role": role}
                    if units:
                        rule["units"] = units
                    rule["min"] = 1 if role in roles else 0
                    rule["cover_absence_over_arbetsdagar"] = number(match)
                    rule["cover_from"] = cover_from
                    if role not in roles:
                        rule["note"] = ("Texten utsträcker frånvaroregeln till rollen; att enheten "
                                        "måste ha rollen står inte.")
                    rule["review"] = review_text([sentence, *cover, *(same if role not in roles else [])])
                    proposed.append(rule)
                    self.add("roles", rule)
        return proposed

    # recurring

    def recurring(self, role_rules: list[dict[str, Any]]) -> None:
        def units_for(role: str, text: str) -> dict[str, Any] | None:
            return next((r["units"] for r in role_rules if r["role"] == role and "units" in r),
                        None) or self.selector(text)

        rules, notes = recurring_rules(self.blocks, self.roles, units_for)
        self.result.notes.extend(notes)
        for rule in rules:
            self.add("recurring", rule)

    # services

    def service_lists(self) -> None:
        previous: Block | None = None
        for block in self.blocks:
            if block.kind == "list" and previous is not None:
                self.service_list(block, previous if previous.kind == "paragraph" else None)
            previous = block

    def resolve_service(self, text: str) -> str | None:
        vocabulary = self.catalog.case_types
        candidates = [text, re.sub(r"\s*\([^)]*\)", "", text).strip()]
        candidates.extend(re.split(r"\s+[–-]\s+", c)[0] for c in list(candidates))
        for candidate in candidates:
            found = vocabulary.resolve(candidate.strip(" .,;:”\""))
            if found:
                return found
        mentions = self.case_types.find(text)
        return mentions[0][2] if mentions and mentions[0][0] == 0 else None

    def service_list(self, block: Block, lead: Block | None) -> None:
        items = [plain(item_text(i)) for i in block.items]
        resolved = [self.resolve_service(i) for i in items]
        known = [r for r in resolved if r]
        if (not known or len(known) < len(items) * LIST_RESOLVE_SHARE
                or (len(items) > 1 and len(known) < 2)):
            return
        lead_text = plain(lead.text) if lead is not None else ""
        case_types: list[str] = []
        for text, found in zip(items, resolved, strict=True):
            if found is None:
                found = slug(text) or "okand-tjanst"
                self.note(block.line, msg("import.unknown_service", text=text, found=found))
            if found not in case_types:
                case_types.append(found)
        lead_sentences = sentences(lead.text) if lead is not None else []
        review = review_text([*lead_sentences, "; ".join(items) + "."])
        units = self.selector(lead_text)
        required = bool(re.search(r"\b(?:ska|skall|måste)\b", lead_text, re.IGNORECASE)
                        and re.search(r"erbjud|tillhandahåll", lead_text, re.IGNORECASE))
        if required:
            basutbud = re.search(r"basutbud", lead_text, re.IGNORECASE)
            rule: dict[str, Any] = {"id": "basutbud" if basutbud else "utbud"}
            if units:
                rule["units"] = units
            rule["must_offer"] = case_types
            unless, sources = self.exceptions(case_types)
            if unless:
                rule["unless"] = unless
            rule["review"] = review_text([review, *sources])
            self.add("offerings", rule)
        else:
            rule = {"id": slug(str(next(iter(units.values())))) if units else "tjanster"}
            if units:
                rule["units"] = units
            rule["case_types"] = case_types
            rule["review"] = review
            self.add("offers", rule)

    def exceptions(self, case_types: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
        """"För mottagningar anslutna till Webbtidboken … ta bort ärendetypen X": units with a
        yes/no attribute named like the system need not offer X."""
        flags = {key for unit in self.org.units.values() for key, value in unit.attrs.items()
                 if isinstance(value, bool)}
        unless: list[dict[str, Any]] = []
        sources: list[str] = []
        for block in self.paragraphs:
            for sentence in sentences(block.text):
                text = plain(sentence)
                if not re.search(r"anslutna?\s+till", text, re.IGNORECASE) or not re.search(
                        r"ta\s+bort|tas\s+bort|inte\s+erbjuda|behöver\s+inte", text, re.IGNORECASE):
                    continue
                flag = next((f for f in sorted(flags)
                             if re.search(r"(?<!\w)" + re.escape(f), text, re.IGNORECASE)), None)
                drop = [c for c in self.case_types.ids(text) if c in case_types]
                if flag and drop:
                    unless.append({"when": {flag: True}, "drop": drop})
                    sources.append(sentence)
        return unless, sources

    def run(self) -> Proposals:
        self.service_lists()
        self.deadlines()
        role_rules = self.absences()
        self.recurring(role_rules)
        order = ("offerings", "offers", "deadlines", "roles", "recurring", "responsibilities")
        self.result.rules = {k: self.result.rules[k] for k in order if k in self.result.rules}
        return self.result


def _same_rule(a: dict[str, Any], b: dict[str, Any]) -> bool:
    ignore = ("id", "review")
    return ({k: v for k, v in a.items() if k not in ignore}
            == {k: v for k, v in b.items() if k not in ignore})


def propose(blocks: list[Block], org: Organisation, catalog: Catalog, applies_to: list[str]) -> Proposals:
    """The rules the body's text states, each marked ``review:``; notes for sentences that read
    like obligations but could not be made rules."""
    return _Proposer(blocks, org, catalog, applies_to).run()


def describe(kind: str, rule: dict[str, Any], catalog: Catalog) -> Msg | str:
    """A rule in a few words, for the import report (told in the reader's language where shown)."""
    names = catalog.case_types.name
    if kind == "deadlines":
        which: Msg | str = (msg("import.rule_all_types") if rule["case_types"] == "*"
                            else ", ".join(names(c) for c in rule["case_types"]))
        if rule.get("except"):
            which = msg("import.rule_except", which=which, names=", ".join(names(c) for c in rule["except"]))
        partial = msg("import.rule_partial") if rule.get("partial_answer_counts") else ""
        unit, key = next((u, k) for u, k in (("timme", "within_timmar"), ("dygn", "within_dygn"),
                                             ("vardag", "within_vardagar")) if k in rule)
        return msg("import.rule_deadline", which=which, days=counted(unit, rule[key]), partial=partial)
    units = rule.get("units")
    where = msg("import.rule_where", attrs=", ".join(f"{k}: {v}" for k, v in units.items())) if units else ""
    if kind == "offerings":
        return msg("import.rule_offerings", services=counted("service", len(rule["must_offer"])), where=where)
    if kind == "offers":
        return msg("import.rule_offers", services=counted("service", len(rule["case_types"])), where=where)
    if kind == "roles":
        least = rule.get("min", 1)
        staffed = msg("import.rule_at_least", n=least) if least else msg("import.rule_not_required")
        cover = one_of(msg(f"rules.from_{c}") for c in rule.get("cover_from", ["unit"]))
        return msg("import.rule_role", role=catalog.roles.name(rule["role"]), staffed=staffed, where=where,
                   days=counted("arbetsdag", rule.get("cover_absence_over_arbetsdagar", 0)), cover=cover)
    if kind == "recurring":
        return msg("import.rule_recurring", role=catalog.roles.name(rule["role"]),
                   every=msg(f"import.every_{rule['every']}"), where=where, task=rule["task"])
    return kind
