"""The catalog (``routines/catalog.yaml``): roles and case types, resolvable by name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.core.suggest import NameIndex


@dataclass(frozen=True)
class Entry:
    """A role or a case type."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    line: int = 1


class Vocabulary:
    """Entries of one kind by id, with lookup by id, name or alias."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            self.entries.setdefault(entry.id, entry)
        self._index = NameIndex((e.id, e.name, e.aliases) for e in self.entries.values())

    def resolve(self, label: str) -> str | None:
        """The id of the entry with this id, name or alias (names ignore case)."""
        return self._index.resolve(label)

    def nearest(self, label: str) -> list[str]:
        """The ids nearest to a label that does not resolve (for "did you mean")."""
        return self._index.nearest(label)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.entries

    def name(self, entry_id: str) -> str:
        """The display name, or the id itself when unknown."""
        entry = self.entries.get(entry_id)
        return entry.name if entry else entry_id


class Catalog:
    """Roles and case types."""

    def __init__(self, roles: Iterable[Entry] = (), case_types: Iterable[Entry] = (),
                 *, loaded: bool = True) -> None:
        self.roles = Vocabulary(roles)
        self.case_types = Vocabulary(case_types)
        self.loaded = loaded
        """False when catalog.yaml could not be read; role and case type references are unchecked."""


def build_entries(items: Any, base: str, lines: Mapping[str, int]) -> list[Entry]:
    """Entries from a parsed ``roles`` or ``case_types`` list, skipping malformed items."""
    entries: list[Entry] = []
    if not isinstance(items, list):
        return entries
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not isinstance(item.get("name"), str):
            continue
        aliases = item.get("aliases")
        entries.append(Entry(
            id=item["id"], name=item["name"],
            aliases=tuple(a for a in aliases if isinstance(a, str)) if isinstance(aliases, list) else (),
            description=str(item.get("description") or ""),
            line=lines.get(f"{base}/{index}", 1),
        ))
    return entries
