"""The benchmarks keep working: they run end to end and check their own results.

What they measure is read from docs/benchmarks.md, never asserted here: timings belong to the
machine, not to the behaviour.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_respondent_journey_benchmark_completes_every_respondent_and_reports_each_request(
    tmp_path,
):
    ran = subprocess.run(
        [sys.executable, "-m", "bench.respondent_journey", "--respondents", "2"],
        cwd=ROOT,
        env={**os.environ, "CANDOUR_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith("Respondents: 2 completed the demo survey")
    rows = [line.split("|")[1:-1] for line in ran.stdout.splitlines() if line.startswith("| ")]
    counts = {cells[0].strip(): int(cells[1]) for cells in rows[1:]}
    assert counts.keys() == {
        "start page", "begin", "page view", "page save", "check page", "submit",
    }  # fmt: skip
    assert counts["submit"] == 2
    assert counts["page save"] == counts["page view"] >= 2 * 6
