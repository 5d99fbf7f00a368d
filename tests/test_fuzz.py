"""Fuzzing (Hypothesis): no input breaks the readers; every input ends in diagnostics or exit 2.

``make fuzz`` runs these with the ``fuzz`` profile (many more examples, a time budget);
``./dev test`` runs them with the default profile. Inputs that ever broke something are kept
in ``tests/fuzz-corpus/`` and replayed on every run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.csv_records import RowError
from generator.content.routine_file import analyse
from generator.content.yamlsafe import load_yaml
from generator.core.calendar import SwedishCalendar
from generator.core.errors import GeneratorError
from generator.deadlines.cases import read_cases
from tests.conftest import REPO, TODAY, make_root, run

CORPUS = Path(__file__).resolve().parent / "fuzz-corpus"

settings.register_profile("default", max_examples=150, deadline=2000,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("fuzz", max_examples=5000, deadline=2000,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("ROUTINES_FUZZ_PROFILE", "default"))

KEYS = ["id", "title", "type", "version", "status", "applies_to", "owner", "approver", "valid_from", "valid_to",
        "rules", "deadlines", "units", "case_types", "within_vardagar", "related", "url", "- ", "  ", "&a", "*a",
        "!!str", "? ", "{", "}", "[", "]", ":", "#", "'", '"', "|", ">", "\t", "---", "...", "\ufeff", "%YAML"]
VALUES = ["su", "vgr", "2026-02-30", "2026-01-01", "6.0", '"6.0"', "yes", "~", "*", "[su, vgr]",
          "{id: x, name: y}", "-1", "1e999", "0x1F", "null", "ärende", "<script>", "javascript:alert(1)"]

yamlish = st.lists(st.one_of(st.sampled_from(KEYS), st.sampled_from(VALUES), st.text(max_size=8),
                             st.just("\n"), st.just("\n  "), st.just(": ")), max_size=60).map("".join)
bodies = st.lists(st.one_of(st.sampled_from(["# R", "## S", "- a", "1. b", "[l](x.md)", "[p](#)", "![i](../x)",
                                             "<b>", "`c`", "> q", "|a|b|\n|-|-|", "\n", "*e*", "**f**"]),
                            st.text(max_size=10)), max_size=30).map("\n".join)
documents = st.builds(lambda fm, body: f"---\n{fm}\n---\n{body}", yamlish, bodies)


@given(st.text(max_size=2000))
def test_yaml_reader_never_raises_on_text(text: str) -> None:
    doc = load_yaml(text)
    assert doc.ok or doc.problems


@given(yamlish)
def test_yaml_reader_never_raises_on_yamlish_text(text: str) -> None:
    doc = load_yaml(text)
    assert doc.ok or doc.problems


@given(st.one_of(documents, st.text(max_size=3000)))
def test_routine_analysis_never_raises(text: str) -> None:
    result = analyse("routines/x.md", text)
    for diag in result.diagnostics:
        assert diag.line >= 1 and diag.message


@given(st.binary(max_size=3000))
def test_routine_analysis_of_bytes_never_raises(data: bytes) -> None:
    from generator.content.textfile import decode

    analyse("routines/x.md", decode(data))


@settings(max_examples=40)
@given(documents)
def test_check_on_a_fuzzed_root_gives_diagnostics_not_tracebacks(tmp_path_factory: pytest.TempPathFactory,
                                                                 text: str) -> None:
    root = make_root(tmp_path_factory.mktemp("fuzz"))
    (root / "routines/x.md").write_text(text, encoding="utf-8")
    result = run("check", "--root", str(root), "--today", TODAY, "--no-cache")
    assert result.code in (0, 1) and "Traceback" not in result.err


csv_fields = st.one_of(st.sampled_from(["su-bcc-mott", "Förnya recept", "2026-04-02T09:15:00+02:00",
                                        "2026-04-02", "", "Z", '"', ",", "\n", "x" * 50, "2026-13-40T25:61"]),
                       st.text(max_size=12))


@given(st.lists(st.lists(csv_fields, min_size=0, max_size=8), max_size=20), st.booleans())
def test_case_reader_never_raises(tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]],
                                  header: bool) -> None:
    path = tmp_path_factory.mktemp("cases") / "cases.csv"
    lines = (["case_id,unit,case_type,received_at,answered_at,partial_answer_at"] if header else [])
    lines += [",".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cal = SwedishCalendar()
    try:
        for row in read_cases(path, cal.zone):
            assert isinstance(row, RowError) or row.received.tzinfo is not None
    except GeneratorError:
        pass


@settings(max_examples=60)
@given(yamlish)
def test_roster_reader_never_raises(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    """Diagnostics with lines, or, for a file that is no roster at all, one clean error with its line."""
    from generator.content.project import load_project
    from generator.core.errors import GeneratorError
    from generator.staffing.roster import load_roster

    path = tmp_path_factory.mktemp("roster") / "roster.yaml"
    path.write_text("assignments:\n" + text, encoding="utf-8")
    project = load_project(REPO)
    try:
        roster = load_roster(path, project.organisation, project.catalog)
    except GeneratorError as error:
        assert str(error).startswith(f"{path}:") and "a roster is a YAML file" in str(error)
        return
    assert all(d.line >= 1 for d in roster.diagnostics)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*")) if CORPUS.is_dir() else [], ids=lambda p: p.name)
def test_the_corpus_of_former_crashers(path: Path, tmp_path: Path) -> None:
    """Inputs that once broke a reader: each must now end in diagnostics."""
    from generator.content.textfile import decode

    analyse("routines/x.md", decode(path.read_bytes()))
    root = make_root(tmp_path)
    (root / "routines/x.md").write_bytes(path.read_bytes())
    result = run("check", "--root", str(root), "--today", TODAY, "--no-cache")
    assert result.code in (0, 1) and "Traceback" not in result.err


def test_the_calendar_survives_its_whole_range() -> None:
    cal = SwedishCalendar()
    assert cal.add_vardagar(dt.date(9999, 12, 1), 5).year == 9999


LABELS = ["Gäller för:", "Innehållsansvar:", "Godkänd av:", "Granskad av:", "Giltig från:", "Giltig till:",
          "Dokument-ID:", "Version:", "Handlingstyp:", "Innehållsgranskare", "Revideringar i denna version",
          "Relaterad information", "Information om handlingen", "**Version:**", "# ", "Syfte", "Roller", "- ",
          "1. ", " - a) ", "inom två vardagar", "en (1) vardag", "frånvarande mer än två arbetsdagar",
          "en gång per vecka", "Ärendemottagare", "Synpunkter och klagomål", "Sahlgrenska Universitetssjukhuset",
          "Maria Eriksson, (marer154), Systemspecialist", "2026-02-30", "<https://x>", "[l](#)", "*", "\t"]
plain_text = st.lists(st.one_of(st.sampled_from(LABELS), st.text(max_size=15), st.just("\n"), st.just("\n\n")),
                      max_size=80).map("".join)


@given(plain_text)
def test_the_importer_never_raises(text: str) -> None:
    from generator.authoring.importer import build_import

    project = _demo_project()
    with contextlib.suppress(GeneratorError):
        build_import(text, project.organisation, project.catalog)


_DEMO: list[object] = []


def _demo_project():  # type: ignore[no-untyped-def]
    from generator.content.project import load_project

    if not _DEMO:
        _DEMO.append(load_project(REPO))
    return _DEMO[0]
