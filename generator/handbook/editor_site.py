"""The browser editor in the built site: ``admin/index.html``, ``admin/config.yml`` (derived by
:mod:`generator.handbook.editor_config`) and Decap CMS itself, vendored in the default theme
(``site/admin/decap/``), so that the editor works on an intranet without the internet."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

from generator.content.project import Project
from generator.content.resources import data_dir
from generator.content.schemas import schema
from generator.core.messages import messages
from generator.handbook.editor_config import config_yaml, editor_config

ADMIN = "admin"
PREVIEW_WORDS = ("about", "type", "applies_to", "owner", "approver", "document_id", "version", "valid_from", "valid_to")
"""The handbook's words the preview of a routine shows (``site.*`` of the catalog)."""
_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<link rel="icon" href="../assets/favicon.svg" type="image/svg+xml">
</head>
<body>
<script id="routine-words" type="application/json">{words}</script>
<script src="decap/decap-cms.js"></script>
<script src="editor.js"></script>
</body>
</html>
"""


def write_editor(site: Path, project: Project, local: str | None) -> None:
    """``admin/`` of the site being built in ``site``: the page, its configuration for the forge
    of ``[editor]`` (or, with ``local``, the address of ``serve --edit``'s backend), and Decap."""
    t = messages(project.config.language)
    source = data_dir("site") / ADMIN
    target = site / ADMIN
    shutil.copytree(source / "decap", target / "decap", ignore=shutil.ignore_patterns("*.md", "SHA256SUMS"))
    shutil.copy2(source / "editor.js", target / "editor.js")
    persons = project.people.names()
    config = editor_config(schema("routine"), project.organisation, project.catalog, project.config.editor or {}, t,
                           local=local, persons=persons)
    (target / "config.yml").write_text(config_yaml(config), encoding="utf-8")
    title = html.escape(t("editor.page_title", site=project.config.title))
    words = {key: t(f"site.{key}") for key in PREVIEW_WORDS} | {"regel_invalid": t("editor.regel_invalid")}
    text = json.dumps(words, ensure_ascii=False).replace("<", "\\u003c").replace("&", "\\u0026")
    (target / "index.html").write_text(_PAGE.format(lang=t.language, title=title, words=text), encoding="utf-8")
