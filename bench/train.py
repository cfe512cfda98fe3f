"""Training throughput: our train stage against the naive fine-tuning script most people start from, on the
same data, model and number of optimizer steps, each side in a fresh child process (for a clean peak RSS).

    .venv/bin/python bench/train.py --domain contracts --steps 6

naive: HF Trainer + peft LoRA, fp32 weights, every example padded to model.max_seq_length, no packing,
batch 2 x accumulation 4, loss on every token. ours: `domaintune.stages.train.train` with params.yaml
(max_steps overridden). Tokens/s counts real (non-padding) tokens only. The hardware limit is the
measured bf16 matmul throughput of this machine / (4 x parameter count) FLOPs per token: LoRA training
runs the frozen weights forward (2N) and backward for the input gradients (2N).
Prints a table, last line the headline ratio; writes bench/results/train.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from domaintune import config


def peak_rss_gb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2, 3)


def matmul_flops(dtype_name: str = "bfloat16", n: int = 2048, repeats: int = 10) -> float:
    import torch

    dtype = getattr(torch, dtype_name)
    a, b = torch.randn(n, n, dtype=dtype), torch.randn(n, n, dtype=dtype)
    a @ b
    start = time.perf_counter()
    for _ in range(repeats):
        a @ b
    return 2 * n**3 * repeats / (time.perf_counter() - start)


def run_ours(domain: str, steps: int) -> dict:
    from domaintune.stages.train import train

    params = config.load(domain, ROOT / "params.yaml")
    # One validation example for the stage's eval-on-start: the naive side evaluates nothing.
    params = dataclasses.replace(params, train=dataclasses.replace(params.train, max_steps=steps, eval_steps=10**6,
                                                                   eval_samples=1))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "data" / "processed").mkdir(parents=True)
        (root / "data" / "processed" / domain).symlink_to(ROOT / "data" / "processed" / domain)
        (root / "models").mkdir()
        (root / "models" / "base").symlink_to(ROOT / config.BASE_MODEL_DIR)
        metrics = train(domain, params, config.DomainPaths(domain, root=root))
    return {"tokens": metrics["tokens_seen"], "seconds": metrics["wall_seconds"],
            "samples_per_step": params.train.batch_size * params.train.grad_accum}


def run_naive(domain: str, steps: int) -> dict:
    import torch
    from datasets import Dataset
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments

    params = config.load(domain, ROOT / "params.yaml")
    base = ROOT / config.BASE_MODEL_DIR
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForCausalLM.from_pretrained(base, dtype=torch.float32, use_safetensors=True)
    model = get_peft_model(model, LoraConfig(r=params.lora.r, lora_alpha=params.lora.alpha, target_modules="all-linear",
                                             task_type="CAUSAL_LM"))
    rows = [json.loads(x) for x in (ROOT / "data/processed" / domain / "train.jsonl").read_text().splitlines()]
    texts = [tokenizer.apply_chat_template(r["prompt"] + r["completion"], tokenize=False) for r in rows]
    enc = tokenizer(texts, padding="max_length", truncation=True, max_length=params.model.max_seq_length)
    enc["labels"] = [[t if m else -100 for t, m in zip(ids, mask, strict=True)]
                     for ids, mask in zip(enc["input_ids"], enc["attention_mask"], strict=True)]
    real_tokens_per_row = [sum(m) for m in enc["attention_mask"]]
    batch, accum = 2, 4
    with tempfile.TemporaryDirectory() as tmp:
        args = TrainingArguments(output_dir=tmp, per_device_train_batch_size=batch, gradient_accumulation_steps=accum,
                                 max_steps=steps, learning_rate=2e-4, logging_steps=1, report_to="none", use_cpu=True,
                                 save_strategy="no", seed=0, data_seed=0, dataloader_num_workers=0)
        trainer = Trainer(model=model, args=args, train_dataset=Dataset.from_dict(dict(enc)))
        start = time.perf_counter()
        trainer.train()
        seconds = time.perf_counter() - start
    # The sampler is seeded, but simpler and exact enough: the mean real length times the rows seen.
    rows_seen = steps * batch * accum
    tokens = round(sum(real_tokens_per_row) / len(real_tokens_per_row) * rows_seen)
    return {"tokens": tokens, "seconds": round(seconds, 1), "samples_per_step": batch * accum}


def child(side: str, domain: str, steps: int) -> dict:
    result = (run_ours if side == "ours" else run_naive)(domain, steps)
    result["tokens_per_second"] = round(result["tokens"] / result["seconds"], 1)
    result["peak_rss_gb"] = peak_rss_gb()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--domain", default="contracts")
    parser.add_argument("--steps", type=int, default=6, help="optimizer steps on each side")
    parser.add_argument("--side", choices=["ours", "naive"], help=argparse.SUPPRESS)  # child process mode
    args = parser.parse_args()
    if args.side:
        print(json.dumps(child(args.side, args.domain, args.steps)))
        return

    results = {}
    for side in ("naive", "ours"):
        proc = subprocess.run([sys.executable, __file__, "--side", side, "--domain", args.domain, "--steps", str(args.steps)],
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            sys.exit(f"bench/train.py: {side} run failed:\n{proc.stderr[-3000:]}")
        results[side] = json.loads(proc.stdout.strip().splitlines()[-1])
    from transformers import AutoConfig, AutoModelForCausalLM

    with __import__("accelerate").init_empty_weights():
        model = AutoModelForCausalLM.from_config(AutoConfig.from_pretrained(ROOT / config.BASE_MODEL_DIR))
    model.tie_weights()  # SmolLM2's lm_head is its embedding matrix: count it once
    n_params = sum(p.numel() for p in model.parameters())
    flops = matmul_flops()
    limit = flops / (4 * n_params)
    summary = {
        "domain": args.domain, "steps": args.steps, "parameters": n_params,
        "bf16_matmul_gflops": round(flops / 1e9, 1), "hardware_limit_tokens_per_second": round(limit, 1),
        **results,
        "speedup": round(results["ours"]["tokens_per_second"] / results["naive"]["tokens_per_second"], 2),
        "memory_ratio": round(results["ours"]["peak_rss_gb"] / results["naive"]["peak_rss_gb"], 2),
        "fraction_of_hardware_limit": round(results["ours"]["tokens_per_second"] / limit, 3),
    }
    out = ROOT / "bench" / "results" / "train.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"{'side':<8}{'samples/step':>13}{'tokens':>9}{'seconds':>9}{'tokens/s':>10}{'peak RSS GiB':>14}")
    for side in ("naive", "ours"):
        r = results[side]
        print(f"{side:<8}{r['samples_per_step']:>13}{r['tokens']:>9}{r['seconds']:>9}{r['tokens_per_second']:>10}{r['peak_rss_gb']:>14}")
    print(f"bf16 matmul {summary['bf16_matmul_gflops']} GFLOP/s -> LoRA limit {summary['hardware_limit_tokens_per_second']} tokens/s "
          f"for {n_params / 1e6:.0f}M parameters; ours reaches {summary['fraction_of_hardware_limit']:.1%} of it")
    print(f"ours vs naive training: {summary['speedup']}x real tokens/s, {summary['memory_ratio']}x peak RSS")


if __name__ == "__main__":
    main()
