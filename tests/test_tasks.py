"""``routines tasks``: recurring tasks per unit and role, the task log, the calendar feed.

No test depends on the real date: every run passes ``--today``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator.cli import app as cli
from generator.cli import tasks as cli_tasks
from generator.content.project import load_project
from generator.core.calendar import SwedishCalendar
from generator.core.errors import GeneratorError
from generator.core.ics import ics_escape, ics_fold
from generator.core.messages import messages
from generator.staffing.task_log import judge, read_log
from generator.staffing.task_report import to_ics
from generator.staffing.tasks import Occurrence, occurrences, periods, unit_tasks
from tests.conftest import REPO, Result, copy_demo

LOG = REPO / "examples" / "task-log-demo.csv"
SU = "SU9771-677637494-103"
SU_FILE = "routines/su/1177-e-tjanster-rollbeskrivning.md"
MOTTAGNINGAR = ["su-bcc-mott", "su-ogon-mott"]
D = dt.date.fromisoformat


def tasks_cli(*argv: str, lang: str = "en") -> Result:
    """``routines tasks ...`` in-process, through this module's own parser (cli/app.py wires it in
    separately), with the CLI's exit status for errors."""
    parser = argparse.ArgumentParser(prog="routines")
    commands = parser.add_subparsers(dest="command", required=True)
    en = messages("en")
    cli_tasks.add_parsers(commands, functools.partial(cli._common, t=en), en)
    out, err = io.StringIO(), io.StringIO()
    try:
        args = parser.parse_args(["tasks", *argv])
    except SystemExit as exit_:
        return Result(2 if exit_.code else 0, "", "")
    args.lang, args.t = lang, messages(lang)
    try:
        code = cli_tasks.run_tasks(args, out, err)
    except GeneratorError as error:
        err.write(f"routines: error: {error}\n")
        code = 2
    return Result(code, out.getvalue(), err.getvalue())


def demo_occurrences(start: str, end: str, root: Path = REPO) -> list[Occurrence]:
    project = load_project(root)
    calendar = SwedishCalendar(project.config.closed_days, project.config.timezone)
    tasks = unit_tasks(project.routines, project.organisation, project.catalog)
    return occurrences(tasks, project.catalog, calendar, D(start), D(end))


def demo_json(*argv: str) -> dict[str, Any]:
    result = tasks_cli("--root", str(REPO), "--format", "json", *argv)
    assert result.code in (0, 1), result.err
    payload: dict[str, Any] = json.loads(result.out)
    return payload


def _edit_su(root: Path, old: str, new: str) -> None:
    path = root / SU_FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- occurrences --------------------------------------------------------------------------------


def test_weekly_review_of_su_appears_weekly_for_each_mottagning() -> None:
    """The acceptance criterion of issue 5."""
    payload = demo_json("--from", "2026-04-01", "--to", "2026-04-30", "--today", "2026-04-01")
    review = [o for o in payload["occurrences"] if o["rule"] == "veckogenomgang"]
    assert sorted({o["unit"] for o in review}) == MOTTAGNINGAR
    assert {o["routine"] for o in payload["occurrences"]} == {SU}
    weeks = ["2026-W14", "2026-W15", "2026-W16", "2026-W17", "2026-W18"]
    for unit in MOTTAGNINGAR:
        assert [o["period"] for o in review if o["unit"] == unit] == weeks
    first = review[0]
    assert first == {**first, "routine": SU, "title": "1177 e-tjänster rollbeskrivning", "unit": "su-bcc-mott",
                     "unit_name": "Barncancercentrum öppenvårdsmottagning", "role": "arendemottagare",
                     "role_name": "Ärendemottagare", "every": "week", "status": "unknown",
                     "task": "Se över att handläggning av fördelade ärenden har påbörjats",
                     "file": SU_FILE}
    for o in payload["occurrences"]:
        assert set(o) >= {"routine", "title", "rule", "unit", "unit_name", "role", "role_name", "task",
                          "period", "from", "to", "due", "status"}
    # Units in tree order (Barncancercentrum before Ögonsjukvård), then by period.
    assert [o["unit"] for o in review] == ["su-bcc-mott"] * 5 + ["su-ogon-mott"] * 5
    assert payload["errors"] == []


def test_week_boundaries_and_due_date_in_the_week_of_midsommar() -> None:
    # From a Wednesday to a Tuesday: the whole ISO weeks that overlap, Monday to Sunday.
    found = demo_occurrences("2026-06-17", "2026-06-23")
    bcc = [o for o in found if o.unit == "su-bcc-mott"]
    assert [(o.period.label, o.period.first, o.period.last, o.due) for o in bcc] == [
        # Friday 19 June is midsommarafton, not a vardag: due Thursday 18 June.
        ("2026-W25", D("2026-06-15"), D("2026-06-21"), D("2026-06-18")),
        ("2026-W26", D("2026-06-22"), D("2026-06-28"), D("2026-06-26")),
    ]


def test_weeks_across_easter_and_new_year() -> None:
    found = [o for o in demo_occurrences("2026-03-30", "2026-04-12") if o.unit == "su-ogon-mott"]
    # Långfredag 3 April: due Thursday 2 April; annandag påsk (Mon 6 April) does not move Friday 10.
    assert [(o.period.label, o.due) for o in found] == [("2026-W14", D("2026-04-02")),
                                                        ("2026-W15", D("2026-04-10"))]
    found = [o for o in demo_occurrences("2026-12-30", "2027-01-06") if o.unit == "su-ogon-mott"]
    # ISO 2026 has 53 weeks; nyårsafton and nyårsdagen are closed: due Wednesday 30 December.
    assert [(o.period.label, o.period.first, o.period.last, o.due) for o in found] == [
        ("2026-W53", D("2026-12-28"), D("2027-01-03"), D("2026-12-30")),
        ("2027-W01", D("2027-01-04"), D("2027-01-10"), D("2027-01-08")),
    ]


def test_no_occurrence_before_valid_from_or_after_valid_to() -> None:
    # SU's routine is valid from Tuesday 2025-03-25 to Thursday 2027-03-25.
    assert demo_occurrences("2025-01-01", "2025-03-23") == []
    payload = demo_json("--from", "2025-01-01", "--to", "2025-03-23", "--today", "2025-03-01")
    assert payload["occurrences"] == []
    first = [o for o in demo_occurrences("2025-03-17", "2025-03-30") if o.unit == "su-bcc-mott"]
    # In force from the Tuesday of week 13: that week counts, week 12 does not.
    assert [(o.period.label, o.due) for o in first] == [("2025-W13", D("2025-03-28"))]
    last = [o for o in demo_occurrences("2027-03-15", "2027-04-04") if o.unit == "su-bcc-mott"]
    # Its last week ends for it on Thursday 25 March: due then; nothing after it.
    assert [(o.period.label, o.due) for o in last] == [("2027-W11", D("2027-03-19")),
                                                       ("2027-W12", D("2027-03-25"))]
    assert demo_occurrences("2027-03-29", "2027-12-31") == []


def test_drafts_impose_no_tasks(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    _edit_su(root, "status: published", "status: draft")
    assert demo_occurrences("2026-04-01", "2026-04-30", root) == []


def test_selector_and_inheritance_pick_only_the_mottagningar(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    _edit_su(root, "units: {kind: mottagning}\n      every: week", "every: week")
    units = {o.unit for o in demo_occurrences("2026-04-06", "2026-04-12", root)}
    assert units == {"su", "su-bcc", "su-bcc-mott", "su-bcc-avd321", "su-ogon", "su-ogon-mott"}


def test_daily_monthly_and_yearly_tasks(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    _edit_su(root, "every: week", "every: day")
    daily = [o for o in demo_occurrences("2026-06-15", "2026-06-21", root) if o.unit == "su-bcc-mott"]
    # Every vardag, none on midsommarafton or the weekend.
    assert [o.period.label for o in daily] == ["2026-06-15", "2026-06-16", "2026-06-17", "2026-06-18"]
    assert all(o.due == o.period.first == o.period.last for o in daily)
    _edit_su(root, "every: day", "every: month")
    monthly = [o for o in demo_occurrences("2026-11-30", "2027-01-01", root) if o.unit == "su-bcc-mott"]
    assert [(o.period.label, o.period.first, o.period.last, o.due) for o in monthly] == [
        ("2026-11", D("2026-11-01"), D("2026-11-30"), D("2026-11-30")),
        ("2026-12", D("2026-12-01"), D("2026-12-31"), D("2026-12-30")),
        ("2027-01", D("2027-01-01"), D("2027-01-31"), D("2027-01-29")),
    ]
    _edit_su(root, "every: month", "every: year")
    yearly = [o for o in demo_occurrences("2025-01-01", "2030-12-31", root) if o.unit == "su-bcc-mott"]
    # In force 2025-03-25 to 2027-03-25: 2027's occurrence is due on its last day in force.
    assert [(o.period.label, o.due) for o in yearly] == [("2025", D("2025-12-30")), ("2026", D("2026-12-30")),
                                                        ("2027", D("2027-03-25"))]


def test_periods() -> None:
    assert [p.label for p in periods("week", D("2026-01-01"), D("2026-01-05"))] == ["2026-W01", "2026-W02"]
    assert [p.first for p in periods("week", D("2026-01-01"), D("2026-01-05"))] == [D("2025-12-29"),
                                                                                    D("2026-01-05")]
    assert [p.label for p in periods("month", D("2024-02-29"), D("2024-03-01"))] == ["2024-02", "2024-03"]
    assert next(periods("month", D("2024-02-10"), D("2024-02-10"))).last == D("2024-02-29")
    assert [p.label for p in periods("year", D("2026-12-31"), D("2027-01-01"))] == ["2026", "2027"]
    assert len(list(periods("day", D("2026-01-01"), D("2026-12-31")))) == 365
    end_of_time = list(periods("week", D("9999-12-20"), D("9999-12-31")))  # no overflow
    assert [(p.label, p.last) for p in end_of_time] == [("9999-W51", D("9999-12-26")), ("9999-W52", D("9999-12-31"))]


def test_closed_days_from_routines_toml_move_the_due_date(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "routines.toml").write_text('[calendar]\nclosed_days = ["2026-06-18"]\n', encoding="utf-8")
    found = [o for o in demo_occurrences("2026-06-15", "2026-06-21", root) if o.unit == "su-bcc-mott"]
    assert [o.due for o in found] == [D("2026-06-17")]


def test_to_before_from_is_a_usage_error() -> None:
    result = tasks_cli("--root", str(REPO), "--from", "2026-04-30", "--to", "2026-04-01", "--today", "2026-04-01")
    assert result.code == 2 and "before --from" in result.err
    assert tasks_cli("--root", str(REPO), "--from", "2026-04-31", "--to", "2026-05-01").code == 2
    assert tasks_cli("--root", str(REPO), "--from", "20260401", "--to", "2026-05-01").code == 2
    assert tasks_cli("--root", str(REPO), "--to", "2026-05-01").code == 2


# --- the task log ----------------------------------------------------------------------------------

EXAMPLE_RANGE = ("--from", "2026-03-30", "--to", "2026-04-26", "--today", "2026-04-22")
# Worked out by hand from examples/task-log-demo.csv, as of Wednesday 22 April 2026 (week 17).
EXPECTED = {
    ("su-bcc-mott", "2026-W14"): ("done", "2026-04-02"),    # by rule id
    ("su-bcc-mott", "2026-W15"): ("done", "2026-04-09"),    # ROUTINE#RULE, unit by name
    ("su-bcc-mott", "2026-W16"): ("missed", None),          # no row; the week has ended
    ("su-bcc-mott", "2026-W17"): ("done", "2026-04-21"),    # by the task's text
    ("su-ogon-mott", "2026-W14"): ("done", "2026-04-04"),   # a Saturday, after the due date: still that week
    ("su-ogon-mott", "2026-W15"): ("missed", None),
    ("su-ogon-mott", "2026-W16"): ("done", "2026-04-15"),
    ("su-ogon-mott", "2026-W17"): ("pending", None),        # the current week
}
EXPECTED_ERRORS = [
    (7, "does not apply to unit 'su-bcc-avd321'"),
    (8, "done_on '2026-04-31' is not a date"),
    (9, "unknown unit 'okänd-mottagning'"),
    (10, "unknown task 'veckomöte'"),
    (11, "unit is empty"),
]


def test_done_missed_and_pending_with_the_example_log() -> None:
    result = tasks_cli("--root", str(REPO), "--format", "json", "--log", str(LOG), *EXAMPLE_RANGE)
    assert result.code == 1  # the log shows missed occurrences
    payload = json.loads(result.out)
    got = {(o["unit"], o["period"]): (o["status"], o["done_on"]) for o in payload["occurrences"]}
    assert got == EXPECTED
    assert payload["summary"] == {"done": 5, "missed": 2, "pending": 1, "unknown": 0}
    assert "2 missed occurrences" in result.err


def test_bad_log_rows_are_reported_with_their_lines_and_the_rest_is_used() -> None:
    payload = demo_json("--log", str(LOG), *EXAMPLE_RANGE)
    assert [e["line"] for e in payload["errors"]] == [line for line, _ in EXPECTED_ERRORS]
    for error, (_, text) in zip(payload["errors"], EXPECTED_ERRORS, strict=True):
        assert text in error["message"]
        assert set(error) == {"line", "message"}


def test_the_status_depends_on_today_only() -> None:
    # On the Sunday of week 16 that week is still pending; a week later it is missed.
    before = demo_json("--log", str(LOG), "--from", "2026-04-13", "--to", "2026-04-19", "--today", "2026-04-19")
    after = demo_json("--log", str(LOG), "--from", "2026-04-13", "--to", "2026-04-19", "--today", "2026-04-20")
    assert [o["status"] for o in before["occurrences"]] == ["pending", "done"]
    assert [o["status"] for o in after["occurrences"]] == ["missed", "done"]
    # As of 10 April, the row of 15 April has not happened yet: reported, not counted.
    early = demo_json("--log", str(LOG), "--from", "2026-04-06", "--to", "2026-04-12", "--today", "2026-04-10")
    assert [o["status"] for o in early["occurrences"]] == ["done", "pending"]
    assert any("after today" in e["message"] for e in early["errors"])


def test_without_a_log_every_status_is_unknown_and_the_exit_is_0() -> None:
    result = tasks_cli("--root", str(REPO), "--format", "json", *EXAMPLE_RANGE)
    assert result.code == 0
    payload = json.loads(result.out)
    assert {o["status"] for o in payload["occurrences"]} == {"unknown"}
    assert payload["errors"] == []


def test_a_log_with_nothing_missed_exits_0(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("task,unit,done_on\nveckogenomgang,su-bcc-mott,2026-04-14\n"
                   "veckogenomgang,su-ogon-mott,2026-04-17\n", encoding="utf-8")
    result = tasks_cli("--root", str(REPO), "--log", str(log), "--from", "2026-04-13", "--to", "2026-04-19",
                       "--today", "2026-04-20")
    assert result.code == 0, result.out


def test_log_columns_in_any_order_with_bom_crlf_and_quoting(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_bytes("\ufeffdone_on,Unit,task,comment\r\n"
                    '2026-04-14,su-bcc-mott,"SU9771-677637494-103#veckogenomgang","two\r\nlines"\r\n'
                    "\r\n"
                    "2026-04-15,su-ogon-mott,veckogenomgang,ok,extra\r\n"
                    "2026-04-15,,veckogenomgang,\r\n"
                    "2026-04-16,su-ogon-mott,  VECKOGENOMGANG ,\r\n".encode())
    project = load_project(REPO)
    tasks = unit_tasks(project.routines, project.organisation, project.catalog)
    parsed = read_log(log, tasks, project.organisation, D("2026-04-22"))
    assert [(e.line, messages("en").text(e.message)) for e in parsed.errors] == [
        (5, "5 fields where the header has 4"), (6, "unit is empty")]
    assert parsed.done == {(SU, "veckogenomgang", "su-bcc-mott"): [D("2026-04-14")],
                           (SU, "veckogenomgang", "su-ogon-mott"): [D("2026-04-16")]}


def test_an_ambiguous_task_asks_for_routine_and_rule(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    bcc = root / "routines/su-bcc/1177-vardguidens-e-tjanster.md"
    text = bcc.read_text(encoding="utf-8")
    assert "\nrules:\n" in text
    bcc.write_text(text.replace("\nrules:\n", "\nrules:\n  recurring:\n    - id: veckogenomgang\n"
                                "      role: arendemottagare\n      every: month\n      task: Följ upp\n", 1),
                   encoding="utf-8")
    log = tmp_path / "log.csv"
    log.write_text("task,unit,done_on\nveckogenomgang,su-bcc-mott,2026-04-14\n"
                   "veckogenomgang,su-ogon-mott,2026-04-14\n"
                   f"{SU}#veckogenomgang,su-bcc-mott,2026-04-14\n", encoding="utf-8")
    project = load_project(root)
    tasks = unit_tasks(project.routines, project.organisation, project.catalog)
    parsed = read_log(log, tasks, project.organisation, D("2026-04-22"))
    assert [e.line for e in parsed.errors] == [2]
    message = messages("en").text(parsed.errors[0].message)
    assert "ambiguous" in message and "ROUTINE#RULE" in message
    assert set(parsed.done) == {(SU, "veckogenomgang", "su-ogon-mott"), (SU, "veckogenomgang", "su-bcc-mott")}
    # Both routines' tasks appear for the BCC mottagning, sorted by routine.
    found = demo_occurrences("2026-04-01", "2026-04-07", root)
    assert [(o.unit, o.routine, o.period.label) for o in found if o.unit == "su-bcc-mott"] == [
        ("su-bcc-mott", SU, "2026-W14"), ("su-bcc-mott", SU, "2026-W15"),
        ("su-bcc-mott", "SU9774-1570060579-84", "2026-04")]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"case_id,unit,case_type,received_at\nA-1,su-bcc-mott,x,2026-04-01\n", "lacks the columns task, done_on"),
    (b"task,unit,done_on\nveckogenomgang,su-bcc-mott,2026-04-14\x00\n", "NUL"),
    (b"task,unit,done_on\nveckogenomgang,su-bcc-mott \xe5,2026-04-14\n", "not UTF-8"),
    (b'"task,unit,done_on\n', "not a CSV file"),
])
def test_a_file_that_is_not_a_task_log_is_an_error(tmp_path: Path, content: bytes, message: str) -> None:
    log = tmp_path / "log.csv"
    log.write_bytes(content)
    result = tasks_cli("--root", str(REPO), "--log", str(log), *EXAMPLE_RANGE)
    assert result.code == 2 and result.out == ""
    assert message in result.err and "Traceback" not in result.err


def test_a_missing_log_file_is_an_error(tmp_path: Path) -> None:
    result = tasks_cli("--root", str(REPO), "--log", str(tmp_path / "nope.csv"), *EXAMPLE_RANGE)
    assert result.code == 2 and "does not exist" in result.err


# --- reports ---------------------------------------------------------------------------------------


def test_text_report_groups_per_unit_and_role() -> None:
    result = tasks_cli("--root", str(REPO), "--log", str(LOG), *EXAMPLE_RANGE)
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == "Recurring tasks 2026-03-30 to 2026-04-26 (today 2026-04-22): 8 occurrences"
    bcc = lines.index("Barncancercentrum öppenvårdsmottagning (su-bcc-mott)")
    assert lines[bcc + 1] == "  Ärendemottagare (arendemottagare)"
    assert lines[bcc + 2].startswith("    Se över att handläggning av fördelade ärenden har påbörjats: weekly")
    assert lines[bcc + 3] == "      2026-W14  2026-03-30 to 2026-04-05  due Thu 2026-04-02  done 2026-04-02"
    assert lines[bcc + 5] == "      2026-W16  2026-04-13 to 2026-04-19  due Fri 2026-04-17  missed"
    assert "Ögonmottagningen Mölndal (su-ogon-mott)" in lines
    assert "Task log: 10 rows; done 5, missed 2, pending 1" in lines
    assert "  line 8: done_on '2026-04-31' is not a date as YYYY-MM-DD" in lines
    assert result.err == ""


def _unfold(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


def _ics(*argv: str) -> bytes:
    result = tasks_cli("--root", str(REPO), "--format", "ics", *argv, lang="sv")
    assert result.code == 0, result.err
    return result.out.encode("utf-8")


def test_ics_calendar_structure() -> None:
    data = _ics("--from", "2026-06-01", "--to", "2026-06-30", "--today", "2026-05-15")
    assert data.endswith(b"\r\n")
    physical = data[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in physical)  # CRLF everywhere
    assert all(len(line) <= 75 for line in physical)
    assert any(line.startswith(b" ") for line in physical)  # long lines were folded
    lines = _unfold(data)[:-1]
    # BEGIN/END pairs nest properly.
    stack: list[str] = []
    for line in lines:
        if line.startswith("BEGIN:"):
            stack.append(line[6:])
        elif line.startswith("END:"):
            assert stack.pop() == line[4:]
    assert stack == []
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    header = lines[1:lines.index("BEGIN:VEVENT")]
    assert "VERSION:2.0" in header and "CALSCALE:GREGORIAN" in header
    assert any(line.startswith("PRODID:") for line in header)
    assert "X-WR-CALNAME:Rutinhandboken: återkommande uppgifter" in header
    events = [lines[i:lines.index("END:VEVENT", i)] for i, line in enumerate(lines) if line == "BEGIN:VEVENT"]
    found = demo_occurrences("2026-06-01", "2026-06-30")
    assert len(events) == len(found) == 10
    midsommar = next(e for e in events
                     if "UID:SU9771-677637494-103.veckogenomgang.su-bcc-mott.2026-W25@routines" in e)
    assert "DTSTART;VALUE=DATE:20260618" in midsommar and "DTEND;VALUE=DATE:20260619" in midsommar
    assert "DTSTAMP:20260515T000000Z" in midsommar
    assert "SUMMARY:Ärendemottagare: Se över att handläggning av fördelade ärenden har påbörjats" in midsommar
    description = next(line for line in midsommar if line.startswith("DESCRIPTION:"))
    assert "Barncancercentrum öppenvårdsmottagning (su-bcc-mott)\\n" in description
    assert "1177 e-tjänster rollbeskrivning (SU9771-677637494-103#veckogenomgang)" in description
    for event in events:
        keys = [line.split(":", 1)[0].split(";", 1)[0] for line in event]
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"} <= set(keys)
        assert len(keys) == len(set(keys))
    uids = [line for e in events for line in e if line.startswith("UID:")]
    assert len(set(uids)) == len(uids)


def test_ics_is_reproducible_and_uids_are_stable() -> None:
    args = ("--from", "2026-06-01", "--to", "2026-06-30", "--today", "2026-05-15")
    assert _ics(*args) == _ics(*args)
    # A wider window and another day: the same occurrences keep their UIDs.
    june = set(re.findall(rb"UID:(\S+)", _ics(*args)))
    wider = set(re.findall(rb"UID:(\S+)", _ics("--from", "2026-05-01", "--to", "2026-07-31",
                                               "--today", "2026-06-03")))
    assert june and june < wider


def test_ics_escaping_and_folding() -> None:
    assert ics_escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    line = "SUMMARY:" + "åäö" * 40
    folded = ics_fold(line)
    parts = folded.encode("utf-8").split(b"\r\n")
    assert all(len(p) <= 75 for p in parts) and all(p.startswith(b" ") for p in parts[1:])
    assert folded.replace("\r\n ", "") == line  # no character split
    assert ics_fold("X:short") == "X:short"
    assert all(len(p) <= 75 for p in ics_fold("X:" + "a" * 300).encode().split(b"\r\n"))


def test_ics_escapes_text_from_the_routines() -> None:
    found = demo_occurrences("2026-06-15", "2026-06-21")[:1]
    found[0].task = "Läs; svara, och\nnotera \\ allt"
    judge(found, None, D("2026-06-01"))
    text = to_ics(found, D("2026-06-01"), "Kalender, test")
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Ärendemottagare: Läs\\; svara\\, och\\nnotera \\\\ allt\r\n" in unfolded
    assert "X-WR-CALNAME:Kalender\\, test\r\n" in unfolded


# --- through ``routines`` itself, once cli/app.py knows the command --------------------------------------


def test_end_to_end_through_the_routines_command() -> None:
    from tests.conftest import run

    result = run("tasks", "--root", str(REPO), "--format", "json", "--log", str(LOG), *EXAMPLE_RANGE)
    assert result.code == 1
    payload = json.loads(result.out)
    assert {(o["unit"], o["period"]): (o["status"], o["done_on"]) for o in payload["occurrences"]} == EXPECTED
    assert run("tasks", "--root", str(REPO), "--from", "2026-04-30", "--to", "2026-04-01",
               "--today", "2026-04-01").code == 2


def test_the_task_calendar_follows_the_chosen_language() -> None:
    english = tasks_cli("--root", str(REPO), "--format", "ics", "--from", "2026-06-01", "--to", "2026-06-30",
                        "--today", "2026-05-15", lang="en")
    lines = _unfold(english.out.encode("utf-8"))
    assert "X-WR-CALNAME:Rutinhandboken: recurring tasks" in lines
    assert any(line.startswith("DESCRIPTION:Unit: ") for line in lines)
