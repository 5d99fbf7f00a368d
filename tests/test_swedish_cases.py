"""deadlines, due, roles and tasks in Swedish (the default; tests run in English unless they say
otherwise), on files in tmp_path and the demo routines; and what the deadline report's counts
count: cases, not results (issue 14, item 4)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import REPO, copy_demo, run

NOW = "2026-04-20T12:00:00+02:00"
SU, BCC = "SU9771-677637494-103", "SU9774-1570060579-84"
SU_TITLE, BCC_TITLE = "1177 e-tjänster rollbeskrivning", "1177 Vårdguidens e-tjänster"

# K-1: a complaint at BCC's mottagning, answered late under SU's rule but in time through the
# delsvar under BCC's; K-2 overdue under both routines; K-3 at vgr, where no rule applies;
# K-4 to K-6 rows that cannot be checked.
CASES = """case_id,unit,case_type,received_at,answered_at,partial_answer_at
K-1,su-bcc-mott,Synpunkter och klagomål,2026-04-09T10:00:00+02:00,2026-04-14T09:00:00+02:00,2026-04-10T08:00:00+02:00
K-2,su-bcc-mott,av-omboka-tid,2026-04-13T10:00:00,,
K-3,vgr,Egenremiss,2026-04-01T10:00:00+02:00,,
K-4,okänd-enhet,Egenremiss,2026-04-01T10:00:00+02:00,,
K-5,su-bcc-mott,Förnya recept,igår,,
K-6,su-bcc-mott,,2026-04-01T10:00:00+02:00,,
"""


def _cases(tmp_path: Path) -> Path:
    path = tmp_path / "cases.csv"
    path.write_text(CASES, encoding="utf-8")
    return path


def _deadlines(tmp_path: Path, *extra: str) -> tuple[int, str, str]:
    result = run("deadlines", "--root", str(REPO), "--cases", str(_cases(tmp_path)), "--now", NOW, "--no-cache",
                 "--lang", "sv", *extra)
    return result.code, result.out, result.err


def test_the_deadline_report_in_swedish(tmp_path: Path) -> None:
    code, out, err = _deadlines(tmp_path)
    assert code == 1 and err == ""
    assert out.splitlines() == [
        ("Svarstider per 2026-04-20T12:00:00+02:00. Lästa rader: 6. Bedömda ärenden: 2. Rader som inte kunde "
        "kontrolleras: 3. Ärenden som ingen regel täcker: 1."),
        ("Ett ärende räknas en gång under sin enhet och ärendetyp, med det sämsta utfallet under de regler som "
        "bedömt det, och en gång under varje rutin som bedömt det."),
        "",
        "Barncancercentrum öppenvårdsmottagning (su-bcc-mott): 2 ärenden",
        "  Av-/omboka tid: 1 ärende, 0 % besvarade i tid; försenade 0, obesvarade efter sista svarsdag 1, öppna 0",
        (f"    enligt {SU_TITLE} ({SU}): 1 ärende, 0 % besvarade i tid; försenade 0, obesvarade efter sista "
        "svarsdag 1, öppna 0"),
        (f"    enligt {BCC_TITLE} ({BCC}): 1 ärende, 0 % besvarade i tid; försenade 0, obesvarade efter sista "
        "svarsdag 1, öppna 0"),
        ("  Synpunkter och klagomål: 1 ärende, 0 % besvarade i tid; försenade 1, obesvarade efter sista svarsdag 0, "
        "öppna 0"),
        (f"    enligt {SU_TITLE} ({SU}): 1 ärende, 0 % besvarade i tid; försenade 1, obesvarade efter sista "
        "svarsdag 0, öppna 0"),
        (f"    enligt {BCC_TITLE} ({BCC}): 1 ärende, 100 % besvarade i tid; försenade 0, obesvarade efter sista "
        "svarsdag 0, öppna 0"),
        "",
        "Försenade och obesvarade efter sista svarsdag:",
        (f"  rad 2: K-1 (Barncancercentrum öppenvårdsmottagning, Synpunkter och klagomål): besvarat för sent, sista svarsdag 2026-04-10, "
        f"enligt {SU_TITLE} ({SU}#svarstid-synpunkter), svaret kom 2026-04-14T09:00:00+02:00"),
        (f"  rad 3: K-2 (Barncancercentrum öppenvårdsmottagning, Av-/omboka tid): obesvarat efter sista svarsdag 2026-04-15, enligt {BCC_TITLE} "
        f"({BCC}#svarstid); obesvarat efter sista svarsdag 2026-04-15, enligt {SU_TITLE} ({SU}#svarstid)"),
        "",
        "Ärenden som ingen regel för svarstid täcker:",
        "  rad 4: K-3 (Västra Götalandsregionen, Egenremiss, inkommet 2026-04-01T10:00:00+02:00)",
        "",
        "Rader som inte kunde kontrolleras:",
        ("  rad 5: okänd enhet 'okänd-enhet'; ange ett id, ett namn eller ett alias från routines/organisation.yaml "
        "(ärende K-4)"),
        "  rad 6: 'igår' i kolumnen received_at är ingen tidpunkt; skriv till exempel 2026-04-02T09:15:00+02:00",
        "  rad 7: kolumnen case_type är tom",
    ]


def test_the_counts_count_cases_in_json_too(tmp_path: Path) -> None:
    code, out, err = _deadlines(tmp_path, "--format", "json")
    assert code == 1
    assert err == "3 rader kunde inte kontrolleras och 1 ärende täcks inte av någon regel (se rapporten)\n"
    payload = json.loads(out)
    # 6 rows: 2 cases judged (4 results), 3 rows not checked, 1 case no rule covers
    assert payload["counts"] == {"rows": 6, "judged": 2, "not_checked": 3, "not_covered": 1}
    assert len(payload["results"]) == 4
    complaint = next(g for g in payload["summary"] if g["case_type"] == "synpunkter-klagomal")
    # K-1 once for its unit and case type, with its worst result (late), and once under each routine
    assert {k: complaint[k] for k in ("unit", "unit_name", "case_type_name", "count", "met", "late")} == {
        "unit": "su-bcc-mott", "unit_name": "Barncancercentrum öppenvårdsmottagning",
        "case_type_name": "Synpunkter och klagomål", "count": 1, "met": 0, "late": 1}
    assert [(r["routine"], r["title"], r["count"], r["met"], r["late"]) for r in complaint["routines"]] == [
        (SU, SU_TITLE, 1, 0, 1), (BCC, BCC_TITLE, 1, 1, 0)]
    assert sum(g["count"] for g in payload["summary"]) == payload["counts"]["judged"]
    assert [e["message"] for e in payload["errors"]] == [
        ("okänd enhet 'okänd-enhet'; ange ett id, ett namn eller ett alias från routines/organisation.yaml "
        "(ärende K-4)"),
        "'igår' i kolumnen received_at är ingen tidpunkt; skriv till exempel 2026-04-02T09:15:00+02:00",
        "kolumnen case_type är tom"]


def test_the_csv_report_keeps_its_header_and_says_the_bad_rows_in_swedish(tmp_path: Path) -> None:
    code, out, err = _deadlines(tmp_path, "--format", "csv")
    assert code == 1
    assert out.splitlines()[0] == "\ufeffline,case_id,unit,case_type,routine,rule,due_date,deadline,responded_at,status"
    cases = tmp_path / "cases.csv"
    assert err.splitlines() == [
        "3 rader kunde inte kontrolleras och 1 ärende täcks inte av någon regel (raderna står nedan)",
        (f"{cases}:5: okänd enhet 'okänd-enhet'; ange ett id, ett namn eller ett alias från "
        "routines/organisation.yaml (ärende K-4)"),
        f"{cases}:6: 'igår' i kolumnen received_at är ingen tidpunkt; skriv till exempel 2026-04-02T09:15:00+02:00",
        f"{cases}:7: kolumnen case_type är tom"]


def test_the_svarstider_page_lists_a_late_case_once_with_both_routines(tmp_path: Path) -> None:
    code, page, _ = _deadlines(tmp_path, "--format", "html")
    assert code == 1
    assert ("Lästa rader: 6. Bedömda ärenden: 2. Rader som inte kunde kontrolleras: 3. Ärenden som ingen regel "
            "täcker: 1.") in page
    assert page.count("<td>K-2</td>") == 1
    assert (f"<td>3</td><td>K-2</td><td>Barncancercentrum öppenvårdsmottagning</td><td>Av-/omboka tid</td>"
            f"<td>Obesvarat efter sista svarsdag<br>Obesvarat efter sista svarsdag</td><td>2026-04-15<br>2026-04-15</td><td>{BCC_TITLE} ({BCC}#svarstid)<br>"
            f"{SU_TITLE} ({SU}#svarstid)</td></tr>") in page
    assert f"enligt {BCC_TITLE} ({BCC})" in page  # the counts per routine
    assert "<li>rad 7: kolumnen case_type är tom</li>" in page
    assert "<li>rad 4: K-3 (Västra Götalandsregionen, Egenremiss)</li>" in page


def test_a_file_that_is_not_a_case_export_in_swedish(tmp_path: Path) -> None:
    empty = tmp_path / "tom.csv"
    empty.write_text("", encoding="utf-8")
    result = run("deadlines", "--root", str(REPO), "--cases", str(empty), "--lang", "sv")
    assert result.code == 2
    assert result.err == (f"routines: fel: {empty} är tom; en ärendeexport börjar med rubrikraden "
                          "case_id,unit,case_type,received_at,answered_at,partial_answer_at\n")
    other = tmp_path / "annat.csv"
    other.write_text("id,name,received_at\n1,x,2026-04-01\n", encoding="utf-8")
    result = run("deadlines", "--root", str(REPO), "--cases", str(other), "--lang", "sv")
    assert result.err == (f"routines: fel: {other}:1: rubrikraden saknar kolumnerna case_id, unit, case_type. "
                          "Rubrikerna som finns: 'id', 'name', 'received_at'. En ärendeexport har kolumnerna "
                          "case_id,unit,case_type,received_at,answered_at,partial_answer_at eller rubrikerna "
                          "Ärendenummer, Enhet, Ärendetyp, Inkom, Besvarad, Delsvar; heter kolumnerna något annat "
                          "hos er, skriv vad de heter i routines.toml:\n[cases.columns]\n"
                          'case_id = "…"\nunit = "…"\ncase_type = "…"\n')


def test_due_in_swedish() -> None:
    result = run("due", "--root", str(REPO), "--unit", "su-bcc-mott", "--case-type", "Synpunkter och klagomål",
                 "--at", "2026-04-09T10:00", "--lang", "sv")
    assert result.code == 0
    assert result.out.splitlines() == [
        "Synpunkter och klagomål vid Barncancercentrum öppenvårdsmottagning, inkommet 2026-04-09T10:00:00+02:00:",
        (f"  sista svarsdag 2026-04-10 (före 2026-04-11T00:00:00+02:00): 1 vardag, ett delsvar räcker, enligt "
        f"{BCC_TITLE} ({BCC}#synpunkter-delsvar)"),
        (f"  sista svarsdag 2026-04-10 (före 2026-04-11T00:00:00+02:00): 1 vardag, enligt {SU_TITLE} "
        f"({SU}#svarstid-synpunkter)")]


def test_due_now_has_no_microseconds() -> None:
    result = run("due", "--root", str(REPO), "--unit", "su-bcc-mott", "--case-type", "Förnya recept", "--lang", "sv")
    first = result.out.splitlines()[0]
    assert re.fullmatch(r"Förnya recept vid Barncancercentrum öppenvårdsmottagning, inkommet "
                        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d:", first), first


ROSTER = """people:
  - {id: anna01, name: Anna Andersson}
  - {id: bo02, name: Bo Berg}
assignments:
  - {person: anna01, role: arendemottagare, unit: su-bcc-mott, from: 2026-01-01, to: 2026-12-31}
  - {person: bo02, role: arendehanterare, unit: su-bcc-mott, from: 2026-01-01}
  - {person: cia03, role: arendehanterare, unit: su-bcc-mott, from: 2026-01-01}
absences:
  - {person: anna01, from: 2026-09-07, to: 2026-09-09}
  - {person: bo02, from: 2026-09-10, to: 2026-09-08}
"""


def test_roles_in_swedish_with_the_names_from_the_roster(tmp_path: Path) -> None:
    roster = tmp_path / "roster.yaml"
    roster.write_text(ROSTER, encoding="utf-8")
    result = run("roles", "--root", str(REPO), "--roster", str(roster), "--from", "2026-09-07", "--to", "2026-09-11",
                 "--lang", "sv")
    assert result.code == 1
    rule = f"{SU_TITLE} ({SU}#arendemottagare)"
    assert result.out.splitlines() == [
        "Bemanning 2026-09-07 – 2026-09-11: 3 avvikelser",
        ("  Barncancercentrum öppenvårdsmottagning (su-bcc-mott): Ärendemottagare Anna Andersson (anna01): "
        f"frånvarande utan ersättare under 3 vardagar (2026-09-07..2026-09-09), enligt {rule}"),
        ("  Ögonmottagningen Mölndal (su-ogon-mott): Ärendehanterare: obemannad under 5 vardagar "
        f"(2026-09-07..2026-09-11), enligt {SU_TITLE} ({SU}#arendehanterare)"),
        ("  Ögonmottagningen Mölndal (su-ogon-mott): Ärendemottagare: obemannad under 5 vardagar "
        f"(2026-09-07..2026-09-11), enligt {rule}"),
        "",
        "Uppgifter i bemanningslistan som inte kunde användas:",
        f"  {roster}:7: okänd person 'cia03' (finns inte under 'people')",
        f"  {roster}:10: frånvaron för 'bo02': to 2026-09-08 ligger före from 2026-09-10",
    ]
    json_run = run("roles", "--root", str(REPO), "--roster", str(roster), "--from", "2026-09-07", "--to",
                   "2026-09-11", "--lang", "sv", "--format", "json")
    assert json_run.err == "2 poster i bemanningslistan kunde inte användas (se rapporten)\n"
    assert {f["person"] for f in json.loads(json_run.out)["findings"]} == {"anna01", None}  # ids in JSON


def test_a_roster_that_is_not_one_and_a_period_backwards_in_swedish(tmp_path: Path) -> None:
    roster = tmp_path / "roster.yaml"
    roster.write_text("people: []\n", encoding="utf-8")
    result = run("roles", "--root", str(REPO), "--roster", str(roster), "--from", "2026-09-07", "--to", "2026-09-11",
                 "--lang", "sv")
    assert result.code == 2
    assert result.err == (f"routines: fel: {roster}:1: filen har inga 'assignments'; en bemanningslista är en "
                          "YAML-fil med 'assignments' (person, role, unit, from, to) och vid behov 'absences' och "
                          "'people' (SPEC 6); ingenting kontrollerades\n")
    backwards = run("tasks", "--root", str(REPO), "--from", "2026-04-12", "--to", "2026-04-01", "--lang", "sv")
    assert backwards.code == 2 and backwards.err == "routines: fel: --to 2026-04-01 ligger före --from 2026-04-12\n"


def test_tasks_in_swedish_with_a_log(tmp_path: Path) -> None:
    log = tmp_path / "logg.csv"
    log.write_text("task,unit,done_on\nveckogenomgang,su-bcc-mott,2026-04-02\nveckogenomgang,su-bcc-mott,2026-04-31\n"
                   "okänd,su-bcc-mott,2026-04-02\n", encoding="utf-8")
    result = run("tasks", "--root", str(REPO), "--from", "2026-03-30", "--to", "2026-04-12", "--today", "2026-04-08",
                 "--log", str(log), "--lang", "sv")
    assert result.code == 1
    task = ("    Se över att handläggning av fördelade ärenden har påbörjats: varje vecka, enligt "
            f"{SU_TITLE} ({SU}#veckogenomgang)")
    assert result.out.splitlines() == [
        "Återkommande uppgifter 2026-03-30 – 2026-04-12 (i dag 2026-04-08): 4 tillfällen",
        "",
        "Barncancercentrum öppenvårdsmottagning (su-bcc-mott)",
        "  Ärendemottagare (arendemottagare)",
        task,
        "      2026-W14  2026-03-30 – 2026-04-05  senast tor 2026-04-02  klar 2026-04-02",
        "      2026-W15  2026-04-06 – 2026-04-12  senast fre 2026-04-10  återstår",
        "",
        "Ögonmottagningen Mölndal (su-ogon-mott)",
        "  Ärendemottagare (arendemottagare)",
        task,
        "      2026-W14  2026-03-30 – 2026-04-05  senast tor 2026-04-02  missad",
        "      2026-W15  2026-04-06 – 2026-04-12  senast fre 2026-04-10  återstår",
        "",
        "Uppgiftslogg: 3 rader; klara 1, missade 1, återstår 2",
        "",
        "Rader som inte kunde användas (2):",
        "  rad 3: done_on '2026-04-31' är inget datum på formen ÅÅÅÅ-MM-DD",
        "  rad 4: okänd uppgift 'okänd'; ange id:t för en återkommande regel, RUTIN#REGEL eller uppgiftens text",
    ]
    as_json = run("tasks", "--root", str(REPO), "--from", "2026-03-30", "--to", "2026-04-12", "--today",
                  "2026-04-08", "--log", str(log), "--lang", "sv", "--format", "json")
    assert as_json.err == "2 rader i uppgiftsloggen kunde inte användas (se rapporten)\n1 missat tillfälle\n"
    assert json.loads(as_json.out)["errors"][0] == {"line": 3,
                                                    "message": "done_on '2026-04-31' är inget datum på formen ÅÅÅÅ-MM-DD"}


def test_the_help_of_the_case_and_staffing_commands_in_swedish() -> None:
    for command, text in (("deadlines", "kontrollera en ärendeexport mot reglerna för svarstider"),
                          ("due", "enhetens id, namn eller alias"),
                          ("roles", "bemanningslistan: YAML, en Excel-arbetsbok (.xlsx: bladen Bemanning, Frånvaro, Personer)"),
                          ("tasks", "en uppgiftslogg (CSV: task,unit,done_on): visar missade tillfällen")):
        result = run(command, "--help", "--lang", "sv")
        assert result.code == 0 and text in " ".join(result.out.split()), (command, result.out)


def test_a_routine_with_two_rules_for_a_case_counts_it_once(tmp_path: Path) -> None:
    """SU's routine without its except: a complaint falls under both its rules (2 vardagar, met;
    1 vardag, late) and under BCC's: three results, one case, once under each routine."""
    root = copy_demo(tmp_path)
    routine = root / "routines" / "su" / "1177-e-tjanster-rollbeskrivning.md"
    text = routine.read_text(encoding="utf-8")
    assert "      except: [synpunkter-klagomal]\n" in text
    routine.write_text(text.replace("      except: [synpunkter-klagomal]\n", ""), encoding="utf-8")
    cases = tmp_path / "cases.csv"
    cases.write_text("case_id,unit,case_type,received_at,answered_at,partial_answer_at\n"
                     "K-1,su-bcc-mott,synpunkter-klagomal,2026-04-09T10:00:00+02:00,2026-04-13T09:00:00+02:00,\n",
                     encoding="utf-8")
    result = run("deadlines", "--root", str(root), "--cases", str(cases), "--now", NOW, "--no-cache",
                 "--format", "json")
    payload = json.loads(result.out)
    assert sorted((r["routine"], r["rule"], r["status"]) for r in payload["results"]) == [
        (SU, "svarstid", "met"), (SU, "svarstid-synpunkter", "late"), (BCC, "synpunkter-delsvar", "late")]
    assert payload["counts"] == {"rows": 1, "judged": 1, "not_checked": 0, "not_covered": 0}
    [group] = payload["summary"]
    assert (group["count"], group["late"]) == (1, 1)
    assert [(r["routine"], r["count"], r["met"], r["late"]) for r in group["routines"]] == [
        (SU, 1, 0, 1), (BCC, 1, 0, 1)]
    text_run = run("deadlines", "--root", str(root), "--cases", str(cases), "--now", NOW, "--no-cache", "--lang", "sv")
    assert ("  rad 2: K-1 (Barncancercentrum öppenvårdsmottagning, Synpunkter och klagomål): besvarat för sent, sista svarsdag 2026-04-10, "
            f"enligt {BCC_TITLE} ({BCC}#synpunkter-delsvar); besvarat för sent, sista svarsdag 2026-04-10, enligt "
            f"{SU_TITLE} ({SU}#svarstid-synpunkter), svaret kom 2026-04-13T09:00:00+02:00\n") in text_run.out
