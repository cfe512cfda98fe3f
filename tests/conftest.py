"""Shared fixtures: a tiny real model (2-layer Llama + the real SmolLM2 tokenizer) and temp repo copies."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# What a fresh clone has: everything tracked, none of the outputs or environments.
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "models", "processed", "rejected", ".dvcstore", "cache", "tmp", "__pycache__",
    ".pytest_cache", ".ruff_cache", "*.egg-info", "results",
)


@pytest.fixture(scope="session")
def tiny_base(tmp_path_factory) -> Path:
    """models/base as the `base` stage writes it with base.model=tiny."""
    from domaintune.config import BaseParams
    from domaintune.stages.base import materialise

    out = tmp_path_factory.mktemp("tiny") / "base"
    out.mkdir()
    materialise(BaseParams(model="tiny"), out)
    return out


def set_params(repo: Path, updates: dict) -> None:
    """Apply dotted-key updates to repo/params.yaml (what `dvc exp run -S` does)."""
    path = repo / "params.yaml"
    params = yaml.safe_load(path.read_text())
    for dotted, value in updates.items():
        node = params
        *parents, leaf = dotted.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = value
    path.write_text(yaml.safe_dump(params, sort_keys=False))


def run(cmd: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    """Run a CLI of the venv (dvc, domaintune, git) and show its output when it fails."""
    exe = str(BIN / cmd[0]) if (BIN / cmd[0]).exists() else cmd[0]
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    proc = subprocess.run([exe, *cmd[1:]], cwd=cwd, capture_output=True, text=True, env=env, check=False)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture
def repo_copy(tmp_path) -> Path:
    """A git-committed copy of the repository (like a fresh clone) whose base model is the tiny one."""
    dst = tmp_path / "repo"
    shutil.copytree(REPO, dst, ignore=COPY_IGNORE)
    set_params(dst, {"base.model": "tiny"})
    run(["git", "init", "-q", "-b", "main"], dst)
    run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A"], dst)
    run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "copy"], dst)
    return dst


@pytest.fixture
def workspace(tmp_path, tiny_base, monkeypatch) -> Path:
    """A minimal working directory for in-process stage runs: params, schemas, prompts, tiny base model."""
    for rel in ("params.yaml", "data/schemas", "data/prompts"):
        src = REPO / rel
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / rel)
    shutil.copytree(tiny_base, tmp_path / "models" / "base")
    monkeypatch.chdir(tmp_path)
    return tmp_path
