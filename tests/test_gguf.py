"""GGUF export on the tiny model: llama.cpp's converter and quantizer, real llama.cpp loading, the Modelfile."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from domaintune import gguf
from domaintune.engine import Engine
from domaintune.errors import StageError

PROMPT = [{"role": "system", "content": "Extract JSON."}, {"role": "user", "content": "Acme Corp. pays €4,210.50 in Q3 2024 — naïve café."}]


@pytest.fixture(scope="module")
def exported(tiny_base, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("gguf")
    f16 = gguf.convert_model(tiny_base, out / "tiny-f16.gguf", "f16")
    files = {"f16": f16}
    for q in ("q8_0", "q4_k_m"):
        files[q] = gguf.quantize(f16, out / f"tiny-{q}.gguf", q)
    return files


def test_tiny_model_converts_quantises_and_loads_with_identical_tokenisation(exported, tiny_base):
    from gguf import GGUFReader
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_base)
    text = tokenizer.apply_chat_template(PROMPT, add_generation_prompt=True, tokenize=False)
    reader = GGUFReader(exported["f16"])
    model, pre = (bytes(reader.fields[f"tokenizer.ggml.{k}"].parts[-1]).decode() for k in ("model", "pre"))
    assert (model, pre) == ("gpt2", "smollm")
    assert int(reader.fields["tokenizer.ggml.eos_token_id"].parts[-1][0]) == tokenizer.convert_tokens_to_ids("<|im_end|>")
    sizes = {name: path.stat().st_size for name, path in exported.items()}
    assert sizes["q4_k_m"] < sizes["f16"] and sizes["q8_0"] < sizes["f16"]
    for path in exported.values():
        with Engine(path) as engine:
            assert engine.model_params.use_extra_bufts is False  # AMX repacking segfaults (llama.cpp#20824)
            ids = engine.tokenize(text)
            assert ids == tokenizer(text, add_special_tokens=False)["input_ids"]
            answer = engine.generate([ids], 8, width=1)
            assert answer == engine.generate([ids], 8, width=1)  # greedy: deterministic


def test_lora_adapter_converts_and_applies_on_the_base_gguf(exported, tiny_base, tmp_path):
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(0)
    model = get_peft_model(AutoModelForCausalLM.from_pretrained(tiny_base),
                           LoraConfig(r=4, target_modules="all-linear", init_lora_weights=False))
    model.save_pretrained(tmp_path / "adapter")
    lora = gguf.convert_adapter(tmp_path / "adapter", tiny_base, tmp_path / "lora-f16.gguf")
    with Engine(exported["f16"], lora=lora) as adapted, Engine(exported["f16"]) as plain:
        ids = plain.tokenize("<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n")
        answer = adapted.generate([ids], 16, width=1, stops=set())
        assert answer != plain.generate([ids], 16, width=1, stops=set())  # the adapter changes the answer
        assert answer == adapted.generate([ids], 16, width=1, stops=set())


def render_ollama(template: str, system: str, prompt: str) -> str:
    """The subset of Go's text/template that Ollama uses here: {{ if .X }}...{{ end }}, {{ .X }}, and generation
    stops at {{ .Response }} (Ollama renders the prompt up to there)."""
    values = {"System": system, "Prompt": prompt}
    template = template.split("{{ .Response }}")[0]
    template = re.sub(r"\{\{ if \.(\w+) \}\}(.*?)\{\{ end \}\}", lambda m: m.group(2) if values[m.group(1)] else "",
                      template, flags=re.DOTALL)
    return re.sub(r"\{\{ \.(\w+) \}\}", lambda m: values[m.group(1)], template)


def test_modelfile_template_renders_exactly_the_training_prompt(tiny_base):
    from transformers import AutoTokenizer

    text = gguf.modelfile("./contracts-q4_k_m.gguf", "Extract JSON.", ["<|im_end|>", "<|endoftext|>"])
    assert text == (
        'FROM ./contracts-q4_k_m.gguf\n'
        'TEMPLATE """{{ if .System }}<|im_start|>system\n{{ .System }}<|im_end|>\n'
        '{{ end }}{{ if .Prompt }}<|im_start|>user\n{{ .Prompt }}<|im_end|>\n'
        '{{ end }}<|im_start|>assistant\n{{ .Response }}<|im_end|>"""\n'
        'SYSTEM """Extract JSON."""\n'
        'PARAMETER stop "<|im_end|>"\nPARAMETER stop "<|endoftext|>"\nPARAMETER temperature 0\n'
    )
    template = re.search(r'TEMPLATE """(.*?)"""', text, re.DOTALL).group(1)
    tokenizer = AutoTokenizer.from_pretrained(tiny_base)
    expected = tokenizer.apply_chat_template(PROMPT, add_generation_prompt=True, tokenize=False)
    assert render_ollama(template, PROMPT[0]["content"], PROMPT[1]["content"]) == expected
    adapter = gguf.modelfile("../../base-gguf/base-f16.gguf", "S", ["<|im_end|>"], adapter="contracts-lora-f16.gguf")
    assert adapter.splitlines()[:2] == ["FROM ../../base-gguf/base-f16.gguf", "ADAPTER ./contracts-lora-f16.gguf"]


def test_corrupted_and_truncated_gguf_files_get_a_clear_error(exported, tmp_path):
    garbage = tmp_path / "garbage.gguf"
    garbage.write_bytes(b"NOPE" + bytes(100))
    with pytest.raises(StageError, match=r"garbage.gguf: not a GGUF file \(magic b'NOPE'"):
        Engine(garbage)
    data = exported["q8_0"].read_bytes()
    truncated = tmp_path / "truncated.gguf"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(StageError, match=rf"truncated.gguf: damaged or truncated GGUF \({len(data) // 2} bytes; "):
        Engine(truncated)
    header_only = tmp_path / "header.gguf"
    header_only.write_bytes(data[:64])
    with pytest.raises(StageError, match=r"header.gguf: damaged or truncated GGUF \(64 bytes; "):
        gguf.check_file(header_only)
    with pytest.raises(StageError, match="missing.gguf: GGUF file not found"):
        gguf.check_file(tmp_path / "missing.gguf")
