"""What ``routines roles`` prints: the findings of a roster check as text or JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from generator.content.project import Project
from generator.core.messages import Messages
from generator.staffing.roles import Finding
from generator.staffing.roster import Roster


def ranges(days: list[dt.date], vardagar: list[dt.date]) -> list[tuple[dt.date, dt.date, int]]:
    """Runs of consecutive vardagar: (first, last, count)."""
    index = {d: i for i, d in enumerate(vardagar)}
    runs: list[tuple[dt.date, dt.date, int]] = []
    for day in days:
        if runs and index.get(day, -2) == index.get(runs[-1][1], -9) + 1:
            runs[-1] = (runs[-1][0], day, runs[-1][2] + 1)
        else:
            runs.append((day, day, 1))
    return runs


def roles_json(findings: Sequence[Finding], errors: Sequence[dict[str, Any]]) -> str:
    """SPEC 7: ``{"findings": [...], "errors": [...]}``."""
    return json.dumps({"findings": [f.to_json() for f in findings], "errors": list(errors)},
                      ensure_ascii=False, indent=2) + "\n"


def roles_text(findings: Sequence[Finding], errors: Sequence[dict[str, Any]], project: Project, roster: Roster,
               vardagar: list[dt.date], start: dt.date, end: dt.date, t: Messages) -> str:
    """One line per finding (its vardagar as runs; units, roles, people and routines by name, ids
    in parentheses), then the roster entries that could not be used."""
    org, catalog = project.organisation, project.catalog
    titles = {r.label: r.title for r in project.routines}
    lines = [t("roles.heading", start=start.isoformat(), end=end.isoformat(), findings=t.n("finding", len(findings)))]
    for f in findings:
        spans = ", ".join(a.isoformat() if a == b else f"{a.isoformat()}..{b.isoformat()}"
                          for a, b, _ in ranges(f.dates, vardagar))
        unit = f"{org.units[f.unit].name} ({f.unit})" if f.unit in org.units else f.unit
        lines.append(t("roles.finding", unit=unit, role=catalog.roles.name(f.role),
                       who=f" {roster.person(f.person)}" if f.person else "", what=t(f"roles.kind_{f.kind}"),
                       days=t.n("vardag", len(f.dates)), spans=spans, title=titles.get(f.routine, f.routine),
                       routine=f.routine, rule=f.rule))
    if errors:
        lines += ["", t("roles.problems_heading"), *(f"  {e['file']}:{e['line']}: {e['message']}" for e in errors)]
    return "\n".join(lines) + "\n"
