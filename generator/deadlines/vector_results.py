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

import datetime as dt
import json
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from generator.deadlines.judge import _BY_RANK
from generator.deadlines.report import spreadsheet_cell
from generator.deadlines.vector_parse import NONE, iso

_EPOCH = dt.date(1970, 1, 1)
_JSON_ESCAPE = r'["\\\x00-\x1f]'
"""What ``json.dumps`` writes otherwise than as it is (with ``ensure_ascii=False``)."""


class ResultKind:
    """Which report's lines: ``json``, or ``csv`` with its cell separator."""

    def __init__(self, name: str, delimiter: str = ",") -> None:
        if name not in ("json", "csv"):
            raise ValueError(f"no vector lines for the {name} report")
        self.name, self.delimiter = name, delimiter


def result_lines(batch: Any, columns: list[pa.Array], kind: ResultKind) -> bytes:
    """The lines (each ending in ``\\n``) of every result of ``batch`` (a judged
    :class:`generator.deadlines.vector._Batch`), in file order: by row, then by rule."""
    parts = []
    for rows, unit, case_type, entries in batch.groups:
        for slot, (rule, routine, rank, due, deadline, offset, response, response_off) in enumerate(entries):
            judged = rank >= 0
            if judged.any():
                parts.append((rows[judged], slot, rank[judged], due[judged], deadline[judged], offset[judged],
                              response[judged], response_off[judged], unit, case_type, routine, rule))
    if not parts:
        return b""

    def joined(i: int) -> np.ndarray:
        return np.concatenate([part[i] for part in parts])

    rows = joined(0)
    slots = np.repeat(np.array([p[1] for p in parts]), [len(p[0]) for p in parts])
    order = np.lexsort((slots, rows))
    rows = rows[order]
    part = np.repeat(np.arange(len(parts), dtype=np.int32), [len(p[0]) for p in parts])[order]
    rank, due = joined(2)[order], joined(3)[order]
    deadline, offset = joined(4)[order], joined(5)[order]
    response, response_off = joined(6)[order], joined(7)[order]
    answered = response != NONE
    days, back = np.unique(due, return_inverse=True)
    dues = pa.DictionaryArray.from_arrays(
        pa.array(back.astype(np.int32)), pa.array([(_EPOCH + dt.timedelta(days=int(d))).isoformat() for d in days]))
    deadlines = iso(deadline, offset)
    responded = iso(np.where(answered, response, 0), np.where(answered, response_off, 0))
    status = pa.DictionaryArray.from_arrays(pa.array(rank.astype(np.int8)), pa.array(list(_BY_RANK)))
    line = pa.array(rows + batch.first_line).cast(pa.string())
    case_id = columns[0].take(pa.array(rows))
    if kind.name == "json":
        pieces = _json_pieces(parts, part, case_id, dues, deadlines, responded, answered, status, line)
    else:
        pieces = _csv_pieces(parts, part, case_id, dues, deadlines, responded, answered, status, line,
                             kind.delimiter)
    text = pc.binary_join_element_wise(*(p.cast(pa.string()) if isinstance(p, pa.DictionaryArray) else p
                                         for p in pieces), "")
    offsets = np.frombuffer(text.buffers()[1], dtype=np.int32)[text.offset:text.offset + len(text) + 1]
    data = text.buffers()[2]
    found: bytes = data.to_pybytes()[offsets[0]:offsets[-1]]
    return found


def _labels(parts: list[tuple[Any, ...]], part: np.ndarray, texts: list[str]) -> pa.DictionaryArray:
    """Per result, the text of its part (rule and group)."""
    return pa.DictionaryArray.from_arrays(pa.array(part), pa.array(texts, pa.string()))


def _json_pieces(parts: list[tuple[Any, ...]], part: np.ndarray, case_id: pa.Array, dues: Any, deadlines: pa.Array,
                 responded: pa.Array, answered: np.ndarray, status: Any, line: pa.Array) -> list[Any]:
    escape = pc.match_substring_regex(case_id, _JSON_ESCAPE).to_numpy(zero_copy_only=False)
    if escape.any():  # the few that json.dumps writes otherwise, as it writes them
        values = case_id.to_pylist()
        quoted = pa.array([json.dumps(v, ensure_ascii=False) if e else f'"{v}"'
                           for v, e in zip(values, escape.tolist(), strict=True)], pa.string())
    else:
        quoted = pc.binary_join_element_wise('"', case_id, '"', "")
    middle = _labels(parts, part, [
        f', "unit": "{unit}", "case_type": "{case_type}", "routine": {json.dumps(routine)}, '
        f'"rule": {json.dumps(rule.id)}, "{rule.key}": {rule.within}, "due_date": "'
        for *_, unit, case_type, routine, rule in parts])
    nulls = pa.nulls(len(line), pa.string())
    responses = pc.if_else(pa.array(answered), pc.binary_join_element_wise('"', responded, '"', ""),
                           pc.fill_null(nulls, "null"))
    return ['{"case_id": ', quoted, middle, dues, '", "deadline": "', deadlines, '", "responded_at": ', responses,
            ', "status": "', status, '", "line": ', line, "}\n"]


def _csv_pieces(parts: list[tuple[Any, ...]], part: np.ndarray, case_id: pa.Array, dues: Any, deadlines: pa.Array,
                responded: pa.Array, answered: np.ndarray, status: Any, line: pa.Array, d: str) -> list[Any]:
    special = "".join(dict.fromkeys(f'",\n\r{d}'))
    needs = pc.match_substring_regex(case_id, "[" + "".join(f"\\x{ord(c):02x}" for c in special) + "]")
    needs = needs.to_numpy(zero_copy_only=False)
    cells = case_id
    if needs.any():
        values = case_id.to_pylist()
        cells = pa.array([spreadsheet_cell(v, d) if n else v for v, n in zip(values, needs.tolist(), strict=True)],
                         pa.string())
    middle = _labels(parts, part, [
        d + d.join(spreadsheet_cell(value, d) for value in (unit, case_type, routine, rule.id)) + d
        for *_, unit, case_type, routine, rule in parts])
    responses = pc.if_else(pa.array(answered), responded, pa.scalar("", pa.string()))
    return [line, d, cells, middle, dues, d, deadlines, d, responses, d, status, "\n"]
