"""The HTML report of ``routines deadlines``: tables and an SVG chart per unit, no JavaScript."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator, Sized
from itertools import islice
from typing import Any, TextIO

from generator.content.project import Project
from generator.core.messages import messages
from generator.deadlines.judge import Summary, share_met
from generator.deadlines.problems import Problem
from generator.deadlines.report import Names, counts_text, due_text, late_cases
from generator.handbook.render import write_standalone

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


def _every_week(weeks: list[tuple[str, float | None, int]]) -> list[tuple[str, float | None, int]]:
    """The weeks from the first to the last, a week without cases as (week, None, 0): the chart and
    the table show "inga bedömda ärenden" for it rather than skipping it."""
    if not weeks:
        return weeks
    known = {w: (s, n) for w, s, n in weeks}

    def monday(label: str) -> dt.date:
        year, week = label.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)

    day, last = monday(weeks[0][0]), monday(weeks[-1][0])
    filled: list[tuple[str, float | None, int]] = []
    while day <= last and len(filled) < 520:  # ten years of weeks at most
        year, number, _ = day.isocalendar()
        label = f"{year}-W{number:02d}"
        share, count = known.get(label, (None, 0))
        filled.append((label, share, count))
        day += dt.timedelta(days=7)
    return filled


PAGE_CASES = 1000
"""Late and overdue cases listed on the handbook's page (the report of the command lists all)."""


def report_context(summary: Summary, project: Project, now: dt.datetime, *, lazy: bool = False,
                   limit: int | None = None) -> dict[str, Any]:
    """Plain data of the report, per unit, in the site's language: each case counted once per
    unit and case type (with its worst result) and once per routine that judged it; the late
    and overdue cases one row each, every routine it is late or overdue under in that row (with
    ``lazy``, rows made as the page is written: :class:`_Rows`; with ``limit``, the first that
    many, and a note of how many there are and how to get them all)."""
    t = messages(project.config.language)
    names = Names(project)
    units: dict[str, dict[str, Any]] = {}
    routines: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for (unit, case_type, routine), counts in sorted(summary.by_routine.items()):
        routines.setdefault((unit, case_type), []).append(
            {"id": routine, "title": names.title(routine), **_row(counts),
             "label": t("deadlines.page_under", title=names.title(routine), routine=routine)})
    for (unit, case_type), counts in sorted(summary.by_group.items()):
        entry = units.setdefault(unit, {"id": unit, "name": names.unit(unit), "rows": [], "weeks": []})
        entry["rows"].append({"case_type": names.case_type(case_type), **_row(counts),
                              "routines": routines.get((unit, case_type), [])})
    for (unit, week), counts in sorted(summary.by_week.items()):
        units[unit]["weeks"].append((week, share_met(counts), sum(counts.values())))
    for entry in units.values():
        entry["weeks"] = _every_week(entry["weeks"])
        entry["chart"] = chart([(w, s) for w, s, _ in entry["weeks"]])
    def problem(group: list[Problem]) -> dict[str, Any]:
        first = group[0]
        return {"line": first.line, "case_id": first.case_id, "unit": names.unit(first.unit),
                "case_type": names.case_type(first.case_type), "responded_at": first.responded_at,
                "under": [{"status": r.status, "due_date": due_text(r, t), "title": names.title(r.routine),
                           "rule": f"{r.routine}#{r.rule}", "first": i == 0} for i, r in enumerate(group)]}

    problems: Any = _Rows(summary, problem) if lazy else [problem(group) for group in islice(late_cases(summary), limit)]
    # each case listed is counted once, late or overdue, under its unit and case type
    late = sum(counts["late"] + counts["overdue"] for counts in summary.by_group.values())
    unmatched = [{"line": u.case.line, "case_id": u.case.case_id, "unit": names.unit(u.unit),
                  "case_type": names.case_type(u.case_type)} for u in islice(summary.unmatched, limit)]
    errors = [e.to_json(t) for e in islice(summary.errors, limit)]

    def more(name: str, listed: Sized, total: int) -> dict[str, str] | None:
        """What the page says of a list it shows only the start of (``listed``: what it shows)."""
        if limit is None or total <= len(listed):
            return None
        return {"text": t(name, shown=_number(len(listed), t.language), total=_number(total, t.language)),
                "command": t("deadlines.page_command")}

    return {"now": now.isoformat(timespec="seconds"), "cases": summary.cases, "counts": counts_text(summary, t),
            "meaning": t("deadlines.meaning"), "units": list(units.values()), "problems": problems,
            "problems_more": more("deadlines.page_more_late", problems, late),
            "unmatched_more": more("deadlines.page_more_unmatched", unmatched, len(summary.unmatched)),
            "errors_more": more("deadlines.page_more_errors", errors, len(summary.errors)),
            "errors": errors, "unmatched": unmatched}


def _number(n: int, language: str) -> str:
    """A count in groups of three: 1 000 in Swedish (a no-break space between), 1,000 in English."""
    return f"{n:,}".replace(",", "\u00a0") if language == "sv" else f"{n:,}"


class _Rows:
    """The late and overdue cases as rows, made one by one each time they are gone through (a
    million of them are never all in memory); true when there is any."""

    def __init__(self, summary: Summary, make: Callable[[list[Problem]], dict[str, Any]]) -> None:
        self.summary, self.make = summary, make

    def __bool__(self) -> bool:
        return bool(self.summary.problems)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return map(self.make, late_cases(self.summary))


def _row(counts: Counter[str]) -> dict[str, Any]:
    return {"count": sum(counts.values()), "share": share_met(counts),
            **{s: counts[s] for s in ("met", "late", "overdue", "open")}}


def write_html(summary: Summary, out: TextIO, project: Project, now: dt.datetime) -> None:
    """A standalone page (CSS inline) with the report."""
    config = project.config
    write_standalone(out, project.root, config.language, config.title, "deadlines", "deadlines_body.html",
                     "deadlines_title", report=report_context(summary, project, now, lazy=True))
