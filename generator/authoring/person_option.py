"""A person given on the command line (``--owner``, ``--approver``) as ``Namn, (id), Titel``.

Read into a :class:`~generator.core.model.Person`, written as a one-line YAML mapping, and checked
against the people the routines already name.
"""

from __future__ import annotations

import re

from generator.authoring.yaml_scalars import scalar
from generator.content.project import Project
from generator.core.errors import GeneratorError
from generator.core.messages import msg
from generator.core.model import Person

_PERSON_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_PERSON = re.compile(r"^(?P<name>[^()]*?)\s*,?\s*\((?P<id>[^()]*)\)\s*(?:,\s*(?P<title>.*?))?\s*$")


def parse_person(value: str, option: str) -> Person:
    """A person from ``"Namn, (id), Titel"`` (the seeds' form); the title may be left out."""
    match = _PERSON.match(value.strip())
    example = "'Anna Andersson, (anna01), Enhetschef'"
    if match is None:
        raise GeneratorError(msg("person.form", option=option, value=value, example=example))
    name, pid, title = match["name"].strip(), match["id"].strip(), (match["title"] or "").strip()
    if not name:
        raise GeneratorError(msg("person.no_name", option=option, value=value, example=example))
    if not _PERSON_ID.match(pid) or len(pid) > 50:
        raise GeneratorError(msg("person.bad_id", option=option, value=value, id=pid, example=example))
    if len(name) > 200 or len(title) > 200:
        raise GeneratorError(msg("person.too_long", option=option, value=value))
    return Person(name, pid, title)


def person_yaml(person: Person) -> str:
    """The person as a one-line YAML mapping: ``{id: …, name: …, title: …}``."""
    parts = [f"id: {scalar(person.id or '', flow=True)}", f"name: {scalar(person.name, flow=True)}"]
    if person.title:
        parts.append(f"title: {scalar(person.title, flow=True)}")
    return "{" + ", ".join(parts) + "}"


def check_person_name(project: Project, person: Person, option: str) -> None:
    """The same person id must carry the same name everywhere (``check``'s ``person-name``)."""
    for routine in project.routines:
        people = [routine.owner, routine.approver, *routine.reviewers, *routine.content_reviewers]
        for known in people:
            if known is not None and known.id == person.id and known.name != person.name:
                raise GeneratorError(msg("person.other_name", option=option, id=person.id or "", known=known.name,
                                         file=routine.file, name=person.name))
