"""The ``deadlines`` and ``due`` subcommands (wired into the parser by cli/app.py)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from generator.cli import args as cli_args
from generator.cli.spreadsheet_out import add_out_option, check_out, write_xlsx
from generator.core.messages import Messages, Msg

Common = Callable[[argparse.ArgumentParser, tuple[str, ...]], None]


def add_parsers(commands: Any, common: Common, t: Messages) -> None:
    """Register ``deadlines`` and ``due`` on the subcommand parser."""
    deadlines = commands.add_parser("deadlines", help=t("help.deadlines"), description=t("help.deadlines"))
    common(deadlines, ("text", "json", "csv", "html", "xlsx"))
    add_out_option(deadlines, t)
    deadlines.add_argument("--csv-delimiter", type=_delimiter, metavar="CHAR", help=t("help.deadlines.csv_delimiter"))
    deadlines.add_argument("--cases", type=Path, required=True, help=t("help.deadlines.cases"))
    deadlines.add_argument("--now", type=cli_args.instant, metavar="ISO", help=t("help.deadlines.now"))
    deadlines.add_argument("--delimiter", type=_delimiter, metavar="CHAR", help=t("help.deadlines.delimiter"))
    deadlines.add_argument("--sheet", metavar="NAME", help=t("help.deadlines.sheet"))
    due = commands.add_parser("due", help=t("help.due"), description=t("help.due"))
    common(due, ("text", "json"))
    due.add_argument("--unit", required=True, help=t("help.due.unit"))
    due.add_argument("--case-type", required=True, help=t("help.due.case_type"))
    due.add_argument("--at", type=cli_args.instant, metavar="ISO", help=t("help.due.at"))


def _delimiter(text: str) -> str:
    """``,``, ``;`` or a tab (also written ``tab`` or ``\\t``)."""
    value = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";"}.get(text.strip().lower(), text)
    if value not in (",", ";", "\t"):
        raise argparse.ArgumentTypeError("',', ';' or 'tab'")
    return value


def _setup(args: argparse.Namespace) -> tuple[Any, Any, dt.datetime]:
    from generator.core.calendar import SwedishCalendar

    project = cli_args.load(args)
    config = project.config
    calendar = SwedishCalendar(config.closed_days, config.timezone)
    given = getattr(args, "now", None) or getattr(args, "at", None)
    return project, calendar, cli_args.moment(given, config.timezone)


def run_deadlines(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines deadlines``: exit 1 when a case is late or overdue or a row could not be checked."""
    import os

    from generator.deadlines.cases import ReadInfo, ReadOptions
    from generator.deadlines.judge import DeadlineChecker
    from generator.deadlines.report import (
        LateLines,
        csv_formatter,
        result_json,
        write_csv,
        write_json,
        write_text,
    )
    from generator.deadlines.run import check_export
    from generator.deadlines.vector_results import ResultKind

    check_out(args)
    project, calendar, now = _setup(args)
    checker = DeadlineChecker(project, calendar, now)
    config = project.config
    delimiter = args.csv_delimiter or config.csv_delimiter
    formatter = {"json": result_json, "csv": csv_formatter(delimiter)}.get(args.format)
    options = ReadOptions.of(config.case_columns, args.delimiter or config.case_delimiter, args.sheet)
    info = ReadInfo()
    kind = ResultKind(args.format, delimiter) if args.format in ("json", "csv") else None
    t: Messages = args.t
    lines = LateLines(project, t) if args.format == "text" else None
    summary, rows = check_export(args.cases, checker, formatter, args.jobs or os.cpu_count() or 1, options, info,
                                 kind, lines)
    err.writelines(t("cases.note", message=note) + "\n" for note in info.notes)
    if args.format == "json":
        write_json(rows, summary, out, project, t)
    elif args.format == "csv":
        write_csv(rows, summary, out, delimiter)
    elif args.format == "xlsx":
        from generator.deadlines.report_sheets import deadline_sheets

        write_xlsx(args, deadline_sheets(summary, project, t), err)
    elif args.format == "html":
        from generator.handbook.deadline_page import write_html

        write_html(summary, out, project, now)
    else:
        write_text(summary, out, project, now, t, info.sheet)
    if args.format != "text" and (summary.errors or summary.unmatched):
        where = t("deadlines.see_below") if args.format == "csv" else t("deadlines.see_report")
        err.write(t("deadlines.stderr", rows=t.n("row", len(summary.errors)),
                    cases=t.n("case", len(summary.unmatched)), where=where) + "\n")
        if args.format == "csv":  # the CSV holds results only
            err.writelines(_row_error(args.cases, info.sheet, e.line, e.message, t) + "\n" for e in summary.errors)
    # A row that could not be checked has not passed the check.
    return 1 if summary.problems or summary.errors else 0


def _row_error(path: Path, sheet: str | None, line: int, message: Msg | str, t: Messages) -> str:
    """``file:7: why``, or for a workbook's row ``file: sheet Ärenden, row 7: why``."""
    if sheet is not None:
        return f"{t('cases.sheet_row', path=str(path), sheet=sheet, row=line)}: {t.text(message)}"
    return f"{path}:{line}: {t.text(message)}"


def run_due(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines due``: the due date of a case under every rule in force."""
    from generator.deadlines.due import due

    project, calendar, received = _setup(args)
    answer = due(project, calendar, args.unit, args.case_type, received)
    out.write(answer.to_json() if args.format == "json" else answer.text(args.t))
    return 0
