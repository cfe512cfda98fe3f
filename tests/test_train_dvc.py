"""train@<domain> through the real dvc CLI: resume after SIGKILL, and `dvc exp run -S lora.r=4`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import yaml

from conftest import BIN, run, set_params

FAST = {"train.max_steps": 6, "train.batch_size": 2, "train.eval_steps": 2, "train.eval_samples": 2}


def adapter_md5(repo) -> str:
    lock = yaml.safe_load((repo / "dvc.lock").read_text())
    outs = lock["stages"]["train@contracts"]["outs"]
    return next(o["md5"] for o in outs if o["path"] == "models/contracts/adapter")


def test_killed_training_resumes_from_its_last_checkpoint(repo_copy):
    set_params(repo_copy, {**FAST, "train.max_steps": 40, "train.eval_steps": 3, "train.early_stopping_patience": 100})
    run(["dvc", "repro", "format@contracts"], repo_copy)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.Popen([str(BIN / "dvc"), "repro", "train@contracts"], cwd=repo_copy, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    checkpoints = repo_copy / "models/contracts/checkpoints"
    deadline = time.monotonic() + 300
    while not any((c / "trainer_state.json").is_file() for c in checkpoints.glob("checkpoint-*")):
        assert proc.poll() is None, "training ended before it could be interrupted"
        assert time.monotonic() < deadline, "no checkpoint within 300 s"
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    saved = [int(c.name.split("-")[1]) for c in checkpoints.glob("checkpoint-*") if (c / "trainer_state.json").is_file()]
    assert not (repo_copy / "metrics/contracts/train.json").exists()
    assert not (repo_copy / "models/contracts/adapter").exists()

    out = run(["dvc", "repro", "train@contracts"], repo_copy).stdout
    metrics = json.loads((repo_copy / "metrics/contracts/train.json").read_text())
    assert metrics["resumed_from_step"] == max(saved) > 0
    assert f"resumed from checkpoint-{max(saved)}" in out
    assert metrics["steps"] == 40
    eval_steps = [int(x.split("\t")[0]) for x in
                  (repo_copy / "metrics/contracts/train/plots/metrics/eval/loss.tsv").read_text().splitlines()[1:]]
    assert eval_steps == [*range(0, 40, 3), 40]  # the whole curve, each eval once, also across the resume


def test_exp_run_with_another_rank_changes_the_adapter_and_params_diff_shows_it(repo_copy):
    set_params(repo_copy, FAST)
    run(["dvc", "repro", "train@contracts"], repo_copy)
    run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "baseline"], repo_copy)
    before = adapter_md5(repo_copy)

    out = run(["dvc", "exp", "run", "-S", "lora.r=4", "train@contracts"], repo_copy).stdout
    assert "Running stage 'train@contracts'" in out and "Running stage 'format@contracts'" not in out
    assert adapter_md5(repo_copy) != before
    diff = json.loads(run(["dvc", "params", "diff", "--json"], repo_copy).stdout)
    assert diff["params.yaml"]["lora.r"] == {"old": 16, "new": 4, "diff": -12}
    info = json.loads((repo_copy / "models/contracts/adapter/train_info.json").read_text())
    assert info["params"]["lora"]["r"] == 4
