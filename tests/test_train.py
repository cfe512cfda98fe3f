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
    assert metrics["reload_max_abs_logit_diff"] < 1e-2


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
    loaded = load_for_training(tiny_base, params.model, lora, "peft", 0, False)
    adapted = {n.split(".layers.")[1].split(".")[0] for n, p in loaded.model.named_parameters() if p.requires_grad}
    assert adapted == {"1"}
    # More layers than the model has (the default 24 on a 2-layer model) means all of them.
    everything = load_for_training(tiny_base, params.model, dataclasses.replace(lora, top_layers=3), "peft", 0, False)
    assert {n.split(".layers.")[1].split(".")[0] for n, p in everything.model.named_parameters() if p.requires_grad} == {"0", "1"}
    with pytest.raises(StageError, match="lora.top_layers: -1 must be 0"):
        load_for_training(tiny_base, params.model, dataclasses.replace(lora, top_layers=-1), "peft", 0, False)


def test_chunked_loss_is_the_plain_loss(workspace):
    """train.loss_type chunked_nll (logits only at answer tokens) must train the same objective as nll."""
    write_split(workspace, rows(8), rows(8)[:4])
    paths = config.DomainPaths("contracts")
    plain = train("contracts", tiny_params(max_steps=2, eval_steps=2, loss_type="nll"), paths)
    chunked = train("contracts", tiny_params(max_steps=2, eval_steps=2, loss_type="chunked_nll"), paths)
    assert chunked["first_val_loss"] == pytest.approx(plain["first_val_loss"], rel=1e-3)
    assert chunked["val_loss"] == pytest.approx(plain["val_loss"], rel=1e-2)
    assert chunked["val_loss"] < chunked["first_val_loss"]
