"""train@<domain>: LoRA / QLoRA fine-tuning with trl's SFTTrainer, logged with dvclive.

    domaintune train contracts

Reads data/processed/<d>/{train,val}.jsonl and models/base; writes models/<d>/adapter,
metrics/<d>/train.json and the dvclive curves in metrics/<d>/train/. Checkpoints (with optimizer
state) go to models/<d>/checkpoints, a DVC `persist` output: if the stage is killed, the next
`dvc repro` resumes from the last checkpoint, provided params and data are unchanged.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
import subprocess
import time
from dataclasses import asdict
from pathlib import Path

from domaintune import atomic, config, memory
from domaintune.config import ConfigError, Params
from domaintune.errors import StageError
from domaintune.modeling import (
    choose_backend,
    compute_dtype,
    cuda_available,
    load_adapter,
    load_for_training,
    max_logit_diff,
    trainable_parameters,
)
from domaintune.records import read_rows

FINGERPRINT = "fingerprint.json"


def fingerprint(params: Params, data_files: list[Path], base_dir: Path) -> str:
    """What a checkpoint was trained from; a checkpoint is resumed only when this is unchanged."""
    digest = hashlib.sha256()
    resolved = {k: asdict(getattr(params, k)) for k in ("base", "model", "lora", "train")}
    digest.update(json.dumps(resolved, sort_keys=True).encode())
    for path in [*data_files, base_dir / "config.json", base_dir / "model.safetensors"]:
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def checkpoint_to_resume(checkpoints: Path, print_: str) -> str | None:
    """The last checkpoint of an interrupted run with the same fingerprint; otherwise start clean."""
    stamp = checkpoints / FINGERPRINT
    if checkpoints.is_dir() and stamp.is_file() and json.loads(stamp.read_text())["fingerprint"] == print_:
        # trainer_state.json is written last: a checkpoint without it was cut off mid-save.
        complete = [c for c in checkpoints.glob("checkpoint-*") if (c / "trainer_state.json").is_file()]
        return str(max(complete, key=lambda c: int(c.name.split("-")[-1]))) if complete else None
    shutil.rmtree(checkpoints, ignore_errors=True)
    checkpoints.mkdir(parents=True)
    atomic.write_json(stamp, {"fingerprint": print_})
    return None


def sft_config(params: Params, output_dir: Path, use_cpu: bool, eval_on_start: bool = True):
    from trl import SFTConfig

    t, dtype = params.train, compute_dtype(params.model)
    return SFTConfig(
        output_dir=str(output_dir),
        num_train_epochs=t.epochs,
        max_steps=t.max_steps,
        per_device_train_batch_size=t.batch_size,
        per_device_eval_batch_size=t.batch_size,
        gradient_accumulation_steps=t.grad_accum,
        learning_rate=t.lr,
        warmup_steps=t.warmup_ratio,  # transformers 5: a value below 1 is a ratio of the total steps
        weight_decay=t.weight_decay,
        lr_scheduler_type=t.scheduler,
        max_grad_norm=t.max_grad_norm,
        optim=t.optim,
        seed=t.seed,
        data_seed=t.seed,
        eval_strategy="steps",
        eval_steps=t.eval_steps,
        eval_on_start=eval_on_start,  # not again on resume: the checkpoint's history has it
        save_strategy="steps",
        save_steps=t.eval_steps,
        save_total_limit=2,
        load_best_model_at_end=True,
        metric_for_best_model="eval_loss",
        greater_is_better=False,
        logging_steps=1,
        report_to="none",
        bf16=dtype == "bfloat16",
        fp16=dtype == "float16",
        use_cpu=use_cpu,
        gradient_checkpointing=t.gradient_checkpointing,
        max_length=params.model.max_seq_length,
        packing=t.packing,
        completion_only_loss=True,
        loss_type=t.loss_type,
        train_sampling_strategy="group_by_length",
        include_num_input_tokens_seen="non_padding",
        dataloader_num_workers=0,
    )


def stable_adapter_config(path: Path) -> None:
    """peft keeps target_modules as a set and writes it in hash-seed order, so the same run gave another
    adapter_config.json (and dvc hash) in each process: write every such list sorted, as peft formats the file."""
    cfg = json.loads(path.read_text(encoding="utf-8"))
    for key in ("target_modules", "modules_to_save", "exclude_modules"):
        if isinstance(cfg.get(key), list):
            cfg[key] = sorted(cfg[key])
    path.write_text(json.dumps(cfg, indent=2, sort_keys=True), encoding="utf-8")


def git_commit() -> str:
    proc = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=False)
    return proc.stdout.strip() if proc.returncode == 0 else "unknown"


def portable_args(args) -> dict:
    """TrainingArguments without machine-specific paths, for the adapter directory."""
    drop = {"output_dir", "logging_dir", "run_name", "hub_token", "push_to_hub_token"}
    return {k: v for k, v in args.to_dict().items() if k not in drop and not (isinstance(v, str) and v.startswith("/"))}


def model_card(domain: str, info: dict, base_source: str) -> str:
    hp = ", ".join(f"{k}={v}" for k, v in info["params"]["lora"].items())
    tp = ", ".join(f"{k}={v}" for k, v in info["params"]["train"].items())
    result = info["result"]
    return (
        f"# {domain} LoRA adapter\n\n"
        f"- base model: {base_source}\n- backend: {info['backend']}\n"
        f"- data: {info['data']['train']} train / {info['data']['val']} val examples (data/processed/{domain})\n"
        f"- trainable parameters: {info['trainable_params']:,} ({info['trainable_pct']:.3f} %) in {', '.join(info['target_modules'])}\n"
        f"- LoRA: {hp}\n- training: {tp}\n"
        f"- result: val loss {result['val_loss']:.4f} (perplexity {result['val_perplexity']:.3f}) at best step "
        f"{result['best_step']} of {result['steps']}\n\n"
        "Load with `peft.PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained('models/base'), this_dir)`.\n"
    )


def train(domain: str, params: Params, paths: config.DomainPaths) -> dict:
    backend = choose_backend(params.train.backend, params.lora.use_dora)
    if backend == "unsloth":
        import unsloth  # noqa: F401  # before trl/transformers/peft: Unsloth patches them as they are imported
    import torch
    from datasets import Dataset
    from dvclive import Live
    from transformers import EarlyStoppingCallback, set_seed
    from trl import SFTTrainer

    from domaintune.monitoring import EpochTimer, LiveCallback

    base_dir = paths.root / config.BASE_MODEL_DIR
    data_files = [paths.processed / "train.jsonl", paths.processed / "val.jsonl"]
    train_rows, val_rows = (read_rows(p) for p in data_files)
    for path, rows in zip(data_files, (train_rows, val_rows), strict=True):
        if not rows:  # validation drives early stopping and the best checkpoint: without it there is neither
            split = path.stem
            raise ConfigError(f"params.yaml: format.split.{split}: {path} is empty: raise format.split.{split} "
                              "or add data")
    device = "cuda" if cuda_available() else "cpu"
    plan = memory.estimate(base_dir, params.model, params.lora, params.train.batch_size,
                           params.model.max_seq_length, params.train.gradient_checkpointing, device,
                           params.train.loss_type, params.base.trust_remote_code)
    memory.check(plan)

    checkpoints = paths.models / "checkpoints"
    resume_from = checkpoint_to_resume(checkpoints, fingerprint(params, data_files, base_dir))
    set_seed(params.train.seed)
    loaded = load_for_training(base_dir, params.model, params.lora, backend, params.train.seed,
                               params.train.gradient_checkpointing, params.base.trust_remote_code)
    trainable, total = trainable_parameters(loaded.model)
    live = Live(dir=str(paths.metrics / "train"), dvcyaml=False, save_dvc_exp=False, report=None)
    timer = EpochTimer()
    patience = params.train.early_stopping_patience
    trainer = SFTTrainer(
        model=loaded.model,
        args=sft_config(params, checkpoints, use_cpu=device == "cpu", eval_on_start=resume_from is None),
        train_dataset=Dataset.from_list(train_rows),
        eval_dataset=Dataset.from_list(val_rows[: params.train.eval_samples or None]),
        processing_class=loaded.tokenizer,
        callbacks=[LiveCallback(live), timer, *([EarlyStoppingCallback(patience)] if patience else [])],
    )
    if device == "cuda":
        torch.cuda.reset_peak_memory_stats()
    tokens_before = trainer.state.num_input_tokens_seen
    start = time.perf_counter()
    output = trainer.train(resume_from_checkpoint=resume_from)
    wall = time.perf_counter() - start
    if resume_from:
        print(f"train@{domain}: resumed from {Path(resume_from).name}")
    state = trainer.state  # load_best_model_at_end has put the best checkpoint's weights back
    best_step = int(Path(state.best_model_checkpoint).name.split("-")[-1]) if state.best_model_checkpoint else state.global_step
    train_losses = [e["loss"] for e in state.log_history if "loss" in e]
    eval_losses = [e["eval_loss"] for e in state.log_history if "eval_loss" in e]
    tokens = state.num_input_tokens_seen - tokens_before
    # The saved adapter's val loss: the best checkpoint's (the eval at step 0 has no checkpoint, so it is not a
    # candidate; min(eval_losses) would report a loss no saved model has).
    best = state.best_metric if state.best_model_checkpoint else eval_losses[-1]

    info = {
        "domain": domain,
        "backend": loaded.backend,
        "device": device,
        "compute_dtype": compute_dtype(params.model),
        "base_model": str(config.BASE_MODEL_DIR),
        "target_modules": loaded.target_modules,
        "trainable_params": trainable,
        "total_params": total,
        "trainable_pct": round(100 * trainable / total, 4),
        "params": {k: asdict(getattr(params, k)) for k in ("model", "lora", "train")},
        "data": {"train": len(train_rows), "val": len(val_rows[: params.train.eval_samples or None])},
        "result": {
            "val_loss": round(best, 5),
            "val_perplexity": round(math.exp(best), 4),
            "first_val_loss": round(eval_losses[0], 5),
            "best_step": best_step,
            "steps": state.global_step,
        },
    }
    limit_key = "max_reload_logit_diff_qlora" if params.model.load_in_4bit else "max_reload_logit_diff"
    reload_limit = getattr(params.train, limit_key)
    base_source = (base_dir / "README.md").read_text(encoding="utf-8").split("- source: ")[1].splitlines()[0]
    with atomic.output_dir(paths.models / "adapter") as tmp:
        trainer.model.save_pretrained(tmp, safe_serialization=True)
        stable_adapter_config(tmp / "adapter_config.json")
        loaded.tokenizer.save_pretrained(tmp)
        atomic.write_json(tmp / "training_args.json", portable_args(trainer.args))
        atomic.write_json(tmp / "train_info.json", info)
        atomic.write_text(tmp / "README.md", model_card(domain, info, base_source))
        # The saved adapter must reproduce the trained model exactly: reload it from disk and compare.
        sample = loaded.tokenizer.apply_chat_template(val_rows[0]["prompt"] + val_rows[0]["completion"],
                                                      tokenize=True, return_dict=True, return_tensors="pt")
        trained = trainer.model.eval()
        reloaded = load_adapter(base_dir, tmp, params.model, params.base.trust_remote_code, as_trained=True)
        reload_diff = max_logit_diff(trained, reloaded, sample["input_ids"].to(trained.device), info["compute_dtype"])
        if reload_diff > reload_limit:
            raise StageError(f"{paths.models / 'adapter'}: reloaded adapter's max |logit diff| from the trained model "
                             f"{reload_diff:.6g} > train.{limit_key} {reload_limit}; nothing written")

    metrics = {
        **info["result"],
        "train_loss": round(train_losses[-1], 5) if train_losses else None,
        "train_loss_mean": round(output.training_loss, 5),
        "tokens_per_second": round(tokens / wall, 1),
        "tokens_seen": tokens,
        "wall_seconds": round(wall, 1),
        "epoch_seconds": timer.seconds,
        "peak_memory_gb": memory.peak_gb(device),
        "memory_plan_gb": plan.total_gb,
        "trainable_pct": info["trainable_pct"],
        "backend": loaded.backend,
        "compute_dtype": info["compute_dtype"],
        "reload_max_abs_logit_diff": reload_diff,
        "reload_max_abs_logit_diff_limit": reload_limit,
        "early_stopped": state.global_step < state.max_steps,
        "git_commit": git_commit(),  # here, not in the adapter: the adapter's bytes must not depend on the checkout
        "resumed_from_step": int(Path(resume_from).name.split("-")[-1]) if resume_from else 0,
    }
    atomic.write_json(paths.metrics / "train.json", metrics)
    # Finished: drop the checkpoints so a later rerun (e.g. after a code change) never "resumes" a finished run.
    for ckpt in checkpoints.glob("checkpoint-*"):
        shutil.rmtree(ckpt)
    return metrics


def main(domain: str) -> dict:
    params = config.load(domain)
    metrics = train(domain, params, config.DomainPaths(domain))
    print(f"train@{domain}: val loss {metrics['first_val_loss']} -> {metrics['val_loss']} "
          f"({metrics['tokens_per_second']} tok/s, peak {metrics['peak_memory_gb']} GiB, {metrics['wall_seconds']} s)")
    return metrics
