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

    A line is a sequence of strings: the literal parts of the message, the case's line number,
    id, unit and case type, per result ``"; "`` (but before the first), the part that says under
    which rule it is late or overdue around its due date, then the answer's part and the line
    break. That rule part is told once per distinct routine, rule, status and clock time, by the
    very code of the scalar report, around a mark where the due date goes (``told``: the text
    before and after it). Every string the lines are made of is put in one array (each distinct
    name, label, date and literal once), the index of each piece of every line, in order, made
    as arrays, and the lines are that array taken at them: their bytes one after another."""
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
    per_case = np.diff(np.append(starts, n))  # results per case
    case_of = np.repeat(np.arange(len(starts)), per_case)
    cases = table.select(["line", "case_id", "unit", "case_type", "responded_at"]).take(pa.array(starts))
    units = _names(cases.column("unit").chunk(0), names.unit)
    types = _names(cases.column("case_type").chunk(0), names.case_type)
    due = table.column("due_date").chunk(0)
    responded = cases.column("responded_at").chunk(0)
    strings = _Strings()
    every = np.arange(len(starts))
    fields = {"line": (strings.add(cases.column("line").chunk(0)), every),
              "case": (strings.add(cases.column("case_id").chunk(0)), every),
              "unit": (strings.add(units.dictionary), _indices(units)),
              "case_type": (strings.add(types.dictionary), _indices(types))}
    at = (strings.add(pc.fill_null(responded, "")), every)
    answered = responded.is_valid().to_numpy(zero_copy_only=False)
    head, tail = _around(t, "deadlines.late", "under")
    answer = _parts(MESSAGES["deadlines.answered"][LANGUAGES.index(t.language)])
    empty = strings.literal("")
    before_results = _parts(head)
    pieces: list[tuple[str, Any]] = [("head", part) for part in before_results]
    for part in _parts(tail + "\n"):
        if part == ("field", "answered"):
            pieces.extend(("answer", a) for a in answer)
        else:
            pieces.append(("head", part))
    count = len(pieces) + 4 * per_case  # and four per result: a separator, before, the due date, after
    offsets = np.concatenate([[0], np.cumsum(count)[:-1]])
    index = np.empty(int(count.sum()), np.int64)
    slot = offsets.copy()
    under = len(before_results)
    for position, (kind, (what, value)) in enumerate(pieces):
        if position == under:
            slot += 4 * per_case  # the results come here
        if what == "literal":
            piece: Any = strings.literal(value)
        else:
            base, rows = at if value == "at" else fields[value]
            piece = base + rows
        if kind == "answer":  # a case without an answer: nothing of that part
            piece = np.where(answered, piece, empty)
        index[slot] = piece
        slot += 1
    result = offsets[case_of] + under + 4 * (np.arange(n) - starts[case_of])
    index[result] = np.where(np.arange(n) == starts[case_of], empty, strings.literal("; "))
    index[result + 1] = strings.add(pa.array(befores, pa.string())) + back
    index[result + 2] = strings.add(due.dictionary) + _indices(due)
    index[result + 3] = strings.add(pa.array(afters, pa.string())) + back
    text = values_view(strings.array().take(pa.array(index)))
    looked = [*(a + b for a, b in told.values()), *units.dictionary.to_pylist(), *types.dictionary.to_pylist(),
              *(MESSAGES[name][LANGUAGES.index(t.language)] for name in ("deadlines.late", "deadlines.answered"))]
    return text, clean(cases.column("case_id").chunk(0)) and clean(pa.array(["".join(looked)], pa.string()))


class _Strings:
    """The strings the lines are made of, as arrays one after another: where each array starts
    in all of them, and each literal added once."""

    def __init__(self) -> None:
        self.arrays: list[pa.Array] = []
        self.size = 0
        self.literals: dict[str, int] = {}

    def add(self, array: pa.Array) -> int:
        """Where ``array``'s first value is, among all of them."""
        at = self.size
        self.arrays.append(array.cast(pa.string()) if array.type != pa.string() else array)
        self.size += len(array)
        return at

    def literal(self, text: str) -> int:
        found = self.literals.get(text)
        if found is None:
            found = self.literals[text] = self.add(pa.array([text], pa.string()))
        return found

    def array(self) -> pa.Array:
        return pa.concat_arrays(self.arrays)


def _indices(array: pa.DictionaryArray) -> np.ndarray:
    indices: np.ndarray = array.indices.to_numpy(zero_copy_only=False)
    return indices.astype(np.int64)


def _parts(template: str) -> list[tuple[str, str]]:
    """A template as its pieces: ("literal", text) and ("field", name), in order."""
    parts: list[tuple[str, str]] = []
    for literal, field, spec, conversion in string.Formatter().parse(template):
        if literal:
            parts.append(("literal", literal))
        if field is not None:
            assert not spec and not conversion, f"{template!r}: a field with a format"
            parts.append(("field", field))
    return parts


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
