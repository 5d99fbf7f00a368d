"""Security issue 12, items 2 and 3: links never publish private files, and nothing outside the
content root, no named pipe and no device is ever read or copied.

Every root here is real (tmp_path): a real ``git init`` with a token in the remote URL and in
the ``extraheader`` line actions/checkout writes, a ``.env`` beside ``routines/``, real symbolic
links and a real FIFO. Commands that could hang on the old code run in a subprocess with a timeout.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import CASES, TODAY, make_root, run

GOOD = (CASES / "valid/minimal/routines/a.md").read_text(encoding="utf-8")
SECRET = "ghp_TOKEN0123456789abcdefSECRET"
PDF = b"%PDF-1.4\n% an allowed attachment\n"


def _routine(root: Path, rel: str, body: str, rid: str = "T-1") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(GOOD.replace("T-1", rid) + "\n" + body + "\n", encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def _git_secrets(root: Path) -> None:
    """A real repository whose .git/config carries a token twice, and a .env beside routines/."""
    git = shutil.which("git")
    if git is None:  # pragma: no cover - the tests' machines have git
        (root / ".git").mkdir()
        (root / ".git/config").write_text(
            f'[remote "origin"]\n\turl = https://x-access-token:{SECRET}@github.com/o/r.git\n', encoding="utf-8")
    else:
        subprocess.run([git, "init", "-q", str(root)], check=True)
        subprocess.run([git, "-C", str(root), "config", "remote.origin.url",
                        f"https://x-access-token:{SECRET}@github.com/region/rutiner.git"], check=True)
        subprocess.run([git, "-C", str(root), "config", "http.https://github.com/.extraheader",
                        f"AUTHORIZATION: basic {SECRET}"], check=True)
    assert SECRET in (root / ".git/config").read_text(encoding="utf-8")
    (root / ".env").write_text(f"GITHUB_TOKEN={SECRET}\nSMTP_PASSWORD={SECRET}\n", encoding="utf-8")


def _check(root: Path, *extra: str) -> tuple[int, list[dict]]:
    result = run("check", "--root", str(root), "--today", TODAY, "--format", "json", *extra)
    assert "Traceback" not in result.err, result.err
    return result.code, json.loads(result.out)["diagnostics"]


def _build(root: Path, out: Path) -> None:
    result = run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search")
    assert result.code == 0, result.err


def _nowhere_in(out: Path, secret: str) -> None:
    """``secret`` is in no file of the output tree, and no file there is named like a secret."""
    for path in out.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    names = {p.name for p in out.rglob("*")}
    assert not names & {"config", ".env", ".git"}, names


def _cli(*argv: str, timeout: float = 60, **popen: object) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own: a hang fails the test instead of stopping the suite."""
    done = subprocess.run([sys.executable, "-m", "generator", *argv], capture_output=True, text=True,
                          timeout=timeout, check=False, **popen)  # type: ignore[call-overload]
    assert "Traceback" not in done.stderr, done.stderr
    return done  # type: ignore[no-any-return]


def _diags(done: subprocess.CompletedProcess[str]) -> list[dict]:
    return list(json.loads(done.stdout)["diagnostics"])


# -- item 2: links publish secrets


def test_links_to_git_config_and_env_are_private_and_never_published(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    _git_secrets(root)
    (root / "routines/sub").mkdir()
    (root / "routines/sub/blankett.pdf").write_bytes(PDF)
    path = _routine(root, "routines/sub/a.md",
                    "Se [inställningar](../../.git/config) och\n[miljö](../../.env), men [blankett](blankett.pdf).")
    code, diags = _check(root)
    private = sorted((d["line"], d["message"]) for d in diags if d["code"] == "private-link")
    assert [line for line, _ in private] == [_line_of(path, ".git/config"), _line_of(path, ".env")]
    assert "link 'inställningar' to '.git/config' is not published" in private[0][1]
    assert "link 'miljö' to '.env' is not published" in private[1][1]
    assert all("only files under routines/ of the kinds pdf, png" in m and "remove the link" in m for _, m in private)
    assert not [d for d in diags if d["code"] == "broken-link"]
    assert code == 1
    text = run("check", "--root", str(root), "--today", TODAY)
    assert f"routines/sub/a.md:{_line_of(path, '.git/config')}: error[private-link] " in text.out
    assert text.code == 1

    out = tmp_path / "site"
    _build(root, out)  # built despite the errors: still nothing private in it
    _nowhere_in(out, SECRET)
    assert (out / "filer/routines/sub/blankett.pdf").read_bytes() == PDF
    page = (out / "rutiner/T-1.html").read_text(encoding="utf-8")
    assert "filer/routines/sub/blankett.pdf" in page and "filer/.git" not in page and "filer/.env" not in page


def test_hidden_files_script_capable_and_unknown_kinds_are_refused(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    files = {"routines/.hidden/x.pdf": PDF, "routines/x.exe": b"MZ" + SECRET.encode(),
             "routines/x.html": f"<script>{SECRET}</script>".encode(),
             "routines/x.svg": f'<svg xmlns="http://www.w3.org/2000/svg" onload="{SECRET}"/>'.encode(),
             "routines/.x.pdf": PDF + SECRET.encode(), "routines/ok.png": b"\x89PNG\r\n\x1a\n",
             "routines.toml": f'title = "Handboken"\n# {SECRET}\n'.encode()}
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    path = _routine(root, "routines/a.md", "\n".join(
        f"[{name}]({target})" for name, target in [
            ("dold", ".hidden/x.pdf"), ("program", "x.exe"), ("sida", "x.html"), ("bild", "x.svg"),
            ("punkt", ".x.pdf"), ("inställning", "../routines.toml"), ("mapp", "."), ("ok", "ok.png")]))
    code, diags = _check(root)
    private = {d["message"].split("'")[1]: d for d in diags if d["code"] == "private-link"}
    assert set(private) == {"dold", "program", "sida", "bild", "punkt", "inställning", "mapp"}
    assert "hidden" in private["dold"]["message"] and "hidden" in private["punkt"]["message"]
    assert "'.exe' files are not published" in private["program"]["message"]
    assert "carry script" in private["bild"]["message"] and "carry script" in private["sida"]["message"]
    assert "outside routines/" in private["inställning"]["message"]
    assert "folder" in private["mapp"]["message"]
    assert private["bild"]["line"] == _line_of(path, "x.svg")
    assert code == 1
    out = tmp_path / "site"
    _build(root, out)
    _nowhere_in(out, SECRET)
    assert sorted(p.relative_to(out / "filer").as_posix() for p in (out / "filer").rglob("*") if p.is_file()) == [
        "routines/ok.png"]


def test_a_symbolic_link_inside_routines_to_git_config_is_refused(tmp_path: Path) -> None:
    """The link's own name passes the rule; the file it leads to does not."""
    root = make_root(tmp_path)
    _git_secrets(root)
    os.symlink("../.git/config", root / "routines/anteckningar.txt")
    os.symlink("../.env", root / "routines/miljo.pdf")
    (root / "routines/blankett.pdf").write_bytes(PDF)
    os.symlink("blankett.pdf", root / "routines/samma.pdf")  # inside routines/: keeps working
    _routine(root, "routines/a.md", "[a](anteckningar.txt) [b](miljo.pdf) [c](samma.pdf)")
    code, diags = _check(root)
    private = {d["message"].split("'")[1]: d["message"] for d in diags if d["code"] == "private-link"}
    assert set(private) == {"a", "b"}
    assert "symbolic link to .git/config" in private["a"] and "symbolic link to .env" in private["b"]
    assert code == 1
    out = tmp_path / "site"
    _build(root, out)
    _nowhere_in(out, SECRET)
    assert (out / "filer/routines/samma.pdf").read_bytes() == PDF
    assert not (out / "filer/routines/anteckningar.txt").exists()


def test_a_configured_attachments_folder_and_kinds(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (root / "routines.toml").write_text('[attachments]\nfolder = "bilagor"\nkinds = ["pdf", "ZIP"]\n',
                                        encoding="utf-8")
    (root / "bilagor").mkdir()
    (root / "bilagor/avtal.pdf").write_bytes(PDF)
    (root / "bilagor/bild.png").write_bytes(b"\x89PNG")
    (root / "routines/arkiv.zip").write_bytes(b"PK")
    (root / "annat").mkdir()
    (root / "annat/x.pdf").write_bytes(PDF)
    _routine(root, "routines/a.md", "[avtal](../bilagor/avtal.pdf) [bild](../bilagor/bild.png) "
                                    "[arkiv](arkiv.zip) [annat](../annat/x.pdf)")
    code, diags = _check(root)
    private = {d["message"].split("'")[1]: d["message"] for d in diags if d["code"] == "private-link"}
    assert set(private) == {"bild", "annat"}
    assert "only files under routines/ or bilagor/ of the kinds pdf, zip are published" in private["annat"]
    out = tmp_path / "site"
    _build(root, out)
    copied = sorted(p.relative_to(out / "filer").as_posix() for p in (out / "filer").rglob("*") if p.is_file())
    assert copied == ["bilagor/avtal.pdf", "routines/arkiv.zip"]
    assert code == 1


@pytest.mark.parametrize(("setting", "wrong"), [
    ('kinds = ["pdf", "svg"]', "'svg' files can carry script"),
    ('kinds = ["HTML"]', "'HTML' files can carry script"),
    ('folder = "../utanfor"', "is not in the expected form"),
    ('folder = ".git"', "is not in the expected form"),
    ('folder = "/etc"', "is not in the expected form"),
])
def test_attachment_settings_are_validated(tmp_path: Path, setting: str, wrong: str) -> None:
    root = make_root(tmp_path)
    (root / "routines.toml").write_text(f"[attachments]\n{setting}\n", encoding="utf-8")
    _routine(root, "routines/a.md", "Text.")
    code, diags = _check(root)
    found = [d for d in diags if d["file"] == "routines.toml"]
    assert found and wrong in found[0]["message"] and found[0]["line"] == 2
    assert code == 1


def test_a_cached_run_gives_the_same_private_links(tmp_path: Path) -> None:
    """The link results are cached per file; what they point to is judged afresh every run."""
    root = make_root(tmp_path)
    _git_secrets(root)
    (root / "routines/noter.txt").write_text("anteckningar\n", encoding="utf-8")
    _routine(root, "routines/a.md", "[a](../.git/config) [b](noter.txt)")
    first = run("check", "--root", str(root), "--today", TODAY, "--format", "json")
    second = run("check", "--root", str(root), "--today", TODAY, "--format", "json")
    fresh = run("check", "--root", str(root), "--today", TODAY, "--format", "json", "--no-cache")
    assert first.out == second.out == fresh.out
    assert [d["code"] for d in json.loads(first.out)["diagnostics"]].count("private-link") == 1
    # The routine is unchanged (its cached links are used), but noter.txt now leads to a secret.
    (root / "routines/noter.txt").unlink()
    os.symlink("../.env", root / "routines/noter.txt")
    third = run("check", "--root", str(root), "--today", TODAY, "--format", "json")
    assert third.out == run("check", "--root", str(root), "--today", TODAY, "--format", "json", "--no-cache").out
    assert [d["code"] for d in json.loads(third.out)["diagnostics"]].count("private-link") == 2


# -- item 3: symbolic links out of the root, named pipes, devices


def test_a_folder_link_to_the_file_system_root_is_not_followed(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    _routine(root, "routines/a.md", "Text.")
    os.symlink("/", root / "routines/all")
    done = _cli("check", "--root", str(root), "--today", TODAY, "--format", "json", "--no-cache", timeout=60)
    diags = _diags(done)
    outside = [d for d in diags if d["code"] == "symlink-outside"]
    assert [(d["file"], d["severity"]) for d in outside] == [("routines/all", "error")]
    assert "symbolic link to /," in outside[0]["message"] and "not followed" in outside[0]["message"]
    assert not [d for d in diags if d["file"].startswith("routines/all/")]
    assert done.returncode == 1
    out = tmp_path / "site"
    built = _cli("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search", "--no-cache")
    assert built.returncode == 0, built.stderr
    assert not (out / "filer").exists()


def test_a_routine_and_a_data_file_linked_from_outside_are_not_read(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "hemlig.md").write_text(GOOD.replace("Testrutin 1", SECRET).replace("T-1", "T-9"), encoding="utf-8")
    shutil.move(root / "routines/organisation.yaml", elsewhere / "organisation.yaml")
    os.symlink(elsewhere / "organisation.yaml", root / "routines/organisation.yaml")
    os.symlink(elsewhere / "hemlig.md", root / "routines/hemlig.md")
    os.symlink(elsewhere, root / "routines/delad")
    (root / "site/static").mkdir(parents=True)
    os.symlink(elsewhere / "hemlig.md", root / "site/static/extra.css")
    _routine(root, "routines/a.md", "Text.")
    code, diags = _check(root)
    outside = {d["file"]: d["message"] for d in diags if d["code"] == "symlink-outside"}
    assert set(outside) == {"routines/hemlig.md", "routines/organisation.yaml", "routines/delad"}
    assert f"symbolic link to {elsewhere / 'hemlig.md'}," in outside["routines/hemlig.md"]
    assert not [d for d in diags if "T-9" in d["message"] or d["file"].startswith("routines/delad/")]
    assert code == 1
    out = tmp_path / "site-out"
    _build(root, out)
    _nowhere_in(out, SECRET)
    assert not (out / "assets/extra.css").exists()
    assert (out / "assets/style.css").is_file()


def test_symbolic_links_inside_the_root_keep_working(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (root / "delat").mkdir()
    _routine(root, "delat/b.md", "Delad text.", rid="T-2")
    os.symlink("../delat", root / "routines/delat")
    _routine(root, "routines/a.md", "[b](delat/b.md)")
    code, diags = _check(root)
    assert code == 0, diags
    out = tmp_path / "site"
    _build(root, out)
    assert "Delad text." in (out / "rutiner/T-2.html").read_text(encoding="utf-8")


def test_a_named_pipe_is_refused_without_being_opened(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    _routine(root, "routines/a.md", "[rör](ror.pdf)")
    os.mkfifo(root / "routines/x.md")
    os.mkfifo(root / "routines/ror.pdf")
    os.mkfifo(root / "routines/catalog.yaml.tmp")
    (root / "routines/catalog.yaml").unlink()
    os.mkfifo(root / "routines/catalog.yaml")
    (root / "site/static").mkdir(parents=True)
    os.mkfifo(root / "site/static/ror.css")
    done = _cli("check", "--root", str(root), "--today", TODAY, "--format", "json", "--no-cache", timeout=60)
    by_file = {d["file"]: d for d in _diags(done)}
    assert by_file["routines/x.md"]["code"] == "not-a-file"
    assert "named pipe (FIFO)" in by_file["routines/x.md"]["message"]
    assert by_file["routines/catalog.yaml"]["code"] == "not-a-file"
    assert by_file["routines/catalog.yaml.tmp"]["code"] == "not-a-file"
    rör = [d for d in _diags(done) if d["file"] == "routines/a.md" and d["code"] == "private-link"]
    assert len(rör) == 1 and "not a regular file" in rör[0]["message"]
    assert done.returncode == 1
    out = tmp_path / "site"
    built = _cli("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search", "--no-cache")
    assert built.returncode == 0, built.stderr
    assert not (out / "filer/routines/ror.pdf").exists() and not (out / "assets/ror.css").exists()


def test_a_link_to_dev_stdin_is_not_read(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    _routine(root, "routines/a.md", "Text.")
    os.symlink("/dev/stdin", root / "routines/stdin.md")
    os.symlink("/dev/zero", root / "routines/noll.pdf")
    # stdin is a pipe that stays open: reading it would wait for ever.
    with subprocess.Popen([sys.executable, "-m", "generator", "check", "--root", str(root), "--today", TODAY,
                           "--format", "json", "--no-cache"], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        try:
            stdout, stderr = _wait(process)
        finally:
            if process.poll() is None:
                process.kill()
    assert "Traceback" not in stderr
    outside = {d["file"]: d["message"] for d in json.loads(stdout)["diagnostics"] if d["code"] == "symlink-outside"}
    assert set(outside) == {"routines/stdin.md", "routines/noll.pdf"}
    assert "symbolic link to /dev/stdin," in outside["routines/stdin.md"]
    assert process.returncode == 1


def _wait(process: subprocess.Popen[str]) -> tuple[str, str]:
    """Wait for ``process`` without closing its standard input."""
    assert process.stdout is not None and process.stderr is not None
    results: dict[str, str] = {}
    readers = [threading.Thread(target=lambda k=k, s=s: results.__setitem__(k, s.read()), daemon=True)
               for k, s in (("out", process.stdout), ("err", process.stderr))]
    for reader in readers:
        reader.start()
    process.wait(timeout=60)
    for reader in readers:
        reader.join(timeout=10)
    return results.get("out", ""), results.get("err", "")


def test_serve_does_not_hand_out_linked_secrets(tmp_path: Path) -> None:
    import datetime as dt
    import http.client
    import urllib.parse

    from generator.handbook.serve import serve

    root = make_root(tmp_path)
    _git_secrets(root)
    _routine(root, "routines/sub/a.md", "[x](../../.git/config) [y](../../.env)")
    stop, ready = threading.Event(), threading.Event()
    urls: list[str] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            serve(root, tmp_path / "site", port=0, today=dt.date(2026, 11, 22), interval=0.1,
                  on_ready=lambda url: (urls.append(url), ready.set()), stop_event=stop, log=io.StringIO())
        except BaseException as error:  # noqa: BLE001 - reported below, not lost in the thread
            errors.append(error)
            ready.set()

    thread = threading.Thread(target=target, name="test-serve-secrets")
    thread.start()
    try:
        assert ready.wait(120) and not errors, errors
        parts = urllib.parse.urlsplit(urls[0])
        for path in ("/filer/.git/config", "/filer/.env", "/.git/config", "/../.git/config", "/filer/"):
            conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=15)
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                body = response.read()
            finally:
                conn.close()
            assert response.status != 200 or SECRET.encode() not in body, path
            assert SECRET.encode() not in body
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive() and not errors, errors
    _nowhere_in(tmp_path / "site", SECRET)


def test_the_preview_watcher_does_not_walk_out_of_the_root(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    _routine(root, "routines/a.md", "Text.")
    os.symlink("/", root / "routines/all")
    (root / "site").mkdir()
    os.symlink("/", root / "site/all")
    # In a process of its own: the old watcher walked all of / every half second.
    code = ("import json, sys; from pathlib import Path; from generator.handbook.serve import Watcher; "
            "print(json.dumps(sorted(Watcher(Path(sys.argv[1]), Path(sys.argv[2])).fingerprint())))")
    done = subprocess.run([sys.executable, "-c", code, str(root), str(tmp_path / "site-out")],
                          capture_output=True, text=True, timeout=60, check=True)
    watched = json.loads(done.stdout)
    assert all(Path(p).is_relative_to(root) and "/all/" not in p for p in watched)
    assert str(root / "routines/a.md") in watched
