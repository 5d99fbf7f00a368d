"""``routines import`` and ``routines export`` (issue 7): the seeds become the demo routines, and
every demo routine survives a round trip through the plain-text format."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.authoring.exporter import export_routines, export_text
from generator.authoring.importer import (
    build_import,
    import_files,
    parse_text,
    routine_text,
    write_imports,
)
from generator.authoring.proposals import propose
from generator.content.frontmatter import split
from generator.content.project import load_project
from generator.content.yamlsafe import load_yaml
from tests.conftest import REPO, TODAY, copy_demo, run

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
SU_SEED = SEEDS / "000_a33dc2f7b08b9a2d.txt"
BCC_SEED = SEEDS / "001_3d914ad534432dde.txt"
SU = "routines/su/1177-e-tjanster-rollbeskrivning.md"
BCC = "routines/su-bcc/1177-vardguidens-e-tjanster.md"
BCC_TITLE = "1177 Vårdguidens e-tjänster"  # the BCC seed states no title
SEED_CASES = [(SU_SEED, SU, None), (BCC_SEED, BCC, BCC_TITLE)]


def _project():
    return load_project(REPO)


def _parts(path: Path) -> tuple[dict, str]:
    parts = split(path.read_text(encoding="utf-8"))
    return load_yaml(parts.front_matter).data, parts.body


def _without_rules(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "rules"}


def _remove_review_marks(path: Path) -> int:
    data, body = _parts(path)
    removed = 0
    for rules in (data.get("rules") or {}).values():
        for rule in rules:
            removed += rule.pop("review", None) is not None
    path.write_text(routine_text(data, body), encoding="utf-8")
    return removed


def _import(seed: Path, title: str | None = None):
    project = _project()
    return import_files([seed], REPO, project.organisation, project.catalog, title=title)[0]


# --- acceptance: the seeds become the demo content ------------------------------------------


def test_the_seed_copies_are_the_shared_seeds() -> None:
    """The tests use copies; when the originals are beside the repository, they must agree."""
    shared = REPO.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared is not beside the repository")
    for seed in (SU_SEED, BCC_SEED):
        assert seed.read_bytes() == (shared / seed.name).read_bytes()


@pytest.mark.parametrize(("seed", "demo", "title"), SEED_CASES)
def test_importing_a_seed_gives_the_demo_front_matter(seed: Path, demo: str, title: str | None) -> None:
    result = _import(seed, title)
    assert not result.error
    assert result.target_label == demo  # routines/<unit>/<slug of the title>.md
    expected, _ = _parts(REPO / demo)
    assert _without_rules(result.data) == _without_rules(expected)


@pytest.mark.parametrize(("seed", "demo", "title"), SEED_CASES)
def test_importing_a_seed_gives_the_demo_body(seed: Path, demo: str, title: str | None) -> None:
    result = _import(seed, title)
    _, body = _parts(REPO / demo)
    assert result.body.strip() == body.strip()


HEADINGS = {
    SU_SEED: ["## Syfte", "## Arbetsbeskrivning", "## Roller", "## Dokumentation", "## Ansvar",
              "## Uppföljning, utvärdering och revision"],
    BCC_SEED: ["## Syfte", "## Arbetsbeskrivning", "## Roller", "### Ärendemottagare", "### Vårdgivare",
               "### Administratör", "## Arbetsflöde", "## Att besvara ärenden i 1177 Vårdguidens e-tjänster",
               "## Ansvar", "## Uppföljning, utvärdering och revision"],
}
"""Every section of the seeds, at the level the demo gives it."""
METADATA_SECTIONS = ("Revideringar i denna version", "Relaterad information", "Innehållsgranskare")
LABEL_LINE = re.compile(r"^(\*\*)?(Gäller för|Innehållsansvar|Granskad av|Godkänd av|Giltig från|Giltig till|"
                        r"Dokument-ID|Version|Handlingstyp):")


def _seed_content(seed: Path) -> tuple[list[str], list[str]]:
    """(section headings, every other line) of a seed's body, read independently of the importer:
    metadata lines, the title, the metadata sections and "Information om handlingen" left out."""
    headings: list[str] = []
    lines: list[str] = []
    skipping = False
    text = seed.read_text(encoding="utf-8").split("Information om handlingen")[0]
    for raw in text.split("\n"):
        line = raw.strip()
        bare = line.lstrip("#").strip()
        if not bare or LABEL_LINE.match(line) or line.startswith("# "):
            continue
        if bare in METADATA_SECTIONS:
            skipping = True
            continue
        if line.startswith("#") or bare in {h.lstrip("# ") for h in HEADINGS[seed]}:
            skipping = False
            headings.append(bare)
            continue
        if not skipping:
            lines.append(re.sub(r"^(- |\d+\. )", "", line))
    return headings, lines


@pytest.mark.parametrize(("seed", "demo", "title"), SEED_CASES)
def test_imported_bodies_keep_every_section_and_sentence(seed: Path, demo: str, title: str | None) -> None:
    result = _import(seed, title)
    body_lines = [line.strip() for line in result.body.split("\n")]
    headings, lines = _seed_content(seed)
    assert [h.lstrip("# ") for h in HEADINGS[seed]] == headings
    for heading in HEADINGS[seed]:
        assert heading in body_lines
    body = " ".join(result.body.split())
    for line in lines:
        assert " ".join(line.split()) in body, line
    # lists, numbered steps with lettered sub-steps, emphasis and links are kept as Markdown
    if seed == BCC_SEED:
        assert "   - a) Om ett inkommit ärende besvarats via t ex telefon" in result.body
        assert "\n7. Ärendets status ändras till Avslutat." in result.body
        assert "*Vi har mottagit dina synpunkter" in result.body
    else:
        assert "[Beskrivning av systemförvaltningsroller inom SU](#)" in result.body
        assert "**Vid frånvaro:**" in result.body
        assert "\n- Begär intyg\n- Egenremiss\n" in result.body


@pytest.mark.parametrize(("seed", "demo", "title"), SEED_CASES)
def test_metadata_sections_leave_the_body(seed: Path, demo: str, title: str | None) -> None:
    result = _import(seed, title)
    for words in ("Information om handlingen", "Revideringar i denna version", "Dokument-ID",
                  "Innehållsgranskare", "Relaterad information", "Giltig från"):
        assert words not in result.body


def test_imported_seeds_pass_check_once_the_review_marks_are_removed(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    su = run("import", "--root", str(root), "--force", str(SU_SEED))
    bcc = run("import", "--root", str(root), "--force", "--title", BCC_TITLE, str(BCC_SEED))
    assert (su.code, bcc.code) == (1, 1)  # proposed rules need review
    assert f"wrote {SU} (from {SU_SEED})" in su.out and f"wrote {BCC} (from {BCC_SEED})" in bcc.out
    assert sorted(p.relative_to(root).as_posix() for p in (root / "routines").rglob("*.md")) == sorted(
        [SU, BCC, "routines/su-ogon/1177-e-tjanster-ogonmottagningen.md"])
    marked = run("check", "--root", str(root), "--today", TODAY, "--format", "json")
    diags = json.loads(marked.out)["diagnostics"]
    reviews = [d for d in diags if d["code"] == "needs-review"]
    assert marked.code == 0 and not [d for d in diags if d["severity"] == "error"]
    assert {d["file"] for d in reviews} == {SU, BCC}
    assert all(d["severity"] == "warning" and "remove `review:`" in d["message"] for d in reviews)
    removed = _remove_review_marks(root / SU) + _remove_review_marks(root / BCC)
    assert removed == len(reviews) == su.out.count(": review: proposed rule") + bcc.out.count(
        ": review: proposed rule")
    checked = run("check", "--root", str(root), "--today", TODAY, "--format", "json")
    diags = json.loads(checked.out)["diagnostics"]
    assert checked.code == 0
    assert not [d for d in diags if d["severity"] == "error" or d["code"] == "needs-review"]


# --- acceptance: the round trip -------------------------------------------------------------


def test_round_trip_holds_for_every_demo_routine() -> None:
    project = _project()
    files = {r.file: r for r in project.routines}
    assert len(files) == 3
    for exported in export_routines(sorted(files), REPO, files, project.organisation):
        assert not exported.error
        data, body, _ = build_import(exported.text, project.organisation, project.catalog)
        original, original_body = _parts(REPO / exported.file)
        assert _without_rules(data) == _without_rules(original), exported.file
        assert body.strip() == original_body.strip(), exported.file


def test_round_trip_through_the_commands(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    exported = run("export", "--root", str(REPO), "--out", str(texts), "SU9771-677637494-103",
                       "SU9774-1570060579-84", "routines/su-ogon/1177-e-tjanster-ogonmottagningen.md")
    assert exported.code == 0, exported.err
    assert sorted(p.name for p in texts.iterdir()) == [
        "DEMO-OGON-1177.txt", "SU9771-677637494-103.txt", "SU9774-1570060579-84.txt"]
    assert "rules are not part of the plain-text format" in exported.err
    out = tmp_path / "imported"
    imported = run("import", "--root", str(REPO), "--out", str(out), "--format", "json",
                       *map(str, sorted(texts.iterdir())))
    assert imported.code == 1  # the proposed rules
    written = {entry["id"]: tmp_path / entry["file"] if not Path(entry["file"]).is_absolute()
               else Path(entry["file"]) for entry in json.loads(imported.out)["imports"]}
    assert sorted(p.relative_to(out).as_posix() for p in written.values()) == [
        "routines/su-bcc/1177-vardguidens-e-tjanster.md",
        "routines/su-ogon-mott/1177-e-tjanster-pa-ogonmottagningen-molndal.md",
        "routines/su/1177-e-tjanster-rollbeskrivning.md"]
    # --out DIR is a content root of its own: the data files came along, check works at once
    assert "copied routines/organisation.yaml and routines/catalog.yaml" in imported.err
    check = run("check", "--root", str(out), "--today", "2026-06-01", "--format", "json")
    codes = {d["code"] for d in json.loads(check.out)["diagnostics"]}
    assert not codes & {"missing-file", "unknown-unit", "unknown-role", "unknown-case-type"}, codes
    for rel in (SU, BCC, "routines/su-ogon/1177-e-tjanster-ogonmottagningen.md"):
        original, _ = _parts(REPO / rel)
        back, _ = _parts(written[original["id"]])
        assert _without_rules(back) == _without_rules(original)


def test_export_is_the_seed_layout() -> None:
    project = _project()
    _, body = _parts(REPO / SU)
    (routine,) = [r for r in project.routines if r.file == SU]
    text = export_text(routine, body, project.organisation)
    assert text.startswith("\n\nGäller för: Sahlgrenska Universitetssjukhuset\n\nInnehållsansvar: Maria Eriksson, "
                           "(marer154), Systemspecialist\n")
    assert "\n# 1177 e-tjänster rollbeskrivning\n\n## Revideringar i denna version\n\nÄndrat till" in text
    assert "\n# Information om handlingen\n\n**Handlingstyp:** Rutin\n" in text
    assert text.endswith("**Giltig från:** 2025-03-25\n\n**Giltig till:** 2027-03-25\n")


def test_export_to_standard_output_and_unknown_ids() -> None:
    result = run("export", "--root", str(REPO), "SU9774-1570060579-84", "NO-SUCH-ID")
    assert result.code == 2
    assert "Relaterad information\n\nSU information <https://insidan.vgregion.se/" in result.out
    assert "routines: error: NO-SUCH-ID: no routine with the id or file 'NO-SUCH-ID'" in result.err
    assert "Traceback" not in result.err
    as_json = json.loads(run("export", "--root", str(REPO), "--format", "json", "DEMO-OGON-1177").out)
    [routine] = as_json["routines"]
    assert routine["file"] == "routines/su-ogon/1177-e-tjanster-ogonmottagningen.md"
    assert "**Nyckelord:** 1177, e-tjänster, demo" in routine["text"]


def test_export_never_overwrites_without_force(tmp_path: Path) -> None:
    assert run("export", "--root", str(REPO), "--out", str(tmp_path), "DEMO-OGON-1177").code == 0
    (tmp_path / "DEMO-OGON-1177.txt").write_text("mine", encoding="utf-8")
    again = run("export", "--root", str(REPO), "--out", str(tmp_path), "DEMO-OGON-1177")
    assert again.code == 2 and "already exists; give --force" in again.err
    assert (tmp_path / "DEMO-OGON-1177.txt").read_text(encoding="utf-8") == "mine"
    assert run("export", "--root", str(REPO), "--out", str(tmp_path), "--force", "DEMO-OGON-1177").code == 0


# --- proposed rules -------------------------------------------------------------------------


def _rules(seed: Path, title: str | None = None) -> dict:
    return _import(seed, title).data["rules"]


def test_su_seed_obligations_are_proposed() -> None:
    rules = _rules(SU_SEED)
    seed_text = " ".join(SU_SEED.read_text(encoding="utf-8").split())
    for kind in rules.values():
        for rule in kind:  # every rule is marked, with text that stands in the seed
            assert rule["review"]
            assert rule["review"].split(". ")[0] in seed_text
    svarstid, synpunkter = rules["deadlines"]
    assert svarstid | {"review": None} == {"id": "svarstid", "case_types": "*", "except": ["synpunkter-klagomal"],
                                           "within_vardagar": 2, "partial_answer_counts": False, "review": None}
    assert (synpunkter["id"], synpunkter["case_types"], synpunkter["within_vardagar"]) == (
        "svarstid-synpunkter-klagomal", ["synpunkter-klagomal"], 1)
    assert "en (1) vardag för Synpunkter och klagomål" in synpunkter["review"]
    roles = {r["role"]: r for r in rules["roles"]}
    assert list(roles) == ["arendemottagare", "arendehanterare", "lokal-administrator", "behorighetsadministrator"]
    assert all(r["cover_absence_over_arbetsdagar"] == 2 and r["cover_from"] == ["unit", "verksamhet"]
               and r["units"] == {"kind": "mottagning"} for r in roles.values())
    assert [r["min"] for r in roles.values()] == [1, 1, 0, 0]
    [weekly] = rules["recurring"]
    assert (weekly["id"], weekly["role"], weekly["every"], weekly["task"]) == (
        "veckogenomgang", "arendemottagare", "week", "Se över att handläggning för fördelade ärenden har påbörjats")
    [basutbud] = rules["offerings"]
    demo, _ = _parts(REPO / SU)
    flat = [c for m in demo["rules"]["offerings"][0]["must_offer"]
            for c in ([m] if isinstance(m, str) else m["any_of"])]
    assert sorted(basutbud["must_offer"]) == sorted(flat)
    assert basutbud["unless"] == demo["rules"]["offerings"][0]["unless"]


def test_bcc_seed_obligations_are_proposed() -> None:
    rules = _rules(BCC_SEED, BCC_TITLE)
    demo, _ = _parts(REPO / BCC)
    assert [(r["id"], r["units"], r["case_types"]) for r in rules["offers"]] == [
        (r["id"], r["units"], r["case_types"]) for r in demo["rules"]["offers"]]
    svarstid, delsvar = rules["deadlines"]
    assert (svarstid["case_types"], svarstid["except"], svarstid["within_vardagar"]) == (
        "*", ["synpunkter-klagomal"], 2)
    assert svarstid["partial_answer_counts"] is True  # "återkoppling att handläggning pågår"
    assert (delsvar["case_types"], delsvar["within_vardagar"], delsvar["partial_answer_counts"]) == (
        ["synpunkter-klagomal"], 1, True)
    assert delsvar["partial_answer_text"] == demo["rules"]["deadlines"][1]["partial_answer_text"]


def _propose(text: str) -> dict:
    project = _project()
    parsed = parse_text(text)
    return propose(parsed.blocks, project.organisation, project.catalog, ["su"]).rules


@pytest.mark.parametrize(("sentence", "days"), [
    ("Ärenden ska besvaras inom 2 arbetsdagar.", 2),
    ("Alla ärenden ska besvaras inom en (1) vardag.", 1),
    ("Ärenden hanteras inom tre vardagar.", 3),
    ("Inkomna ärenden ska besvaras inom tio arbetsdagar från att de kommit in.", 10),
])
def test_deadline_sentences(sentence: str, days: int) -> None:
    [rule] = _propose(f"Syfte\n\n{sentence}\n")["deadlines"]
    assert (rule["case_types"], rule["within_vardagar"], rule["review"]) == ("*", days, sentence)


def test_absence_and_recurring_sentences() -> None:
    rules = _propose("Roller\n\nOm ärendehanteraren är frånvarande mer än tre arbetsdagar ska en annan "
                     "ärendehanterare ta över.\n\nVerksamhetschefen går igenom avvikelserna varje månad.\n")
    [role] = rules["roles"]
    assert (role["role"], role["cover_absence_over_arbetsdagar"], role["cover_from"]) == (
        "arendehanterare", 3, ["unit"])
    [monthly] = rules["recurring"]
    assert (monthly["id"], monthly["role"], monthly["every"]) == ("manadsgenomgang", "verksamhetschef", "month")


def test_obligations_without_a_known_role_are_notes_not_rules() -> None:
    project = _project()
    parsed = parse_text("Syfte\n\nOm kuratorn är frånvarande mer än två dagar ska någon annan ta över.\n")
    proposed = propose(parsed.blocks, project.organisation, project.catalog, ["su"])
    assert "roles" not in proposed.rules
    assert "names no role of routines/catalog.yaml" in str(proposed.notes[0][1])


def test_a_review_mark_is_a_warning_in_check(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    path = root / SU
    path.write_text(path.read_text(encoding="utf-8").replace(
        "      within_vardagar: 1\n", "      within_vardagar: 1\n      review: Ärenden ska besvaras inom en (1) vardag.\n"),
        encoding="utf-8")
    result = run("check", "--root", str(root), "--today", TODAY)
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                if text == "    - id: svarstid-synpunkter")
    assert (f"{SU}:{line}: warning[needs-review] proposed by the importer from 'Ärenden ska besvaras inom en (1) "
            "vardag.'; check it against the text and remove `review:`") in result.out
    assert result.code == 0
    assert run("check", "--root", str(root), "--today", TODAY, "--strict").code == 1


# --- the command: writing, refusing, dry runs, bad input ------------------------------------


def test_import_never_overwrites_without_force(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    before = (root / SU).read_bytes()
    result = run("import", "--root", str(root), str(SU_SEED))
    assert result.code == 2
    assert f"routines: error: {SU_SEED}: {SU} already exists; give --force to overwrite it" in result.err
    assert (root / SU).read_bytes() == before


def test_dry_run_shows_the_result_and_writes_nothing(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / SU).unlink()
    result = run("import", "--root", str(root), "--dry-run", str(SU_SEED))
    assert result.code == 1
    assert f"--- would write {SU} (from {SU_SEED}):\n---\nid: SU9771-677637494-103\n" in result.out
    assert "## Uppföljning, utvärdering och revision" in result.out
    assert ": review: proposed rule deadlines 'svarstid'" in result.out
    assert not (root / SU).exists()


def test_out_dir_and_json(tmp_path: Path) -> None:
    result = run("import", "--root", str(REPO), "--out", str(tmp_path / "new"), "--format", "json",
                     str(SU_SEED))
    assert result.code == 1
    payload = json.loads(result.out)
    [entry] = payload["imports"]
    assert entry["status"] == "written" and entry["id"] == "SU9771-677637494-103"
    assert (tmp_path / "new" / "routines" / "su" / "1177-e-tjanster-rollbeskrivning.md").is_file()
    rules = [r for r in entry["review"] if r["rule"]]
    assert {r["rule"] for r in rules} >= {"deadlines/svarstid", "recurring/veckogenomgang", "offerings/basutbud"}
    assert all(r["quote"] and r["line"] > 1 for r in rules)
    assert payload["summary"] == {"files": 1, "written": 1, "would_write": 0, "review": len(entry["review"]),
                                  "errors": 0, "copied": ["routines/organisation.yaml", "routines/catalog.yaml"]}


def test_bad_input_gets_clear_messages_and_other_files_are_imported(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / SU).unlink()
    cp1252 = tmp_path / "windows.txt"
    cp1252.write_bytes("Gäller för: SU\n\n# Rutin\n".encode("cp1252"))
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    nameless = tmp_path / "nameless.txt"
    nameless.write_text("Syfte\n\nEn text utan titel och id.\n", encoding="utf-8")
    routine = tmp_path / "routine.md"
    routine.write_text((REPO / SU).read_text(encoding="utf-8"), encoding="utf-8")
    files = [cp1252, empty, nameless, routine, tmp_path / "missing.txt", SU_SEED]
    result = run("import", "--root", str(root), *map(str, files))
    assert result.code == 2
    assert "Traceback" not in result.err
    assert (f"routines: error: {cp1252}: the file is not UTF-8: byte 0xE4 ('ä' in Windows-1252) at line 1, "
            "column 2 (byte offset 1); save it as UTF-8") in result.err
    assert f"routines: error: {empty}: the file is empty" in result.err
    assert f"routines: error: {nameless}: {nameless} is not a routine: none of what a routine states" in result.err
    assert f"routines: error: {routine}: this is already a routine file" in result.err
    assert f"routines: error: {tmp_path / 'missing.txt'}: the file does not exist" in result.err
    assert f"wrote {SU}" in result.out and (root / SU).is_file()


def test_no_title_is_said_and_the_file_is_named_after_its_id(tmp_path: Path) -> None:
    result = run("import", "--root", str(REPO), "--out", str(tmp_path), str(BCC_SEED))
    assert result.code == 1
    assert f"{BCC_SEED}:1: review: no title: the text has no '# Titel' line" in result.out
    data, _ = _parts(tmp_path / "routines" / "su-bcc" / "su9774-1570060579-84.md")
    assert "title" not in data and data["id"] == "SU9774-1570060579-84"
    assert run("import", "--root", str(REPO), "--title", "X", str(SU_SEED), str(BCC_SEED)).code == 2


def test_an_unknown_unit_is_said_and_check_flags_it(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    text = BCC_SEED.read_text(encoding="utf-8").replace("Verksamhet Barncancercentrum", "Verksamhet Barncancercentru")
    text = text.replace("SU9774-1570060579-84", "SU-TEST-1")
    source = tmp_path / "unknown.txt"
    source.write_text(text, encoding="utf-8")
    result = run("import", "--root", str(root), "--title", "Okänd enhet", str(source))
    assert result.code == 1
    assert (f"{source}:3: review: Gäller för 'Verksamhet Barncancercentru' is not a unit in "
            "routines/organisation.yaml by name or alias (did you mean 'Verksamhet Barncancercentrum'?); "
            "written as 'verksamhet-barncancercentru'") in result.out
    assert "wrote routines/okand-enhet.md" in result.out
    checked = run("check", "--root", str(root), "--today", TODAY)
    assert "routines/okand-enhet.md:7: error[unknown-unit] unknown unit 'verksamhet-barncancercentru'" in checked.out


def test_metadata_anywhere_conflicts_crlf_and_plain_lists(tmp_path: Path) -> None:
    text = ("\ufeff# Handhygien\r\n\r\nSyfte\r\n\r\nAtt minska smitta.\r\n\r\nVersion: 2,1\r\n\r\n"
            "Arbetsbeskrivning\r\n\r\n• Tvätta händerna\r\n• Sprita händerna\r\n\r\n"
            "1. Ta av ringar\r\n2. Tvätta\r\na) med tvål\r\nb) med vatten\r\n\r\n"
            "Granskad av: Anna Berg, (anber1), Hygiensjuksköterska; Bo Ek, Läkare\r\n\r\n"
            "Information om handlingen\r\n\r\nVersion: 2.2\r\n\r\nGäller för: Barncancercentrum\r\n")
    source = tmp_path / "hygien.txt"
    source.write_bytes(text.encode("utf-8"))
    project = _project()
    [result] = import_files([source], REPO, project.organisation, project.catalog, out_dir=tmp_path / "out")
    assert result.data["version"] == "2.1"  # the first, with a decimal comma made a point
    assert any("Version is given with different values: '2,1' (line 7), '2.2' (line 23)" in str(f.message)
               for f in result.findings)
    assert result.data["reviewers"] == [{"id": "anber1", "name": "Anna Berg", "title": "Hygiensjuksköterska"},
                                        {"name": "Bo Ek", "title": "Läkare"}]
    assert result.data["applies_to"] == ["su-bcc"]
    assert result.body == ("## Syfte\n\nAtt minska smitta.\n\n## Arbetsbeskrivning\n\n- Tvätta händerna\n"
                           "- Sprita händerna\n\n1. Ta av ringar\n2. Tvätta\n   - a) med tvål\n   - b) med vatten\n\n"
                           "## Övriga uppgifter om dokumentet\n\n- Version: 2.2\n")  # the other value is not lost
    write_imports([result])
    assert result.status == "written" and (tmp_path / "out" / "routines" / "su-bcc" / "handhygien.md").is_file()


def test_end_to_end_through_routines_main(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    shutil.rmtree(root / "routines" / "su")
    result = run("import", "--root", str(root), str(SU_SEED))
    assert result.code == 1 and f"wrote {SU}" in result.out
    exported = run("export", "--root", str(root), "SU9771-677637494-103")
    assert exported.code == 0 and "**Dokument-ID:** SU9771-677637494-103" in exported.out


# --- the YAML the importer writes -------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1), st.text(min_size=1), st.lists(st.text(min_size=1), max_size=3))
def test_any_text_is_written_as_yaml_that_reads_back(title: str, note: str, tags: list[str]) -> None:
    data = {"id": "X-1", "title": title, "version": "1.0", "revision_note": note, "tags": tags,
            "owner": {"id": "a1", "name": title, "title": note},
            "related": [{"title": note, "url": "https://example.org/a b"}]}
    parts = split(routine_text(data, "Text."))
    assert load_yaml(parts.front_matter).data == data


SEED_LINES = [line for seed in (SU_SEED, BCC_SEED) for line in seed.read_text(encoding="utf-8").split("\n")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SEED_LINES), st.text(max_size=40)), max_size=60))
def test_any_text_imports_without_a_traceback(lines: list[str]) -> None:
    """Shuffled seed lines and noise: the importer always gives a file that reads back."""
    project = _project_cached()
    data, body, _ = build_import("\n".join(lines), project.organisation, project.catalog, title="T")
    parts = split(routine_text(data, body))
    assert load_yaml(parts.front_matter).data == data


_CACHED: list = []


def _project_cached():
    if not _CACHED:
        _CACHED.append(_project())
    return _CACHED[0]


@pytest.mark.parametrize("text", ["yes", "No", "on", "1.0", "12", "2026-01-01", "ja", "Förnya recept",
                                  "a: b", "#x", "tab\there", "rad\nbrytning", "a,b", "a:b", " kant"])
def test_import_new_and_renew_share_one_scalar_policy(text: str) -> None:
    import yaml

    from generator.authoring import yaml_emit, yaml_scalars

    for flow in (False, True):
        written = yaml_emit.scalar(text, flow=flow)
        assert written == yaml_scalars.scalar(text, flow=flow)
        assert load_yaml(f"k: {written}").data == {"k": text}
        if not (written == text and text == "2026-01-01"):  # ISO dates are written plain on purpose
            assert yaml.safe_load(f"k: {written}") == {"k": text}  # a YAML 1.1 reader agrees


def test_the_comment_over_proposed_rules_is_in_the_contents_language(tmp_path: Path) -> None:
    seed = REPO / "tests" / "fixtures" / "seeds" / "000_a33dc2f7b08b9a2d.txt"
    root = copy_demo(tmp_path)
    swedish = run("import", "--root", str(root), str(seed), "--out", str(tmp_path / "a"), "--dry-run", "--lang", "en")
    assert ("  # Föreslaget av `routines import` ur texten: jämför varje regel med texten och ta\n"
            "  # sedan bort dess rad `review:` (`routines check` varnar tills det är gjort).\n") in swedish.out
    (root / "routines.toml").write_text('language = "en"\n', encoding="utf-8")
    english = run("import", "--root", str(root), str(seed), "--out", str(tmp_path / "b"), "--dry-run", "--lang", "sv")
    assert "  # Proposed by `routines import` from the text: check each rule against the body, then\n" in english.out
    assert "granska: föreslagen regel" in english.out  # the report itself in the command's language
