"""What ``routines tasks`` prints: JSON, text, and an iCalendar file of the occurrences."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from generator.core import ics
from generator.core.messages import MESSAGES, Messages, messages
from generator.staffing.task_log import TaskLog
from generator.staffing.tasks import ONE_DAY, STATUSES, Occurrence


def to_json(found: Sequence[Occurrence], log: TaskLog | None, start: dt.date, end: dt.date,
            today: dt.date, t: Messages) -> dict[str, object]:
    """The JSON report: ``{"occurrences": [...], "errors": [{"line", "message"}], ...}``."""
    counts = Counter(o.status for o in found)
    return {"from": start.isoformat(), "to": end.isoformat(), "today": today.isoformat(),
            "occurrences": [o.to_json() for o in found],
            "errors": [e.to_json(t) for e in (log.errors if log else [])],
            "summary": {status: counts[status] for status in STATUSES}}


def _every(every: str, t: Messages) -> str:
    name = f"tasks.every_{every}"
    return t(name) if name in MESSAGES else every


def write_text(found: Sequence[Occurrence], log: TaskLog | None, start: dt.date, end: dt.date,
               today: dt.date, t: Messages) -> str:
    """The text report: per unit and role (by name, id in parentheses), each task and its occurrences."""
    weekdays = t("tasks.weekdays").split(",")
    lines = [t("tasks.heading", start=start.isoformat(), end=end.isoformat(), today=today.isoformat(),
               occurrences=t.n("occurrence", len(found)))]
    if not found:
        lines.append(t("tasks.none"))
    current: tuple[str, str] | None = None
    task: tuple[str, str] | None = None
    for o in found:
        if current is None or current[0] != o.unit:
            lines += ["", f"{o.unit_name} ({o.unit})"]
            current, task = None, None
        if current != (o.unit, o.role):
            lines.append(f"  {o.role_name} ({o.role})")
            current, task = (o.unit, o.role), None
        if task != (o.routine, o.rule):
            lines.append(t("tasks.task", task=o.task, every=_every(o.every, t), title=o.title, routine=o.routine,
                           rule=o.rule))
            task = (o.routine, o.rule)
        span = o.period.label if o.period.first == o.period.last else t(
            "tasks.span", label=f"{o.period.label:<9}", first=o.period.first.isoformat(), last=o.period.last.isoformat())
        status = "" if o.status == "unknown" else "  " + t(f"tasks.status_{o.status}")
        if o.done_on is not None:
            status += f" {o.done_on.isoformat()}"
        lines.append(t("tasks.occurrence", span=span, day=f"{weekdays[o.due.weekday()]} {o.due.isoformat()}",
                       status=status))
    if log is not None:
        counts = Counter(o.status for o in found)
        lines += ["", t("tasks.tally", rows=t.n("row", log.rows), done=counts["done"], missed=counts["missed"],
                        pending=counts["pending"])]
        if log.errors:
            lines += ["", t("tasks.errors_heading", n=len(log.errors))]
            lines += [t("row.line", line=e.line, message=e.message) for e in log.errors]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# iCalendar (RFC 5545)


def to_ics(found: Iterable[Occurrence], today: dt.date, name: str, language: str = "sv") -> str:
    """An iCalendar file: one all-day event per occurrence, on its due date. DTSTAMP is
    ``today`` at midnight UTC, so the same input gives the same bytes."""
    t = messages(language)
    events = []
    for o in found:
        description = t("ics.task", unit_name=o.unit_name, unit=o.unit, role=o.role_name, period=o.period.label,
                        first=o.period.first.isoformat(), last=o.period.last.isoformat(), due=o.due.isoformat(),
                        title=o.title, routine=o.routine, rule=o.rule)
        events.append(ics.Component("VEVENT", [
            ("UID", o.uid), ("DTSTAMP", ics.stamp(today)), ("DTSTART;VALUE=DATE", o.due),
            ("DTEND;VALUE=DATE", o.due + ONE_DAY), ("SUMMARY", f"{o.role_name}: {o.task}"),
            ("DESCRIPTION", description), ("LOCATION", o.unit_name), ("CATEGORIES", o.role_name),
            ("TRANSP", ics.Token("TRANSPARENT"))]))
    return ics.calendar("-//routines//Rutinhandboken recurring tasks//" + t.language.upper(), name, events)
