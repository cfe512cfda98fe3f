"""Batched greedy generation: the one generation path behind predict, eval and compare.

Prompts are sorted by length and generated in batches with left padding, stopping at end-of-turn;
results come back in input order.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from domaintune.config import ModelParams


@dataclass(frozen=True)
class Generation:
    text: str
    new_tokens: int


@dataclass(frozen=True)
class GenerationRun:
    outputs: list[Generation]
    seconds: float

    @property
    def tokens_per_second(self) -> float:
        return round(sum(g.new_tokens for g in self.outputs) / self.seconds, 2) if self.seconds else 0.0


def load_tokenizer(path: Path, trust_remote_code: bool = False):
    from transformers import AutoTokenizer

    from domaintune.modeling import pretrained

    return pretrained(AutoTokenizer, Path(path), trust_remote_code)


def load_model(path: Path, model_params: ModelParams, base_dir: Path | None = None, trust_remote_code: bool = False):
    """A full model directory (base or merged), or a LoRA adapter directory applied to its base, never quantised:
    weights computed in model.dtype, never NF4, also after QLoRA (`model.load_in_4bit` is a training-time choice).
    The merged float16 weights are cast to the compute dtype (modeling.compute_dtype: bfloat16 where the hardware
    has it, else float32) for CPU speed; gguf-export's f16 check compares the GGUF against an fp32 run of the same
    weights."""
    from transformers import AutoModelForCausalLM

    from domaintune.modeling import load_adapter, load_kwargs, pretrained

    path = Path(path)
    tokenizer = load_tokenizer(path, trust_remote_code)
    if (path / "adapter_config.json").is_file():
        model = load_adapter(base_dir or Path("models/base"), path, model_params, trust_remote_code)
    else:
        model = pretrained(AutoModelForCausalLM, path, trust_remote_code, **load_kwargs(model_params, quantize=False)).eval()
    return model, tokenizer


def weights(model) -> dict:
    """What the scored weights are: their dtype and how many layers hold quantised (bitsandbytes) weights."""
    from domaintune.modeling import quantised_modules

    return {"dtype": str(next(model.parameters()).dtype).removeprefix("torch."), "quantised_modules": quantised_modules(model)}


def stop_token_ids(model, tokenizer) -> list[int]:
    """End-of-turn ids: the generation config's eos plus the tokenizer's (e.g. <|im_end|>)."""
    eos = model.generation_config.eos_token_id
    ids = set(eos if isinstance(eos, list) else [eos] if eos is not None else [])
    ids.add(tokenizer.eos_token_id)
    return sorted(i for i in ids if i is not None)


def generate(model, tokenizer, prompts: list[list[dict]], max_new_tokens: int = 256, batch_size: int = 16) -> GenerationRun:
    """Greedy completions for chat prompts (lists of messages), returned in input order."""
    import torch

    encoded = [tokenizer.apply_chat_template(p, add_generation_prompt=True, tokenize=True, return_dict=True)["input_ids"]
               for p in prompts]
    order = sorted(range(len(encoded)), key=lambda i: -len(encoded[i]))
    stops = stop_token_ids(model, tokenizer)
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else stops[0]
    results: list[Generation | None] = [None] * len(encoded)
    start = time.perf_counter()
    for offset in range(0, len(order), batch_size):
        batch = order[offset : offset + batch_size]
        width = max(len(encoded[i]) for i in batch)
        input_ids = torch.tensor([[pad] * (width - len(encoded[i])) + encoded[i] for i in batch])
        attention = torch.tensor([[0] * (width - len(encoded[i])) + [1] * len(encoded[i]) for i in batch])
        with torch.no_grad():
            out = model.generate(input_ids=input_ids.to(model.device), attention_mask=attention.to(model.device),
                                 max_new_tokens=max_new_tokens, do_sample=False, eos_token_id=stops, pad_token_id=pad)
        for row, i in zip(out[:, width:].tolist(), batch, strict=True):
            kept = []
            for token in row:
                if token in stops:
                    break
                kept.append(token)
            results[i] = Generation(tokenizer.decode(kept, skip_special_tokens=True).strip(), len(kept) + (len(kept) < len(row)))
    return GenerationRun([r for r in results if r is not None], time.perf_counter() - start)


def greedy_from_drafts(model, tokenizer, prompts: list[list[dict]], drafts: list[list[int]], drafts_stopped: list[bool],
                       max_new_tokens: int) -> GenerationRun:
    """The model's own greedy answers, given draft answers from another engine on the same vocabulary: one forward
    pass over prompt + draft checks every draft token against the model's argmax (as speculative decoding
    verifies a draft); the answer is the draft up to the first token where the argmax differs, and generation
    continues from there. Exact greedy decoding, at the cost of one prefill per prompt when the drafts agree."""
    import torch

    stops = stop_token_ids(model, tokenizer)
    outputs, start = [], time.perf_counter()
    for messages, draft, stopped in zip(prompts, drafts, drafts_stopped, strict=True):
        prompt = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=True, return_dict=True)["input_ids"]
        target = list(draft) + ([stops[0]] if stopped else [])
        with torch.no_grad():
            logits = model(input_ids=torch.tensor([prompt + target], device=model.device),
                           logits_to_keep=len(target) + 1).logits[0]
        predicted = logits[:-1].argmax(-1).tolist() if target else []
        agree = next((k for k, (p, t) in enumerate(zip(predicted, target, strict=True)) if p != t and not (p in stops and t in stops)),
                     len(target))
        kept = list(draft[:agree])
        if agree < len(target):  # the model disagrees at `agree`: its own token, then its own greedy continuation
            token = int(logits[agree].argmax())
            if token not in stops and len(kept) < max_new_tokens:
                kept.append(token)
                if len(kept) < max_new_tokens:
                    with torch.no_grad():
                        out = model.generate(input_ids=torch.tensor([prompt + kept], device=model.device),
                                             attention_mask=torch.ones(1, len(prompt) + len(kept), dtype=torch.long, device=model.device),
                                             max_new_tokens=max_new_tokens - len(kept), do_sample=False, eos_token_id=stops,
                                             pad_token_id=tokenizer.pad_token_id if tokenizer.pad_token_id is not None else stops[0])
                    for t in out[0, len(prompt) + len(kept):].tolist():
                        if t in stops:
                            break
                        kept.append(t)
        outputs.append(Generation(tokenizer.decode(kept, skip_special_tokens=True).strip(), len(kept) + (len(kept) < max_new_tokens)))
    return GenerationRun(outputs, time.perf_counter() - start)
