"""Planning the handbook: which pages there are, as plain data (:mod:`.site_pages` makes each).

In three steps a build can share out: :func:`planner_for` (what every page is made of, made
once), :func:`plan_routines` (the pages of some routines) and :func:`plan_aggregates` (the pages
made of many routines: units, roles, owners, indexes, lists, start). :func:`plan_site` is all
three at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from generator.content.history import History
from generator.content.project import Project
from generator.core.diagnostics import Diagnostic
from generator.core.model import Routine
from generator.handbook import index_pages
from generator.handbook.site_pages import Page, Planner, SitePlan


def planner_for(project: Project, diagnostics: list[Diagnostic], history: History, today: dt.date,
                deadline_report: dict[str, Any] | None = None, staffing: dict[str, Any] | None = None,
                files: set[str] | None = None, aggregates: bool = True,
                slugs: dict[str, str] | None = None) -> Planner:
    """The planner of a build: with ``files`` and without ``aggregates``, for those routines'
    pages alone. ``slugs``: :func:`~generator.handbook.page_names.page_slugs` of the routines,
    where the caller has them."""
    planner = Planner(project, diagnostics, history, today, files, aggregates, slugs)
    planner.site["has_staffing"] = staffing is not None
    planner.site["has_cases"] = deadline_report is not None
    return planner


def plan_routines(planner: Planner, routines: Iterable[Routine], plan: SitePlan) -> None:
    """Add the pages of ``routines`` to ``plan``, with the links of their bodies and the files
    those publish."""
    for routine in routines:
        page = planner.routine_page(routine)
        plan.pages.append(page)
        links = planner.link_map(routine)
        plan.link_maps[routine.file] = links
        files_of = {p.removeprefix("filer/") for p in links.values() if p.startswith("filer/")}
        files_of.update(r["href"].removeprefix("filer/") for r in page.context["related"]
                        if r["href"] and r["href"].startswith("filer/"))
        plan.linked_by_file[routine.file] = sorted(files_of)


def plan_aggregates(planner: Planner, plan: SitePlan, deadline_report: dict[str, Any] | None = None,
                    staffing: dict[str, Any] | None = None) -> None:
    """Add the pages made of many routines to ``plan`` (and the case report and the staffing
    calendar when they are given)."""
    project = planner.project
    report_units = {u["id"] for u in deadline_report["units"]} if deadline_report is not None else set()
    staffing_units = {u["id"] for u in staffing["units"]} if staffing is not None else set()
    direct_counts: dict[str, int] = {}
    unit_contexts = []
    for unit_id in (u for root in planner.org.roots() for u in planner.org.subtree(root)):
        assert planner.resolver is not None
        obligations = planner.resolver.for_unit(unit_id)
        direct_counts[unit_id] = sum(1 for a in obligations.routines if not a.inherited)
        page = planner.unit_page(unit_id, obligations)
        page.context["case_report"] = unit_id in report_units
        page.context["staffing_report"] = unit_id in staffing_units
        plan.pages.append(page)
        unit_contexts.append(page.context)
    roles = index_pages.role_pages(planner, project.routines)
    plan.pages.extend(Page(f"roller/{r['role']['id']}.html", "role.html", r) for r in roles)
    plan.pages.append(Page("roller.html", "roles.html", index_pages.roles_index(planner, roles)))
    plan.pages.append(Page("enheter.html", "units.html", index_pages.units_index(planner, direct_counts)))
    plan.pages.extend(Page(path, "all.html", context, rows="routine_row") for path, context in
                      index_pages.sorted_variants(index_pages.all_routines(planner, project.routines)))
    plan.pages.extend(planner.owner_pages())
    plan.pages.extend(planner.list_pages())
    plan.pages.append(planner.start_page(direct_counts, index_pages.mine(planner, unit_contexts, roles)))
    if deadline_report is not None:
        plan.pages.append(Page("arenden.html", "deadlines.html",
                               {"site": planner.site, "kind": "deadlines", "report": deadline_report}))
    if staffing is not None:
        plan.pages.append(Page("bemanning.html", "staffing.html",
                               {"site": planner.site, "kind": "staffing", "staffing": staffing}))


def in_scope(project: Project, files: set[str] | None) -> list[Routine]:
    """The routines whose pages a build plans (``files`` None: every routine)."""
    return [r for r in project.routines if files is None or r.file in files]


def plan_site(project: Project, diagnostics: list[Diagnostic], history: History, today: dt.date,
              deadline_report: dict[str, Any] | None = None, staffing: dict[str, Any] | None = None,
              files: set[str] | None = None, aggregates: bool = True,
              slugs: dict[str, str] | None = None) -> SitePlan:
    """Every page of the handbook, as plain data; with ``files``, only the pages of those routine
    files, and the pages made of many routines only when ``aggregates``."""
    planner = planner_for(project, diagnostics, history, today, deadline_report, staffing, files, aggregates, slugs)
    plan = SitePlan()
    plan_routines(planner, in_scope(project, files), plan)
    if aggregates:
        plan_aggregates(planner, plan, deadline_report, staffing)
    return plan
