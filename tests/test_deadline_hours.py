"""Deadlines in timmar and dygn (SPEC 4 and 5): elapsed time from the instant of receipt.

The worked examples of SPEC 5 and the nights that move the clock, the rule as the schema and
``routines check`` take it, and every command that reads deadline rules (``deadlines`` in each
format, ``due``, ``obligations``, the handbook's rule sentences) on a small content root in
tmp_path. Statuses are worked out by hand at the boundaries: a deadline is exclusive, so an
answer at the deadline itself is late and a case without one is overdue from that instant on.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.project import load_project
from generator.core.calendar import SwedishCalendar, parse_instant
from generator.core.rules_text import deadline_short, deadlines_text
from tests.conftest import make_root, run

CAL = SwedishCalendar()
STOCKHOLM = CAL.zone

HOURS = """\
    - id: intyg-24h
      case_types: [begar-intyg]
      within_timmar: 24
    - id: klagomal-3dygn
      case_types: [synpunkter-klagomal]
      within_dygn: 3
    - id: egenremiss-2vd
      case_types: [egenremiss]
      within_vardagar: 2"""
"""The three kinds of deadline rule, one each (the vector judge's tests use them too)."""
ROUTINE = """\
---
id: T-HOURS
title: Svarstider i timmar och dygn
type: rutin
version: "1.0"
applies_to: [vht]
owner: {id: own1, name: Olle Ägare, title: Enhetschef}
approver: {id: app1, name: Anna Godkänd, title: Verksamhetschef}
valid_from: 2026-01-01
valid_to: 2027-12-31
rules:
  deadlines:
""" + HOURS + """
---

## Syfte

Text.
"""

NOW = "2027-01-02T12:00:00+01:00"

# (case_id, case_type, received_at, answered_at) -> (rule, due_date, deadline, status), by hand:
CASES = [
    # SPEC 5: Fri 27 March 10:00+01:00, 3 dygn: the spring night (29 March) moves the clock an
    # hour on, so the 72 hours end Mon 30 March 11:00+02:00.
    ("D-met", "synpunkter-klagomal", "2026-03-27T10:00:00+01:00", "2026-03-30T10:59:59+02:00",
     "klagomal-3dygn", "2026-03-30", "2026-03-30T11:00:00+02:00", "met"),
    ("D-late", "synpunkter-klagomal", "2026-03-27T10:00:00+01:00", "2026-03-30T11:00:00+02:00",
     "klagomal-3dygn", "2026-03-30", "2026-03-30T11:00:00+02:00", "late"),
    # The autumn night (25 October, 03:00 back to 02:00): 24 timmar from Sat 10:00+02:00 end
    # Sun 09:00+01:00 (08:00 UTC), not at 10:00 on the clock.
    ("T-dst-met", "begar-intyg", "2026-10-24T10:00:00+02:00", "2026-10-25T08:59:59+01:00",
     "intyg-24h", "2026-10-25", "2026-10-25T09:00:00+01:00", "met"),
    ("T-dst-late", "begar-intyg", "2026-10-24T10:00:00+02:00", "2026-10-25T08:00:00Z",
     "intyg-24h", "2026-10-25", "2026-10-25T09:00:00+01:00", "late"),
    # Without offsets (Stockholm local time): 09:30 on Sunday is after the 24 hours, although
    # the clock shows less than 24 hours since 10:00 on Saturday.
    ("T-naive-met", "begar-intyg", "2026-10-24 10:00", "2026-10-25 08:30",
     "intyg-24h", "2026-10-25", "2026-10-25T09:00:00+01:00", "met"),
    ("T-naive-late", "begar-intyg", "2026-10-24 10:00", "2026-10-25 09:30",
     "intyg-24h", "2026-10-25", "2026-10-25T09:00:00+01:00", "late"),
    # The year's end: received at midnight on New Year's Eve, the 24 hours end at midnight on
    # New Year's Day; the last instant before that is on 31 December, the due date.
    ("T-year-met", "begar-intyg", "2026-12-31T00:00:00+01:00", "2026-12-31T23:59:59+01:00",
     "intyg-24h", "2026-12-31", "2027-01-01T00:00:00+01:00", "met"),
    ("T-year-late", "begar-intyg", "2026-12-31T00:00:00+01:00", "2027-01-01T00:00:00+01:00",
     "intyg-24h", "2026-12-31", "2027-01-01T00:00:00+01:00", "late"),
    # No answer yet: overdue from the deadline itself (--now equals it), open a second before.
    ("T-overdue", "begar-intyg", "2027-01-01T12:00:00+01:00", "",
     "intyg-24h", "2027-01-02", "2027-01-02T12:00:00+01:00", "overdue"),
    ("T-open", "begar-intyg", "2027-01-01T12:00:01+01:00", "",
     "intyg-24h", "2027-01-02", "2027-01-02T12:00:01+01:00", "open"),
    ("D-overdue", "synpunkter-klagomal", "2026-12-30T12:00:00+01:00", "",
     "klagomal-3dygn", "2027-01-02", "2027-01-02T12:00:00+01:00", "overdue"),
    ("D-open", "synpunkter-klagomal", "2026-12-30T12:00:01+01:00", "",
     "klagomal-3dygn", "2027-01-02", "2027-01-02T12:00:01+01:00", "open"),
    # A vardagar rule in the same routine is judged as before: Wed 30 December, 2 vardagar
    # (nyårsafton and nyårsdagen are closed): Mon 4 and Tue 5 January, deadline Wed 6 00:00.
    ("V-open", "egenremiss", "2026-12-30T15:00:00+01:00", "",
     "egenremiss-2vd", "2027-01-05", "2027-01-06T00:00:00+01:00", "open"),
]


def _root(tmp_path: Path, routine: str = ROUTINE) -> Path:
    root = make_root(tmp_path)
    (root / "routines" / "timmar.md").write_text(routine, encoding="utf-8")
    return root


def _export(tmp_path: Path, rows: list[tuple[str, ...]] | None = None) -> Path:
    path = tmp_path / "cases.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case_id", "unit", "case_type", "received_at", "answered_at", "partial_answer_at"])
        for case_id, case_type, received, answered, *_ in rows if rows is not None else CASES:
            writer.writerow([case_id, "mott", case_type, received, answered, ""])
    return path


def _deadlines(root: Path, cases: Path, *extra: str) -> tuple[int, str]:
    result = run("deadlines", "--root", str(root), "--cases", str(cases), "--now", NOW, *extra)
    assert result.code in (0, 1), result.err
    return result.code, result.out


# -- the calendar ------------------------------------------------------------------------------

def test_the_spec_example_of_dygn_over_the_spring_night() -> None:
    due, deadline = CAL.deadline(parse_instant("2026-03-27T10:00:00+01:00"), 3, "dygn")
    assert (due, deadline.isoformat()) == (dt.date(2026, 3, 30), "2026-03-30T11:00:00+02:00")


@pytest.mark.parametrize(("received", "within", "unit", "due", "deadline"), [
    # the autumn night: the clock goes back, the elapsed time does not
    ("2026-10-24T10:00:00+02:00", 1, "dygn", "2026-10-25", "2026-10-25T09:00:00+01:00"),
    ("2026-10-24T10:00:00+02:00", 24, "timmar", "2026-10-25", "2026-10-25T09:00:00+01:00"),
    ("2026-10-23T10:00:00+02:00", 3, "dygn", "2026-10-26", "2026-10-26T09:00:00+01:00"),
    # an hour into the night: 01:30 summer time plus two hours is the second 02:30, in winter time
    ("2026-10-25T01:30:00+02:00", 2, "timmar", "2026-10-25", "2026-10-25T02:30:00+01:00"),
    ("2026-10-25T01:30:00+02:00", 1, "timmar", "2026-10-25", "2026-10-25T02:30:00+02:00"),
    # timmar over the spring night (29 March, 02:00 on to 03:00)
    ("2026-03-28T22:00:00+01:00", 12, "timmar", "2026-03-29", "2026-03-29T11:00:00+02:00"),
    # the year's end, and a deadline at midnight: the due date is the day before it
    ("2026-12-31T18:00:00+01:00", 24, "timmar", "2027-01-01", "2027-01-01T18:00:00+01:00"),
    ("2026-12-31T00:00:00+01:00", 24, "timmar", "2026-12-31", "2027-01-01T00:00:00+01:00"),
    ("2026-12-30T23:30:00Z", 1, "dygn", "2027-01-01", "2027-01-01T00:30:00+01:00"),
    # no offset: Stockholm local time
    ("2026-10-24T10:00:00", 24, "timmar", "2026-10-25", "2026-10-25T09:00:00+01:00"),
    # the longest rules the schema allows: 8784 timmar and 366 dygn, a leap year's hours
    ("2027-06-01T08:00:00+02:00", 8784, "timmar", "2028-06-01", "2028-06-01T08:00:00+02:00"),
    ("2027-06-01T08:00:00+02:00", 366, "dygn", "2028-06-01", "2028-06-01T08:00:00+02:00"),
])
def test_elapsed_time_deadlines(received: str, within: int, unit: str, due: str, deadline: str) -> None:
    got_due, got_deadline = CAL.deadline(parse_instant(received), within, unit)
    assert (got_due.isoformat(), got_deadline.isoformat()) == (due, deadline)


def test_vardagar_through_the_same_function_are_as_before() -> None:
    received = parse_instant("2026-04-02T09:15:00+02:00")
    assert CAL.deadline(received, 2, "vardagar") == CAL.due(received, 2)
    assert CAL.deadline(received, 2)[0] == dt.date(2026, 4, 8)
    with pytest.raises(ValueError, match="unknown deadline unit 'veckor'"):
        CAL.deadline(received, 2, "veckor")


def test_closed_days_count_for_vardagar_only() -> None:
    """A closed day from routines.toml moves a vardagar deadline; timmar and dygn run through it,
    as through weekends and holidays (Fri 27 March 10:00, 3 dygn: Monday 11:00 all the same)."""
    closed = SwedishCalendar([dt.date(2026, 3, 30)])
    received = parse_instant("2026-03-27T10:00:00+01:00")
    assert closed.deadline(received, 3, "dygn") == CAL.deadline(received, 3, "dygn")
    assert closed.deadline(received, 72, "timmar") == CAL.deadline(received, 3, "dygn")
    assert (CAL.deadline(received, 1)[0], closed.deadline(received, 1)[0]) == (dt.date(2026, 3, 30), dt.date(2026, 3, 31))


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=dt.datetime(1953, 1, 2), max_value=dt.datetime(2099, 12, 1),
                    timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=2)), None])),
       st.integers(min_value=1, max_value=8784))
def test_the_deadline_is_exactly_n_hours_later(received: dt.datetime, hours: int) -> None:
    due, deadline = CAL.deadline(received, hours, "timmar")
    start = CAL.local(received)
    assert deadline.astimezone(dt.UTC) - start.astimezone(dt.UTC) == dt.timedelta(hours=hours)
    assert deadline.utcoffset() == deadline.astimezone(STOCKHOLM).utcoffset()  # the zone's offset then
    assert due == (deadline.astimezone(dt.UTC) - dt.timedelta(microseconds=1)).astimezone(STOCKHOLM).date()
    if hours % 24 == 0:
        assert CAL.deadline(received, hours // 24, "dygn") == (due, deadline)
        # a whole number of days later, the local clock differs by at most the hour of DST
        minutes = [t.hour * 60 + t.minute for t in (deadline, start)]
        assert abs(minutes[0] - minutes[1]) in (0, 60, 23 * 60)


@settings(max_examples=500, deadline=None)
@given(st.datetimes(min_value=dt.datetime(1953, 1, 2), max_value=dt.datetime(2099, 12, 1),
                    timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=1)),
                                               dt.timezone(dt.timedelta(hours=2)), STOCKHOLM])),
       st.sampled_from([1, 2, 3, 23, 24, 25, 48, 72, 168, 720, 8784]))
def test_the_quick_sum_per_day_of_receipt_agrees_with_the_exact_one(received: dt.datetime, hours: int) -> None:
    """The deadline checks pass the local day of receipt, and the sum is done in one fixed offset
    when no DST change falls among that day's deadlines: the same instant, offset and due date."""
    day = CAL.local(received).date()
    exact, quick = CAL.after_hours(received, hours), SwedishCalendar().after_hours(received, hours, day)
    assert quick == exact and quick[1].isoformat() == exact[1].isoformat()


@pytest.mark.parametrize("received", ["2026-10-24T10:00:00+02:00", "2026-10-24T23:59:59.999999+02:00",
                                      "2026-10-25T02:30:00+01:00", "2026-03-28T23:30:00+01:00",
                                      "2026-03-29T03:00:00+02:00", "2026-10-24T10:00:00"])
@pytest.mark.parametrize("hours", [1, 2, 3, 24, 25, 48])
def test_the_quick_sum_around_the_dst_nights(received: str, hours: int) -> None:
    instant = parse_instant(received)
    day = CAL.local(instant).date()
    assert SwedishCalendar().after_hours(instant, hours, day) == CAL.after_hours(instant, hours)


# -- the schema and routines check ---------------------------------------------------------------

def _check(root: Path, lang: str = "en") -> tuple[int, list[str]]:
    result = run("check", "--root", str(root), "--today", "2026-11-22", "--lang", lang, "--no-cache")
    return result.code, result.out.splitlines()


def test_rules_in_timmar_and_dygn_pass_the_check(tmp_path: Path) -> None:
    code, lines = _check(_root(tmp_path))
    assert (code, lines) == (0, [])


def _with_rule(rule: str) -> str:
    return ROUTINE.replace("    - id: egenremiss-2vd\n      case_types: [egenremiss]\n      within_vardagar: 2\n",
                           "    - id: egenremiss-2vd\n      case_types: [egenremiss]\n" + rule)


@pytest.mark.parametrize(("rule", "swedish", "english"), [
    ("", ("fel[schema] $.rules.deadlines[2]: regeln säger inte hur lång svarstiden är: skriv exakt ett av "
         "fälten within_vardagar, within_timmar eller within_dygn (till exempel within_vardagar: 2)"),
     ("error[schema] $.rules.deadlines[2]: the rule does not say how long the deadline is: write exactly one of "
     "the fields within_vardagar, within_timmar or within_dygn (for example within_vardagar: 2)")),
    ("      within_vardagar: 2\n      within_timmar: 24\n",
     ("fel[schema] $.rules.deadlines[2]: regeln har mer än en svarstid (within_vardagar och within_timmar): "
     "behåll bara ett av fälten within_vardagar, within_timmar eller within_dygn"),
     ("error[schema] $.rules.deadlines[2]: the rule has more than one deadline (within_vardagar and within_timmar): "
     "keep only one of the fields within_vardagar, within_timmar or within_dygn")),
    ("      within_vardagar: 2\n      within_timmar: 24\n      within_dygn: 1\n",
     ("fel[schema] $.rules.deadlines[2]: regeln har mer än en svarstid (within_vardagar, within_timmar och "
     "within_dygn): behåll bara ett av fälten within_vardagar, within_timmar eller within_dygn"),
     ("error[schema] $.rules.deadlines[2]: the rule has more than one deadline (within_vardagar, within_timmar "
     "and within_dygn): keep only one of the fields within_vardagar, within_timmar or within_dygn")),
])
def test_none_or_several_within_is_told_plainly(tmp_path: Path, rule: str, swedish: str, english: str) -> None:
    root = _root(tmp_path, _with_rule(rule))
    code, lines = _check(root, "sv")
    assert code == 1 and lines == [f"routines/timmar.md:19: {swedish}"]
    code, lines = _check(root)
    assert code == 1 and lines == [f"routines/timmar.md:19: {english}"]


@pytest.mark.parametrize(("rule", "line", "message"), [
    ("      within_timmar: 0\n", 21, "$.rules.deadlines[2].within_timmar: 0 is less than the minimum of 1"),
    ("      within_timmar: 8785\n", 21, "$.rules.deadlines[2].within_timmar: 8785 is more than the maximum of 8784"),
    ("      within_dygn: 367\n", 21, "$.rules.deadlines[2].within_dygn: 367 is more than the maximum of 366"),
    ("      within_dygn: '3'\n", 21, "$.rules.deadlines[2].within_dygn: expected a whole number, found the text '3'"),
])
def test_out_of_range_hours_and_dygn(tmp_path: Path, rule: str, line: int, message: str) -> None:
    code, lines = _check(_root(tmp_path, _with_rule(rule)))
    assert code == 1 and lines == [f"routines/timmar.md:{line}: error[schema] {message}"]


def test_a_misspelt_key_is_named_beside_the_missing_deadline(tmp_path: Path) -> None:
    _, lines = _check(_root(tmp_path, _with_rule("      within_hours: 24\n")))
    assert lines[1] == ("routines/timmar.md:21: error[unknown-field] $.rules.deadlines[2].within_hours: "
                        "unknown field 'within_hours' (did you mean 'within_timmar'?)")
    assert "does not say how long the deadline is" in lines[0]


def test_a_rule_that_is_no_mapping_gets_its_type_error_alone(tmp_path: Path) -> None:
    routine = ROUTINE.replace("    - id: egenremiss-2vd\n      case_types: [egenremiss]\n      within_vardagar: 2\n",
                              "    - just a string\n")
    code, lines = _check(_root(tmp_path, routine))
    assert code == 1 and lines == [("routines/timmar.md:19: error[schema] $.rules.deadlines[2]: expected a mapping "
                                   "(key: value), found the text 'just a string'")]


def test_a_rule_without_a_deadline_is_left_out_not_guessed(tmp_path: Path) -> None:
    project = load_project(_root(tmp_path, _with_rule("")))
    (routine,) = project.routines
    assert [(d.id, d.unit, d.within, d.hours, d.key) for d in routine.rules.deadlines] == [
        ("intyg-24h", "timmar", 24, 24, "within_timmar"), ("klagomal-3dygn", "dygn", 3, 72, "within_dygn")]


# -- routines deadlines -----------------------------------------------------------------------------

def test_statuses_at_the_boundaries(tmp_path: Path) -> None:
    code, out = _deadlines(_root(tmp_path), _export(tmp_path), "--format", "json")
    payload = json.loads(out)
    assert payload["errors"] == [] and payload["unmatched"] == []
    got = {r["case_id"]: (r["rule"], r["due_date"], r["deadline"], r["status"]) for r in payload["results"]}
    assert got == {case_id: tuple(expected) for case_id, _, _, _, *expected in CASES}
    assert code == 1  # late and overdue cases
    within = {r["rule"]: {k: v for k, v in r.items() if k.startswith("within_")} for r in payload["results"]}
    assert within == {"intyg-24h": {"within_timmar": 24}, "klagomal-3dygn": {"within_dygn": 3},
                      "egenremiss-2vd": {"within_vardagar": 2}}


def test_the_same_results_as_csv(tmp_path: Path) -> None:
    _, out = _deadlines(_root(tmp_path), _export(tmp_path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    got = {r["case_id"]: (r["rule"], r["due_date"], r["deadline"], r["status"]) for r in rows}
    assert got == {case_id: tuple(expected) for case_id, _, _, _, *expected in CASES}


def test_the_text_report_tells_the_time_of_day_it_was_due(tmp_path: Path) -> None:
    root, cases = _root(tmp_path), _export(tmp_path)
    _, text = _deadlines(root, cases)
    late = {line.split(":")[1].strip(): line for line in text.splitlines() if line.startswith("  line ")}
    assert late["T-dst-late (Testmottagningen, Begär intyg)"].endswith(
        "late, due 2026-10-25 before 09:00 under Svarstider i timmar och dygn (T-HOURS#intyg-24h), "
        "answered 2026-10-25T08:00:00+00:00")
    assert "overdue, due 2027-01-02 before 12:00 under" in late["T-overdue (Testmottagningen, Begär intyg)"]
    # a deadline at midnight is the whole due date, as a vardagar deadline is
    assert "late, due 2026-12-31 under" in late["T-year-late (Testmottagningen, Begär intyg)"]
    _, swedish = _deadlines(root, cases, "--lang", "sv")
    assert ("besvarat för sent, sista svarsdag 2026-10-25 före kl. 09:00, enligt Svarstider i timmar och dygn "
            "(T-HOURS#intyg-24h), svaret kom 2026-10-25T08:00:00+00:00") in swedish
    assert "obesvarat efter sista svarsdag 2027-01-02 före kl. 12:00, enligt" in swedish


def test_the_html_report_tells_the_time_too(tmp_path: Path) -> None:
    _, html = _deadlines(_root(tmp_path), _export(tmp_path), "--format", "html")
    assert "<td>2026-10-25 före kl. 09:00</td>" in html and "<td>2026-12-31</td>" in html


def test_the_workbook_has_the_deadline_as_a_local_time_cell(tmp_path: Path) -> None:
    out = tmp_path / "svarstider.xlsx"
    result = run("deadlines", "--root", str(_root(tmp_path)), "--cases", str(_export(tmp_path)), "--now", NOW,
                 "--format", "xlsx", "--out", str(out), "--lang", "sv")
    assert result.code == 1, result.err
    sheet = openpyxl.load_workbook(out)["Försenade och obesvarade"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][6] == "Sista svarsdag" and rows[0][-1] == "Tidsgräns (svar före)"
    by_case = {row[1]: row for row in rows[1:]}
    assert set(by_case) == {"D-late", "T-dst-late", "T-naive-late", "T-year-late", "T-overdue", "D-overdue"}
    assert (by_case["T-dst-late"][6], by_case["T-dst-late"][-1]) == (dt.datetime(2026, 10, 25),
                                                                   dt.datetime(2026, 10, 25, 9, 0))
    assert by_case["D-late"][-1] == dt.datetime(2026, 3, 30, 11, 0)
    assert by_case["T-year-late"][-1] == dt.datetime(2027, 1, 1, 0, 0)


def test_the_repeated_hour_of_the_autumn_night_is_judged_by_instants(tmp_path: Path) -> None:
    """2 timmar from 01:30 summer time end at the second 02:30 (winter time, 01:30 UTC). An answer
    written without an offset as 02:45 is the first 02:45 (summer time, 00:45 UTC): in time, although
    its clock shows a later time than the deadline's."""
    routine = ROUTINE.replace("within_timmar: 24", "within_timmar: 2")
    rows = [("N-1", "begar-intyg", "2026-10-25T01:30:00+02:00", "2026-10-25 02:45"),
            ("N-2", "begar-intyg", "2026-10-25T01:30:00+02:00", "2026-10-25T02:30:00+01:00")]
    _, out = _deadlines(_root(tmp_path, routine), _export(tmp_path, rows), "--format", "json")
    got = {r["case_id"]: (r["deadline"], r["responded_at"], r["status"]) for r in json.loads(out)["results"]}
    assert got == {"N-1": ("2026-10-25T02:30:00+01:00", "2026-10-25T02:45:00+02:00", "met"),
                   "N-2": ("2026-10-25T02:30:00+01:00", "2026-10-25T02:30:00+01:00", "late")}


def test_hours_beside_vardagar_for_one_case_type(tmp_path: Path) -> None:
    """A case under a rule in vardagar and one in timmar of the same routine: judged under both,
    counted once under the routine and once per case type, with its worst result."""
    routine = ROUTINE.replace("      case_types: [egenremiss]\n", "      case_types: [egenremiss, begar-intyg]\n")
    rows = [("M-1", "begar-intyg", "2026-10-24T10:00:00+02:00", "2026-10-26T08:00:00+01:00")]
    _, out = _deadlines(_root(tmp_path, routine), _export(tmp_path, rows), "--format", "json")
    payload = json.loads(out)
    got = {r["rule"]: (r["due_date"], r["deadline"], r["status"]) for r in payload["results"]}
    # Sat 24 October, 2 vardagar: Mon 26 and Tue 27 -> due Tue 27, deadline Wed 28 00:00
    assert got == {"intyg-24h": ("2026-10-25", "2026-10-25T09:00:00+01:00", "late"),
                   "egenremiss-2vd": ("2026-10-27", "2026-10-28T00:00:00+01:00", "met")}
    (group,) = payload["summary"]
    assert (group["count"], group["late"], group["met"]) == (1, 1, 0)
    assert [(r["routine"], r["count"], r["late"]) for r in group["routines"]] == [("T-HOURS", 1, 1)]


# -- routines due, routines obligations, the handbook ---------------------------------------------

def test_due_in_timmar_and_dygn(tmp_path: Path) -> None:
    root = _root(tmp_path)
    result = run("due", "--root", str(root), "--unit", "mott", "--case-type", "Begär intyg",
                 "--at", "2026-10-24T10:00", "--format", "json")
    assert result.code == 0, result.err
    (rule,) = json.loads(result.out)["rules"]
    assert (rule["rule"], rule["within_timmar"], rule["due_date"], rule["deadline"]) == (
        "intyg-24h", 24, "2026-10-25", "2026-10-25T09:00:00+01:00")
    assert "within_vardagar" not in rule
    text = run("due", "--root", str(root), "--unit", "mott", "--case-type", "synpunkter-klagomal",
               "--at", "2026-03-27T10:00:00+01:00", "--lang", "sv").out
    assert text.splitlines()[1] == ("  sista svarsdag 2026-03-30 (före 2026-03-30T11:00:00+02:00): 3 dygn, "
                                    "enligt Svarstider i timmar och dygn (T-HOURS#klagomal-3dygn)")


def test_obligations_name_the_kind_of_each_deadline(tmp_path: Path) -> None:
    root = _root(tmp_path)
    result = run("obligations", "--root", str(root), "--unit", "mott", "--format", "json")
    assert result.code == 0, result.err
    (unit,) = json.loads(result.out)["units"]
    rules = {d["case_type"]: [{k: v for k, v in r.items() if k.startswith("within_")} for r in d["rules"]]
             for d in unit["deadlines"]}
    assert rules == {"begar-intyg": [{"within_timmar": 24}], "synpunkter-klagomal": [{"within_dygn": 3}],
                     "egenremiss": [{"within_vardagar": 2}]}
    text = run("obligations", "--root", str(root), "--unit", "mott", "--lang", "sv").out
    assert "    Begär intyg: 24 timmar [T-HOURS#intyg-24h]" in text
    assert "    Synpunkter och klagomål: 3 dygn [T-HOURS#klagomal-3dygn]" in text
    english = run("obligations", "--root", str(root), "--unit", "mott").out
    assert "    Synpunkter och klagomål: 3 days of 24 hours [T-HOURS#klagomal-3dygn]" in english


def test_the_rule_sentences(tmp_path: Path) -> None:
    project = load_project(_root(tmp_path))
    (routine,) = project.routines
    deadlines = routine.rules.deadlines
    assert deadlines_text(deadlines, project.catalog, "sv") == (
        "Begär intyg besvaras inom 24 timmar; Synpunkter och klagomål inom 3 dygn; Egenremiss inom 2 vardagar")
    assert deadlines_text(deadlines, project.catalog, "en") == (
        "Begär intyg are answered within 24 hours; Synpunkter och klagomål within 3 days of 24 hours; "
        "Egenremiss within 2 working days")
    one = ROUTINE.replace("within_timmar: 24", "within_timmar: 1").replace("within_dygn: 3", "within_dygn: 1")
    (single,) = load_project(_root(tmp_path / "one", one)).routines
    assert [deadline_short(d, "sv") for d in single.rules.deadlines] == ["1 timme", "1 dygn", "2 vardagar"]


def test_the_handbook_pages_print_the_rule(tmp_path: Path) -> None:
    routine = ROUTINE.replace("---\n\n## Syfte", "  responsibilities:\n    - role: arendemottagare\n"
                              "      duties: [Besvarar ärenden]\n---\n\n## Syfte")
    root = _root(tmp_path, routine)
    out = tmp_path / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", "2026-11-22", "--no-search")
    assert result.code == 0, result.err
    unit = (out / "enheter" / "mott.html").read_text(encoding="utf-8")
    assert "<td>24 timmar</td>" in unit and "<td>3 dygn</td>" in unit and "<td>2 vardagar</td>" in unit
    role = (out / "roller" / "arendemottagare.html").read_text(encoding="utf-8")
    assert "<li>Begär intyg besvaras inom 24 timmar; Synpunkter och klagomål inom 3 dygn; Egenremiss inom 2 vardagar " in role
