"""Issue 19: templates compiled by one build are taken by the next from the cache directory, each
file signed with the cache's key; a forged or damaged one is compiled afresh, never run."""

from __future__ import annotations

import io
import marshal
import pickle
import shutil
from pathlib import Path

from jinja2.bccache import bc_magic

from generator.content import cache as cache_module
from generator.handbook.render import make_environment
from tests.conftest import TODAY, copy_demo, run


def _build(root: Path, out: Path, *cache: str) -> None:
    result = run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search", *cache)
    assert result.code == 0, result.err


def _pages(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.html"))}


def _compiled(cache_dir: Path) -> list[Path]:
    (folder,) = cache_dir.glob("templates-*")
    return sorted(folder.glob("*.code"))


def _forge(path: Path, root: Path, secret: bytes | None) -> None:
    """Put in ``path`` a compiled template, for the same source, that writes only FORGED: signed
    with ``secret``, or (None) under the head the file had, which no longer matches."""
    head, _, body = path.read_bytes().partition(b"\n")
    stream = io.BytesIO(body)
    assert stream.read(len(bc_magic)) == bc_magic
    checksum = pickle.load(stream)  # the source's: Jinja takes the code as that template's
    code = make_environment(root, "sv").compile("FORGED", "forged.html", "forged.html")
    forged = bc_magic + pickle.dumps(checksum, 2) + marshal.dumps(code)
    if secret is None:
        path.write_bytes(head + b"\n" + forged)
    else:
        cache_module.write_signed(path, forged, secret)


def test_templates_compiled_once_make_the_same_pages(tmp_path: Path) -> None:
    root, cache_dir = copy_demo(tmp_path), tmp_path / "cache"
    _build(root, tmp_path / "plain", "--no-cache")
    _build(root, tmp_path / "first", "--cache-dir", str(cache_dir))
    compiled = _compiled(cache_dir)
    assert len(compiled) >= 5  # base, the routine page, the lists ...
    before = {p: p.stat().st_ino for p in compiled}
    _build(root, tmp_path / "second", "--cache-dir", str(cache_dir))
    assert {p: p.stat().st_ino for p in _compiled(cache_dir)} == before  # taken, not compiled and written again
    assert _pages(tmp_path / "second") == _pages(tmp_path / "first") == _pages(tmp_path / "plain")


def test_a_template_changed_since_is_compiled_again(tmp_path: Path) -> None:
    root, cache_dir = copy_demo(tmp_path), tmp_path / "cache"
    _build(root, tmp_path / "first", "--cache-dir", str(cache_dir))
    default = Path(make_environment(root, "sv").get_template("base.html").filename or "")
    (root / "site/templates").mkdir(parents=True, exist_ok=True)
    text = default.read_text(encoding="utf-8").replace("</body>", "<p>Lokal mall</p></body>", 1)
    (root / "site/templates/base.html").write_text(text, encoding="utf-8")
    _build(root, tmp_path / "second", "--cache-dir", str(cache_dir))
    assert b"<p>Lokal mall</p>" in (tmp_path / "second/index.html").read_bytes()


def test_a_forged_compiled_template_is_never_run(tmp_path: Path) -> None:
    root, cache_dir = copy_demo(tmp_path), tmp_path / "cache"
    _build(root, tmp_path / "first", "--cache-dir", str(cache_dir))
    expected = _pages(tmp_path / "first")
    for secret in (None, b"k" * 32):  # damaged (its digest no longer matches), signed with another key
        for path in _compiled(cache_dir):
            _forge(path, root, secret)
        shutil.rmtree(tmp_path / "out", ignore_errors=True)
        _build(root, tmp_path / "out", "--cache-dir", str(cache_dir))
        assert _pages(tmp_path / "out") == expected
    # The control: signed with the cache's own key (as only this program can), the same code runs.
    secret = (cache_dir / cache_module.KEY_FILE).read_bytes()
    for path in _compiled(cache_dir):
        _forge(path, root, secret)
    shutil.rmtree(tmp_path / "out")
    _build(root, tmp_path / "out", "--cache-dir", str(cache_dir))
    assert (tmp_path / "out/index.html").read_bytes() == b"FORGED"


def test_no_compiled_templates_inside_the_content_root(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    _build(root, tmp_path / "out", "--cache-dir", str(root / ".cache"))
    assert not list((root / ".cache").glob("templates-*"))
    assert _pages(tmp_path / "out")
