"""Word files (``.docx``) for ``routines import``: the plain text the text importer reads best.

:func:`read_docx` turns a ``.docx`` into :class:`WordText`: first the document's metadata as
``Etikett: värde`` lines (from a metadata table at the top or at the end, from the page header
or footer: :mod:`generator.authoring.import_docx_meta`, read with python-docx), then its body as
Markdown (mammoth's HTML of it, written by :mod:`generator.authoring.import_docx_markdown`):
headings, lists, tables, links, bold and italic kept, the metadata tables left out. That text
goes to the same :func:`generator.authoring.importer.build_import` as a ``.txt`` file, so a Word
file gets the same proposals, review marks and findings; their lines are the lines of that text
(:meth:`WordText.findings` says so in each).

Pictures are taken out of the document (PNG, JPEG, GIF and WebP: the kinds a browser shows and
the handbook publishes) and named in the text ``bild-1.png`` …; :meth:`WordText.place` names
them after the routine file (``<routine>-bild-1.png`` beside it) once that is known, and
:func:`write_pictures` writes them (called by ``write_imports``, never outside the root).

Nothing in the file is trusted: it is a zip, so its unpacked size is read from the zip directory
(:func:`generator.content.workbook.unpacked_size`) and refused when it is a zip bomb before
anything is unpacked; an old ``.doc`` or a password-protected ``.docx`` (both OLE2 files), a
damaged zip or a zip that is no Word document is refused with what to do; sizes are bounded;
mammoth reads no file outside the document (no linked pictures) and no style map it embeds.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.authoring.import_docx_markdown import SKIPPED_SRC, markdown
from generator.authoring.import_docx_meta import read_metadata
from generator.authoring.import_front_matter import Finding
from generator.content.textfile import MAX_ROUTINE_BYTES, TextProblem, read_bytes
from generator.content.workbook import ENCRYPTED, MAX_RATIO, OLE, ZIP, too_large, unpacked_size
from generator.core.messages import Msg, msg

SUFFIX = ".docx"
MAX_DOCX_BYTES = 64 << 20
"""Bytes a Word file may be (a routine with photographs is a few MB)."""
MAX_DOCX_UNPACKED = 256 << 20
"""Bytes a Word file may unpack to (and at most :data:`~generator.content.workbook.MAX_RATIO`
times its own size): more is a zip bomb."""
MAX_PARTS_UNPACKED = 48 << 20
"""Bytes the parts other than pictures (the XML of the text, styles, headers) may unpack to: the
XML of a routine's 2 MB of text is a few MB; more would take gigabytes to parse."""
MAX_PICTURES = 100
MAX_PICTURE_BYTES = 20 << 20
PICTURE_KINDS = {"image/png": "png", "image/jpeg": "jpg", "image/jpg": "jpg", "image/pjpeg": "jpg",
                 "image/gif": "gif", "image/webp": "webp"}
"""The pictures taken out, by content type, and their file name endings."""
DOCUMENT = "word/document.xml"
QUOTED = 80
"""Characters of a line of the text quoted in a finding."""
WHOLE_TEXT = frozenset({"import.missing", "import.no_title", "import.id_used"})
"""Findings about the text as a whole (at its line 1, by the importer's convention): no line is
named for them."""
STYLE_MAP = "\n".join([
    "p[style-name='Title'] => h1.title:fresh",
    "p[style-name='Rubrik'] => h1.title:fresh",
    "p[style-name='Subtitle'] => p:fresh",
    "p[style-name='Underrubrik'] => p:fresh",
    *(f"p[style-name='Rubrik {n}'] => h{n}:fresh" for n in range(1, 7)),
])
"""Word's Title style (Swedish Word: Rubrik) as the title, and headings of templates that name
them in Swedish; mammoth's own map gives the built-in Heading 1-6 and lists."""


class DocxError(Exception):
    """A Word file that cannot be imported (what :class:`~generator.authoring.importer.SourceError`
    is for a text file); the message says why and what to do."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Picture:
    name: str
    """Its name in the text (``bild-1.png``)."""
    data: bytes


@dataclass
class WordText:
    """A Word file as plain text, with its pictures and what was noticed while reading it."""

    text: str
    pictures: list[Picture] = field(default_factory=list)
    notes: list[tuple[int, Msg]] = field(default_factory=list)
    """(line of :attr:`text`, message): pictures left out, a title from the file's properties."""

    def place(self, body: str, target: Path) -> tuple[str, dict[Path, bytes]]:
        """The body with its pictures named after the routine file ``target`` (``NAME.md`` →
        ``NAME-bild-1.png``), and the pictures to write beside it: those the body still shows."""
        files: dict[Path, bytes] = {}
        for picture in self.pictures:
            name = f"{target.stem}-{picture.name}"
            body, count = re.subn(rf"\]\({re.escape(picture.name)}\)", f"]({name})", body)
            if count:
                files[target.with_name(name)] = picture.data
        return body, files

    def findings(self, findings: Iterable[Finding]) -> list[Finding]:
        """``findings`` with the notes of reading the file; a finding's line in the source is a
        line of :attr:`text`, and each says so."""
        found = list(findings)
        noted = [*(f for f in found if f.where == "source"),
                 *(Finding("source", line, note) for line, note in self.notes),
                 *(f for f in found if f.where != "source")]
        return [Finding(f.where, f.line, self._at_line(f.message, f.line), f.rule, f.quote, f.field)
                if f.where == "source" else f for f in noted]

    def _at_line(self, message: Msg | str, line: int) -> Msg | str:
        """``message`` with the line of :attr:`text` it is about (and that line's text): the
        reader has the Word file, not this text."""
        if isinstance(message, Msg) and message.name in WHOLE_TEXT:
            return message
        lines = self.text.split("\n")
        shown = " ".join(lines[line - 1].split()) if 0 < line <= len(lines) else ""
        if not shown:
            return msg("docx.at_line", message=message, line=line)
        if len(shown) > QUOTED:
            shown = shown[:QUOTED - 1].rstrip() + "…"
        return msg("docx.at_line_quoted", message=message, line=line, text=shown)


def is_docx(path: Path) -> bool:
    return path.suffix.lower() == SUFFIX


def _mb(size: int) -> str:
    return f"{size / 1_048_576:.1f}"


def _gate(path: Path) -> bytes:
    """The file's bytes once it is known to be a Word file that may be unpacked."""
    data = read_bytes(path, MAX_DOCX_BYTES)
    if isinstance(data, TextProblem):
        if data.code == "too-large":
            raise DocxError(msg("docx.too_large", size=_mb(path.stat().st_size), limit=_mb(MAX_DOCX_BYTES)))
        raise DocxError(data.message)
    if data.startswith(OLE):
        raise DocxError(msg("docx.password" if data.find(ENCRYPTED) != -1 else "docx.old_doc"))
    if not data.startswith(ZIP):
        raise DocxError(msg("docx.damaged", reason=msg("docx.not_zip")))
    unpacked = unpacked_size(path)
    if unpacked is None:
        raise DocxError(msg("docx.damaged", reason=msg("docx.zip_damaged")))
    if unpacked > MAX_DOCX_UNPACKED or too_large(path, unpacked):
        raise DocxError(msg("docx.zip_bomb", size=_mb(unpacked), limit=_mb(MAX_DOCX_UNPACKED), ratio=MAX_RATIO))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if sum(info.file_size for info in archive.infolist()) != unpacked:  # changed since
                raise DocxError(msg("docx.damaged", reason=msg("docx.zip_damaged")))
            parts = sum(info.file_size for info in archive.infolist() if not info.filename.startswith("word/media/"))
    except (zipfile.BadZipFile, ValueError):
        raise DocxError(msg("docx.damaged", reason=msg("docx.zip_damaged"))) from None
    if DOCUMENT not in names or "[Content_Types].xml" not in names:
        raise DocxError(msg("docx.not_docx"))
    if parts > MAX_PARTS_UNPACKED:
        raise DocxError(msg("docx.parts_too_large", size=_mb(parts), limit=_mb(MAX_PARTS_UNPACKED)))
    return data


class _Pictures:
    """mammoth's image converter: each picture's bytes kept under a name, or a note why not."""

    def __init__(self) -> None:
        self.pictures: list[Picture] = []
        self.by_digest: dict[bytes, str] = {}
        self.skipped: list[Msg] = []
        self.count = 0

    def skip(self, note: Msg) -> dict[str, str]:
        self.skipped.append(note)
        return {"src": f"{SKIPPED_SRC}{len(self.skipped)}{SKIPPED_SRC}"}

    def __call__(self, image: Any) -> dict[str, str]:
        self.count += 1
        number = self.count
        if number > MAX_PICTURES:
            return self.skip(msg("docx.images_many", limit=MAX_PICTURES)) if number == MAX_PICTURES + 1 else {}
        content_type = str(image.content_type or "").lower()
        kind = PICTURE_KINDS.get(content_type)
        if kind is None:
            shown = content_type.rsplit("/", 1)[-1].removeprefix("x-").upper() or "?"
            return self.skip(msg("docx.image_kind", number=number, kind=shown))
        try:
            with image.open() as handle:
                data = handle.read(MAX_PICTURE_BYTES + 1)
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):
            return self.skip(msg("docx.image_unread", number=number))
        if len(data) > MAX_PICTURE_BYTES:
            return self.skip(msg("docx.image_large", number=number, size=">" + _mb(MAX_PICTURE_BYTES),
                                 limit=_mb(MAX_PICTURE_BYTES)))
        digest = hashlib.sha256(data).digest()
        if digest not in self.by_digest:  # the same picture twice is one file
            name = f"bild-{len(self.pictures) + 1}.{kind}"
            self.pictures.append(Picture(name, data))
            self.by_digest[digest] = name
        return {"src": self.by_digest[digest]}


def _damaged(error: BaseException) -> DocxError:
    part = getattr(error, "filename", None) or ""
    reason = msg("docx.bad_part", part=str(part)) if part else msg("docx.zip_damaged")
    return DocxError(msg("docx.damaged", reason=reason))


def read_docx(path: Path) -> WordText:
    """The text of the Word file at ``path`` (metadata lines, then the body), its pictures and
    notes; raises :class:`DocxError` with what to do when it cannot be read."""
    import docx
    import mammoth  # type: ignore[import-untyped]

    data = _gate(path)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - a file from anywhere: whatever python-docx raises, it is damaged
        raise _damaged(error) from None
    meta = read_metadata(document)
    for table in meta.tables:
        table.getparent().remove(table)
    pictures = _Pictures()
    try:
        body_only = io.BytesIO()
        document.save(body_only)
        body_only.seek(0)
        converted = mammoth.convert_to_html(body_only, style_map=STYLE_MAP, include_embedded_style_map=False,
                                            convert_image=mammoth.images.img_element(pictures))
    except Exception as error:  # noqa: BLE001 - as above, for mammoth
        raise _damaged(error) from None
    if not isinstance(converted.value, str):
        raise DocxError(msg("docx.damaged", reason=msg("docx.zip_damaged")))
    body = markdown(converted.value)
    lines = [f"{label}: {value}" for label, value in meta.pairs]
    notes: list[tuple[int, Msg]] = []
    text = ("\n".join(lines) + "\n\n" if lines else "") + body
    title = _property_title(document, text)
    if title:
        lines.append(f"Titel: {title}")
        notes.append((len(lines), msg("docx.title_property", title=title)))
        text = "\n".join(lines) + "\n\n" + body
    text, skipped = _skipped_lines(text, pictures.skipped)
    notes.extend(skipped)
    size = len(text.encode("utf-8"))
    if size > MAX_ROUTINE_BYTES:
        raise DocxError(msg("docx.text_too_large", size=_mb(size), limit=_mb(MAX_ROUTINE_BYTES)))
    if not text.strip():
        raise DocxError(msg("docx.empty"))
    return WordText(text, pictures.pictures, sorted(notes, key=lambda n: n[0]))


def _property_title(document: Any, text: str) -> str:
    """The title of the file's properties, when the text gives none the text importer finds (no
    title label, no ``#`` title, no first line that reads as one)."""
    from generator.authoring.import_text import parse_text

    parsed = parse_text(text)
    if parsed.title is not None or parsed.values.get("title"):
        return ""
    try:
        title = document.core_properties.title or ""
    except (KeyError, ValueError):
        return ""
    return " ".join(str(title).split())[:200]


def _skipped_lines(text: str, skipped: list[Msg]) -> tuple[str, list[tuple[int, Msg]]]:
    """The text without the markers of pictures left out, and each note at its marker's line."""
    notes = []
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        for found in re.finditer(rf"{SKIPPED_SRC}(\d+){SKIPPED_SRC} ?", line):
            notes.append((number, skipped[int(found[1]) - 1]))
        lines[number - 1] = re.sub(rf"{SKIPPED_SRC}\d+{SKIPPED_SRC} ?", "", line)
    return "\n".join(lines), notes


def write_pictures(files: dict[Path, bytes], root: Path | None) -> Msg | None:
    """Write a routine's pictures beside it (each confined to ``root``); a picture that is there
    already with other bytes is kept as ``NAME.orig`` first, as a routine is. What stopped it, or None."""
    from generator.content.atomic_write import confined, write_atomically
    from generator.core.errors import GeneratorError

    for path, data in files.items():
        try:
            target = confined(path, root, str(path)) if root is not None else path
            old = target.read_bytes() if target.is_file() else None
            if old == data:
                continue
            if old is not None:
                write_atomically(_free_name(target), old, replace=False)
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, data)
        except GeneratorError as error:
            return error.message
        except OSError as error:
            return msg("authoring.cannot_write", file=str(path), reason=error.strerror or str(error))
    return None


def _free_name(target: Path) -> Path:
    for number in range(1, 1000):
        backup = target.with_name(f"{target.name}.orig" + (f"-{number}" if number > 1 else ""))
        if not backup.exists():
            return backup
    raise FileExistsError(str(target.with_name(f"{target.name}.orig")))
