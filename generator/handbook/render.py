"""Rendering pages: one Jinja environment (sandboxed, autoescaped, strict), bodies through the Rust parser.

Templates come from the content root's ``site/templates`` too, so they are not trusted: every
template, the default theme's included, renders in Jinja's ``ImmutableSandboxedEnvironment``
(no ``_``-prefixed attributes, no Python internals, no mutation of the data), without the
globals a theme does not need (``cycler``, ``joiner``, ``namespace``, ``lipsum``). What the
sandbox refuses, and any other template error, becomes a :class:`GeneratorError` naming the
template file and line.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from collections.abc import Callable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from generator.content.cache import program_digest
from generator.content.markdown import render_fast
from generator.content.resources import data_dir
from generator.content.rootpath import escape, real_root
from generator.content.theme_files import open_regular, theme_files
from generator.core.errors import GeneratorError
from generator.core.messages import Msg, labels, messages, msg
from generator.handbook.theme_compiler import ThemeCodeGenerator, escape_piece

_ATTR = re.compile(r'(<a href="|<img src=")([^"]*)(")')
UNUSED_GLOBALS = ("cycler", "joiner", "namespace", "lipsum")
"""Jinja's default globals that no template of ours uses: not offered to templates at all."""


def theme_dirs(root: Path) -> list[Path]:
    """The content root's ``site/`` (overrides) first, then the default theme."""
    dirs = [root / "site"] if (root / "site").is_dir() else []
    default = data_dir("site")
    return [d for d in dirs if d.resolve() != default.resolve()] + [default]


_DICT_ATTRIBUTES = frozenset(dir(dict))
_LOOP_ATTRIBUTES = frozenset({"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth",
                              "depth0", "previtem", "nextitem"})
"""The values of Jinja's ``loop`` a template asks (its properties, no method)."""


class ThemeEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with a shortcut for what templates do most: ``page.title`` on a plain dict.

    For a ``dict`` (not a subclass) and a name that is no attribute of ``dict``, the sandbox's
    own lookup fails on ``getattr`` and returns the item: this returns the item at once, the
    same value, without the failed ``getattr`` (a quarter of the rendering time). And for Jinja's
    own ``loop`` (``loop.last``, ``loop.first``, ...), its properties at once, which the sandbox
    allows after its checks. Everything else goes through the sandbox's checks. Templates are
    compiled by :class:`~generator.handbook.theme_compiler.ThemeCodeGenerator` (a cheaper escape
    of their output, the same text).
    """

    code_generator_class = ThemeCodeGenerator
    escape_piece = staticmethod(escape_piece)

    def getattr(self, obj: Any, attribute: str) -> Any:
        kind = type(obj)
        if kind is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        elif kind is LoopContext and attribute in _LOOP_ATTRIBUTES:
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)


MAX_TEMPLATE = 1_048_576
"""Largest template read (1 MB; the default theme's largest is a few KB)."""


class ThemeLoader(BaseLoader):
    """Templates of one theme folder, read under the rules of :mod:`generator.content.theme_files`: a
    template that is a symbolic link out of ``allowed``, not a regular file (a named pipe would
    block the build), too large or not UTF-8 is a clean error naming it, never read."""

    def __init__(self, directory: Path, allowed: str, root: Path) -> None:
        self.directory, self.allowed, self.root = directory, allowed, root

    def _refuse(self, path: str, problem: Msg | str) -> GeneratorError:
        try:
            shown = Path(path).relative_to(self.root).as_posix()
        except ValueError:
            shown = path
        return GeneratorError(msg("render.refused", file=shown, problem=problem))

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Any]:
        pieces = split_template_path(template)
        if any(piece.startswith(".") for piece in pieces):
            raise TemplateNotFound(template)
        path = os.path.join(self.directory, *pieces)
        if not os.path.lexists(path):
            raise TemplateNotFound(template)
        if (target := escape(path, self.allowed)) is not None:
            raise self._refuse(path, msg("render.outside", target=target))
        real = os.path.realpath(path)
        handle = open_regular(real)
        if handle is None:
            raise self._refuse(path, msg("render.not_regular"))
        with handle:
            mtime = os.fstat(handle.fileno()).st_mtime_ns
            data = handle.read(MAX_TEMPLATE + 1)
        if len(data) > MAX_TEMPLATE:
            raise self._refuse(path, msg("render.too_large", mb=MAX_TEMPLATE // 1_048_576))
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise self._refuse(path, msg("render.not_utf8", byte=error.start + 1)) from None

        def uptodate() -> bool:
            try:
                return os.stat(real).st_mtime_ns == mtime
            except OSError:
                return False

        return source, path, uptodate


def theme_root(theme: Path, root: Path) -> str:
    """The tree a theme folder's files must stay in: the package's own for the default theme,
    else the content root."""
    default = data_dir("site")
    return real_root(default if theme == default else root)


DEFAULT_THEME: Mapping[str, str | None] = {"primary": None, "primary_dark": None, "logo": None}
"""``theme`` in the templates when routines.toml has no ``[theme]`` (style.css's own colours, no logo)."""


def make_environment(root: Path, language: str, theme: Mapping[str, str | None] | None = None,
                     cache_dir: Path | None = None) -> Environment:
    """The one Jinja environment of a build: sandboxed, autoescaping on, undefined names an error;
    ``theme`` is ``[theme]`` of routines.toml as :func:`generator.content.config.theme_values` gives it;
    with ``cache_dir``, templates compiled by an earlier build are taken from there (:mod:`.template_cache`).
    Each template is read once in an environment, never checked again for changes (a stat for
    every page): every build makes its own, and ``serve`` builds afresh whenever a theme file changes."""
    from generator.handbook.template_cache import template_cache

    loader = ChoiceLoader([ThemeLoader(d / "templates", theme_root(d, root), root) for d in theme_dirs(root)])
    env = ThemeEnvironment(loader=loader, autoescape=select_autoescape(["html"], default=True),
                           undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                           keep_trailing_newline=True, bytecode_cache=template_cache(cache_dir, root),
                           auto_reload=False)  # a build's templates stay as read: no stat per page
    for name in UNUSED_GLOBALS:
        env.globals.pop(name, None)
    env.globals["theme"] = dict(theme or DEFAULT_THEME)
    env.globals["t"] = labels(language)
    env.globals["n"] = messages(language).n  # a counted thing: {{ n("day", 3) }} is "3 dagar"
    return env


def template_location(error: BaseException, root: Path) -> str:
    """``FILE:LINE`` of the template line an error came from ('' when it is not known).

    A syntax error carries its place; an error while rendering has it in the traceback, whose
    template frames Jinja rewrites to point at the template file and line (the innermost wins).
    """
    filename: str | None = None
    line = 0
    if isinstance(error, TemplateSyntaxError):
        filename, line = error.filename or error.name, error.lineno
    else:
        tb = error.__traceback__
        while tb is not None:
            if "__jinja_exception__" in tb.tb_frame.f_globals:
                filename, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
            tb = tb.tb_next
    if not filename:
        return ""
    path = Path(filename)
    try:
        shown = path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        shown = filename
    return f"{shown}:{line}" if line else shown


def template_failure(error: TemplateError, root: Path, doing: Msg, outcome: Msg) -> GeneratorError:
    """The clean error (exit 2) for a template that failed while ``doing`` something; ``outcome``
    says what became of the output. Jinja's own message stays as Jinja words it (English)."""
    where = template_location(error, root)
    prefix = f"{where}: " if where else ""
    message = str(error).strip().rstrip(".")
    name = "render.sandbox" if isinstance(error, SecurityError) else "render.failed"
    return GeneratorError(msg(name, prefix=prefix, doing=doing, message=message, outcome=outcome))


def theme_digest(root: Path) -> str:
    """A digest of every template and static file in use, and of the program (every module of
    the package, so a change to any code that shapes a page renders the pages again)."""
    digest = hashlib.blake2b(program_digest().encode(), digest_size=16)
    for theme in theme_dirs(root):  # the files a build may use (generator.content.theme_files), and any
        for rel, real in theme_files(theme, theme_root(theme, root), irregular=True):  # pipe among them
            digest.update(rel.as_posix().encode())
            handle = open_regular(real)
            if handle is None:
                digest.update(b"\0not a regular file")
                continue
            with handle:
                digest.update(handle.read())
    return digest.hexdigest()


def relative_base(page_path: str) -> str:
    """``../../`` from ``rutiner/x/index.html`` to the site root."""
    depth = page_path.count("/")
    return "../" * depth if depth else "./"


def body_html(body: str, link_map: Mapping[str, str], base: str) -> Markup:
    """The body as HTML (raw HTML off), relative links pointed at their pages in the site."""
    return linked_html(render_fast(body), link_map, base)


def linked_html(rendered: str, link_map: Mapping[str, str], base: str) -> Markup:
    """A body's HTML (:func:`render_fast`'s) with relative links pointed at their pages in the site."""

    def rewrite(match: re.Match[str]) -> str:
        url = html.unescape(match.group(2))
        target = link_map.get(url)
        if target is None:
            return match.group(0)
        return f"{match.group(1)}{html.escape(base + target, quote=True)}{match.group(3)}"

    return Markup(_ATTR.sub(rewrite, rendered) if link_map else rendered)


def render_page(env: Environment, template: str, context: Mapping[str, Any], path: str,
                body: Markup | None = None, row: Callable[[Any], Markup] | None = None) -> bytes:
    """One page as UTF-8 bytes; ``row``: see :func:`row_maker`."""
    page = env.get_template(template)
    extra = {"row": row} if row is not None else {}
    text = page.render(**context, base=relative_base(path), path=path.removesuffix("index.html"),
                       body=body if body is not None else Markup(""), **extra)
    return text.encode("utf-8")


def row_maker(env: Environment, macro: str, path: str, made: dict[tuple[int, str], tuple[Any, Markup]]
              ) -> Callable[[Any], Markup]:
    """``row(item)`` for the page at ``path``: ``macro`` of ``macros.html`` for the item, made once
    per item and depth in ``made`` (which holds each item too, so its ``id`` stays its own). The
    macro is looked up at the first row: a theme's page that makes its rows itself needs none."""
    base = relative_base(path)
    found: list[Callable[..., Any]] = []

    def row(item: Any) -> Markup:
        key = (id(item), base)
        done = made.get(key)
        if done is None:
            if not found:
                render = getattr(env.get_template("macros.html").module, macro, None)
                if render is None:
                    raise GeneratorError(msg("render.no_macro", macro=macro, path=path,
                                             outcome=msg("render.outcome_site")))
                found.append(render)
            done = made[key] = (item, Markup(found[0](item, base)))
        return done[1]

    return row


STYLESHEETS = ("style.css", "pages.css")
"""The theme's stylesheets for the screen, in order (base.html links them, with print.css)."""


def render_standalone(root: Path, language: str, title: str, kind: str, content: str, heading: str,
                      **context: Any) -> str:
    """A page of its own, the theme's stylesheet inline: ``content`` (a template) under ``heading``
    (a label), for reports written to standard output."""
    return "".join(_standalone(root, language, title, kind, content, heading, context))


def write_standalone(out: TextIO, root: Path, language: str, title: str, kind: str, content: str, heading: str,
                     **context: Any) -> None:
    """:func:`render_standalone` written to ``out``: made piece by piece as Jinja makes it into a
    temporary file (in memory up to 8 MB), and copied to ``out`` once whole, so that a report of a
    million rows (its rows made as they are written) is never all in memory, and a template that
    fails midway leaves nothing written."""
    import shutil
    import tempfile

    with tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8", newline="") as page:
        pieces = _standalone(root, language, title, kind, content, heading, context)
        while batch := list(islice(pieces, 8192)):  # Jinja's pieces are small: joined, then written
            page.write("".join(batch))
        page.seek(0)
        shutil.copyfileobj(page, out, 1 << 20)


def _standalone(root: Path, language: str, title: str, kind: str, content: str, heading: str,
                context: dict[str, Any]) -> Iterator[str]:
    env = make_environment(root, language)
    static = data_dir("site") / "static"
    css = "\n".join((static / name).read_text(encoding="utf-8") for name in STYLESHEETS)
    try:
        yield from env.get_template("standalone.html").generate(
            css=css, site={"title": title, "language": language}, kind=kind, content=content, heading=heading,
            **context)
    except TemplateError as error:
        raise template_failure(error, root, msg("render.doing_report", kind=kind), msg("render.outcome_none")) from None
