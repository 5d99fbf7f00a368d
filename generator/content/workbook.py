"""Excel workbooks (``.xlsx``), read in runs of rows so that memory stays bounded at any size.

Every reader of a workbook comes through :func:`open_book`. It first tells what the file is,
from its first bytes and its zip directory alone: an old ``.xls`` or a password-protected
``.xlsx`` (both OLE2 files), a damaged zip, a zip bomb, or a zip that is no ``.xlsx`` (an
``.ods``, an ``.xlsb``) is refused with what to do. Then it reads the sheets' names, the
styles and the shared strings.

python-calamine reads cells fast, but a whole sheet at a time: a million rows of cases would
take half a gigabyte. So :meth:`Book.pieces` streams a sheet's XML out of the zip and cuts it
at row ends into pieces of about :data:`PIECE` bytes, and :meth:`Book.read_piece` gives one
piece to calamine as a small workbook of its own: those rows, the workbook's styles (so that
date cells stay dates), its date system, and the shared strings the rows use, at their own
indices (the others left empty). Rows and cells keep their references, so row numbers are the
sheet's. Merged cells are listed after a sheet's rows; :meth:`Book.merged` has them once the
pieces are read.
"""

from __future__ import annotations

import io
import mmap
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from generator.content.textfile import describe_os_error
from generator.content.workbook_mini import SharedStrings, mini_workbook
from generator.core.errors import GeneratorError
from generator.core.messages import msg

MAX_UNPACKED = 2 << 30
"""Bytes a workbook may unpack to (a sheet of Excel's 1,048,576 rows of cases is a few hundred
MB): more is a zip bomb, refused before anything is unpacked."""
MAX_RATIO = 200
"""How many times its packed size a workbook may unpack to (sheet XML packs about tenfold)."""
MAX_PART = 64 << 20
"""Bytes of a workbook part read whole (workbook, relations, styles)."""
PIECE = 2 << 20
"""Bytes of sheet XML per piece (some 7,500 rows of cases; pieces of 4 MB held 40 MB more in
the two workers of a million cases, and were no faster)."""
FIRST_PIECE = 64 << 10
"""The first piece is small: the header is read from it before the rest is handed out."""
ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""An OLE2 compound file: an old ``.xls``, or an ``.xlsx`` encrypted with a password."""
ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
"""The stream an encrypted Office document keeps its key data in (its name in the OLE directory)."""
SUFFIXES = (".xlsx", ".xlsm")

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


def is_workbook(path: Path) -> bool:
    """True when ``path`` is a zip (an ``.xlsx`` workbook, checked further by :func:`open_book`),
    False when it is text; a clean error for an old ``.xls``, a password-protected ``.xlsx``, or
    a file named ``.xlsx`` that is none."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            if head.startswith(OLE):
                with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                    encrypted = data.find(ENCRYPTED) != -1
                raise GeneratorError(msg("workbook.password" if encrypted else "workbook.old_xls", path=str(path)))
    except OSError as error:
        raise GeneratorError(msg("cases.unreadable", path=str(path), reason=describe_os_error(error))) from None
    suffix = path.suffix.lower()
    if head.startswith(ZIP):
        return True
    if suffix in SUFFIXES:
        raise GeneratorError(msg("workbook.corrupt", path=str(path), reason=msg("workbook.not_zip")))
    if suffix == ".xls":
        raise GeneratorError(msg("workbook.old_xls", path=str(path)))
    return False


@dataclass(frozen=True)
class RawPiece:
    """A run of a sheet's rows as XML (the root's start tag, then the rows)."""

    xml: bytes
    rows_before: int = 0
    """Rows of the sheet before these when its rows do not say their numbers (``r``), else 0."""


@dataclass
class Piece:
    """Rows of a sheet as calamine read them: ``rows[0]`` is the sheet's row ``first_row``
    (1-based), ``rows[i][0]`` its column ``first_column`` (0-based)."""

    first_row: int
    first_column: int
    rows: list[list[Any]]


@dataclass
class _Names:
    """The XML names of a part: its prefix (``x:`` or none) and its root's start tag."""

    prefix: bytes
    root: bytes


@dataclass
class Book:
    """An opened workbook: its worksheets by name (in order), the parts every piece needs."""

    path: Path
    archive: zipfile.ZipFile
    sheets: dict[str, str]
    """Worksheet name → its part in the zip."""
    styles: bytes
    date1904: bool
    strings: SharedStrings
    """The shared strings, each the XML inside its ``<si>``."""
    string_names: _Names | None
    _merged: dict[str, list[str]] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return list(self.sheets)

    def close(self) -> None:
        self.archive.close()

    def merged(self, name: str) -> list[str]:
        """The merged ranges of sheet ``name`` (``A1:B2``), known once its pieces are read."""
        return self._merged.get(name, [])

    def pieces(self, name: str) -> Iterator[RawPiece]:
        """The rows of sheet ``name`` as pieces of XML, the first small and the others about
        :data:`PIECE` bytes."""
        member = self.sheets[name]
        with self._open(member) as stream:
            head = b""
            while b"sheetData" not in head or b">" not in head[head.find(b"sheetData"):]:
                data = stream.read(FIRST_PIECE)
                if not data:
                    raise self._corrupt(msg("workbook.no_sheet_data"))
                head += data
                if len(head) > MAX_PART:
                    raise self._corrupt(msg("workbook.no_sheet_data"))
            names = _names(head, b"worksheet")
            if names is None:
                raise self._corrupt(msg("workbook.no_sheet_data"))
            p = names.prefix
            opened = re.search(rb"<" + re.escape(p) + rb"sheetData\b[^>]*?(/?)>", head)
            if opened is None:
                raise self._corrupt(msg("workbook.no_sheet_data"))
            buffer = head[opened.end():] if not opened.group(1) else b""
            end_tag, row_end = b"</" + p + b"sheetData>", b"</" + p + b"row>"
            size, done, tail = FIRST_PIECE, bool(opened.group(1)), head[opened.end():] if opened.group(1) else b""
            row = re.compile(rb"<" + re.escape(p) + rb"row\b([^>]*)>")
            first = row.search(buffer)
            counted = first is not None and re.search(rb"\sr=", first.group(1)) is None
            before = 0
            while not done:
                closed = buffer.find(end_tag)
                cut = closed if closed != -1 else buffer.rfind(row_end) if len(buffer) >= size else -1
                if cut != -1:
                    if closed == -1:
                        cut += len(row_end)
                    rows = buffer[:cut]
                    if rows.strip():
                        yield RawPiece(names.root + rows, before)
                        before += len(row.findall(rows)) if counted else 0
                    if closed != -1:
                        tail, done = buffer[closed:], True
                        break
                    buffer, size = buffer[cut:], PIECE
                    continue
                data = stream.read(PIECE)
                if not data:
                    raise self._corrupt(msg("workbook.zip_damaged"))
                buffer += data
            merged = []
            while True:  # after the rows: <mergeCells>, read to the end
                merged += [ref.decode("ascii", "replace") for ref in
                           re.findall(rb"<" + re.escape(p) + rb"mergeCell\b[^>]*?\bref=[\"']([^\"']+)", tail)]
                data = stream.read(PIECE)
                if not data:
                    break
                tail = tail[tail.rfind(b">") + 1:] + data  # a tag cut in two is read whole next time
            self._merged[name] = merged

    def read_piece(self, piece: RawPiece) -> Piece:
        """One piece (of :meth:`pieces`) read by calamine."""
        from python_calamine import CalamineError, CalamineWorkbook

        try:
            xml = mini_workbook(piece.xml, self.styles, self.date1904, self.strings,
                                None if self.string_names is None else self.string_names.root)
            book = CalamineWorkbook.from_filelike(io.BytesIO(xml))
            try:
                sheet = book.get_sheet_by_index(0)
                start = sheet.start
                rows = sheet.to_python(skip_empty_area=True) if start is not None else []
            finally:
                book.close()
        except CalamineError as error:
            raise self._corrupt(str(error) or type(error).__name__) from None
        except IndexError as error:
            raise self._corrupt(msg("workbook.bad_string", index=error.args[0])) from None
        if start is None:
            return Piece(piece.rows_before + 1, 0, [])
        return Piece(piece.rows_before + start[0] + 1, start[1], rows)

    def rows(self, name: str, limit: int) -> list[list[Any]]:
        """Sheet ``name`` from cell A1, as a list of rows (at most ``limit``): for small sheets."""
        out: list[list[Any]] = []
        for raw in self.pieces(name):
            piece = self.read_piece(raw)
            out.extend([] for _ in range(min(piece.first_row - 1, limit) - len(out)))
            pad: list[Any] = [None] * piece.first_column
            out.extend(pad + row for row in piece.rows[:max(limit - len(out), 0)])
            if len(out) >= limit:
                break
        return out

    def _open(self, member: str) -> Any:
        try:
            return self.archive.open(member)
        except (KeyError, zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
            raise self._corrupt(str(error) or type(error).__name__) from None

    def _corrupt(self, reason: Any) -> GeneratorError:
        return GeneratorError(msg("workbook.corrupt", path=str(self.path), reason=reason))


def _names(head: bytes, local: bytes) -> _Names | None:
    """The prefix and start tag of the root element ``local`` at the start of a part."""
    found = re.search(rb"<(\w+:)?" + local + rb"\b[^>]*>", head)
    if found is None:
        return None
    root = re.sub(rb"\s(?:count|uniqueCount)=[\"'][^\"']*[\"']", b"", found.group(0))
    return _Names(found.group(1) or b"", root.rstrip(b"/>").rstrip() + b">" if root.endswith(b"/>") else root)


def open_book(path: Path) -> Book:
    """The workbook at ``path`` (a zip, as :func:`is_workbook` told), checked and opened."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise GeneratorError(msg("workbook.corrupt", path=str(path), reason=msg("workbook.zip_damaged"))) from None
    try:
        unpacked = sum(info.file_size for info in archive.infolist())  # from the zip's directory alone
        if too_large(path, unpacked):
            raise GeneratorError(msg("workbook.too_large", path=str(path), size=unpacked // (1 << 20)))
        return _read_book(path, archive)
    except BaseException:
        archive.close()
        raise


def _read_book(path: Path, archive: zipfile.ZipFile) -> Book:
    members = set(archive.namelist())
    main = _target(archive, "_rels/.rels", "", "/officeDocument") or "xl/workbook.xml"
    if main not in members:
        raise GeneratorError(msg("workbook.not_xlsx", path=str(path)))
    base = posixpath.dirname(main)
    rels_name = posixpath.join(base, "_rels", posixpath.basename(main) + ".rels")
    relations = _relations(archive, rels_name, base)
    book_xml = _read(archive, main)
    root = _xml(path, book_xml)
    sheets: dict[str, str] = {}
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "id" and k != "sheetId"), "")
        kind, target = relations.get(rid, ("", ""))
        if kind.endswith("/worksheet") and target in members:
            sheets[element.get("name", "")] = target
    if not sheets:
        raise GeneratorError(msg("workbook.no_sheets", path=str(path)))
    date1904 = re.search(rb"date1904=[\"'](?:1|true)[\"']", book_xml) is not None
    styles = next((t for k, t in relations.values() if k.endswith("/styles") and t in members), None)
    strings = next((t for k, t in relations.values() if k.endswith("/sharedStrings") and t in members), None)
    book = Book(path, archive, sheets, _read(archive, styles) if styles else b"", date1904, SharedStrings(), None)
    if strings is not None:
        _read_strings(book, strings)
    return book


def _read_strings(book: Book, member: str) -> None:
    """The shared strings, streamed: each ``<si>``'s inner XML."""
    with book._open(member) as stream:
        buffer = stream.read(FIRST_PIECE)
        names = _names(buffer, b"sst")
        if names is None:
            return
        p = re.escape(names.prefix)
        item = re.compile(rb"<" + p + rb"si\b[^>]*?(?:/>|>(.*?)</" + p + rb"si>)", re.DOTALL)
        end = b"</" + names.prefix + b"si>"
        buffer = buffer[buffer.find(b">", buffer.find(b"sst")) + 1:]
        while True:
            data = stream.read(PIECE)
            buffer += data
            cut = len(buffer) if not data else buffer.rfind(end)
            if cut == -1:
                continue
            if data:
                cut += len(end)
            book.strings.extend(item.findall(buffer, 0, cut))
            buffer = buffer[cut:]
            if not data:
                break
        book.strings.close()
        book.string_names = names


def _read(archive: zipfile.ZipFile, member: str) -> bytes:
    try:
        with archive.open(member) as stream:
            data = stream.read(MAX_PART + 1)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
        raise GeneratorError(msg("workbook.corrupt", path=str(archive.filename), reason=str(error))) from None
    if len(data) > MAX_PART:
        raise GeneratorError(msg("workbook.too_large", path=str(archive.filename), size=len(data) >> 20))
    return data


def _xml(path: Path, data: bytes) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise GeneratorError(msg("workbook.corrupt", path=str(path), reason=str(error))) from None


def _relations(archive: zipfile.ZipFile, member: str, base: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, part in the zip) of a ``.rels`` part; empty when it is missing."""
    if member not in archive.namelist():
        return {}
    out = {}
    for element in _xml(Path(str(archive.filename)), _read(archive, member)).iter():
        if element.tag.rsplit("}", 1)[-1] == "Relationship" and element.get("TargetMode") != "External":
            target = element.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            out[element.get("Id", "")] = (element.get("Type", ""), part)
    return out


def _target(archive: zipfile.ZipFile, member: str, base: str, kind: str) -> str | None:
    return next((t for k, t in _relations(archive, member, base).values() if k.endswith(kind)), None)
