"""The routine as the rest of the program sees it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.core.links import Link
from generator.core.pointers import line_of
from generator.core.rules import Rules, build_rules


@dataclass(frozen=True)
class Person:
    """An owner, approver or reviewer: ``Namn, (id), Titel`` in the seeds."""

    name: str
    id: str | None = None
    title: str = ""


@dataclass(frozen=True)
class Related:
    """A link under "Relaterad information"."""

    title: str
    url: str


@dataclass
class Routine:
    """One routine file, read and as far as possible understood.

    Fields that had schema errors are empty (None, or ``()``), so later checks can use what
    is good without tripping over what is not.
    """

    file: str
    """Path relative to the content root."""
    id: str | None
    title: str
    type: str | None
    version: str | None
    status: str
    """``draft``, ``published`` or ``withdrawn``."""
    applies_to: tuple[str, ...]
    owner: Person | None
    approver: Person | None
    reviewers: tuple[Person, ...]
    content_reviewers: tuple[Person, ...]
    valid_from: dt.date | None
    valid_to: dt.date | None
    revision_note: str
    related: tuple[Related, ...]
    tags: tuple[str, ...]
    rules: Rules
    lines: Mapping[str, int] = field(repr=False)
    """JSON pointer to file line, for every key and list item of the front matter."""
    body_line: int = 1
    links: tuple[Link, ...] = ()
    content_digest: str = ""
    """A digest of the body and the rules (change control compares it with earlier versions)."""
    blob: str = ""
    """The git blob id (SHA-1) of the file as loaded, when its revision is the routine as loaded
    (empty when not known: change control then reads the file to compare)."""

    @property
    def published(self) -> bool:
        """True for a routine in force (neither draft nor withdrawn)."""
        return self.status == "published"

    def line(self, ptr: str) -> int:
        """The line of ``ptr``, or of its nearest parent that has one."""
        return line_of(self.lines, ptr)

    def in_force(self, day: dt.date) -> bool:
        """True when published and ``valid_from`` <= day <= ``valid_to``."""
        return (self.published and self.valid_from is not None and self.valid_to is not None
                and self.valid_from <= day <= self.valid_to)

    @property
    def label(self) -> str:
        """The id, or the file when the id is unusable."""
        return self.id or self.file


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _person(value: Any) -> Person | None:
    if not isinstance(value, dict):
        return None
    name, pid = value.get("name"), value.get("id")
    if not isinstance(name, str):
        return None
    return Person(name, pid if isinstance(pid, str) else None, str(value.get("title") or ""))


def _people(value: Any) -> tuple[Person, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(p for p in (_person(v) for v in value) if p is not None)


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def build_routine(file: str, data: Mapping[str, Any], usable: Callable[[str], bool],
                  lines: Mapping[str, int], body_line: int, links: tuple[Link, ...],
                  content_digest: str = "", blob: str = "") -> Routine:
    """A Routine from front matter; ``usable(ptr)`` says whether a value passed the schema."""
    # Built once per routine on every run (10,000 of them from the cache): one pass over the
    # entries, no call per field.
    values = data if usable("") else {key: value for key, value in data.items() if usable(f"/{key}")}
    text = {key: value for key, value in values.items() if isinstance(value, str)}.get
    related = values.get("related")
    related = tuple(Related(r["title"], r["url"]) for r in related
                    if isinstance(r, dict) and isinstance(r.get("title"), str) and isinstance(r.get("url"), str)
                    ) if isinstance(related, list) else ()
    return Routine(
        file=file, id=text("id"), title=text("title") or file, type=text("type"),
        version=text("version"), status=text("status") or "published",
        applies_to=_strings(values.get("applies_to")),
        owner=_person(values.get("owner")), approver=_person(values.get("approver")),
        reviewers=_people(values.get("reviewers")), content_reviewers=_people(values.get("content_reviewers")),
        valid_from=_date(text("valid_from")), valid_to=_date(text("valid_to")),
        revision_note=text("revision_note") or "", related=related, tags=_strings(values.get("tags")),
        rules=build_rules(data.get("rules"), usable), lines=lines, body_line=body_line, links=links,
        content_digest=content_digest, blob=blob,
    )
