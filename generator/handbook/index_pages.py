"""The handbook's ways in: the Enheter, Roller and Alla rutiner pages, each role's page grouped
into Uppgifter, Återkommande, Bemanning and Svarstider, and what the start page shows for a
remembered unit and role. Plain data, like :mod:`generator.handbook.site_pages`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from generator.content.history import History
from generator.core.catalog import Catalog
from generator.core.model import Person, Routine
from generator.core.organisation import Organisation
from generator.core.rules import Recurring, Responsibility, RoleRule
from generator.core.rules_text import (
    Wording,
    capital,
    deadlines_text,
    how_often,
    role_cover,
    role_holders,
    units_phrase,
)

MINE_ROUTINES_LIMIT = 2000
"""Up to this many routines listed in all units' summaries together (a routine counts once for
every unit it applies to, inherited ones included), the start page carries each unit's summary
for the remembered unit; in a larger handbook it names the remembered unit and links to its
page instead (at 10,000 routines in 352 units, the summaries made a start page of 6.9 MB; 2,000
of them are about 400 KB)."""
STATUS_ORDER = ("valid", "expiring", "expired", "future", "draft", "withdrawn")


class Planner(Protocol):
    """What these pages need of the site planner."""

    site: dict[str, Any]
    catalog: Catalog
    org: Organisation
    history: History
    wording: Wording
    language: str
    labels: Mapping[str, str]
    """The site's words in its language (the templates' ``t``)."""

    def summary(self, routine: Routine) -> dict[str, Any]: ...
    def unit_ref(self, unit_id: str) -> dict[str, Any]: ...
    def role_ref(self, role_id: str) -> dict[str, Any]: ...
    def person(self, person: Person | None, owner: bool = False) -> dict[str, Any] | None: ...


def named_roles(routine: Routine) -> list[str]:
    """The roles a routine's rules name, sorted."""
    return sorted({r.role for r in routine.rules.all if isinstance(r, RoleRule | Recurring | Responsibility)})


def role_pages(planner: Planner, routines: list[Routine]) -> list[dict[str, Any]]:
    """Each role of the catalog with its duties, recurring tasks, staffing rules and response
    times, every line with the routine it comes from (published routines only)."""
    lang = planner.language
    groups: dict[str, dict[str, list[dict[str, Any]]]] = {
        role: {"tasks": [], "recurring": [], "staffing": [], "deadlines": [], "routines": []}
        for role in planner.catalog.roles.entries}
    for routine in sorted(routines, key=lambda r: (r.title, r.file)):
        if not routine.published:
            continue
        source = planner.summary(routine)
        roles = named_roles(routine)
        for rule in routine.rules.all:
            group = groups.get(getattr(rule, "role", ""))
            if group is None:
                continue
            if isinstance(rule, Responsibility):
                group["tasks"] += [{"text": duty, "routine": source} for duty in rule.duties]
            elif isinstance(rule, Recurring):
                group["recurring"].append({"how_often": how_often(rule, lang), "text": rule.task,
                                           "units": capital(units_phrase(rule.units, lang, planner.wording)),
                                           "routine": source})
            elif isinstance(rule, RoleRule):
                group["staffing"].append({"holders": capital(role_holders(rule, lang, planner.wording)),
                                          "cover": capital(role_cover(rule, lang)), "routine": source})
        for role in roles:
            if role in groups:
                groups[role]["routines"].append(
                    {"routine": source, "applies_to": [planner.unit_ref(u) for u in routine.applies_to]})
                if routine.rules.deadlines:
                    groups[role]["deadlines"].append(
                        {"text": deadlines_text(routine.rules.deadlines, planner.catalog, lang), "routine": source})
    pages = []
    for role_id in sorted(planner.catalog.roles.entries):
        known = planner.catalog.roles.entries[role_id]
        pages.append({"site": planner.site, "kind": "role",
                      "role": {"id": role_id, "name": known.name, "description": known.description},
                      **groups[role_id]})
    return pages


def role_line(context: Mapping[str, Any]) -> str:
    """One line on what the role must do: its description, else its first duty, task or rule."""
    if context["role"]["description"]:
        return str(context["role"]["description"])
    if context["tasks"]:
        return str(context["tasks"][0]["text"])
    if context["recurring"]:
        first = context["recurring"][0]
        return f"{first['how_often']}: {first['text']}"
    for rule in context["staffing"]:
        if rule["holders"] or rule["cover"]:
            return str(rule["holders"] or rule["cover"])
    return ""


def roles_index(planner: Planner, roles: list[dict[str, Any]]) -> dict[str, Any]:
    entries = [{**planner.role_ref(r["role"]["id"]), "line": role_line(r), "routines": len(r["routines"])}
               for r in roles]
    return {"site": planner.site, "kind": "roles", "roles": sorted(entries, key=lambda e: e["name"].casefold())}


def units_index(planner: Planner, direct_counts: Mapping[str, int]) -> dict[str, Any]:
    def node(unit_id: str) -> dict[str, Any]:
        unit = planner.org.units[unit_id]
        return {**planner.unit_ref(unit_id), "kind": unit.kind, "count": direct_counts.get(unit_id, 0),
                "lineage": " ".join(planner.org.lineage(unit_id)),
                "children": [node(c) for c in sorted(planner.org.children.get(unit_id, []))]}
    return {"site": planner.site, "kind": "units", "tree_nodes": [node(root) for root in planner.org.roots()],
            "choices": unit_choices(planner)}


def unit_choices(planner: Planner) -> list[dict[str, Any]]:
    """Every unit in tree order, for the unit selectors (indented by depth)."""
    org = planner.org
    return [{"id": u, "name": org.units[u].name, "depth": len(org.ancestors(u)),
             "lineage": " ".join(org.lineage(u))}
            for root in org.roots() for u in org.subtree(root)]


def last_change(history: History, routine: Routine) -> str:
    commits = history.commits(routine.file) if history.available else []
    return str(commits[0].date)[:10] if commits else ""


SORTS = {"title": "rutiner.html", "valid_to": "rutiner-giltig-till.html", "changed": "rutiner-senast-andrad.html"}
"""The orders of Alla rutiner, each a page of its own, so that sorting works without JavaScript."""


def sorted_variants(context: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(path, context) of Alla rutiner in each order: by title (the page itself), by valid to
    (soonest first; open-ended last) and by last change (newest first)."""
    rows = context["routines"]
    by_valid_to = sorted(rows, key=lambda r: (not r.get("valid_to"), str(r.get("valid_to") or ""), r["title"]))
    by_changed = sorted(rows, key=lambda r: (r["changed"], r["title"]), reverse=True)
    return [(SORTS["title"], context),
            (SORTS["valid_to"], {**context, "routines": by_valid_to, "sorted_by": "valid_to"}),
            (SORTS["changed"], {**context, "routines": by_changed, "sorted_by": "changed"})]


def all_routines(planner: Planner, routines: list[Routine]) -> dict[str, Any]:
    """Every routine, sorted by title, with what the filters and sorting read."""
    rows = []
    for routine in sorted(routines, key=lambda r: (r.title.casefold(), r.file)):
        roles = named_roles(routine)
        owner = planner.person(routine.owner, owner=True)
        summary = planner.summary(routine)
        rows.append({**summary, "type": routine.type or "", "type_label": (routine.type or "").capitalize(),
                     "status_label": planner.labels["status_" + summary["status"]], "title_key": routine.title.lower(),
                     "applies_to": [planner.unit_ref(u) for u in routine.applies_to],
                     "units": " ".join(routine.applies_to), "roles": " ".join(roles),
                     "owner": owner, "owner_key": owner["name"] if owner else "",
                     "changed": last_change(planner.history, routine)})
    statuses = {r["status"] for r in rows}
    named = sorted({role for r in rows for role in r["roles"].split()})
    return {"site": planner.site, "kind": "all", "routines": rows, "sorted_by": "title", "sorts": SORTS,
            "unit_choices": unit_choices(planner),
            "role_choices": sorted((planner.role_ref(r) for r in named), key=lambda r: r["name"].casefold()),
            "types": sorted({r["type"] for r in rows if r["type"]}),
            "statuses": [s for s in STATUS_ORDER if s in statuses],
            "owners": sorted({r["owner_key"] for r in rows if r["owner_key"]}, key=str.casefold)}


def mine(planner: Planner, unit_pages: list[dict[str, Any]], roles: list[dict[str, Any]]) -> dict[str, Any]:
    """What the start page shows first for a remembered unit (its routines, response times and
    recurring tasks) and role (its duties and tasks), each ready in a hidden template."""
    units: list[dict[str, Any]] = []
    listed = 0
    for page in unit_pages:
        routines = list(page["direct"]) + [r for g in page["inherited"] for r in g["routines"]]
        listed += len(routines)
        if listed > MINE_ROUTINES_LIMIT:
            units = []
            break
        units.append({"unit": page["unit"], "routines": sorted(routines, key=lambda r: r["title"]),
                      "deadlines": page["deadlines"], "recurring": page["recurring"]})
    return {"units": units, "unit_link_only": bool(unit_pages) and not units, "roles": [{"role": r["role"], "tasks": r["tasks"], "recurring": r["recurring"]}
                                      for r in roles if r["tasks"] or r["recurring"]]}
