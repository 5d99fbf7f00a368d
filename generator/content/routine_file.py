"""Everything that can be known about one routine file from its content alone.

This is the per-file stage of ``check``: it depends only on the file's text (and the
program's version), which is what lets the cache key it by content. Nothing here may look at
the date, the configuration or other files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.content import frontmatter
from generator.content.body_spill import Spilled, spill
from generator.content.link_scan import scan_body, with_lines
from generator.content.textfile import TextProblem
from generator.content.yamlsafe import YamlDocument, load_yaml
from generator.core.diagnostics import Diagnostic, Severity
from generator.core.links import Link, classify, target_path
from generator.core.messages import Msg, msg
from generator.core.model import Routine, build_routine
from generator.core.pointers import line_of, untouched
from generator.core.template import SECTIONS


@dataclass
class RoutineFile:
    """The per-file result: parsed front matter, lines, links and the file's own diagnostics."""

    file: str
    data: dict[str, Any] | None = None
    """The front matter, or None when it could not be read as a mapping."""
    lines: dict[str, int] = field(default_factory=dict)
    invalid: list[str] = field(default_factory=list)
    """Pointers of values the schema rejected; those values are not used by later checks."""
    body_line: int = 1
    content_digest: str = ""
    """A digest of the body and the rules, for change control."""
    links: list[Link] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    blob: str = ""
    """See :attr:`Routine.blob` (:func:`~generator.content.revisions.file_blob` of the bytes read)."""
    html: Spilled | None = None
    """With ``analyse(..., spill_to=FOLDER)``: where the body's HTML (:func:`scan_body`) was
    spilled (None where the Rust parser could not read it). Not cached: only a build's pages need it."""

    def usable(self, ptr: str) -> bool:
        """True when no schema error lies at or under ``ptr``."""
        return not self.invalid or untouched(ptr, self.invalid)

    def routine(self) -> Routine | None:
        """The routine, when the front matter could be read at all."""
        if self.data is None:
            return None
        return build_routine(self.file, self.data, self.usable, self.lines, self.body_line,
                             tuple(self.links), self.content_digest, self.blob)

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "data": self.data, "lines": self.lines, "invalid": self.invalid,
                "body_line": self.body_line, "digest": self.content_digest,
                "links": [link.to_json() for link in self.links],
                "diagnostics": [d.stored() for d in self.diagnostics], "blob": self.blob}


def _error(result: RoutineFile, line: int, code: str, message: Msg, severity: Severity = "error") -> None:
    result.diagnostics.append(Diagnostic(result.file, line, severity, code, message))


def analyse(file: str, text: str | TextProblem, spill_to: str | None = None) -> RoutineFile:
    """Read one routine file's text into a :class:`RoutineFile`; with ``spill_to`` (a folder),
    keep the HTML of its body that finding its links rendered there (:attr:`RoutineFile.html`)."""
    result = RoutineFile(file)
    if isinstance(text, TextProblem):
        _error(result, text.line, text.code, text.message)
        return result
    parts = frontmatter.split(text)
    if isinstance(parts, TextProblem):
        _error(result, parts.line, parts.code, parts.message)
        return result
    result.body_line = parts.body_line
    document = load_yaml(parts.front_matter, first_line=parts.front_matter_line)
    for problem in document.problems:
        _error(result, problem.line, problem.code, problem.message)
    result.links, html = scan_body(parts.body, parts.body_line, file)
    if spill_to is not None and html is not None:
        result.html = spill(spill_to, html)
    _front_matter(result, document, parts.body)
    _check_links(result, parts.body)
    return result


def _front_matter(result: RoutineFile, document: YamlDocument, body: str) -> None:
    if not document.ok:
        return
    if not isinstance(document.data, dict):
        shape = msg("check.shape_nothing") if document.data is None else (
            msg("check.shape_list") if isinstance(document.data, list) else msg("check.shape_value"))
        _error(result, 1, "front-matter", msg("check.front_matter_shape", shape=shape))
        return
    result.data, result.lines = document.data, document.lines
    from generator.content.revisions import content_digest

    result.content_digest = content_digest(body, document.data.get("rules"))
    from generator.content import schemas  # deferred: a fully cached run never needs jsonschema

    for found in schemas.problems("routine", document.data):
        _error(result, line_of(result.lines, found.pointer), found.code, found.message)
        if found.invalidates:
            result.invalid.append(found.pointer)
    routine = result.routine()
    assert routine is not None
    _check_semantics(result, routine)
    if routine.published:
        _check_template_left(result, body)
    result.links.extend(_related_links(result, routine))


_GUIDANCE = {text: heading for heading, text in SECTIONS}
_FIRST, _LAST = min(_GUIDANCE), max(_GUIDANCE)
_GUIDANCE_START = _FIRST[:next((i for i, (a, b) in enumerate(zip(_FIRST, _LAST, strict=False)) if a != b), len(_FIRST))]
"""What every guidance text of the template begins with ("Beskriv "; empty if they had nothing in common)."""


def _check_template_left(result: RoutineFile, body: str) -> None:
    """A published routine whose sections still hold the template's guidance was never written."""
    if _GUIDANCE_START not in body or not any(text in body for text in _GUIDANCE):
        return  # most bodies: one substring search instead of a look at every line
    for offset, line in enumerate(body.split("\n")):
        heading = _GUIDANCE.get(line.strip())
        if heading is not None:
            _error(result, result.body_line + offset, "template-text",
                   msg("check.template_text", heading=heading, text=line.strip()), "warning")


def _related_links(result: RoutineFile, routine: Routine) -> list[Link]:
    """Links under ``related:``, checked like links in the body."""
    links = []
    for index, related in enumerate(routine.related):
        kind = classify(related.url)
        target = target_path(related.url, result.file) if kind == "relative" else None
        links.append(Link(related.url, routine.line(f"/related/{index}/url"), related.title, kind, target))
    return links


_FLAGGED = frozenset({"placeholder", "unsafe"})
"""Kinds of link that are a finding of their own file: where a body has one, the lines of its
links are looked up (:func:`~generator.content.link_scan.with_lines`) for the findings to name."""


def _check_links(result: RoutineFile, body: str) -> None:
    if any(link.kind in _FLAGGED for link in result.links):
        result.links = with_lines(result.links, body, result.body_line)
    for link in result.links:
        kind = link.kind
        if kind == "placeholder":
            _error(result, link.line, "placeholder-link",
                   msg("check.placeholder_link", url=link.url or msg("check.empty_url"), text=link.text), "warning")
        elif kind == "unsafe":
            _error(result, link.line, "unsafe-link", msg("check.unsafe_link", text=link.text, url=link.url[:40]))


def _check_semantics(result: RoutineFile, routine: Routine) -> None:
    """Checks within one file that the schema cannot express."""
    if routine.valid_from and routine.valid_to and routine.valid_to <= routine.valid_from:
        _error(result, routine.line("/valid_to"), "date-order",
               msg("check.date_order", valid_to=routine.valid_to.isoformat(), valid_from=routine.valid_from.isoformat()))
    owner, approver = routine.owner, routine.approver
    if owner and approver and owner.id and owner.id == approver.id:
        _error(result, routine.line("/approver"), "owner-is-approver",
               msg("check.owner_is_approver", name=approver.name, id=approver.id))
    seen: dict[tuple[str, str], int] = {}
    for rule in routine.rules.all:
        kind = rule.pointer.split("/")[2]
        key = (kind, rule.id)
        line = routine.line(rule.pointer)
        if key in seen:
            _error(result, line, "duplicate-rule", msg("check.duplicate_rule", rule=rule.id, kind=kind, first=seen[key]))
        seen.setdefault(key, line)

