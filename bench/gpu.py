"""GPU training throughput and memory: Unsloth against peft on a SmolLM3-3B-shaped Llama with random weights
(the shape decides speed and memory, not the values), LoRA r=16 on all linear layers, bf16, sequence 2048.
Each backend runs in its own child process so peak VRAM is its own. Without CUDA it says so and exits 0.

    .venv/bin/python bench/gpu.py --steps 20

Prints a table, last line the headline ratio; writes bench/results/gpu.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# HuggingFaceTB/SmolLM3-3B's shape, as a plain Llama so both backends know the architecture.
SHAPE = {"hidden_size": 2048, "intermediate_size": 11008, "num_hidden_layers": 36, "num_attention_heads": 16,
             "num_key_value_heads": 4, "vocab_size": 128256, "max_position_embeddings": 4096, "tie_word_embeddings": True}


def build_model_dir(path: Path) -> None:
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    with torch.device("cuda"):
        model = LlamaForCausalLM(LlamaConfig(**SHAPE, torch_dtype="bfloat16")).to(torch.bfloat16)
    model.save_pretrained(path, safe_serialization=True)
    AutoTokenizer.from_pretrained(ROOT / "models" / "base").save_pretrained(path)  # any tokenizer: ids are random


def run(backend: str, model_dir: Path, steps: int, seq: int, batch: int) -> dict:
    import torch

    if backend == "unsloth":
        from unsloth import FastLanguageModel

        model, _ = FastLanguageModel.from_pretrained(str(model_dir), max_seq_length=seq, dtype=torch.bfloat16,
                                                     load_in_4bit=False, local_files_only=True)
        model = FastLanguageModel.get_peft_model(model, r=16, lora_alpha=32, target_modules=[
            "q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
            use_gradient_checkpointing="unsloth", random_state=0)
    else:
        from peft import LoraConfig, get_peft_model
        from transformers import AutoModelForCausalLM

        model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.bfloat16, device_map="cuda")
        model.gradient_checkpointing_enable()
        model.enable_input_require_grads()
        model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, target_modules="all-linear", task_type="CAUSAL_LM"))
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-4)
    ids = torch.randint(0, SHAPE["vocab_size"], (batch, seq), device="cuda", generator=torch.Generator("cuda").manual_seed(0))
    torch.cuda.reset_peak_memory_stats()
    for step in range(steps + 2):  # two warm-up steps (kernel compilation, allocator)
        if step == 2:
            torch.cuda.synchronize()
            start = time.perf_counter()
        loss = model(input_ids=ids, labels=ids).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
    torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    return {"tokens_per_second": round(steps * batch * seq / seconds, 1), "seconds": round(seconds, 2),
            "peak_vram_gb": round(torch.cuda.max_memory_allocated() / 1024**3, 2), "device": torch.cuda.get_device_name()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--seq", type=int, default=2048)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--backend", choices=["unsloth", "peft"], help=argparse.SUPPRESS)  # child mode
    parser.add_argument("--model-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    import torch

    if not torch.cuda.is_available():
        print("bench/gpu.py: no CUDA device here; skipped (run it on a GPU machine with `pip install -e .[gpu]`)")
        return
    if args.backend:
        print(json.dumps(run(args.backend, Path(args.model_dir), args.steps, args.seq, args.batch)))
        return
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        build_model_dir(Path(tmp))
        for backend in ("peft", "unsloth"):
            proc = subprocess.run([sys.executable, __file__, "--backend", backend, "--model-dir", tmp, "--steps", str(args.steps),
                                   "--seq", str(args.seq), "--batch", str(args.batch)], capture_output=True, text=True, check=False)
            results[backend] = (json.loads(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0
                                else {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"})
    summary = {"shape": SHAPE, "seq": args.seq, "batch": args.batch, "steps": args.steps, **results}
    ok = all("error" not in results[b] for b in results)
    if ok:
        summary["speedup"] = round(results["unsloth"]["tokens_per_second"] / results["peft"]["tokens_per_second"], 2)
        summary["vram_ratio"] = round(results["unsloth"]["peak_vram_gb"] / results["peft"]["peak_vram_gb"], 2)
    out = ROOT / "bench" / "results" / "gpu.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"{'backend':<10}{'tokens/s':>10}{'peak VRAM GiB':>15}")
    for backend, r in results.items():
        print(f"{backend:<10}{r.get('tokens_per_second', '-'):>10}{r.get('peak_vram_gb', '-'):>15}  {r.get('error', '')}")
    if ok:
        print(f"unsloth vs peft: {summary['speedup']}x tokens/s, {summary['vram_ratio']}x peak VRAM")


if __name__ == "__main__":
    main()
