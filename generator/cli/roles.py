"""The ``roles`` subcommand: a roster checked against the role rules (wired in by cli/app.py)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from generator.cli import args as cli_args
from generator.core.errors import GeneratorError
from generator.core.messages import Messages

Common = Callable[[argparse.ArgumentParser, tuple[str, ...]], None]


def add_parsers(commands: Any, common: Common, t: Messages) -> None:
    """Register ``roles`` on the subcommand parser."""
    roles = commands.add_parser("roles", help="check a roster against the role rules")
    common(roles, ("text", "json", "html"))
    roles.add_argument("--roster", type=Path, required=True, help="the roster (YAML, SPEC 6)")
    roles.add_argument("--from", dest="start", type=cli_args.day, required=True, metavar="YYYY-MM-DD")
    roles.add_argument("--to", dest="end", type=cli_args.day, required=True, metavar="YYYY-MM-DD")


def run_roles(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines roles``: exit 1 when a role is unstaffed or an absence uncovered."""
    from generator.core.calendar import SwedishCalendar
    from generator.staffing.roles import FAILING, check_roles
    from generator.staffing.roles_report import roles_json, roles_text
    from generator.staffing.roster import load_roster

    if args.end < args.start:
        raise GeneratorError(f"--to {args.end} is before --from {args.start}")
    project = cli_args.load(args)
    config = project.config
    calendar = SwedishCalendar(config.closed_days, config.timezone)
    roster = load_roster(args.roster, project.organisation, project.catalog)
    findings = check_roles(project, roster, calendar, args.start, args.end)
    errors = [{"file": d.file, "line": d.line, "code": d.code, "message": d.text(args.t)} for d in roster.diagnostics]
    if args.format == "json":
        out.write(roles_json(findings, errors))
    elif args.format == "html":
        from generator.handbook.staffing_page import staffing_context, write_html

        write_html(staffing_context(findings, project, calendar, args.start, args.end), out, project)
    else:
        out.write(roles_text(findings, errors, project, calendar.vardagar_in(args.start, args.end),
                             args.start, args.end))
    if errors and args.format != "text":
        err.write(f"{len(errors)} roster entries could not be used (see the report)\n")
    return 1 if any(f.kind in FAILING for f in findings) else 0
