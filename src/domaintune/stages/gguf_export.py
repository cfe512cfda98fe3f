"""gguf-export@<domain>: GGUF files for llama.cpp / Ollama, verified against the model we evaluated.

    domaintune gguf-base                # models/base-gguf/base-f16.gguf (what adapter GGUFs apply to)
    domaintune gguf-export contracts

Writes models/<d>/gguf/: <d>-f16.gguf (llama.cpp's converter), <d>-<type>.gguf for each quantised type
(llama_model_quantize), <d>-lora-f16.gguf (convert_lora_to_gguf.py against the base), Modelfile and
Modelfile.adapter. Then it loads every file in llama.cpp and checks, on the golden tests: tokenisation
equals the HF tokenizer's, f16 answers equal the merged HF model's, the adapter on the base GGUF answers like
f16, and each quantised type's golden metrics. The HF reference runs in fp32: llama.cpp computes f16 weights
with fp32 accumulation, so a bf16-arithmetic reference would measure bf16 noise, not the export.
Results go to metrics/<d>/gguf.json.
"""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path

from domaintune import atomic, config, gguf
from domaintune.generate import generate, load_model
from domaintune.metrics import aggregate, score
from domaintune.stages.compare import read_golden
from domaintune.validate import Schema

BASE_GGUF = Path("models/base-gguf/base-f16.gguf")
STOP_TOKENS = ("<|im_end|>", "<|endoftext|>")


def export_base(base_dir: Path = config.BASE_MODEL_DIR, out: Path = BASE_GGUF) -> Path:
    with atomic.output_dir(out.parent) as tmp:
        gguf.convert_model(base_dir, tmp / out.name, "f16")
        gguf.check_file(tmp / out.name)
    return out


def golden_answers(llm, prompts: list[str], tokenizer, max_tokens: int, stops: list[int]) -> tuple[list[str], float]:
    """Greedy llama.cpp answers for rendered prompts, after checking llama.cpp tokenizes them like HF."""
    answers, mismatched = [], 0
    for text in prompts:
        ids = llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)
        mismatched += ids != tokenizer(text, add_special_tokens=False)["input_ids"]
        answers.append(gguf.complete(llm, ids, max_tokens, stops))
    return answers, 1 - mismatched / len(prompts)


def export(domain: str, params: config.Params, paths: config.DomainPaths) -> dict:
    merged, adapter, out_dir = paths.models / "merged", paths.models / "adapter", paths.models / "gguf"
    schema = Schema.load(paths.schema)
    system_prompt = paths.prompt.read_text(encoding="utf-8").strip()
    rows = read_golden(Path("golden_tests") / f"{domain}.jsonl", schema, system_prompt)
    model, tokenizer = load_model(merged, dataclasses.replace(params.model, dtype="float32", load_in_4bit=False))
    start = time.perf_counter()
    hf = [g.text for g in generate(model, tokenizer, [r["prompt"] for r in rows],
                                   params.eval.max_new_tokens, params.eval.batch_size).outputs]
    hf_seconds = round(time.perf_counter() - start, 1)
    del model
    expected = [json.loads(r["completion"][0]["content"]) for r in rows]
    prompts = [tokenizer.apply_chat_template(r["prompt"], add_generation_prompt=True, tokenize=False) for r in rows]
    stops = [tokenizer.convert_tokens_to_ids(t) for t in STOP_TOKENS]
    timings, files, golden, agreement = {"hf_fp32_reference_s": hf_seconds}, {}, {}, {}

    def golden_metrics(name: str, answers: list[str]) -> None:
        golden[name] = {k: v for k, v in aggregate([score(a, e, schema) for a, e in zip(answers, expected, strict=True)]).items()
                        if k != "per_field"}

    golden_metrics("hf_merged", hf)
    with atomic.output_dir(out_dir) as tmp:
        start = time.perf_counter()
        f16 = gguf.convert_model(merged, tmp / f"{domain}-f16.gguf", "f16")
        timings["convert_s"] = round(time.perf_counter() - start, 1)
        start = time.perf_counter()
        quantised = {q: gguf.quantize(f16, tmp / f"{domain}-{q}.gguf", q) for q in params.gguf.outtypes if q != "f16"}
        timings["quantize_s"] = round(time.perf_counter() - start, 1)
        lora = None
        if params.gguf.adapter:
            lora = gguf.convert_adapter(adapter, paths.root / config.BASE_MODEL_DIR, tmp / f"{domain}-lora-f16.gguf")
        smallest = f"./{domain}-{params.gguf.outtypes[-1]}.gguf"
        atomic.write_text(tmp / "Modelfile", gguf.modelfile(smallest, system_prompt, list(STOP_TOKENS)))
        if lora is not None:
            base_path = f"../../{BASE_GGUF.parent.name}/{BASE_GGUF.name}"  # relative to models/<d>/gguf
            atomic.write_text(tmp / "Modelfile.adapter", gguf.modelfile(base_path, system_prompt, list(STOP_TOKENS), lora.name))

        start = time.perf_counter()
        max_tokens = params.eval.max_new_tokens
        f16_answers, tokenization = golden_answers(gguf.load(f16), prompts, tokenizer, max_tokens, stops)
        golden_metrics("f16", f16_answers)
        agreement["f16_vs_hf_merged"] = round(sum(a == b for a, b in zip(f16_answers, hf, strict=True)) / len(hf), 4)
        for q, path in quantised.items():
            answers, _ = golden_answers(gguf.load(path), prompts, tokenizer, max_tokens, stops)
            golden_metrics(q, answers)
        if lora is not None:
            answers, _ = golden_answers(gguf.load(paths.root / BASE_GGUF, lora=lora), prompts, tokenizer, max_tokens, stops)
            golden_metrics("adapter_on_base", answers)
            agreement["adapter_vs_f16"] = round(sum(a == b for a, b in zip(answers, f16_answers, strict=True)) / len(hf), 4)
        timings["verify_s"] = round(time.perf_counter() - start, 1)
        files = {p.name: p.stat().st_size for p in sorted(tmp.glob("*.gguf"))}

    metrics = {"llama_cpp_python": gguf.llama_cpp_version(), "files_bytes": files, "tokenization_identical": round(tokenization, 4),
               "agreement": agreement, "golden": golden, "seconds": timings}
    atomic.write_json(paths.metrics / "gguf.json", metrics)
    return metrics


def main(domain: str) -> dict:
    metrics = export(domain, config.load(domain), config.DomainPaths(domain))
    print(f"gguf-export@{domain}: {', '.join(metrics['files_bytes'])}; agreement {metrics['agreement']}")
    return metrics


def main_base() -> None:
    print(f"gguf-base: {export_base()}")
