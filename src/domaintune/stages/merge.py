"""merge@<domain>: fold the LoRA adapter into a 16-bit copy of the base and check it behaves the same.

    domaintune merge contracts

Loads the 16-bit models/base (never the 4-bit weights, even after QLoRA training) upcast to fp32, applies
models/<d>/adapter, `merge_and_unload`s in fp32, rounds once to merge.dtype and writes models/<d>/merged
(safetensors, tokenizer, chat template, generation config, model card). Then it reloads the saved model
and compares its logits with base+adapter at the answer positions of the first few validation examples,
both computed in fp32, so the check measures the merge itself (the one rounding of W + BA to 16 bits) and
not bf16 arithmetic. That rounding is the only expected difference: in bf16 (8 significant bits) it moves
logits by up to ~1.6 and flips ~0.3 % of greedy answer tokens on SmolLM2-135M, in float16 (11 bits, the
default: the f16 GGUF then holds exactly these weights) about 8x less; a broken merge (wrong scaling, a
module left out) flips a large share of them.
metrics/<d>/merge.json records the differences; the stage fails if they exceed merge.max_abs_logit_diff
or the top-1 token agreement drops below merge.min_top1_agreement.
"""

from __future__ import annotations

import json

from domaintune import atomic, config
from domaintune.config import Params
from domaintune.errors import StageError
from domaintune.modeling import pretrained
from domaintune.records import read_rows


def merge(domain: str, params: Params, paths: config.DomainPaths) -> dict:
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    base_dir, adapter_dir = paths.root / config.BASE_MODEL_DIR, paths.models / "adapter"
    dtype = getattr(torch, params.merge.dtype)
    trust = params.base.trust_remote_code
    tokenizer = pretrained(AutoTokenizer, adapter_dir, trust)
    base = pretrained(AutoModelForCausalLM, base_dir, trust, dtype=torch.float32, use_safetensors=True)
    unmerged = PeftModel.from_pretrained(base, adapter_dir).eval()

    rows = read_rows(paths.processed / "val.jsonl")[: params.merge.samples]
    samples = [tokenizer.apply_chat_template(r["prompt"] + r["completion"], tokenize=True, return_dict=True,
                                             return_tensors="pt")["input_ids"] for r in rows]
    # Logits at position i predict token i+1: the answer tokens are predicted from prompt_len-1 to the end-1.
    answers = [slice(len(tokenizer.apply_chat_template(r["prompt"], add_generation_prompt=True, tokenize=True,
                                                       return_dict=True)["input_ids"]) - 1, -1) for r in rows]
    with torch.no_grad():
        reference = [unmerged(input_ids=ids).logits[0, at] for ids, at in zip(samples, answers, strict=True)]
    merged = unmerged.merge_and_unload().to(dtype)

    with atomic.output_dir(paths.models / "merged") as tmp:
        merged.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        info = json.loads((adapter_dir / "train_info.json").read_text(encoding="utf-8"))
        atomic.write_text(tmp / "README.md", (
            f"# {domain} (merged)\n\n{base_dir.name} + LoRA adapter ({info['backend']}, r={info['params']['lora']['r']}) "
            f"merged in fp32, saved in {params.merge.dtype}. Trained on data/processed/{domain}; see the adapter's model card.\n"
        ))
        reloaded = pretrained(AutoModelForCausalLM, tmp, trust, dtype=torch.float32, use_safetensors=True).eval()
        with torch.no_grad():
            after = [reloaded(input_ids=ids).logits[0, at] for ids, at in zip(samples, answers, strict=True)]
        diffs = [(a - r).abs() for a, r in zip(after, reference, strict=True)]
        max_diff = max(d.max().item() for d in diffs)
        mean_diff = sum(d.mean().item() for d in diffs) / len(diffs)
        top1 = sum((a.argmax(-1) == r.argmax(-1)).float().mean().item() for a, r in zip(after, reference, strict=True)) / len(diffs)
        if max_diff > params.merge.max_abs_logit_diff or top1 < params.merge.min_top1_agreement:
            raise StageError(
                f"merge@{domain}: merged model differs from base+adapter: max |logit diff| {max_diff:.4f} "
                f"(limit {params.merge.max_abs_logit_diff}), top-1 agreement {top1:.4f} (min {params.merge.min_top1_agreement})"
            )
    metrics = {
        "dtype": params.merge.dtype,
        "samples": len(samples),
        "answer_tokens": sum(r.shape[0] for r in reference),
        "max_abs_logit_diff": round(max_diff, 5),
        "mean_abs_logit_diff": round(mean_diff, 6),
        "top1_agreement": round(top1, 5),
        "tolerance": {"max_abs_logit_diff": params.merge.max_abs_logit_diff, "min_top1_agreement": params.merge.min_top1_agreement},
    }
    atomic.write_json(paths.metrics / "merge.json", metrics)
    return metrics


def main(domain: str) -> dict:
    metrics = merge(domain, config.load(domain), config.DomainPaths(domain))
    print(f"merge@{domain}: max |logit diff| {metrics['max_abs_logit_diff']}, top-1 agreement {metrics['top1_agreement']}")
    return metrics
