"""train@<domain> on the tiny model: completion masks, loss goes down, adapter reload, QLoRA, memory plan."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from conftest import REPO, set_params
from domaintune import cli, config
from domaintune.stages.train import sft_config, train

ANSWER = {"clause_type": "payment", "parties": ["Acme Corp."], "term_months": None, "amount": 100, "currency": "USD",
          "governing_law": None, "risk_level": "low"}


def rows(n: int) -> list[dict]:
    system = (REPO / "data/prompts/contracts.txt").read_text().strip()
    out = []
    for i in range(n):
        answer = {**ANSWER, "amount": 100 + i}
        out.append({"prompt": [{"role": "system", "content": system},
                               {"role": "user", "content": f"Acme Corp. shall be paid USD {100 + i} monthly."}],
                    "completion": [{"role": "assistant", "content": json.dumps(answer)}]})
    return out


def write_split(ws: Path, train_rows: list[dict], val_rows: list[dict]) -> None:
    out = ws / "data/processed/contracts"
    out.mkdir(parents=True)
    for name, data in (("train", train_rows), ("val", val_rows)):
        (out / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in data))


def tiny_params(**train) -> config.Params:
    params = config.load("contracts")
    defaults = {"max_steps": 8, "batch_size": 4, "eval_steps": 4, "eval_samples": 4, "lr": 2e-3, "warmup_ratio": 0.0}
    return dataclasses.replace(params, train=dataclasses.replace(params.train, **{**defaults, **train}))


def test_completion_mask_covers_exactly_the_assistant_tokens(tiny_base):
    from datasets import Dataset
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import SFTTrainer

    tokenizer = AutoTokenizer.from_pretrained(tiny_base)
    data = rows(3)
    trainer = SFTTrainer(model=AutoModelForCausalLM.from_pretrained(tiny_base), processing_class=tokenizer,
                         args=sft_config(tiny_params(), tiny_base.parent / "out", use_cpu=True),
                         train_dataset=Dataset.from_list(data), eval_dataset=Dataset.from_list(data[:1]))
    expected = {}
    for row in data:
        prompt_ids = tokenizer.apply_chat_template(row["prompt"], add_generation_prompt=True, tokenize=True,
                                                   return_dict=True)["input_ids"]
        answer_ids = tokenizer(row["completion"][0]["content"] + "<|im_end|>\n", add_special_tokens=False)["input_ids"]
        assert tokenizer.convert_tokens_to_ids("<|im_end|>") in answer_ids  # the model learns to stop
        expected[tuple(prompt_ids + answer_ids)] = [-100] * len(prompt_ids) + answer_ids
    # The trainer may shuffle, so match examples by their token ids.
    assert {tuple(e["input_ids"]): e["labels"] for e in trainer.train_dataset} == expected
    first = trainer.train_dataset[0]
    labels = trainer.data_collator([first])["labels"][0].tolist()
    assert labels == expected[tuple(first["input_ids"])]


def test_training_lowers_val_loss_and_the_saved_adapter_reloads_exactly(workspace):
    write_split(workspace, rows(24), rows(24)[:4])
    metrics = train("contracts", tiny_params(), config.DomainPaths("contracts"))
    assert metrics["val_loss"] < metrics["first_val_loss"]
    assert metrics["reload_max_abs_logit_diff"] == 0.0
    assert metrics["trainable_pct"] < 5.0
    assert metrics["backend"] == "peft-lora" and metrics["steps"] == 8
    assert metrics["tokens_per_second"] > 0 and metrics["peak_memory_gb"] > 0
    adapter = workspace / "models/contracts/adapter"
    for name in ("adapter_model.safetensors", "adapter_config.json", "tokenizer.json", "chat_template.jinja",
                 "training_args.json", "train_info.json", "README.md"):
        assert (adapter / name).is_file(), name
    info = json.loads((adapter / "train_info.json").read_text())
    assert info["params"]["lora"]["r"] == 16 and info["backend"] == "peft-lora"
    assert set(info["target_modules"]) == {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"}
    assert str(workspace) not in (adapter / "training_args.json").read_text()
    curves = workspace / "metrics/contracts/train/plots/metrics"
    assert (curves / "train/loss.tsv").is_file() and (curves / "eval/loss.tsv").is_file()
    assert len((curves / "eval/loss.tsv").read_text().splitlines()) == 1 + 3  # header + steps 0, 4, 8
    assert not list((workspace / "models/contracts/checkpoints").glob("checkpoint-*"))


def test_qlora_trains_with_nf4_on_cpu(workspace):
    write_split(workspace, rows(8), rows(8)[:2])
    params = tiny_params(max_steps=2, eval_steps=2)
    params = dataclasses.replace(params, model=dataclasses.replace(params.model, load_in_4bit=True))
    metrics = train("contracts", params, config.DomainPaths("contracts"))
    assert metrics["backend"] == "peft-qlora"
    assert metrics["reload_max_abs_logit_diff_limit"] == params.train.max_reload_logit_diff_qlora
    assert metrics["reload_max_abs_logit_diff"] <= metrics["reload_max_abs_logit_diff_limit"]


def test_the_reload_check_fails_the_stage_exactly_when_the_figure_is_over_its_limit(workspace, capsys):
    """bitsandbytes' CPU NF4 forward under bf16 autocast rewrites the base's quantisation state on AVX-512 machines,
    so after QLoRA the reloaded adapter differs from the model in memory there (0.0078 on the tiny model); on an AVX2
    CPU it reloads exactly (0.0). Whichever this machine gives, the stage must fail (no adapter, no train.json,
    one line with the figure) exactly when the figure is over the limit."""
    write_split(workspace, rows(8), rows(8)[:2])
    set_params(workspace, {"model.load_in_4bit": True, "model.dtype": "bfloat16", "train.max_reload_logit_diff_qlora": 1e-4,
                           "train.max_steps": 2, "train.eval_steps": 2, "train.batch_size": 4, "train.eval_samples": 2})
    capsys.readouterr()
    if cli.run(["train", "contracts"]) == 0:
        metrics = json.loads((workspace / "metrics/contracts/train.json").read_text())
        assert metrics["reload_max_abs_logit_diff_limit"] == 1e-4
        assert metrics["reload_max_abs_logit_diff"] <= 1e-4
        return
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("domaintune: error: models/contracts/adapter: reloaded adapter's max |logit diff| from the "
                          "trained model ")
    figure = float(err.split("trained model ")[1].split(" ")[0])
    assert figure > 1e-4 and err.endswith("> train.max_reload_logit_diff_qlora 0.0001; nothing written")
    assert not (workspace / "models/contracts/adapter").exists()
    assert not (workspace / "metrics/contracts/train.json").exists()


def test_memory_plan_fails_early_with_a_clear_message(workspace, capsys):
    write_split(workspace, rows(4), rows(4)[:2])
    set_params(workspace, {"train.batch_size": 100000})
    assert cli.run(["train", "contracts"]) == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("domaintune: error: memory plan: training needs ~") and "GiB is free; lower train.batch_size" in err
    assert not (workspace / "models/contracts/adapter").exists()


def test_memory_plan_counts_eager_attention_and_only_the_adapted_layers(tiny_base):
    from domaintune.memory import estimate
    from domaintune.modeling import attention_implementation, cuda_available

    params = config.load("contracts")
    model = dataclasses.replace(params.model, attn_implementation="auto")
    assert attention_implementation(model) == ("sdpa" if cuda_available() else "eager")

    def plan(attn: str, top_layers: int):
        return estimate(tiny_base, dataclasses.replace(model, attn_implementation=attn),
                        dataclasses.replace(params.lora, top_layers=top_layers), 4, 512, False, "cpu")

    eager, sdpa = plan("eager", 0), plan("sdpa", 0)
    heads = json.loads((tiny_base / "config.json").read_text())["num_attention_heads"]
    assert sdpa.attention_gb == 0 and eager.attention_gb == round(4 * heads * 512**2 * 6 * 2 / 1024**3, 3)
    assert eager.total_gb > sdpa.total_gb
    one_layer = plan("eager", 1)  # the tiny model has 2 layers: half the activations and attention
    assert one_layer.activations_gb == pytest.approx(eager.activations_gb / 2, abs=1e-3)
    assert one_layer.attention_gb == pytest.approx(eager.attention_gb / 2, abs=1e-3)


def test_backend_auto_picks_peft_without_cuda_and_unsloth_refuses():
    import importlib.util

    from domaintune.errors import StageError
    from domaintune.modeling import choose_backend, cuda_available

    gpu = cuda_available() and importlib.util.find_spec("unsloth") is not None
    assert choose_backend("auto") == ("unsloth" if gpu else "peft")
    assert choose_backend("peft") == "peft"
    if not gpu:
        with pytest.raises(StageError, match="needs a CUDA GPU"):
            choose_backend("unsloth")


def test_top_layers_limits_lora_to_the_upper_decoder_layers(tiny_base):
    from domaintune.errors import StageError
    from domaintune.modeling import load_for_training

    params = config.load("contracts")
    lora = dataclasses.replace(params.lora, top_layers=1)
    loaded = load_for_training(tiny_base, params.model, lora, "peft", 0, False, False)
    adapted = {n.split(".layers.")[1].split(".")[0] for n, p in loaded.model.named_parameters() if p.requires_grad}
    assert adapted == {"1"}
    # More layers than the model has (the default 24 on a 2-layer model) means all of them.
    everything = load_for_training(tiny_base, params.model, dataclasses.replace(lora, top_layers=3), "peft", 0, False, False)
    assert {n.split(".layers.")[1].split(".")[0] for n, p in everything.model.named_parameters() if p.requires_grad} == {"0", "1"}
    with pytest.raises(StageError, match="lora.top_layers: -1 must be 0"):
        load_for_training(tiny_base, params.model, dataclasses.replace(lora, top_layers=-1), "peft", 0, False, False)


def test_chunked_loss_is_the_plain_loss(workspace):
    """train.loss_type chunked_nll (logits only at answer tokens) must train the same objective as nll."""
    write_split(workspace, rows(8), rows(8)[:4])
    paths = config.DomainPaths("contracts")
    plain = train("contracts", tiny_params(max_steps=2, eval_steps=2, loss_type="nll"), paths)
    chunked = train("contracts", tiny_params(max_steps=2, eval_steps=2, loss_type="chunked_nll"), paths)
    assert chunked["first_val_loss"] == pytest.approx(plain["first_val_loss"], rel=1e-3)
    assert chunked["val_loss"] == pytest.approx(plain["val_loss"], rel=1e-2)
    assert chunked["val_loss"] < chunked["first_val_loss"]


def refusals(n: int) -> list[dict]:
    """Validation rows whose answer is not JSON: the more the model learns the training answers, the worse it does."""
    return [{**row, "completion": [{"role": "assistant", "content": "I cannot say."}]} for row in rows(n)]


def eval_loss(params: config.Params, model, tokenizer, val_rows: list[dict], out: Path) -> float:
    from datasets import Dataset
    from trl import SFTTrainer

    trainer = SFTTrainer(model=model, processing_class=tokenizer, args=sft_config(params, out, use_cpu=True),
                         train_dataset=Dataset.from_list(val_rows), eval_dataset=Dataset.from_list(val_rows))
    return trainer.evaluate()["eval_loss"]


def test_early_stopping_stops_and_the_saved_adapter_is_the_best_checkpoint(workspace):
    from domaintune.generate import load_tokenizer
    from domaintune.modeling import load_adapter

    val = refusals(4)
    write_split(workspace, rows(24), val)
    params = tiny_params(max_steps=40, eval_steps=2, early_stopping_patience=2, lr=5e-3)
    metrics = train("contracts", params, config.DomainPaths("contracts"))
    curve = [float(line.split("\t")[-1]) for line in
             (workspace / "metrics/contracts/train/plots/metrics/eval/loss.tsv").read_text().splitlines()[1:]]
    steps = [int(line.split("\t")[0]) for line in
             (workspace / "metrics/contracts/train/plots/metrics/eval/loss.tsv").read_text().splitlines()[1:]]
    assert metrics["early_stopped"] is True and metrics["steps"] < 40
    # Stopped `patience` evaluations after the best one (the step-0 eval has no checkpoint, so it is no candidate).
    best = min(range(1, len(curve)), key=lambda i: curve[i])
    assert metrics["best_step"] == steps[best] and metrics["steps"] == steps[best] + 2 * 2
    assert metrics["val_loss"] == pytest.approx(curve[best], abs=1e-5)
    assert curve[-1] > curve[best]
    adapter = workspace / "models/contracts/adapter"
    saved = load_adapter(workspace / "models/base", adapter, params.model, False)
    assert eval_loss(params, saved, load_tokenizer(adapter), val, workspace / "eval") == pytest.approx(curve[best], rel=1e-3)


def test_unsloth_refuses_dora_and_auto_then_picks_peft(monkeypatch, workspace, capsys):
    import importlib.util

    from domaintune import modeling

    real_find_spec = importlib.util.find_spec
    with monkeypatch.context() as gpu:  # as on a CUDA machine with the gpu extra: auto picks Unsloth, not for DoRA
        gpu.setattr(modeling, "cuda_available", lambda: True)
        gpu.setattr(importlib.util, "find_spec", lambda name, *a: object() if name == "unsloth" else real_find_spec(name, *a))
        assert modeling.choose_backend("auto") == "unsloth"
        assert modeling.choose_backend("auto", use_dora=True) == "peft"
        with pytest.raises(config.ConfigError, match="params.yaml: lora.use_dora: the unsloth backend does not train DoRA"):
            modeling.choose_backend("unsloth", use_dora=True)
    # Through the stage, before anything is loaded or any checkpoint touched: a params error, exit 2.
    write_split(workspace, rows(4), rows(4)[:2])
    set_params(workspace, {"train.backend": "unsloth", "lora.use_dora": True})
    capsys.readouterr()
    assert cli.run(["train", "contracts"]) == 2
    assert capsys.readouterr().err.startswith("domaintune: error: params.yaml: lora.use_dora: ")


def test_unsloth_is_imported_before_torch_transformers_trl_and_peft():
    """Unsloth patches transformers, trl and peft as they are imported: train() imports it before them, and nothing
    the train module imports at its top level (directly or through those modules' top levels) pulls them in
    earlier. (torch itself may come first: choose_backend asks it for CUDA.)"""
    import inspect

    from domaintune.stages import train as stage
    from test_deps import closure, imports

    body = inspect.getsource(stage.train)
    heavy = ("torch", "transformers", "trl", "peft", "datasets")
    first_heavy = min(body.index(f"from {m} ") for m in ("transformers", "trl", "datasets") if f"from {m} " in body)
    assert body.index("import unsloth") < first_heavy
    modules = closure("domaintune.stages.train", top_level=True)
    assert {"domaintune.config", "domaintune.modeling", "domaintune.memory"} <= modules
    for name in modules:
        top = {m.split(".")[0] for m in imports(name, top_level=True)}
        assert not top & set(heavy), f"{name} imports {sorted(top & set(heavy))} at module level"


def test_the_adapter_directory_is_byte_identical_across_processes(workspace, tmp_path):
    """Two train runs in fresh processes with different hash seeds (peft keeps target_modules in a set) write the
    same bytes: dvc then sees the same adapter, and `dvc exp run` of an unchanged config is a cache hit."""
    import hashlib
    import os
    import subprocess
    import sys

    write_split(workspace, rows(8), rows(8)[:2])
    set_params(workspace, {"train.max_steps": 2, "train.eval_steps": 2, "train.batch_size": 4, "train.eval_samples": 2})
    digests = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([str(Path(sys.executable).parent / "domaintune"), "train", "contracts"], cwd=workspace, env=env,
                       check=True, capture_output=True)
        adapter = workspace / "models/contracts/adapter"
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(adapter.iterdir())})
    assert digests[0] == digests[1]
    assert {"adapter_model.safetensors", "adapter_config.json", "train_info.json", "README.md"} <= set(digests[0])


def test_an_empty_validation_split_is_a_params_error(workspace, capsys):
    """Early stopping and the best checkpoint need validation examples: an empty val split names the params key."""
    write_split(workspace, rows(4), [])
    capsys.readouterr()
    assert cli.run(["train", "contracts"]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line == ("domaintune: error: params.yaml: format.split.val: data/processed/contracts/val.jsonl is empty: "
                    "raise format.split.val or add data")
    assert not (workspace / "models/contracts/adapter").exists()
