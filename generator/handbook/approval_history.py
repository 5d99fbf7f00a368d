"""Who approved which version of a routine, and when, from git (ISO 9001 7.5.2: approved before
issue): the ``Approved-by: <person id>`` trailers of the commits that touched the file, each with
the version the file had after that commit, for the routine page's history."""

from __future__ import annotations

from typing import Any

from generator.content.history import History, read_blobs
from generator.content.project import Project
from generator.content.revisions import revision


def approvals_by_file(project: Project, history: History,
                      files: set[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Per routine file (of ``files``, or every one): ``{"version", "by", "id", "date", "sha"}``
    for each approval, newest first; ``by`` is the name people.yaml or the routine gives the
    person id (the id when neither does)."""
    routines = [r for r in project.routines if files is None or r.file in files]
    wanted = {r.file: [c for c in history.commits(r.file) if c.approved_by] for r in routines}
    blobs = read_blobs(history, sorted({c.blob for commits in wanted.values() for c in commits if c.blob}))
    found: dict[str, list[dict[str, Any]]] = {}
    for routine in routines:
        names = {p.id: p.name for p in (routine.owner, routine.approver, *routine.reviewers,
                                        *routine.content_reviewers) if p is not None and p.id}
        for commit in wanted[routine.file]:
            rev = revision(blobs[commit.blob]) if commit.blob in blobs else None
            for person in commit.approvers():
                listed = project.people.get(person)
                name = listed.name if listed is not None else names.get(person, person)
                found.setdefault(routine.file, []).append(
                    {"version": (rev.version if rev is not None else None) or "", "by": name, "id": person,
                     "date": commit.date, "sha": commit.sha})
    return found
