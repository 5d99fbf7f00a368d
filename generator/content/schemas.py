"""JSON Schemas of the content format, and schema errors turned into located diagnostics."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from generator.content.resources import data_dir
from generator.core.messages import Msg, all_of, counted, msg, one_of
from generator.core.pointers import pointer
from generator.core.suggest import did_you_mean

if TYPE_CHECKING:  # python-jsonschema is imported when a document is invalid: a valid one never needs it
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_NAMES = ("routine", "organisation", "catalog", "config", "roster", "people")


@dataclass
class SchemaProblem:
    """One schema violation, located by JSON pointer."""

    pointer: str
    """Where the offending key or value is (``/rules/deadlines/0/within_vardagar``)."""
    code: str
    message: Msg
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
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _json_path(path: tuple[object, ...]) -> str:
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _describe(value: Any) -> Msg:
    if isinstance(value, bool):
        return msg("check.value_bool", value=str(value).lower())
    if isinstance(value, int | float):
        return msg("check.value_number", value=str(value))
    if value is None:
        return msg("check.value_none")
    if isinstance(value, str):
        return msg("check.value_text", value=repr(value))
    if isinstance(value, list):
        return msg("check.value_list")
    return msg("check.value_mapping")


_TYPE_WORDS = {"string": msg("check.type_string"), "integer": msg("check.type_integer"),
               "array": msg("check.type_array"), "object": msg("check.type_object"),
               "boolean": msg("check.type_boolean"), "number": msg("check.type_number"),
               "null": msg("check.type_null")}


def _type_words(expected: Any) -> list[Msg | str]:
    names = expected if isinstance(expected, list) else [expected]
    return [_TYPE_WORDS.get(str(n), str(n)) for n in names]


def _type_message(error: ValidationError) -> Msg:
    expected = error.validator_value
    wanted, found = one_of(_type_words(expected)), _describe(error.instance)
    names = expected if isinstance(expected, list) else [expected]
    if "string" in names and isinstance(error.instance, int | float) and not isinstance(error.instance, bool):
        return msg("check.expected_quoted", wanted=wanted, found=found, value=str(error.instance))
    return msg("check.expected", wanted=wanted, found=found)



INVALIDATING = {"type", "required", "enum", "const", "oneOf", "anyOf", "minimum", "maximum",
                "minItems", "maxItems", "maxProperties"}
"""Violations after which a value cannot be used; others (a pattern, a length) leave it usable."""


def _is_reference(error: ValidationError) -> bool:
    """A malformed unit, role or case type id: the reference check reports it, with a suggestion."""
    return error.validator == "pattern" and isinstance(error.schema, dict) and "x-reference" in error.schema


def _within_fields(error: ValidationError) -> list[str] | None:
    """The fields of the ``oneOf`` of a deadline rule, whose branches each require one
    ``within_*`` field (``within_vardagar``, ``within_timmar``, ``within_dygn``); None for any
    other ``oneOf``."""
    branches = error.validator_value
    if not isinstance(branches, list):
        return None
    fields: list[str] = []
    for branch in branches:
        if not (isinstance(branch, dict) and set(branch) == {"required"} and isinstance(branch["required"], list)
                and len(branch["required"]) == 1 and str(branch["required"][0]).startswith("within_")):
            return None
        fields.append(str(branch["required"][0]))
    return fields


def _exactly_one(error: ValidationError, fields: list[str]) -> Msg | None:
    """That a deadline rule has none of ``fields``, or which ones it has; None when the rule is
    no mapping at all (its type error says so, and ``required`` holds for anything else)."""
    if not isinstance(error.instance, dict):
        return None
    given = [f for f in fields if f in error.instance]
    if not given:
        return msg("check.deadline_no_within", fields=one_of(fields), example=fields[0])
    return msg("check.deadline_two_within", fields=one_of(fields), given=all_of(given))


def _branch_message(error: ValidationError) -> tuple[str, Msg] | None:
    """For oneOf/anyOf: the error of the branch whose type matched, or what each branch expects."""
    assert error.context is not None
    matched = [e for e in error.context if e.validator not in ("type", "const")]
    if matched:
        from jsonschema.exceptions import best_match

        best = best_match(matched)
        return None if _is_reference(best) else _message(best)
    expected: list[Msg | str] = []
    for branch in error.context:
        words = [repr(branch.validator_value)] if branch.validator == "const" else _type_words(branch.validator_value)
        expected.extend(word for word in words if word not in expected)
    return "schema", msg("check.expected", wanted=one_of(expected), found=_describe(error.instance))


def _counted(error: ValidationError, one: str, many: str, plural: str) -> Msg:
    """A length or count below or above its bound: ``one`` when the bound is "not empty"."""
    bound = int(cast(int, error.validator_value))
    if bound == 1 and one:
        return msg(one)
    return msg(many, count=counted(plural, bound))


def _keyword_message(error: ValidationError) -> Msg:
    """The message of a violation of one of the keywords our schemas use; jsonschema's own
    (English) words inside a sentence of ours for any other."""
    kind, value, bound = error.validator, error.instance, error.validator_value
    if kind == "minLength":
        return _counted(error, "check.empty_text", "check.too_short", "check.character")
    if kind == "maxLength":
        return _counted(error, "", "check.too_long", "check.character")
    if kind == "minItems":
        return _counted(error, "check.empty_list", "check.too_few", "check.item")
    if kind == "maxItems":
        return _counted(error, "", "check.too_many", "check.item")
    if kind == "minProperties":
        return _counted(error, "", "check.too_few_fields", "check.field")
    if kind == "maxProperties":
        return _counted(error, "", "check.too_many_fields", "check.field")
    limits = {"minimum": "check.below_minimum", "maximum": "check.above_maximum",
              "exclusiveMinimum": "check.not_above", "exclusiveMaximum": "check.not_below"}
    if kind in limits:
        return msg(limits[kind], value=repr(value), limit=repr(bound))
    if kind == "multipleOf":
        return msg("check.not_multiple", value=repr(value), step=repr(bound))
    if kind == "uniqueItems":
        return msg("check.not_unique")
    if kind == "const":
        return msg("check.not_const", expected=repr(bound), value=repr(value))
    if kind == "format":
        return msg("check.bad_format", value=repr(value), format=str(bound))
    if kind == "dependentRequired" and str(error.message).count("'") == 4:
        needed, field = str(error.message).split("'")[1::2]
        return msg("check.depends_on", field=field, needed=needed)
    return msg("check.schema_other", text=str(error.message))


def _message(error: ValidationError) -> tuple[str, Msg] | None:
    """The code and message of a violation, or None when another check reports it better."""
    kind = error.validator
    if kind == "type":
        return "schema", _type_message(error)
    if kind == "format" and error.validator_value == "date":
        return "date", msg("check.not_a_date", value=repr(error.instance))
    if kind == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else error.message
        return "schema", msg("check.missing_field", field=missing)
    if kind == "enum":
        options = ", ".join(repr(v) for v in cast(list[Any], error.validator_value))
        return "schema", msg("check.not_one_of", value=repr(error.instance), options=options)
    if kind == "pattern":
        if _is_reference(error):
            return None
        return "schema", msg("check.not_pattern", value=repr(error.instance), pattern=str(error.validator_value))
    if kind == "oneOf" and (fields := _within_fields(error)) is not None:
        told = _exactly_one(error, fields)
        return None if told is None else ("schema", told)
    if kind in ("oneOf", "anyOf") and error.context:
        return _branch_message(error)
    return "schema", _keyword_message(error)


def _unknown_fields(error: ValidationError) -> Iterator[SchemaProblem]:
    known = list(cast(dict[str, Any], error.schema).get("properties", {}))
    for key in cast(dict[str, Any], error.instance):
        if key in known:
            continue
        path = (*error.absolute_path, key)
        hint = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        allowed: Msg | str = msg("check.allowed_here", fields=", ".join(known)) if not hint and known else ""
        yield SchemaProblem(pointer(path), "unknown-field",
                            msg("check.unknown_field", path=_json_path(path), key=str(key),
                                hint=did_you_mean([f"{hint[0]}"] if hint else []), allowed=allowed), False)


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
        found.append(SchemaProblem(pointer(path), described[0],
                                  msg("check.at_path", path=_json_path(path), message=described[1]), invalidates))
    return sorted(found, key=lambda p: p.pointer)
