"""Malformed params.yaml -> `domaintune train contracts` exits 2 with one line naming the key, no traceback.

Each case copies the repository's params.yaml, breaks one thing (a key set or deleted, or the whole text replaced
for YAML-level problems) and runs the CLI in tmp_path. config.load is the first thing the train stage does, so no
model or data is needed; `train` itself is stubbed to fail loudly in case a malformed file is accepted.

The message must be `domaintune: error: params.yaml: <key path>: <reason>` with the key path as the user wrote it:
`train.lr`, `gguf.outtypes[1]`, `domains.legal.model.max_len`, `profiles.tiny.train.lr`, `format.split` for the
rule across the split ratios, `line N` for YAML syntax errors, `params` for a file that is not a mapping.
Positive controls check that valid edge values load, and a few cases run the installed console script.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from domaintune import cli, config
from domaintune.stages import train as train_stage

REPO = Path(__file__).resolve().parents[1]
PARAMS_TEXT = (REPO / "params.yaml").read_text(encoding="utf-8")
PARAMS = yaml.safe_load(PARAMS_TEXT)
DELETE = object()  # as a value: remove the key


def _keys(path: str | tuple) -> tuple:
    """`gguf.outtypes[1]` -> ('gguf', 'outtypes', 1); a tuple (for keys with dots or spaces) is used as is."""
    if isinstance(path, tuple):
        return path
    return tuple(int(index) if index else name for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path))


def changed(changes: dict) -> dict:
    """A deep copy of the repository's params with each `path: value` applied (DELETE removes the key)."""
    params = copy.deepcopy(PARAMS)
    for path, value in changes.items():
        *parents, leaf = _keys(path)
        node = params
        for key in parents:
            node = node.setdefault(key, {}) if isinstance(node, dict) else node[key]
        if value is DELETE:
            del node[leaf]
        else:
            node[leaf] = value
    return params


def repo_text_with(prefix: str, replace) -> tuple[str, int]:
    """params.yaml's text with the one line starting with `prefix` passed through `replace`; and its line number."""
    lines = PARAMS_TEXT.splitlines(keepends=True)
    matches = [i for i, line in enumerate(lines) if line.startswith(prefix)]
    assert len(matches) == 1, f"expected one line starting with {prefix!r} in params.yaml, found {len(matches)}"
    lines[matches[0]] = replace(lines[matches[0]])
    return "".join(lines), matches[0] + 1


def bad(path, value, reason: str, where: str | None = None, id: str | None = None):
    """The repository's params with `path` set to `value`: an error at `where` (default: `path`)."""
    return pytest.param(changed({path: value}), path if where is None else where, reason,
                        id=id or f"{path}={'<deleted>' if value is DELETE else repr(value)}")


def bad_text(id: str, text: str | bytes, where: str | None, reason: str):
    """params.yaml replaced by `text`; `where` None: only the `params.yaml: ` prefix is checked."""
    return pytest.param(text, where, reason, id=id)


TAB_TEXT, TAB_LINE = repo_text_with("  lr: ", lambda line: "\t" + line.lstrip())
COLON_TEXT, COLON_LINE = repo_text_with("  r: ", lambda line: line.rstrip("\n") + ": 17\n")

CASES = [
    # base
    bad("base.model", "", "must not be empty"),
    bad("base.model", 123, "expected str, got 123"),
    bad("base.dtype", "fp16", "'fp16' is not one of ['bfloat16', 'float16', 'float32']"),
    bad("base.seed", -1, "must be >= 0, got -1"),
    bad("base.seed", True, "expected an integer, got True"),
    bad("base.seed", "3", "expected an integer, got '3'"),
    bad("base.trust_remote_code", "yes", "expected bool, got 'yes'"),
    bad("base", "embedded", "expected a mapping, got 'embedded'"),
    # model
    bad("model.max_seq_length", 0, "must be a positive integer, got 0"),
    bad("model.max_seq_length", 512.0, "expected an integer, got 512.0"),
    bad("model.attn_implementation", "flash", "'flash' is not one of"),
    bad("model.load_in_4bit", 1, "expected bool, got 1"),
    bad("model.max_len", 768, "unknown key (known: max_seq_length, "),
    # lora
    bad("lora.r", 0, "must be a positive integer"),
    bad("lora.alpha", -32, "must be a positive integer"),
    bad("lora.dropout", 1.0, "must be in [0, 1)"),
    bad("lora.dropout", -0.1, "must be in [0, 1)"),
    bad("lora.target_modules", [], "must name at least one module"),
    bad("lora.target_modules", "", "must name at least one module"),
    bad("lora.target_modules", ["q_proj", 3], "expected str, got 3", where="lora.target_modules[1]"),
    bad("lora.top_layers", -1, "must be >= 0"),
    bad("lora.use_dora", "true", "expected bool, got 'true'"),
    # train
    bad("train.lr", 0, "must be between 0 and 1 (exclusive)"),
    bad("train.lr", 1.5, "must be between 0 and 1 (exclusive)"),
    bad("train.lr", "abc", "expected a number, got 'abc'"),
    bad("train.lr", float("inf"), "must be a finite number", id="train.lr=.inf"),
    bad("train.lr", float("nan"), "must be a finite number", id="train.lr=.nan"),
    bad("train.lr", None, "expected a number, got None"),
    bad("train.max_grad_norm", None, "expected a number, got None"),
    bad("train.weight_decay", [0.1], "expected a number, got [0.1]"),
    bad("train.epochs", True, "expected a number, got True"),
    bad("train.epochs", 0, "must be > 0"),
    bad("train.max_steps", 0, "must be -1 (use epochs) or a positive integer, got 0"),
    bad("train.max_steps", -2, "must be -1 (use epochs) or a positive integer"),
    bad("train.max_steps", 1.5, "expected an integer, got 1.5"),
    bad("train.batch_size", True, "expected an integer, got True"),
    bad("train.eval_steps", "25", "expected an integer, got '25'"),
    bad("train.warmup_ratio", 1.0, "must be in [0, 1)"),
    bad("train.scheduler", "cosine_annealing", "'cosine_annealing' is not one of ['linear', 'cosine', "),
    bad("train.optim", "adam", "'adam' is not one of ['adamw_torch', "),
    bad("train.backend", "cuda", "'cuda' is not one of ['auto', 'unsloth', 'peft']"),
    bad("train.loss_type", "mse", "'mse' is not one of ['nll', 'chunked_nll']"),
    bad("train.learning_rate", 1e-3, "unknown key (known: backend, epochs, "),
    # format
    bad("format.split.train", 0, "must be > 0 (train needs examples)"),
    bad("format.split.val", -0.1, "must be > 0 (train and merge need a val split)"),
    bad("format.split.test", None, "expected a number, got None"),
    bad("format.split", {"train": 0.9, "val": 0.2, "test": 0.1}, "ratios must sum to 1, got 0.9 + 0.2 + 0.1",
        id="format.split-sum-1.2"),
    bad("format.split", {"train": 0.5, "val": 0.1}, "ratios must sum to 1, got 0.5 + 0.1 + 0.1",
        id="format.split-sum-with-default-test"),
    bad("format.split.valid", 0.1, "unknown key (known: train, val, test)"),
    bad("format.split", "0.8/0.1/0.1", "expected a mapping, got '0.8/0.1/0.1'"),
    bad("format.on_error", "ignore", "'ignore' is not one of ['fail', 'quarantine']"),
    # merge
    bad("merge.dtype", "float32", "'float32' is not one of ['float16', 'bfloat16']"),
    bad("merge.samples", 0, "must be a positive integer"),
    bad("merge.max_abs_logit_diff", -1.0, "must be >= 0"),
    bad("merge.min_top1_agreement", 1.5, "must be between 0 and 1, got 1.5"),
    # eval
    bad("eval.batch_size", 0, "must be a positive integer, got 0"),
    bad("eval.max_new_tokens", -5, "must be a positive integer"),
    bad("eval", None, "expected a mapping, got None"),
    # gguf
    bad("gguf.outtypes", ["q8_0", "q4_k_m"], "must list f16 (the reference export) and each type once"),
    bad("gguf.outtypes", ["f16", "q8_0", "f16"], "must list f16 (the reference export) and each type once"),
    bad("gguf.outtypes[1]", "q9_0", "'q9_0' is not one of ['f16', 'q8_0', "),
    bad("gguf.outtypes[1]", "Q8_0", "'Q8_0' is not one of"),
    bad("gguf.outtypes", "f16", "expected a list, got 'f16'"),
    bad("gguf.adapter", "no", "expected bool, got 'no'"),
    bad("gguf.min_f16_agreement", 1.1, "must be between 0 and 1"),
    # gates
    bad("gates.json_validity", 90, "must be between 0 and 1, got 90"),
    bad("gates.schema_compliance", True, "expected a number, got True"),
    bad("gates.beats_base", None, "expected bool, got None"),
    bad("gates.bleu", 0.5, "unknown key (known: json_validity, schema_compliance, beats_base, flag_golden_gap)"),
    # domains
    bad("domains", DELETE, "expected a mapping of domain name -> overrides, got None"),
    bad("domains", {}, "expected a mapping of domain name -> overrides, got {}"),
    bad("domains", ["contracts", "legal"], "expected a mapping of domain name -> overrides"),
    bad(("domains", "my domain"), {}, "a domain name is letters, digits, '-' and '_'", where="domains.my domain",
        id="domains-name-with-space"),
    bad(("domains", "tax.v2"), {}, "a domain name is letters, digits, '-' and '_'", where="domains.tax.v2",
        id="domains-name-with-dot"),
    bad(("domains", 42), {}, "a domain name is letters", where="domains.42", id="domains-name-int"),
    bad("domains.legal", "model", "expected a mapping of section overrides ({} for none), got 'model'"),
    bad("domains.legal.model.max_len", 768, "unknown key (known: max_seq_length, "),
    bad("domains.legal.train.lr", 2, "must be between 0 and 1 (exclusive), got 2"),
    bad("domains.legal.tokenizer", {}, "unknown key (known: base, model, "),
    bad("domains.legal.profile", "tiny", "only sections can be overridden per domain"),
    bad("domains.legal.domains", {"tax": {}}, "only sections can be overridden per domain"),
    bad("domains.legal.format.split.train", 0.9, "ratios must sum to 1, got 0.9 + 0.1 + 0.1",
        where="domains.legal.format.split"),
    bad("domains.contracts.gguf.outtypes", ["q8_0"], "must list f16"),
    # Two changes: each part valid alone, broken once legal's override is merged over the shared split. The
    # docstring of config.load promises every domain is validated whichever domain is asked for.
    pytest.param(changed({"format.split": {"train": 0.7, "val": 0.2, "test": 0.1},
                          "domains.legal.format.split": {"val": 0.1, "test": 0.1}}),
                 "domains.legal.format.split", "ratios must sum to 1", id="domains.legal-split-sum-after-merge"),
    # profile / profiles
    bad("profile", "huge", "'huge' is not one of ['full', 'tiny']"),
    bad("profile", None, "None is not one of ['full', 'tiny']"),
    bad("profile", 1, "1 is not one of"),
    bad("profiles.full", {"train": {"lr": 0.1}}, "'full' is the params as written and takes no overlay"),
    bad("profiles", ["tiny"], "expected a mapping of profile name -> section overrides"),
    bad("profiles.tiny", "small", "expected a mapping of section overrides, got 'small'"),
    bad("profiles.tiny.train.lr", 5, "must be between 0 and 1 (exclusive), got 5"),
    bad("profiles.tiny.train.lr", "fast", "expected a number, got 'fast'"),
    bad("profiles.tiny.gguf.outtypes[1]", "q4", "'q4' is not one of"),
    bad("profiles.tiny.format.split.train", 0.9, "ratios must sum to 1", where="profiles.tiny.format.split"),
    bad("profiles.tiny.domains", {"tax": {}}, "a profile cannot set domains"),
    bad("profiles.tiny.profile", "full", "a profile cannot set profile"),
    bad("profiles.tiny.tokenizer", {}, "unknown key (known: base, model, "),
    # top level and the file itself
    bad("tokenizer", {"name": "x"}, "unknown key (known: base, model, format, lora, train, "),
    bad("trian", {"lr": 1e-3}, "unknown key (known: "),
    bad_text("file-is-a-list", "- base\n- train\n", "params", "expected a mapping of sections, got ['base', 'train']"),
    bad_text("file-is-a-scalar", "42\n", "params", "expected a mapping of sections, got 42"),
    bad_text("file-is-empty", "", "domains", "expected a mapping of domain name -> overrides, got None"),
    bad_text("yaml-tab-indent", TAB_TEXT, f"line {TAB_LINE}", "invalid YAML: found character '\\t'"),
    bad_text("yaml-mapping-in-value", COLON_TEXT, f"line {COLON_LINE}", "invalid YAML: mapping values are not allowed"),
    bad_text("yaml-unclosed-quote", 'base:\n  model: "embedded\n', "line 3", "invalid YAML: found unexpected end"),
    bad_text("yaml-python-tag", "base: !!python/name:os.system\n", "line 1",
             "invalid YAML: could not determine a constructor"),
    # not YAML at all: one line still (no line number promised here, only the file name and no traceback)
    bad_text("yaml-control-character", PARAMS_TEXT.replace("model: embedded", "model: emb\x07edded"), None,
             "invalid YAML: unacceptable character"),
    bad_text("not-utf8", PARAMS_TEXT.encode().replace(b"model: embedded", b"model: \xff\xfeembedded"), None,
             "utf-8"),
]


def write(tmp_path: Path, params) -> Path:
    path = tmp_path / "params.yaml"
    if isinstance(params, bytes):
        path.write_bytes(params)
    elif isinstance(params, str):
        path.write_text(params, encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(params, sort_keys=False), encoding="utf-8")
    return path


def _must_not_train(domain, params, paths):
    raise AssertionError(f"config.load accepted the malformed params.yaml and train@{domain} started")


def check_one_error_line(stderr: str, where: str | None, reason: str) -> None:
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}:\n{stderr}"
    prefix = "domaintune: error: params.yaml: " + ("" if where is None else f"{where}: ")
    assert lines[0].startswith(prefix), f"expected {prefix!r}..., got {lines[0]!r}"
    assert reason.casefold() in lines[0].casefold(), f"expected {reason!r} in {lines[0]!r}"


def test_there_are_enough_cases():
    assert len(CASES) >= 35


@pytest.mark.parametrize("params, where, reason", CASES)
def test_malformed_params_exit_2_naming_the_key(params, where, reason, tmp_path, monkeypatch, capsys):
    write(tmp_path, params)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(train_stage, "train", _must_not_train)
    try:
        code = cli.run(["train", "contracts"])
    except Exception as exc:  # noqa: BLE001 - the CLI would print a traceback; say what was raised
        pytest.fail(f"cli.run raised {type(exc).__name__}: {exc}")
    out, err = capsys.readouterr()
    assert "Traceback" not in out
    check_one_error_line(err, where, reason)
    assert code == 2


@pytest.mark.parametrize(
    "changes, attribute, expected",
    [
        pytest.param({}, "train.lr", PARAMS["train"]["lr"], id="unmodified"),
        pytest.param({"train.lr": "2e-4"}, "train.lr", 2e-4, id="train.lr-numeric-string"),
        pytest.param({"train.epochs": 2}, "train.epochs", 2.0, id="train.epochs-int-for-float"),
        pytest.param({"train.max_steps": -1}, "train.max_steps", -1, id="train.max_steps=-1"),
        pytest.param({"train.max_steps": 1}, "train.max_steps", 1, id="train.max_steps=1"),
        pytest.param({"lora.top_layers": 0}, "lora.top_layers", 0, id="lora.top_layers=0"),
        pytest.param({"lora.dropout": 0.0}, "lora.dropout", 0.0, id="lora.dropout=0"),
        pytest.param({"lora.target_modules": ["q_proj", "v_proj"]}, "lora.target_modules", ("q_proj", "v_proj"),
                     id="lora.target_modules-list"),
        pytest.param({"gguf.outtypes": ["f16"]}, "gguf.outtypes", ("f16",), id="gguf.outtypes=[f16]"),
        pytest.param({"format.split": {"train": 0.7, "val": 0.2, "test": 0.1}}, "format.split.val", 0.2,
                     id="format.split-float-sum"),
        pytest.param({"domains.contracts": None}, "model.max_seq_length", PARAMS["model"]["max_seq_length"],
                     id="domains.contracts=null"),
        pytest.param({"domains.contracts": {"train": {"lr": 5e-4}}}, "train.lr", 5e-4, id="domain-override"),
        pytest.param({"profile": "tiny"}, "base.model", "tiny", id="profile=tiny"),
    ],
)
def test_valid_edge_values_load(changes, attribute, expected, tmp_path):
    params = config.load("contracts", write(tmp_path, changed(changes)))
    value = params
    for name in attribute.split("."):
        value = getattr(value, name)
    assert value == expected


@pytest.mark.parametrize(
    "params, where, reason",
    [
        pytest.param(changed({"train.lr": "abc"}), "train.lr", "expected a number, got 'abc'", id="train.lr=abc"),
        pytest.param(changed({"domains": {}}), "domains", "expected a mapping of domain name", id="domains={}"),
        pytest.param(TAB_TEXT, f"line {TAB_LINE}", "invalid YAML", id="yaml-tab-indent"),
    ],
)
def test_console_script_exits_2_with_one_line(params, where, reason, tmp_path):
    write(tmp_path, params)
    exe = Path(sys.executable).parent / "domaintune"
    proc = subprocess.run([str(exe), "train", "contracts"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, check=False)
    assert "Traceback" not in proc.stdout
    check_one_error_line(proc.stderr, where, reason)
    assert proc.returncode == 2
