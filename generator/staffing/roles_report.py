"""What ``routines roles`` prints: the findings of a roster check as text or JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from generator.content.project import Project
from generator.core.messages import messages
from generator.staffing.roles import Finding

_WORDS = {"unstaffed": "unstaffed", "uncovered_absence": "absence not covered",
          "covered_by_verksamhet": "covered from the verksamhet"}


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


def roles_text(findings: Sequence[Finding], errors: Sequence[dict[str, Any]], project: Project,
               vardagar: list[dt.date], start: dt.date, end: dt.date) -> str:
    """One line per finding (its vardagar as runs), then the roster entries that could not be used."""
    org, catalog = project.organisation, project.catalog
    lines = [f"Roles {start} to {end}: {len(findings)} findings"]
    for f in findings:
        who = f" {f.person}" if f.person else ""
        spans = ", ".join(a.isoformat() if a == b else f"{a.isoformat()}..{b.isoformat()}"
                          for a, b, _ in ranges(f.dates, vardagar))
        name = org.units[f.unit].name if f.unit in org.units else f.unit
        lines.append(f"  {name} ({f.unit}): {catalog.roles.name(f.role)}{who}: {_WORDS[f.kind]} on "
                     f"{messages('sv').n('vardag', len(f.dates))} ({spans}) "
                     f"[{f.routine}#{f.rule}]")
    if errors:
        lines += ["", "Roster problems:", *(f"  {e['file']}:{e['line']}: {e['message']}" for e in errors)]
    return "\n".join(lines) + "\n"
