"""Where one page view's time goes: CPU per view of a 10-question page, then its profile.

    .venv/bin/python -m bench.profile_page [--views 100] [--limit 60]

In a database of its own, one respondent starts the like-for-like instrument (bench.instruments)
and views its first page through Django's test client: ten times untimed (templates compiled,
the instrument cached), `--views` times timed by this process's CPU clock (printed as "ms CPU
per page view"), then as many times again under cProfile, whose functions it prints by
cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--views", type=int, default=100)
    parser.add_argument("--limit", type=int, default=60)
    options = parser.parse_args(argv)

    from bench.respondent_journey import database_of_its_own

    with database_of_its_own():
        from django.test import Client

        from bench.instruments import like_for_like_survey
        from responses import ratelimit

        ratelimit.forget_all()
        survey = like_for_like_survey()
        client = Client(REMOTE_ADDR="10.9.9.9")
        page = client.post(f"/s/{survey.slug}/start/")["Location"]
        for _ in range(10):
            client.get(page)
        started = time.process_time()
        for _ in range(options.views):
            if client.get(page).status_code != 200:
                raise RuntimeError(f"{page} did not answer 200")
        cpu_ms = (time.process_time() - started) * 1000 / options.views
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(options.views):
            client.get(page)
        profiler.disable()
    print(f"{cpu_ms:.1f} ms CPU per page view ({options.views} views of {page}, no profiler)")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative").print_stats(
        options.limit
    )
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
