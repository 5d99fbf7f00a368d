"""The persons routines name against ``routines/people.yaml`` (SPEC 10).

Routines keep naming persons inline; a person id that people.yaml lists with another name is an
error at the routine's line (people.yaml's own problems, an id listed twice or an account that is
no login, are reported where it is read: :mod:`generator.content.people`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from generator.content.people import PEOPLE_PATH
from generator.content.project import Project
from generator.core.diagnostics import Diagnostic
from generator.core.messages import msg
from generator.core.model import Person, Routine


class _Checked(Protocol):
    @property
    def project(self) -> Project: ...


def named_persons(routine: Routine) -> Iterator[tuple[str, Person]]:
    """Every person a routine names, with the JSON pointer of where."""
    for ptr, person in (("/owner", routine.owner), ("/approver", routine.approver)):
        if person is not None:
            yield ptr, person
    for key, persons in (("reviewers", routine.reviewers), ("content_reviewers", routine.content_reviewers)):
        for index, person in enumerate(persons):
            yield f"/{key}/{index}", person


def check_people_file(ctx: _Checked) -> Iterator[Diagnostic]:
    """A person id with another name than people.yaml gives it."""
    people = ctx.project.people
    if not people.persons:
        return
    for routine in ctx.project.routines:
        for ptr, person in named_persons(routine):
            listed = people.get(person.id)
            if listed is None or listed.name == person.name:
                continue
            yield Diagnostic(routine.file, routine.line(ptr), "error", "people-name",
                             msg("people.name_differs", id=listed.id, name=person.name, known=listed.name,
                                 where=f"{PEOPLE_PATH}:{listed.line}"))
