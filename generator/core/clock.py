"""The one place that reads the clock; everything else takes ``today`` or ``now`` as a value."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo


def today_in(timezone: str) -> dt.date:
    """Today in ``timezone``, or the day of ``SOURCE_DATE_EPOCH`` for reproducible runs."""
    zone = ZoneInfo(timezone)
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(epoch), zone).date()
    return dt.datetime.now(zone).date()
