"""The ``new`` and ``renew`` subcommands (wired into the parser by cli/app.py)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any, TextIO

from generator.cli import args as cli_args
from generator.core.errors import GeneratorError
from generator.core.messages import Messages

Common = Callable[[argparse.ArgumentParser, tuple[str, ...]], None]

_NEW_QUESTIONS = (
    ("title", "--title", "Title (titel)"),
    ("unit", "--unit", "Unit: id, name or alias (enhet)"),
    ("owner", "--owner", "Owner (innehållsansvarig) as 'Namn, (id), Titel'"),
    ("approver", "--approver", "Approver (godkänd av) as 'Namn, (id), Titel'"),
)


def add_parsers(commands: Any, common: Common, t: Messages) -> None:
    """Register ``new`` and ``renew`` on the subcommand parser."""
    new = commands.add_parser("new", help="start a new routine from the template, valid at once")
    common(new, ("text", "json"))
    new.add_argument("--title", help="the routine's title (asked for when missing and run in a terminal)")
    new.add_argument("--type", default="rutin", dest="doc_type",
                     help="Handlingstyp: rutin (default), riktlinje, instruktion, policy, ...")
    new.add_argument("--unit", help="the unit it applies to: id, name or alias from organisation.yaml")
    new.add_argument("--owner", metavar="'NAMN, (ID), TITEL'", help="Innehållsansvar, e.g. "
                     "'Anna Andersson, (anna01), Enhetschef'")
    new.add_argument("--approver", metavar="'NAMN, (ID), TITEL'", help="Godkänd av: someone other than the owner")
    new.add_argument("--id", dest="routine_id", help="the Dokument-ID (default: a fresh RUT-<unit>-<year>-<nnn>)")
    new.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    new.add_argument("--dry-run", action="store_true", help="print the routine instead of writing it")
    renew = commands.add_parser("renew", help="start a new validity period for a routine (new version and dates)")
    common(renew, ("text", "json"))
    renew.add_argument("id", metavar="ID", help="the routine's id (Dokument-ID)")
    renew.add_argument("--version", dest="new_version", metavar="VERSION",
                       help="the new version (default: the next major one, 6.0 -> 7.0)")
    renew.add_argument("--valid-from", type=cli_args.day, metavar="YYYY-MM-DD", help="first valid day (default: today)")
    renew.add_argument("--valid-to", type=cli_args.day, metavar="YYYY-MM-DD",
                       help="last valid day (default: the longest the document type allows)")
    renew.add_argument("--note", help="the revision note, what changed in this version (asked for when "
                                      "missing and run in a terminal)")
    renew.add_argument("--dry-run", action="store_true", help="show the change as a diff, write nothing")


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
    raise GeneratorError(f"no usable answer to '{question}' after {ATTEMPTS} tries; nothing was written")


def run_new(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines new``: exit 0 when the routine was written."""
    from generator.authoring.new_routine import new_routine

    answers = {name: getattr(args, name) for name, _, _ in _NEW_QUESTIONS}
    missing = [(name, option, question) for name, option, question in _NEW_QUESTIONS if not answers[name]]
    prompt: cli_args.Prompt = args.prompt
    if missing and not prompt.interactive:
        raise GeneratorError(f"missing {', '.join(option for _, option, _ in missing)} (standard input is not "
                             "a terminal, so they cannot be asked for)")
    project = cli_args.load(args) if missing else None
    for name, _, question in missing:
        answers[name] = _ask_until_usable(prompt, project, name, question, args.doc_type, err, args.t)
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
        err.write(f"dry run: {result.file} was not written\n")
    else:
        out.write(f"wrote {result.file} ({result.id}), valid {result.valid_from} to {result.valid_to}\n")
        err.write("next: write the sections, then run 'routines check'\n")
    return 0


def run_renew(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines renew ID``: exit 0 when the routine was renewed (or, on a dry run, could be)."""
    from generator.authoring.renew_routine import prepare_renewal

    renewal = prepare_renewal(args.root, args.id, today=cli_args.resolve_today(args), version=args.new_version,
                              valid_from=args.valid_from, valid_to=args.valid_to, cache_dir=cli_args.cache_dir(args))
    note = args.note
    if not note:
        prompt: cli_args.Prompt = args.prompt
        if not prompt.interactive:
            raise GeneratorError("missing --note, the revision note (standard input is not a terminal, so it "
                                 "cannot be asked for)")
        note = prompt.ask(f"Revision note for version {renewal.version} (revideringar i denna version)", err)
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
        err.write(f"dry run: {renewal.file} was not written\n")
    else:
        out.write(f"renewed {renewal.file} ({renewal.id}): version {renewal.old_version} -> {renewal.version}, "
                  f"valid {renewal.valid_from} to {renewal.valid_to}\n")
    return 0
