"""Screenshots of the demo handbook for the README: ``python -m bench.screenshots [OUT]``.

Builds the bundled demo (a fixed day, with search) into a temporary folder, serves it on
127.0.0.1 and writes PNGs of the start, routine, unit and role pages at desktop (1280 CSS px)
and phone (390 CSS px) width into ``docs/screenshots/`` (or OUT), through Playwright and Debian's
chromium. Each image is the top of the page (at most 1600 px tall) as 8-bit palette PNG when
Pillow is installed, so the committed files stay small.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TODAY = "2027-03-12"
PAGES = {"start": "index.html", "routine": "rutiner/SU9771-677637494-103.html",
         "unit": "enheter/su-bcc-mott.html", "role": "roller/arendemottagare.html"}
WIDTHS = {"desktop": 1280, "phone": 390}
MAX_HEIGHT = 1600
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _build(tmp: Path) -> Path:
    from generator.cli.app import main

    root = tmp / "demo"
    shutil.copytree(REPO / "routines", root / "routines")
    shutil.copy(REPO / "routines.toml", root / "routines.toml")
    out = tmp / "site"
    err = io.StringIO()
    code = main(["build", "--root", str(root), "--out", str(out), "--today", TODAY], stdout=io.StringIO(), stderr=err)
    if code != 0:
        raise SystemExit(f"the demo did not build: {err.getvalue()}")
    return out


def _small(data: bytes) -> bytes:
    """The PNG quantised to a palette of 128 colours (a third of the size), when Pillow is there."""
    with contextlib.suppress(ImportError):
        from PIL import Image

        image = Image.open(io.BytesIO(data)).convert("RGB").quantize(colors=128, dither=Image.Dither.NONE)
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=True)
        return buffer.getvalue()
    return data


def take(dest: Path) -> list[Path]:
    """Build the demo and write every screenshot into ``dest``; the files written."""
    from playwright.sync_api import sync_playwright

    dest.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        site = _build(Path(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
                for size, width in WIDTHS.items():
                    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
                    tab = context.new_page()
                    for name, path in PAGES.items():
                        tab.goto(url + path)
                        height = min(MAX_HEIGHT, tab.evaluate("document.documentElement.scrollHeight"))
                        data = tab.screenshot(clip={"x": 0, "y": 0, "width": width, "height": height}, full_page=True)
                        target = dest / f"{name}-{size}.png"
                        target.write_bytes(_small(data))
                        written.append(target)
                    context.close()
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    return written


if __name__ == "__main__":
    for file in take(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots"):
        print(f"{file.relative_to(REPO) if file.is_relative_to(REPO) else file}  {file.stat().st_size // 1024} KB")
