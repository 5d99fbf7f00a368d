"""A routine saved from the browser editor, written as a person would have edited it.

Decap CMS sends the whole file as it serialises it: its own YAML (other quoting, no comments,
empty values for every optional field left blank) and the body. Saved as sent, every save
would rewrite the front matter of the file it came from. So the new file is the old one with
only what changed replaced: the body when it changed, and each top-level field whose value
changed, removed or added (written in the demo's style, its keys in the file's order; in
``rules:``, only the kinds of rule that changed); every other byte (comments, key order,
quoting, line endings) stays. A new routine is written whole in the demo's style. The result
is read back and compared with what the form held before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from generator.authoring.yaml_emit import routine_text, yaml_front_matter
from generator.content import frontmatter
from generator.content.textfile import TextProblem
from generator.content.yamlsafe import load_yaml
from generator.core.errors import GeneratorError
from generator.core.messages import msg

_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:", re.MULTILINE)
"""A top-level key at the start of a line of the front matter."""


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _pruned(value: Any) -> Any:
    """``value`` without the empty values a form leaves for fields not filled in."""
    if isinstance(value, Mapping):
        return {k: _pruned(v) for k, v in value.items() if not _empty(_pruned(v))}
    if isinstance(value, list):
        return [_pruned(v) for v in value if not _empty(_pruned(v))]
    return value


def _form(raw: str, file: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of what the editor sent, as the file would hold it: no empty values,
    and "every case type" as ``"*"`` (a select of case types holds it as ``["*"]``)."""
    split = frontmatter.split(raw.replace("\r\n", "\n"))
    if isinstance(split, TextProblem):
        raise GeneratorError(msg("editor.save_unreadable", file=file, why=split.message))
    data = load_yaml(split.front_matter).data if split.front_matter.strip() else {}
    if not isinstance(data, dict):
        raise GeneratorError(msg("editor.save_unreadable", file=file, why=msg("editor.not_a_mapping")))
    data = _pruned(data)
    rules = data.get("rules")
    for rule in (rules.get("deadlines") or []) if isinstance(rules, dict) else []:
        if isinstance(rule, dict) and isinstance(rule.get("case_types"), list) and "*" in rule["case_types"]:
            rule["case_types"] = "*"
    return data, split.body


def _blocks(front: str, keys: re.Pattern[str] = _KEY, begin: int = 0, stop: int | None = None) -> dict[str, tuple[int, int]]:
    """Each top-level key's span in the front matter (or each key ``keys`` finds between
    ``begin`` and ``stop``): from its line to the next key's line (comment lines right above a
    key stay with that key)."""
    stop = len(front) if stop is None else stop
    starts = [(m.group(1), m.start()) for m in keys.finditer(front, begin, stop)]
    spans: dict[str, tuple[int, int]] = {}
    if not starts:
        return spans
    for (key, start), following in zip(starts, [*starts[1:], None], strict=True):
        end = stop if following is None else following[1]
        while following is not None:  # keep the comments over the next key with it
            previous = front.rfind("\n", 0, end - 1) + 1
            if previous < start or not front[previous:end].lstrip().startswith("#"):
                break
            end = previous
        spans[key] = (start, end)
    return spans


_KIND = re.compile(r"^  ([a-z_]+)[ \t]*:", re.MULTILINE)
"""A kind of rule at the start of a line of the ``rules:`` block, as the demo writes it."""


def _rule_edits(front: str, span: tuple[int, int], before: Any, after: Any,
                language: str) -> list[tuple[int, int, str]] | None:
    """The edits inside the ``rules:`` block for the kinds of rule whose rules changed, removed
    or added, each written in the demo's style; None where the block is not laid out as the
    demo's (``rules:`` on a line of its own, each kind two spaces in): then it is written whole."""
    start, end = span
    if not isinstance(before, dict) or not isinstance(after, dict) or not after \
            or not re.match(r"rules[ \t]*:[ \t]*(#[^\n]*)?\n", front[start:end]):
        return None
    kinds = _blocks(front, _KIND, front.index("\n", start) + 1, end)
    if set(before) - set(kinds):
        return None
    edits = []
    for kind in [*before, *(k for k in after if k not in before)]:
        if before.get(kind) == after.get(kind):
            continue
        new = _written({"rules": {kind: after[kind]}}, {"rules": before}, language).split("\n", 1)[1] \
            if kind in after else ""
        at = kinds.get(kind, (end, end))
        edits.append((at[0], at[1], new))
    return edits


PERSON_FIELDS = ("owner", "approver", "reviewers", "content_reviewers")


def _named(data: dict[str, Any], persons: Mapping[str, tuple[str, str]]) -> None:
    """Persons chosen by id in the form get their name (and a title not written) from people.yaml."""
    for key in PERSON_FIELDS:
        value = data.get(key)
        for person in value if isinstance(value, list) else [value]:
            if isinstance(person, dict) and person.get("id") in persons:
                name, title = persons[person["id"]]
                filled = {"id": person["id"], "name": name, **({"title": person.get("title") or title}
                                                               if person.get("title") or title else {})}
                rest = {k: v for k, v in person.items() if k not in filled}
                person.clear()
                person.update({**filled, **rest})


def saved_routine(old: bytes | None, raw: str, file: str, language: str = "sv",
                  persons: Mapping[str, tuple[str, str]] | None = None) -> bytes:
    """The bytes to write for the editor's ``raw`` at ``file``; ``old`` is the file as it is
    (None: a new routine). ``persons``: people.yaml's (id → name, title)."""
    data, body = _form(raw, file)
    _named(data, persons or {})
    if old is None:
        return routine_text(_ordered(data), body, language).encode("utf-8")
    text = old.decode("utf-8-sig")
    bom = old.startswith(b"\xef\xbb\xbf")
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    split = frontmatter.split(text)
    if isinstance(split, TextProblem):
        return routine_text(data, body, language).encode("utf-8")  # nothing to keep
    loaded = load_yaml(split.front_matter).data
    before = _pruned(loaded) if isinstance(loaded, dict) else {}
    head = text[:text.index("\n") + 1]
    fence_at = len(head) + len(split.front_matter) + 1
    fence = text[fence_at:text.index("\n", fence_at) + 1] if "\n" in text[fence_at:] else text[fence_at:] + "\n"
    kept_body = split.body if body.strip() == split.body.strip() else _body(split.body, body)
    result = head + _edited(split.front_matter + "\n", before, data, language, by_kind=True) + fence + kept_body
    try:
        _verify(result, data, body, file)
    except GeneratorError:  # a rules block laid out otherwise than it seemed: written whole
        result = head + _edited(split.front_matter + "\n", before, data, language, by_kind=False) + fence + kept_body
        _verify(result, data, body, file)
    out = result.replace("\n", newline)
    return (b"\xef\xbb\xbf" if bom else b"") + out.encode("utf-8")


def _edited(front: str, before: Mapping[str, Any], data: Mapping[str, Any], language: str, *, by_kind: bool) -> str:
    """``front`` with each top-level field whose value changed, was removed or added written
    anew; with ``by_kind``, within ``rules:`` only the kinds of rule that changed."""
    spans = _blocks(front)
    edits: list[tuple[int, int, str]] = []
    for key in [*before, *(k for k in data if k not in before)]:
        if before.get(key) == data.get(key):
            continue
        inner = _rule_edits(front, spans[key], before.get(key), data.get(key), language) \
            if by_kind and key == "rules" and key in spans else None
        if inner is not None:
            edits.extend(inner)
        elif key in spans:
            edits.append((*spans[key], _written({key: data[key]}, before, language) if key in data else ""))
        else:
            edits.append((len(front), len(front), _written({key: data[key]}, before, language)))
    for start, end, new in sorted(edits, reverse=True):
        front = front[:start] + new + front[end:]
    return front


def _written(fields: Mapping[str, Any], before: Mapping[str, Any], language: str) -> str:
    """``fields`` in the demo's style, each mapping's keys in the order the file had them, and
    those it did not have in the schema's (the form sends them in its own)."""
    return yaml_front_matter(_in_order_of(_ordered(fields), before), language)


def _in_order_of(new: Any, old: Any) -> Any:
    """``new`` with the keys of each mapping in the order of ``old``'s (new keys after them),
    list items matched by position."""
    if isinstance(new, Mapping) and isinstance(old, Mapping):
        order = [k for k in old if k in new] + [k for k in new if k not in old]
        return {k: _in_order_of(new[k], old.get(k)) for k in order}
    if isinstance(new, list) and isinstance(old, list):
        return [_in_order_of(v, old[i] if i < len(old) else None) for i, v in enumerate(new)]
    return new


def _ordered(value: Any, node: Mapping[str, Any] | None = None) -> Any:
    """A new routine's fields in the schema's order (id, title, type, …, as the template has
    them), at every depth; the form sends them in its own."""
    from generator.content.schemas import schema

    root = schema("routine")
    node = root if node is None else node
    while "$ref" in node or "allOf" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else node["allOf"][0]
    if isinstance(value, list):
        return [_ordered(v, node.get("items", {})) for v in value]
    if not isinstance(value, Mapping):
        return value
    properties = node.get("properties", {})
    order = [k for k in properties if k in value] + [k for k in value if k not in properties]
    return {k: _ordered(value[k], properties.get(k, {})) for k in order}


def _body(old: str, new: str) -> str:
    """The new body, with the old one's blank line after the fence and its final newline."""
    lead = "\n" if old.startswith("\n") else ""
    return lead + new.strip("\n") + "\n"


def _verify(result: str, data: Mapping[str, Any], body: str, file: str) -> None:
    split = frontmatter.split(result)
    if isinstance(split, TextProblem) or _pruned(load_yaml(split.front_matter).data) != dict(data) \
            or split.body.strip() != body.strip():
        raise GeneratorError(msg("editor.save_mismatch", file=file))
