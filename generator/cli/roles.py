"""The ``roles`` subcommand: a roster checked against the role rules (wired in by cli/app.py)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from generator.cli import args as cli_args
from generator.cli.spreadsheet_out import add_out_option, check_out, write_xlsx
from generator.core.messages import Messages

Common = Callable[[argparse.ArgumentParser, tuple[str, ...]], None]


def add_parsers(commands: Any, common: Common, t: Messages) -> None:
    """Register ``roles`` on the subcommand parser."""
    roles = commands.add_parser("roles", help=t("help.roles"), description=t("help.roles"))
    common(roles, ("text", "json", "html", "xlsx"))
    add_out_option(roles, t)
    roles.add_argument("--roster", type=Path, required=True, help=t("help.roles.roster"))
    roles.add_argument("--absences", type=Path, metavar="FILE", help=t("help.roles.absences"))
    roles.add_argument("--from", dest="start", type=cli_args.day, required=True, metavar="YYYY-MM-DD",
                       help=t("help.roles.from"))
    roles.add_argument("--to", dest="end", type=cli_args.day, required=True, metavar="YYYY-MM-DD",
                       help=t("help.roles.to"))


def run_roles(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines roles``: exit 1 when a role is unstaffed or an absence uncovered."""
    from generator.core.calendar import SwedishCalendar
    from generator.staffing.roles import FAILING, check_roles
    from generator.staffing.roles_report import roles_json, roles_text
    from generator.staffing.roster import load_roster

    t: Messages = args.t
    check_out(args)
    cli_args.check_period(args)
    project = cli_args.load(args)
    config = project.config
    calendar = SwedishCalendar(config.closed_days, config.timezone)
    roster = load_roster(args.roster, project.organisation, project.catalog, absences=args.absences,
                         config=config)
    findings = check_roles(project, roster, calendar, args.start, args.end)
    errors = [{"file": d.file, "line": d.line, "code": d.code, "message": d.text(t)} for d in roster.diagnostics]
    if args.format == "json":
        out.write(roles_json(findings, errors))
    elif args.format == "html":
        from generator.handbook.staffing_page import staffing_context, write_html

        write_html(staffing_context(findings, project, calendar, args.start, args.end, roster), out, project)
    elif args.format == "xlsx":
        from generator.staffing.sheets import roles_sheets

        write_xlsx(args, roles_sheets(findings, errors, project, roster, t), err)
    else:
        out.write(roles_text(findings, errors, project, roster, calendar.vardagar_in(args.start, args.end),
                             args.start, args.end, t))
    if errors and args.format != "text":
        err.write(t("roles.stderr", entries=t.n("roster_entry", len(errors))) + "\n")
    return 1 if any(f.kind in FAILING for f in findings) else 0
