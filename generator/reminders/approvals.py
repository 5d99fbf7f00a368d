"""Approval by the approver (SPEC 4, 7, 10; issue 18, item 5): ``routines approvals``.

The routines of the content root are compared between two revisions of its git repository,
``base`` and ``head`` (read with ``git diff --raw`` and ``git cat-file``, never checked out). A
routine that is new, or whose ``version``, ``valid_from`` or ``valid_to`` changed, needs the
approval of its ``approver`` as the head revision names them; a change of the body alone needs
none (``check``'s change control warns when it comes without a new version).

- With a pull request, the approval is a review on the forge: the reviews are read through
  ``gh api repos/OWNER/REPO/pulls/N/reviews --paginate``; per reviewer the latest review that
  approves, requests changes or is dismissed counts (GitHub's own rule); an approving review
  counts only for the pull request's head commit, and only from the approver's ``account`` in
  ``routines/people.yaml`` (compared without regard to case). people.yaml is read as it is at
  ``base``: a pull request cannot make someone else the approver's account.
- Without one, a commit in ``base..head`` that touches the file and carries the trailer
  ``Approved-by: <person id>`` serves: the newest commit touching the file, so that a change
  after the approval needs a new one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content import frontmatter
from generator.content.discover import ROUTINES_DIR
from generator.content.git_log import person_id_of
from generator.content.history import History, read_blobs
from generator.content.people import PEOPLE_FILE, People, people_from_text
from generator.content.textfile import TextProblem
from generator.content.yamlsafe import load_yaml
from generator.core.errors import GeneratorError
from generator.core.messages import msg
from generator.reminders.github import Gh

WATCHED = ("version", "valid_from", "valid_to")
"""The front-matter fields whose change needs the approver's approval."""
COUNTED_STATES = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")
"""Review states that replace a reviewer's earlier one (a comment does not)."""
TRAILER = "Approved-by"
_FIELD, _RECORD, _VALUE = "\x1f", "\x1e", "\x1d"
_PULL_REF = re.compile(r"^refs/pull/(\d+)/(?:merge|head)$")


@dataclass(frozen=True)
class Front:
    """What the approvals compare in one revision of a routine file."""

    id: str | None
    version: str | None
    valid_from: str | None
    valid_to: str | None
    approver_id: str | None
    approver_name: str


@dataclass
class Approval:
    """One routine that needs approval, and what was found."""

    file: str
    """Root-relative path at ``head``."""
    routine: str
    version: str | None
    approver_id: str | None
    approver_name: str
    changed: tuple[str, ...]
    """``new``, or the fields of :data:`WATCHED` that changed."""
    account: str | None = None
    status: str = "missing"
    """``approved``, ``missing``, ``approved-by-other`` or ``no-account``."""
    by: str | None = None
    at: str | None = None
    others: list[str] = field(default_factory=list)
    """Who approved instead (``approved-by-other``)."""
    stale: str | None = None
    """The older commit the approver approved (or whose trailer named them), when that is all."""

    @property
    def approved(self) -> bool:
        return self.status == "approved"

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "routine": self.routine, "version": self.version,
                "approver": {"id": self.approver_id, "name": self.approver_name}, "account": self.account,
                "status": self.status, "by": self.by if self.approved else next(iter(self.others), None),
                "at": self.at if self.approved else None, "changed": list(self.changed), "stale": self.stale}


@dataclass
class Repository:
    """The git repository holding a content root."""

    repo: Any
    prefix: str
    """The root's path inside the repository (``""`` or ``"docs/"``)."""

    def git(self, *args: str) -> str:
        import git

        try:
            return str(self.repo.git.execute(["git", *args], stdout_as_string=True))
        except git.GitCommandError as error:
            raise GeneratorError(msg("approvals.git_failed", command="git " + " ".join(args),
                                     why=str(error.stderr).strip() or str(error))) from None

    def rev(self, name: str) -> str:
        """The commit ``name`` names; a :class:`GeneratorError` saying so when none."""
        try:
            return self.git("rev-parse", "--verify", "--quiet", name + "^{commit}").strip()
        except GeneratorError:
            raise GeneratorError(msg("approvals.no_rev", rev=name)) from None


def open_repository(root: Path) -> Repository:
    import git

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GeneratorError(msg("approvals.no_repository", root=str(root))) from None
    top = Path(repo.working_tree_dir or root).resolve()
    prefix = root.resolve().relative_to(top).as_posix()
    return Repository(repo, "" if prefix == "." else prefix + "/")


def default_base(repository: Repository, head: str, env: Mapping[str, str]) -> str:
    """The merge base of ``head`` with ``origin/$GITHUB_BASE_REF`` (a pull request's target),
    else with ``origin/main``."""
    target = f"origin/{env['GITHUB_BASE_REF']}" if env.get("GITHUB_BASE_REF") else "origin/main"
    try:
        repository.rev(target)
    except GeneratorError:
        raise GeneratorError(msg("approvals.no_base", target=target)) from None
    return repository.git("merge-base", target, head).strip()


def pull_request_of(env: Mapping[str, str]) -> int | None:
    """The pull request a workflow runs for: ``pull_request.number`` of ``$GITHUB_EVENT_PATH``,
    else ``$GITHUB_REF`` ``refs/pull/N/merge``; None outside one."""
    event_path = env.get("GITHUB_EVENT_PATH")
    if event_path:
        try:
            event = json.loads(Path(event_path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise GeneratorError(msg("approvals.bad_event", file=event_path, why=str(error))) from None
        number = event.get("pull_request", {}).get("number") if isinstance(event, dict) else None
        if isinstance(number, int) and not isinstance(number, bool):
            return number
    match = _PULL_REF.match(env.get("GITHUB_REF", ""))
    return int(match.group(1)) if match else None


def _front(data: bytes) -> Front | None:
    parts = frontmatter.split_file(data)
    if isinstance(parts, TextProblem):
        return None
    document = load_yaml(parts.front_matter)
    if not document.ok or not isinstance(document.data, dict):
        return None
    fm = document.data

    def text_of(value: Any) -> str | None:
        return value if isinstance(value, str) else None

    given = fm.get("approver")
    approver: dict[str, Any] = given if isinstance(given, dict) else {}
    return Front(text_of(fm.get("id")), text_of(fm.get("version")), text_of(fm.get("valid_from")),
                 text_of(fm.get("valid_to")), text_of(approver.get("id")), text_of(approver.get("name")) or "")


def changed_routines(repository: Repository, base: str, head: str) -> list[Approval]:
    """The routines new in ``head``, or whose version or validity differ from ``base``."""
    routines = f"{repository.prefix}{ROUTINES_DIR}/"
    raw = repository.git("diff", "--raw", "-z", "-M", "--no-abbrev", "--no-color", base, head, "--", routines)
    pairs: list[tuple[str | None, str, str]] = []  # (blob before or None, blob after, path after)
    parts = [p for p in raw.split("\x00") if p]
    index = 0
    while index < len(parts):
        fields = parts[index].lstrip(":").split()
        old_blob, new_blob, status = fields[2], fields[3], fields[4]
        if status.startswith(("R", "C")):
            path, index = parts[index + 2], index + 3
        else:
            path, index = parts[index + 1], index + 2
        if status.startswith("D") or not path.endswith(".md"):
            continue
        pairs.append((None if status.startswith(("A", "C")) else old_blob, new_blob, path))
    blobs = read_blobs(History(repo=repository.repo), sorted({b for o, n, _ in pairs for b in (o, n) if b}))
    found = []
    for was, now, there in sorted(pairs, key=lambda p: p[2]):
        after = _front(blobs.get(now, b""))
        if after is None:
            continue  # not a routine check can read: check reports it
        before = _front(blobs.get(was, b"")) if was else None
        changed = ("new",) if before is None else tuple(
            f for f in WATCHED if getattr(before, f) != getattr(after, f))
        if changed:
            found.append(Approval(there[len(repository.prefix):], after.id or there, after.version,
                                  after.approver_id, after.approver_name, changed))
    return found


def people_at(repository: Repository, rev: str) -> People:
    """people.yaml as it is at ``rev`` (empty when it has none or it cannot be read)."""
    path = f"{repository.prefix}{ROUTINES_DIR}/{PEOPLE_FILE}"
    try:
        text = repository.git("show", f"{rev}:{path}")
    except GeneratorError:
        return People()
    return people_from_text(text)[0]


def _pages(output: str) -> list[Any]:
    """The items of ``gh api --paginate`` output: one JSON array per page, back to back."""
    decoder, items, position = json.JSONDecoder(), [], 0
    while position < len(output):
        if output[position].isspace():
            position += 1
            continue
        page, position = decoder.raw_decode(output, position)
        items.extend(page if isinstance(page, list) else [page])
    return items


def reviews(gh: Gh, repo: str, number: int) -> tuple[str, list[dict[str, Any]]]:
    """The pull request's head commit and its reviews, oldest first."""
    try:
        head = json.loads(gh("api", f"repos/{repo}/pulls/{number}")).get("head", {}).get("sha")
        found = [r for r in _pages(gh("api", f"repos/{repo}/pulls/{number}/reviews", "--paginate"))
                 if isinstance(r, dict)]
    except (ValueError, AttributeError) as error:
        raise GeneratorError(msg("approvals.bad_reviews", number=number, why=str(error))) from None
    if not isinstance(head, str):
        raise GeneratorError(msg("approvals.bad_reviews", number=number, why="head.sha"))
    return head, found


def latest_reviews(found: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per reviewer (login folded): the latest review that approves, requests changes or was
    dismissed; comments do not replace an approval."""
    latest: dict[str, dict[str, Any]] = {}
    for review in found:
        login = (review.get("user") or {}).get("login")
        if isinstance(login, str) and review.get("state") in COUNTED_STATES:
            latest[login.casefold()] = review
    return latest


def judge_reviews(approvals: list[Approval], people: People, head_sha: str,
                  found: list[dict[str, Any]]) -> None:
    """Each approval's status from the pull request's reviews."""
    latest = latest_reviews(found)
    current = sorted(r["user"]["login"] for r in latest.values()
                     if r["state"] == "APPROVED" and r.get("commit_id") == head_sha)
    for approval in approvals:
        approval.account = account = people.account(approval.approver_id)
        approval.others = [login for login in current if account is None or login.casefold() != account.casefold()]
        if account is None:
            approval.status = "no-account"
            continue
        review = latest.get(account.casefold())
        if review is not None and review["state"] == "APPROVED" and review.get("commit_id") == head_sha:
            approval.status, approval.by, approval.at = "approved", review["user"]["login"], review.get("submitted_at")
        elif review is not None and review["state"] == "APPROVED":
            approval.status, approval.stale = "missing", str(review.get("commit_id") or "")
        else:
            approval.status = "approved-by-other" if approval.others else "missing"


def judge_trailers(repository: Repository, approvals: list[Approval], base: str, head: str) -> None:
    """Each approval's status from the ``Approved-by`` trailers of the commits touching its file."""
    for approval in approvals:
        output = repository.git(
            "log", f"--format={_RECORD}%H{_FIELD}%aI{_FIELD}%(trailers:key={TRAILER},valueonly,unfold,separator=%x1d)",
            f"{base}..{head}", "--", repository.prefix + approval.file)
        commits = []
        for record in output.split(_RECORD)[1:]:
            sha, date, values = record.strip("\n").split(_FIELD, 2)
            commits.append((sha, date, [person_id_of(v) for v in values.split(_VALUE) if v.strip()]))
        if not commits:
            continue
        sha, date, named = commits[0]
        if approval.approver_id is not None and approval.approver_id in named:
            approval.status, approval.by, approval.at = "approved", approval.approver_id, date
            continue
        approval.others = [n for n in named if n != approval.approver_id]
        approval.status = "approved-by-other" if approval.others else "missing"
        older = next((c for c in commits[1:] if approval.approver_id in c[2]), None)
        approval.stale = older[0] if older is not None and approval.approver_id is not None else None
