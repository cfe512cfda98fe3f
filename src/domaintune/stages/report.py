"""report: one summary of every domain, with the quality gates.

    domaintune report          # the dvc stage: metrics/summary.{json,md} and metrics/compare_plot.json
    domaintune gate            # exit 1 naming each domain and metric that fails a gate
    domaintune readme          # copy metrics/summary.md into README.md between its summary markers

Gates (params.yaml `gates`) apply to the test-split eval: json_validity and schema_compliance minimums,
and beats_base: the fine-tuned model's golden-test field accuracy must exceed the strongest baseline's
(compare@<d>: the base model plain, few-shot and grammar-constrained). Not a gate: a domain whose golden field
accuracy is more than gates.flag_golden_gap below its test split's is flagged under the table.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from domaintune import atomic, config
from domaintune.config import GateParams
from domaintune.errors import StageError

SUMMARY_JSON, SUMMARY_MD = Path("metrics/summary.json"), Path("metrics/summary.md")
COMPARE_PLOT = Path("metrics/compare_plot.json")  # dvc.yaml's base-vs-fine-tuned bar charts read it
GOLDEN_METRICS = ("json_validity", "schema_compliance", "field_accuracy")
SIDES = ("base", "base_few_shot", "base_constrained", "finetuned", "finetuned_constrained")  # compare.SIDE_NAMES
README_MARKERS = ("<!-- summary:start -->", "<!-- summary:end -->")


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StageError(f"{path}: missing; run `dvc repro` first") from None


def gate_failures(domain: str, evaluation: dict, comparison: dict, gates: GateParams) -> list[str]:
    failures = []
    for metric in ("json_validity", "schema_compliance"):
        minimum = getattr(gates, metric)
        if evaluation[metric] < minimum:
            failures.append(f"{domain}: {metric} {evaluation[metric]:.3f} < {minimum:.2f}")
    strongest = comparison.get("strongest_baseline", "base")
    base, tuned = comparison[strongest]["field_accuracy"], comparison["finetuned"]["field_accuracy"]
    if gates.beats_base and not tuned > base:
        failures.append(f"{domain}: field_accuracy on golden tests {tuned:.3f} does not beat the strongest baseline "
                        f"({strongest}) {base:.3f}")
    return failures


def summarise(domains: tuple[str, ...], root: Path = Path(".")) -> dict:
    rows = {}
    for domain in domains:
        gates = config.load(domain, root / config.PARAMS_FILE).gates
        metrics = root / "metrics" / domain
        evaluation, comparison = _read(metrics / "eval.json"), _read(metrics / "compare.json")
        train = _read(metrics / "train.json")
        failures = gate_failures(domain, evaluation, comparison, gates)
        gap = round(evaluation["field_accuracy"] - comparison["finetuned"]["field_accuracy"], 4)
        exported = metrics / "gguf.json"
        export = json.loads(exported.read_text(encoding="utf-8")) if exported.is_file() else {"golden": {}}
        quantised = export["golden"]
        rows[domain] = {
            "test": {k: evaluation[k] for k in ("n", "json_validity", "schema_compliance", "field_accuracy", "exact_match")},
            "val_perplexity": evaluation["val_perplexity"],
            "golden": {side: {k: comparison[side][k] for k in GOLDEN_METRICS} for side in SIDES if side in comparison},
            "strongest_baseline": comparison.get("strongest_baseline", "base"),
            "gguf_golden": {q: {k: m[k] for k in ("json_validity", "schema_compliance", "field_accuracy")}
                            for q, m in quantised.items() if q not in ("hf_merged", "adapter_on_base")},
            # the type the Modelfile ships: the smallest that passed gguf.max_quant_field_drop, else f16
            "gguf_shipped": export.get("modelfile", "").removeprefix(f"{domain}-").removesuffix(".gguf") or None,
            "train": {k: train[k] for k in ("val_loss", "tokens_per_second", "wall_seconds", "backend")},
            "gates": {"passed": not failures, "failures": failures},
            "golden_gap": {"test_minus_golden": gap, "flag_above": gates.flag_golden_gap,
                           "flagged": gap > gates.flag_golden_gap},
        }
    return rows


def markdown(summary: dict) -> str:
    """One row per domain. Golden field accuracy: base plain / few-shot / constrained, then fine-tuned plain /
    constrained and its shipped GGUF; the strongest baseline (what the gate compares with) is in bold."""
    lines = [
        ("| domain | test validity | test schema | test field acc. | golden field acc. base / few-shot / constrained "
         "| fine-tuned / constrained | Modelfile GGUF | golden validity base → fine-tuned | val ppl | gates |"),
        "| --- | ---: | ---: | ---: | :---: | :---: | ---: | :---: | ---: | :---: |",
    ]
    for domain, row in summary.items():
        t, g = row["test"], row["golden"]
        gate = "pass" if row["gates"]["passed"] else "FAIL"
        shipped = row["gguf_golden"].get(row["gguf_shipped"])
        gguf_cell = f"{shipped['field_accuracy']:.3f} ({row['gguf_shipped']})" if shipped else "n/a"

        def cell(side: str, g=g, strongest=row["strongest_baseline"]) -> str:
            if side not in g:
                return "n/a"
            value = f"{g[side]['field_accuracy']:.3f}"
            return f"**{value}**" if side == strongest else value

        lines.append(
            f"| {domain} | {t['json_validity']:.2f} | {t['schema_compliance']:.2f} | {t['field_accuracy']:.3f} | "
            f"{cell('base')} / {cell('base_few_shot')} / {cell('base_constrained')} | "
            f"{cell('finetuned')} / {cell('finetuned_constrained')} | {gguf_cell} | "
            f"{g['base']['json_validity']:.2f} → {g['finetuned']['json_validity']:.2f} | {row['val_perplexity']:.3f} | {gate} |"
        )
    failures = [f for row in summary.values() for f in row["gates"]["failures"]]
    lines += ["", *(f"- gate failed: {f}" for f in failures)] if failures else []
    flagged = [(d, row) for d, row in summary.items() if row["golden_gap"]["flagged"]]
    lines += [""] if flagged and not failures else []
    lines += [f"- generalisation flag: {d} golden field accuracy {row['golden']['finetuned']['field_accuracy']:.3f} is "
              f"{row['golden_gap']['test_minus_golden']:.3f} below the test split's {row['test']['field_accuracy']:.3f} "
              f"(flagged above gates.flag_golden_gap {row['golden_gap']['flag_above']})" for d, row in flagged]
    return "\n".join(lines) + "\n"


def compare_plot(summary: dict) -> list[dict]:
    """Golden-test metrics as rows for dvc's bar templates: one per domain and model, `label` names the bar."""
    return [
        {"label": f"{domain} {name}", "domain": domain, "model": name,
         **{k: row["golden"][side][k] for k in GOLDEN_METRICS}}
        for domain, row in summary.items() for side in SIDES if side in row["golden"]
        for name in [side.replace("_", " ").replace("finetuned", "fine-tuned")]
    ]


def main() -> dict:
    summary = summarise(config.load().domains)
    atomic.write_json(SUMMARY_JSON, summary)
    atomic.write_json(COMPARE_PLOT, compare_plot(summary))
    atomic.write_text(SUMMARY_MD, markdown(summary))
    print(markdown(summary))
    return summary


def gate(domains: tuple[str, ...] | None = None, root: Path = Path(".")) -> list[str]:
    """Every failing (domain, metric); raises StageError listing them when there is any."""
    summary = summarise(domains or config.load(path=root / config.PARAMS_FILE).domains, root)
    failures = [f for row in summary.values() for f in row["gates"]["failures"]]
    if failures:
        raise StageError(f"{len(failures)} quality gate(s) failed", [f"gate failed: {f}" for f in failures])
    print(f"gates passed for {', '.join(summary)}")
    return failures


def update_readme(readme: Path = Path("README.md"), summary_md: Path = SUMMARY_MD) -> None:
    start, end = README_MARKERS
    text = readme.read_text(encoding="utf-8")
    if start not in text or end not in text:
        raise StageError(f"{readme}: summary markers {start} / {end} not found")
    table = summary_md.read_text(encoding="utf-8")
    new = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: f"{start}\n{table}{end}", text, flags=re.DOTALL)
    if new != text:
        atomic.write_text(readme, new)
