"""Memory plan: estimate what training needs before loading anything, and measure what it used."""

from __future__ import annotations

import resource
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from domaintune.config import LoraParams, ModelParams
from domaintune.errors import StageError

GIB = 1024**3
DTYPE_BYTES = {"bfloat16": 2, "float16": 2, "float32": 4}
NF4_BYTES = 0.5 + 0.5 / 64 + 4 / (64 * 256)  # 4-bit weights + double-quantised absmax per 64-block
RUNTIME_OVERHEAD = 4.0 * GIB  # interpreter, torch, tokenizer, datasets, allocator slack (measured on CPU)


@dataclass(frozen=True)
class Plan:
    weights_gb: float
    lora_and_optimizer_gb: float
    activations_gb: float
    attention_gb: float
    logits_gb: float
    overhead_gb: float
    total_gb: float
    available_gb: float
    device: str


def estimate(base_dir: Path, model_params: ModelParams, lora: LoraParams, batch_size: int, seq_len: int,
             gradient_checkpointing: bool, device: str, loss_type: str = "nll", trust_remote_code: bool = False) -> Plan:
    """Rough upper bound from the config alone (no weights are read): weights + LoRA with fp32 Adam state +
    saved activations (~34 bytes per token per hidden unit per adapted layer in 16-bit, twice that in float32, 2 with
    checkpointing; layers below the lowest adapted one save nothing) + eager attention's probabilities (fp32 softmax output and its bf16 copy,
    6 bytes per head per query-key pair per adapted layer) + fp32 logits (every position with `nll`; one
    256-token chunk, also in the backward, with trl's `chunked_nll`)."""
    from accelerate import init_empty_weights
    from transformers import AutoConfig, AutoModelForCausalLM

    from domaintune.modeling import adapted_layers, attention_implementation, compute_dtype, pretrained

    config = pretrained(AutoConfig, base_dir, trust_remote_code)
    with init_empty_weights():
        model = AutoModelForCausalLM.from_config(config, trust_remote_code=trust_remote_code)
    params = sum(p.numel() for p in model.parameters())
    targets = None if lora.target_modules == "all-linear" else set(lora.target_modules)
    lora_params = sum(
        lora.r * (m.in_features + m.out_features)
        for name, m in model.named_modules()
        if type(m).__name__ == "Linear" and "lm_head" not in name and (targets is None or name.rsplit(".", 1)[-1] in targets)
    )
    dtype_bytes = DTYPE_BYTES[compute_dtype(model_params)]
    weight_bytes = params * (NF4_BYTES if model_params.load_in_4bit else dtype_bytes)
    tokens = batch_size * seq_len
    per_layer = (2 if gradient_checkpointing else 34) * dtype_bytes // 2  # measured in 16-bit; float32 keeps twice that
    adapted = adapted_layers(model, lora)
    layers = len(adapted) if adapted else config.num_hidden_layers
    lora_params = lora_params * layers // config.num_hidden_layers
    activations = tokens * config.hidden_size * layers * per_layer
    eager = attention_implementation(model_params) == "eager" and not gradient_checkpointing
    attention = batch_size * config.num_attention_heads * seq_len**2 * 6 * layers if eager else 0
    logits = (tokens if loss_type == "nll" else 2 * 256) * config.vocab_size * 4
    total = weight_bytes + lora_params * 16 + activations + attention + logits + RUNTIME_OVERHEAD
    return Plan(
        weights_gb=round(weight_bytes / GIB, 3),
        lora_and_optimizer_gb=round(lora_params * 16 / GIB, 3),
        activations_gb=round(activations / GIB, 3),
        attention_gb=round(attention / GIB, 3),
        logits_gb=round(logits / GIB, 3),
        overhead_gb=round(RUNTIME_OVERHEAD / GIB, 3),
        total_gb=round(total / GIB, 3),
        available_gb=round(available_bytes(device) / GIB, 3),
        device=device,
    )


def available_bytes(device: str) -> int:
    if device == "cuda":
        import torch

        return torch.cuda.mem_get_info()[0]
    import psutil

    return psutil.virtual_memory().available


def check(plan: Plan, headroom: float = 0.9) -> None:
    if plan.total_gb > plan.available_gb * headroom:
        raise StageError(
            f"memory plan: training needs ~{plan.total_gb:.1f} GiB on {plan.device} "
            f"(weights {plan.weights_gb:.1f}, LoRA+optimizer {plan.lora_and_optimizer_gb:.1f}, "
            f"activations {plan.activations_gb:.1f}, attention {plan.attention_gb:.1f}, logits {plan.logits_gb:.1f}) but only {plan.available_gb:.1f} GiB "
            "is free; lower train.batch_size or model.max_seq_length, or set train.gradient_checkpointing / model.load_in_4bit "
            "/ model.attn_implementation: sdpa"
        )


def peak_gb(device: str) -> float:
    """Peak CUDA allocation on GPU, peak resident set size of this process on CPU."""
    if device == "cuda":
        import torch

        return round(torch.cuda.max_memory_allocated() / GIB, 3)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(rss * (1 if sys.platform == "darwin" else 1024) / GIB, 3)


def as_dict(plan: Plan) -> dict:
    return asdict(plan)
