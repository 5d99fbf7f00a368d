"""The shape of the package: stages as sub-packages, imports pointing one way, small modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "generator"
LAYERS = {"core": 0, "content": 1, "checks": 2, "deadlines": 3, "staffing": 3, "reminders": 3,
          "authoring": 3, "handbook": 4, "cli": 5}
"""A module may import its own sub-package and those of lower rank only: commands → handbook →
features → checks → loading → core. Features of one rank do not import each other."""
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> Iterator[str]:
    """Every module of the package that ``path`` imports (deferred imports inside functions too)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                yield candidate if candidate in MODULES else node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.startswith("generator"))


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else None


def test_every_module_belongs_to_a_stage() -> None:
    loose = sorted(m for m in MODULES if _stage(m) is None and m not in (
        "generator", "generator.__main__"))
    assert loose == []
    assert sorted({_stage(m) for m in MODULES} - {None}) == sorted(LAYERS)


def test_imports_point_down_the_pipeline() -> None:
    wrong = []
    for module, path in MODULES.items():
        stage = _stage(module)
        for imported in set(_imports(path)):
            target = _stage(imported)
            if stage is None or target is None or target == stage:
                continue
            if LAYERS[target] >= LAYERS[stage]:
                wrong.append(f"{module} -> {imported}")
    assert sorted(wrong) == []


def test_no_import_circles() -> None:
    graph = {m: {i for i in _imports(p) if i in MODULES and i != m} for m, p in MODULES.items()}
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for imported in sorted(graph[module]):
            if state.get(imported) == 1:
                circles.append([*trail[trail.index(imported):], imported] if imported in trail else [module, imported])
            elif imported not in state:
                visit(imported, [*trail, imported])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_no_module_is_over_400_lines() -> None:
    long = {m: n for m, p in MODULES.items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_the_core_loads_no_parser() -> None:
    code = ("import sys, generator.core.model, generator.core.obligations, generator.core.calendar; "
            "print(sorted(m for m in ('markdown_it', 'markdown_it_pyrs', 'yaml', 'jinja2', 'jsonschema') "
            "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert loaded.stdout.strip() == "[]"
