"""Generation throughput: batched greedy generation (what eval, compare and predict use) against the usual
evaluate loop, one prompt at a time, on the same golden prompts in the same process.

    .venv/bin/python bench/eval_generation.py --domain contracts --n 48 --batch-size 16

Prints a table and, last, the headline ratio; writes bench/results/eval_generation.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from domaintune import config
from domaintune.generate import generate, load_model
from domaintune.stages.compare import read_golden
from domaintune.validate import Schema


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
    rows = read_golden(ROOT / "golden_tests" / f"{args.domain}.jsonl", Schema.load(paths.schema),
                       paths.prompt.read_text(encoding="utf-8").strip())[: args.n]
    prompts = [r["prompt"] for r in rows]
    model, tokenizer = load_model(Path(args.model) if args.model else paths.models / "merged", params.model)
    generate(model, tokenizer, prompts[:2], 8, 2)  # warm-up: first-call allocations and kernel selection

    sequential = generate(model, tokenizer, prompts, args.max_new_tokens, batch_size=1)
    batched = generate(model, tokenizer, prompts, args.max_new_tokens, batch_size=args.batch_size)
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
    }
    results["speedup"] = round(batched.tokens_per_second / sequential.tokens_per_second, 2)
    out = ROOT / "bench" / "results" / "eval_generation.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")

    print(f"{'mode':<12}{'tokens':>8}{'seconds':>10}{'tokens/s':>10}")
    for mode in ("sequential", "batched"):
        r = results[mode]
        print(f"{mode:<12}{r['tokens']:>8}{r['seconds']:>10}{r['tokens_per_second']:>10}")
    print(f"identical outputs: {same:.0%}")
    print(f"batched vs sequential generation: {results['speedup']}x tokens/s")


if __name__ == "__main__":
    main()
