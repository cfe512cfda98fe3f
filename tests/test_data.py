"""The shipped data: reproducible from the seeded generator, enough of it, and valid under the contract."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from domaintune.records import read_dir
from domaintune.validate import Schema

REPO = Path(__file__).resolve().parents[1]
EXPECTED_KIND = {"contracts": "chat", "medical": "alpaca", "financial": "input_target", "legal": "chat"}


def test_committed_data_is_what_the_generator_writes():
    proc = subprocess.run([sys.executable, "data/generate.py", "--check"], cwd=REPO, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("domain", sorted(EXPECTED_KIND))
def test_domain_data_is_valid_varied_and_large_enough(domain):
    schema = Schema.load(REPO / f"data/schemas/{domain}.schema.json")
    records, problems = read_dir(REPO / f"data/raw/{domain}", "SYSTEM", schema)
    assert problems == []
    assert len(records) >= 400
    assert {r.kind for r in records} == {EXPECTED_KIND[domain]}
    users = [r.prompt[-1]["content"] for r in records]
    assert len(set(users)) == len(users)
    # Varied wording: no opening 4-word phrase is shared by more than a tenth of the inputs.
    openings = Counter(" ".join(u.split()[:4]) for u in users)
    assert openings.most_common(1)[0][1] <= len(users) // 10, openings.most_common(3)
