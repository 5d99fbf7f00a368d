"""The theme's code generator writes a cheaper escape; the text is the same as Jinja's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import DictLoader, StrictUndefined, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from generator.handbook.render import ThemeEnvironment, make_environment
from generator.handbook.theme_compiler import escape_piece
from tests.conftest import REPO

TEMPLATES = {
    "macros.html": "{% macro link(p) %}<a href=\"{{ p.url }}\">{{ p.name }}</a>{% endmacro %}",
    "page.html": (
        "{% from 'macros.html' import link %}{% extends 'base.html' %}{% block main %}"
        "{{ title }}|{{ html }}|{{ n }}|{{ f }}|{{ safe|safe }}|{{ link(person) }}|{{ title ~ html }}"
        "{% set kept %}<b>{{ title }}</b>{% endset %}{{ kept }}{{ kept|length }}"
        "{% filter upper %}{{ title }}&{% endfilter %}"
        "{% for x in items %}{{ loop.index }}:{{ x }}{% if not loop.last %}, {% endif %}{% endfor %}"
        "{% autoescape false %}{{ title }}{% endautoescape %}{% autoescape true %}{{ title }}{% endautoescape %}"
        "{% include 'part.html' %}{{ super_ }}{% endblock %}"),
    "base.html": "<title>{{ title }}</title>{% block main %}{{ title }}{% endblock %}",
    "part.html": "[{{ person.name }}]",
}
CONTEXT = {
    "title": "Rutin <för> \"ersättare\" & 'andra'", "html": Markup("<em>ok</em>"), "n": 3, "f": 2.5,
    "safe": "<i>as is</i>", "person": {"url": "agare/a\"b.html", "name": "Åsa <Ö>"},
    "items": ["<a>", Markup("<b>"), 7], "super_": None,
}


def _environments() -> tuple[ThemeEnvironment, ImmutableSandboxedEnvironment]:
    options = {"loader": DictLoader(TEMPLATES), "autoescape": True, "undefined": StrictUndefined,
               "trim_blocks": True, "lstrip_blocks": True}
    return ThemeEnvironment(**options), ImmutableSandboxedEnvironment(**options)


def test_a_page_reads_as_jinjas_own_escape_writes_it() -> None:
    ours, jinjas = _environments()
    page = ours.get_template("page.html").render(**CONTEXT)
    assert page == jinjas.get_template("page.html").render(**CONTEXT)
    assert "Rutin &lt;för&gt; &#34;ersättare&#34; &amp; &#39;andra&#39;" in page
    assert "<em>ok</em>" in page and "<i>as is</i>" in page and "1:&lt;a&gt;, 2:<b>, 3:7" in page
    assert "Rutin <för>" in page  # where the template turned autoescaping off


def test_undefined_values_still_fail() -> None:
    ours, _ = _environments()
    with pytest.raises(UndefinedError):
        ours.from_string("{{ missing }}").render()


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.none(), st.booleans(),
                 st.text().map(Markup)))
def test_a_piece_is_escaped_as_markupsafe_escapes_it(value: object) -> None:
    assert escape_piece(value) == str(escape(value))


def test_the_default_theme_compiles_to_the_cheaper_escape(tmp_path: Path) -> None:
    env = make_environment(REPO, "sv")
    source = env.loader.get_source(env, "base.html")[0]
    code = env.compile(source, "base.html", raw=True)
    assert "environment.escape_piece(" in code
    assert "yield escape(" not in code
