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


def test_the_gunicorn_benchmark_runs_every_scenario_and_checks_what_each_session_left(tmp_path):
    ran = subprocess.run(
        [
            sys.executable, "-m", "bench.serving", "--respondents", "2", "--concurrency", "2",
            "--warmup", "1", "--in-process", "1",
        ],
        cwd=ROOT,
        env={**os.environ, "CANDOUR_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip

    assert ran.returncode == 0, ran.stderr
    rows = [line.split("|")[1:-1] for line in ran.stdout.splitlines() if line.startswith("| ")]
    completed = {
        cells[0].strip(): cells[1].strip() for cells in rows if "Completed" not in cells[1]
    }
    assert completed["ceiling: bare Django view, one JSON row per POST"] == "20 submissions"
    assert completed["page GET + POST pairs, 60 questions as 6 pages of 10"] == "12 page pairs"
    assert completed["respondents, 60 questions as 6 pages of 10"] == "2 respondents"
    demo = [name for name in completed if name.startswith("respondents, demo survey (")]
    assert [completed[name] for name in demo] == ["2 respondents"]
    requests = {(cells[0].strip(), cells[1].strip()): cells for cells in rows if len(cells) == 8}
    assert int(requests[("sixty", "page POST")][2]) == 2 * 6
    assert int(requests[("sixty", "submit")][2]) == 2
    assert "- each of the 3 respondents of bench-sixty left exactly one complete response" in (
        ran.stdout
    )
    assert "- each of the 3 respondents of complex-safeguarding left exactly one complete" in (
        ran.stdout
    )
    assert "- the ceiling view stored exactly one row for each of its 21 posts" in ran.stdout
    api = "API submissions, one whole response of the 60 questions each"
    assert completed[api] == "2 submissions"
    assert "- each of the 3 API submissions left exactly one complete response holding" in (
        ran.stdout
    )
    assert "### In process (Django's test client" in ran.stdout
