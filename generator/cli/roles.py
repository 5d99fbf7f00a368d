"""The ``roles`` subcommand: a roster checked against the role rules (wired in by cli.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from generator.cli import args as cli_args
from generator.core.errors import GeneratorError

Common = Callable[[argparse.ArgumentParser, tuple[str, ...]], None]


def add_parsers(commands: Any, common: Common) -> None:
    """Register ``roles`` on the subcommand parser."""
    roles = commands.add_parser("roles", help="check a roster against the role rules")
    common(roles, ("text", "json", "html"))
    roles.add_argument("--roster", type=Path, required=True, help="the roster (YAML, SPEC 6)")
    roles.add_argument("--from", dest="start", type=cli_args.day, required=True, metavar="YYYY-MM-DD")
    roles.add_argument("--to", dest="end", type=cli_args.day, required=True, metavar="YYYY-MM-DD")


def ranges(days: list[dt.date], vardagar: list[dt.date]) -> list[tuple[dt.date, dt.date, int]]:
    """Runs of consecutive vardagar: (first, last, count)."""
    index = {d: i for i, d in enumerate(vardagar)}
    runs: list[tuple[dt.date, dt.date, int]] = []
    for day in days:
        if runs and index.get(day, -2) == index.get(runs[-1][1], -9) + 1:
            runs[-1] = (runs[-1][0], day, runs[-1][2] + 1)
        else:
            runs.append((day, day, 1))
    return runs


_WORDS = {"unstaffed": "unstaffed", "uncovered_absence": "absence not covered",
          "covered_by_verksamhet": "covered from the verksamhet"}


def run_roles(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines roles``: exit 1 when a role is unstaffed or an absence uncovered."""
    from generator.core.calendar import SwedishCalendar
    from generator.staffing.roles import FAILING, check_roles
    from generator.staffing.roster import load_roster

    if args.end < args.start:
        raise GeneratorError(f"--to {args.end} is before --from {args.start}")
    project = cli_args.load(args)
    config = project.config
    calendar = SwedishCalendar(config.closed_days, config.timezone)
    roster = load_roster(args.roster, project.organisation, project.catalog)
    findings = check_roles(project, roster, calendar, args.start, args.end)
    errors = [{"file": d.file, "line": d.line, "code": d.code, "message": d.message} for d in roster.diagnostics]
    if args.format == "json":
        payload = {"findings": [f.to_json() for f in findings], "errors": errors}
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "html":
        from generator.handbook.staffing_page import staffing_context, write_html

        write_html(staffing_context(findings, project, calendar, args.start, args.end), out, project)
    else:
        vardagar = calendar.vardagar_in(args.start, args.end)
        org, catalog = project.organisation, project.catalog
        out.write(f"Roles {args.start} to {args.end}: {len(findings)} findings\n")
        for f in findings:
            who = f" {f.person}" if f.person else ""
            spans = ", ".join(a.isoformat() if a == b else f"{a.isoformat()}..{b.isoformat()}"
                              for a, b, _ in ranges(f.dates, vardagar))
            name = org.units[f.unit].name if f.unit in org.units else f.unit
            out.write(f"  {name} ({f.unit}): {catalog.roles.name(f.role)}{who}: {_WORDS[f.kind]} on "
                      f"{len(f.dates)} vardag{'ar' if len(f.dates) != 1 else ''} ({spans}) "
                      f"[{f.routine}#{f.rule}]\n")
        if errors:
            out.write("\nRoster problems:\n")
            out.writelines(f"  {e['file']}:{e['line']}: {e['message']}\n" for e in errors)
    if errors and args.format != "text":
        err.write(f"{len(errors)} roster entries could not be used (see the report)\n")
    return 1 if any(f.kind in FAILING for f in findings) else 0
