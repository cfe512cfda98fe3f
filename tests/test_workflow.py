""".github/workflows/cml.yaml: actionlint clean, no high-severity zizmor finding, and the shape the issue asks for."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOW = REPO / ".github/workflows/cml.yaml"
BIN = Path(sys.executable).parent


def tool(name: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / name), *args], cwd=REPO, capture_output=True, text=True, check=False)


def test_actionlint_is_clean():
    proc = tool("actionlint", "-no-color", str(WORKFLOW.relative_to(REPO)))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_finds_nothing_high():
    proc = tool("zizmor", "--offline", "--format", "json", "--config", ".github/zizmor.yml", str(WORKFLOW))
    findings = json.loads(proc.stdout)  # a list, also when empty; a crash fails here
    high = [f["ident"] for f in findings if f["determinations"]["severity"] == "High"]
    assert not high, high


def test_workflow_runs_on_pull_request_with_least_privilege_and_comments_with_cml():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert set(triggers) == {"pull_request"}
    assert workflow["permissions"] == {}
    report = workflow["jobs"]["report"]
    assert report["permissions"] == {"contents": "read", "pull-requests": "write"}
    steps = report["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    runs = "\n".join(s.get("run", "") for s in steps)
    for command in ("make install", "dvc pull", "dvc exp run -S profile=tiny", "dvc repro",
                    "domaintune report-pr", "cml comment create --target=pr"):
        assert command in runs, command
    assert any(s.get("uses", "").startswith("iterative/setup-cml@") for s in steps)
    assert "full-run" in report["env"]["PROFILE"]
    gpu = workflow["jobs"]["report-gpu"]
    assert gpu["runs-on"] == ["self-hosted", "cml-gpu"] and gpu["needs"] == "launch-gpu-runner"
    launch = "\n".join(s.get("run", "") for s in workflow["jobs"]["launch-gpu-runner"]["steps"])
    assert "cml runner launch" in launch and "--labels=cml-gpu" in launch


# --- review findings: the GPU runner starts only when gpu-run is added; no venv on PATH next to a token ---

GPU_LABEL_ADDED = ("github.event.action == 'labeled'", "github.event.label.name == 'gpu-run'",
                   "github.event.pull_request.head.repo.full_name == github.repository")
VENV_ON_STEP_PATH = 'export PATH="$PWD/.venv/bin:$PATH"'
# `dvc` / `domaintune` in command position (line start, `$(`, after if/then/else/;/&&/||), not inside a message.
BARE_TOOL = re.compile(r"(?:^|\$\(|\bif\s+|\bthen\s+|\belse\s+|;\s*|&&\s*|\|\|\s*)(dvc|domaintune)\b")


def jobs() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())["jobs"]


def condition(job: dict) -> str:
    """A job's `if:` with `${{ }}` removed and whitespace collapsed."""
    text = str(job.get("if", "")).strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    return " ".join(text.split())


def test_gpu_jobs_run_only_on_the_event_that_adds_the_gpu_run_label():
    for name in ("launch-gpu-runner", "report-gpu"):
        expr = condition(jobs()[name])
        # One conjunction (no `||`, no `!`), so every one of its terms is required.
        assert "||" not in expr and "!" not in expr.replace("!=", ""), (name, expr)
        terms = {term.strip() for term in expr.split("&&")}
        assert terms == set(GPU_LABEL_ADDED), (name, expr)
    assert jobs()["report-gpu"]["needs"] == "launch-gpu-runner"


def test_cpu_report_leaves_the_gpu_run_label_event_to_the_gpu_jobs_and_runs_on_pushes():
    expr = condition(jobs()["report"])
    # A `labeled` event runs the CPU report only for full-run, so adding gpu-run never starts both.
    assert expr == "github.event.action != 'labeled' || github.event.label.name == 'full-run'", expr
    # A push to a gpu-run-labelled PR (which no longer starts a GPU machine) still gets the CPU report.
    assert "gpu-run" not in expr


def test_no_step_puts_the_venv_on_github_path_or_path():
    for name, job in jobs().items():
        for step in job["steps"]:
            assert "PATH" not in (step.get("env") or {}), (name, step)
            for line in step.get("run", "").splitlines():
                assert not ("GITHUB_PATH" in line and ".venv" in line), (name, line)
                assert not ("GITHUB_ENV" in line and "PATH=" in line), (name, line)


def test_steps_holding_repo_token_never_touch_the_venv():
    token_steps = []
    for name, job in jobs().items():
        for i, step in enumerate(job["steps"]):
            if "REPO_TOKEN" in (step.get("env") or {}):
                token_steps.append((name, step.get("name")))
                assert ".venv" not in step["run"] and step["run"].lstrip().startswith("cml "), (name, step)
                # Its PATH is the runner's own: no earlier step of the job adds to it.
                earlier = [s.get("name") for s in job["steps"][:i] if "GITHUB_PATH" in s.get("run", "")]
                assert not earlier, (name, step.get("name"), earlier)
        assert "REPO_TOKEN" not in (job.get("env") or {}), name
    assert sorted(token_steps) == [("launch-gpu-runner", "cml runner launch"),
                                   ("report", "Comment on the pull request"),
                                   ("report-gpu", "Comment on the pull request")]


def test_venv_tools_are_called_by_path_or_with_the_venv_prepended_in_that_step():
    for name, job in jobs().items():
        for step in job["steps"]:
            run = step.get("run", "")
            if "dvc repro" in run or "dvc exp run" in run:
                # dvc runs the stage commands (`domaintune ...`) by name.
                assert VENV_ON_STEP_PATH in run, (name, step.get("name"))
                first_dvc = min(run.find(c) for c in ("dvc repro", "dvc exp run") if c in run)
                assert run.index(VENV_ON_STEP_PATH) < first_dvc, (name, step.get("name"))
            if VENV_ON_STEP_PATH not in run:
                bare = [line for line in run.splitlines() if BARE_TOOL.search(line.strip())]
                assert not bare, (name, step.get("name"), bare)
