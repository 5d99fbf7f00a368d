"""Write ``cases-demo-excel.csv`` and ``cases-demo.xlsx``: the cases of ``cases-demo.csv`` as a
Swedish Excel has them (run from the repository: ``python examples/make_excel_cases.py``).

The CSV is what Excel's "CSV (semikolonavgränsad)" saves: ``;``-separated, Windows-1252, CRLF,
Swedish headers, local times like ``2026-04-02 09:15``. The workbook has a sheet ``Ärenden``
with the same headers and the times as date cells (local time); a value that is no timestamp
(``igår``) stays text. ``tests/test_cases_formats.py`` checks that both give the results of
``cases-demo.csv``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
HEADERS = ["Ärendenummer", "Enhet", "Ärendetyp", "Inkom", "Besvarad", "Delsvar"]
ZONE = ZoneInfo("Europe/Stockholm")


def local(text: str) -> dt.datetime | str | None:
    """A timestamp of the export as naive local time (what Excel shows), or the text itself
    when it is none."""
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    return moment.astimezone(ZONE).replace(tzinfo=None) if moment.tzinfo else moment


def shown(value: dt.datetime | str | None) -> str:
    """A cell as Excel writes it to CSV: ``2026-04-02 09:15`` (seconds only when there are some)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")


def rows(source: Path) -> list[list[object]]:
    with source.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))[1:]
    return [[case_id, unit, case_type, *(local(t) for t in times)] for case_id, unit, case_type, *times in records]


def write_csv(cases: list[list[object]], target: Path) -> None:
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows([*row[:3], *(shown(v) for v in row[3:])] for row in cases)  # type: ignore[arg-type]
    target.write_bytes(text.getvalue().encode("cp1252"))


def write_xlsx(cases: list[list[object]], target: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Ärenden"
    sheet.append(HEADERS)
    for row in cases:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2, min_col=4, max_col=6):
        for cell in cells:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
    for column, width in zip("ABCDEF", (14, 40, 26, 18, 18, 18), strict=True):
        sheet.column_dimensions[column].width = width
    book.save(target)


def main() -> None:
    cases = rows(HERE / "cases-demo.csv")
    write_csv(cases, HERE / "cases-demo-excel.csv")
    write_xlsx(cases, HERE / "cases-demo.xlsx")


if __name__ == "__main__":
    main()
