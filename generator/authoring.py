"""Writing routines: ``routines new`` (a routine from the template) and ``routines renew``.

``new`` writes a fresh routine file that passes ``check`` at once (:mod:`generator.new_routine`).
``renew`` starts a new validity period (:mod:`generator.renew_routine`) by editing the front
matter as text (:mod:`generator.front_matter_edit`): only the version, the dates and the
revision note change, every other byte of the file stays as it was. Both write files
atomically (:mod:`generator.atomic_write`); people given as options are read by
:mod:`generator.person_option` and values are quoted by :mod:`generator.yaml_scalars`.

This module gathers their public names in one place for the command line and the tests.
"""

from __future__ import annotations

from generator.atomic_write import write_atomically
from generator.front_matter_edit import BOM
from generator.new_routine import (
    NEW_REVISION_NOTE,
    SECTIONS,
    NewRoutine,
    fresh_id,
    longest_valid_to,
    new_routine,
    routine_text,
    slug,
)
from generator.person_option import parse_person
from generator.renew_routine import Renewal, next_major, prepare_renewal, renew_routine, version_key
from generator.yaml_scalars import double_quoted, plain_ok, scalar

__all__ = [
    "BOM",
    "NEW_REVISION_NOTE",
    "SECTIONS",
    "NewRoutine",
    "Renewal",
    "double_quoted",
    "fresh_id",
    "longest_valid_to",
    "new_routine",
    "next_major",
    "parse_person",
    "plain_ok",
    "prepare_renewal",
    "renew_routine",
    "routine_text",
    "scalar",
    "slug",
    "version_key",
    "write_atomically",
]
