"""A person given on the command line (``--owner``, ``--approver``) as ``Namn, (id), Titel``.

Read into a :class:`~generator.core.model.Person`, written as a one-line YAML mapping, and checked
against the people the routines already name.
"""

from __future__ import annotations

import re

from generator.authoring.yaml_scalars import scalar
from generator.content.project import Project
from generator.core.errors import GeneratorError
from generator.core.model import Person

_PERSON_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_PERSON = re.compile(r"^(?P<name>[^()]*?)\s*,?\s*\((?P<id>[^()]*)\)\s*(?:,\s*(?P<title>.*?))?\s*$")


def parse_person(value: str, option: str) -> Person:
    """A person from ``"Namn, (id), Titel"`` (the seeds' form); the title may be left out."""
    match = _PERSON.match(value.strip())
    example = "'Anna Andersson, (anna01), Enhetschef'"
    if match is None:
        raise GeneratorError(f"{option} '{value}' is not 'Namn, (id), Titel'; for example {example}")
    name, pid, title = match["name"].strip(), match["id"].strip(), (match["title"] or "").strip()
    if not name:
        raise GeneratorError(f"{option} '{value}' has no name before the id; for example {example}")
    if not _PERSON_ID.match(pid) or len(pid) > 50:
        raise GeneratorError(f"{option} '{value}': the id '{pid}' must be letters, digits, '.', '_' or '-' "
                             f"(at most 50); for example {example}")
    if len(name) > 200 or len(title) > 200:
        raise GeneratorError(f"{option} '{value}': the name and the title may be at most 200 characters")
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
                raise GeneratorError(f"{option}: the person id '{person.id}' is '{known.name}' in "
                                     f"{routine.file}, not '{person.name}'; use one spelling")
