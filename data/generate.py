"""Regenerate data/raw/<domain>/<domain>.jsonl from the seeded generators in data/generators/.

    python data/generate.py          # rewrite all four domains
    python data/generate.py --check  # exit 1 if the committed files differ from a fresh run

Each domain is written in a different record format on purpose, so the pipeline's format detection is
exercised on real data: contracts as `messages` (with the system prompt), medical as alpaca, financial
as input/target, legal as `conversations` (no system message: the domain prompt is added by format).
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES_PER_DOMAIN = 500
FORMATS = {"contracts": "messages", "medical": "alpaca", "financial": "input_target", "legal": "conversations"}


def to_record(kind: str, text: str, answer: dict, system_prompt: str) -> dict:
    answer_json = json.dumps(answer, ensure_ascii=False)
    if kind == "messages":
        return {"messages": [{"role": "system", "content": system_prompt}, {"role": "user", "content": text},
                             {"role": "assistant", "content": answer_json}]}
    if kind == "alpaca":
        return {"instruction": text, "input": "", "output": answer_json}
    if kind == "input_target":
        return {"input": text, "target": answer}
    return {"conversations": [{"role": "user", "content": text}, {"role": "assistant", "content": answer_json}]}


def render(domain: str) -> str:
    sys.path.insert(0, str(HERE))
    generator = importlib.import_module(f"generators.{domain}")
    rng = random.Random(zlib.crc32(domain.encode()))  # a seed per domain, stable across Python versions
    system_prompt = (HERE / "prompts" / f"{domain}.txt").read_text(encoding="utf-8").strip()
    examples = generator.generate(rng, EXAMPLES_PER_DOMAIN)
    return "".join(json.dumps(to_record(FORMATS[domain], ex["input"], ex["output"], system_prompt), ensure_ascii=False) + "\n"
                   for ex in examples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    parser.add_argument("domains", nargs="*", default=list(FORMATS))
    args = parser.parse_args()
    stale = []
    for domain in args.domains:
        path = HERE / "raw" / domain / f"{domain}.jsonl"
        text = render(domain)
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"{path.relative_to(HERE.parent)}: {text.count(chr(10))} records ({FORMATS[domain]})")
    for path in stale:
        print(f"{path}: differs from `python data/generate.py`", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
