"""Settings of the benchmark's own server: Candour's settings, plus two things for measuring.

- `bench.ceiling`, a bare Django view that stores one JSON row per POST, served by the same
  gunicorn with the same middleware, database and cache: the ceiling a respondent page is
  compared with. It exists only here: production URLs never include it.
- A first middleware that counts the SQL statements each request sends and returns the count
  in a response header, so the load client can report SQL per request from outside.
"""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS, MIDDLEWARE

INSTALLED_APPS = [*INSTALLED_APPS, "bench.ceiling"]
MIDDLEWARE = ["bench.ceiling.middleware.count_queries", *MIDDLEWARE]
ROOT_URLCONF = "bench.urls"

# The API's per-token limit guards a real server; here one token sends every submission of the
# run, so the limit is set out of reach (the counting itself still happens and is measured).
CANDOUR_API_REQUESTS_PER_MINUTE = 10**9
