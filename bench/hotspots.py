"""Where the time goes: torch profiler over a few training steps, or over batched generation.

    .venv/bin/python bench/hotspots.py train --domain contracts --steps 8
    .venv/bin/python bench/hotspots.py generate --domain contracts --n 16

train: the real train stage as `bench/train.py` runs it (params.yaml, max_steps overridden, a temp root).
generate: `domaintune.generate.generate` on the first N golden prompts in one batch, as eval/compare run it.
Prints the top operators by self CPU time and the matmul share; writes bench/results/hotspots_<what>.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

MATMULS = {"aten::mm", "aten::addmm", "aten::bmm"}


def profile_train(args) -> dict:
    from train import run_ours  # bench/train.py

    return run_ours(args.domain, args.steps)


def profile_generate(args) -> dict:
    from eval_generation import golden_prompts  # bench/eval_generation.py

    from domaintune import config
    from domaintune.generate import generate, load_model

    params = config.load(args.domain, ROOT / "params.yaml")
    prompts = golden_prompts(args.domain)[: args.n]
    model, tokenizer = load_model(config.DomainPaths(args.domain, root=ROOT).models / "merged", params.model)
    generate(model, tokenizer, prompts[:2], 8, 2)  # warm-up outside the profile
    from torch.profiler import ProfilerActivity, profile

    with profile(activities=[ProfilerActivity.CPU]) as args.prof:
        run = generate(model, tokenizer, prompts, params.eval.max_new_tokens, batch_size=len(prompts))
    return {"tokens": sum(g.new_tokens for g in run.outputs), "seconds": round(run.seconds, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["train", "generate"])
    parser.add_argument("--domain", default="contracts")
    parser.add_argument("--steps", type=int, default=8, help="train: optimizer steps")
    parser.add_argument("--n", type=int, default=16, help="generate: golden prompts, one batch")
    parser.add_argument("--rows", type=int, default=20)
    args = parser.parse_args()

    from torch.profiler import ProfilerActivity, profile

    if args.what == "train":
        with profile(activities=[ProfilerActivity.CPU]) as args.prof:
            result = profile_train(args)
    else:
        result = profile_generate(args)
    averages = args.prof.key_averages()
    total = sum(e.self_cpu_time_total for e in averages)
    top = sorted(averages, key=lambda e: e.self_cpu_time_total, reverse=True)[: args.rows]
    rows = [{"op": e.key, "calls": e.count, "self_s": round(e.self_cpu_time_total / 1e6, 2),
             "share": round(e.self_cpu_time_total / total, 3)} for e in top]
    print(f"{'operator':<48} {'calls':>8} {'self s':>8} {'share':>6}")
    for r in rows:
        print(f"{r['op'][:48]:<48} {r['calls']:>8} {r['self_s']:>8} {r['share']:>6.1%}")
    matmul = sum(e.self_cpu_time_total for e in averages if e.key in MATMULS) / total
    calls = sum(e.count for e in averages if e.key.startswith("aten::"))
    out = ROOT / "bench" / "results" / f"hotspots_{args.what}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"what": args.what, "domain": args.domain, **result, "aten_calls": calls,
                               "matmul_share": round(matmul, 3), "top": rows}, indent=2) + "\n")
    print(f"{args.what}: matmul (mm/addmm/bmm) {matmul:.1%} of profiled CPU time, {calls} aten calls "
          f"for {result['tokens']} tokens in {result['seconds']} s")


if __name__ == "__main__":
    main()
