"""How fast, and in how much memory, exports of the demo survey run at 10k, 100k and 1M responses.

For each size the demo survey gets synthetic complete responses (`manage.py seed_responses`,
timed), then PostgreSQL's own `COPY (SELECT answers …) TO STDOUT` of the same rows is timed, as
the ceiling nothing written in Python can beat, and each format is exported by the real pipeline
(`exports.pipeline.package_build`, default options, one format at a time) in a fresh process,
which reports its time, its CPU time (less moved by other processes on a shared machine) and
its peak resident memory (`getrusage`): a process's peak hides any later, smaller one, so every
measurement gets its own. The CPU time includes starting Django in that process. The "Load"
column is the machine's 1-minute load average when each export started: on a shared machine the
times mean little without it. After seeding, the table is analysed (as autovacuum would do).

    .venv/bin/python -m bench.export_scale --sizes 10000,100000,1000000
    .venv/bin/python -m bench.export_scale --sizes 100000 --formats csv,sav --repeat 3

On a shared machine one measurement can be a sixth off either way (COPY alone has taken 2.7 and
3.6 s for the same rows minutes apart): `--repeat N` times COPY and each export N times and
reports the run with the median time.

It uses the database `DATABASE_URL` configures (SQLite when unset, where there is no COPY), in a
throwaway database of its own, and prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASE_VARIABLE = "CANDOUR_BENCH_DATABASE"
DEFAULT_FORMATS = "csv,sav,jsonl,xlsx"


def main(argv: list[str] | None = None) -> int:
    options = _arguments(argv)
    _configure_django()
    if options.child:
        return _child(options.child)
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()
    sizes = sorted(int(size) for size in options.sizes.split(","))
    formats = [f.strip() for f in options.formats.split(",") if f.strip()]
    repeat = max(1, options.repeat)
    with tempfile.TemporaryDirectory(prefix="candour-bench-export-") as scratch:
        _use_a_database_of_its_own(connection, Path(scratch))
        databases = setup_databases(verbosity=0, interactive=False)
        try:
            results = run(
                sizes=sizes,
                formats=formats,
                database=connection.settings_dict["NAME"],
                repeat=repeat,
            )
        finally:
            teardown_databases(databases, verbosity=0)
    print(report(results, vendor=connection.vendor, repeat=repeat))
    return 0


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated")
    parser.add_argument("--formats", default=DEFAULT_FORMATS, help="comma-separated")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the median is kept")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # one export, in this process
    return parser.parse_args(argv)


def _configure_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers")
    import django

    django.setup()
    database = os.environ.get(DATABASE_VARIABLE)
    if database:
        from django.db import connection

        connection.settings_dict["NAME"] = database


def _use_a_database_of_its_own(connection, scratch: Path) -> None:
    """Never the development or test database: one named after it, made and dropped here."""
    if connection.vendor == "sqlite":
        name = str(scratch / "bench.sqlite3")
    else:
        # Named after the configured database and this process: two runs never share one.
        name = f"{connection.settings_dict['NAME']}_bench_export_{os.getpid()}"
    connection.settings_dict.setdefault("TEST", {})["NAME"] = name


def run(*, sizes: list[int], formats: list[str], database: str, repeat: int = 1) -> list[dict]:
    from responses.models import Response
    from surveys.demo.seed import demo_survey_seed

    survey = demo_survey_seed().survey
    results = []
    for size in sizes:
        have = survey.responses.filter(status=Response.Status.COMPLETE).count()
        seeding = _seed(survey.slug, size - have) if size > have else None
        _analyze()
        copy = _median([_copy_seconds(survey) for _ in range(repeat)], key=lambda s: s or 0)
        exports = {}
        for name in formats:
            runs = [_export_in_a_fresh_process(name, survey.slug, database) for _ in range(repeat)]
            exports[name] = _median(runs, key=lambda measured: measured["seconds"])
            print(f"({size:,} {name}: {exports[name]}, COPY {copy})", file=sys.stderr, flush=True)
        for name, measured in exports.items():
            if measured["read"] != size:
                raise RuntimeError(f"{name}: {measured['read']} responses read, {size} expected")
        results.append({"size": size, "seeding": seeding, "copy": copy, "exports": exports})
        print(f"(measured {size:,} responses)", file=sys.stderr, flush=True)
    return results


def _median(measurements: list, *, key):
    """The middle measurement by `key` (the lower middle of an even number)."""
    return sorted(measurements, key=key)[(len(measurements) - 1) // 2]


def _seed(slug: str, count: int) -> dict:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("seed_responses", slug, "--count", str(count), "--seed", str(count), stdout=None)
    return {"count": count, "seconds": time.perf_counter() - started}


def _analyze() -> None:
    """Fresh planner statistics after the bulk insert, as autovacuum would soon make them: the
    measurements are of a table as it is in use, not of one a second after a million rows
    arrived with statistics of an empty one."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE responses_response")


def _copy_seconds(survey) -> float | None:
    """PostgreSQL's COPY of the same rows' answers, read to the end; None on SQLite."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    survey_id = int(survey.pk)  # a number: nothing to inject
    query = (
        f"COPY (SELECT answers FROM responses_response WHERE survey_id = {survey_id} "  # noqa: S608
        "AND status = 'complete' AND NOT is_test) TO STDOUT"
    )
    started = time.perf_counter()
    with connection.cursor() as cursor, cursor.cursor.copy(query) as copy:
        for _ in copy:
            pass
    return time.perf_counter() - started


def _export_in_a_fresh_process(name: str, slug: str, database: str) -> dict:
    env = {**os.environ, DATABASE_VARIABLE: database}
    ran = subprocess.run(  # noqa: S603 - this interpreter, this module
        [sys.executable, "-m", "bench.export_scale", "--child", f"{name}:{slug}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if ran.returncode != 0:
        raise RuntimeError(f"The {name} export failed:\n{ran.stderr}")
    return json.loads(ran.stdout.strip().splitlines()[-1])


def _child(spec: str) -> int:
    """One export, timed, with this process's peak memory; prints one JSON line."""
    from exports.options import ExportOptions
    from exports.pipeline import package_build
    from surveys.models import Survey

    name, slug = spec.split(":", 1)
    survey = Survey.objects.get(slug=slug)
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="candour-export-") as folder:
        started = time.perf_counter()
        result = package_build(
            survey=survey, options=ExportOptions(formats=(name,), seed=1), directory=Path(folder)
        )
        seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_kib = usage.ru_maxrss
    counts = result.counts
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": usage.ru_utime + usage.ru_stime,
                "peak_mib": peak_kib / 1024,
                "read": counts["responses_read"],
                "rows": counts["rows_written"],
                "load": load,  # the machine's 1-minute load average as the export started
            }
        )
    )
    return 0


def report(results: list[dict], *, vendor: str, repeat: int = 1) -> str:
    lines = [
        f"Database: {vendor}. Python {platform.python_version()} ({_interpreter()}) on "
        f"{platform.machine()}, {os.cpu_count()} CPUs.",
        "",
    ]
    if repeat > 1:
        lines += [f"Each export and COPY ran {repeat} times; the run with the median time.", ""]
    for result in results:
        seeding = result["seeding"]
        if seeding:
            rate = seeding["count"] / seeding["seconds"]
            lines.append(
                f"Seeding {seeding['count']} responses (to {result['size']:,}) took "
                f"{seeding['seconds']:.1f} s ({rate:,.0f} per second)."
            )
    lines += [
        "",
        "| Responses | Format | Rows written | Export s | Export CPU s | COPY s "
        "| Export ÷ COPY | Peak memory MiB | Load |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        copy = result["copy"]
        for name, measured in result["exports"].items():
            copy_text = f"{copy:.1f}" if copy else "—"
            ratio = f"{measured['seconds'] / copy:.1f}×" if copy else "—"
            lines.append(
                f"| {result['size']:,} | {name} | {measured['rows']:,} | "
                f"{measured['seconds']:.1f} | {measured['cpu_seconds']:.1f} | {copy_text} | "
                f"{ratio} | {measured['peak_mib']:.0f} | {measured.get('load', 0):.1f} |"
            )
    return "\n".join(lines)


def _interpreter() -> str:
    """Which build of Python ran the exports: builds differ by a fifth in speed (a distribution's
    or the official Docker image's against one compiled without profile-guided optimisation),
    which moves every ratio to COPY (docs/benchmarks.md, "Third exports pass")."""
    return f"installed in {sys.base_prefix}"


if __name__ == "__main__":
    sys.exit(main())
