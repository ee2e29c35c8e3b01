"""How fast the server answers respondents, and how much memory it takes to do so.

Respondents complete the demo survey one after another through the real URLs, views, forms
and database (Django's test client, in this process, so the figures are the server's own time
without a network or a browser). Each request is timed and its database queries counted, by
kind: the start page, starting, viewing a page, saving a page, the check page and submitting.

    .venv/bin/python -m bench.respondent_journey --respondents 200

It uses the database that `DATABASE_URL` configures (SQLite when unset), in a throwaway
database of its own that it creates, migrates and drops, and prints a Markdown table for
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import resource
import statistics
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOKEN = re.compile(r'name="(token|shown)" value="([^"]*)"')
PAGE_PATH = re.compile(r"/p/(\d+)/")
KINDS = ("start page", "begin", "page view", "page save", "check page", "submit")


@dataclass
class Timings:
    """Milliseconds and query counts of each request, by kind of request."""

    milliseconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    queries: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def add(self, kind: str, seconds: float, queries: int) -> None:
        self.milliseconds[kind].append(seconds * 1000)
        self.queries[kind].append(queries)


class JourneyFailed(RuntimeError):
    pass


def main(argv: list[str] | None = None) -> int:
    options = _arguments(argv)
    with database_of_its_own():
        from django.db import connection

        timings, seconds = run(respondents=options.respondents, seed=options.seed)
        vendor = connection.vendor
    print(report(timings, seconds, respondents=options.respondents, vendor=vendor))
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=200, help="how many complete it")
    parser.add_argument("--seed", type=int, default=1, help="for the random answers")
    return parser.parse_args(argv)


def _configure_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Static files are not collected for a benchmark; WhiteNoise need not say so.
    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers")
    import django

    django.setup()


def _use_a_database_of_its_own(connection, scratch: Path) -> None:
    """Never the development or the test suite's database: one made for this run."""
    if connection.vendor == "sqlite":
        name = str(scratch / "bench.sqlite3")
    else:
        name = f"candour_bench_{os.getpid()}"
    connection.settings_dict.setdefault("TEST", {})["NAME"] = name


@contextmanager
def database_of_its_own() -> Iterator[Path]:
    """Django configured, and a database made for this run (dropped afterwards), for every
    benchmark and profiling command; yields a scratch directory that lives as long."""
    _configure_django()
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()
    with tempfile.TemporaryDirectory(prefix="candour-bench-") as scratch:
        _use_a_database_of_its_own(connection, Path(scratch))
        databases = setup_databases(verbosity=0, interactive=False)
        try:
            yield Path(scratch)
        finally:
            connection.close()
            teardown_databases(databases, verbosity=0)


def run(*, respondents: int, seed: int) -> tuple[Timings, float]:
    """Seed the demo survey, then have `respondents` people complete it; time every request."""
    from responses import ratelimit
    from responses.models import Response
    from surveys.demo.seed import demo_survey_seed
    from surveys.schema import instrument_for_version

    ratelimit.forget_all()  # starts are counted per hour; a run before this one is not a visitor
    seeded = demo_survey_seed()
    survey = seeded.survey
    instrument = instrument_for_version(survey.current_version)
    rng = random.Random(seed)  # noqa: S311 - sample answers, not secrets
    timings = Timings()
    started = time.perf_counter()
    for number in range(respondents):
        _complete(survey.slug, instrument, rng, timings, address=_address(number))
    seconds = time.perf_counter() - started
    complete = survey.responses.filter(status=Response.Status.COMPLETE).count()
    if complete != seeded.complete_count + respondents:
        raise JourneyFailed(f"{complete - seeded.complete_count} of {respondents} are complete")
    return timings, seconds


def _address(number: int) -> str:
    """Respondents come from many networks (starts are limited per network per hour)."""
    return f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"


def _complete(slug: str, instrument, rng: random.Random, timings: Timings, *, address: str) -> None:
    """One respondent: start, answer every page that applies, check, submit."""
    from django.test import Client
    from django.urls import reverse

    def url(name: str) -> str:
        return reverse(f"responses:{name}", args=[slug])

    client = Client(REMOTE_ADDR=address)
    _timed(timings, "start page", client.get, url("start"))
    location = _timed(timings, "begin", client.post, url("begin"))["Location"]
    while match := PAGE_PATH.search(location):
        page = instrument.pages[int(match.group(1)) - 1]
        shown = _timed(timings, "page view", client.get, location)
        data = {**_hidden_fields(shown), "action": "continue", **_answers(page, rng)}
        saved = _timed(timings, "page save", client.post, location, data)
        if saved.status_code != 302:
            raise JourneyFailed(f"{location} refused the sample answers: {saved.status_code}")
        location = saved["Location"]
    check = _timed(timings, "check page", client.get, location)
    done = _timed(timings, "submit", client.post, url("submit"), _hidden_fields(check))
    if done["Location"] != url("complete"):
        raise JourneyFailed(f"submitting led to {done['Location']}, not the completion page")


def _timed(timings: Timings, kind: str, send, *args):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = send(*args)
        elapsed = time.perf_counter() - started
    if response.status_code >= 400:
        raise JourneyFailed(f"{kind} answered {response.status_code}")
    timings.add(kind, elapsed, len(queries))
    return response


def _hidden_fields(response) -> dict[str, str]:
    return dict(TOKEN.findall(response.content.decode()))


def _answers(page, rng: random.Random) -> dict:
    """What a person posts who answers every question on the page, follow-ups included.

    Follow-ups whose condition turns out false are posted too, as without JavaScript; the
    server drops them.
    """
    from surveys.question_types import field_name

    data = {}
    for question in page.questions:
        if not question.kind.has_answer:
            continue
        answers = question.kind.sample_answers(question, rng)
        for suffix, value in question.kind.initial(question, answers).items():
            data[field_name(question, suffix)] = value
    return data


def report(timings: Timings, seconds: float, *, respondents: int, vendor: str) -> str:
    """A Markdown table of the timings, with what they were measured on."""
    lines = [
        f"Respondents: {respondents} completed the demo survey one after another in "
        f"{seconds:.1f} s ({respondents / seconds:.1f} per second).",
        f"Database: {vendor}. Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs. Peak memory of the process: {_peak_rss_mib():.0f} MiB.",
        "",
        "| Request | Count | Median ms | 95th percentile ms | Max ms | Queries (median) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind in KINDS:
        times = timings.milliseconds.get(kind, [])
        if not times:
            continue
        lines.append(
            f"| {kind} | {len(times)} | {statistics.median(times):.1f} | "
            f"{_percentile(times, 95):.1f} | {max(times):.1f} | "
            f"{statistics.median(timings.queries[kind]):.0f} |"
        )
    return "\n".join(lines)


def _percentile(values: list[float], percent: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def _peak_rss_mib() -> float:
    """Peak resident memory: kilobytes on Linux, bytes on macOS."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


if __name__ == "__main__":
    sys.exit(main())
