"""The start page of a large handbook: the remembered unit is named and linked to its page, not
summarised in a hidden template per unit (at 10,000 routines those made a start page of 6.9 MB,
more than a ward phone should fetch for its first page)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.corpus import generate
from generator.handbook.build import build_site
from tests.browsing import served

DAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("large")
    root = generate(tmp / "root", 1000)  # its units list about 3,000 routines between them
    build_site(root, tmp / "site", DAY, cache_dir=tmp / "cache", jobs=2, search=False)
    return tmp / "site"


@pytest.fixture(scope="module")
def large_url(large: Path) -> Iterator[str]:
    with served(large) as url:
        yield url


def test_a_large_handbook_links_the_remembered_unit_instead_of_summarising_every_unit(large: Path) -> None:
    html = (large / "index.html").read_text(encoding="utf-8")
    assert "<template data-mine-unit=" not in html
    assert "<template data-mine-unit-link>" in html
    assert len(html.encode("utf-8")) < 100_000


def test_the_remembered_unit_of_a_large_handbook_is_a_link_to_its_page(page: Any, large_url: str) -> None:
    page.goto(large_url + "enheter.html")
    option = page.locator("#choose-unit option").nth(3)
    unit, name = option.get_attribute("value"), option.inner_text().strip()
    page.select_option("#choose-unit", unit)
    page.click("form[data-chooser=unit] button[type=submit]")
    page.goto(large_url + "index.html")
    mine = page.locator("[data-mine]")
    assert mine.is_visible()
    link = mine.locator("[data-mine-slot=unit] h3 a")
    assert link.inner_text() == name and re.fullmatch(rf"\./enheter/{re.escape(unit)}\.html", link.get_attribute("href"))
    assert "står på enhetens sida" in mine.inner_text()
    link.click()
    assert page.url == large_url + f"enheter/{unit}.html"
    assert name in page.locator("h1").inner_text()
