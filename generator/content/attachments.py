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

    def rule(self) -> str:
        """What is published, in one clause."""
        where = " or ".join(f"{f}/" for f in self.folders)
        kinds = ", ".join(self.kinds) if self.kinds else "none"
        return f"only files under {where} of the kinds {kinds} are published, never hidden ones"

    def _name_problem(self, rel: str) -> str | None:
        if any(part.startswith(".") for part in rel.split("/")):
            return "it is hidden (a name in its path starts with '.')"
        if not any(rel.startswith(f"{folder}/") for folder in self.folders):
            return f"it is outside {' and '.join(f'{f}/' for f in self.folders)}"
        kind = _kind(rel)
        if kind not in self.kinds:
            if kind in SCRIPT_KINDS:
                return f"'.{kind}' files can carry script that would run on the handbook's address"
            return f"'.{kind}' files are not published" if kind else "it has no kind (no ending such as .pdf)"
        return None

    def _resolve(self, target: str) -> tuple[str, str] | str:
        """(resolved path, its root-relative form), or why the target cannot be published."""
        problem = self._name_problem(target)
        if problem is not None:
            return problem
        real = os.path.realpath(os.path.join(self.root, target))
        if not within(real, self.resolved_root):
            return "it is a symbolic link that leads outside the content root"
        rel = os.path.relpath(real, self.resolved_root).replace(os.sep, "/")
        if rel != target and (problem := self._name_problem(rel)) is not None:
            return f"it is a symbolic link to {rel}, and {problem}"
        return real, rel

    def refusal(self, target: str) -> str | None:
        """Why the root-relative file ``target`` is not published, or None when it is."""
        try:
            mode = os.stat(os.path.join(self.root, target)).st_mode
        except OSError:
            return "it cannot be read"
        if stat.S_ISDIR(mode):
            return "it is a folder, not a file"
        resolved = self._resolve(target)
        if isinstance(resolved, str):
            return resolved
        if not stat.S_ISREG(mode):
            return "it is not a regular file (a named pipe, device or socket)"
        return None

    def copy(self, target: str, dest: Path) -> bool:
        """Copy ``target`` to ``dest`` when the rule allows it; False (nothing written) when not.

        The file is checked before it is opened (a named pipe is never opened) and again once open
        (without following a link and without blocking), so a file swapped meanwhile is not copied.
        """
        if self.refusal(target) is not None:
            return False
        resolved = self._resolve(target)
        if isinstance(resolved, str):  # pragma: no cover - changed between the two looks
            return False
        return copy_regular(resolved[0], dest)


def copy_theme_files(source: Path, dest: Path, allowed: str) -> None:
    """Copy the usable files of the theme folder ``source`` (see :mod:`generator.content.theme_files`)
    into ``dest``: symbolic links only while they stay inside ``allowed``, nothing hidden, and
    named pipes, devices and sockets never opened."""
    for rel, real in theme_files(source, allowed):
        copy_regular(real, dest / rel)
