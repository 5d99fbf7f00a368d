"""Lighthouse (issue 15): accessibility and best practices at 100 on the start, routine, unit and
role pages of the demo handbook, as Lighthouse's default (a phone) audits them, in Debian's
chromium. Lighthouse comes from package-lock.json (``npm ci``, which ``./dev test`` runs where
node is installed; ``.ci/run`` installs node on a machine without it).

Set ROUTINES_SKIP_BROWSER=1 to skip these with the other browser tests.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browsing import CHROMIUM, SKIP
from tests.browsing import served as _served
from tests.conftest import REPO, copy_demo, run

if SKIP:
    pytest.skip("ROUTINES_SKIP_BROWSER is set", allow_module_level=True)

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
PAGES = {"start": "index.html", "routine": "rutiner/SU9771-677637494-103.html",
         "unit": "enheter/su-bcc-mott.html", "role": "roller/arendemottagare.html"}
CATEGORIES = ("accessibility", "best-practices")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    assert LIGHTHOUSE.exists(), "Lighthouse is missing: run ./dev test (npm ci), or set ROUTINES_SKIP_BROWSER=1"
    tmp = tmp_path_factory.mktemp("lighthouse")
    root = copy_demo(tmp)
    out = tmp / "site"
    built = run("build", "--root", str(root), "--out", str(out), "--today", "2027-03-12")
    assert built.code == 0, built.err
    with _served(out) as url:
        yield url


@pytest.mark.parametrize("page", sorted(PAGES))
def test_lighthouse_accessibility_and_best_practices_are_100(site: str, page: str, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    done = subprocess.run(
        [str(LIGHTHOUSE), site + PAGES[page], f"--only-categories={','.join(CATEGORIES)}", "--output=json",
         f"--output-path={report}", "--quiet", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(report.read_text(encoding="utf-8"))
    failing = sorted(audit["id"] for audit in result["audits"].values()
                     if audit.get("scoreDisplayMode") in ("binary", "numeric") and audit.get("score") is not None
                     and audit["score"] < 1)
    scores = {name: result["categories"][name]["score"] for name in CATEGORIES}
    assert (scores, failing) == (dict.fromkeys(CATEGORIES, 1), [])
