"""The ``expiring`` and ``remind`` subcommands (wired into the parser by cli/app.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from generator.cli import args as cli_args
from generator.cli.spreadsheet_out import add_out_option, check_out, write_xlsx
from generator.core.messages import Messages, Msg, messages, msg

if TYPE_CHECKING:
    from generator.content.config import Config
    from generator.content.project import Project
    from generator.reminders.due import Entry

Common = Callable[[argparse.ArgumentParser, tuple[str, ...]], None]


def _days(value: str) -> int:
    return cli_args.bounded_int(value, 0, 36600, msg("value.days"))


def add_parsers(commands: Any, common: Common, t: Messages) -> None:
    """Register ``expiring`` and ``remind`` on the subcommand parser."""
    expiring = commands.add_parser("expiring", help=t("help.expiring"))
    common(expiring, ("text", "json", "ics", "xlsx"))
    add_out_option(expiring, t)
    expiring.add_argument("--within", type=_days, metavar="DAYS", help=t("help.expiring.within"))
    remind = commands.add_parser("remind", help=t("help.remind"))
    common(remind, ("text", "json", "markdown"))
    remind.add_argument("--github", action="store_true", help=t("help.remind.github"))
    remind.add_argument("--gh", metavar="PATH", help=t("help.remind.gh"))
    remind.add_argument("--email", action="store_true", help=t("help.remind.email"))


def _load(args: argparse.Namespace) -> tuple[Project, dt.date]:
    from generator.core.clock import today_in

    project = cli_args.load(args)
    return project, args.today or today_in(project.config.timezone)


def run_expiring(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines expiring``: a report, exit 0 (``check`` is what fails on expired routines)."""
    from generator.reminders import due as reminders

    check_out(args)
    project, today = _load(args)
    config = project.config
    within = config.warn_within_days if args.within is None else args.within
    found = reminders.expiring(reminders.entries(project.routines, today, config.reminder_days, config.base_url),
                               within)
    if args.format == "json":
        out.write(json.dumps(reminders.expiring_json(found, today, within), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "ics":
        name = reminders.expiring_calendar_name(config.title, args.lang)
        out.write(reminders.expiring_ics(found, today, name, config.reminder_days, args.lang))
    elif args.format == "xlsx":
        write_xlsx(args, [reminders.expiring_sheet(found, args.t)], err)
    else:
        out.write(reminders.expiring_text(found, today, within, args.lang))
    return 0


def _email_problem(project: Project) -> Msg:
    bad = [d for d in project.diagnostics if d.file == "routines.toml" and d.severity == "error"]
    if bad:
        return msg("remind.toml_errors", problems=tuple(msg("remind.toml_error", line=d.line, message=d.message)
                                                         for d in bad[:3]))
    return msg("remind.no_email")


def run_remind(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines remind``: exit 0, or 2 when GitHub or the mail server failed."""
    from generator.core.errors import GeneratorError
    from generator.reminders import due as reminders

    t: Messages = args.t
    if args.gh is not None and not args.github:
        raise GeneratorError(msg("remind.gh_without_github"))
    project, today = _load(args)
    config = project.config
    if args.email and config.email is None:
        raise GeneratorError(_email_problem(project))
    found = reminders.due(reminders.entries(project.routines, today, config.reminder_days, config.base_url))
    errors: list[Msg | str] = []
    payload: dict[str, object] = reminders.reminders_json(found, today)
    notes: list[str] = []
    changed: set[tuple[str, dt.date]] | None = None
    if args.github:
        from generator.reminders import github as gi

        result = gi.SyncResult()
        try:
            gh = gi.Gh(gi.find_gh(args.gh), args.root)
            result = gi.sync(gh, found, project.routines, today, config.reminder_days, args.lang)
        except gi.GhError as error:
            result.errors.append(error.message)
        errors += result.errors
        changed = result.changed
        payload["github"] = {"actions": [a.to_json(t) for a in result.actions],
                             "errors": [t.text(e) for e in result.errors]}
        notes += [t("remind.github"), *(f"  {a.text(t)}" for a in result.actions)]
        if not result.actions and not result.errors:
            notes.append(t("remind.github_nothing"))
    if args.email:
        notes += _email(config, found, today, changed, payload, errors, args.lang)
    if args.format == "json":
        payload["errors"] = [t.text(e) for e in errors]
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "markdown":
        out.write(reminders.digests_markdown(found, today, args.lang))
        err.writelines(f"{line}\n" for line in notes)
    else:
        out.write(reminders.reminders_text(found, today, args.lang))
        if notes:
            out.write("\n" + "".join(f"{line}\n" for line in notes))
    err.writelines(t("cli.error", message=e) + "\n" for e in errors)
    return 2 if errors else 0


def _email(config: Config, found: list[Entry], today: dt.date, changed: set[tuple[str, dt.date]] | None,
           payload: dict[str, object], errors: list[Msg | str], language: str) -> list[str]:
    """Send the digests to the owners :func:`generator.reminders.due.to_email` picks."""
    from generator.reminders import due as reminders
    from generator.reminders import mail as mailer

    assert config.email is not None
    t = messages(language)
    groups = reminders.to_email(found, changed)
    result = mailer.MailResult()
    try:
        result = mailer.send_digests(groups, config.email, config.title, today, language)
    except mailer.MailError as error:
        errors.append(error.message)
    errors += [msg("remind.mail_to", owner=o.told(t), why=why) for o, why in result.failed]
    payload["email"] = result.to_json(t)
    return [t("remind.email"), *(f"  {line}" for line in result.lines(t) or [t("remind.email_none")])]
