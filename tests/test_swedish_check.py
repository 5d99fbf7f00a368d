"""``routines check`` in Swedish: whole lines of its diagnostics, the JSON ``message`` in the
chosen language beside the English ``code``, one cache for both languages, and the language
of routines.toml when nothing else is said."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import TODAY, make_root, run

A = """---
id: T-1
title: Testrutin 1
type: rutin
version: 6.0
applies_to: [Testmottagningen]
approver: {id: app1, name: Anna Godkänd, title: Verksamhetschef}
valid_from: 2026-02-30
valid_to: 2027-12-31
---

## Syfte

Se [rutinen](saknas.md).
"""

B = """---
id: T-2
title: Testrutin 2
type: rutin
version: "1.0"
applies_to: [vht]
owner: {id: own1, name: Olle Ägare, title: Enhetschef}
approver: {id: app1, name: Anna Godkänd, title: Verksamhetschef}
valid_from: 2025-01-01
valid_to: 2026-11-01
---

## Syfte

Text.
"""

SWEDISH = [
    "routines/a.md:2: fel[schema] $: det obligatoriska fältet 'owner' saknas",
    ('routines/a.md:5: fel[schema] $.version: här ska det stå text, men det står talet 6.0; sätt det inom '
    'citattecken: "6.0"'),
    ("routines/a.md:6: fel[unknown-unit] okänd enhet 'Testmottagningen' i applies_to (menade du 'mott'?); "
    "använd ett id från routines/organisation.yaml"),
    ("routines/a.md:8: fel[date] $.valid_from: '2026-02-30' är inget verkligt datum; skriv ett datum som "
    "finns, som ÅÅÅÅ-MM-DD"),
    "routines/a.md:14: fel[broken-link] länken 'rutinen' pekar på routines/saknas.md, som inte finns",
    ("routines/b.md:10: fel[expired] rutinen gick ut 2026-11-01 (för 21 dagar sedan); innehållsansvarig ska "
    "revidera den och ange en ny giltighetstid, eller upphäva den"),
]

ENGLISH = [
    "routines/a.md:2: error[schema] $: missing required field 'owner'",
    'routines/a.md:5: error[schema] $.version: expected text, found a number (6.0); put it in quotes: "6.0"',
    ("routines/a.md:6: error[unknown-unit] unknown unit 'Testmottagningen' in applies_to (did you mean "
    "'mott'?); use an id from routines/organisation.yaml"),
    ("routines/a.md:8: error[date] $.valid_from: '2026-02-30' is not a real date; write an existing date as "
    "YYYY-MM-DD"),
    "routines/a.md:14: error[broken-link] link 'rutinen' points to routines/saknas.md, which does not exist",
    ("routines/b.md:10: error[expired] expired on 2026-11-01 (21 days ago); the owner must revise it and set "
    "a new validity period, or withdraw it"),
]


def _root(tmp_path: Path) -> Path:
    root = make_root(tmp_path)
    (root / "routines" / "a.md").write_text(A, encoding="utf-8")
    (root / "routines" / "b.md").write_text(B, encoding="utf-8")
    return root


def test_typical_errors_in_swedish(tmp_path: Path) -> None:
    result = run("check", "--root", str(_root(tmp_path)), "--today", TODAY, "--lang", "sv")
    assert result.code == 1
    assert result.out.splitlines() == SWEDISH


def test_json_message_follows_the_language_and_the_code_stays_english(tmp_path: Path) -> None:
    root = _root(tmp_path)
    payload = json.loads(run("check", "--root", str(root), "--today", TODAY, "--lang", "sv",
                             "--format", "json").out)
    found = {(d["file"], d["line"]): d for d in payload["diagnostics"]}
    assert found["routines/b.md", 10]["code"] == "expired"
    assert found["routines/b.md", 10]["message"] == SWEDISH[-1].split("fel[expired] ")[1]
    assert found["routines/a.md", 6]["code"] == "unknown-unit"
    assert found["routines/a.md", 6]["message"] == (
        "okänd enhet 'Testmottagningen' i applies_to (menade du 'mott'?); använd ett id från "
        "routines/organisation.yaml")
    english = json.loads(run("check", "--root", str(root), "--today", TODAY, "--lang", "en",
                             "--format", "json").out)
    assert [d["code"] for d in english["diagnostics"]] == [d["code"] for d in payload["diagnostics"]]
    assert english["diagnostics"][0]["message"] == "$: missing required field 'owner'"


@pytest.mark.parametrize(("first", "second"), [("sv", "en"), ("en", "sv")])
def test_the_cache_keeps_the_message_not_its_text(tmp_path: Path, first: str, second: str) -> None:
    root = _root(tmp_path)
    lines = {"sv": SWEDISH, "en": ENGLISH}
    assert run("check", "--root", str(root), "--today", TODAY, "--lang", first).out.splitlines() == lines[first]
    cache = Path(os.environ["ROUTINES_CACHE_DIR"])
    shards = list(cache.rglob("shard-*.json"))
    assert shards  # the second run reads the routines from the cache
    stored = "".join(p.read_text(encoding="utf-8") for p in shards)
    assert "check.missing_field" in stored and "obligatoriska" not in stored and "missing required" not in stored
    assert run("check", "--root", str(root), "--today", TODAY, "--lang", second).out.splitlines() == lines[second]


def test_the_language_of_routines_toml_when_nothing_else_is_said(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROUTINES_LANG")
    root = _root(tmp_path)
    assert run("check", "--root", str(root), "--today", TODAY).out.splitlines() == SWEDISH
    (root / "routines.toml").write_text('language = "en"\n', encoding="utf-8")
    assert run("check", "--root", str(root), "--today", TODAY).out.splitlines() == ENGLISH


def test_yaml_schema_and_file_problems_in_swedish(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    routines = root / "routines"
    (routines / "tom.md").write_text("", encoding="utf-8")
    (routines / "lista.md").write_text("---\n- a\n- b\n---\n", encoding="utf-8")
    (routines / "syntax.md").write_text(B.replace("applies_to: [vht]", "applies_to: [vht"), encoding="utf-8")
    (routines / "latin1.md").write_bytes(B.encode("cp1252"))
    (routines / "falt.md").write_text(B.replace('version: "1.0"', 'version: "1.0"\ncolour: blå')
                                      .replace("title: Testrutin 2", "title: ''"), encoding="utf-8")
    result = run("check", "--root", str(root), "--today", "2026-01-10", "--lang", "sv")
    assert result.out.splitlines() == [
        "routines/falt.md:3: fel[schema] $.title: texten får inte vara tom",
        ("routines/falt.md:6: fel[unknown-field] $.colour: okänt fält 'colour'; tillåtna här: id, title, type, "
        "version, status, applies_to, owner, reviewers, content_reviewers, approver, valid_from, valid_to, "
        "revision_note, related, tags, rules"),
        ("routines/latin1.md:7: fel[encoding] filen är inte UTF-8: byte 0xC4 ('Ä' i Windows-1252) på rad 7, "
        "kolumn 30; spara filen som UTF-8"),
        ("routines/lista.md:1: fel[front-matter] fälten i början av filen ska vara rader med nyckel: värde, men "
        "här står en lista"),
        ("routines/syntax.md:6: fel[yaml-syntax] YAML-syntaxfel: ',' eller ']' förväntades på rad 7, kolumn 6, "
        "i listan inom hakparenteser som börjar här (kolumn 13)"),
        "routines/tom.md:1: fel[empty-file] filen är tom; en rutin börjar med sina fält mellan två rader '---'",
    ]
