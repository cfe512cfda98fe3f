"""Pipeline wall time: per-stage seconds of the last `make repro` (timed by bench/stage_times.py from dvc's own
output), whether that repro ran every stage (else it names the cached ones), and a no-op `dvc repro` /
`dvc status` measured now.

    .venv/bin/python bench/pipeline.py

Prints a table, last line the headline; writes bench/results/pipeline.json.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DVC = str(Path(sys.executable).parent / "dvc")


def timed(cmd: list[str], repeats: int = 3) -> float:
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        runs.append(time.perf_counter() - start)
    return round(statistics.median(runs), 2)


def main() -> None:
    repro_file = ROOT / "bench" / "results" / "repro_stages.json"
    repro = json.loads(repro_file.read_text()) if repro_file.is_file() else {"stages": {}, "total_seconds": None}
    # A repro is clean only if it ran every stage of the pipeline (a cached stage is not timed).
    listed = subprocess.run([DVC, "stage", "list", "--name-only"], cwd=ROOT, check=True, capture_output=True, text=True)
    missing = [s for s in listed.stdout.split() if s not in repro["stages"]]
    result = {"repro": repro, "ran_every_stage": bool(repro["stages"]) and not missing, "stages_not_run": missing,
              "noop_repro_seconds": timed([DVC, "repro"]), "status_seconds": timed([DVC, "status"])}
    by_kind: dict[str, float] = {}
    for stage, seconds in repro["stages"].items():
        by_kind[stage.split("@")[0]] = round(by_kind.get(stage.split("@")[0], 0) + seconds, 1)
    result["by_stage_kind"] = by_kind
    out = ROOT / "bench" / "results" / "pipeline.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")

    if repro["stages"]:
        print(f"{'stage':<26}{'seconds':>9}")
        for stage, seconds in repro["stages"].items():
            print(f"{stage:<26}{seconds:>9}")
        print(f"{'total':<26}{repro['total_seconds']:>9}")
        print("by kind: " + ", ".join(f"{k} {v / 60:.1f} min" for k, v in by_kind.items()))
    else:
        print(f"no {repro_file.relative_to(ROOT)}: run `make repro` on a clean checkout to time the stages")
    print(f"no-op dvc repro {result['noop_repro_seconds']} s, dvc status {result['status_seconds']} s")
    if missing:
        print(f"not a clean repro: {len(missing)} stage(s) did not run (cached): {', '.join(missing)}")
    total = repro["total_seconds"]
    label = "clean dvc repro (every stage ran)" if result["ran_every_stage"] else "partial dvc repro"
    print(f"{label}: {total / 60:.1f} min; no-op: {result['noop_repro_seconds']} s" if total else
          f"no-op dvc repro: {result['noop_repro_seconds']} s")


if __name__ == "__main__":
    main()
