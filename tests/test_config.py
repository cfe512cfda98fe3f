"""params.yaml parsing: typed sections, per-domain overrides, clear errors; defaults and names kept in step.

Also checks that the dataclass defaults are exactly the repository's params.yaml (section by section), and that
the names config.py spells out to avoid importing heavy packages (transformers' schedulers and optimizers,
llama.cpp's quantisation types) still exist in the pinned versions.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from pathlib import Path

import pytest
import yaml

from domaintune import config
from domaintune.config import ConfigError, load

REPO_PARAMS = Path(__file__).resolve().parents[1] / "params.yaml"
# the fields of Params that are sections (dataclasses): base, model, format, lora, train, merge, eval, gguf, gates
SECTIONS = [name for name, tp in typing.get_type_hints(config.Params).items() if dataclasses.is_dataclass(tp)]


def write(tmp_path, params: dict):
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(params))
    return path


def test_per_domain_overrides_apply_to_that_domain_only(tmp_path):
    path = write(tmp_path, {"model": {"max_seq_length": 512}, "domains": {"legal": {"model": {"max_seq_length": 768}}, "medical": {}}})
    assert load("legal", path).model.max_seq_length == 768
    assert load("medical", path).model.max_seq_length == 512
    assert load(None, path).domains == ("legal", "medical")


@pytest.mark.parametrize(
    "params, message",
    [
        ({"format": {"splt": {}}}, "params.yaml: format.splt: unknown key (known: split, on_error)"),
        ({"format": {"on_error": "ignore"}}, "params.yaml: format.on_error: 'ignore' is not one of ['fail', 'quarantine']"),
        ({"model": {"max_seq_length": "long"}}, "params.yaml: model.max_seq_length: expected an integer, got 'long'"),
        ({"format": {"split": {"train": 0.9, "val": 0.2, "test": 0.1}}},
         "params.yaml: format.split: ratios must sum to 1, got 0.9 + 0.2 + 0.1"),
        ({"domains": {"legal": {"model": {"max_len": 1}}}},
         "params.yaml: domains.legal.model.max_len: unknown key (known: max_seq_length, "),
    ],
)
def test_bad_params_name_the_key(tmp_path, params, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        load("legal" if "legal" in params.get("domains", {}) else None, write(tmp_path, params))


def test_unknown_domain(tmp_path):
    with pytest.raises(ConfigError, match="unknown domain 'tax'"):
        load("tax", write(tmp_path, {"domains": {"legal": {}}}))


def test_repository_params_parse_for_every_domain():
    params = load()
    assert params.domains == ("contracts", "medical", "financial", "legal")
    for domain in params.domains:
        assert load(domain).base.trust_remote_code is False


def _plain(value):
    """Tuples as lists, recursively, so dataclass values compare with what YAML reads."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@pytest.mark.parametrize("section", SECTIONS)
def test_dataclass_defaults_are_the_repository_params(section):
    raw = yaml.safe_load(REPO_PARAMS.read_text(encoding="utf-8"))
    assert section in raw, f"params.yaml has no {section} section (dvc tracks params.yaml, not the defaults)"
    default = dataclasses.asdict(getattr(config.Params(), section))
    assert dataclasses.asdict(getattr(load(None, REPO_PARAMS), section)) == default, section
    # and key by key against the file itself, so a key left out of params.yaml (and so defaulted) is caught
    assert _plain(raw[section]) == _plain(default), section


def test_params_yaml_sections_are_params_fields():
    raw = yaml.safe_load(REPO_PARAMS.read_text(encoding="utf-8"))
    assert set(raw) - {"profiles"} <= {f.name for f in dataclasses.fields(config.Params)}


def _same_names(name: str, ours, theirs: set[str]) -> None:
    assert set(ours) == theirs, (f"config.{name} lacks {sorted(theirs - set(ours))}, "
                                 f"has extra {sorted(set(ours) - theirs)}")


def test_schedulers_match_transformers():
    from transformers.trainer_utils import SchedulerType

    _same_names("SCHEDULERS", config.SCHEDULERS, {member.value for member in SchedulerType})


def test_optimizers_match_transformers():
    from transformers.training_args import OptimizerNames

    _same_names("OPTIMIZERS", config.OPTIMIZERS, {member.value for member in OptimizerNames})


def test_quant_types_are_llama_cpp_ftypes():
    import llama_cpp

    missing = [name for name in config.QUANT_TYPES if not hasattr(llama_cpp, f"LLAMA_FTYPE_MOSTLY_{name.upper()}")]
    assert not missing, f"no llama_cpp.LLAMA_FTYPE_MOSTLY_<NAME> for {missing}"


def test_a_domain_or_profile_may_override_one_ratio_of_the_split(tmp_path):
    """Rules across fields apply to the merged values: 0.7 + 0.1 with the shared test ratio 0.2 sums to 1."""
    path = write(tmp_path, {"format": {"split": {"train": 0.6, "val": 0.2, "test": 0.2}},
                            "domains": {"legal": {"format": {"split": {"train": 0.7, "val": 0.1}}}, "medical": {}},
                            "profiles": {"tiny": {"format": {"split": {"train": 0.7, "val": 0.1}}}}})
    assert load("legal", path).format.split.train == 0.7
    assert load("medical", path).format.split.train == 0.6
    with pytest.raises(ConfigError, match=r"params.yaml: domains\.legal\.format\.split: ratios must sum to 1"):
        load("medical", write(tmp_path, {"domains": {"legal": {"format": {"split": {"train": 0.9}}}, "medical": {}}}))


@pytest.mark.parametrize("text, message", [
    ("train:\n  lr: 1e999999\n", "train.lr: must be a finite number"),
    ("train:\n  weight_decay: 123456789012345678901234567890123456789012345678901234567890e999\n", "train.weight_decay: "),
])
def test_huge_numbers_are_one_line_errors(tmp_path, text, message):
    path = tmp_path / "params.yaml"
    path.write_text(text + "domains: {legal: {}}\n")
    with pytest.raises(ConfigError, match=message):
        load(None, path)


def test_a_params_path_that_cannot_be_read_is_a_config_error(tmp_path):
    (tmp_path / "params.yaml").mkdir()
    with pytest.raises(ConfigError, match="params.yaml: cannot read: Is a directory"):
        load(None, tmp_path / "params.yaml")
