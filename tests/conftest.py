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


GIT_ID = ["-c", "user.name=t", "-c", "user.email=t@t"]


def commit(repo: Path, message: str) -> None:
    run(["git", *GIT_ID, "add", "-A"], repo)
    run(["git", *GIT_ID, "commit", "-qm", message], repo)


def copy_repo(dst: Path, params: dict) -> Path:
    """A git-committed copy of the repository (like a fresh clone) with `params` applied."""
    shutil.copytree(REPO, dst, ignore=COPY_IGNORE)
    if params:
        set_params(dst, params)
    run(["git", "init", "-q", "-b", "main"], dst)
    run(["git", "config", "user.name", "t"], dst)  # dvc exp run commits experiments with the repo's identity
    run(["git", "config", "user.email", "t@t"], dst)
    commit(dst, "copy")
    return dst


@pytest.fixture
def repo_copy(tmp_path) -> Path:
    """A git-committed copy of the repository (like a fresh clone) whose base model is the tiny one."""
    return copy_repo(tmp_path / "repo", {"base.model": "tiny"})


TINY_DOMAINS = ("contracts", "legal")  # two of the four: every stage kind, half the time


def restrict_domains(repo: Path, domains: tuple[str, ...]) -> None:
    """Keep only `domains` in params.yaml and in dvc.yaml's one-line-per-domain lists (report deps, plots)."""
    set_params(repo, {"domains": {d: {} for d in domains}})
    path = repo / "dvc.yaml"
    pipeline = yaml.safe_load(path.read_text())

    def kept(entry) -> bool:
        parts = str(entry).split("/")
        return not (len(parts) > 2 and parts[0] == "metrics" and parts[1] not in domains)

    report = pipeline["stages"]["report"]
    report["deps"] = [d for d in report["deps"] if kept(d)]
    for plot in pipeline.get("plots", []):
        props = next(iter(plot.values()))
        if isinstance(props.get("y"), dict):
            props["y"] = {f: field for f, field in props["y"].items() if kept(f)}
    path.write_text(yaml.safe_dump(pipeline, sort_keys=False))


@pytest.fixture(scope="session")
def tiny_pipeline(tmp_path_factory) -> tuple[Path, float, str]:
    """A copy (domains: TINY_DOMAINS) whose whole pipeline ran once through `dvc exp run -S profile=tiny`,
    committed as the baseline.

    Returns (repo, seconds the exp run took, its stdout). Tests that change the workspace restore it with
    `reset_workspace`.
    """
    import time

    repo = copy_repo(tmp_path_factory.mktemp("tiny-pipeline") / "repo", {})
    restrict_domains(repo, TINY_DOMAINS)
    commit(repo, "two domains")
    start = time.monotonic()
    out = run(["dvc", "exp", "run", "-S", "profile=tiny", "-n", "tiny-baseline"], repo).stdout
    seconds = time.monotonic() - start
    commit(repo, "tiny baseline")
    return repo, seconds, out


def reset_workspace(repo: Path) -> None:
    """Back to the last commit: git-tracked files, then dvc outputs from the cache."""
    run(["git", "reset", "-q", "--hard"], repo)
    run(["dvc", "checkout", "--force"], repo)


@pytest.fixture
def workspace(tmp_path, tiny_base, monkeypatch) -> Path:
    """A minimal working directory for in-process stage runs: params, schemas, prompts, tiny base model."""
    for rel in ("params.yaml", "data/schemas", "data/prompts"):
        src = REPO / rel
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / rel)
    shutil.copytree(tiny_base, tmp_path / "models" / "base")
    monkeypatch.chdir(tmp_path)
    return tmp_path
