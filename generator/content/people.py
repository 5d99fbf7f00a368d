"""``routines/people.yaml`` (SPEC 10, optional): every person once, with their forge account.

Routines keep naming persons inline (``owner: {id, name, title}``); people.yaml is where an id
gets its one name and the user name on the forge that approvals (``routines approvals``) and
mentions are matched against. Read with lines, checked against ``schemas/people.schema.json``;
an id listed twice and an account that is no plausible login are reported here, where the file
is read (the routines' names are compared in :mod:`generator.checks.people`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.cache import Cache
from generator.content.datafile import DataFile, _parse, load_data_file, usable_items
from generator.content.discover import ROUTINES_DIR
from generator.core.messages import msg

PEOPLE_FILE = "people.yaml"
PEOPLE_PATH = f"{ROUTINES_DIR}/{PEOPLE_FILE}"
ACCOUNT = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$")
"""A login on GitHub, GitLab or Gitea: letters, digits and ``-._`` inside, no ``@``, no spaces."""


@dataclass(frozen=True)
class Listed:
    """One person of people.yaml."""

    id: str
    name: str
    title: str
    account: str | None
    """The forge login, or None when not given (or not a plausible login)."""
    line: int


@dataclass
class People:
    """people.yaml, read; empty when the root has none."""

    persons: dict[str, Listed] = field(default_factory=dict)
    """By person id; the first entry of an id listed twice."""
    present: bool = False
    """True when the root has a people.yaml."""

    def get(self, person_id: str | None) -> Listed | None:
        return self.persons.get(person_id) if person_id is not None else None

    def names(self) -> dict[str, tuple[str, str]]:
        """Person id → (name, title), what the browser editor offers and fills in."""
        return {p.id: (p.name, p.title) for p in self.persons.values()}

    def account(self, person_id: str | None) -> str | None:
        """The forge login of ``person_id``, or None."""
        listed = self.get(person_id)
        return listed.account if listed is not None else None


def load_people(root: Path, cache: Cache | None = None) -> tuple[People, DataFile | None]:
    """people.yaml of ``root`` and its diagnostics; (empty, None) when there is none."""
    path = root / ROUTINES_DIR / PEOPLE_FILE
    if not path.exists() and not path.is_symlink():
        return People(), None
    source = load_data_file(path, PEOPLE_PATH, "people", missing_hint="", cache=cache, root=root)
    return people_of(source), source


def people_from_text(text: str, file: str = PEOPLE_PATH) -> tuple[People, DataFile]:
    """people.yaml from ``text`` (a revision read from git), checked as the file would be."""
    source = _parse(file, text, "people")
    return people_of(source), source


def people_of(source: DataFile) -> People:
    """The persons of a read people.yaml; an id listed twice and an implausible account are
    reported into ``source``."""
    people = People(present=True)
    for index, item in enumerate(usable_items(source, "people")):
        if item is None:
            continue
        line = source.line(f"/people/{index}")
        pid, account = item["id"], item.get("account")
        if account is not None and not ACCOUNT.match(account):
            source.error(source.line(f"/people/{index}/account"), "people-account",
                         msg("people.bad_account", account=account, id=pid))
            account = None
        first = people.persons.get(pid)
        if first is not None:
            source.error(line, "duplicate-id", msg("people.duplicate", id=pid, first=first.line))
            continue
        people.persons[pid] = Listed(pid, item["name"], str(item.get("title") or ""), account, line)
    return people
