"""The batched llama.cpp engine on the tiny model: against one-at-a-time decoding, slot refill, stops, max_tokens,
grammar-constrained output; and the few-shot baseline's prompt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from domaintune import gguf
from domaintune.engine import STOP, Engine, chat_answers, common_prefix
from domaintune.metrics import parse_json
from domaintune.stages.compare import few_shot_prompt
from domaintune.validate import Schema

REPO = Path(__file__).resolve().parents[1]
SYSTEM = "Extract this contract clause as one JSON object."
USERS = ["Acme pays 5 EUR.", "Beta Ltd shall indemnify Gamma GmbH for all losses arising from the services, for 24 months.",
         "Term: 12 months.", "Either party may terminate on 30 days notice; governed by the laws of England.",
         "x", "Delta Inc. and Epsilon LLC agree that no party is liable for indirect damages above USD 1,000,000.",
         "Confidential information stays secret.", "Payment within 45 days of invoice, amounts in CHF, late fees 2 % per month."]


@pytest.fixture(scope="module")
def engine(tiny_base, tmp_path_factory):
    f16 = gguf.convert_model(tiny_base, tmp_path_factory.mktemp("engine") / "tiny-f16.gguf", "f16")
    with Engine(f16) as e:
        yield e


@pytest.fixture(scope="module")
def tokenizer(tiny_base):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(tiny_base)


@pytest.fixture(scope="module")
def prompts(engine, tokenizer) -> list[list[int]]:
    texts = [tokenizer.apply_chat_template([{"role": "system", "content": SYSTEM}, {"role": "user", "content": u}],
                                           add_generation_prompt=True, tokenize=False) for u in USERS]
    return [engine.tokenize(t) for t in texts]


def test_batched_with_slot_refill_and_shared_prefix_equals_one_at_a_time(engine, prompts):
    assert len({len(p) for p in prompts}) >= 6  # prompts of many lengths
    shared = common_prefix(prompts)
    assert shared > 10 and all(p[:shared] == prompts[0][:shared] for p in prompts)  # the system prompt, once
    reference = [engine.generate([p], 24, width=1, share_prefix=False)[0] for p in prompts]
    batched = engine.generate(prompts, 24, width=3)  # 8 prompts through 3 slots: every slot refilled
    assert [a.tokens for a in batched] == [r.tokens for r in reference]
    assert engine.generate(prompts, 24, width=1, share_prefix=False) == reference


def test_max_tokens_and_stop_tokens(engine, prompts):
    free = engine.generate(prompts, 12, width=4, stops=set())
    assert all(len(a.tokens) == 12 and not a.stopped and a.new_tokens == 12 for a in free)
    tokens = free[1].tokens
    stop = tokens[5]
    cut = tokens.index(stop)
    stopped = engine.generate(prompts, 12, width=4, stops={stop})
    assert stopped[1].tokens == tokens[:cut] and stopped[1].stopped and stopped[1].new_tokens == cut + 1
    for a, f in zip(stopped, free, strict=True):  # every other prompt: cut at its first `stop`, or untouched
        assert a.tokens == (f.tokens[: f.tokens.index(stop)] if stop in f.tokens else f.tokens)



def test_each_step_records_its_runner_up_token_and_a_stop_token_as_stop(engine, prompts):
    free = engine.generate(prompts, 6, width=4, stops=set())
    for a in free:
        assert len(a.top) == len(a.gap) == len(a.second) == 6
        assert all(second != token and gap >= 0 for second, token, gap in zip(a.second, a.tokens, a.gap, strict=True))
    runner_up = free[1].second[0]
    marked = engine.generate(prompts, 6, width=4, stops={runner_up})  # the same decoding, that token now a stop
    assert marked[1].tokens[0] == free[1].tokens[0] and marked[1].second[0] == STOP


BOUNDED = {  # the domains' value constraints, on fields a random model cannot run on forever
    "type": "object", "additionalProperties": False, "required": ["kind", "age", "months", "amount", "currency", "quarter"],
    "properties": {"kind": {"enum": ["payment", "termination", "warranty"]}, "age": {"type": ["integer", "null"], "minimum": 0, "maximum": 130},
                   "months": {"type": ["integer", "null"], "minimum": 0}, "amount": {"type": ["number", "null"], "minimum": 0},
                   "currency": {"type": ["string", "null"], "pattern": "^[A-Z]{3}$"},
                   "quarter": {"type": ["string", "null"], "pattern": "^(Q[1-4] [0-9]{4}|FY[0-9]{4})$"}},
}


@pytest.mark.parametrize("domain", ["contracts", "medical", "financial", "legal"])
def test_every_domain_schema_compiles_to_a_grammar_llama_cpp_accepts(engine, prompts, domain):
    grammar = Engine.grammar_from_schema(Schema.load(REPO / "data" / "schemas" / f"{domain}.schema.json").schema)
    answers = engine.generate(prompts[:2], 16, width=2, grammar=grammar)
    assert all(engine.detokenize(a.tokens).startswith("{") for a in answers)


def test_grammar_constrained_answers_always_parse_and_validate(engine, tokenizer):
    schema = Schema(BOUNDED)
    messages = [[{"role": "system", "content": SYSTEM}, {"role": "user", "content": u}] for u in USERS]
    free = chat_answers(engine, tokenizer, messages, 64, width=4)
    assert not any(parse_json(g.text) for g in free.outputs)  # random weights: no JSON without the grammar
    ids = [engine.tokenize(tokenizer.apply_chat_template(m, add_generation_prompt=True, tokenize=False)) for m in messages]
    answers = engine.generate(ids, 200, width=4, grammar=Engine.grammar_from_schema(BOUNDED))
    assert all(a.stopped for a in answers)  # the grammar ends each answer where its object is complete
    for a in answers:
        text = engine.detokenize(a.tokens)
        assert schema.errors(json.loads(text)) == [], text
    # the bounds llama-cpp-python's converter would drop are in the grammar
    assert '"130"' in Engine.grammar_from_schema(BOUNDED) and "[A-Z]" in Engine.grammar_from_schema(BOUNDED)


def test_grammar_refuses_bounds_it_cannot_express():
    from domaintune.errors import StageError

    with pytest.raises(StageError, match="cannot express the bounds"):
        Engine.grammar_from_schema({"type": "object", "properties": {"t": {"type": "number", "minimum": -5}}})


def test_few_shot_prompt_is_a_fixed_seeded_choice_of_train_examples():
    train = [{"prompt": [{"role": "system", "content": "S"}, {"role": "user", "content": f"in {i}"}],
              "completion": [{"role": "assistant", "content": f'{{"i": {i}}}'}]} for i in range(40)]
    head = few_shot_prompt("S", train, 3, seed=0)
    assert head == few_shot_prompt("S", train, 3, seed=0)
    assert head != few_shot_prompt("S", train, 3, seed=1)
    assert head[0] == {"role": "system", "content": "S"} and [m["role"] for m in head[1:]] == ["user", "assistant"] * 3
    picked = [int(m["content"].removeprefix("in ")) for m in head[1::2]]
    assert picked == sorted(picked) and all(head[2 + 2 * j]["content"] == f'{{"i": {i}}}' for j, i in enumerate(picked))
    assert few_shot_prompt("S", train, 0, seed=0) == [{"role": "system", "content": "S"}]


def test_hf_greedy_from_drafts_is_hf_greedy_decoding_whatever_the_drafts(tiny_base):
    import torch

    from domaintune.config import ModelParams
    from domaintune.generate import generate, greedy_from_drafts, load_model

    model, tokenizer = load_model(tiny_base, ModelParams(dtype="float32"))
    messages = [[{"role": "system", "content": SYSTEM}, {"role": "user", "content": u}] for u in USERS[:4]]
    reference = [generate(model, tokenizer, [m], 12, batch_size=1).outputs[0].text for m in messages]
    true = []
    for m in messages:
        ids = tokenizer.apply_chat_template(m, add_generation_prompt=True, tokenize=True, return_dict=True)["input_ids"]
        with torch.no_grad():
            out = model.generate(input_ids=torch.tensor([ids]), attention_mask=torch.ones(1, len(ids), dtype=torch.long),
                                 max_new_tokens=12, do_sample=False, eos_token_id=tokenizer.eos_token_id)
        true.append(out[0, len(ids):].tolist())
    assert all(len(t) == 12 for t in true)  # random weights never stop: every answer runs to max_new_tokens
    wrong = [t[:5] + [(t[5] + 1) % 1000] + t[6:] for t in true]
    for drafts, stopped in ((true, [False] * 4), (wrong, [False] * 4), ([[] for _ in true], [True] * 4),
                            ([t[:3] for t in true], [True] * 4)):
        run = greedy_from_drafts(model, tokenizer, messages, drafts, stopped, 12)
        assert [g.text for g in run.outputs] == reference


def test_predict_on_a_gguf_file_runs_the_engine_and_constrains_on_request(workspace, tiny_base, capsys):
    from domaintune import cli

    f16 = gguf.convert_model(tiny_base, workspace / "tiny-f16.gguf", "f16")
    lines = [{"input": u, "id": i} for i, u in enumerate(USERS[:3])]
    (workspace / "in.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    outputs = {}
    for flags in ([], ["--constrained"]):
        argv = ["predict", "contracts", "--input", "in.jsonl", "--output", "out.jsonl", "--model", str(f16), *flags]
        assert cli.run(argv) == 0, capsys.readouterr().err
        out = [json.loads(x) for x in (workspace / "out.jsonl").read_text().splitlines()]
        assert [o["id"] for o in out] == [0, 1, 2]
        outputs[bool(flags)] = [o["output"] for o in out]
    assert all(o.startswith('{"clause_type"') for o in outputs[True])  # the schema's first key, by the grammar
    assert not any(o.startswith("{") for o in outputs[False])
    assert cli.run(["predict", "contracts", "--input", "in.jsonl", "--output", "x.jsonl", "--model", "models/base",
                    "--constrained"]) == 1
    assert "--constrained needs a .gguf --model" in capsys.readouterr().err
