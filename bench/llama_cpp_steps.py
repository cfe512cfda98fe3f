"""What one llama.cpp decode step costs on this CPU, by tokens per step: the ceiling of the batched engine.

    .venv/bin/python bench/llama_cpp_steps.py --domain contracts

One `llama_decode` of N tokens of one sequence (N = 1, 2, 16, 64, 512; short context, so attention is cheap) for the
f16 and q8_0 files of the domain: milliseconds a step, tokens/s and the matmul rate it implies (2 x parameters
per token). Last line: tokens/s of the 16-token step against the 1-token step (what batching 16 sequences can buy).
Writes bench/results/llama_cpp_steps.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from domaintune.engine import Engine

SIZES = (1, 2, 16, 64, 512)


def step_seconds(engine: Engine, n: int, repeats: int = 3) -> float:
    from llama_cpp import llama_cpp as ll

    with engine._context(2048, 512, 1) as ctx:
        batch = ll.llama_batch_init(512, 0, 1)
        try:
            batch.n_tokens = n
            for i in range(n):
                batch.token[i], batch.pos[i], batch.n_seq_id[i] = 1 + (i * 7919) % 40000, i, 1
                batch.seq_id[i][0], batch.logits[i] = 0, i == n - 1
            mem = ll.llama_get_memory(ctx)
            ll.llama_decode(ctx, batch)  # warm-up
            start = time.perf_counter()
            for _ in range(repeats):
                ll.llama_memory_seq_rm(mem, 0, -1, -1)
                ll.llama_decode(ctx, batch)
            return (time.perf_counter() - start) / repeats
        finally:
            ll.llama_batch_free(batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--domain", default="contracts")
    args = parser.parse_args()
    results = {}
    for kind in ("f16", "q8_0"):
        path = ROOT / "models" / args.domain / "gguf" / f"{args.domain}-{kind}.gguf"
        if not path.is_file():
            continue
        with Engine(path) as engine:
            from llama_cpp import llama_cpp as ll

            params = ll.llama_model_n_params(engine._model)
            results[kind] = {}
            for n in SIZES:
                s = step_seconds(engine, n)
                results[kind][n] = {"ms": round(s * 1000, 1), "tokens_per_second": round(n / s), "gflops": round(2 * params * n / s / 1e9)}
    out = ROOT / "bench" / "results" / "llama_cpp_steps.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"{'file':<6}{'tokens/step':>12}{'ms':>9}{'tokens/s':>10}{'GFLOP/s':>9}")
    for kind, rows in results.items():
        for n, r in rows.items():
            print(f"{kind:<6}{n:>12}{r['ms']:>9}{r['tokens_per_second']:>10}{r['gflops']:>9}")
    if "f16" in results:
        f = results["f16"]
        print(f"f16: a 16-token step gives {f[16]['tokens_per_second'] / f[1]['tokens_per_second']:.1f}x the tokens/s of a 1-token step")


if __name__ == "__main__":
    main()
