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
from typing import Any

from generator.authoring.import_labels import INFO_HEADING, LABEL_OF, STATUS_LABELS
from generator.authoring.import_values import link_text, person_text
from generator.content.frontmatter import split
from generator.content.textfile import MAX_ROUTINE_BYTES, TextProblem, read_text
from generator.core.organisation import Organisation

TOP_FIELDS = ("applies_to", "owner", "reviewers", "approver", "valid_from", "valid_to")
"""Metadata at the head of the text, in the seeds' order."""
INFO_FIELDS = ("type", "status", "applies_to", "owner", "reviewers", "content_reviewers", "approver",
               "id", "version", "valid_from", "valid_to", "tags")
"""Metadata under "Information om handlingen"."""


def _values(name: str, data: Mapping[str, Any], org: Organisation) -> list[str]:
    """The texts one field is written as (one line each)."""
    value = data.get(name)
    if value is None or value == [] or value == "":
        return []
    if name == "applies_to" and isinstance(value, list):
        names = [org.units[u].name if u in org.units else str(u) for u in value]
        return ["; ".join(names)]
    if name in ("owner", "approver") and isinstance(value, Mapping):
        return [person_text(value)]
    if name in ("reviewers", "content_reviewers") and isinstance(value, list):
        return [person_text(p) for p in value if isinstance(p, Mapping)]
    if name == "type":
        text = str(value)
        return [text[:1].upper() + text[1:]]
    if name == "status":
        return [] if value == "published" else [STATUS_LABELS.get(str(value), str(value))]
    if name == "tags" and isinstance(value, list):
        return [", ".join(str(t) for t in value)]
    return [str(value)]


def export_text(data: Mapping[str, Any], body: str, org: Organisation) -> str:
    """The plain text of a routine from its front matter and Markdown body."""
    out: list[str] = [""]
    for name in TOP_FIELDS:
        out.extend(f"{LABEL_OF[name]}: {text}" for text in _values(name, data, org))
    out.append(f"# {data.get('title', '')}".rstrip())
    note = data.get("revision_note")
    if isinstance(note, str) and note.strip():
        out.extend([f"## {LABEL_OF['revision_note']}", note.strip()])
    if body.strip():
        out.append(body.strip())
    related = [r for r in data.get("related") or [] if isinstance(r, Mapping)]
    if related:
        out.append(f"## {LABEL_OF['related']}")
        out.extend(link_text(r) for r in related)
    out.append(f"# {INFO_HEADING}")
    for name in INFO_FIELDS:
        out.extend(f"**{LABEL_OF[name]}:** {text}" for text in _values(name, data, org))
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
    error: str = ""
    target: Path | None = None
    status: str = ""


def export_routines(wanted: list[str], root: Path, files: Mapping[str, Mapping[str, Any] | None],
                    org: Organisation) -> list[Exported]:
    """Export the routines named by id (Dokument-ID) or by file path.

    ``files`` maps each routine file (root-relative) to its front matter (None when unreadable).
    """
    by_id = {str(d.get("id")): f for f, d in files.items() if d is not None and d.get("id") is not None}
    results: list[Exported] = []
    for name in wanted:
        result = Exported(name)
        results.append(result)
        file = by_id.get(name)
        if file is None:
            candidate = _relative(name, root)
            file = candidate if candidate in files else None
        if file is None:
            result.error = (f"no routine with the id or file '{name}' in {root}/routines; give a "
                            "Dokument-ID (the `id:` of the front matter) or a routine's file")
            result.status = "error"
            continue
        data = files[file]
        result.file = file
        if data is None:
            result.error = f"{file} cannot be read as a routine; run `routines check` to see why"
            result.status = "error"
            continue
        text = read_text(root / file, MAX_ROUTINE_BYTES)
        parts = split(text) if not isinstance(text, TextProblem) else text
        if isinstance(parts, TextProblem):
            result.error, result.status = f"{file}: {parts.message}", "error"
            continue
        result.id = str(data.get("id", ""))
        rules = data.get("rules")
        if isinstance(rules, dict):
            result.rules = sum(len(v) for v in rules.values() if isinstance(v, list))
        result.text = export_text(data, parts.body, org)
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
