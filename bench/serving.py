"""What respondents get: Candour under gunicorn, driven over HTTP, beside a bare Django view.

    .venv/bin/python -m bench.serving --respondents 200 --concurrency 8

In one run, against one gunicorn started with Candour's production settings (config/gunicorn.py,
DEBUG off) on a database of its own (created, migrated and dropped by the run), it measures each
scenario (bench.scenarios) in turn at a fixed concurrency, after a warm-up of each:

- the ceiling: a bare Django view that stores one JSON row per POST (bench.ceiling);
- page GET + POST pairs on the like-for-like instrument (60 questions as 6 pages of 10);
- whole respondents on that instrument, and on the demo survey.

It prints respondents (or submissions, or pairs) per second, each kind of request's p50, p95 and
p99 as the client saw it, the gunicorn workers' CPU per request (/proc), SQL statements per
request (counted in the server), and the ratio to the ceiling; then it checks in the database
that every session left what it should. Last comes the in-process figure (Django's test client,
no gunicorn, bench.respondent_journey) as a second, labelled table.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REQUEST_ORDER = (
    "ceiling POST", "start page", "begin", "page GET", "page POST", "check page", "submit",
    "complete page", "API POST",
)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    options = _arguments(argv)
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"  # production settings + the ceiling
    from bench.respondent_journey import database_of_its_own

    with database_of_its_own() as scratch:
        from django.db import connection

        print(measure(options, scratch, vendor=connection.vendor), flush=True)
        if options.in_process:
            print(in_process(options.in_process, vendor=connection.vendor))
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    from bench.scenarios import SCENARIOS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=200, help="per respondent scenario")
    parser.add_argument("--concurrency", type=int, default=8, help="sessions at a time")
    parser.add_argument(
        "--warmup", type=int, default=None, help="untimed sessions first (default: concurrency)"
    )
    parser.add_argument(
        "--workers", type=int, help="gunicorn workers (default: config/gunicorn.py)"
    )
    parser.add_argument(
        "--threads", type=int, help="threads per worker (default: config/gunicorn.py)"
    )
    parser.add_argument(
        "--worker-class", help="gunicorn worker class (default: config/gunicorn.py)"
    )
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="which, in order")
    parser.add_argument(
        "--in-process", type=int, default=50, help="test-client respondents (0: none)"
    )
    return parser.parse_args(argv)


def sessions_for(name: str, respondents: int) -> int:
    """How many sessions each scenario runs, for `--respondents`."""
    return {"ceiling": 10 * respondents, "pairs": max(1, respondents // 4)}.get(name, respondents)


def measure(options: argparse.Namespace, scratch: Path, *, vendor: str) -> str:
    from django.db import connection

    from bench.load import drive, load_average
    from bench.scenarios import SCENARIOS
    from bench.server import Server, ServerShape, database_url
    from responses import ratelimit

    ratelimit.forget_all()
    names = [name.strip() for name in options.scenarios.split(",") if name.strip()]
    scenarios = {name: SCENARIOS[name]() for name in names}
    for scenario in scenarios.values():
        scenario.prepare()
    connection.close()  # the server's workers, not this process, use the database now
    shape = ServerShape(options.workers, options.threads, options.worker_class)
    warmup = options.concurrency if options.warmup is None else options.warmup
    server = Server(
        database=database_url(connection.settings_dict),
        shape=shape,
        log_path=scratch / "gunicorn.log",
    )
    results, checked, load_before = {}, [], load_average()
    try:
        workers_seen = len(server.worker_pids())
        for name, scenario in scenarios.items():
            warm = (
                drive(scenario, server, sessions=warmup, concurrency=options.concurrency)
                if warmup
                else None
            )
            results[name] = drive(
                scenario, server, sessions=sessions_for(name, options.respondents),
                concurrency=options.concurrency, first=warmup,
            )  # fmt: skip
            checked.append(scenario.verify((warm.plans if warm else []) + results[name].plans))
    finally:
        log = server.stop()
    if "Traceback" in log:
        raise RuntimeError(f"the server logged an error:\n{log}")
    return report(
        results,
        checked,
        options,
        vendor=vendor,
        workers=workers_seen,
        load=(load_before, load_average()),
    )


def report(results, checked, options, *, vendor: str, workers: int, load: tuple[str, str]) -> str:
    from bench.load import percentile

    ceiling = results.get("ceiling")
    lines = [
        "### Under gunicorn",
        "",
        f"gunicorn: {_describe_shape(options)} ({workers} worker processes seen); {vendor}; "
        f"concurrency {options.concurrency}; "
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
        f"load average before {load[0]}, after {load[1]}.",
        "",
        "| Scenario | Completed | Seconds | Per second | Worker CPU ms per request "
        "| Client CPU s | × ceiling |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for measured in results.values():
        ratio = f"{measured.rate / ceiling.rate:.2f}" if ceiling and measured is not ceiling else ""
        lines.append(
            f"| {measured.scenario.name} | {measured.units} {measured.scenario.unit} | "
            f"{measured.seconds:.1f} | {measured.rate:.1f} | {measured.cpu_ms_per_request:.1f} | "
            f"{measured.client_cpu:.1f} | {ratio} |"
        )
    lines += [
        "",
        "| Scenario | Request | Count | p50 ms | p95 ms | p99 ms | SQL median | SQL max |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, measured in results.items():
        recorder = measured.recorder
        for kind in REQUEST_ORDER:
            times = recorder.milliseconds.get(kind)
            if not times:
                continue
            queries = recorder.queries[kind]
            lines.append(
                f"| {name} | {kind} | {len(times)} | {statistics.median(times):.1f} | "
                f"{percentile(times, 95):.1f} | {percentile(times, 99):.1f} | "
                f"{statistics.median(queries):.0f} | {max(queries)} |"
            )
    lines += ["", "Checked afterwards in the database:", *(f"- {line}" for line in checked)]
    return "\n".join(lines)


def _describe_shape(options) -> str:
    import config.gunicorn as configured

    workers = options.workers or configured.workers
    threads = options.threads or configured.threads
    worker_class = options.worker_class or configured.worker_class
    if worker_class == "sync" and threads > 1:
        worker_class = "gthread"
    return f"{workers} workers × {threads} threads ({worker_class})"


def in_process(respondents: int, *, vendor: str) -> str:
    from bench.respondent_journey import report as journey_report
    from bench.respondent_journey import run as journey_run

    timings, seconds = journey_run(respondents=respondents, seed=3)
    return "\n".join(
        [
            "",
            "### In process (Django's test client, no gunicorn, one request at a time)",
            "",
            journey_report(timings, seconds, respondents=respondents, vendor=vendor),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
