"""Front matter written as YAML in the demo's style, for ``routines import``.

Plain scalars where they read back as themselves (else JSON-style double quotes), short lists
and mappings of scalars in flow style on one line, long texts as folded (``>-``) and texts of
several lines as literal (``|-``) blocks, and a comment above proposed rules that still need
review. :func:`yaml_front_matter` reads its output back and falls back to plain, block-style
YAML when the styled text would not read back as the same data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from generator.authoring.yaml_scalars import scalar as text_scalar
from generator.content.yamlsafe import load_yaml
from generator.core.messages import messages

_YAML_PRINTABLE = re.compile(
    "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
"""Characters written escaped: controls, NEL and the line and paragraph separators (which
libyaml reads as line breaks), surrogates and the BOM."""


def scalar(value: Any, *, flow: bool = False) -> str:
    """A YAML scalar that reads back as ``value``: booleans and integers as such, texts by the
    project's one scalar policy (:func:`generator.authoring.yaml_scalars.scalar`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return text_scalar(str(value), flow=flow)


def _block_string(text: str, indent: int, width: int = 92) -> str | None:
    """A long one-line text as a folded block (``>-``), or None when it cannot be one safely."""
    if ("\n" in text or " " not in text or "  " in text or text != text.strip() or "\t" in text
            or _YAML_PRINTABLE.search(text) or not text):
        return None
    pad = " " * indent
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(pad) + len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return ">-\n" + "\n".join(pad + line for line in lines)


def _literal(text: str, indent: int) -> str | None:
    """A text of several lines as a literal block (``|-``), or None when it cannot be one."""
    if (text.endswith("\n") or text.startswith((" ", "\n")) or "\t" in text or "\r" in text
            or _YAML_PRINTABLE.search(text)):
        return None
    pad = " " * indent
    return "|-\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))


def _flow(value: Any) -> str | None:
    """A short list of scalars or a mapping of scalars on one line, or None."""
    if isinstance(value, list) and all(isinstance(v, str | int | bool) for v in value):
        return "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
    if isinstance(value, dict) and all(isinstance(v, str | int | bool) for v in value.values()):
        pairs = (f"{scalar(k, flow=True)}: {scalar(v, flow=True)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    return None


def _emit(key: str, value: Any, indent: int, out: list[str], plain_only: bool) -> None:
    pad = " " * indent
    head = f"{pad}{scalar(key)}:"
    if isinstance(value, str):
        if not plain_only:
            block = (_literal(value, indent + 2) if "\n" in value
                     else _block_string(value, indent + 2) if len(head) + len(value) > 96 else None)
            if block is not None:
                out.append(f"{head} {block}")
                return
        out.append(f"{head} {scalar(value)}")
        return
    if not isinstance(value, list | dict):
        out.append(f"{head} {scalar(value)}")
        return
    if not value:
        out.append(f"{head} {'[]' if isinstance(value, list) else '{}'}")
        return
    flow = None if plain_only else _flow(value)
    if flow is not None and len(head) + len(flow) <= 96:
        out.append(f"{head} {flow}")
        return
    if isinstance(value, dict):
        out.append(head)
        for k, v in value.items():
            _emit(str(k), v, indent + 2, out, plain_only)
        return
    out.append(head)
    for item in value:
        _emit_item(item, indent + 2, out, plain_only)


def _emit_item(item: Any, indent: int, out: list[str], plain_only: bool) -> None:
    pad = " " * indent
    if isinstance(item, dict) and item:
        flow = None if plain_only else _flow(item)
        if flow is not None and len(pad) + 2 + len(flow) <= 96:
            out.append(f"{pad}- {flow}")
            return
        lines: list[str] = []
        for k, v in item.items():
            _emit(str(k), v, indent + 2, lines, plain_only)
        lines[0] = f"{pad}- {lines[0][indent + 2:]}"
        out.extend(lines)
        return
    if isinstance(item, list):
        flow = _flow(item)
        out.append(f"{pad}- {flow if flow is not None else json.dumps(item, ensure_ascii=False)}")
        return
    out.append(f"{pad}- {scalar(item)}")


def yaml_front_matter(data: Mapping[str, Any], language: str = "sv") -> str:
    """The front matter in the demo's style, checked to read back as ``data``; the comment over
    rules still to be reviewed in ``language``, the content's."""
    for plain_only in (False, True):
        out: list[str] = []
        for key, value in data.items():
            if key == "rules" and any(r.get("review") for rs in value.values() for r in rs):
                out.append("rules:")
                out.append("  " + messages(language)("import.rules_comment"))
                for kind, rules in value.items():
                    _emit(kind, rules, 2, out, plain_only)
                continue
            _emit(key, value, 0, out, plain_only)
        text = "\n".join(out) + "\n"
        if load_yaml(text).data == dict(data):
            return text
    raise ValueError("the front matter cannot be written as YAML that reads back the same")


def routine_text(data: Mapping[str, Any], body: str, language: str = "sv") -> str:
    """A routine file: front matter between ``---`` lines, a blank line, the body."""
    text = body.strip()
    return f"---\n{yaml_front_matter(data, language)}---\n" + (f"\n{text}\n" if text else "")
