"""Where a respondent request's time goes: cProfile around the in-process journey.

    .venv/bin/python -m bench.profile_journey --respondents 30 [--sort tottime] [--limit 30]

Respondents complete the demo survey through Django's test client (bench.respondent_journey) in
a database of its own, once untimed (templates compiled, instruments cached), then again under
cProfile, timed by this process's CPU time (so other programs on the machine do not inflate
it; time spent waiting for the database is not in it); it prints the functions that took the
most, as docs/benchmarks.md shows them.
The benchmark's own work (making answers, reading pages) is in the profile too, under
bench.respondent_journey; everything below Django's test client is the server's.
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
    parser.add_argument("--respondents", type=int, default=30)
    parser.add_argument("--sort", default="tottime", choices=["tottime", "cumulative"])
    parser.add_argument("--limit", type=int, default=30)
    options = parser.parse_args(argv)

    from bench.respondent_journey import database_of_its_own, run

    with database_of_its_own():
        run(respondents=2, seed=1)
        profiler = cProfile.Profile(time.process_time)  # CPU: other processes do not count
        profiler.enable()
        run(respondents=options.respondents, seed=2)
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(options.sort)
    stats.print_stats(options.limit)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
