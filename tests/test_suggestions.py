"""Misspelled and shortened references get the nearest ids, names and aliases (issue 14, item 3)."""

from __future__ import annotations

import json
from pathlib import Path

from generator.core.messages import messages
from generator.core.suggest import did_you_mean
from tests.conftest import REPO, copy_demo, run


def test_did_you_mean_reads_well() -> None:
    en, sv = messages("en"), messages("sv")
    assert did_you_mean([]) == ""
    assert en.text(did_you_mean(["a"])) == " (did you mean 'a'?)"
    assert en.text(did_you_mean(["a", "b", "c"])) == " (did you mean 'a', 'b' or 'c'?)"
    assert sv.text(did_you_mean(["a", "b"])) == " (menade du 'a' eller 'b'?)"


def test_a_misspelled_unit_and_a_word_of_a_case_type_on_the_command_line() -> None:
    unit = run("due", "--root", str(REPO), "--unit", "su-bcc-mot", "--case-type", "Förnya recept",
               "--at", "2026-04-02T09:15")
    assert unit.code == 2 and "unknown unit 'su-bcc-mot' (did you mean 'su-bcc-mott'" in unit.err
    case_type = run("due", "--root", str(REPO), "--unit", "su-bcc-mott", "--case-type", "klagomål",
                    "--at", "2026-04-02T09:15")
    assert case_type.code == 2
    assert "unknown case type 'klagomål' (did you mean 'synpunkter-klagomal'?)" in case_type.err
    obligations = run("obligations", "--root", str(REPO), "--unit", "Ögonmottagningen Mölndl")
    assert obligations.code == 2 and "(did you mean 'su-ogon-mott'" in obligations.err


def test_a_misspelled_unit_in_a_routine_and_a_role_in_a_roster(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    routine = root / "routines" / "su-ogon" / "1177-e-tjanster-ogonmottagningen.md"
    text = routine.read_text(encoding="utf-8")
    assert "su-ogon-mott" in text
    routine.write_text(text.replace("applies_to: [su-ogon-mott]", "applies_to: [su-ogon-mot]"), encoding="utf-8")
    check = run("check", "--root", str(root), "--today", "2026-06-01", "--format", "json", "--no-cache")
    messages = [d["message"] for d in json.loads(check.out)["diagnostics"] if d["code"] == "unknown-unit"]
    assert messages and messages[0].startswith("unknown unit 'su-ogon-mot' in applies_to (did you mean "
                                               "'su-ogon-mott'")
    roster = tmp_path / "roster.yaml"
    roster.write_text("assignments:\n  - {person: anna, role: ärendemottagre, unit: su-bcc-mott, from: 2026-06-01,"
                      " to: 2026-06-30}\n", encoding="utf-8")
    roles = run("roles", "--root", str(REPO), "--roster", str(roster), "--from", "2026-06-08", "--to", "2026-06-12",
                "--format", "json")
    errors = json.loads(roles.out)["errors"]
    assert errors and "unknown role 'ärendemottagre' (did you mean 'arendemottagare'" in errors[0]["message"]


def test_a_mistyped_command_or_option_gets_what_was_meant() -> None:
    command = run("chek", "--root", str(REPO))
    assert command.code == 2 and command.err.rstrip().endswith("(did you mean 'check'?)")
    option = run("check", "--stict", "--root", str(REPO))
    assert option.code == 2 and option.err.rstrip().endswith("unrecognized arguments: --stict (did you mean '--strict'?)")
    value = run("check", "--format", "jsn", "--root", str(REPO))
    assert value.code == 2 and value.err.rstrip().endswith("(did you mean 'json'?)")


def test_options_are_not_abbreviated() -> None:
    # --form is not --format: a shortened option is a mistake to point out, not to guess at
    result = run("check", "--form", "json", "--root", str(REPO), "--today", "2026-06-01")
    assert result.code == 2 and result.out == ""
    assert "unrecognized arguments: --form json (did you mean '--format'?)" in result.err
