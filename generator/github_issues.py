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

Owners are named in the body, never assigned: owner ids are not GitHub logins.
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

from generator.errors import GeneratorError
from generator.model import Routine
from generator.reminders import EXPIRED, Entry, Stage, stage_words, words

BASE_LABEL = "rutinpåminnelse"
EXPIRED_LABEL = "utgången"
MARKER = re.compile(r"<!-- routines-reminder: (?P<id>\S+) valid_to=(?P<valid_to>\d{4}-\d{2}-\d{2}) -->")
_STAGE_LABEL = re.compile(r"^påminnelse-\d+$")
_ISSUE_URL = re.compile(r"/issues/(\d+)\s*$")
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
        where = f"'{explicit}' is not an executable file" if explicit else "'gh' is not on PATH"
        raise GhError(f"{where}; install the GitHub CLI (https://cli.github.com/) or pass --gh PATH")
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
            raise GhError(f"{shown}: could not run {self.executable}: {error}") from None
        if done.returncode != 0:
            message = (done.stderr.strip() or done.stdout.strip() or "no message").splitlines()
            raise GhError(f"{shown} failed (exit {done.returncode}): {' / '.join(message[-3:])}")
        return done.stdout


@dataclass
class Issue:
    """A reminder issue as listed."""

    number: int
    open: bool
    labels: set[str]
    routine: str
    valid_to: dt.date


@dataclass
class Action:
    """What a run did to one issue."""

    action: str
    """``created``, ``updated``, ``reopened``, ``unchanged`` or ``closed``."""
    number: int | None
    routine: str
    valid_to: dt.date
    stage: Stage | None
    detail: str = ""

    def to_json(self) -> dict[str, object]:
        return {"action": self.action, "number": self.number, "routine": self.routine,
                "valid_to": self.valid_to.isoformat(), "stage": self.stage, "detail": self.detail}

    def text(self) -> str:
        number = f"#{self.number}" if self.number is not None else "#?"
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.action:<9} {number:<6} {self.routine} valid_to={self.valid_to.isoformat()}{detail}"


@dataclass
class SyncResult:
    actions: list[Action] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def changed(self) -> set[tuple[str, dt.date]]:
        """(routine, valid_to) of the reminders that were new or moved on in this run."""
        return {(a.routine, a.valid_to) for a in self.actions if a.action in ("created", "updated", "reopened")}


def parse_issues(listed: Any) -> list[Issue]:
    """Reminder issues from ``gh issue list --json number,state,body,labels`` (others ignored)."""
    if not isinstance(listed, list):
        raise GhError("gh issue list did not return a JSON list")
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
        found.append(Issue(int(item["number"]), str(item.get("state", "OPEN")).upper() == "OPEN", labels,
                           match["id"], valid_to))
    found.sort(key=lambda i: (not i.open, i.number))  # open first, then the oldest
    return found


def title(e: Entry, language: str) -> str:
    """The issue's title, within GitHub's 256 characters."""
    name = e.title if len(e.title) <= 150 else e.title[:149] + "…"
    if language == "en":
        return f"Revise the routine {name} ({e.id}), valid to {e.valid_to.isoformat()}"
    return f"Revidera rutinen {name} ({e.id}), giltig till {e.valid_to.isoformat()}"


def body(e: Entry, today: dt.date, language: str) -> str:
    w = words(language)
    sv = language != "en"
    lines = [marker(e.id, e.valid_to), ""]
    name = f"[{e.title}]({e.url})" if e.url else e.title
    if sv:
        lines += [f"**{name}** (`{e.id}`) gäller till och med {e.valid_to.isoformat()}.", "",
                  f"- Innehållsansvarig: {e.owner.heading}",
                  (f"- Påminnelsesteg: {stage_words(e.stage, language)} (dagar kvar den {today.isoformat()}: "
                  f"{e.days_left})"), f"- Fil: `{e.file}`"]
    else:
        lines += [f"**{name}** (`{e.id}`) is valid until {e.valid_to.isoformat()} (inclusive).", "",
                  f"- Owner: {e.owner.heading}",
                  (f"- Reminder stage: {stage_words(e.stage, language)} (days left on {today.isoformat()}: "
                  f"{e.days_left})"), f"- File: `{e.file}`"]
    lines += ["", w["todo"]]
    if e.stage == EXPIRED:
        lines += ["", w["todo_expired"].format(n=1)]
    lines += ["", "_Skapad och uppdaterad av `routines remind --github`: ett ärende per rutin och "
                  "giltighetsperiod, som stängs när rutinen förnyas. Den dolda markeringen överst i texten "
                  "känner igen ärendet; ändra den inte._" if sv else
              "_Opened and updated by `routines remind --github`: one issue per routine and validity "
              "period, closed when the routine is renewed. The hidden marker at the top of the text "
              "identifies the issue; do not change it._"]
    return "\n".join(lines) + "\n"


def _moved_comment(e: Entry, today: dt.date, language: str) -> str:
    if language == "en":
        return (f"Reminder: {e.owner.heading}, the routine is now at the stage "
                f"**{stage_words(e.stage, language)}** ({e.days_left} days left on {today.isoformat()}).")
    return (f"Påminnelse till {e.owner.heading}: rutinen har nått steget **{stage_words(e.stage, language)}** "
            f"({e.days_left} dagar kvar den {today.isoformat()}).")


def _closing_comment(issue: Issue, routine: Routine, language: str) -> tuple[str, str]:
    """(detail, comment) for the issue of a period that is over."""
    new = routine.valid_to.isoformat() if routine.valid_to else "?"
    if routine.status == "withdrawn":
        return "upphävd", ("The routine has been withdrawn (upphävd); this reminder is closed."
                           if language == "en" else "Rutinen är upphävd; påminnelsen stängs.")
    if language == "en":
        return "förnyad", (f"Renewed (förnyad): the routine is now valid to {new}. This reminder, for the "
                           f"period to {issue.valid_to.isoformat()}, is closed.")
    return "förnyad", (f"Rutinen är förnyad: ny giltighetsperiod till {new}. Påminnelsen för perioden till "
                       f"{issue.valid_to.isoformat()} stängs.")


_LABEL_COLORS = {BASE_LABEL: "1d76db", EXPIRED_LABEL: "b60205"}


@dataclass
class _Labels:
    """Creates the labels the reminders use, once, when an issue is first created or edited."""

    gh: Gh
    names: list[str]
    done: bool = False

    def ensure(self) -> None:
        if self.done:
            return
        try:
            listed = json.loads(self.gh("label", "list", "--json", "name", "--limit", "1000"))
            existing = {str(x.get("name")) for x in listed if isinstance(x, dict)}
        except (ValueError, TypeError) as error:
            raise GhError(f"gh label list: unexpected output ({error})") from None
        for name in sorted(set(self.names) - existing):
            self.gh("label", "create", name, "--color", _LABEL_COLORS.get(name, "fbca04"), "--description",
                    "routines: revision reminder" if name == BASE_LABEL else "routines: reminder stage")
        self.done = True


def sync(gh: Gh, due: Sequence[Entry], routines: Sequence[Routine], today: dt.date, stages: Sequence[int],
         language: str = "sv") -> SyncResult:
    """Open, update and close reminder issues so that GitHub matches ``due``."""
    listed = gh("issue", "list", "--state", "all", "--json", "number,state,body,labels", "--limit", str(LIST_LIMIT))
    try:
        issues = parse_issues(json.loads(listed))
    except (ValueError, KeyError, TypeError) as error:
        raise GhError(f"gh issue list: unexpected output ({error})") from None
    by_period: dict[tuple[str, dt.date], Issue] = {}
    for issue in issues:
        by_period.setdefault((issue.routine, issue.valid_to), issue)
    result = SyncResult()
    labels = _Labels(gh, [BASE_LABEL, EXPIRED_LABEL, *(stage_label(s) for s in stages)])
    for e in due:
        try:
            result.actions.append(_reminder(gh, labels, e, by_period.get((e.id, e.valid_to)), today, language))
        except GhError as error:
            result.errors.append(str(error))
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
                result.errors.append(str(error))
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
        return Action("unchanged", issue.number, e.id, e.valid_to, e.stage, f"{wanted}, closed")
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
