"""Reports of ``routines deadlines``: text for people, JSON (SPEC 7) and CSV for tools.

Results stream out as they are judged; only counts, late and overdue cases, bad rows and
unmatched cases are kept, so a million-row export needs little memory.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from generator.content.project import Project
from generator.core.messages import Messages
from generator.deadlines.judge import STATUSES, Problem, Result, Summary, share_met
from generator.deadlines.problems import Pending, Rendered

if TYPE_CHECKING:
    from generator.deadlines.vector_lines import Shape

BOM = "\ufeff"
"""What tells Excel a CSV file is UTF-8."""
CSV_COLUMNS = ["line", "case_id", "unit", "case_type", "routine", "rule", "due_date", "deadline",
               "responded_at", "status"]


_RULE_JSON: dict[tuple[str, str, str, int], str] = {}
"""The JSON of a result's routine and rule, by (routine, rule, kind, N): as many as there are
rules, each made once rather than once per result."""


def _rule_json(result: Result) -> str:
    key = (result.routine, result.rule, result.within_key, result.within)
    found = _RULE_JSON.get(key)
    if found is None:
        found = _RULE_JSON[key] = (f'"routine": {json.dumps(result.routine)}, "rule": {json.dumps(result.rule)}, '
                                   f'"{result.within_key}": {result.within}')
    return found


def result_json(result: Result) -> str:
    """One result as a JSON object (SPEC 7 fields, plus the rule's deadline as the rule has it,
    ``"within_vardagar": 2``, ``"within_timmar": 24`` or ``"within_dygn": 3``, and its line in
    the export)."""
    responded = f'"{result.responded.isoformat()}"' if result.responded else "null"
    return (f'{{"case_id": {json.dumps(result.case.case_id, ensure_ascii=False)}, "unit": "{result.unit}", '
            f'"case_type": "{result.case_type}", {_rule_json(result)}, '
            f'"due_date": "{result.due_date.isoformat()}", '
            f'"deadline": "{result.deadline.isoformat()}", "responded_at": {responded}, '
            f'"status": "{result.status}", "line": {result.case.line}}}')


def csv_formatter(delimiter: str = ",") -> Callable[[Result], str]:
    """The CSV line of one result (no line break), its cells separated by ``delimiter``."""

    def result_csv(r: Result) -> str:
        def cell(value: str) -> str:
            return spreadsheet_cell(value, delimiter)

        return delimiter.join((str(r.case.line), cell(r.case.case_id), cell(r.unit), cell(r.case_type),
                               cell(r.routine), cell(r.rule), r.due_date.isoformat(), r.deadline.isoformat(),
                               r.responded.isoformat() if r.responded else "", r.status))

    return result_csv


result_csv = csv_formatter(",")
"""One result as a CSV line separated by commas."""


_FORMULA_START = frozenset("=+-@\t\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_cell(value: str, delimiter: str = ",") -> str:
    """``value`` as one CSV cell that a spreadsheet shows as text, never runs as a formula.

    The one place every CSV the project writes goes through. A cell that starts with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return (what Excel, LibreOffice and Google Sheets
    read as the start of a formula) gets a leading ``'`` (OWASP, CSV injection); a plain number
    such as ``-5`` or ``+3.2`` stays a number. Then it is quoted when it holds a comma, quote or
    line break (RFC 4180), or the ``delimiter`` when it is another (``;`` for a Swedish Excel).
    """
    if value and value[0] in _FORMULA_START and not (value[0] in "+-" and _NUMBER.fullmatch(value)):
        value = "'" + value
    if '"' in value or delimiter in value or "," in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


class Names:
    """The names reports show for ids: units, case types and routine titles (an id not found is
    shown as itself)."""

    def __init__(self, project: Project) -> None:
        org = project.organisation
        self.units = {uid: org.units[uid].name for uid in org.units}
        self.case_types = project.catalog.case_types
        self.titles = {r.label: r.title for r in project.routines}

    def unit(self, unit: str) -> str:
        return self.units.get(unit, unit)

    def case_type(self, case_type: str) -> str:
        return self.case_types.name(case_type)

    def title(self, routine: str) -> str:
        return self.titles.get(routine, routine)


def _group_json(counts: Counter[str]) -> dict[str, object]:
    return {"count": sum(counts.values()), **{s: counts[s] for s in STATUSES}, "share_met": share_met(counts)}


def write_json(rows: Iterable[str], summary: Summary, out: TextIO, project: Project, t: Messages) -> None:
    """SPEC 7 JSON; ``rows`` are results already formatted by :func:`result_json`. ``summary``
    counts cases per unit and case type (each case once, with its worst result) and, in its
    ``routines``, per routine (each case once per routine that judged it)."""
    names = Names(project)
    out.write('{"results": [')
    separator = "\n  "
    for block in _line_blocks(rows):
        out.write(separator + block[:-1].replace("\n", ",\n  "))  # no result's JSON holds a line break
        separator = ",\n  "
    out.write("\n],\n")
    out.write('"errors": ' + json.dumps([e.to_json(t) for e in summary.errors], ensure_ascii=False) + ",\n")
    out.write('"unmatched": ' + json.dumps([u.to_json() for u in summary.unmatched], ensure_ascii=False) + ",\n")
    routines: dict[tuple[str, str], list[dict[str, object]]] = {}
    for (unit, case_type, routine), counts in sorted(summary.by_routine.items()):
        routines.setdefault((unit, case_type), []).append(
            {"routine": routine, "title": names.title(routine), **_group_json(counts)})
    groups = [{"unit": unit, "unit_name": names.unit(unit), "case_type": case_type,
               "case_type_name": names.case_type(case_type), **_group_json(c),
               "routines": routines.get((unit, case_type), [])}
              for (unit, case_type), c in sorted(summary.by_group.items())]
    out.write('"counts": ' + json.dumps(summary.counts()) + ",\n")
    out.write('"summary": ' + json.dumps(groups, ensure_ascii=False) + "\n}\n")


def write_csv(rows: Iterable[str], summary: Summary, out: TextIO, delimiter: str = ",") -> None:
    """One line per result; ``rows`` are results already formatted by :func:`csv_formatter`.
    RFC 4180 (CRLF line ends), UTF-8 with a byte order mark, so that Excel shows å, ä and ö."""
    out.write(BOM + delimiter.join(spreadsheet_cell(c, delimiter) for c in CSV_COLUMNS) + "\r\n")
    out.writelines(block.replace("\n", "\r\n") for block in _line_blocks(rows))


def _line_blocks(rows: Iterable[str], size: int = 4096) -> Iterator[str]:
    """``rows`` as blocks of whole lines, each line ending in ``\\n``: one write per block, not
    per row (a million rows would be a million calls through every stream layer). Results read
    back from their files (:class:`generator.deadlines.run.ResultRows`) come in blocks already;
    a row holding a line break reaches the writer as it does from those files, as two lines."""
    blocks = getattr(rows, "blocks", None)
    if blocks is not None:
        yield from blocks()
        return
    batch: list[str] = []
    for row in rows:
        batch.append(row + "\n")
        if len(batch) == size:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f} %"


def counts_text(summary: Summary, t: Messages) -> str:
    """Rows read, cases judged, rows that could not be checked, cases no rule covers: each apart
    (a row is not a case, and a case judged under two routines is one case)."""
    return t("deadlines.counts", **summary.counts())


def _tally(counts: Counter[str], t: Messages) -> str:
    return t("deadlines.tally", cases=t.n("judged_case", sum(counts.values())), share=_percent(share_met(counts)),
             late=counts["late"], overdue=counts["overdue"], open=counts["open"])


def due_text(problem: Problem, t: Messages) -> str:
    """When a late or overdue result was due, as people read it: its due date (``2026-04-08``:
    the whole day), or under a rule in timmar or dygn whose deadline falls inside the day, the
    date and the time it had to come before (``2026-03-30 före kl. 11:00``)."""
    if problem.deadline is None:
        return problem.due_date
    deadline = dt.datetime.fromisoformat(problem.deadline)  # in the calendar's zone: its clock time
    if deadline.time() == dt.time(0) and deadline.date() == dt.date.fromisoformat(problem.due_date) + dt.timedelta(days=1):
        return problem.due_date  # 00:00 after the due date: the whole of it, as a vardagar deadline
    clock = deadline.strftime("%H:%M:%S" if deadline.second or deadline.microsecond else "%H:%M")
    return t("deadlines.due_before", due=problem.due_date, time=clock)


def late_cases(summary: Summary) -> Iterator[list[Problem]]:
    """The late and overdue results, one list per case (late or overdue under one routine or several)."""
    for _, found in itertools.groupby(summary.problems, key=lambda r: r.line):
        yield list(found)


class LateLines:
    """The text report's lines of late and overdue cases, one line per case with every rule it
    is late or overdue under: made from a chunk of problems (a table of the vector judge as
    arrays, :func:`generator.deadlines.vector_text.late_text`; a list one by one), as UTF-8
    bytes, and whether they hold no control character (a list's are not looked at: written as
    any text is). Forked workers make them too (:meth:`Problems.render`)."""

    def __init__(self, project: Project, t: Messages) -> None:
        self.names, self.t = Names(project), t
        self.told: dict[tuple[object, ...], tuple[str, str]] = {}
        """Each rule's part of a line before and after its due date, by routine, rule, status and
        clock time."""
        self.shape: Shape | None = None
        """The late line's message as the pieces the vector judge's lines are made of."""

    def __call__(self, chunk: list[Problem] | Any) -> tuple[bytes | memoryview, bool]:
        names, t = self.names, self.t
        if isinstance(chunk, Pending):  # the vector judge's results: their lines made as arrays
            from generator.deadlines.vector_lines import Shape

            if self.shape is None:
                self.shape = Shape(t)
            if self.shape.ok:
                return chunk.text_lines(names, t, self.told, self.shape)
            chunk = chunk.table()
        if not isinstance(chunk, list):  # a table of the vector judge: its lines made as arrays
            from generator.deadlines.vector_text import late_text

            return late_text(chunk, names, t, self.told)
        written = []
        for _, found in itertools.groupby(chunk, key=lambda r: r.line):
            group = list(found)
            first = group[0]
            answered = t("deadlines.answered", at=first.responded_at) if first.responded_at else ""
            under = "; ".join(t("deadlines.under_late" if r.status == "late" else "deadlines.under_overdue",
                                due=due_text(r, t), title=names.title(r.routine), routine=r.routine, rule=r.rule)
                              for r in group)
            written.append(t("deadlines.late", line=first.line, case=first.case_id, unit=names.unit(first.unit),
                             case_type=names.case_type(first.case_type), under=under, answered=answered) + "\n")
        return "".join(written).encode("utf-8"), False


def pieces(chunk: list[Problem] | Any, size: int = 10_000) -> Iterator[list[Problem] | Any]:
    """A chunk of problems in pieces to make lines of: a table whole, a list in pieces of about
    ``size`` results (never a case's results cut apart), so that the lines of a long list are
    never all in memory."""
    if not isinstance(chunk, list):
        yield chunk
        return
    start = 0
    while start < len(chunk):
        end = min(start + size, len(chunk))
        while end < len(chunk) and chunk[end].line == chunk[end - 1].line:
            end += 1
        yield chunk[start:end]
        start = end


def _write_lines(text: bytes | memoryview, clean: bool, out: TextIO) -> None:
    """Lines of UTF-8 to ``out``: lines known to be clean to the CLI's stream without a second
    look (the bytes as they are where it writes UTF-8), others as any text is written."""
    if clean and hasattr(out, "write_clean"):
        out.write_clean(text)
    else:
        out.write(bytes(text).decode("utf-8"))


def _copy_lines(rendered: Rendered, out: TextIO) -> None:
    """The lines of ``rendered`` to ``out``, block by block."""
    for text in rendered.texts():
        _write_lines(text, rendered.clean, out)


def write_text(summary: Summary, out: TextIO, project: Project, now: dt.datetime, t: Messages,
               sheet: str | None = None) -> None:
    """The report for people: the counts and what they mean, per unit, case type and routine,
    then the late and overdue cases, the cases no rule covers and the rows that could not be checked."""
    names = Names(project)
    out.write(t("deadlines.heading", now=now.isoformat(timespec="seconds"), counts=counts_text(summary, t)) + "\n")
    out.write(t("deadlines.meaning") + "\n")
    routines: dict[tuple[str, str], list[tuple[str, Counter[str]]]] = {}
    for (unit, case_type, routine), counts in sorted(summary.by_routine.items()):
        routines.setdefault((unit, case_type), []).append((routine, counts))
    per_unit: dict[str, int] = {}
    for (unit, _), counts in summary.by_group.items():
        per_unit[unit] = per_unit.get(unit, 0) + sum(counts.values())
    current = None
    for (unit, case_type), counts in sorted(summary.by_group.items()):
        if unit != current:
            out.write("\n" + t("deadlines.unit", name=names.unit(unit), id=unit,
                               cases=t.n("case", per_unit[unit])) + "\n")
            current = unit
        out.write(t("deadlines.group", case_type=names.case_type(case_type), tally=_tally(counts, t)) + "\n")
        for routine, by_routine in routines.get((unit, case_type), []):
            out.write(t("deadlines.routine", title=names.title(routine), routine=routine,
                        tally=_tally(by_routine, t)) + "\n")
    if summary.problems:
        out.write("\n" + t("deadlines.late_heading") + "\n")
        lines = LateLines(project, t)
        for chunk in summary.problems.chunks():
            if isinstance(chunk, Rendered):
                _copy_lines(chunk, out)
            else:
                for piece in pieces(chunk):
                    _write_lines(*lines(piece), out)
    if summary.unmatched:
        out.write("\n" + t("deadlines.unmatched_heading") + "\n")
        out.writelines(t("deadlines.unmatched", line=u.case.line, case=u.case.case_id, unit=names.unit(u.unit),
                         case_type=names.case_type(u.case_type),
                         received=u.case.received.isoformat(timespec="seconds")) + "\n" for u in summary.unmatched)
    if summary.errors:
        out.write("\n" + t("deadlines.errors_heading") + "\n")
        row = "row.sheet_row" if sheet is not None else "row.line"  # a workbook's rows by sheet and row
        out.writelines(t(row, line=e.line, message=e.message, sheet=sheet or "") + "\n" for e in summary.errors)
