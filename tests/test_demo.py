"""The bundled demo content: its diagnostics are a golden file, its facts are the seeds'."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import REPO, TODAY, run

GOLDEN = Path(__file__).resolve().parent / "golden"


def _golden(name: str, actual: str) -> str:
    path = GOLDEN / name
    if os.environ.get("REGEN"):
        path.write_text(actual, encoding="utf-8")
    return path.read_text(encoding="utf-8")


def test_demo_check_golden() -> None:
    result = run("check", "--root", str(REPO), "--today", TODAY)
    assert result.out == _golden("demo-check.txt", result.out)
    assert result.code == 0  # warnings only
    assert "0 errors, 3 warnings in 3 routine files" in result.err


def test_demo_shows_the_real_offerings_finding() -> None:
    result = run("check", "--root", str(REPO), "--today", TODAY, "--format", "json")
    diags = json.loads(result.out)["diagnostics"]
    offerings = [d for d in diags if d["code"] == "offerings"]
    assert len(offerings) == 1
    finding = offerings[0]
    assert finding["severity"] == "warning"
    assert finding["file"] == "routines/su-bcc/1177-vardguidens-e-tjanster.md"
    assert "su-bcc-mott" in finding["message"]
    assert "Egenremiss, Kontakt för bokning av tid" in finding["message"]
    assert "basutbud" in finding["message"]


def test_demo_strict_fails_on_warnings() -> None:
    assert run("check", "--root", str(REPO), "--today", TODAY, "--strict").code == 1


def test_demo_placeholder_links_of_the_su_seed() -> None:
    result = run("check", "--root", str(REPO), "--today", TODAY)
    placeholders = [line for line in result.out.splitlines() if "placeholder-link" in line]
    assert len(placeholders) == 2
    assert all(line.startswith("routines/su/1177-e-tjanster-rollbeskrivning.md:") for line in placeholders)


def test_demo_expires_on_its_real_date() -> None:
    """SU's routine is valid to 2027-03-25: a warning from 90 days before, an error after."""
    warned = run("check", "--root", str(REPO), "--today", "2026-12-25")
    assert "warning[expiring] expires on 2027-03-25, in 90 days" in warned.out
    assert run("check", "--root", str(REPO), "--today", "2026-12-24").out.count("expiring") == 0
    expired = run("check", "--root", str(REPO), "--today", "2027-03-26")
    assert "error[expired] expired on 2027-03-25 (1 day ago)" in expired.out
    assert expired.code == 1


def test_demo_keeps_every_seed_fact_in_front_matter() -> None:
    from generator.content.frontmatter import split
    from generator.content.yamlsafe import load_yaml

    def data(rel: str) -> dict:
        parts = split((REPO / rel).read_text(encoding="utf-8"))
        return load_yaml(parts.front_matter).data

    su = data("routines/su/1177-e-tjanster-rollbeskrivning.md")
    assert su["id"] == "SU9771-677637494-103" and su["version"] == "6.0" and su["type"] == "rutin"
    assert su["owner"] == {"id": "marer154", "name": "Maria Eriksson", "title": "Systemspecialist"}
    assert su["approver"] == {"id": "boemo", "name": "Boel Mörck", "title": "Direktör"}
    assert (su["valid_from"], su["valid_to"]) == ("2025-03-25", "2027-03-25")
    assert su["applies_to"] == ["su"]
    assert "1177 e-tjänster" in su["revision_note"]
    rules = su["rules"]
    assert [d["within_vardagar"] for d in rules["deadlines"]] == [2, 1]
    assert rules["deadlines"][1]["case_types"] == ["synpunkter-klagomal"]
    assert rules["offerings"][0]["unless"] == [{"when": {"webbtidboken": True}, "drop": ["kontakt-avboka-omboka"]}]
    assert {r["role"] for r in rules["roles"]} == {"arendemottagare", "arendehanterare",
                                                    "lokal-administrator", "behorighetsadministrator"}
    assert all(r["cover_absence_over_arbetsdagar"] == 2 for r in rules["roles"])
    assert rules["recurring"][0]["every"] == "week"

    bcc = data("routines/su-bcc/1177-vardguidens-e-tjanster.md")
    assert bcc["id"] == "SU9774-1570060579-84" and bcc["version"] == "5.0"
    assert bcc["reviewers"] == [{"id": "jenbr33", "name": "Jenny Brühn", "title": "Verksamhetsutvecklare"}]
    assert bcc["content_reviewers"][0]["name"] == "Marie Hallengren"
    assert bcc["approver"]["id"] == "thogu14"
    assert (bcc["valid_from"], bcc["valid_to"]) == ("2026-02-17", "2028-02-16")
    assert [r["title"] for r in bcc["related"]] == ["SU information", "Regional information"]
    offers = {o["id"]: o for o in bcc["rules"]["offers"]}
    assert len(offers["oppenvard"]["case_types"]) == 8
    assert offers["slutenvard"]["case_types"] == ["synpunkter-klagomal"]
    assert bcc["rules"]["deadlines"][0]["partial_answer_counts"] is True


def test_demo_bodies_keep_every_section() -> None:
    su = (REPO / "routines/su/1177-e-tjanster-rollbeskrivning.md").read_text(encoding="utf-8")
    for heading in ("Syfte", "Arbetsbeskrivning", "Roller", "Dokumentation", "Ansvar",
                    "Uppföljning, utvärdering och revision"):
        assert f"\n## {heading}\n" in su
    assert "Vid frånvaro" in su and "mer än två arbetsdagar" in su
    bcc = (REPO / "routines/su-bcc/1177-vardguidens-e-tjanster.md").read_text(encoding="utf-8")
    for heading in ("Syfte", "Arbetsbeskrivning", "Roller", "Arbetsflöde",
                    "Att besvara ärenden i 1177 Vårdguidens e-tjänster", "Ansvar",
                    "Uppföljning, utvärdering och revision"):
        assert f"\n## {heading}\n" in bcc
    assert "- a) Om ett inkommit" in bcc and "- b) I övriga fall" in bcc
