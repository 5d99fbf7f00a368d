"""What every reader of an ``.xlsx`` workbook checks before python-calamine unpacks it: how much
the zip unpacks to, read from its directory alone (a zip bomb is refused, never unpacked)."""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_UNPACKED = 2 << 30
"""Bytes a workbook may unpack to (a sheet of Excel's 1,048,576 rows of cases is a few hundred
MB): more is a zip bomb, refused before calamine unpacks it."""
MAX_RATIO = 200
"""How many times its packed size a workbook may unpack to (sheet XML packs about tenfold)."""


def unpacked_size(path: Path) -> int | None:
    """The bytes the workbook at ``path`` unpacks to, from its zip directory; None when that
    directory cannot be read (a damaged file, or no zip at all)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def too_large(path: Path, unpacked: int) -> bool:
    """True when ``unpacked`` bytes are more than :data:`MAX_UNPACKED` or :data:`MAX_RATIO`
    times the file's own size."""
    return unpacked > MAX_UNPACKED or unpacked > MAX_RATIO * max(path.stat().st_size, 1)
