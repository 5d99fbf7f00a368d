"""The Swedish calendar of SPEC 5: golden days, worked examples, DST, arbetsdagar, properties."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.calendar import SwedishCalendar, parse_instant
from tests.swedish_holidays import closed_weekdays, easter_sunday

GOLDEN = Path(__file__).resolve().parent / "golden" / "closed-weekdays-2024-2030.txt"
CAL = SwedishCalendar()


def _golden() -> list[dt.date]:
    lines = [line for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [dt.date.fromisoformat(line.split()[0]) for line in lines]


def test_golden_list_of_closed_weekdays_2024_2030() -> None:
    golden = _golden()
    assert len(golden) == 72
    library = [day for day in (dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(366 * 7))
               if day.year <= 2030 and day.weekday() < 5 and not CAL.is_vardag(day)]
    assert library == golden
    assert sorted(d for y in range(2024, 2031) for d in closed_weekdays(y)) == golden


@pytest.mark.parametrize(("day", "name"), [
    ("2026-06-19", "Midsommarafton"), ("2026-12-24", "Julafton"), ("2026-12-31", "Nyårsafton"),
    ("2026-01-06", "Trettondedag jul"), ("2026-05-14", "Kristi himmelsfärdsdag"), ("2026-04-03", "Långfredagen"),
])
def test_eves_and_holidays_are_closed(day: str, name: str) -> None:
    assert CAL.closed_reason(dt.date.fromisoformat(day)) == name


@pytest.mark.parametrize("day", ["2026-01-05", "2026-04-02", "2026-04-30", "2026-05-15", "2026-12-23",
                                 "2026-10-30"])
def test_eves_that_stay_vardagar(day: str) -> None:
    """Trettondagsafton, skärtorsdagen, valborg, klämdagar and allhelgonaafton are vardagar."""
    assert CAL.is_vardag(dt.date.fromisoformat(day))


@pytest.mark.parametrize(("received", "n", "due"), [
    ("2026-04-02", 2, "2026-04-08"), ("2026-06-18", 2, "2026-06-23"), ("2026-12-23", 2, "2026-12-29"),
    ("2026-12-30", 1, "2027-01-04"), ("2026-03-28", 2, "2026-03-31"), ("2027-01-05", 1, "2027-01-07"),
])
def test_spec_worked_examples(received: str, n: int, due: str) -> None:
    assert CAL.add_vardagar(dt.date.fromisoformat(received), n) == dt.date.fromisoformat(due)


def test_deadline_is_local_midnight_after_the_due_date() -> None:
    due, deadline = CAL.due(parse_instant("2026-04-02T09:15:00+02:00"), 2)
    assert due == dt.date(2026, 4, 8)
    assert deadline.isoformat() == "2026-04-09T00:00:00+02:00"


def test_receipt_day_is_the_local_day() -> None:
    # 23:30 UTC on a Friday is 00:30 on Saturday in Stockholm (winter time)
    due, _ = CAL.due(parse_instant("2026-03-27T23:30:00Z"), 1)
    assert due == dt.date(2026, 3, 30)
    # a naive timestamp is Stockholm local time
    assert CAL.due(parse_instant("2026-03-27T23:30:00"), 1)[0] == dt.date(2026, 3, 30)


@pytest.mark.parametrize(("received", "n", "deadline"), [
    # spring forward (Sun 2026-03-29 02:00 -> 03:00): a Friday case due Monday 30 March
    ("2026-03-27T12:00:00+01:00", 1, "2026-03-31T00:00:00+02:00"),
    # received in the missing hour's neighbourhood, on the Sunday itself
    ("2026-03-29T01:30:00+01:00", 1, "2026-03-31T00:00:00+02:00"),
    # fall back (Sun 2026-10-25 03:00 -> 02:00)
    ("2026-10-23T16:00:00+02:00", 1, "2026-10-27T00:00:00+01:00"),
    ("2026-10-25T02:30:00+01:00", 2, "2026-10-28T00:00:00+01:00"),
])
def test_dst_transitions(received: str, n: int, deadline: str) -> None:
    assert CAL.due(parse_instant(received), n)[1].isoformat() == deadline


def test_arbetsdagar_over_midsommar_and_jul() -> None:
    assert CAL.arbetsdagar(dt.date(2026, 6, 18), dt.date(2026, 6, 22)) == 2  # Thu, (midsommarafton), Mon
    assert CAL.arbetsdagar(dt.date(2026, 12, 21), dt.date(2027, 1, 8)) == 10
    assert CAL.arbetsdagar(dt.date(2026, 6, 22), dt.date(2026, 6, 18)) == 0


def test_extra_closed_days_from_configuration() -> None:
    cal = SwedishCalendar([dt.date(2026, 4, 7)])
    assert cal.add_vardagar(dt.date(2026, 4, 2), 2) == dt.date(2026, 4, 9)
    assert cal.closed_reason(dt.date(2026, 4, 7)) == "stängd dag (routines.toml)"


def test_library_and_law_agree_on_every_day_2000_2100() -> None:
    for year in range(2000, 2101):
        law = closed_weekdays(year)
        start = dt.date(year, 1, 1)
        for offset in range((dt.date(year + 1, 1, 1) - start).days):
            day = start + dt.timedelta(days=offset)
            assert CAL.is_vardag(day) == (day.weekday() < 5 and day not in law), day


def test_easter() -> None:
    assert [easter_sunday(y) for y in (2024, 2025, 2026, 2027, 2038)] == [
        dt.date(2024, 3, 31), dt.date(2025, 4, 20), dt.date(2026, 4, 5), dt.date(2027, 3, 28), dt.date(2038, 4, 25)]


days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 1))


@settings(max_examples=300, deadline=None)
@given(days, st.integers(min_value=1, max_value=30))
def test_adding_then_counting_gives_n(day: dt.date, n: int) -> None:
    due = CAL.add_vardagar(day, n)
    assert CAL.is_vardag(due)
    assert CAL.arbetsdagar(day + dt.timedelta(days=1), due) == n


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2099, 1, 1),
                    timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-5)), None])),
       st.integers(min_value=1, max_value=10))
def test_due_dates_are_vardagar_and_deadlines_local_midnight(received: dt.datetime, n: int) -> None:
    due, deadline = CAL.due(received, n)
    assert CAL.is_vardag(due)
    assert deadline.hour == 0 and deadline.minute == 0 and deadline.date() == due + dt.timedelta(days=1)
    assert deadline > CAL.local(received)


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Tokyo"])
def test_independent_of_the_machines_time_zone(zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        assert CAL.due(parse_instant("2026-03-27T23:30:00"), 1)[1].isoformat() == "2026-03-31T00:00:00+02:00"
        assert CAL.due(parse_instant("2026-04-02T09:15:00+02:00"), 2)[0] == dt.date(2026, 4, 8)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_supported_days_are_those_the_holiday_package_knows() -> None:
    from holidays.countries.sweden import Sweden

    from generator.core.calendar import FIRST_DAY, LAST_DAY

    assert (dt.date(Sweden.start_year, 1, 1), dt.date(Sweden.end_year, 12, 31)) == (FIRST_DAY, LAST_DAY)


def test_the_holiday_table_is_what_the_holiday_package_tells_for_every_year() -> None:
    # the table a command reads instead of loading the package; after the package's version
    # changes in the lock, write it again: python -m generator.core.holiday_table
    import json
    from importlib.metadata import version

    from generator.core.calendar import FIRST_DAY, LAST_DAY
    from generator.core.holiday_table import TABLE, from_package, holidays_of

    table = json.loads(TABLE.read_text(encoding="utf-8"))
    assert table["holidays_version"] == version("holidays"), "write the table again for this version"
    assert list(table["years"]) == [str(year) for year in range(FIRST_DAY.year, LAST_DAY.year + 1)]
    for year in range(FIRST_DAY.year, LAST_DAY.year + 1):
        assert holidays_of(year) == from_package(year), year
    assert holidays_of(2101) == from_package(2101)  # beyond the table: from the package
