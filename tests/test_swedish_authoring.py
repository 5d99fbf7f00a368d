"""import, export, new and renew in Swedish (the default language): their reports, findings,
questions and errors, whole lines, with real files in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import TODAY, copy_demo, run

SU = "SU9771-677637494-103"
OWNER = "Anna Andersson, (anna01), Enhetschef"
APPROVER = "Thorsteinn Gunnarsson, (thogu14), Verksamhetschef"

HYGIEN = """# Handhygien

Dokument-ID: TEST-HYG-1

Gäller för: Barncancercentrum; Okänd mottagnin

Innehållsansvar: Maria Eriksson, Enhetschef

Godkänd av: Thorsteinn Gunnarsson, (thogu14), Verksamhetschef

Giltig från: 1 mars

Giltig till: 2028-02-28

Version: 2,1

Version: 2.2

## Syfte

Att minska smitta.

## Ansvar

Om en kurator är frånvarande mer än två dagar ska någon annan ta över.

Ärenden ska besvaras inom två vardagar.
"""
"""A routine exported as Markdown, with a problem on most lines: an unknown unit, an owner
without an id, a date without a year, two versions, no Handlingstyp, an absence rule without a role."""


def _lines(text: str) -> list[str]:
    return text.splitlines()


def test_import_reports_what_to_review_in_swedish(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    source = tmp_path / "hygien.md"
    source.write_text(HYGIEN, encoding="utf-8")
    out = tmp_path / "ut"
    result = run("import", "--root", str(root), "--out", str(out), "--lang", "sv", str(source))
    assert result.code == 1
    written = out / "routines" / "handhygien.md"
    assert _lines(result.out) == [
        f"skrev {written} (från {source})",
        (f"  {source}:15: granska: Version anges med olika värden: '2,1' (rad 15), '2.2' (rad 17); det första "
        "används, kontrollera vilket som stämmer"),
        (f"  {source}:5: granska: Gäller för 'Okänd mottagnin' är inte namnet eller ett alias för en enhet i "
        "routines/organisation.yaml; skrivs som 'okand-mottagnin', vilket check rapporterar tills du ersätter "
        "det med ett enhets-id (eller lägger till enheten)"),
        (f"  {source}:7: granska: Innehållsansvar 'Maria Eriksson, Enhetschef' saknar id: skriv det som "
        "'Namn, (id), Titel' (id:t inom parentes)"),
        f"  {source}:11: granska: Giltig från '1 mars' är inte ett datum som ÅÅÅÅ-MM-DD",
        f"  {source}:1: granska: saknas i texten: Handlingstyp; lägg till `type:` i rutinen",
        (f"  {source}:17: granska: står kvar i brödtexten under Övriga uppgifter om dokumentet (fälten rymmer dem "
         "inte, eller inte helt): Version"),
        (f"  {source}:25: granska: 'Om en kurator är frånvarande mer än två dagar ska någon annan ta över.' låter "
        "som en frånvaroregel men nämner ingen roll i routines/catalog.yaml; inte föreslagen (lägg till regeln "
        "för hand)"),
        (f"  {written}:15: granska: föreslagen regel deadlines 'svarstid' (alla ärendetyper inom 2 vardagar) ur "
        "'Ärenden ska besvaras inom två vardagar.'"),
    ]
    assert _lines(result.err) == [
        ("skrev 1 av 1 fil; 8 punkter att granska: jämför varje föreslagen regel med texten och ta sedan bort "
        "dess rad `review:`"),
        (f"kopierade routines/organisation.yaml och routines/catalog.yaml från {root} till {out}, så att "
        f"'routines check --root {out}' fungerar"),
    ]
    # what the importer writes is the same in either language: Swedish routine text and YAML
    english = run("import", "--root", str(root), "--out", str(tmp_path / "en"), "--lang", "en", str(source))
    assert (tmp_path / "en" / "routines" / "handhygien.md").read_bytes() == written.read_bytes()
    assert f"  {source}:11: review: Giltig från '1 mars' is not a date as YYYY-MM-DD" in _lines(english.out)


def test_import_json_tells_its_messages_in_swedish_and_keeps_its_keys(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    source = tmp_path / "hygien.md"
    source.write_text(HYGIEN, encoding="utf-8")
    empty = tmp_path / "tom.txt"
    empty.write_text("\n", encoding="utf-8")
    result = run("import", "--root", str(root), "--out", str(tmp_path / "ut"), "--format", "json",
                 "--lang", "sv", str(source), str(empty))
    assert result.code == 2
    first, second = json.loads(result.out)["imports"]
    assert {"file": str(source), "line": 11, "message": "Giltig från '1 mars' är inte ett datum som ÅÅÅÅ-MM-DD",
            "rule": None, "quote": None} in first["review"]
    assert second["error"] == "filen är tom; exportera rutinen som text igen"


def test_import_errors_in_swedish(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    cp1252 = tmp_path / "ansi.txt"
    cp1252.write_bytes("Gäller för: SU\n".encode("cp1252"))
    routine = tmp_path / "rutin.md"
    routine.write_text("---\nid: X\n---\n", encoding="utf-8")
    result = run("import", "--root", str(root), "--dry-run", "--lang", "sv", str(cp1252), str(routine))
    assert result.code == 2
    assert _lines(result.err) == [
        (f"routines: fel: {cp1252}: filen är inte sparad som UTF-8: byte 0xE4 ('ä' i Windows-1252) på rad 1, "
        "kolumn 2 (byte 1 räknat från början); spara den som UTF-8 (i Word: Spara som, Oformaterad text, "
        "Unicode UTF-8) och importera den igen"),
        (f"routines: fel: {routine}: det här är redan en rutinfil (den börjar med fält mellan två rader ---); "
        "kopiera den till routines/ i stället för att importera den"),
        "skulle skriva 0 av 2 filer; 0 punkter att granska",
    ]
    both = run("import", "--root", str(root), "--title", "X", "--lang", "sv", str(cp1252), str(routine))
    assert _lines(both.err) == ["routines: fel: --title gäller en rutin: ange exakt en FILE tillsammans med den"]


def test_new_asks_again_in_swedish_with_the_nearest_units(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    answers = f"Omfrågad rutin\nsu-bcc-mot\nsu-bcc\nAnna Andersson anna01\n{OWNER}\n{APPROVER}\n"
    result = run("new", "--root", str(root), "--today", TODAY, "--lang", "sv", stdin=answers)
    assert result.code == 0, result.err
    assert _lines(result.out) == [("skrev routines/su-bcc/omfragad-rutin.md (RUT-su-bcc-2026-001), giltig från "
                                  "2026-11-22 till 2028-11-22")]
    assert _lines(result.err) == [
        ("Titel: Enhet: id, namn eller alias:   okänd enhet 'su-bcc-mot' (menade du 'su-bcc-mott', 'su-bcc' eller "
        "'su-ogon-mott'?); ange ett id, ett namn eller ett alias från routines/organisation.yaml"),
        ("Enhet: id, namn eller alias: Innehållsansvarig som 'Namn, (id), Titel':   --owner 'Anna Andersson anna01' "
        "är inte skrivet som 'Namn, (id), Titel'; till exempel 'Anna Andersson, (anna01), Enhetschef'"),
        ("Innehållsansvarig som 'Namn, (id), Titel': Godkänd av som 'Namn, (id), Titel': nästa steg: skriv "
        "avsnitten och kör sedan 'routines check'"),
    ]
    # the file itself is the same whatever the language: Swedish routine text
    assert "revision_note: Ny rutin.\n" in (root / "routines/su-bcc/omfragad-rutin.md").read_text(encoding="utf-8")


def test_new_gives_up_and_refuses_in_swedish(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    gave_up = run("new", "--root", str(root), "--today", TODAY, "--lang", "sv", stdin="Rutin\nx\ny\nz\n")
    assert gave_up.code == 2
    assert _lines(gave_up.err)[-1] == ("routines: fel: inget användbart svar på 'Enhet: id, namn eller alias' "
                                       "efter 3 försök; ingenting skrevs")
    same = run("new", "--root", str(root), "--today", TODAY, "--lang", "sv", "--title", "T", "--unit", "su-bcc",
               "--owner", OWNER, "--approver", "Anna Andersson, (anna01), Chef")
    assert _lines(same.err) == [("routines: fel: innehållsansvarig och godkännare är samma person; en rutin ska "
                                "godkännas av någon annan än den innehållsansvarige")]
    asked = run("new", "--root", str(root), "--today", TODAY, "--lang", "sv", "--title", "T")
    assert _lines(asked.err) == [("routines: fel: ange --unit, --owner, --approver: standard in är ingen terminal, "
                                 "så frågorna kan inte ställas")]


def test_renew_in_swedish(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    asked = run("renew", SU, "--root", str(root), "--today", TODAY, "--lang", "sv", "--dry-run",
                stdin="Ny period.\n")
    assert asked.code == 0
    assert _lines(asked.err) == [("Revideringar i version 7.0: provkörning: "
                                 "routines/su/1177-e-tjanster-rollbeskrivning.md skrevs inte")]
    result = run("renew", SU, "--root", str(root), "--today", TODAY, "--lang", "sv", "--note", "Ny period.")
    assert result.code == 0, result.err
    assert _lines(result.out) == [("förnyade routines/su/1177-e-tjanster-rollbeskrivning.md (SU9771-677637494-103): "
                                  "version 6.0 -> 7.0, giltig från 2026-11-22 till 2028-11-22")]
    lower = run("renew", SU, "--root", str(root), "--today", TODAY, "--lang", "sv", "--version", "7.0",
                "--note", "x")
    assert _lines(lower.err) == [("routines: fel: --version 7.0 är inte högre än nuvarande version 7.0; en "
                                 "förnyelse kräver en ny version")]
    unknown = run("renew", SU[:-1], "--root", str(root), "--today", TODAY, "--lang", "sv", "--note", "x")
    assert _lines(unknown.err) == [(f"routines: fel: ingen rutin har id:t '{SU[:-1]}' (menade du '{SU}'?); ange id:t "
                                   "som står i rutinens fält id (routines check listar varje fil)")]
    late = run("renew", SU, "--root", str(root), "--today", TODAY, "--lang", "sv", "--version", "8.0",
               "--valid-to", "2030-01-01", "--note", "x")
    assert _lines(late.err) == [("routines: fel: valid_to 2030-01-01 ligger mer än 2 år efter valid_from 2026-11-22; "
                                "den längsta giltighetstiden för typen 'rutin' slutar 2028-11-22")]


def test_export_in_swedish(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    out = tmp_path / "texter"
    result = run("export", "DEMO-OGON-1177", "NO-SUCH", "--root", str(root), "--out", str(out), "--lang", "sv")
    assert result.code == 2
    assert _lines(result.out) == [(f"skrev {out / 'DEMO-OGON-1177.txt'} "
                                  "(från routines/su-ogon/1177-e-tjanster-ogonmottagningen.md)")]
    assert _lines(result.err) == [
        ("routines: obs: DEMO-OGON-1177: rutinens 1 regel är inte med i textformatet; en import föreslår regler ur "
        "texten igen, för granskning"),
        (f"routines: fel: NO-SUCH: ingen rutin har id:t eller filen 'NO-SUCH' i {root}/routines; ange ett "
        "Dokument-ID (fältet `id:` i rutinen) eller en rutins fil"),
    ]
    again = run("export", "DEMO-OGON-1177", "--root", str(root), "--out", str(out), "--lang", "sv")
    assert _lines(again.err) == [(f"routines: fel: DEMO-OGON-1177: {out / 'DEMO-OGON-1177.txt'} finns redan; ange "
                                 "--force för att skriva över den")]
    # the exported text is the plain-text format, Swedish labels in either language
    assert "**Dokument-ID:** DEMO-OGON-1177" in (out / "DEMO-OGON-1177.txt").read_text(encoding="utf-8")


def test_authoring_help_in_swedish() -> None:
    result = run("import", "--help", "--lang", "sv")
    assert "  --dry-run             visa vad som skulle skrivas; skriv ingenting" in _lines(result.out)
    renew = run("renew", "--help", "--lang", "sv")
    assert "  --dry-run             visa ändringen som en diff; skriv ingenting" in _lines(renew.out)
