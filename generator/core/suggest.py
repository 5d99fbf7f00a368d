"""Suggestions for what was probably meant: the nearest ids, names and aliases of a misspelled
or shortened reference ("su-bcc-mot" -> su-bcc-mott, "klagomål" -> synpunkter-klagomal)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal, Protocol

from generator.core.messages import Msg, msg, one_of


def nearest(label: str, spellings: Mapping[str, str], n: int = 3) -> list[str]:
    """Up to ``n`` ids nearest to ``label``: ``spellings`` maps every id, name and alias, case
    folded, to its id. Close spellings first, then entries whose spelling contains the label
    (of four characters or more; a number only as a word of its own)."""
    key = " ".join(label.split()).casefold()
    if not key:
        return []
    found = [spellings[s] for s in difflib.get_close_matches(key, list(spellings), n=n * 2, cutoff=0.6)]
    if len(key) >= 4:  # a number (1177) only as a whole word of the spelling
        found += [target for spelling, target in spellings.items()
                  if key in spelling and (not key.isdigit() or key in spelling.split())]
    return list(dict.fromkeys(found))[:n]


def did_you_mean(candidates: Sequence[str]) -> Msg | str:
    """`` (menade du 'a'?)``, `` (menade du 'a' eller 'b'?)``, or nothing."""
    if not candidates:
        return ""
    return msg("suggest.did_you_mean", names=one_of(f"'{c}'" for c in candidates))


class NameIndex:
    """Ids found by id, name or alias (names and aliases ignore case and surrounding space), and
    the nearest ids of a label that is none of them: what the organisation's units and each
    vocabulary of the catalog resolve against."""

    def __init__(self, entries: Iterable[tuple[str, str, Sequence[str]]]) -> None:
        """``entries``: (id, name, aliases), in file order; the first to claim a spelling keeps it."""
        self.ids: set[str] = set()
        self._names: dict[str, str] = {}
        for entry_id, name, aliases in entries:
            self.ids.add(entry_id)
            for label in (name, *aliases):
                self._names.setdefault(label.strip().casefold(), entry_id)

    def resolve(self, label: str) -> str | None:
        """The id of the entry with this id, name or alias."""
        if label in self.ids:
            return label
        return self._names.get(label.strip().casefold())

    def nearest(self, label: str) -> list[str]:
        """The ids nearest to a label that does not resolve (for "did you mean")."""
        return nearest(label, {**self._names, **{entry_id.casefold(): entry_id for entry_id in self.ids}})


class Names(Protocol):
    """What a reference resolves against: the organisation's units, or a vocabulary of the catalog."""

    def resolve(self, label: str) -> str | None: ...
    def nearest(self, label: str) -> list[str]: ...


Kind = Literal["unit", "role", "case-type"]


def unknown(kind: Kind, label: str, names: Names, file: str, *, where: Msg | str = "",
            ids_only: bool = False) -> Msg:
    """The message of a reference that does not resolve, with what was probably meant: ``okänd
    enhet 'su-bcc-mot' (menade du 'su-bcc-mott'?); ange ett id, namn eller alias från
    routines/organisation.yaml``. ``ids_only`` (routines, which name ids): a name that resolves is
    answered with its id."""
    found = names.resolve(label)
    hint = did_you_mean([found] if found and found != label else names.nearest(label))
    return msg("suggest.unknown_ids" if ids_only else "suggest.unknown", kind=msg(f"suggest.kind_{kind}"),
               label=label, where=where, hint=hint, file=f"routines/{file}")
