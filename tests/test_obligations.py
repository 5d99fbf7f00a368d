"""Derived obligations on the demo content: inheritance, selectors, exceptions, traces."""

from __future__ import annotations

import json

from tests.conftest import REPO, run


def _unit(unit: str) -> dict:
    result = run("obligations", "--root", str(REPO), "--format", "json", "--unit", unit)
    assert result.code == 0, result.err
    units = json.loads(result.out)["units"]
    assert len(units) == 1
    return units[0]


def test_bcc_mottagning_inherits_su_and_bcc() -> None:
    ob = _unit("su-bcc-mott")
    assert [(r["id"], r["via"], r["inherited"]) for r in ob["routines"]] == [
        ("SU9774-1570060579-84", "su-bcc", True),
        ("SU9771-677637494-103", "su", True),
    ]


def test_deadlines_per_case_type_after_exceptions() -> None:
    deadlines = {d["case_type"]: d["rules"] for d in _unit("su-bcc-mott")["deadlines"]}
    complaint = {(r["routine"], r["rule"], r["within_vardagar"], r["partial_answer_counts"])
                 for r in deadlines["synpunkter-klagomal"]}
    assert complaint == {("SU9771-677637494-103", "svarstid-synpunkter", 1, False),
                         ("SU9774-1570060579-84", "synpunkter-delsvar", 1, True)}
    recipe = {(r["rule"], r["within_vardagar"], r["partial_answer_counts"]) for r in deadlines["fornya-recept"]}
    assert recipe == {("svarstid", 2, False), ("svarstid", 2, True)}
    for rules in deadlines.values():
        for rule in rules:
            assert rule["file"].startswith("routines/") and rule["line"] > 1


def test_required_and_declared_services_with_the_missing_ones() -> None:
    services = _unit("Barncancercentrum öppenvårdsmottagning")["services"]  # by name
    missing = [m["any_of"] for m in services["missing"]]
    assert missing == [["egenremiss"], ["kontakt-bokning"]]
    assert ["kontakt-avboka-omboka", "av-omboka-tid"] in [r["any_of"] for r in services["required"]]
    declared = {d["case_type"] for d in services["declared"]}
    assert "av-omboka-tid" in declared and "egenremiss" not in declared


def test_webbtidboken_exception_drops_the_contact_service() -> None:
    services = _unit("su-ogon-mott")["services"]
    required = [r["any_of"] for r in services["required"]]
    assert ["av-omboka-tid"] in required  # the contact alternative is dropped
    assert not any("kontakt-avboka-omboka" in r for r in required)
    assert services["missing"] == []


def test_selectors_keep_slutenvard_out_of_the_basutbud() -> None:
    ob = _unit("su-bcc-avd321")
    assert ob["services"]["required"] == []
    assert [d["case_type"] for d in ob["services"]["declared"]] == ["synpunkter-klagomal"]
    assert ob["roles"] == []  # role rules select mottagningar (SU) and öppenvård (BCC)


def test_roles_and_recurring_tasks_of_a_mottagning() -> None:
    ob = _unit("su-ogon-mott")
    roles = {(r["routine"], r["role"], r["min"], r["cover_absence_over_arbetsdagar"]) for r in ob["roles"]}
    assert ("SU9771-677637494-103", "arendemottagare", 1, 2) in roles
    assert ob["roles"][0]["cover_from"] == ["unit", "verksamhet"]
    assert [(t["rule"], t["every"], t["role"]) for t in ob["recurring"]] == [("veckogenomgang", "week", "arendemottagare")]


def test_units_above_a_routine_get_nothing_from_it() -> None:
    ob = _unit("vgr")
    assert ob["routines"] == [] and ob["deadlines"] == [] and ob["roles"] == []


def test_all_units_in_text() -> None:
    result = run("obligations", "--root", str(REPO))
    assert result.code == 0
    assert result.out.startswith("Västra Götalandsregionen (vgr, region)")
    assert ("    Synpunkter och klagomål: 1 working day (a partial answer counts) "
            "[SU9774-1570060579-84#synpunkter-delsvar]; 1 working day [SU9771-677637494-103#svarstid-synpunkter]"
            ) in result.out.splitlines()
    assert "required: Egenremiss [SU9771-677637494-103#basutbud] MISSING" in result.out


def test_unknown_unit_is_a_usage_error() -> None:
    result = run("obligations", "--root", str(REPO), "--unit", "nowhere")
    assert result.code == 2
    assert "unknown unit 'nowhere'" in result.err
