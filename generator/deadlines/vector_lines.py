"""The text report's lines of late and overdue cases made straight from the vector judge's
results of a batch (:class:`generator.deadlines.vector_batch.LateResults`), with no table between:
the same bytes as :func:`generator.deadlines.vector_text.late_text` makes of that table, and
:func:`generator.deadlines.report.write_text` of each result (tests/test_deadlines_vector.py).

A line is a few strings one after another, each made once per batch for what it depends on:
``"\\n  rad 12: "`` (the line before's end and this line's number, made as digits), the case id,
the group's part and the first rule's part before its due date (``" (Mottagning, Egenremiss):
besvarat för sent, sista svarsdag "``, one per rule, status and clock time), the due date, the
part between one rule's due date and the next one's, and the last rule's part after its due date
with the answer's words before the time it came, then that time. The lines are one ``take`` of
those strings.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np
import pyarrow as pa

from generator.content.arrow_values import values_view
from generator.core.messages import LANGUAGES, MESSAGES, Messages
from generator.deadlines.judge import _BY_RANK
from generator.deadlines.vector_parse import NONE, US_DAY, distinct
from generator.deadlines.vector_text import _around, _parts, _rule_part, _Strings, clean


class Late(Protocol):
    """The late and overdue results of a batch (:class:`generator.deadlines.vector_batch.LateResults`)."""

    found: Any
    """Their :class:`generator.deadlines.vector_batch.Results`, in file order."""
    first_line: int

    def case_ids(self, rows: np.ndarray) -> pa.Array: ...

    def responded(self, results: np.ndarray) -> pa.Array: ...



class Shape:
    """The message of a late line as the pieces a line is made of: the words before and after
    the line number, those between the case id and the rules (with the unit and case type),
    the answer's words before its time, and what ends a line; ``ok`` false where the message is
    not of that shape (then the table's way, :func:`~generator.deadlines.vector_text.late_text`)."""

    def __init__(self, t: Messages) -> None:
        head, tail = _around(t, "deadlines.late", "under")
        before, after = _parts(head), _parts(tail)
        answer = _parts(MESSAGES["deadlines.answered"][LANGUAGES.index(t.language)])
        self.ok = (len(before) >= 4 and before[0][0] == "literal" and before[1] == ("field", "line")
                   and before[2][0] == "literal" and before[3] == ("field", "case")
                   and all(kind == "literal" or value in ("unit", "case_type") for kind, value in before[4:])
                   and after[:1] == [("field", "answered")] and all(kind == "literal" for kind, _ in after[1:])
                   and len(answer) == 2 and answer[0][0] == "literal" and answer[1] == ("field", "at"))
        if not self.ok:
            return
        self.start, self.after_line = before[0][1], before[2][1]
        self.group = before[4:]
        self.end = "".join(value for _, value in after[1:]) + "\n"
        self.answer = answer[0][1]

    def group_text(self, unit: str, case_type: str) -> str:
        values = {"unit": unit, "case_type": case_type}
        return "".join(value if kind == "literal" else values[value] for kind, value in self.group)


def late_lines(late: Late, names: Any, t: Messages, told: dict[tuple[Any, ...], tuple[str, str]],
               shape: Shape) -> tuple[memoryview, bool]:
    """The lines (each with its line break, in UTF-8) of the cases of ``late``, and whether they
    hold no control character, as :func:`~generator.deadlines.vector_text.late_text` gives them."""
    found = late.found
    rows, n = found.rows, len(found.rows)
    starts = np.flatnonzero(np.concatenate([[True], rows[1:] != rows[:-1]]))
    cases = len(starts)
    per_case = np.diff(np.append(starts, n))
    case_of = np.repeat(np.arange(cases), per_case)
    first = np.zeros(n, bool)
    first[starts] = True
    clock = np.zeros(n, np.int64)  # seconds of the day + 1 of a deadline told with its time; 0: none
    if found.hourly.any():
        local = found.deadline + found.offset
        wall = local % US_DAY
        told_time = found.hourly & ~((wall == 0) & (local // US_DAY == found.due + 1))
        clock = np.where(told_time, wall // 1_000_000 + 1, 0)
    timed = bool(clock.any())
    combo_key = found.part.astype(np.int64) * 2 + (found.rank - 2)
    combos, combo = _distinct(combo_key * 86_402 + clock if timed else combo_key, timed)
    if not timed:
        combos = combos * 86_402
    befores, afters = [], []
    for key in combos.tolist():
        part, seconds = divmod(key, 86_402)
        unit, case_type, routine, rule = found.parts[part // 2]
        time = None if not seconds else _clock(seconds - 1)
        combination = (routine, rule.id, _BY_RANK[2 + part % 2], time)
        around = told.get(combination)
        if around is None:
            around = told[combination] = _rule_part(combination, names, t)
        befores.append((unit, case_type, around[0]))
        afters.append(around[1])
    groups: dict[tuple[str, str], str] = {}
    firsts = []
    for unit, case_type, before in befores:
        group = groups.get((unit, case_type))
        if group is None:
            group = groups[(unit, case_type)] = shape.group_text(names.unit(unit), names.case_type(case_type))
        firsts.append(group + before)
    nexts = np.flatnonzero(~first)
    pair_key = combo[nexts - 1] * len(combos) + combo[nexts]
    pairs, pair = _distinct(pair_key, len(combos) > 1024)
    mids = [afters[p // len(combos)] + "; " + befores[p % len(combos)][2] for p in pairs.tolist()]
    lasts = [after + answer for after in afters for answer in ("", shape.answer)]
    dues = found.due_dates()
    line_numbers = rows[starts] + late.first_line
    strings = _Strings()
    start = strings.literal(shape.start + str(int(line_numbers[0])) + shape.after_line)
    numbered = strings.add(_numbers(line_numbers, shape.end + shape.start, shape.after_line))
    case_ids = late.case_ids(rows[starts])
    case_at = strings.add(case_ids)
    first_at = strings.add(pa.array(firsts, pa.string()))
    mid_at = strings.add(pa.array(mids, pa.string()))
    last_at = strings.add(pa.array(lasts, pa.string()))
    due_at = strings.add(dues.dictionary)
    answered = found.response[starts] != NONE
    at_at = strings.add(late.responded(starts))
    count = 4 + 2 * per_case
    offsets = np.concatenate([[0], np.cumsum(count)])
    index = np.empty(int(offsets[-1]) + 1, np.int64)
    every = np.arange(cases)
    index[offsets[:-1]] = numbered + every
    index[0] = start
    index[offsets[:-1] + 1] = case_at + every
    result = offsets[case_of] + 2 + 2 * (np.arange(n) - starts[case_of])
    joins = np.empty(n, np.int64)
    joins[starts] = first_at + combo[starts]
    joins[nexts] = mid_at + pair
    index[result] = joins
    index[result + 1] = due_at + dues.indices.to_numpy()
    ends = offsets[1:] - 2
    index[ends] = last_at + combo[np.append(starts[1:], n) - 1] * 2 + answered
    index[ends + 1] = at_at + every
    index[-1] = strings.literal(shape.end)
    text = values_view(strings.array().take(pa.array(index)))
    looked = [*firsts, *mids, *lasts, shape.start, shape.after_line, shape.end]
    return text, clean(case_ids) and clean(pa.array(["".join(looked)], pa.string()))


def _clock(seconds: int) -> str:
    """``09:30``, or ``09:30:15`` where the deadline is not on a whole minute."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}" + (f":{secs:02d}" if secs else "")


def _distinct(keys: np.ndarray, wide: bool) -> tuple[np.ndarray, np.ndarray]:
    """(the distinct keys in order, each key's index among them): by a sort where they may be
    far apart (``wide``), else by :func:`~generator.deadlines.vector_parse.distinct`."""
    if wide:
        found, back = np.unique(keys, return_inverse=True)
        return found, back
    found, index = distinct(keys)
    return found, index.astype(np.int64)


_POWERS = 10 ** np.arange(1, 19, dtype=np.int64)


def _numbers(numbers: np.ndarray, before: str, after: str) -> pa.Array:
    """``before`` + the number + ``after``, of each (positive) number, as a string array: every
    line's bytes in a row of one table (its digits right-aligned), the unused ones left out."""
    head = np.frombuffer(before.encode("utf-8"), np.uint8)
    tail = np.frombuffer(after.encode("utf-8"), np.uint8)
    count = len(numbers)
    width = np.searchsorted(_POWERS, numbers, side="right") + 1
    widest = int(width.max()) if count else 1
    table = np.empty((count, len(head) + widest + len(tail)), np.uint8)
    table[:, :len(head)] = head
    table[:, len(head) + widest:] = tail
    rest = numbers.copy()
    for place in range(widest):
        table[:, len(head) + widest - 1 - place] = 48 + rest % 10
        rest //= 10
    used = np.ones(table.shape, bool)
    used[:, len(head):len(head) + widest] = np.arange(widest) >= (widest - width)[:, None]
    data = table[used]
    offsets = np.zeros(count + 1, np.int64)
    np.cumsum(len(head) + width + len(tail), out=offsets[1:])
    if offsets[-1] >= 1 << 31:
        return pa.LargeStringArray.from_buffers(count, pa.py_buffer(offsets), pa.py_buffer(data))
    return pa.StringArray.from_buffers(count, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(data))
