"""The ``deadlines`` and ``due`` subcommands (wired into the parser by cli/app.py)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from generator.cli import args as cli_args
from generator.core.messages import Messages, messages

Common = Callable[[argparse.ArgumentParser, tuple[str, ...]], None]


def add_parsers(commands: Any, common: Common, t: Messages) -> None:
    """Register ``deadlines`` and ``due`` on the subcommand parser."""
    deadlines = commands.add_parser("deadlines", help="check a case export against the deadline rules")
    common(deadlines, ("text", "json", "csv", "html"))
    deadlines.add_argument("--cases", type=Path, required=True, help="the case export (CSV, SPEC 6)")
    deadlines.add_argument("--now", type=cli_args.instant, metavar="ISO",
                           help="judge open cases as of this instant (default: now; without an offset: local time in the configured zone)")
    due = commands.add_parser("due", help="when is a case of this type, received now (or at T), due?")
    common(due, ("text", "json"))
    due.add_argument("--unit", required=True, help="unit id, name or alias")
    due.add_argument("--case-type", required=True, help="case type id, name or alias")
    due.add_argument("--at", type=cli_args.instant, metavar="ISO", help="when the case was received (default: now; without an offset: local time in the configured zone)")


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

    from generator.deadlines.judge import DeadlineChecker
    from generator.deadlines.report import (
        result_csv,
        result_json,
        write_csv,
        write_json,
        write_text,
    )
    from generator.deadlines.run import check_export

    project, calendar, now = _setup(args)
    checker = DeadlineChecker(project, calendar, now)
    formatter = {"json": result_json, "csv": result_csv}.get(args.format)
    summary, rows = check_export(args.cases, checker, formatter, args.jobs or os.cpu_count() or 1)
    if args.format == "json":
        write_json(rows, summary, out)
    elif args.format == "csv":
        write_csv(rows, summary, out)
    elif args.format == "html":
        from generator.handbook.deadline_page import write_html

        write_html(summary, out, project, now)
    else:
        write_text(summary, out, project.organisation, project.catalog, now.isoformat())
    if args.format != "text" and (summary.errors or summary.unmatched):
        where = "bad rows below" if args.format == "csv" else "see the report"
        en = messages("en")
        err.write(f"{en.n('row', len(summary.errors))} could not be checked, {en.n('case', len(summary.unmatched))} "
                  f"no rule covers ({where})\n")
        if args.format == "csv":  # the CSV holds results only
            err.writelines(f"{args.cases}:{e.line}: {e.message}\n" for e in summary.errors)
    # A row that could not be checked has not passed the check.
    return 1 if summary.problems or summary.errors else 0


def run_due(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines due``: the due date of a case under every rule in force."""
    from generator.deadlines.due import due

    project, calendar, received = _setup(args)
    answer = due(project, calendar, args.unit, args.case_type, received)
    out.write(answer.to_json() if args.format == "json" else answer.text())
    return 0
