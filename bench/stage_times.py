"""Time each stage of a `dvc repro` from its own output: pipe the run through this script.

    PYTHONUNBUFFERED=1 .venv/bin/dvc repro 2>&1 | .venv/bin/python bench/stage_times.py bench/results/repro_stages.json

Echoes every line; a stage's time runs from its "Running stage" line to the next one (or the end).
Writes {"stages": {name: seconds}, "total_seconds": ...}; bench/pipeline.py prints it.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

RUNNING = re.compile(r"Running stage '([^']+)'")


def main() -> None:
    out = Path(sys.argv[1])
    start = last = time.perf_counter()
    stages: dict[str, float] = {}
    current = None
    for line in sys.stdin:
        sys.stdout.write(line)
        sys.stdout.flush()
        match = RUNNING.search(line)
        if match:
            now = time.perf_counter()
            if current:
                stages[current] = round(now - last, 1)
            current, last = match.group(1), now
    end = time.perf_counter()
    if current:
        stages[current] = round(end - last, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"stages": stages, "total_seconds": round(end - start, 1)}, indent=2) + "\n")


if __name__ == "__main__":
    main()
