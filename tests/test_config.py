"""params.yaml parsing: typed sections, per-domain overrides, clear errors."""

from __future__ import annotations

import pytest
import yaml

from domaintune.config import ConfigError, load


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
        ({"format": {"splt": {}}}, "params.yaml: params.format.splt: unknown key"),
        ({"format": {"on_error": "ignore"}}, "params.format.on_error: 'ignore' is not one of ['fail', 'quarantine']"),
        ({"model": {"max_seq_length": "long"}}, "params.model.max_seq_length: expected int, got 'long'"),
        ({"format": {"split": {"train": 0.9, "val": 0.2, "test": 0.1}}}, "format.split: ratios must be >= 0 and sum to 1"),
        ({"domains": {"legal": {"model": {"max_len": 1}}}}, "params.model.max_len: unknown key"),
    ],
)
def test_bad_params_name_the_key(tmp_path, params, message):
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]").replace(".", r"\.")):
        load("legal" if "legal" in params.get("domains", {}) else None, write(tmp_path, params))


def test_unknown_domain(tmp_path):
    with pytest.raises(ConfigError, match="unknown domain 'tax'"):
        load("tax", write(tmp_path, {"domains": {"legal": {}}}))


def test_repository_params_parse_for_every_domain():
    params = load()
    assert params.domains == ("contracts", "medical", "financial", "legal")
    for domain in params.domains:
        assert load(domain).base.trust_remote_code is False
