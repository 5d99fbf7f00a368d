"""Case exports in every form hospitals have them (issue 16, SPEC 6): one set of cases written
by the test in each format gives the same results; bad input gets a clear error, never a
traceback."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook

from tests.conftest import REPO, copy_demo, run

NOW = "2026-04-20T12:00:00+02:00"
ZONE = ZoneInfo("Europe/Stockholm")
IDS = ["case_id", "unit", "case_type", "received_at", "answered_at", "partial_answer_at"]
SWEDISH = ["Ärendenummer", "Enhet", "Ärendetyp", "Inkom", "Besvarad", "Delsvar"]
EXAMPLE = REPO / "examples" / "cases-demo.csv"


def _cases() -> list[list[object]]:
    """The example's cases, times as naive local datetimes (what a spreadsheet shows), a value
    that is no timestamp kept as text."""
    with EXAMPLE.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))[1:]
    rows: list[list[object]] = []
    for case_id, unit, case_type, *times in records:
        cells: list[object] = []
        for text in times:
            try:
                moment = dt.datetime.fromisoformat(text) if text else None
            except ValueError:
                cells.append(text)
                continue
            cells.append(moment.astimezone(ZONE).replace(tzinfo=None) if moment and moment.tzinfo else moment)
        rows.append([case_id, unit, case_type, *cells])
    return rows


def _local(value: object, form: str = "%Y-%m-%d %H:%M") -> str:
    if value is None:
        return ""
    return value.strftime(form) if isinstance(value, dt.datetime) else str(value)


def _write_csv(path: Path, header: list[str], delimiter: str, encoding: str, form: str = "%Y-%m-%d %H:%M",
               bom: bool = False) -> Path:
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([*row[:3], *(_local(v, form) for v in row[3:])] for row in _cases())
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.getvalue().encode(encoding))
    return path


def _write_xlsx(path: Path, header: list[str], *, text_cells: bool = False, sheet: str = "Ärenden",
                before: tuple[str, ...] = ()) -> Path:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name in before:
        book.create_sheet(name).append(["något annat"])
    ws = book.create_sheet(sheet)
    ws.append(header)
    for row in _cases():
        ws.append([*row[:3], *((_local(v, "%Y-%m-%dT%H:%M:%S") or None) if text_cells else v for v in row[3:])])
    book.save(path)
    return path


def _json(cases: Path, *extra: str, root: Path = REPO) -> tuple[dict, str]:
    result = run("deadlines", "--root", str(root), "--cases", str(cases), "--now", NOW, "--format", "json",
                 "--no-cache", *extra)
    assert result.code == 1 and "Traceback" not in result.err, result.err
    return json.loads(result.out), result.err


def test_the_same_cases_give_the_same_results_in_every_format(tmp_path: Path) -> None:
    expected, _ = _json(EXAMPLE)
    assert len(expected["results"]) == 11 and len(expected["errors"]) == 4
    root = copy_demo(tmp_path)
    (root / "routines.toml").write_text(
        '[cases.columns]\ncase_id = "Nr"\nunit = " Vårdenhet "\ncase_type = "Typ av ärende"\n'
        'received_at = "Kom in"\nanswered_at = "Svar"\npartial_answer_at = "Första svar"\n', encoding="utf-8")
    mapped = ["nr", "Vårdenhet", "TYP AV ÄRENDE", "Kom in", "Svar", "Första svar"]
    exports = {
        "ids, comma, UTF-8, T and seconds": (_write_csv(tmp_path / "a.csv", IDS, ",", "utf-8", "%Y-%m-%dT%H:%M:%S"),
                                             REPO),
        "Swedish headers, ;, UTF-8 with BOM": (_write_csv(tmp_path / "b.csv", SWEDISH, ";", "utf-8", bom=True), REPO),
        "Swedish headers, ;, Windows-1252": (_write_csv(tmp_path / "c.csv", SWEDISH, ";", "cp1252"), REPO),
        "lower-case, spaced headers": (_write_csv(tmp_path / "d.csv", [f" {h.lower()}  " for h in SWEDISH], ";",
                                                  "cp1252"), REPO),
        "[cases.columns]": (_write_csv(tmp_path / "e.csv", mapped, ";", "cp1252"), root),
        "xlsx, date cells": (_write_xlsx(tmp_path / "f.xlsx", SWEDISH), REPO),
        "xlsx, text cells": (_write_xlsx(tmp_path / "g.xlsx", IDS, text_cells=True), REPO),
        "xlsx, [cases.columns]": (_write_xlsx(tmp_path / "h.xlsx", mapped), root),
        "the shipped Swedish-Excel CSV": (REPO / "examples" / "cases-demo-excel.csv", REPO),
        "the shipped xlsx": (REPO / "examples" / "cases-demo.xlsx", REPO),
    }
    for label, (path, at) in exports.items():
        got, _ = _json(path, root=at)
        assert got["results"] == expected["results"], label
        assert got["errors"] == expected["errors"], label
        assert got["summary"] == expected["summary"], label


def test_windows_1252_is_read_with_one_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write_csv(tmp_path / "excel.csv", SWEDISH, ";", "cp1252")
    _, err = _json(path)
    assert err.count(f"routines: note: {path} is not UTF-8 and was read as Windows-1252") == 1
    assert "okänd-enhet" in _json(path)[0]["errors"][0]["message"]
    monkeypatch.delenv("ROUTINES_LANG")
    swedish = run("deadlines", "--root", str(REPO), "--cases", str(path), "--now", NOW)
    assert f"routines: obs: {path} är inte UTF-8 och lästes som Windows-1252" in swedish.err
    assert "okänd enhet 'okänd-enhet'" in swedish.out


def test_row_errors_of_a_workbook_name_the_sheet_and_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write_xlsx(tmp_path / "cases.xlsx", SWEDISH, before=("Info",))
    book_rows = [SWEDISH, ["B-1", "su-bcc-mott", "Förnya recept", dt.datetime(2026, 4, 2, 9, 15), None, None],
                 ["B-2", "su-bcc-mott", "Förnya recept", "i förrgår", None, None],
                 ["B-3", "su-bcc-mott", "Förnya recept", 45383.5, None, None],
                 ["B-4", "su-bcc-mott", "Förnya recept", "2026-04-02 09:15", "2026-04-03", None]]
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Ärenden"
    for row in book_rows:
        ws.append(row)
    book.save(path)
    args = ("deadlines", "--root", str(REPO), "--cases", str(path), "--now", NOW, "--format", "csv")
    result = run(*args)
    assert result.code == 1 and "Traceback" not in result.err
    assert (f"{path}: sheet Ärenden, row 3: 'i förrgår' is not a timestamp such as 2026-04-02T09:15:00+02:00 "
            "(column received_at)") in result.err
    assert f"{path}: sheet Ärenden, row 4: the cell of received_at holds the number 45383.5" in result.err
    assert "row 2" not in result.err and "row 5" not in result.err
    monkeypatch.delenv("ROUTINES_LANG")
    assert f"{path}: blad Ärenden, rad 3: 'i förrgår' i kolumnen received_at är ingen tidpunkt" in run(*args).err
    text = run("deadlines", "--root", str(REPO), "--cases", str(path), "--now", NOW).out  # the report itself too
    assert "  blad Ärenden, rad 3: 'i förrgår' i kolumnen received_at är ingen tidpunkt" in text


def test_another_sheet_by_name_and_a_note_when_the_first_of_several_is_read(tmp_path: Path) -> None:
    path = _write_xlsx(tmp_path / "cases.xlsx", SWEDISH, sheet="Export", before=())
    expected, _ = _json(EXAMPLE)
    got, err = _json(path)
    assert got["results"] == expected["results"] and err.count("note") == 0
    both = _write_xlsx(tmp_path / "both.xlsx", SWEDISH, sheet="Export", before=("Info",))
    result = run("deadlines", "--root", str(REPO), "--cases", str(both), "--now", NOW)
    assert result.code == 2 and "sheet Info" in result.err  # the first sheet has no case columns
    got, err = _json(both, "--sheet", "export")
    assert got["results"] == expected["results"]


def test_a_forced_separator(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    header = ["Ärendenummer", "Enhet, avdelning", "Ärendetyp", "Inkom", "Besvarad", "Delsvar"]
    _write_csv(path, header, ";", "utf-8")
    result = run("deadlines", "--root", str(REPO), "--cases", str(path), "--now", NOW)
    assert result.code == 2 and "the header lacks the column unit" in result.err  # ';' told from the header
    (tmp_path / "plain.csv").write_text("a,b;c,d\n1,2;3,4\n", encoding="utf-8")
    result = run("deadlines", "--root", str(REPO), "--cases", str(tmp_path / "plain.csv"), "--now", NOW)
    assert result.code == 2 and "cannot tell what separates the columns" in result.err
    assert "splits at ',' or ';'" in result.err and "--delimiter" in result.err
    forced = run("deadlines", "--root", str(REPO), "--cases", str(tmp_path / "plain.csv"), "--now", NOW,
                 "--delimiter", ";")
    assert forced.code == 2 and "Headers found: 'a,b', 'c,d'" in forced.err
    root = copy_demo(tmp_path)
    (root / "routines.toml").write_text('[cases]\ndelimiter = ";"\n', encoding="utf-8")
    by_config = run("deadlines", "--root", str(root), "--cases", str(tmp_path / "plain.csv"), "--now", NOW)
    assert by_config.code == 2 and "Headers found: 'a,b', 'c,d'" in by_config.err
    bad = run("deadlines", "--root", str(REPO), "--cases", str(path), "--delimiter", "|")
    assert bad.code == 2 and "--delimiter" in bad.err


def _ole(extra: bytes = b"") -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + extra + b"\x00" * 1024


def _merged(path: Path) -> Path:
    _write_xlsx(path, SWEDISH)
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["Ärenden"].merge_cells("B3:B5")
    book.save(path)
    return path


def _empty(path: Path) -> Path:
    book = Workbook()
    book.save(path)
    return path


def _truncated(path: Path) -> Path:
    _write_xlsx(path, SWEDISH)
    path.write_bytes(path.read_bytes()[:2000])
    return path


def _zip_of_text(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hej")
    return path


@pytest.mark.parametrize(("name", "make", "extra", "expected"), [
    ("cases.xlsx", lambda p: _write_xlsx(p, SWEDISH), ("--sheet", "Bemanning"),
     "has no sheet 'Bemanning'; its sheets are 'Ärenden'"),
    ("cases.xlsx", lambda p: _write_xlsx(p, ["Nr", "Enhet", "Typ", "Tid"]), (),
     ("sheet Ärenden, row 1: the header lacks the columns case_id, case_type, received_at. Headers found: 'Nr', "
     "'Enhet', 'Typ', 'Tid'.")),
    ("cases.csv", lambda p: p.write_text("Nr;Enhet;Typ;Tid\n1;su-bcc-mott;x;y\n", encoding="utf-8"), (),
     (':1: the header lacks the columns case_id, case_type, received_at. Headers found: \'Nr\', \'Enhet\', '
     '\'Typ\', \'Tid\'. A case export has the columns case_id,unit,case_type,received_at,answered_at,'
     'partial_answer_at or the headers Ärendenummer, Enhet, Ärendetyp, Inkom, Besvarad, Delsvar; if yours are '
     'named otherwise, write their names in routines.toml:\n[cases.columns]\ncase_id = "…"\ncase_type = "…"\n'
     'received_at = "…"\n')),
    ("cases.xlsx", _merged, (), "the sheet Ärenden has merged cells (B3:B5)"),
    ("cases.xlsx", _empty, (), "the sheet Sheet is empty; a case export starts with the header case_id,"),
    ("cases.xlsx", _truncated, (), "is not a readable .xlsx workbook (the zip archive is damaged or cut short)"),
    ("cases.xlsx", _zip_of_text, (), "is a zip archive but no .xlsx workbook (perhaps .ods or .xlsb)"),
    ("cases.xlsx", lambda p: p.write_text("case_id,unit\n", encoding="utf-8"), (),
     "is not a readable .xlsx workbook (it is no zip archive, as an .xlsx file is)"),
    ("cases.xlsx", lambda p: p.write_bytes(_ole("EncryptionInfo".encode("utf-16-le"))), (),
     "is protected by a password and cannot be read"),
    ("cases.xls", lambda p: p.write_bytes(_ole()), (),
     "is an old Excel file (.xls), which cannot be read; open it in Excel and save it as an Excel Workbook (.xlsx)"),
    ("cases.csv", lambda p: p.write_bytes(_ole()), (), "is an old Excel file (.xls)"),
    ("cases.csv", lambda p: p.write_text("case_id\nA-1\n", encoding="utf-8"), (),
     "cannot tell what separates the columns: the header line (case_id) has neither , nor ;"),
    ("cases.csv", lambda p: p.write_bytes("case_id,unit\n".encode("utf-16")), (), "is UTF-16 text"),
    ("cases.csv", lambda p: p.write_text("Nr,Enhet\n", encoding="utf-8"), ("--sheet", "x"),
     "the header lacks the columns case_id, case_type, received_at"),
])
def test_bad_input_is_a_clear_error_for_the_file(tmp_path: Path, name: str, make: object, extra: tuple[str, ...],
                                                 expected: str) -> None:
    path = tmp_path / name
    make(path)  # type: ignore[operator]
    result = run("deadlines", "--root", str(REPO), "--cases", str(path), "--now", NOW, *extra)
    assert result.code == 2, result.err
    assert "Traceback" not in result.err and result.err.startswith(f"routines: error: {path}")
    assert expected in result.err
    assert result.err.count("\n") == (1 + result.err.count(" = \"…\"\n") + ("[cases.columns]\n" in result.err))


def test_a_mapping_that_names_a_header_the_export_lacks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_demo(tmp_path)
    (root / "routines.toml").write_text('[cases.columns]\ncase_id = "Ärende nr"\n', encoding="utf-8")
    path = _write_csv(tmp_path / "cases.csv", SWEDISH, ";", "cp1252")
    result = run("deadlines", "--root", str(root), "--cases", str(path), "--now", NOW)
    assert result.code == 2
    assert (f'{path}:1: [cases.columns] in routines.toml says case_id = "Ärende nr", but the header has no such '
            "column. Headers found: 'Ärendenummer', 'Enhet'") in result.err
    monkeypatch.delenv("ROUTINES_LANG")
    swedish = run("deadlines", "--root", str(root), "--cases", str(path), "--now", NOW)
    assert 'anger case_id = "Ärende nr", men rubrikraden har ingen sådan kolumn' in swedish.err
    (root / "routines.toml").write_text('[cases.columns]\nid = "Nr"\n', encoding="utf-8")
    assert run("check", "--root", str(root), "--today", "2026-04-20").code == 1  # the schema knows the ids


def test_large_exports_in_parallel_give_the_same_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Windows-1252 ';' export over 4 MB is cut into byte ranges, a large sheet into pieces of
    rows judged by workers; either equals one process."""
    from generator.content import workbook
    from generator.deadlines import sheets

    cases = _cases()
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(SWEDISH)
    book = Workbook(write_only=True)
    ws = book.create_sheet("Ärenden")
    ws.append(SWEDISH)
    for i in range(70_000):
        row = cases[i % len(cases)]
        writer.writerow([f"X{i}", *row[1:3], *(_local(v) for v in row[3:])])
        if i < 3_000:
            ws.append([f"X{i}", *row[1:]])
    big = tmp_path / "big.csv"
    big.write_bytes(text.getvalue().encode("cp1252"))
    assert big.stat().st_size > 4_000_000
    book.save(tmp_path / "big.xlsx")
    monkeypatch.setattr(sheets, "PARALLEL_BYTES", 10_000)
    monkeypatch.setattr(workbook, "PIECE", 20_000)  # some 60 rows a piece: about fifty pieces
    monkeypatch.setattr(workbook, "FIRST_PIECE", 2_000)
    for path in (big, tmp_path / "big.xlsx"):
        for fmt in ("json", "csv", "text"):
            args = ("deadlines", "--root", str(REPO), "--cases", str(path), "--now", NOW, "--format", fmt,
                    "--no-cache")
            parallel, single = run(*args, "--jobs", "2"), run(*args, "--jobs", "1")
            assert parallel.out == single.out and parallel.err == single.err, (path, fmt)
            assert parallel.code == single.code == 1


def test_build_reads_a_workbook_of_cases(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    out = tmp_path / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", "2026-04-20", "--no-search",
                 "--cases", str(REPO / "examples" / "cases-demo.xlsx"), "--now", NOW)
    assert result.code == 0, result.err
    report = (out / "arenden.html").read_text(encoding="utf-8")
    assert 'id="unit-su-bcc-mott"' in report and "A-4" in report


def test_build_reads_an_export_with_the_columns_of_routines_toml(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "routines.toml").write_text('[cases.columns]\ncase_id = "Nr"\nunit = "Var"\ncase_type = "Vad"\n'
                                        'received_at = "När"\nanswered_at = "Svar"\n', encoding="utf-8")
    export = tmp_path / "egen.csv"
    export.write_text("Nr;Var;Vad;När;Svar\nA-1;su-bcc-mott;Förnya recept;2026-04-02 09:15;2026-04-14 09:00\n",
                      encoding="utf-8")
    out = tmp_path / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", "2026-04-20", "--no-search",
                 "--cases", str(export), "--now", NOW)
    assert result.code == 0, result.err
    report = (out / "arenden.html").read_text(encoding="utf-8")
    assert "A-1" in report and "Bedömda ärenden: 1." in report


def test_the_handbook_page_lists_the_first_thousand_late_cases(tmp_path: Path) -> None:
    """A year of a large export's late cases would make a page no one can open on a phone: the
    Svarstider page lists the first 1,000, says how many there are and how to get them all;
    the command's own HTML report lists every one."""
    rows = EXAMPLE.read_text(encoding="utf-8").splitlines()
    header, body = rows[0], rows[1:]
    export = tmp_path / "many.csv"
    with export.open("w", encoding="utf-8") as out:
        out.write(header + "\n")
        for i in range(6_000):
            line = body[i % len(body)]
            out.write(f"M-{i}" + line[line.index(","):] + "\n")
    root = copy_demo(tmp_path)
    site = tmp_path / "site"
    result = run("build", "--root", str(root), "--out", str(site), "--today", "2026-04-20", "--no-search",
                 "--cases", str(export), "--now", NOW)
    assert result.code == 0, result.err
    report = json.loads(run("deadlines", "--root", str(root), "--cases", str(export), "--now", NOW,
                            "--format", "json").out)
    late = sorted({r["line"] for r in report["results"] if r["status"] in ("late", "overdue")})
    assert len(late) > 1_000
    page = (site / "arenden.html").read_text(encoding="utf-8")
    table = page.split("<tbody>")[-1].split("</tbody>")[0]
    assert table.count("<tr>") == 1_000
    first = [int(cell.split("</td>")[0]) for cell in table.split("<tr><td>")[1:]]
    assert first == late[:1_000]  # the first, in the export's order
    assert (f"Här visas de 1\u00a0000 första av {len(late):,} försenade och obesvarade ärendena".replace(",", "\u00a0")
            in page)
    assert "<code>routines deadlines --cases EXPORT --format xlsx --out ärenden.xlsx</code>" in page
    # the rows that could not be checked (4 in 12: 2,000) too; the cases no rule covers (2 in 12) are all there
    assert len(report["errors"]) == 2_000 and len(report["unmatched"]) == 1_000
    errors = page.split("<h2>Rader som inte kunde kontrolleras</h2>")[1]
    assert errors.split("</ul>")[0].count("<li>") == 1_000
    assert "Här visas de 1\u00a0000 första av 2\u00a0000 raderna som inte kunde kontrolleras" in errors
    assert page.count("<li>rad ") == 2_000 and "ärendena som ingen regel täcker" not in page
    full = run("deadlines", "--root", str(root), "--cases", str(export), "--now", NOW, "--format", "html").out
    assert full.split("<tbody>")[-1].count("<tr>") == len(late) and "Här visas" not in full
    config = root / "routines.toml"
    kept = config.read_text(encoding="utf-8") if config.exists() else ""
    config.write_text('language = "en"\n' + kept.replace('language = "sv"', ""), encoding="utf-8")  # before any table
    assert run("build", "--root", str(root), "--out", str(site), "--today", "2026-04-20", "--no-search",
               "--cases", str(export), "--now", NOW).code == 0
    english = (site / "arenden.html").read_text(encoding="utf-8")
    assert f"The first 1,000 of {len(late):,} late and overdue cases are shown" in english
    assert "<code>routines deadlines --cases EXPORT --format xlsx --out cases.xlsx</code>" in english
