"""`domaintune report-pr` on a temp repository with two commits of tiny-profile results, and its plot data."""

from __future__ import annotations

import json
import re

import pytest

from conftest import commit, reset_workspace, run
from domaintune.report_pr import _short_filenames
from domaintune.stages.report import compare_plot

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.mark.slow
def test_report_from_two_commits_has_the_tables_the_diffs_and_the_images(tiny_pipeline):
    repo, _, _ = tiny_pipeline
    try:
        # A per-domain override (`+`: the key is new to params.yaml): dvc reruns contracts' stages and the report.
        out = run(["dvc", "exp", "run", "-S", "+domains.contracts.lora.r=4"], repo).stdout
        assert "Running stage 'train@contracts'" in out and "Running stage 'report'" in out
        assert "Running stage 'train@legal'" not in out and "Running stage 'base'" not in out
        commit(repo, "contracts: rank 4")
        report = run(["domaintune", "report-pr", "--base", "HEAD~1"], repo).stdout
    finally:
        reset_workspace(repo)
    print(report)
    assert "Profile: **tiny**" in report
    assert "| domain | test validity |" in report and "| contracts |" in report and "| legal |" in report
    assert re.search(r"Quality gates: \d/2 domains pass", report)
    errors = report.split("### Errors by field")[1].split("### Metrics diff")[0]
    assert re.search(r"<details><summary>contracts: worst field \w+ \(0\.\d\d\)</summary>", errors), errors
    assert "| field | accuracy | wrong |" in errors and "<summary>legal: worst field" in errors
    metrics = report.split("### Metrics diff")[1].split("### Params diff")[0]
    assert re.search(r"\| metrics/contracts/train\.json +\| val_loss ", metrics), metrics
    assert "metrics/legal/" not in metrics and "per_field" not in metrics
    params = report.split("### Params diff")[1].split("### Plots")[0]
    assert re.search(r"\| params\.yaml +\| domains\.contracts\.lora\.r +\| - +\| 4 ", params), params
    images = re.findall(r"!\[([^]]+)\]\((report/[^)]+\.png)\)", report)
    assert {title for title, _ in images} >= {"train loss", "val loss", "learning rate", "grad norm",
                                              "golden field accuracy, baselines vs fine-tuned"}
    for _, path in images:
        assert (repo / path).read_bytes().startswith(PNG), path


def test_compare_plot_has_a_bar_per_domain_and_compared_model():
    golden = {"base": {"json_validity": 0.0, "schema_compliance": 0.0, "field_accuracy": 0.1},
              "finetuned": {"json_validity": 0.9, "schema_compliance": 0.8, "field_accuracy": 0.6}}
    rows = compare_plot({"legal": {"golden": golden}, "medical": {"golden": golden}})
    assert [r["label"] for r in rows] == ["legal base", "legal fine-tuned", "medical base", "medical fine-tuned"]
    full = {**golden, "base_few_shot": golden["base"], "base_constrained": golden["base"], "finetuned_constrained": golden["finetuned"]}
    assert [r["label"] for r in compare_plot({"legal": {"golden": full}})] == [
        "legal base", "legal base few shot", "legal base constrained", "legal fine-tuned", "legal fine-tuned constrained"]
    assert rows[1] == {"label": "legal fine-tuned", "domain": "legal", "model": "fine-tuned", "json_validity": 0.9,
                       "schema_compliance": 0.8, "field_accuracy": 0.6}


def test_curves_are_named_by_domain_only_where_that_is_unambiguous():
    def spec(names):
        return {"data": {"values": [{"filename": n, "rev": "HEAD"} for n in names]},
                "encoding": {"strokeDash": {"field": "filename", "scale": {"domain": names}}}}

    short = _short_filenames(spec(["legal/train/a.tsv", "medical/train/a.tsv"]))
    assert short["encoding"]["strokeDash"]["scale"]["domain"] == ["legal", "medical"]
    assert {v["filename"] for v in short["data"]["values"]} == {"legal", "medical"}
    assert short["encoding"]["strokeDash"]["title"] == "domain"
    same = spec(["legal/train/a.tsv", "legal/eval/a.tsv"])
    assert _short_filenames(same) == same
    assert json.dumps(_short_filenames(spec(["x.tsv"]))) == json.dumps(spec(["x.tsv"]))
