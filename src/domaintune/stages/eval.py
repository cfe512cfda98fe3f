"""eval@<domain>: score the merged model on the held-out test split and on the golden tests.

    domaintune eval contracts

Writes metrics/<d>/eval.json (json_validity, schema_compliance, field_accuracy overall and per field,
array F1, exact_match, ROUGE-L/chrF/BLEU of the raw answers, val perplexity, generation tokens/s; under
`golden` the same model's validity, schema compliance and field accuracy on golden_tests/<d>.jsonl, so a
sweep that stops at eval@<d> is ranked on the golden tests without exporting GGUF files) and
metrics/<d>/predictions.jsonl (every answer, for inspection) and metrics/<d>/eval_errors.json (the answers'
errors by field: field_errors.py).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from domaintune import atomic, config, field_errors
from domaintune.generate import generate, load_model, weights
from domaintune.golden import read_golden
from domaintune.metrics import aggregate, score, text_metrics
from domaintune.records import read_rows
from domaintune.validate import Schema


def completion_perplexity(model, tokenizer, rows: list[dict]) -> float:
    """exp(mean NLL of the answer tokens), the quantity the training loss measures."""
    import torch

    total_nll, total_tokens = 0.0, 0
    for row in rows:
        prompt = tokenizer.apply_chat_template(row["prompt"], add_generation_prompt=True, tokenize=True, return_dict=True)["input_ids"]
        full = tokenizer.apply_chat_template(row["prompt"] + row["completion"], tokenize=True, return_dict=True)["input_ids"]
        labels = torch.tensor([[-100] * len(prompt) + full[len(prompt):]])
        with torch.no_grad():
            loss = model(input_ids=torch.tensor([full]).to(model.device), labels=labels.to(model.device)).loss.item()
        answer_tokens = len(full) - len(prompt)
        total_nll += loss * answer_tokens
        total_tokens += answer_tokens
    return math.exp(total_nll / total_tokens) if total_tokens else float("nan")


def scored(run, rows: list[dict], schema: Schema) -> tuple[dict, list[dict]]:
    """Metrics and per-row predictions of a generation run's answers to prompt/completion rows."""
    references = [r["completion"][0]["content"] for r in rows]
    expected = [json.loads(ref) for ref in references]
    scores = [score(g.text, e, schema) for g, e in zip(run.outputs, expected, strict=True)]
    metrics = {
        **aggregate(scores),
        **text_metrics([g.text for g in run.outputs], references),
        "generation_tokens_per_second": run.tokens_per_second,
        "generation_seconds": round(run.seconds, 2),
    }
    predictions = [
        {"user": r["prompt"][-1]["content"], "expected": e, "output": g.text, "valid_json": s.valid_json,
         "schema_valid": s.schema_valid, "exact_match": s.exact_match, "errors": s.errors,
         "wrong_fields": [k for k, ok in s.fields.items() if not ok]}
        for r, e, g, s in zip(rows, expected, run.outputs, scores, strict=True)
    ]
    return metrics, predictions


def evaluate(model, tokenizer, rows: list[dict], schema: Schema, params: config.Params) -> tuple[dict, list[dict]]:
    """Generate answers for prompt/completion rows with the HF model and score them against the completions."""
    run = generate(model, tokenizer, [r["prompt"] for r in rows], params.eval.max_new_tokens, params.eval.batch_size)
    metrics, predictions = scored(run, rows, schema)
    metrics["weights"] = weights(model)  # 16-bit also after QLoRA training: what is scored is what is exported
    return metrics, predictions


GOLDEN_METRICS = ("n", "json_validity", "schema_compliance", "field_accuracy")


def main(domain: str) -> dict:
    params = config.load(domain)
    paths = config.DomainPaths(domain)
    schema = Schema.load(paths.schema)
    model, tokenizer = load_model(paths.models / "merged", params.model, trust_remote_code=params.base.trust_remote_code)
    metrics, predictions = evaluate(model, tokenizer, read_rows(paths.processed / "test.jsonl"), schema, params)
    golden_rows = read_golden(Path("golden_tests") / f"{domain}.jsonl", schema,
                              paths.prompt.read_text(encoding="utf-8").strip())
    golden, _ = evaluate(model, tokenizer, golden_rows, schema, params)
    metrics["golden"] = {k: golden[k] for k in GOLDEN_METRICS}
    metrics["val_perplexity"] = round(completion_perplexity(model, tokenizer, read_rows(paths.processed / "val.jsonl")), 4)
    errors = field_errors.of_predictions(predictions, schema.schema)
    atomic.write_jsonl(paths.metrics / "predictions.jsonl", predictions)
    atomic.write_json(paths.metrics / "eval_errors.json", errors)
    atomic.write_json(paths.metrics / "eval.json", metrics)
    print(f"eval@{domain}: validity {metrics['json_validity']}, schema {metrics['schema_compliance']}, "
          f"fields {metrics['field_accuracy']}, exact {metrics['exact_match']}, ppl {metrics['val_perplexity']}; "
          f"golden fields {metrics['golden']['field_accuracy']}")
    return metrics
