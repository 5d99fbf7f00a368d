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

from generator.authoring.import_front_matter import Finding, front_matter
from generator.authoring.import_text import parse_text
from generator.authoring.import_tokens import body_markdown
from generator.authoring.import_values import slug
from generator.authoring.yaml_emit import routine_text
from generator.content.textfile import MAX_ROUTINE_BYTES, TextProblem, decode, read_bytes
from generator.content.yamlsafe import load_yaml
from generator.core.catalog import Catalog
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
    error: str = ""
    status: str = ""
    """``written``, ``would-write`` (dry run), ``exists`` (no --force) or ``error``."""
    kept: str = ""
    """With --force over a file that differed: where its previous content was kept (``NAME.md.orig``)."""

    @property
    def needs_review(self) -> bool:
        return bool(self.findings)


class SourceError(Exception):
    """A file that cannot be imported; the message says why and what to do."""


def read_source(path: Path) -> str:
    """The text of a plain-text routine; raises :class:`SourceError` with a message a person
    can act on."""
    data = read_bytes(path, MAX_ROUTINE_BYTES)
    if isinstance(data, TextProblem):
        raise SourceError(data.message)
    text = decode(data)
    if isinstance(text, TextProblem):
        if text.code == "encoding" and "UTF-8" in text.message:
            try:
                data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
            except UnicodeDecodeError as error:
                offset = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
                raise SourceError(f"{text.message.replace('; save the file as UTF-8', '')} (byte offset "
                                 f"{offset}); save it as UTF-8 (in Word: Spara som, Oformaterad text, "
                                 "Unicode UTF-8) and import it again") from None
        raise SourceError(text.message)
    if not text.strip():
        raise SourceError("the file is empty; export the routine as text again")
    if text.startswith("---\n"):
        raise SourceError("this is already a routine file (it starts with front matter); copy it into "
                         "routines/ instead of importing it")
    return text


def build_import(text: str, org: Organisation, catalog: Catalog, *,
                 title: str | None = None) -> tuple[dict[str, Any], str, list[Finding]]:
    """Front matter (rules included), body and findings for one plain-text routine."""
    from generator.authoring.proposals import propose

    parsed = parse_text(text, lambda name: catalog.roles.resolve(name) is not None)
    data, findings = front_matter(parsed, org, title)
    proposed = propose(parsed.blocks, org, catalog, list(data.get("applies_to", [])))
    findings.extend(Finding("source", line, message) for line, message in proposed.notes)
    if proposed.rules:
        data["rules"] = proposed.rules
    return data, body_markdown(parsed.blocks), findings


ROUTINE_FIELDS = ("id", "applies_to", "owner", "approver", "valid_from", "valid_to", "version", "type")
"""A text that states none of these is not a routine (a README, a letter): it is not imported."""

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
            found.append(Finding("target", line, f"proposed rule {kind} '{name}' "
                                 f"({describe(kind, rule, catalog)})", f"{kind}/{name}", sentence))
    return found


def _file_findings(label: str, text: str, said: Iterable[str]) -> list[Finding]:
    """What ``check`` would say about the file alone: its errors, apart from missing fields and
    the values already reported (``said``: their fields)."""
    from generator.content.routine_file import analyse

    result = analyse(label, text)
    prefixes = tuple(f"$.{name}:" for name in said)
    return [Finding("target", d.line, f"{d.code}: {d.message}") for d in result.diagnostics
            if d.severity == "error" and "missing required field" not in str(d.message)
            and not (prefixes and str(d.message).startswith(prefixes))]


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def import_files(files: list[Path], root: Path, org: Organisation, catalog: Catalog, *,
                 out_dir: Path | None = None, title: str | None = None,
                 known_ids: Mapping[str, str] | None = None) -> list[Imported]:
    """Read and convert every file (nothing is written: see :func:`write_imports`).

    ``known_ids`` maps the Dokument-IDs already in the root to their files.
    """
    base = (out_dir if out_dir is not None else root) / "routines"  # --out DIR: a content root of its own
    results: list[Imported] = []
    claimed: dict[str, str] = {}
    for path in files:
        result = Imported(path, str(path))
        results.append(result)
        try:
            text = read_source(path)
        except SourceError as error:
            result.error, result.status = str(error), "error"
            continue
        data, body, findings = build_import(text, org, catalog, title=title)
        if not any(key in data for key in ROUTINE_FIELDS):
            result.error = (f"{result.source_label} is not a routine: none of what a routine states (Dokument-ID, "
                            "Gäller för, Innehållsansvar, Godkänd av, Giltig från, Giltig till, Version) is in "
                            "the text; import a routine's exported text, or start one with 'routines new'")
            result.status = "error"
            continue
        name = target_name(data, org)
        if name is None:
            result.error = ("no title and no Dokument-ID: nothing to name the routine by; add a line "
                            "'# Titel' or 'Dokument-ID: …' to the text, or give --title")
            result.status = "error"
            continue
        target = base / name
        result.target, result.target_label = target, _display(target, root)
        key = os.path.normcase(str(target.resolve()))
        if key in claimed:
            result.error = (f"{result.target_label} is also where {claimed[key]} goes in this run; "
                            "import them one at a time, or give them different titles")
            result.status = "error"
            continue
        claimed[key] = result.source_label
        result.data, result.body = data, body
        result.text = routine_text(data, body)
        other = (known_ids or {}).get(str(data.get("id")))
        if other is not None and other != result.target_label:
            findings.append(Finding("source", 1, f"Dokument-ID {data['id']} is already used by {other}; "
                                    "two routines with one id are an error (remove one of them)"))
        said = [f.field for f in findings if f.field]
        result.findings = [*findings, *_file_findings(result.target_label, result.text, said),
                           *_rule_findings(data, result.text, catalog)]
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
            result.status, result.error = "error", str(error)
            continue
        if (target.exists() or result.target.is_symlink()) and not force:
            result.status = "exists"
            result.error = f"{result.target_label} already exists; give --force to overwrite it"
            continue
        if dry_run:
            result.status = "would-write"
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
            result.error = f"cannot write {result.target_label}: {error.strerror or error}"
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
