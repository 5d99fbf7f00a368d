"""The built handbook in a real browser: Debian's chromium, driven by Playwright, checked by axe-core.

Set ROUTINES_SKIP_BROWSER=1 to skip these on a machine without chromium; CI installs it.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browsing import SKIP, axe, served
from tests.conftest import TODAY, copy_demo, run
from tests.hostile import hostile_root

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SU = "rutiner/SU9771-677637494-103.html"

if SKIP:
    pytest.skip("ROUTINES_SKIP_BROWSER is set", allow_module_level=True)
_served = served


def _axe(page: Any) -> list[dict[str, Any]]:
    return axe(page, WCAG)


def test_search_klagomal_reaches_the_routine(page: Any, demo: str) -> None:
    page.goto(demo + "index.html")
    page.fill("#site-search-input", "klagomål")  # the header's search, on the start page in place
    results = page.locator("#search-results li a")
    results.first.wait_for(timeout=15_000)
    titles = results.all_inner_texts()
    assert "1177 e-tjänster rollbeskrivning" in titles or "1177 Vårdguidens e-tjänster" in titles
    assert page.locator("#search-results .badge").first.inner_text().strip().startswith("Gällande")
    results.filter(has_text="1177 e-tjänster rollbeskrivning").first.click()
    page.wait_for_url("**/rutiner/SU9771-677637494-103.html*")
    assert page.locator("h1").inner_text() == "1177 e-tjänster rollbeskrivning"


def test_search_stems_swedish(page: Any, demo: str) -> None:
    page.goto(demo + "index.html?q=ärendemottagarens")
    page.locator("#search-results li a").first.wait_for(timeout=15_000)
    assert page.locator("#search-results li").count() >= 1


def test_unit_page_shows_the_inherited_su_routine_with_its_deadlines(page: Any, demo: str) -> None:
    page.goto(demo + "enheter/su-bcc-mott.html")
    routines = page.locator("section[aria-labelledby=unit-routines] li")
    su = routines.filter(has_text="1177 e-tjänster rollbeskrivning")
    assert "ärvd från Sahlgrenska Universitetssjukhuset" in su.inner_text()
    complaint = page.locator("table.deadlines tr", has_text="Synpunkter och klagomål")
    assert "1 vardag" in complaint.first.inner_text()
    rows = page.locator("table.deadlines tbody tr", has_text="1177 e-tjänster rollbeskrivning")
    assert rows.count() >= 2 and "2 vardagar" in page.locator("table.deadlines").inner_text()
    su.locator("a").first.click()
    page.wait_for_url("**/rutiner/SU9771-677637494-103.html*")


@pytest.mark.parametrize("path", ["index.html", SU, "enheter/su-bcc-mott.html",
                                  "roller/arendemottagare.html", "fynd.html"])
def test_no_axe_violations(page: Any, demo: str, path: str) -> None:
    page.goto(demo + path)
    assert _axe(page) == []


def test_expired_banner_page_has_no_axe_violations(browser: Any, tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    out = tmp_path / "site"
    assert run("build", "--root", str(root), "--out", str(out), "--today", "2027-06-01", "--no-search").code == 0
    with _served(out) as url:
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(url + SU)
        assert tab.locator(".banner-expired").is_visible()
        assert _axe(tab) == []
        context.close()


def test_keyboard_skip_link_and_focus(page: Any, demo: str) -> None:
    page.goto(demo + SU)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "A"


def test_readable_without_javascript(browser: Any, demo: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(demo + SU)
    assert "Ärenden besvaras inom 2 vardagar" in tab.locator("main").inner_text()
    tab.goto(demo + "index.html")
    assert tab.locator("noscript").count() == 1
    assert tab.locator("ul.tree a", has_text="Barncancercentrum öppenvårdsmottagning").is_visible()
    context.close()


def test_print_shows_metadata_and_the_printed_copy_footer(page: Any, demo: str) -> None:
    """The metadata on paper, no menu; the printed-copy notice is on every sheet's margin
    (tests/test_print.py reads it sheet by sheet), so the footer's one copy is hidden."""
    page.goto(demo + SU)
    page.emulate_media(media="print")
    notice = page.evaluate("document.documentElement.getAttribute('data-sheet-copy')")
    assert notice == "Utskriven kopia"
    assert not page.locator(".site-footer .print-only").is_visible()
    assert page.locator("dl.meta").is_visible()
    assert not page.locator(".site-header nav").is_visible()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    printed = page.locator("[data-print-date]").inner_text()
    assert len(printed) == 10 and printed[4] == "-"


def test_hostile_site_runs_no_script(browser: Any, tmp_path: Path) -> None:
    root = hostile_root(tmp_path)
    out = tmp_path / "site"
    assert run("build", "--root", str(root), "--out", str(out), "--today", TODAY).code == 0
    dialogs: list[str] = []
    with _served(out) as url:
        context = browser.new_context()
        tab = context.new_page()
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html") if "pagefind" not in p.parts):
            tab.goto(url + path)
            for link in tab.locator("a").all()[:40]:
                link.dispatch_event("mouseover")
            assert tab.evaluate("window.__pwned === undefined"), path
        context.close()
    assert dialogs == []


def test_serve_reloads_the_open_page_after_an_edit(browser: Any, tmp_path: Path) -> None:
    """`routines serve` in a real browser: edit a routine, the open page reloads with the change."""
    import datetime as dt

    from generator.handbook.serve import serve

    root = copy_demo(tmp_path)
    stop, ready = threading.Event(), threading.Event()
    urls: list[str] = []

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    thread = threading.Thread(target=serve, args=(root, root / "_site"), kwargs={
        "port": 0, "today": dt.date(2026, 11, 22), "interval": 0.1, "on_ready": on_ready, "stop_event": stop,
        "log": io.StringIO()})
    thread.start()
    try:
        assert ready.wait(60)
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(urls[0] + SU)
        assert "Levande omladdning" not in tab.locator("main").inner_text()
        path = root / "routines/su/1177-e-tjanster-rollbeskrivning.md"
        path.write_text(path.read_text(encoding="utf-8") + "\nLevande omladdning fungerar.\n", encoding="utf-8")
        tab.locator("text=Levande omladdning fungerar.").wait_for(timeout=20_000)
        context.close()
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()


def test_case_report_page_has_no_axe_violations(browser: Any, tmp_path: Path) -> None:
    from tests.conftest import REPO

    root = copy_demo(tmp_path)
    out = tmp_path / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search",
                 "--cases", str(REPO / "examples/cases-demo.csv"), "--now", "2026-04-20T12:00:00+02:00")
    assert result.code == 0, result.err
    with _served(out) as url:
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(url + "enheter/su-bcc-mott.html")
        tab.locator("a", has_text="Svarstider i praktiken").click()
        tab.wait_for_url("**/arenden.html#unit-su-bcc-mott")
        assert tab.locator("svg[role=img]").count() >= 3
        assert _axe(tab) == []
        context.close()


def test_staffing_calendar_has_no_axe_violations(browser: Any, tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    roster = tmp_path / "roster.yaml"
    roster.write_text("""assignments:
  - {person: anna01, role: arendemottagare, unit: su-bcc-mott}
  - {person: cia03, role: arendemottagare, unit: su-bcc-avd321}
absences:
  - {person: anna01, from: 2026-06-15, to: 2026-06-26}
  - {person: cia03, from: 2026-06-22, to: 2026-06-23}
""", encoding="utf-8")
    out = tmp_path / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", "2026-06-01", "--no-search",
                 "--roster", str(roster), "--roster-from", "2026-06-08", "--roster-to", "2026-06-30")
    assert result.code == 0, result.err
    with _served(out) as url:
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(url + "enheter/su-bcc-mott.html")
        tab.locator("a", has_text="Bemanning:").click()
        tab.wait_for_url("**/bemanning.html#unit-su-bcc-mott")
        assert "frånvaro ej täckt" in tab.locator("main").inner_text()
        assert _axe(tab) == []
        context.close()


# Reflow (WCAG 2.2, 1.4.10) and axe-core on every page type, at phone and desktop width.
WCAG22 = [*WCAG, "wcag22aa", "best-practice"]
PAGE_TYPES = {"start": "index.html", "routine": SU, "unit": "enheter/su-bcc-mott.html",
              "role": "roller/arendemottagare.html", "owner": "agare/marer154.html", "expiring": "utgar.html",
              "findings": "fynd.html", "withdrawn": "upphavda.html", "svarstider": "arenden.html",
              "bemanning": "bemanning.html", "search": "index.html?q=klagomål"}


@pytest.fixture(scope="module")
def every_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """The demo with Svarstider, Bemanning and search: its address and the path of every page."""
    from tests.conftest import REPO

    tmp = tmp_path_factory.mktemp("every-page")
    root = copy_demo(tmp)
    out = tmp / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", "2027-03-12",
                 "--cases", str(REPO / "examples/cases-demo.csv"), "--now", "2026-04-20T12:00:00+02:00",
                 "--roster", str(REPO / "examples/roster-demo.yaml"), "--roster-from", "2026-06-08",
                 "--roster-to", "2026-07-03")
    assert result.code == 0, result.err
    paths = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html") if "pagefind" not in p.parts)
    with _served(out) as url:
        yield url, paths


def _open(tab: Any, url: str, path: str) -> None:
    tab.goto(url + path)
    if "?q=" in path:
        tab.locator("#search-results li").first.wait_for(timeout=15_000)


@pytest.mark.parametrize("width", [320, 390])
def test_every_page_reflows_without_sideways_scrolling(browser: Any, every_page: tuple[str, list[str]],
                                                       width: int) -> None:
    url, paths = every_page
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    wide = {}
    for path in [*PAGE_TYPES.values(), *paths]:
        _open(tab, url, path)
        scroll, inner = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            wide[path] = scroll
    context.close()
    assert wide == {}
    assert set(PAGE_TYPES.values()) - {"index.html?q=klagomål"} <= set(paths)


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_every_page_type_has_no_axe_violations(browser: Any, every_page: tuple[str, list[str]], kind: str,
                                               width: int) -> None:
    url, _ = every_page
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    _open(tab, url, PAGE_TYPES[kind])
    from importlib.resources import files

    tab.add_script_tag(content=files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8"))
    result = tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG22)
    context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []


@pytest.mark.parametrize("kind", ["svarstider", "bemanning"])
def test_a_table_wider_than_the_phone_scrolls_in_its_box_and_takes_a_tab_stop(
        browser: Any, every_page: tuple[str, list[str]], kind: str) -> None:
    url, _ = every_page
    context = browser.new_context(viewport={"width": 390, "height": 900})
    tab = context.new_page()
    _open(tab, url, PAGE_TYPES[kind])
    wide = tab.evaluate("[...document.querySelectorAll('main table')].filter(t => t.scrollWidth > t.clientWidth + 1)"
                        ".map(t => t.getAttribute('tabindex'))")
    context.close()
    assert wide and set(wide) == {"0"}


def test_the_header_search_on_a_routine_page_finds_routines(page: Any, every_page: tuple[str, list[str]]) -> None:
    url, _ = every_page
    page.goto(url + SU)
    page.fill("#site-search-input", "klagomål")
    page.locator(".header-search button").click()
    page.wait_for_url("**/index.html?q=*")
    page.locator("#search-results li a").first.wait_for(timeout=15_000)
    assert page.locator("#search-results li").count() >= 1


def test_the_header_wraps_and_the_status_is_at_the_top_on_a_phone(browser: Any, every_page: tuple[str, list[str]]) -> None:
    url, _ = every_page
    context = browser.new_context(viewport={"width": 320, "height": 800})
    tab = context.new_page()
    tab.goto(url + SU)
    status = tab.locator(".status-line .badge").bounding_box()
    assert status is not None and status["y"] < 450  # seen without scrolling, under the title
    search = tab.locator(".header-search").bounding_box()
    assert search is not None and search["x"] >= 0 and search["x"] + search["width"] <= 320
    tab.keyboard.press("Tab")
    tab.keyboard.press("Tab")  # past the skip link to the organisation's name: a visible focus
    assert tab.evaluate("getComputedStyle(document.activeElement).backgroundColor") == "rgb(255, 221, 0)"
    context.close()
