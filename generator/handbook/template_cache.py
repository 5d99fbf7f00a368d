"""Compiled templates kept between builds (issue 19): Jinja's bytecode cache, in the cache
directory beside the other stages, each file signed with the cache's key.

A compiled template is code that is run, so a file is used only when its digest is ours and
right (:func:`~generator.content.cache.signed_body`): a file put there by anyone else, or damaged,
is compiled afresh. Jinja itself drops one compiled from another source or by another version of
Jinja or Python. A cache directory inside the content root is refused, as for every stage.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache

from generator.content.cache import (
    cache_secret,
    program_digest,
    refusal,
    signed_body,
    stage_dir,
    write_signed,
)


class TemplateCache(BytecodeCache):
    """Compiled templates in ``folder``, signed with ``secret``, each under the name of its
    template and of the program that compiled it (the code it is compiled to is the program's:
    :mod:`.theme_compiler`); the first template kept removes those of other versions."""

    def __init__(self, folder: Path, secret: bytes) -> None:
        self.folder = folder
        self.secret = secret
        self.version = program_digest()[:16]
        self.tidied = False

    def _path(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}-{self.version}.code"

    def load_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError, ValueError):
            bucket.bytecode_from_string(signed_body(self._path(bucket), self.secret))

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # a template that cannot be kept is only compiled again
            self.folder.mkdir(parents=True, exist_ok=True)
            if not self.tidied:
                self.tidied = True
                for path in self.folder.glob("*.code"):
                    if not path.name.endswith(f"-{self.version}.code"):
                        path.unlink(missing_ok=True)
            write_signed(self._path(bucket), bucket.bytecode_to_string(), self.secret)

    def clear(self) -> None:
        for path in self.folder.glob("*.code"):
            path.unlink(missing_ok=True)


def template_cache(directory: Path | None, root: Path) -> TemplateCache | None:
    """The compiled templates of ``root`` in the cache ``directory``; None without one, or where
    the cache may not be (:func:`~generator.content.cache.refusal`), or without its key."""
    if directory is None or refusal(directory, root) is not None:
        return None
    secret = cache_secret(directory, create=True)
    return TemplateCache(stage_dir(directory, root, "templates"), secret) if secret is not None else None
