"""params.yaml -> frozen dataclasses, read once. Per-domain overrides and profiles are resolved here and nowhere else.

    python -c "from domaintune.config import load; print(load('contracts'))"

`profile` picks a named overlay from `profiles` (params.yaml): `full` (the default) uses the sections as written;
another name (e.g. `tiny`: a 2-layer model, a few steps, short answers) is merged over them after the per-domain
overrides, so `dvc exp run -S profile=tiny` is one switch. Each dvc.yaml stage that reads an overlaid section
lists `profile` and `profiles.<name>.<section>` in its params, so dvc reruns exactly those stages.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PARAMS_FILE = "params.yaml"
FULL_PROFILE = "full"  # the params as written, no overlay


class ConfigError(ValueError):
    """A params.yaml problem, reported as `params.yaml: key.path: reason`."""


@dataclass(frozen=True)
class BaseParams:
    model: str = "embedded"
    dtype: str = "bfloat16"
    seed: int = 0
    trust_remote_code: bool = False


@dataclass(frozen=True)
class ModelParams:
    max_seq_length: int = 512
    load_in_4bit: bool = False  # QLoRA: NF4 + double quantisation, bf16 compute (bitsandbytes)
    dtype: typing.Literal["bfloat16", "float16", "float32"] = "bfloat16"
    # auto: eager attention on CPU (its matmuls beat sdpa's CPU flash kernel at our lengths), sdpa on CUDA
    attn_implementation: typing.Literal["auto", "eager", "sdpa", "flash_attention_2"] = "auto"


@dataclass(frozen=True)
class LoraParams:
    r: int = 16
    alpha: int = 32
    dropout: float = 0.0
    target_modules: str | tuple[str, ...] = "all-linear"
    use_rslora: bool = False
    use_dora: bool = False
    top_layers: int = 0  # adapt only the top N decoder layers (0 = all); backward then stops below them


@dataclass(frozen=True)
class TrainParams:
    backend: typing.Literal["auto", "unsloth", "peft"] = "auto"
    epochs: float = 2.0
    max_steps: int = -1
    batch_size: int = 8
    grad_accum: int = 1
    lr: float = 2e-4
    warmup_ratio: float = 0.05
    weight_decay: float = 0.0
    scheduler: str = "cosine"
    max_grad_norm: float = 1.0
    optim: str = "adamw_torch"
    seed: int = 0
    eval_steps: int = 20
    eval_samples: int = 0  # validation examples used for eval during training; 0 = all
    early_stopping_patience: int = 3
    packing: bool = False
    gradient_checkpointing: bool = False
    # chunked_nll: trl computes lm_head logits only at the answer tokens, chunk by chunk (less time and memory)
    loss_type: typing.Literal["nll", "chunked_nll"] = "nll"


@dataclass(frozen=True)
class Split:
    train: float = 0.8
    val: float = 0.1
    test: float = 0.1


@dataclass(frozen=True)
class FormatParams:
    split: Split = field(default_factory=Split)
    on_error: typing.Literal["fail", "quarantine"] = "fail"


@dataclass(frozen=True)
class MergeParams:
    dtype: typing.Literal["float16", "bfloat16"] = "float16"  # what the merged weights are saved in
    samples: int = 4  # validation examples whose logits are compared
    max_abs_logit_diff: float = 3.0
    min_top1_agreement: float = 0.98


@dataclass(frozen=True)
class EvalParams:
    batch_size: int = 16
    max_new_tokens: int = 256


@dataclass(frozen=True)
class GgufParams:
    outtypes: tuple[str, ...] = ("f16", "q8_0", "q4_k_m")  # f16 first; the last one is what Modelfile uses
    adapter: bool = True  # also export the LoRA adapter as GGUF (+ Modelfile.adapter)


@dataclass(frozen=True)
class GateParams:
    json_validity: float = 0.90
    schema_compliance: float = 0.85
    beats_base: bool = True


@dataclass(frozen=True)
class Params:
    base: BaseParams = field(default_factory=BaseParams)
    model: ModelParams = field(default_factory=ModelParams)
    format: FormatParams = field(default_factory=FormatParams)
    lora: LoraParams = field(default_factory=LoraParams)
    train: TrainParams = field(default_factory=TrainParams)
    merge: MergeParams = field(default_factory=MergeParams)
    eval: EvalParams = field(default_factory=EvalParams)
    gguf: GgufParams = field(default_factory=GgufParams)
    gates: GateParams = field(default_factory=GateParams)
    domains: tuple[str, ...] = ()
    profile: str = FULL_PROFILE


@dataclass(frozen=True)
class DomainPaths:
    """Where a domain's files live; dvc.yaml spells the same paths."""

    domain: str
    root: Path = Path(".")

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw" / self.domain

    @property
    def schema(self) -> Path:
        return self.root / "data" / "schemas" / f"{self.domain}.schema.json"

    @property
    def prompt(self) -> Path:
        return self.root / "data" / "prompts" / f"{self.domain}.txt"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed" / self.domain

    @property
    def rejected(self) -> Path:
        return self.root / "data" / "rejected" / f"{self.domain}.jsonl"

    @property
    def metrics(self) -> Path:
        return self.root / "metrics" / self.domain

    @property
    def models(self) -> Path:
        return self.root / "models" / self.domain


BASE_MODEL_DIR = Path("models") / "base"


def _build(cls, data, where: str):
    """Build dataclass `cls` from a mapping, rejecting unknown keys and wrong types."""
    if not isinstance(data, dict):
        raise ConfigError(f"{PARAMS_FILE}: {where}: expected a mapping, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ConfigError(f"{PARAMS_FILE}: {where}.{unknown[0]}: unknown key (known: {', '.join(sorted(names))})")
    kwargs = {}
    for name, value in data.items():
        kwargs[name] = _coerce(hints[name], value, f"{where}.{name}")
    return cls(**kwargs)


def _coerce(tp, value, where: str):
    if dataclasses.is_dataclass(tp):
        return _build(tp, value, where)
    origin = typing.get_origin(tp)
    if origin is typing.Literal:
        if value not in typing.get_args(tp):
            raise ConfigError(f"{PARAMS_FILE}: {where}: {value!r} is not one of {list(typing.get_args(tp))}")
        return value
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in typing.get_args(tp):
            return None
        for option in typing.get_args(tp):
            try:
                return _coerce(option, value, where)
            except ConfigError:
                continue
        raise ConfigError(f"{PARAMS_FILE}: {where}: {value!r} is not a {tp}")
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise ConfigError(f"{PARAMS_FILE}: {where}: expected a list, got {value!r}")
        return tuple(_coerce(typing.get_args(tp)[0], v, where) for v in value)
    if tp is type(None):
        if value is not None:
            raise ConfigError(f"{PARAMS_FILE}: {where}: expected null, got {value!r}")
        return None
    if tp is float and isinstance(value, int | str) and not isinstance(value, bool):
        try:  # YAML 1.1 reads `2e-4` (no dot) as a string; accept it as the number it means
            return float(value)
        except ValueError:
            raise ConfigError(f"{PARAMS_FILE}: {where}: expected a number, got {value!r}") from None
    if tp in (int, float, str, bool) and (type(value) is not tp):
        raise ConfigError(f"{PARAMS_FILE}: {where}: expected {tp.__name__}, got {value!r}")
    return value


def _merge(base: dict, override: dict) -> dict:
    out = dict(base)
    for key, value in override.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _profile_overlays(raw: dict, path: Path) -> tuple[str, dict]:
    """Pop `profile` and `profiles` from raw params: the active profile's name and every profile's overlay."""
    name = raw.pop("profile", FULL_PROFILE)
    profiles = raw.pop("profiles", {}) or {}
    if not isinstance(profiles, dict) or not all(isinstance(v or {}, dict) for v in profiles.values()):
        raise ConfigError(f"{path}: profiles: expected a mapping of profile name -> section overrides")
    known = [FULL_PROFILE, *profiles]
    if name not in known or (name == FULL_PROFILE and profiles.get(FULL_PROFILE)):
        raise ConfigError(f"{path}: profile: {name!r} is not one of {known} ({FULL_PROFILE!r} must have no overlay)")
    for other, overlay in profiles.items():
        for key in ("domains", "profile", "profiles"):
            if key in (overlay or {}):
                raise ConfigError(f"{path}: profiles.{other}.{key}: a profile cannot set {key} "
                                  "(dvc.yaml's foreach and the stages' params read it directly)")
    return name, {k: v or {} for k, v in profiles.items()}


def load(domain: str | None = None, path: str | Path = PARAMS_FILE) -> Params:
    """Read params.yaml; with `domain`, apply `domains.<domain>` overrides on top of the shared sections, then the
    active profile's overlay on top of both (a profile such as `tiny` stays tiny in every domain)."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ConfigError(f"{path}: not found (run from the repository root)") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML: {exc}") from None
    domains = raw.pop("domains", {}) or {}
    if not isinstance(domains, dict):
        raise ConfigError(f"{path}: domains: expected a mapping of domain name -> overrides")
    profile, overlays = _profile_overlays(raw, path)
    _build(Params, raw, "params")
    for name, overlay in overlays.items():  # a typo in any profile fails now, not when someone switches to it
        _build(Params, _merge(raw, overlay), f"profiles.{name}")
    if domain is not None:
        if domain not in domains:
            raise ConfigError(f"{path}: domains: unknown domain {domain!r} (known: {', '.join(domains)})")
        override = domains[domain] or {}
        if isinstance(override, dict) and {"domains", "profile", "profiles"} & set(override):
            raise ConfigError(f"{path}: domains.{domain}: only sections can be overridden per domain, "
                              f"not {sorted({'domains', 'profile', 'profiles'} & set(override))}")
        raw = _merge(raw, override)
    params = _build(Params, _merge(raw, overlays.get(profile, {})), "params")
    split = params.format.split
    if abs(split.train + split.val + split.test - 1.0) > 1e-9 or min(split.train, split.val, split.test) < 0:
        raise ConfigError(f"{path}: format.split: ratios must be >= 0 and sum to 1, got {split}")
    return dataclasses.replace(params, domains=tuple(domains), profile=profile)
