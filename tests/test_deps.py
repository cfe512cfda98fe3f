"""Every domaintune module a stage imports, directly or through another module, at top level or inside a function,
is a dep of that stage in dvc.yaml, and dvc.yaml lists no module the stage does not import: otherwise editing
a helper would leave `dvc status` clean over stale outputs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

# dvc stage -> the module its `domaintune <stage>` command runs (cli.py only dispatches).
STAGE_MODULES = {
    "base": "domaintune.stages.base",
    "format": "domaintune.stages.format",
    "train": "domaintune.stages.train",
    "merge": "domaintune.stages.merge",
    "eval": "domaintune.stages.eval",
    "compare": "domaintune.stages.compare",
    "gguf-base": "domaintune.stages.gguf_base",
    "gguf-export": "domaintune.stages.gguf_export",
    "report": "domaintune.stages.report",
}


def module_path(name: str) -> Path | None:
    base = SRC.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def imports(name: str, top_level: bool = False) -> set[str]:
    """Every module the source imports: anywhere (ast.walk reaches function bodies), or at its top level only."""
    tree = ast.parse(module_path(name).read_text(encoding="utf-8"))
    found = set()
    for node in (tree.body if top_level else ast.walk(tree)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            # `from domaintune import atomic` imports the submodule atomic.
            found |= {f"{node.module}.{a.name}" for a in node.names if module_path(f"{node.module}.{a.name}")}
    return found


def closure(name: str, top_level: bool = False) -> set[str]:
    """The domaintune modules `name` imports, transitively."""
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in seen or not current.startswith("domaintune") or module_path(current) is None:
            continue
        seen.add(current)
        todo += imports(current, top_level)
    return seen


def as_dep(name: str) -> str | None:
    path = module_path(name)
    # Package __init__ files hold only docstrings and __version__: not deps.
    return None if path.name == "__init__.py" else path.relative_to(ROOT).as_posix()


def declared_source_deps(stage: dict) -> set[str]:
    body = stage.get("do", stage)
    return {d for d in body.get("deps", []) if isinstance(d, str) and d.startswith("src/")}


STAGES = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]


@pytest.mark.parametrize("stage", sorted(STAGE_MODULES))
def test_stage_deps_equal_the_modules_it_imports(stage):
    imported = {d for d in map(as_dep, closure(STAGE_MODULES[stage])) if d}
    declared = declared_source_deps(STAGES[stage])
    assert not imported - declared, f"dvc.yaml {stage}: missing deps {sorted(imported - declared)}"
    assert not declared - imported, f"dvc.yaml {stage}: deps it does not import {sorted(declared - imported)}"


def test_every_stage_is_covered():
    assert set(STAGES) == set(STAGE_MODULES)


def test_the_walk_sees_function_level_imports():
    # format.py imports modeling only inside a function; the walk must still find it.
    assert "domaintune.modeling" in closure("domaintune.stages.format")
