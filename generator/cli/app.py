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
from generator.cli import approvals as cli_approvals
from generator.cli import archive as cli_archive
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
from generator.core.messages import LANGUAGES, Messages, Msg, messages
from generator.core.suggest import unknown


def _common(parser: argparse.ArgumentParser, formats: Sequence[str], t: Messages) -> None:
    parser.add_argument("--root", type=Path, default=Path(), help=t("help.root"))
    parser.add_argument("--format", choices=formats, default="text", help=t("help.format"))
    parser.add_argument("--today", type=cli_args.day, metavar="YYYY-MM-DD", help=t("help.today"))
    _cache_options(parser, t)
    parser.add_argument("--jobs", type=cli_args.jobs, metavar="N", help=t("help.jobs"))


def _cache_options(parser: argparse.ArgumentParser, t: Messages) -> None:
    parser.add_argument("--cache-dir", type=Path, metavar="DIR", help=t("help.cache_dir"))
    parser.add_argument("--no-cache", action="store_true", help=t("help.no_cache"))


def build_parser(language: str = "sv") -> cli_args.Parser:
    """The argument parser of every subcommand, its help in ``language``."""
    t = messages(language)
    common = functools.partial(_common, t=t)
    parser = cli_args.Parser(prog="routines", description=t("help.description"))
    parser.add_argument("--version", action="version", version=f"routines {__version__}")
    commands = parser.add_subparsers(dest="command", metavar=t("help.command"), required=True)
    check = commands.add_parser("check", help=t("help.check"))
    common(check, ("text", "json", "github"))
    check.add_argument("--strict", action="store_true", help=t("help.check.strict"))
    build = commands.add_parser("build", help=t("help.build"))
    common(build, ("text", "json"))
    build.add_argument("--out", type=Path, help=t("help.build.out"))
    build.add_argument("--strict", action="store_true", help=t("help.build.strict"))
    build.add_argument("--no-search", action="store_true", help=t("help.build.no_search"))
    build.add_argument("--cases", type=Path, metavar="FILE", help=t("help.build.cases"))
    build.add_argument("--now", type=cli_args.instant, metavar="ISO", help=t("help.build.now"))
    build.add_argument("--roster", type=Path, metavar="FILE", help=t("help.build.roster"))
    build.add_argument("--roster-from", type=cli_args.day, metavar="YYYY-MM-DD", help=t("help.build.roster_from"))
    build.add_argument("--roster-to", type=cli_args.day, metavar="YYYY-MM-DD", help=t("help.build.roster_to"))
    serve = commands.add_parser("serve", help=t("help.serve"))
    serve.add_argument("--root", type=Path, default=Path(), help=t("help.root"))
    serve.add_argument("--out", type=Path, help=t("help.build.out"))
    serve.add_argument("--host", default="127.0.0.1", help=t("help.serve.host"))
    serve.add_argument("--port", type=cli_args.port, default=8000, help=t("help.serve.port"))
    serve.add_argument("--today", type=cli_args.day, metavar="YYYY-MM-DD", help=t("help.today"))
    serve.add_argument("--edit", action="store_true", help=t("help.serve.edit"))
    _cache_options(serve, t)
    obligations = commands.add_parser("obligations", help=t("help.obligations"))
    common(obligations, ("text", "json"))
    obligations.add_argument("--unit", help=t("help.obligations.unit"))
    cli_deadlines.add_parsers(commands, common, t)
    cli_roles.add_parsers(commands, common, t)
    cli_tasks.add_parsers(commands, common, t)
    cli_reminders.add_parsers(commands, common, t)
    cli_authoring_new.add_parsers(commands, common, t)
    cli_authoring.add_parsers(commands, common, t)
    cli_archive.add_parsers(commands, common, t)
    cli_approvals.add_parsers(commands, common, t)
    parser.speak(language)
    for sub in parser._subcommands():
        sub.add_argument("--lang", choices=LANGUAGES, help=t("help.lang"))
    # also before the command (routines --lang en check); its own dest, or the command's
    # default would overwrite it
    parser.add_argument("--lang", dest="top_lang", choices=LANGUAGES, help=t("help.lang"))
    return parser


def seconds(t: Messages, elapsed: float) -> str:
    """``1,23 s`` / ``1.23 s``: a duration as the language writes decimals."""
    return t("cli.seconds", seconds=f"{elapsed:.2f}".replace(".", t("cli.decimal_mark")))


def run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines check``."""
    from generator.checks.cross_file import run_checks
    from generator.cli.check_report import REPORTERS, summary
    from generator.core.diagnostics import counts, sort_diagnostics

    started = time.perf_counter()
    project = cli_args.load(args)
    today = args.today or today_in(project.config.timezone)
    notes: list[Msg | str] = []
    diags = sort_diagnostics(run_checks(project, today, notes=notes))
    err.writelines(args.t("cli.warning", message=note) + "\n" for note in notes)
    REPORTERS[args.format](diags, out, args.t)
    if args.format == "text":
        err.write(args.t("check.timed", summary=summary(diags, len(project.files), args.t),
                         seconds=seconds(args.t, time.perf_counter() - started)) + "\n")
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
        out.write("\n\n".join(to_text(u, project.catalog, args.t) for u in units) + "\n")
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
    t = args.t
    err.writelines(t("cli.warning", message=warning) + "\n" for warning in result.warnings)
    if args.format == "json":
        payload = {"out": str(result.out), "pages": result.pages, "rendered": result.rendered,
                   "reused": result.reused, "search": result.search, "diagnostics": c,
                   "left_out": result.left_out, "seconds": {k: round(v, 3) for k, v in result.seconds.items()}}
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(t("build.built", pages=t.n("page", result.pages), target=target, rendered=result.rendered,
                    reused=result.reused, search=search_text(result.search, t),
                    seconds=seconds(t, time.perf_counter() - started)) + "\n")
        out.write(t("build.findings", errors=t.n("error", c["error"]), warnings=t.n("warning", c["warning"])) + "\n")
        if result.left_out:
            out.write(t("build.left_out", files=t.n("file", len(result.left_out))) + "\n")
            out.writelines(f"  {file}\n" for file in result.left_out)
    return 1 if args.strict and c["error"] else 0


def search_text(search: str, t: Messages) -> str:
    """What became of the search index (``BuildResult.search``), in ``t``'s language."""
    names = {"indexed": "build.search_indexed", "skipped": "build.search_skipped",
             "kept from the previous build": "build.search_kept"}
    return t(names[search]) if search in names else search


def run_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines serve``: runs until interrupted (Ctrl-C), then exits 0."""
    from generator.handbook.serve import serve

    gc.enable()  # a long-running process: each rebuild's garbage must be collected
    cache_dir = cli_args.cache_dir(args)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        err.write(args.t("cli.warning", message=args.t("serve.public_host", host=args.host)) + "\n")

    def ready(url: str) -> None:
        out.write(args.t("serve.ready", url=url) + "\n")
        if args.edit:
            out.write(args.t("serve.editor_ready", url=url + "admin/") + "\n")
        out.flush()

    try:
        serve(args.root, args.out or args.root / "_site", host=args.host, port=args.port,
              today=args.today, cache_dir=cache_dir, on_ready=ready, log=err, language=args.lang, edit=args.edit)
    except KeyboardInterrupt:
        err.write(args.t("serve.stopped") + "\n")
    return 0


_COMMANDS = {"check": run_check, "build": run_build, "serve": run_serve, "obligations": run_obligations,
             "deadlines": cli_deadlines.run_deadlines, "due": cli_deadlines.run_due,
             "roles": cli_roles.run_roles, "tasks": cli_tasks.run_tasks,
             "expiring": cli_reminders.run_expiring, "remind": cli_reminders.run_remind,
             "new": cli_authoring_new.run_new, "renew": cli_authoring_new.run_renew,
             "import": cli_authoring.run_import, "export": cli_authoring.run_export,
             "archive": cli_archive.run_archive, "approvals": cli_approvals.run_approvals}


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
    args.lang = cli_args.language(args.lang or args.top_lang, getattr(args, "root", Path()))
    args.t = messages(args.lang)
    # Control characters from the content (titles, names, messages) never reach a terminal raw.
    out, err = safe(out, json=getattr(args, "format", "text") == "json"), safe(err)
    args.prompt = cli_args.Prompt.of(stdin)
    # The loaded corpus is a large acyclic graph of small objects; the cyclic garbage
    # collector's repeated full passes over it cost a third of a cached run, and free nothing.
    gc.disable()
    gc.unfreeze()  # what an earlier run in this process set aside (below): collectable again
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
        # What the run made is set aside from the collector before it is on again: its first
        # pass, and the last at exit, would walk all of it (0.05 s at 10,000 routines).
        gc.freeze()
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
