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


def test_merge_eval_compare_and_gate_through_dvc_for_one_domain(repo_copy):
    from conftest import set_params

    set_params(repo_copy, {"train.max_steps": 4, "train.batch_size": 2, "train.eval_steps": 2, "train.eval_samples": 2,
                           "eval.max_new_tokens": 16, "domains": {"contracts": {}}})
    out = run(["dvc", "repro", "eval@contracts", "compare@contracts", "gguf-export@contracts"], repo_copy).stdout
    for stage in ("base", "format@contracts", "train@contracts", "merge@contracts", "eval@contracts", "compare@contracts",
                  "gguf-base", "gguf-export@contracts"):
        assert f"Running stage '{stage}'" in out
    metrics = repo_copy / "metrics/contracts"
    evaluation = json.loads((metrics / "eval.json").read_text())
    assert evaluation["n"] == json.loads((metrics / "format.json").read_text())["split"]["test"]
    assert {"json_validity", "schema_compliance", "field_accuracy", "exact_match", "array_f1", "per_field", "rougeL",
            "chrf", "val_perplexity", "generation_tokens_per_second"} <= set(evaluation)
    assert len((metrics / "predictions.jsonl").read_text().splitlines()) == evaluation["n"]
    # the golden tests through the same merged model: what a sweep stopping at eval@D is ranked on (golden_acc)
    assert set(evaluation["golden"]) == {"n", "json_validity", "schema_compliance", "field_accuracy"}
    assert evaluation["golden"]["n"] == len((repo_copy / "golden_tests/contracts.jsonl").read_text().splitlines())
    comparison = json.loads((metrics / "compare.json").read_text())
    sides = ("base", "base_few_shot", "base_constrained", "finetuned", "finetuned_constrained")
    assert {comparison[s]["n"] for s in sides} == {50}
    assert comparison["finetuned"]["engine"] == {"runtime": "llama.cpp", "file": "models/contracts/gguf/contracts-f16.gguf",
                                                 "constrained": False, "few_shot": 0}
    assert comparison["base_few_shot"]["engine"]["few_shot"] == 3 and comparison["base_constrained"]["engine"]["constrained"]
    predicted = [json.loads(line) for line in (metrics / "compare_predictions.jsonl").read_text().splitlines()]
    assert all(p["base_constrained"].startswith('{"') for p in predicted)  # under the schema's grammar
    assert not any(p["base"].startswith('{"') for p in predicted)  # random weights, free decoding
    assert comparison["strongest_baseline"] in sides[:3]
    assert comparison["leakage"] == {"exact": 0, "near_duplicates": 0}
    assert "| field_accuracy |" in (metrics / "compare.md").read_text()

    exported = json.loads((metrics / "gguf.json").read_text())
    assert set(exported["files_bytes"]) == {"contracts-f16.gguf", "contracts-q8_0.gguf", "contracts-q4_k_m.gguf",
                                            "contracts-lora-f16.gguf"}
    checks = exported["checks"]
    assert {c["match"] for c in checks["tokenization"].values()} == {1.0}
    assert set(checks["tokenization"]) == {"contracts-f16.gguf", "contracts-q8_0.gguf", "contracts-q4_k_m.gguf",
                                           "models/base-gguf/base-f16.gguf"}
    assert set(exported["golden"]) == {"hf_merged", "f16", "q8_0", "q4_k_m", "adapter_on_base"}
    for key, limit in (("f16_vs_hf_merged", 0.94), ("batched_vs_one_at_a_time", 0.95), ("adapter_vs_f16", 0.94)):
        (check,) = checks[key].values()
        assert check["min"] == limit and check["passed"] is True  # the stage succeeded, so every check passed
    gguf_dir = repo_copy / "models/contracts/gguf"
    assert (gguf_dir / "Modelfile").read_text().startswith(f"FROM ./{exported['modelfile']}\n")
    assert "ADAPTER ./contracts-lora-f16.gguf" in (gguf_dir / "Modelfile.adapter").read_text()
    assert (gguf_dir / (gguf_dir / "Modelfile.adapter").read_text().split()[1]).is_file()  # FROM resolves

    # A random 2-layer model produces no JSON: the gate must fail and say where.
    gate = run(["domaintune", "gate"], repo_copy, check=False)
    assert gate.returncode == 1
    assert "gate failed: contracts: json_validity 0.000 < 0.90" in gate.stderr
    shown = json.loads(run(["dvc", "metrics", "show", "--json"], repo_copy).stdout)
    assert any("metrics/contracts/eval.json" in files.get("data", {}) for files in shown.values())
