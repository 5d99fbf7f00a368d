"""What ``routines tasks`` prints: JSON, text, and an iCalendar file of the occurrences."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from generator.core import ics
from generator.core.messages import messages
from generator.staffing.task_log import TaskLog
from generator.staffing.tasks import ONE_DAY, STATUSES, Occurrence

EVERY_WORD = {"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def to_json(found: Sequence[Occurrence], log: TaskLog | None, start: dt.date, end: dt.date,
            today: dt.date) -> dict[str, object]:
    """The JSON report: ``{"occurrences": [...], "errors": [{"line", "message"}], ...}``."""
    counts = Counter(o.status for o in found)
    return {"from": start.isoformat(), "to": end.isoformat(), "today": today.isoformat(),
            "occurrences": [o.to_json() for o in found],
            "errors": [e.to_json() for e in (log.errors if log else [])],
            "summary": {status: counts[status] for status in STATUSES}}


def _day(day: dt.date) -> str:
    return f"{_WEEKDAYS[day.weekday()]} {day.isoformat()}"


def write_text(found: Sequence[Occurrence], log: TaskLog | None, start: dt.date, end: dt.date,
               today: dt.date) -> str:
    """The text report: per unit and role, each task and its occurrences."""
    heading = (f"Recurring tasks {start.isoformat()} to {end.isoformat()} (today {today.isoformat()}): "
               f"{messages('en').n('occurrence', len(found))}")
    lines = [heading]
    if not found:
        lines.append("  no recurring task of a routine in force falls in this period")
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
            lines.append(f"    {o.task}: {EVERY_WORD.get(o.every, o.every)}, under {o.title} "
                         f"({o.routine}#{o.rule})")
            task = (o.routine, o.rule)
        span = o.period.label if o.period.first == o.period.last else (
            f"{o.period.label:<9} {o.period.first.isoformat()} to {o.period.last.isoformat()}")
        status = "" if o.status == "unknown" else f"  {o.status}"
        if o.done_on is not None:
            status += f" {o.done_on.isoformat()}"
        lines.append(f"      {span}  due {_day(o.due)}{status}")
    if log is not None:
        counts = Counter(o.status for o in found)
        tally = (f"Task log: {messages('en').n('row', log.rows)}; done {counts['done']}, "
                 f"missed {counts['missed']}, pending {counts['pending']}")
        lines += ["", tally]
        if log.errors:
            lines += ["", f"Rows that could not be used ({len(log.errors)}):"]
            lines += [f"  line {e.line}: {e.message}" for e in log.errors]
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
