"""gguf-export@<domain>: GGUF files for llama.cpp / Ollama, checked against the model we evaluated.

    domaintune gguf-export contracts    # after `domaintune gguf-base` (the base GGUF the LoRA file applies to)

Writes models/<d>/gguf/: <d>-f16.gguf (llama.cpp's converter), <d>-<type>.gguf for each quantised type
(llama_model_quantize), <d>-lora-f16.gguf (convert_lora_to_gguf.py against the base), Modelfile and
Modelfile.adapter. Every file is loaded in llama.cpp and answers the golden tests through the batched engine (engine.py, the one
compare uses), each check against its limit in params.yaml `gguf`:
  tokenization   llama.cpp tokenizes every golden prompt exactly like the tokenizer the adapter was trained with
  f16            f16 answers equal the merged HF model's (fp32 reference: llama.cpp computes f16 weights with
                 fp32 accumulation, so a bf16 reference would measure bf16 noise, not the export). The HF
                 answers are exact greedy decoding, computed by verifying the f16 answers as drafts
                 (generate.greedy_from_drafts): one fp32 forward pass per prompt where they agree
  batched        the batched engine's f16 answers equal one-at-a-time decoding of the same file. Batch shapes
                 change llama.cpp's summation order, so an answer may part from the reference where two tokens are
                 within rounding of each other; such a split (top-two logit margin <= gguf.max_tie_gap in both
                 runs at the first differing token) counts as agreement, and the gate reads that figure. The strict
                 figures, the margins at each split and the logit and margin noise before any split are recorded
  adapter        the LoRA GGUF on the base GGUF answers like f16
  quantised      each type's golden field accuracy drops at most max_quant_field_drop below f16's; a type over
                 it is kept but not shipped (the Modelfile uses the smallest passing type, else f16), and the stage
                 fails for it only when no type passes and gguf.require_quantised is set
Answers are compared as parsed JSON (the gate) and as exact text (reported beside it). A failed check fails the
stage with one line per check naming the file, the figure and the limit, and leaves no output behind. Results,
each figure next to its limit, go to metrics/<d>/gguf.json.
"""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path

from domaintune import atomic, config, gguf
from domaintune.engine import STOP, Answer, Engine
from domaintune.errors import StageError
from domaintune.generate import greedy_from_drafts, load_model, load_tokenizer
from domaintune.golden import read_golden
from domaintune.metrics import aggregate, parse_json, score
from domaintune.stages.gguf_base import BASE_GGUF
from domaintune.validate import Schema

STOP_TOKENS = ("<|im_end|>", "<|endoftext|>")


def tokenization_match(engine: Engine, prompts: list[str], tokenizer) -> float:
    """Share of rendered prompts that llama.cpp tokenizes exactly like the HF tokenizer."""
    same = sum(engine.tokenize(p) == tokenizer(p, add_special_tokens=False)["input_ids"] for p in prompts)
    return round(same / len(prompts), 4)


def golden_answers(engine: Engine, prompts: list[str], max_tokens: int, width: int, one_at_a_time: bool = False) -> list[Answer]:
    """Greedy llama.cpp answers for rendered prompts, tokenized by llama.cpp itself (as a llama.cpp server would):
    the batched engine, or one prompt at a time (width 1, no shared prefix) as the reference it is checked against."""
    ids = [engine.tokenize(p) for p in prompts]
    return engine.generate(ids, max_tokens, width=1 if one_at_a_time else width, share_prefix=not one_at_a_time)


def _canonical(answer: str) -> str:
    parsed = parse_json(answer)
    return json.dumps(parsed, sort_keys=True, ensure_ascii=False) if parsed is not None else answer.strip()


def _figures(equal: list[bool], answers: list[str], reference: list[str], limit: float) -> dict:
    n = len(reference)
    parsed = round(sum(equal) / n, 4)
    text = round(sum(a == b for a, b in zip(answers, reference, strict=True)) / n, 4)
    return {"parsed": parsed, "text": text, "min": limit, "passed": parsed >= limit}


def agreement(answers: list[str], reference: list[str], limit: float) -> dict:
    """Parsed-JSON agreement (gated; an unparsable answer must match as text) and exact-text agreement."""
    return _figures([_canonical(a) == _canonical(b) for a, b in zip(answers, reference, strict=True)], answers,
                    reference, limit)


def _chosen(x: Answer, i: int):
    """The token an answer chose at step i: STOP for its stop token, None past its end (max_tokens)."""
    return x.tokens[i] if i < len(x.tokens) else (STOP if x.stopped else None)


def first_split(a: Answer, b: Answer) -> int | None:
    """The decoding step at which two greedy answers choose different tokens (any stop token counts as one)."""
    for i in range(max(len(a.tokens), len(b.tokens)) + 1):
        if _chosen(a, i) is None or _chosen(b, i) is None:
            return None
        if _chosen(a, i) != _chosen(b, i):
            return i
    return None


def agreement_up_to_ties(answers: list[Answer], reference: list[Answer], texts: list[str], reference_texts: list[str],
                         limit: float, max_tie_gap: float) -> dict:
    """`agreement` of two decodings of the same weights, plus the gated figure: an answer that parts from the
    reference at a near-tie agrees. A near-tie: each run's choice is the other's runner-up and the top-two margin
    is <= max_tie_gap in both runs (two tokens swapped by rounding). Before any split, the largest difference of
    the chosen token's logit (`logit_noise`) and of its top-two margin (`margin_noise`: what decides a split)
    measure the rounding the two decodings differ by."""
    equal = [_canonical(a) == _canonical(b) for a, b in zip(texts, reference_texts, strict=True)]
    agreed, splits, noise, margin_noise = 0, [], 0.0, 0.0
    for a, r, same_answer in zip(answers, reference, equal, strict=True):
        i = first_split(a, r)
        same = min(len(a.top), len(r.top)) if i is None else i
        noise = max([noise] + [abs(x - y) for x, y in zip(a.top[:same], r.top[:same])])
        margin_noise = max([margin_noise] + [abs(x - y) for x, y in zip(a.gap[:same], r.gap[:same])])
        if same_answer:
            agreed += 1
        elif i is not None:
            margin = round(max(a.gap[i], r.gap[i]), 4)
            swapped = a.second[i] == _chosen(r, i) and r.second[i] == _chosen(a, i)
            near_tie = margin <= max_tie_gap and swapped
            splits.append({"step": i, "margin": margin, "swapped": swapped, "near_tie": near_tie})
            agreed += near_tie
    figure = round(agreed / len(reference), 4)
    return {**_figures(equal, texts, reference_texts, limit), "parsed_ties_excepted": figure,
            "passed": figure >= limit, "max_tie_gap": max_tie_gap, "logit_noise": round(noise, 4),
            "margin_noise": round(margin_noise, 4), "splits": splits}


def golden_metrics(answers: list[str], expected: list[dict], schema: Schema) -> dict:
    scored = aggregate([score(a, e, schema) for a, e in zip(answers, expected, strict=True)])
    return {k: v for k, v in scored.items() if k != "per_field"}


def verify(files: dict[str, Path], lora: Path | None, base_gguf: Path, prompts: list[str], tokenizer, hf_reference,
           expected: list[dict], schema: Schema, params: config.Params) -> dict:
    """Load each GGUF in llama.cpp and measure every parity check on the golden prompts. `files` maps an outtype
    (f16 first) to its file; `hf_reference(f16 answers)` gives the merged HF model's answers (texts)."""
    g, max_tokens, width = params.gguf, params.eval.max_new_tokens, params.eval.batch_size
    answers, tokenization, seconds = {}, {}, {}
    runs = [(kind, path, None) for kind, path in files.items()] + ([("adapter_on_base", base_gguf, lora)] if lora else [])
    for kind, path, adapter in runs:
        with Engine(path, lora=adapter) as engine:
            # the base GGUF's entry is keyed by its repo path: it is not in the export dir
            tokenization[path.as_posix() if adapter else path.name] = tokenization_match(engine, prompts, tokenizer)
            start = time.perf_counter()
            raw = golden_answers(engine, prompts, max_tokens, width)
            answers[kind] = [engine.detokenize(a.tokens).strip() for a in raw]
            seconds[kind] = round(time.perf_counter() - start, 1)
            if kind == "f16":
                start = time.perf_counter()
                single = golden_answers(engine, prompts, max_tokens, width, one_at_a_time=True)
                seconds["f16_one_at_a_time"] = round(time.perf_counter() - start, 1)
                batched = agreement_up_to_ties(raw, single, answers["f16"],
                                               [engine.detokenize(a.tokens).strip() for a in single],
                                               g.min_batched_agreement, g.max_tie_gap)
                start = time.perf_counter()
                hf = hf_reference(raw)
                seconds["hf_fp32_reference"] = round(time.perf_counter() - start, 1)
    golden = {"hf_merged": golden_metrics(hf, expected, schema),
              **{kind: golden_metrics(a, expected, schema) for kind, a in answers.items()}}
    checks = {
        "tokenization": {name: {"match": m, "min": g.min_tokenization_match, "passed": m >= g.min_tokenization_match}
                         for name, m in tokenization.items()},
        "f16_vs_hf_merged": {files["f16"].name: agreement(answers["f16"], hf, g.min_f16_agreement)},
        "batched_vs_one_at_a_time": {files["f16"].name: batched},
        "quantised_vs_f16": {},
    }
    if lora is not None:
        checks["adapter_vs_f16"] = {lora.name: agreement(answers["adapter_on_base"], answers["f16"], g.min_adapter_agreement)}
    for kind, path in files.items():
        if kind != "f16":
            drop = round(golden["f16"]["field_accuracy"] - golden[kind]["field_accuracy"], 4)
            checks["quantised_vs_f16"][path.name] = {
                "field_accuracy_drop": drop, "max": g.max_quant_field_drop, "passed": drop <= g.max_quant_field_drop,
                "agreement": agreement(answers[kind], answers["f16"], 0.0)["parsed"]}
    return {"checks": checks, "golden": golden, "generation_seconds": seconds}


def failures(checks: dict, where: Path, require_quantised: bool = False) -> list[str]:
    """One line per failed check: the file, the figure and the limit. Quantised types fail only all together,
    and only with `require_quantised` (else the Modelfile ships f16, the file whose parity was checked)."""
    lines = [f"{name if '/' in name else where / name}: tokenization match {c['match']} < gguf.min_tokenization_match "
             f"{c['min']}" for name, c in checks["tokenization"].items() if not c["passed"]]
    for key, param in (("f16_vs_hf_merged", "min_f16_agreement"), ("batched_vs_one_at_a_time", "min_batched_agreement"),
                       ("adapter_vs_f16", "min_adapter_agreement")):
        lines += [f"{where / name}: {key} agreement (parsed JSON{', near-ties excepted' if 'splits' in c else ''}) "
                  f"{c.get('parsed_ties_excepted', c['parsed'])} < gguf.{param} {c['min']} (exact text {c['text']})"
                  for name, c in checks.get(key, {}).items() if not c["passed"]]
    quantised = checks["quantised_vs_f16"]
    if require_quantised and quantised and not any(c["passed"] for c in quantised.values()):
        lines += [f"{where / name}: golden field accuracy drop vs f16 {c['field_accuracy_drop']} > "
                  f"gguf.max_quant_field_drop {c['max']} (no quantised type passes; gguf.require_quantised)"
                  for name, c in quantised.items()]
    return lines


def shipped(files: dict[str, Path], checks: dict) -> str:
    """The outtype the Modelfile uses: the smallest quantised file that passed its check, else f16."""
    passing = [k for k, p in files.items() if k != "f16" and checks["quantised_vs_f16"][p.name]["passed"]]
    return min(passing, key=lambda k: files[k].stat().st_size) if passing else "f16"


def export(domain: str, params: config.Params, paths: config.DomainPaths) -> dict:
    merged, adapter, out_dir = paths.models / "merged", paths.models / "adapter", paths.models / "gguf"
    schema = Schema.load(paths.schema)
    system_prompt = paths.prompt.read_text(encoding="utf-8").strip()
    rows = read_golden(paths.root / "golden_tests" / f"{domain}.jsonl", schema, system_prompt)
    trust = params.base.trust_remote_code
    model, _ = load_model(merged, dataclasses.replace(params.model, dtype="float32"), trust_remote_code=trust)
    tokenizer = load_tokenizer(adapter, trust)  # the tokenizer training used: the exported files must match it

    def hf_reference(f16: list[Answer]) -> list[str]:
        """The merged model's fp32 greedy answers, verified against the f16 file's answers as drafts."""
        run = greedy_from_drafts(model, tokenizer, [r["prompt"] for r in rows], [a.tokens for a in f16],
                                 [a.stopped for a in f16], params.eval.max_new_tokens)
        return [g.text for g in run.outputs]

    expected = [json.loads(r["completion"][0]["content"]) for r in rows]
    prompts = [tokenizer.apply_chat_template(r["prompt"], add_generation_prompt=True, tokenize=False) for r in rows]
    timings = {}

    with atomic.output_dir(out_dir) as tmp:
        start = time.perf_counter()
        files = {"f16": gguf.convert_model(merged, tmp / f"{domain}-f16.gguf", "f16", trust)}
        timings["convert_s"] = round(time.perf_counter() - start, 1)
        start = time.perf_counter()
        files |= {q: gguf.quantize(files["f16"], tmp / f"{domain}-{q}.gguf", q) for q in params.gguf.outtypes if q != "f16"}
        timings["quantize_s"] = round(time.perf_counter() - start, 1)
        lora = None
        if params.gguf.adapter:
            lora = gguf.convert_adapter(adapter, paths.root / config.BASE_MODEL_DIR, tmp / f"{domain}-lora-f16.gguf")
        start = time.perf_counter()
        result = verify(files, lora, paths.root / BASE_GGUF, prompts, tokenizer, hf_reference, expected, schema, params)
        timings["verify_s"] = round(time.perf_counter() - start, 1)
        failed = failures(result["checks"], out_dir, params.gguf.require_quantised)
        if failed:
            raise StageError(f"gguf-export@{domain}: {len(failed)} parity check(s) below their limits in params.yaml "
                             f"gguf; nothing written", failed)
        ship = shipped(files, result["checks"])
        atomic.write_text(tmp / "Modelfile", gguf.modelfile(f"./{files[ship].name}", system_prompt, list(STOP_TOKENS)))
        if lora is not None:
            base_path = f"../../{BASE_GGUF.parent.name}/{BASE_GGUF.name}"  # relative to models/<d>/gguf
            atomic.write_text(tmp / "Modelfile.adapter", gguf.modelfile(base_path, system_prompt, list(STOP_TOKENS), lora.name))
        sizes = {p.name: p.stat().st_size for p in sorted(tmp.glob("*.gguf"))}

    metrics = {"llama_cpp_python": gguf.llama_cpp_version(), "files_bytes": sizes, "modelfile": files[ship].name,
               **result, "seconds": timings}
    atomic.write_json(paths.metrics / "gguf.json", metrics)
    return metrics


def main(domain: str) -> dict:
    metrics = export(domain, config.load(domain), config.DomainPaths(domain))
    over = [name for name, c in metrics["checks"]["quantised_vs_f16"].items() if not c["passed"]]
    for name in over:
        print(f"warning: gguf-export@{domain}: {name} loses more golden field accuracy than gguf.max_quant_field_drop "
              f"allows; kept, but the Modelfile uses {metrics['modelfile']}")
    print(f"gguf-export@{domain}: {', '.join(metrics['files_bytes'])}; Modelfile -> {metrics['modelfile']}")
    return metrics
