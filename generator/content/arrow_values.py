"""The values of a pyarrow string or binary array, one after another, as the bytes they are in
its buffer (no copy): what a report of many lines or a workbook's shared strings are made into
by pyarrow's joins, handed on as they are."""

from __future__ import annotations

from typing import Any

import numpy as np


def values_view(array: Any) -> memoryview:
    """The bytes of ``array``'s values (string, binary or their large kinds), in order."""
    import pyarrow as pa  # loaded already by whoever made the array

    large = pa.types.is_large_string(array.type) or pa.types.is_large_binary(array.type)
    offsets = np.frombuffer(array.buffers()[1], np.int64 if large else np.int32)[array.offset:array.offset + len(array) + 1]
    data = array.buffers()[2]
    if data is None or not len(array):
        return memoryview(b"")
    return memoryview(data)[int(offsets[0]):int(offsets[-1])]
