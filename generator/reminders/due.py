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
from generator.core.messages import Messages, messages
from generator.core.model import Routine
from generator.core.spreadsheet import Sheet

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

    def told(self, t: Messages) -> str:
        """:attr:`heading`, or "(ingen innehållsansvarig)" for :data:`NO_OWNER`, in ``t``'s language."""
        return t("reminders.no_owner") if self is NO_OWNER else self.heading


NO_OWNER = Owner(None, "(no owner)")
"""The owner of a routine that names none (its JSON name stays this English placeholder)."""


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


def when_text(e: Entry, t: Messages) -> str:
    """``går ut om 13 dagar``, ``går ut i dag (sista giltighetsdagen)``, ``gick ut för 3 dagar sedan``."""
    if e.days_left < 0:
        return t("reminders.expired_ago", days=t.n("day", -e.days_left))
    return t("reminders.expires_today") if e.days_left == 0 else t("reminders.expires_in", days=t.n("day", e.days_left))


# ---------------------------------------------------------------------------------------------
# routines expiring


def expiring_json(found: Sequence[Entry], today: dt.date, within: int) -> dict[str, object]:
    """SPEC 7's ``{"routines": [...]}``, with the day and window it was judged on."""
    return {"today": today.isoformat(), "within_days": within,
            "routines": [{**e.base_json(), "status": e.status} for e in found]}


def expiring_text(found: Sequence[Entry], today: dt.date, within: int, language: str = "sv") -> str:
    """Per owner, their expired and expiring routines."""
    t = messages(language)
    expired = sum(e.status == EXPIRED for e in found)
    lines = [t("expiring.heading", today=today.isoformat(), days=t.n("day", within), expired=expired,
               expiring=len(found) - expired)]
    if not found:
        lines.append(t("expiring.none"))
    for owner, group in by_owner(found):
        lines += ["", owner.told(t)]
        lines += [t("expiring.line", valid_to=e.valid_to.isoformat(), when=when_text(e, t),
                    title=e.title, id=e.id, file=e.file) for e in group]
    return "\n".join(lines) + "\n"


def expiring_ics(found: Iterable[Entry], today: dt.date, name: str, stages: Sequence[int],
                 language: str = "sv") -> str:
    """An iCalendar file: one all-day event on each routine's last valid day, with an alarm at
    each reminder stage. UIDs name the routine and validity period; DTSTAMP is ``today``, so the
    same input gives the same bytes."""
    t = messages(language)
    events = []
    for e in found:
        summary = t("ics.summary", title=e.title)
        description = t("ics.description", title=e.title, id=e.id, owner=e.owner.told(t),
                        valid_to=e.valid_to.isoformat(), file=e.file)
        event = ics.Component("VEVENT", [
            ("UID", f"{e.id}.{e.valid_to:%Y%m%d}.expiry@routines"), ("DTSTAMP", ics.stamp(today)),
            ("DTSTART;VALUE=DATE", e.valid_to), ("DTEND;VALUE=DATE", e.valid_to + _ONE_DAY),
            ("SUMMARY", summary), ("DESCRIPTION", description)])
        if e.url:
            event.properties.append(("URL;VALUE=URI", ics.Uri(e.url)))
        event.properties.append(("TRANSP", ics.Token("TRANSPARENT")))
        for stage in stages:
            event.children.append(ics.Component("VALARM", [
                ("ACTION", ics.Token("DISPLAY")), ("TRIGGER;RELATED=START", ics.Token(f"-P{stage}D")),
                ("DESCRIPTION", t("ics.alarm", title=e.title, days=t.n("day", stage)))]))
        events.append(event)
    return ics.calendar("-//routines//Rutinhandboken expiring routines//" + t.language.upper(), name, events)


def expiring_calendar_name(site_title: str, language: str) -> str:
    """The calendar's name: ``Rutinhandboken: rutiner som går ut``."""
    return messages(language)("ics.name", site=site_title)


# ---------------------------------------------------------------------------------------------
# routines remind


def reminders_json(found: Sequence[Entry], today: dt.date) -> dict[str, object]:
    """``{"reminders": [{..., "stage"}]}``, one per routine at or past a stage."""
    return {"today": today.isoformat(),
            "reminders": [{**e.base_json(), "stage": e.stage, "url": e.url} for e in found]}


def reminders_text(found: Sequence[Entry], today: dt.date, language: str = "sv") -> str:
    """Per owner, the reminders due."""
    t = messages(language)
    owners = by_owner(found)
    lines = [t("remind.heading", today=today.isoformat(), routines=t.n("routine", len(found)),
               owners=t.n("content_owner", len(owners)))]
    if not found:
        lines.append(t("remind.none"))
    for owner, group in owners:
        lines += ["", owner.told(t)]
        lines += [t("remind.line", stage=t("digest.expired") if e.stage == EXPIRED else str(e.stage),
                    valid_to=e.valid_to.isoformat(), when=when_text(e, t), title=e.title, id=e.id, file=e.file)
                  for e in group]
    return "\n".join(lines) + "\n"


def stage_words(stage: Stage | None, language: str) -> str:
    """``14 dagar före``, ``utgången``."""
    t = messages(language)
    if stage is None:
        return "-"
    return t("digest.expired") if isinstance(stage, str) else t("digest.before", days=t.n("day", stage))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def digest_markdown(owner: Owner, group: Sequence[Entry], language: str = "sv", level: int = 2) -> str:
    """One owner's digest: their routines, stage, valid_to, days left, file, and what to do."""
    t = messages(language)
    lines = [f"{'#' * level} {_cell(owner.told(t))}", "", t("digest.columns"), "| --- | --- | --- | ---: | --- |"]
    for e in group:
        title = f"[{_cell(e.title)}]({e.url})" if e.url else _cell(e.title)
        lines.append(f"| {title} (`{e.id}`) | {stage_words(e.stage, language)} | {e.valid_to.isoformat()} "
                     f"| {e.days_left} | `{_cell(e.file)}` |")
    lines += ["", t("digest.todo")]
    expired = sum(e.stage == EXPIRED for e in group)
    if expired:
        lines += ["", t.n("digest.todo_expired", expired)]
    return "\n".join(lines) + "\n"


def digests_markdown(found: Sequence[Entry], today: dt.date, language: str = "sv") -> str:
    """Every owner's digest, one Markdown section each, under one heading."""
    t = messages(language)
    owners = by_owner(found)
    intro = t("digest.intro", today=today.isoformat(), routines=t.n("routine", len(found)),
              owners=t.n("content_owner", len(owners)))
    parts = [f"# {t('digest.heading')}\n\n{intro}\n"]
    if not found:
        parts.append(t("digest.none") + "\n")
    parts += [digest_markdown(owner, group, language) for owner, group in owners]
    return "\n".join(parts)


def expiring_sheet(found: Sequence[Entry], t: Messages) -> Sheet:
    """``expiring --format xlsx``: one row per routine, soonest first, with real dates."""
    return Sheet(t("xlsx.expiring_routines"),
                 [t("xlsx.owner"), "ID", t("xlsx.title"), t("xlsx.routine_id"), t("xlsx.valid_to"), t("xlsx.days_left"),
                  t("xlsx.status"), t("xlsx.file"), t("xlsx.address")],
                 [[e.owner.name if e.owner is not NO_OWNER else e.owner.told(t), e.owner.id or "", e.title, e.id,
                   e.valid_to, e.days_left, t(f"xlsx.status_{e.status}"), e.file, e.url or ""]
                  for e in sorted(found, key=lambda e: (e.valid_to, e.title))])
