"""Safe YAML with line numbers.

Built from libyaml's event stream rather than PyYAML's constructors, because a linter needs
what those hide or get wrong: the line of every key, duplicate keys reported instead of
silently overwritten, dates kept as the strings the author wrote, and hard bounds on nesting
and alias expansion ("billion laughs"), checked while the events stream in. Plain scalars
are resolved with the YAML 1.2 core schema, so ``yes``, ``no`` and ``on`` stay text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.core.messages import Msg, msg

_Parser: Any
try:
    from yaml._yaml import CParser as _Parser  # libyaml's parser alone: events, no constructor
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _Parser = yaml.SafeLoader

MAX_DEPTH = 64
"""Deepest nesting accepted. Deeper input is refused with ``yaml-limits`` by whichever layer
notices first: the event stream read here, or libyaml's own nesting limit (1,000 flow levels
since PyYAML 6.0.4), which fires first when libyaml scans a long flow line ahead."""
MAX_VALUES = 100_000
"""Most values that aliases may add to a document (a "billion laughs" is stopped here);
values written out are bounded by the size of the text itself."""

_STR_TAG = "tag:yaml.org,2002:str"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


@dataclass
class YamlProblem:
    """A problem found while reading YAML."""

    line: int
    code: str
    message: Msg


@dataclass
class YamlDocument:
    """The data of one YAML document, and where each value stands."""

    data: Any = None
    lines: dict[str, int] = field(default_factory=dict)
    """JSON pointer (``/rules/deadlines/0/id``) to the 1-based line of its key or item."""
    problems: list[YamlProblem] = field(default_factory=list)
    ok: bool = True
    """False when the document could not be read at all (``data`` is then ``None``)."""


class _Stop(Exception):
    def __init__(self, line: int, code: str, message: Msg) -> None:
        super().__init__(str(message))
        self.problem = YamlProblem(line, code, message)


_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")


def resolve_plain(text: str) -> Any:
    """The value of a plain (unquoted) scalar under the YAML 1.2 core schema."""
    if text and text[0] not in _MAYBE_NOT_TEXT:
        return text  # the common case: words
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if len(text) <= 40:  # longer digit strings stay text: no 4,000-digit integers
        if _INT.match(text):
            return int(text)
        if _INT_OCT.match(text) or _INT_HEX.match(text):
            return int(text, 0)
        if _FLOAT.match(text):
            return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1") if ("~" in key or "/" in key) else key


@dataclass
class _Frame:
    value: Any
    ptr: str
    """JSON pointer of this container."""
    line: int
    anchor: str | None
    start_count: int
    key: str | None = None
    key_line: int = 0


class _Builder:
    """Turns libyaml events into Python values, recording lines and enforcing bounds."""

    def __init__(self, first_line: int, max_values: int, max_depth: int) -> None:
        self.first_line = first_line
        self.max_values = max_values
        self.expanded = 0
        """Values added by aliases so far."""
        self.max_depth = max_depth
        self.doc = YamlDocument()
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.count = 0
        self.documents = 0
        self.has_root = False
        self.handlers: dict[type, Any] = {
            yaml.ScalarEvent: self._scalar, yaml.AliasEvent: self._alias,
            yaml.MappingStartEvent: self._start, yaml.SequenceStartEvent: self._start,
            yaml.MappingEndEvent: self._end, yaml.SequenceEndEvent: self._end,
            yaml.DocumentStartEvent: self._document,
        }

    def line(self, event: Any) -> int:
        return int(event.start_mark.line) + self.first_line

    def _document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _Stop(self.line(event), "yaml-syntax", msg("check.yaml_documents"))

    def _check_tag(self, event: Any, allowed: tuple[str | None, ...]) -> None:
        if event.tag not in allowed:
            raise _Stop(self.line(event), "yaml-syntax", msg("check.yaml_tag", tag=repr(event.tag)))

    def _scalar(self, event: Any) -> None:
        line = event.start_mark.line + self.first_line
        self.count += 1
        top = self.stack[-1] if self.stack else None
        if top is not None and top.key is None and type(top.value) is dict:
            top.key, top.key_line = event.value, line  # keys are the text as written
            return
        if event.tag is None and event.implicit[0]:
            value = resolve_plain(event.value)
        else:
            self._check_tag(event, (None, "!", _STR_TAG))
            value = event.value
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._add(value, line)

    def _alias(self, event: Any) -> None:
        line = self.line(event)
        if event.anchor not in self.anchors:
            raise _Stop(line, "yaml-syntax", msg("check.yaml_unknown_alias", alias=str(event.anchor)))
        value, size = self.anchors[event.anchor]
        self.count += size
        self.expanded += size
        if self.expanded > self.max_values:
            raise _Stop(line, "yaml-limits", msg("check.yaml_aliases", most=f"{self.max_values:,}".replace(",", " ")))
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.key is None:
            raise _Stop(line, "yaml-syntax", msg("check.yaml_alias_key"))
        self._add(value, line)

    def _start(self, event: Any) -> None:
        line = self.line(event)
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.key is None:
            raise _Stop(line, "yaml-syntax", msg("check.yaml_complex_key"))
        if len(self.stack) >= self.max_depth:
            problem = _too_deep(line, self.max_depth)
            raise _Stop(problem.line, problem.code, problem.message)
        self.count += 1
        is_map = isinstance(event, yaml.MappingStartEvent)
        self._check_tag(event, (None, "tag:yaml.org,2002:map" if is_map else "tag:yaml.org,2002:seq"))
        ptr = self._child_pointer(top)
        self.stack.append(_Frame({} if is_map else [], ptr, line, event.anchor, self.count))

    def _end(self, event: Any = None) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.value, self.count - frame.start_count + 1)
        self._add(frame.value, frame.line)

    @staticmethod
    def _child_pointer(top: _Frame | None) -> str:
        if top is None:
            return ""
        if type(top.value) is list:
            return f"{top.ptr}/{len(top.value)}"
        return f"{top.ptr}/{_escape(top.key or '')}"

    def _add(self, value: Any, line: int) -> None:
        top = self.stack[-1] if self.stack else None
        if top is None:
            self.doc.data, self.has_root = value, True
            self.doc.lines[""] = line
            return
        container = top.value
        if type(container) is list:
            self.doc.lines[f"{top.ptr}/{len(container)}"] = line
            container.append(value)
            return
        key, key_line = top.key, top.key_line
        top.key = None
        assert key is not None
        ptr = f"{top.ptr}/{_escape(key)}"
        if key in container:
            first = self.doc.lines.get(ptr, key_line)
            self.doc.problems.append(YamlProblem(key_line, "duplicate-key",
                                                 msg("check.duplicate_key", key=key, first=first)))
            return
        self.doc.lines[ptr] = key_line
        container[key] = value


_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"
"""libyaml's message when its own nesting limit stops the scanner."""


def _too_deep(line: int, max_depth: int) -> YamlProblem:
    return YamlProblem(line, "yaml-limits", msg("check.yaml_too_deep", depth=max_depth))


def _line_past_depth(text: str, start: int, depth: int, max_depth: int) -> int | None:
    """The 0-based line where flow nesting, ``depth`` deep at ``start``, passes ``max_depth``.

    Used only when libyaml's own limit stopped the scanner ahead of the last event we saw:
    flow brackets are counted from there, skipping quoted text and comments, so that the
    diagnostic names the same line as when the event stream stops the document.
    """
    pos = start
    while (found := _FLOW_MARK.search(text, pos)) is not None:
        c, i = found.group(), found.start()
        pos = i + 1
        if c in "[{":
            depth += 1
            if depth > max_depth:
                return text.count("\n", 0, i)
        elif c in "]}":
            depth -= 1
        elif i == 0 or text[i - 1] in _OPENS_TOKEN:  # a quote or comment, not "it's" or "a#b"
            if c == "#":
                end = text.find("\n", i)
            else:
                closing = _DOUBLE_QUOTED_END if c == '"' else _SINGLE_QUOTED_END
                tail = closing.match(text, i + 1)
                end = -1 if tail is None else tail.end() - 1
            if end < 0:
                return None
            pos = end + 1
    return None


_FLOW_MARK = re.compile(r"[\[\]{}'\"#]")
_OPENS_TOKEN = frozenset(" \t\n[{,:")
_DOUBLE_QUOTED_END = re.compile(r'(?:[^"\\]|\\.)*"', re.DOTALL)
_SINGLE_QUOTED_END = re.compile(r"(?:[^']|'')*'")


_PROBLEMS = {
    "did not find expected ',' or ']'": msg("check.yaml_flow_end", close="]"),
    "did not find expected ',' or '}'": msg("check.yaml_flow_end", close="}"),
    "did not find expected key": msg("check.yaml_expected_key"),
    "did not find expected node content": msg("check.yaml_expected_node"),
    "did not find expected '-' indicator": msg("check.yaml_expected_dash"),
    "could not find expected ':'": msg("check.yaml_expected_colon"),
    "mapping values are not allowed here": msg("check.yaml_mapping_here"),
    "mapping values are not allowed in this context": msg("check.yaml_mapping_context"),
    "found character that cannot start any token": msg("check.yaml_bad_start"),
    "found unexpected end of stream": msg("check.yaml_stream_end"),
    "found unknown escape character": msg("check.yaml_escape"),
    "block sequence entries are not allowed in this context": msg("check.yaml_entry_here"),
    "found unexpected ':'": msg("check.yaml_unexpected_colon"),
    "found a tab character that violates indentation": msg("check.yaml_tab_indent"),
    "did not find expected <document start>": msg("check.yaml_expected_start"),
    "did not find expected alphabetic or numeric character": msg("check.yaml_anchor_name"),
}
"""libyaml's problems (its English words) as catalog messages."""
_CONTEXTS = {
    "while scanning a simple key": msg("check.in_simple_key"),
    "while parsing a block mapping": msg("check.in_block_mapping"),
    "while parsing a block collection": msg("check.in_block_collection"),
    "while parsing a flow sequence": msg("check.in_flow_sequence"),
    "while parsing a flow mapping": msg("check.in_flow_mapping"),
    "while scanning a quoted scalar": msg("check.in_quoted"),
    "while scanning a plain scalar": msg("check.in_plain"),
    "while parsing a block node": msg("check.in_block_node"),
    "while parsing a flow node": msg("check.in_flow_node"),
    "while scanning a block scalar": msg("check.in_block_scalar"),
    "while scanning an anchor": msg("check.in_anchor"),
    "while scanning an alias": msg("check.in_alias"),
    "while scanning a tag": msg("check.in_tag"),
}
"""The constructs libyaml names a problem in (its English words), as catalog messages."""


def _told(problem: str) -> Msg | str:
    """libyaml's problem in the catalog, or its own (English) words for one not foreseen."""
    return _PROBLEMS.get(problem.strip(), problem)


def _syntax_problem(error: yaml.YAMLError, text: str, first_line: int) -> YamlProblem:
    """A located, plain-language syntax error; an unclosed bracket or quote points to its start."""
    mark = getattr(error, "problem_mark", None)
    problem = _told(getattr(error, "problem", None) or str(error).splitlines()[0])
    if mark is None:
        return YamlProblem(first_line, "yaml-syntax", msg("check.yaml_syntax", problem=problem))
    lines = text.split("\n")
    line_text = lines[mark.line] if mark.line < len(lines) else ""
    if "\t" in line_text[: mark.column + 1]:
        return YamlProblem(mark.line + first_line, "yaml-syntax", msg("check.yaml_tab"))
    context, start = getattr(error, "context", None), getattr(error, "context_mark", None)
    if context and start is not None and start.line != mark.line:
        told = _CONTEXTS.get(context.strip()) or msg("check.in_other", context=context)
        return YamlProblem(start.line + first_line, "yaml-syntax", msg(
            "check.yaml_syntax_context", problem=problem, line=mark.line + first_line, column=mark.column + 1,
            context=told, start=start.column + 1))
    return YamlProblem(mark.line + first_line, "yaml-syntax",
                       msg("check.yaml_syntax_column", problem=problem, column=mark.column + 1))


def load_yaml(text: str, *, first_line: int = 1, max_values: int = MAX_VALUES,
              max_depth: int = MAX_DEPTH) -> YamlDocument:
    """Read one YAML document; ``first_line`` is the file line of the text's first line."""
    builder = _Builder(first_line, max_values, max_depth)
    event: Any = None
    handlers = builder.handlers
    try:
        get = _Parser(text).get_event
        while (event := get()) is not None:  # None after the stream's end
            handler = handlers.get(type(event))
            if handler is not None:
                handler(event)
    except _Stop as stop:
        return YamlDocument(problems=[*builder.doc.problems, stop.problem], ok=False)
    except yaml.YAMLError as error:
        if getattr(error, "problem", None) == _LIBYAML_TOO_DEEP:
            start = event.end_mark.index if event is not None else 0
            problem = libyaml_too_deep(error, text, first_line, len(builder.stack), start, max_depth)
        else:
            problem = _syntax_problem(error, text, first_line)
        return YamlDocument(problems=[*builder.doc.problems, problem], ok=False)
    return builder.doc


def libyaml_too_deep(error: yaml.YAMLError, text: str, first_line: int, depth: int, start: int,
                     max_depth: int = MAX_DEPTH) -> YamlProblem:
    """libyaml's own nesting limit as the ``yaml-limits`` diagnostic the event stream gives.

    ``depth`` is how deep the events read so far reached, ``start`` the index in ``text`` just
    after the last of them.
    """
    line = _line_past_depth(text, start, depth, max_depth)
    if line is None:  # not found by counting brackets: libyaml's own position
        mark = getattr(error, "problem_mark", None)
        line = mark.line if mark is not None else 0
    return _too_deep(line + first_line, max_depth)
