"""The HTML report of ``routines deadlines``: tables and an SVG chart per unit, no JavaScript."""

from __future__ import annotations

import datetime as dt
from typing import Any, TextIO

from generator.content.project import Project
from generator.deadlines.judge import Summary, share_met
from generator.deadlines.report import counts_text
from generator.handbook.render import render_standalone

WIDTH, HEIGHT, PAD = 640, 220, 40


def chart(weeks: list[tuple[str, float | None]]) -> dict[str, Any]:
    """Geometry of a bar chart of the share met per week (None: nothing decided that week)."""
    plot_w, plot_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    step = plot_w / max(1, len(weeks))
    bars = []
    for i, (week, share) in enumerate(weeks):
        height = 0.0 if share is None else share * plot_h
        bars.append({"x": round(PAD + i * step + step * 0.1, 1), "width": round(step * 0.8, 1),
                     "y": round(PAD + plot_h - height, 1), "height": round(height, 1), "week": week,
                     "label": "-" if share is None else f"{100 * share:.0f} %",
                     "label_x": round(PAD + i * step + step / 2, 1), "show_label": len(weeks) <= 26 or i % 4 == 0})
    return {"width": WIDTH, "height": HEIGHT, "pad": PAD, "bottom": PAD + plot_h, "bars": bars,
            "grid": [{"y": round(PAD + plot_h * (1 - f), 1), "label": f"{int(f * 100)} %"} for f in (0, 0.5, 1)]}


def report_context(summary: Summary, project: Project, now: dt.datetime) -> dict[str, Any]:
    """Plain data of the report, per unit."""
    org, catalog = project.organisation, project.catalog
    units: dict[str, dict[str, Any]] = {}
    for (unit, case_type), counts in sorted(summary.by_group.items()):
        entry = units.setdefault(unit, {"id": unit, "name": org.units[unit].name if unit in org.units else unit,
                                        "rows": [], "weeks": []})
        entry["rows"].append({"case_type": catalog.case_types.name(case_type), "count": sum(counts.values()),
                              "share": share_met(counts), **{s: counts[s] for s in ("met", "late", "overdue", "open")}})
    for (unit, week), counts in sorted(summary.by_week.items()):
        units[unit]["weeks"].append((week, share_met(counts), sum(counts.values())))
    for entry in units.values():
        entry["chart"] = chart([(w, s) for w, s, _ in entry["weeks"]])
    problems = [{**r._asdict(), "case_type": catalog.case_types.name(r.case_type)} for r in summary.problems]
    return {"now": now.isoformat(), "cases": summary.cases, "counts": counts_text(summary, project.config.language),
            "units": list(units.values()), "problems": problems,
            "errors": [e.to_json() for e in summary.errors], "unmatched": [u.to_json() for u in summary.unmatched]}


def write_html(summary: Summary, out: TextIO, project: Project, now: dt.datetime) -> None:
    """A standalone page (CSS inline) with the report."""
    config = project.config
    out.write(render_standalone(project.root, config.language, config.title, "deadlines", "deadlines_body.html",
                                "deadlines_title", report=report_context(summary, project, now)))
