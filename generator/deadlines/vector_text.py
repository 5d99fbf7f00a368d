"""The text report's late and overdue cases from a table of problems (:mod:`generator.deadlines.vector`):
the catalog's lines filled in as arrays, one line per case, every rule it is late or overdue
under joined in that line, as :func:`generator.deadlines.report.write_text` writes them one by one."""

from __future__ import annotations

import string
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from generator.content.arrow_values import values_view
from generator.core.messages import LANGUAGES, MESSAGES, Messages


def fill(t: Messages, name: str, **fields: Any) -> pa.Array:
    """The message ``name`` with each field an array (or one string for every row); ``end``,
    when given, after it."""
    template = MESSAGES[name][LANGUAGES.index(t.language)] + ("{end}" if "end" in fields else "")
    return _fill(template, name, fields)


def _fill(template: str, name: str, fields: dict[str, Any]) -> pa.Array:
    parts: list[Any] = []
    for literal, field, spec, conversion in string.Formatter().parse(template):
        if literal:
            parts.append(literal)
        if field is not None:
            assert not spec and not conversion, f"{name}: a field with a format"
            parts.append(fields[field])
    if len(parts) == 1 and isinstance(parts[0], str):
        n = next((len(v) for v in fields.values() if not isinstance(v, str)), 0)
        return pa.array([parts[0]] * n, pa.string())
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


def late_text(table: pa.Table, names: Any, t: Messages, told: dict[tuple[Any, ...], tuple[str, str]]) -> tuple[memoryview, bool]:
    """The lines (each with its line break, in UTF-8) of the cases in ``table``, and whether they hold no
    control character (:func:`clean`, and every name and label looked at), as
    :func:`generator.deadlines.report.write_text` writes each.

    Each result becomes one piece of its case's line: the start of the line (up to the first
    rule) before its first result, ``"; "`` before each other, then the part that says under which
    rule it is late or overdue, and after its last result the end of the line. That part is told
    once per distinct routine, rule, status and clock time, by the very code of the scalar report,
    around a mark where the due date goes (``told``: the text before and after it); the pieces
    are filled in as arrays, and the lines are their bytes one after another."""
    table = table.combine_chunks()
    n = table.num_rows
    keys = [_codes(table.column(name).chunk(0)) for name in ("routine", "rule", "status", "clock")]
    key = np.zeros(n, np.int64)
    for indices, values in keys:
        key = key * (len(values) + 1) + indices
    size = int(np.prod([len(values) + 1 for _, values in keys]))
    if size <= 4 * n + 65_536:  # the combinations as a dense table: no sort
        seen = np.zeros(size, bool)
        seen[key] = True
        back = (np.cumsum(seen) - 1)[key]
        first = np.zeros(int(seen.sum()), np.int64)
        first[back] = np.arange(n)  # a row of each combination (any: they tell the same)
    else:
        _, first, back = np.unique(key, return_index=True, return_inverse=True)
    befores, afters = [], []
    for row in first.tolist():
        combination = tuple(values[indices[row]] for indices, values in keys)
        around = told.get(combination)
        if around is None:
            around = told[combination] = _rule_part(combination, names, t)
        befores.append(around[0])
        afters.append(around[1])
    lines = table.column("line").to_numpy()
    starts = np.flatnonzero(np.concatenate([[True], lines[1:] != lines[:-1]]))
    is_first = np.zeros(n, bool)
    is_first[starts] = True
    is_last = np.zeros(n, bool)
    is_last[np.concatenate([starts[1:] - 1, [n - 1]])] = True
    case_of = np.cumsum(is_first) - 1
    cases = table.take(pa.array(starts))
    answered = cases.column("responded_at").chunk(0)
    answered = pc.if_else(pc.is_null(answered), "", fill(t, "deadlines.answered", at=pc.fill_null(answered, "")))
    units = _names(cases.column("unit").chunk(0), names.unit)
    types = _names(cases.column("case_type").chunk(0), names.case_type)
    head, tail = _around(t, "deadlines.late", "under")
    heads = _fill(head, "deadlines.late", {
        "line": pc.cast(cases.column("line").chunk(0), pa.string()), "case": cases.column("case_id").chunk(0),
        "unit": units.dictionary_decode(), "case_type": types.dictionary_decode()})
    ends = _fill(tail + "\n", "deadlines.late", {"answered": answered})
    count = len(starts)
    lead = pa.concat_arrays([heads, pa.array(["; "], pa.string())]).take(pa.array(np.where(is_first, case_of, count)))
    end = pa.concat_arrays([ends, pa.array([""], pa.string())]).take(pa.array(np.where(is_last, case_of, count)))
    pieces = pc.binary_join_element_wise(
        lead, pa.array(befores, pa.string()).take(pa.array(back)), table.column("due_date").chunk(0).cast(pa.string()),
        pa.array(afters, pa.string()).take(pa.array(back)), end, "")
    text = values_view(pieces)
    looked = [*(a + b for a, b in told.values()), *units.dictionary.to_pylist(), *types.dictionary.to_pylist(),
              *(MESSAGES[name][LANGUAGES.index(t.language)] for name in ("deadlines.late", "deadlines.answered"))]
    return text, clean(cases.column("case_id").chunk(0)) and clean(pa.array(["".join(looked)], pa.string()))


def _rule_part(combination: tuple[Any, ...], names: Any, t: Messages) -> tuple[str, str]:
    """(before, after) the due date: the part of a line that tells under which rule a case is late
    or overdue, as report.due_text and write_text tell it, for a routine, rule, status and clock
    time (None: the whole due date), the due date left out."""
    routine, rule, status, clock = combination
    mark = "\x00"
    while any(mark in str(value) for value in (*combination, names.title(routine))):
        mark += "\x00"  # a mark no value holds
    due = mark if clock is None else t("deadlines.due_before", due=mark, time=clock)
    text = t("deadlines.under_late" if status == "late" else "deadlines.under_overdue",
             due=due, title=names.title(routine), routine=routine, rule=rule)
    before, found, after = text.partition(mark)
    assert found and mark not in after, "the due date once in each rule's part of a line"
    return before, after


def _around(t: Messages, name: str, field: str) -> tuple[str, str]:
    """The template of message ``name`` before and after its field ``field``."""
    template = MESSAGES[name][LANGUAGES.index(t.language)]
    before, found, after = template.partition("{" + field + "}")
    assert found and "{" + field + "}" not in after, f"{name}: {{{field}}} once"
    return before, after
