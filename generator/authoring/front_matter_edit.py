"""Front-matter values edited in place, at exact offsets, for ``routines renew``.

Only the values of ``version``, ``valid_from``, ``valid_to`` and ``revision_note`` change (or a
``revision_note`` line is added after ``valid_to``); every other byte of the file (comments,
key order, quoting, line endings, a BOM, the body) stays as it was. Positions come from
PyYAML's pure-Python parser, which reports character offsets into the text as written; each
edit is cross-checked against the line map of the project's own YAML reader, and the result is
read back and compared with what was intended before anything is written.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import yaml

from generator.authoring.yaml_scalars import scalar, styled
from generator.content import frontmatter
from generator.content.routine_file import analyse
from generator.content.textfile import TextProblem, decode
from generator.content.yamlsafe import load_yaml
from generator.core.errors import GeneratorError
from generator.core.messages import Msg, msg


class Renewal(Protocol):
    """What an edit needs of a renewal (:class:`generator.authoring.renew_routine.Renewal`):
    the file as it is, and the new version and validity."""

    @property
    def file(self) -> str: ...
    @property
    def original(self) -> bytes: ...
    @property
    def data(self) -> dict[str, Any]: ...
    @property
    def version(self) -> str: ...
    @property
    def valid_from(self) -> dt.date: ...
    @property
    def valid_to(self) -> dt.date: ...


BOM = b"\xef\xbb\xbf"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_BLOCK_HEADER = re.compile(r"^[|>][0-9+-]*(?P<comment>[ \t]+#[^\r\n]*)?[ \t]*$")


@dataclass
class _Edit:
    """Replace ``text[start:end]`` of the front matter by ``text``."""

    start: int
    end: int
    text: str


def _unsafe(file: str, key: str, why: Msg) -> GeneratorError:
    return GeneratorError(msg("edit.unsafe", file=file, key=key, why=why))


def _top_level(fm: str, file: str) -> dict[str, tuple[Any, Any]]:
    """Top-level key -> (key event, value event) of a block mapping, from PyYAML's pure-Python parser."""
    try:
        events: list[Any] = list(yaml.parse(fm, Loader=yaml.SafeLoader))
    except yaml.YAMLError as error:
        raise GeneratorError(msg("edit.unreadable", file=file, error=str(error))) from None
    index = 0
    while index < len(events) and not isinstance(events[index], yaml.MappingStartEvent):
        index += 1
    if index == len(events) or events[index].flow_style:
        raise GeneratorError(msg("edit.not_lines", file=file))
    index += 1
    found: dict[str, tuple[Any, Any]] = {}
    seen: set[str] = set()
    while not isinstance(events[index], yaml.MappingEndEvent):
        key, value = events[index], events[index + 1]
        index += 2
        if isinstance(value, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth = 1
            while depth:
                if isinstance(events[index], yaml.MappingStartEvent | yaml.SequenceStartEvent):
                    depth += 1
                elif isinstance(events[index], yaml.MappingEndEvent | yaml.SequenceEndEvent):
                    depth -= 1
                index += 1
        if isinstance(key, yaml.ScalarEvent):
            if key.value in seen:
                raise GeneratorError(msg("edit.twice", file=file, key=key.value))
            seen.add(key.value)
            found[key.value] = (key, value)
    return found


def _line_end(text: str, index: int) -> int:
    """The index of the line break that ends the line holding ``index`` (or the end of the text)."""
    ends = [i for i in (text.find("\r", index), text.find("\n", index)) if i >= 0]
    return min(ends) if ends else len(text)


def _value_span(fm: str, file: str, key: str, pair: tuple[Any, Any], lines: Mapping[str, int],
                first_line: int, *, multiline: bool) -> tuple[int, int, str, str | None]:
    """Where the value of a top-level key stands: (start, end, what to write before the new value,
    style); for a block scalar ``end`` is the end of its last line of text, and the block
    header's comment is kept after the new value by the caller."""
    key_event, value = pair[0], pair[1]
    key_at = key_event.start_mark.index
    start_of_line = max(fm.rfind("\n", 0, key_at), fm.rfind("\r", 0, key_at)) + 1
    if fm[start_of_line:key_at].strip(" "):
        raise _unsafe(file, key, msg("edit.why_not_line_start"))
    if lines.get(f"/{key}") != key_event.start_mark.line + first_line:
        raise _unsafe(file, key, msg("edit.why_line_breaks"))
    if not isinstance(pair[1], yaml.ScalarEvent):
        raise _unsafe(file, key, msg("edit.why_not_single"))
    if value.anchor is not None or value.tag is not None:
        raise _unsafe(file, key, msg("edit.why_anchor"))
    start, end, style = value.start_mark.index, value.end_mark.index, value.style
    if style in ("|", ">"):
        if not multiline:
            raise _unsafe(file, key, msg("edit.why_block"))
        if value.start_mark.line != key_event.start_mark.line:
            raise _unsafe(file, key, msg("edit.why_header_line"))
        if _BLOCK_HEADER.match(fm[start:_line_end(fm, start)]) is None:
            raise _unsafe(file, key, msg("edit.why_header_unusual"))
        content_end = start + len(fm[start:end].rstrip(" \t\r\n"))
        return start, _line_end(fm, content_end), "", style
    if value.end_mark.line != value.start_mark.line and not multiline:
        raise _unsafe(file, key, msg("edit.why_spans"))
    if value.start_mark.line != key_event.start_mark.line:
        if not multiline:
            raise _unsafe(file, key, msg("edit.why_not_on_key_line"))
        key_line_end = _line_end(fm, key_event.end_mark.index)
        colon = fm.find(":", key_event.end_mark.index, key_line_end)
        if colon < 0 or fm[colon + 1:key_line_end].strip(" \t"):
            raise _unsafe(file, key, msg("edit.why_between"))
        return colon + 1, end, " ", None
    return start, end, "", style


def edit_front_matter(renewal: Renewal, note: str) -> bytes:
    """The file with the renewal's version and dates and ``note`` written over the old values
    (or a ``revision_note`` line added after ``valid_to``), every other byte kept; the result is
    read back and checked (:func:`_verify`)."""
    file, original = renewal.file, renewal.original
    bom, head, fm, tail = _split_raw(original, file)
    normalised = decode(original)
    assert isinstance(normalised, str)
    parts = frontmatter.split(normalised)
    assert not isinstance(parts, TextProblem)
    lines = load_yaml(parts.front_matter, first_line=parts.front_matter_line).lines
    pairs = _top_level(fm, file)
    for key in ("version", "valid_from", "valid_to"):
        if key not in pairs:
            raise GeneratorError(msg("edit.no_key", file=file, key=key))
    edits: list[_Edit] = []
    values = {"version": renewal.version, "valid_from": renewal.valid_from.isoformat(),
              "valid_to": renewal.valid_to.isoformat()}
    for key, new in values.items():
        start, end, _, style = _value_span(fm, file, key, pairs[key], lines, parts.front_matter_line,
                                           multiline=False)
        edits.append(_Edit(start, end, styled(new, style, strict=False)))
    if "revision_note" in pairs:
        edits.append(_replace_note(renewal, note, fm, pairs, lines, parts.front_matter_line))
    else:
        edits.append(_add_note(file, note, fm, pairs, lines, parts.front_matter_line))
    new_fm = _apply(fm, edits, file)
    result = (BOM if bom else b"") + (head + new_fm + tail).encode("utf-8")
    _verify(renewal, result, note)
    return result


def _split_raw(original: bytes, file: str) -> tuple[bool, str, str, str]:
    """(a BOM?, the opening fence line, the front matter as written, the rest from the closing
    fence on), line breaks as they are in the file."""
    bom = original.startswith(BOM)
    try:
        text = original[len(BOM) if bom else 0:].decode("utf-8")
    except UnicodeDecodeError:
        raise GeneratorError(msg("edit.not_utf8", file=file)) from None
    raw_lines: list[str] = _LINE.findall(text)
    if "".join(raw_lines) != text or not raw_lines or raw_lines[0].rstrip() != frontmatter.FENCE:
        raise GeneratorError(msg("edit.no_front_matter", file=file))
    close = next((i for i in range(1, len(raw_lines)) if raw_lines[i].rstrip() in (frontmatter.FENCE, "...")),
                 None)
    if close is None:
        raise GeneratorError(msg("edit.never_closed", file=file))
    return bom, raw_lines[0], "".join(raw_lines[1:close]), "".join(raw_lines[close:])


def _replace_note(renewal: Renewal, note: str, fm: str, pairs: dict[str, tuple[Any, Any]],
                  lines: Mapping[str, int], first_line: int) -> _Edit:
    """The new note over the old one: in its quoting style when it is one line, else as one line
    in place of the block (the block header's comment kept)."""
    file = renewal.file
    if not isinstance(renewal.data.get("revision_note"), str):
        raise _unsafe(file, "revision_note", msg("edit.why_not_text"))
    start, end, prefix, style = _value_span(fm, file, "revision_note", pairs["revision_note"], lines,
                                            first_line, multiline=True)
    value = pairs["revision_note"][1]
    comment = ""
    if style in ("|", ">"):  # a block: one line in its place, the header's comment kept
        header = _BLOCK_HEADER.match(fm[start:_line_end(fm, start)])
        comment = (header["comment"] or "") if header else ""
    keep = style if value.start_mark.line == value.end_mark.line and style in (None, '"', "'") else None
    return _Edit(start, end, prefix + styled(note, keep, strict=True) + comment)


def _add_note(file: str, note: str, fm: str, pairs: dict[str, tuple[Any, Any]], lines: Mapping[str, int],
              first_line: int) -> _Edit:
    """A ``revision_note`` line after the ``valid_to`` line, with its indent and line break."""
    key_event = pairs["valid_to"][0]
    _, to_end, _, _ = _value_span(fm, file, "valid_to", pairs["valid_to"], lines, first_line,
                                  multiline=False)
    eol = _line_end(fm, to_end)
    if eol == len(fm):
        raise _unsafe(file, "revision_note", msg("edit.why_last_line"))
    newline = "\r\n" if fm.startswith("\r\n", eol) else fm[eol]
    after = eol + len(newline)
    indent = " " * key_event.start_mark.column
    return _Edit(after, after, f"{indent}revision_note: {scalar(note)}{newline}")


def _apply(fm: str, edits: list[_Edit], file: str) -> str:
    """The front matter with the edits made; they must not overlap."""
    edits.sort(key=lambda e: e.start)
    for earlier, later in itertools.pairwise(edits):
        if earlier.end > later.start:
            raise GeneratorError(msg("edit.overlap", file=file))
    new_fm = fm
    for edit in reversed(edits):
        new_fm = new_fm[:edit.start] + edit.text + new_fm[edit.end:]
    return new_fm


def _verify(renewal: Renewal, result: bytes, note: str) -> None:
    """Read the edited file back: only the intended values may have changed, and nothing newly wrong."""
    file = renewal.file
    text = decode(result)
    before = decode(renewal.original)
    assert isinstance(before, str)
    parts_before = frontmatter.split(before)
    parts_after = frontmatter.split(text) if isinstance(text, str) else text
    if isinstance(parts_after, TextProblem) or isinstance(parts_before, TextProblem):
        raise GeneratorError(msg("edit.would_break", file=file))
    document = load_yaml(parts_after.front_matter, first_line=parts_after.front_matter_line)
    expected = dict(renewal.data)
    expected.update(version=renewal.version, valid_from=renewal.valid_from.isoformat(),
                    valid_to=renewal.valid_to.isoformat(), revision_note=note)
    if (not document.ok or document.problems or document.data != expected
            or parts_after.body != parts_before.body):
        raise GeneratorError(msg("edit.more_changed", file=file))
    assert isinstance(text, str)

    def errors(source: str) -> Counter[str]:
        return Counter(d.code for d in analyse(file, source).diagnostics if d.severity == "error")

    new_errors = errors(text) - errors(before)  # by code: messages may name lines the edit moved
    if new_errors:
        code = min(new_errors)
        raise GeneratorError(msg("edit.new_error", file=file, code=code))
