"""The ``new`` and ``renew`` subcommands (wired into the parser by cli/app.py)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any, TextIO

from generator.cli import args as cli_args
from generator.core.errors import GeneratorError
from generator.core.messages import Messages, counted, msg

Common = Callable[[argparse.ArgumentParser, tuple[str, ...]], None]

_NEW_QUESTIONS = (
    ("title", "--title", "new.ask_title"),
    ("unit", "--unit", "new.ask_unit"),
    ("owner", "--owner", "new.ask_owner"),
    ("approver", "--approver", "new.ask_approver"),
)
"""(answer, option, the question's name in the catalog)."""


def add_parsers(commands: Any, common: Common, t: Messages) -> None:
    """Register ``new`` and ``renew`` on the subcommand parser."""
    new = commands.add_parser("new", help=t("help.new"), description=t("help.new"))
    common(new, ("text", "json"))
    new.add_argument("--title", help=t("help.new.title"))
    new.add_argument("--type", default="rutin", dest="doc_type", help=t("help.new.type"))
    new.add_argument("--unit", help=t("help.new.unit"))
    new.add_argument("--owner", metavar="'NAMN, (ID), TITEL'", help=t("help.new.owner"))
    new.add_argument("--approver", metavar="'NAMN, (ID), TITEL'", help=t("help.new.approver"))
    new.add_argument("--id", dest="routine_id", help=t("help.new.id"))
    new.add_argument("--force", action="store_true", help=t("help.new.force"))
    new.add_argument("--dry-run", action="store_true", help=t("help.new.dry_run"))
    renew = commands.add_parser("renew", help=t("help.renew"), description=t("help.renew"))
    common(renew, ("text", "json"))
    renew.add_argument("id", metavar="ID", help=t("help.renew.id"))
    renew.add_argument("--version", dest="new_version", metavar="VERSION", help=t("help.renew.version"))
    renew.add_argument("--valid-from", type=cli_args.day, metavar="YYYY-MM-DD", help=t("help.renew.valid_from"))
    renew.add_argument("--valid-to", type=cli_args.day, metavar="YYYY-MM-DD", help=t("help.renew.valid_to"))
    renew.add_argument("--note", help=t("help.renew.note"))
    renew.add_argument("--dry-run", action="store_true", help=t("help.renew.dry_run"))


ATTEMPTS = 3
"""Times a question is asked before ``new`` gives up on it."""


def _ask_until_usable(prompt: cli_args.Prompt, project: Any, name: str, question: str, doc_type: str,
                      err: TextIO, t: Messages) -> str:
    """Ask ``question`` until the answer will do (saying what is wrong with each that will not, with
    the nearest ids); the answers already given are kept."""
    from generator.authoring.new_routine import answer_problem

    for _ in range(ATTEMPTS):
        answer = prompt.ask(question, err)
        problem = answer_problem(project, name, answer, doc_type)
        if problem is None:
            return answer
        err.write(f"  {t.text(problem)}\n")
    raise GeneratorError(msg("new.no_answer", question=question, tries=counted("authoring.attempt", ATTEMPTS)))


def run_new(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines new``: exit 0 when the routine was written."""
    from generator.authoring.new_routine import new_routine

    answers = {name: getattr(args, name) for name, _, _ in _NEW_QUESTIONS}
    missing = [(name, option, question) for name, option, question in _NEW_QUESTIONS if not answers[name]]
    prompt: cli_args.Prompt = args.prompt
    if missing and not prompt.interactive:
        raise GeneratorError(msg("new.not_asked", options=", ".join(option for _, option, _ in missing)))
    project = cli_args.load(args) if missing else None
    t: Messages = args.t
    for name, _, question in missing:
        answers[name] = _ask_until_usable(prompt, project, name, t(question), args.doc_type, err, t)
    result = new_routine(args.root, title=answers["title"], unit=answers["unit"], owner=answers["owner"],
                         approver=answers["approver"], doc_type=args.doc_type, routine_id=args.routine_id,
                         today=cli_args.resolve_today(args), force=args.force, dry_run=args.dry_run,
                         cache_dir=cli_args.cache_dir(args), project=project)
    if args.format == "json":
        payload = {"file": result.file, "id": result.id, "title": result.title,
                   "valid_from": result.valid_from.isoformat(), "valid_to": result.valid_to.isoformat(),
                   "written": result.written}
        if args.dry_run:
            payload["text"] = result.text
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif args.dry_run:
        out.write(result.text)
        err.write(t("new.dry_run", file=result.file) + "\n")
    else:
        out.write(t("new.wrote", file=result.file, id=result.id, valid_from=result.valid_from.isoformat(),
                    valid_to=result.valid_to.isoformat()) + "\n")
        err.write(t("new.next") + "\n")
    return 0


def run_renew(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines renew ID``: exit 0 when the routine was renewed (or, on a dry run, could be)."""
    from generator.authoring.renew_routine import prepare_renewal

    renewal = prepare_renewal(args.root, args.id, today=cli_args.resolve_today(args), version=args.new_version,
                              valid_from=args.valid_from, valid_to=args.valid_to, cache_dir=cli_args.cache_dir(args))
    note = args.note
    t: Messages = args.t
    if not note:
        prompt: cli_args.Prompt = args.prompt
        if not prompt.interactive:
            raise GeneratorError(msg("renew.not_asked"))
        note = prompt.ask(t("renew.ask_note", version=renewal.version), err)
    renewal.compose(note)
    if not args.dry_run:
        renewal.write()
    if args.format == "json":
        payload = {"file": renewal.file, "id": renewal.id, "old_version": renewal.old_version,
                   "version": renewal.version, "old_valid_from": renewal.old_valid_from.isoformat(),
                   "valid_from": renewal.valid_from.isoformat(),
                   "old_valid_to": renewal.old_valid_to.isoformat(),
                   "valid_to": renewal.valid_to.isoformat(), "revision_note": renewal.note,
                   "written": renewal.written, "diff": renewal.diff()}
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif args.dry_run:
        out.write(renewal.diff())
        err.write(t("new.dry_run", file=renewal.file) + "\n")
    else:
        out.write(t("renew.renewed", file=renewal.file, id=renewal.id, old=renewal.old_version, new=renewal.version,
                    valid_from=renewal.valid_from.isoformat(), valid_to=renewal.valid_to.isoformat()) + "\n")
    return 0
