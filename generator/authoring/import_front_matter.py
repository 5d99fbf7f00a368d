"""From the values a plain-text routine gives to front matter: labels to fields, people, units.

:func:`front_matter` makes the routine's front matter (without its rules) from a
:class:`~generator.authoring.import_text.ParsedText`, and reports as a :class:`Finding` with its line
every value that could not be read: an unknown unit, a person without an id, a date that is
not a date, two different values for one label, a field the text does not give (with the line
that came closest to giving it). What a value says beyond what its field holds (a second
person for a field of one, a second value, a Diarienummer beside the Dokumentnummer, the words
beside a date) is kept in ``parsed.other``, which the importer writes into the body.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from generator.authoring.import_labels import (
    FIELD_ORDER,
    LABEL_OF,
    LIST_FIELDS,
    REQUIRED,
    STATUS_WORDS,
    is_fallback,
)
from generator.authoring.import_missing import closest_line
from generator.authoring.import_text import ParsedText, Value
from generator.authoring.import_tokens import strip_emphasis
from generator.authoring.import_values import (
    parse_date,
    parse_link,
    parse_person,
    slug,
    split_people,
)
from generator.core.messages import Msg, msg
from generator.core.organisation import Organisation
from generator.core.suggest import did_you_mean


@dataclass
class Finding:
    """Something a person must look at: in the source text or in the written file."""

    where: str
    """``source`` or ``target``."""
    line: int
    message: Msg | str
    """Told in the reader's language where it is shown."""
    rule: str = ""
    """For a proposed rule: ``kind/id``."""
    quote: str = ""
    """For a proposed rule: the sentences it came from."""
    field: str = ""
    """For a value that could not be read: its front-matter field."""


def front_matter(parsed: ParsedText, org: Organisation,
                 title: str | None = None) -> tuple[dict[str, Any], list[Finding]]:
    """The front matter (without rules) from the metadata values, and what to look at."""
    findings: list[Finding] = [Finding("source", line, note) for line, note in parsed.notes]
    data: dict[str, Any] = {}
    _document_fields(parsed, title, data, findings)
    applies = _one(parsed, "applies_to", findings)
    if applies is not None:
        data["applies_to"] = _units(applies, org, findings)
    _people(parsed, data, findings)
    _dates(parsed, data, findings)
    note = _one(parsed, "revision_note", findings)
    if note is not None:
        data["revision_note"] = note.text.strip()
    _related(parsed, data, findings)
    _tags(parsed, data)
    findings.extend(_missing(data, parsed))
    if parsed.other:
        parsed.other.sort(key=lambda v: v.line)
        labels = list(dict.fromkeys(v.label for v in parsed.other))
        findings.append(Finding("source", parsed.other[0].line, msg("import.kept_other", labels=labels)))
    return {k: data[k] for k in FIELD_ORDER if k in data}, findings


def _keep(parsed: ParsedText, value: Value) -> None:
    """Keep a value no field holds (or not all of it) for the body."""
    if not any(v.line == value.line and v.text == value.text for v in parsed.other):
        parsed.other.append(Value(value.text, value.line, value.label))


def _document_fields(parsed: ParsedText, title: str | None, data: dict[str, Any],
                     findings: list[Finding]) -> None:
    """``id``, ``title`` (``title`` given wins), ``type``, ``version`` and ``status``."""
    ids = parsed.values.get("id", [])
    if any(not is_fallback(v.label) for v in ids):  # a Dokumentnummer: the Diarienummer is kept beside it
        for value in [v for v in ids if is_fallback(v.label)]:
            _keep(parsed, value)
        parsed.values["id"] = [v for v in ids if not is_fallback(v.label)]
    pid = _one(parsed, "id", findings)
    if pid is not None:
        data["id"] = _id(pid.text)
        if data["id"] != pid.text.strip():
            _keep(parsed, pid)
    title_value = _one(parsed, "title", findings)
    if title:
        data["title"] = title.strip()
    elif title_value is not None:
        data["title"] = strip_emphasis(title_value.text)
    elif parsed.title is not None:
        data["title"] = parsed.title.text
    kind = _one(parsed, "type", findings)
    if kind is not None:
        data["type"] = re.sub(r"[^a-zåäö]+", "-", kind.text.strip().casefold()).strip("-") or "rutin"
        if data["type"] != "-".join(kind.text.strip().casefold().split()):
            _keep(parsed, kind)  # "Rutin/Regel" is written rutin-regel: the words as written stay
    version = _one(parsed, "version", findings)
    if version is not None:
        text = version.text.strip()
        data["version"] = text.replace(",", ".") if re.fullmatch(r"\d+(,\d+)+", text) else text
    status = _one(parsed, "status", findings)
    data["status"] = "published"
    if status is not None:
        word = STATUS_WORDS.get(status.text.strip().casefold())
        if word is None:
            findings.append(Finding("source", status.line, msg("import.bad_status", status=status.text)))
        data["status"] = word or "published"


def _id(text: str) -> str:
    """A Dokument-ID as the schema takes it: ``RS 2015/323`` → ``RS-2015-323``, ``Ä`` → ``A``."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.strip()) if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9._-]+", "-", folded).strip("-._") or text.strip()


def _people(parsed: ParsedText, data: dict[str, Any], findings: list[Finding]) -> None:
    """``owner``, ``reviewers``, ``content_reviewers`` and ``approver``."""
    for name in ("owner", "reviewers", "content_reviewers", "approver"):
        if name in LIST_FIELDS:
            people: list[dict[str, str]] = []
            for value in parsed.values.get(name, []):
                for part in split_people(value.text):
                    person = parse_person(part)
                    if person["name"] and person not in people:
                        people.append(person)
            if people:
                data[name] = people
            continue
        given = _one(parsed, name, findings)
        if given is None:
            continue
        several = split_people(given.text)
        person = parse_person(several[0] if several else given.text)
        if len(several) > 1:
            findings.append(Finding("source", given.line, msg("import.several_people", label=given.label,
                                                              value=given.text, first=person["name"])))
            _keep(parsed, given)
        data[name] = person
        if "id" not in person:
            findings.append(Finding("source", given.line,
                                    msg("import.no_person_id", label=LABEL_OF[name], value=given.text),
                                    field=name))


def _dates(parsed: ParsedText, data: dict[str, Any], findings: list[Finding]) -> None:
    """``valid_from`` and ``valid_to`` as YYYY-MM-DD (or as written, reported, when not a date)."""
    for name in ("valid_from", "valid_to"):
        given = _one(parsed, name, findings)
        if given is None:
            continue
        found = parse_date(given.text)
        if found is None:
            findings.append(Finding("source", given.line,
                                    msg("import.not_a_date", label=LABEL_OF[name], value=given.text), field=name))
        elif found[1]:
            _keep(parsed, given)  # "2024-01-01 (reviderad 2024-03-01)": the words beside the date stay
        data[name] = found[0] if found else given.text.strip()


def _related(parsed: ParsedText, data: dict[str, Any], findings: list[Finding]) -> None:
    """``related``: each link once; what is not a link is reported and left out."""
    related: list[dict[str, str]] = []
    for value in parsed.values.get("related", []):
        link = parse_link(value.text)
        if link is None:
            findings.append(Finding("source", value.line, msg("import.bad_related", value=value.text)))
        elif link not in related:
            related.append(link)
    if related:
        data["related"] = related


def _tags(parsed: ParsedText, data: dict[str, Any]) -> None:
    """``tags``: the comma-separated keywords, each once."""
    tags: list[str] = []
    for value in parsed.values.get("tags", []):
        tags.extend(t.strip() for t in value.text.split(",") if t.strip() and t.strip() not in tags)
    if tags:
        data["tags"] = tags


def _missing(data: dict[str, Any], parsed: ParsedText) -> list[Finding]:
    """For each missing field the line that came closest to giving it, if any; a finding for a
    missing title, and one naming the other required fields the text lacks."""
    findings: list[Finding] = []
    taken = {v.line for values in parsed.values.values() for v in values}
    missing: list[str] = []
    for name in [n for n in REQUIRED if n not in data]:
        near = closest_line(parsed.lines, [(v.line, v.label, v.text) for v in parsed.other], name, taken)
        if near is not None:
            findings.append(Finding("source", near[0], msg("import.missing_near", label=LABEL_OF[name], field=name,
                                                           quote=near[1], line=near[0]), field=name))
        elif name == "title":
            findings.append(Finding("source", 1, msg("import.no_title")))
        else:
            missing.append(name)
    if missing:
        labels = ", ".join(LABEL_OF[n] for n in missing)
        fields = ", ".join(f"`{n}:`" for n in missing)
        findings.append(Finding("source", 1, msg("import.missing", labels=labels, fields=fields)))
    return findings


def _one(parsed: ParsedText, name: str, findings: list[Finding]) -> Value | None:
    values = parsed.values.get(name) or []
    if not values:
        return None
    first = values[0]
    different = [v for v in values[1:] if " ".join(v.text.split()) != " ".join(first.text.split())]
    if different:
        shown = [msg("import.value_at", value=v.text, line=v.line) for v in [first, *different]]
        findings.append(Finding("source", first.line, msg("import.different", label=LABEL_OF[name], shown=shown)))
        for value in different:
            _keep(parsed, value)
    return first


def _units(value: Value, org: Organisation, findings: list[Finding]) -> list[str]:
    """Unit ids for a ``Gäller för`` value (names, aliases or ids, split at ``;`` or ``,``)."""
    whole = org.resolve(value.text.strip())
    if whole is not None:
        return [whole]
    parts = [p.strip() for p in re.split(r";|\n", value.text) if p.strip()]
    ids: list[str] = []
    for part in parts:
        found = org.resolve(part)
        pieces = [part] if found else [p.strip() for p in part.split(",") if p.strip()]
        for piece in pieces:
            unit = found or org.resolve(piece)
            if unit is None:
                unit = slug(piece) or "okand-enhet"
                names = [label for u in org.units.values() for label in (u.name, *u.aliases)]
                close = difflib.get_close_matches(piece, names, n=1, cutoff=0.6)
                where = "routines/organisation.yaml" if org.loaded else msg("import.org_unread")
                findings.append(Finding("source", value.line, msg(
                    "import.unknown_unit", piece=piece, where=where, hint=did_you_mean(close), unit=unit)))
            if unit not in ids:
                ids.append(unit)
    return ids
