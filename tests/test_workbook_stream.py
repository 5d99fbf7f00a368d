"""The workbook reader (generator/content/workbook.py): sheets read in pieces of rows give the
cells a whole-sheet read gives, whoever wrote the file, and memory stays bounded by the piece."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator.content import workbook
from generator.content.workbook import open_book
from generator.core.errors import GeneratorError
from tests.conftest import REPO, run

NOW = "2026-04-20T12:00:00+02:00"


def _values(path: Path, sheet: str) -> list[list[object]]:
    """The sheet as openpyxl reads it whole: the reference."""
    book = openpyxl.load_workbook(path)
    rows = [list(row) for row in book[sheet].iter_rows(values_only=True)]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows


def _trim(rows: list[list[object]]) -> list[list[object]]:
    out = []
    for row in rows:
        row = list(row)
        while row and row[-1] in (None, ""):
            row.pop()
        out.append([None if v == "" else v for v in row])
    return out


def test_a_sheet_of_shared_strings_read_in_small_pieces_equals_the_whole(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Excel keeps text as shared strings; a piece carries only those its rows use, at their
    own indices, and dates stay dates."""
    path = tmp_path / "cases.xlsx"
    book = openpyxl.Workbook()  # not write-only: shared strings, as Excel writes them
    sheet = book.active
    sheet.title = "Ärenden"
    sheet.append(["Ärendenummer", "Enhet", "Inkom", "Antal", "Klar"])
    start = dt.datetime(2026, 3, 27, 9, 15)
    for i in range(3_000):
        sheet.append([f"Ä-{i} «åäö» & <x>", "su-bcc-mott" if i % 3 else "Mottagning Öst",
                      start + dt.timedelta(hours=i), i * 1.5, i % 2 == 0])
    sheet.cell(row=3_002, column=1, value="sist")
    book.save(path)
    monkeypatch.setattr(workbook, "PIECE", 8_000)
    monkeypatch.setattr(workbook, "FIRST_PIECE", 500)
    opened = open_book(path)
    try:
        pieces = list(opened.pieces("Ärenden"))
        assert len(pieces) > 40
        assert max(len(p.xml) for p in pieces) < 8_000 + 2_000  # a piece is its bytes and at most one row more
        rows = opened.rows("Ärenden", 10_000)
    finally:
        opened.close()
    assert _trim(rows) == _trim(_values(path, "Ärenden"))
    assert isinstance(rows[1][2], dt.datetime) and rows[1][2] == start


def _write_xlsx(path: Path, sheet_xml: str, *, book_pr: str = "", styles: str = "", strings: str = "") -> None:
    """A workbook written by hand, as other programs write them (prefixes, no row numbers)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = [f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="/xl/worksheets/data.xml"/>']
    if styles:
        rels.append(f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/>')
    if strings:
        rels.append(f'<Relationship Id="rId3" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                         f'package/2006/relationships"><Relationship Id="r1" Type="{rel}/officeDocument" '
                         'Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", f'<?xml version="1.0"?><x:workbook xmlns:x="{main}" xmlns:r="{rel}">'
                         f'{book_pr}<x:sheets><x:sheet name="Data" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                         f'openxmlformats.org/package/2006/relationships">{"".join(rels)}</Relationships>')
        archive.writestr("xl/worksheets/data.xml", f'<?xml version="1.0"?><x:worksheet xmlns:x="{main}">{sheet_xml}'
                         '</x:worksheet>')
        if styles:
            archive.writestr("xl/styles.xml", f'<?xml version="1.0"?><x:styleSheet xmlns:x="{main}">{styles}'
                             '</x:styleSheet>')
        if strings:
            archive.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><x:sst xmlns:x="{main}" count="9">'
                             f'{strings}</x:sst>')


DATE_STYLE = ('<x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></x:numFmts>'
              '<x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="164" applyNumberFormat="1"/></x:cellXfs>')


def test_prefixed_xml_without_row_numbers_keeps_the_rows_where_they_are(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Some programs write ``x:``-prefixed XML and leave out the rows' and cells' references:
    the rows are still numbered as the sheet's, piece after piece."""
    rows = "".join(f'<x:row><x:c t="s"><x:v>{i % 2}</x:v></x:c><x:c><x:v>{i}</x:v></x:c>'
                   f'<x:c t="inlineStr"><x:is><x:r><x:t xml:space="preserve">del </x:t></x:r><x:r><x:t>{i}</x:t></x:r></x:is></x:c></x:row>'
                   for i in range(200))
    path = tmp_path / "noref.xlsx"
    _write_xlsx(path, f"<x:sheetData>{rows}</x:sheetData>",
                strings="<x:si><x:t>noll</x:t></x:si><x:si><x:r><x:t>e</x:t></x:r><x:r><x:t>tt</x:t></x:r></x:si>")
    monkeypatch.setattr(workbook, "PIECE", 1_000)
    monkeypatch.setattr(workbook, "FIRST_PIECE", 300)
    book = open_book(path)
    try:
        assert len(list(book.pieces("Data"))) > 10
        read = book.rows("Data", 1_000)
    finally:
        book.close()
    assert len(read) == 200
    assert [(r[0], r[1], r[2]) for r in read[:3]] == [("noll", 0, "del 0"), ("ett", 1, "del 1"), ("noll", 2, "del 2")]
    assert read[199][1] == 199 and read[150] == ["noll", 150, "del 150"]


def test_the_1904_date_system_and_merged_cells_after_the_rows(tmp_path: Path) -> None:
    """A Mac workbook counts days from 1904; merged cells are listed after the rows and are
    known once the rows are read."""
    path = tmp_path / "mac.xlsx"
    _write_xlsx(path, '<x:sheetData><x:row r="2"><x:c r="B2" s="1"><x:v>44651.5</x:v></x:c></x:row></x:sheetData>'
                '<x:mergeCells count="1"><x:mergeCell ref="B2:C2"/></x:mergeCells>',
                book_pr='<x:workbookPr date1904="1"/>', styles=DATE_STYLE)
    book = open_book(path)
    try:
        assert book.merged("Data") == []
        rows = book.rows("Data", 10)
        assert book.merged("Data") == ["B2:C2"]
    finally:
        book.close()
    assert rows == [[], [None, dt.datetime(2026, 4, 1, 12, 0)]]


def test_merged_cells_in_a_long_case_sheet_are_an_error_after_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Merged cells come last in the sheet's XML: a long export with them is still refused, with
    no report written."""
    path = tmp_path / "merged.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["case_id", "unit", "case_type", "received_at", "answered_at"])
    for i in range(500):
        sheet.append([f"A-{i}", "su-bcc-mott", "Förnya recept", "2026-04-02T09:15:00+02:00", ""])
    sheet.merge_cells("A400:A401")
    book.save(path)
    monkeypatch.setattr(workbook, "PIECE", 2_000)
    result = run("deadlines", "--root", str(REPO), "--cases", str(path), "--now", NOW)
    assert result.code == 2 and result.out == ""
    assert "the sheet Sheet has merged cells (A400:A401)" in result.err


@pytest.mark.parametrize(("files", "expected"), [
    ({"content.xml": "<office:document-content/>", "mimetype": "application/vnd.oasis.opendocument.spreadsheet"},
     "is a zip archive but no .xlsx workbook (perhaps .ods or .xlsb)"),
])
def test_a_zip_that_is_no_xlsx_says_to_save_it_as_one(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    path = tmp_path / "cases.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    with pytest.raises(GeneratorError) as raised:
        open_book(path)
    assert expected in str(raised.value.message)


def test_a_cell_pointing_past_the_shared_strings_is_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    _write_xlsx(path, '<x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>7</x:v></x:c></x:row></x:sheetData>',
                strings="<x:si><x:t>en</x:t></x:si>")
    book = open_book(path)
    try:
        with pytest.raises(GeneratorError) as raised:
            book.rows("Data", 10)
    finally:
        book.close()
    assert "a cell refers to string 7, which does not exist" in str(raised.value.message)
