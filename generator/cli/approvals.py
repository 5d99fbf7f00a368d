"""The ``approvals`` subcommand: a new version or validity needs its approver's approval (wired in by
cli/app.py; the work in :mod:`generator.reminders.approvals`)."""

from __future__ import annotations

import argparse
import json
import os
import re
from collections.abc import Callable
from typing import Any, TextIO

from generator.cli import args as cli_args
from generator.core.errors import GeneratorError
from generator.core.messages import Messages, msg

Common = Callable[[argparse.ArgumentParser, tuple[str, ...]], None]
_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


def _pr(value: str) -> int:
    return cli_args.bounded_int(value, 1, 10**9, msg("approvals.value_pr"))


def add_parsers(commands: Any, common: Common, t: Messages) -> None:
    """Register ``approvals`` on the subcommand parser."""
    approvals = commands.add_parser("approvals", help=t("help.approvals"),
                                      description=t("help.approvals.description"))
    common(approvals, ("text", "json"))
    approvals.add_argument("--base", metavar="REV", help=t("help.approvals.base"))
    approvals.add_argument("--head", metavar="REV", default="HEAD", help=t("help.approvals.head"))
    approvals.add_argument("--pr", type=_pr, metavar="N", help=t("help.approvals.pr"))
    approvals.add_argument("--repo", metavar="OWNER/NAME", help=t("help.approvals.repo"))
    approvals.add_argument("--gh", metavar="PATH", help=t("help.remind.gh"))


def _who(name: str, pid: str | None) -> str:
    return f"{name} ({pid})" if pid and name else name or pid or "?"


def line(approval: Any, t: Messages, *, pull_request: bool) -> str:
    """One routine's line of the text report."""
    what = t("approvals.what", file=approval.file, routine=approval.routine, version=approval.version or "?",
             changed=", ".join(t(f"approvals.changed_{c}") for c in approval.changed))
    approver = _who(approval.approver_name, approval.approver_id)
    if approval.status == "approved":
        return t("approvals.approved", what=what, by=approval.by, at=approval.at or "")
    if approval.status == "no-account":
        return t("approvals.no_account", what=what, approver=approver, id=approval.approver_id or "?")
    account = t("approvals.account", account=approval.account) if pull_request and approval.account else ""
    if approval.status == "approved-by-other":
        return t("approvals.by_other", what=what, others=", ".join(approval.others), approver=approver,
                 account=account)
    how = t("approvals.how_review" if pull_request else "approvals.how_trailer", approver=approver,
            id=approval.approver_id or "?")
    if approval.stale:
        return t("approvals.stale", what=what, approver=approver, account=account, sha=approval.stale[:7], how=how)
    return t("approvals.missing", what=what, approver=approver, account=account, how=how)


def run_approvals(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines approvals``: exit 1 when a routine that needs approval has none, 2 when git, gh
    or the workflow's event cannot be read."""
    from generator.content.discover import ROUTINES_DIR
    from generator.reminders import approvals as ap
    from generator.reminders import github as gi

    t: Messages = args.t
    if not (args.root / ROUTINES_DIR).is_dir():
        raise GeneratorError(msg("check.no_routines_dir", root=str(args.root), folder=ROUTINES_DIR))
    env = os.environ
    repository = ap.open_repository(args.root)
    head = repository.rev(args.head)
    base = repository.rev(args.base) if args.base else ap.default_base(repository, head, env)
    number = args.pr if args.pr is not None else ap.pull_request_of(env)
    repo = args.repo or env.get("GITHUB_REPOSITORY") or "{owner}/{repo}"
    if repo != "{owner}/{repo}" and not _REPO.match(repo):
        raise GeneratorError(msg("approvals.bad_repo", repo=repo))
    if args.gh is not None and number is None:
        raise GeneratorError(msg("approvals.gh_without_pr"))
    found = ap.changed_routines(repository, base, head)
    if found and number is not None:
        try:
            head_sha, reviews = ap.reviews(gi.Gh(gi.find_gh(args.gh), args.root), repo, number)
        except gi.GhError as error:
            raise GeneratorError(error.message) from None
        ap.judge_reviews(found, ap.people_at(repository, base), head_sha, reviews)
    elif found:
        ap.judge_trailers(repository, found, base, head)
    failing = [a for a in found if not a.approved]
    if args.format == "json":
        payload = {"approvals": [a.to_json() for a in found], "base": base, "head": head, "pull_request": number}
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return 1 if failing else 0
    span = f"{base[:7]}..{head[:7]}"
    if not found:
        out.write(t("approvals.nothing", span=span) + "\n")
        return 0
    out.write((t("approvals.heading_pr", number=number, span=span) if number is not None
               else t("approvals.heading_trailer", span=span)) + "\n")
    out.writelines(f"  {line(a, t, pull_request=number is not None)}\n" for a in found)
    out.write(t("approvals.summary", approved=len(found) - len(failing), total=t.n("routine", len(found))) + "\n")
    return 1 if failing else 0
