"""params.yaml -> frozen dataclasses, read once. Per-domain overrides and profiles are resolved here and nowhere else.

    python -c "from domaintune.config import load; print(load('contracts'))"

`profile` picks a named overlay from `profiles` (params.yaml): `full` (the default) uses the sections as written;
another name (e.g. `tiny`: a 2-layer model, a few steps, short answers) is merged over them after the per-domain
overrides, so `dvc exp run -S profile=tiny` is one switch. Each dvc.yaml stage that reads an overlaid section
lists `profile` and `profiles.<name>.<section>` in its params, so dvc reruns exactly those stages.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PARAMS_FILE = "params.yaml"
FULL_PROFILE = "full"  # the params as written, no overlay


class ConfigError(ValueError):
    """A params.yaml problem, reported as `params.yaml: key.path: reason` (exit 2, no traceback)."""


class _Bad(Exception):
    """Raised while building: the key path and the reason; `load` prefixes the file name."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"{where}: {reason}")
        self.where, self.reason = where, reason


def _rule(default, check, reason: str):
    """A dataclass field whose value must satisfy `check` (the reason names what it must be)."""
    return field(default=default, metadata={"check": check, "reason": reason})


def positive_int(default: int):
    return _rule(default, lambda v: v > 0, "must be a positive integer")


def non_negative(default):
    return _rule(default, lambda v: v >= 0, "must be >= 0")


def fraction(default: float):
    return _rule(default, lambda v: 0 <= v <= 1, "must be between 0 and 1")


# transformers' SchedulerType and OptimizerNames values (tests/test_config.py checks they still match), spelled out
# so that reading params.yaml does not import transformers (and torch) in stages that need neither.
SCHEDULERS = ("linear", "cosine", "cosine_with_restarts", "polynomial", "constant", "constant_with_warmup",
              "inverse_sqrt", "reduce_lr_on_plateau", "cosine_with_min_lr", "cosine_warmup_with_min_lr",
              "warmup_stable_decay", "greedy")
OPTIMIZERS = ("adamw_torch", "adamw_torch_fused", "adamw_torch_xla", "adamw_torch_npu_fused",
              "adafactor", "adamw_anyprecision", "adamw_torch_4bit", "adamw_torch_8bit", "ademamix", "sgd", "adagrad",
              "adamw_bnb_8bit", "adamw_8bit", "ademamix_8bit", "lion_8bit", "lion_32bit", "paged_adamw_32bit",
              "paged_adamw_8bit", "paged_ademamix_32bit", "paged_ademamix_8bit", "paged_lion_32bit",
              "paged_lion_8bit", "rmsprop", "rmsprop_bnb", "rmsprop_bnb_8bit", "rmsprop_bnb_32bit", "galore_adamw",
              "galore_adamw_8bit", "galore_adafactor", "galore_adamw_layerwise", "galore_adamw_8bit_layerwise",
              "galore_adafactor_layerwise", "lomo", "adalomo", "grokadamw", "schedule_free_radam",
              "schedule_free_adamw", "schedule_free_sgd", "apollo_adamw", "apollo_adamw_layerwise", "stable_adamw")
# f16 comes from llama.cpp's converter; the rest from llama_model_quantize (LLAMA_FTYPE_MOSTLY_<NAME>), the types
# that need no importance matrix.
QUANT_TYPES = ("q8_0", "q6_k", "q5_k_m", "q5_k_s", "q5_1", "q5_0", "q4_k_m", "q4_k_s", "q4_1", "q4_0",
               "q3_k_l", "q3_k_m", "q3_k_s", "q2_k")
OutType = typing.Literal[("f16", *QUANT_TYPES)]
Dtype = typing.Literal["bfloat16", "float16", "float32"]
ComputeDtype = typing.Literal["auto", "bfloat16", "float16", "float32"]  # auto: modeling.compute_dtype


@dataclass(frozen=True)
class BaseParams:
    model: str = _rule("embedded", bool, "must not be empty")
    dtype: Dtype = "bfloat16"
    seed: int = non_negative(0)
    trust_remote_code: bool = False  # every stage that loads the model honours it


@dataclass(frozen=True)
class ModelParams:
    max_seq_length: int = positive_int(512)
    load_in_4bit: bool = False  # QLoRA: NF4 training only; eval, compare, predict and gguf-export use 16-bit weights
    dtype: ComputeDtype = "auto"
    # auto: eager attention on CPU (its matmuls beat sdpa's CPU flash kernel at our lengths), sdpa on CUDA
    attn_implementation: typing.Literal["auto", "eager", "sdpa", "flash_attention_2"] = "auto"


@dataclass(frozen=True)
class LoraParams:
    r: int = positive_int(16)
    alpha: int = positive_int(32)
    dropout: float = _rule(0.0, lambda v: 0 <= v < 1, "must be in [0, 1)")
    target_modules: str | tuple[str, ...] = _rule("all-linear", bool, "must name at least one module")
    use_rslora: bool = False
    use_dora: bool = False
    top_layers: int = non_negative(24)  # adapt only the top N decoder layers (0 = all); backward stops below them


@dataclass(frozen=True)
class TrainParams:
    backend: typing.Literal["auto", "unsloth", "peft"] = "auto"
    epochs: float = _rule(1.0, lambda v: v > 0, "must be > 0")
    max_steps: int = _rule(-1, lambda v: v == -1 or v > 0, "must be -1 (use epochs) or a positive integer")
    batch_size: int = positive_int(4)
    grad_accum: int = positive_int(1)
    lr: float = _rule(2e-3, lambda v: 0 < v < 1, "must be between 0 and 1 (exclusive)")
    warmup_ratio: float = _rule(0.05, lambda v: 0 <= v < 1, "must be in [0, 1)")
    weight_decay: float = non_negative(0.0)
    scheduler: typing.Literal[SCHEDULERS] = "cosine"
    max_grad_norm: float = _rule(1.0, lambda v: v > 0, "must be > 0")
    optim: typing.Literal[OPTIMIZERS] = "adamw_torch"
    seed: int = non_negative(0)
    eval_steps: int = positive_int(25)  # also the checkpoint interval
    eval_samples: int = non_negative(16)  # validation examples used for eval during training; 0 = all
    early_stopping_patience: int = non_negative(3)  # evaluations without improvement before stopping; 0 = never
    packing: bool = False
    gradient_checkpointing: bool = False
    # chunked_nll: trl computes lm_head logits only at the answer tokens, chunk by chunk (less time and memory)
    loss_type: typing.Literal["nll", "chunked_nll"] = "chunked_nll"
    max_reload_logit_diff: float = non_negative(1e-3)  # saved adapter reloaded vs the trained model in memory
    max_reload_logit_diff_qlora: float = non_negative(2.0)  # the same with load_in_4bit (see params.yaml)


@dataclass(frozen=True)
class Split:
    train: float = _rule(0.8, lambda v: 0 < v <= 1, "must be > 0 (train needs examples)")
    val: float = _rule(0.1, lambda v: 0 < v <= 1, "must be > 0 (train and merge need a val split)")
    test: float = _rule(0.1, lambda v: 0 < v <= 1, "must be > 0 (eval needs a test split)")

    def __post_init__(self):
        if abs(self.train + self.val + self.test - 1.0) > 1e-9:
            raise _Bad("", f"ratios must sum to 1, got {self.train} + {self.val} + {self.test}")


@dataclass(frozen=True)
class FormatParams:
    split: Split = field(default_factory=Split)
    on_error: typing.Literal["fail", "quarantine"] = "fail"


@dataclass(frozen=True)
class MergeParams:
    dtype: typing.Literal["float16", "bfloat16"] = "float16"  # what the merged weights are saved in
    samples: int = positive_int(4)  # validation examples whose logits are compared
    max_abs_logit_diff: float = non_negative(3.0)
    min_top1_agreement: float = fraction(0.98)


@dataclass(frozen=True)
class EvalParams:
    batch_size: int = positive_int(16)
    max_new_tokens: int = positive_int(256)


@dataclass(frozen=True)
class GgufParams:
    outtypes: tuple[OutType, ...] = _rule(("f16", "q8_0", "q4_k_m"), lambda v: "f16" in v and len(set(v)) == len(v),
                                          "must list f16 (the reference export) and each type once")
    adapter: bool = True  # also export the LoRA adapter as GGUF (+ Modelfile.adapter)
    min_tokenization_match: float = fraction(1.0)  # golden prompts tokenized by llama.cpp exactly as in training
    min_f16_agreement: float = fraction(0.94)  # f16 answers equal to the HF merged model's (parsed JSON)
    min_adapter_agreement: float = fraction(0.94)  # LoRA GGUF on the base GGUF vs f16 (parsed JSON)
    max_quant_field_drop: float = fraction(0.03)  # golden field accuracy a quantised type may lose vs f16
    require_quantised: bool = False  # fail when no quantised type passes (else the Modelfile ships f16)
    min_batched_agreement: float = fraction(0.95)  # batched engine vs one-at-a-time decoding, f16 (parsed JSON)
    max_tie_gap: float = fraction(0.01)  # a split there at a top-two logit margin up to this is rounding, not a bug


@dataclass(frozen=True)
class CompareParams:
    few_shot: int = non_negative(3)  # train-split examples in the few-shot baseline's prompt
    seed: int = 0  # which examples: a fixed, seeded choice


@dataclass(frozen=True)
class GateParams:
    json_validity: float = fraction(0.90)
    schema_compliance: float = fraction(0.85)
    beats_base: bool = True
    # Flagged in the report, not failed: golden field accuracy this far below the test split's (the model fills
    # the generator's templates better than it reads new wording).
    flag_golden_gap: float = fraction(0.15)


@dataclass(frozen=True)
class Params:
    base: BaseParams = field(default_factory=BaseParams)
    model: ModelParams = field(default_factory=ModelParams)
    format: FormatParams = field(default_factory=FormatParams)
    lora: LoraParams = field(default_factory=LoraParams)
    train: TrainParams = field(default_factory=TrainParams)
    merge: MergeParams = field(default_factory=MergeParams)
    eval: EvalParams = field(default_factory=EvalParams)
    compare: CompareParams = field(default_factory=CompareParams)
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


def _join(where: str, key) -> str:
    return f"{where}[{key}]" if isinstance(key, int) else f"{where}.{key}" if where else str(key)


def _build(cls, data, where: str):
    """Build dataclass `cls` from a mapping, rejecting unknown keys, wrong types and values outside their rule."""
    if not isinstance(data, dict):
        raise _Bad(where, f"expected a mapping, got {data!r}")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(map(str, data)) - set(fields))
    if unknown:
        raise _Bad(_join(where, unknown[0]), f"unknown key (known: {', '.join(fields)})")
    kwargs = {}
    for name, value in data.items():
        kwargs[name] = _coerce(hints[name], value, _join(where, name))
        check = fields[name].metadata.get("check")
        if check is not None and not check(kwargs[name]):
            raise _Bad(_join(where, name), f"{fields[name].metadata['reason']}, got {value!r}")
    try:
        return cls(**kwargs)
    except _Bad as exc:  # a rule across fields (__post_init__)
        raise _Bad(where, exc.reason) from None


def _coerce(tp, value, where: str):
    if dataclasses.is_dataclass(tp):
        return _build(tp, value, where)
    origin = typing.get_origin(tp)
    if origin is typing.Literal:
        if value not in typing.get_args(tp) or isinstance(value, bool):
            raise _Bad(where, f"{value!r} is not one of {list(typing.get_args(tp))}")
        return value
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(tp)
        if value is None and type(None) in options:
            return None
        errors = []
        for option in options:
            try:
                return _coerce(option, value, where)
            except _Bad as exc:
                errors.append(exc)
        # a list given for `str | tuple[str, ...]` is reported as a list problem, everything else as the first
        raise errors[-1] if isinstance(value, list) else errors[0]
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise _Bad(where, f"expected a list, got {value!r}")
        return tuple(_coerce(typing.get_args(tp)[0], v, _join(where, i)) for i, v in enumerate(value))
    if tp is type(None):
        if value is not None:
            raise _Bad(where, f"expected null, got {value!r}")
        return None
    if tp is float:
        if not isinstance(value, int | float | str) or isinstance(value, bool):
            raise _Bad(where, f"expected a number, got {value!r}")
        try:  # YAML 1.1 reads `2e-4` (no dot) as a string; accept it as the number it means
            number = float(value)
        except (ValueError, OverflowError):
            raise _Bad(where, f"expected a number, got {value!r}") from None
        if not math.isfinite(number):
            raise _Bad(where, f"must be a finite number, got {value!r}")
        return number
    if tp in (int, str, bool) and type(value) is not tp:
        raise _Bad(where, f"expected {'an integer' if tp is int else tp.__name__}, got {value!r}")
    return value


def _merge(base: dict, override: dict) -> dict:
    out = dict(base)
    for key, value in override.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _profile_overlays(raw: dict) -> tuple[str, dict]:
    """Pop `profile` and `profiles` from raw params: the active profile's name and every profile's overlay."""
    name = raw.pop("profile", FULL_PROFILE)
    profiles = raw.pop("profiles", {}) or {}
    if not isinstance(profiles, dict):
        raise _Bad("profiles", "expected a mapping of profile name -> section overrides")
    for other, overlay in profiles.items():
        if not isinstance(overlay or {}, dict):
            raise _Bad(f"profiles.{other}", f"expected a mapping of section overrides, got {overlay!r}")
        for key in ("domains", "profile", "profiles"):
            if key in (overlay or {}):
                raise _Bad(f"profiles.{other}.{key}", f"a profile cannot set {key} "
                                                      "(dvc.yaml's foreach and the stages' params read it directly)")
    if profiles.get(FULL_PROFILE):
        raise _Bad(f"profiles.{FULL_PROFILE}", f"{FULL_PROFILE!r} is the params as written and takes no overlay")
    known = [FULL_PROFILE, *(p for p in profiles if p != FULL_PROFILE)]
    if name not in known:
        raise _Bad("profile", f"{name!r} is not one of {known}")
    return name, {k: v or {} for k, v in profiles.items()}


def _domain_overrides(domains) -> dict[str, dict]:
    if not isinstance(domains, dict) or not domains:
        raise _Bad("domains", f"expected a mapping of domain name -> overrides, got {domains!r}")
    out = {}
    for name, override in domains.items():
        if not isinstance(name, str) or not name.replace("_", "").replace("-", "").isalnum():
            raise _Bad(f"domains.{name}", "a domain name is letters, digits, '-' and '_' (it names files and stages)")
        override = {} if override is None else override
        if not isinstance(override, dict):
            raise _Bad(f"domains.{name}", f"expected a mapping of section overrides ({{}} for none), got {override!r}")
        for key in ("domains", "profile", "profiles"):
            if key in override:
                raise _Bad(f"domains.{name}.{key}", "only sections can be overridden per domain")
        out[name] = override  # validated merged over the shared sections (`_resolve`): a partial split is fine
    return out


def load(domain: str | None = None, path: str | Path = PARAMS_FILE) -> Params:
    """Read params.yaml; with `domain`, apply `domains.<domain>` overrides on top of the shared sections, then the
    active profile's overlay on top of both (a profile such as `tiny` stays tiny in every domain). Every section,
    every domain's overrides and every profile are validated, whichever domain is asked for."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: not found (run from the repository root)") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        raw = yaml.safe_load(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{path}: line {line}: not UTF-8 (byte {data[exc.start]:#x})") from None
    except yaml.reader.ReaderError as exc:  # a control character: no problem_mark, only a character position
        line = data.decode("utf-8")[: exc.position].count("\n") + 1
        raise ConfigError(f"{path}: line {line}: invalid YAML: unacceptable character #x{exc.character:04x}: {exc.reason}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}: {where}invalid YAML: {problem}") from None
    try:
        return _resolve(domain, raw)
    except _Bad as exc:
        raise ConfigError(f"{path}: {exc.where or 'params'}: {exc.reason}") from None


def _resolve(domain: str | None, raw) -> Params:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise _Bad("", f"expected a mapping of sections, got {raw!r}")
    raw = dict(raw)
    domains_raw = raw.pop("domains", None)
    profile, overlays = _profile_overlays(raw)
    _build(Params, raw, "")
    domains = _domain_overrides(domains_raw)
    # A typo in any profile or domain fails now, not when someone switches to it, under the key path as written
    # (`_build` of the merged mapping reports e.g. `domains.legal.model.max_len`); rules across fields apply to the
    # merged values, so an override may set one ratio of format.split.
    for name, overlay in overlays.items():
        _build(Params, _merge(raw, overlay), f"profiles.{name}")
    for name, override in domains.items():
        _build(Params, _merge(raw, override), f"domains.{name}")
    if domain is not None:
        if domain not in domains:
            raise _Bad("domains", f"unknown domain {domain!r} (known: {', '.join(domains)})")
        raw = _merge(raw, domains[domain])
    params = _build(Params, _merge(raw, overlays.get(profile, {})), f"profiles.{profile}" if profile != FULL_PROFILE else "")
    return dataclasses.replace(params, domains=tuple(domains), profile=profile)
