"""merge parity and predict on the tiny model (real training, real merge, real generation)."""

from __future__ import annotations

import json

from domaintune import cli, config
from domaintune.stages.merge import merge
from domaintune.stages.train import train
from test_train import rows, tiny_params, write_split


def test_merged_model_matches_base_plus_adapter_and_predict_answers_in_input_order(workspace, capsys):
    write_split(workspace, rows(24), rows(24)[:4])
    paths = config.DomainPaths("contracts")
    train("contracts", tiny_params(), paths)
    metrics = merge("contracts", config.load("contracts"), paths)
    assert metrics["samples"] == 4
    assert metrics["max_abs_logit_diff"] <= 3.0 and metrics["top1_agreement"] >= 0.98
    merged = workspace / "models/contracts/merged"
    for name in ("model.safetensors", "config.json", "generation_config.json", "tokenizer.json", "chat_template.jinja", "README.md"):
        assert (merged / name).is_file(), name
    assert not list(merged.glob("adapter_*"))
    assert json.loads((workspace / "metrics/contracts/merge.json").read_text()) == metrics

    inputs = ["Short clause.", "A much longer clause " * 12, {"messages": [{"role": "user", "content": "Chat-style clause."}]}, "Mid-size clause text here."]
    lines = [{"input": x, "id": i} if isinstance(x, str) else {**x, "id": i} for i, x in enumerate(inputs)]
    (workspace / "in.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    for model in (None, "models/contracts/adapter", "models/base"):
        argv = ["predict", "contracts", "--input", "in.jsonl", "--output", "out.jsonl", *(["--model", model] if model else [])]
        assert cli.run(argv) == 0, capsys.readouterr().err
        out = [json.loads(x) for x in (workspace / "out.jsonl").read_text().splitlines()]
        assert [o["id"] for o in out] == [0, 1, 2, 3]
        for o in out:
            assert {"output", "parsed", "valid_json", "schema_valid", "errors"} <= set(o)
            assert o["valid_json"] == (o["parsed"] is not None)
            assert isinstance(o["output"], str)


def test_predict_rejects_a_line_without_input(workspace, capsys):
    (workspace / "in.jsonl").write_text('{"input": "ok"}\n{"text": "no input"}\n')
    assert cli.run(["predict", "contracts", "--input", "in.jsonl", "--output", "out.jsonl", "--model", "models/base"]) == 1
    assert "in.jsonl:2: input: expected a non-empty" in capsys.readouterr().err
    assert not (workspace / "out.jsonl").exists()
