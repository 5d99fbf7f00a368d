"""The fields change control compares, read from many revisions of the same front matters.

A routine's revisions mostly differ in a line or two of their front matter (a new ``version``
and ``valid_from``, a revision note). :class:`FrontFields` cuts a front matter into its
top-level entries, parses each distinct entry once, and puts the document together from them.
The cut is taken only where it cannot change the reading: a block mapping with plain keys at
the start of a line, nothing but comments and blank lines before the first key, no anchor
(``&name``: an alias in another entry may name it) and no line break other than ``\\n``. Anything
else, an entry that does not read as exactly its own key, or a key twice, and the front
matter is read whole, so the fields are always what :func:`~generator.content.yamlsafe.load_yaml`
makes of the whole text.
"""

from __future__ import annotations

import hashlib
import json
import re

from generator.content.yamlsafe import load_yaml, resolve_plain

Fields = tuple[str | None, str | None, str]
"""``version`` and ``valid_from`` (each when it is text) and the rules as :func:`rules_json`."""

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: |$)")
_READ_WHOLE = re.compile(r"&\S|[\r\x85\u2028\u2029]")
"""An anchor (an alias in another entry may name it), or a line break that Python's
``split("\\n")`` does not see. Without an anchor, an alias is an error read whole or not."""
_LETTER = "0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff"
_SIMPLE = re.compile(
    rf"[A-Za-z_][A-Za-z0-9_-]*: (?:\"([{_LETTER} !#-\[\]-~]*)\"|'([{_LETTER} !-&(-~]*)'"
    rf"|([{_LETTER}](?:[{_LETTER} .,;()/+_-]*[{_LETTER}.,;()/+_-])?))\n?\Z")
"""An entry of one line with one scalar: plain (letters, digits and a few marks, not ending in
a space), or quoted without escapes; anything else is read by the YAML reader."""
_MISSING = object()
_WANTED = {"version", "valid_from", "rules"}
_NO_RULES = json.dumps(None)


def rules_json(rules: object) -> str:
    """The rules as change control compares them: JSON with sorted keys, without the rules'
    ``review`` marks (removing one after checking the rule needs no new version)."""
    if isinstance(rules, dict):
        rules = {kind: [{k: v for k, v in item.items() if k != "review"} if isinstance(item, dict) else item
                        for item in items] if isinstance(items, list) else items
                 for kind, items in rules.items()}
    return json.dumps(rules, sort_keys=True, ensure_ascii=False)


def fields_of(data: object) -> Fields | None:
    """The fields of a parsed front matter, or None when it is no mapping."""
    if not isinstance(data, dict):
        return None
    return _fields(data.get("version"), data.get("valid_from"), rules_json(data.get("rules")))


def _fields(version: object, valid_from: object, rules: str) -> Fields:
    return (version if isinstance(version, str) else None, valid_from if isinstance(valid_from, str) else None,
            rules)


def whole_fields(front_matter: str) -> Fields | None:
    """The fields of ``front_matter`` read whole, or None when it is no YAML mapping."""
    document = load_yaml(front_matter)
    return fields_of(document.data) if document.ok else None


def entries(front_matter: str) -> list[tuple[str, str]] | None:
    """The top-level entries of ``front_matter`` as (key, text), or None when it must be read whole."""
    if _READ_WHOLE.search(front_matter):
        return None
    lines = front_matter.split("\n")
    found: list[tuple[str, str]] = []
    key, start = "", 0
    for index, line in enumerate(lines):
        if not line or line[0] == "#":
            continue
        if key and (line[0] == " " or (line[0] == "-" and line[1:2] in ("", " "))):
            continue  # the entry goes on (a sequence may stand at its key's indentation)
        match = _KEY.match(line)
        if match is None:
            return None
        if key:  # the entry's text as it stands, its line break included (a block scalar keeps it)
            found.append((key, "\n".join(lines[start:index]) + "\n"))
        key, start = match.group(1), index
    if not key:
        return None
    found.append((key, "\n".join(lines[start:])))
    return found


class FrontFields:
    """Front matters' fields, each distinct front matter, and each distinct entry, parsed once."""

    def __init__(self) -> None:
        self.fronts: dict[bytes, Fields | None] = {}
        self.entries: dict[str, object] = {}
        """An entry's text -> its value (``None`` for a key whose value is not compared), or
        :data:`_MISSING` when it does not read as exactly its key."""

    def read(self, front_matter: str) -> Fields | None:
        """The fields of ``front_matter``, or None when it is no YAML mapping."""
        key = hashlib.blake2b(front_matter.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if key not in self.fronts:
            self.fronts[key] = self._read(front_matter)
        return self.fronts[key]

    def _read(self, front_matter: str) -> Fields | None:
        parts = entries(front_matter)
        if parts is None or len({key for key, _ in parts}) != len(parts):
            return whole_fields(front_matter)
        values: dict[str, object] = {}
        for key, text in parts:
            value = self.entries.get(text, _MISSING)
            if value is _MISSING and text not in self.entries:
                value = self.entries[text] = self._entry(key, text)
            if value is _MISSING:
                return whole_fields(front_matter)
            values[key] = value
        rules = values.get("rules")
        return _fields(values.get("version"), values.get("valid_from"), rules if isinstance(rules, str) else _NO_RULES)

    @staticmethod
    def _entry(key: str, text: str) -> object:
        simple = _SIMPLE.match(text)
        if simple is not None:  # one line, one scalar: what the YAML reader makes of it
            double, single, plain = simple.groups()
            value = resolve_plain(plain) if plain is not None else double if double is not None else single
            return value if key in _WANTED else None
        document = load_yaml(text)
        if not document.ok or not isinstance(document.data, dict) or list(document.data) != [key]:
            return _MISSING
        value = document.data[key]
        if key == "rules":
            return rules_json(value)
        return value if key in _WANTED else None

