"""``deadlines --format xlsx``: the deadline report as a workbook (issue 16): a summary per unit
and case type, the late and overdue cases (their due day, and last the instant the answer had
to come before, which a rule in timmar or dygn sets inside a day), the rows that could not be
checked and the cases no rule covers, with names beside ids and real dates and times (local, in
the configured zone), for the one writer in :mod:`generator.core.spreadsheet`."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from generator.content.project import Project
from generator.core.messages import Messages
from generator.core.spreadsheet import Cell, Sheet
from generator.deadlines.judge import STATUSES, Summary, share_met
from generator.deadlines.report import Names, late_cases


def deadline_sheets(summary: Summary, project: Project, t: Messages) -> list[Sheet]:
    """The sheets of the report, in the command's language."""
    names, zone = Names(project), ZoneInfo(project.config.timezone)

    def local(value: str | None) -> dt.datetime | None:
        return dt.datetime.fromisoformat(value).astimezone(zone).replace(tzinfo=None) if value else None

    def deadline(due_date: str, value: str | None) -> dt.datetime | None:
        """The instant the answer had to come before: a rule's in timmar or dygn, else 00:00 after the due date."""
        return local(value) or dt.datetime.combine(dt.date.fromisoformat(due_date) + dt.timedelta(days=1), dt.time(0))

    statuses = [t(f"xlsx.count_{s}") for s in STATUSES]
    groups: list[list[Cell]] = []
    for (unit, case_type), counts in sorted(summary.by_group.items()):
        share = share_met(counts)
        groups.append([names.unit(unit), unit, names.case_type(case_type), case_type, sum(counts.values()),
                       *(counts[s] for s in STATUSES), None if share is None else round(share, 4)])
    late = ([p.line, p.case_id, names.unit(p.unit), p.unit, names.case_type(p.case_type),
             t(f"xlsx.case_{p.status}"), dt.date.fromisoformat(p.due_date), local(p.responded_at),
             names.title(p.routine), p.routine, p.rule, deadline(p.due_date, p.deadline)]
            for group in late_cases(summary) for p in group)  # made as the sheet is written
    return [
        Sheet(t("xlsx.cases_summary"), [t("xlsx.unit"), t("xlsx.unit_id"), t("xlsx.case_type"),
                                        t("xlsx.case_type_id"), t("xlsx.cases_count"), *statuses,
                                        t("xlsx.share_met")], groups),
        Sheet(t("xlsx.cases_late"), [t("xlsx.line"), t("xlsx.case_id"), t("xlsx.unit"), t("xlsx.unit_id"),
                                     t("xlsx.case_type"), t("xlsx.status"), t("xlsx.due_date"),
                                     t("xlsx.responded"), t("xlsx.routine"), t("xlsx.routine_id"), t("xlsx.rule"),
                                     t("xlsx.respond_before")],
              late),
        Sheet(t("xlsx.cases_errors"), [t("xlsx.line"), t("xlsx.message")],
              [[e.line, t.text(e.message)] for e in summary.errors]),
        Sheet(t("xlsx.cases_unmatched"), [t("xlsx.line"), t("xlsx.case_id"), t("xlsx.unit"), t("xlsx.case_type"),
                                          t("xlsx.received")],
              [[u.case.line, u.case.case_id, names.unit(u.unit), names.case_type(u.case_type),
                u.case.received.astimezone(zone).replace(tzinfo=None)] for u in summary.unmatched]),
    ]
