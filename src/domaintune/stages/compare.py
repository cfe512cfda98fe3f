"""compare@<domain>: the golden tests on the fine-tuned model and on the baselines a user would try first.

    domaintune compare contracts    # after gguf-base and gguf-export@contracts

Rows (params.yaml `compare`): base (the untuned model), base_few_shot (`few_shot` train-split examples in the
prompt), base_constrained (decoding under the llama.cpp grammar of the domain's schema), finetuned and
finetuned_constrained. Every row runs on the llama.cpp engine (engine.py) with the f16 GGUF files
(models/base-gguf/base-f16.gguf and models/<d>/gguf/<d>-f16.gguf: exactly the float16 weights that merge
wrote), same golden prompts, greedy decoding and metrics. `gates.beats_base` compares the fine-tuned model
with the strongest baseline (highest golden field accuracy).
Writes metrics/<d>/compare.json (every row, the strongest baseline and the deltas), metrics/<d>/compare.md
(the table, then the fine-tuned model's errors by field), metrics/<d>/compare_errors.json (those errors:
field_errors.py) and metrics/<d>/compare_predictions.jsonl (every row's answer per golden test).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from domaintune import atomic, config, field_errors
from domaintune.engine import Engine, chat_answers
from domaintune.generate import load_tokenizer
from domaintune.golden import leakage, read_golden
from domaintune.records import read_rows
from domaintune.stages.eval import scored
from domaintune.stages.gguf_base import BASE_GGUF
from domaintune.validate import Schema

HEADLINE = ("json_validity", "schema_compliance", "field_accuracy", "exact_match", "array_f1", "rougeL")
SIDE_NAMES = ("base", "base_few_shot", "base_constrained", "finetuned", "finetuned_constrained")
BASELINES = ("base", "base_few_shot", "base_constrained")


@dataclass(frozen=True)
class Side:
    gguf: Path
    tokenizer: Path  # whose chat template renders the prompts
    few_shot: int = 0
    constrained: bool = False


def few_shot_prompt(system_prompt: str, train_rows: list[dict], k: int, seed: int) -> list[dict]:
    """The few-shot baseline's prompt head: the system prompt, then k train-split examples as user/assistant
    turns, a fixed seeded choice (the same for every golden test, so llama.cpp computes it once)."""
    chosen = sorted(random.Random(seed).sample(range(len(train_rows)), min(k, len(train_rows))))
    turns = [m for i in chosen for m in (train_rows[i]["prompt"][-1], train_rows[i]["completion"][0])]
    return [{"role": "system", "content": system_prompt}, *turns]


def sides(domain: str, paths: config.DomainPaths, params: config.Params) -> dict[str, Side]:
    base_gguf, tuned_gguf = paths.root / BASE_GGUF, paths.models / "gguf" / f"{domain}-f16.gguf"
    k = params.compare.few_shot
    return {
        "base": Side(base_gguf, paths.root / config.BASE_MODEL_DIR),
        **({"base_few_shot": Side(base_gguf, paths.root / config.BASE_MODEL_DIR, few_shot=k)} if k else {}),
        "base_constrained": Side(base_gguf, paths.root / config.BASE_MODEL_DIR, constrained=True),
        "finetuned": Side(tuned_gguf, paths.models / "adapter"),
        "finetuned_constrained": Side(tuned_gguf, paths.models / "adapter", constrained=True),
    }


def strongest_baseline(result: dict) -> str:
    """The baseline with the highest golden field accuracy (the first listed on a tie): what beats_base gates on."""
    return max((s for s in BASELINES if s in result), key=lambda s: result[s]["field_accuracy"])


def deltas(base: dict, tuned: dict) -> dict:
    return {k: round(tuned[k] - base[k], 4) for k in (*HEADLINE, "generation_tokens_per_second")
            if isinstance(base.get(k), int | float) and isinstance(tuned.get(k), int | float)}


def table(domain: str, result: dict) -> str:
    names = [s for s in SIDE_NAMES if s in result]
    strongest = result["strongest_baseline"]
    lines = [f"### {domain}: golden tests ({result['finetuned']['n']} examples), llama.cpp f16 GGUF files", "",
             "| metric | " + " | ".join(n.replace("_", " ") for n in names) + f" | fine-tuned vs {strongest.replace('_', ' ')} |",
             "| --- |" + " ---: |" * (len(names) + 1)]
    delta = result["delta_vs_strongest"]
    for k in HEADLINE:
        if k in delta:
            lines.append(f"| {k} | " + " | ".join(f"{result[n][k]:.3f}" for n in names) + f" | {delta[k]:+.3f} |")
    lines.append("| tokens/s | " + " | ".join(f"{result[n]['generation_tokens_per_second']:.1f}" for n in names) + " | |")
    lines += ["", "| field | " + " | ".join(n.replace("_", " ") for n in names) + " |", "| --- |" + " ---: |" * len(names)]
    lines += [f"| {f} | " + " | ".join(f"{result[n]['per_field'][f]:.2f}" for n in names) + " |"
              for f in result["finetuned"]["per_field"]]
    return "\n".join(lines) + "\n"


def compare(domain: str, params: config.Params, paths: config.DomainPaths, golden: Path) -> dict:
    schema = Schema.load(paths.schema)
    system_prompt = paths.prompt.read_text(encoding="utf-8").strip()
    rows = read_golden(golden, schema, system_prompt)
    train_rows = read_rows(paths.processed / "train.jsonl")
    leaks = leakage([r["prompt"][-1]["content"] for r in rows], [r["prompt"][-1]["content"] for r in train_rows])
    for g in leaks["exact"]:
        print(f"warning: {golden}: golden test {rows[g]['id']} appears verbatim in the training data")
    for near in leaks["near_duplicates"]:
        print(f"warning: {golden}: golden test {rows[near['golden']]['id']} near-duplicates a training input "
              f"({near['overlap']:.0%} of its 8-grams)")
    grammar = Engine.grammar_from_schema(schema.schema)
    head = few_shot_prompt(system_prompt, train_rows, params.compare.few_shot, params.compare.seed)
    result, answers = {}, {}
    engine, loaded = None, None
    try:
        for name, side in sides(domain, paths, params).items():
            if (side.gguf, side.tokenizer) != loaded:  # the base rows, then the fine-tuned rows: each loaded once
                if engine is not None:
                    engine.close()
                engine, loaded = Engine(side.gguf), (side.gguf, side.tokenizer)
                tokenizer = load_tokenizer(side.tokenizer, params.base.trust_remote_code)
            prompts = [head + r["prompt"][1:] if side.few_shot else r["prompt"] for r in rows]
            run = chat_answers(engine, tokenizer, prompts, params.eval.max_new_tokens, params.eval.batch_size,
                               grammar if side.constrained else None)
            result[name], answers[name] = scored(run, rows, schema)
            result[name]["engine"] = {"runtime": "llama.cpp", "file": side.gguf.relative_to(paths.root).as_posix(),
                                      "constrained": side.constrained, "few_shot": side.few_shot}
    finally:
        if engine is not None:
            engine.close()
    result["strongest_baseline"] = strongest_baseline(result)
    result["delta"] = deltas(result["base"], result["finetuned"])
    result["delta_vs_strongest"] = deltas(result[result["strongest_baseline"]], result["finetuned"])
    result["leakage"] = {"exact": len(leaks["exact"]), "near_duplicates": len(leaks["near_duplicates"])}
    errors = field_errors.of_predictions(answers["finetuned"], schema.schema)
    atomic.write_json(paths.metrics / "compare.json", result)
    atomic.write_json(paths.metrics / "compare_errors.json", errors)
    atomic.write_text(paths.metrics / "compare.md", table(domain, result) + "\n" +
                      field_errors.table(errors, f"{domain}: the fine-tuned model on the golden tests"))
    atomic.write_jsonl(paths.metrics / "compare_predictions.jsonl", (
        {"id": r["id"], "category": r["category"], "expected": answers["finetuned"][i]["expected"],
         **{name: answers[name][i]["output"] for name in answers},
         "finetuned_wrong_fields": answers["finetuned"][i]["wrong_fields"]}
        for i, r in enumerate(rows)))
    return result


def main(domain: str) -> dict:
    result = compare(domain, config.load(domain), config.DomainPaths(domain), Path("golden_tests") / f"{domain}.jsonl")
    strongest, f = result[result["strongest_baseline"]], result["finetuned"]
    print(f"compare@{domain}: field accuracy {result['strongest_baseline']} (strongest baseline) "
          f"{strongest['field_accuracy']} -> fine-tuned {f['field_accuracy']} "
          f"(constrained {result['finetuned_constrained']['field_accuracy']}), validity {f['json_validity']}")
    return result
