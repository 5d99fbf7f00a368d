"""The organisation tree (``routines/organisation.yaml``): units, parents, lookup by name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.core.suggest import NameIndex

RESERVED = ("id", "name", "kind", "parent", "aliases")


@dataclass(frozen=True)
class Unit:
    """One unit of the organisation."""

    id: str
    name: str
    kind: str
    parent: str | None
    aliases: tuple[str, ...] = ()
    attrs: Mapping[str, Any] = field(default_factory=dict)
    """Every attribute, ``id``/``name``/``kind`` included, for selectors to compare."""
    line: int = 1
    """Line of the unit in organisation.yaml."""


def matches(unit: Unit, selector: Mapping[str, Any] | None) -> bool:
    """True when every attribute in ``selector`` equals the unit's (no selector: all units)."""
    if not selector:
        return True
    return all(key in unit.attrs and unit.attrs[key] == value for key, value in selector.items())


class Organisation:
    """The units by id, with their tree and a resolver for names and aliases."""

    def __init__(self, units: Iterable[Unit] = (), *, loaded: bool = True,
                 wording: Mapping[str, Any] | None = None) -> None:
        self.units: dict[str, Unit] = {}
        for unit in units:
            self.units.setdefault(unit.id, unit)
        self.loaded = loaded
        """False when organisation.yaml could not be read; unit references are then unchecked."""
        self.wording: Mapping[str, Any] = wording or {}
        """``wording:`` of organisation.yaml: the organisation's own words for kinds and attributes."""
        self.children: dict[str, list[str]] = {uid: [] for uid in self.units}
        for unit in self.units.values():
            if unit.parent in self.children:
                self.children[unit.parent].append(unit.id)
        self._index = NameIndex((u.id, u.name, u.aliases) for u in self.units.values())

    def resolve(self, label: str) -> str | None:
        """The id of the unit with this id, name or alias (names ignore case)."""
        return self._index.resolve(label)

    def nearest(self, label: str) -> list[str]:
        """The ids nearest to a label that does not resolve (for "did you mean")."""
        return self._index.nearest(label)

    def ancestors(self, unit_id: str) -> list[str]:
        """The unit's parents, nearest first (cycles cut)."""
        result: list[str] = []
        parent = self.units[unit_id].parent if unit_id in self.units else None
        while parent in self.units and parent not in result and parent != unit_id:
            result.append(parent)
            parent = self.units[parent].parent
        return result

    def lineage(self, unit_id: str) -> list[str]:
        """The unit and its ancestors, nearest first."""
        return [unit_id, *self.ancestors(unit_id)] if unit_id in self.units else []

    def subtree(self, unit_id: str) -> list[str]:
        """The unit and every unit below it, in tree order."""
        result: list[str] = []
        stack = [unit_id]
        seen: set[str] = set()
        while stack:
            current = stack.pop()
            if current in seen or current not in self.units:
                continue
            seen.add(current)
            result.append(current)
            stack.extend(sorted(self.children.get(current, []), reverse=True))
        return result

    def verksamhet_of(self, unit_id: str) -> str | None:
        """The nearest ancestor of kind ``verksamhet`` (not the unit itself)."""
        for ancestor in self.ancestors(unit_id):
            if self.units[ancestor].kind == "verksamhet":
                return ancestor
        return None

    def roots(self) -> list[str]:
        """Units with no (known) parent, sorted by id."""
        return sorted(u.id for u in self.units.values() if u.parent not in self.units)


def build_units(items: list[Any], lines: Mapping[str, int]) -> list[Unit]:
    """Units from the parsed ``units`` list; items the schema rejected are skipped by the caller."""
    units = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("id", "name", "kind")):
            continue
        parent = item.get("parent")
        aliases = item.get("aliases") or []
        units.append(Unit(
            id=item["id"], name=item["name"], kind=item["kind"],
            parent=parent if isinstance(parent, str) else None,
            aliases=tuple(a for a in aliases if isinstance(a, str)) if isinstance(aliases, list) else (),
            attrs={k: v for k, v in item.items() if k != "aliases"},
            line=lines.get(f"/units/{index}", 1),
        ))
    return units
