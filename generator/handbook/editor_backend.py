"""Decap CMS's local backend, answered by ``routines serve --edit`` itself (no decap-server).

The editor in ``admin/`` posts ``{"action", "params"}`` to ``/api/v1``, as it does to
decap-server's file-system proxy: list the routines of a folder, read one, save one (with its
images), list, read, save and delete media files. Only routine files (``.md``) under
``routines/`` and files in the media folder are read or written, never a path out of the
content root or through a symbolic link out of it; saves go through
:func:`generator.authoring.editor_save.saved_routine`, so that an edit changes only what the
form changed, and are written atomically. Sizes are bounded.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
from pathlib import Path, PurePosixPath
from typing import Any

from generator.authoring.editor_save import saved_routine
from generator.content.atomic_write import write_atomically
from generator.content.textfile import MAX_ROUTINE_BYTES
from generator.core.errors import GeneratorError

ROUTINES = "routines"
MEDIA = "routines/media"
"""The media folder of ``admin/config.yml`` (``media_folder``)."""
MAX_MEDIA_BYTES = 10 * 1024 * 1024
MAX_REQUEST_BYTES = 16 * 1024 * 1024
MAX_ENTRIES = 100_000
MEDIA_KINDS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf")


class Refused(Exception):
    """A request the backend does not do: the status and a short reason for the editor."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


class EditorBackend:
    """The file-system proxy of one content root."""

    def __init__(self, root: Path, language: str = "sv") -> None:
        self.root = root.resolve()
        self.language = language
        self.moved: dict[str, str] = {}
        """Decap's path of a routine made in this session → the path it was saved at."""

    def handle(self, body: bytes) -> tuple[int, Any]:
        """(HTTP status, JSON answer) for one request body."""
        if len(body) > MAX_REQUEST_BYTES:
            return 413, {"error": "request too large"}
        try:
            request = json.loads(body)
            if not isinstance(request, dict) or not isinstance(request.get("action"), str):
                raise Refused(422, "no action")
            params = request.get("params") or {}
            if not isinstance(params, dict):
                raise Refused(422, "params must be an object")
            handler = getattr(self, "do_" + request["action"], None)
            if handler is None:
                raise Refused(422, f"Unknown action {request['action']}")
            return 200, handler(params)
        except (ValueError, UnicodeDecodeError):
            return 422, {"error": "not JSON"}
        except Refused as refused:
            return refused.status, {"error": refused.reason}
        except GeneratorError as error:
            from generator.core.messages import messages

            return 422, {"error": messages(self.language).text(error.message)}

    # -- paths ----------------------------------------------------------------------------------

    def _path(self, value: Any, under: str, kinds: tuple[str, ...]) -> tuple[str, Path]:
        """A repository path the editor named, as (posix path, file), when it lies under ``under``,
        has one of the ``kinds`` and stays inside the root; else :class:`Refused`."""
        if not isinstance(value, str) or not value or "\\" in value or "\0" in value:
            raise Refused(422, "bad path")
        pure = PurePosixPath(value)
        if pure.is_absolute() or ".." in pure.parts or any(p.startswith(".") for p in pure.parts):
            raise Refused(403, "path outside the routines")
        if pure.parts[: len(PurePosixPath(under).parts)] != PurePosixPath(under).parts:
            raise Refused(403, "path outside the routines")
        if kinds and pure.suffix.lower() not in kinds:
            raise Refused(403, "not a file the editor may touch")
        target = self.root.joinpath(*pure.parts)
        real = Path(os.path.realpath(target))
        if not real.is_relative_to(self.root):
            raise Refused(403, "path outside the root")
        return str(pure), target

    def _folder(self, value: Any) -> Path:
        if value in (ROUTINES, MEDIA):
            folder = self.root / str(value)
            if not Path(os.path.realpath(folder)).is_relative_to(self.root):
                raise Refused(403, "path outside the root")
            return folder
        raise Refused(403, "not a folder of the editor")

    def _entry(self, path: Any) -> dict[str, Any]:
        name, file = self._path(self.moved.get(path, path) if isinstance(path, str) else path, ROUTINES, (".md",))
        try:
            data = _read(file, MAX_ROUTINE_BYTES)
        except FileNotFoundError:
            return {"data": None, "file": {"path": name, "id": None}}
        return {"data": data.decode("utf-8-sig", errors="replace"),
                "file": {"path": name, "id": hashlib.sha256(data).hexdigest()}}

    # -- actions --------------------------------------------------------------------------------

    def do_info(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def do_entriesByFolder(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        folder = self._folder(params.get("folder"))
        depth = params.get("depth", 1)
        depth = depth if isinstance(depth, int) and 0 < depth <= 20 else 1
        found = []
        for file in sorted(_files(folder, depth)):
            if file.suffix == ".md" and file.name != "README.md":
                found.append(self._entry(file.relative_to(self.root).as_posix()))
                if len(found) >= MAX_ENTRIES:
                    break
        return found

    def do_entriesByFiles(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        files = params.get("files")
        if not isinstance(files, list):
            raise Refused(422, "files must be a list")
        return [self._entry(f.get("path") if isinstance(f, dict) else None) for f in files[:MAX_ENTRIES]]

    def do_getEntry(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._entry(params.get("path"))

    def do_persistEntry(self, params: dict[str, Any]) -> dict[str, str]:
        entry = params.get("entry")
        files = params.get("dataFiles") or ([entry] if isinstance(entry, dict) else [])
        assets = params.get("assets") or []
        if not isinstance(files, list) or not isinstance(assets, list) or not files:
            raise Refused(422, "nothing to save")
        planned: list[tuple[Path, bytes]] = []
        for data_file in files:
            if not isinstance(data_file, dict) or not isinstance(data_file.get("raw"), str):
                raise Refused(422, "an entry without its text")
            if data_file.get("newPath"):
                raise Refused(422, "moving a routine is done in git, not in the editor")
            asked = str(data_file.get("path", ""))
            name, target = self._path(self.moved.get(asked, asked), ROUTINES, (".md",))
            if len(data_file["raw"].encode("utf-8")) > MAX_ROUTINE_BYTES:
                raise Refused(413, "routine too large")
            try:
                old: bytes | None = _read(target, MAX_ROUTINE_BYTES)
            except FileNotFoundError:
                old = None
                name, target = self._new_name(name, target, data_file["raw"])
            planned.append((target, saved_routine(old, data_file["raw"], name, self.language, self._persons())))
            if name != asked:
                self.moved[str(asked)] = name
        planned.extend(self._asset(asset) for asset in assets)
        for target, data in planned:  # everything checked first: nothing is half saved
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, data)
        return {"message": "entry persisted"}

    def _persons(self) -> dict[str, tuple[str, str]]:
        """people.yaml as it is now (id → name, title): empty when there is none or it cannot be read."""
        from generator.content.people import load_people

        people, _ = load_people(self.root)
        return people.names()

    def _new_name(self, name: str, target: Path, raw: str) -> tuple[str, Path]:
        """Where a new routine is saved: in the folder the editor chose, named as ``routines new``
        names files (the title in ASCII: Decap names it by the title with å, ä and ö kept);
        never over another file."""
        from generator.authoring.new_routine import slug

        title = re.search(r"^title:[ \t]*['\"]?(.*?)['\"]?[ \t]*$", raw, re.MULTILINE)
        stem = slug(title.group(1)) if title else target.stem
        name, target = self._path(str(PurePosixPath(name).with_name(stem + ".md")), ROUTINES, (".md",))
        if target.exists():
            raise Refused(409, f"{name} finns redan: ge rutinen en annan titel")
        return name, target

    def _asset(self, asset: Any) -> tuple[Path, bytes]:
        if not isinstance(asset, dict):
            raise Refused(422, "bad asset")
        _, target = self._path(asset.get("path"), MEDIA, MEDIA_KINDS)
        content = asset.get("content")
        if not isinstance(content, str) or asset.get("encoding") != "base64" or len(content) > MAX_MEDIA_BYTES * 4 // 3 + 4:
            raise Refused(422, "media must be base64 and at most 10 MB")
        try:
            return target, base64.b64decode(content, validate=True)
        except binascii.Error:
            raise Refused(422, "bad base64") from None

    def do_getMedia(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        folder = self._folder(params.get("mediaFolder"))
        return [self._media(f.relative_to(self.root).as_posix()) for f in sorted(_files(folder, 1))
                if f.suffix.lower() in MEDIA_KINDS]

    def do_getMediaFile(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._media(params.get("path"))

    def _media(self, path: Any) -> dict[str, Any]:
        name, file = self._path(path, MEDIA, MEDIA_KINDS)
        try:
            data = _read(file, MAX_MEDIA_BYTES)
        except FileNotFoundError:
            raise Refused(404, "no such file") from None
        return {"id": hashlib.sha256(data).hexdigest(), "content": base64.b64encode(data).decode("ascii"),
                "encoding": "base64", "path": name, "name": file.name}

    def do_persistMedia(self, params: dict[str, Any]) -> dict[str, Any]:
        target, data = self._asset(params.get("asset"))
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data)
        return self._media(target.relative_to(self.root).as_posix())

    def do_deleteFile(self, params: dict[str, Any]) -> dict[str, str]:
        name, file = self._path(params.get("path"), MEDIA, MEDIA_KINDS)
        file.unlink(missing_ok=True)
        return {"message": f"deleted file {name}"}

    def do_deleteFiles(self, params: dict[str, Any]) -> dict[str, str]:
        paths = params.get("paths")
        if not isinstance(paths, list):
            raise Refused(422, "paths must be a list")
        for path in paths:
            self.do_deleteFile({"path": path})
        return {"message": "deleted files"}

    def do_getDeployPreview(self, params: dict[str, Any]) -> None:
        return None


def _read(file: Path, limit: int) -> bytes:
    """A regular file's bytes (no link out, no pipe), at most ``limit``; FileNotFoundError when missing."""
    if file.is_symlink() or (file.exists() and not file.is_file()):
        raise Refused(403, "not a regular file")
    with file.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise Refused(413, "file too large")
    return data


def _files(folder: Path, depth: int) -> list[Path]:
    """Regular files under ``folder``, ``depth`` levels down, hidden ones and links left out."""
    found: list[Path] = []
    if depth <= 0 or not folder.is_dir() or folder.is_symlink():
        return found
    for entry in os.scandir(folder):
        if entry.name.startswith(".") or entry.is_symlink():
            continue
        if entry.is_dir(follow_symlinks=False):
            found.extend(_files(Path(entry.path), depth - 1))
        elif entry.is_file(follow_symlinks=False):
            found.append(Path(entry.path))
    return found
