"""``routines build`` on real files: pages, wording, safety of the output directory, increments."""

from __future__ import annotations

import filecmp
import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import CASES, REPO, TODAY, copy_demo, make_root, run

SU = "rutiner/SU9771-677637494-103.html"
BCC = "rutiner/SU9774-1570060579-84.html"


def _build(root: Path, out: Path, *extra: str, today: str = TODAY) -> dict:
    result = run("build", "--root", str(root), "--out", str(out), "--today", today, "--format", "json", *extra)
    assert result.code == 0, result.err
    return json.loads(result.out)


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("demo")
    root = copy_demo(tmp)
    out = tmp / "site"
    summary = _build(root, out)
    assert summary["search"] == "indexed"
    return out


def _page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_page_kind_is_built(demo_site: Path) -> None:
    for path in ("index.html", SU, BCC, "rutiner/DEMO-OGON-1177.html", "enheter/su-bcc-mott.html",
                 "enheter/vgr.html", "roller/arendemottagare.html", "agare/marer154.html",
                 "utgar.html", "fynd.html", "upphavda.html", "assets/style.css",
                 "assets/site.js", "pagefind/pagefind.js", ".routines-build.json"):
        assert (demo_site / path).is_file(), path
    assert 'lang="sv"' in _page(demo_site, "index.html")


def test_routine_page_information_rules_and_print_footer(demo_site: Path) -> None:
    html = _page(demo_site, SU)
    assert "<h1" in html and "1177 e-tjänster rollbeskrivning</h1>" in html
    assert "Information om handlingen" in html
    for fact in ("Rutin", "Sahlgrenska Universitetssjukhuset", "Maria Eriksson", "(marer154)", "Systemspecialist",
                 "Boel Mörck", "SU9771-677637494-103", "6.0", "2025-03-25", "2027-03-25",
                 "Revideringar i denna version", "Ändrat till 1177 e-tjänster"):
        assert fact in html, fact
    assert "Ärenden besvaras inom 2 vardagar; Synpunkter och klagomål inom 1 vardag" in html
    assert "Ärendemottagare: minst 1 per mottagning; frånvaro över 2 arbetsdagar kräver ersättare" in html
    assert "Varje vecka: Se över att handläggning av fördelade ärenden har påbörjats" in html
    assert "<h2>Arbetsbeskrivning</h2>" in html  # the body
    assert "Utskriven kopia <span data-print-date>2026-11-22</span> – gällande version finns på" in html
    assert "data-pagefind-body" in html
    bcc = _page(demo_site, BCC)
    assert "Granskad av" in bcc and "Jenny Brühn" in bcc and "Innehållsgranskare" in bcc
    assert 'href="https://www.vgregion.se/halsa-och-varld/vardgivarwebben/e-tjanster/basutbud-1177/"' in bcc


def test_body_links_to_routines_point_at_their_pages(demo_site: Path) -> None:
    html = _page(demo_site, "rutiner/DEMO-OGON-1177.html")
    assert f'href="../{SU}"' in html
    assert ".md" not in re.findall(r'href="([^"]*)"', html)[-1]


def test_unit_page_shows_inherited_routines_and_obligations(demo_site: Path) -> None:
    html = _page(demo_site, "enheter/su-bcc-mott.html")
    assert "1177 e-tjänster rollbeskrivning" in html
    assert "ärvd från Sahlgrenska Universitetssjukhuset" in html
    assert "ärvd från Verksamhet Barncancercentrum" in html
    assert "Svarstider per ärendetyp" in html and "Synpunkter och klagomål" in html
    assert "1 vardag (ett delsvar räcker)" in html
    missing = re.findall(r'<tr class="missing"><th scope="row">([^<]*)</th>', html)
    assert missing == ["Egenremiss", "Kontakt för bokning av tid"]
    assert "Varje vecka: Se över" in html


def test_role_page_says_what_the_role_requires(demo_site: Path) -> None:
    html = _page(demo_site, "roller/arendemottagare.html")
    assert "1177 e-tjänster rollbeskrivning" in html and "1177 Vårdguidens e-tjänster" in html
    assert "Säkerställer att ärenden blir mottagna och fördelade" in html
    assert "<td>Varje vecka</td> <td>Se över att handläggning" in html
    assert "Ärenden besvaras inom 2 vardagar" in html


def test_owner_page_lists_soonest_expiry_first(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    text = (root / "routines/su-bcc/1177-vardguidens-e-tjanster.md").read_text(encoding="utf-8")
    later = text.replace("SU9774-1570060579-84", "X-2").replace("title: 1177 Vårdguidens e-tjänster",
                                                                  "title: Senare rutin")
    later = later.replace("owner: {id: madno6", "owner: {id: marer154").replace(
        "name: Madelene Nolbris, title: Medicinsk sekreterare}", "name: Maria Eriksson, title: Systemspecialist}")
    (root / "routines/su-bcc/later.md").write_text(later, encoding="utf-8")
    out = tmp_path / "site"
    _build(root, out, "--no-search")
    html = _page(out, "agare/marer154.html")
    assert html.index("1177 e-tjänster rollbeskrivning") < html.index("Senare rutin")


def test_validity_banners(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    out = tmp_path / "site"
    _build(root, out, "--no-search", today="2027-01-01")
    html = _page(out, SU)
    assert 'class="banner banner-expiring"' in html and "upphör att gälla 2027-03-25, om 83 dagar" in html
    expiring = _page(out, "utgar.html")
    assert "1177 e-tjänster rollbeskrivning" in expiring and "Maria Eriksson" in expiring
    _build(root, out, "--no-search", today="2027-03-24")
    assert "upphör att gälla 2027-03-25, om 1 dag." in _page(out, SU)  # not "om 1 dagar"
    assert "utgår inom 90 dagar" in _page(out, "index.html")
    _build(root, out, "--no-search", today="2027-03-26")
    html = _page(out, SU)
    assert 'class="banner banner-expired"' in html and "Rutinen gick ut 2027-03-25" in html


def test_withdrawn_and_draft_routines(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    path = root / "routines/su-bcc/1177-vardguidens-e-tjanster.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: published", "status: withdrawn"),
                    encoding="utf-8")
    out = tmp_path / "site"
    _build(root, out, "--no-search")
    html = _page(out, BCC)
    assert 'class="banner banner-withdrawn"' in html and "data-pagefind-body" not in html
    assert "1177 Vårdguidens e-tjänster" not in _page(out, "enheter/su-bcc-mott.html")
    assert "1177 Vårdguidens e-tjänster" in _page(out, "upphavda.html")


def test_english_labels(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "routines.toml").write_text('language = "en"\ntitle = "Routine handbook"\n', encoding="utf-8")
    out = tmp_path / "site"
    _build(root, out, "--no-search")
    html = _page(out, SU)
    assert 'lang="en"' in html and "About this document" in html and "Valid until 2027-03-25" in html


def test_findings_page_lists_the_check_diagnostics(demo_site: Path) -> None:
    html = _page(demo_site, "fynd.html")
    assert "0 fel, 3 varningar" in html
    assert "placeholder-link" in html and "offerings" in html


def test_out_refuses_a_directory_that_is_not_a_build(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.docx").write_text("years of work")
    result = run("build", "--root", str(root), "--out", str(precious), "--today", TODAY)
    assert result.code == 2 and "refusing to replace it" in result.err
    assert (precious / "thesis.docx").read_text() == "years of work"
    for bad in (root, root / "routines"):
        result = run("build", "--root", str(root), "--out", str(bad), "--today", TODAY)
        assert result.code == 2, bad
    assert (root / "routines/organisation.yaml").is_file()


def test_a_failed_build_leaves_the_previous_site_intact(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    out = tmp_path / "site"
    _build(root, out, "--no-search")
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (root / "site/templates").mkdir(parents=True)
    (root / "site/templates/routine.html").write_text("{% extends 'base.html' %}{% block main %}{% if %}{% endblock %}")
    result = run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search")
    assert result.code == 2 and "template" in result.err and "Traceback" not in result.err
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_a_root_template_overrides_the_default(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "site/templates").mkdir(parents=True)
    (root / "site/templates/withdrawn.html").write_text(
        "{% extends 'base.html' %}{% block title %}X{% endblock %}{% block main %}<h1>Egen mall</h1>{% endblock %}")
    out = tmp_path / "site"
    _build(root, out, "--no-search")
    assert "<h1>Egen mall</h1>" in _page(out, "upphavda.html")


def test_a_root_macros_file_without_the_row_of_all_routines_is_a_clean_error(tmp_path: Path) -> None:
    """Alla rutiner makes each row once with ``routine_row`` of macros.html: a theme's own
    macros.html without it stops the build with a message naming the file and the macro."""
    root = copy_demo(tmp_path)
    (root / "site/templates").mkdir(parents=True)
    (root / "site/templates/macros.html").write_text(
        "{% macro badge(r) %}{{ r.badge }}{% endmacro %}{% macro unit_link(u, base) %}{{ u.name }}{% endmacro %}"
        "{% macro person(p, base) %}{% endmacro %}{% macro routine_link(r, base) %}{{ r.title }}{% endmacro %}"
        "{% macro source(s, base) %}{% endmacro %}")
    result = run("build", "--root", str(root), "--out", str(tmp_path / "site"), "--today", TODAY, "--no-search")
    assert result.code == 2 and "Traceback" not in result.err
    assert "macros.html" in result.err and "routine_row" in result.err and "rutiner.html" in result.err
    assert not (tmp_path / "site").exists()


def _tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in path.rglob("*")
            if p.is_file() and "pagefind" not in p.parts}


def test_incremental_build_renders_only_what_changed_and_equals_a_clean_build(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    out = tmp_path / "site"
    first = _build(root, out, "--no-search")
    assert first["rendered"] == first["pages"]
    again = _build(root, out, "--no-search")
    assert again["rendered"] == 0 and again["reused"] == again["pages"]
    path = root / "routines/su-ogon/1177-e-tjanster-ogonmottagningen.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nEn ny mening.\n", encoding="utf-8")
    changed = _build(root, out, "--no-search")
    assert changed["rendered"] == 1
    assert "En ny mening." in _page(out, "rutiner/DEMO-OGON-1177.html")
    clean = tmp_path / "clean"
    _build(root, clean, "--no-search", "--no-cache")
    assert _tree(out) == _tree(clean)


def test_incremental_build_with_search_equals_a_clean_build(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    out, clean = tmp_path / "site", tmp_path / "clean"
    _build(root, out)
    path = root / "routines/su/1177-e-tjanster-rollbeskrivning.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Text", "Text") + "\nTillägg om frånvaro.\n",
                    encoding="utf-8")
    _build(root, out)
    _build(root, clean, "--no-cache")
    comparison = filecmp.dircmp(out, clean)
    assert not comparison.diff_files and not comparison.left_only and not comparison.right_only
    assert {p.relative_to(out) for p in out.rglob("*")} == {p.relative_to(clean) for p in clean.rglob("*")}
    for path_ in out.rglob("*"):
        if path_.is_file():
            assert path_.read_bytes() == (clean / path_.relative_to(out)).read_bytes(), path_


def test_no_page_carries_every_routine(tmp_path: Path) -> None:
    """Output grows linearly: a routine page does not list the other routines."""
    root = make_root(tmp_path)
    template = (CASES / "valid/minimal/routines/a.md").read_text(encoding="utf-8")
    for i in range(150):
        (root / f"routines/r{i:03d}.md").write_text(template.replace("T-1", f"T-{i}").replace(
            "Testrutin 1", f"Rutin nummer {i}"), encoding="utf-8")
    out = tmp_path / "site"
    _build(root, out, "--no-search")
    page = _page(out, "rutiner/T-7.html")
    assert "Rutin nummer 8" not in page and "Rutin nummer 149" not in page
    sizes = [p.stat().st_size for p in (out / "rutiner").glob("*.html")]
    assert max(sizes) < 20_000


def test_repository_history_on_the_routine_page(tmp_path: Path) -> None:
    git = pytest.importorskip("git")
    root = copy_demo(tmp_path)
    repo = git.Repo.init(root)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Maria Eriksson")
        config.set_value("user", "email", "maria@example.se")
    repo.git.add("routines")
    date = "2026-01-05T10:00:00+01:00"
    repo.git.commit("-q", "-m", "Första versionen", env={"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date})
    out = tmp_path / "site"
    _build(root, out, "--no-search")
    html = _page(out, SU)
    assert "Versionshistorik" in html and "Första versionen" in html and "2026-01-05" in html


def test_demo_repository_builds(tmp_path: Path) -> None:
    """The README's handbook command builds the bundled demo (here into tmp_path)."""
    out = tmp_path / "site"
    summary = _build(REPO, out, "--no-search")
    assert summary["pages"] >= 25
    shutil.rmtree(out)


def test_build_with_cases_links_the_report_from_unit_pages(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    out = tmp_path / "site"
    _build(root, out, "--no-search", "--cases", str(REPO / "examples/cases-demo.csv"),
           "--now", "2026-04-20T12:00:00+02:00")
    report = _page(out, "arenden.html")
    assert "<svg" in report and 'id="unit-su-bcc-mott"' in report and "A-4" in report
    unit = _page(out, "enheter/su-bcc-mott.html")
    assert 'href="../arenden.html#unit-su-bcc-mott"' in unit
    assert "arenden.html" not in _page(out, "enheter/vgr.html").split("<main")[1].split("</main>")[0]
    assert 'href="./arenden.html"' in _page(out, "index.html")  # in the menu


def test_build_names_the_routines_it_left_out_and_strict_fails_on_errors(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "routines" / "su" / "trasig.md").write_text("---\nid: [\n---\nText\n", encoding="utf-8")
    out = tmp_path / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", "2026-06-01", "--no-search")
    assert result.code == 0, result.err  # the handbook is built, the findings are on its Findings page
    assert result.out.endswith("left out of the site, because they could not be read (1 file; their findings are on "
                               "the Findings page):\n  routines/su/trasig.md\n")
    assert (out / "index.html").exists()
    strict = run("build", "--root", str(root), "--out", str(out), "--today", "2026-06-01", "--no-search",
                 "--strict", "--format", "json")
    assert strict.code == 1
    payload = json.loads(strict.out)
    assert payload["left_out"] == ["routines/su/trasig.md"] and payload["diagnostics"]["error"] >= 1
    clean = run("build", "--root", str(REPO), "--out", str(tmp_path / "demo-site"), "--today", "2026-06-01",
                "--no-search", "--strict")
    assert clean.code == 0 and "left out" not in clean.out  # warnings do not fail a strict build
