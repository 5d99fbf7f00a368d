"""Swedish working days (SPEC 5): vardagar, due dates, arbetsdagar, local days of instants.

A deadline in vardagar is 00:00 local time the day after the N-th vardag after the local day of
receipt; one in timmar or dygn is N hours (N times 24 hours) of elapsed time after receipt, worked
out in UTC, so that a DST night moves the local clock time of the deadline, never the time
allowed (:meth:`SwedishCalendar.deadline` for either).

A *vardag* is a Monday to Friday in Europe/Stockholm that is neither an allmän helgdag nor
midsommarafton, julafton or nyårsafton (lag 1930:173, 2 §), nor an extra closed day from
``routines.toml``. The holidays come from the ``holidays`` package with the PUBLIC and
DE_FACTO categories (the eves are DE_FACTO; its default, PUBLIC only, would count them as
vardagar). The package version is pinned and the tests hold a golden list of the days; its
answers are kept as a table (:mod:`generator.core.holiday_table`), which the tests check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from zoneinfo import ZoneInfo

STOCKHOLM = "Europe/Stockholm"
_TICK = dt.timedelta(microseconds=1)
"""The finest step of a datetime: the last instant before a deadline is the deadline less this."""
FIRST_DAY = dt.date(1953, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
"""The days whose holidays the pinned ``holidays`` package knows (its ``Sweden.start_year`` and
``end_year``, checked in the tests; written out so that checking a date argument does not
import the package): the dates a command line or a case export may ask about. Outside them
every weekday would count as a vardag, and near 9999-12-31 the date arithmetic overflows."""
SUPPORTED = f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}, the years the Swedish holiday calendar covers"


@lru_cache(maxsize=256)
def _holidays(year: int) -> dict[dt.date, str]:
    from generator.core.holiday_table import holidays_of  # the package's answers, kept as a table

    return holidays_of(year)


class SwedishCalendar:
    """Vardagar, with extra closed days, in one time zone."""

    def __init__(self, closed_days: Iterable[dt.date] = (), timezone: str = STOCKHOLM) -> None:
        self.closed_days = frozenset(closed_days)
        self.zone = ZoneInfo(timezone)
        self._after: dict[tuple[dt.date, int], dt.date] = {}
        self._due: dict[tuple[dt.date, int], tuple[dt.date, dt.datetime]] = {}
        self._fixed: dict[tuple[dt.date, int], tuple[dt.timezone, dt.timedelta, dt.timedelta] | tuple[()]] = {}

    def closed_reason(self, day: dt.date) -> str | None:
        """Why ``day`` is not a vardag (``lördag``, ``Julafton``, ...), or None when it is one."""
        if day.weekday() == 5:
            return "lördag"
        if day.weekday() == 6:
            return "söndag"
        name = _holidays(day.year).get(day)
        if name is not None:
            return name
        return "stängd dag (routines.toml)" if day in self.closed_days else None

    def is_vardag(self, day: dt.date) -> bool:
        """True for a Monday to Friday that is no holiday, eve or configured closed day."""
        return (day.weekday() < 5 and day not in _holidays(day.year) and day not in self.closed_days)

    def add_vardagar(self, day: dt.date, count: int) -> dt.date:
        """The ``count``-th vardag after ``day`` (``day`` itself is never counted)."""
        key = (day, count)
        found = self._after.get(key)
        if found is None:
            if count < 1:
                raise ValueError("count must be at least 1")
            found, left = day, count
            while left:
                found += dt.timedelta(days=1)
                if self.is_vardag(found):
                    left -= 1
            if len(self._after) < 200_000:
                self._after[key] = found
        return found

    def arbetsdagar(self, first: dt.date, last: dt.date) -> int:
        """The vardagar from ``first`` to ``last``, both included (0 when last < first)."""
        count, day = 0, first
        while day <= last:
            count += self.is_vardag(day)
            day += dt.timedelta(days=1)
        return count

    def vardagar_in(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """Every vardag from ``first`` to ``last``, both included."""
        days, day = [], first
        while day <= last:
            if self.is_vardag(day):
                days.append(day)
            day += dt.timedelta(days=1)
        return days

    def local(self, instant: dt.datetime) -> dt.datetime:
        """``instant`` in this calendar's zone; a naive datetime is taken to be local time already."""
        if instant.tzinfo is None:
            return instant.replace(tzinfo=self.zone)
        return instant.astimezone(self.zone)

    def midnight_after(self, day: dt.date) -> dt.datetime:
        """00:00 local time on the day after ``day`` (built in the zone, never by adding hours)."""
        return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=self.zone)

    def due(self, received: dt.datetime, within_vardagar: int) -> tuple[dt.date, dt.datetime]:
        """(due date, deadline): the N-th vardag after the local day of receipt, and the
        exclusive instant 00:00 local time the day after it."""
        return self.due_after(self.local(received).date(), within_vardagar)

    def due_after(self, day: dt.date, within_vardagar: int) -> tuple[dt.date, dt.datetime]:
        """:meth:`due` for a case received on the local ``day``."""
        key = (day, within_vardagar)
        found = self._due.get(key)
        if found is None:
            due_date = self.add_vardagar(day, within_vardagar)
            found = self._due[key] = (due_date, self.midnight_after(due_date))
        return found

    def after_hours(self, received: dt.datetime, hours: int,
                    day: dt.date | None = None) -> tuple[dt.date, dt.datetime]:
        """(due date, deadline) of a case received at ``received`` with ``hours`` of elapsed time
        to answer (a timmar or dygn rule): the deadline is ``received`` plus ``hours`` (in UTC,
        never on the local clock), exclusive; the due date is the local date of the last instant
        before it. The deadline carries the zone's offset at that instant as a fixed offset
        (``2026-10-25T09:00:00+01:00``): Python compares two datetimes of one ``tzinfo`` by their
        clocks, which in the hour the autumn night repeats is not the order of the instants.

        ``day``, the local day of receipt when the caller knows it (the deadline checks, per
        case of a million), makes it cheap: when the zone keeps one offset over every deadline
        of that day's cases (no DST change among them), the sum is done in that fixed offset."""
        if day is not None:
            fixed = self._fixed.get((day, hours))
            if fixed is None:
                fixed = self._fixed[(day, hours)] = self._one_offset(day, hours)
            if fixed:
                zone, offset, delta = fixed
                if type(received.tzinfo) is not dt.timezone or received.utcoffset() != offset:
                    received = received.astimezone(zone)
                end = received + delta  # in a fixed offset: elapsed time
                return (end - _TICK).date(), end
        start = received if received.tzinfo is not None else received.replace(tzinfo=self.zone)
        end = start.astimezone(dt.UTC) + dt.timedelta(hours=hours)
        at = end.astimezone(self.zone).utcoffset()
        assert at is not None
        return (end - _TICK).astimezone(self.zone).date(), end.astimezone(dt.timezone(at))

    def _one_offset(self, day: dt.date, hours: int) -> tuple[dt.timezone, dt.timedelta, dt.timedelta] | tuple[()]:
        """(the fixed zone, its offset, the hours) when the zone has one offset at every instant
        ``hours`` after any instant of the local ``day`` (an hour more on either side, and looked
        at every hour: the zone never changes its offset twice within one); ``()`` when not."""
        delta, hour = dt.timedelta(hours=hours), dt.timedelta(hours=1)
        first = dt.datetime.combine(day, dt.time(0), tzinfo=self.zone).astimezone(dt.UTC) + delta - hour
        last = self.midnight_after(day).astimezone(dt.UTC) + delta + hour
        offsets, at = set(), first
        while at < last:
            offsets.add(at.astimezone(self.zone).utcoffset())
            at += hour
        offsets.add(last.astimezone(self.zone).utcoffset())
        if len(offsets) != 1:
            return ()
        (offset,) = offsets
        assert offset is not None
        return dt.timezone(offset), offset, delta

    def deadline(self, received: dt.datetime, within: int, unit: str = "vardagar") -> tuple[dt.date, dt.datetime]:
        """(due date, deadline) of a case received at ``received`` under a rule of ``within``
        ``unit`` (``vardagar``, ``timmar`` or ``dygn``, SPEC 5); the deadline is exclusive."""
        if unit == "vardagar":
            return self.due(received, within)
        if unit == "timmar":
            return self.after_hours(received, within)
        if unit == "dygn":
            return self.after_hours(received, 24 * within)
        raise ValueError(f"unknown deadline unit {unit!r}")


def parse_instant(text: str, zone: ZoneInfo | None = None) -> dt.datetime:
    """An ISO 8601 timestamp: with an offset or ``Z`` it is that instant, without one it is
    local time in ``zone`` (Europe/Stockholm). Raises ValueError with a readable message."""
    try:
        parsed = dt.datetime.fromisoformat(text)  # Python 3.11 reads "Z" and most of ISO 8601
    except ValueError:
        value = text.strip()
        if not value:
            raise ValueError("empty timestamp") from None
        try:
            parsed = dt.datetime.fromisoformat(value.replace("z", "Z"))
        except ValueError:
            raise ValueError(f"'{text}' is not a timestamp such as 2026-04-02T09:15:00+02:00") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone or ZoneInfo(STOCKHOLM))
    return parsed


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later (29 February becomes 28 February); past year 9999,
    the last day there is (no date can be later)."""
    if day.year + years > dt.MAXYEAR:
        return dt.date.max
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def localized(moment: dt.datetime, timezone: str) -> dt.datetime:
    """``moment`` as an instant: a naive one (a timestamp given without an offset) is local time
    in ``timezone``, the configured zone."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=ZoneInfo(timezone))


def longest_valid_to(valid_from: dt.date, years: int) -> dt.date:
    """The last ``valid_to`` a validity period from ``valid_from`` may have: the same calendar day
    ``years`` later, as the seeds write it (valid 2025-03-25 to 2027-03-25 is two years). ``check``,
    ``new`` and ``renew`` all go by it."""
    return add_years(valid_from, years)
