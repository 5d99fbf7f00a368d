"""Which column of a case export holds which SPEC 6 field: by our ids, by the common Swedish
headers, or by ``[cases.columns]`` in routines.toml; names compared without case and with
spaces trimmed (and runs of spaces inside taken as one)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from generator.core.errors import GeneratorError
from generator.core.messages import Msg, counted, msg

COLUMNS = ("case_id", "unit", "case_type", "received_at", "answered_at", "partial_answer_at")
REQUIRED = ("case_id", "unit", "case_type", "received_at")
TIMES = COLUMNS[3:]
SWEDISH: dict[str, tuple[str, ...]] = {
    "case_id": ("Ärende-ID", "Ärendenummer"),
    "unit": ("Enhet", "Mottagning"),
    "case_type": ("Ärendetyp",),
    "received_at": ("Inkom", "Inkommet"),
    "answered_at": ("Besvarad", "Besvarat"),
    "partial_answer_at": ("Delsvar",),
}
"""The common Swedish headers of each column (SPEC 6)."""
SWEDISH_HEADER = "Ärendenummer, Enhet, Ärendetyp, Inkom, Besvarad, Delsvar"
"""One of each, as the error of a header lacking a column shows them."""


def norm(name: str) -> str:
    """A header as compared: without case, surrounding spaces and doubled spaces inside."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Columns:
    """How the headers of an export are read: ``[cases.columns]`` (SPEC 6 id -> header)."""

    mapping: Mapping[str, str] = field(default_factory=dict)

    def names(self, column: str) -> tuple[str, ...]:
        """The headers (as compared) that name ``column``."""
        if column in self.mapping:
            return (norm(self.mapping[column]),)
        return (column, *(norm(name) for name in SWEDISH[column]))

    def known(self, header: Sequence[object]) -> int:
        """How many of ``header``'s cells name a column (to tell a separator by)."""
        every = {name for column in COLUMNS for name in self.names(column)}
        return sum(1 for cell in header if norm(str(cell)) in every)

    def positions(self, header: Sequence[str], where: str | Msg) -> tuple[int, ...]:
        """Per column of :data:`COLUMNS`, its index in ``header`` (-1 when absent); a clean
        error at ``where`` (``file:1``, or the sheet and row) when a required column is
        missing or a mapped header is not there, with the headers found and what to write."""
        index: dict[str, int] = {}
        for at, cell in enumerate(header):
            index.setdefault(norm(cell), at)
        found = ", ".join(f"'{cell.strip()}'" for cell in header if cell.strip()) or "–"
        mapped = [c for c in COLUMNS if c in self.mapping and norm(self.mapping[c]) not in index]
        if mapped:
            raise GeneratorError(msg(
                "cases.mapped_missing", where=where, columns=counted("column", len(mapped)),
                mapping=", ".join(f'{c} = "{self.mapping[c]}"' for c in mapped), found=found))
        positions = tuple(next((index[name] for name in self.names(c) if name in index), -1) for c in COLUMNS)
        missing = [c for c, at in zip(COLUMNS, positions, strict=True) if at == -1 and c in REQUIRED]
        if missing:
            lines = "\n".join(f'{c} = "…"' for c in missing)
            raise GeneratorError(msg(
                "cases.unknown_header", where=where, columns=counted("column", len(missing)),
                missing=", ".join(missing), found=found, header=",".join(COLUMNS), swedish=SWEDISH_HEADER,
                lines=lines))
        return positions
