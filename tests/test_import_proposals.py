"""The rules ``routines import`` proposes from Swedish sentences (issue 17): deadlines with other
verbs, in arbetsdagar, timmar and dygn, "övriga ärenden" that never override a specific rule,
time limits in patient care that are no case deadlines; recurring duties in every phrasing, with
the task from the main clause."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.authoring.import_text import parse_text
from generator.authoring.proposals import propose
from generator.content.project import load_project
from generator.core.messages import messages

CORPUS = Path(__file__).resolve().parent / "import_corpus"
EN = messages("en")


def _propose(text: str) -> tuple[dict, list[str]]:
    project = load_project(CORPUS)
    parsed = parse_text(f"Arbetsbeskrivning\n\n{text}\n")
    proposed = propose(parsed.blocks, project.organisation, project.catalog, ["su"])
    return proposed.rules, [EN.text(m) for _, m in proposed.notes]


def _deadlines(text: str) -> list[tuple[str, object, str, int]]:
    rules, _ = _propose(text)
    return [(r["id"], r["case_types"], next(k for k in r if k.startswith("within_")), r[next(
        k for k in r if k.startswith("within_"))]) for r in rules.get("deadlines", [])]


# --- deadlines --------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "within"), [
    ("Svar ska skickas till patienten senast inom fem vardagar.", ("within_vardagar", 5)),
    ("Ärendena ska vara handlagda inom tio arbetsdagar.", ("within_vardagar", 10)),
    ("Inkomna ärenden ska registreras inom två arbetsdagar.", ("within_vardagar", 2)),
    ("Ärenden ska besvaras inom 24 timmar.", ("within_timmar", 24)),
    ("Ärenden ska besvaras inom en timme.", ("within_timmar", 1)),
    ("Ärenden ska ha besvarats inom tre dygn.", ("within_dygn", 3)),
    ("Ärenden ska besvaras inom tjugofyra timmar.", ("within_timmar", 24)),
])
def test_deadlines_with_other_verbs_and_units(sentence: str, within: tuple[str, int]) -> None:
    assert _deadlines(sentence) == [("svarstid", "*", *within)]


def test_arbetsdagar_are_vardagar_and_say_so() -> None:
    rules, _ = _propose("Ärendena ska vara handlagda inom tio arbetsdagar.")
    assert rules["deadlines"][0]["note"] == "Texten säger arbetsdagar: räknas som vardagar."


def test_ovriga_arenden_except_the_case_types_with_their_own_deadline() -> None:
    # one sentence with two limits: each belongs to its own part of it
    assert _deadlines("Ärenden i tjänsten Kontakta mig ska besvaras inom 24 timmar, övriga ärenden inom två "
                      "arbetsdagar.") == [("svarstid-kontakta-mig", ["kontakta-mig"], "within_timmar", 24),
                                          ("svarstid", "*", "within_vardagar", 2)]
    rules, _ = _propose("Ärenden i tjänsten Kontakta mig ska besvaras inom 24 timmar, övriga ärenden inom två "
                        "arbetsdagar.\n\nSynpunkter och klagomål ska besvaras inom tre dygn.")
    general = next(r for r in rules["deadlines"] if r["case_types"] == "*")
    assert general["except"] == ["kontakta-mig", "synpunkter-klagomal"]  # never over a specific rule
    # "Övriga ärenden" in a sentence of its own, after the specific ones
    assert _deadlines("Förnya recept ska besvaras inom en vardag. Övriga ärenden besvaras inom tre arbetsdagar.") == [
        ("svarstid-fornya-recept", ["fornya-recept"], "within_vardagar", 1), ("svarstid", "*", "within_vardagar", 3)]


def test_a_sentence_without_a_case_type_goes_on_with_the_paragraphs_last() -> None:
    assert _deadlines("Synpunkter och klagomål ska vara handlagda inom tio arbetsdagar. Den som lämnat synpunkten "
                      "ska få en bekräftelse inom två arbetsdagar.") == [
        ("svarstid-synpunkter-klagomal", ["synpunkter-klagomal"], "within_vardagar", 10),
        ("svarstid-synpunkter-klagomal-2", ["synpunkter-klagomal"], "within_vardagar", 2)]


@pytest.mark.parametrize("sentence", [
    "De patienter som inte klarar sitt eget födointag inom 3 dygn behöver nutritionsstöd.",
    "Provtagning för MRSA ska ske inom 24 timmar efter inskrivning.",
    "Patienten ska behandlas inom tre dygn.",
    "Remiss till patienten skickas inom 3 dygn.",
])
def test_a_clinical_time_limit_is_noted_not_proposed(sentence: str) -> None:
    rules, notes = _propose(sentence)
    assert "deadlines" not in rules
    assert notes == [(f"'{sentence}' reads like a time limit in patient care, not a deadline for cases; not "
                     "proposed as a rule")]


def test_a_time_limit_that_names_no_case_is_noted() -> None:
    rules, notes = _propose("Beslutet ska registreras i verksamhetssystemet inom en arbetsdag.")
    assert "deadlines" not in rules
    assert notes == [("'Beslutet ska registreras i verksamhetssystemet inom en arbetsdag.' reads like a time limit "
                     "but names no case nor case type; not proposed as a rule")]


def test_case_handling_in_a_sentence_about_care_is_still_a_deadline() -> None:
    assert _deadlines("Ärenden om provsvar ska besvaras inom två vardagar.") == [
        ("svarstid", "*", "within_vardagar", 2)]


# --- recurring duties -------------------------------------------------------------------------


def _recurring(text: str) -> list[dict]:
    rules, _ = _propose(text)
    return [{k: v for k, v in r.items() if k not in ("review", "units")} for r in rules.get("recurring", [])]


@pytest.mark.parametrize(("sentence", "every"), [
    ("Ärendemottagaren går igenom ärendena 1 gång/månad.", "month"),
    ("Ärendemottagaren går igenom ärendena en gång i veckan.", "week"),
    ("Ärendemottagaren går igenom ärendena en gång om året.", "year"),
    ("Ärendemottagaren går igenom ärendena minst en gång per år.", "year"),
    ("Ärendemottagaren går igenom ärendena 1 gång per dygn.", "day"),
    ("Ärendemottagaren går igenom ärendena varje dag.", "day"),
    ("Ärendemottagaren går igenom ärendena varje vecka.", "week"),
    ("Ärendemottagaren går igenom ärendena varje månad.", "month"),
    ("Ärendemottagaren går igenom ärendena dagligen.", "day"),
    ("Ärendemottagaren går igenom ärendena veckovis.", "week"),
    ("Ärendemottagaren går igenom ärendena månadsvis.", "month"),
    ("Ärendemottagaren går igenom ärendena årligen.", "year"),
    ("Ärendemottagaren går igenom ärendena varje fredag.", "week"),
])
def test_recurring_phrases(sentence: str, every: str) -> None:
    [rule] = _recurring(sentence)
    assert (rule["role"], rule["every"], rule["task"]) == ("arendemottagare", every,
                                                           "Ärendemottagaren går igenom ärendena")
    assert "note" not in rule


def test_n_times_per_period_keeps_the_period_and_says_n() -> None:
    [rule] = _recurring("Sjuksköterskan dokumenterar vikten 3 gånger per vecka.")
    assert (rule["every"], rule["task"]) == ("week", "Sjuksköterskan dokumenterar vikten")
    assert rule["note"] == "Texten säger ”3 gånger per vecka”; regeln ger ett tillfälle per vecka."


@pytest.mark.parametrize(("sentence", "task", "note"), [
    ("Ärendemottagaren fördelar inkomna ärenden varje dag som mottagningen är öppen.",
     "Ärendemottagaren fördelar inkomna ärenden", "Texten säger också ”som mottagningen är öppen”."),
    ("Varje dag som mottagningen är öppen ska ärendemottagaren fördela inkomna ärenden.",
     "Fördela inkomna ärenden", "Texten säger också ”som mottagningen är öppen”."),
    ("Ärendemottagaren ansvarar för att en gång per vecka se över att handläggningen har påbörjats.",
     "Se över att handläggningen har påbörjats", None),
    ("Sjuksköterskan ska varje vecka kontrollera läkemedelsförrådet.", "Kontrollera läkemedelsförrådet", None),
    ("Minst en gång per år ska verksamhetschefen gå igenom rutinen.", "Gå igenom rutinen", None),
    ("När mottagningen är öppen ska undersköterskan varje dag kontrollera akutvagnen.",
     "Kontrollera akutvagnen", None),
    ("Bedömningen ska följas upp minst en gång per år av sjuksköterskan.",
     "Bedömningen ska följas upp av sjuksköterskan", None),
])
def test_the_task_is_the_main_clause(sentence: str, task: str, note: str | None) -> None:
    [rule] = _recurring(sentence)
    assert rule["task"] == task
    assert rule.get("note") == note
    assert not rule["task"].startswith("Som ")


def test_a_frequency_in_a_condition_is_no_duty() -> None:
    assert _recurring("Om en delegering återkallas mer än en gång per år ska enhetschefen informeras.") == []


def test_a_duty_in_a_list_takes_its_role_from_the_lead_in() -> None:
    [rule] = _recurring("Hygienombudet ansvarar för:\n\n- Att gå igenom basala hygienrutiner med personalen två "
                        "gånger per år\n- Att beställa material")
    assert (rule["role"], rule["every"]) == ("hygienombud", "year")
    assert rule["task"] == "Att gå igenom basala hygienrutiner med personalen"
