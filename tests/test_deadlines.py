"""``routines deadlines`` and ``routines due`` on the shipped example export and the demo routines."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_demo, run

EXAMPLE = REPO / "examples" / "cases-demo.csv"
NOW = "2026-04-20T12:00:00+02:00"
SU, BCC = "SU9771-677637494-103", "SU9774-1570060579-84"

# Worked out by hand from SPEC 5 and 6 (see examples/README.md):
EXPECTED = {
    # Thu 2 April, 2 vardagar: Fri 3 (långfredag) and Mon 6 (annandag påsk) are closed -> Wed 8 April.
    ("A-1", SU, "svarstid"): ("2026-04-08", "met"),
    ("A-1", BCC, "svarstid"): ("2026-04-08", "met"),
    # Thu 9 April, 1 vardag -> Fri 10; the answer came Tue 14: late under SU, but the delsvar of
    # Fri 10 08:00 counts under BCC's complaint rule.
    ("A-2", SU, "svarstid-synpunkter"): ("2026-04-10", "late"),
    ("A-2", BCC, "synpunkter-delsvar"): ("2026-04-10", "met"),
    # Thu 16 April 12:00 local, 2 vardagar -> Mon 20, deadline Tue 21 00:00: open at Mon 20 12:00.
    ("A-3", SU, "svarstid"): ("2026-04-20", "open"),
    ("A-3", BCC, "svarstid"): ("2026-04-20", "open"),
    # Mon 13 April (naive, Stockholm), 2 vardagar -> Wed 15: no answer, overdue.
    ("A-4", SU, "svarstid"): ("2026-04-15", "overdue"),
    ("A-4", BCC, "svarstid"): ("2026-04-15", "overdue"),
    # 23:30 UTC Fri 27 March is Sat 28 March locally; 1 vardag -> Mon 30; answered Mon 15:00.
    ("A-5", SU, "svarstid-synpunkter"): ("2026-03-30", "met"),
    ("A-5", BCC, "synpunkter-delsvar"): ("2026-03-30", "met"),
    # Fri 17 April, 2 vardagar -> Tue 21; answered Wed 22 (the delsvar does not count under SU).
    ("A-6", SU, "svarstid"): ("2026-04-21", "late"),
}


def _json(*extra: str) -> dict:
    result = run("deadlines", "--root", str(REPO), "--cases", str(EXAMPLE), "--now", NOW, "--format", "json", *extra)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)


def test_statuses_worked_out_by_hand() -> None:
    payload = _json()
    got = {(r["case_id"], r["routine"], r["rule"]): (r["due_date"], r["status"]) for r in payload["results"]}
    assert got == EXPECTED
    for r in payload["results"]:
        assert set(r) >= {"case_id", "unit", "case_type", "routine", "rule", "due_date", "deadline",
                          "responded_at", "status"}
    a3 = next(r for r in payload["results"] if r["case_id"] == "A-3")
    assert (a3["unit"], a3["case_type"]) == ("su-bcc-mott", "begar-intyg")  # resolved by name and id
    a4 = next(r for r in payload["results"] if r["case_id"] == "A-4")
    assert a4["case_type"] == "av-omboka-tid" and a4["deadline"] == "2026-04-16T00:00:00+02:00"
    a2 = next(r for r in payload["results"] if r["case_id"] == "A-2" and r["routine"] == BCC)
    assert a2["responded_at"] == "2026-04-10T08:00:00+02:00"


def test_unmatched_cases_are_listed_not_dropped() -> None:
    unmatched = {u["case_id"] for u in _json()["unmatched"]}
    assert unmatched == {"A-7", "A-8"}  # no routine applies to vgr; none in force in January 2025


def test_bad_rows_are_reported_with_their_lines() -> None:
    errors = {e["line"]: e["message"] for e in _json()["errors"]}
    assert set(errors) == {10, 11, 12, 13}
    assert "unknown unit 'okänd-enhet'" in errors[10]
    assert "'igår' is not a timestamp" in errors[11]
    assert "case_type is empty" in errors[12]
    assert "answered_at is before received_at" in errors[13]


def test_exit_status_says_whether_anything_is_late_or_overdue() -> None:
    result = run("deadlines", "--root", str(REPO), "--cases", str(EXAMPLE), "--now", NOW)
    assert result.code == 1


def test_text_report() -> None:
    result = run("deadlines", "--root", str(REPO), "--cases", str(EXAMPLE), "--now", NOW)
    text = result.out
    # rows, cases judged, rows not checked and cases no rule covers are counted apart (6 + 4 + 2 = 12)
    assert text.startswith(f"Deadlines as of {NOW}. Rows read: 12. Cases judged: 6. Rows that could not be "
                           "checked: 4. Cases no rule covers: 2.\nA case counts once under its unit and case type, "
                           "with its worst result under the rules that judged it, and once under each routine that "
                           "judged it.\n\n")
    assert "\nBarncancercentrum öppenvårdsmottagning (su-bcc-mott): 4 cases\n" in text
    # A-2, late under SU and met under BCC's delsvar rule: one case, late, and once under each routine
    assert ("  Synpunkter och klagomål: 1 judged, 0 % met, 1 late, 0 overdue, 0 open\n"
            "    under 1177 e-tjänster rollbeskrivning (SU9771-677637494-103): 1 judged, 0 % met, 1 late, 0 overdue, "
            "0 open\n"
            "    under 1177 Vårdguidens e-tjänster (SU9774-1570060579-84): 1 judged, 100 % met, 0 late, 0 overdue, "
            "0 open\n") in text
    assert "  Begär intyg: 1 judged, – met, 0 late, 0 overdue, 1 open\n" in text
    assert ("  line 3: A-2 (Barncancercentrum öppenvårdsmottagning, Synpunkter och klagomål): late, due 2026-04-10 under 1177 e-tjänster "
            "rollbeskrivning (SU9771-677637494-103#svarstid-synpunkter), answered 2026-04-14T09:00:00+02:00\n") in text
    # a case overdue under two routines is one case, listed once with both
    assert text.count("line 5: A-4") == 1
    assert ("  line 5: A-4 (Barncancercentrum öppenvårdsmottagning, Av-/omboka tid): overdue, due 2026-04-15 under 1177 Vårdguidens e-tjänster "
            "(SU9774-1570060579-84#svarstid); overdue, due 2026-04-15 under 1177 e-tjänster rollbeskrivning "
            "(SU9771-677637494-103#svarstid)\n") in text
    assert "\nNo deadline rule covers:\n  line 8: A-7 (Västra Götalandsregionen, Egenremiss, received 2026-04-01T10:00:00+02:00)\n" in text
    assert "  line 11: 'igår' is not a timestamp such as 2026-04-02T09:15:00+02:00 (column received_at)\n" in text


def test_csv_report() -> None:
    """RFC 4180 (CRLF line ends), UTF-8 with a byte order mark so that Excel shows å, ä, ö."""
    result = run("deadlines", "--root", str(REPO), "--cases", str(EXAMPLE), "--now", NOW, "--format", "csv")
    assert result.out.startswith("\ufeffline,case_id,") and result.out.count("\r\n") == result.out.count("\n")
    lines = result.out.removeprefix("\ufeff").splitlines()
    assert lines[0] == "line,case_id,unit,case_type,routine,rule,due_date,deadline,responded_at,status"
    assert len(lines) == 1 + len(EXPECTED)
    rows = list(csv.reader(io.StringIO(result.out.removeprefix("\ufeff"), newline="")))
    assert rows[1][2] == "su-bcc-mott" and len(rows) == 1 + len(EXPECTED)


def test_csv_for_a_swedish_excel(tmp_path: Path) -> None:
    """--csv-delimiter ';' (or csv_delimiter in routines.toml): what a Swedish Excel splits into columns."""
    semicolon = run("deadlines", "--root", str(REPO), "--cases", str(EXAMPLE), "--now", NOW, "--format", "csv",
                    "--csv-delimiter", ";").out
    rows = list(csv.reader(io.StringIO(semicolon.removeprefix("\ufeff"), newline=""), delimiter=";"))
    plain = list(csv.reader(io.StringIO(run("deadlines", "--root", str(REPO), "--cases", str(EXAMPLE), "--now", NOW,
                                            "--format", "csv").out.removeprefix("\ufeff"), newline="")))
    assert rows == plain
    root = copy_demo(tmp_path)
    (root / "routines.toml").write_text('csv_delimiter = ";"\n', encoding="utf-8")
    configured = run("deadlines", "--root", str(root), "--cases", str(EXAMPLE), "--now", NOW, "--format", "csv").out
    assert configured == semicolon


def test_same_json_whatever_the_machines_time_zone(tmp_path: Path) -> None:
    outputs = []
    for zone in ("UTC", "America/New_York"):
        env = {**os.environ, "TZ": zone}
        done = subprocess.run([sys.executable, "-m", "generator", "deadlines", "--root", str(REPO), "--cases",
                               str(EXAMPLE), "--now", NOW, "--format", "json", "--no-cache"],
                              capture_output=True, text=True, env=env, check=False, cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize(("content", "message"), [
    ("id,name\n1,x\n", "lacks the columns case_id, unit, case_type, received_at"),
    ("", "is empty"),
    ("\x00\x01binary\xff", "is not a text file (byte 0x00"),
])
def test_a_file_that_is_not_a_case_export(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "cases.csv"
    path.write_bytes(content.encode("latin-1"))
    result = run("deadlines", "--root", str(REPO), "--cases", str(path), "--now", NOW)
    assert result.code == 2 and message in result.err and "Traceback" not in result.err


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    """A missing file is worded one way everywhere a file is asked for (issue 14)."""
    missing = tmp_path / "nope.csv"
    expected = f"routines: error: {missing}: the file does not exist; check its name and folder\n"
    result = run("deadlines", "--root", str(REPO), "--cases", str(missing), "--now", NOW)
    assert (result.code, result.err) == (2, expected)
    roles = run("roles", "--root", str(REPO), "--roster", str(missing), "--from", "2026-09-07", "--to", "2026-09-11")
    assert (roles.code, roles.err) == (2, expected)
    tasks = run("tasks", "--root", str(REPO), "--log", str(missing), "--from", "2026-09-07", "--to", "2026-09-11",
                "--today", "2026-09-11")
    assert (tasks.code, tasks.err) == (2, expected)
    imported = run("import", "--root", str(REPO), "--dry-run", str(missing))
    assert imported.code == 2 and f"{missing}: the file does not exist; check its name and folder" in imported.err


def test_due_answers_when_and_under_which_routine() -> None:
    result = run("due", "--root", str(REPO), "--unit", "Barncancercentrum öppenvårdsmottagning",
                 "--case-type", "Synpunkter och klagomål", "--at", "2026-06-18T15:00:00+02:00", "--format", "json")
    assert result.code == 0, result.err
    payload = json.loads(result.out)
    rules = {(r["routine"], r["rule"]): (r["due_date"], r["deadline"]) for r in payload["rules"]}
    # Thu 18 June, 1 vardag: Fri 19 is midsommarafton -> Mon 22 June
    assert rules == {(SU, "svarstid-synpunkter"): ("2026-06-22", "2026-06-23T00:00:00+02:00"),
                     (BCC, "synpunkter-delsvar"): ("2026-06-22", "2026-06-23T00:00:00+02:00")}
    text = run("due", "--root", str(REPO), "--unit", "su-bcc-mott", "--case-type", "Förnya recept",
               "--at", "2026-04-02T09:15:00+02:00").out
    assert "2026-04-08" in text and "1177 e-tjänster rollbeskrivning" in text


def test_html_report_with_an_svg_chart_and_no_script() -> None:
    result = run("deadlines", "--root", str(REPO), "--cases", str(EXAMPLE), "--now", NOW, "--format", "html")
    html = result.out
    assert html.startswith("<!doctype html>") and 'lang="sv"' in html
    assert "<svg" in html and "<rect" in html and "<script" not in html
    assert "Barncancercentrum öppenvårdsmottagning" in html and "Andel besvarade i tid per vecka" in html
    assert '"Segoe UI"' in html  # the stylesheet is inlined as CSS, not escaped
    assert "A-4" in html and "Obesvarat efter sista svarsdag" in html


def _large_export(path: Path, case_id: Callable[[int], str]) -> tuple[Path, list[str]]:
    """60,000 rows (over 4 MB): the example's rows again and again, the ``i``-th with case id
    ``case_id(i)``; the file, and the example's rows."""
    rows = EXAMPLE.read_text(encoding="utf-8").splitlines()
    header, body = rows[0], rows[1:]
    with path.open("w", encoding="utf-8") as out:
        out.write(header + "\n")
        for i in range(60_000):
            line = body[i % len(body)]
            out.write(case_id(i) + line[line.index(","):] + "\n")
    return path, body


def test_a_large_export_split_over_processes_gives_the_same_output(tmp_path: Path) -> None:
    """Above 4 MB an export without quotes is judged in parallel; every format must equal one process."""
    path, body = _large_export(tmp_path / "big.csv", lambda i: f"X{i}")
    from generator.deadlines.cases import line_cuts, numbered, read_header, scan_range

    cuts = line_cuts(path, read_header(path), 2)
    assert cuts is not None
    ranges = numbered(cuts, [scan_range(path, *cut) for cut in cuts])
    assert ranges is not None and len(ranges) == 2 and ranges[1][2] > 2
    for fmt in ("json", "csv", "text"):
        args = ("deadlines", "--root", str(REPO), "--cases", str(path), "--now", NOW, "--format", fmt, "--no-cache")
        parallel, single = run(*args, "--jobs", "2"), run(*args, "--jobs", "1")
        assert parallel.out == single.out, fmt
        assert parallel.code == single.code == 1
    payload = json.loads(run("deadlines", "--root", str(REPO), "--cases", str(path), "--now", NOW,
                             "--format", "json", "--jobs", "2").out)
    lines = [e["line"] for e in payload["errors"]]
    # rows 9 to 12 of every block of 12 are the example's bad rows; the file's line is the row + 1
    assert lines == [row + 2 for row in range(60_000) if row % len(body) in (8, 9, 10, 11)]


def test_a_large_export_with_a_quoted_field_is_read_as_one(tmp_path: Path) -> None:
    """The workers scan their ranges first: a quote anywhere (here a case id with a line break
    in it, late in the file, where a cut may fall inside it) keeps the export in one process,
    and its lines are numbered as the file has them."""
    path, body = _large_export(tmp_path / "quoted.csv", lambda i: f'"Q{i}\nrad två"' if i == 45_000 else f"X{i}")
    from generator.deadlines.cases import line_cuts, numbered, read_header, scan_range

    cuts = line_cuts(path, read_header(path), 2)
    assert cuts is not None and [scan_range(path, *cut)[1] for cut in cuts] == [False, True]
    assert numbered(cuts, [scan_range(path, *cut) for cut in cuts]) is None
    assert numbered(cuts, [(7, False), (3, False)]) == [(cuts[0][0], cuts[0][1], 2), (cuts[1][0], cuts[1][1], 9)]
    for fmt in ("json", "text"):
        args = ("deadlines", "--root", str(REPO), "--cases", str(path), "--now", NOW, "--format", fmt, "--no-cache")
        parallel, single = run(*args, "--jobs", "2"), run(*args, "--jobs", "1")
        assert parallel.out == single.out, fmt
    payload = json.loads(run("deadlines", "--root", str(REPO), "--cases", str(path), "--now", NOW,
                             "--format", "json", "--jobs", "2").out)
    assert payload["counts"]["rows"] == 60_000
    assert any(r["case_id"] == "Q45000\nrad två" for r in payload["results"])
    # the row after the quoted one is line 45,004 of the file (the quoted row takes two lines)
    assert [e["line"] for e in payload["errors"] if e["line"] > 45_003][:1] == \
        [next(row + 3 for row in range(45_001, 60_000) if row % len(body) in (8, 9, 10, 11))]


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_summary_is_complete_before_the_results_are_read(tmp_path: Path, jobs: int,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt
    import tempfile

    # a temporary folder of this test's own: other runs on the machine make and remove theirs
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))

    from generator.content.project import load_project
    from generator.core.calendar import SwedishCalendar
    from generator.deadlines.judge import DeadlineChecker
    from generator.deadlines.run import check_export

    path = tmp_path / "big.csv"
    rows = EXAMPLE.read_text(encoding="utf-8").splitlines()
    with path.open("w", encoding="utf-8") as out:  # over 4 MB: two workers with --jobs 2
        out.write(rows[0] + "\n")
        for i in range(60_000):
            line = rows[1 + i % (len(rows) - 1)]
            out.write(f"X{i}" + line[line.index(","):] + "\n")
    project = load_project(REPO, cache_dir=None)
    calendar = SwedishCalendar(project.config.closed_days, project.config.timezone)
    checker = DeadlineChecker(project, calendar, dt.datetime.fromisoformat(NOW))
    before = set(Path(tempfile.gettempdir()).glob("routines-cases-*"))
    summary, results = check_export(path, checker, lambda result: result.case.case_id, jobs)
    counted = summary.cases, len(summary.errors)
    assert counted == (50_000, 20_000)  # known before a result is read
    assert sum(1 for _ in results) > 40_000
    assert (summary.cases, len(summary.errors)) == counted
    summary, results = check_export(path, checker, lambda result: result.case.case_id, jobs)
    del results  # never read: its temporary files go all the same
    assert set(Path(tempfile.gettempdir()).glob("routines-cases-*")) == before


def test_the_counts_are_the_same_in_json_and_on_the_page(tmp_path: Path) -> None:
    payload = json.loads(run("deadlines", "--root", str(REPO), "--cases", str(EXAMPLE), "--now", NOW,
                             "--format", "json").out)
    assert payload["counts"] == {"rows": 12, "judged": 6, "not_checked": 4, "not_covered": 2}
    page = run("deadlines", "--root", str(REPO), "--cases", str(EXAMPLE), "--now", NOW, "--format", "html").out
    assert ("Lästa rader: 12. Bedömda ärenden: 6. Rader som inte kunde kontrolleras: 4. Ärenden som ingen regel "
            "täcker: 2.") in page


def test_a_week_without_cases_is_shown_as_such_on_the_page(tmp_path: Path) -> None:
    """Weeks 14 and 16 have cases, week 15 none: the chart and the table show week 15 as "inga
    bedömda ärenden", not a gap that would read as if week 14 ran into week 16."""
    cases = tmp_path / "cases.csv"
    cases.write_text("case_id,unit,case_type,received_at,answered_at,partial_answer_at\n"
                     "W-1,su-bcc-mott,Förnya recept,2026-03-30T09:00:00+02:00,2026-03-31T09:00:00+02:00,\n"
                     "W-2,su-bcc-mott,Förnya recept,2026-04-13T09:00:00+02:00,2026-04-14T09:00:00+02:00,\n",
                     encoding="utf-8")
    result = run("deadlines", "--root", str(REPO), "--cases", str(cases), "--now", NOW, "--format", "html",
                 "--lang", "sv")
    html = result.out
    assert "<td>2026-W14</td>" in html and "<td>2026-W16</td>" in html
    week15 = html[html.index("<td>2026-W15</td>"):].split("</tr>")[0]
    assert "<td>0</td>" in week15 and "%" not in week15
