"""The ``tasks`` subcommand (wired into the parser by cli/app.py)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from generator.cli import args as cli_args
from generator.cli.spreadsheet_out import add_out_option, check_out, write_xlsx
from generator.core.messages import Messages

Common = Callable[[argparse.ArgumentParser, tuple[str, ...]], None]


def add_parsers(commands: Any, common: Common, t: Messages) -> None:
    """Register ``tasks`` on the subcommand parser."""
    tasks = commands.add_parser("tasks", help=t("help.tasks"), description=t("help.tasks"))
    common(tasks, ("text", "json", "ics", "xlsx"))
    add_out_option(tasks, t)
    tasks.add_argument("--from", dest="start", type=cli_args.day, required=True, metavar="YYYY-MM-DD",
                       help=t("help.tasks.from"))
    tasks.add_argument("--to", dest="end", type=cli_args.day, required=True, metavar="YYYY-MM-DD",
                       help=t("help.tasks.to"))
    tasks.add_argument("--log", type=Path, metavar="FILE", help=t("help.tasks.log"))


def run_tasks(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines tasks``: exit 1 when the task log shows missed occurrences."""
    from generator.core.calendar import SwedishCalendar
    from generator.core.clock import today_in
    from generator.staffing import task_log, task_report
    from generator.staffing import tasks as library

    t: Messages = args.t
    check_out(args)
    cli_args.check_period(args)
    project = cli_args.load(args)
    config = project.config
    today = args.today or today_in(config.timezone)
    calendar = SwedishCalendar(config.closed_days, config.timezone)
    tasks = library.unit_tasks(project.routines, project.organisation, project.catalog)
    found = library.occurrences(tasks, project.catalog, calendar, args.start, args.end)
    log = task_log.read_log(args.log, tasks, project.organisation, today) if args.log is not None else None
    counts = task_log.judge(found, log, today)
    if args.format == "json":
        payload = task_report.to_json(found, log, args.start, args.end, today, t)
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "ics":
        out.write(task_report.to_ics(found, today, t("ics.tasks", site=config.title), args.lang))
    elif args.format == "xlsx":
        from generator.staffing.sheets import task_sheets

        write_xlsx(args, task_sheets(found, log, t), err)
    else:
        out.write(task_report.write_text(found, log, args.start, args.end, today, t))
    if log is not None and args.format != "text":
        if log.errors:
            err.write(t("tasks.stderr", rows=t.n("row", len(log.errors))) + "\n" if args.format in ("json", "xlsx") else
                      "".join(f"{args.log}:{e.line}: {t.text(e.message)}\n" for e in log.errors))
        if counts["missed"]:
            err.write(t.n("missed_occurrence", counts["missed"]) + "\n")
    return 1 if counts["missed"] else 0
