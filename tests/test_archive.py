"""``routines archive``: the demo's published, valid routines as PDF/A-2b.

No PDF/A validator can be installed here (veraPDF is a Java program not offered by the package
registries this project uses), so the tests read the PDF itself, with pypdf, for the markers a
validator checks first: the XMP packet (pdfaid:part 2, conformance B, the routine's properties
and the extension schema describing them), an output intent with an ICC profile, every font
embedded, no encryption, a document ID; and each page's text for the footer.
"""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import copy_demo, run

pypdf = pytest.importorskip("pypdf")

TODAY = "2026-11-22"
SU = "SU9771-677637494-103"
FILES = ["DEMO-OGON-1177-v1.0.pdf", f"{SU}-v6.0.pdf", "SU9774-1570060579-84-v5.0.pdf"]
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
ROUTINE = "{urn:x-routine-handbook:routine:1.0/}"


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Any]:
    tmp = tmp_path_factory.mktemp("archive")
    root = copy_demo(tmp)
    (root / "routines.toml").write_text('title = "Rutinhandboken"\nbase_url = "https://rutiner.example.org/"\n',
                                        encoding="utf-8")
    out = tmp / "arkiv"
    result = run("archive", "--root", str(root), "--out", str(out), "--today", TODAY, "--lang", "sv")
    assert result.code == 0, result.err
    return root, out, result


def _reader(path: Path) -> Any:
    return pypdf.PdfReader(str(path))


def _xmp(reader: Any) -> ET.Element:
    data = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    return ET.fromstring(data)


def test_each_published_valid_routine_is_one_file_named_by_id_and_version(archived: Any) -> None:
    _, out, result = archived
    assert sorted(p.name for p in out.iterdir()) == FILES
    assert f"skrev {SU}-v6.0.pdf (1177 e-tjänster rollbeskrivning)" in result.out
    assert result.out.rstrip().endswith(f"3 rutiner i PDF/A-2b i {out}; 0 rutiner hoppades över")


def test_the_xmp_says_pdfa_2b_and_holds_the_routines_facts(archived: Any) -> None:
    _, out, _ = archived
    xmp = _xmp(_reader(out / f"{SU}-v6.0.pdf"))
    descriptions = xmp.findall(f".//{RDF}Description")
    assert any(d.get(f"{PDFAID}part") == "2" and d.get(f"{PDFAID}conformance") == "B" for d in descriptions)
    facts = {e.tag.removeprefix(ROUTINE): e.text for e in xmp.iter() if e.tag.startswith(ROUTINE)}
    assert facts == {"documentId": SU, "version": "6.0", "owner": "Maria Eriksson", "approver": "Boel Mörck",
                     "validFrom": "2025-03-25", "validTo": "2027-03-25"}
    assert xmp.find(".//{http://purl.org/dc/elements/1.1/}identifier").text == SU  # type: ignore[union-attr]
    assert xmp.find(".//{http://ns.adobe.com/xap/1.0/mm/}VersionID").text == "6.0"  # type: ignore[union-attr]
    title = xmp.find(".//{http://purl.org/dc/elements/1.1/}title//" + RDF + "li")
    assert title is not None and title.text == "1177 e-tjänster rollbeskrivning"
    # PDF/A allows properties of its own namespace only when an extension schema describes each one
    schema = "{http://www.aiim.org/pdfa/ns/schema#}"
    prop = "{http://www.aiim.org/pdfa/ns/property#}"
    assert xmp.find(f".//{schema}namespaceURI").text == ROUTINE.strip("{}")  # type: ignore[union-attr]
    assert sorted(e.text or "" for e in xmp.iter(f"{prop}name")) == sorted(facts)


def test_the_document_information_matches(archived: Any) -> None:
    _, out, _ = archived
    info = _reader(out / f"{SU}-v6.0.pdf").metadata
    assert info["/Title"] == "1177 e-tjänster rollbeskrivning"
    assert info["/Author"] == "Maria Eriksson"
    assert info["/DocumentId"] == SU and info["/Version"] == "6.0"
    assert info["/Owner"] == "Maria Eriksson" and info["/Approver"] == "Boel Mörck"
    assert info["/ValidFrom"] == "2025-03-25" and info["/ValidTo"] == "2027-03-25"
    assert "giltigt 2025-03-25–2027-03-25" in info["/Subject"]


@pytest.mark.parametrize("name", FILES)
def test_pdfa_markers_fonts_embedded_colour_profile_no_encryption(archived: Any, name: str) -> None:
    _, out, _ = archived
    data = (out / name).read_bytes()
    assert data.startswith(b"%PDF-1.7") and b"/Encrypt" not in data
    reader = _reader(out / name)
    assert not reader.is_encrypted
    ids = reader.trailer["/ID"]
    assert len(ids) == 2 and all(len(getattr(i, "original_bytes", b"")) >= 16 for i in ids)
    intents = reader.trailer["/Root"]["/OutputIntents"]
    assert [i.get_object()["/S"] for i in intents] == ["/GTS_PDFA1"]
    profile = intents[0].get_object()["/DestOutputProfile"].get_object()
    icc = profile.get_data()
    assert icc[36:40] == b"acsp" and icc[16:20] == b"RGB " and profile["/N"] == 3
    fonts = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]:
                descriptor = descendant["/FontDescriptor"].get_object()
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), descendant["/BaseFont"]
                fonts += 1
    assert fonts


def _sheets(path: Path) -> list[str]:
    return [" ".join(unicodedata.normalize("NFKC", page.extract_text()).split()) for page in _reader(path).pages]


def test_every_page_carries_the_footer(archived: Any) -> None:
    _, out, _ = archived
    sheets = _sheets(out / f"{SU}-v6.0.pdf")
    assert len(sheets) >= 2
    notice = f"Utskriven kopia {TODAY} – gällande version finns på https://rutiner.example.org/rutiner/{SU}.html"
    for number, text in enumerate(sheets, 1):
        # the address may break over two lines of the footer
        assert re.sub(r"\s", "", notice) in re.sub(r"\s", "", text), (number, text)
        assert f"{SU} version 6.0" in text and f"sida {number} av {len(sheets)}" in text, (number, text)
        assert text.count("Utskriven kopia") == 1


def test_the_same_run_writes_the_same_bytes(archived: Any, tmp_path: Path) -> None:
    root, out, _ = archived
    again = tmp_path / "igen"
    assert run("archive", SU, "--root", str(root), "--out", str(again), "--today", TODAY).code == 0
    assert (again / f"{SU}-v6.0.pdf").read_bytes() == (out / f"{SU}-v6.0.pdf").read_bytes()


def test_json_report_in_english(archived: Any, tmp_path: Path) -> None:
    root, _, _ = archived
    result = run("archive", "DEMO-OGON-1177", "--root", str(root), "--out", str(tmp_path / "a"),
                 "--today", TODAY, "--format", "json")
    assert result.code == 0, result.err
    payload = json.loads(result.out)
    assert payload["variant"] == "pdf/a-2b" and payload["skipped"] == []
    assert payload["written"] == [{"id": "DEMO-OGON-1177", "version": "1.0", "title": payload["written"][0]["title"],
                                   "file": "DEMO-OGON-1177-v1.0.pdf", "pages": payload["written"][0]["pages"]}]


def test_an_unknown_id_names_the_nearest(archived: Any, tmp_path: Path) -> None:
    root, _, _ = archived
    result = run("archive", "SU9771-677637494-10", "--root", str(root), "--out", str(tmp_path / "a"))
    assert result.code == 2
    assert f"no routine with id 'SU9771-677637494-10' (did you mean '{SU}'?)" in result.err
    assert not (tmp_path / "a").exists()


def test_a_named_routine_that_is_not_valid_is_skipped_with_exit_1(archived: Any, tmp_path: Path) -> None:
    root, _, _ = archived
    result = run("archive", SU, "--root", str(root), "--out", str(tmp_path / "a"), "--today", "2030-01-01",
                 "--lang", "sv")
    assert result.code == 1
    assert f"hoppade över {SU}: inte giltig 2030-01-01" in result.out
    assert not (tmp_path / "a").exists()


def test_never_written_outside_out(archived: Any, tmp_path: Path) -> None:
    root, _, _ = archived
    result = run("archive", "--root", str(root), "--out", str(root / "routines" / "arkiv"), "--today", TODAY)
    assert result.code == 2 and "inside the content's own folders" in result.err
    out, elsewhere = tmp_path / "a", tmp_path / "elsewhere.pdf"
    out.mkdir()
    elsewhere.write_bytes(b"kept")
    (out / "DEMO-OGON-1177-v1.0.pdf").symlink_to(elsewhere)
    result = run("archive", "DEMO-OGON-1177", "--root", str(root), "--out", str(out), "--today", TODAY)
    assert result.code == 2, result.out
    assert elsewhere.read_bytes() == b"kept"


def test_a_file_name_keeps_to_safe_characters() -> None:
    from generator.handbook.archive import css_string, file_name

    assert file_name("../../x", "1/2") == "_.._.._x-v1_2.pdf"
    assert file_name("SU-1", "3.0") == "SU-1-v3.0.pdf"
    assert css_string('a"b\\c\nd') == '"a\\22 b\\5c c\\a d"'
