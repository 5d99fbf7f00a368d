"""``routines import FILE.docx``: Word files written here with python-docx, in the layouts document
systems use (a metadata table at the top, in the page header, at the end, a row of labels over a
row of values), imported through the command line as a text file is."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches

from tests.conftest import make_root, run

TOP = [("Dokumenttitel", "Handhygien på mottagningen"), ("Dokument-ID", "TEST-HH-7"), ("Version", "3"),
       ("Innehållsansvarig", "Karin Exempelsson, (karex1), Enhetschef"),
       ("Godkänd av", "Per Provsson, (perpr2), Verksamhetschef"),
       ("Giltig från", "2026-01-15"), ("Giltig till", "2028-01-15"), ("Gäller för", "Testmottagningen"),
       ("Handlingstyp", "Rutin")]
"""The metadata the tests' documents state (labels the text importer knows)."""
EXPECTED = {"id": "TEST-HH-7", "title": "Handhygien på mottagningen", "version": "3",
            "applies_to": ["mott"], "owner": {"name": "Karin Exempelsson", "id": "karex1", "title": "Enhetschef"},
            "approver": {"name": "Per Provsson", "id": "perpr2", "title": "Verksamhetschef"},
            "valid_from": date(2026, 1, 15), "valid_to": date(2028, 1, 15), "type": "rutin"}


def png(red: int = 255) -> bytes:
    """A PNG of one pixel."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes([0, red, 0, 0])))
            + chunk(b"IEND", b""))


def label_table(container: Any, pairs: list[tuple[str, str]], width: int = 2) -> None:
    """A table of label | value cells (``width`` 4: two pairs a row)."""
    table = container.add_table(rows=0, cols=width) if hasattr(container, "add_paragraph") and width else None
    assert table is not None
    for start in range(0, len(pairs), width // 2):
        cells = table.add_row().cells
        for offset, (label, value) in enumerate(pairs[start:start + width // 2]):
            cells[2 * offset].text, cells[2 * offset + 1].text = label, value


def add_link(paragraph: Any, text: str, url: str) -> None:
    """A hyperlink (``#name``: to a bookmark of the document)."""
    link = OxmlElement("w:hyperlink")
    if url.startswith("#"):
        link.set(qn("w:anchor"), url[1:])
    else:
        link.set(qn("r:id"), paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True))
    run_element = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run_element.append(text_element)
    link.append(run_element)
    paragraph._p.append(link)


BULLETS = 90
"""The numbering of the tests' bulleted lists: two levels (python-docx's template has one)."""


def bullets(document: Any) -> None:
    """Add the numbering :data:`BULLETS` to ``document``."""
    numbering = document.part.numbering_part.element
    levels = "".join(f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
                     f'<w:lvlText w:val="-"/></w:lvl>' for level in (0, 1))
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{BULLETS}">{levels}</w:abstractNum>')
    numbering.insert(0, abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{BULLETS}">'
                               f'<w:abstractNumId w:val="{BULLETS}"/></w:num>'))


def bullet(document: Any, text: str, level: int = 0) -> None:
    num = document.add_paragraph(text)._p.get_or_add_pPr().get_or_add_numPr()
    num.get_or_add_ilvl().val = level
    num.get_or_add_numId().val = BULLETS


def body(document: Any, *, title: bool = True) -> None:
    """The body every layout shares: headings, text in bold and italic, lists, a table, a link,
    a picture and a deadline the importer proposes as a rule."""
    if title:
        document.add_paragraph("Handhygien på mottagningen", style="Title")
    document.add_heading("Syfte", 1)
    purpose = document.add_paragraph("Rutinen ska ge ")
    purpose.add_run("säker").bold = True
    purpose.add_run(" och ")
    purpose.add_run("enhetlig").italic = True
    purpose.add_run(" handhygien.")
    document.add_heading("Arbetsbeskrivning", 1)
    bullets(document)
    bullet(document, "Spritas före varje patientkontakt")
    bullet(document, "också efter handskar", 1)
    bullet(document, "Tvätta vid synlig smuts")
    document.add_paragraph("Blöt händerna", style="List Number")
    document.add_paragraph("Tvåla in", style="List Number")
    table = document.add_table(rows=3, cols=2)
    for row, (role, duty) in enumerate([("Roll", "Ansvar"), ("Sjuksköterska", "Följer rutinen"),
                                        ("Enhetschef", "Följer upp | mäter")]):
        table.cell(row, 0).text, table.cell(row, 1).text = role, duty
    document.add_heading("Ärenden", 2)
    document.add_paragraph("Ärenden som inkommer via 1177 ska besvaras inom två vardagar.")
    more = document.add_paragraph("Läs mer på ")
    add_link(more, "1177 för vårdpersonal", "https://www.1177.se/handhygien")
    more.add_run(". Bilagan: ")
    add_link(more, "blankett", "file:///G:/Rutiner/blankett.docx")
    more.add_run(", se ")
    add_link(more, "Syfte", "#_Toc1")
    more.add_run(".")
    document.add_picture(io.BytesIO(png()), width=Inches(1))
    document.inline_shapes[0]._inline.docPr.set("descr", "Handtvätt i sex steg")


def write(path: Path, document: Any) -> Path:
    document.save(str(path))
    return path


def imported(tmp_path: Path, source: Path, *extra: str) -> tuple[Any, Path]:
    root = make_root(tmp_path)
    result = run("import", "--root", str(root), *extra, str(source))
    return result, root


def routine(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    front, rest = text.removeprefix("---\n").split("\n---\n", 1)
    return yaml.safe_load(front), rest


def assert_body(text: str, picture: str = "handhygien-pa-mottagningen-bild-1.png") -> None:
    assert "## Syfte" in text and "## Arbetsbeskrivning" in text and "### Ärenden" in text
    assert "Rutinen ska ge **säker** och *enhetlig* handhygien." in text
    assert "- Spritas före varje patientkontakt\n  - också efter handskar\n- Tvätta vid synlig smuts" in text
    assert "1. Blöt händerna\n2. Tvåla in" in text
    assert ("| Roll | Ansvar |\n| --- | --- |\n| Sjuksköterska | Följer rutinen |\n"
            "| Enhetschef | Följer upp \\| mäter |") in text
    assert ("Läs mer på [1177 för vårdpersonal](https://www.1177.se/handhygien). Bilagan: blankett "
            "(file:///G:/Rutiner/blankett.docx), se Syfte.") in text  # only web links are links
    assert f"![Handtvätt i sex steg]({picture})" in text
    for label, _ in TOP:  # the metadata left the body
        assert f"{label}:" not in text and f"| {label} |" not in text


def test_a_metadata_table_at_the_top(tmp_path: Path) -> None:
    document = docx.Document()
    label_table(document, TOP)
    body(document)
    result, root = imported(tmp_path, write(tmp_path / "handhygien.docx", document))
    assert result.code == 1, result.err  # the proposed rule is to review
    written = root / "routines" / "mott" / "handhygien-pa-mottagningen.md"
    data, text = routine(written)
    assert {key: data[key] for key in EXPECTED} == EXPECTED
    deadline = data["rules"]["deadlines"][0]
    assert deadline["within_vardagar"] == 2 and deadline["review"]
    assert_body(text)
    assert (written.parent / "handhygien-pa-mottagningen-bild-1.png").read_bytes() == png()
    written.write_text(written.read_text(encoding="utf-8").replace(f"      review: {deadline['review']}\n", ""),
                       encoding="utf-8")
    checked = run("check", "--root", str(root), "--today", "2026-11-22")
    assert checked.code == 0, checked.out  # its picture, links and table pass too


def test_metadata_in_the_page_header(tmp_path: Path) -> None:
    document = docx.Document()
    header = document.sections[0].header
    table = header.add_table(rows=2, cols=4, width=Inches(6))
    for column, text in enumerate(TOP[1] + TOP[2]):  # label | value | label | value
        table.cell(0, column).text = text
    table.cell(1, 0).text = "Region Test"
    table.cell(1, 1).paragraphs[0].text = TOP[5][0]  # the label over its value, in one cell
    table.cell(1, 1).add_paragraph(TOP[5][1])
    table.cell(1, 2).paragraphs[0].text = f"{TOP[6][0]}: {TOP[6][1]}"  # a cell of label: value lines
    table.cell(1, 2).add_paragraph(f"{TOP[8][0]}: {TOP[8][1]}")
    header.paragraphs[0].text = f"{TOP[3][0]}: {TOP[3][1]}\t{TOP[4][0]}: {TOP[4][1]}"
    first = document.sections[0]
    first.different_first_page_header_footer = True  # the first page's header says it again
    first.first_page_header.paragraphs[0].text = f"{TOP[1][0]}: {TOP[1][1]}"
    footer = document.sections[0].footer
    footer.paragraphs[0].text = f"Gäller för: {TOP[7][1]}\tSida 1 av 2"
    body(document)
    result, root = imported(tmp_path, write(tmp_path / "sidhuvud.docx", document))
    assert result.code == 1, result.err
    data, text = routine(root / "routines" / "mott" / "handhygien-pa-mottagningen.md")
    assert {key: data[key] for key in EXPECTED} == EXPECTED  # the title from the Title style
    assert_body(text)
    assert "Sida 1 av 2" not in text and "Region Test" not in text  # the page's furniture is no part of it
    assert "different values" not in result.out  # the id of both headers is one value


def test_a_title_only_in_the_files_properties_is_taken_with_a_note(tmp_path: Path) -> None:
    document = docx.Document()
    label_table(document, [pair for pair in TOP if pair[0] != "Dokumenttitel"])
    document.core_properties.title = "Handhygien på mottagningen"
    body(document, title=False)
    result, root = imported(tmp_path, write(tmp_path / "egenskaper.docx", document))
    data, _ = routine(root / "routines" / "mott" / "handhygien-pa-mottagningen.md")
    assert {key: data[key] for key in EXPECTED} == EXPECTED
    assert ("the title is read from the Word file's properties (File > Info > Title), 'Handhygien på "
            "mottagningen', since the document states none; check that it is the routine's title (line 9 of "
            "the text read from the Word file: 'Titel: Handhygien på mottagningen')") in result.out


def test_metadata_at_the_end_and_a_body_without_a_title_style(tmp_path: Path) -> None:
    document = docx.Document()
    body(document, title=False)
    document.add_paragraph("Dokumentinformation")
    label_table(document, TOP, width=4)
    result, root = imported(tmp_path, write(tmp_path / "slut.docx", document))
    assert result.code == 1, result.err
    data, text = routine(root / "routines" / "mott" / "handhygien-pa-mottagningen.md")
    assert {key: data[key] for key in EXPECTED} == EXPECTED
    assert_body(text)


def test_a_row_of_labels_over_a_row_of_values(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=6, cols=3)
    for row, pairs in enumerate([TOP[:3], TOP[3:6], TOP[6:]]):
        for column, (label, value) in enumerate(pairs):
            table.cell(2 * row, column).text = label
            table.cell(2 * row + 1, column).text = value
    body(document)
    result, root = imported(tmp_path, write(tmp_path / "barium.docx", document))
    assert result.code == 1, result.err
    data, text = routine(root / "routines" / "mott" / "handhygien-pa-mottagningen.md")
    assert {key: data[key] for key in EXPECTED} == EXPECTED
    assert_body(text)


def test_tables_of_the_body_that_name_a_label_stay_in_the_body(tmp_path: Path) -> None:
    document = docx.Document()
    label_table(document, TOP)
    body(document)
    roles = document.add_table(rows=3, cols=2)
    for row, (role, duty) in enumerate([("Roll", "Ansvar"), ("Innehållsansvarig", "Håller rutinen aktuell"),
                                        ("Medarbetare", "Följer rutinen")]):
        roles.cell(row, 0).text, roles.cell(row, 1).text = role, duty
    history = document.add_table(rows=3, cols=4)
    for row, cells in enumerate([("Version", "Datum", "Ändring", "Godkänd av"),
                                 ("1", "2024-01-10", "Ny rutin", "Per Provsson"),
                                 ("2", "2025-02-11", "Nya bilder", "Per Provsson")]):
        for column, text in enumerate(cells):
            history.cell(row, column).text = text
    result, root = imported(tmp_path, write(tmp_path / "tabeller.docx", document))
    assert result.code == 1, result.err
    data, text = routine(root / "routines" / "mott" / "handhygien-pa-mottagningen.md")
    assert {key: data[key] for key in EXPECTED} == EXPECTED  # not the history's first version
    assert "| Innehållsansvarig | Håller rutinen aktuell |" in text
    assert "| 2 | 2025-02-11 | Nya bilder | Per Provsson |" in text


def test_a_finding_names_and_quotes_the_line_of_the_text_read_from_the_word_file(tmp_path: Path) -> None:
    document = docx.Document()
    label_table(document, [(label, "snart" if label == "Giltig till" else value) for label, value in TOP
                           if label != "Handlingstyp"])
    body(document)
    result, _ = imported(tmp_path, write(tmp_path / "snart.docx", document), "--format", "json")
    entry = json.loads(result.out)["imports"][0]
    by_message = {r["message"]: r for r in entry["review"] if r["file"].endswith("snart.docx")}
    date = next(m for m in by_message if "'snart'" in m)
    assert date.endswith(f"(line {by_message[date]['line']} of the text read from the Word file: "
                         "'Giltig till: snart')")
    assert by_message[date]["line"] == 7
    missing = next(m for m in by_message if m.startswith("not in the text: Handlingstyp"))
    assert "Word file" not in missing  # about the whole text: no line to name


def test_dry_run_writes_neither_the_routine_nor_its_picture(tmp_path: Path) -> None:
    document = docx.Document()
    label_table(document, TOP)
    body(document)
    result, root = imported(tmp_path, write(tmp_path / "prov.docx", document), "--dry-run")
    assert "![Handtvätt i sex steg](handhygien-pa-mottagningen-bild-1.png)" in result.out
    assert not (root / "routines" / "mott").exists()


def test_out_dir_and_force_keep_a_changed_picture(tmp_path: Path) -> None:
    document = docx.Document()
    label_table(document, TOP)
    body(document)
    source = write(tmp_path / "ut.docx", document)
    out = tmp_path / "ny"
    first = run("import", "--root", str(make_root(tmp_path)), "--out", str(out), str(source))
    assert first.code == 1, first.err
    picture = out / "routines" / "mott" / "handhygien-pa-mottagningen-bild-1.png"
    assert picture.read_bytes() == png()
    document = docx.Document()
    label_table(document, TOP)
    body(document)
    document.add_picture(io.BytesIO(png(red=10)), width=Inches(1))
    picture.write_bytes(png(red=99))  # edited by hand since
    again = run("import", "--root", str(tmp_path / "root"), "--out", str(out), "--force",
                str(write(tmp_path / "ut.docx", document)))
    assert again.code == 1, again.err
    assert picture.read_bytes() == png()
    assert picture.with_name(picture.name + ".orig").read_bytes() == png(red=99)
    assert picture.with_name("handhygien-pa-mottagningen-bild-2.png").read_bytes() == png(red=10)


def test_a_picture_a_browser_cannot_show_is_left_out_with_a_note(tmp_path: Path) -> None:
    document = docx.Document()
    label_table(document, TOP)
    body(document)
    source = write(tmp_path / "emf.docx", document)
    patched = tmp_path / "emf2.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b'Extension="png" ContentType="image/png"',
                                    b'Extension="png" ContentType="image/x-emf"')
            new.writestr(info, data)
    result, root = imported(tmp_path, patched)
    _, text = routine(root / "routines" / "mott" / "handhygien-pa-mottagningen.md")
    assert "Handtvätt i sex steg" in text and "bild-1" not in text
    assert not list((root / "routines" / "mott").glob("*.png"))
    assert "picture 1 is in the format EMF, which a browser does not show" in result.out


def _bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            for _ in range(64):
                member.write(b"\0" * (1 << 20))
    return path


@pytest.mark.parametrize(("name", "content", "said"), [
    ("gammal.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
     ("a Word document in the old format (.doc), which cannot be read; open it in Word and save it as a Word "
     "Document (.docx), or as plain text (.txt, UTF-8)")),
    ("losen.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "EncryptionInfo".encode("utf-16-le"),
     "the Word file is protected by a password and cannot be read"),
    ("trasig.docx", b"PK\x03\x04" + b"\x14\0" * 40,
     ("the Word file is damaged and cannot be read (the zip archive is damaged or cut short); open it in Word "
     "and save it again as a Word Document (.docx), or as plain text (.txt, UTF-8)")),
    ("text.docx", b"Dokument-ID: X-1\n", "the Word file is damaged and cannot be read (it is no zip archive"),
])
def test_files_that_are_no_readable_word_file(tmp_path: Path, name: str, content: bytes, said: str) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    result, root = imported(tmp_path, source)
    assert result.code == 2
    assert f"routines: error: {source}: " in result.err and said in result.err
    assert not list((root / "routines").rglob("*.md"))


def test_a_cut_word_file_and_a_zip_that_is_no_word_file(tmp_path: Path) -> None:
    document = docx.Document()
    label_table(document, TOP)
    body(document)
    whole = write(tmp_path / "hel.docx", document).read_bytes()
    cut = tmp_path / "avklippt.docx"
    cut.write_bytes(whole[: len(whole) // 2])
    other = tmp_path / "annan.docx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
    result, _ = imported(tmp_path, cut)
    assert result.code == 2 and "the Word file is damaged" in result.err
    result = run("import", "--root", str(tmp_path / "root"), str(other))
    assert result.code == 2 and "the file is a zip archive but no Word document" in result.err


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    source = _bomb(tmp_path / "bomb.docx")
    assert source.stat().st_size < 1 << 20
    result, _ = imported(tmp_path, source)
    assert result.code == 2
    assert "the Word file unpacks to 64.0 MB, more than a document does" in result.err


def test_text_and_formatting_beyond_what_a_routine_needs_are_not_parsed(tmp_path: Path) -> None:
    source = tmp_path / "stor.docx"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_STORED) as archive:  # no zip bomb: it packs to its size
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            for _ in range(49):
                member.write(b" " * (1 << 20))
    result, _ = imported(tmp_path, source)
    assert result.code == 2
    assert "the Word file's text and formatting unpack to 49.0 MB, more than the 48.0 MB" in result.err


def test_the_errors_are_swedish_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROUTINES_LANG")
    source = tmp_path / "gammal.docx"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    result, _ = imported(tmp_path, source)
    assert ("filen är ett Word-dokument i det gamla formatet (.doc), som inte kan läsas; öppna det i Word och "
            "spara det som Word-dokument (.docx), eller som oformaterad text (.txt, UTF-8)") in result.err


def test_the_labels_of_other_document_systems_in_a_header_and_a_table_at_the_end(tmp_path: Path) -> None:
    """Barium's row of labels in the header, and a table at the end in the words of other systems
    (Dokumentansvarig, Fastställd av, Giltig fr.o.m. with a date written out, Giltig t.o.m.)."""
    document = docx.Document()
    header = document.sections[0].header.add_table(rows=2, cols=3, width=Inches(6))
    for column, (label, value) in enumerate([("Dokumentnamn", "Handhygien på mottagningen"),
                                             ("Dokumentnummer", "TEST-HH-7"), ("Version", "3")]):
        header.cell(0, column).text, header.cell(1, column).text = label, value
    body(document)
    label_table(document, [("Dokumentansvarig", "Karin Exempelsson, Enhetschef, Testmottagningen (karex1)"),
                           ("Fastställd av", "Per Provsson (perpr2)"), ("Giltig fr.o.m.", "1 september 2025"),
                           ("Giltig t.o.m.", "2027-09-01"), ("Denna rutin gäller för", "Testmottagningen"),
                           ("Dokumenttyp", "Rutin")])
    result, root = imported(tmp_path, write(tmp_path / "barium.docx", document))
    assert result.code == 1, result.err
    data, text = routine(root / "routines" / "mott" / "handhygien-pa-mottagningen.md")
    assert {key: data[key] for key in EXPECTED} == {
        **EXPECTED, "owner": {"name": "Karin Exempelsson", "id": "karex1", "title": "Enhetschef, Testmottagningen"},
        "approver": {"name": "Per Provsson", "id": "perpr2"}, "valid_from": date(2025, 9, 1),
        "valid_to": date(2027, 9, 1)}
    assert_body(text)
    assert "Fastställd av" not in text and "Dokumentnummer" not in text


def test_damaged_parts_are_an_error_or_an_import_never_a_traceback(tmp_path: Path) -> None:
    """Word files with bytes of one part changed, cut out or put in (as a broken download or a
    hostile file has them): each is imported or refused with a message."""
    import random

    document = docx.Document()
    label_table(document, TOP)
    body(document)
    with zipfile.ZipFile(write(tmp_path / "hel.docx", document)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    chance = random.Random(17)
    root = make_root(tmp_path)
    names = ["word/document.xml", "word/numbering.xml", "word/styles.xml", "[Content_Types].xml",
             "word/_rels/document.xml.rels"]
    inserts = [b"<w:tbl>", b"</w:tc>", b'<w:gridSpan w:val="-3"/>', b"&amp;", b"\xff\xfe",
               b'<w:numPr><w:ilvl w:val="99"/><w:numId w:val="7"/></w:numPr>']
    outcomes = set()
    for number in range(40):
        name = names[number % len(names)]
        data = bytearray(parts[name])
        for _ in range(chance.randint(1, 4)):
            at = chance.randrange(len(data))
            if chance.random() < 0.5:
                del data[at:at + chance.randint(1, 40)]
            else:
                data[at:at] = chance.choice(inserts)
        source = tmp_path / f"skadad-{number}.docx"
        with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
            for part, content in parts.items():
                archive.writestr(part, bytes(data) if part == name else content)
        result = run("import", "--root", str(root), "--dry-run", str(source))
        assert result.code in (1, 2), result.err
        if result.code == 2:
            assert "the Word file is damaged" in result.err or "no Word document" in result.err, result.err
        outcomes.add(result.code)
    assert outcomes == {1, 2}  # some still read, some refused
