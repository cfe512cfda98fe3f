"""compare@<domain>: the golden tests on the base model and on the merged fine-tuned model.

    domaintune compare contracts

Same prompts (domain system prompt + chat template), same greedy decoding, same metrics for both.
Writes metrics/<d>/compare.json (both sides and fine-tuned minus base), metrics/<d>/compare.md
(a table), and metrics/<d>/compare_predictions.jsonl (both answers per golden test).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from domaintune import atomic, config
from domaintune.errors import StageError
from domaintune.generate import load_model
from domaintune.records import Problem, read_jsonl, read_rows
from domaintune.stages.eval import evaluate
from domaintune.validate import Schema

HEADLINE = ("json_validity", "schema_compliance", "field_accuracy", "exact_match", "array_f1", "rougeL")


def read_golden(path: Path, schema: Schema, system_prompt: str) -> list[dict]:
    """Golden tests as prompt/completion rows; every expected object must satisfy the schema."""
    rows = []
    for lineno, test in read_jsonl(path):
        if isinstance(test, Problem):
            raise StageError(str(test))
        for key in ("input", "expected"):
            if key not in test:
                raise StageError(f"{path}:{lineno}: {key}: missing")
        if not isinstance(test["input"], str) or not test["input"].strip():
            raise StageError(f"{path}:{lineno}: input: expected a non-empty string, got {test['input']!r:.60}")
        if not isinstance(test["expected"], dict):
            raise StageError(f"{path}:{lineno}: expected: expected a JSON object, got {test['expected']!r:.60}")
        errors = schema.errors(test["expected"])
        if errors:
            raise StageError(f"{path}:{lineno}: expected.{errors[0][0]}: {errors[0][1]}")
        rows.append({"id": test.get("id", f"{path.stem}-{lineno}"), "category": test.get("category", ""),
                     "prompt": [{"role": "system", "content": system_prompt}, {"role": "user", "content": test["input"]}],
                     "completion": [{"role": "assistant", "content": json.dumps(schema.canonical(test["expected"]), ensure_ascii=False)}]})
    if not rows:
        raise StageError(f"{path}: no golden tests")
    return rows


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def ngrams(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def leakage(golden_inputs: list[str], train_inputs: list[str], n: int = 8, threshold: float = 0.3) -> dict:
    """Golden inputs found verbatim in the training data, and near-duplicates: a golden input whose
    8-grams occur in one training input at `threshold` or more of its own 8-grams."""
    seen = {_squash(t) for t in train_inputs}
    index: dict[tuple[str, ...], set[int]] = {}
    for i, text in enumerate(train_inputs):
        for gram in ngrams(text, n):
            index.setdefault(gram, set()).add(i)
    exact, near = [], []
    for g, text in enumerate(golden_inputs):
        if _squash(text) in seen:
            exact.append(g)
            continue
        grams = ngrams(text, n)
        hits: dict[int, int] = {}
        for gram in grams:
            for i in index.get(gram, ()):
                hits[i] = hits.get(i, 0) + 1
        best = max(hits.values(), default=0)
        if grams and best / len(grams) >= threshold:
            near.append({"golden": g, "overlap": round(best / len(grams), 3)})
    return {"exact": exact, "near_duplicates": near}


def deltas(base: dict, tuned: dict) -> dict:
    return {k: round(tuned[k] - base[k], 4) for k in (*HEADLINE, "generation_tokens_per_second")
            if isinstance(base.get(k), int | float) and isinstance(tuned.get(k), int | float)}


def table(domain: str, result: dict) -> str:
    base, tuned, delta = result["base"], result["finetuned"], result["delta"]
    lines = [f"### {domain}: golden tests ({base['n']} examples)", "", "| metric | base | fine-tuned | delta |",
             "| --- | ---: | ---: | ---: |"]
    for k in HEADLINE:
        if k in delta:
            lines.append(f"| {k} | {base[k]:.3f} | {tuned[k]:.3f} | {delta[k]:+.3f} |")
    lines += ["", "| field | base | fine-tuned |", "| --- | ---: | ---: |"]
    lines += [f"| {k} | {base['per_field'][k]:.2f} | {tuned['per_field'][k]:.2f} |" for k in tuned["per_field"]]
    return "\n".join(lines) + "\n"


def compare(domain: str, params: config.Params, paths: config.DomainPaths, golden: Path) -> dict:
    schema = Schema.load(paths.schema)
    rows = read_golden(golden, schema, paths.prompt.read_text(encoding="utf-8").strip())
    train_rows = read_rows(paths.processed / "train.jsonl")
    leaks = leakage([r["prompt"][-1]["content"] for r in rows], [r["prompt"][-1]["content"] for r in train_rows])
    for g in leaks["exact"]:
        print(f"warning: {golden}: golden test {rows[g]['id']} appears verbatim in the training data")
    for near in leaks["near_duplicates"]:
        print(f"warning: {golden}: golden test {rows[near['golden']]['id']} near-duplicates a training input "
              f"({near['overlap']:.0%} of its 8-grams)")
    result, answers = {}, {}
    for side, model_dir in (("base", paths.root / config.BASE_MODEL_DIR), ("finetuned", paths.models / "merged")):
        model, tokenizer = load_model(model_dir, params.model, trust_remote_code=params.base.trust_remote_code)
        result[side], answers[side] = evaluate(model, tokenizer, rows, schema, params)  # records `weights` too
        del model
    result["delta"] = deltas(result["base"], result["finetuned"])
    result["leakage"] = {"exact": len(leaks["exact"]), "near_duplicates": len(leaks["near_duplicates"])}
    atomic.write_json(paths.metrics / "compare.json", result)
    atomic.write_text(paths.metrics / "compare.md", table(domain, result))
    atomic.write_jsonl(paths.metrics / "compare_predictions.jsonl", (
        {"id": r["id"], "category": r["category"], "expected": b["expected"], "base": b["output"], "finetuned": f["output"],
         "finetuned_wrong_fields": f["wrong_fields"]}
        for r, b, f in zip(rows, answers["base"], answers["finetuned"], strict=True)))
    return result


def main(domain: str) -> dict:
    result = compare(domain, config.load(domain), config.DomainPaths(domain), Path("golden_tests") / f"{domain}.jsonl")
    b, f = result["base"], result["finetuned"]
    print(f"compare@{domain}: field accuracy {b['field_accuracy']} -> {f['field_accuracy']}, "
          f"validity {b['json_validity']} -> {f['json_validity']}")
    return result
