"""The handbook's ways in, in a real browser: the Enheter filter, Alla rutiner's filters and
sorting, the remembered unit and role after a reload, the id search, the pages without
JavaScript, and axe-core on the new pages at desktop and phone width.

Set ROUTINES_SKIP_BROWSER=1 to skip these on a machine without chromium; CI installs it.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browsing import SKIP, axe, served

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SU = "rutiner/SU9771-677637494-103.html"
BCC = "rutiner/SU9774-1570060579-84.html"
OGON = "rutiner/DEMO-OGON-1177.html"

if SKIP:
    pytest.skip("ROUTINES_SKIP_BROWSER is set", allow_module_level=True)
_served = served


def _axe(page: Any) -> list[dict[str, Any]]:
    return axe(page, AXE_TAGS)


def _visible_titles(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("table.all-routines tbody tr:visible td:first-child a").all_inner_texts()]


def test_units_filter_keeps_matches_and_their_parents(page: Any, demo: str) -> None:
    page.goto(demo + "enheter.html")
    page.fill("#unit-filter", "ögon")
    visible = page.locator("[data-unit-tree] li:visible > a").all_inner_texts()
    assert visible == ["Västra Götalandsregionen", "Sahlgrenska Universitetssjukhuset", "Verksamhet Ögonsjukvård",
                       "Ögonmottagningen Mölndal"]
    page.fill("#unit-filter", "finns inte")
    assert page.locator("[data-filter-none]").is_visible()
    page.fill("#unit-filter", "")
    assert page.locator("[data-unit-tree] li:visible").count() == 7


def test_all_routines_filters_and_sorting(page: Any, demo: str) -> None:
    page.goto(demo + "rutiner.html")
    assert _visible_titles(page) == ["1177 e-tjänster på Ögonmottagningen Mölndal", "1177 e-tjänster rollbeskrivning",
                                     "1177 Vårdguidens e-tjänster"]
    page.select_option("#f-unit", "su-ogon-mott")  # its own routine and SU's, inherited
    assert _visible_titles(page) == ["1177 e-tjänster på Ögonmottagningen Mölndal", "1177 e-tjänster rollbeskrivning"]
    assert "Visar 2 av 3." in page.locator("[data-shown]").inner_text()
    page.select_option("#f-unit", "")
    page.select_option("#f-role", "vardgivare")
    assert _visible_titles(page) == ["1177 Vårdguidens e-tjänster"]
    page.select_option("#f-role", "")
    page.select_option("#f-owner", "Maria Eriksson")
    assert _visible_titles(page) == ["1177 e-tjänster rollbeskrivning"]
    page.select_option("#f-owner", "")
    page.select_option("#f-sort", "valid_to")
    dates = page.locator("table.all-routines tbody tr td:nth-child(6)").all_inner_texts()
    assert dates == sorted(dates)
    page.select_option("#f-type", "rutin")
    assert len(_visible_titles(page)) == 2


def test_remembered_unit_and_role_are_highlighted_after_a_reload(page: Any, demo: str) -> None:
    page.goto(demo + "enheter.html")
    page.select_option("#choose-unit", "su-ogon-mott")
    page.click("form[data-chooser=unit] button[type=submit]")
    page.reload()
    assert page.locator("li[data-unit=su-ogon-mott] > .you-mark").is_visible()
    assert page.input_value("#choose-unit") == "su-ogon-mott"
    page.goto(demo + SU)
    you = page.locator("[data-applies-you]")
    assert you.is_visible() and "din enhet, Ögonmottagningen Mölndal" in you.inner_text()
    page.goto(demo + BCC)
    assert not page.locator("[data-applies-you]").is_visible()
    page.goto(demo + "roller/vardgivare.html")
    page.click("[data-choose-role] button")
    page.reload()
    assert page.locator("[data-choose-role] .chosen-mark").is_visible()
    page.goto(demo + BCC)
    assert "din roll, Vårdgivare" in page.locator("[data-applies-you]").inner_text()
    page.goto(demo + "index.html")
    mine = page.locator("[data-mine]")
    assert mine.is_visible()
    text = mine.inner_text()
    assert "Min enhet: Ögonmottagningen Mölndal" in text and "Min roll: Vårdgivare" in text
    assert "1177 e-tjänster rollbeskrivning" in text and "Öppnar och besvarar ärenden som fördelats" in text
    start = page.locator("main").inner_text()
    assert start.index("Min enhet och roll") < start.index("Rutiner")  # first on the start page
    page.goto(demo + "rutiner.html")
    assert page.locator("tr.is-yours").count() == 3  # two by the unit, the third names the role
    page.goto(demo + "enheter.html")
    page.click("form[data-chooser=unit] [data-forget]")
    page.goto(demo + SU)
    assert not page.locator("[data-applies-you]").is_visible()


def test_the_index_pages_read_without_javascript(browser: Any, demo: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(demo + "enheter.html")
    assert tab.locator("[data-unit-tree] li").count() == 7 and not tab.locator("#unit-filter").is_visible()
    tab.goto(demo + "rutiner.html")
    assert tab.locator("table.all-routines tbody tr:visible").count() == 3
    assert not tab.locator("form[data-list-filters]").is_visible()
    tab.goto(demo + "roller.html")
    assert tab.locator("ul.role-index > li").count() == 11
    tab.goto(demo + "roller/arendemottagare.html")
    assert tab.locator("h2", has_text="Bemanning").is_visible()
    tab.goto(demo + SU)
    assert not tab.locator("[data-applies-you]").is_visible()
    context.close()


def test_an_id_finds_that_routine_only(page: Any, demo: str) -> None:
    page.goto(demo + "index.html?q=SU9771-677637494-103")
    results = page.locator("#search-results li a")
    results.first.wait_for(timeout=15_000)
    assert results.all_inner_texts() == ["1177 e-tjänster rollbeskrivning"]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["enheter.html", "roller.html", "rutiner.html", "roller/arendemottagare.html", "index.html"])
def test_no_axe_violations_on_the_index_pages(browser: Any, demo: str, path: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(demo + "enheter.html")
    tab.evaluate("localStorage.setItem('rutinhandboken.minEnhet', JSON.stringify("
                 "{id: 'su-ogon-mott', name: 'Ögonmottagningen Mölndal', lineage: ['su-ogon-mott', 'su-ogon', 'su', 'vgr']}))")
    tab.goto(demo + path)
    assert _axe(tab) == []
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
