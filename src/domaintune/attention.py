"""Eager attention for grouped-query models without the per-query-head copies of K and V.

transformers' eager attention calls `repeat_kv`, which copies every cached key and value once per query head
of its group (SmolLM2-135M: 9 query heads share 3 KV heads) on every decoding step, and `aten::copy_` became
42 % of batched generation time (`bench/hotspots.py generate`). Here the query heads of a group are stacked
along the query axis instead, so each matmul reads the cached K/V once. Same arithmetic as eager, same logits
(tested); generate.py uses it wherever eager attention is chosen.
"""

from __future__ import annotations

NAME = "eager_gqa"


def eager_gqa_attention(module, query, key, value, attention_mask, scaling: float, dropout: float = 0.0, **kwargs):
    import torch

    batch, heads, q_len, head_dim = query.shape
    kv_heads, kv_len = key.shape[1], key.shape[2]
    group = heads // kv_heads
    # Query head h = kv * group + j (repeat_kv's order): (b, heads, q, d) -> (b, kv_heads, group * q, d).
    grouped = query.reshape(batch, kv_heads, group * q_len, head_dim)
    scores = torch.matmul(grouped, key.transpose(2, 3)) * scaling
    if attention_mask is not None:  # additive (b, 1, q, >= kv_len), the same for every head of a group
        mask = attention_mask[:, :, None, :, :kv_len]
        scores = (scores.view(batch, kv_heads, group, q_len, kv_len) + mask).view(batch, kv_heads, group * q_len, kv_len)
    probs = torch.nn.functional.softmax(scores, dim=-1, dtype=torch.float32).to(query.dtype)
    probs = torch.nn.functional.dropout(probs, p=dropout, training=module.training)
    output = torch.matmul(probs, value).view(batch, heads, q_len, head_dim)
    return output.transpose(1, 2).contiguous(), probs.view(batch, heads, q_len, kv_len)


def register() -> str:
    """Make `attn_implementation="eager_gqa"` loadable (attention function + eager's additive mask)."""
    from transformers import AttentionInterface
    from transformers.masking_utils import ALL_MASK_ATTENTION_FUNCTIONS, eager_mask

    AttentionInterface.register(NAME, eager_gqa_attention)
    ALL_MASK_ATTENTION_FUNCTIONS.register(NAME, eager_mask)
    return NAME
