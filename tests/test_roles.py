"""``routines roles``: the roster semantics of SPEC 6 on the demo routines (SU's absence rule)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import REPO, run

SU = "SU9771-677637494-103"


def _roles(tmp_path: Path, roster: str, start: str, end: str) -> tuple[int, dict]:
    path = tmp_path / "roster.yaml"
    path.write_text(roster, encoding="utf-8")
    result = run("roles", "--root", str(REPO), "--roster", str(path), "--from", start, "--to", end,
                 "--format", "json")
    assert result.code in (0, 1), result.err
    return result.code, json.loads(result.out)


def _mine(payload: dict, unit: str = "su-bcc-mott", role: str = "arendemottagare") -> list[dict]:
    return [f for f in payload["findings"] if f["unit"] == unit and f["role"] == role and f["routine"] == SU]


ALONE = """assignments:
  - {person: anna01, role: arendemottagare, unit: su-bcc-mott, from: 2026-01-01, to: 2026-12-31}
absences:
"""


def test_alone_and_absent_three_arbetsdagar_is_uncovered(tmp_path: Path) -> None:
    code, payload = _roles(tmp_path, ALONE + "  - {person: anna01, from: 2026-09-07, to: 2026-09-09}\n",
                           "2026-09-07", "2026-09-18")
    assert _mine(payload) == [{"routine": SU, "rule": "arendemottagare", "unit": "su-bcc-mott",
                               "role": "arendemottagare", "kind": "uncovered_absence",
                               "dates": ["2026-09-07", "2026-09-08", "2026-09-09"], "person": "anna01"}]
    assert code == 1


def test_absent_exactly_two_arbetsdagar_is_fine(tmp_path: Path) -> None:
    _, payload = _roles(tmp_path, ALONE + "  - {person: anna01, from: 2026-09-07, to: 2026-09-08}\n",
                        "2026-09-07", "2026-09-18")
    assert _mine(payload) == []


def test_absent_over_midsommar_counts_two_arbetsdagar(tmp_path: Path) -> None:
    """Thursday 18 June to Monday 22 June 2026: Friday is midsommarafton, so 2 arbetsdagar."""
    _, payload = _roles(tmp_path, ALONE + "  - {person: anna01, from: 2026-06-18, to: 2026-06-22}\n",
                        "2026-06-15", "2026-06-26")
    assert _mine(payload) == []


def test_absent_over_jul_counts_arbetsdagar_right(tmp_path: Path) -> None:
    """23 to 28 December 2026: 23 and 28 are the only arbetsdagar (24, 25 closed; 26, 27 weekend)."""
    _, payload = _roles(tmp_path, ALONE + "  - {person: anna01, from: 2026-12-23, to: 2026-12-28}\n",
                        "2026-12-21", "2026-12-31")
    assert _mine(payload) == []
    _, payload = _roles(tmp_path, ALONE + "  - {person: anna01, from: 2026-12-23, to: 2026-12-29}\n",
                        "2026-12-21", "2026-12-31")
    assert _mine(payload)[0]["dates"] == ["2026-12-23", "2026-12-28", "2026-12-29"]


def test_a_colleague_at_the_unit_covers(tmp_path: Path) -> None:
    roster = ALONE.replace("absences:", "  - {person: bo02, role: Ärendemottagare, unit: su-bcc-mott}\nabsences:")
    _, payload = _roles(tmp_path, roster + "  - {person: anna01, from: 2026-09-07, to: 2026-09-11}\n",
                        "2026-09-07", "2026-09-18")
    assert _mine(payload) == []


def test_cover_from_elsewhere_in_the_verksamhet(tmp_path: Path) -> None:
    roster = ALONE.replace("absences:", "  - {person: cia03, role: arendemottagare, unit: su-bcc-avd321}\nabsences:")
    _, payload = _roles(tmp_path, roster + "  - {person: anna01, from: 2026-09-07, to: 2026-09-11}\n",
                           "2026-09-07", "2026-09-18")
    mine = _mine(payload)
    assert [(f["kind"], f["person"], len(f["dates"])) for f in mine] == [("covered_by_verksamhet", "anna01", 5)]


def test_cover_must_be_present_itself(tmp_path: Path) -> None:
    roster = ALONE.replace("absences:", "  - {person: cia03, role: arendemottagare, unit: su-bcc-avd321}\nabsences:")
    roster += "  - {person: anna01, from: 2026-09-07, to: 2026-09-11}\n"
    roster += "  - {person: cia03, from: 2026-09-10, to: 2026-09-10}\n"
    _, payload = _roles(tmp_path, roster, "2026-09-07", "2026-09-18")
    kinds = {f["kind"]: f["dates"] for f in _mine(payload)}
    assert kinds["uncovered_absence"] == ["2026-09-10"]
    assert len(kinds["covered_by_verksamhet"]) == 4


def test_a_week_with_nobody_assigned_is_unstaffed(tmp_path: Path) -> None:
    roster = """assignments:
  - {person: anna01, role: arendemottagare, unit: su-bcc-mott, from: 2026-01-01, to: 2026-09-11}
  - {person: bo02, role: arendemottagare, unit: Barncancercentrum öppenvårdsmottagning, from: 2026-09-21}
"""
    code, payload = _roles(tmp_path, roster, "2026-09-07", "2026-09-25")
    unstaffed = [f for f in _mine(payload) if f["kind"] == "unstaffed"]
    assert unstaffed == [{"routine": SU, "rule": "arendemottagare", "unit": "su-bcc-mott", "role": "arendemottagare",
                          "kind": "unstaffed", "person": None,
                          "dates": ["2026-09-14", "2026-09-15", "2026-09-16", "2026-09-17", "2026-09-18"]}]
    assert code == 1


def test_roster_problems_are_reported_and_the_rest_checked(tmp_path: Path) -> None:
    roster = """people:
  - {id: anna01}
  - {id: bo02}
assignments:
  - {person: anna01, role: arendemottagare, unit: su-bcc-mott}
  - {person: nobody, role: arendemottagare, unit: su-bcc-mott}
  - {person: bo02, role: arendemottagare, unit: okänd}
  - {person: bo02, role: kock, unit: su-bcc-mott}
  - {person: bo02, role: arendemottagare, unit: su-ogon-mott, from: 2026-05-01, to: 2026-04-01}
absences:
  - {person: anna01, from: 2026-09-07, to: 2026-09-09}
  - {person: anna01, from: 2026-09-09, to: 2026-09-10}
  - {person: anna01, from: 2026-10-02, to: 2026-10-01}
  - {person: bo02, from: 2026-09-07, to: 2026-09-08}
"""
    _, payload = _roles(tmp_path, roster, "2026-09-07", "2026-09-18")
    errors = {e["line"]: (e["code"], e["message"]) for e in payload["errors"]}
    assert errors[6][0] == "unknown-person"
    assert errors[7][0] == "unknown-unit" and "okänd" in errors[7][1]
    assert errors[8][0] == "unknown-role"
    assert errors[9][0] == "date-order"
    assert errors[12][0] == "overlapping-absences" and "line 11" in errors[12][1]
    assert errors[13][0] == "date-order"
    assert errors[14][0] == "absence-without-assignment"
    assert _mine(payload)[0]["dates"] == ["2026-09-07", "2026-09-08", "2026-09-09"]  # still checked


def test_a_roster_that_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "roster.yaml"
    path.write_text("assignments: [\n", encoding="utf-8")
    result = run("roles", "--root", str(REPO), "--roster", str(path), "--from", "2026-09-07", "--to", "2026-09-11")
    assert result.code == 2 and "Traceback" not in result.err and result.out == ""
    assert result.err.startswith(f"routines: error: {path}:2: YAML syntax") and "nothing was checked" in result.err
    missing = run("roles", "--root", str(REPO), "--roster", str(tmp_path / "nope.yaml"), "--from", "2026-09-07",
                  "--to", "2026-09-11")
    assert missing.code == 2 and missing.err == f"routines: error: {tmp_path / 'nope.yaml'}: the file does not exist; check its name and folder\n"


def test_text_report(tmp_path: Path) -> None:
    path = tmp_path / "roster.yaml"
    path.write_text(ALONE + "  - {person: anna01, from: 2026-09-07, to: 2026-09-09}\n", encoding="utf-8")
    result = run("roles", "--root", str(REPO), "--roster", str(path), "--from", "2026-09-07", "--to", "2026-09-18")
    assert ("  Barncancercentrum öppenvårdsmottagning (su-bcc-mott): Ärendemottagare anna01: absence not covered "
            "on 3 working days (2026-09-07..2026-09-09), under 1177 e-tjänster rollbeskrivning "
            "(SU9771-677637494-103#arendemottagare)\n") in result.out


def test_html_staffing_calendar(tmp_path: Path) -> None:
    path = tmp_path / "roster.yaml"
    path.write_text(ALONE + "  - {person: anna01, from: 2026-06-15, to: 2026-06-26}\n", encoding="utf-8")
    result = run("roles", "--root", str(REPO), "--roster", str(path), "--from", "2026-06-08", "--to", "2026-06-30",
                 "--format", "html")
    html = result.out
    assert html.startswith("<!doctype html>") and "<script" not in html
    assert 'id="unit-su-bcc-mott"' in html and "2026-W25" in html and "Midsommarafton" in html
    assert "frånvaro ej täckt, anna01" in html


def test_build_with_roster_links_the_calendar_from_unit_pages(tmp_path: Path) -> None:
    from tests.conftest import copy_demo

    root = copy_demo(tmp_path)
    roster = tmp_path / "roster.yaml"
    roster.write_text("people:\n  - {id: anna01, name: Anna Andersson}\n" + ALONE
                      + "  - {person: anna01, from: 2026-06-15, to: 2026-06-26}\n", encoding="utf-8")
    out = tmp_path / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", "2026-06-01", "--no-search",
                 "--roster", str(roster), "--roster-from", "2026-06-08", "--roster-to", "2026-06-30")
    assert result.code == 0, result.err
    page = (out / "bemanning.html").read_text(encoding="utf-8")
    assert "frånvaro ej täckt, Anna Andersson (anna01)" in page  # the person by name, from the roster
    unit = (out / "enheter/su-bcc-mott.html").read_text(encoding="utf-8")
    assert 'href="../bemanning.html#unit-su-bcc-mott"' in unit


@pytest.mark.parametrize("content", ["", "case_id,unit,case_type\nA,B,C\n", "people:\n  - {id: anna, name: Anna}\n"])
def test_a_file_that_is_not_a_roster_is_a_usage_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "roster.yaml"
    path.write_text(content, encoding="utf-8")
    result = run("roles", "--root", str(REPO), "--roster", str(path), "--from", "2026-09-07", "--to", "2026-09-11")
    assert result.code == 2 and result.out == "", result.out
    assert result.err.startswith(f"routines: error: {path}:") and "a roster is a YAML file with 'assignments'" in result.err
    out = tmp_path / "site"
    build = run("build", "--root", str(REPO), "--out", str(out), "--roster", str(path), "--today", "2026-09-07",
                "--no-search", "--no-cache")
    assert build.code == 2 and "a roster is a YAML file with 'assignments'" in build.err
    assert not out.exists()  # no empty Bemanning page published
