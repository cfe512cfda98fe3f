"""format@<domain>: detection of every record kind, one test per rejection reason, quarantine, split stability."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import set_params
from domaintune import cli
from domaintune.config import Split
from domaintune.records import Record, normalise
from domaintune.stages.format import format_records, split_of
from domaintune.validate import Schema

REPO = Path(__file__).resolve().parents[1]
SCHEMA = Schema.load(REPO / "data/schemas/contracts.schema.json")
SYSTEM = "SYS"
ANSWER = {"clause_type": "payment", "parties": ["Acme Corp.", "Beta LLC"], "term_months": None, "amount": 5000,
          "currency": "USD", "governing_law": None, "risk_level": "low"}
CLAUSE = "Beta LLC shall pay Acme Corp. USD 5,000 within thirty days of invoice."


def line(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode() + b"\n"


def io(target=None, text=CLAUSE, **extra) -> bytes:
    return line({"input": text, "target": ANSWER if target is None else target, **extra})


def chat(*messages) -> bytes:
    return line({"messages": [{"role": r, "content": c} for r, c in messages]})


def answer(**changes) -> dict:
    return {**ANSWER, **changes}


@pytest.mark.parametrize(
    "kind, obj",
    [
        ("chat", {"messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": CLAUSE},
                               {"role": "assistant", "content": json.dumps(ANSWER)}]}),
        ("chat", {"conversations": [{"role": "user", "content": CLAUSE}, {"role": "assistant", "content": json.dumps(ANSWER)}]}),
        ("alpaca", {"instruction": CLAUSE, "input": "", "output": json.dumps(ANSWER)}),
        ("input_target", {"input": CLAUSE, "target": ANSWER}),
        ("input_target", {"input": CLAUSE, "target": json.dumps(ANSWER), "id": "r1"}),
    ],
)
def test_every_kind_normalises_to_the_same_prompt_completion(kind, obj):
    record = normalise(obj, "f.jsonl", 1, SYSTEM, SCHEMA)
    assert record.kind == kind
    assert record.prompt == ({"role": "system", "content": SYSTEM}, {"role": "user", "content": CLAUSE})
    assert record.completion == ({"role": "assistant", "content": json.dumps(ANSWER)},)


def test_alpaca_joins_instruction_and_input_and_text_passes_through_for_text_domains():
    record = normalise({"instruction": "Extract.", "input": CLAUSE, "output": "ok"}, "f", 1, SYSTEM, None)
    assert record.prompt[1]["content"] == f"Extract.\n\n{CLAUSE}"
    assert record.completion[0]["content"] == "ok"
    doc = normalise({"text": "A raw document."}, "f", 1, SYSTEM, None)
    assert (doc.kind, doc.to_json()) == ("text", {"text": "A raw document."})


def test_completion_keys_are_rewritten_in_schema_order():
    shuffled = dict(reversed(list(ANSWER.items())))
    record = normalise({"input": CLAUSE, "target": shuffled}, "f", 1, SYSTEM, SCHEMA)
    assert list(json.loads(record.completion[0]["content"])) == list(ANSWER)


LONG = " ".join(["The Supplier shall indemnify the Customer."] * 120)
MALFORMED = {
    "bad_json": (io()[:-10] + b"\n", 1, "line", "invalid JSON"),
    "not_object": (b"[1, 2]\n", 1, "line", "expected a JSON object"),
    "unknown_format": (line({"prompt": CLAUSE, "answer": "x"}), 1, "record", "unknown record format"),
    "extra_top_level_key": (io(outptu="x"), 1, "outptu", "unexpected key"),
    "missing_field": (line({"instruction": CLAUSE, "input": ""}), 1, "output", "missing"),
    "wrong_role_order": (chat(("user", CLAUSE), ("user", CLAUSE), ("assistant", json.dumps(ANSWER))), 1,
                         "messages[1].role", "expected 'assistant'"),
    "ends_with_user": (chat(("system", SYSTEM), ("user", CLAUSE)), 1, "messages[1].role", "must end with an assistant"),
    "unknown_role": (chat(("bot", CLAUSE), ("assistant", "{}")), 1, "messages[0].role", "'bot' is not one of"),
    "empty_content": (chat(("user", "   "), ("assistant", json.dumps(ANSWER))), 1, "messages[0].content", "empty content"),
    "input_not_string": (line({"input": 42, "target": ANSWER}), 1, "input", "expected a string"),
    "assistant_not_json": (chat(("user", CLAUSE), ("assistant", "clause_type: payment")), 1, "messages[1].content",
                           "not valid JSON"),
    "assistant_json_not_object": (io(target=[ANSWER]), 1, "target", "must be an object"),
    "schema_type": (io(target=answer(amount="5000")), 1, "target.amount", "'5000' is not of type"),
    "enum_typo": (io(target=answer(clause_type="paymnet")), 1, "target.clause_type", "'paymnet' is not one of"),
    "extra_schema_key": (io(target={**ANSWER, "notes": "x"}), 1, "target", "unexpected key ('notes'"),
    "missing_schema_key": (io(target={k: v for k, v in ANSWER.items() if k != "risk_level"}), 1, "target",
                           "'risk_level' is a required property"),
    "nested_type": (io(target=answer(parties=["Acme Corp.", 7])), 1, "target.parties[1]", "7 is not of type 'string'"),
    "currency_pattern": (io(target=answer(currency="usd")), 1, "target.currency", "does not match"),
    "text_in_json_domain": (line({"text": CLAUSE}), 1, "text", "a JSON domain needs"),
    "non_utf8": (b'{"input": "caf\xe9 clause", "target": {}}\n', 1, "line", "not valid UTF-8 (byte 0xe9"),
    "duplicate": (io() + io(), 2, "record", "duplicate prompt of data/raw/contracts/a.jsonl:1"),
    "too_long": (io(text=LONG), 1, "record", "too long"),
    "empty_file": (b"", 1, "file", "empty file"),
    "blank_lines_only": (b"\n  \n", 1, "file", "empty file"),
}


def run_format(capsys) -> tuple[int, str]:
    code = cli.run(["format", "contracts"])
    return code, capsys.readouterr().err


def assert_no_outputs(ws: Path) -> None:
    assert not (ws / "data/processed/contracts").exists()
    assert not (ws / "data/rejected/contracts.jsonl").exists()
    assert not (ws / "metrics/contracts/format.json").exists()
    assert not list(ws.rglob("*.tmp")), "temporary files left behind"


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_each_malformed_input_fails_with_path_line_field_and_writes_nothing(case, workspace, capsys):
    content, lineno, field, reason = MALFORMED[case]
    raw = workspace / "data/raw/contracts"
    raw.mkdir(parents=True)
    (raw / "a.jsonl").write_bytes(content)
    code, err = run_format(capsys)
    assert code == 1
    prefix = f"data/raw/contracts/a.jsonl:{lineno}: {field}: "
    problem = next((ln for ln in err.splitlines() if ln.startswith(prefix)), None)
    assert problem is not None, err
    assert reason in problem, problem
    assert err.splitlines()[-1].startswith("domaintune: error: format@contracts: ")
    assert_no_outputs(workspace)


def test_missing_raw_directory(workspace, capsys):
    code, err = run_format(capsys)
    assert code == 1
    assert "data/raw/contracts:0: file: no *.jsonl files found" in err
    assert_no_outputs(workspace)


def test_a_split_left_empty_is_a_params_error(workspace, capsys):
    """Two records cannot fill train, val and test: the message names format.split and nothing is written."""
    raw = workspace / "data/raw/contracts"
    raw.mkdir(parents=True)
    (raw / "a.jsonl").write_bytes(io() + io(text="Acme Corp. and Beta LLC agree that Beta LLC pays USD 5,000 on signature."))
    code, err = run_format(capsys)
    assert code == 2
    (line,) = err.strip().splitlines()
    assert line.startswith("domaintune: error: params.yaml: format.split.") and "of 2 records leaves the " in line
    assert line.endswith(" split empty")
    assert_no_outputs(workspace)


FILLER = 40  # records in b.jsonl so that train, val and test all get some (an empty split is a params error)


def write_filler(raw: Path) -> None:
    (raw / "b.jsonl").write_bytes(b"".join(io(text=f"Beta LLC shall pay Acme Corp. USD 5,000 for delivery lot {i}.")
                                           for i in range(FILLER)))


def test_bom_crlf_and_blank_lines_are_accepted(workspace, capsys):
    raw = workspace / "data/raw/contracts"
    raw.mkdir(parents=True)
    write_filler(raw)
    other = io(text="Acme Corp. and Beta LLC agree that Beta LLC pays USD 5,000 on signature.")
    (raw / "a.jsonl").write_bytes(b"\xef\xbb\xbf" + io().replace(b"\n", b"\r\n") + b"\r\n" + other)
    code, err = run_format(capsys)
    assert code == 0, err
    metrics = json.loads((workspace / "metrics/contracts/format.json").read_text())
    assert (metrics["records"], metrics["rejected"]) == (2 + FILLER, 0)
    assert metrics["kinds"] == {"input_target": 2 + FILLER}
    assert (workspace / "data/rejected/contracts.jsonl").read_text() == ""


def test_quarantine_keeps_good_records_and_lists_the_bad(workspace, capsys):
    set_params(workspace, {"format.on_error": "quarantine"})
    raw = workspace / "data/raw/contracts"
    raw.mkdir(parents=True)
    (raw / "a.jsonl").write_bytes(io() + MALFORMED["enum_typo"][0] + b"not json\n" + io())
    write_filler(raw)
    code, err = run_format(capsys)
    assert code == 0, err
    rejected = [json.loads(x) for x in (workspace / "data/rejected/contracts.jsonl").read_text().splitlines()]
    assert [(r["line"], r["code"]) for r in rejected] == [(2, "schema"), (3, "bad_json"), (4, "duplicate")]
    metrics = json.loads((workspace / "metrics/contracts/format.json").read_text())
    assert metrics["records"] == 1 + FILLER and metrics["rejected"] == 3
    assert metrics["rejected_by_reason"] == {"bad_json": 1, "duplicate": 1, "schema": 1}
    rows = [json.loads(x) for split in ("train", "val", "test")
            for x in (workspace / f"data/processed/contracts/{split}.jsonl").read_text().splitlines()]
    kept = [r for r in rows if r["prompt"][1]["content"] == CLAUSE]
    assert len(rows) == 1 + FILLER
    assert kept == [{"prompt": [{"role": "system", "content": (workspace / "data/prompts/contracts.txt").read_text().strip()},
                                {"role": "user", "content": CLAUSE}],
                     "completion": [{"role": "assistant", "content": json.dumps(ANSWER)}]}]


def _records(n: int, start: int = 0) -> list[Record]:
    return [Record("f", i, "input_target", ({"role": "user", "content": f"clause number {i}"},),
                   ({"role": "assistant", "content": "{}"},)) for i in range(start, start + n)]


def test_split_is_stable_when_records_are_added_and_follows_ratios():
    split = Split(0.8, 0.1, 0.1)
    before = format_records(_records(1000), [], [10] * 1000, 512, split)
    after = format_records(_records(1500), [], [10] * 1500, 512, split)
    where_before = {r.line: name for name, rows in before.splits.items() for r in rows}
    where_after = {r.line: name for name, rows in after.splits.items() for r in rows}
    assert all(where_after[i] == where_before[i] for i in range(1000))
    counts = before.metrics["split"]
    assert 740 <= counts["train"] <= 860 and 60 <= counts["val"] <= 140 and 60 <= counts["test"] <= 140
    assert split_of(_records(1)[0], Split(1.0, 0.0, 0.0)) == "train"


def test_changing_the_system_prompt_moves_no_record_between_splits():
    split = Split(0.8, 0.1, 0.1)
    records = _records(300)
    other = [Record(r.path, r.line, r.kind, ({"role": "system", "content": "A different prompt."}, *r.prompt), r.completion)
             for r in records]
    assert [split_of(r, split) for r in records] == [split_of(r, split) for r in other]


def test_stages_reading_processed_files_name_the_bad_line(tmp_path):
    from domaintune.errors import StageError
    from domaintune.records import read_rows

    path = tmp_path / "val.jsonl"
    path.write_text('{"prompt": []}\n\n{"prompt": [}\n', encoding="utf-8")
    with pytest.raises(StageError, match=r"val\.jsonl:3: line: invalid JSON"):
        read_rows(path)
    path.write_text('\ufeff{"a": 1}\r\n{"b": 2}\n', encoding="utf-8")
    assert read_rows(path) == [{"a": 1}, {"b": 2}]
