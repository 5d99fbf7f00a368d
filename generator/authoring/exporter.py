"""``routines export``: a routine written back in the plain-text format of the seeds.

The layout is the SU seed's: the metadata lines (``Gäller för: …``), the title as a ``#`` line,
"Revideringar i denna version", the body, "Relaterad information", and the block
"Information om handlingen" with every metadata label. :mod:`generator.authoring.importer` reads it back
to the same front matter, apart from ``rules``, which the plain-text format does not hold (an
import proposes them again from the text, for review).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.authoring.import_labels import INFO_HEADING, LABEL_OF, STATUS_LABELS
from generator.authoring.import_values import link_text, person_text
from generator.content.frontmatter import split
from generator.content.textfile import MAX_ROUTINE_BYTES, TextProblem, read_text
from generator.core.messages import Msg, msg
from generator.core.model import Routine
from generator.core.organisation import Organisation

TOP_FIELDS = ("applies_to", "owner", "reviewers", "approver", "valid_from", "valid_to")
"""Metadata at the head of the text, in the seeds' order."""
INFO_FIELDS = ("type", "status", "applies_to", "owner", "reviewers", "content_reviewers", "approver",
               "id", "version", "valid_from", "valid_to", "tags")
"""Metadata under "Information om handlingen"."""


def _values(name: str, routine: Routine, org: Organisation) -> list[str]:
    """The texts one field is written as (one line each)."""
    if name == "applies_to":
        names = [org.units[u].name if u in org.units else u for u in routine.applies_to]
        return ["; ".join(names)] if names else []
    if name in ("owner", "approver"):
        person = routine.owner if name == "owner" else routine.approver
        return [person_text(person)] if person is not None else []
    if name in ("reviewers", "content_reviewers"):
        return [person_text(p) for p in (routine.reviewers if name == "reviewers" else routine.content_reviewers)]
    if name == "type":
        return [routine.type[:1].upper() + routine.type[1:]] if routine.type else []
    if name == "status":
        return [] if routine.status == "published" else [STATUS_LABELS.get(routine.status, routine.status)]
    if name == "tags":
        return [", ".join(routine.tags)] if routine.tags else []
    if name in ("valid_from", "valid_to"):
        day = routine.valid_from if name == "valid_from" else routine.valid_to
        return [day.isoformat()] if day is not None else []
    value = {"id": routine.id, "version": routine.version}[name]
    return [value] if value else []


def export_text(routine: Routine, body: str, org: Organisation) -> str:
    """The plain text of a routine from its model and Markdown body."""
    out: list[str] = [""]
    for name in TOP_FIELDS:
        out.extend(f"{LABEL_OF[name]}: {text}" for text in _values(name, routine, org))
    out.append(f"# {routine.title}".rstrip())
    if routine.revision_note.strip():
        out.extend([f"## {LABEL_OF['revision_note']}", routine.revision_note.strip()])
    if body.strip():
        out.append(body.strip())
    if routine.related:
        out.append(f"## {LABEL_OF['related']}")
        out.extend(link_text(r) for r in routine.related)
    out.append(f"# {INFO_HEADING}")
    for name in INFO_FIELDS:
        out.extend(f"**{LABEL_OF[name]}:** {text}" for text in _values(name, routine, org))
    return "\n\n".join(out).rstrip() + "\n"


@dataclass
class Exported:
    """One routine, exported (or why not)."""

    wanted: str
    """The id or file asked for."""
    id: str = ""
    file: str = ""
    text: str = ""
    rules: int = 0
    """How many rules the routine has (left out of the text)."""
    error: Msg | str = ""
    """Why it was not exported (told in the reader's language when shown)."""
    target: Path | None = None
    status: str = ""


def export_routines(wanted: list[str], root: Path, files: Mapping[str, Routine | None],
                    org: Organisation) -> list[Exported]:
    """Export the routines named by id (Dokument-ID) or by file path.

    ``files`` maps each routine file (root-relative) to its routine (None when unreadable).
    """
    by_id = {r.id: f for f, r in files.items() if r is not None and r.id is not None}
    results: list[Exported] = []
    for name in wanted:
        result = Exported(name)
        results.append(result)
        file = by_id.get(name)
        if file is None:
            candidate = _relative(name, root)
            file = candidate if candidate in files else None
        if file is None:
            result.error = msg("export.no_routine", name=name, root=str(root))
            result.status = "error"
            continue
        routine = files[file]
        result.file = file
        if routine is None:
            result.error = msg("export.unreadable", file=file)
            result.status = "error"
            continue
        text = read_text(root / file, MAX_ROUTINE_BYTES)
        parts = split(text) if not isinstance(text, TextProblem) else text
        if isinstance(parts, TextProblem):
            result.error, result.status = msg("authoring.in_file", file=file, message=parts.message), "error"
            continue
        result.id = routine.id or ""
        result.rules = len(routine.rules.all)
        result.text = export_text(routine, parts.body, org)
        result.status = "exported"
    return results


def _relative(name: str, root: Path) -> str:
    path = Path(name)
    for candidate in (path, root / path):
        try:
            return candidate.resolve().relative_to(root.resolve()).as_posix()
        except (ValueError, OSError):
            continue
    return path.as_posix()
