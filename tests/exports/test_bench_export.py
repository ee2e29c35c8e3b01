"""The export benchmark keeps working: it runs end to end on a tiny size and checks itself.

What it measures belongs in docs/benchmarks.md, never in an assertion here.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_export_benchmark_seeds_exports_each_format_and_reports_a_table(tmp_path):
    ran = subprocess.run(
        [
            *(sys.executable, "-m", "bench.export_scale"),
            *("--sizes", "70", "--formats", "csv,sav", "--repeat", "2"),
        ],
        cwd=ROOT,
        env={**os.environ, "CANDOUR_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert ran.returncode == 0, ran.stderr
    rows = [line.split("|")[1:-1] for line in ran.stdout.splitlines() if line.startswith("| ")]
    measured = [(cells[0].strip(), cells[1].strip()) for cells in rows[1:]]
    assert measured == [("70", "csv"), ("70", "sav")]
    assert "Seeding 5 responses (to 70)" in ran.stdout
    assert "ran 2 times; the run with the median time" in ran.stdout
