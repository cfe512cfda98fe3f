"""`domaintune <stage> [DOMAIN]`: one subcommand per DVC stage, same names as in dvc.yaml.

    domaintune base
    domaintune format contracts
"""

from __future__ import annotations

import argparse
import sys

from domaintune.config import ConfigError
from domaintune.errors import StageError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="domaintune", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("base", help="materialise the base model into models/base (safetensors + tokenizer)")
    fmt = sub.add_parser("format", help="validate, normalise, de-duplicate and split data/raw/DOMAIN")
    fmt.add_argument("domain")
    return parser


def run(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "base":
            from domaintune.stages import base

            base.main()
        elif args.command == "format":
            from domaintune.stages import format as format_stage

            format_stage.main(args.domain)
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
