"""The vector judge (generator/deadlines/vector*.py) against the scalar one, its reference.

Random exports (units and case types known, named by their names, or unknown; instants around
both DST nights and the year's end, with an offset, ``Z`` or none, in forms the vector reader
takes and forms it leaves to the scalar reader; answers before receipt, delsvar, empty fields,
bad timestamps) are judged both ways, in batches of a few rows so that batches of each kind
follow each other: the summaries (counts per group, routine and week, the late and overdue
results in order, the rows that could not be checked with their lines, the uncovered cases)
and the text report must be the same. Rules in vardagar (with a closed day), timmar and dygn, a
routine that comes into force inside the range, and one with two rules for one case type.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.project import Project, load_project
from generator.core.calendar import SwedishCalendar, parse_instant
from generator.core.messages import messages
from generator.deadlines.cases import read_cases, read_header
from generator.deadlines.judge import DeadlineChecker, Summary, judge
from generator.deadlines.report import write_text
from generator.deadlines.vector import vardagar_after
from generator.deadlines.vector_csv import check_csv
from generator.deadlines.vector_parse import NONE, Zone, instants, iso
from tests.conftest import make_root, run
from tests.test_deadline_hours import HOURS

HEAD = """\
---
id: {id}
title: {title}
type: rutin
version: "1.0"
applies_to: [{unit}]
owner: {{id: own1, name: Olle Ägare, title: Enhetschef}}
approver: {{id: app1, name: Anna Godkänd, title: Verksamhetschef}}
valid_from: {start}
valid_to: 2027-12-31
rules:
  deadlines:
{rules}
---

## Syfte

Text.
"""
TWO = """\
    - id: egen-1vd
      case_types: [egenremiss]
      within_vardagar: 1
      partial_answer_counts: true
    - id: egen-30h
      case_types: [egenremiss, begar-intyg]
      within_timmar: 30
      partial_answer_counts: true"""
NOW = dt.datetime.fromisoformat("2026-10-26T12:00:00+01:00")
STOCKHOLM = SwedishCalendar().zone


class Setup(NamedTuple):
    root: Path
    project: Project
    checker: DeadlineChecker


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    root = make_root(tmp_path_factory.mktemp("vector"))
    (root / "routines" / "timmar.md").write_text(HEAD.format(
        id="T-HOURS", title="Svarstider i timmar och dygn", unit="vht", start="2025-01-01", rules=HOURS),
        encoding="utf-8")
    (root / "routines" / "tva.md").write_text(HEAD.format(
        id="T-TWO", title="Två regler för egenremiss", unit="mott", start="2026-06-01", rules=TWO), encoding="utf-8")
    (root / "routines.toml").write_text('[calendar]\nclosed_days = ["2026-06-15", "2026-12-28"]\n', encoding="utf-8")
    project = load_project(root)
    assert len(project.routines) == 2
    calendar = SwedishCalendar(project.config.closed_days, project.config.timezone)
    return Setup(root, project, DeadlineChecker(project, calendar, NOW))


# Instants where the judging is hard: both DST nights of 2026, the year's end, and the closed days.
HARD = [dt.datetime(2026, 3, 28, 22, tzinfo=dt.UTC), dt.datetime(2026, 10, 24, 22, tzinfo=dt.UTC),
        dt.datetime(2026, 12, 31, 20, tzinfo=dt.UTC), dt.datetime(2026, 6, 12, 20, tzinfo=dt.UTC),
        dt.datetime(2026, 12, 24, 10, tzinfo=dt.UTC)]


def _written(moment: dt.datetime, shape: int) -> str:
    """``moment`` as an export may write it: shapes 0-4 the vector reader takes, 5-7 it leaves to
    the scalar one (a fraction, a lower-case z, a bad timestamp)."""
    local = moment.astimezone(STOCKHOLM)
    return [
        local.isoformat(timespec="seconds"),
        moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        local.strftime("%Y-%m-%dT%H:%M:%S"),
        local.strftime("%Y-%m-%d %H:%M"),
        moment.astimezone(dt.timezone(dt.timedelta(hours=-5, minutes=-30))).isoformat(timespec="seconds"),
        local.isoformat(timespec="milliseconds"),
        moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%Sz"),
        local.strftime("%Y-%m-%dT%H:%M:%S+0x:00"),
    ][shape]


@st.composite
def exports(draw: st.DrawFn) -> list[str]:
    n = draw(st.integers(1, 60))
    rare = draw(st.booleans())  # most examples all clean, so that the vector batches are many
    rows = []
    for i in range(n):
        base = draw(st.sampled_from(HARD)) if draw(st.booleans()) else dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        received = base + dt.timedelta(minutes=draw(st.integers(0, 6 * 60 if base in HARD else 364 * 24 * 60)))
        shape = draw(st.integers(0, 7 if rare else 4))
        answered = partial = ""
        if draw(st.integers(0, 3)):
            if draw(st.booleans()):  # at a deadline: exactly 24, 30 or 72 hours later, or a midnight
                local = received.astimezone(STOCKHOLM)
                midnight = dt.datetime.combine(local.date() + dt.timedelta(days=draw(st.integers(1, 5))), dt.time(0),
                                               tzinfo=STOCKHOLM)
                at = draw(st.sampled_from([received + dt.timedelta(hours=h) for h in (24, 30, 72)] + [midnight]))
            else:
                at = received + dt.timedelta(minutes=draw(st.integers(-30 if rare else 0, 6 * 24 * 60)))
            answered = _written(at, draw(st.integers(0, 4)))
        if not draw(st.integers(0, 3)):
            partial = _written(received + dt.timedelta(minutes=draw(st.integers(0, 3 * 24 * 60))), draw(st.integers(0, 4)))
        unit = draw(st.sampled_from(["mott", "avd", "vht", "Testmottagningen"] + (["okänd", " mott"] if rare else [])))
        case_type = draw(st.sampled_from(["begar-intyg", "egenremiss", "synpunkter-klagomal", "Begär intyg"]
                                         + (["okänd-typ", ""] if rare else [])))
        case_id = f"C-{i}" if not rare or draw(st.integers(0, 9)) else draw(st.sampled_from(["", " C-x ", "C\u00a0"]))
        rows.append(",".join([case_id, unit, case_type, _written(received, shape), answered, partial]))
    return rows


def _scalar(path: Path, checker: DeadlineChecker) -> Summary:
    summary = Summary()
    for _ in judge(read_cases(path, checker.calendar.zone), checker, summary, results=False):
        pass
    return summary


def _same(vector: Summary, scalar: Summary, project: Project, counted: bool = False) -> None:
    """``counted``: the vector run kept only the number of its late and overdue results (the
    JSON and CSV reports' lines hold them)."""
    assert (vector.rows, vector.cases, vector.judged) == (scalar.rows, scalar.cases, scalar.judged)
    assert vector.by_group == scalar.by_group
    assert vector.by_routine == scalar.by_routine
    assert vector.by_week == scalar.by_week
    assert len(vector.problems) == len(scalar.problems)
    assert [(e.line, e.message) for e in vector.errors] == [(e.line, e.message) for e in scalar.errors]
    assert [u.to_json() for u in vector.unmatched] == [u.to_json() for u in scalar.unmatched]
    if counted:
        return
    assert list(vector.problems) == list(scalar.problems)
    texts = []
    for summary in (vector, scalar):
        out = io.StringIO()
        write_text(summary, out, project, NOW, messages("sv"))
        texts.append(out.getvalue())
    assert texts[0] == texts[1]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=exports(), batch=st.sampled_from([120, 400, 1 << 20]), spill=st.sampled_from([0, 1 << 20]))
def test_the_vector_judge_agrees_with_the_scalar_one(setup: Setup, tmp_path: Path, rows: list[str], batch: int,
                                                      spill: int) -> None:
    """Also with every table of late and overdue results in the temporary file (``spill`` 0)."""
    path = tmp_path / "cases.csv"
    path.write_text("case_id,unit,case_type,received_at,answered_at,partial_answer_at\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")
    checker = setup.checker
    _same(check_csv(path, read_header(path), checker, batch, spill), _scalar(path, checker), setup.project)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=exports(), batch=st.sampled_from([120, 400, 1 << 20]), hold=st.sampled_from([0, 1 << 20]),
       language=st.sampled_from(["sv", "en"]))
def test_the_text_reports_lines_made_as_the_export_is_judged_are_the_scalar_ones(
        setup: Setup, tmp_path_factory: pytest.TempPathFactory, rows: list[str], batch: int, hold: int,
        language: str) -> None:
    """The late and overdue cases written as lines batch by batch straight from the vector
    judge's results, kept compressed (``hold`` 0: every block in the temporary file), then the
    text report, in Swedish and in English: the scalar judge's."""
    from generator.deadlines.report import LateLines

    folder = tmp_path_factory.mktemp("lines")
    path = folder / "cases.csv"
    path.write_text("case_id,unit,case_type,received_at,answered_at,partial_answer_at\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")
    checker = setup.checker
    vector = check_csv(path, read_header(path), checker, batch,
                       lines=(LateLines(setup.project, messages(language)), str(folder), hold))
    scalar = _scalar(path, checker)
    _same(vector, scalar, setup.project, counted=True)
    texts = []
    for summary in (vector, scalar):
        out = io.StringIO()
        write_text(summary, out, setup.project, NOW, messages(language))
        texts.append(out.getvalue())
    assert texts[0] == texts[1]
    if hold == 0 and scalar.problems:
        assert any(name.name.startswith("lines-") for name in folder.iterdir())


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=dt.date(1953, 1, 1), max_value=dt.date(2100, 11, 30)), within=st.integers(1, 40),
       closed=st.lists(st.dates(min_value=dt.date(2025, 12, 1), max_value=dt.date(2027, 2, 1)), max_size=8))
def test_busday_offset_gives_the_calendars_vardagar(day: dt.date, within: int, closed: list[dt.date]) -> None:
    calendar = SwedishCalendar(closed)
    days = np.array([(day - dt.date(1970, 1, 1)).days + k for k in range(12)])
    due = vardagar_after(days, within, calendar)
    expected = [calendar.add_vardagar(day + dt.timedelta(days=k), within) for k in range(12)]
    assert [dt.date(1970, 1, 1) + dt.timedelta(days=int(d)) for d in due] == expected


def test_busday_offset_over_the_year_end_and_a_closed_day() -> None:
    calendar = SwedishCalendar([dt.date(2026, 12, 28)])
    days = np.arange((dt.date(2026, 12, 18) - dt.date(1970, 1, 1)).days, (dt.date(2027, 1, 10) - dt.date(1970, 1, 1)).days)
    due = vardagar_after(days, 2, calendar)
    for d, found in zip(days.tolist(), due.tolist(), strict=True):
        day = dt.date(1970, 1, 1) + dt.timedelta(days=d)
        assert dt.date(1970, 1, 1) + dt.timedelta(days=found) == calendar.add_vardagar(day, 2)
    # julafton, juldagen, annandag jul, the weekend, the closed Monday: 23 Dec gives 29 Dec and 30 Dec
    assert calendar.add_vardagar(dt.date(2026, 12, 23), 2) == dt.date(2026, 12, 30)


@settings(max_examples=300, deadline=None)
@given(moment=st.datetimes(min_value=dt.datetime(1953, 1, 1), max_value=dt.datetime(2100, 12, 1),
                           timezones=st.just(dt.UTC)).map(lambda m: m.replace(microsecond=0)),
       near=st.sampled_from([None, *HARD]), minutes=st.integers(0, 6 * 60), shape=st.integers(0, 4))
def test_timestamps_read_as_arrays_are_the_instants_parse_instant_reads(moment: dt.datetime, near: dt.datetime | None,
                                                                         minutes: int, shape: int) -> None:
    if near is not None:
        moment = near + dt.timedelta(minutes=minutes)
    text = _written(moment, shape)
    got = instants(pa.array([text, ""]), Zone(STOCKHOLM), False)
    expected = parse_instant(text, STOCKHOLM)
    if got is None:  # left to the scalar reader: only where the zone's offset changes in the hour
        assert shape in (2, 3)
        return
    utc, written = got
    assert utc[1] == NONE
    # as instants in UTC: Python takes a time in the autumn night's repeated hour to equal no time of another zone
    assert dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=int(utc[0])) == expected.astimezone(dt.UTC)
    assert iso(utc[:1], written[:1]).to_pylist() == [expected.isoformat(timespec="seconds")]


@pytest.mark.parametrize("text", ["2026-13-01T10:00:00", "2026-02-29T10:00:00", "2026-04-31 10:00",
                                  "2026-04-01T24:00:00", "2026-04-01T10:00:00+24:00", "2026-04-01X10:00:00",
                                  " 2026-04-01T10:00:00", "2026-04-01T10:00:00.5", "0001-01-01T00:00:00"])
def test_what_the_array_reader_leaves_to_the_scalar_one(text: str) -> None:
    assert instants(pa.array([text]), Zone(STOCKHOLM), True) is None


@settings(max_examples=500, deadline=None)
@given(moment=st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2060, 12, 1),
                           timezones=st.just(dt.UTC)).map(lambda m: m.replace(microsecond=0)),
       shape=st.integers(0, 4), edits=st.lists(st.tuples(st.integers(0, 24), st.sampled_from("0123456789:-+TZ ax9")),
                                               min_size=1, max_size=3))
def test_a_damaged_timestamp_is_read_as_parse_instant_reads_it_or_left_to_it(
        moment: dt.datetime, shape: int, edits: list[tuple[int, str]]) -> None:
    # digits, marks and offsets changed in place: what the array reader takes, it reads as
    # parse_instant does; what parse_instant cannot read, the array reader leaves to it
    text = list(_written(moment, shape))
    for at, char in edits:
        text[at % len(text)] = char
    value = "".join(text)
    got = instants(pa.array([value]), Zone(STOCKHOLM), True)
    try:
        expected = parse_instant(value, STOCKHOLM)
    except ValueError:
        assert got is None
        return
    if got is not None:
        utc, written = got
        assert dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=int(utc[0])) == \
            expected.astimezone(dt.UTC)
        offset = expected.utcoffset()
        assert offset is not None and int(written[0]) == offset // dt.timedelta(microseconds=1)


@pytest.mark.parametrize("name", ["Europe/Stockholm", "Australia/Lord_Howe", "America/St_Johns", "Asia/Kolkata"])
def test_a_zones_offsets_by_the_hour_are_those_python_gives_each_hour(name: str) -> None:
    # taken a day at a time where the offset is the same at its start and end: the same table
    # as asking at the start and end of every hour (DST nights, half-hour changes, odd offsets)
    from zoneinfo import ZoneInfo

    from generator.deadlines.vector_parse import US_HOUR, US_MIN

    zone = ZoneInfo(name)
    first = (dt.datetime(2025, 12, 30, 5, tzinfo=dt.UTC) - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // dt.timedelta(hours=1)
    hours = np.arange(first, first + 2 * 366 * 24)

    def offset(us: int) -> int:
        moment = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=us)
        found = moment.astimezone(zone).utcoffset()
        assert found is not None
        return found // dt.timedelta(microseconds=1)

    expected = []
    for hour in hours.tolist():
        start, end = offset(hour * US_HOUR), offset(hour * US_HOUR + US_HOUR - 1)
        expected.append(start if start == end and start % US_MIN == 0 else NONE)
    table = Zone(zone)
    table.offsets_at(hours[len(hours) // 2:len(hours) // 2 + 5] * US_HOUR)  # a table grown both ways after
    assert table.offsets_at(hours * US_HOUR + 1).tolist() == expected
    assert len(set(expected) - {NONE}) == (1 if name == "Asia/Kolkata" else 2)  # two years of DST changes, or none
    # changes at half past a UTC hour (Lord Howe's, St John's): those hours marked
    assert (NONE in expected) == (name in ("Australia/Lord_Howe", "America/St_Johns"))


def _export(path: Path, rows: int, *, extra: str = "", seed: int = 3) -> Path:
    """An export like the benchmark's backlog mix: one case in seven unanswered."""
    rng = random.Random(seed)
    start = dt.datetime(2026, 1, 2, 7, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    lines = ["case_id,unit,case_type,received_at,answered_at,partial_answer_at"]
    for i in range(rows):
        received = start + dt.timedelta(minutes=rng.randrange(300 * 24 * 60))
        answered = received + dt.timedelta(minutes=rng.randrange(1, 8 * 24 * 60)) if rng.random() >= 1 / 7 else None
        partial = received + dt.timedelta(hours=rng.randrange(1, 30)) if rng.random() < 0.2 else None
        lines.append(f"C-{i},{rng.choice(['mott', 'avd', 'Testmottagningen'])},"
                     f"{rng.choice(['begar-intyg', 'egenremiss', 'synpunkter-klagomal'])},{received.isoformat()},"
                     f"{answered.isoformat() if answered else ''},{partial.isoformat() if partial else ''}")
        if extra and i == rows // 2:
            lines.append(extra)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_batch_of_more_rows_than_a_short_counts_agrees_with_the_scalar_judge(setup: Setup, tmp_path: Path) -> None:
    # its results put in file order by a sort on two keys, not a radix sort on the row alone
    path = _export(tmp_path / "cases.csv", 70_000)
    checker = setup.checker
    _same(check_csv(path, read_header(path), checker, 64 << 20), _scalar(path, checker), setup.project)


@pytest.mark.parametrize("extra", ["", "C-bad,mott,egenremiss,inte en tid,,", 'C-"q",mott,egenremiss,2026-05-05,,',
                                   "C-unknown,nowhere,egenremiss,2026-05-05T10:00:00+02:00,,"])
@pytest.mark.parametrize("fmt", ["text", "html", "json", "csv"])
def test_every_format_is_the_scalar_one_byte_for_byte(setup: Setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        extra: str, fmt: str) -> None:
    cases = _export(tmp_path / "cases.csv", 25_000 if fmt == "text" and not extra else 3_000, extra=extra)
    argv = ("deadlines", "--root", str(setup.root), "--cases", str(cases), "--now", NOW.isoformat(),
            "--format", fmt, "--jobs", "1")
    vector = run(*argv)
    monkeypatch.setenv("ROUTINES_DEADLINES", "scalar")
    scalar = run(*argv)
    assert (vector.code, vector.err) == (scalar.code, scalar.err)
    assert vector.out == scalar.out
    assert vector.code == 1 and "C-" in vector.out



@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_two_workers_write_what_one_process_and_the_scalar_judge_write(setup: Setup, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """An export large enough to be cut in two (over 4 MB), with a bad row and an unknown unit in
    each half: two workers judge a half each and write their lines to files of their own."""
    cases = _export(tmp_path / "cases.csv", 50_000, extra="C-bad,mott,egenremiss,inte en tid,,")
    with cases.open("a", encoding="utf-8") as handle:  # (no quotes: a quoted field keeps an export in one process)
        handle.write("C-unknown,nowhere,egenremiss,2026-05-05T10:00:00+02:00,,\nC-bad2,mott,egenremiss,2026-02-30,,\n")
    assert cases.stat().st_size > 4_000_000
    argv = ("deadlines", "--root", str(setup.root), "--cases", str(cases), "--now", NOW.isoformat(), "--format", fmt)
    two = run(*argv, "--jobs", "2")
    one = run(*argv, "--jobs", "1")
    monkeypatch.setenv("ROUTINES_DEADLINES", "scalar")
    scalar = run(*argv, "--jobs", "1")
    assert (two.code, two.err, two.out) == (one.code, one.err, one.out)
    assert (two.code, two.err, two.out) == (scalar.code, scalar.err, scalar.out)
    assert two.code == 1 and "C-49999" in two.out and "C-unknown" in (two.out + two.err)


def test_the_command_writes_the_same_bytes_to_a_real_stream(setup: Setup, tmp_path: Path) -> None:
    """Through a real standard output (a file): the vector lines go to its buffer as UTF-8 bytes."""
    import os
    import subprocess
    import sys

    cases = _export(tmp_path / "cases.csv", 20_000)
    outputs = []
    for judge_kind in ("", "scalar"):
        target = tmp_path / f"out-{judge_kind or 'vector'}.txt"
        with target.open("wb") as handle:
            done = subprocess.run(
                [sys.executable, "-c", "import sys; from generator.cli.app import main; sys.exit(main())", "deadlines",
                 "--root", str(setup.root), "--cases", str(cases), "--now", NOW.isoformat(), "--lang", "sv"],
                stdout=handle, stderr=subprocess.PIPE, check=False, cwd=Path(__file__).resolve().parents[1],
                env={**os.environ, "ROUTINES_DEADLINES": judge_kind, "PYTHONIOENCODING": "utf-8"})
        assert done.returncode == 1, done.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert "rad " in outputs[0].decode("utf-8") and outputs[0].count(b"\n") > 10_000


@st.composite
def workbook_rows(draw: st.DrawFn) -> list[list[object]]:
    """Rows of a case export as a workbook holds them: date cells (local time; at 00:00, which
    calamine gives as dates; now and then with a fraction of a second), timestamps as text, empty
    cells, case ids as numbers; now and then a row the scalar reader must tell about."""
    n = draw(st.integers(1, 40))
    rare = draw(st.booleans())
    rows: list[list[object]] = []
    for i in range(n):
        base = draw(st.sampled_from(HARD)) if draw(st.booleans()) else dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        received = (base + dt.timedelta(minutes=draw(st.integers(0, 6 * 60 if base in HARD else 364 * 24 * 60))))

        def cell(moment: dt.datetime) -> object:
            local = moment.astimezone(STOCKHOLM).replace(tzinfo=None)
            kind = draw(st.integers(0, 5 if rare else 2))
            if kind == 1:
                return (local + dt.timedelta(days=1)).replace(hour=0, minute=0)  # a date cell at midnight
            if kind == 3:
                return local.strftime("%Y-%m-%d %H:%M")  # the timestamp as text
            if kind == 4:
                return local.replace(microsecond=500_000)
            if kind == 5:
                return "inte en tid"
            return local

        answered = cell(received + dt.timedelta(minutes=draw(st.integers(0, 5 * 24 * 60)))) \
            if draw(st.integers(0, 3)) else None
        partial = cell(received + dt.timedelta(minutes=draw(st.integers(0, 2 * 24 * 60)))) \
            if not draw(st.integers(0, 3)) else None
        case_id: object = f"C-{i}" if draw(st.booleans()) else 1000 + i
        unit = draw(st.sampled_from(["mott", "avd", "vht", "Testmottagningen"] + (["okänd"] if rare else [])))
        case_type = draw(st.sampled_from(["begar-intyg", "egenremiss", "synpunkter-klagomal", "Begär intyg"]))
        rows.append([case_id, unit, case_type, cell(received), answered, partial])
        if rare and not draw(st.integers(0, 9)):
            rows.append([None] * 6)  # an empty row
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=workbook_rows(), piece=st.sampled_from([600, 3000, 4 << 20]))
def test_a_workbook_judged_by_the_vector_judge_is_judged_as_by_the_scalar_one(
        setup: Setup, tmp_path: Path, rows: list[list[object]], piece: int) -> None:
    """Pieces of a few rows each (``piece`` bytes of XML), so that pieces for each judge follow
    each other; the summaries and the text report must be the same."""
    import os

    from openpyxl import Workbook

    from generator.content import workbook
    from generator.deadlines.report import LateLines
    from generator.deadlines.run import check_export

    book = Workbook()
    sheet = book.active
    sheet.append(["Ärendenummer", "Enhet", "Ärendetyp", "Inkom", "Besvarad", "Delsvar"])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "cases.xlsx"
    book.save(path)
    summaries = []
    before, small = (workbook.PIECE, workbook.FIRST_PIECE), (piece, min(piece, workbook.FIRST_PIECE))
    try:
        workbook.PIECE, workbook.FIRST_PIECE = small
        for kind in ("", "scalar"):
            os.environ["ROUTINES_DEADLINES"] = kind
            summaries.append(check_export(path, setup.checker, None, 1)[0])
        os.environ["ROUTINES_DEADLINES"] = ""  # and each piece's late cases made into lines as it is judged
        lines = check_export(path, setup.checker, None, 1, lines=LateLines(setup.project, messages("sv")))[0]
    finally:
        workbook.PIECE, workbook.FIRST_PIECE = before
        os.environ.pop("ROUTINES_DEADLINES", None)
    _same(summaries[0], summaries[1], setup.project)
    _same(lines, summaries[1], setup.project, counted=True)
    texts = []
    for summary in (lines, summaries[1]):
        out = io.StringIO()
        write_text(summary, out, setup.project, NOW, messages("sv"))
        texts.append(out.getvalue())
    assert texts[0] == texts[1]


def test_a_clean_workbook_goes_to_the_vector_judge_whole(setup: Setup, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Excel's own shape (shared strings, date cells, empty cells, midnights as dates, case ids
    as numbers): every late result is in the vector judge's tables, none in the scalar lists,
    and the command's reports (text, JSON, CSV) are the scalar one's byte for byte."""
    from openpyxl import Workbook

    from generator.content import workbook
    from generator.deadlines.run import check_export

    rng = random.Random(5)
    book = Workbook()
    sheet = book.active
    sheet.append(["Ärendenummer", "Enhet", "Ärendetyp", "Inkom", "Besvarad", "Delsvar"])
    start = dt.datetime(2026, 1, 2, 7)
    for i in range(3000):
        received = start + dt.timedelta(minutes=rng.randrange(300 * 24 * 60))
        answered = received + dt.timedelta(minutes=rng.randrange(1, 8 * 24 * 60)) if rng.random() >= 1 / 7 else None
        if answered is not None and i % 50 == 0:
            answered = (answered + dt.timedelta(days=1)).replace(hour=0, minute=0)
        sheet.append([i if i % 2 else f"C-{i}", rng.choice(["mott", "avd", "Testmottagningen"]),
                      rng.choice(["begar-intyg", "egenremiss", "synpunkter-klagomal"]), received, answered, None])
    path = tmp_path / "cases.xlsx"
    book.save(path)
    monkeypatch.setattr(workbook, "PIECE", 20_000)
    summary, _ = check_export(path, setup.checker, None, 1)
    chunks = list(summary.problems.chunks())
    assert len(summary.problems) > 100 and all(not isinstance(c, list) for c in chunks) and len(chunks) > 5
    for fmt in ("text", "json", "csv"):
        argv = ("deadlines", "--root", str(setup.root), "--cases", str(path), "--now", NOW.isoformat(), "--jobs", "1",
                "--format", fmt, *(("--csv-delimiter", ";") if fmt == "csv" else ()))
        monkeypatch.delenv("ROUTINES_DEADLINES", raising=False)
        vector = run(*argv)
        monkeypatch.setenv("ROUTINES_DEADLINES", "scalar")
        scalar = run(*argv)
        assert (vector.code, vector.out, vector.err) == (scalar.code, scalar.out, scalar.err), fmt
        assert vector.code == 1 and ("answered 2026-" in vector.out if fmt == "text" else "overdue" in vector.out)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=exports(), batch=st.sampled_from([120, 400, 1 << 20]), report=st.sampled_from(["json", "csv"]),
       delimiter=st.sampled_from([",", ";"]), ids=st.lists(st.sampled_from(["C;1", "C\\1", "C\t1", "Cé1", "C 1"]),
                                                           max_size=3))
def test_every_result_line_is_the_scalar_ones(setup: Setup, tmp_path: Path, rows: list[str], batch: int, report: str,
                                              delimiter: str, ids: list[str]) -> None:
    """The JSON and CSV reports' lines, each result of each case, as the scalar formatters write
    them: case ids that JSON escapes or CSV quotes among them (a separator of the report, a
    backslash, a tab, a letter beyond ASCII, a space)."""
    from generator.deadlines.report import csv_formatter, result_json
    from generator.deadlines.vector_csv import check_csv_results
    from generator.deadlines.vector_results import ResultKind

    rows = [f"{ids[i % len(ids)]}{row[row.index(','):]}" if ids and i % 3 == 0 else row for i, row in enumerate(rows)]
    path = tmp_path / "cases.csv"
    path.write_text("case_id,unit,case_type,received_at,answered_at,partial_answer_at\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")
    formatter = result_json if report == "json" else csv_formatter(delimiter)
    sink = io.BytesIO()
    vector = check_csv_results(path, read_header(path), setup.checker, formatter, ResultKind(report, delimiter), sink,
                               batch)
    scalar = Summary()
    expected = "".join(formatter(r) + "\n" for r in judge(read_cases(path, STOCKHOLM), setup.checker, scalar))
    assert sink.getvalue().decode("utf-8") == expected
    _same(vector, scalar, setup.project, counted=True)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.text(alphabet=st.sampled_from(["a", "é", ",", ";", '"', "\r", " ", "1"]), max_size=12),
                      max_size=30), size=st.integers(1, 40), split=st.integers(0, 30))
def test_result_lines_read_in_blocks_are_the_lines_read_one_by_one(tmp_path_factory: pytest.TempPathFactory,
                                                                   lines: list[str], size: int, split: int) -> None:
    """What the JSON and CSV writers take (blocks of whole lines) is what they took line by line,
    over parts of any size and lines with carriage returns (read with universal newlines)."""
    from generator.deadlines.report import write_csv
    from generator.deadlines.run import ResultRows

    def rows() -> ResultRows:
        tmp = tmp_path_factory.mktemp("parts")
        files = []
        for n, part in enumerate((lines[:split], lines[split:])):
            name = tmp / f"part-{n}"
            name.write_bytes("".join(line + "\n" for line in part).encode("utf-8"))
            files.append(str(name))
        return ResultRows(files, str(tmp))

    read = rows()
    one_by_one = []  # as a text file is read line by line (universal newlines)
    for name in read.files:
        with open(name, encoding="utf-8") as handle:
            one_by_one.extend(line.rstrip("\n") for line in handle)
    assert list(read) == one_by_one
    assert "".join(rows().blocks(size)) == "".join(line + "\n" for line in one_by_one)
    by_blocks, by_lines = io.StringIO(), io.StringIO()
    write_csv(rows(), Summary(), by_blocks)
    write_csv(iter(one_by_one), Summary(), by_lines)
    assert by_blocks.getvalue() == by_lines.getvalue()
