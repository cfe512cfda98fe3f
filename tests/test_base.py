"""base stage: the tiny profile, a local model directory, determinism and the embedded GGUF."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from domaintune.config import BaseParams
from domaintune.errors import StageError
from domaintune.stages.base import embedded_gguf, materialise


def digests(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


def test_tiny_base_is_a_small_llama_with_the_real_tokenizer_and_template(tiny_base):
    from transformers import AutoConfig, AutoTokenizer

    config = AutoConfig.from_pretrained(tiny_base)
    tokenizer = AutoTokenizer.from_pretrained(tiny_base)
    assert (config.model_type, config.num_hidden_layers, config.vocab_size) == ("llama", 2, 49152)
    assert (tokenizer.bos_token, tokenizer.eos_token, tokenizer.pad_token) == ("<|im_start|>", "<|im_end|>", "<|im_end|>")
    text = tokenizer.apply_chat_template([{"role": "system", "content": "S"}, {"role": "user", "content": "U"}],
                                         tokenize=False, add_generation_prompt=True)
    assert text == "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n"
    assert (tiny_base / "model.safetensors").is_file() and not list(tiny_base.glob("*.bin"))
    # SmolLM2's own tokenizer form (byte-level BPE, digits split), which llama.cpp exports as gpt2/smollm.
    spec = json.loads((tiny_base / "tokenizer.json").read_text())
    assert spec["model"]["byte_fallback"] is False and spec["decoder"]["type"] == "ByteLevel"
    assert [p["type"] for p in spec["pre_tokenizer"]["pretokenizers"]] == ["Digits", "ByteLevel"]
    assert tokenizer.convert_ids_to_tokens(tokenizer(" Q3 2024")["input_ids"]) == ["ĠQ", "3", "Ġ", "2", "0", "2", "4"]


def test_base_from_a_local_directory_writes_identical_bytes_twice(tiny_base, tmp_path):
    import torch
    from transformers import AutoModelForCausalLM

    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        out.mkdir()
        info = materialise(BaseParams(model=str(tiny_base)), out)
    assert digests(first) == digests(second)
    assert info["layers"] == 2 and info["parameters"] > 0
    assert str(tmp_path) not in "".join(p.read_text(errors="ignore") for p in first.iterdir() if p.suffix != ".safetensors")
    original = AutoModelForCausalLM.from_pretrained(tiny_base).state_dict()
    copied = AutoModelForCausalLM.from_pretrained(first).state_dict()
    assert all(torch.equal(original[k], copied[k]) for k in original)


def test_tiny_profile_is_seeded(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        out.mkdir()
        materialise(BaseParams(model="tiny", seed=3), out)
    assert digests(a) == digests(b)


def test_unknown_source_is_a_clear_error(tmp_path):
    with pytest.raises(StageError, match="'nonsense' is neither embedded, tiny, a local directory nor a hub id"):
        materialise(BaseParams(model="nonsense"), tmp_path)


def test_embedded_gguf_ships_in_the_installed_package():
    path = embedded_gguf()
    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert path.read_bytes()[:4] == b"GGUF" and path.stat().st_size > 50_000_000
