"""Every result of a batch the vector judge judged, as the lines of the JSON or CSV report
(:func:`generator.deadlines.report.result_json`, :func:`~generator.deadlines.report.csv_formatter`),
made as arrays: each line joined from columns by pyarrow, its bytes written as they are.

The parts that repeat (unit, case type, routine, rule: the same for every result of one rule
and group) are made once per rule by the scalar formatters' own code; dates and instants by
:func:`generator.deadlines.vector_parse.iso`; a case id that needs escaping (JSON) or quoting
(CSV) goes through the scalar formatters' function for it, the others are used as they are. So
each line is the scalar one, byte for byte (tests/test_deadlines_vector.py).
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from generator.content.arrow_values import values_view
from generator.deadlines.judge import _BY_RANK
from generator.deadlines.report import spreadsheet_cell
from generator.deadlines.vector_parse import NONE, iso

_JSON_ESCAPE = r'["\\\x00-\x1f]'
"""What ``json.dumps`` writes otherwise than as it is (with ``ensure_ascii=False``)."""


class ResultKind:
    """Which report's lines: ``json``, or ``csv`` with its cell separator."""

    def __init__(self, name: str, delimiter: str = ",") -> None:
        if name not in ("json", "csv"):
            raise ValueError(f"no vector lines for the {name} report")
        self.name, self.delimiter = name, delimiter


def result_lines(found: Any, first_line: int, columns: list[pa.Array], kind: ResultKind) -> memoryview:
    """The lines (each ending in ``\\n``) of the results ``found`` (every result of a batch whose
    first row is at ``first_line``, :class:`generator.deadlines.vector_batch.Results`), in their order."""
    answered = found.response != NONE
    deadlines = iso(found.deadline, found.offset)
    responded = iso(np.where(answered, found.response, 0), np.where(answered, found.response_off, 0))
    status = pa.DictionaryArray.from_arrays(pa.array(found.rank.astype(np.int8)), pa.array(list(_BY_RANK)))
    line = pa.array(found.rows + first_line).cast(pa.string())
    case_id = columns[0].take(pa.array(found.rows))
    dues = found.due_dates()
    if kind.name == "json":
        pieces = _json_pieces(found, case_id, dues, deadlines, responded, answered, status, line)
    else:
        pieces = _csv_pieces(found, case_id, dues, deadlines, responded, answered, status, line, kind.delimiter)
    return values_view(pc.binary_join_element_wise(
        *(p.cast(pa.string()) if isinstance(p, pa.DictionaryArray) else p for p in pieces), ""))


def _per_part(found: Any, texts: list[str]) -> pa.DictionaryArray:
    """Per result, the text of its part (rule and group)."""
    return pa.DictionaryArray.from_arrays(pa.array(found.part), pa.array(texts, pa.string()))


def _json_pieces(found: Any, case_id: pa.Array, dues: Any, deadlines: pa.Array, responded: pa.Array,
                 answered: np.ndarray, status: Any, line: pa.Array) -> list[Any]:
    escape = pc.match_substring_regex(case_id, _JSON_ESCAPE).to_numpy(zero_copy_only=False)
    if escape.any():  # the few that json.dumps writes otherwise, as it writes them
        values = case_id.to_pylist()
        quoted = pa.array([json.dumps(v, ensure_ascii=False) if e else f'"{v}"'
                           for v, e in zip(values, escape.tolist(), strict=True)], pa.string())
    else:
        quoted = pc.binary_join_element_wise('"', case_id, '"', "")
    middle = _per_part(found, [
        f', "unit": "{unit}", "case_type": "{case_type}", "routine": {json.dumps(routine)}, '
        f'"rule": {json.dumps(rule.id)}, "{rule.key}": {rule.within}, "due_date": "'
        for unit, case_type, routine, rule in found.parts])
    nulls = pa.nulls(len(line), pa.string())
    responses = pc.if_else(pa.array(answered), pc.binary_join_element_wise('"', responded, '"', ""),
                           pc.fill_null(nulls, "null"))
    return ['{"case_id": ', quoted, middle, dues, '", "deadline": "', deadlines, '", "responded_at": ', responses,
            ', "status": "', status, '", "line": ', line, "}\n"]


def _csv_pieces(found: Any, case_id: pa.Array, dues: Any, deadlines: pa.Array, responded: pa.Array,
                answered: np.ndarray, status: Any, line: pa.Array, d: str) -> list[Any]:
    special = "".join(dict.fromkeys(f'",\n\r{d}'))
    needs = pc.match_substring_regex(case_id, "[" + "".join(f"\\x{ord(c):02x}" for c in special) + "]")
    needs = needs.to_numpy(zero_copy_only=False)
    cells = case_id
    if needs.any():
        values = case_id.to_pylist()
        cells = pa.array([spreadsheet_cell(v, d) if n else v for v, n in zip(values, needs.tolist(), strict=True)],
                         pa.string())
    middle = _per_part(found, [
        d + d.join(spreadsheet_cell(value, d) for value in (unit, case_type, routine, rule.id)) + d
        for unit, case_type, routine, rule in found.parts])
    responses = pc.if_else(pa.array(answered), responded, pa.scalar("", pa.string()))
    return [line, d, cells, middle, dues, d, deadlines, d, responses, d, status, "\n"]
