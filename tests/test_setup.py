"""Reproducible setup: one lock for every dependency, installed only from the lock."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

from generator.content.yamlsafe import load_yaml

REPO = Path(__file__).resolve().parent.parent
UV = REPO / ".tools" / "bin" / "uv"
"""Installed by ./dev (hash-pinned in .ci/uv-requirements.txt) before the tests run."""


def _lock() -> dict[str, Any]:
    return tomllib.loads((REPO / "uv.lock").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group()).lower()


def test_the_lock_pins_every_dependency_with_hashes() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    packages = {p["name"]: p for p in _lock()["package"]}
    wanted = {_name(r) for r in project["dependencies"]}
    for extra in ("test", "lint", "bench"):
        wanted |= {_name(r) for r in project["optional-dependencies"][extra]}
    assert wanted <= packages.keys(), sorted(wanted - packages.keys())
    assert re.fullmatch(r"\d+(\.\d+)+", packages["pyyaml"]["version"])
    for name, package in packages.items():
        if name == "routine-handbook":
            continue
        files = [*package.get("wheels", []), *([package["sdist"]] if "sdist" in package else [])]
        assert files, f"{name} has no files in the lock"
        for file in files:
            assert re.fullmatch(r"sha256:[0-9a-f]{64}", file["hash"]), (name, file)


def test_uv_itself_is_pinned_with_hashes() -> None:
    text = (REPO / ".ci" / "uv-requirements.txt").read_text(encoding="utf-8")
    (version,) = re.findall(r"^uv==(\S+) \\$", text, re.MULTILINE)
    assert len(re.findall(r"--hash=sha256:[0-9a-f]{64}", text)) >= 10  # every platform's wheel
    assert UV.exists(), "run the tests through ./dev test, which installs uv"
    assert subprocess.run([str(UV), "--version"], capture_output=True, text=True,
                          check=True).stdout.split()[1] == version


def test_the_committed_lock_matches_pyproject() -> None:
    result = subprocess.run([str(UV), "lock", "--check", "--python", sys.executable],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def _copy_setup(tmp_path: Path) -> Path:
    (tmp_path / ".ci").mkdir()
    for name in ("dev", "pyproject.toml", "uv.lock", "README.md", ".ci/uv-requirements.txt"):
        shutil.copy2(REPO / name, tmp_path / name)
    return tmp_path


def test_a_dependency_changed_without_the_lock_stops_dev_test(tmp_path: Path) -> None:
    root = _copy_setup(tmp_path)
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    assert '"pyyaml>=6.0.1"' in text
    pyproject.write_text(text.replace('"pyyaml>=6.0.1"', '"pyyaml>=6.0.2"'), encoding="utf-8")
    env = {**os.environ, "ROUTINES_UV": str(UV), "PYTHON": sys.executable}
    result = subprocess.run(["sh", "dev", "test"], cwd=root, env=env, capture_output=True,
                            text=True, check=False, timeout=300)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        "uv.lock does not match pyproject.toml: a dependency was changed without refreshing the lock.\n"
        "Run ./dev lock, review the change to uv.lock and commit it together with pyproject.toml.\n")
    assert not (root / ".venv" / "bin" / "pytest").exists()  # nothing was installed
    assert (root / "uv.lock").read_bytes() == (REPO / "uv.lock").read_bytes()  # nor the lock changed


def test_ci_lints_before_the_tests() -> None:
    lines = [line for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if line.startswith("./dev")]
    assert lines == ["./dev lint", "./dev test"]
    dev = (REPO / "dev").read_text(encoding="utf-8")
    assert "ruff check generator tests bench && exec .venv/bin/mypy --strict" in dev
    assert 'sync --locked --all-extras --compile-bytecode' in dev
    assert "pip install" not in dev.replace(
        "pip install -q --require-hashes --no-deps -r .ci/uv-requirements.txt", "")


def test_the_action_installs_the_locked_runtime_and_nothing_else(tmp_path: Path) -> None:
    # action.yml's install step, run as a GitHub runner runs it (bash, its environment).
    action = load_yaml((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action.ok and not action.problems, action.problems
    (install,) = [s for s in action.data["runs"]["steps"] if "run" in s]
    github_path = tmp_path / "github-path"
    python = Path(sys.base_prefix) / "bin" / "python3"
    env = {**os.environ, "RUNNER_TEMP": str(tmp_path), "GITHUB_ACTION_PATH": str(REPO),
           "GITHUB_PATH": str(github_path), "PYTHON": str(python)}
    result = subprocess.run(["bash", "-c", install["run"]], env=env, capture_output=True,
                            text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("routines 0.1.0")
    bin_dir = Path(github_path.read_text(encoding="utf-8").strip())
    listing = subprocess.run(
        [str(bin_dir / "python"), "-c",
         "import importlib.metadata as m; print('\\n'.join(f\"{d.name} {d.version}\" for d in m.distributions()))"],
        capture_output=True, text=True, check=True).stdout.split("\n")
    installed = {_name(n): v for n, v in (line.split() for line in listing if line)}
    locked: dict[str, set[str]] = {}
    for package in _lock()["package"]:  # a package may be locked at one version per Python (numpy)
        locked.setdefault(package["name"], set()).add(package["version"])
    assert installed["pyyaml"] in locked["pyyaml"] and installed["jinja2"] in locked["jinja2"]
    assert {name: version for name, version in installed.items() if version not in locked.get(name, ())} == {}
    assert not {"pytest", "ruff", "mypy", "mkdocs", "playwright"} & installed.keys()
    # and it works from outside the repository, as in a content repository's checkout
    check = subprocess.run([str(bin_dir / "routines"), "check", "--root", str(REPO), "--today",
                            "2026-06-01"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stderr.startswith("0 errors, 3 warnings in 3 routine files")
