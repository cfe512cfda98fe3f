"""eager_gqa attention: the same logits and greedy answers as transformers' eager attention, on padded batches."""

from __future__ import annotations

import dataclasses

import torch

from domaintune import attention, config
from domaintune.generate import generate, load_model

PROMPTS = [[{"role": "user", "content": text}] for text in
           ("Payment is due within 30 days.", "hi", "Either party may terminate this agreement on notice.")]


def padded_batch(tokenizer):
    ids = [tokenizer.apply_chat_template(p, add_generation_prompt=True, tokenize=True, return_dict=True)["input_ids"]
           for p in PROMPTS]
    width = max(map(len, ids))
    input_ids = torch.tensor([[0] * (width - len(x)) + x for x in ids])
    mask = torch.tensor([[0] * (width - len(x)) + [1] * len(x) for x in ids])
    return input_ids, mask


def test_eager_gqa_matches_eager_on_a_grouped_query_model(tiny_base):
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(tiny_base, dtype=torch.float32, attn_implementation="eager").eval()
    assert model.config.num_key_value_heads < model.config.num_attention_heads  # the case the copies come from
    _, tokenizer = load_model(tiny_base, config.load("contracts").model)
    input_ids, mask = padded_batch(tokenizer)
    with torch.no_grad():
        eager = model(input_ids=input_ids, attention_mask=mask).logits
        model.set_attn_implementation(attention.register())
        grouped = model(input_ids=input_ids, attention_mask=mask).logits
    real = mask.bool()
    assert torch.allclose(eager[real], grouped[real], atol=1e-5)
    assert not torch.equal(eager[real], torch.zeros_like(eager[real]))


def test_generation_uses_eager_gqa_for_eager_models_with_the_same_greedy_tokens(tiny_base):
    model_params = dataclasses.replace(config.load("contracts").model, attn_implementation="eager", dtype="float32")
    model, tokenizer = load_model(tiny_base, model_params)
    assert model.config._attn_implementation == attention.NAME
    input_ids, mask = padded_batch(tokenizer)

    def greedy():  # 12 new tokens per row whatever they are: random weights rarely say end-of-turn
        with torch.no_grad():
            out = model.generate(input_ids=input_ids, attention_mask=mask, max_new_tokens=12, min_new_tokens=12,
                                 do_sample=False, pad_token_id=0)
        return out[:, input_ids.shape[1]:]

    grouped = greedy()
    model.set_attn_implementation("eager")
    assert torch.equal(grouped, greedy()) and grouped.shape == (3, 12)
    assert len(generate(model, tokenizer, PROMPTS, max_new_tokens=4, batch_size=3).outputs) == 3
