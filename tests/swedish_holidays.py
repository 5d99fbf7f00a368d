"""Swedish closed days written from the law, independent of the ``holidays`` package.

Allmänna helgdagar per lag (1989:253), and the eves that lag (1930:173) 2 § also excludes
from vardagar. Used by the tests to check the library's calendar day by day, 2000-2100.
"""

from __future__ import annotations

import datetime as dt


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def _saturday_between(year: int, month: int, first: int) -> dt.date:
    day = dt.date(year, month, first)
    return day + dt.timedelta(days=(5 - day.weekday()) % 7)


def closed_weekdays(year: int) -> set[dt.date]:
    """Mondays to Fridays of ``year`` that are not vardagar."""
    easter = easter_sunday(year)
    midsommardagen = _saturday_between(year, 6, 20)
    days = {
        dt.date(year, 1, 1), dt.date(year, 1, 6), easter - dt.timedelta(days=2),
        easter + dt.timedelta(days=1), dt.date(year, 5, 1), easter + dt.timedelta(days=39),
        midsommardagen - dt.timedelta(days=1), dt.date(year, 12, 24), dt.date(year, 12, 25),
        dt.date(year, 12, 26), dt.date(year, 12, 31),
    }
    if year >= 2005:
        days.add(dt.date(year, 6, 6))  # nationaldagen, a helgdag since 2005 ...
    else:
        days.add(easter + dt.timedelta(days=50))  # ... when annandag pingst stopped being one
    return {d for d in days if d.weekday() < 5}
