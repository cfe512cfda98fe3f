"""The golden tests: hand-written inputs with their expected answers, read by compare and gguf-export.

    golden_tests/<domain>.jsonl    # one {"id", "category", "input", "expected"} per line

`read_golden` turns them into prompt/completion rows (every expected object must satisfy the domain's schema);
`leakage` finds golden inputs that occur, verbatim or as near-duplicates, in the training data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from domaintune.errors import StageError
from domaintune.metrics import squash
from domaintune.records import Problem, read_jsonl
from domaintune.validate import Schema


def read_golden(path: Path, schema: Schema, system_prompt: str) -> list[dict]:
    """Golden tests as prompt/completion rows; every expected object must satisfy the schema."""
    rows = []
    for lineno, test in read_jsonl(path):
        if isinstance(test, Problem):
            raise StageError(str(test))
        for key in ("input", "expected"):
            if key not in test:
                raise StageError(f"{path}:{lineno}: {key}: missing")
        if not isinstance(test["input"], str) or not test["input"].strip():
            raise StageError(f"{path}:{lineno}: input: expected a non-empty string, got {test['input']!r:.60}")
        if not isinstance(test["expected"], dict):
            raise StageError(f"{path}:{lineno}: expected: expected a JSON object, got {test['expected']!r:.60}")
        errors = schema.errors(test["expected"])
        if errors:
            raise StageError(f"{path}:{lineno}: expected.{errors[0][0]}: {errors[0][1]}")
        rows.append({"id": test.get("id", f"{path.stem}-{lineno}"), "category": test.get("category", ""),
                     "prompt": [{"role": "system", "content": system_prompt}, {"role": "user", "content": test["input"]}],
                     "completion": [{"role": "assistant", "content": json.dumps(schema.canonical(test["expected"]), ensure_ascii=False)}]})
    if not rows:
        raise StageError(f"{path}: no golden tests")
    return rows


def ngrams(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def leakage(golden_inputs: list[str], train_inputs: list[str], n: int = 8, threshold: float = 0.3) -> dict:
    """Golden inputs found verbatim in the training data, and near-duplicates: a golden input whose
    8-grams occur in one training input at `threshold` or more of its own 8-grams."""
    seen = {squash(t) for t in train_inputs}
    index: dict[tuple[str, ...], set[int]] = {}
    for i, text in enumerate(train_inputs):
        for gram in ngrams(text, n):
            index.setdefault(gram, set()).add(i)
    exact, near = [], []
    for g, text in enumerate(golden_inputs):
        if squash(text) in seen:
            exact.append(g)
            continue
        grams = ngrams(text, n)
        hits: dict[int, int] = {}
        for gram in grams:
            for i in index.get(gram, ()):
                hits[i] = hits.get(i, 0) + 1
        best = max(hits.values(), default=0)
        if grams and best / len(grams) >= threshold:
            near.append({"golden": g, "overlap": round(best / len(grams), 3)})
    return {"exact": exact, "near_duplicates": near}
