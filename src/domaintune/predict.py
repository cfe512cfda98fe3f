"""`domaintune predict DOMAIN --input in.jsonl --output out.jsonl [--model PATH] [--constrained]`: batch inference.

    domaintune predict contracts --input clauses.jsonl --output answers.jsonl
    domaintune predict contracts --input clauses.jsonl --output base.jsonl --model models/base
    domaintune predict contracts --input clauses.jsonl --output q4.jsonl --model models/contracts/gguf/contracts-q4_k_m.gguf --constrained

A model directory (merged, base, adapter) runs on HF transformers; a .gguf file on the batched llama.cpp engine
(engine.py), where --constrained decodes under the grammar of the domain's schema.
Input lines are `{"input": "..."}` or chat records (`messages`/`conversations` ending with the user turn).
The prompt is built exactly as in training (domain system prompt + the model's chat template); decoding is
greedy and batched. Output lines keep the input fields and add output, parsed, valid_json, schema_valid, errors.
"""

from __future__ import annotations

from pathlib import Path

from domaintune import atomic, config
from domaintune.engine import Engine, chat_answers
from domaintune.errors import StageError
from domaintune.generate import GenerationRun, generate, load_model, load_tokenizer
from domaintune.metrics import parse_json, score
from domaintune.records import Problem, read_jsonl
from domaintune.validate import Schema


def build_prompt(row: dict, system_prompt: str, where: str) -> list[dict]:
    """The training-time prompt for one input line."""
    if isinstance(row.get("input"), str) and row["input"].strip():
        return [{"role": "system", "content": system_prompt}, {"role": "user", "content": row["input"]}]
    messages = row.get("messages", row.get("conversations"))
    if isinstance(messages, list) and messages and all(isinstance(m, dict) and {"role", "content"} <= set(m) for m in messages):
        messages = [{"role": m["role"], "content": m["content"]} for m in messages]
        if messages[-1]["role"] == "assistant":
            messages = messages[:-1]
        if messages and messages[-1]["role"] == "user":
            return messages if messages[0]["role"] == "system" else [{"role": "system", "content": system_prompt}, *messages]
    raise StageError(f"{where}: input: expected a non-empty \"input\" string or messages ending with a user turn")


def answer_lines(rows: list[dict], run: GenerationRun, schema: Schema | None, expected: list | None = None) -> list[dict]:
    out = []
    for i, (row, gen) in enumerate(zip(rows, run.outputs, strict=True)):
        scored = score(gen.text, expected[i] if expected else None, schema)
        out.append({**row, "output": gen.text, "parsed": parse_json(gen.text), "valid_json": scored.valid_json,
                    "schema_valid": scored.schema_valid, "errors": scored.errors})
    return out


def read_inputs(path: Path) -> list[tuple[int, dict]]:
    """(line number, object) for every input line; the first bad line is a `path:line: field: reason` error."""
    if not path.is_file():
        raise StageError(f"{path}: input file not found")
    rows = read_jsonl(path)
    for _, row in rows:
        if isinstance(row, Problem):
            raise StageError(str(row))
    return rows


def main(domain: str, input_path: str, output_path: str, model_path: str | None = None, constrained: bool = False) -> None:
    params = config.load(domain)
    paths = config.DomainPaths(domain)
    system_prompt = paths.prompt.read_text(encoding="utf-8").strip()
    schema = Schema.load(paths.schema)
    numbered = read_inputs(Path(input_path))
    prompts = [build_prompt(row, system_prompt, f"{input_path}:{n}") for n, row in numbered]
    trust = params.base.trust_remote_code
    if model_path and model_path.endswith(".gguf"):
        # the chat template training used (the adapter's tokenizer), else the base model's
        tokenizer = load_tokenizer(paths.models / "adapter" if (paths.models / "adapter").is_dir() else paths.root / config.BASE_MODEL_DIR, trust)
        with Engine(Path(model_path)) as engine:
            run = chat_answers(engine, tokenizer, prompts, params.eval.max_new_tokens, params.eval.batch_size,
                               Engine.grammar_from_schema(schema.schema) if constrained else None)
    else:
        if constrained:
            raise StageError("predict: --constrained needs a .gguf --model (grammar decoding runs in llama.cpp)")
        model, tokenizer = load_model(Path(model_path) if model_path else paths.models / "merged", params.model,
                                      trust_remote_code=trust)
        run = generate(model, tokenizer, prompts, params.eval.max_new_tokens, params.eval.batch_size)
    lines = answer_lines([row for _, row in numbered], run, schema)
    atomic.write_jsonl(output_path, lines)
    valid = sum(line["schema_valid"] for line in lines)
    print(f"predict@{domain}: {len(lines)} answers ({valid} schema-valid) -> {output_path}, {run.tokens_per_second} tok/s")
