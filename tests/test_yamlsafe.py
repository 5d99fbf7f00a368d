"""The YAML reader: core-schema scalars, lines, duplicates, bounds."""

from __future__ import annotations

import yaml

from generator.content.yamlsafe import MAX_DEPTH, libyaml_too_deep, load_yaml


def test_core_schema_scalars() -> None:
    doc = load_yaml("a: yes\nb: no\nc: on\nd: 2026-02-30\ne: 6.0\nf: 12\ng: true\nh: ~\ni: '7'\nj: 0x1F\n")
    assert doc.data == {"a": "yes", "b": "no", "c": "on", "d": "2026-02-30", "e": 6.0, "f": 12,
                        "g": True, "h": None, "i": "7", "j": 31}


def test_lines_of_keys_and_items() -> None:
    doc = load_yaml("a: 1\nb:\n  - x\n  - {c: 2}\n", first_line=5)
    assert doc.lines == {"": 5, "/a": 5, "/b": 6, "/b/0": 7, "/b/1": 8, "/b/1/c": 8}


def test_duplicate_keys_keep_the_first() -> None:
    doc = load_yaml("a: 1\nb: 2\na: 3\n")
    assert doc.data == {"a": 1, "b": 2}
    assert [(p.line, p.code) for p in doc.problems] == [(3, "duplicate-key")]


def test_small_aliases_work() -> None:
    doc = load_yaml("base: &b {care: öppenvård}\nunits: *b\n")
    assert doc.ok and doc.data["units"] == {"care": "öppenvård"}


def test_alias_bomb_is_stopped() -> None:
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))
    doc = load_yaml(text)
    assert not doc.ok and doc.problems[-1].code == "yaml-limits"


TOO_DEEP = f"the YAML is nested more than {MAX_DEPTH} levels deep; flatten it"


def test_deep_flow_nesting_on_one_line_is_one_limits_diagnostic() -> None:
    # libyaml scans a flow line ahead: since PyYAML 6.0.4 its own limit (1,000) fires before
    # our event stream sees level 65, before that the event stream stopped it. Same answer.
    doc = load_yaml("a: " + "[" * 100_000 + "]" * 100_000, first_line=2)
    assert not doc.ok and [(p.line, p.code, str(p.message)) for p in doc.problems] == [(2, "yaml-limits", TOO_DEEP)]


def test_deep_block_nesting_is_stopped_by_the_event_stream() -> None:
    # Block nesting never reaches libyaml's limit: the event stream stops it at level 65
    # (the root mapping on line 2 is level 1).
    text = "".join("  " * i + f"k{i}:\n" for i in range(200))
    doc = load_yaml(text, first_line=2)
    assert [(p.line, p.code, str(p.message)) for p in doc.problems] == [(2 + MAX_DEPTH, "yaml-limits", TOO_DEEP)]


def test_deep_flow_nesting_over_lines_names_the_line_that_passes_the_limit() -> None:
    # 30 levels on line 2, 40 on line 3, 2,000 on line 4: the mapping plus 64 levels ends on line 3.
    text = "q: " + "[" * 30 + "\n" + "[" * 40 + "\n" + "[" * 2000 + "\n"
    doc = load_yaml(text, first_line=2)
    assert [(p.line, p.code) for p in doc.problems] == [(3, "yaml-limits")]


def test_libyamls_own_nesting_error_becomes_the_limits_diagnostic() -> None:
    # Fed libyaml's error as PyYAML 6.0.4 raises it, whatever PyYAML is installed here. The
    # brackets are counted from the last event read (after "a: [", depth 2), skipping quoted
    # text and comments, so the line is the one where level 65 opens, not libyaml's 1,001st.
    text = "a: [\n" + "'[[[', \"[{\\\"[\", it's, #[[[\n" * 3 + "[\n" * 70 + "[" * 2000
    mark = yaml.Mark("<unicode string>", 0, 75, 1003, None, None)
    error = yaml.scanner.ScannerError("while increasing flow level", mark,
                                      "exceeded maximum nesting depth", mark)
    problem = libyaml_too_deep(error, text, 10, depth=2, start=text.index("[") + 1)
    assert (problem.line, problem.code, str(problem.message)) == (10 + 4 + 62, "yaml-limits", TOO_DEEP)
    # The whole reader gives the same line, whichever layer fires.
    assert [(p.line, p.code) for p in load_yaml(text, first_line=10).problems] == [(76, "yaml-limits")]


def test_libyamls_error_without_brackets_to_count_keeps_its_own_line() -> None:
    mark = yaml.Mark("<unicode string>", 0, 7, 3, None, None)
    error = yaml.scanner.ScannerError(None, None, "exceeded maximum nesting depth", mark)
    problem = libyaml_too_deep(error, "a: b\n", 1, depth=1, start=0)
    assert (problem.line, problem.code) == (8, "yaml-limits")


def test_tags_are_refused() -> None:
    doc = load_yaml("a: !!python/object:os.system ls\n")
    assert not doc.ok and "not supported" in str(doc.problems[-1].message)


def test_huge_integers_stay_text() -> None:
    assert load_yaml("a: " + "9" * 5000).data == {"a": "9" * 5000}


def test_the_events_come_from_libyaml() -> None:
    """The parser is libyaml's (PyYAML's pure-Python one is some ten times slower); its events
    read into the same values and lines."""
    from yaml._yaml import CParser

    from generator.content import yamlsafe

    assert yamlsafe._Parser is CParser
    doc = load_yaml("a: 1\nb:\n  - x\n  - {c: d}\n", first_line=2)
    assert (doc.data, doc.lines) == ({"a": 1, "b": ["x", {"c": "d"}]},
                                     {"": 2, "/a": 2, "/b": 3, "/b/0": 4, "/b/1": 5, "/b/1/c": 5})
