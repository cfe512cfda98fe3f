"""Per-field error analysis on hand-made answers: wrong values counted, nulls missed and invented, array items
missed and extra, items of object arrays paired by name, enum confusion, unparsable answers."""

from __future__ import annotations

from domaintune.field_errors import analyse, table
from domaintune.metrics import aggregate, parse_json, score
from domaintune.validate import Schema

SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["sex", "age", "diagnoses", "medications"],
    "properties": {
        "sex": {"enum": ["female", "male", "unknown"]},
        "age": {"type": ["integer", "null"]},
        "diagnoses": {"type": "array", "items": {"type": "string"}},
        "medications": {"type": "array", "items": {
            "type": "object", "required": ["name", "dose", "frequency"],
            "properties": {"name": {"type": "string"}, "dose": {"type": ["string", "null"]},
                           "frequency": {"type": ["string", "null"]}}}},
    },
}


def med(name, dose, frequency):
    return {"name": name, "dose": dose, "frequency": frequency}


EXPECTED = [
    {"sex": "male", "age": 58, "diagnoses": ["ACS"], "medications": [med("aspirin", "324 mg", "once"), med("nitro", "0.4 mg", None)]},
    {"sex": "female", "age": None, "diagnoses": ["asthma", "COPD"], "medications": [med("albuterol", "2 puffs", "twice daily")]},
    {"sex": "unknown", "age": 40, "diagnoses": [], "medications": [med("insulin", None, "twice daily")]},
    {"sex": "male", "age": 7, "diagnoses": ["otitis"], "medications": []},
]
ANSWERS = [
    # right everywhere except: nitro's frequency invented, and an extra drug
    {"sex": "male", "age": 58, "diagnoses": ["acs"], "medications": [med("Aspirin", "324  mg", "once"), med("nitro", "0.4 mg", "PRN"), med("heparin", "5000 units", None)]},
    # sex confused, age invented, one diagnosis missed, albuterol's frequency wrong
    {"sex": "male", "age": 30, "diagnoses": ["Asthma"], "medications": [med("albuterol", "2 puffs", "BID")]},
    # age missed (null), an extra diagnosis, insulin's frequency wrong like above, the key `sex` missing
    {"age": None, "diagnoses": ["diabetes"], "medications": [med("insulin", None, "BID")]},
    None,  # not a JSON object
]


def test_errors_are_counted_by_field_and_kind():
    result = analyse(ANSWERS, EXPECTED, SCHEMA)
    fields = result["fields"]
    assert result["unparsed"] == 1
    assert fields["sex"] == {
        "accuracy": 0.25, "n": 4, "wrong": 2, "nulls_missed": 0, "nulls_invented": 0, "keys_missing": 1,
        "top_wrong": [{"expected": "female", "got": "male", "count": 1},
                      {"expected": "unknown", "got": "(missing)", "count": 1}],
        "confusion": {"female": {"male": 1}, "male": {"male": 1}, "unknown": {"(missing)": 1}}}
    assert fields["age"] == {"accuracy": 0.25, "n": 4, "wrong": 2, "nulls_missed": 1, "nulls_invented": 1, "keys_missing": 0,
                             "top_wrong": [{"expected": "null", "got": "30", "count": 1},
                                           {"expected": "40", "got": "null", "count": 1}]}
    diagnoses = fields["diagnoses"]
    assert (diagnoses["accuracy"], diagnoses["wrong"], diagnoses["items_missed"], diagnoses["items_extra"]) == (0.25, 2, 1, 1)
    assert diagnoses["top_missed"] == [("copd", 1)] and diagnoses["top_extra"] == [("diabetes", 1)]
    medications = fields["medications"]
    assert (medications["accuracy"], medications["items_missed"], medications["items_extra"]) == (0.0, 0, 1)
    assert medications["top_extra"] == [("heparin", 1)]  # items of an object array go by name
    # Items paired by name (normalised): aspirin, nitro, albuterol, insulin; heparin is only an extra item.
    assert fields["medications[].dose"] == {"accuracy": 1.0, "n": 4, "wrong": 0, "top_wrong": [],
                                            "nulls_missed": 0, "nulls_invented": 0, "keys_missing": 0}
    assert fields["medications[].frequency"] == {
        "accuracy": 0.25, "n": 4, "wrong": 3, "nulls_missed": 0, "nulls_invented": 1, "keys_missing": 0,
        "top_wrong": [{"expected": "twice daily", "got": "bid", "count": 2}, {"expected": "null", "got": "prn", "count": 1}]}


def test_accuracy_is_the_scorers_per_field_accuracy():
    schema = Schema(SCHEMA)
    import json

    texts = [json.dumps(a) if a is not None else "I could not find it." for a in ANSWERS]
    per_field = aggregate([score(t, e, schema) for t, e in zip(texts, EXPECTED)])["per_field"]
    fields = analyse([parse_json(t) for t in texts], EXPECTED, SCHEMA)["fields"]
    assert {f: fields[f]["accuracy"] for f in per_field} == per_field


def test_the_table_puts_the_worst_field_first_and_says_what_went_wrong():
    md = table(analyse(ANSWERS, EXPECTED, SCHEMA), "medical, fine-tuned")
    rows = [line for line in md.splitlines() if line.startswith("| ") and not line.startswith(("| field", "| ---"))]
    assert rows[0].startswith("| medications | 0.00 | 3 |")
    frequency = next(r for r in rows if r.startswith("| medications[].frequency |"))
    assert "twice daily → bid (2)" in frequency and "| 0 / 1 |" in frequency
    assert "1 answers not parsed" in md
    assert "sex (rows expected, columns got):" in md and "| female | 0 | 1 |" in md


def test_a_left_out_key_is_not_a_null_and_long_values_are_shortened_only_in_the_table():
    long_name = "acute exacerbation of chronic obstructive pulmonary disease"
    expected = [{"sex": "male", "age": None, "diagnoses": [long_name], "medications": []}] * 2
    answers = [{"sex": "male", "diagnoses": ["copd"], "medications": []},  # age left out where null was expected
               {"sex": "male", "age": None, "diagnoses": ["copd"], "medications": []}]
    result = analyse(answers, expected, SCHEMA)
    age = result["fields"]["age"]
    assert (age["accuracy"], age["nulls_invented"], age["nulls_missed"], age["keys_missing"]) == (0.5, 0, 0, 1)
    assert age["top_wrong"] == [{"expected": "null", "got": "(missing)", "count": 1}]
    diagnoses = result["fields"]["diagnoses"]
    assert diagnoses["top_missed"] == [(long_name, 2)]  # whole in the JSON, counted once per answer
    md = table(result, "medical")
    assert long_name not in md and long_name[:39] + "…" in md
    assert "| 0 / 0 (1 keys missing) |" in md
