"""Scoring model outputs against expected JSON: validity, schema compliance, field accuracy, text metrics.

Field rules: strings compare case- and whitespace-normalised; numbers with relative tolerance 1e-6;
arrays as sets (order-free) and also scored by F1; null equals only null; objects key by key.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field

from domaintune.validate import Schema

REL_TOL = 1e-6
_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.DOTALL)


def parse_json(text: str):
    """The JSON object in a model's answer (a Markdown code fence around it is tolerated), or None."""
    text = text.strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1)
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def squash(text: str) -> str:
    """A string as values compare: runs of whitespace as one space, case folded."""
    return " ".join(text.split()).casefold()


def norm(value):
    """A hashable, normalised form used for equality and set membership."""
    if isinstance(value, str):
        return ("s", squash(value))
    if isinstance(value, bool) or value is None:
        return ("v", value)
    if isinstance(value, int | float):
        return ("n", float(value))
    if isinstance(value, list):
        return ("l", frozenset(norm(v) for v in value))
    if isinstance(value, dict):
        return ("d", frozenset((k, norm(v)) for k, v in value.items()))
    return ("?", repr(value))


def values_equal(expected, predicted) -> bool:
    if expected is None or predicted is None:
        return expected is None and predicted is None
    if isinstance(expected, bool) or isinstance(predicted, bool):
        return expected is predicted
    if isinstance(expected, int | float) and isinstance(predicted, int | float):
        return math.isclose(expected, predicted, rel_tol=REL_TOL, abs_tol=0.0) or expected == predicted
    if isinstance(expected, list) and isinstance(predicted, list):
        return set_f1(expected, predicted) == 1.0
    return norm(expected) == norm(predicted)


def set_f1(expected: list, predicted) -> float:
    """F1 of predicted vs expected items as sets; two empty lists score 1."""
    if not isinstance(predicted, list):
        return 0.0
    exp, pred = {norm(v) for v in expected}, {norm(v) for v in predicted}
    if not exp and not pred:
        return 1.0
    hits = len(exp & pred)
    if not hits:
        return 0.0
    precision, recall = hits / len(pred), hits / len(exp)
    return 2 * precision * recall / (precision + recall)


@dataclass
class Scored:
    """One answer scored against its expected object."""

    valid_json: bool
    schema_valid: bool
    fields: dict[str, bool]
    array_f1: dict[str, float]
    errors: list[str] = field(default_factory=list)

    @property
    def exact_match(self) -> bool:
        return bool(self.fields) and all(self.fields.values())


def score(output: str, expected: dict | None, schema: Schema | None) -> Scored:
    parsed = parse_json(output)
    errors = [] if parsed is not None else ["output is not a JSON object"]
    if parsed is not None and schema is not None:
        errors = [f"{where}: {message}" for where, message in schema.errors(parsed)]
    fields, f1 = {}, {}
    for key, value in (expected or {}).items():
        got = parsed.get(key) if parsed is not None else None
        fields[key] = parsed is not None and key in parsed and values_equal(value, got)
        if isinstance(value, list):
            f1[key] = set_f1(value, got) if parsed is not None else 0.0
    return Scored(parsed is not None, parsed is not None and not errors, fields, f1, errors)


def aggregate(scored: list[Scored]) -> dict:
    """Rates over a set of answers; field accuracy is the mean over every (answer, field) pair."""
    n = len(scored)
    if not n:
        return {"n": 0}
    keys = list(scored[0].fields)
    per_field = {k: round(sum(s.fields.get(k, False) for s in scored) / n, 4) for k in keys}
    f1_keys = list(scored[0].array_f1)
    return {
        "n": n,
        "json_validity": round(sum(s.valid_json for s in scored) / n, 4),
        "schema_compliance": round(sum(s.schema_valid for s in scored) / n, 4),
        "field_accuracy": round(sum(per_field.values()) / len(per_field), 4) if per_field else 0.0,
        "exact_match": round(sum(s.exact_match for s in scored) / n, 4),
        "array_f1": round(sum(sum(s.array_f1.values()) for s in scored) / (n * len(f1_keys)), 4) if f1_keys else None,
        "per_field": per_field,
    }


def text_metrics(predictions: list[str], references: list[str]) -> dict:
    """ROUGE-L F1 (rouge-score) and chrF / BLEU (sacrebleu): the free-text view of the same answers."""
    import sacrebleu
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=False)
    rouge = [scorer.score(ref, pred)["rougeL"].fmeasure for pred, ref in zip(predictions, references, strict=True)]
    return {
        "rougeL": round(sum(rouge) / len(rouge), 4) if rouge else 0.0,
        "chrf": round(sacrebleu.corpus_chrf(predictions, [references]).score, 2),
        "bleu": round(sacrebleu.corpus_bleu(predictions, [references]).score, 2),
    }
