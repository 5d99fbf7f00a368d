"""Expiry and revision reminders (``routines expiring``, ``routines remind``; SPEC 7 and 8).

A published routine is *expiring* when it has at most ``within`` days left (``valid_to`` is
its last valid day: 0 days left on that day) and *expired* from the day after. Reminders come
in stages, days before ``valid_to`` (90, 14, 7 and 1 by default) and ``expired``. The stage of
a routine on a day is the latest one it has reached: the smallest stage ``s`` with
``days_left <= s``, or ``expired`` when ``days_left < 0``. A reminder is due whenever a routine
is at or past a stage, not only on the stage's own day, so a skipped run loses nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.core import ics
from generator.core.model import Routine
from generator.core.wording import plural

EXPIRED = "expired"
Stage = int | str
"""A number of days before ``valid_to``, or ``"expired"``."""
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Owner:
    """Whom a reminder goes to: the routine's ``owner``."""

    id: str | None
    name: str

    def to_json(self) -> dict[str, str | None]:
        return {"id": self.id, "name": self.name}

    @property
    def heading(self) -> str:
        return f"{self.name} ({self.id})" if self.id else self.name


NO_OWNER = Owner(None, "(no owner)")


@dataclass(frozen=True)
class Entry:
    """A published routine and where it stands on a day."""

    id: str
    title: str
    file: str
    owner: Owner
    valid_to: dt.date
    days_left: int
    stage: Stage | None
    """The reminder stage reached, or None before the first one."""
    url: str | None = None
    """The routine's page in the published handbook (when ``base_url`` is set)."""

    @property
    def status(self) -> str:
        """``expired`` or ``expiring``."""
        return EXPIRED if self.days_left < 0 else "expiring"

    def base_json(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "file": self.file, "owner": self.owner.to_json(),
                "valid_to": self.valid_to.isoformat(), "days_left": self.days_left}


def stage_for(days_left: int, stages: Sequence[int]) -> Stage | None:
    """The stage reached with ``days_left`` days left, or None before the first one."""
    if days_left < 0:
        return EXPIRED
    reached = [s for s in stages if days_left <= s]
    return min(reached) if reached else None


def page_url(base_url: str, routine_id: str) -> str | None:
    """The address of a routine's handbook page, as ``routines build`` names it."""
    return f"{base_url.rstrip('/')}/rutiner/{routine_id}.html" if base_url else None


def entries(routines: Iterable[Routine], today: dt.date, stages: Sequence[int],
            base_url: str = "") -> list[Entry]:
    """Every published routine with a ``valid_to``, sorted by owner, then ``valid_to``."""
    found = []
    for r in routines:
        if not r.published or r.valid_to is None:
            continue
        owner = Owner(r.owner.id, r.owner.name) if r.owner is not None else NO_OWNER
        days = (r.valid_to - today).days
        found.append(Entry(r.label, r.title, r.file, owner, r.valid_to, days, stage_for(days, stages),
                           page_url(base_url, r.id) if r.id else None))
    found.sort(key=lambda e: (e.owner is NO_OWNER, e.owner.name.casefold(), e.owner.id or "",
                              e.valid_to, e.id, e.file))
    return found


def expiring(all_entries: Iterable[Entry], within: int) -> list[Entry]:
    """Those expired or with at most ``within`` days left."""
    return [e for e in all_entries if e.days_left <= within]


def due(all_entries: Iterable[Entry]) -> list[Entry]:
    """Those at or past their first reminder stage."""
    return [e for e in all_entries if e.stage is not None]


def by_owner(found: Iterable[Entry]) -> list[tuple[Owner, list[Entry]]]:
    """Entries grouped by owner, in the order given (sorted entries give sorted groups)."""
    groups: list[tuple[Owner, list[Entry]]] = []
    for e in found:
        if not groups or groups[-1][0] != e.owner:
            groups.append((e.owner, []))
        groups[-1][1].append(e)
    return groups


def to_email(found: Iterable[Entry], changed: set[tuple[str, dt.date]] | None) -> list[tuple[Owner, list[Entry]]]:
    """The owners to e-mail and their digests. With ``changed`` (the reminders that GitHub issues
    show as new or moved on to a new stage in this run, as (id, valid_to)), only owners with one
    of those, so a daily run mails each stage once; without it, every owner with reminders."""
    groups = by_owner(found)
    if changed is None:
        return groups
    return [(owner, entries) for owner, entries in groups if any((e.id, e.valid_to) in changed for e in entries)]


def when_text(e: Entry) -> str:
    """``expires in 13 days``, ``expires today (its last valid day)``, ``expired 3 days ago``."""
    if e.days_left < 0:
        return f"expired {plural(-e.days_left, 'day', 'days')} ago"
    return "expires today (its last valid day)" if e.days_left == 0 else f"expires in {plural(e.days_left, 'day', 'days')}"


# ---------------------------------------------------------------------------------------------
# routines expiring


def expiring_json(found: Sequence[Entry], today: dt.date, within: int) -> dict[str, object]:
    """SPEC 7's ``{"routines": [...]}``, with the day and window it was judged on."""
    return {"today": today.isoformat(), "within_days": within,
            "routines": [{**e.base_json(), "status": e.status} for e in found]}


def expiring_text(found: Sequence[Entry], today: dt.date, within: int) -> str:
    """Per owner, their expired and expiring routines."""
    expired = sum(e.status == EXPIRED for e in found)
    lines = [(f"Expired and expiring routines on {today.isoformat()} (within {plural(within, 'day', 'days')}): "
             f"{expired} expired, {len(found) - expired} expiring")]
    if not found:
        lines.append("  none: every published routine is valid for longer")
    for owner, group in by_owner(found):
        lines += ["", owner.heading]
        lines += [f"  {e.status:<8}  {e.valid_to.isoformat()}  {when_text(e)}: {e.title} ({e.id})  {e.file}"
                  for e in group]
    return "\n".join(lines) + "\n"


def expiring_ics(found: Iterable[Entry], today: dt.date, name: str, stages: Sequence[int],
                 language: str = "sv") -> str:
    """An iCalendar file: one all-day event on each routine's last valid day, with an alarm at
    each reminder stage. UIDs name the routine and validity period; DTSTAMP is ``today``, so the
    same input gives the same bytes."""
    sv = language != "en"
    events = []
    for e in found:
        if sv:
            summary = f"Sista giltighetsdag: {e.title}"
            description = (f"Rutin: {e.title} ({e.id})\nInnehållsansvarig: {e.owner.heading}\n"
                           f"Giltig till: {e.valid_to.isoformat()}\nFil: {e.file}")
        else:
            summary = f"Last valid day: {e.title}"
            description = (f"Routine: {e.title} ({e.id})\nOwner: {e.owner.heading}\n"
                           f"Valid to: {e.valid_to.isoformat()}\nFile: {e.file}")
        event = ics.Component("VEVENT", [
            ("UID", f"{e.id}.{e.valid_to:%Y%m%d}.expiry@routines"), ("DTSTAMP", ics.stamp(today)),
            ("DTSTART;VALUE=DATE", e.valid_to), ("DTEND;VALUE=DATE", e.valid_to + _ONE_DAY),
            ("SUMMARY", summary), ("DESCRIPTION", description)])
        if e.url:
            event.properties.append(("URL;VALUE=URI", ics.Uri(e.url)))
        event.properties.append(("TRANSP", ics.Token("TRANSPARENT")))
        for stage in stages:
            text = (f"{e.title}: sista giltighetsdag om {stage} dag{'ar' * (stage != 1)}" if sv
                    else f"{e.title}: last valid day in {plural(stage, 'day', 'days')}")
            event.children.append(ics.Component("VALARM", [
                ("ACTION", ics.Token("DISPLAY")), ("TRIGGER;RELATED=START", ics.Token(f"-P{stage}D")),
                ("DESCRIPTION", text)]))
        events.append(event)
    return ics.calendar("-//routines//Rutinhandboken expiring routines//" + ("SV" if sv else "EN"), name, events)


# ---------------------------------------------------------------------------------------------
# routines remind


def reminders_json(found: Sequence[Entry], today: dt.date) -> dict[str, object]:
    """``{"reminders": [{..., "stage"}]}``, one per routine at or past a stage."""
    return {"today": today.isoformat(),
            "reminders": [{**e.base_json(), "stage": e.stage, "url": e.url} for e in found]}


def reminders_text(found: Sequence[Entry], today: dt.date) -> str:
    """Per owner, the reminders due."""
    owners = by_owner(found)
    lines = [(f"Reminders due on {today.isoformat()}: {len(found)} routine{'s' * (len(found) != 1)}, "
             f"{len(owners)} owner{'s' * (len(owners) != 1)}")]
    if not found:
        lines.append("  none: no published routine has reached a reminder stage")
    for owner, group in owners:
        lines += ["", owner.heading]
        lines += [f"  stage {e.stage!s:<7}  valid to {e.valid_to.isoformat()}, {when_text(e)}: "
                  f"{e.title} ({e.id})  {e.file}" for e in group]
    return "\n".join(lines) + "\n"


_SV = {"heading": "Rutiner att revidera", "intro": "Påminnelser den {today}: {n} rutin(er) för {owners} ägare.",
       "none": "Ingen publicerad rutin har nått ett påminnelsesteg.",
       "cols": "| Rutin | Steg | Giltig till | Dagar kvar | Fil |",
       "expired": "utgången", "before": "{n} dagar före",
       "todo": "**Att göra:** revidera rutinen, låt den godkännas och sätt en ny giltighetsperiod "
               "(`valid_from`, `valid_to`), eller upphäv den (`status: withdrawn`).",
       "todo_expired": "**{n} rutin(er) har gått ut** och gäller inte längre: revidera dem nu eller upphäv dem."}
_EN = {"heading": "Routines to revise", "intro": "Reminders on {today}: {n} routine(s) for {owners} owner(s).",
       "none": "No published routine has reached a reminder stage.",
       "cols": "| Routine | Stage | Valid to | Days left | File |",
       "expired": "expired", "before": "{n} days before",
       "todo": "**To do:** revise the routine, have it approved and set a new validity period "
               "(`valid_from`, `valid_to`), or withdraw it (`status: withdrawn`).",
       "todo_expired": "**{n} routine(s) have expired** and no longer apply: revise or withdraw them now."}


def words(language: str) -> dict[str, str]:
    """The phrases of the Markdown digest, in Swedish (default) or English."""
    return _EN if language == "en" else _SV


def stage_words(stage: Stage | None, language: str) -> str:
    """``14 dagar före``, ``utgången``."""
    w = words(language)
    return "-" if stage is None else w["expired"] if isinstance(stage, str) else w["before"].format(n=stage)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def digest_markdown(owner: Owner, group: Sequence[Entry], language: str = "sv", level: int = 2) -> str:
    """One owner's digest: their routines, stage, valid_to, days left, file, and what to do."""
    w = words(language)
    lines = [f"{'#' * level} {_cell(owner.heading)}", "", w["cols"], "| --- | --- | --- | ---: | --- |"]
    for e in group:
        title = f"[{_cell(e.title)}]({e.url})" if e.url else _cell(e.title)
        lines.append(f"| {title} (`{e.id}`) | {stage_words(e.stage, language)} | {e.valid_to.isoformat()} "
                     f"| {e.days_left} | `{_cell(e.file)}` |")
    lines += ["", w["todo"]]
    expired = sum(e.stage == EXPIRED for e in group)
    if expired:
        lines += ["", w["todo_expired"].format(n=expired)]
    return "\n".join(lines) + "\n"


def digests_markdown(found: Sequence[Entry], today: dt.date, language: str = "sv") -> str:
    """Every owner's digest, one Markdown section each, under one heading."""
    w = words(language)
    owners = by_owner(found)
    parts = [f"# {w['heading']}\n\n{w['intro'].format(today=today.isoformat(), n=len(found), owners=len(owners))}\n"]
    if not found:
        parts.append(w["none"] + "\n")
    parts += [digest_markdown(owner, group, language) for owner, group in owners]
    return "\n".join(parts)
