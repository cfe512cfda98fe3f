"""Generation throughput on a domain's golden prompts, every engine in one process on the same prompts:
the llama.cpp batched engine (engine.py: what compare and the GGUF checks use), with and without the schema's
grammar, against the usual evaluate loop (HF, one prompt at a time: the baseline), HF batched generate (what
eval uses), and one llama.cpp stream (the engine at width 1, no shared prefix).

    .venv/bin/python bench/eval_generation.py --domain contracts --n 48 --width 16

Prints a table (ratios against the HF one-at-a-time loop) and the batched engine's agreement with one-at-a-time
decoding of the same f16 file; last line the headline ratio. Writes bench/results/eval_generation.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from domaintune import config
from domaintune.engine import Engine, chat_answers
from domaintune.generate import generate, load_model, load_tokenizer
from domaintune.golden import read_golden
from domaintune.modeling import compute_dtype
from domaintune.stages.gguf_export import agreement
from domaintune.validate import Schema


def row(run) -> dict:
    return {"tokens": sum(g.new_tokens for g in run.outputs), "seconds": round(run.seconds, 2),
            "tokens_per_second": run.tokens_per_second}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--domain", default="contracts")
    parser.add_argument("--n", type=int, default=48, help="golden prompts to generate for")
    parser.add_argument("--width", type=int, default=16, help="sequences decoded together (engine and HF batch)")
    parser.add_argument("--max-new-tokens", type=int, default=256)
    args = parser.parse_args()

    paths = config.DomainPaths(args.domain, root=ROOT)
    params = config.load(args.domain, ROOT / "params.yaml")
    schema = Schema.load(paths.schema)
    rows = read_golden(ROOT / "golden_tests" / f"{args.domain}.jsonl", schema, paths.prompt.read_text(encoding="utf-8").strip())
    prompts = [r["prompt"] for r in rows][: args.n]
    f16 = paths.models / "gguf" / f"{args.domain}-f16.gguf"
    runs = {}

    model, tokenizer = load_model(paths.models / "merged", params.model)
    generate(model, tokenizer, prompts[:2], 8, 2)  # warm-up: first-call allocations and kernel selection
    runs["hf_one_at_a_time"] = generate(model, tokenizer, prompts, args.max_new_tokens, batch_size=1)
    runs["hf_batched"] = generate(model, tokenizer, prompts, args.max_new_tokens, batch_size=args.width)
    del model

    tokenizer = load_tokenizer(paths.models / "adapter")
    grammar = Engine.grammar_from_schema(schema.schema)
    with Engine(f16) as engine:
        chat_answers(engine, tokenizer, prompts[:2], 8, 2)  # warm-up
        runs["llama_cpp_one_stream"] = chat_answers(engine, tokenizer, prompts, args.max_new_tokens, width=1, share_prefix=False)
        runs["engine_batched"] = chat_answers(engine, tokenizer, prompts, args.max_new_tokens, width=args.width)
        runs["engine_batched_no_shared_prefix"] = chat_answers(engine, tokenizer, prompts, args.max_new_tokens,
                                                               width=args.width, share_prefix=False)
        runs["engine_batched_constrained"] = chat_answers(engine, tokenizer, prompts, args.max_new_tokens,
                                                          width=args.width, grammar=grammar)

    baseline = runs["hf_one_at_a_time"].tokens_per_second
    texts = {name: [g.text for g in run.outputs] for name, run in runs.items()}
    results = {
        "domain": args.domain, "prompts": len(prompts), "width": args.width, "weights": {"hf": f"merged, {compute_dtype(params.model)} compute", "llama_cpp": f16.name},
        "runs": {name: {**row(run), "vs_hf_one_at_a_time": round(run.tokens_per_second / baseline, 2)}
                 for name, run in runs.items()},
        "engine_vs_one_stream": agreement(texts["engine_batched"], texts["llama_cpp_one_stream"], 0.95),
        "constrained_slowdown": round(runs["engine_batched"].tokens_per_second
                                      / runs["engine_batched_constrained"].tokens_per_second, 2),
    }
    out = ROOT / "bench" / "results" / "eval_generation.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")

    print(f"{'run':<34}{'tokens':>8}{'seconds':>10}{'tokens/s':>10}{'vs HF 1x1':>11}")
    for name, r in results["runs"].items():
        print(f"{name:<34}{r['tokens']:>8}{r['seconds']:>10}{r['tokens_per_second']:>10}{r['vs_hf_one_at_a_time']:>10}x")
    a = results["engine_vs_one_stream"]
    print(f"batched engine vs one llama.cpp stream, same f16 file: parsed JSON {a['parsed']}, exact text {a['text']}")
    print(f"grammar-constrained decoding: {results['constrained_slowdown']}x the unconstrained time")
    print(f"batched engine vs the HF one-at-a-time loop: {results['runs']['engine_batched']['vs_hf_one_at_a_time']}x tokens/s")


if __name__ == "__main__":
    main()
