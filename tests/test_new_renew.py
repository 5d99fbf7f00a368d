"""``routines new`` and ``routines renew`` (issue 7): the files they write pass ``check`` at
once, and ``renew`` changes only the version, date and revision-note lines of a file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator.authoring.new_routine import new_routine, slug
from generator.authoring.renew_routine import (
    next_major,
    prepare_renewal,
    renew_routine,
    version_key,
)
from generator.authoring.yaml_scalars import double_quoted, scalar
from generator.checks.cross_file import run_checks
from generator.content.project import load_project
from generator.content.yamlsafe import load_yaml
from generator.core.diagnostics import Diagnostic
from generator.core.errors import GeneratorError
from tests.conftest import TODAY, copy_demo, run

DAY = dt.date.fromisoformat(TODAY)
SU = "SU9771-677637494-103"
"""The SU routine: its revision_note is a folded block scalar (``>-``)."""
BCC = "SU9774-1570060579-84"
OGON = "DEMO-OGON-1177"
OWNER = "Anna Andersson, (anna01), Enhetschef"
APPROVER = "Thorsteinn Gunnarsson, (thogu14), Verksamhetschef"


# -- helpers ------------------------------------------------------------------------------------


def diagnostics(root: Path) -> list[Diagnostic]:
    return run_checks(load_project(root), DAY)


def for_file(root: Path, file: str) -> list[Diagnostic]:
    return [d for d in diagnostics(root) if d.file == file]


def comparable(diags: list[Diagnostic]) -> set[tuple[str, str, str, str]]:
    """Diagnostics without their lines (a removed block scalar moves the lines below it)."""
    return {(d.file, d.severity, d.code, d.message) for d in diags}


def file_of(root: Path, routine_id: str) -> Path:
    routine = next(r for r in load_project(root).routines if r.id == routine_id)
    return root / routine.file


def lines_of(data: bytes) -> list[bytes]:
    """Lines with their endings (CR kept), BOM and all: a byte-exact view."""
    return data.splitlines(keepends=True)


def key_line(data: bytes, key: str) -> int:
    """0-based index of the line where the top-level ``key`` starts."""
    for index, line in enumerate(lines_of(data)):
        if line.lstrip(b"\xef\xbb\xbf").startswith(key.encode() + b":"):
            return index
    raise AssertionError(f"no {key} line")


def assert_only_edited(before: bytes, after: bytes) -> None:
    """Every line but those of version, valid_from, valid_to and revision_note is byte-identical;
    the line count differs only by a replaced multi-line revision_note (or an added one)."""
    old, new = lines_of(before), lines_of(after)
    edited = {key_line(before, k) for k in ("version", "valid_from", "valid_to")}
    if b"\nrevision_note:" in before:
        note = key_line(before, "revision_note")
        block = note + 1
        while block < len(old) and old[block].startswith(b" "):
            block += 1
        assert len(new) == len(old) - (block - note - 1)
        old = old[:note + 1] + old[block:]  # the block's continuation lines are gone
        edited.add(note)
    else:  # inserted right after valid_to
        inserted = key_line(before, "valid_to") + 1
        assert new[inserted].startswith(b"revision_note: ")
        assert len(new) == len(old) + 1
        new = new[:inserted] + new[inserted + 1:]
    assert len(new) == len(old)
    for index, (a, b) in enumerate(zip(old, new, strict=True)):
        if index in edited:
            assert a.split(b":", 1)[0] == b.split(b":", 1)[0]  # same key, same indentation
            assert a.endswith(b"\r\n") == b.endswith(b"\r\n")
        else:
            assert a == b, f"line {index + 1} changed: {a!r} -> {b!r}"


def front_matter(path: Path) -> dict[str, object]:
    from generator.content import frontmatter
    from generator.content.textfile import decode

    text = decode(path.read_bytes())
    assert isinstance(text, str)
    parts = frontmatter.split(text)
    assert isinstance(parts, frontmatter.Split)
    data = load_yaml(parts.front_matter).data
    assert isinstance(data, dict)
    return data


def no_temp_files(root: Path) -> None:
    assert not [p for p in (root / "routines").rglob(".*") if p.is_file()]


# -- new ----------------------------------------------------------------------------------------


def test_new_writes_a_routine_that_passes_check(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    before = comparable(diagnostics(root))
    made = new_routine(root, title="Hantering av läkemedel: ordination & administrering",
                       unit="Verksamhet Barncancercentrum", owner=OWNER, approver=APPROVER, today=DAY)
    assert made.written and made.file == "routines/su-bcc/hantering-av-lakemedel-ordination-administrering.md"
    assert made.path.read_text(encoding="utf-8") == made.text
    assert for_file(root, made.file) == []
    assert comparable(diagnostics(root)) == before  # nothing new anywhere else either
    data = front_matter(made.path)
    assert data["title"] == "Hantering av läkemedel: ordination & administrering"
    assert data["id"] == made.id == "RUT-su-bcc-2026-001"
    assert data["applies_to"] == ["su-bcc"] and data["type"] == "rutin" and data["version"] == "1.0"
    assert data["status"] == "draft"  # until the sections hold the routine's own text
    assert data["owner"] == {"id": "anna01", "name": "Anna Andersson", "title": "Enhetschef"}
    assert data["valid_from"] == TODAY and data["valid_to"] == "2028-11-22"  # two years, as the seeds count them
    body = made.text.split("\n---\n", 1)[1]
    for heading in ("Syfte", "Arbetsbeskrivning", "Roller", "Ansvar", "Uppföljning, utvärdering och revision"):
        assert f"\n## {heading}\n\nBeskriv " in body
    no_temp_files(root)


def test_new_is_valid_at_once_and_the_longest_period_passes_validity(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "routines.toml").write_text("[validity]\ndefault_max_years = 2\n[validity.max_years]\n"
                                        "instruktion = 1\n", encoding="utf-8")
    made = new_routine(root, title="Kort instruktion", unit="su-ogon-mott", owner=OWNER, approver=APPROVER,
                       doc_type="instruktion", today=dt.date(2028, 2, 29))
    assert made.valid_from == dt.date(2028, 2, 29) and made.valid_to == dt.date(2029, 2, 28)  # 29 February a year on is 28 February
    routine = next(r for r in load_project(root).routines if r.id == made.id)
    assert routine.status == "draft" and routine.valid_from == dt.date(2028, 2, 29)
    assert [d for d in run_checks(load_project(root), dt.date(2028, 2, 29))
            if d.file == made.file and d.severity != "warning"] == []


def test_new_never_overwrites(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    first = new_routine(root, title="Samma titel", unit="su-bcc", owner=OWNER, approver=APPROVER, today=DAY)
    first.path.write_text(first.text + "\nEgen text.\n", encoding="utf-8")
    kept = first.path.read_bytes()
    with pytest.raises(GeneratorError, match=r"already exists.*--force"):
        new_routine(root, title="Samma titel", unit="su-bcc", owner=OWNER, approver=APPROVER, today=DAY)
    assert first.path.read_bytes() == kept
    result = run("new", "--root", str(root), "--today", TODAY, "--title", "Samma titel", "--unit", "su-bcc",
                    "--owner", OWNER, "--approver", APPROVER)
    assert result.code == 2 and "already exists" in result.err
    assert first.path.read_bytes() == kept
    forced = new_routine(root, title="Samma titel", unit="su-bcc", owner=OWNER, approver=APPROVER, today=DAY,
                         force=True)
    assert forced.path == first.path and b"Egen text." not in forced.path.read_bytes()
    assert for_file(root, forced.file) == []
    no_temp_files(root)


def test_fresh_ids_are_unique(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    ids = [new_routine(root, title=f"Rutin {n}", unit="su-bcc", owner=OWNER, approver=APPROVER, today=DAY).id
           for n in range(3)]
    assert ids == ["RUT-su-bcc-2026-001", "RUT-su-bcc-2026-002", "RUT-su-bcc-2026-003"]
    taken = root / "routines/su-bcc/rutin-1.md"  # a hand-written id with a higher number
    taken.write_text(taken.read_text(encoding="utf-8").replace("RUT-su-bcc-2026-002", "RUT-su-bcc-2026-041"),
                     encoding="utf-8")
    fourth = new_routine(root, title="Rutin 4", unit="su-bcc", owner=OWNER, approver=APPROVER, today=DAY)
    assert fourth.id == "RUT-su-bcc-2026-042"
    other_unit = new_routine(root, title="Rutin 4", unit="su-ogon-mott", owner=OWNER, approver=APPROVER,
                             today=DAY)
    assert other_unit.id == "RUT-su-ogon-mott-2026-001"
    diags = diagnostics(root)
    assert not [d for d in diags if d.code == "duplicate-id" or d.severity == "error"]
    with pytest.raises(GeneratorError, match="already used"):
        new_routine(root, title="Rutin 5", unit="su-bcc", owner=OWNER, approver=APPROVER, today=DAY,
                    routine_id=SU)


@pytest.mark.parametrize(("changes", "message"), [
    ({"unit": "Ingen sådan enhet"}, "unknown unit"),
    ({"approver": "Anna Andersson, (anna01), Chef"}, "same person"),
    ({"owner": "Anna Andersson, Enhetschef"}, "Namn, \\(id\\), Titel"),
    ({"owner": "Anna Andersson, (anna 01), Enhetschef"}, "the id 'anna 01'"),
    ({"approver": "Thorsten Gunnarson, (thogu14), Verksamhetschef"}, "is 'Thorsteinn Gunnarsson'"),
    ({"doc_type": "Rutin!"}, "--type"),
    ({"title": "   "}, "--title is empty"),
    ({"routine_id": "har mellanslag"}, "--id"),
])
def test_new_refuses_what_check_would_reject(tmp_path: Path, changes: dict[str, str], message: str) -> None:
    root = copy_demo(tmp_path)
    options: dict[str, str] = {"title": "En rutin", "unit": "su-bcc", "owner": OWNER, "approver": APPROVER}
    options.update(changes)
    with pytest.raises(GeneratorError, match=message):
        new_routine(root, today=DAY, **options)  # type: ignore[arg-type]
    assert not (root / "routines/su-bcc/en-rutin.md").exists()


def test_new_without_a_terminal_names_the_missing_options(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    result = run("new", "--root", str(root), "--today", TODAY, "--title", "En rutin")
    assert result.code == 2
    assert "missing --unit, --owner, --approver" in result.err
    assert not (root / "routines/su-bcc/en-rutin.md").exists()


def test_new_asks_in_a_terminal(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    result = run("new", "--root", str(root), "--today", TODAY, "--format", "json",
                 stdin=f"Frågad rutin\nsu-bcc\n{OWNER}\n{APPROVER}\n")
    assert result.code == 0, result.err
    payload = json.loads(result.out)
    assert payload["file"] == "routines/su-bcc/fragad-rutin.md" and payload["written"] is True
    assert "Owner" in result.err and "Approver" in result.err
    assert for_file(root, payload["file"]) == []


def test_new_dry_run_writes_nothing(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    result = run("new", "--root", str(root), "--today", TODAY, "--title", "Prov", "--unit", "su-bcc",
                    "--owner", OWNER, "--approver", APPROVER, "--dry-run")
    assert result.code == 0 and result.out.startswith("---\nid: RUT-su-bcc-2026-001\n")
    assert not (root / "routines/su-bcc/prov.md").exists()


def test_new_through_the_routines_command(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    result = run("new", "--root", str(root), "--today", TODAY, "--title", "Via kommandot", "--unit", "su-bcc",
                 "--owner", OWNER, "--approver", APPROVER)
    assert result.code == 0, result.err
    assert "routines/su-bcc/via-kommandot.md" in result.out
    check = run("check", "--root", str(root), "--today", TODAY, "--format", "json")
    assert not [d for d in json.loads(check.out)["diagnostics"] if d["file"] == "routines/su-bcc/via-kommandot.md"]
    missing = run("new", "--root", str(root), "--today", TODAY)
    assert missing.code == 2 and "--title, --unit, --owner, --approver" in missing.err


# -- renew --------------------------------------------------------------------------------------


def demo_ids(root: Path) -> list[str]:
    return sorted(r.id for r in load_project(root).routines if r.id)


def test_the_demo_has_the_three_routines(tmp_path: Path) -> None:
    assert demo_ids(copy_demo(tmp_path)) == sorted([SU, BCC, OGON])


@pytest.mark.parametrize("routine_id", [SU, BCC, OGON])
def test_renew_each_demo_routine(tmp_path: Path, routine_id: str) -> None:
    root = copy_demo(tmp_path)
    path = file_of(root, routine_id)
    before_diags = comparable(diagnostics(root))
    before = path.read_bytes()
    old = front_matter(path)
    renewal = renew_routine(root, routine_id, note="Ny giltighetsperiod, inga ändringar i sak.", today=DAY)
    after = path.read_bytes()
    assert renewal.written
    after_diags = diagnostics(root)
    assert not [d for d in after_diags if d.severity == "error"]
    assert comparable(after_diags) <= before_diags  # nothing new
    assert_only_edited(before, after)
    data = front_matter(path)
    assert data["version"] == next_major(str(old["version"]))
    assert data["valid_from"] == TODAY and data["valid_to"] == "2028-11-22"
    assert data["revision_note"] == "Ny giltighetsperiod, inga ändringar i sak."
    assert {k: v for k, v in data.items() if k not in ("version", "valid_from", "valid_to", "revision_note")} \
        == {k: v for k, v in old.items() if k not in ("version", "valid_from", "valid_to", "revision_note")}
    assert list(data) == list(old)  # key order kept
    assert lines_of(after)[key_line(after, "version")].startswith(b'version: "')  # quoting kept
    no_temp_files(root)


def test_renew_replaces_a_folded_block_scalar_by_one_line(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    path = file_of(root, SU)
    before = path.read_bytes()
    note_at = key_line(before, "revision_note")
    assert lines_of(before)[note_at] == b"revision_note: >-\n"
    renew_routine(root, SU, note="Ny period: länkar rättade # inte en kommentar", today=DAY)
    after = path.read_bytes()
    assert len(lines_of(after)) == len(lines_of(before)) - 2
    assert lines_of(after)[note_at] == b'revision_note: "Ny period: l\xc3\xa4nkar r\xc3\xa4ttade # inte en kommentar"\n'
    assert front_matter(path)["revision_note"] == "Ny period: länkar rättade # inte en kommentar"
    assert_only_edited(before, after)


def test_renew_keeps_crlf_bom_and_an_inline_comment(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    path = file_of(root, SU)
    text = path.read_text(encoding="utf-8")
    assert "valid_to: 2027-03-25\n" in text
    text = text.replace("valid_to: 2027-03-25\n", "valid_to: 2027-03-25  # förlängd\n")
    original = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(original)
    before_diags = comparable(diagnostics(root))
    renewal = renew_routine(root, SU, note="Förlängd.", today=DAY)
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf---\r\n")
    assert after.count(b"\n") == after.count(b"\r\n")  # every line still ends in CRLF
    assert b"\r\nvalid_to: 2028-11-22  # f\xc3\xb6rl\xc3\xa4ngd\r\n" in after
    assert b"\r\nrevision_note: F\xc3\xb6rl\xc3\xa4ngd.\r\n" in after
    assert_only_edited(original, after)
    assert renewal.version == "7.0"
    after_diags = diagnostics(root)
    assert not [d for d in after_diags if d.severity == "error"]
    assert comparable(after_diags) <= before_diags


@pytest.mark.parametrize("shape", ["crlf", "bom", "lf"])
def test_renew_one_line_note_in_each_encoding_shape(tmp_path: Path, shape: str) -> None:
    root = copy_demo(tmp_path)
    path = file_of(root, OGON)
    data = path.read_bytes()
    if shape == "crlf":
        data = data.replace(b"\n", b"\r\n")
    if shape == "bom":
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    renew_routine(root, OGON, note="Ny period.", today=DAY, version="1.1")
    after = path.read_bytes()
    assert_only_edited(data, after)
    assert len(lines_of(after)) == len(lines_of(data))
    assert not [d for d in diagnostics(root) if d.severity == "error"]
    assert front_matter(path)["version"] == "1.1"


def test_renew_adds_a_missing_revision_note_after_valid_to(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    path = file_of(root, OGON)
    text = path.read_text(encoding="utf-8")
    without = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("revision_note:"))
    path.write_text(without, encoding="utf-8")
    before = path.read_bytes()
    renew_routine(root, OGON, note="yes", today=DAY)  # 'yes' must stay text
    after = path.read_bytes()
    assert_only_edited(before, after)
    new_lines = lines_of(after)
    assert new_lines[key_line(after, "valid_to") + 1] == b'revision_note: "yes"\n'
    assert front_matter(path)["revision_note"] == "yes"
    assert not [d for d in diagnostics(root) if d.severity == "error"]


def test_renew_keeps_single_quotes_plain_values_and_comments(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    path = file_of(root, BCC)
    text = path.read_text(encoding="utf-8")
    text = text.replace('version: "5.0"', "version: '5.0'   # höjs vid revision")
    text = text.replace("revision_note: Inget nytillkommet.", "revision_note: Inget nytillkommet.  # kort")
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    renew_routine(root, BCC, note="Nya svarstider.", today=DAY, valid_from=dt.date(2026, 12, 1),
                  valid_to=dt.date(2027, 12, 31))
    after = path.read_bytes()
    assert_only_edited(before, after)
    assert b"\nversion: '6.0'   # h\xc3\xb6js vid revision\n" in after
    assert b"\nrevision_note: Nya svarstider.  # kort\n" in after
    assert b"\nvalid_from: 2026-12-01\nvalid_to: 2027-12-31\n" in after


def test_renew_replaces_a_multi_line_plain_note(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    path = file_of(root, OGON)
    text = path.read_text(encoding="utf-8").replace(
        "revision_note: Ny instruktion (demoinnehåll).",
        "revision_note: Ny instruktion\n  (demoinnehåll) på två rader.")
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    renew_routine(root, OGON, note="Ny period.", today=DAY)
    assert_only_edited(before, path.read_bytes())
    assert front_matter(path)["revision_note"] == "Ny period."


def test_renew_refuses_a_lower_or_equal_version(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    path = file_of(root, SU)
    before = path.read_bytes()
    for version in ("5.0", "6.0", "6", "6.0.0"):
        with pytest.raises(GeneratorError, match="not higher"):
            renew_routine(root, SU, note="x", today=DAY, version=version)
    with pytest.raises(GeneratorError, match="numbers with dots"):
        renew_routine(root, SU, note="x", today=DAY, version="v7")
    assert path.read_bytes() == before
    result = run("renew", SU, "--root", str(root), "--today", TODAY, "--note", "x", "--version", "5.9")
    assert result.code == 2 and "not higher than the current version 6.0" in result.err
    assert path.read_bytes() == before


def test_renew_refuses_a_backwards_valid_from(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    path = file_of(root, SU)
    before = path.read_bytes()
    with pytest.raises(GeneratorError, match="before the current valid_from 2025-03-25"):
        renew_routine(root, SU, note="x", today=DAY, valid_from=dt.date(2025, 3, 24))
    with pytest.raises(GeneratorError, match="before the current valid_from"):
        renew_routine(root, SU, note="x", today=dt.date(2025, 1, 1))  # the default: today
    assert path.read_bytes() == before


@pytest.mark.parametrize(("options", "message"), [
    ({"valid_to": dt.date(2028, 11, 23)}, "more than 2 years"),
    ({"valid_to": dt.date(2026, 11, 22)}, "not after valid_from"),
    ({"valid_from": dt.date(2026, 1, 1), "valid_to": dt.date(2026, 6, 30)}, "expired at once"),
])
def test_renew_refuses_dates_check_would_reject(tmp_path: Path, options: dict[str, dt.date], message: str) -> None:
    root = copy_demo(tmp_path)
    path = file_of(root, SU)
    before = path.read_bytes()
    with pytest.raises(GeneratorError, match=message):
        renew_routine(root, SU, note="x", today=DAY, **options)  # type: ignore[arg-type]
    assert path.read_bytes() == before


def test_renew_of_the_longest_period_passes_validity(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    renew_routine(root, SU, note="x", today=DAY, valid_to=dt.date(2028, 11, 22))  # check's own limit
    assert not [d for d in diagnostics(root) if d.code == "validity-too-long"]


def test_renew_refuses_an_unknown_id(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    with pytest.raises(GeneratorError, match="no routine has the id 'SU0000'"):
        renew_routine(root, "SU0000", note="x", today=DAY)
    with pytest.raises(GeneratorError, match=r"no routine has the id 'SU9771-677637494-10' \(did you mean "
                                             r"'SU9771-677637494-103'\?\)"):
        renew_routine(root, "SU9771-677637494-10", note="x", today=DAY)


def test_renew_refuses_when_the_file_changed_in_between(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    path = file_of(root, SU)
    renewal = prepare_renewal(root, SU, today=DAY)
    renewal.compose("x")
    path.write_bytes(path.read_bytes() + b"\nTillagt av en kollega.\n")
    changed = path.read_bytes()
    with pytest.raises(GeneratorError, match="changed on disk"):
        renewal.write()
    assert path.read_bytes() == changed
    no_temp_files(root)


@pytest.mark.parametrize(("old", "new", "message"), [
    ('version: "6.0"', 'version:\n  "6.0"', "not on the key's line"),
    ("valid_to: 2027-03-25", "valid_to: &slut 2027-03-25", "anchor"),
    ('version: "6.0"', 'version: "6.\\\n  0"', "spans lines"),  # a line continued by a backslash
])
def test_renew_refuses_what_it_cannot_edit_safely(tmp_path: Path, old: str, new: str, message: str) -> None:
    root = copy_demo(tmp_path)
    path = file_of(root, SU)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(GeneratorError, match=message):
        renew_routine(root, SU, note="x", today=DAY)
    assert path.read_bytes() == before


def test_renew_without_a_note_and_terminal_is_a_usage_error(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    path = file_of(root, SU)
    before = path.read_bytes()
    result = run("renew", SU, "--root", str(root), "--today", TODAY)
    assert result.code == 2 and "missing --note" in result.err
    assert path.read_bytes() == before


def test_renew_asks_for_the_note_in_a_terminal(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    result = run("renew", SU, "--root", str(root), "--today", TODAY, stdin="Frågad anteckning.\n")
    assert result.code == 0, result.err
    assert "Revision note for version 7.0" in result.err
    assert front_matter(file_of(root, SU))["revision_note"] == "Frågad anteckning."


def test_renew_dry_run_shows_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    path = file_of(root, SU)
    before = path.read_bytes()
    result = run("renew", SU, "--root", str(root), "--today", TODAY, "--note", "Ny period.", "--dry-run")
    assert result.code == 0
    assert '-version: "6.0"\n+version: "7.0"\n' in result.out
    assert "+revision_note: Ny period.\n" in result.out and "-revision_note: >-\n" in result.out
    assert path.read_bytes() == before
    as_json = json.loads(run("renew", SU, "--root", str(root), "--today", TODAY, "--note", "Ny period.",
                                "--dry-run", "--format", "json").out)
    assert as_json["written"] is False and as_json["version"] == "7.0" and as_json["old_version"] == "6.0"
    assert path.read_bytes() == before


def test_renew_through_the_routines_command(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    path = file_of(root, BCC)
    before = path.read_bytes()
    result = run("renew", BCC, "--root", str(root), "--today", TODAY, "--note", "Ny period.", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["valid_to"] == "2028-11-22"
    assert_only_edited(before, path.read_bytes())
    check = run("check", "--root", str(root), "--today", TODAY, "--format", "json")
    assert not [d for d in json.loads(check.out)["diagnostics"] if d["severity"] == "error"]
    lower = run("renew", BCC, "--root", str(root), "--today", TODAY, "--note", "x", "--version", "1.0")
    assert lower.code == 2 and "not higher" in lower.err


# -- pieces -------------------------------------------------------------------------------------


def test_versions() -> None:
    assert next_major("6.0") == "7.0" and next_major("5") == "6" and next_major("2.3.1") == "3.0.0"
    assert version_key("6") == version_key("6.0") < version_key("6.0.1") < version_key("6.1") < version_key("10.0")


@pytest.mark.parametrize("text", ["Inget nytillkommet.", "ja: nej", "# inte kommentar", "yes", "1177", "2026-01-01",
                                  '"citat"', "tab\there", "rad\nbrytning", "a\u2028b", "- lista", "{x}", "x, y",
                                  "slut:", "  mellanslag  ", "\ufeffbom", "null", "~"])
def test_scalars_read_back_as_written(text: str) -> None:
    for written in (scalar(text), scalar(text, flow=True), double_quoted(text)):
        assert "\n" not in written and "\r" not in written
        document = load_yaml(f"a: {written}\nb: {{c: {scalar(text, flow=True)}}}\n")
        assert document.ok and not document.problems, written
        assert document.data == {"a": text, "b": {"c": text}}


def test_slug() -> None:
    assert slug("1177 Vårdguidens e-tjänster") == "1177-vardguidens-e-tjanster"
    assert slug("Ögon & öron: ÅÄÖ") == "ogon-oron-aao"
    assert slug("???") == "rutin"


def test_renew_reads_the_model_and_refuses_a_routine_check_would_fail(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    path = file_of(root, SU)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("valid_from: 2025-03-25", "valid_from: 2025-02-30"), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(GeneratorError, match=r"valid_from is missing or not a date as YYYY-MM-DD; run "
                                             r"'routines check' to see why"):
        renew_routine(root, SU, note="x", today=DAY)
    assert path.read_bytes() == before


def test_new_renew_and_check_agree_on_the_longest_validity(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    made = new_routine(root, title="Längsta giltighet", unit="su-bcc", owner=OWNER, approver=APPROVER,
                       today=dt.date(2026, 12, 1))
    assert made.valid_to == dt.date(2028, 12, 1)  # what renew and check accept, no day less
    renewed = renew_routine(root, made.id, note="Ny period.", today=dt.date(2026, 12, 2),
                            valid_from=dt.date(2026, 12, 2), valid_to=dt.date(2028, 12, 2))
    assert renewed.valid_to == dt.date(2028, 12, 2)
    with pytest.raises(GeneratorError, match="more than 2 years after valid_from"):
        renew_routine(root, made.id, note="x", today=dt.date(2026, 12, 2), valid_from=dt.date(2026, 12, 3),
                      valid_to=dt.date(2028, 12, 4))
    assert [d for d in for_file(root, made.file) if d.code == "validity-too-long"] == []


def test_a_published_routine_still_holding_the_templates_guidance_is_reported(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    made = new_routine(root, title="Oskriven rutin", unit="su-bcc", owner=OWNER, approver=APPROVER, today=DAY)
    assert for_file(root, made.file) == []  # a draft may hold the guidance
    made.path.write_text(made.path.read_text(encoding="utf-8").replace("status: draft", "status: published"),
                         encoding="utf-8")
    found = [(d.code, d.severity, str(d.message)) for d in for_file(root, made.file)]
    assert len(found) == 5 and all(code == "template-text" and severity == "warning" for code, severity, _ in found)
    assert found[0][2] == ("the section 'Syfte' still holds the template's guidance ('Beskriv varför rutinen finns "
                           "och vad den ska uppnå.'); write the routine's own text, or keep it as status: draft "
                           "until it is written")


def test_new_asks_again_when_an_answer_does_not_resolve_and_keeps_the_others(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    answers = f"Omfrågad rutin\nsu-bcc-mot\nsu-bcc\nAnna Andersson anna01\n{OWNER}\n{APPROVER}\n"
    result = run("new", "--root", str(root), "--today", TODAY, "--format", "json", stdin=answers)
    assert result.code == 0, result.err
    assert "  unknown unit 'su-bcc-mot' (did you mean 'su-bcc-mott'" in result.err
    assert "  --owner 'Anna Andersson anna01' is not 'Namn, (id), Titel'" in result.err
    payload = json.loads(result.out)
    assert payload["file"] == "routines/su-bcc/omfragad-rutin.md"  # the title given first was kept
    data = front_matter(root / payload["file"])
    assert data["owner"]["id"] == "anna01" and data["applies_to"] == ["su-bcc"]


def test_new_gives_up_after_three_unusable_answers_and_writes_nothing(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    before = sorted(p for p in root.rglob("*.md"))
    result = run("new", "--root", str(root), "--today", TODAY, stdin="Rutin\nx\ny\nz\n")
    assert result.code == 2
    assert result.err.rstrip().endswith("no usable answer to 'Unit: id, name or alias (enhet)' after 3 tries; "
                                        "nothing was written")
    assert sorted(p for p in root.rglob("*.md")) == before
