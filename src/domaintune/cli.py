"""`domaintune <command> [DOMAIN]`: one subcommand per DVC stage (same names as in dvc.yaml), plus tools.

    domaintune base
    domaintune format contracts          (likewise train, merge, eval, compare)
    domaintune report
    domaintune predict contracts --input in.jsonl --output out.jsonl [--model PATH] [--constrained]
    domaintune gate
    domaintune sweep-table [--metric val_loss] [--wait]
    domaintune report-pr --base main > report.md
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from domaintune.config import ConfigError
from domaintune.errors import StageError

DOMAIN_STAGES = {
    "format": "validate, normalise, de-duplicate and split data/raw/DOMAIN",
    "train": "LoRA/QLoRA fine-tune the base model on data/processed/DOMAIN",
    "merge": "merge the adapter into a 16-bit copy of the base and verify it",
    "eval": "score the merged model on the test split",
    "compare": "run the golden tests on the base and the fine-tuned model",
    "gguf-export": "export GGUF (f16 + quantised + LoRA) and an Ollama Modelfile, verified in llama.cpp",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="domaintune", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("base", help="materialise the base model into models/base (safetensors + tokenizer)")
    for name, help_text in DOMAIN_STAGES.items():
        sub.add_parser(name, help=help_text).add_argument("domain")
    sub.add_parser("gguf-base", help="convert models/base to models/base-gguf/base-f16.gguf")
    sub.add_parser("report", help="summarise every domain into metrics/summary.{json,md}")
    sub.add_parser("gate", help="exit 1 naming each domain and metric below its quality gate")
    sub.add_parser("readme", help="copy metrics/summary.md into README.md")
    table = sub.add_parser("sweep-table", help="compare dvc experiments and name the best config per domain")
    table.add_argument("--metric", default="val_loss", help="column to rank by (default: val_loss)")
    table.add_argument("--wait", action="store_true", help="first wait for `dvc queue` to finish")
    table.add_argument("--input", help="`dvc exp show --json` output (file or -) instead of running it")
    table.add_argument("--all-commits", action="store_true", help="experiments of every commit, not only HEAD")
    pr = sub.add_parser("report-pr", help="pull-request report (markdown on stdout, plots as image files)")
    pr.add_argument("--base", required=True, help="git revision (or experiment) to compare the workspace with")
    pr.add_argument("--images", default="report", help="directory for the rendered plots (default: report)")
    pr.add_argument("--format", choices=("png", "svg"), default="png")
    pr.add_argument("--all-plots", action="store_true", help="also every per-file curve, not only dvc.yaml's plots")
    predict = sub.add_parser("predict", help="batch inference on a JSONL file")
    predict.add_argument("domain")
    predict.add_argument("--input", required=True)
    predict.add_argument("--output", required=True)
    predict.add_argument("--model", help="model directory: merged (default), models/base, an adapter directory, "
                                         "or a .gguf file (llama.cpp engine)")
    predict.add_argument("--constrained", action="store_true", help="decode under the schema's grammar (.gguf only)")
    return parser


def dispatch(args: argparse.Namespace) -> None:
    if args.command in DOMAIN_STAGES:
        importlib.import_module(f"domaintune.stages.{args.command.replace('-', '_')}").main(args.domain)
    elif args.command in ("base", "gguf-base", "report"):
        importlib.import_module(f"domaintune.stages.{args.command.replace('-', '_')}").main()
    elif args.command == "sweep-table":
        from domaintune import sweep

        sweep.main(args.metric, args.input, args.wait, args.all_commits)
    elif args.command == "report-pr":
        from domaintune import report_pr

        report_pr.main(args.base, Path(args.images), args.format, args.all_plots)
    elif args.command == "predict":
        from domaintune import predict

        predict.main(args.domain, args.input, args.output, args.model, args.constrained)
    else:
        from domaintune.stages import report

        report.gate() if args.command == "gate" else report.update_readme()


def run(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        dispatch(args)
    except StageError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        print(f"domaintune: error: {exc.summary}", file=sys.stderr)
        return 1
    except (ConfigError, FileNotFoundError) as exc:
        print(f"domaintune: error: {exc}", file=sys.stderr)
        return 2
    return 0


def main() -> None:
    sys.exit(run())
