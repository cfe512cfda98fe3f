""".github/workflows/cml.yaml: actionlint clean, no high-severity zizmor finding, and the shape the issue asks for."""

from __future__ import annotations

import json
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
