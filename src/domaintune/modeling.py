"""Load the base model for training (Unsloth on CUDA, peft + bitsandbytes elsewhere) and attach LoRA."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from domaintune.config import ConfigError, LoraParams, ModelParams
from domaintune.errors import StageError


@dataclass
class Loaded:
    model: object
    tokenizer: object
    backend: str  # "unsloth" | "peft-qlora" | "peft-lora"
    target_modules: list[str]


def cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


def choose_backend(requested: str, use_dora: bool = False) -> str:
    """`auto` means Unsloth when a CUDA GPU and the `gpu` extra are present (and DoRA, which Unsloth does not
    train, is off), peft otherwise."""
    if requested == "unsloth" and use_dora:
        raise ConfigError("params.yaml: lora.use_dora: the unsloth backend does not train DoRA; "
                          "set train.backend: peft or auto")
    has_unsloth = importlib.util.find_spec("unsloth") is not None
    if requested == "unsloth":
        if not (cuda_available() and has_unsloth):
            raise StageError("train.backend=unsloth needs a CUDA GPU and `pip install -e .[gpu]`; use backend: auto or peft")
        return "unsloth"
    if requested == "auto" and cuda_available() and has_unsloth and not use_dora:
        return "unsloth"
    return "peft"


def linear_module_names(model) -> list[str]:
    """Leaf names of every Linear layer inside the decoder (what `all-linear` means), lm_head excluded."""
    import torch

    names = set()
    for name, module in model.named_modules():
        is_linear = isinstance(module, torch.nn.Linear) or type(module).__name__ in {"Linear4bit", "Linear8bitLt"}
        if is_linear and "lm_head" not in name:
            names.add(name.rsplit(".", 1)[-1])
    return sorted(names)


def _targets(model, lora: LoraParams) -> list[str]:
    return linear_module_names(model) if lora.target_modules == "all-linear" else list(lora.target_modules)


def adapted_layers(model, lora: LoraParams) -> list[int] | None:
    """Indices of the decoder layers that get LoRA (None = all, also when top_layers covers every layer)."""
    total = model.config.num_hidden_layers
    if lora.top_layers < 0:
        raise StageError(f"params.yaml: lora.top_layers: {lora.top_layers} must be 0 (all layers) or a layer count")
    if not lora.top_layers or lora.top_layers >= total:
        return None
    return list(range(total - lora.top_layers, total))


def torch_dtype(name: str):
    import torch

    return getattr(torch, name)


def compute_dtype(model_params: ModelParams) -> str:
    """`auto`: bfloat16 where the hardware computes it natively (CUDA with bf16, a CPU with AVX512-BF16 or AMX),
    float16 on older CUDA GPUs, float32 on other CPUs, where torch emulates 16-bit matmuls: 0.3 GFLOP/s in
    bfloat16 vs 171 in float32 on a 2-core AVX2 EPYC (2048x2048 matmul)."""
    import torch

    if model_params.dtype != "auto":
        return model_params.dtype
    if cuda_available():
        return "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
    return "bfloat16" if torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported() else "float32"


def load_for_training(base_dir: Path, model_params: ModelParams, lora: LoraParams, backend: str, seed: int,
                      gradient_checkpointing: bool, trust_remote_code: bool) -> Loaded:
    if backend == "unsloth":
        return _load_unsloth(base_dir, model_params, lora, seed, gradient_checkpointing, trust_remote_code)
    return _load_peft(base_dir, model_params, lora, gradient_checkpointing, trust_remote_code)


def _load_unsloth(base_dir, model_params, lora, seed, gradient_checkpointing, trust_remote_code) -> Loaded:
    from unsloth import FastLanguageModel  # the train stage imported unsloth before trl/transformers/peft

    model, tokenizer = FastLanguageModel.from_pretrained(
        model_name=str(base_dir),
        max_seq_length=model_params.max_seq_length,
        dtype=torch_dtype(compute_dtype(model_params)),
        load_in_4bit=model_params.load_in_4bit,
        local_files_only=True,
        use_safetensors=True,
        trust_remote_code=trust_remote_code,
    )
    targets = _targets(model, lora)
    model = FastLanguageModel.get_peft_model(
        model,
        r=lora.r,
        lora_alpha=lora.alpha,
        lora_dropout=lora.dropout,
        target_modules=targets,
        bias="none",
        use_gradient_checkpointing="unsloth" if gradient_checkpointing else False,
        random_state=seed,
        use_rslora=lora.use_rslora,
        layers_to_transform=adapted_layers(model, lora),
    )
    return Loaded(model, tokenizer, "unsloth", targets)


def attention_implementation(model_params: ModelParams) -> str:
    """`auto`: eager on CPU (1.2x the training tokens/s of sdpa's CPU flash kernel here, at +1.6 GiB peak RSS
    for the materialised attention matrices), sdpa on CUDA."""
    if model_params.attn_implementation != "auto":
        return model_params.attn_implementation
    return "sdpa" if cuda_available() else "eager"


def pretrained(auto_class, path, trust_remote_code: bool, **kwargs):
    """`auto_class.from_pretrained` with the project's `base.trust_remote_code`; a directory that needs custom code
    while it is false is a one-line error, not transformers' traceback."""
    try:
        return auto_class.from_pretrained(path, trust_remote_code=trust_remote_code, **kwargs)
    except ValueError as exc:
        if "trust_remote_code" not in str(exc):
            raise
        raise StageError(f"{path}: the model needs its own Python code (auto_map); set params.yaml base.trust_remote_code: "
                         "true only if you trust that code") from None


def load_kwargs(model_params: ModelParams, quantize: bool) -> dict:
    """from_pretrained arguments: safetensors only; NF4 only with `quantize` (QLoRA training: everything that scores
    or exports a model uses its 16-bit weights)."""
    import torch
    from transformers import BitsAndBytesConfig

    dtype = torch_dtype(compute_dtype(model_params))
    kwargs = {"dtype": dtype, "use_safetensors": True, "attn_implementation": attention_implementation(model_params)}
    if quantize and model_params.load_in_4bit:
        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True,
            bnb_4bit_quant_type="nf4",
            bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=torch.bfloat16 if dtype == torch.float32 else dtype,
        )
    return kwargs


def load_adapter(base_dir: Path, adapter_dir: Path, model_params: ModelParams, trust_remote_code: bool,
                 as_trained: bool = False):
    """Base + a saved LoRA adapter, in eval mode: 16-bit, or `as_trained` (NF4 after QLoRA, prepared the same way)."""
    from peft import PeftModel, prepare_model_for_kbit_training
    from transformers import AutoModelForCausalLM

    model = pretrained(AutoModelForCausalLM, base_dir, trust_remote_code, **load_kwargs(model_params, as_trained))
    if as_trained and model_params.load_in_4bit:
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=False)
    return PeftModel.from_pretrained(model, adapter_dir).eval()


def quantised_modules(model) -> int:
    """Layers holding 4-bit or 8-bit weights (bitsandbytes); 0 means every weight is a plain 16/32-bit tensor."""
    return sum(type(m).__name__ in {"Linear4bit", "Linear8bitLt", "Params4bit"} for m in model.modules())


def max_logit_diff(a, b, input_ids, autocast_dtype: str | None = None) -> float:
    """Largest |logit| difference of two models on the same ids. With `autocast_dtype`, both run under
    the autocast that Trainer (accelerate) wraps around the model's forward in mixed-precision training."""
    import torch

    dtype = getattr(torch, autocast_dtype) if autocast_dtype in ("bfloat16", "float16") else None
    with torch.no_grad(), torch.autocast(input_ids.device.type, dtype=dtype, enabled=dtype is not None):
        return (a(input_ids=input_ids).logits.float() - b(input_ids=input_ids).logits.float()).abs().max().item()


def _load_peft(base_dir, model_params, lora, gradient_checkpointing, trust_remote_code) -> Loaded:
    from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = pretrained(AutoModelForCausalLM, base_dir, trust_remote_code, **load_kwargs(model_params, quantize=True))
    tokenizer = pretrained(AutoTokenizer, base_dir, trust_remote_code)
    if model_params.load_in_4bit:
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=gradient_checkpointing)
    targets = _targets(model, lora)
    config = LoraConfig(
        r=lora.r,
        lora_alpha=lora.alpha,
        lora_dropout=lora.dropout,
        target_modules=targets,
        use_rslora=lora.use_rslora,
        use_dora=lora.use_dora,
        layers_to_transform=adapted_layers(model, lora),
        bias="none",
        task_type="CAUSAL_LM",
    )
    model = get_peft_model(model, config)
    return Loaded(model, tokenizer, "peft-qlora" if model_params.load_in_4bit else "peft-lora", targets)


def trainable_parameters(model) -> tuple[int, int]:
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    total = sum(p.numel() for p in model.parameters())
    return trainable, total
