"""``routines import``: plain-text routines (the seeds' format) turned into routine files.

The stages, each in its own module: :mod:`generator.authoring.import_text` reads the text into metadata
values and body blocks (:func:`parse_text`, on the tokens of :mod:`generator.authoring.import_tokens`);
:mod:`generator.authoring.import_front_matter` makes the front matter from the values;
:mod:`generator.authoring.proposals` proposes the rules the text states; :mod:`generator.authoring.yaml_emit`
writes the file (:func:`routine_text`). This module reads the source files, runs the stages
(:func:`build_import`, :func:`import_files`) and writes the results (:func:`write_imports`).

Nothing here trusts itself: every proposed rule carries ``review:``, and every value that could
not be read (an unknown unit, a missing field, two different values for one label) is reported
with its line.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.authoring.import_docx import DocxError, is_docx, read_docx, write_pictures
from generator.authoring.import_front_matter import Finding, front_matter
from generator.authoring.import_labels import OTHER_HEADING
from generator.authoring.import_text import parse_text
from generator.authoring.import_tokens import Block, Item, body_markdown
from generator.authoring.import_values import slug
from generator.authoring.yaml_emit import routine_text
from generator.content.textfile import MAX_ROUTINE_BYTES, TextProblem, decode, read_bytes
from generator.content.yamlsafe import load_yaml
from generator.core.catalog import Catalog
from generator.core.messages import Msg, msg
from generator.core.organisation import Organisation

__all__ = [
    "Finding",
    "Imported",
    "SourceError",
    "build_import",
    "import_files",
    "parse_text",
    "read_source",
    "routine_text",
    "target_name",
    "write_imports",
]


@dataclass
class Imported:
    """One input file, imported (or why not)."""

    source: Path
    source_label: str
    target: Path | None = None
    target_label: str = ""
    text: str = ""
    """The routine file's content."""
    data: dict[str, Any] = field(default_factory=dict)
    """The front matter (rules included)."""
    body: str = ""
    findings: list[Finding] = field(default_factory=list)
    error: Msg | str = ""
    """Why the file was not imported (told in the reader's language when shown)."""
    status: str = ""
    """``written``, ``would-write`` (dry run), ``exists`` (no --force) or ``error``."""
    kept: str = ""
    """With --force over a file that differed: where its previous content was kept (``NAME.md.orig``)."""
    images: dict[Path, bytes] = field(default_factory=dict)
    """A Word file's pictures, to write beside the routine (:mod:`generator.authoring.import_docx`)."""

    @property
    def needs_review(self) -> bool:
        return bool(self.findings)


class SourceError(Exception):
    """A file that cannot be imported; the message says why and what to do."""

    def __init__(self, message: Msg | str) -> None:
        super().__init__(message)
        self.message = message


def read_source(path: Path) -> str:
    """The text of a plain-text routine; raises :class:`SourceError` with a message a person
    can act on."""
    data = read_bytes(path, MAX_ROUTINE_BYTES)
    if isinstance(data, TextProblem):
        raise SourceError(data.message)
    text = decode(data)
    if isinstance(text, TextProblem):
        if text.code == "encoding":
            _not_utf8(data)
        raise SourceError(text.message)
    if not text.strip():
        raise SourceError(msg("import.empty"))
    if text.startswith("---\n"):
        raise SourceError(msg("import.already_routine"))
    return text


def _not_utf8(data: bytes) -> None:
    """Raise :class:`SourceError` saying where ``data`` stops being UTF-8 (line, column and byte
    offset, and the character the byte is in Windows-1252), with how to save it from Word; nothing
    when it is UTF-8 (the problem is another)."""
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as error:
        start = error.start
        byte = body[start]
        try:
            guess: Msg | str = msg("import.cp1252", char=bytes([byte]).decode("cp1252")) if byte >= 0x80 else ""
        except UnicodeDecodeError:
            guess = ""
        line = body.count(b"\n", 0, start) + 1
        column = start - (body.rfind(b"\n", 0, start) + 1) + 1
        raise SourceError(msg("import.not_utf8", byte=f"{byte:02X}", guess=guess, line=line, column=column,
                              offset=start + (3 if bom else 0))) from None


def build_import(text: str, org: Organisation, catalog: Catalog, *,
                 title: str | None = None) -> tuple[dict[str, Any], str, list[Finding]]:
    """Front matter (rules included), body and findings for one routine in plain text (an export
    from Word or an intranet, or the text of a Word file): usable from outside with the text only."""
    from generator.authoring.proposals import propose

    parsed = parse_text(text, lambda name: catalog.roles.resolve(name) is not None, guess_title=not title,
                        is_unit=lambda name: org.resolve(name) is not None)
    data, findings = front_matter(parsed, org, title)
    if parsed.title_guessed and parsed.title is not None:
        findings.insert(0, Finding("source", parsed.title.line, msg("import.title_first_line",
                                                                    title=parsed.title.text)))
    proposed = propose(parsed.blocks, org, catalog, list(data.get("applies_to", [])))
    findings.extend(Finding("source", line, note) for line, note in proposed.notes)
    if proposed.rules:
        data["rules"] = proposed.rules
    blocks = list(parsed.blocks)
    if parsed.other:  # what no field holds, in the body: never lost
        blocks.append(Block("heading", parsed.other[0].line, OTHER_HEADING, 2))
        blocks.append(Block("list", parsed.other[0].line, items=[
            Item("-", f"{v.label}: {' '.join(v.text.split())}", v.line) for v in parsed.other]))
    return data, body_markdown(blocks), findings


ROUTINE_FIELDS = ("id", "title", "applies_to", "owner", "approver", "valid_from", "valid_to", "version", "type")
"""A text that states none of these is not a routine (a README, a letter): it is not imported.
A text that states a title or a document id is always imported (with review marks for what is
missing); a title guessed from the first line alone does not count."""

DATA_FILES = ("organisation.yaml", "catalog.yaml")
"""What ``import --out DIR`` copies into DIR/routines when missing, so DIR is a content root."""


def complete_root(out_dir: Path, root: Path) -> list[str]:
    """Copy the data files of ``root`` into ``out_dir``'s ``routines/`` where missing; the copied ones."""
    from generator.content.atomic_write import write_atomically

    copied = []
    for name in DATA_FILES:
        source, target = root / "routines" / name, out_dir / "routines" / name
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, source.read_bytes())
            copied.append(f"routines/{name}")
    return copied


def target_name(data: Mapping[str, Any], org: Organisation) -> str | None:
    """``<unit id>/<slug of title>.md`` (one known unit), else ``<slug>.md``; None without a name."""
    name = slug(str(data.get("title", ""))) or slug(str(data.get("id", "")))
    if not name:
        return None
    units = data.get("applies_to") or []
    if len(units) == 1 and units[0] in org.units:
        return f"{units[0]}/{name}.md"
    return f"{name}.md"


def _rule_findings(data: Mapping[str, Any], text: str, catalog: Catalog) -> list[Finding]:
    from generator.authoring.proposals import describe

    rules = data.get("rules") or {}
    if not rules:
        return []
    fm = text.split("\n---\n", 1)[0].removeprefix("---\n")
    lines = load_yaml(fm, first_line=2).lines
    found: list[Finding] = []
    for kind, items in rules.items():
        for index, rule in enumerate(items):
            if not rule.get("review"):
                continue
            line = lines.get(f"/rules/{kind}/{index}", 1)
            sentence = " ".join(str(rule["review"]).split())
            name = rule.get("id", rule.get("role"))
            found.append(Finding("target", line, msg("import.proposed_rule", kind=kind, name=str(name),
                                                     description=describe(kind, rule, catalog)),
                                 f"{kind}/{name}", sentence))
    return found


def _file_findings(label: str, text: str, said: Iterable[str]) -> list[Finding]:
    """What ``check`` would say about the file alone: its errors, apart from missing fields and
    the values already reported (``said``: their fields).

    Which is which is told by the schema's problems, not by their wording (which is in a
    language): a problem at the top of the front matter (pointer ``""``) with the code ``schema``
    is a missing required field (the import reports those itself), and one at ``/<field>`` of a
    field in ``said`` is about a value already reported. The file's diagnostics that are one of
    these (same line, code and message) are left out."""
    from generator.content import schemas
    from generator.content.routine_file import analyse
    from generator.core.pointers import line_of

    result = analyse(label, text)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if not errors or result.data is None:
        return [Finding("target", d.line, msg("import.check", code=d.code, message=d.message)) for d in errors]
    pointers = {f"/{name}" for name in said}
    known = {(line_of(result.lines, p.pointer), p.code, p.message) for p in schemas.problems("routine", result.data)
             if (p.pointer == "" and p.code == "schema") or p.pointer in pointers}
    return [Finding("target", d.line, msg("import.check", code=d.code, message=d.message)) for d in errors
            if (d.line, d.code, d.message) not in known]


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def import_files(files: list[Path], root: Path, org: Organisation, catalog: Catalog, *,
                 out_dir: Path | None = None, title: str | None = None,
                 known_ids: Mapping[str, str] | None = None, language: str = "sv") -> list[Imported]:
    """Read and convert every file (nothing is written: see :func:`write_imports`).

    ``known_ids`` maps the Dokument-IDs already in the root to their files; ``language`` is the
    content's (the comment the files get over rules to review).
    """
    base = (out_dir if out_dir is not None else root) / "routines"  # --out DIR: a content root of its own
    results: list[Imported] = []
    claimed: dict[str, str] = {}
    for path in files:
        result = Imported(path, str(path))
        results.append(result)
        word = None
        try:
            if is_docx(path):  # a Word file: read as the text import_docx makes of it
                word = read_docx(path)
            text = word.text if word is not None else read_source(path)
        except (SourceError, DocxError) as error:
            result.error, result.status = error.message, "error"
            continue
        data, body, findings = build_import(text, org, catalog, title=title)
        guessed = any(isinstance(f.message, Msg) and f.message.name == "import.title_first_line" for f in findings)
        if not any(key in data for key in ROUTINE_FIELDS if not (guessed and key == "title")):
            result.error = msg("import.not_a_routine", source=result.source_label)
            result.status = "error"
            continue
        name = target_name(data, org)
        if name is None:
            result.error = msg("import.no_name")
            result.status = "error"
            continue
        target = base / name
        result.target, result.target_label = target, _display(target, root)
        key = os.path.normcase(str(target.resolve()))
        if key in claimed:
            result.error = msg("import.same_target", target=result.target_label, other=claimed[key])
            result.status = "error"
            continue
        claimed[key] = result.source_label
        result.data, result.body = data, body
        if word is not None:  # its pictures, named after the routine, beside it
            result.body, result.images = word.place(body, target)
        result.text = routine_text(data, result.body, language)
        other = (known_ids or {}).get(str(data.get("id")))
        if other is not None and other != result.target_label:
            findings.append(Finding("source", 1, msg("import.id_used", id=str(data["id"]), other=other)))
        said = [f.field for f in findings if f.field]
        result.findings = [*findings, *_file_findings(result.target_label, result.text, said),
                           *_rule_findings(data, result.text, catalog)]
        if word is not None:  # its lines are those of the text read from it, and each finding says so
            result.findings = word.findings(result.findings)
    return results


def write_imports(results: list[Imported], *, force: bool = False, dry_run: bool = False,
                  root: Path | None = None) -> None:
    """Write each converted file (never over an existing one without ``force``).

    With ``force``, a file whose content differs from the import is kept beside it as
    ``NAME.md.orig`` (``NAME.md.orig-2`` … when that is taken) before it is replaced: a local
    edit is never lost. With ``root``, a target that leads out of the root through a symbolic
    link is refused.
    """
    from generator.content.atomic_write import confined, write_atomically
    from generator.core.errors import GeneratorError

    for result in results:
        if result.error or result.target is None:
            result.status = "error"
            continue
        try:
            target = confined(result.target, root, result.target_label) if root is not None else result.target
        except GeneratorError as error:
            result.status, result.error = "error", error.message
            continue
        if (target.exists() or result.target.is_symlink()) and not force:
            result.status = "exists"
            result.error = msg("authoring.exists", file=result.target_label)
            continue
        if dry_run:
            result.status = "would-write"
            continue
        if result.images and (problem := write_pictures(result.images, root)) is not None:  # a Word file's
            result.status, result.error = "error", problem
            continue
        data = result.text.encode("utf-8")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            old = target.read_bytes() if target.is_file() else None
            if old is not None and old != data:
                kept = _keep_previous(target, old)
                result.kept = _display(kept, root) if root is not None else str(kept)
            write_atomically(target, data)
        except OSError as error:
            result.status = "error"
            result.error = msg("authoring.cannot_write", file=result.target_label, reason=error.strerror or str(error))
            continue
        result.status = "written"


def _keep_previous(target: Path, old: bytes) -> Path:
    """Write ``old`` beside ``target`` as ``NAME.orig`` (or ``NAME.orig-2`` …), never over a file."""
    from generator.content.atomic_write import write_atomically

    for number in range(1, 1000):
        backup = target.with_name(f"{target.name}.orig" + (f"-{number}" if number > 1 else ""))
        try:
            write_atomically(backup, old, replace=False)
        except FileExistsError:
            continue
        return backup
    raise FileExistsError(str(target.with_name(f"{target.name}.orig")))
