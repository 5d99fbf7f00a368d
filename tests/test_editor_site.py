"""The browser editor in the built site (issue 18): ``admin/`` only when routines.toml asks for
it (or ``serve --edit``), served from the site itself with the vendored Decap CMS, whose files
are exactly those recorded (site/admin/decap/SHA256SUMS)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml

from tests.conftest import REPO, TODAY, copy_demo, run

DECAP = REPO / "site" / "admin" / "decap"


def test_the_vendored_decap_files_are_the_recorded_ones() -> None:
    recorded = dict(reversed(line.split("  ", 1)) for line in (DECAP / "SHA256SUMS").read_text().splitlines())
    present = {p.name for p in DECAP.iterdir()} - {"SHA256SUMS", "README.md"}
    assert set(recorded) == present
    for name, digest in recorded.items():
        assert hashlib.sha256((DECAP / name).read_bytes()).hexdigest() == digest, name
    assert "MIT License" in (DECAP / "LICENSE").read_text(encoding="utf-8")


def test_a_build_has_no_editor_unless_routines_toml_asks(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    out = tmp_path / "site"
    assert run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search").code == 0
    assert not (out / "admin").exists()


def test_editor_in_routines_toml_puts_the_editor_into_the_site(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    config = root / "routines.toml"
    config.write_text((config.read_text(encoding="utf-8") if config.exists() else "") + '\n[editor]\nbackend = "gitlab"\nrepo = "vard/rutiner"\n'
                      'base_url = "https://gitlab.region.se"\napi_root = "https://gitlab.region.se/api/v4"\n'
                      'app_id = "abc123"\n', encoding="utf-8")
    out = tmp_path / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search")
    assert result.code == 0, result.err
    config_yml = yaml.safe_load((out / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config_yml["backend"] == {"name": "gitlab", "repo": "vard/rutiner", "branch": "main",
                                     "base_url": "https://gitlab.region.se", "api_root": "https://gitlab.region.se/api/v4",
                                     "app_id": "abc123"}
    assert config_yml["publish_mode"] == "editorial_workflow" and config_yml["locale"] == "sv"
    page = (out / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<script src="decap/decap-cms.js"></script>' in page and "https://" not in page  # no CDN
    words = json.loads(page.split('type="application/json">')[1].split("</script>")[0])
    assert words["approver"] == "Godkänd av"
    assert (out / "admin" / "decap" / "decap-cms.js").stat().st_size > 1_000_000
    assert not (out / "admin" / "decap" / "SHA256SUMS").exists()


def test_editor_enabled_false_and_a_bad_backend(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    config = root / "routines.toml"
    base = config.read_text(encoding="utf-8") if config.exists() else ""
    config.write_text(base + '\n[editor]\nenabled = false\nbackend = "github"\n', encoding="utf-8")
    out = tmp_path / "site"
    assert run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search").code == 0
    assert not (out / "admin").exists()
    config.write_text(base + '\n[editor]\nbackend = "sharepoint"\n', encoding="utf-8")
    result = run("check", "--root", str(root), "--today", TODAY)
    assert result.code == 1 and "routines.toml" in result.out and "sharepoint" in result.out, result.out
