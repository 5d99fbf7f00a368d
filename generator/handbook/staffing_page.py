"""The staffing calendar of ``routines roles``: per unit, week rows and weekday columns, each
vardag listing the roles that are unstaffed or whose absence is not covered. No JavaScript."""

from __future__ import annotations

import datetime as dt
from typing import Any, TextIO

from generator.content.project import Project
from generator.core.calendar import SwedishCalendar
from generator.handbook.render import render_standalone
from generator.staffing.roles import Finding
from generator.staffing.roster import Roster


def staffing_context(findings: list[Finding], project: Project, calendar: SwedishCalendar,
                     start: dt.date, end: dt.date, roster: Roster | None = None) -> dict[str, Any]:
    """Plain data of the calendar: only units with findings, weeks from ``start`` to ``end``;
    people by their name in ``roster`` (id in parentheses), routines by title."""
    titles = {r.label: r.title for r in project.routines}
    person = roster.person if roster is not None else str
    org, catalog = project.organisation, project.catalog
    by_unit: dict[str, dict[dt.date, list[dict[str, str]]]] = {}
    for f in findings:
        per_day = by_unit.setdefault(f.unit, {})
        for day in f.dates:
            per_day.setdefault(day, []).append({"role": catalog.roles.name(f.role), "kind": f.kind,
                                             "person": person(f.person) if f.person else "",
                                             "rule": f"{f.routine}#{f.rule}",
                                             "title": titles.get(f.routine, f.routine)})
    monday = start - dt.timedelta(days=start.weekday())
    weeks = []
    while monday <= end:
        year, number, _ = monday.isocalendar()
        weeks.append((f"{year}-W{number:02d}", [monday + dt.timedelta(days=i) for i in range(5)]))
        monday += dt.timedelta(days=7)
    units = []
    for unit in (u for root in org.roots() for u in org.subtree(root) if u in by_unit):
        rows = []
        for label, days in weeks:
            cells = []
            for day in days:
                closed = not (start <= day <= end) or not calendar.is_vardag(day)
                cells.append({"date": day.isoformat(), "closed": closed, "reason": calendar.closed_reason(day) or "",
                              "problems": sorted(by_unit[unit].get(day, []), key=lambda p: (p["role"], p["kind"]))})
            rows.append({"week": label, "cells": cells})
        units.append({"id": unit, "name": org.units[unit].name, "weeks": rows})
    return {"start": start.isoformat(), "end": end.isoformat(), "units": units}


def write_html(context: dict[str, Any], out: TextIO, project: Project) -> None:
    """A standalone page (CSS inline) with the staffing calendar."""
    config = project.config
    out.write(render_standalone(project.root, config.language, config.title, "staffing", "staffing_body.html",
                                "staffing_title", staffing=context))
