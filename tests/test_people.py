"""routines/people.yaml (SPEC 10): read with lines, each person once, names as routines write them,
accounts that are logins; a data file, never a stray one."""

from __future__ import annotations

import json
from pathlib import Path

from generator.content.people import people_from_text
from generator.content.project import load_project
from tests.conftest import TODAY, make_root, run

ROUTINE = """---
id: T-1
title: Testrutin 1
type: rutin
version: "1.0"
applies_to: [vht]
owner: {{id: own1, name: {owner}, title: Enhetschef}}
approver: {{id: app1, name: Anna Godkänd, title: Verksamhetschef}}
valid_from: 2026-01-01
valid_to: 2027-12-31
---

## Syfte

Text.
"""

PEOPLE = """people:
  - id: own1
    name: Olle Ägare
    title: Enhetschef
    account: olle-agare
  - id: app1
    name: Anna Godkänd
    account: Anna.Godkand_2
"""


def _root(tmp_path: Path, people: str | None, owner: str = "Olle Ägare") -> Path:
    root = make_root(tmp_path)
    (root / "routines" / "t1.md").write_text(ROUTINE.format(owner=owner), encoding="utf-8")
    if people is not None:
        (root / "routines" / "people.yaml").write_text(people, encoding="utf-8")
    return root


def _check(root: Path, *extra: str) -> tuple[int, list[dict[str, object]]]:
    result = run("check", "--root", str(root), "--today", TODAY, "--format", "json", *extra)
    return result.code, json.loads(result.out)["diagnostics"]


def test_people_are_loaded_with_their_lines_and_accounts(tmp_path: Path) -> None:
    project = load_project(_root(tmp_path, PEOPLE))
    assert project.people.present
    assert [(p.id, p.name, p.title, p.account, p.line) for p in project.people.persons.values()] == [
        ("own1", "Olle Ägare", "Enhetschef", "olle-agare", 2), ("app1", "Anna Godkänd", "", "Anna.Godkand_2", 6)]
    assert project.people.account("app1") == "Anna.Godkand_2" and project.people.account("nobody") is None


def test_a_root_without_people_yaml_has_none_and_people_yaml_is_no_stray_file(tmp_path: Path) -> None:
    without = load_project(_root(tmp_path / "a", None))
    assert not without.people.present and without.people.persons == {}
    code, diagnostics = _check(_root(tmp_path / "b", PEOPLE))
    assert (code, diagnostics) == (0, [])  # matching names, plausible accounts, and no stray-file warning


def test_a_name_other_than_people_yaml_is_an_error_at_the_routine_in_swedish(tmp_path: Path) -> None:
    root = _root(tmp_path, PEOPLE, owner="Olle Agare")
    code, diagnostics = _check(root)
    assert code == 1
    assert [(d["file"], d["line"], d["code"]) for d in diagnostics] == [("routines/t1.md", 7, "people-name")]
    swedish = run("check", "--root", str(root), "--today", TODAY, "--lang", "sv")
    assert ("routines/t1.md:7: fel[people-name] personen 'own1' heter 'Olle Agare' här men 'Olle Ägare' i "
            "routines/people.yaml:2; skriv namnet som i people.yaml") in swedish.out


def test_an_id_listed_twice_and_an_account_that_is_no_login_are_errors(tmp_path: Path) -> None:
    people = PEOPLE + ("  - id: own1\n    name: Olle Ägare\n  - id: x1\n    name: X\n    account: anna@vgr.se\n"
                       "  - id: x2\n    name: Y\n    account: Anna Godkänd\n")
    code, diagnostics = _check(_root(tmp_path, people))
    assert code == 1
    assert [(d["file"], d["line"], d["code"]) for d in diagnostics] == [
        ("routines/people.yaml", 9, "duplicate-id"), ("routines/people.yaml", 13, "people-account"),
        ("routines/people.yaml", 16, "people-account")]
    assert "already listed on line 2" in str(diagnostics[0]["message"])
    assert "'anna@vgr.se' of 'x1' is not a user name on the forge" in str(diagnostics[1]["message"])


def test_people_yaml_is_checked_against_its_schema(tmp_path: Path) -> None:
    code, diagnostics = _check(_root(tmp_path, "people:\n  - id: own1\n    name: Olle Ägare\n    acount: olle\n"))
    assert code == 1
    assert [(d["line"], d["code"]) for d in diagnostics] == [(4, "unknown-field")]
    assert "did you mean 'account'" in str(diagnostics[0]["message"])
    people, source = people_from_text("people: [{id: a1}]\n")
    assert people.persons == {} and [d.code for d in source.diagnostics] == ["schema"]
