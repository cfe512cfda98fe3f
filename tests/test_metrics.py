"""Scoring functions on hand-made cases: partial credit, nulls, arrays as sets, schema, fences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from domaintune.metrics import aggregate, parse_json, score, set_f1, text_metrics, values_equal
from domaintune.validate import Schema

REPO = Path(__file__).resolve().parents[1]
MEDICAL = Schema.load(REPO / "data/schemas/medical.schema.json")
EXPECTED = {"age": 54, "sex": "female", "chief_complaint": "chest pain", "diagnoses": ["GERD", "costochondritis"],
            "medications": [{"name": "omeprazole", "dose": "20 mg", "frequency": "daily"}], "allergies": [],
            "follow_up_days": None}


@pytest.mark.parametrize(
    "expected, predicted, equal",
    [
        ("Chest  Pain", "chest pain", True),
        ("chest pain", "chest pains", False),
        (1500000, 1500000.0000001, True),
        (1500000, 1500001, True),  # within rel. tol. 1e-6
        (1500000, 1500002, False),
        (0.1 + 0.2, 0.3, True),
        (None, None, True),
        (None, "null", False),
        (None, 0, False),
        (0, None, False),
        (True, 1, False),
        (["a", "B"], ["b", "A"], True),
        (["a", "b"], ["a"], False),
        ([], [], True),
        ([{"name": "x", "dose": None}], [{"dose": None, "name": "X"}], True),
        (12, "12", False),
    ],
)
def test_values_equal(expected, predicted, equal):
    assert values_equal(expected, predicted) is equal


def test_set_f1_partial_credit():
    assert set_f1(["a", "b"], ["a", "c"]) == pytest.approx(0.5)
    assert set_f1(["a", "b", "c", "d"], ["a", "b"]) == pytest.approx(2 * 1 * 0.5 / 1.5)
    assert set_f1(["a"], "a") == 0.0
    assert set_f1([], ["x"]) == 0.0 and set_f1([], []) == 1.0


def test_parse_json_accepts_only_one_object_and_tolerates_a_code_fence():
    assert parse_json('```json\n{"a": 1}\n```') == {"a": 1}
    assert parse_json(' {"a": 1} ') == {"a": 1}
    assert parse_json('{"a": 1} trailing words') is None
    assert parse_json("[1, 2]") is None
    assert parse_json("") is None


def test_score_gives_partial_field_credit_and_schema_errors():
    wrong = {**EXPECTED, "age": "54", "diagnoses": ["GERD"], "follow_up_days": None}
    scored = score(json.dumps(wrong), EXPECTED, MEDICAL)
    assert scored.valid_json and not scored.schema_valid
    assert scored.errors == ["age: '54' is not of type 'integer', 'null'"]
    assert scored.fields == {"age": False, "sex": True, "chief_complaint": True, "diagnoses": False,
                             "medications": True, "allergies": True, "follow_up_days": True}
    assert scored.array_f1["diagnoses"] == pytest.approx(2 / 3)
    assert not scored.exact_match


def test_missing_key_is_wrong_even_when_null_is_expected():
    partial = {k: v for k, v in EXPECTED.items() if k != "follow_up_days"}
    scored = score(json.dumps(partial), EXPECTED, MEDICAL)
    assert scored.fields["follow_up_days"] is False and not scored.schema_valid


def test_aggregate_over_answers():
    perfect = score(json.dumps(EXPECTED), EXPECTED, MEDICAL)
    garbage = score("I think the patient is 54.", EXPECTED, MEDICAL)
    assert perfect.exact_match and not garbage.valid_json and garbage.errors == ["output is not a JSON object"]
    summary = aggregate([perfect, garbage])
    assert summary["json_validity"] == 0.5 and summary["schema_compliance"] == 0.5
    assert summary["field_accuracy"] == 0.5 and summary["exact_match"] == 0.5
    assert summary["per_field"]["age"] == 0.5 and summary["array_f1"] == 0.5


def test_text_metrics_use_rouge_and_sacrebleu():
    same = text_metrics(["the cat sat"], ["the cat sat"])
    assert same["rougeL"] == 1.0 and same["chrf"] == 100.0
    different = text_metrics(["a dog ran"], ["the cat sat"])
    assert different["rougeL"] == 0.0 and different["chrf"] < 20
