"""How stages load models: unquantised weights for everything that scores or exports (also after QLoRA), and
`base.trust_remote_code` honoured by every loader (off: a model that needs its own code is a one-line error)."""

from __future__ import annotations

import ast
import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from conftest import REPO, set_params
from domaintune import cli, config
from domaintune.errors import StageError
from domaintune.generate import load_model, weights
from domaintune.modeling import compute_dtype
from test_train import rows, write_split


def one_golden_test(workspace):
    """eval@D also scores golden tests; one keeps these stage runs short."""
    (workspace / "golden_tests").mkdir()
    first = (REPO / "golden_tests/contracts.jsonl").read_text().splitlines()[0]
    (workspace / "golden_tests/contracts.jsonl").write_text(first + "\n")


def test_after_qlora_eval_and_predict_score_unquantised_weights(workspace, capsys):
    """QLoRA trains on NF4; merge, eval and predict must see the unquantised weights gguf-export ships (compare runs on
    the f16 GGUF itself)."""
    write_split(workspace, rows(8), rows(8)[:2])
    (workspace / "data/processed/contracts/test.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows(3)))
    one_golden_test(workspace)
    set_params(workspace, {"model.load_in_4bit": True, "train.max_steps": 2, "train.eval_steps": 2, "train.batch_size": 4,
                           "train.eval_samples": 2, "merge.samples": 2, "eval.max_new_tokens": 8})
    for argv in (["train", "contracts"], ["merge", "contracts"], ["eval", "contracts"]):
        assert cli.run(argv) == 0, capsys.readouterr().err
    assert json.loads((workspace / "metrics/contracts/train.json").read_text())["backend"] == "peft-qlora"
    params = config.load("contracts")
    unquantised = {"dtype": compute_dtype(params.model), "quantised_modules": 0}  # model.dtype auto: bf16 or fp32
    assert json.loads((workspace / "metrics/contracts/eval.json").read_text())["weights"] == unquantised
    # predict --model <adapter> applies the adapter to the base: also unquantised.
    model, _ = load_model(workspace / "models/contracts/adapter", params.model, workspace / "models/base")
    assert weights(model) == unquantised
    # The training-time loader does quantise: the test above is not vacuous.
    from domaintune.modeling import load_for_training, quantised_modules

    loaded = load_for_training(workspace / "models/base", params.model, params.lora, "peft", 0, False, False)
    assert quantised_modules(loaded.model) > 0


@pytest.mark.parametrize(("cuda", "cuda_bf16", "cpu_bf16", "amx", "expected"), [
    (False, False, False, False, "float32"),  # AVX2 CPU: torch emulates 16-bit matmuls (500x slower here)
    (False, False, True, False, "bfloat16"),  # AVX512-BF16
    (False, False, False, True, "bfloat16"),  # AMX
    (True, True, False, False, "bfloat16"),
    (True, False, False, False, "float16"),   # a GPU without bf16
])
def test_auto_compute_dtype_is_what_the_hardware_computes_natively(monkeypatch, cuda, cuda_bf16, cpu_bf16, amx, expected):
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda)
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda: cuda_bf16)
    monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda: cpu_bf16)
    monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: amx)
    assert compute_dtype(config.ModelParams(dtype="auto")) == expected
    assert compute_dtype(config.ModelParams(dtype="float16")) == "float16"  # an explicit dtype is kept as written


def custom_code_model(tiny_base: Path, out: Path) -> Path:
    """The tiny model as a checkpoint whose config names its own Python classes (auto_map), like many hub repos."""
    shutil.copytree(tiny_base, out)
    cfg = json.loads((out / "config.json").read_text())
    cfg.update(model_type="toy_llama", architectures=["ToyLlamaForCausalLM"],
               auto_map={"AutoConfig": "configuration_toy.ToyLlamaConfig",
                         "AutoModelForCausalLM": "modeling_toy.ToyLlamaForCausalLM"})
    (out / "config.json").write_text(json.dumps(cfg))
    (out / "configuration_toy.py").write_text(
        "from transformers import LlamaConfig\n\n\nclass ToyLlamaConfig(LlamaConfig):\n    model_type = 'toy_llama'\n")
    (out / "modeling_toy.py").write_text(
        "from transformers import LlamaForCausalLM\n\nfrom .configuration_toy import ToyLlamaConfig\n\n\n"
        "class ToyLlamaForCausalLM(LlamaForCausalLM):\n    config_class = ToyLlamaConfig\n")
    return out


def test_trust_remote_code_off_is_a_one_line_error_and_on_loads_the_model(tiny_base, tmp_path):
    model_dir = custom_code_model(tiny_base, tmp_path / "custom")
    params = config.load("contracts")
    with pytest.raises(StageError, match=r"custom: the model needs its own Python code \(auto_map\); set params.yaml "
                                         r"base.trust_remote_code: true only if you trust that code"):
        load_model(model_dir, params.model)
    model, _ = load_model(model_dir, params.model, trust_remote_code=True)
    assert type(model).__name__ == "ToyLlamaForCausalLM"


def test_the_eval_stage_honours_trust_remote_code(workspace, tiny_base, capsys):
    """Through a stage: eval on a merged model that needs its own code fails (exit 1, one line) unless allowed."""
    shutil.rmtree(workspace / "models/base")
    custom_code_model(tiny_base, workspace / "models/contracts/merged")
    (workspace / "data/processed/contracts").mkdir(parents=True)
    for split in ("test", "val"):
        (workspace / f"data/processed/contracts/{split}.jsonl").write_text(json.dumps(rows(1)[0]) + "\n")
    one_golden_test(workspace)
    set_params(workspace, {"eval.max_new_tokens": 4})
    assert cli.run(["eval", "contracts"]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("domaintune: error: models/contracts/merged: the model needs its own Python code")
    set_params(workspace, {"base.trust_remote_code": True})
    assert cli.run(["eval", "contracts"]) == 0, capsys.readouterr().err


def from_pretrained_calls() -> list[tuple[str, int, set[str], str]]:
    out = []
    for path in sorted((REPO / "src/domaintune").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                    "from_pretrained", "from_config"):
                owner = ast.unparse(node.func.value)
                out.append((path.relative_to(REPO).as_posix(), node.lineno, {k.arg for k in node.keywords}, owner))
    return out


def test_the_gguf_converter_refuses_a_model_with_its_own_code_unless_trusted(tiny_base, tmp_path):
    """llama.cpp's converter loads some tokenizers with trust_remote_code=True itself: we refuse before it runs."""
    from domaintune import gguf

    model_dir = custom_code_model(tiny_base, tmp_path / "custom")
    with pytest.raises(StageError, match=r"custom: the model needs its own Python code \(auto_map\), which llama.cpp's "
                                         r"converter would run; set params.yaml base.trust_remote_code: true"):
        gguf.convert_model(model_dir, tmp_path / "custom-f16.gguf")
    assert not (tmp_path / "custom-f16.gguf").exists()


def test_every_transformers_loader_passes_trust_remote_code():
    """Each from_pretrained/from_config of transformers in src/ passes trust_remote_code (modeling.pretrained does
    it for the stages); the exceptions load our own embedded GGUF (gguf_file=) or a peft adapter onto a model."""
    calls = from_pretrained_calls()
    assert len(calls) >= 5
    unguarded = [(f, line, owner) for f, line, kw, owner in calls
                 if "trust_remote_code" not in kw and "gguf_file" not in kw and owner != "PeftModel"
                 and not (owner == "AutoModelForCausalLM" and f.endswith("stages/base.py"))]
    assert unguarded == []


def test_qlora_params_do_not_leak_into_scoring_loaders():
    from domaintune.modeling import load_kwargs

    params = config.load("contracts")
    qlora = dataclasses.replace(params.model, load_in_4bit=True)
    assert "quantization_config" in load_kwargs(qlora, quantize=True)
    assert "quantization_config" not in load_kwargs(qlora, quantize=False)
