"""Rosters as the scheduling systems export them (issue 16, item 2): one roster written by the
test as YAML, as an .xlsx workbook (Swedish sheets and headers, date cells) and as two CSV files
(``;``, Windows-1252) gives the same findings in ``roles`` and in ``build --roster``; bad
workbooks get a clear error with sheet and row."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from tests.conftest import REPO, copy_demo, run

ROSTER = yaml.safe_load((REPO / "examples" / "roster-demo.yaml").read_text(encoding="utf-8"))
PERIOD = ("--from", "2026-06-08", "--to", "2026-07-03")
HEADERS = {"assignments": ("Person", "Roll", "Enhet", "Från och med", "Till och med"),
           "absences": ("Person", "Från", "Till", "Anteckning"),
           "people": ("ID", "Namn")}
KEYS = {"assignments": ("person", "role", "unit", "from", "to"), "absences": ("person", "from", "to", "note"),
        "people": ("id", "name")}
SHEET_NAMES = {"assignments": "Bemanning", "absences": "Frånvaro", "people": "Personer"}


def _cell(value: Any) -> Any:
    return value if value is not None else None


def write_xlsx(path: Path, roster: dict[str, list[dict[str, Any]]], *, text_dates: bool = False) -> Path:
    """The roster as a workbook: dates as date cells (or as text, as some exports have them)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for part in ("people", "assignments", "absences"):
        sheet = book.create_sheet(SHEET_NAMES[part])
        sheet.append(HEADERS[part])
        for item in roster.get(part, []):
            row = []
            for key in KEYS[part]:
                value = item.get(key)
                if isinstance(value, dt.date) and text_dates:
                    value = value.isoformat()
                row.append(_cell(value))
            sheet.append(row)
    book.save(path)
    return path


def write_csv_pair(folder: Path, roster: dict[str, list[dict[str, Any]]]) -> tuple[Path, Path]:
    """Assignments and absences as a Swedish Excel saves CSV: ``;``, Windows-1252."""
    paths = []
    for part in ("assignments", "absences"):
        path = folder / f"{part}.csv"
        with path.open("w", encoding="cp1252", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(HEADERS[part])
            for item in roster[part]:
                writer.writerow(["" if item.get(k) is None else str(item[k]) for k in KEYS[part]])
        paths.append(path)
    return paths[0], paths[1]


def _findings(*argv: str) -> tuple[int, list[dict[str, Any]], list[dict[str, Any]]]:
    result = run("roles", "--root", str(REPO), *PERIOD, "--format", "json", *argv)
    assert result.code in (0, 1), result.err
    payload = json.loads(result.out)
    return result.code, payload["findings"], payload["errors"]


def test_one_roster_in_every_form_gives_the_same_findings(tmp_path: Path) -> None:
    code, expected, errors = _findings("--roster", str(REPO / "examples" / "roster-demo.yaml"))
    assert expected and errors == [] and code == 1
    xlsx = write_xlsx(tmp_path / "bemanning.xlsx", ROSTER)
    text_dates = write_xlsx(tmp_path / "text-dates.xlsx", ROSTER, text_dates=True)
    assignments, absences = write_csv_pair(tmp_path, ROSTER)
    assert _findings("--roster", str(xlsx)) == (code, expected, [])
    assert _findings("--roster", str(text_dates)) == (code, expected, [])
    assert _findings("--roster", str(assignments), "--absences", str(absences)) == (code, expected, [])


def test_the_text_report_names_people_from_the_personer_sheet(tmp_path: Path) -> None:
    xlsx = write_xlsx(tmp_path / "bemanning.xlsx", ROSTER)
    text = run("roles", "--root", str(REPO), *PERIOD, "--roster", str(xlsx), "--lang", "sv").out
    assert "Ärendemottagare Anna Andersson (anna01): frånvarande utan ersättare under 2 vardagar" in text


def test_build_reads_a_workbook_roster_as_the_yaml_one(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    pages = []
    for name, roster in (("yaml", REPO / "examples" / "roster-demo.yaml"),
                         ("xlsx", write_xlsx(tmp_path / "bemanning.xlsx", ROSTER))):
        out = tmp_path / f"site-{name}"
        result = run("build", "--root", str(root), "--out", str(out), "--today", "2026-06-01", "--no-search",
                     "--roster", str(roster), "--roster-from", "2026-06-08", "--roster-to", "2026-07-03")
        assert result.code == 0, result.err
        pages.append((out / "bemanning.html").read_text(encoding="utf-8"))
    assert pages[0] == pages[1] and "Anna Andersson (anna01)" in pages[0]


def test_a_bad_entry_is_reported_at_its_sheet_and_row(tmp_path: Path) -> None:
    broken = {**ROSTER, "assignments": [*ROSTER["assignments"],
                                        {"person": "eva05", "role": "arendemottagare", "unit": "su-bcc-mot"}],
              "absences": [*ROSTER["absences"], {"person": "anna01", "from": "15 juni", "to": dt.date(2026, 6, 16)}]}
    xlsx = write_xlsx(tmp_path / "bemanning.xlsx", broken)
    _, _, errors = _findings("--roster", str(xlsx))
    where = {(e["file"], e["line"], e["code"]) for e in errors}
    assert (f"{xlsx}[Bemanning]", 7, "unknown-unit") in where or (f"{xlsx}[Bemanning]", 7, "unknown-person") in where
    assert any(e["file"] == f"{xlsx}[Frånvaro]" and e["line"] == 5 for e in errors), errors
    text = run("roles", "--root", str(REPO), *PERIOD, "--roster", str(xlsx), "--lang", "sv")
    assert f"{xlsx}[Frånvaro]:5:" in text.out


@pytest.mark.parametrize(("make", "expected"), [
    ("no-sheet", "arbetsboken har inget blad Bemanning (eller assignments); bladen heter 'Blad1'"),
    ("no-column", "[Bemanning]:1: kolumnen för role saknas; rubrikerna är 'Person', 'Enhet'"),
    ("merged", "roster.xlsx: bladet Bemanning har sammanfogade celler (A2:A3); varje rad ska ha en cell per fält"),
    ("corrupt", "roster.xlsx är ingen läsbar .xlsx-fil (zip-arkivet är skadat eller ofullständigt); spara den på nytt"),
    ("xls", ("roster.xls är en gammal Excel-fil (.xls), som inte kan läsas; öppna den i Excel och spara den som "
            "Excel-arbetsbok (.xlsx)")),
    ("empty", "[Bemanning]: första raden ska vara rubriker"),
])
def test_a_workbook_that_is_not_a_roster_says_what_to_do(tmp_path: Path, make: str, expected: str) -> None:
    path = tmp_path / ("roster.xls" if make == "xls" else "roster.xlsx")
    book = openpyxl.Workbook()
    sheet = book.active
    if make == "no-sheet":
        sheet.title = "Blad1"
    else:
        sheet.title = "Bemanning"
    if make == "no-column":
        sheet.append(["Person", "Enhet"])
        sheet.append(["anna01", "su-bcc-mott"])
    elif make == "merged":
        sheet.append(["Person", "Roll", "Enhet"])
        sheet.append(["anna01", "arendemottagare", "su-bcc-mott"])
        sheet.merge_cells("A2:A3")
    book.save(path)
    if make == "corrupt":
        path.write_bytes(b"PK\x03\x04 not really a workbook")
    if make == "xls":
        path.write_bytes(b"\xd0\xcf\x11\xe0 an old workbook")
    result = run("roles", "--root", str(REPO), *PERIOD, "--roster", str(path), "--lang", "sv")
    assert result.code == 2 and "Traceback" not in result.err
    assert expected in result.err, result.err



def test_sheets_and_headers_of_a_scheduling_system_mapped_in_routines_toml(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "routines.toml").write_text('[roster.sheets]\nassignments = "Schemaposter"\nabsences = "Ledighet"\n'
                                        '[roster.columns]\nperson = "Anst.nr"\nrole = "Befattning"\n'
                                        'unit = "Kostnadsställe"\nfrom = "Startdatum"\nto = "Slutdatum"\n',
                                        encoding="utf-8")
    book = openpyxl.Workbook()
    book.remove(book.active)
    for part, sheet_name in (("assignments", "Schemaposter"), ("absences", "Ledighet")):
        sheet = book.create_sheet(sheet_name)
        sheet.append({"assignments": ["Anst.nr", "Befattning", "Kostnadsställe", "Startdatum", "Slutdatum"],
                      "absences": ["Anst.nr", "Startdatum", "Slutdatum"]}[part])
        for item in ROSTER[part]:
            keys = KEYS[part][:5] if part == "assignments" else ("person", "from", "to")
            sheet.append([item.get(k) for k in keys])
    path = tmp_path / "heroma.xlsx"
    book.save(path)
    mapped = run("roles", "--root", str(root), *PERIOD, "--format", "json", "--roster", str(path))
    plain = run("roles", "--root", str(root), *PERIOD, "--format", "json",
                "--roster", str(REPO / "examples" / "roster-demo.yaml"))
    assert mapped.code == plain.code == 1, mapped.err
    assert json.loads(mapped.out)["findings"] == json.loads(plain.out)["findings"]


def test_the_example_workbook_is_the_example_roster() -> None:
    """examples/roster-demo.xlsx (made by examples/make_roster_workbook.py) is roster-demo.yaml."""
    assert _findings("--roster", str(REPO / "examples" / "roster-demo.xlsx")) == \
        _findings("--roster", str(REPO / "examples" / "roster-demo.yaml"))


def test_a_roster_workbook_that_unpacks_to_far_more_than_its_size_is_refused_unread(tmp_path: Path) -> None:
    """The bound of a case export's workbook holds for a roster's too (content.workbook)."""
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 50_000_000)
    assert path.stat().st_size < 100_000
    result = run("roles", "--root", str(REPO), *PERIOD, "--roster", str(path))
    assert result.code == 2 and "unpacks to 47 MB, more than a workbook of cases or a roster does; it is not read" in result.err
