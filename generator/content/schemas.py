"""JSON Schemas of the content format, and schema errors turned into located diagnostics."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from generator.content.resources import data_dir
from generator.core.pointers import pointer

SCHEMA_NAMES = ("routine", "organisation", "catalog", "config", "roster")


@dataclass
class SchemaProblem:
    """One schema violation, located by JSON pointer."""

    pointer: str
    """Where the offending key or value is (``/rules/deadlines/0/within_vardagar``)."""
    code: str
    message: str
    invalidates: bool
    """False when the value is still usable (an unknown extra field beside valid ones)."""


@cache
def schema(name: str) -> dict[str, Any]:
    """The parsed schema ``schemas/<name>.schema.json``."""
    path = data_dir("schemas") / f"{name}.schema.json"
    result: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return result


@cache
def fast_validator(name: str) -> Any:
    """The Rust validator (jsonschema-rs), about a hundred times faster, for the common case:
    a valid document. Only documents it rejects go through python-jsonschema, whose errors
    carry the paths and words of our messages."""
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator(schema(name), validate_formats=True)


@cache
def validator(name: str) -> Draft202012Validator:
    """A validator with format checking on (``format: date`` checks real dates)."""
    return Draft202012Validator(schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _json_path(path: tuple[object, ...]) -> str:
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"a yes/no value ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


_TYPE_WORDS = {"string": "text", "integer": "a whole number", "array": "a list",
               "object": "a mapping (key: value)", "boolean": "true or false", "number": "a number"}


def _type_message(error: ValidationError) -> str:
    expected = error.validator_value
    names = expected if isinstance(expected, list) else [expected]
    wanted = " or ".join(_TYPE_WORDS.get(str(n), str(n)) for n in names)
    message = f"expected {wanted}, found {_describe(error.instance)}"
    if "string" in names and isinstance(error.instance, int | float) and not isinstance(error.instance, bool):
        message += f'; put it in quotes: "{error.instance}"'
    return message


INVALIDATING = {"type", "required", "enum", "const", "oneOf", "anyOf", "minimum", "maximum",
                "minItems", "maxItems", "maxProperties"}
"""Violations after which a value cannot be used; others (a pattern, a length) leave it usable."""


def _is_reference(error: ValidationError) -> bool:
    """A malformed unit, role or case type id: the reference check reports it, with a suggestion."""
    return error.validator == "pattern" and isinstance(error.schema, dict) and "x-reference" in error.schema


def _branch_message(error: ValidationError) -> tuple[str, str] | None:
    """For oneOf/anyOf: the error of the branch whose type matched, or what each branch expects."""
    assert error.context is not None
    matched = [e for e in error.context if e.validator not in ("type", "const")]
    if matched:
        best = best_match(matched)
        return None if _is_reference(best) else _message(best)
    expected: list[str] = []
    for branch in error.context:
        if branch.validator == "const":
            word = repr(branch.validator_value)
        else:
            names = branch.validator_value if isinstance(branch.validator_value, list) else [branch.validator_value]
            word = " or ".join(_TYPE_WORDS.get(str(n), str(n)) for n in names)
        if word not in expected:
            expected.append(word)
    return "schema", f"expected {' or '.join(expected)}, found {_describe(error.instance)}"


def _message(error: ValidationError) -> tuple[str, str] | None:
    """The code and message of a violation, or None when another check reports it better."""
    kind = error.validator
    if kind == "type":
        return "schema", _type_message(error)
    if kind == "format" and error.validator_value == "date":
        return "date", f"{error.instance!r} is not a real date; write an existing date as YYYY-MM-DD"
    if kind == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else error.message
        return "schema", f"missing required field '{missing}'"
    if kind == "enum":
        options = ", ".join(repr(v) for v in cast(list[Any], error.validator_value))
        return "schema", f"{error.instance!r} is not one of {options}"
    if kind == "pattern":
        if _is_reference(error):
            return None
        return "schema", f"{error.instance!r} is not in the expected form (pattern {error.validator_value})"
    if kind in ("oneOf", "anyOf") and error.context:
        return _branch_message(error)
    return "schema", str(error.message)


def _unknown_fields(error: ValidationError) -> Iterator[SchemaProblem]:
    known = list(cast(dict[str, Any], error.schema).get("properties", {}))
    for key in cast(dict[str, Any], error.instance):
        if key in known:
            continue
        path = (*error.absolute_path, key)
        hint = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
        allowed = f"; allowed here: {', '.join(known)}" if not hint and known else ""
        yield SchemaProblem(pointer(path), "unknown-field",
                            f"{_json_path(path)}: unknown field '{key}'{suggestion}{allowed}", False)


def problems(name: str, data: Any) -> list[SchemaProblem]:
    """Every violation of schema ``name`` by ``data``, sorted by location."""
    if fast_validator(name).is_valid(data):
        return []
    found: list[SchemaProblem] = []
    for error in validator(name).iter_errors(data):
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            found.extend(_unknown_fields(error))
            continue
        described = _message(error)
        if described is None:
            continue
        path = tuple(error.absolute_path)
        invalidates = bool(path) and error.validator in INVALIDATING
        found.append(SchemaProblem(pointer(path), described[0], f"{_json_path(path)}: {described[1]}", invalidates))
    return sorted(found, key=lambda p: p.pointer)
