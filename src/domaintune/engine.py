"""Batched greedy generation in llama.cpp: the one engine behind eval, compare, the GGUF checks and predict.

    .venv/bin/python bench/eval_generation.py --domain contracts    # this engine against HF and one llama.cpp stream

Up to `width` prompts decode together in one llama.cpp context (llama-cpp-python's low-level API, the loop of
llama.cpp's examples/parallel): each step is one `llama_decode` holding the next token of every running sequence
plus the whole prompt of any sequence that starts, logits only at each sequence's last position, greedy argmax.
A finished sequence frees its slot and the next prompt takes it in the same step (continuous batching). The
token prefix all prompts share (system prompt, few-shot examples) is decoded once into a spare sequence and
copied to each slot with `llama_memory_seq_cp`, so it costs nothing per prompt. With `grammar`, the greedy token
is checked against the grammar and the logits are constrained only when it is rejected, as llama.cpp's own
sampler does. `width=1, share_prefix=False` is plain one-at-a-time decoding: the reference the batched engine's
agreement is measured against.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import time
import typing
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from domaintune.errors import StageError
from domaintune.generate import Generation, GenerationRun

STOP = -1  # Answer.second's entry for an end-of-generation runner-up (every stop token counts as one)
TOKEN_DATA = np.dtype([("id", np.int32), ("logit", np.float32), ("p", np.float32)])


@dataclass(frozen=True)
class Answer:
    tokens: list[int]
    stopped: bool  # ended by a stop token (else by max_tokens)
    # Per decoding step (the stop token's included), the unconstrained logits' best value, its margin over the
    # runner-up and the runner-up token (STOP for any end-of-generation token): where two decodings of the same
    # weights part, these say whether rounding could explain it.
    top: list[float] = field(default_factory=list, compare=False)
    gap: list[float] = field(default_factory=list, compare=False)
    second: list[int] = field(default_factory=list, compare=False)

    @property
    def new_tokens(self) -> int:  # the stop token is generated too (as HF counts it)
        return len(self.tokens) + self.stopped


@dataclass
class _Slot:
    index: int
    pos: int
    last: int = -1
    out: list[int] = field(default_factory=list)
    top: list[float] = field(default_factory=list)
    gap: list[float] = field(default_factory=list)
    second: list[int] = field(default_factory=list)


def common_prefix(prompts: list[list[int]]) -> int:
    """Length of the token prefix shared by every prompt, leaving each prompt at least one token of its own."""
    if not prompts:
        return 0
    first, n = prompts[0], min(len(p) for p in prompts) - 1
    for p in prompts[1:]:
        k = 0
        while k < n and p[k] == first[k]:
            k += 1
        n = k
    return max(n, 0)


class Engine:
    """One GGUF model (optionally with a LoRA GGUF on top) loaded once; `generate` creates a context sized for
    its prompts, so the KV cache never runs out mid-run."""

    def __init__(self, model: Path, lora: Path | None = None, threads: int | None = None):
        from llama_cpp import llama_cpp as ll

        from domaintune import gguf

        logging.getLogger("llama-cpp-python").setLevel(logging.ERROR)  # llama.cpp's load/context chatter
        self._ll, self.path, self.lora_path = ll, Path(model), lora
        gguf.check_file(self.path)
        ll.llama_backend_init()
        params = ll.llama_model_default_params()
        # llama.cpp repacks quantised weights into "extra" CPU buffers (AMX on Sapphire Rapids and later); that path
        # segfaults in the first multi-token decode on AMX machines (llama.cpp#20824, measured here on q8_0, q4_k_m).
        params.use_extra_bufts = False
        self.model_params = params
        self._model = ll.llama_model_load_from_file(str(self.path).encode(), params)
        if not self._model:
            raise StageError(f"{self.path}: llama.cpp could not load the model")
        self._vocab = ll.llama_model_get_vocab(self._model)
        self.n_vocab = ll.llama_vocab_n_tokens(self._vocab)
        self._lora = None
        if lora is not None:
            gguf.check_file(Path(lora))
            self._lora = ll.llama_adapter_lora_init(self._model, str(lora).encode())
            if not self._lora:
                raise StageError(f"{lora}: llama.cpp could not load the LoRA adapter for {self.path}")
        self.threads = threads or os.cpu_count() or 1
        self.stops = sorted(t for t in range(self.n_vocab) if ll.llama_vocab_is_eog(self._vocab, t))

    def close(self) -> None:
        if self._lora:
            self._ll.llama_adapter_lora_free(self._lora)
            self._lora = None
        if self._model:
            self._ll.llama_model_free(self._model)
            self._model = None

    def __enter__(self) -> typing.Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def tokenize(self, text: str) -> list[int]:
        """Token ids of already rendered text, special tokens parsed (as a llama.cpp server tokenizes a prompt)."""
        data = text.encode("utf-8")
        buf = (self._ll.llama_token * (len(data) + 8))()
        n = self._ll.llama_tokenize(self._vocab, data, len(data), buf, len(buf), False, True)
        if n < 0:
            raise StageError(f"{self.path}: tokenizing a {len(data)}-byte prompt needs {-n} tokens")
        return list(buf[:n])

    def detokenize(self, tokens: list[int]) -> str:
        out = b""
        buf = ctypes.create_string_buffer(64)
        for t in tokens:
            n = self._ll.llama_token_to_piece(self._vocab, t, buf, len(buf), 0, False)
            out += buf.raw[:n]
        return out.decode("utf-8", errors="replace")

    @staticmethod
    def grammar_from_schema(schema: dict) -> str:
        return grammar_from_schema(schema)

    @contextlib.contextmanager
    def _context(self, n_ctx: int, n_batch: int, n_seq: int):
        ll = self._ll
        params = ll.llama_context_default_params()
        params.n_ctx, params.n_batch, params.n_ubatch = n_ctx, n_batch, min(n_batch, 512)
        # One KV buffer for all sequences: the shared prefix is stored once. Per-sequence buffers (kv_unified
        # false) measured 1.4x slower here (16 sequences, contracts golden prompts: 187 vs 103 ms a step).
        params.n_seq_max, params.kv_unified = n_seq, True
        params.n_threads = params.n_threads_batch = self.threads
        params.no_perf = True
        # No flash attention: its CPU kernel accumulates V in f16 in KV-buffer order, and a refilled slot's cells are
        # scattered, so batched answers drifted from one-at-a-time ones (medical golden tests: 0.92 agreement with
        # it, 0.96 without, gate 0.95). It was faster only on long prompts (medical 76.8 vs 65.8 tokens/s). Over an f32
        # KV cache it accumulates in f32, but on a 2-core AVX2 EPYC it was slower than this path (contracts golden
        # prompts, 16 sequences: fine-tuned 78.6 vs 85.6 tokens/s, base model's 256-token answers 71.9 vs 87.4).
        params.flash_attn_type = ll.LLAMA_FLASH_ATTN_TYPE_DISABLED
        ctx = ll.llama_init_from_model(self._model, params)
        if not ctx:
            raise StageError(f"{self.path}: llama.cpp could not create a context of {n_ctx} tokens")
        try:
            if self._lora:
                adapters = (ll.llama_adapter_lora_p_ctypes * 1)(self._lora)
                ll.llama_set_adapters_lora(ctx, adapters, 1, (ctypes.c_float * 1)(1.0))
            yield ctx
        finally:
            ll.llama_free(ctx)

    def generate(self, prompts: list[list[int]], max_tokens: int, width: int = 16, grammar: str | None = None,
                 share_prefix: bool = True, n_batch: int = 2048, stops: set[int] | None = None) -> list[Answer]:
        """Greedy answers for tokenized prompts, in input order; `stops` defaults to the model's end-of-generation
        tokens (for ChatML: <|im_end|>, <|endoftext|>)."""
        ll = self._ll
        if not prompts:
            return []
        if any(not p for p in prompts):
            raise StageError("engine: empty prompt")
        width = max(1, min(width, len(prompts)))
        shared = common_prefix(prompts) if share_prefix and len(prompts) > 1 else 0
        longest = max(len(p) for p in prompts)
        n_batch = max(n_batch, longest - shared + width)
        n_ctx = -(-(shared + width * (longest - shared + max_tokens + 1)) // 256) * 256
        prefix_seq = width  # the spare sequence that holds the shared prefix
        stops = set(self.stops if stops is None else stops)
        results: list[Answer | None] = [None] * len(prompts)
        samplers = [ll.llama_sampler_init_grammar(self._vocab, grammar.encode(), b"root") for _ in range(width)] if grammar else []
        if grammar and not all(samplers):
            raise StageError(f"{self.path}: llama.cpp rejected the grammar")
        batch = ll.llama_batch_init(n_batch, 0, 1)
        try:
            with self._context(n_ctx, n_batch, width + 1) as ctx:
                mem = ll.llama_get_memory(ctx)

                def add(token: int, pos: int, seq: int, logits: bool) -> None:
                    i = batch.n_tokens
                    batch.token[i], batch.pos[i], batch.n_seq_id[i] = token, pos, 1
                    batch.seq_id[i][0], batch.logits[i] = seq, logits
                    batch.n_tokens = i + 1

                def decode() -> None:
                    rc = ll.llama_decode(ctx, batch)
                    if rc != 0:
                        raise StageError(f"{self.path}: llama_decode failed ({rc}) on a batch of {batch.n_tokens} tokens")

                for start in range(0, shared, n_batch):
                    batch.n_tokens = 0
                    for pos in range(start, min(start + n_batch, shared)):
                        add(prompts[0][pos], pos, prefix_seq, False)
                    decode()

                queue = iter(range(len(prompts)))
                upcoming = next(queue, None)
                active: dict[int, _Slot] = {}
                free = list(range(width))
                while upcoming is not None or active:
                    batch.n_tokens, rows = 0, []
                    for seq, slot in active.items():
                        add(slot.last, slot.pos, seq, True)
                        slot.pos += 1
                        rows.append(seq)
                    while free and upcoming is not None and batch.n_tokens + len(prompts[upcoming]) - shared <= n_batch:
                        seq, prompt = free.pop(0), prompts[upcoming]
                        ll.llama_memory_seq_rm(mem, seq, -1, -1)
                        if shared:
                            ll.llama_memory_seq_cp(mem, prefix_seq, seq, -1, -1)
                        for pos in range(shared, len(prompt)):
                            add(prompt[pos], pos, seq, pos == len(prompt) - 1)
                        if samplers:
                            ll.llama_sampler_reset(samplers[seq])
                        active[seq] = _Slot(upcoming, len(prompt))
                        rows.append(seq)
                        upcoming = next(queue, None)
                    decode()
                    logits = np.ctypeslib.as_array(ll.llama_get_logits(ctx), shape=(len(rows), self.n_vocab))
                    greedy = logits.argmax(axis=1)
                    two = np.argpartition(logits, -2, axis=1)[:, -2:]
                    for row, seq in enumerate(rows):
                        slot, token = active[seq], int(greedy[row])
                        runner_up = int(two[row, 0] if two[row, 1] == token else two[row, 1])
                        slot.top.append(float(logits[row, token]))
                        slot.gap.append(float(logits[row, token] - logits[row, runner_up]))
                        slot.second.append(STOP if runner_up in stops else runner_up)
                        if samplers:
                            token = self._constrained(samplers[seq], logits[row], token)
                        if token in stops or token < 0:
                            results[slot.index] = Answer(slot.out, token in stops, slot.top, slot.gap, slot.second)
                        else:
                            slot.out.append(token)
                            slot.last = token
                            if len(slot.out) < max_tokens:
                                continue
                            results[slot.index] = Answer(slot.out, False, slot.top, slot.gap, slot.second)
                        del active[seq]
                        free.append(seq)
                    free.sort()
        finally:
            ll.llama_batch_free(batch)
            for s in samplers:
                ll.llama_sampler_free(s)
        return [r for r in results if r is not None]

    def _constrained(self, sampler, logits: np.ndarray, token: int) -> int:
        """The greedy token if the grammar accepts it, else the best token the grammar allows (-1: none)."""
        ll = self._ll
        one = (ll.llama_token_data * 1)(ll.llama_token_data(token, float(logits[token]), 0.0))
        array = ll.llama_token_data_array(one, 1, -1, False)
        ll.llama_sampler_apply(sampler, ctypes.byref(array))
        if not np.isneginf(one[0].logit):
            chosen = token
        else:
            data = np.empty(self.n_vocab, dtype=TOKEN_DATA)
            data["id"], data["logit"], data["p"] = np.arange(self.n_vocab), logits, 0.0
            array = ll.llama_token_data_array(data.ctypes.data_as(ll.llama_token_data_p), self.n_vocab, -1, False)
            ll.llama_sampler_apply(sampler, ctypes.byref(array))
            chosen = int(data["logit"].argmax())
            if np.isneginf(data["logit"][chosen]):
                return -1
        if chosen not in self.stops:
            ll.llama_sampler_accept(sampler, chosen)
        return chosen


# Keywords of a schema node that constrain a value (kept on each branch when a type list is split).
_NUMERIC_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def _split_type_lists(node):
    """llama-cpp-python's converter turns `"type": ["string", "null"]` into `string | null` and drops the
    node's pattern, minLength and bounds; as anyOf branches of one type each, it keeps them."""
    if isinstance(node, list):
        return [_split_type_lists(v) for v in node]
    if not isinstance(node, dict):
        return node
    node = {k: _split_type_lists(v) for k, v in node.items()}
    if isinstance(node.get("type"), list):
        rest = {k: v for k, v in node.items() if k != "type"}
        return {"anyOf": [{"type": "null"} if t == "null" else {**rest, "type": t} for t in node["type"]]}
    return node


def _bounded_number_rule(schema: dict) -> str:
    """GBNF for an integer or number with bounds, the cases the converter leaves unchecked (it drops bounds)."""
    kind, lo, hi = schema["type"], schema.get("minimum"), schema.get("maximum")
    if {"exclusiveMinimum", "exclusiveMaximum"} & set(schema) or lo is None or lo < 0:
        raise StageError(f"grammar: cannot express the bounds of {schema} (supported: minimum >= 0, integer maximum)")
    if kind == "integer" and hi is not None and hi - lo <= 1000:
        return "(" + " | ".join(f'"{v}"' for v in range(int(lo), int(hi) + 1)) + ") space"
    if hi is not None or int(lo) != lo or (kind == "integer" and lo > 0):
        raise StageError(f"grammar: cannot express the bounds of {schema} (supported: minimum >= 0, integer maximum)")
    digits = '("0" | [1-9] [0-9]{0,15})'
    return digits + (' ("." [0-9]{1,16})? ([eE] [-+]? [0-9]{1,16})?' if kind == "number" else "") + " space"


def grammar_from_schema(schema: dict) -> str:
    """llama.cpp's GBNF for a JSON schema: llama-cpp-python's port of json_schema_to_grammar, plus what it drops
    (constraints next to a type list, minimum/maximum), so that every answer it completes validates."""
    from llama_cpp.llama_grammar import RESERVED_NAMES, SchemaConverter

    class Converter(SchemaConverter):
        def visit(self, node, name):
            if node.get("type") in ("integer", "number") and set(_NUMERIC_BOUNDS) & set(node):
                rule_name = name + "-" if name in RESERVED_NAMES else name or "root"
                return self._add_rule(rule_name, _bounded_number_rule(node))
            return super().visit(node, name)

    converter = Converter(prop_order={}, allow_fetch=False, dotall=False, raw_pattern=False)
    resolved = converter.resolve_refs(_split_type_lists(schema), "schema")
    converter.visit(resolved, "")
    return converter.format_grammar()


def chat_answers(engine: Engine, tokenizer, prompts: list[list[dict]], max_tokens: int, width: int = 16,
                 grammar: str | None = None, share_prefix: bool = True) -> GenerationRun:
    """Greedy answers for chat prompts (lists of messages): rendered by the training tokenizer's chat template,
    tokenized by llama.cpp (gguf-export checks the two tokenizations agree), returned in input order."""
    texts = [tokenizer.apply_chat_template(p, add_generation_prompt=True, tokenize=False) for p in prompts]
    ids = [engine.tokenize(t) for t in texts]
    start = time.perf_counter()
    answers = engine.generate(ids, max_tokens, width=width, grammar=grammar, share_prefix=share_prefix)
    seconds = time.perf_counter() - start
    return GenerationRun([Generation(engine.detokenize(a.tokens).strip(), a.new_tokens) for a in answers], seconds)
