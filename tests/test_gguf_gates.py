"""gguf-export's parity checks gate for real: the stage passes on a faithful export, and fails (one line naming the
file, the figure and the limit; nothing written) when the tokenizer, the adapter or a model file is not the one
that was evaluated.

A "toy" domain makes the answers meaningful on a 2-layer model: the tiny base is first fully fine-tuned until it
answers every toy prompt with the same JSON object, then the real train, merge, gguf-base and gguf-export stages run
on it. A random model's answers are noise, and parity between two kinds of noise would test nothing.
"""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from domaintune import cli, gguf
from domaintune.engine import STOP, Answer
from domaintune.stages import gguf_export

SYSTEM = "Extract the payment as JSON with keys amount (integer) and currency (USD or EUR)."
ANSWER = {"amount": 100, "currency": "USD"}
SCHEMA = {"type": "object", "additionalProperties": False, "required": ["amount", "currency"],
          "properties": {"amount": {"type": "integer"}, "currency": {"enum": ["USD", "EUR"]}}}
INPUTS = [f"Invoice {i}: Zanzibar Shipbuilding pays the Oslo harbour authority one hundred dollars." for i in range(6)]


def chat(text: str) -> list[dict]:
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": text}]


def memorise(tiny_base: Path, out: Path) -> None:
    """The tiny base fully fine-tuned to answer ANSWER to the toy prompts (greedy, every prompt)."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.manual_seed(0)
    tokenizer = AutoTokenizer.from_pretrained(tiny_base)
    model = AutoModelForCausalLM.from_pretrained(tiny_base, dtype=torch.float32)
    batch = []
    for text in INPUTS:
        prompt = tokenizer.apply_chat_template(chat(text), add_generation_prompt=True, tokenize=True, return_dict=True)["input_ids"]
        answer = tokenizer(json.dumps(ANSWER) + "<|im_end|>\n", add_special_tokens=False)["input_ids"]
        batch.append((torch.tensor([prompt + answer]), torch.tensor([[-100] * len(prompt) + answer])))
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    for step in range(120):
        ids, labels = batch[step % len(batch)]
        model(input_ids=ids, labels=labels).loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    model.to(torch.bfloat16).save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    readme = (tiny_base / "README.md").read_text(encoding="utf-8")  # the model card the train stage quotes
    (out / "README.md").write_text(readme + "\nFully fine-tuned on the toy prompts of tests/test_gguf_gates.py.\n")


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


@pytest.fixture(scope="module")
def toy(tiny_base, tmp_path_factory) -> Path:
    """A workspace whose toy domain went through train, merge, gguf-base and gguf-export."""
    root = tmp_path_factory.mktemp("toy")
    params = yaml.safe_load((REPO / "params.yaml").read_text())
    params["domains"] = {"toy": {}}
    params["train"].update(max_steps=2, batch_size=2, eval_steps=2, eval_samples=2)
    params["merge"]["samples"] = 2
    params["eval"].update(max_new_tokens=20, batch_size=8)
    (root / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    (root / "data/schemas").mkdir(parents=True)
    (root / "data/schemas/toy.schema.json").write_text(json.dumps(SCHEMA))
    (root / "data/prompts").mkdir(parents=True)
    (root / "data/prompts/toy.txt").write_text(SYSTEM + "\n")
    write_jsonl(root / "golden_tests/toy.jsonl", [{"id": f"toy-{i}", "input": t, "expected": ANSWER} for i, t in enumerate(INPUTS)])
    rows = [{"prompt": chat(t), "completion": [{"role": "assistant", "content": json.dumps(ANSWER)}]} for t in INPUTS]
    write_jsonl(root / "data/processed/toy/train.jsonl", rows)
    write_jsonl(root / "data/processed/toy/val.jsonl", rows[:2])
    memorise(tiny_base, root / "models/base")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        for argv in (["train", "toy"], ["merge", "toy"], ["gguf-base"], ["gguf-export", "toy"]):
            assert cli.run(argv) == 0, argv
    return root


def sabotaged_copy(toy: Path, tmp_path: Path, monkeypatch) -> Path:
    """A copy of the toy workspace without the gguf-export outputs, as the working directory."""
    root = tmp_path / "toy"
    shutil.copytree(toy, root, ignore=shutil.ignore_patterns("gguf", "gguf.json"))
    monkeypatch.chdir(root)
    return root


def export_fails(root: Path, capsys) -> list[str]:
    """Run gguf-export@toy, expect exit 1, and check it left no output behind; the error lines it printed."""
    capsys.readouterr()
    assert cli.run(["gguf-export", "toy"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert not (root / "models/toy/gguf").exists() and not (root / "metrics/toy/gguf.json").exists()
    assert sorted(p.name for p in (root / "models/toy").iterdir()) == ["adapter", "checkpoints", "merged"]
    return err.splitlines()


def test_faithful_export_passes_and_records_each_figure_next_to_its_limit(toy):
    result = json.loads((toy / "metrics/toy/gguf.json").read_text())
    checks = result["checks"]
    assert checks["tokenization"] == {name: {"match": 1.0, "min": 1.0, "passed": True}
                                      for name in ("toy-f16.gguf", "toy-q8_0.gguf", "toy-q4_k_m.gguf",
                                                   "models/base-gguf/base-f16.gguf")}
    assert checks["f16_vs_hf_merged"] == {"toy-f16.gguf": {"parsed": 1.0, "text": 1.0, "min": 0.94, "passed": True}}
    assert checks["adapter_vs_f16"] == {"toy-lora-f16.gguf": {"parsed": 1.0, "text": 1.0, "min": 0.94, "passed": True}}
    batched = checks["batched_vs_one_at_a_time"]["toy-f16.gguf"]
    assert {k: v for k, v in batched.items() if not k.endswith("_noise")} == {
        "parsed": 1.0, "text": 1.0, "min": 0.95, "passed": True, "parsed_ties_excepted": 1.0, "max_tie_gap": 0.01,
        "splits": []}
    # How they are measured: the hand-made test below. Rounding moves logits of this model by hundredths; a slot
    # reading another sequence's cache would move them by whole units.
    assert batched["logit_noise"] < 0.5 and batched["margin_noise"] < 0.5
    for name in ("toy-q8_0.gguf", "toy-q4_k_m.gguf"):
        assert checks["quantised_vs_f16"][name] == {"field_accuracy_drop": 0.0, "max": 0.03, "passed": True,
                                                    "agreement": 1.0}
    assert result["golden"]["f16"]["field_accuracy"] == result["golden"]["hf_merged"]["field_accuracy"] == 1.0
    # Every quantised type passes, so the Modelfile ships the smallest file.
    sizes = result["files_bytes"]
    assert sizes["toy-q4_k_m.gguf"] < sizes["toy-q8_0.gguf"] < sizes["toy-f16.gguf"]
    assert result["modelfile"] == "toy-q4_k_m.gguf"
    assert (toy / "models/toy/gguf/Modelfile").read_text().startswith("FROM ./toy-q4_k_m.gguf\n")


def converter_chktxt() -> str:
    """The text llama.cpp's converter tokenizes to recognise a BPE pre-tokenizer."""
    for path in sorted((gguf.CONVERTER_DIR).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "chktxt" for t in node.targets):
                return ast.literal_eval(node.value)
    raise AssertionError("chktxt not found in the converter")


def drop_a_merge(tokenizer_json: Path, prompts: list[str]) -> str:
    """Remove one BPE merge the golden prompts use and the converter's check text does not (so the converter still
    recognises the tokenizer and writes the changed merges into the GGUF). Returns the merge."""
    from tokenizers import Tokenizer

    data = json.loads(tokenizer_json.read_text(encoding="utf-8"))
    original = Tokenizer.from_str(json.dumps(data))
    chktxt = converter_chktxt()
    merges = data["model"]["merges"]
    used = {tok for p in prompts for tok in original.encode(p).tokens}
    for i, merge in enumerate(merges):
        pair = merge.split(" ") if isinstance(merge, str) else merge
        if "".join(pair) not in used or len("".join(pair)) < 4:
            continue
        changed = Tokenizer.from_str(json.dumps({**data, "model": {**data["model"], "merges": merges[:i] + merges[i + 1:]}}))
        if changed.encode(chktxt).ids == original.encode(chktxt).ids and any(
                changed.encode(p).ids != original.encode(p).ids for p in prompts):
            data["model"]["merges"] = merges[:i] + merges[i + 1:]
            tokenizer_json.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            return " ".join(pair)
    raise AssertionError("no merge used only by the golden prompts")


def rendered_prompts(root: Path) -> list[str]:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(root / "models/toy/adapter")
    return [tokenizer.apply_chat_template(chat(t), add_generation_prompt=True, tokenize=False) for t in INPUTS]


def test_a_changed_tokenizer_merge_fails_the_tokenization_check(toy, tmp_path, monkeypatch, capsys):
    root = sabotaged_copy(toy, tmp_path, monkeypatch)
    drop_a_merge(root / "models/toy/merged/tokenizer.json", rendered_prompts(root))
    lines = export_fails(root, capsys)
    failed = [line for line in lines if "tokenization match" in line]
    assert {line.split(":")[0] for line in failed} == {f"models/toy/gguf/{n}" for n in ("toy-f16.gguf", "toy-q8_0.gguf", "toy-q4_k_m.gguf")}
    assert all(line.endswith("< gguf.min_tokenization_match 1.0") for line in failed)
    assert float(failed[0].split("tokenization match ")[1].split(" ")[0]) < 1.0
    assert lines[-1].startswith("domaintune: error: gguf-export@toy: ") and "nothing written" in lines[-1]


def test_an_adapter_that_is_not_the_merged_one_fails_the_adapter_check(toy, tmp_path, monkeypatch, capsys):
    import torch
    from safetensors.torch import load_file, save_file

    root = sabotaged_copy(toy, tmp_path, monkeypatch)
    weights = root / "models/toy/adapter/adapter_model.safetensors"
    generator = torch.Generator().manual_seed(1)
    # Same shapes and names, other values: what a mix-up with another domain's adapter looks like to llama.cpp.
    other = {k: torch.randn(v.shape, generator=generator, dtype=torch.float32).to(v.dtype) * 0.5
             for k, v in load_file(weights).items()}
    save_file(other, weights)
    lines = export_fails(root, capsys)
    (failed,) = [line for line in lines if "adapter_vs_f16" in line]
    assert failed.startswith("models/toy/gguf/toy-lora-f16.gguf: adapter_vs_f16 agreement (parsed JSON) ")
    assert "< gguf.min_adapter_agreement 0.94" in failed
    assert not any("f16_vs_hf_merged" in line or "tokenization" in line for line in lines)


@pytest.fixture(scope="module")
def other_model(tiny_base, tmp_path_factory) -> dict[str, Path]:
    """GGUF files of another model (the random tiny base): what a wrong file in the export directory looks like."""
    out = tmp_path_factory.mktemp("other")
    f16 = gguf.convert_model(tiny_base, out / "other-f16.gguf", "f16")
    return {"f16": f16, "q4_k_m": gguf.quantize(f16, out / "other-q4_k_m.gguf", "q4_k_m")}


def verify_toy(toy: Path, files: dict[str, Path], monkeypatch) -> dict:
    """gguf_export.verify on the toy golden prompts with the HF merged model's answers as recorded by the stage."""
    from domaintune import config
    from domaintune.generate import load_tokenizer
    from domaintune.validate import Schema

    monkeypatch.chdir(toy)
    params = config.load("toy")
    tokenizer = load_tokenizer(toy / "models/toy/adapter")
    def hf(f16_answers):  # the memorised answer; test_faithful_export checks the HF reference gives it
        return [json.dumps(ANSWER)] * len(f16_answers)

    return gguf_export.verify(files, None, toy / gguf_export.BASE_GGUF, rendered_prompts(toy), tokenizer, hf,
                              [ANSWER] * len(INPUTS), Schema.load(toy / "data/schemas/toy.schema.json"), params)


def test_an_f16_file_of_another_model_fails_the_f16_check(toy, other_model, monkeypatch):
    result = verify_toy(toy, {"f16": other_model["f16"]}, monkeypatch)
    check = result["checks"]["f16_vs_hf_merged"]["other-f16.gguf"]
    assert check["parsed"] < 0.94 and check["passed"] is False
    (line,) = gguf_export.failures(result["checks"], Path("models/toy/gguf"))
    assert line == (f"models/toy/gguf/other-f16.gguf: f16_vs_hf_merged agreement (parsed JSON) {check['parsed']} < "
                    f"gguf.min_f16_agreement 0.94 (exact text {check['text']})")


def test_a_quantised_file_of_another_model_is_not_shipped_and_fails_only_where_required(toy, other_model, monkeypatch):
    exported = toy / "models/toy/gguf"
    files = {"f16": exported / "toy-f16.gguf", "q4_k_m": other_model["q4_k_m"]}
    result = verify_toy(toy, files, monkeypatch)
    check = result["checks"]["quantised_vs_f16"]["other-q4_k_m.gguf"]
    assert check["field_accuracy_drop"] > 0.03 and check["passed"] is False
    # By default the Modelfile falls back to f16; with gguf.require_quantised the stage fails.
    assert gguf_export.failures(result["checks"], Path("models/toy/gguf")) == []
    assert gguf_export.shipped(files, result["checks"]) == "f16"
    assert gguf_export.failures(result["checks"], Path("models/toy/gguf"), require_quantised=True) == [
        (f"models/toy/gguf/other-q4_k_m.gguf: golden field accuracy drop vs f16 {check['field_accuracy_drop']} > "
         "gguf.max_quant_field_drop 0.03 (no quantised type passes; gguf.require_quantised)")]
    # With a passing type beside it the stage succeeds and the Modelfile ships the passing type.
    files = {"f16": exported / "toy-f16.gguf", "q8_0": exported / "toy-q8_0.gguf", "q4_k_m": other_model["q4_k_m"]}
    result = verify_toy(toy, files, monkeypatch)
    assert gguf_export.failures(result["checks"], Path("models/toy/gguf"), require_quantised=True) == []
    assert gguf_export.shipped(files, result["checks"]) == "q8_0"


def answer(tokens: list[int], stopped: bool, top: list[float], gap: list[float], second: list[int] | None = None) -> Answer:
    second = [0] * len(top) if second is None else second  # token 0: never chosen below
    assert len(top) == len(gap) == len(second) == len(tokens) + stopped  # per decoding step, the stop token's included
    return Answer(tokens, stopped, top, gap, second)


def test_first_split_is_the_first_step_choosing_another_token_any_stop_token_being_one():
    ref = answer([5, 6, 7], True, [9.0] * 4, [1.0] * 4)
    assert gguf_export.first_split(ref, answer([5, 6, 7], True, [9.0] * 4, [1.0] * 4)) is None
    assert gguf_export.first_split(ref, answer([5, 8, 7], True, [9.0] * 4, [1.0] * 4)) == 1
    assert gguf_export.first_split(ref, answer([5, 6], True, [9.0] * 3, [1.0] * 3)) == 2  # stopped early
    assert gguf_export.first_split(ref, answer([5, 6, 7, 3], True, [9.0] * 5, [1.0] * 5)) == 3  # went on
    # Both ran into max_tokens after the same tokens: nothing after that to compare.
    assert gguf_export.first_split(answer([5, 6], False, [9.0] * 2, [1.0] * 2), answer([5, 6], False, [9.0] * 2, [1.0] * 2)) is None


def test_batched_agreement_excepts_splits_at_near_ties_and_only_those():
    reference = [answer([1, 2, 3], True, [10.0, 9.0, 8.0, 7.0], [2.0, 0.004, 1.0, 3.0], [0, 4, 0, 0]),
                 answer([1, 2, 3], True, [10.0, 9.0, 8.0, 7.0], [2.0, 0.5, 1.0, 3.0], [0, 4, 0, 0]),
                 answer([1, 2], True, [10.0, 9.0, 8.0], [2.0, 1.0, 3.0]),
                 answer([4], True, [10.0, 9.0], [2.0, 1.0]),
                 answer([1, 2, 3], True, [10.0, 9.0, 8.0, 7.0], [2.0, 0.003, 1.0, 3.0], [0, 5, 0, 0])]
    # split at a near-tie: 4 and 2 swapped, margins 0.002 and 0.004
    batched = [answer([1, 4, 3], True, [10.003, 9.001, 8.0, 7.0], [2.001, 0.002, 1.0, 3.0], [0, 2, 0, 0]),
               answer([1, 4, 3], True, [10.0, 9.0, 8.0, 7.0], [2.0, 0.002, 1.0, 3.0], [0, 2, 0, 0]),  # ref margin 0.5
               answer([1, 2], True, [10.0, 9.0, 8.0], [2.0, 1.0, 3.0]),
               answer([4], True, [10.0, 9.0], [2.0, 1.0]),
               # small margins, but the reference's runner-up was 5, not the 4 chosen here: no swap
               answer([1, 4, 3], True, [10.0, 9.0, 8.0, 7.0], [2.0, 0.002, 1.0, 3.0], [0, 2, 0, 0])]
    texts = ['{"a": 1}', '{"a": 2}', '{"b": 1}', "not json", '{"a": 4}']
    reference_texts = ['{"a": 3}', '{"a": 3}', '{"b": 1}', "not json", '{"a": 3}']
    result = gguf_export.agreement_up_to_ties(batched, reference, texts, reference_texts, 0.95, 0.01)
    assert result == {"parsed": 0.4, "text": 0.4, "min": 0.95, "passed": False, "parsed_ties_excepted": 0.6,
                      "max_tie_gap": 0.01, "logit_noise": 0.003, "margin_noise": 0.001,
                      "splits": [{"step": 1, "margin": 0.004, "swapped": True, "near_tie": True},
                                 {"step": 1, "margin": 0.5, "swapped": True, "near_tie": False},
                                 {"step": 1, "margin": 0.003, "swapped": False, "near_tie": False}]}
    assert gguf_export.agreement_up_to_ties(batched, reference, texts, reference_texts, 0.6, 0.01)["passed"]
    # A stop token against a token: near-tie when each was the other's runner-up (STOP stands for any stop token).
    stop_ref = answer([1], True, [10.0, 9.0], [2.0, 0.001], [0, 7])
    went_on = answer([1, 7], True, [10.0, 9.0, 8.0], [2.0, 0.001, 3.0], [0, STOP, 0])
    tie = gguf_export.agreement_up_to_ties([went_on], [stop_ref], ['{"a": 17}'], ['{"a": 1}'], 0.95, 0.01)
    assert tie["parsed_ties_excepted"] == 1.0 and tie["splits"][0]["swapped"]
    # A split that leaves the parsed answer unchanged agrees whatever its margin, and is not listed.
    spaced = gguf_export.agreement_up_to_ties(batched[1:2], reference[1:2], ['{"a":3}'], ['{"a": 3}'], 0.95, 0.01)
    assert (spaced["parsed"], spaced["text"], spaced["parsed_ties_excepted"], spaced["splits"]) == (1.0, 0.0, 1.0, [])


def test_a_failed_batched_check_names_the_file_the_gated_figure_and_the_limit():
    checks = {"tokenization": {}, "quantised_vs_f16": {},
              "batched_vs_one_at_a_time": {"m-f16.gguf": {"parsed": 0.9, "text": 0.88, "min": 0.95, "passed": False,
                                                          "parsed_ties_excepted": 0.92, "max_tie_gap": 0.01,
                                                          "logit_noise": 0.002, "margin_noise": 0.001,
                                                          "splits": []}}}
    assert gguf_export.failures(checks, Path("models/m/gguf")) == [
        ("models/m/gguf/m-f16.gguf: batched_vs_one_at_a_time agreement (parsed JSON, near-ties excepted) 0.92 < "
        "gguf.min_batched_agreement 0.95 (exact text 0.88)")]
