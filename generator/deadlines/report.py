"""Reports of ``routines deadlines``: text for people, JSON (SPEC 7) and CSV for tools.

Results stream out as they are judged; only counts, late and overdue cases, bad rows and
unmatched cases are kept, so a million-row export needs little memory.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from generator.core.catalog import Catalog
from generator.core.messages import messages
from generator.core.organisation import Organisation
from generator.deadlines.judge import Result, Summary, share_met

CSV_COLUMNS = ["line", "case_id", "unit", "case_type", "routine", "rule", "due_date", "deadline",
               "responded_at", "status"]


def result_json(result: Result) -> str:
    """One result as a JSON object (SPEC 7 fields, plus its line in the export)."""
    responded = f'"{result.responded.isoformat()}"' if result.responded else "null"
    return (f'{{"case_id": {json.dumps(result.case.case_id, ensure_ascii=False)}, "unit": "{result.unit}", '
            f'"case_type": "{result.case_type}", "routine": {json.dumps(result.routine)}, '
            f'"rule": {json.dumps(result.rule)}, "due_date": "{result.due_date.isoformat()}", '
            f'"deadline": "{result.deadline.isoformat()}", "responded_at": {responded}, '
            f'"status": "{result.status}", "line": {result.case.line}}}')


def result_csv(result: Result) -> str:
    """One result as a CSV line (no line break)."""
    r = result
    cell = spreadsheet_cell
    return ",".join((str(r.case.line), cell(r.case.case_id), cell(r.unit), cell(r.case_type), cell(r.routine),
                     cell(r.rule), r.due_date.isoformat(), r.deadline.isoformat(),
                     r.responded.isoformat() if r.responded else "", r.status))


_FORMULA_START = frozenset("=+-@\t\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_cell(value: str) -> str:
    """``value`` as one CSV cell that a spreadsheet shows as text, never runs as a formula.

    The one place every CSV the project writes goes through. A cell that starts with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return (what Excel, LibreOffice and Google Sheets
    read as the start of a formula) gets a leading ``'`` (OWASP, CSV injection); a plain number
    such as ``-5`` or ``+3.2`` stays a number. Then it is quoted when it holds a comma, quote or
    line break (RFC 4180).
    """
    if value and value[0] in _FORMULA_START and not (value[0] in "+-" and _NUMBER.fullmatch(value)):
        value = "'" + value
    if '"' in value or "," in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def write_json(rows: Iterable[str], summary: Summary, out: TextIO) -> None:
    """SPEC 7 JSON; ``rows`` are results already formatted by :func:`result_json`."""
    out.write('{"results": [')
    separator = "\n  "
    for batch in _batches(rows):
        out.write(separator + ",\n  ".join(batch))
        separator = ",\n  "
    out.write("\n],\n")
    out.write('"errors": ' + json.dumps([e.to_json() for e in summary.errors], ensure_ascii=False) + ",\n")
    out.write('"unmatched": ' + json.dumps([u.to_json() for u in summary.unmatched], ensure_ascii=False) + ",\n")
    groups = [{"unit": unit, "case_type": case_type, "count": sum(c.values()),
               **{s: c[s] for s in ("met", "late", "open", "overdue")}, "share_met": share_met(c)}
              for (unit, case_type), c in sorted(summary.by_group.items())]
    out.write('"counts": ' + json.dumps(summary.counts()) + ",\n")
    out.write('"summary": ' + json.dumps(groups, ensure_ascii=False) + "\n}\n")


def write_csv(rows: Iterable[str], summary: Summary, out: TextIO) -> None:
    """One line per result; ``rows`` are results already formatted by :func:`result_csv`."""
    out.write(",".join(map(spreadsheet_cell, CSV_COLUMNS)) + "\n")
    out.writelines("\n".join(batch) + "\n" for batch in _batches(rows))


def _batches(rows: Iterable[str], size: int = 4096) -> Iterator[list[str]]:
    """``rows`` in lists of ``size``: one write per list, not per row (a million rows would be
    a million calls through every stream layer)."""
    batch: list[str] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f} %"


def counts_text(summary: Summary, language: str) -> str:
    """Rows read, cases judged, rows that could not be checked, cases no rule covers: each apart
    (a row is not a case, and a case judged under two routines is one case)."""
    return messages(language)("deadlines.counts", **summary.counts())


def write_text(summary: Summary, out: TextIO, org: Organisation, catalog: Catalog, now: str) -> None:
    out.write(f"Deadlines as of {now}. {counts_text(summary, 'en')}\n\n")
    unit_name = {uid: org.units[uid].name for uid in org.units}
    current = None
    for (unit, case_type), counts in sorted(summary.by_group.items()):
        if unit != current:
            out.write(f"{unit_name.get(unit, unit)} ({unit})\n")
            current = unit
        total = sum(counts.values())
        out.write(f"  {catalog.case_types.name(case_type)}: {total} judged, {_percent(share_met(counts))} met, "
                  f"{counts['late']} late, {counts['overdue']} overdue, {counts['open']} open\n")
    if summary.problems:
        out.write("\nLate and overdue:\n")
        for line, found in itertools.groupby(summary.problems, key=lambda r: r.line):
            group = list(found)  # one case, late or overdue under one routine or several
            first = group[0]
            responded = f", answered {first.responded_at}" if first.responded_at else ""
            under = "; ".join(f"{r.status}, due {r.due_date} under {r.routine}#{r.rule}" for r in group)
            out.write(f"  line {line}: {first.case_id} ({first.unit}, {catalog.case_types.name(first.case_type)}): "
                      f"{under}{responded}\n")
    if summary.unmatched:
        out.write("\nNo deadline rule covers:\n")
        out.writelines(f"  line {u.case.line}: {u.case.case_id} ({u.unit}, {catalog.case_types.name(u.case_type)}, "
                      f"received {u.case.received.isoformat()})\n" for u in summary.unmatched)
    if summary.errors:
        out.write("\nRows that could not be checked:\n")
        out.writelines(f"  line {e.line}: {e.message}\n" for e in summary.errors)
