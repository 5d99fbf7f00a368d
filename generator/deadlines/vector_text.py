"""The text report's late and overdue cases from a table of problems (:mod:`generator.deadlines.vector`):
the catalog's lines filled in as arrays, one line per case, every rule it is late or overdue
under joined in that line, as :func:`generator.deadlines.report.write_text` writes them one by one."""

from __future__ import annotations

import string
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from generator.core.messages import LANGUAGES, MESSAGES, Messages
from generator.deadlines.vector_parse import text_bytes


def fill(t: Messages, name: str, **fields: Any) -> pa.Array:
    """The message ``name`` with each field an array (or one string for every row); ``end``,
    when given, after it."""
    template = MESSAGES[name][LANGUAGES.index(t.language)] + ("{end}" if "end" in fields else "")
    parts: list[Any] = []
    for literal, field, spec, conversion in string.Formatter().parse(template):
        if literal:
            parts.append(literal)
        if field is not None:
            assert not spec and not conversion, f"{name}: a field with a format"
            parts.append(fields[field])
    return pc.binary_join_element_wise(*parts, "")


def _names(ids: pa.Array, name: Any) -> pa.DictionaryArray:
    """Each id's name, looked up once per distinct id."""
    encoded = ids if pa.types.is_dictionary(ids.type) else ids.dictionary_encode()
    names = pa.array([name(i) for i in encoded.dictionary.to_pylist()], pa.string())
    return pa.DictionaryArray.from_arrays(encoded.indices, names)


def _codes(column: pa.Array) -> tuple[np.ndarray, list[Any]]:
    """(each row's index into the distinct values, the distinct values; None among them for a null)."""
    encoded = column if pa.types.is_dictionary(column.type) else column.dictionary_encode(null_encoding="encode")
    values = encoded.dictionary.to_pylist()
    if pa.types.is_dictionary(column.type) and encoded.null_count:
        values.append(None)
    distinct = list(dict.fromkeys(values))
    remap = np.array([distinct.index(v) for v in values] or [0], np.int64)
    indices = encoded.indices.fill_null(len(values) - 1) if encoded.null_count else encoded.indices
    return remap[indices.to_numpy(zero_copy_only=False).astype(np.int64)], distinct


_CONTROL_BYTES = np.zeros(256, bool)
_CONTROL_BYTES[[*range(0x20), 0x7F]] = True
_CONTROL_BYTES[[0x09, 0x0A]] = False


def clean(column: pa.Array) -> bool:
    """True when no value of a string column holds a control character that the command line
    would make visible (C0 but tab and newline, DEL, C1, the bidirectional controls): the bytes
    of C0 and DEL, and the lead bytes of the rest (0xC2, 0xE2) looked for, so some clean values
    are taken for unclean ones (and written with the full look), never the other way round."""
    data = column.buffers()[2]
    if data is None:
        return True
    codes = np.frombuffer(data, np.uint8)
    return not (_CONTROL_BYTES[codes].any() or ((codes == 0xC2) | (codes == 0xE2)).any())


def late_text(table: pa.Table, names: Any, t: Messages, told: dict[tuple[Any, ...], str]) -> tuple[bytes, bool]:
    """The lines (each with its line break, in UTF-8) of the cases in ``table``, and whether they hold no
    control character (:func:`clean`, and every name and label looked at), as
    :func:`generator.deadlines.report.write_text` writes each: the part that says under which rule
    a case is late or overdue is told once per distinct rule, status, due date and clock time,
    by the very code of the scalar report, and the lines filled in as arrays."""
    table = table.combine_chunks()
    keys = [_codes(table.column(name).chunk(0)) for name in ("routine", "rule", "due_date", "status", "clock")]
    key = np.zeros(table.num_rows, np.int64)
    for indices, values in keys:
        key = key * (len(values) + 1) + indices
    size = int(np.prod([len(values) + 1 for _, values in keys]))
    if size <= 4 * table.num_rows + 65_536:  # the combinations as a dense table: no sort
        seen = np.zeros(size, bool)
        seen[key] = True
        number = np.cumsum(seen) - 1
        back = number[key]
        first = np.zeros(int(seen.sum()), np.int64)
        first[back] = np.arange(len(key))  # a row of each combination (any: they tell the same)
    else:
        _, first, back = np.unique(key, return_index=True, return_inverse=True)
    texts = []
    for row in first.tolist():
        combination = tuple(values[indices[row]] for indices, values in keys)
        text = told.get(combination)
        if text is None:
            routine, rule, due_date, status, clock = combination
            # as report.due_text tells it: the due date, or the date and the time before it
            due = due_date if clock is None else t("deadlines.due_before", due=due_date, time=clock)
            text = told[combination] = t("deadlines.under_late" if status == "late" else "deadlines.under_overdue",
                                         due=due, title=names.title(routine), routine=routine, rule=rule)
        texts.append(text)
    under = pa.array(texts, pa.string()).take(pa.array(back))
    lines = table.column("line").to_numpy()
    starts = np.concatenate([[0], np.nonzero(lines[1:] != lines[:-1])[0] + 1])
    offsets = pa.array(np.concatenate([starts, [len(lines)]]).astype(np.int32))
    joined = pc.binary_join(pa.ListArray.from_arrays(offsets, under), "; ")
    cases = table.take(pa.array(starts))
    answered = cases.column("responded_at").chunk(0)
    answered = pc.if_else(pc.is_null(answered), "", fill(t, "deadlines.answered", at=pc.fill_null(answered, "")))
    units = _names(cases.column("unit").chunk(0), names.unit)
    types = _names(cases.column("case_type").chunk(0), names.case_type)
    text = fill(t, "deadlines.late", line=pc.cast(cases.column("line").chunk(0), pa.string()),
                case=cases.column("case_id").chunk(0),
                unit=units.dictionary_decode(), case_type=types.dictionary_decode(),
                under=joined, answered=answered, end="\n")
    lines = text_bytes(text)
    parts = [*told.values(), *units.dictionary.to_pylist(), *types.dictionary.to_pylist(),
             *(MESSAGES[name][LANGUAGES.index(t.language)] for name in ("deadlines.late", "deadlines.answered"))]
    return lines, clean(cases.column("case_id").chunk(0)) and clean(pa.array(["".join(parts)], pa.string()))
