"""The shipped GitHub workflows: current actions pinned by commit, the tool at a pinned release."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest

from generator.content.yamlsafe import load_yaml
from tests.conftest import REPO

TEMPLATES = REPO / "examples" / "github"
"""What a content repository copies into its .github/."""
PINNED = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # v(\d+)\.(\d+)\.(\d+)$")
ALL_FILES = [*sorted((TEMPLATES / "workflows").glob("*.yml")),
             *sorted((REPO / ".github" / "workflows").glob("*.yml")), REPO / "action.yml"]


def _yaml(path: Path) -> dict[str, Any]:
    doc = load_yaml(path.read_text(encoding="utf-8"))
    assert doc.ok and not doc.problems, (path, doc.problems)
    assert isinstance(doc.data, dict)
    return doc.data


def _pins() -> list[tuple[Path, str, str, tuple[int, int, int]]]:
    pins = []
    for path in ALL_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not re.match(r"\s*(?:- )?uses:", line) or line.strip() == "- uses: ./":
                continue
            match = PINNED.match(line)
            assert match, f"{path.name}: not pinned by commit with its version: {line.strip()}"
            name, sha, *version = match.groups()
            pins.append((path, name, sha, (int(version[0]), int(version[1]), int(version[2]))))
    return pins


def test_every_action_is_pinned_by_commit_and_runs_on_node_24() -> None:
    pins = _pins()
    majors = {name: version[0] for _, name, _, version in pins}
    assert majors["actions/checkout"] >= 5 and majors["actions/setup-python"] >= 6
    # one version, one commit, everywhere
    commits: dict[tuple[str, tuple[int, int, int]], set[str]] = {}
    for _, name, sha, version in pins:
        commits.setdefault((name, version), set()).add(sha)
    assert all(len(shas) == 1 for shas in commits.values()), commits
    assert len({(name, v) for name, v in commits if name == "actions/checkout"}) == 1


def test_templates_install_the_tool_at_a_pinned_release() -> None:
    tool = {(sha, version) for path, name, sha, version in _pins()
            if path.is_relative_to(TEMPLATES) and name.endswith("/routine-handbook")}
    ((sha, version),) = tool  # both workflows, one release
    for path in (TEMPLATES / "workflows").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        assert "pip install" not in text and "uses: ./" not in text
    shallow = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=REPO,
                             capture_output=True, text=True, check=True).stdout.strip()
    found = subprocess.run(["git", "cat-file", "-e", f"{sha}^{{commit}}"], cwd=REPO, check=False)
    if found.returncode and shallow == "true":
        pytest.skip("a shallow clone does not hold the pinned release commit")
    assert found.returncode == 0, f"{sha} is not a commit of this repository"
    def at(name: str) -> str:
        return subprocess.run(["git", "show", f"{sha}:{name}"], cwd=REPO, capture_output=True,
                              text=True, check=True).stdout
    assert tomllib.loads(at("pyproject.toml"))["project"]["version"] == ".".join(map(str, version))
    assert "sync --locked" in at("action.yml")  # the action at that release installs from its lock


def _job(data: dict[str, Any]) -> dict[str, Any]:
    (job,) = data["jobs"].values()
    assert isinstance(job, dict)
    return job


def _step(job: dict[str, Any], uses: str) -> dict[str, Any]:
    return next(s for s in job["steps"] if s.get("uses", "").startswith(uses))


def test_reminder_workflow() -> None:
    data = _yaml(TEMPLATES / "workflows" / "routines-reminders.yml")
    assert data["on"]["schedule"] == [{"cron": "17 6 * * *"}]
    assert "workflow_dispatch" in data["on"]
    assert data["permissions"] == {"issues": "write", "contents": "read"}
    job = _job(data)
    assert _step(job, "actions/checkout@")["with"]["fetch-depth"] == 0
    assert _step(job, "ORG/routine-handbook@")["with"]["python-version"] == "3.11"
    remind = next(s for s in job["steps"] if "routines remind" in s.get("run", ""))
    assert remind["run"].startswith("routines remind --github")
    assert remind["env"]["GH_TOKEN"] == "${{ github.token }}"


def test_check_workflow() -> None:
    data = _yaml(TEMPLATES / "workflows" / "routines-check.yml")
    assert "pull_request" in data["on"] and "push" in data["on"]
    assert data["on"]["pull_request_review"] == {"types": ["submitted", "dismissed"]}  # a review runs it again
    assert data["permissions"] == {"contents": "read", "pull-requests": "read"}
    job = _job(data)
    assert _step(job, "actions/checkout@")["with"]["fetch-depth"] == 0
    runs = [step.get("run", "") for step in job["steps"]]
    assert "routines check --format github" in runs
    assert not any("--strict" in r for r in runs)  # warnings annotate, errors fail
    approvals = next(s for s in job["steps"] if s.get("run") == "routines approvals")
    assert approvals["if"] == "github.event_name != 'push'"
    assert approvals["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert approvals["env"]["GITHUB_BASE_REF"] == "${{ github.event.pull_request.base.ref }}"


def test_the_projects_own_ci_runs_the_ci_script_and_the_action() -> None:
    jobs = _yaml(REPO / ".github" / "workflows" / "ci.yml")["jobs"]
    assert "sh .ci/run" in [s.get("run") for s in jobs["test"]["steps"]]
    assert jobs["test"]["container"] == "debian:bookworm"
    assert [s.get("uses") for s in jobs["action"]["steps"]][1] == "./"


def test_dependabot_keeps_the_pins_fresh() -> None:
    content = _yaml(TEMPLATES / "dependabot.yml")
    assert content["version"] == 2
    assert [(u["package-ecosystem"], u["directory"]) for u in content["updates"]] == [("github-actions", "/")]
    own = _yaml(REPO / ".github" / "dependabot.yml")
    assert {(u["package-ecosystem"], u["directory"]) for u in own["updates"]} == {
        ("uv", "/"), ("github-actions", "/")}
