"""``routines serve --edit``: the editor's local backend (Decap's proxy protocol) and how a save
is written (issue 18, item 3): only what the form changed changes; nothing outside the
routines is read or written; only the preview's own pages may save."""

from __future__ import annotations

import base64
import json
import re
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.authoring.editor_save import saved_routine
from generator.content import frontmatter
from generator.handbook.editor_backend import EditorBackend
from generator.handbook.serve import PreviewServer
from tests.conftest import REPO, copy_demo, run

DEMO = sorted((REPO / "routines").rglob("*.md"))


def _as_decap(text: str, **changes: Any) -> str:
    """The file as Decap sends it back: its own YAML (other quoting, key order as the form's),
    empty values for the optional fields left blank, and the body."""
    split = frontmatter.split(text)
    assert not isinstance(split, str) and hasattr(split, "front_matter")
    data = yaml.safe_load(split.front_matter)
    for key in ("reviewers", "content_reviewers", "tags", "related"):
        data.setdefault(key, [])
    data.setdefault("revision_note", "")
    body = changes.pop("body", split.body)
    data.update(changes)
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=60) + "---\n" + body


@pytest.mark.parametrize("path", DEMO, ids=lambda p: p.name)
def test_saving_a_routine_unchanged_keeps_every_byte(path: Path) -> None:
    old = path.read_bytes()
    assert saved_routine(old, _as_decap(old.decode("utf-8")), str(path)) == old


def test_a_new_body_changes_the_body_only(tmp_path: Path) -> None:
    old = DEMO[0].read_bytes()
    text = old.decode("utf-8")
    split = frontmatter.split(text)
    assert hasattr(split, "body")
    body = split.body.replace("## Syfte", "## Syfte och mål", 1) + "\nEn ny mening.\n"
    new = saved_routine(old, _as_decap(text, body=body), "x.md").decode("utf-8")
    fence = text.index("\n---\n") + 5
    assert new[:fence] == text[:fence]  # the front matter, byte for byte
    assert "## Syfte och mål" in new[fence:] and new.endswith("En ny mening.\n")


def test_a_changed_field_replaces_that_field_and_keeps_comments_and_line_ends() -> None:
    old = ("\ufeff---\r\n# Rutinens huvud\r\nid: R-1\r\ntitle: 'Gammal titel'   # en kommentar\r\ntype: rutin\r\n"
           "version: \"1.0\"\r\ntags: [a]\r\n---\r\n\r\nText.\r\n").encode("utf-8")
    raw = _as_decap(old.decode("utf-8-sig").replace("\r\n", "\n"), title="Ny titel", tags=[])
    new = saved_routine(old, raw, "r.md")
    assert new == ("\ufeff---\r\n# Rutinens huvud\r\nid: R-1\r\ntitle: Ny titel\r\ntype: rutin\r\n"
                   "version: \"1.0\"\r\n---\r\n\r\nText.\r\n").encode("utf-8")


_RULES = ("---\nid: R-1\ntitle: Titel\nrules:\n  deadlines:\n    - id: svarstid\n      case_types: \"*\"\n"
          "      within_vardagar: 2\n  # Vem som tar emot, enligt schemat\n  roles:\n    - {id: mottagare, role: 'arendemottagare'}\n"
          "tags: [a]\n---\n\nText.\n")


def _rules_of(text: str) -> Any:
    split = frontmatter.split(text)
    assert hasattr(split, "front_matter")
    return yaml.safe_load(split.front_matter)["rules"]


def test_a_changed_rule_rewrites_its_kind_only() -> None:
    """One deadline changed in the form: the deadlines are written anew, the roles (their
    comment, flow style and quoting) stay byte for byte, as every other field."""
    rules = _rules_of(_RULES)
    rules["deadlines"][0]["within_vardagar"] = 3
    new = saved_routine(_RULES.encode(), _as_decap(_RULES, rules=rules, tags=["a"]), "r.md").decode()
    deadlines = _RULES[_RULES.index("  deadlines:"):_RULES.index("  # Vem")]
    assert new == _RULES.replace(deadlines, '  deadlines:\n    - {id: svarstid, case_types: "*", within_vardagar: 3}\n')
    assert _rules_of(new) == rules


def test_a_kind_of_rule_added_or_removed_leaves_the_others() -> None:
    rules = _rules_of(_RULES)
    added = {**rules, "recurring": [{"id": "kontroll", "role": "arendemottagare", "every": "week", "task": "Se över"}]}
    new = saved_routine(_RULES.encode(), _as_decap(_RULES, rules=added, tags=["a"]), "r.md").decode()
    assert new.startswith(_RULES.split("tags:")[0]) and _rules_of(new) == added  # appended after the roles
    removed = {"roles": rules["roles"]}
    new = saved_routine(_RULES.encode(), _as_decap(_RULES, rules=removed, tags=["a"]), "r.md").decode()
    assert new == _RULES.replace(_RULES[_RULES.index("  deadlines:"):_RULES.index("  # Vem")], "")


WITH_RULES = [p for p in DEMO if "\nrules:\n" in p.read_text(encoding="utf-8")]


def _kind_block(text: str, kind: str) -> str:
    """The lines of one kind of rule in a ``rules:`` block laid out as the demo's."""
    found = re.search(rf"\n  {kind}:.*?(?=\n  [a-z_]+:|\n[^ \n]|\Z)", text, re.DOTALL)
    assert found is not None, kind
    return found.group(0)


@pytest.mark.parametrize("path", WITH_RULES, ids=lambda p: p.name)
def test_a_change_to_one_rule_of_a_demo_routine_leaves_its_other_kinds_as_written(path: Path) -> None:
    old = path.read_text(encoding="utf-8")
    rules = _rules_of(old)
    first, *others = rules
    rules[first][0]["id"] = "andrad-i-formularet"
    new = saved_routine(old.encode(), _as_decap(old, rules=rules), str(path)).decode()
    assert _rules_of(new) == rules
    assert all(_kind_block(old, kind) == _kind_block(new, kind) for kind in others)
    assert new.split("\n---\n", 1)[1] == old.split("\n---\n", 1)[1]  # the body
    assert new.replace(_kind_block(new, first), "") == old.replace(_kind_block(old, first), "")  # all else


def test_rules_laid_out_otherwise_are_written_whole() -> None:
    """Four spaces in, or a mapping on one line: no kind is found as the demo lays them out, so
    the block is written whole, in the demo's style, and reads as the form had it."""
    for old in (_RULES.replace("\n  ", "\n    "), _RULES.replace(_RULES[_RULES.index("rules:"):_RULES.index("tags:")],
                                                                   "rules: {deadlines: [{id: svarstid, case_types: '*', "
                                                                   "within_vardagar: 2}]}\n")):
        rules = _rules_of(old)
        rules["deadlines"][0]["within_vardagar"] = 4
        new = saved_routine(old.encode(), _as_decap(old, rules=rules, tags=["a"]), "r.md").decode()
        assert _rules_of(new) == rules and "rules:\n  deadlines:\n" in new
        assert new.endswith("tags: [a]\n---\n\nText.\n")


def test_a_new_routine_is_written_in_the_demo_style_and_passes_check(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    backend = EditorBackend(root)
    raw = ("---\napprover:\n  id: thogu14\n  name: Thorsteinn Gunnarsson\n  title: Verksamhetschef\napplies_to:\n"
           "  - su-bcc-mott\ncontent_reviewers: []\nid: SU-NY-1\nowner:\n  id: madno6\n  name: Madelene Nolbris\n"
           "related: []\nreviewers: []\nrules:\n  deadlines:\n    - case_types:\n        - fornya-recept\n"
           "      id: svarstid\n      within_vardagar: 2\ntags: []\ntitle: Förnyelse av recept\ntype: rutin\n"
           "valid_from: 2026-04-01\nvalid_to: 2027-03-31\nversion: '1.0'\n---\n## Syfte\n\nRecept förnyas inom två "
           "vardagar.\n")
    status, answer = backend.handle(json.dumps({"action": "persistEntry", "params": {
        "dataFiles": [{"path": "routines/su-bcc/SU-NY-1.md", "raw": raw, "slug": "SU-NY-1"}], "assets": []}}).encode())
    assert (status, answer) == (200, {"message": "entry persisted"})
    written = (root / "routines" / "su-bcc" / "fornyelse-av-recept.md").read_text(encoding="utf-8")
    assert backend.handle(json.dumps({"action": "getEntry", "params": {"path": "routines/su-bcc/SU-NY-1.md"}}).encode(
        ))[1]["file"]["path"] == "routines/su-bcc/fornyelse-av-recept.md"  # where Decap asks for it next
    keys = [line.split(":")[0] for line in written.split("---\n")[1].splitlines() if line[:1].isalpha()]
    assert keys == ["id", "title", "type", "version", "applies_to", "owner", "approver", "valid_from", "valid_to",
                    "rules"]  # the template's order, not the form's; no empty fields
    assert "valid_from: \"2026-04-01\"" in written or "valid_from: 2026-04-01" in written
    result = run("check", "--root", str(root), "--today", "2026-04-20")
    assert "SU-NY-1" not in result.out + result.err, result.out


@pytest.mark.parametrize("path", ["routines/../routines.toml", "/etc/passwd", "routines/.git/x.md", "../x.md",
                                  "routines/su/x.txt", "site/templates/base.md", "routines\\su\\x.md", ""])
def test_paths_outside_the_routines_are_refused(tmp_path: Path, path: str) -> None:
    root = copy_demo(tmp_path)
    backend = EditorBackend(root)
    for action, params in (("getEntry", {"path": path}),
                           ("persistEntry", {"dataFiles": [{"path": path, "raw": "---\nid: x\n---\n"}], "assets": []})):
        status, _ = backend.handle(json.dumps({"action": action, "params": params}).encode())
        assert status in (403, 422), (action, path)
    assert not (tmp_path / "x.md").exists()


def test_a_link_out_of_the_root_is_not_followed(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "hemlig.md").write_text("---\nid: hemlig\n---\n", encoding="utf-8")
    (root / "routines" / "ut").symlink_to(outside)
    backend = EditorBackend(root)
    status, _ = backend.handle(json.dumps({"action": "getEntry", "params": {"path": "routines/ut/hemlig.md"}}).encode())
    assert status == 403
    status, listed = backend.handle(json.dumps({"action": "entriesByFolder", "params": {
        "folder": "routines", "extension": "md", "depth": 4}}).encode())
    assert status == 200 and listed and not any("hemlig" in e["file"]["path"] for e in listed)
    assert {e["file"]["path"] for e in listed} == {p.relative_to(REPO).as_posix() for p in DEMO}


def test_media_are_saved_read_and_deleted_in_the_media_folder_only(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    backend = EditorBackend(root)
    png = base64.b64encode(b"\x89PNG\r\n\x1a\nbild").decode()
    status, saved = backend.handle(json.dumps({"action": "persistMedia", "params": {
        "asset": {"path": "routines/media/flode.png", "content": png, "encoding": "base64"}}}).encode())
    assert status == 200 and saved["name"] == "flode.png" and saved["content"] == png
    status, listed = backend.handle(json.dumps({"action": "getMedia", "params": {"mediaFolder": "routines/media"}}).encode())
    assert [m["path"] for m in listed] == ["routines/media/flode.png"]
    status, _ = backend.handle(json.dumps({"action": "persistMedia", "params": {
        "asset": {"path": "routines/su/flode.svg", "content": png, "encoding": "base64"}}}).encode())
    assert status == 403
    backend.handle(json.dumps({"action": "deleteFile", "params": {"path": "routines/media/flode.png"}}).encode())
    assert not (root / "routines" / "media" / "flode.png").exists()


@pytest.fixture
def editing(tmp_path: Path) -> Iterator[str]:
    root = copy_demo(tmp_path)
    out = tmp_path / "site"
    shutil.copytree(REPO / "examples", out, dirs_exist_ok=True)  # any directory to serve
    server = PreviewServer("127.0.0.1", 0, out, editor=EditorBackend(root))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url + "api/v1", data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_only_the_previews_own_pages_may_call_the_backend(editing: str) -> None:
    info = json.dumps({"action": "info", "params": {}}).encode()
    own = editing.rstrip("/")
    assert _post(editing, info, {"Content-Type": "application/json", "Origin": own})[0] == 200
    assert json.loads(_post(editing, info, {"Content-Type": "application/json", "Origin": own})[1])["type"] == "local_fs"
    assert _post(editing, info, {"Content-Type": "application/json"})[0] == 403  # no Origin: not a page of ours
    assert _post(editing, info, {"Content-Type": "application/json", "Origin": "http://evil.example"})[0] == 403
    assert _post(editing, info, {"Content-Type": "text/plain", "Origin": own})[0] == 403  # a form post
    assert _post(editing, b"{", {"Content-Type": "application/json", "Origin": own})[0] == 422


PEOPLE = ("people:\n  - {id: madno6, name: Madelene Nolbris, title: Medicinsk sekreterare, account: madno6}\n"
          "  - {id: thogu14, name: Thorsteinn Gunnarsson, title: Verksamhetschef}\n")


def test_with_people_yaml_a_person_is_chosen_by_name_and_filled_in_on_save(tmp_path: Path) -> None:
    """people.yaml's persons are the choices of owner and approver; the form sends the id only,
    the file gets the name and title as people.yaml has them."""
    from generator.content.project import load_project
    from generator.content.schemas import schema
    from generator.core.messages import messages
    from generator.handbook.editor_config import editor_config

    root = copy_demo(tmp_path)
    (root / "routines" / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    project = load_project(root)
    persons = {p.id: (p.name, p.title) for p in project.people.persons.values()}
    config = editor_config(schema("routine"), project.organisation, project.catalog, {}, messages("sv"), persons=persons)
    fields = {f["name"]: f for f in config["collections"][0]["fields"]}
    owner = {f["name"]: f for f in fields["owner"]["fields"]}
    assert owner["id"]["widget"] == "select" and owner["name"]["required"] is False
    assert owner["id"]["options"][0] == {"label": "Madelene Nolbris, Medicinsk sekreterare (madno6)", "value": "madno6"}
    raw = ("---\nid: SU-NY-2\ntitle: Ny rutin\ntype: rutin\nversion: '1.0'\napplies_to: [su-bcc-mott]\n"
           "owner: {id: madno6, name: ''}\napprover: {id: thogu14}\nvalid_from: '2026-04-01'\nvalid_to: '2027-03-31'\n"
           "---\nText.\n")
    status, _ = EditorBackend(root).handle(json.dumps({"action": "persistEntry", "params": {
        "dataFiles": [{"path": "routines/su-bcc/x.md", "raw": raw}], "assets": []}}).encode())
    assert status == 200
    text = (root / "routines" / "su-bcc" / "ny-rutin.md").read_text(encoding="utf-8")
    assert "owner: {id: madno6, name: Madelene Nolbris, title: Medicinsk sekreterare}" in text, text
    assert "approver: {id: thogu14, name: Thorsteinn Gunnarsson, title: Verksamhetschef}" in text
    result = run("check", "--root", str(root), "--today", "2026-04-20", "--format", "json")
    assert "ny-rutin.md" not in result.out, result.out
