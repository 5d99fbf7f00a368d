"""JSON pointers (``/rules/deadlines/0/id``) into a document, and the line each stands on.

The YAML reader records the line of every key and list item under its pointer; the schema
check, the model and the data files report a problem at the line of the nearest pointer that
has one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def pointer(path: tuple[object, ...]) -> str:
    """The JSON pointer of a path of keys and indexes."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def line_of(lines: Mapping[str, int], ptr: str) -> int:
    """The line of ``ptr``, or of its nearest parent that has one (1 when none has)."""
    while ptr not in lines and ptr:
        ptr = ptr.rsplit("/", 1)[0]
    return lines.get(ptr, 1)


def untouched(ptr: str, invalid: Iterable[str]) -> bool:
    """True when none of the ``invalid`` pointers lies at or under ``ptr``."""
    return not any(bad == ptr or bad.startswith(ptr + "/") for bad in invalid)
