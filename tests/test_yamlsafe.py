"""The YAML reader: core-schema scalars, lines, duplicates, bounds."""

from __future__ import annotations

from generator.yamlsafe import load_yaml


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


def test_deep_nesting_is_stopped_before_the_parser_recurses() -> None:
    doc = load_yaml("a: " + "[" * 100_000 + "]" * 100_000)
    assert not doc.ok and doc.problems[-1].code == "yaml-limits"


def test_tags_are_refused() -> None:
    doc = load_yaml("a: !!python/object:os.system ls\n")
    assert not doc.ok and "not supported" in doc.problems[-1].message


def test_huge_integers_stay_text() -> None:
    assert load_yaml("a: " + "9" * 5000).data == {"a": "9" * 5000}
