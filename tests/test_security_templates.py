"""Issue 12, item 1: templates under ``ROOT/site/templates`` cannot run Python.

Every template renders in Jinja's immutable sandbox. Each classic escape is tried in an override
with a command that would create a marker file: the command must not run, the command must exit
2 with a message naming the template file and line, and nothing may be written.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jinja2 import Environment
from jinja2.sandbox import ImmutableSandboxedEnvironment

from generator.checks.cross_file import run_checks
from generator.content.history import read_history
from generator.content.project import load_project
from generator.core.diagnostics import sort_diagnostics
from generator.handbook.render import UNUSED_GLOBALS, make_environment, render_page, row_maker
from generator.handbook.site_plan import plan_site
from tests.conftest import REPO, TODAY, copy_demo, run

NOW = "2026-11-22T12:00"


def _escapes(marker: Path) -> dict[str, str]:
    command = f"touch {marker}"
    return {
        "cycler": f'{{{{ cycler.__init__.__globals__.os.system("{command}") }}}}',
        "joiner": f'{{{{ joiner.__init__.__globals__.os.system("{command}") }}}}',
        "namespace": f'{{{{ namespace.__init__.__globals__.os.system("{command}") }}}}',
        "lipsum": f'{{{{ lipsum.__globals__["os"].system("{command}") }}}}',
        "self": f'{{{{ self.__init__.__globals__.__builtins__.__import__("os").system("{command}") }}}}',
        "self-context": "{{ self._TemplateReference__context.environment.globals }}",
        "mro": ("{% for c in ''.__class__.__mro__[1].__subclasses__() %}{% if c.__name__ == 'catch_warnings' %}"
                f"{{{{ c()._module.__builtins__['__import__']('os').system('{command}') }}}}{{% endif %}}{{% endfor %}}"),
        "attr-filter": ("{{ (self|attr('__init__')|attr('__globals__'))['__builtins__']['__import__']('os')"
                        f".system('{command}') }}}}"),
        "format": "{{ '{0.__class__.__mro__[1].__subclasses__}'.format('') }}",
        "underscore": "{{ t.__class__ }}",
        "mutation": "{{ t.update({'nav_start': 'x'}) }}",
    }


ESCAPES = list(_escapes(Path("M")))


def _override(root: Path, name: str, line3: str) -> None:
    """A template of ``name`` under ROOT/site/templates with ``line3`` on its third line."""
    templates = root / "site" / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    (templates / name).write_text(f"<!doctype html>\n<p>harmless</p>\n{line3}\n", encoding="utf-8")


def _tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in path.rglob("*") if p.is_file()}


def _assert_refused(code: int, err: str, template: str, marker: Path, line: int = 3) -> None:
    assert code == 2, err
    assert not marker.exists(), "the template ran a command"
    assert f"routines: error: site/templates/{template}:{line}: template " in err, err
    assert "Traceback" not in err
    assert err.count("\n") == 1, err  # one clean line


@pytest.mark.parametrize("escape", ESCAPES)
def test_build_refuses_each_escape_and_writes_nothing(tmp_path: Path, escape: str) -> None:
    root = copy_demo(tmp_path)
    marker = tmp_path / "MARKER"
    _override(root, "index.html", _escapes(marker)[escape])
    out = tmp_path / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search")
    _assert_refused(result.code, result.err, "index.html", marker)
    assert "rendering index.html" in result.err
    assert "The handbook was not written; any previous site is left as it was." in result.err
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_security_errors_say_what_to_do(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    _override(root, "index.html", "{{ ''.__class__ }}")
    result = run("build", "--root", str(root), "--out", str(tmp_path / "site"), "--today", TODAY, "--no-search")
    assert result.code == 2
    assert result.err == (
        "routines: error: site/templates/index.html:3: template refused while rendering index.html: access to "
        "attribute '__class__' of 'str' object is unsafe. Templates run in a sandbox and may only show the data "
        "they are given: remove that expression from the template. The handbook was not written; any previous "
        "site is left as it was.\n")


def test_an_escape_in_a_block_of_an_extending_template_leaves_the_previous_site(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    out = tmp_path / "site"
    assert run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search").code == 0
    before = _tree(out)
    marker = tmp_path / "MARKER"
    templates = root / "site" / "templates"
    templates.mkdir(parents=True)
    (templates / "routine.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n<p>{{ self.__init__.__globals__.__builtins__'
        f'.__import__("os").system("touch {marker}") }}}}</p>\n{{% endblock %}}\n', encoding="utf-8")
    result = run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search")
    _assert_refused(result.code, result.err, "routine.html", marker)
    assert "rendering rutiner/" in result.err
    assert _tree(out) == before


def test_an_escape_in_a_macro_names_the_macro_file(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    marker = tmp_path / "MARKER"
    macros = (REPO / "site" / "templates" / "macros.html").read_text(encoding="utf-8")
    templates = root / "site" / "templates"
    templates.mkdir(parents=True)
    evil = f'{{{{ joiner.__init__.__globals__.os.system("touch {marker}") }}}}'
    (templates / "macros.html").write_text(
        "\n\n" + macros.replace("{%- macro unit_link(u, base) -%}", "{%- macro unit_link(u, base) -%}" + evil, 1),
        encoding="utf-8")
    result = run("build", "--root", str(root), "--out", str(tmp_path / "site"), "--today", TODAY, "--no-search")
    line = 2 + macros.splitlines().index("{%- macro unit_link(u, base) -%}") + 1
    _assert_refused(result.code, result.err, "macros.html", marker, line)


@pytest.mark.parametrize("escape", ["cycler", "self", "mro", "attr-filter"])
def test_deadlines_html_refuses_escapes(tmp_path: Path, escape: str) -> None:
    root = copy_demo(tmp_path)
    marker = tmp_path / "MARKER"
    _override(root, "deadlines_body.html", _escapes(marker)[escape])
    result = run("deadlines", "--root", str(root), "--cases", str(REPO / "examples" / "cases-demo.csv"),
                 "--format", "html", "--now", NOW, "--today", TODAY)
    _assert_refused(result.code, result.err, "deadlines_body.html", marker)
    assert "rendering the deadlines report" in result.err and "Nothing was written." in result.err
    assert result.out == ""


@pytest.mark.parametrize("escape", ["namespace", "lipsum", "self", "format"])
def test_roles_html_refuses_escapes(tmp_path: Path, escape: str) -> None:
    root = copy_demo(tmp_path)
    marker = tmp_path / "MARKER"
    _override(root, "staffing_body.html", _escapes(marker)[escape])
    result = run("roles", "--root", str(root), "--roster", str(REPO / "examples" / "roster-demo.yaml"),
                 "--from", "2026-11-02", "--to", "2026-12-18", "--format", "html", "--today", TODAY)
    _assert_refused(result.code, result.err, "staffing_body.html", marker)
    assert "rendering the staffing report" in result.err
    assert result.out == ""


def test_standalone_page_override_is_sandboxed_too(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    marker = tmp_path / "MARKER"
    _override(root, "standalone.html", _escapes(marker)["cycler"])
    result = run("roles", "--root", str(root), "--roster", str(REPO / "examples" / "roster-demo.yaml"),
                 "--from", "2026-11-02", "--to", "2026-12-18", "--format", "html", "--today", TODAY)
    _assert_refused(result.code, result.err, "standalone.html", marker)


def test_build_with_a_case_report_refuses_escapes(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    marker = tmp_path / "MARKER"
    _override(root, "deadlines_body.html", _escapes(marker)["self"])
    result = run("build", "--root", str(root), "--out", str(tmp_path / "site"), "--today", TODAY, "--no-search",
                 "--cases", str(REPO / "examples" / "cases-demo.csv"), "--now", NOW)
    _assert_refused(result.code, result.err, "deadlines_body.html", marker)
    assert not (tmp_path / "site").exists()


def test_serve_refuses_escapes_before_serving(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    marker = tmp_path / "MARKER"
    _override(root, "index.html", _escapes(marker)["cycler"])
    # A subprocess with a time limit: a serve that did build would run until stopped.
    result = subprocess.run([sys.executable, "-m", "generator", "serve", "--root", str(root), "--port", "0",
                             "--today", TODAY, "--cache-dir", str(tmp_path / "cache")],
                            capture_output=True, text=True, timeout=120, check=False, cwd=REPO)
    _assert_refused(result.returncode, result.stderr, "index.html", marker)
    assert not (root / "_site").exists()


def test_unused_globals_are_not_offered(tmp_path: Path) -> None:
    env = make_environment(tmp_path, "sv")
    assert not set(UNUSED_GLOBALS) & set(env.globals)
    assert {"range", "dict", "t"} <= set(env.globals)


def test_harmless_overrides_still_render(tmp_path: Path) -> None:
    """Data, loops, filters, format, macros and range work as before in the sandbox."""
    root = copy_demo(tmp_path)
    templates = root / "site" / "templates"
    templates.mkdir(parents=True)
    (templates / "withdrawn.html").write_text(
        '{% extends "base.html" %}{% from "macros.html" import unit_link %}{% block title %}X{% endblock %}'
        "{% block main %}<h1>{{ t.expiring_count.format(days=3) }}</h1>"
        "{% for i in range(3) %}{{ i }}{% if not loop.last %},{% endif %}{% endfor %}"
        "<p>{{ site.title|upper }}</p>{% endblock %}", encoding="utf-8")
    out = tmp_path / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search")
    assert result.code == 0, result.err
    page = (out / "upphavda.html").read_text(encoding="utf-8")
    assert "0,1,2" in page and "RUTINHANDBOKEN" in page


def test_default_theme_is_unchanged_by_the_sandbox(tmp_path: Path) -> None:
    """Every page of the demo renders the same bytes in the sandbox as in a plain environment."""
    root = copy_demo(tmp_path)
    shutil.rmtree(root / "site", ignore_errors=True)
    today = dt.date.fromisoformat(TODAY)
    project = load_project(root, cache_dir=tmp_path / "cache")
    history = read_history(root, tmp_path / "cache")
    diagnostics = sort_diagnostics(run_checks(project, today, notes=[], history=history))
    plan = plan_site(project, diagnostics, history, today, None, None)
    sandbox = make_environment(root, "sv")
    plain = Environment(loader=sandbox.loader, autoescape=sandbox.autoescape, undefined=sandbox.undefined,
                        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    plain.globals.update({name: sandbox.globals[name] for name in ("t", "n")})
    assert isinstance(sandbox, ImmutableSandboxedEnvironment)
    for page in plan.pages:
        rows = [row_maker(env, page.rows, page.path, {}) if page.rows else None for env in (sandbox, plain)]
        assert render_page(sandbox, page.template, page.context, page.path, row=rows[0]) == \
            render_page(plain, page.template, page.context, page.path, row=rows[1]), page.path


def test_a_template_linked_from_outside_the_root_is_not_read(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    secret = tmp_path / "outside.html"
    secret.write_text("SECRET-OUTSIDE-THE-ROOT {{ t }}\n", encoding="utf-8")
    templates = root / "site" / "templates"
    templates.mkdir(parents=True)
    (templates / "index.html").symlink_to(secret)
    out = tmp_path / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search")
    assert result.code == 2, result.err
    assert result.err.startswith(
        f"routines: error: site/templates/index.html: this template is a symbolic link to {secret}, "
        "outside the content root; it is not followed")
    assert "Traceback" not in result.err and not out.exists()


def test_a_theme_folder_linked_out_of_the_root_is_not_used(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "static").mkdir(parents=True)
    (elsewhere / "static" / "style.css").write_text("/* SECRET-OUTSIDE */\n", encoding="utf-8")
    (root / "site").symlink_to(elsewhere)
    out = tmp_path / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search")
    assert result.code == 0, result.err
    assert b"SECRET-OUTSIDE" not in b"".join(_tree(out).values())
    assert (out / "assets" / "style.css").exists()  # the default theme's


def test_a_named_pipe_among_the_templates_and_static_files_does_not_hang_the_build(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "site" / "static").mkdir(parents=True)
    os.mkfifo(root / "site" / "static" / "style.css")
    out = tmp_path / "site"
    build = [sys.executable, "-m", "generator", "build", "--root", str(root), "--out", str(out),
             "--today", TODAY, "--no-search"]
    result = subprocess.run(build, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert (out / "assets" / "style.css").read_bytes() == (REPO / "site" / "static" / "style.css").read_bytes()
    (root / "site" / "templates").mkdir()
    os.mkfifo(root / "site" / "templates" / "index.html")
    result = subprocess.run(build, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2
    assert result.stderr.startswith("routines: error: site/templates/index.html: this template is not a "
                                    "regular file"), result.stderr


def test_hidden_and_odd_templates_are_refused(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    templates = root / "site" / "templates"
    templates.mkdir(parents=True)
    (templates / "index.html").write_bytes(b"<p>\xff\xfe</p>\n")
    result = run("build", "--root", str(root), "--out", str(tmp_path / "site"), "--today", TODAY, "--no-search")
    assert result.code == 2
    assert result.err == ("routines: error: site/templates/index.html: this template is not UTF-8 (byte 4); "
                          "save it as UTF-8. Nothing was written.\n")
