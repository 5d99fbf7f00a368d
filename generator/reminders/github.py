"""One GitHub issue per routine and validity period, through the ``gh`` CLI (SPEC 8).

Each reminder issue carries the label :data:`BASE_LABEL` (for people to filter on), the label
of its stage (``påminnelse-90`` ... ``utgången``) and a hidden marker in its body,
``<!-- routines-reminder: ID valid_to=YYYY-MM-DD -->``, by which later runs find it. Every issue
of the repository is listed (``gh issue list`` without ``--search`` or ``--label``, which would
make gh use GitHub's search index: updated with a delay, and capped at 1,000 results) and
matched on the marker here, so a run right after another sees the issue it opened. A run then

- opens an issue for a due routine that has none for its validity period;
- moves the stage label (and rewrites the body, with a comment that notifies) when the stage
  has moved; an issue closed by hand is reopened only when a later stage is reached;
- closes, with a comment, the open issue of a period that is over because the routine was
  renewed (its ``valid_to`` changed) or withdrawn.

Only issues that carry :data:`BASE_LABEL` and were opened by the account the run acts as (the
token's own login, from GraphQL's ``viewer``: ``github-actions[bot]`` for a workflow's token) are
taken for reminder issues; anyone can write the marker into an issue of their own, and such an
issue is left alone (listed as ``ignored``), never rewritten or closed.

Owners are named in the body, never assigned: owner ids are not GitHub logins. What comes from the
content (titles, names, file names) is written with a zero-width space after ``@`` and ``#`` (see
:func:`quiet`), so it cannot mention a GitHub user or team, nor link another issue.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.errors import GeneratorError
from generator.core.messages import Messages, Msg, messages, msg
from generator.core.model import Routine
from generator.reminders.due import EXPIRED, Entry, Stage, stage_words

BASE_LABEL = "rutinpåminnelse"
EXPIRED_LABEL = "utgången"
MARKER = re.compile(r"<!-- routines-reminder: (?P<id>\S+) valid_to=(?P<valid_to>\d{4}-\d{2}-\d{2}) -->")
_STAGE_LABEL = re.compile(r"^påminnelse-\d+$")
_ISSUE_URL = re.compile(r"/issues/(\d+)\s*$")
_REFERENCE = re.compile(r"(?<![\w.+-])@(?=[A-Za-z0-9_-])|#(?=\d)|\bGH-(?=\d)", re.IGNORECASE)
_MARKDOWN = re.compile(r"([\\`*_\[\]<>!|~])")
ZWSP = "\u200b"
VIEWER_QUERY = "query={viewer{login}}"
LIST_LIMIT = 100_000


class GhError(GeneratorError):
    """``gh`` could not be run, or failed."""


def stage_label(stage: Stage) -> str:
    """``påminnelse-14``, ``utgången``."""
    return EXPIRED_LABEL if stage == EXPIRED else f"påminnelse-{stage}"


def is_stage_label(name: str) -> bool:
    return name == EXPIRED_LABEL or bool(_STAGE_LABEL.match(name))


def marker(routine_id: str, valid_to: dt.date) -> str:
    return f"<!-- routines-reminder: {routine_id} valid_to={valid_to.isoformat()} -->"


def find_gh(explicit: str | None) -> str:
    """The ``gh`` executable: ``explicit`` (``--gh``) or the first on PATH."""
    found = shutil.which(explicit or "gh")
    if found is None:
        raise GhError(msg("github.no_gh_file", gh=explicit) if explicit else msg("github.no_gh"))
    return found


@dataclass
class Gh:
    """Runs ``gh`` in the content root (whose git remote names the repository, unless
    ``GH_REPO`` is set) and fails with the command and gh's own message."""

    executable: str
    cwd: Path

    def __call__(self, *args: str) -> str:
        shown = "gh " + " ".join(a if len(a) <= 60 and "\n" not in a else a[:57].split("\n")[0] + "..."
                                 for a in args)
        try:
            done = subprocess.run([self.executable, *args], cwd=self.cwd, capture_output=True, text=True,
                                  encoding="utf-8", errors="replace", timeout=300, check=False)
        except (OSError, subprocess.SubprocessError) as error:
            raise GhError(msg("github.could_not_run", shown=shown, gh=self.executable, why=str(error))) from None
        if done.returncode != 0:
            message = (done.stderr.strip() or done.stdout.strip()).splitlines()
            raise GhError(msg("github.failed", shown=shown, code=done.returncode,
                              why=" / ".join(message[-3:]) if message else msg("github.no_message")))
        return done.stdout


def quiet(text: str) -> str:
    """``text`` that mentions no one and links no issue: a zero-width space after ``@`` (before a
    login or team) and ``#`` (before a number), and in ``GH-12``. It looks the same, and works in
    titles (plain text) as well as in Markdown."""
    return _REFERENCE.sub(lambda m: m.group() + ZWSP, text)


def markdown_text(text: str) -> str:
    """``text`` for Markdown prose: :func:`quiet`, with the characters that would start a link,
    emphasis, code or HTML backslash-escaped, and line breaks as spaces."""
    return _MARKDOWN.sub(r"\\\1", quiet(" ".join(text.splitlines())))


def same_account(login: str, viewer: str) -> bool:
    """Whether an author's login (``app/github-actions``, ``github-actions[bot]``, ``alice``) is the
    account ``viewer`` (GraphQL ``viewer.login``)."""
    def bare(name: str) -> str:
        return name.strip().casefold().removeprefix("app/").removesuffix("[bot]")
    return bool(login.strip()) and bare(login) == bare(viewer)


@dataclass
class Issue:
    """A reminder issue as listed."""

    number: int
    open: bool
    labels: set[str]
    routine: str
    valid_to: dt.date
    author: str = ""
    """The login that opened it (``app/github-actions`` for a workflow's token)."""
    author_is_bot: bool | None = None
    """Whether that is an app (GitHub says so), or None when not told."""

    def ours(self, viewer: str) -> bool:
        """Opened by ``viewer`` and labelled :data:`BASE_LABEL`: a reminder issue of this tool."""
        if BASE_LABEL not in self.labels or not same_account(self.author, viewer):
            return False
        return self.author_is_bot is None or self.author_is_bot == viewer.strip().endswith("[bot]")


@dataclass
class Action:
    """What a run did to one issue."""

    action: str
    """``created``, ``updated``, ``reopened``, ``unchanged``, ``closed`` or ``ignored`` (an issue
    with the marker that is not ours)."""
    number: int | None
    routine: str
    valid_to: dt.date
    stage: Stage | None
    detail: Msg | str = ""

    def to_json(self, t: Messages) -> dict[str, object]:
        """The action as JSON: ``action`` its English id, ``detail`` in ``t``'s language."""
        return {"action": self.action, "number": self.number, "routine": self.routine,
                "valid_to": self.valid_to.isoformat(), "stage": self.stage, "detail": t.text(self.detail)}

    def text(self, t: Messages) -> str:
        """One line of the report: ``skapat    #12    ID valid_to=2027-03-25 (påminnelse-90)``."""
        number = f"#{self.number}" if self.number is not None else "#?"
        detail = f" ({t.text(self.detail)})" if self.detail else ""
        return t("github.action_line", action=t(_ACTION_NAMES[self.action]), number=number, routine=self.routine,
                 valid_to=self.valid_to.isoformat(), detail=detail)


_ACTION_NAMES = {"created": "github.created", "updated": "github.updated", "reopened": "github.reopened",
                 "unchanged": "github.unchanged", "closed": "github.closed", "ignored": "github.ignored"}


@dataclass
class SyncResult:
    actions: list[Action] = field(default_factory=list)
    errors: list[Msg | str] = field(default_factory=list)

    @property
    def changed(self) -> set[tuple[str, dt.date]]:
        """(routine, valid_to) of the reminders that were new or moved on in this run."""
        return {(a.routine, a.valid_to) for a in self.actions if a.action in ("created", "updated", "reopened")}


def parse_issues(listed: Any) -> list[Issue]:
    """Issues with a reminder marker from ``gh issue list --json number,state,body,labels,author``
    (others left out); whose they are is for :meth:`Issue.ours` to say."""
    if not isinstance(listed, list):
        raise GhError(msg("github.not_a_list"))
    found = []
    for item in listed:
        match = MARKER.search(str(item.get("body") or "")) if isinstance(item, dict) else None
        if match is None:
            continue
        try:
            valid_to = dt.date.fromisoformat(match["valid_to"])
        except ValueError:
            continue
        labels = {str(label.get("name")) for label in item.get("labels") or [] if isinstance(label, dict)}
        author = item.get("author")
        login = str(author.get("login") or "") if isinstance(author, dict) else ""
        is_bot = author.get("is_bot") if isinstance(author, dict) else None
        found.append(Issue(int(item["number"]), str(item.get("state", "OPEN")).upper() == "OPEN", labels,
                           match["id"], valid_to, login, is_bot if isinstance(is_bot, bool) else None))
    found.sort(key=lambda i: (not i.open, i.number))  # open first, then the oldest
    return found


def title(e: Entry, language: str) -> str:
    """The issue's title, within GitHub's 256 characters."""
    name = e.title if len(e.title) <= 150 else e.title[:149] + "…"
    name = quiet(" ".join(name.split()))
    return messages(language)("issue.title", title=name, id=quiet(e.id), valid_to=e.valid_to.isoformat())


def body(e: Entry, today: dt.date, language: str) -> str:
    t = messages(language)
    lines = [marker(e.id, e.valid_to), ""]
    name = f"[{markdown_text(e.title)}]({e.url})" if e.url else markdown_text(e.title)
    lines += [t("issue.valid", title=name, id=_code(e.id), valid_to=e.valid_to.isoformat()), "",
              t("issue.owner", owner=markdown_text(e.owner.told(t))),
              t("issue.stage", stage=stage_words(e.stage, language), today=today.isoformat(), days_left=e.days_left),
              t("issue.file", file=_code(e.file))]
    lines += ["", t("digest.todo")]
    if e.stage == EXPIRED:
        lines += ["", t.n("digest.todo_expired", 1)]
    lines += ["", t("issue.footer")]
    return "\n".join(lines) + "\n"


def _code(text: str) -> str:
    """A code span that no backtick in ``text`` can end early."""
    text = quiet(" ".join(text.split()))
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _moved_comment(e: Entry, today: dt.date, language: str) -> str:
    t = messages(language)
    return t("issue.moved", owner=markdown_text(e.owner.told(t)), stage=stage_words(e.stage, language),
             days_left=t.n("day", e.days_left), today=today.isoformat())


def _closing_comment(issue: Issue, routine: Routine, language: str) -> tuple[Msg, str]:
    """(detail, comment) for the issue of a period that is over."""
    t = messages(language)
    if routine.status == "withdrawn":
        return msg("github.withdrawn"), t("issue.withdrawn")
    new = routine.valid_to.isoformat() if routine.valid_to else "?"
    return msg("github.renewed"), t("issue.renewed", new=new, old=issue.valid_to.isoformat())


_LABEL_COLORS = {BASE_LABEL: "1d76db", EXPIRED_LABEL: "b60205"}


@dataclass
class _Labels:
    """Creates the labels the reminders use, once, when an issue is first created or edited."""

    gh: Gh
    names: list[str]
    language: str = "sv"
    done: bool = False

    def ensure(self) -> None:
        if self.done:
            return
        try:
            listed = json.loads(self.gh("label", "list", "--json", "name", "--limit", "1000"))
            existing = {str(x.get("name")) for x in listed if isinstance(x, dict)}
        except (ValueError, TypeError) as error:
            raise GhError(msg("github.unexpected", command="gh label list", why=str(error))) from None
        t = messages(self.language)
        for name in sorted(set(self.names) - existing):
            self.gh("label", "create", name, "--color", _LABEL_COLORS.get(name, "fbca04"), "--description",
                    t("github.label_base") if name == BASE_LABEL else t("github.label_stage"))
        self.done = True


def viewer(gh: Gh) -> str:
    """The login ``gh`` acts as: GraphQL's ``viewer`` (``github-actions[bot]`` for a workflow's
    token, ``NAME[bot]`` for an app's; REST ``/user`` refuses both)."""
    login = gh("api", "graphql", "-f", VIEWER_QUERY, "--jq", ".data.viewer.login").strip()
    if not login or any(c.isspace() for c in login):
        raise GhError(msg("github.no_login", got=repr(login[:60])))
    return login


def sync(gh: Gh, due: Sequence[Entry], routines: Sequence[Routine], today: dt.date, stages: Sequence[int],
         language: str = "sv") -> SyncResult:
    """Open, update and close reminder issues so that GitHub matches ``due``."""
    listed = gh("issue", "list", "--state", "all", "--json", "number,state,body,labels,author",
                "--limit", str(LIST_LIMIT))
    try:
        marked = parse_issues(json.loads(listed))
    except (ValueError, KeyError, TypeError) as error:
        raise GhError(msg("github.unexpected", command="gh issue list", why=str(error))) from None
    result = SyncResult()
    issues = []
    if marked:  # whose they are matters only when there are some
        me = viewer(gh)
        for issue in marked:
            if issue.ours(me):
                issues.append(issue)
            else:
                why = (msg("github.without_label", label=BASE_LABEL) if BASE_LABEL not in issue.labels
                       else msg("github.opened_by", author=quiet(issue.author) if issue.author
                                else msg("github.unknown_author"), me=quiet(me)))
                result.actions.append(Action("ignored", issue.number, issue.routine, issue.valid_to, None,
                                             msg("github.not_ours", why=why)))
    by_period: dict[tuple[str, dt.date], Issue] = {}
    for issue in issues:
        by_period.setdefault((issue.routine, issue.valid_to), issue)
    labels = _Labels(gh, [BASE_LABEL, EXPIRED_LABEL, *(stage_label(s) for s in stages)], language)
    for e in due:
        try:
            result.actions.append(_reminder(gh, labels, e, by_period.get((e.id, e.valid_to)), today, language))
        except GhError as error:
            result.errors.append(error.message)
    current = {r.id: r for r in routines if r.id is not None}
    for issue in issues:
        routine = current.get(issue.routine)
        if not issue.open or routine is None:
            continue
        if routine.valid_to != issue.valid_to or routine.status == "withdrawn":
            detail, comment = _closing_comment(issue, routine, language)
            try:
                gh("issue", "close", str(issue.number), "--comment", comment)
                result.actions.append(Action("closed", issue.number, issue.routine, issue.valid_to, None, detail))
            except GhError as error:
                result.errors.append(error.message)
    return result


def _reminder(gh: Gh, labels: _Labels, e: Entry, issue: Issue | None, today: dt.date, language: str) -> Action:
    assert e.stage is not None
    wanted = stage_label(e.stage)
    if issue is None:
        labels.ensure()
        out = gh("issue", "create", "--title", title(e, language), "--body", body(e, today, language),
                 "--label", BASE_LABEL, "--label", wanted)
        match = _ISSUE_URL.search(out.strip())
        return Action("created", int(match.group(1)) if match else None, e.id, e.valid_to, e.stage, wanted)
    old = sorted(name for name in issue.labels if is_stage_label(name) and name != wanted)
    if wanted in issue.labels and not old:
        return Action("unchanged", issue.number, e.id, e.valid_to, e.stage, wanted)
    if not issue.open and wanted in issue.labels:  # closed by hand at this stage: respected
        return Action("unchanged", issue.number, e.id, e.valid_to, e.stage, msg("github.closed_at", label=wanted))
    labels.ensure()
    number = str(issue.number)
    if not issue.open:
        gh("issue", "reopen", number)
    edit = ["issue", "edit", number, "--body", body(e, today, language), "--add-label", wanted]
    if old:
        edit += ["--remove-label", ",".join(old)]
    gh(*edit)
    gh("issue", "comment", number, "--body", _moved_comment(e, today, language))
    return Action("updated" if issue.open else "reopened", issue.number, e.id, e.valid_to, e.stage,
                  f"{', '.join(old) or '-'} -> {wanted}")
