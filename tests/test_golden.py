"""Golden tests: 50 per domain, valid, spread over five categories, and independent of the training data."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from domaintune.golden import leakage, read_golden
from domaintune.records import read_dir
from domaintune.validate import Schema

REPO = Path(__file__).resolve().parents[1]
DOMAINS = ("contracts", "medical", "financial", "legal")


@pytest.mark.parametrize("domain", DOMAINS)
def test_golden_set_is_valid_spread_and_independent_of_training_data(domain):
    schema = Schema.load(REPO / f"data/schemas/{domain}.schema.json")
    path = REPO / f"golden_tests/{domain}.jsonl"
    rows = read_golden(path, schema, "SYSTEM")
    tests = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    assert len(rows) == 50
    assert len({t["id"] for t in tests}) == 50
    assert sorted(Counter(t["category"] for t in tests).values()) == [10] * 5
    for test in tests:
        assert list(test["expected"]) == list(schema.schema["properties"]), test["id"]

    records, problems = read_dir(REPO / f"data/raw/{domain}", "SYSTEM", schema)
    assert problems == []
    leaks = leakage([t["input"] for t in tests], [r.prompt[-1]["content"] for r in records])
    assert leaks == {"exact": [], "near_duplicates": []}


def test_leakage_check_flags_verbatim_and_near_duplicate_inputs():
    train = ["The Supplier shall indemnify the Customer against all losses arising from any breach of this agreement.",
             "Payment is due within thirty days of the invoice date."]
    golden = [train[1],
              "Under this contract the Supplier shall indemnify the Customer against all losses arising from any breach.",
              "Either party may end the agreement on ninety days notice."]
    leaks = leakage(golden, train)
    assert leaks["exact"] == [0]
    assert [n["golden"] for n in leaks["near_duplicates"]] == [1]


@pytest.mark.parametrize("line, message", [
    ({"input": 42, "expected": {}}, "input: expected a non-empty string, got 42"),
    ({"input": ["a", "list"], "expected": {}}, "input: expected a non-empty string, got ['a', 'list']"),
    ({"input": "  ", "expected": {}}, "input: expected a non-empty string, got '  '"),
    ({"input": "text", "expected": "not an object"}, "expected: expected a JSON object, got 'not an object'"),
    ({"expected": {}}, "input: missing"),
])
def test_golden_lines_that_are_not_a_string_input_and_an_object_name_file_line_and_field(tmp_path, line, message):
    from domaintune.errors import StageError

    good = (REPO / "golden_tests/contracts.jsonl").read_text().splitlines()[0]
    path = tmp_path / "contracts.jsonl"
    path.write_text(good + "\n" + json.dumps(line) + "\n")
    schema = Schema.load(REPO / "data/schemas/contracts.schema.json")
    with pytest.raises(StageError) as caught:
        read_golden(path, schema, "system")
    assert str(caught.value) == f"{path}:2: {message}"
