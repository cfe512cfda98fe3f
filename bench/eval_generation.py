"""Generation throughput: batched greedy generation (what eval, compare and predict use) against the usual
evaluate loop, one prompt at a time, on the same golden prompts in the same process; and, for reference,
llama.cpp on the exported q4_k_m GGUF (one prompt at a time, as llama.cpp serves a single stream).

    .venv/bin/python bench/eval_generation.py --domain contracts --n 48 --batch-size 16

Prints a table and, last, the headline ratio; writes bench/results/eval_generation.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from domaintune import config
from domaintune.generate import generate, load_model
from domaintune.stages.compare import read_golden
from domaintune.validate import Schema


def golden_prompts(domain: str) -> list:
    """The chat prompts of the domain's golden tests, as compare@<domain> renders them."""
    paths = config.DomainPaths(domain, root=ROOT)
    rows = read_golden(ROOT / "golden_tests" / f"{domain}.jsonl", Schema.load(paths.schema),
                       paths.prompt.read_text(encoding="utf-8").strip())
    return [r["prompt"] for r in rows]


def llama_cpp_run(path: Path, tokenizer, prompts: list, max_new_tokens: int) -> dict | None:
    """Greedy llama.cpp answers for the same rendered prompts; None when the GGUF has not been exported."""
    if not path.is_file():
        return None
    from domaintune import gguf
    from domaintune.stages.gguf_export import STOP_TOKENS

    llm = gguf.load(path)
    stops = [tokenizer.convert_tokens_to_ids(t) for t in STOP_TOKENS]
    ids = [tokenizer.apply_chat_template(p, add_generation_prompt=True, tokenize=True, return_dict=True)["input_ids"]
           for p in prompts]
    gguf.complete(llm, ids[0], 8, stops)  # warm-up
    tokens, start = 0, time.perf_counter()
    for prompt_ids in ids:
        answer, stopped = gguf.greedy_ids(llm, prompt_ids, max_new_tokens, stops)
        tokens += len(answer) + stopped  # the end-of-turn token too, as HF's count does
    seconds = time.perf_counter() - start
    return {"tokens": tokens, "seconds": round(seconds, 2), "tokens_per_second": round(tokens / seconds, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--domain", default="contracts")
    parser.add_argument("--model", help="model directory (default: models/DOMAIN/merged)")
    parser.add_argument("--n", type=int, default=48, help="golden prompts to generate for")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--max-new-tokens", type=int, default=256)
    args = parser.parse_args()

    paths = config.DomainPaths(args.domain, root=ROOT)
    params = config.load(args.domain, ROOT / "params.yaml")
    prompts = golden_prompts(args.domain)[: args.n]
    model, tokenizer = load_model(Path(args.model) if args.model else paths.models / "merged", params.model)
    generate(model, tokenizer, prompts[:2], 8, 2)  # warm-up: first-call allocations and kernel selection

    sequential = generate(model, tokenizer, prompts, args.max_new_tokens, batch_size=1)
    batched = generate(model, tokenizer, prompts, args.max_new_tokens, batch_size=args.batch_size)
    # Where the time goes: the same batches with one new token each is (almost) only the prompt prefill,
    # which no batching can shrink below one forward pass over every prompt token.
    prefill = generate(model, tokenizer, prompts, 1, batch_size=args.batch_size).seconds
    sequential_prefill = generate(model, tokenizer, prompts, 1, batch_size=1).seconds
    llama = llama_cpp_run(ROOT / "models" / args.domain / "gguf" / f"{args.domain}-q4_k_m.gguf", tokenizer, prompts,
                          args.max_new_tokens)
    same = sum(a.text == b.text for a, b in zip(sequential.outputs, batched.outputs, strict=True)) / len(prompts)
    results = {
        "domain": args.domain,
        "prompts": len(prompts),
        "batch_size": args.batch_size,
        "sequential": {"tokens": sum(g.new_tokens for g in sequential.outputs), "seconds": round(sequential.seconds, 2),
                       "tokens_per_second": sequential.tokens_per_second},
        "batched": {"tokens": sum(g.new_tokens for g in batched.outputs), "seconds": round(batched.seconds, 2),
                    "tokens_per_second": batched.tokens_per_second},
        "identical_outputs": round(same, 4),
        "prefill_seconds": {"batched": round(prefill, 2), "sequential": round(sequential_prefill, 2)},
    }
    if llama:
        results["llama_cpp_q4_k_m"] = llama
    results["speedup"] = round(batched.tokens_per_second / sequential.tokens_per_second, 2)
    out = ROOT / "bench" / "results" / "eval_generation.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")

    print(f"{'mode':<12}{'tokens':>8}{'seconds':>10}{'tokens/s':>10}")
    for mode in ("sequential", "batched", "llama_cpp_q4_k_m"):
        if mode not in results:
            continue
        r = results[mode]
        print(f"{mode:<12}{r['tokens']:>8}{r['seconds']:>10}{r['tokens_per_second']:>10}")
    print(f"identical outputs: {same:.0%}")
    print(f"prompt prefill: {prefill:.1f} s of the batched run's {batched.seconds:.1f} s "
          f"(one prompt at a time: {sequential_prefill:.1f} s of {sequential.seconds:.1f} s)")
    print(f"batched vs sequential generation: {results['speedup']}x tokens/s")


if __name__ == "__main__":
    main()
