"""The content-keyed cache: a second run reuses results, a change is seen, output is identical."""

from __future__ import annotations

import json
import time
from pathlib import Path

import msgspec

from generator.content.cache import Cache
from generator.content.project import load_project
from tests.conftest import CASES, TODAY, make_root, run

GOOD = (CASES / "valid/minimal/routines/a.md").read_text(encoding="utf-8")


def _root(tmp_path: Path, count: int) -> Path:
    root = make_root(tmp_path)
    for i in range(count):
        text = GOOD.replace("T-1", f"T-{i}")
        if i % 7 == 0:
            text = text.replace("[vht]", "[okand]")
        (root / f"routines/r{i:04d}.md").write_text(text, encoding="utf-8")
    return root


def test_second_run_uses_the_cache_and_gives_the_same_output(tmp_path: Path) -> None:
    root = _root(tmp_path, 20)
    cache_dir = tmp_path / "cache"
    first = run("check", "--root", str(root), "--today", TODAY, "--cache-dir", str(cache_dir))
    folders = list(cache_dir.glob("check-*"))
    assert len(folders) == 1 and (folders[0] / "meta.json").is_file()
    entries = {k: v for shard in folders[0].glob("shard-*.json")
               for k, v in json.loads(shard.read_text().partition("\n")[2]).items()}  # after the digest line
    assert len(entries) == 22  # 20 routines, organisation.yaml and catalog.yaml
    second = run("check", "--root", str(root), "--today", TODAY, "--cache-dir", str(cache_dir))
    assert (second.out, second.code) == (first.out, first.code)
    uncached = run("check", "--root", str(root), "--today", TODAY, "--no-cache")
    assert uncached.out == first.out


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    root = _root(tmp_path, 3)
    cache_dir = tmp_path / "cache"
    assert "unknown-unit" in run("check", "--root", str(root), "--today", TODAY, "--cache-dir", str(cache_dir)).out
    (root / "routines/r0000.md").write_text(GOOD.replace("T-1", "T-0"), encoding="utf-8")
    result = run("check", "--root", str(root), "--today", TODAY, "--cache-dir", str(cache_dir))
    assert "unknown-unit" not in result.out and result.code == 0


def test_cache_hits_are_counted(tmp_path: Path) -> None:
    root = _root(tmp_path, 5)
    cache_dir = tmp_path / "cache"
    load_project(root, cache_dir=cache_dir)
    cache = Cache(cache_dir, root, "check")
    assert len(cache.entries) == 7  # 5 routines and the two data files
    (root / "routines/r0001.md").write_text(GOOD.replace("T-1", "T-x"), encoding="utf-8")
    load_project(root, cache_dir=cache_dir)
    after = Cache(cache_dir, root, "check")
    assert len(after.entries) == 7  # the stale entry was dropped, the new one added
    assert set(after.entries) != set(cache.entries)


def test_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    root = _root(tmp_path, 3)
    cache_dir = tmp_path / "cache"
    run("check", "--root", str(root), "--today", TODAY, "--cache-dir", str(cache_dir))
    for path in cache_dir.rglob("*.json"):
        path.write_text("{not json")
    result = run("check", "--root", str(root), "--today", TODAY, "--cache-dir", str(cache_dir))
    assert result.code == 1 and "unknown-unit" in result.out


def test_parallel_and_serial_agree(tmp_path: Path) -> None:
    root = _root(tmp_path, 400)  # above the threshold for worker processes
    serial = run("check", "--root", str(root), "--today", TODAY, "--no-cache", "--jobs", "1")
    parallel = run("check", "--root", str(root), "--today", TODAY, "--no-cache", "--jobs", "2")
    assert serial.out == parallel.out
    assert serial.out.count("unknown-unit") == 58


def test_texts_are_analysed_as_they_are_read_never_all_held(tmp_path: Path) -> None:
    """A cold load hands the workers batches as it reads: at most ``jobs`` batches wait for a
    worker besides the one being filled, whatever the number of files."""
    from generator.content.project import _Analyser
    from generator.content.routine_file import RoutineFile

    root = _root(tmp_path, 600)
    done: list[RoutineFile] = []
    entries: list[msgspec.Raw | None] = []
    analyser = _Analyser(600, 2, lambda result, entry: (done.append(result), entries.append(entry)))
    held = 0
    for path in sorted((root / "routines").glob("r*.md")):
        analyser.add(f"routines/{path.name}", path.read_text(encoding="utf-8"))
        held = max(held, len(analyser.pending) * analyser.size + len(analyser.batch))
    analyser.finish()
    assert held <= 3 * analyser.size < 600  # two batches in the workers, one being read
    assert len(done) == 600 and len({r.file for r in done}) == 600
    assert all(r.data is not None and r.data["id"] == f"T-{int(r.file[-7:-3])}" for r in done)
    # what a worker analysed comes back as its cache entry, read as a cached run reads it
    sent = [(r, e) for r, e in zip(done, entries, strict=True) if e is not None]
    assert len(sent) >= 600 - analyser.size
    assert all(json.loads(bytes(e)) == r.to_json() for r, e in sent)


def test_a_same_size_edit_right_after_a_run_is_seen(tmp_path: Path) -> None:
    """Files changed within two seconds of the cache being written are hashed again."""
    root = _root(tmp_path, 2)
    cache_dir = tmp_path / "cache"
    path = root / "routines/r0001.md"
    assert "xyz" not in run("check", "--root", str(root), "--today", TODAY, "--cache-dir", str(cache_dir)).out
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[vht]", "[xyz]"), encoding="utf-8")  # same size
    result = run("check", "--root", str(root), "--today", TODAY, "--cache-dir", str(cache_dir))
    assert "unknown unit 'xyz'" in result.out


def test_unchanged_files_are_not_read_again(tmp_path: Path) -> None:
    import os

    root = _root(tmp_path, 3)
    cache_dir = tmp_path / "cache"
    old = 1_700_000_000_000_000_000
    for path in (root / "routines").glob("r*.md"):
        os.utime(path, ns=(old, old))
    run("check", "--root", str(root), "--today", TODAY, "--cache-dir", str(cache_dir))
    cache = Cache(cache_dir, root, "check")
    assert set(cache.stats) == {"routines/r0000.md", "routines/r0001.md", "routines/r0002.md"}
    stat = (root / "routines/r0001.md").stat()
    assert cache.known_key("routines/r0001.md", stat) == cache.stats["routines/r0001.md"][3]


def test_an_edit_rewrites_only_its_shards(tmp_path: Path) -> None:
    root = _root(tmp_path, 200)
    cache_dir = tmp_path / "cache"
    run("check", "--root", str(root), "--today", TODAY, "--cache-dir", str(cache_dir))
    folder = next(cache_dir.glob("check-*"))
    before = {p.name: p.stat().st_mtime_ns for p in folder.glob("shard-*.json")}
    assert len(before) > 50
    (root / "routines/r0001.md").write_text(GOOD.replace("T-1", "T-x"), encoding="utf-8")
    time.sleep(0.01)
    result = run("check", "--root", str(root), "--today", TODAY, "--cache-dir", str(cache_dir))
    after = {p.name: p.stat().st_mtime_ns for p in folder.glob("shard-*.json")}
    rewritten = [name for name in after if after[name] != before.get(name)]
    assert 1 <= len(rewritten) <= 2
    assert len(Cache(cache_dir, root, "check").entries) == 202
    assert result.out == run("check", "--root", str(root), "--today", TODAY, "--no-cache").out


def test_an_entry_is_read_by_its_typed_decoder_whether_stored_or_put_in_this_run(tmp_path: Path) -> None:
    """Issue 19: shards are split into their entries undecoded; each is decoded when used, by
    its stage's typed decoder (so its shape is checked as it is read), and one put in this run
    is converted to that type as well; an entry of another shape is a miss and is dropped."""
    import msgspec

    from generator.content import cache_shapes

    root = _root(tmp_path, 3)
    with (root / "routines/r0001.md").open("a", encoding="utf-8") as handle:
        handle.write("\nSe [nästa rutin](r0002.md) och [1177](https://www.1177.se/).\n")
    cache_dir = tmp_path / "cache"
    run("check", "--root", str(root), "--today", TODAY, "--cache-dir", str(cache_dir))
    cache = Cache(cache_dir, root, "check")
    key = cache.stats["routines/r0001.md"][3]
    assert isinstance(key, str) and type(cache.entries[key]) is msgspec.Raw

    def parse(entry: cache_shapes.RoutineEntry) -> cache_shapes.RoutineEntry:
        assert isinstance(entry, cache_shapes.RoutineEntry)
        return entry

    stored = cache.load(key, parse, cache_shapes.ROUTINE_ENTRY)
    assert stored is not None and stored.file == "routines/r0001.md"
    cache.put("put-now", msgspec.to_builtins(stored))
    assert cache.load("put-now", parse, cache_shapes.ROUTINE_ENTRY) == stored
    cache.put("other-shape", {**msgspec.to_builtins(stored), "body_line": "7"})
    assert cache.load("other-shape", parse, cache_shapes.ROUTINE_ENTRY) is None
    assert "other-shape" not in cache.entries
    fresh = next(f for f in load_project(root).files if f.file == "routines/r0001.md")
    assert [link.kind for link in fresh.links] == ["relative", "external"]
    assert cache_shapes.routine_file("routines/r0001.md", stored) == fresh  # links, findings and all


def test_a_broken_links_line_is_the_same_cold_cached_and_in_parallel(tmp_path: Path) -> None:
    """Body links are cached without lines; the line of one a finding names is looked up then,
    in a cold run and a cached one alike (in parallel, the processes that analyse the files).
    A placeholder link is a finding of the file itself: its lines are looked up as it is read."""
    root = _root(tmp_path, 300)  # at the threshold for worker processes
    tail = "\n\nSe [x](r0001.md), [y](r0002.md)\n\noch\n[brutna](saknas.md) samt [tom]({}).\n"
    for name, placeholder in (("links", "r0003.md"), ("both", "#")):
        text = GOOD.replace("T-1", f"T-{name}").rstrip("\n") + tail.format(placeholder)
        (root / f"routines/{name}.md").write_text(text, encoding="utf-8")
    line = text.count("\n")  # the last line of the file, where both links stand
    cache_dir = tmp_path / "cache"
    runs = [run("check", "--root", str(root), "--today", TODAY, "--cache-dir", str(cache_dir), "--jobs", jobs)
            for jobs in ("1", "1", "2")]
    for result in runs:
        assert f"routines/links.md:{line}: error[broken-link] link 'brutna'" in result.out
        assert f"routines/both.md:{line}: error[broken-link] link 'brutna'" in result.out
        assert f"routines/both.md:{line}: warning[placeholder-link]" in result.out
    assert runs[0].out == runs[1].out == runs[2].out
