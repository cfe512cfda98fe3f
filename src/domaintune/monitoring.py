"""Training callbacks: dvclive curves (only our own metrics, never TrainingArguments), epoch timing."""

from __future__ import annotations

import math
import time

from transformers import TrainerCallback

CURVES = {"loss": "train/loss", "learning_rate": "train/lr", "grad_norm": "train/grad_norm", "eval_loss": "eval/loss"}


class LiveCallback(TrainerCallback):
    """Writes dvclive step curves. After a resume it replays the checkpoint's log history first, so the
    curves are whole and contain nothing logged after the checkpoint by the interrupted run."""

    def __init__(self, live):
        self.live = live

    def on_train_begin(self, args, state, control, **kwargs):
        for entry in state.log_history:
            self._log(entry, entry.get("step", 0))

    def on_log(self, args, state, control, logs=None, **kwargs):
        self._log(logs or {}, state.global_step)

    def _log(self, entry: dict, step: int) -> None:
        self.live.step = step
        for key, name in CURVES.items():
            if key in entry and entry[key] is not None:
                self.live.log_metric(name, float(entry[key]))
        if "eval_loss" in entry:
            self.live.log_metric("eval/perplexity", math.exp(min(entry["eval_loss"], 50.0)))


class EpochTimer(TrainerCallback):
    """Seconds per epoch of this run (a resumed run times only the epochs it ran)."""

    def __init__(self):
        self.seconds: list[float] = []
        self._start = 0.0

    def on_epoch_begin(self, args, state, control, **kwargs):
        self._start = time.perf_counter()

    def on_epoch_end(self, args, state, control, **kwargs):
        self.seconds.append(round(time.perf_counter() - self._start, 1))
