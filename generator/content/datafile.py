"""YAML data files (organisation, catalog, roster): read, validated, located."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content import cache_shapes
from generator.content.cache import Cache, content_key
from generator.content.rootpath import escape, outside, real_root
from generator.content.textfile import MAX_DATA_BYTES, TextProblem, decode, read_bytes
from generator.content.yamlsafe import load_yaml
from generator.core.diagnostics import Diagnostic, Severity
from generator.core.messages import Msg, msg
from generator.core.pointers import line_of, untouched


@dataclass
class DataFile:
    """A parsed YAML data file and what was wrong with it."""

    file: str
    data: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    invalid: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ok: bool = True
    """False when the file is missing or could not be read at all."""
    places: dict[str, str] = field(default_factory=dict)
    """Data read from several places (a workbook's sheets): the place of each top-level key
    (``/assignments`` → ``roster.xlsx[Bemanning]``), whose rows ``lines`` then counts."""

    def line(self, ptr: str) -> int:
        """The line of ``ptr``, or of its nearest parent that has one."""
        return line_of(self.lines, ptr)

    def place(self, ptr: str) -> str:
        """Where ``ptr`` was read: the file, or the sheet of a workbook."""
        return self.places.get("/" + ptr.split("/")[1], self.file) if ptr.count("/") else self.file

    def error_at(self, ptr: str, code: str, message: Msg, severity: Severity = "error") -> None:
        """A diagnostic at the line (or sheet row) of ``ptr``."""
        self.diagnostics.append(Diagnostic(self.place(ptr), self.line(ptr), severity, code, message))

    def usable(self, ptr: str) -> bool:
        """True when no schema error lies at or under ``ptr``."""
        return untouched(ptr, self.invalid)

    def error(self, line: int, code: str, message: Msg, severity: Severity = "error") -> None:
        self.diagnostics.append(Diagnostic(self.file, line, severity, code, message))

    def to_json(self) -> dict[str, Any]:
        return {"data": self.data, "lines": self.lines, "invalid": self.invalid, "ok": self.ok,
                "diagnostics": [d.stored() for d in self.diagnostics]}


def load_data_file(path: Path, file: str, schema: str, *, missing_hint: Msg | str,
                   cache: Cache | None = None, root: Path | None = None) -> DataFile:
    """Read ``path`` (shown as ``file``) and check it against ``schemas/<schema>.schema.json``.

    With ``root``, a symbolic link that leads out of it is reported and not followed."""
    if root is not None and (target := escape(path, real_root(root))) is not None:
        result = DataFile(file, ok=False)
        result.error(1, "symlink-outside", outside(file, target))
        return result
    if not path.exists():
        result = DataFile(file, ok=False)
        result.error(1, "missing-file", msg("check.missing_data_file", file=file, hint=missing_hint))
        return result
    raw = read_bytes(path, MAX_DATA_BYTES)
    if isinstance(raw, TextProblem):
        result = DataFile(file, ok=False)
        result.error(raw.line, raw.code, raw.message)
        return result
    key = content_key(f"{schema}:{file}", raw)
    if cache is not None and (cached := cache.load(key, lambda entry: _from_cache(file, entry), cache_shapes.DATA_ENTRY)) is not None:
        return cached
    result = _parse(file, decode(raw), schema)
    if cache is not None:
        cache.put(key, result.to_json())
    return result


def _parse(file: str, text: str | TextProblem, schema: str) -> DataFile:
    result = DataFile(file)
    if isinstance(text, TextProblem):
        result.ok = False
        result.error(text.line, text.code, text.message)
        return result
    document = load_yaml(text)
    for problem in document.problems:
        result.error(problem.line, problem.code, problem.message)
    if not document.ok:
        result.ok = False
        return result
    if not isinstance(document.data, dict):
        result.ok = False
        result.error(1, "schema", msg("check.not_a_mapping"))
        return result
    result.data, result.lines = document.data, document.lines
    validate(result, schema)
    return result


def validate(result: DataFile, schema: str) -> None:
    """Check ``result.data`` against ``schemas/<schema>.schema.json``: each problem reported where
    it was read, and the parts it spoils left out (:func:`usable_items`)."""
    from generator.content import schemas  # deferred: a cached run never needs jsonschema

    for found in schemas.problems(schema, result.data):
        result.error_at(found.pointer, found.code, found.message)
        if found.invalidates:
            result.invalid.append(found.pointer)


def usable_items(source: DataFile, key: str) -> list[Any]:
    """The items of list ``key`` that passed the schema (others are None, keeping indexes)."""
    items = source.data.get(key)
    if not isinstance(items, list):
        return []
    return [item if source.usable(f"/{key}/{i}") else None for i, item in enumerate(items)]


def _from_cache(file: str, entry: cache_shapes.DataEntry) -> DataFile:
    """A cached :class:`DataFile` of ``file`` (its entry decoded by :data:`~generator.content.cache_shapes.DATA_ENTRY`)."""
    return DataFile(file, entry.data, entry.lines, entry.invalid, cache_shapes.diagnostics(entry.diagnostics, file),
                    entry.ok)
