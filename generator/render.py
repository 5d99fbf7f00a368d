"""Rendering pages: one Jinja environment (autoescaped, strict), bodies through the Rust parser."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator.i18n import labels
from generator.markdown import render_fast
from generator.resources import data_dir

_ATTR = re.compile(r'(<a href="|<img src=")([^"]*)(")')


def theme_dirs(root: Path) -> list[Path]:
    """The content root's ``site/`` (overrides) first, then the default theme."""
    dirs = [root / "site"] if (root / "site").is_dir() else []
    default = data_dir("site")
    return [d for d in dirs if d.resolve() != default.resolve()] + [default]


def make_environment(root: Path, language: str) -> Environment:
    """The one Jinja environment of a build: autoescaping on, undefined names an error."""
    loader = ChoiceLoader([FileSystemLoader(str(d / "templates")) for d in theme_dirs(root)])
    env = Environment(loader=loader, autoescape=select_autoescape(["html"], default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.globals["t"] = labels(language)
    return env


def theme_digest(root: Path) -> str:
    """A digest of every template and static file in use, and of the rendering code."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent
    files = [package / name for name in ("render.py", "markdown.py", "i18n.py", "rules_text.py", "site_pages.py")]
    for theme in theme_dirs(root):
        files += sorted(p for p in theme.rglob("*") if p.is_file())
    for path in files:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def relative_base(page_path: str) -> str:
    """``../../`` from ``rutiner/x/index.html`` to the site root."""
    depth = page_path.count("/")
    return "../" * depth if depth else "./"


def body_html(body: str, link_map: Mapping[str, str], base: str) -> Markup:
    """The body as HTML (raw HTML off), relative links pointed at their pages in the site."""
    rendered = render_fast(body)

    def rewrite(match: re.Match[str]) -> str:
        url = html.unescape(match.group(2))
        target = link_map.get(url)
        if target is None:
            return match.group(0)
        return f"{match.group(1)}{html.escape(base + target, quote=True)}{match.group(3)}"

    return Markup(_ATTR.sub(rewrite, rendered) if link_map else rendered)


def render_page(env: Environment, template: str, context: Mapping[str, Any], path: str,
                body: Markup | None = None) -> bytes:
    """One page as UTF-8 bytes."""
    page = env.get_template(template)
    text = page.render(**context, base=relative_base(path), path=path.removesuffix("index.html"),
                       body=body if body is not None else Markup(""))
    return text.encode("utf-8")


def render_standalone(root: Path, language: str, title: str, kind: str, content: str, heading: str,
                      **context: Any) -> str:
    """A page of its own, the theme's stylesheet inline: ``content`` (a template) under ``heading``
    (a label), for reports written to standard output."""
    env = make_environment(root, language)
    css = (data_dir("site") / "static" / "style.css").read_text(encoding="utf-8")
    return env.get_template("standalone.html").render(
        css=css, site={"title": title, "language": language}, kind=kind, content=content, heading=heading,
        **context)
