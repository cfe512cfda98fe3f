"""The report stage on hand-made metrics: the generalisation flag (golden field accuracy far below the test
split's) is raised exactly above gates.flag_golden_gap, and it does not fail the gates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import REPO
from domaintune.stages import report


def write_metrics(root: Path, domain: str, test_accuracy: float, golden_accuracy: float) -> None:
    metrics = root / "metrics" / domain
    metrics.mkdir(parents=True)
    side = {"json_validity": 1.0, "schema_compliance": 1.0}
    (metrics / "eval.json").write_text(json.dumps({
        "n": 40, **side, "field_accuracy": test_accuracy, "exact_match": 0.5, "val_perplexity": 1.1}))
    (metrics / "compare.json").write_text(json.dumps({
        "base": {**side, "json_validity": 0.0, "field_accuracy": 0.0}, "finetuned": {**side, "field_accuracy": golden_accuracy},
        "strongest_baseline": "base"}))
    (metrics / "train.json").write_text(json.dumps({"val_loss": 0.1, "tokens_per_second": 160.0, "wall_seconds": 600,
                                                    "backend": "peft"}))


def test_a_domain_whose_golden_accuracy_trails_its_test_split_is_flagged_not_failed(tmp_path):
    shutil.copy(REPO / "params.yaml", tmp_path / "params.yaml")
    write_metrics(tmp_path, "medical", 0.95, 0.60)  # 0.35 below: flagged
    write_metrics(tmp_path, "legal", 0.90, 0.75)  # exactly 0.15 below: not above the limit
    summary = report.summarise(("medical", "legal"), tmp_path)
    assert summary["medical"]["golden_gap"] == {"test_minus_golden": 0.35, "flag_above": 0.15, "flagged": True}
    assert summary["legal"]["golden_gap"] == {"test_minus_golden": 0.15, "flag_above": 0.15, "flagged": False}
    assert summary["medical"]["gates"] == summary["legal"]["gates"] == {"passed": True, "failures": []}
    flags = [line for line in report.markdown(summary).splitlines() if "generalisation flag" in line]
    assert flags == [("- generalisation flag: medical golden field accuracy 0.600 is 0.350 below the test split's 0.950 "
                     "(flagged above gates.flag_golden_gap 0.15)")]
