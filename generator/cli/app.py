"""The ``routines`` command: parse arguments, call the library, return an exit status.

Exit status: 0 nothing wrong, 1 findings the command treats as failures, 2 usage or input
that cannot be read.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from generator import __version__
from generator.cli import args as cli_args
from generator.cli import authoring as cli_authoring
from generator.cli import deadlines as cli_deadlines
from generator.cli import new as cli_authoring_new
from generator.cli import reminders as cli_reminders
from generator.cli import roles as cli_roles
from generator.cli import tasks as cli_tasks
from generator.cli.safe_output import end, safe
from generator.core.clock import today_in
from generator.core.errors import GeneratorError
from generator.core.messages import LANGUAGES, Messages, messages
from generator.core.suggest import unknown


def _common(parser: argparse.ArgumentParser, formats: Sequence[str], t: Messages) -> None:
    parser.add_argument("--root", type=Path, default=Path(),
                        help="the content root: the directory holding routines/ (default: .)")
    parser.add_argument("--format", choices=formats, default="text", help="output format (default: text)")
    parser.add_argument("--today", type=cli_args.day, metavar="YYYY-MM-DD",
                        help="the day to judge validity on (default: today in the configured time zone, or the day of SOURCE_DATE_EPOCH)")
    parser.add_argument("--cache-dir", type=Path, metavar="DIR",
                        help="where to keep the cache (default: $ROUTINES_CACHE_DIR or ~/.cache/routines)")
    parser.add_argument("--no-cache", action="store_true", help="read every file afresh, write no cache")
    parser.add_argument("--jobs", type=cli_args.jobs, metavar="N", help="worker processes (default: one per core)")


def build_parser(language: str = "sv") -> cli_args.Parser:
    """The argument parser of every subcommand, its help in ``language``."""
    t = messages(language)
    common = functools.partial(_common, t=t)
    parser = cli_args.Parser(prog="routines", description=(
        "Routine handbook: routines as validated documents, the staff handbook, and executable checks "
        "of deadlines, roles and reminders."))
    parser.add_argument("--version", action="version", version=f"routines {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    check = commands.add_parser("check", help="validate every file of the content root")
    common(check, ("text", "json", "github"))
    check.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    build = commands.add_parser("build", help="render the staff handbook site")
    common(build, ("text", "json"))
    build.add_argument("--out", type=Path, help="output directory (default: ROOT/_site)")
    build.add_argument("--strict", action="store_true",
                       help="exit 1 when a routine has errors (the site is built all the same), for CI")
    build.add_argument("--no-search", action="store_true", help="skip search indexing (Pagefind)")
    build.add_argument("--cases", type=Path, metavar="FILE",
                       help="a case export: adds the Svarstider report, linked from the unit pages")
    build.add_argument("--now", type=cli_args.instant, metavar="ISO",
                       help="judge open cases as of this instant (default: now; without an offset: local time in the configured zone)")
    build.add_argument("--roster", type=Path, metavar="FILE",
                       help="a roster: adds the Bemanning calendar, linked from the unit pages")
    build.add_argument("--roster-from", type=cli_args.day, metavar="YYYY-MM-DD", help="first day (default: today)")
    build.add_argument("--roster-to", type=cli_args.day, metavar="YYYY-MM-DD",
                       help="last day of the staffing calendar (default: eight weeks on)")
    serve = commands.add_parser("serve", help="preview the handbook: build, serve, rebuild and reload on change")
    serve.add_argument("--root", type=Path, default=Path(),
                       help="the content root: the directory holding routines/ (default: .)")
    serve.add_argument("--out", type=Path, help="output directory (default: ROOT/_site)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this computer only)")
    serve.add_argument("--port", type=cli_args.port, default=8000, help="port to listen on (default: 8000; 0: any free one)")
    serve.add_argument("--today", type=cli_args.day, metavar="YYYY-MM-DD",
                       help="the day to judge validity on (default: today in the configured time zone, or the day of SOURCE_DATE_EPOCH)")
    serve.add_argument("--cache-dir", type=Path, metavar="DIR",
                       help="where to keep the cache (default: $ROUTINES_CACHE_DIR or ~/.cache/routines)")
    serve.add_argument("--no-cache", action="store_true", help="read every file afresh, write no cache")
    obligations = commands.add_parser("obligations", help="what applies to a unit after inheritance")
    common(obligations, ("text", "json"))
    obligations.add_argument("--unit", help="a unit id, name or alias (default: every unit)")
    cli_deadlines.add_parsers(commands, common, t)
    cli_roles.add_parsers(commands, common, t)
    cli_tasks.add_parsers(commands, common, t)
    cli_reminders.add_parsers(commands, common, t)
    cli_authoring_new.add_parsers(commands, common, t)
    cli_authoring.add_parsers(commands, common, t)
    parser.speak(language)
    for sub in parser._subcommands():
        sub.add_argument("--lang", choices=LANGUAGES, help=(
            "language of the output: sv or en (default: $ROUTINES_LANG, else language in routines.toml, else sv)"))
    return parser


def run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines check``."""
    from generator.checks.cross_file import run_checks
    from generator.cli.check_report import REPORTERS, summary
    from generator.core.diagnostics import counts, sort_diagnostics

    started = time.perf_counter()
    project = cli_args.load(args)
    today = args.today or today_in(project.config.timezone)
    notes: list[str] = []
    diags = sort_diagnostics(run_checks(project, today, notes=notes))
    err.writelines(f"routines: warning: {note}\n" for note in notes)
    REPORTERS[args.format](diags, out, args.t)
    if args.format == "text":
        err.write(f"{summary(diags, len(project.files), args.t)} ({time.perf_counter() - started:.2f} s)\n")
    c = counts(diags)
    return 1 if c["error"] or (args.strict and c["warning"]) else 0


def run_obligations(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines obligations``."""
    from generator.core.obligations import Resolver
    from generator.core.obligations_report import to_json, to_text

    project = cli_args.load(args)
    org = project.organisation
    resolver = Resolver(project.routines, org, project.catalog)
    if args.unit is not None:
        unit_id = org.resolve(args.unit)
        if unit_id is None:
            raise GeneratorError(unknown("unit", args.unit, org, "organisation.yaml"))
        units = [resolver.for_unit(unit_id)]
    else:
        units = list(resolver.all_units())
    if args.format == "json":
        payload = {"units": [to_json(u, project.catalog) for u in units]}
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write("\n\n".join(to_text(u, project.catalog) for u in units) + "\n")
    return 0


def run_build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines build``."""
    from generator.core.diagnostics import counts
    from generator.handbook.build import build_site

    started = time.perf_counter()
    target = args.out or args.root / "_site"
    cache_dir = cli_args.cache_dir(args)
    result = build_site(args.root, target, cli_args.resolve_today(args), cache_dir=cache_dir, jobs=args.jobs,
                        search=not args.no_search, cases=args.cases, now=cli_args.resolve_now(args) if args.cases else None, roster=args.roster,
                        roster_from=args.roster_from, roster_to=args.roster_to)
    c = counts(result.diagnostics)
    err.writelines(f"routines: warning: {warning}\n" for warning in result.warnings)
    if args.format == "json":
        payload = {"out": str(result.out), "pages": result.pages, "rendered": result.rendered,
                   "reused": result.reused, "search": result.search, "diagnostics": c,
                   "left_out": result.left_out, "seconds": {k: round(v, 3) for k, v in result.seconds.items()}}
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(f"built {result.pages} pages in {target} ({result.rendered} rendered, {result.reused} "
                  f"unchanged; search {result.search}) in {time.perf_counter() - started:.2f} s\n")
        out.write(f"findings: {c['error']} errors, {c['warning']} warnings (on the Findings page)\n")
        if result.left_out:
            out.write(f"left out of the site, because they could not be read ({len(result.left_out)}; "
                      "their findings are on the Findings page):\n")
            out.writelines(f"  {file}\n" for file in result.left_out)
    return 1 if args.strict and c["error"] else 0


def run_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines serve``: runs until interrupted (Ctrl-C), then exits 0."""
    from generator.handbook.serve import serve

    gc.enable()  # a long-running process: each rebuild's garbage must be collected
    cache_dir = cli_args.cache_dir(args)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        err.write(f"routines: warning: --host {args.host}: the preview may be reachable from other computers\n")

    def ready(url: str) -> None:
        out.write(f"serving the handbook at {url} (Ctrl-C to stop)\n")
        out.flush()

    try:
        serve(args.root, args.out or args.root / "_site", host=args.host, port=args.port,
              today=args.today, cache_dir=cache_dir, on_ready=ready, log=err)
    except KeyboardInterrupt:
        err.write("routines: stopped\n")
    return 0


_COMMANDS = {"check": run_check, "build": run_build, "serve": run_serve, "obligations": run_obligations,
             "deadlines": cli_deadlines.run_deadlines, "due": cli_deadlines.run_due,
             "roles": cli_roles.run_roles, "tasks": cli_tasks.run_tasks,
             "expiring": cli_reminders.run_expiring, "remind": cli_reminders.run_remind,
             "new": cli_authoring_new.run_new, "renew": cli_authoring_new.run_renew,
             "import": cli_authoring.run_import, "export": cli_authoring.run_export}


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None, stdin: TextIO | None = None) -> int:
    """Run ``routines`` with ``argv`` (default: the process's arguments). Questions (``new`` and
    ``renew`` without all their options) are asked on ``stdin`` when given, else on standard
    input when it is a terminal; standard input is read nowhere else."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(cli_args.language_of(argv))
    parser.route(out, err)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed the usage message
        return int(exit_.code or 0) if exit_.code in (0, None) else 2
    args.lang = cli_args.language(args.lang, getattr(args, "root", Path()))
    args.t = messages(args.lang)
    # Control characters from the content (titles, names, messages) never reach a terminal raw.
    out, err = safe(out, json=getattr(args, "format", "text") == "json"), safe(err)
    args.prompt = cli_args.Prompt.of(stdin)
    # The loaded corpus is a large acyclic graph of small objects; the cyclic garbage
    # collector's repeated full passes over it cost a third of a cached run, and free nothing.
    gc.disable()
    try:
        code = _COMMANDS[args.command](args, out, err)
        end(out)
        out.flush()  # here, not at exit: a reader that went away is noticed while we can act
        return code
    except GeneratorError as error:
        err.write(args.t("cli.error", message=error.message) + "\n")
        return 2
    except KeyboardInterrupt:
        err.write(args.t("cli.interrupted") + "\n")
        return 130
    except BrokenPipeError:  # `routines … | head`: the reader has all it wanted
        _drop_stdout()
        return 141  # as a command killed by SIGPIPE, what a shell pipeline expects
    finally:
        end(err)
        gc.enable()


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush of what is still
    buffered finds no closed pipe (no "Exception ignored … BrokenPipeError" at exit)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (tests pass a StringIO)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)
