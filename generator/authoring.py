"""Writing routines: ``routines new`` (a routine from the template) and ``routines renew``.

``new`` writes a fresh routine file that passes ``check`` at once. ``renew`` starts a new
validity period by editing the front matter as text: only the values of ``version``,
``valid_from``, ``valid_to`` and ``revision_note`` change (or a ``revision_note`` line is
added after ``valid_to``); every other byte of the file (comments, key order, quoting, line
endings, a BOM, the body) stays as it was. Positions come from PyYAML's pure-Python parser,
which reports character offsets into the text as written; each edit is cross-checked against
the line map of the project's own YAML reader, and the result is read back and compared with
what was intended before anything is written. Files are written atomically (a temporary file
in the same directory, then a rename).
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import os
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator import frontmatter
from generator.checks import add_years
from generator.clock import today_in
from generator.discover import ROUTINES_DIR
from generator.errors import GeneratorError
from generator.model import Person
from generator.project import Project, load_project
from generator.routine_file import analyse
from generator.textfile import MAX_ROUTINE_BYTES, TextProblem, decode, read_bytes
from generator.yamlsafe import load_yaml, resolve_plain

BOM = b"\xef\xbb\xbf"

SECTIONS: tuple[tuple[str, str], ...] = (
    ("Syfte", "Beskriv varför rutinen finns och vad den ska uppnå."),
    ("Arbetsbeskrivning", "Beskriv steg för steg hur arbetet går till: vem gör vad, när och hur."),
    ("Roller", "Beskriv vilka roller som berörs av rutinen och vad varje roll gör."),
    ("Ansvar", "Beskriv vem som ansvarar för att rutinen följs, hålls aktuell och når alla berörda."),
    ("Uppföljning, utvärdering och revision",
     "Beskriv hur och när rutinen följs upp och utvärderas, och vem som reviderar den."),
)
"""The standard sections of a new routine, each with one line of guidance."""

NEW_REVISION_NOTE = "Ny rutin."
"""The ``revision_note`` of a routine written by ``new``."""

_ROUTINE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_PERSON_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_TYPE = re.compile(r"^[a-zåäö][a-zåäö-]*$")
_VERSION = re.compile(r"^[0-9]+(\.[0-9]+)*$")
_PERSON = re.compile(r"^(?P<name>[^()]*?)\s*,?\s*\((?P<id>[^()]*)\)\s*(?:,\s*(?P<title>.*?))?\s*$")
_BREAKS = frozenset("\n\r\x85\u2028\u2029")
_PLAIN_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW = frozenset(",[]{}")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_BLOCK_HEADER = re.compile(r"^[|>][0-9+-]*(?P<comment>[ \t]+#[^\r\n]*)?[ \t]*$")


# ---------------------------------------------------------------------------------------------
# YAML scalars


def plain_ok(text: str, *, flow: bool = False, strict: bool = True) -> bool:
    """True when ``text`` can be written as a plain (unquoted) YAML scalar and read back as itself.

    ``strict`` also requires YAML 1.1 readers (PyYAML's default) to read it as the same text,
    so ``yes`` or ``2026-01-01`` are quoted; the project's own reader (YAML 1.2 core schema)
    needs only the weaker test, which dates written plain rely on.
    """
    if not text or text != text.strip() or text[0] in _PLAIN_FIRST:
        return False
    if any(ch in _BREAKS or ch == "\t" or not ch.isprintable() for ch in text):
        return False
    if ": " in text or " #" in text or text.endswith(":") or (flow and any(ch in _FLOW for ch in text)):
        return False
    if resolve_plain(text) != text or not isinstance(resolve_plain(text), str):
        return False
    if strict:
        try:
            return bool(yaml.safe_load(text) == text)
        except yaml.YAMLError:
            return False
    return True


def double_quoted(text: str) -> str:
    """``text`` as a one-line YAML double-quoted scalar."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ch in _BREAKS or ch == "\ufeff" or not ch.isprintable():
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def scalar(text: str, *, flow: bool = False) -> str:
    """``text`` as a one-line YAML scalar: plain when that is safe, else double-quoted."""
    return text if plain_ok(text, flow=flow) else double_quoted(text)


def _styled(text: str, style: str | None, *, strict: bool) -> str:
    """``text`` in the quoting style of the value it replaces, when that style can hold it."""
    if style == '"':
        return double_quoted(text)
    if style == "'":
        if all(ch not in _BREAKS and ch.isprintable() for ch in text):
            return "'" + text.replace("'", "''") + "'"
        return double_quoted(text)
    return text if plain_ok(text, strict=strict) else double_quoted(text)


# ---------------------------------------------------------------------------------------------
# People, ids, slugs


def parse_person(value: str, option: str) -> Person:
    """A person from ``"Namn, (id), Titel"`` (the seeds' form); the title may be left out."""
    match = _PERSON.match(value.strip())
    example = "'Anna Andersson, (anna01), Enhetschef'"
    if match is None:
        raise GeneratorError(f"{option} '{value}' is not 'Namn, (id), Titel'; for example {example}")
    name, pid, title = match["name"].strip(), match["id"].strip(), (match["title"] or "").strip()
    if not name:
        raise GeneratorError(f"{option} '{value}' has no name before the id; for example {example}")
    if not _PERSON_ID.match(pid) or len(pid) > 50:
        raise GeneratorError(f"{option} '{value}': the id '{pid}' must be letters, digits, '.', '_' or '-' "
                             f"(at most 50); for example {example}")
    if len(name) > 200 or len(title) > 200:
        raise GeneratorError(f"{option} '{value}': the name and the title may be at most 200 characters")
    return Person(name, pid, title)


def _person_yaml(person: Person) -> str:
    parts = [f"id: {scalar(person.id or '', flow=True)}", f"name: {scalar(person.name, flow=True)}"]
    if person.title:
        parts.append(f"title: {scalar(person.title, flow=True)}")
    return "{" + ", ".join(parts) + "}"


def slug(title: str) -> str:
    """A file name stem from a title: ``1177 Vårdguidens e-tjänster`` -> ``1177-vardguidens-e-tjanster``."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return stem[:80].rstrip("-") or "rutin"


def _known_ids(project: Project) -> set[str]:
    """Every id in the root, including those of routines with schema errors."""
    ids = {r.id for r in project.routines if r.id}
    for file in project.files:
        if file.data is not None and isinstance(file.data.get("id"), str):
            ids.add(file.data["id"])
    return ids


def fresh_id(project: Project, unit: str, year: int) -> str:
    """``RUT-<unit>-<year>-<nnn>``: one more than the highest number in use for the unit and year."""
    prefix = f"RUT-{unit}-{year}-"
    numbers = [int(i[len(prefix):]) for i in _known_ids(project)
               if i.startswith(prefix) and i[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def _check_person_name(project: Project, person: Person, option: str) -> None:
    """The same person id must carry the same name everywhere (``check``'s ``person-name``)."""
    for routine in project.routines:
        people = [routine.owner, routine.approver, *routine.reviewers, *routine.content_reviewers]
        for known in people:
            if known is not None and known.id == person.id and known.name != person.name:
                raise GeneratorError(f"{option}: the person id '{person.id}' is '{known.name}' in "
                                     f"{routine.file}, not '{person.name}'; use one spelling")


# ---------------------------------------------------------------------------------------------
# Writing files


def write_atomically(path: Path, data: bytes, *, replace: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory and a rename.

    With ``replace=False`` an existing file is never overwritten (:class:`FileExistsError`).
    """
    directory = path.parent
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            try:
                os.chmod(temp, os.stat(path).st_mode & 0o7777)
            except FileNotFoundError:
                os.chmod(temp, 0o666 & ~_umask())
            os.replace(temp, path)
        else:
            os.chmod(temp, 0o666 & ~_umask())
            try:
                os.link(temp, path)  # fails if the file exists: never overwrites
            except FileExistsError:
                raise
            except OSError:  # no hard links on this file system
                if path.exists():
                    raise FileExistsError(str(path)) from None
                os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# ---------------------------------------------------------------------------------------------
# routines new


@dataclass
class NewRoutine:
    """What ``new`` wrote (or, on a dry run, would write)."""

    path: Path
    file: str
    """Path relative to the content root."""
    id: str
    title: str
    valid_from: dt.date
    valid_to: dt.date
    text: str
    written: bool


def longest_valid_to(valid_from: dt.date, years: int) -> dt.date:
    """The last day a validity period from ``valid_from`` may have: one day short of ``years`` years."""
    return add_years(valid_from, years) - dt.timedelta(days=1)


def routine_text(*, routine_id: str, title: str, doc_type: str, unit: str, owner: Person,
                 approver: Person, valid_from: dt.date, valid_to: dt.date) -> str:
    """The text of a new routine: front matter and the standard sections."""
    lines = [
        "---",
        f"id: {routine_id}",
        f"title: {scalar(title)}",
        f"type: {doc_type}",
        'version: "1.0"',
        "status: published",
        f"applies_to: [{unit}]",
        f"owner: {_person_yaml(owner)}",
        f"approver: {_person_yaml(approver)}",
        f"valid_from: {valid_from.isoformat()}",
        f"valid_to: {valid_to.isoformat()}",
        f"revision_note: {scalar(NEW_REVISION_NOTE)}",
        "---",
    ]
    for heading, guidance in SECTIONS:
        lines += ["", f"## {heading}", "", guidance]
    return "\n".join(lines) + "\n"


def new_routine(root: Path, *, title: str, unit: str, owner: str | Person, approver: str | Person,
                doc_type: str = "rutin", routine_id: str | None = None, today: dt.date | None = None,
                force: bool = False, dry_run: bool = False, cache_dir: Path | None = None,
                project: Project | None = None) -> NewRoutine:
    """Write a new routine under ``routines/<unit id>/<slug of title>.md``.

    Valid from ``today`` for the longest period its type allows; raises
    :class:`GeneratorError` for anything that would not pass ``check``, and when the file
    exists (unless ``force``).
    """
    title = " ".join(title.split())
    if not title:
        raise GeneratorError("--title is empty; give the routine's title")
    if len(title) > 300:
        raise GeneratorError(f"--title is {len(title)} characters long; at most 300 are allowed")
    if not _TYPE.match(doc_type) or len(doc_type) > 50:
        raise GeneratorError(f"--type '{doc_type}' must be a lower-case word such as rutin, riktlinje, "
                             "instruktion or policy")
    owner_p = owner if isinstance(owner, Person) else parse_person(owner, "--owner")
    approver_p = approver if isinstance(approver, Person) else parse_person(approver, "--approver")
    if (owner_p.id or "").casefold() == (approver_p.id or "").casefold() \
            or owner_p.name.casefold() == approver_p.name.casefold():
        raise GeneratorError("the owner and the approver are the same person; a routine must be approved "
                             "by someone other than its owner")
    project = project or load_project(root, cache_dir=cache_dir)
    unit_id = project.organisation.resolve(unit)
    if unit_id is None:
        raise GeneratorError(f"unknown unit '{unit}'; give an id, name or alias from "
                             "routines/organisation.yaml")
    _check_person_name(project, owner_p, "--owner")
    _check_person_name(project, approver_p, "--approver")
    day = today or today_in(project.config.timezone)
    valid_to = longest_valid_to(day, project.config.max_validity_years(doc_type))
    if valid_to <= day:
        raise GeneratorError(f"the longest validity for type '{doc_type}' in routines.toml is too short to "
                             "start a routine")
    file = f"{ROUTINES_DIR}/{unit_id}/{slug(title)}.md"
    path = root / file
    existing = {r.file: r for r in project.routines}
    if routine_id is None:
        routine_id = fresh_id(project, unit_id, day.year)
    else:
        if not _ROUTINE_ID.match(routine_id) or len(routine_id) > 100:
            raise GeneratorError(f"--id '{routine_id}' must be letters, digits, '.', '_' or '-' (at most 100)")
        replaced = existing.get(file) if force else None
        if routine_id in _known_ids(project) and (replaced is None or replaced.id != routine_id):
            raise GeneratorError(f"--id '{routine_id}' is already used by another routine; every routine "
                                 "needs its own Dokument-ID (leave --id out for a fresh one)")
    if (path.exists() or path.is_symlink()) and not force:
        raise GeneratorError(f"{file} already exists; give another --title, or pass --force to "
                             "overwrite it")
    text = routine_text(routine_id=routine_id, title=title, doc_type=doc_type, unit=unit_id,
                        owner=owner_p, approver=approver_p, valid_from=day, valid_to=valid_to)
    problems = [d for d in analyse(file, text).diagnostics if d.severity == "error"]
    if problems:  # a bug here, not the user's mistake: say what, write nothing
        raise GeneratorError(f"the new routine would not pass check: {problems[0].message}")
    result = NewRoutine(path, file, routine_id, title, day, valid_to, text, written=False)
    if dry_run:
        return result
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomically(path, text.encode("utf-8"), replace=force)
    except FileExistsError:
        raise GeneratorError(f"{file} already exists; give another --title, or pass --force to "
                             "overwrite it") from None
    except OSError as error:
        raise GeneratorError(f"cannot write {file}: {error.strerror or error}") from None
    result.written = True
    return result


# ---------------------------------------------------------------------------------------------
# routines renew


def version_key(version: str) -> tuple[int, ...]:
    """A version as numbers, trailing zeros dropped: ``"6.0"`` and ``"6"`` compare equal."""
    parts = [int(p) for p in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def next_major(version: str) -> str:
    """The next major version, of the same shape: ``"6.0"`` -> ``"7.0"``, ``"2"`` -> ``"3"``."""
    parts = version.split(".")
    return ".".join([str(int(parts[0]) + 1), *("0" for _ in parts[1:])])


@dataclass
class _Edit:
    start: int
    end: int
    text: str


@dataclass
class Renewal:
    """A planned renewal of one routine: checked values, and the file as it was read."""

    root: Path
    path: Path
    file: str
    id: str
    old_version: str
    version: str
    old_valid_from: dt.date
    valid_from: dt.date
    old_valid_to: dt.date
    valid_to: dt.date
    original: bytes
    data: dict[str, Any] = field(repr=False)
    updated: bytes | None = None
    note: str | None = None
    written: bool = False

    def compose(self, note: str) -> bytes:
        """The file with the new version, dates and revision note; every other byte kept."""
        note = note.strip()
        if not note:
            raise GeneratorError("the revision note is empty; say what changed in this version (--note)")
        if len(note) > 10000:
            raise GeneratorError("the revision note is longer than 10,000 characters")
        self.note = note
        self.updated = _edit_front_matter(self, note)
        return self.updated

    def diff(self) -> str:
        """A unified diff of the file, before and after."""
        assert self.updated is not None
        before = _text_of(self.original).splitlines(keepends=True)
        after = _text_of(self.updated).splitlines(keepends=True)
        return "".join(difflib.unified_diff(before, after, f"a/{self.file}", f"b/{self.file}"))

    def write(self) -> None:
        """Replace the file, unless it changed on disk since it was read."""
        assert self.updated is not None
        now = read_bytes(self.path, MAX_ROUTINE_BYTES)
        if now != self.original:
            raise GeneratorError(f"{self.file} changed on disk while the renewal was prepared; nothing was "
                                 "written, run renew again")
        try:
            write_atomically(self.path, self.updated)
        except OSError as error:
            raise GeneratorError(f"cannot write {self.file}: {error.strerror or error}") from None
        self.written = True


def _text_of(data: bytes) -> str:
    text = decode(data)
    return text if isinstance(text, str) else data.decode("utf-8", "replace")


def _date_option(value: object, what: str) -> dt.date:
    if not isinstance(value, str):
        raise GeneratorError(f"{what} is missing or not a date")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise GeneratorError(f"{what} '{value}' is not a date as YYYY-MM-DD") from None


def prepare_renewal(root: Path, routine_id: str, *, today: dt.date | None = None, version: str | None = None,
                    valid_from: dt.date | None = None, valid_to: dt.date | None = None,
                    cache_dir: Path | None = None, project: Project | None = None) -> Renewal:
    """Find the routine, read its file and check the new version and dates; writes nothing."""
    project = project or load_project(root, cache_dir=cache_dir)
    matches = [r for r in project.routines if r.id == routine_id]
    if not matches:
        known = [f.file for f in project.files if f.data is not None and f.data.get("id") == routine_id]
        if known:
            raise GeneratorError(f"routine '{routine_id}' ({known[0]}) has errors in its front matter; "
                                 "fix what check reports first")
        raise GeneratorError(f"no routine has the id '{routine_id}'; give the id from its front matter "
                             "(routines check lists every file)")
    if len(matches) > 1:
        raise GeneratorError(f"the id '{routine_id}' is used by {', '.join(r.file for r in matches)}; "
                             "make the ids unique first")
    routine = matches[0]
    path = root / routine.file
    original = read_bytes(path, MAX_ROUTINE_BYTES)
    if isinstance(original, TextProblem):
        raise GeneratorError(f"{routine.file}: {original.message}")
    text = decode(original)
    if isinstance(text, TextProblem):
        raise GeneratorError(f"{routine.file}:{text.line}: {text.message}")
    parts = frontmatter.split(text)
    if isinstance(parts, TextProblem):
        raise GeneratorError(f"{routine.file}:{parts.line}: {parts.message}")
    document = load_yaml(parts.front_matter, first_line=parts.front_matter_line)
    if not document.ok or not isinstance(document.data, dict) or document.problems:
        raise GeneratorError(f"{routine.file}: the front matter cannot be read safely; fix what check "
                             "reports first")
    data = document.data
    if data.get("id") != routine_id:
        raise GeneratorError(f"{routine.file} changed on disk while it was read; run renew again")
    old_version = data.get("version")
    if not isinstance(old_version, str) or not _VERSION.match(old_version):
        raise GeneratorError(f"{routine.file}: the version must be a quoted number such as \"6.0\" before "
                             "the routine can be renewed")
    old_from = _date_option(data.get("valid_from"), f"{routine.file}: valid_from")
    old_to_raw = data.get("valid_to")
    old_to = _date_option(old_to_raw, f"{routine.file}: valid_to")
    new_version = version if version is not None else next_major(old_version)
    if not _VERSION.match(new_version) or len(new_version) > 20:
        raise GeneratorError(f"--version '{new_version}' must be numbers with dots, such as 7.0")
    if version_key(new_version) <= version_key(old_version):
        raise GeneratorError(f"--version {new_version} is not higher than the current version {old_version}; "
                             "a renewal needs a new version")
    day = today or today_in(project.config.timezone)
    new_from = valid_from or day
    if new_from < old_from:
        raise GeneratorError(f"valid_from {new_from} is before the current valid_from {old_from}; a new "
                             "validity period cannot start before the one it replaces (give a --valid-from "
                             "on or after it)")
    doc_type = data.get("type") if isinstance(data.get("type"), str) else routine.type
    years = project.config.max_validity_years(doc_type)
    latest = add_years(new_from, years)
    new_to = valid_to or longest_valid_to(new_from, years)
    if new_to <= new_from:
        raise GeneratorError(f"valid_to {new_to} is not after valid_from {new_from}")
    if new_to > latest:
        raise GeneratorError(f"valid_to {new_to} is more than {years} years after valid_from {new_from}; the "
                             f"longest validity for type '{doc_type}' ends {latest}")
    if new_to < day:
        raise GeneratorError(f"valid_to {new_to} is before today ({day}): the routine would be expired at once")
    return Renewal(root, path, routine.file, routine_id, old_version, new_version, old_from, new_from,
                   old_to, new_to, original, data)


def renew_routine(root: Path, routine_id: str, *, note: str, today: dt.date | None = None,
                  version: str | None = None, valid_from: dt.date | None = None,
                  valid_to: dt.date | None = None, dry_run: bool = False,
                  cache_dir: Path | None = None, project: Project | None = None) -> Renewal:
    """Start a new validity period for a routine (see :func:`prepare_renewal`); ``dry_run`` writes nothing."""
    renewal = prepare_renewal(root, routine_id, today=today, version=version, valid_from=valid_from,
                              valid_to=valid_to, cache_dir=cache_dir, project=project)
    renewal.compose(note)
    if not dry_run:
        renewal.write()
    return renewal


# -- the text edit ----------------------------------------------------------------------------


def _unsafe(file: str, key: str, why: str) -> GeneratorError:
    return GeneratorError(f"{file}: cannot edit '{key}' safely ({why}); edit the file by hand")


def _top_level(fm: str, file: str) -> dict[str, tuple[Any, Any]]:
    """Top-level key -> (key event, value event) of a block mapping, from PyYAML's pure-Python parser."""
    try:
        events: list[Any] = list(yaml.parse(fm, Loader=yaml.SafeLoader))
    except yaml.YAMLError as error:
        raise GeneratorError(f"{file}: the front matter cannot be read ({error})") from None
    index = 0
    while index < len(events) and not isinstance(events[index], yaml.MappingStartEvent):
        index += 1
    if index == len(events) or events[index].flow_style:
        raise GeneratorError(f"{file}: the front matter is not written as 'key: value' lines; edit it by hand")
    index += 1
    found: dict[str, tuple[Any, Any]] = {}
    seen: set[str] = set()
    while not isinstance(events[index], yaml.MappingEndEvent):
        key, value = events[index], events[index + 1]
        index += 2
        if isinstance(value, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth = 1
            while depth:
                if isinstance(events[index], yaml.MappingStartEvent | yaml.SequenceStartEvent):
                    depth += 1
                elif isinstance(events[index], yaml.MappingEndEvent | yaml.SequenceEndEvent):
                    depth -= 1
                index += 1
        if isinstance(key, yaml.ScalarEvent):
            if key.value in seen:
                raise GeneratorError(f"{file}: the key '{key.value}' is given twice; fix what check reports first")
            seen.add(key.value)
            found[key.value] = (key, value)
    return found


def _line_end(text: str, index: int) -> int:
    """The index of the line break that ends the line holding ``index`` (or the end of the text)."""
    ends = [i for i in (text.find("\r", index), text.find("\n", index)) if i >= 0]
    return min(ends) if ends else len(text)


def _value_span(fm: str, file: str, key: str, pair: tuple[Any, Any], lines: Mapping[str, int],
                first_line: int, *, multiline: bool) -> tuple[int, int, str, str | None]:
    """Where the value of a top-level key stands: (start, end, what to write before the new value,
    style); for a block scalar ``end`` is the end of its last line of text, and the block
    header's comment is kept after the new value by the caller."""
    key_event, value = pair[0], pair[1]
    key_at = key_event.start_mark.index
    start_of_line = max(fm.rfind("\n", 0, key_at), fm.rfind("\r", 0, key_at)) + 1
    if fm[start_of_line:key_at].strip(" "):
        raise _unsafe(file, key, "the key does not start its line")
    if lines.get(f"/{key}") != key_event.start_mark.line + first_line:
        raise _unsafe(file, key, "unusual line breaks in the front matter")
    if not isinstance(pair[1], yaml.ScalarEvent):
        raise _unsafe(file, key, "its value is not a single value")
    if value.anchor is not None or value.tag is not None:
        raise _unsafe(file, key, "its value has an anchor or a tag")
    start, end, style = value.start_mark.index, value.end_mark.index, value.style
    if style in ("|", ">"):
        if not multiline:
            raise _unsafe(file, key, "it is written as a block of lines")
        if value.start_mark.line != key_event.start_mark.line:
            raise _unsafe(file, key, "its block header is not on the key's line")
        if _BLOCK_HEADER.match(fm[start:_line_end(fm, start)]) is None:
            raise _unsafe(file, key, "its block header is unusual")
        content_end = start + len(fm[start:end].rstrip(" \t\r\n"))
        return start, _line_end(fm, content_end), "", style
    if value.end_mark.line != value.start_mark.line and not multiline:
        raise _unsafe(file, key, "its value spans lines")
    if value.start_mark.line != key_event.start_mark.line:
        if not multiline:
            raise _unsafe(file, key, "its value is not on the key's line")
        key_line_end = _line_end(fm, key_event.end_mark.index)
        colon = fm.find(":", key_event.end_mark.index, key_line_end)
        if colon < 0 or fm[colon + 1:key_line_end].strip(" \t"):
            raise _unsafe(file, key, "a comment or text stands between the key and its value")
        return colon + 1, end, " ", None
    return start, end, "", style


def _edit_front_matter(renewal: Renewal, note: str) -> bytes:
    file, original = renewal.file, renewal.original
    bom = original.startswith(BOM)
    try:
        text = original[len(BOM) if bom else 0:].decode("utf-8")
    except UnicodeDecodeError:
        raise GeneratorError(f"{file} is not UTF-8") from None
    raw_lines: list[str] = _LINE.findall(text)
    if "".join(raw_lines) != text or not raw_lines or raw_lines[0].rstrip() != frontmatter.FENCE:
        raise GeneratorError(f"{file}: no front matter to edit")
    close = next((i for i in range(1, len(raw_lines)) if raw_lines[i].rstrip() in (frontmatter.FENCE, "...")),
                 None)
    if close is None:
        raise GeneratorError(f"{file}: the front matter is never closed")
    head, fm, tail = raw_lines[0], "".join(raw_lines[1:close]), "".join(raw_lines[close:])
    normalised = decode(original)
    assert isinstance(normalised, str)
    parts = frontmatter.split(normalised)
    assert not isinstance(parts, TextProblem)
    lines = load_yaml(parts.front_matter, first_line=parts.front_matter_line).lines
    pairs = _top_level(fm, file)
    for key in ("version", "valid_from", "valid_to"):
        if key not in pairs:
            raise GeneratorError(f"{file}: the front matter has no '{key}'")
    edits: list[_Edit] = []
    values = {"version": renewal.version, "valid_from": renewal.valid_from.isoformat(),
              "valid_to": renewal.valid_to.isoformat()}
    for key, new in values.items():
        start, end, _, style = _value_span(fm, file, key, pairs[key], lines, parts.front_matter_line,
                                           multiline=False)
        edits.append(_Edit(start, end, _styled(new, style, strict=False)))
    if "revision_note" in pairs:
        if not isinstance(renewal.data.get("revision_note"), str):
            raise _unsafe(file, "revision_note", "its value is not text")
        start, end, prefix, style = _value_span(fm, file, "revision_note", pairs["revision_note"], lines,
                                                parts.front_matter_line, multiline=True)
        value = pairs["revision_note"][1]
        comment = ""
        if style in ("|", ">"):  # a block: one line in its place, the header's comment kept
            header = _BLOCK_HEADER.match(fm[start:_line_end(fm, start)])
            comment = (header["comment"] or "") if header else ""
        keep = style if value.start_mark.line == value.end_mark.line and style in (None, '"', "'") else None
        edits.append(_Edit(start, end, prefix + _styled(note, keep, strict=True) + comment))
    else:
        key_event = pairs["valid_to"][0]
        _, to_end, _, _ = _value_span(fm, file, "valid_to", pairs["valid_to"], lines, parts.front_matter_line,
                                      multiline=False)
        eol = _line_end(fm, to_end)
        if eol == len(fm):
            raise _unsafe(file, "revision_note", "valid_to is the last line of the front matter without a line end")
        newline = "\r\n" if fm.startswith("\r\n", eol) else fm[eol]
        after = eol + len(newline)
        indent = " " * key_event.start_mark.column
        edits.append(_Edit(after, after, f"{indent}revision_note: {scalar(note)}{newline}"))
    edits.sort(key=lambda e: e.start)
    for earlier, later in itertools.pairwise(edits):
        if earlier.end > later.start:
            raise GeneratorError(f"{file}: the edited values overlap; edit the file by hand")
    new_fm = fm
    for edit in reversed(edits):
        new_fm = new_fm[:edit.start] + edit.text + new_fm[edit.end:]
    result = (BOM if bom else b"") + (head + new_fm + tail).encode("utf-8")
    _verify(renewal, result, note)
    return result


def _verify(renewal: Renewal, result: bytes, note: str) -> None:
    """Read the edited file back: only the intended values may have changed, and nothing newly wrong."""
    file = renewal.file
    text = decode(result)
    before = decode(renewal.original)
    assert isinstance(before, str)
    parts_before = frontmatter.split(before)
    parts_after = frontmatter.split(text) if isinstance(text, str) else text
    if isinstance(parts_after, TextProblem) or isinstance(parts_before, TextProblem):
        raise GeneratorError(f"{file}: the edit would break the front matter; nothing was written")
    document = load_yaml(parts_after.front_matter, first_line=parts_after.front_matter_line)
    expected = dict(renewal.data)
    expected.update(version=renewal.version, valid_from=renewal.valid_from.isoformat(),
                    valid_to=renewal.valid_to.isoformat(), revision_note=note)
    if (not document.ok or document.problems or document.data != expected
            or parts_after.body != parts_before.body):
        raise GeneratorError(f"{file}: the edit would change more than the version, dates and revision note; "
                             "nothing was written, edit the file by hand")
    assert isinstance(text, str)

    def errors(source: str) -> Counter[str]:
        return Counter(d.code for d in analyse(file, source).diagnostics if d.severity == "error")

    new_errors = errors(text) - errors(before)  # by code: messages may name lines the edit moved
    if new_errors:
        code = min(new_errors)
        raise GeneratorError(f"{file}: after the edit check would report {code}; nothing was written")
