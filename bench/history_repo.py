"""The history benchmark's repository: 10,000 routines over 30,000 commits, in ``git fast-import``.

A realistic mix, deterministic for a seed: most commits touch one or two routines (a body
edit that comes with a new version and ``valid_from``, a body edit without one, or a change
of metadata alone), one in two hundred touches many (a link fixed in every body, a tag added
to every front matter), and now and then a routine is renamed. Written through one
``git fast-import`` stream (seconds, where 30,000 ``git commit`` calls would take many minutes),
then repacked as a clone would receive it.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import subprocess
from pathlib import Path

from bench.corpus import generate

_VERSION = re.compile(rb'^version: "(\d+)\.(\d+)"$', re.MULTILINE)
_VALID = re.compile(rb"^valid_from: (\d{4}-\d{2}-\d{2})$", re.MULTILINE)
_TAGS = re.compile(rb"^tags: \[(.*)\]$", re.MULTILINE)
_NOTE = re.compile(rb"^revision_note: .*$", re.MULTILINE)
START = 1_700_000_000
"""The first commit's time; one commit every ten minutes after it."""


class _Stream:
    """Commits written straight into ``git fast-import``'s standard input."""

    def __init__(self, repo: Path) -> None:
        self.process = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=repo, stdin=subprocess.PIPE)
        self.mark = 0
        self.file_revisions = 0

    def commit(self, message: str, when: int, changes: list[tuple[str, bytes]],
               renames: list[tuple[str, str]] | None = None) -> None:
        assert self.process.stdin is not None
        self.mark += 1
        text = message.encode()
        out = [f"commit refs/heads/main\nmark :{self.mark}\n"
               f"author Bench <bench@example.se> {when} +0100\ncommitter Bench <bench@example.se> {when} +0100\n"
               f"data {len(text)}\n".encode() + text + b"\n"]
        if self.mark > 1:
            out.append(f"from :{self.mark - 1}\n".encode())
        for old, new in renames or []:
            out.append(f'R "{old}" "{new}"\n'.encode())
        for path, data in changes:
            out.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        out.append(b"\n")
        self.process.stdin.write(b"".join(out))
        self.file_revisions += len(changes) + len(renames or [])

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        if self.process.wait() != 0:
            raise RuntimeError("git fast-import failed")


def _bump(data: bytes, rng: random.Random) -> bytes:
    """A new version (minor, now and then major) with a later ``valid_from`` and a revision note."""
    found, valid = _VERSION.search(data), _VALID.search(data)
    assert found is not None and valid is not None
    major, minor = int(found.group(1)), int(found.group(2))
    version = f"{major + 1}.0" if rng.random() < 0.1 else f"{major}.{minor + 1}"
    old = dt.date.fromisoformat(valid.group(1).decode())
    new = old + dt.timedelta(days=rng.randint(1, 40))
    data = _VERSION.sub(f'version: "{version}"'.encode(), data, count=1)
    data = _VALID.sub(f"valid_from: {new.isoformat()}".encode(), data, count=1)
    return _NOTE.sub(f"revision_note: Reviderad till version {version}.".encode(), data, count=1)


def _edit(data: bytes, rng: random.Random, i: int) -> bytes:
    """A sentence added to or replaced in the body."""
    lines = data.split(b"\n")
    end = lines.index(b"---", 1)
    at = rng.randrange(end + 2, len(lines))
    if rng.random() < 0.5 and lines[at].strip():
        lines[at] = f"Stycket är omskrivet i ändring {i}.".encode()
    else:
        lines.insert(at, f"Ett tillägg i ändring {i}.".encode())
    return b"\n".join(lines)


def _metadata(data: bytes, i: int) -> bytes:
    tags = _TAGS.search(data)
    if tags is None:
        return data
    return data[:tags.start()] + b"tags: [" + tags.group(1) + f", t{i % 7}".encode() + b"]" + data[tags.end():]


def write_history_repo(repo: Path, routines: int, commits: int, seed: int = 5) -> tuple[int, int]:
    """Generate the content root and its history; returns (commits, file revisions)."""
    generate(repo, routines)
    files = sorted(p.relative_to(repo).as_posix() for p in (repo / "routines").rglob("*") if p.is_file())
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    rng = random.Random(seed)
    state = {f: (repo / f).read_bytes() for f in files}
    names = [f for f in files if f.endswith(".md")]
    stream = _Stream(repo)
    stream.commit("Alla rutiner", START, list(state.items()))
    for i in range(1, commits):
        when = START + i * 600
        roll = rng.random()
        if roll < 0.005:  # a change across many routines, without new versions
            touched = rng.sample(names, rng.randint(20, 300))
            if rng.random() < 0.5:
                changes = [(f, state[f].replace(b"https://www.vardhandboken.se/", b"https://vardhandboken.se/"))
                           for f in touched]
                message = f"Länkar till Vårdhandboken rättade ({len(touched)} rutiner)"
            else:
                changes = [(f, _metadata(state[f], i)) for f in touched]
                message = f"Ny tagg i {len(touched)} rutiner"
            changes = [(f, d) for f, d in changes if d != state[f]]
        elif roll < 0.006:  # a routine renamed
            old = rng.choice(names)
            new = old.replace(".md", f"-n{i}.md")
            names[names.index(old)] = new
            state[new] = state.pop(old)
            stream.commit(f"{old} heter nu {new}", when, [], [(old, new)])
            continue
        else:
            touched = rng.sample(names, 1 if roll < 0.8 else 2 if roll < 0.96 else rng.randint(3, 5))
            changes = []
            kinds = []
            for f in touched:
                kind = rng.random()
                if kind < 0.45:
                    changes.append((f, _bump(_edit(state[f], rng, i), rng)))
                    kinds.append("ny version")
                elif kind < 0.85:
                    changes.append((f, _edit(state[f], rng, i)))
                    kinds.append("ändrad text")
                else:
                    changes.append((f, _metadata(state[f], i)))
                    kinds.append("ändrade uppgifter")
            message = f"Ändring {i}: {', '.join(kinds)}"
            if "ny version" in kinds and rng.random() < 0.5:
                message += f"\n\nApproved-by: p{rng.randrange(400):04d}"
        for f, data in changes:
            state[f] = data
        stream.commit(message, when, changes)
    stream.close()
    # Packed as a clone receives it (newest revisions whole, older ones as deltas), not as
    # fast-import leaves it (each revision a delta on the one before: slow to read newest first).
    subprocess.run(["git", "repack", "-a", "-d", "-f", "-q", "--window=10"], cwd=repo, check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=repo, check=True)
    for f in files:
        if f not in state:
            (repo / f).unlink(missing_ok=True)  # renamed: checkout leaves the generated file
    return commits, stream.file_revisions
