"""The one place that reads the clock; everything else takes ``today`` or ``now`` as a value.

``SOURCE_DATE_EPOCH`` (reproducible builds) stands for the clock wherever it is set, for the
day and for the instant alike, so one run never mixes the epoch's day with the wall clock's
time.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo


def now_in(timezone: str) -> dt.datetime:
    """Now in ``timezone``, or the instant of ``SOURCE_DATE_EPOCH`` there; to the second (reports
    show it, and no deadline is finer than that)."""
    zone = ZoneInfo(timezone)
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(epoch), zone)
    return dt.datetime.now(zone).replace(microsecond=0)


def today_in(timezone: str) -> dt.date:
    """Today in ``timezone``, or the day of ``SOURCE_DATE_EPOCH`` there."""
    return now_in(timezone).date()
