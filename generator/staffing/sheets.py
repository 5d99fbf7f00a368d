"""``roles`` and ``tasks`` as Excel workbooks (``--format xlsx``): the sheets, one row per
finding or occurrence, with names beside ids and real dates, for the one writer in
:mod:`generator.core.spreadsheet`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from generator.content.project import Project
from generator.core.messages import Messages
from generator.core.spreadsheet import Sheet
from generator.staffing.roles import FAILING, Finding
from generator.staffing.roster import Roster
from generator.staffing.task_log import TaskLog
from generator.staffing.tasks import Occurrence


def roles_sheets(findings: Sequence[Finding], errors: Sequence[dict[str, Any]], project: Project,
                 roster: Roster, t: Messages) -> list[Sheet]:
    """Sammanfattning (per unit and kind), Avvikelser (one row per finding), Fel i bemanningslistan."""
    org, catalog = project.organisation, project.catalog
    titles = {r.label: r.title for r in project.routines}

    def unit_name(unit: str) -> str:
        return org.units[unit].name if unit in org.units else unit

    kinds = (*FAILING, "covered_by_verksamhet")
    per_unit: dict[str, Counter[str]] = {}
    for f in findings:
        per_unit.setdefault(f.unit, Counter())[f.kind] += len(f.dates)
    summary = Sheet(t("xlsx.roles_summary"), [t("xlsx.unit"), t("xlsx.unit_id"),
                                              *(t(f"site.staffing_{k}").capitalize() for k in kinds)],
                    [[unit_name(u), u, *(c[k] for k in kinds)] for u, c in sorted(per_unit.items())])
    rows = [[unit_name(f.unit), f.unit, catalog.roles.name(f.role), t(f"site.staffing_{f.kind}"),
             roster.names.get(f.person, "") if f.person else "", f.person or "", len(f.dates),
             min(f.dates) if f.dates else None, max(f.dates) if f.dates else None,
             titles.get(f.routine, f.routine), f.routine, f.rule] for f in findings]
    detail = Sheet(t("xlsx.roles_findings"), [t("xlsx.unit"), t("xlsx.unit_id"), t("xlsx.role"), t("xlsx.kind"),
                                              t("xlsx.person"), "ID", t("xlsx.vardagar"), t("xlsx.first_day"),
                                              t("xlsx.last_day"), t("xlsx.routine"), t("xlsx.routine_id"),
                                              t("xlsx.rule")], rows)
    problems = Sheet(t("xlsx.roles_errors"), [t("xlsx.file"), t("xlsx.line"), t("xlsx.code"), t("xlsx.message")],
                     [[e["file"], e["line"], e["code"], e["message"]] for e in errors])
    return [summary, detail, problems]


def task_sheets(found: Sequence[Occurrence], log: TaskLog | None, t: Messages) -> list[Sheet]:
    """Tillfällen (one row per occurrence) and, with a log, Fel i uppgiftsloggen."""
    every = {"day": "rules.day_every", "week": "rules.week_every", "month": "rules.month_every",
             "year": "rules.year_every"}
    rows = [[o.unit_name, o.unit, o.role_name, o.task, t(every[o.every]) if o.every in every else o.every,
             o.period.label, o.period.first, o.period.last, o.due, t(f"tasks.status_{o.status}")
             if o.status != "unknown" else t("xlsx.status_unknown"), o.done_on, o.title, o.routine, o.rule]
            for o in found]
    sheets = [Sheet(t("xlsx.tasks_occurrences"),
                    [t("xlsx.unit"), t("xlsx.unit_id"), t("xlsx.role"), t("xlsx.task"), t("xlsx.every"),
                     t("xlsx.period"), t("xlsx.from"), t("xlsx.to"), t("xlsx.due"), t("xlsx.status"),
                     t("xlsx.done_on"), t("xlsx.routine"), t("xlsx.routine_id"), t("xlsx.rule")], rows)]
    if log is not None:
        sheets.append(Sheet(t("xlsx.tasks_errors"), [t("xlsx.line"), t("xlsx.message")],
                            [[e.line, t.text(e.message)] for e in log.errors]))
    return sheets
