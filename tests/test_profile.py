"""The `profile` switch: params.yaml overlays resolved by config.load, and dvc.yaml listing them where they are read."""

from __future__ import annotations

import pytest
import yaml

from conftest import REPO
from domaintune.config import ConfigError, load


def write(tmp_path, params: dict):
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(params))
    return path


PARAMS = {
    "train": {"max_steps": -1, "epochs": 2.0},
    "eval": {"max_new_tokens": 256},
    "profile": "full",
    "profiles": {"tiny": {"base": {"model": "tiny"}, "train": {"max_steps": 4}, "eval": {"max_new_tokens": 16}}},
    "domains": {"legal": {"train": {"max_steps": 100}, "eval": {"max_new_tokens": 512}}, "medical": {}},
}


def test_full_profile_uses_the_sections_as_written(tmp_path):
    params = load("legal", write(tmp_path, PARAMS))
    assert (params.profile, params.base.model, params.train.max_steps, params.eval.max_new_tokens) == (
        "full", "embedded", 100, 512)


def test_tiny_profile_wins_over_shared_sections_and_per_domain_overrides(tmp_path):
    path = write(tmp_path, {**PARAMS, "profile": "tiny"})
    for domain in ("legal", "medical"):
        params = load(domain, path)
        assert (params.profile, params.base.model, params.train.max_steps, params.eval.max_new_tokens) == (
            "tiny", "tiny", 4, 16)
        assert params.train.epochs == 2.0  # what the profile does not set stays


@pytest.mark.parametrize(
    "change, message",
    [
        ({"profile": "huge"}, "profile: 'huge' is not one of ['full', 'tiny']"),
        ({"profiles": {"tiny": {"train": {"max_stepz": 4}}}}, "params.yaml: profiles.tiny.train.max_stepz: unknown key"),
        ({"profiles": {"tiny": {"domains": {"legal": {}}}}}, "profiles.tiny.domains: a profile cannot set domains"),
        ({"domains": {"legal": {"profile": "tiny"}}}, "domains.legal.profile: only sections can be overridden per domain"),
    ],
)
def test_bad_profiles_name_the_key_even_when_inactive(tmp_path, change, message):
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]").replace(".", r"\.")):
        load("legal", write(tmp_path, {**PARAMS, **change}))


def test_repository_tiny_profile_is_the_tiny_model_with_few_steps(tmp_path):
    params = yaml.safe_load((REPO / "params.yaml").read_text())
    assert params["profile"] == "full"
    params["profile"] = "tiny"
    tiny = load("contracts", write(tmp_path, params))
    assert tiny.base.model == "tiny" and 0 < tiny.train.max_steps <= 10 and tiny.eval.max_new_tokens <= 32


def _stages(dvc_yaml: dict):
    for name, stage in dvc_yaml["stages"].items():
        yield name, stage.get("do", stage)


def test_every_stage_that_reads_an_overlaid_section_lists_the_profile():
    """Otherwise `dvc exp run -S profile=tiny` would leave that stage's old (full-profile) outputs in place."""
    params = yaml.safe_load((REPO / "params.yaml").read_text())
    dvc_yaml = yaml.safe_load((REPO / "dvc.yaml").read_text())
    checked = set()
    for profile, overlay in params["profiles"].items():
        for name, stage in _stages(dvc_yaml):
            listed = [p for p in stage.get("params", []) if isinstance(p, str)]
            read = {p.split(".")[0] for p in listed if not p.startswith(("domains", "profile"))}
            for section in sorted(read & set(overlay)):
                assert "profile" in listed, f"{name}: reads {section} but does not list `profile`"
                assert f"profiles.{profile}.{section}" in listed, f"{name}: missing profiles.{profile}.{section}"
                checked.add(name)
    assert {"base", "train", "eval", "compare", "gguf-export"} <= checked
