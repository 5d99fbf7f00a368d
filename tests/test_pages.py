"""The handbook's ways in, on real files: the Enheter, Roller and Alla rutiner pages, the grouped
role page, selectors in the organisation's words, the routine page's summary and findings box,
Bemanning's legend and the search index's words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.core.organisation import Organisation, Unit
from generator.core.rules_text import (
    PLAIN,
    attribute_label,
    selector_text,
    units_phrase,
    wording_of,
)
from tests.conftest import REPO, TODAY, copy_demo, run

SU = "rutiner/SU9771-677637494-103.html"
BCC = "rutiner/SU9774-1570060579-84.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("pages")
    root = copy_demo(tmp)
    out = tmp / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search",
                 "--roster", str(REPO / "examples" / "roster-demo.yaml"), "--roster-from", "2026-06-08",
                 "--roster-to", "2026-07-03", "--cases", str(REPO / "examples" / "cases-demo.csv"),
                 "--now", "2026-04-20T12:00:00+02:00")
    assert result.code == 0, result.err
    return out


def _page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _text(html: str) -> str:
    main = re.search(r"<main.*?</main>", html, re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main.group(0) if main else html))


def _part(pattern: str, html: str) -> str:
    found = re.search(pattern, html, re.DOTALL)
    assert found, pattern
    return found.group(0)


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"#?]+)', html)


def test_index_pages_exist_and_every_link_on_them_resolves(site: Path) -> None:
    for path in ("enheter.html", "roller.html", "rutiner.html"):
        html = _page(site, path)
        for href in _links(html):
            if not href.startswith("http"):
                assert (site / path).parent.joinpath(href).resolve().is_file(), (path, href)


def test_units_page_has_the_whole_tree_without_javascript(site: Path) -> None:
    html = _page(site, "enheter.html")
    for unit in ("vgr", "su", "su-bcc", "su-bcc-mott", "su-bcc-avd321", "su-ogon", "su-ogon-mott"):
        assert f'<li data-unit="{unit}"' in html and f'href="./enheter/{unit}.html"' in html
    assert 'data-lineage="su-ogon-mott su-ogon su vgr"' in html
    assert re.search(r'<div class="unit-filter" data-unit-filter hidden>', html)  # the filter needs JS
    assert re.search(r'<form class="chooser" data-chooser="unit" hidden>', html)


def test_roles_page_lists_every_role_with_one_line(site: Path) -> None:
    html = _page(site, "roller.html")
    text = _text(html)
    assert html.count('<li data-role="') == 11
    assert "Sektionsledare, mottagningssjuksköterska eller läkare som besvarar fördelade ärenden." in text
    assert "Bevakar och besvarar inkomna ärenden" in text  # Ärendehanterare: its first duty
    assert 'href="./roller/arendemottagare.html"' in html


def test_all_routines_page_is_sorted_by_title_with_filter_data(site: Path) -> None:
    html = _page(site, "rutiner.html")
    titles = re.findall(r'<tr data-units[^>]*><td><a href="[^"]+">([^<]+)</a>', html)
    assert titles == sorted(titles, key=str.casefold) and len(titles) == 3
    row = re.search(r'<tr data-units="su" data-roles="([^"]*)" data-type="rutin" data-status="([^"]*)"', html)
    assert row and "arendemottagare" in row.group(1).split() and row.group(2) == "Gällande"
    for label in ("Enhet", "Roll", "Handlingstyp", "Status", "Innehållsansvar", "Sortera efter", "Senast ändrad"):
        assert f">{label}<" in html, label
    assert '<form class="list-filters" data-list-filters hidden' in html


def test_role_page_is_grouped_and_every_line_links_its_routine(site: Path) -> None:
    html = _page(site, "roller/arendemottagare.html")
    headings = re.findall(r'<h2 id="role-[a-z]+">([^<]+)</h2>', html)
    assert headings == ["Uppgifter", "Återkommande", "Bemanning", "Svarstider", "Rutiner som nämner rollen"]
    tasks = _part(r'id="role-tasks".*?</section>', html)
    assert tasks.count("<li>") == tasks.count(f'href="../{SU}"') + tasks.count(f'href="../{BCC}"') > 0
    assert "<td>Varje vecka</td> <td>Se över att handläggning av fördelade ärenden har påbörjats</td>" in html
    assert "Minst 1 per mottagning inom öppenvården" in html
    assert "Frånvaro över 2 arbetsdagar kräver ersättare. Ersättare tas i första hand från enheten" in html


def test_unit_page_links_its_role_rules_to_the_role_pages(site: Path) -> None:
    html = _page(site, "enheter/su-ogon-mott.html")
    assert '<li><a href="../roller/arendemottagare.html">Ärendemottagare</a>: minst 1 per mottagning' in html
    assert "Mottagning · Ansluten till Webbtidboken · Öppenvård" in html
    assert "webbtidboken" not in _text(html).lower().replace("ansluten till webbtidboken", "")


def test_selectors_in_the_organisations_words_never_keys_or_booleans(site: Path) -> None:
    su, bcc = _text(_page(site, SU)), _text(_page(site, BCC))
    assert "Mottagningar inom öppenvården ska erbjuda: Begär intyg" in su
    assert "Mottagningar anslutna till Webbtidboken behöver inte erbjuda Kontakt för att avboka eller omboka tid" in su
    assert "minst 1 per mottagning inom öppenvården" in bcc
    assert "Avdelningar inom slutenvården erbjuder: Synpunkter och klagomål" in bcc
    for page in (site / "rutiner").glob("*.html"):
        text = _text(page.read_text(encoding="utf-8"))
        for leak in ("care:", "webbtidboken:", "True", "False", "per enhet ("):
            assert leak not in text, (page.name, leak)


def test_wording_without_the_organisations_words_is_still_plain() -> None:
    units = [Unit("a", "A", "mottagning", None, attrs={"id": "a", "kind": "mottagning", "vardniva": 2, "tolk": True})]
    org = Organisation(units)
    plain = wording_of({}, org)
    assert units_phrase({"vardniva": 2}, "sv", plain) == "mottagningar där vardniva är 2"
    assert units_phrase({"tolk": True}, "sv", PLAIN) == "enheter med tolk"
    assert selector_text({"tolk": False}, "sv", PLAIN) == "per enhet utan tolk"
    assert attribute_label("vard_niva", 2, "sv") == "Vard niva är 2"
    worded = wording_of({"wording": {"kinds": {"vårdcentral": "vårdcentraler"},
                                     "attributes": [{"when": {"tolk": True}, "text": "med tolk på plats"}]}}, org)
    assert units_phrase({"kind": "vårdcentral", "tolk": True}, "sv", worded) == "vårdcentraler med tolk på plats"
    assert units_phrase({"kind": "avdelning"}, "sv", PLAIN) == "avdelningar"
    assert units_phrase(None, "sv", PLAIN) == "alla enheter"


def test_routine_page_summary_once_and_findings_in_a_closed_box_at_the_end(site: Path) -> None:
    html = _page(site, SU)
    assert "<h3>Uppgifter per roll</h3>" in html and "<h3>Ansvar</h3>" not in html
    assert html.count("<h2>Ansvar</h2>") == 1  # the body's own heading, once
    bcc = _page(site, BCC)
    findings = re.search(r'<details class="for-owner">\s*<summary>För innehållsansvarig</summary>', bcc)
    if findings:
        assert bcc.index('class="history"') < findings.start()
        assert "<details class=\"for-owner\" open" not in bcc
    assert 'class="findings"' not in bcc


def test_routine_page_carries_what_gäller_dig_reads(site: Path) -> None:
    html = _page(site, SU)
    assert re.search(r'data-units="su" data-roles="[^"]*\barendemottagare\b', html)
    assert '<div class="applies-you" data-applies-you hidden' in html
    assert 'data-pagefind-meta="id:SU9771-677637494-103"' in html


def test_search_text_keeps_words_apart(site: Path) -> None:
    for path in (SU, BCC):
        html = _page(site, path)
        body = _part(r"<article.*?</article>", html)
        glued = re.findall(r"[^\s>]</(?:dd|dt|li|td|th|p)>\s{0}<(?:dd|dt|li|td|th|p)[ >]", body)
        assert glued == [], (path, glued[:3])


def test_start_page_has_each_units_and_roles_summary_for_the_remembered_choice(site: Path) -> None:
    html = _page(site, "index.html")
    assert '<section class="mine" data-mine hidden' in html
    assert '<template data-mine-unit="su-ogon-mott">' in html and '<template data-mine-role="arendemottagare">' in html
    mine = _part(r'<template data-mine-unit="su-ogon-mott">.*?</template>', html)
    assert "1177 e-tjänster rollbeskrivning" in mine and "Synpunkter och klagomål: 1 vardag" in mine
    for href in ("enheter.html", "roller.html", "rutiner.html"):
        assert f'href="./{href}"' in html


def test_staffing_legend_tells_breaches_from_information(site: Path) -> None:
    html = _page(site, "bemanning.html")
    assert "Rött: rollen saknas eller frånvaron är inte täckt" in html
    assert "Grått: frånvaron är täckt av verksamheten" in html
    for cell in re.findall(r'<td class="(\w+)">(.*?)</td>', html):
        kinds = set(re.findall(r'class="kind-(\w+)"', cell[1]))
        if cell[0] == "info":
            assert kinds == {"covered_by_verksamhet"}
        elif cell[0] == "problem":
            assert kinds - {"covered_by_verksamhet"}


def test_deadline_chart_tells_no_judged_cases_from_zero(site: Path) -> None:
    html = _page(site, "arenden.html")
    assert "inga bedömda ärenden den veckan" in html and "En röd linje vid 0 %" in html


def test_plan_is_json_and_names_the_index_pages(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    result = run("build", "--root", str(root), "--out", str(tmp_path / "s"), "--today", TODAY, "--no-search",
                 "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["pages"] >= 30


def test_all_routines_sorts_without_javascript_through_a_page_per_order(site: Path) -> None:
    """The three orders are pages of their own, linked at the top: sorting needs no script."""
    def column(path: str, index: int) -> list[str]:
        rows = re.findall(r"<tr data-units.*?</tr>", _page(site, path), re.DOTALL)
        return [re.sub(r"<[^>]+>", "", re.split(r"</td>\s*<td>", row)[index]).strip() for row in rows]

    valid_to = column("rutiner-giltig-till.html", 5)
    assert valid_to == sorted(valid_to) and len(valid_to) == 3
    changed = column("rutiner-senast-andrad.html", 6)
    assert changed == sorted(changed, reverse=True)
    for path, current in (("rutiner.html", "Titel"), ("rutiner-giltig-till.html", "Giltig till"),
                          ("rutiner-senast-andrad.html", "Senast ändrad")):
        nav = _part(r'<nav class="sort-links".*?</nav>', _page(site, path))
        assert f'aria-current="page"><strong>{current}</strong>' in nav
        assert all(f'href="./{p}"' in nav for p in ("rutiner.html", "rutiner-giltig-till.html",
                                                     "rutiner-senast-andrad.html"))
