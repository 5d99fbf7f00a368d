"""The vectorised reference of issue 19 (item 4) for ``routines deadlines``: what a case export
costs at the limit of the libraries, with nothing of the product around it.

pyarrow's CSV reader (the times as UTC instants), the local day of receipt from pyarrow's zone
database, ``numpy.busday_offset`` with the year's holidays and the configured closed days, one
rule per case (2 vardagar, a delsvar counting), and the four statuses counted by array
comparison. No report is written: the figure ``routines deadlines`` is held to (<= 1.0x).

Usage: ``python -m bench.cases_reference FILE NOW`` (NOW in ISO 8601 with an offset); prints
the counts, so that a run can be checked against the product's.
"""

from __future__ import annotations

import datetime as dt
import sys


def main(path: str, now_text: str) -> dict[str, int]:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv

    from generator.core.calendar import _holidays

    zone = "Europe/Stockholm"
    instant = pa.timestamp("us", tz="UTC")
    table = csv.read_csv(path, convert_options=csv.ConvertOptions(
        column_types={"received_at": instant, "answered_at": instant, "partial_answer_at": instant}))
    received = table["received_at"]
    local = pc.local_timestamp(received.cast(pa.timestamp("us", tz=zone)))
    days = pc.cast(local, pa.date32()).to_numpy().astype("datetime64[D]")
    first, last = days.min().astype(dt.date), days.max().astype(dt.date)
    closed = [day for year in range(first.year, last.year + 2) for day in _holidays(year)]
    due = np.busday_offset(days, 2, roll="backward", holidays=np.array(closed, dtype="datetime64[D]"))
    midnight = pa.array((due + np.timedelta64(1, "D")).astype("datetime64[us]"))
    deadline = pc.assume_timezone(midnight, zone, ambiguous="earliest", nonexistent="earliest")
    now = dt.datetime.fromisoformat(now_text)
    never = np.iinfo(np.int64).max

    def micros(column: str) -> np.ndarray:
        values = pc.cast(table[column], pa.int64())
        return pc.fill_null(values, never).to_numpy()

    response = np.minimum(micros("answered_at"), micros("partial_answer_at"))
    limit = pc.cast(deadline, pa.int64()).to_numpy()
    now_us = int(now.timestamp() * 1_000_000)
    answered_mask = response != never
    status = np.where(answered_mask, np.where(response < limit, 0, 2), np.where(now_us < limit, 1, 3))
    counts = np.bincount(status, minlength=4)
    return dict(zip(("met", "open", "late", "overdue"), map(int, counts), strict=True))


if __name__ == "__main__":
    print(main(sys.argv[1], sys.argv[2]))
