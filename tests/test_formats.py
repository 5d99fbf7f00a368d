"""Output formats of check: text lines, the SPEC 7 JSON shape, GitHub annotations."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CASES, TODAY, make_root, run


def test_json_shape(tmp_path: Path) -> None:
    root = make_root(tmp_path, CASES / "invalid/links")
    result = run("check", "--root", str(root), "--today", TODAY, "--format", "json")
    payload = json.loads(result.out)
    assert set(payload) == {"diagnostics", "summary"}
    assert payload["summary"] == {"error": 6, "warning": 3, "info": 0}
    for diag in payload["diagnostics"]:
        assert set(diag) == {"file", "line", "severity", "code", "message"}
        assert isinstance(diag["line"], int) and diag["severity"] in ("error", "warning", "info")
    assert result.code == 1


def test_text_and_json_agree(tmp_path: Path) -> None:
    root = make_root(tmp_path, CASES / "invalid/schema")
    text = run("check", "--root", str(root), "--today", TODAY).out.splitlines()
    diags = json.loads(run("check", "--root", str(root), "--today", TODAY, "--format", "json").out)["diagnostics"]
    assert text == [f"{d['file']}:{d['line']}: {d['severity']}[{d['code']}] {d['message']}" for d in diags]


def test_github_annotations(tmp_path: Path) -> None:
    root = make_root(tmp_path, CASES / "invalid/links")
    lines = run("check", "--root", str(root), "--today", TODAY, "--format", "github").out.splitlines()
    assert ("::error file=routines/a.md,line=23,title=broken-link::link 'saknas' points to "
            "routines/finns-inte.md, which does not exist") in lines
    assert any(line.startswith("::warning file=routines/a.md,line=23,title=placeholder-link::") for line in lines)
    assert len(lines) == 9


def test_github_escapes_newlines_and_commas(tmp_path: Path) -> None:
    import io

    from generator.cli.check_report import report_github
    from generator.core.diagnostics import Diagnostic
    from generator.core.messages import messages, msg

    out = io.StringIO()
    found = msg("check.schema_other", text="50% done\nnext")  # English: the text as given
    report_github([Diagnostic("a,b:c.md", 3, "info", "x", found)], out, messages("en"))
    assert out.getvalue() == "::notice file=a%2Cb%3Ac.md,line=3,title=x::50%25 done%0Anext\n"


def test_strict_turns_warnings_into_failure(tmp_path: Path) -> None:
    root = make_root(tmp_path, CASES / "invalid/stray-file")
    assert run("check", "--root", str(root), "--today", TODAY).code == 0
    assert run("check", "--root", str(root), "--today", TODAY, "--strict").code == 1
