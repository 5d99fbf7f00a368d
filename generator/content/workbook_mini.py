"""One piece of a sheet's rows as a workbook of its own, for python-calamine to read
(:meth:`generator.content.workbook.Book.read_piece`): the rows, the workbook's styles (so that
date cells stay dates), its date system, and the shared strings the rows use, numbered anew."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import numpy as np

from generator.content.arrow_values import values_view

_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_MINI_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
               b'2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package'
               b'.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/'
               b'xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
               b'main+xml"/></Types>')
_MINI_ROOT_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
                   'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                   'Target="xl/workbook.xml"/></Relationships>').encode()
_MINI_BOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
              'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
              '>{pr}<sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
_MINI_BOOK_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_RELS}">'
                   f'<Relationship Id="rId1" Type="{_WORKSHEET_REL}" Target="worksheets/sheet1.xml"/>'
                   '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                   '</Relationships>')


class SharedStrings:
    """A workbook's shared strings (each the XML inside its ``<si>``) as one block of bytes and
    where each begins and ends (one binary array over them): a million of them are a few
    objects, not a million, which forked workers would copy page by page as they touched them."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._lengths: list[Any] = []
        self._array: Any = None
        """A binary array of the strings, once closed (pyarrow loaded only for a workbook that has them)."""

    def extend(self, strings: list[bytes]) -> None:
        self._parts.append(b"".join(strings))
        self._lengths.append(np.fromiter(map(len, strings), np.int64, len(strings)))

    def close(self) -> None:
        """Done extending: join the parts."""
        if self._lengths:
            import pyarrow as pa

            offsets = np.concatenate([np.zeros(1, np.int64), np.cumsum(np.concatenate(self._lengths))])
            data = b"".join(self._parts)
            self._array = pa.LargeBinaryArray.from_buffers(pa.large_binary(), len(offsets) - 1,
                                                           [None, pa.py_buffer(offsets), pa.py_buffer(data)])
        self._parts, self._lengths = [], []

    def __len__(self) -> int:
        return 0 if self._array is None else len(self._array)

    def joined(self, indices: Any, opened: bytes, closed: bytes) -> bytes:
        """The strings at ``indices`` (a numpy array), each between ``opened`` and ``closed``, in
        that order (taken and joined by pyarrow: a Python loop over them took three times as long)."""
        if not len(indices):
            return b""
        import pyarrow as pa
        import pyarrow.compute as pc

        kind = pa.large_binary()
        joined = pc.binary_join_element_wise(pa.scalar(opened, kind), self._array.take(pa.array(indices)),
                                             pa.scalar(closed, kind), pa.scalar(b"", kind))
        return values_view(joined).tobytes()


def mini_workbook(piece: bytes, styles: bytes, date1904: bool, strings: SharedStrings, sst_root: bytes | None) -> bytes:
    """A workbook of one sheet holding ``piece``'s rows (the root's start tag, then rows).
    ``strings`` are the shared strings (each the XML inside its ``<si>``), ``sst_root`` the start
    tag of their part (None: the workbook has none). An ``IndexError`` (the index) for a cell
    that names a string there is not."""
    table, piece = _strings_of(piece, strings, sst_root)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as mini:
        mini.writestr("[Content_Types].xml", _MINI_TYPES)
        mini.writestr("_rels/.rels", _MINI_ROOT_RELS)
        pr = '<workbookPr date1904="1"/>' if date1904 else ""
        mini.writestr("xl/workbook.xml", _MINI_BOOK.format(pr=pr).encode())
        mini.writestr("xl/_rels/workbook.xml.rels", _MINI_BOOK_RELS.encode())
        if styles:
            mini.writestr("xl/styles.xml", styles)
        mini.writestr("xl/sharedStrings.xml", table)
        prefix, root = piece[1:piece.find(b"worksheet")], piece.find(b">") + 1
        mini.writestr("xl/worksheets/sheet1.xml", piece[:root] + b"<" + prefix + b"sheetData>" + piece[root:]
                      + b"</" + prefix + b"sheetData></" + prefix + b"worksheet>")
    return out.getvalue()


def _strings_of(piece: bytes, strings: SharedStrings, sst_root: bytes | None) -> tuple[bytes, bytes]:
    """The shared strings ``piece`` uses, numbered anew from 0 in the order of their old numbers,
    and the piece with its cells renumbered so (a few thousand strings to read, not all those
    before them). The indices are cut out with one ``re.split`` and renumbered by numpy: a
    callback per cell took most of a workbook's reading time."""
    if sst_root is None:
        return b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>', piece
    parts = _SHARED_PLAIN.split(piece)  # text, index, text, index, …, text (the cell's start cut out)
    start = b't="s"><v>'
    if len(parts) // 2 != piece.count(b't="s"') or b"t='s'" in piece:  # not as Excel writes them
        cut = _SHARED.split(piece)  # text, start of a cell, index, text, …
        texts, starts = cut[0::3], cut[1::3]
        parts[:] = [part for i, cell in enumerate(starts) for part in (texts[i] + cell, cut[3 * i + 2])]
        parts.append(texts[-1])
        start = b""
    used = np.zeros(0, np.int64)
    if len(parts) > 1:
        found = np.fromstring(b" ".join(parts[1::2]), dtype=np.int64, sep=" ")  # digits only: four times astype's speed
        assert len(found) == len(parts) // 2, "an index of a shared string that is not digits"
        unique, inverse = np.unique(found, return_inverse=True)
        if unique[-1] >= len(strings):
            raise IndexError(int(found[np.argmax(found >= len(strings))]))
        numbers = [b"%s%d" % (start, i) for i in range(len(unique))]
        parts[1::2] = [numbers[i] for i in inverse.tolist()]
        used = unique
        piece = b"".join(parts)
    p = sst_root[1:sst_root.find(b"sst")]
    opened, closed = b"<" + p + b"si>", b"</" + p + b"si>"
    return sst_root + strings.joined(used, opened, closed) + b"</" + p + b"sst>", piece


_SHARED = re.compile(rb"""(\st=["']s["'][^>]*>\s*<(?:\w+:)?v>\s*)(\d+)""")
"""A cell's shared-string index (``<c r="A2" t="s"><v>17</v>``; no cell text holds ``<``)."""
_SHARED_PLAIN = re.compile(rb"""t="s"><v>(\d+)""")
"""The same as Excel, LibreOffice and openpyxl write it: found ten times faster."""
