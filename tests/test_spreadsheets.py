"""Reports as Excel workbooks (issue 16, item 3): ``roles``, ``tasks`` and ``expiring`` with
``--format xlsx --out FILE``, read back with openpyxl as a person's Excel would show them: the
sheets, a frozen header row, an autofilter, real dates, and never a formula made from data."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import REPO, copy_demo, run

ROSTER = REPO / "examples" / "roster-demo.yaml"
TASK_LOG = REPO / "examples" / "task-log-demo.csv"
PERIOD = ("--from", "2026-06-08", "--to", "2026-07-03")


def _book(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)


def _no_formulas(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name


def test_roles_as_a_workbook(tmp_path: Path) -> None:
    out = tmp_path / "bemanning.xlsx"
    result = run("roles", "--root", str(REPO), "--roster", str(ROSTER), *PERIOD, "--format", "xlsx",
                 "--out", str(out), "--lang", "sv")
    assert result.code == 1 and result.out == ""
    assert result.err == f"skrev {out} (3 blad)\n"
    book = _book(out)
    assert book.sheetnames == ["Sammanfattning", "Avvikelser", "Fel i bemanningslistan"]
    findings = book["Avvikelser"]
    assert findings.freeze_panes == "A2" and findings.auto_filter.ref == f"A1:L{findings.max_row}"
    header = [c.value for c in findings[1]]
    assert header[:4] == ["Enhet", "Enhetens id", "Roll", "Avvikelse"]
    expected = json.loads(run("roles", "--root", str(REPO), "--roster", str(ROSTER), *PERIOD,
                              "--format", "json").out)["findings"]
    assert findings.max_row - 1 == len(expected)
    anna = next(row for row in findings.iter_rows(min_row=2, values_only=True) if row[5] == "anna01"
                and row[3] == "frånvaro ej täckt")
    assert anna[0] == "Barncancercentrum öppenvårdsmottagning" and anna[4] == "Anna Andersson"
    assert anna[6] == 2 and anna[7] == dt.datetime(2026, 6, 22) and anna[8] == dt.datetime(2026, 6, 23)
    summary = {row[1]: row for row in book["Sammanfattning"].iter_rows(min_row=2, values_only=True)}
    assert summary["su-ogon-mott"][2] == 20  # two roles unstaffed for ten vardagar each
    _no_formulas(out)


def test_text_from_a_roster_never_becomes_a_formula(tmp_path: Path) -> None:
    roster = tmp_path / "roster.yaml"
    roster.write_text("assignments:\n"
                      "  - {person: \"=HYPERLINK(\\\"http://evil.example\\\")\", role: arendemottagare, "
                      "unit: su-bcc-mott, from: 2026-01-01}\n"
                      "absences:\n"
                      "  - {person: \"=HYPERLINK(\\\"http://evil.example\\\")\", from: 2026-06-08, to: 2026-06-19}\n",
                      encoding="utf-8")
    out = tmp_path / "r.xlsx"
    result = run("roles", "--root", str(REPO), "--roster", str(roster), *PERIOD, "--format", "xlsx", "--out", str(out))
    assert result.code == 1, result.err
    cells = [c for row in _book(out)["Findings"].iter_rows(min_row=2) for c in row if c.value]
    hostile = [c for c in cells if str(c.value).startswith("=")]
    assert hostile and all(c.data_type == "s" for c in hostile)
    _no_formulas(out)


def test_tasks_and_expiring_as_workbooks(tmp_path: Path) -> None:
    tasks = tmp_path / "uppgifter.xlsx"
    result = run("tasks", "--root", str(REPO), "--from", "2026-03-30", "--to", "2026-04-26", "--today", "2026-04-22",
                 "--log", str(TASK_LOG), "--format", "xlsx", "--out", str(tasks), "--lang", "sv")
    assert result.code == 1
    assert result.err.splitlines() == [f"skrev {tasks} (2 blad)", ("5 rader i uppgiftsloggen kunde inte användas "
                                       "(se rapporten)"), "2 missade tillfällen"]
    book = _book(tasks)
    assert book.sheetnames == ["Tillfällen", "Fel i uppgiftsloggen"]
    rows = list(book["Tillfällen"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 8 and {r[9] for r in rows} == {"klar", "missad", "återstår"}
    assert rows[0][8] == dt.datetime(2026, 4, 2)  # the due day, a date cell
    assert len(list(book["Fel i uppgiftsloggen"].iter_rows(min_row=2))) == 5
    expiring = tmp_path / "utgar.xlsx"
    assert run("expiring", "--root", str(copy_demo(tmp_path)), "--today", "2027-03-12", "--within", "1000",
               "--format", "xlsx", "--out", str(expiring), "--lang", "sv").code == 0
    sheet = _book(expiring)["Rutiner"]
    first = next(sheet.iter_rows(min_row=2, values_only=True))
    assert first[:6] == ("Maria Eriksson", "marer154", "1177 e-tjänster rollbeskrivning", "SU9771-677637494-103",
                         dt.datetime(2027, 3, 25), 13)
    _no_formulas(tasks)
    _no_formulas(expiring)


@pytest.mark.parametrize(("argv", "expected"), [
    (["--format", "xlsx"], "--format xlsx skriver en Excel-arbetsbok: ange filen med --out"),
    (["--format", "xlsx", "--out", "r.csv"], "--out r.csv: en Excel-arbetsbok ska sluta på .xlsx"),
    (["--out", "r.xlsx"], "--out gäller bara med --format xlsx"),
])
def test_the_workbook_needs_a_file(argv: list[str], expected: str) -> None:
    result = run("roles", "--root", str(REPO), "--roster", str(ROSTER), *PERIOD, *argv, "--lang", "sv")
    assert result.code == 2 and expected in result.err


def test_deadlines_as_a_workbook(tmp_path: Path) -> None:
    out = tmp_path / "svarstider.xlsx"
    result = run("deadlines", "--root", str(REPO), "--cases", str(REPO / "examples" / "cases-demo.csv"),
                 "--now", "2026-04-20T12:00:00+02:00", "--format", "xlsx", "--out", str(out), "--lang", "sv")
    assert result.code == 1 and result.out == ""
    assert result.err.splitlines()[0] == f"skrev {out} (4 blad)"
    book = _book(out)
    assert book.sheetnames == ["Sammanfattning", "Försenade och obesvarade", "Ej kontrollerade", "Utan regel"]
    summary = list(book["Sammanfattning"].iter_rows(values_only=True))
    assert summary[0] == ("Enhet", "Enhetens id", "Ärendetyp", "Ärendetypens id", "Bedömda ärenden", "I tid",
                          "Försenade", "Öppna", "Obesvarade efter sista svarsdag", "Andel i tid")
    assert sum(row[4] for row in summary[1:]) == 6  # six cases judged, each once
    late = list(book["Försenade och obesvarade"].iter_rows(min_row=2, values_only=True))
    a2 = next(row for row in late if row[1] == "A-2")
    assert a2[:6] == (3, "A-2", "Barncancercentrum öppenvårdsmottagning", "su-bcc-mott", "Synpunkter och klagomål",
                      "försenat")
    assert a2[6] == dt.datetime(2026, 4, 10) and a2[7] == dt.datetime(2026, 4, 14, 9, 0)  # local time, a real cell
    assert len(list(book["Ej kontrollerade"].iter_rows(min_row=2))) == 4
    assert len(list(book["Utan regel"].iter_rows(min_row=2))) == 2
    assert book["Försenade och obesvarade"].freeze_panes == "A2"
    _no_formulas(out)


def test_a_table_longer_than_a_sheet_goes_on_in_the_next(tmp_path: Path) -> None:
    """Excel takes 1,048,576 rows a sheet (the header among them) and refuses the rest: a longer
    table goes on in sheets named " (2)", " (3)", each with the header, no row lost. Shown with
    four rows a sheet; a later sheet of the name a continuation took gets a name of its own."""
    from generator.core.spreadsheet import EXCEL_ROWS, Sheet, write_workbook

    assert EXCEL_ROWS == 1_048_576
    rows = ([i, f"C-{i}", dt.date(2026, 4, 1 + i)] for i in range(7))  # a generator: made as written
    out = tmp_path / "lång.xlsx"
    with out.open("wb") as handle:
        count = write_workbook([Sheet("Försenade", ["Rad", "Ärende", "Dag"], rows),
                                Sheet("Försenade (2)", ["Rad"], [[99]])], handle, rows_per_sheet=4)
    book = _book(out)
    assert count == 4
    assert book.sheetnames == ["Försenade", "Försenade (2)", "Försenade (3)", "Försenade (2) (2)"]
    got = []
    for name in book.sheetnames[:3]:
        sheet = book[name]
        assert [c.value for c in sheet[1]] == ["Rad", "Ärende", "Dag"] and sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:C{sheet.max_row}"
        got.extend(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in got] == list(range(7)) and got[6][2] == dt.datetime(2026, 4, 7)
    assert [len(list(book[n].iter_rows(min_row=2))) for n in book.sheetnames] == [3, 3, 1, 1]


def test_text_longer_than_a_cell_is_cut_where_it_shows(tmp_path: Path) -> None:
    """Excel holds 32,767 characters a cell: longer text ends in an ellipsis there, visibly cut;
    a control character is kept (written escaped: openpyxl's writer refused one outright), text
    beginning with = stays text."""
    from generator.core.spreadsheet import MAX_TEXT, Sheet, write_workbook

    out = tmp_path / "text.xlsx"
    with out.open("wb") as handle:
        write_workbook([Sheet("Text", ["Värde"], [["x" * 40_000], ["=1+1"], ["a\x01b"]])], handle)
    values = [row[0] for row in _book(out)["Text"].iter_rows(min_row=2, values_only=True)]
    assert values[0] == "x" * (MAX_TEXT - 1) + "…" and len(values[0]) == 32_767
    # the control character as SpreadsheetML escapes it (Excel reads it back; openpyxl leaves it)
    assert values[1] == "=1+1" and values[2] == "a_x0001_b"
    _no_formulas(out)
