"""Writes examples/roster-demo.xlsx: the roster of examples/roster-demo.yaml as a scheduling
system exports it (sheets Personer, Bemanning and Frånvaro, Swedish headers, date cells).

    .venv/bin/python examples/make_roster_workbook.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import yaml

HERE = Path(__file__).resolve().parent
SHEETS = (("people", "Personer", ("ID", "Namn"), ("id", "name")),
          ("assignments", "Bemanning", ("Person", "Roll", "Enhet", "Från och med", "Till och med"),
           ("person", "role", "unit", "from", "to")),
          ("absences", "Frånvaro", ("Person", "Från", "Till", "Anteckning"), ("person", "from", "to", "note")))


def main() -> None:
    roster = yaml.safe_load((HERE / "roster-demo.yaml").read_text(encoding="utf-8"))
    book = openpyxl.Workbook()
    book.remove(book.active)
    for part, title, header, keys in SHEETS:
        sheet = book.create_sheet(title)
        sheet.append(header)
        for item in roster[part]:
            sheet.append([item.get(key) for key in keys])
        for column, width in zip("ABCDE", (12, 20, 36, 14, 14), strict=False):
            sheet.column_dimensions[column].width = width
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
    book.save(HERE / "roster-demo.xlsx")


if __name__ == "__main__":
    main()
