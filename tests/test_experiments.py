"""dvc experiments on the tiny profile: one `dvc exp run -S`, a queued sweep, and `domaintune sweep-table`.

The session fixture `tiny_pipeline` (conftest) runs the whole pipeline once with `dvc exp run -S profile=tiny`.
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from conftest import TINY_DOMAINS as DOMAINS
from conftest import reset_workspace, run
from domaintune import sweep

STAGES = ("base", "format", "train", "merge", "eval", "compare", "gguf-base", "gguf-export", "report")


def exp_show(repo) -> list[sweep.Experiment]:
    return sweep.experiments(json.loads(run(["dvc", "exp", "show", "--json"], repo).stdout))


@pytest.mark.slow
def test_tiny_profile_runs_the_whole_pipeline_for_every_domain(tiny_pipeline):
    repo, seconds, out = tiny_pipeline
    print(f"dvc exp run -S profile=tiny (whole pipeline, domains {', '.join(DOMAINS)}): {seconds:.0f} s")
    for stage in STAGES:
        names = [stage] if stage in ("base", "gguf-base", "report") else [f"{stage}@{d}" for d in DOMAINS]
        for name in names:
            assert f"Running stage '{name}'" in out, name
    train = json.loads((repo / "metrics/contracts/train.json").read_text())
    assert train["steps"] == 4  # profiles.tiny.train.max_steps, not the full profile's epochs
    assert "Data and pipelines are up to date." in run(["dvc", "status"], repo).stdout
    summary = json.loads((repo / "metrics/summary.json").read_text())
    assert set(summary) == set(DOMAINS)
    bars = json.loads((repo / "metrics/compare_plot.json").read_text())
    assert [(r["domain"], r["model"]) for r in bars[:5]] == [
        ("contracts", "base"), ("contracts", "base few shot"), ("contracts", "base constrained"),
        ("contracts", "fine-tuned"), ("contracts", "fine-tuned constrained")]


@pytest.mark.slow
def test_exp_run_with_another_rank_is_an_experiment_with_that_param_and_new_metrics(tiny_pipeline):
    repo, _, _ = tiny_pipeline
    try:
        out = run(["dvc", "exp", "run", "-S", "lora.r=4", "-n", "rank4", "train@contracts"], repo).stdout
        assert "Running stage 'train@contracts'" in out
        assert "Running stage 'format@contracts'" not in out and "Running stage 'base'" not in out
        rows = {row.name: row for row in exp_show(repo)}
        baseline, rank4 = rows["main"], rows["rank4"]
        assert (baseline.params["lora.r"], rank4.params["lora.r"]) == (16, 4)
        assert rank4.params["profile"] == "tiny" and rank4.state == "success"
        assert rank4.metrics["contracts"]["val_loss"] != baseline.metrics["contracts"]["val_loss"]
        assert rank4.metrics["legal"] == baseline.metrics["legal"]  # untouched domains keep their metrics
    finally:
        reset_workspace(repo)


@pytest.mark.slow
def test_queued_sweep_of_two_configs_finishes_and_the_table_names_the_best(tiny_pipeline):
    repo, _, _ = tiny_pipeline
    # Queued experiments run from a git snapshot: an untracked input would be missing there.
    assert not run(["git", "ls-files", "--others", "--exclude-standard"], repo).stdout.strip()
    queued = run(["dvc", "exp", "run", "--queue", "-S", "train.lr=1e-4,1e-3", "train@contracts"], repo).stdout
    names = re.findall(r"Queued experiment '([^']+)'", queued)
    assert len(names) == 2, queued
    run(["dvc", "queue", "start", "-j", "1"], repo)
    table = run(["domaintune", "sweep-table", "--wait", "--metric", "val_loss"], repo).stdout
    print(table)
    rows = [row for row in exp_show(repo) if row.name in names]
    assert sorted(row.params["train.lr"] for row in rows) == [1e-4, 1e-3]
    assert all(row.state == "success" and "val_loss" in row.metrics["contracts"] for row in rows), rows
    for row in rows:
        assert f"| {row.name} | {row.rev[:7]} | success | " in table
    assert "train.lr=0.0001" in table and "train.lr=0.001" in table
    finished = [r for r in exp_show(repo) if r.state in ("baseline", "success") and "contracts" in r.metrics]
    winner = min(finished, key=lambda r: r.metrics["contracts"]["val_loss"])
    assert "Best config per domain by val_loss (lower is better):" in table
    assert f"- contracts: {winner.name} (" in table
    assert run(["git", "status", "--porcelain"], repo).stdout == ""  # queued runs leave the workspace alone


def test_best_ranks_by_the_chosen_metric_and_skips_unfinished_rows():
    def row(name, state, r, profile="tiny", **metrics):
        return sweep.Experiment(name, name * 40, state, {"lora.r": r, "profile": profile},
                                {"legal": metrics} if metrics else {})

    rows = [
        row("m", "baseline", 16, profile="full", val_loss=0.05, field_acc=0.8),  # not comparable with tiny runs
        row("a", "success", 8, val_loss=0.5, field_acc=0.2),
        row("b", "success", 16, val_loss=0.4, field_acc=0.2),
        row("c", "failed", 32, val_loss=0.1, field_acc=0.9),
        row("d", "queued", 64),
    ]
    assert sweep.best(rows, "val_loss")["legal"].name == "b"
    assert sweep.best(rows, "field_acc")["legal"].name == "b"  # a tie: the lower val_loss
    assert sweep.best([dataclasses.replace(rows[0], params={**rows[0].params, "profile": "tiny"}), *rows[1:]],
                      "val_loss")["legal"].name == "m"  # a baseline of the same profile does compete
    assert sweep.varying_params(rows) == ["lora.r", "profile"]
    table = sweep.table(rows, "field_accuracy")
    assert "| d | ddddddd | queued | lora.r=64 profile=tiny |  |" in table
    assert "- legal: b (lora.r=16 profile=tiny), field_acc 0.2" in table
    with pytest.raises(Exception, match="--metric 'loss'"):
        sweep.table(rows, "loss")
