"""Which linked files the handbook publishes (copies into ``filer/``), and why not the others.

A link in a routine can name any file of the content root: ``../../.git/config`` (a token in the
remote URL, or the ``extraheader`` line that actions/checkout writes), ``../../.env``,
``routines.toml``. Only regular files under ``routines/`` (or the ``[attachments] folder``), with
no path component starting with ``.``, whose name ends in an allowed kind, are ever copied; a
symbolic link counts only when the file it leads to passes too. :meth:`Attachments.refusal` is
the one rule: ``check`` reports what it refuses as ``private-link``, the site plan leaves those
files out, and :meth:`Attachments.copy` asks again, on the open file, when it copies.

SVG, HTML, XML and JavaScript are never published, whatever the configuration: opened from the
handbook they would run their script on the handbook's own address.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.content.config import SCRIPT_KINDS, Config
from generator.content.discover import ROUTINES_DIR
from generator.content.rootpath import real_root, within
from generator.content.theme_files import copy_regular, theme_files
from generator.core.messages import Msg, all_of, msg, one_of


def _kind(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


class Attachments:
    """The publishing rule of one content root and its configuration."""

    def __init__(self, root: Path, config: Config) -> None:
        self.root = root
        self.resolved_root = real_root(root)
        folder = config.attachment_folder
        self.folders = (ROUTINES_DIR, *((folder.strip("/"),) if folder else ()))
        self.kinds = tuple(k for k in dict.fromkeys(k.lower() for k in config.attachment_kinds)
                           if k not in SCRIPT_KINDS)

    def rule(self) -> Msg:
        """What is published, in one clause."""
        where = one_of(f"{f}/" for f in self.folders)
        kinds: Msg | str = ", ".join(self.kinds) if self.kinds else msg("check.attach_none")
        return msg("check.attach_rule", where=where, kinds=kinds)

    def _name_problem(self, rel: str) -> Msg | None:
        if any(part.startswith(".") for part in rel.split("/")):
            return msg("check.refuse_hidden")
        if not any(rel.startswith(f"{folder}/") for folder in self.folders):
            return msg("check.refuse_outside", folders=all_of(f"{f}/" for f in self.folders))
        kind = _kind(rel)
        if kind not in self.kinds:
            if kind in SCRIPT_KINDS:
                return msg("check.refuse_script", kind=kind)
            return msg("check.refuse_kind", kind=kind) if kind else msg("check.refuse_no_kind")
        return None

    def _resolve(self, target: str) -> tuple[str, str] | Msg:
        """(resolved path, its root-relative form), or why the target cannot be published."""
        problem = self._name_problem(target)
        if problem is not None:
            return problem
        real = os.path.realpath(os.path.join(self.root, target))
        if not within(real, self.resolved_root):
            return msg("check.refuse_link_outside")
        rel = os.path.relpath(real, self.resolved_root).replace(os.sep, "/")
        if rel != target and (problem := self._name_problem(rel)) is not None:
            return msg("check.refuse_link_to", rel=rel, problem=problem)
        return real, rel

    def refusal(self, target: str) -> Msg | None:
        """Why the root-relative file ``target`` is not published, or None when it is."""
        try:
            mode = os.stat(os.path.join(self.root, target)).st_mode
        except OSError:
            return msg("check.refuse_unreadable")
        if stat.S_ISDIR(mode):
            return msg("check.refuse_folder")
        resolved = self._resolve(target)
        if isinstance(resolved, Msg):
            return resolved
        if not stat.S_ISREG(mode):
            return msg("check.refuse_special")
        return None

    def copy(self, target: str, dest: Path) -> bool:
        """Copy ``target`` to ``dest`` when the rule allows it; False (nothing written) when not.

        The file is checked before it is opened (a named pipe is never opened) and again once open
        (without following a link and without blocking), so a file swapped meanwhile is not copied.
        """
        if self.refusal(target) is not None:
            return False
        resolved = self._resolve(target)
        if isinstance(resolved, Msg):  # pragma: no cover - changed between the two looks
            return False
        return copy_regular(resolved[0], dest)


def copy_theme_files(source: Path, dest: Path, allowed: str) -> None:
    """Copy the usable files of the theme folder ``source`` (see :mod:`generator.content.theme_files`)
    into ``dest``: symbolic links only while they stay inside ``allowed``, nothing hidden, and
    named pipes, devices and sockets never opened."""
    for rel, real in theme_files(source, allowed):
        copy_regular(real, dest / rel)
