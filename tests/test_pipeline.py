"""The real `dvc` CLI on a temp copy of the repository (tiny base model)."""

from __future__ import annotations

import json

from conftest import run

DOMAINS = ("contracts", "medical", "financial", "legal")


def test_dvc_repro_format_runs_base_then_format_and_then_has_nothing_to_do(repo_copy):
    first = run(["dvc", "repro", "format@contracts"], repo_copy).stdout
    assert "Running stage 'base'" in first and "Running stage 'format@contracts'" in first
    metrics = json.loads((repo_copy / "metrics/contracts/format.json").read_text())
    assert metrics["rejected"] == 0 and metrics["records"] >= 400
    assert sum(metrics["split"].values()) == metrics["records"]
    for split in ("train", "val", "test"):
        rows = (repo_copy / f"data/processed/contracts/{split}.jsonl").read_text().splitlines()
        assert len(rows) == metrics["split"][split]
        assert set(json.loads(rows[0])) == {"prompt", "completion"}

    assert "Data and pipelines are up to date." in run(["dvc", "status", "format@contracts"], repo_copy).stdout
    again = run(["dvc", "repro", "format@contracts"], repo_copy).stdout
    assert "Running stage" not in again

    lock = (repo_copy / "dvc.lock").read_text()
    assert "format@contracts:" in lock and "models/base" in lock


def test_dvc_dag_lists_base_and_every_domain(repo_copy):
    dag = run(["dvc", "dag", "--mermaid"], repo_copy).stdout
    assert "base" in dag
    for domain in DOMAINS:
        assert f"format@{domain}" in dag
