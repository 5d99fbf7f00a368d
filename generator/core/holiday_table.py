"""The Swedish holidays and eves that close vardagar, as the pinned ``holidays`` package tells
them (its PUBLIC and DE_FACTO categories, Swedish names, Monday to Friday only), kept as a table
beside this module (``swedish_holidays.json``) so that a command does not load that package:
importing it and asking for a first year takes 0.15 s, a tenth of judging a million cases.

Written by ``python -m generator.core.holiday_table`` (after the package's version changes in the
lock); tests/test_calendar.py checks every year of the table against the package. A year the
table does not hold is asked of the package.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("swedish_holidays.json")


def from_package(year: int) -> dict[dt.date, str]:
    """The closed weekdays of ``year`` and their names, from the ``holidays`` package."""
    import holidays

    table = holidays.country_holidays("SE", years=year, categories=(holidays.PUBLIC, holidays.DE_FACTO),
                                      language="sv")
    return {day: str(name) for day, name in sorted(table.items()) if day.weekday() < 5}


@lru_cache(maxsize=1)
def _years() -> dict[str, list[list[str]]]:
    try:
        years: dict[str, list[list[str]]] = json.loads(TABLE.read_text(encoding="utf-8"))["years"]
    except (OSError, ValueError, KeyError):
        return {}  # no table (a broken install): every year from the package
    return years


def holidays_of(year: int) -> dict[dt.date, str]:
    """The closed weekdays of ``year`` and their names: from the table, else from the package."""
    days = _years().get(str(year))
    if days is None:
        return from_package(year)
    return {dt.date.fromisoformat(day): name for day, name in days}


def write(first: int, last: int) -> None:
    """The table of the years ``first`` to ``last``, from the package."""
    from importlib.metadata import version

    years = {str(year): [[day.isoformat(), name] for day, name in from_package(year).items()]
             for year in range(first, last + 1)}
    text = json.dumps({"holidays_version": version("holidays"), "years": years}, ensure_ascii=False,
                      separators=(",", ":"))
    TABLE.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    from holidays.countries.sweden import Sweden

    write(Sweden.start_year, Sweden.end_year)  # calendar.FIRST_DAY to LAST_DAY (a test holds them equal)
