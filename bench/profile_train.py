"""Where a train step's time goes: torch profiler over a few optimizer steps of the real train stage.

    .venv/bin/python bench/profile_train.py --domain contracts --steps 8

Prints the top operators by self CPU time (the table the Performance section summarises) and their share of
the total; writes bench/results/profile_train.json. Runs the train stage exactly as `bench/train.py` does
(params.yaml, max_steps overridden, a temp root), so model loading is included but small next to the steps.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from train import run_ours  # noqa: E402  (bench/train.py: our train stage in a temp root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--domain", default="contracts")
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--rows", type=int, default=25)
    args = parser.parse_args()

    from torch.profiler import ProfilerActivity, profile

    with profile(activities=[ProfilerActivity.CPU]) as prof:
        result = run_ours(args.domain, args.steps)
    averages = prof.key_averages()
    total = sum(e.self_cpu_time_total for e in averages)
    top = sorted(averages, key=lambda e: e.self_cpu_time_total, reverse=True)[: args.rows]
    rows = [{"op": e.key, "calls": e.count, "self_s": round(e.self_cpu_time_total / 1e6, 2),
             "share": round(e.self_cpu_time_total / total, 3)} for e in top]
    print(f"{'operator':<48} {'calls':>8} {'self s':>8} {'share':>6}")
    for r in rows:
        print(f"{r['op'][:48]:<48} {r['calls']:>8} {r['self_s']:>8} {r['share']:>6.1%}")
    matmul = sum(e.self_cpu_time_total for e in averages if e.key in {"aten::mm", "aten::addmm", "aten::bmm"})
    out = ROOT / "bench" / "results" / "profile_train.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"domain": args.domain, "steps": args.steps, **result, "top": rows,
                               "matmul_share": round(matmul / total, 3)}, indent=2) + "\n")
    print(f"matmul (mm/addmm/bmm) share of profiled CPU time: {matmul / total:.1%} "
          f"({result['tokens']} tokens in {result['seconds']} s)")


if __name__ == "__main__":
    main()
