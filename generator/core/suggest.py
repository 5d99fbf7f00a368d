"""Suggestions for what was probably meant: the nearest ids, names and aliases of a misspelled
or shortened reference ("su-bcc-mot" -> su-bcc-mott, "klagomål" -> synpunkter-klagomal)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Protocol


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


def did_you_mean(candidates: Sequence[str]) -> str:
    """`` (did you mean 'a'?)``, `` (did you mean 'a' or 'b'?)``, or nothing."""
    if not candidates:
        return ""
    quoted = [f"'{c}'" for c in candidates]
    return f" (did you mean {', '.join(quoted[:-1]) + ' or ' if len(quoted) > 1 else ''}{quoted[-1]}?)"


class Names(Protocol):
    """What a reference resolves against: the organisation's units, or a vocabulary of the catalog."""

    def resolve(self, label: str) -> str | None: ...
    def nearest(self, label: str) -> list[str]: ...


def unknown(kind: str, label: str, names: Names, file: str, *, where: str = "", ids_only: bool = False) -> str:
    """The message of a reference that does not resolve, with what was probably meant: ``unknown
    unit 'su-bcc-mot' (did you mean 'su-bcc-mott'?); give an id, name or alias from
    routines/organisation.yaml``. ``ids_only`` (routines, which name ids): a name that resolves is
    answered with its id."""
    found = names.resolve(label)
    hint = did_you_mean([found] if found and found != label else names.nearest(label))
    what = "use an id" if ids_only else "give an id, name or alias"
    return f"unknown {kind} '{label}'{where}{hint}; {what} from routines/{file}"
