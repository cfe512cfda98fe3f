"""format@<domain>: validate raw records, normalise to prompt/completion, de-duplicate and split.

    domaintune format contracts

Reads data/raw/<d>/*.jsonl, writes data/processed/<d>/{train,val,test}.jsonl, data/rejected/<d>.jsonl
and metrics/<d>/format.json. Splits are by content hash of the prompt, so adding a record never moves
another between splits. With format.on_error=fail (default) any problem fails the stage, one line each.
"""

from __future__ import annotations

import hashlib
import json
import statistics
from collections import Counter
from dataclasses import dataclass

from domaintune import atomic, config
from domaintune.config import ConfigError, Split
from domaintune.errors import StageError
from domaintune.records import Problem, Record, read_dir
from domaintune.validate import Schema

SPLITS = ("train", "val", "test")


@dataclass(frozen=True)
class Formatted:
    splits: dict[str, list[Record]]
    rejected: list[Problem]
    metrics: dict


def split_of(record: Record, split: Split) -> str:
    """Stable split from a hash of the input alone: a relabelled record, or a new system prompt, moves nothing
    between splits, so test metrics stay comparable across experiments."""
    turns = [m for m in record.prompt if m["role"] != "system"]
    key = record.text if record.text is not None else json.dumps(turns, ensure_ascii=False, sort_keys=True)
    fraction = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:15], 16) / 16**15
    if fraction < split.train:
        return "train"
    return "val" if fraction < split.train + split.val else "test"


def token_length(tokenizer, record: Record) -> int:
    if record.text is not None:
        return len(tokenizer(record.text)["input_ids"])
    return len(tokenizer.apply_chat_template(record.messages, tokenize=True, return_dict=True)["input_ids"])


def format_records(records: list[Record], problems: list[Problem], lengths: list[int], max_len: int, split: Split) -> Formatted:
    """Drop over-long and duplicate records (as problems), split the rest, and count everything."""
    problems = list(problems)
    seen: dict[str, Record] = {}
    kept: list[tuple[Record, int]] = []
    for record, length in zip(records, lengths, strict=True):
        if length > max_len:
            problems.append(Problem(record.path, record.line, "record", f"too long: {length} tokens > model.max_seq_length {max_len}", "too_long"))
            continue
        key = json.dumps(record.prompt if record.text is None else record.text, ensure_ascii=False, sort_keys=True)
        if key in seen:
            first = seen[key]
            problems.append(Problem(record.path, record.line, "record", f"duplicate prompt of {first.path}:{first.line}", "duplicate"))
            continue
        seen[key] = record
        kept.append((record, length))
    splits: dict[str, list[Record]] = {name: [] for name in SPLITS}
    split_tokens = Counter()
    for record, length in kept:
        name = split_of(record, split)
        splits[name].append(record)
        split_tokens[name] += length
    kept_lengths = sorted(length for _, length in kept)
    problems.sort(key=lambda p: (p.path, p.line))
    metrics = {
        "records": len(kept),
        "rejected": len(problems),
        "split": {name: len(splits[name]) for name in SPLITS},
        "split_tokens": {name: split_tokens[name] for name in SPLITS},
        "kinds": dict(sorted(Counter(r.kind for r, _ in kept).items())),
        "rejected_by_reason": dict(sorted(Counter(p.code for p in problems).items())),
        "tokens": _length_stats(kept_lengths),
    }
    return Formatted(splits, problems, metrics)


def _length_stats(lengths: list[int]) -> dict:
    if not lengths:
        return {"min": 0, "mean": 0.0, "p50": 0, "p95": 0, "max": 0}
    return {
        "min": lengths[0],
        "mean": round(statistics.fmean(lengths), 2),
        "p50": lengths[len(lengths) // 2],
        "p95": lengths[min(len(lengths) - 1, int(0.95 * len(lengths)))],
        "max": lengths[-1],
    }


def main(domain: str) -> dict:
    from transformers import AutoTokenizer

    from domaintune.modeling import pretrained

    params = config.load(domain)
    paths = config.DomainPaths(domain)
    schema = Schema.load(paths.schema)
    system_prompt = paths.prompt.read_text(encoding="utf-8").strip()
    records, problems = read_dir(paths.raw, system_prompt, schema)
    tokenizer = pretrained(AutoTokenizer, config.BASE_MODEL_DIR, params.base.trust_remote_code)
    lengths = [token_length(tokenizer, r) for r in records]
    result = format_records(records, problems, lengths, params.model.max_seq_length, params.format.split)

    if result.rejected and params.format.on_error == "fail":
        raise StageError(
            f"format@{domain}: {len(result.rejected)} invalid record(s); fix them or set format.on_error: quarantine",
            [str(p) for p in result.rejected],
        )
    if not result.metrics["records"]:
        raise StageError(f"format@{domain}: {paths.raw}: no valid records", [str(p) for p in result.rejected])
    for name, rows in result.splits.items():  # train needs val (early stopping, merge checks), eval needs test
        if not rows:
            ratio = getattr(params.format.split, name)
            raise ConfigError(f"params.yaml: format.split.{name}: {ratio} of {result.metrics['records']} records "
                              f"leaves the {name} split empty")

    with atomic.output_dir(paths.processed) as tmp:
        for name, rows in result.splits.items():
            atomic.write_jsonl(tmp / f"{name}.jsonl", (r.to_json() for r in rows))
    atomic.write_jsonl(paths.rejected, ({"path": p.path, "line": p.line, "field": p.field, "reason": p.reason, "code": p.code} for p in result.rejected))
    atomic.write_json(paths.metrics / "format.json", result.metrics)
    for p in result.rejected:
        print(f"quarantined {p}")
    print(f"format@{domain}: {result.metrics['split']} ({result.metrics['rejected']} rejected)")
    return result.metrics
