"""Compare dvc experiments: headline metrics per experiment and domain, and the best config per domain.

    domaintune sweep-table                          # reads `dvc exp show --json` of the current repository
    domaintune sweep-table --metric field_acc       # rank by another column (default: val_loss)
    domaintune sweep-table --wait                   # first wait until `dvc queue status` has nothing queued/running
    dvc exp show --json > exps.json && domaintune sweep-table --input exps.json

Rows are the baseline commit(s) and their experiments (not the workspace); queued, running and failed
experiments are listed with their state and no metrics. The params column shows only the params.yaml keys
that differ between the rows, so a sweep over lora.r × train.lr reads as `lora.r=16 train.lr=0.0002`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from domaintune.errors import StageError

# column -> (metrics file in metrics/<domain>/, dotted key, higher is better)
COLUMNS = {
    "val_loss": ("train.json", "val_loss", False),
    "val_ppl": ("train.json", "val_perplexity", False),
    "validity": ("eval.json", "json_validity", True),
    "schema": ("eval.json", "schema_compliance", True),
    "field_acc": ("eval.json", "field_accuracy", True),
    # the merged model on the golden tests, scored by eval@<d>: a sweep need not export GGUF files to be ranked
    "golden_acc": ("eval.json", "golden.field_accuracy", True),
    "train_s": ("train.json", "wall_seconds", False),
    "peak_gb": ("train.json", "peak_memory_gb", False),
}
ALIASES = {"val_perplexity": "val_ppl", "json_validity": "validity", "schema_compliance": "schema",
           "field_accuracy": "field_acc", "wall_seconds": "train_s", "peak_memory_gb": "peak_gb"}
DEFAULT_METRIC = "val_loss"  # always defined and continuous; field_acc ties at 0 on the tiny profile
PENDING = ("Queued", "Running")


def dvc(args: list[str], cwd: Path | None = None) -> str:
    """Run the venv's dvc (next to this interpreter, else the one on PATH) and return its stdout."""
    local = Path(sys.executable).parent / "dvc"
    proc = subprocess.run([str(local) if local.exists() else "dvc", *args], cwd=cwd, capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        raise StageError(f"dvc {' '.join(args)} exited {proc.returncode}", proc.stderr.strip().splitlines()[-20:])
    return proc.stdout


@dataclass
class Experiment:
    name: str
    rev: str
    state: str  # baseline | success | queued | running | failed
    params: dict = field(default_factory=dict)  # dotted key -> value, params.yaml only
    metrics: dict = field(default_factory=dict)  # domain -> column -> value


def _flatten(tree: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in tree.items():
        if isinstance(value, dict) and value:
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def _lookup(data: dict, dotted: str):
    for key in dotted.split("."):
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _experiment(state: dict, name: str, status: str) -> Experiment:
    data = state.get("data") or {}
    params = ((data.get("params") or {}).get("params.yaml") or {}).get("data") or {}
    metrics: dict[str, dict] = {}
    for path, result in (data.get("metrics") or {}).items():
        parts = Path(path).parts
        if len(parts) != 3 or parts[0] != "metrics" or not (result or {}).get("data"):
            continue
        for column, (filename, key, _) in COLUMNS.items():
            if parts[2] == filename and (value := _lookup(result["data"], key)) is not None:
                metrics.setdefault(parts[1], {})[column] = value
    return Experiment(name, state["rev"], status, _flatten(params), metrics)


def experiments(show: list[dict]) -> list[Experiment]:
    """Flatten `dvc exp show --json`: each baseline commit, then its experiments (newest first, as dvc lists them)."""
    rows = []
    for baseline in show:
        if baseline.get("rev") == "workspace":
            continue
        rows.append(_experiment(baseline, baseline.get("name") or baseline["rev"][:7], "baseline"))
        for exp_range in baseline.get("experiments") or []:
            tip = exp_range["revs"][0]
            status = (exp_range.get("executor") or {}).get("state") or "success"
            rows.append(_experiment(tip, exp_range.get("name") or tip.get("name") or tip["rev"][:7], status))
    return rows


def varying_params(rows: list[Experiment]) -> list[str]:
    """params.yaml keys whose value differs between rows that have params (queued ones have theirs too)."""
    keys = sorted({k for r in rows for k in r.params})
    return [k for k in keys if len({json.dumps(r.params.get(k), sort_keys=True) for r in rows if r.params}) > 1]


def resolve_metric(metric: str) -> str:
    column = ALIASES.get(metric, metric)
    if column not in COLUMNS:
        raise StageError(f"--metric {metric!r}: choose one of {', '.join([*COLUMNS, *ALIASES])}")
    return column


def best(rows: list[Experiment], metric: str) -> dict[str, Experiment]:
    """Per domain, the finished row with the best `metric` (ties: lower val_loss, then the earlier row).

    A baseline commit competes only with experiments of its own profile: a full-profile commit is no rival
    for a sweep run with `-S profile=tiny`.
    """
    higher = COLUMNS[metric][2]
    profiles = {row.params.get("profile") for row in rows if row.state == "success"}
    winners: dict[str, tuple] = {}
    for index, row in enumerate(rows):
        if row.state != "success" and not (row.state == "baseline" and (not profiles or
                                                                        row.params.get("profile") in profiles)):
            continue
        for domain, values in row.metrics.items():
            if values.get(metric) is None:
                continue
            key = (-values[metric] if higher else values[metric], values.get("val_loss", float("inf")), index)
            if domain not in winners or key < winners[domain][0]:
                winners[domain] = (key, row)
    return {domain: row for domain, (_, row) in winners.items()}


def _fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def table(rows: list[Experiment], metric: str = DEFAULT_METRIC) -> str:
    """Markdown: one line per experiment and domain, then the best config per domain by `metric`."""
    metric = resolve_metric(metric)
    keys = varying_params(rows)
    domains = sorted({d for r in rows for d in r.metrics})
    lines = ["| experiment | rev | state | params | domain | " + " | ".join(COLUMNS) + " |",
             "| --- | --- | --- | --- | --- | " + " | ".join("---:" for _ in COLUMNS) + " |"]
    for row in rows:
        params = " ".join(f"{k}={_fmt(row.params.get(k))}" for k in keys) if row.params else ""
        for domain in [d for d in domains if d in row.metrics] or [""]:
            values = row.metrics.get(domain, {})
            cells = " | ".join(_fmt(values.get(c)) for c in COLUMNS)
            lines.append(f"| {row.name} | {row.rev[:7]} | {row.state} | {params} | {domain} | {cells} |")
    winners = best(rows, metric)
    direction = "higher" if COLUMNS[metric][2] else "lower"
    lines += ["", f"Best config per domain by {metric} ({direction} is better):", ""]
    for domain in domains:
        row = winners.get(domain)
        if row is None:
            lines.append(f"- {domain}: no finished experiment has {metric}")
            continue
        params = " ".join(f"{k}={_fmt(row.params.get(k))}" for k in keys) or "(no params differ)"
        lines.append(f"- {domain}: {row.name} ({params}), {metric} {_fmt(row.metrics[domain][metric])}")
    return "\n".join(lines) + "\n"


def queue_pending(cwd: Path | None = None) -> list[str]:
    """Rows of `dvc queue status` still queued or running (its last column is the status)."""
    rows = dvc(["queue", "status"], cwd).splitlines()
    return [line for line in rows if line.split() and line.split()[-1] in PENDING]


def wait_for_queue(cwd: Path | None = None, timeout: float = 24 * 3600, poll: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while pending := queue_pending(cwd):
        if time.monotonic() > deadline:
            raise StageError(f"dvc queue still busy after {timeout:.0f} s", pending)
        print(f"waiting for {len(pending)} queued/running experiment(s)...", file=sys.stderr)
        time.sleep(poll)
    failed = [line for line in dvc(["queue", "status"], cwd).splitlines() if line.split()[-1:] == ["Failed"]]
    for line in failed:
        print(f"failed: {line} (see `dvc queue logs {line.split()[0]}`)", file=sys.stderr)


def main(metric: str = DEFAULT_METRIC, source: str | None = None, wait: bool = False, all_commits: bool = False) -> str:
    resolve_metric(metric)
    if wait:
        wait_for_queue()
    if source:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    else:
        text = dvc(["exp", "show", "--json", *(["--all-commits"] if all_commits else [])])
    out = table(experiments(json.loads(text)), metric)
    print(out, end="")
    return out
